#include "ReplyText.h"

#include "BounceFormats.h"
#include "DsnParser.h"
#include "EspEvents.h"
#include "RegexSubject.h"
#include "SmtpStatus.h"

#include <QRegularExpression>

#include <optional>

namespace headerlens {

namespace {

const QString ReplyFormat = QStringLiteral("reply-text");

// One reply as pasted: the address it concerns (when it names one), its text and what a log
// line said about it.
struct PastedReply
{
    QString address;
    QString text;
    QString action; // from a log line's own word (bounced, deferred, sent), else empty
    QString host;   // the answering server, when a log line names it
    QString status; // the enhanced status a log line states (Postfix dsn=)
    int code = 0;
    bool open = false; // a multi-line reply ("550-...") waiting for its last line
};

QString bareAddress(const QString& text)
{
    static const QRegularExpression angle(QStringLiteral("<([^\\s<>]+@[^\\s<>]+)>"));
    static const QRegularExpression bare(
        QStringLiteral("(?<![\\w.+%=-])([\\w.+%=-]+@[A-Za-z0-9](?:[\\w-]*[A-Za-z0-9])?(?:\\.[\\w-]+)+)"));
    // A 551's new address ("User not local; please try <new@b.example>") is where the mail should
    // go now, not the address that failed: a reply naming only that one names no recipient.
    static const QRegularExpression forwardTo(
        QStringLiteral("(?i)(please try|forward(?:ing)? (?:it )?to|moved to|new address(?: is)?:?)\\s*$"));
    QRegularExpressionMatch m = RegexSubject::match(angle, text);
    if (!m.hasMatch())
        m = RegexSubject::match(bare, text);
    if (!m.hasMatch())
        return QString();
    if (RegexSubject::match(forwardTo, text.left(m.capturedStart()).right(40)).hasMatch())
        return QString();
    return m.captured(1);
}

// The reply speaks of the envelope sender (a refusal at MAIL FROM): its address is not a
// recipient's.
bool aboutSender(const QString& text)
{
    static const QRegularExpression sender(
        QStringLiteral("(?i)sender address rejected|sender (?:address )?(?:is )?(?:refused|denied|blocked)|"
                       "sender verif(?:y|ication) failed|verification failed for|MAIL FROM|return.path"));
    return RegexSubject::match(sender, text).hasMatch();
}

QString actionForCode(int code)
{
    switch (code / 100) {
    case 2:
        return QStringLiteral("delivered");
    case 4:
        return QStringLiteral("delayed");
    case 5:
        return QStringLiteral("failed");
    default:
        return QString();
    }
}

// The enhanced status a log line states in its "dsn=5.1.1" field (Postfix, Sendmail), or nothing.
QString logDsnStatus(const QString& line)
{
    static const QRegularExpression dsn(QStringLiteral("\\bdsn=(?<status>[245]\\.\\d{1,3}\\.\\d{1,3})\\b"));
    return RegexSubject::match(dsn, line).captured(u"status");
}

QString actionForLogWord(const QString& word)
{
    const QString w = word.toLower();
    if (w == QLatin1String("bounced") || w == QLatin1String("expired") || w == QLatin1String("**"))
        return QStringLiteral("failed");
    if (w == QLatin1String("deferred") || w == QLatin1String("=="))
        return QStringLiteral("delayed");
    if (w == QLatin1String("sent") || w == QLatin1String("delivered") || w == QLatin1String("=>") ||
        w == QLatin1String("->"))
        return QStringLiteral("delivered");
    return QString();
}

// A line that is only an address, as NDRs list their recipients: "a@b.example",
// "<a@b.example>", "a@b.example (a@b.example)".
QString addressLine(const QString& line)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*<?([^\\s<>()]+@[^\\s<>()]+?)>?\\s*(?:\\([^)]*\\))?\\s*$"));
    const QRegularExpressionMatch m = RegexSubject::match(re, line);
    return m.hasMatch() ? m.captured(1) : QString();
}

class LineReader
{
public:
    QList<PastedReply> replies;
    QString reportingMta;

    void read(const QString& text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (const QString& raw : lines)
            readLine(raw);
    }

private:
    QString m_pendingAddress; // an address line waiting for the reply that follows it

    void add(PastedReply reply)
    {
        if (reply.address.isEmpty() && !m_pendingAddress.isEmpty())
            reply.address = m_pendingAddress;
        if (reply.address.isEmpty() && !aboutSender(reply.text))
            reply.address = bareAddress(reply.text);
        m_pendingAddress.clear();
        replies.append(reply);
    }

    void readLine(const QString& raw)
    {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            return;

        // Postfix: "... to=<a@b>, relay=mx.b[192.0.2.1]:25, ..., status=bounced (host ... said: 550 ...)"
        static const QRegularExpression postfix(
            QStringLiteral("\\bto=<(?<addr>[^>]*)>.*\\bstatus=(?<word>\\w+)\\s*\\((?<text>.*)\\)\\s*$"));
        static const QRegularExpression relay(QStringLiteral("\\brelay=(?<host>[^\\s,\\[]+)"));
        QRegularExpressionMatch m = RegexSubject::match(postfix, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.address = m.captured(u"addr");
            r.text = m.captured(u"text");
            r.action = actionForLogWord(m.captured(u"word"));
            r.status = logDsnStatus(line);
            const QRegularExpressionMatch h = RegexSubject::match(relay, line);
            if (h.hasMatch() && h.captured(u"host") != QLatin1String("none"))
                r.host = h.captured(u"host");
            add(r);
            return;
        }
        // Sendmail: "to=<a@b>, ctladdr=<s@c> (1001/1001), ..., dsn=5.1.1, stat=User unknown" (its
        // stat= is the outcome: "Sent (...)", "Deferred: 450 ...", or the reason); OpenSMTPD writes
        // "to=<a@b> ... result=\"Ok\" stat=\"250 2.0.0 Ok\"" alike. ctladdr= is the sender.
        static const QRegularExpression sendmail(QStringLiteral(
            "\\bto=<?(?<addr>[^\\s<>,]+@[^\\s<>,]+?)>?[,\\s].*\\bstat=\"?(?<stat>[^\"]*)\"?\\s*$"));
        m = RegexSubject::match(sendmail, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.address = m.captured(u"addr");
            QString stat = m.captured(u"stat").trimmed();
            r.status = logDsnStatus(line);
            // OpenSMTPD says the outcome in result=: "Ok", "TempFail", "PermFail", "Loop".
            static const QRegularExpression result(QStringLiteral("\\bresult=\"?(?<word>[A-Za-z]+)"));
            const QString outcome = RegexSubject::match(result, line).captured(u"word").toLower();
            if (outcome == QLatin1String("tempfail")) {
                r.action = QStringLiteral("delayed");
            } else if (outcome == QLatin1String("permfail") || outcome == QLatin1String("loop")) {
                r.action = QStringLiteral("failed");
            } else if (stat.startsWith(QLatin1String("Sent"), Qt::CaseInsensitive) || stat.startsWith(u'2')) {
                r.action = QStringLiteral("delivered");
            } else if (stat.startsWith(QLatin1String("Deferred"), Qt::CaseInsensitive)) {
                r.action = QStringLiteral("delayed");
                stat = stat.mid(8);
                while (stat.startsWith(u':') || stat.startsWith(u' '))
                    stat.remove(0, 1);
            } else {
                r.action = r.status.startsWith(u'4') ? QStringLiteral("delayed") : QStringLiteral("failed");
            }
            r.text = stat;
            const QRegularExpressionMatch h = RegexSubject::match(relay, line);
            if (h.hasMatch())
                r.host = h.captured(u"host");
            add(r);
            return;
        }
        // Exim main log: "** a@b R=... T=... H=mx.b [192.0.2.1]: SMTP error from remote mail
        // server after RCPT TO:<a@b>: 550 ..." (failed), "== a@b ... defer (-44): ..." (deferred),
        // "=> a@b ... C=\"250 2.0.0 Ok: queued as ...\"" (delivered).
        static const QRegularExpression eximDelivered(
            QStringLiteral("(?:^|\\s)(?:=>|->)\\s+(?<addr>[^\\s<>]+@[^\\s<>:]+).*\\bC=\"(?<text>[^\"]*)\""));
        m = RegexSubject::match(eximDelivered, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.address = m.captured(u"addr");
            r.text = m.captured(u"text");
            r.action = QStringLiteral("delivered");
            add(r);
            return;
        }
        // Office 365 message trace: "Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; ...};
        // {MSG=};{FQDN=};{IP=};{LRT=}]": the LED is the last error, the rest is not the server's.
        static const QRegularExpression led(QStringLiteral("\\{LED=(?<text>[245]\\d\\d[^}]*)\\}"));
        m = RegexSubject::match(led, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.text = m.captured(u"text");
            add(r);
            return;
        }
        // The trace or report names its recipient on a line of its own words.
        static const QRegularExpression detailsFor(
            QStringLiteral("(?i)^\\s*(?:message trace details for|recipient(?: address)?\\s*:)\\s*<?"
                           "(?<addr>[^\\s<>()]+@[A-Za-z0-9.-]*[A-Za-z0-9])>?\\s*$"));
        m = RegexSubject::match(detailsFor, line);
        if (m.hasMatch()) {
            // After the reply it names (a message trace lists the recipient last): that reply's.
            if (!replies.isEmpty() && replies.last().address.isEmpty())
                replies.last().address = m.captured(u"addr");
            else
                m_pendingAddress = m.captured(u"addr");
            return;
        }
        // qmail's log: "starting delivery 12: msg 34 to remote a@b", then "delivery 12: failure:
        // 192.0.2.7_does_not_like_recipient./Remote_host_said:_550_..." (spaces written as '_',
        // line breaks as '/').
        static const QRegularExpression qmailStart(
            QStringLiteral("\\bstarting delivery \\d+: msg \\d+ to (?:remote|local) (?<addr>[^\\s@]+@\\S+)"));
        m = RegexSubject::match(qmailStart, line);
        if (m.hasMatch()) {
            m_pendingAddress = m.captured(u"addr");
            return;
        }
        static const QRegularExpression qmailDelivery(
            QStringLiteral("\\bdelivery \\d+: (?<kind>success|failure|deferral): (?<text>.*)$"));
        m = RegexSubject::match(qmailDelivery, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.text = m.captured(u"text").replace(u'_', u' ').replace(u'/', u' ').simplified();
            const QString kind = m.captured(u"kind");
            r.action = kind == QLatin1String("success")    ? QStringLiteral("delivered")
                       : kind == QLatin1String("deferral") ? QStringLiteral("delayed")
                                                           : QStringLiteral("failed");
            add(r);
            return;
        }
        // Prose and labelled fields around a reply name the recipient: "Your message to a@b has
        // been blocked", "problem delivering your message to a@b", "Recipients : {a@b}",
        // Haraka's "rcpt=<a@b>". The reply itself may follow on this line or a later one.
        static const QRegularExpression named(
            QStringLiteral("(?i)(?:\\byour message to|\\bdelivering your message to|"
                           "\\b(?:wasn't|was not|couldn't be|could not be) delivered to|"
                           "\\brecipients?\\s*:\\s*\\{|\\brcpt=<)"
                           "\\s*<?(?<addr>[^\\s<>{}]+@[A-Za-z0-9.-]*[A-Za-z0-9])"));
        m = RegexSubject::match(named, line);
        if (m.hasMatch() && m_pendingAddress.isEmpty())
            m_pendingAddress = m.captured(u"addr");
        static const QRegularExpression exim(
            QStringLiteral("(?:^|\\s)(?<flag>\\*\\*|==)\\s+(?<addr>[^\\s<>]+@[^\\s<>:]+)(?<rest>.*)$"));
        m = RegexSubject::match(exim, line);
        if (m.hasMatch()) {
            const QString rest = m.captured(u"rest");
            const qsizetype colon = rest.indexOf(QLatin1String(": "));
            PastedReply r;
            r.address = m.captured(u"addr");
            r.text = colon >= 0 ? rest.mid(colon + 2) : rest.trimmed();
            r.action = actionForLogWord(m.captured(u"flag"));
            static const QRegularExpression host(QStringLiteral("\\bH=(?<host>[^\\s\\[]+)"));
            const QRegularExpressionMatch h = RegexSubject::match(host, rest);
            if (h.hasMatch())
                r.host = h.captured(u"host");
            add(r);
            return;
        }
        // Office 365: "Generating server: ..." and "Remote Server returned '550 5.1.10 ...'".
        static const QRegularExpression generating(QStringLiteral("^Generating server:\\s*(?<host>\\S+)"));
        m = RegexSubject::match(generating, line);
        if (m.hasMatch()) {
            reportingMta = m.captured(u"host");
            return;
        }
        static const QRegularExpression returned(
            QStringLiteral("(?i)^(?:Remote Server returned|Error:)\\s*'?(?<text>[245]\\d\\d.*?)'?\\s*$"));
        m = RegexSubject::match(returned, line);
        if (m.hasMatch()) {
            PastedReply r;
            r.text = m.captured(u"text");
            add(r);
            return;
        }
        // An SMTP reply: "550 5.1.1 ...", "550-5.7.26 ..." (more lines follow), "> 550 ...".
        static const QRegularExpression reply(QStringLiteral("^>?\\s*(?<code>[245]\\d\\d)(?<sep>[ -]|$)"));
        m = RegexSubject::match(reply, line);
        if (m.hasMatch()) {
            const int code = m.captured(u"code").toInt();
            const bool more = m.captured(u"sep") == QLatin1String("-");
            if (!replies.isEmpty() && replies.last().open && replies.last().code == code) {
                PastedReply& last = replies.last();
                last.text += QLatin1Char('\n') + line;
                last.open = more;
                if (last.address.isEmpty() && !aboutSender(line))
                    last.address = bareAddress(line);
                return;
            }
            PastedReply r;
            r.text = line;
            r.code = code;
            r.open = more;
            add(r);
            return;
        }
        // A reply quoted inside an MTA's sentence: "host mx.b.example[192.0.2.1] said: 550 ...".
        static const QRegularExpression quoted(QStringLiteral(
            "(?i)\\b(?:said|answered|replied|returned|responded|error|bounce)\\s*:?\\s*'?[245]\\d\\d[ -]"));
        if (RegexSubject::match(quoted, line).hasMatch()) {
            PastedReply r;
            r.text = line;
            add(r);
            return;
        }
        const QString address = addressLine(line);
        if (!address.isEmpty()) {
            m_pendingAddress = address;
            return;
        }
        // A wrapped continuation of the last reply (a log viewer or a mail program broke it).
        if (!replies.isEmpty() && replies.last().open)
            replies.last().text += QLatin1Char('\n') + line;
    }
};

RecipientReport toRecipient(const PastedReply& reply, const QString& reportingMta)
{
    RecipientReport r;
    r.address = reply.address;
    r.finalRecipient = reply.address;
    r.remoteMta = reply.host;
    r.reportingMta = reportingMta;
    r.format = ReplyFormat;
    r.status = reply.status;
    // The code that starts a reply line is the server's answer, whatever earlier reply it quotes
    // ("554 4.4.7 Message expired ... <421 4.4.0 Unable to lookup DNS ...>": the last attempt's
    // error inside the final one), even when its status's class differs.
    r.replyCode = reply.code;
    BounceFormats::fillFromServerText(r, reply.text);
    r.action = reply.action;
    if (r.action.isEmpty()) {
        const int cls =
            r.replyCode > 0 ? r.replyCode : (!r.status.isEmpty() ? r.status.front().digitValue() * 100 : 0);
        r.action = actionForCode(cls);
    }
    return r;
}

// The sending MTA's own statement when no server answered: the connection or the DNS lookup
// failed ("connect to mx.b.example[192.0.2.1]:25: Connection refused", "Host or domain name not
// found. Name service error for name=b.example type=MX: Host not found"). A connection failure
// is retried (RFC 5321 section 4.5.4.1); a lookup that found no such domain is final unless the
// MTA says it will try again.
std::optional<PastedReply> mtaStatement(const QString& text)
{
    const QString t = text.simplified();
    if (t.isEmpty() || t.size() > 2000)
        return std::nullopt;
    static const QRegularExpression connection(QStringLiteral(
        "(?i)\\bconnection (?:refused|timed out|reset)|\\btimed out while|\\bno route to host|"
        "\\bnetwork is unreachable|\\blost connection with|\\bconversation with .{1,200} timed out|"
        "\\bconnect to \\S+: "));
    static const QRegularExpression lookup(QStringLiteral(
        "(?i)\\bhost or domain name not found|\\bname service error|\\bdomain (?:name )?not found|"
        "\\bno mx (?:record|host)s?\\b|\\bunrouteable (?:mail )?domain"));
    // Postfix's "Host not found, try again" (a lookup that may work later); not Gmail's "check for
    // typos ... and try again", which asks the user.
    static const QRegularExpression tryAgain(
        QStringLiteral("(?i),\\s*try again|try again later|\\btemporar"));
    const bool connectionFailed = RegexSubject::match(connection, t).hasMatch();
    const bool lookupFailed = RegexSubject::match(lookup, t).hasMatch();
    if (!connectionFailed && !lookupFailed)
        return std::nullopt;
    PastedReply r;
    r.text = t;
    if (!aboutSender(t))
        r.address = bareAddress(t);
    r.action = lookupFailed && !connectionFailed && !RegexSubject::match(tryAgain, t).hasMatch()
                   ? QStringLiteral("failed")
                   : QStringLiteral("delayed");
    return r;
}

ReportKind kindFor(const QList<RecipientReport>& recipients)
{
    bool allDelayed = true;
    bool allDelivered = true;
    for (const RecipientReport& r : recipients) {
        allDelayed = allDelayed && r.action == QLatin1String("delayed");
        allDelivered = allDelivered && r.action == QLatin1String("delivered");
    }
    if (allDelivered)
        return ReportKind::DeliveryNotice;
    return allDelayed ? ReportKind::DelayNotice : ReportKind::Bounce;
}

QString normalised(const QString& text)
{
    QString t = text;
    if (t.contains(QLatin1Char('\r'))) {
        t.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        t.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    }
    // The returned original's headers (Office 365: "Original message headers:") are not replies.
    const qsizetype original = BounceFormats::originalMessageMarker(t);
    if (original > 0)
        t.truncate(original);
    static const QRegularExpression o365(QStringLiteral("(?im)^Original message headers:\\s*$"));
    const QRegularExpressionMatch m = RegexSubject::match(o365, t);
    if (m.hasMatch())
        t.truncate(m.capturedStart());
    return t;
}

// A CSV export with a header line (PowerMTA's accounting file: type,...,rcpt,...,dsnAction,
// dsnStatus,dsnDiag,...): one reply per row. Quoted fields may hold commas.
QStringList csvFields(const QString& line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == u'"') {
            if (quoted && i + 1 < line.size() && line[i + 1] == u'"') {
                field += c;
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (c == u',' && !quoted) {
            out.append(field.trimmed());
            field.clear();
        } else {
            field += c;
        }
    }
    out.append(field.trimmed());
    return out;
}

QList<PastedReply> csvReplies(const QString& text)
{
    QList<PastedReply> replies;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() < 2)
        return replies;
    const QStringList header = csvFields(lines.first().toLower());
    const auto column = [&](std::initializer_list<const char*> names) {
        for (const char* n : names) {
            const qsizetype i = header.indexOf(QLatin1String(n));
            if (i >= 0)
                return i;
        }
        return qsizetype(-1);
    };
    const qsizetype rcpt = column({"rcpt", "recipient", "recipient address", "email"});
    const qsizetype diag = column({"dsndiag", "diagnostic", "diagnostic-code", "smtp response", "reason"});
    const qsizetype status = column({"dsnstatus", "status code", "enhanced status"});
    const qsizetype action = column({"dsnaction", "action"});
    const qsizetype type = column({"type"});
    if (rcpt < 0 || (diag < 0 && status < 0))
        return replies;
    static const QRegularExpression statusCode(QStringLiteral("^[245]\\.\\d{1,3}\\.\\d{1,3}"));
    for (const QString& line : lines.mid(1)) {
        const QStringList f = csvFields(line);
        if (f.size() <= rcpt || !f[rcpt].contains(u'@'))
            continue;
        PastedReply r;
        r.address = f[rcpt];
        if (diag >= 0 && diag < f.size())
            r.text = DsnParser::valueWithoutType(f[diag]); // "smtp;550 ..." as in a Diagnostic-Code
        if (status >= 0 && status < f.size()) {
            const QRegularExpressionMatch m = statusCode.match(f[status]);
            if (m.hasMatch())
                r.status = m.captured(0);
        }
        const QString a = action >= 0 && action < f.size() ? f[action].toLower() : QString();
        const QString t = type >= 0 && type < f.size() ? f[type].toLower() : QString();
        if (a == QLatin1String("delivered") || a == QLatin1String("relayed") || t == QLatin1String("d"))
            r.action = QStringLiteral("delivered");
        else if (a == QLatin1String("delayed") || t == QLatin1String("t"))
            r.action = QStringLiteral("delayed");
        else
            r.action = QStringLiteral("failed");
        replies.append(r);
    }
    return replies;
}

} // namespace

DeliveryReport ReplyText::read(const QString& text)
{
    // A sending service's event (JSON from a webhook log or a dashboard): its fields name the
    // recipient and quote the server's reply.
    if (std::optional<DeliveryReport> events = EspEvents::read(text))
        return *events;
    DeliveryReport report;
    report.format = ReplyFormat;
    const QString t = normalised(text);
    report.humanText = t.trimmed();

    // A known bounce layout reads the visible text of an NDR exactly as it reads the bounce itself.
    BounceFormats::Input input;
    input.text = t;
    input.fullText = text;
    const BounceFormats::Result layout = BounceFormats::read(input);
    if (!layout.recipients.isEmpty() && layout.format != QLatin1String("generic")) {
        report.format = layout.format;
        report.recipients = layout.recipients;
        LineReader lines; // for what the layout leaves out, such as Office 365's generating server
        lines.read(t);
        report.reportingMta = lines.reportingMta;
        for (RecipientReport& r : report.recipients) {
            // "Remote Server returned '550 ...'": the quotation marks are not the server's.
            if (r.diagnostic.endsWith(QLatin1Char('\'')) && !r.diagnostic.startsWith(QLatin1Char('\'')))
                r.diagnostic.chop(1);
            if (r.reportingMta.isEmpty())
                r.reportingMta = lines.reportingMta;
            if (r.action.isEmpty())
                r.action = layout.delayed ? QStringLiteral("delayed") : QStringLiteral("failed");
        }
        report.kind = layout.delayed ? ReportKind::DelayNotice : kindFor(report.recipients);
        return report;
    }

    LineReader reader;
    reader.replies = csvReplies(t);
    if (reader.replies.isEmpty())
        reader.read(t);
    report.reportingMta = reader.reportingMta;
    for (const PastedReply& reply : std::as_const(reader.replies))
        report.recipients.append(toRecipient(reply, reader.reportingMta));
    if (report.recipients.isEmpty() && !layout.recipients.isEmpty()) {
        report.format = layout.format;
        report.recipients = layout.recipients;
    }
    if (report.recipients.isEmpty()) {
        const std::optional<PastedReply> own = mtaStatement(t);
        if (!own)
            return report;
        report.recipients.append(toRecipient(*own, QString()));
    }
    report.kind = kindFor(report.recipients);
    return report;
}

bool ReplyText::looksLikeReplyText(const QString& text)
{
    // Header fields that only a message or a header block has; a reply text never starts a line
    // with them.
    static const QRegularExpression header(
        QStringLiteral("(?im)^(?:Received|From|To|Subject|Date|Message-ID|Return-Path|Delivered-To|"
                       "DKIM-Signature|Authentication-Results|MIME-Version|Content-Type|X-Failed-Recipients)"
                       ":"));
    const QString t = normalised(text);
    if (RegexSubject::match(header, t).hasMatch())
        return false;
    return !read(text).recipients.isEmpty();
}

} // namespace headerlens
