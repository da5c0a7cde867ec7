#include "Redactor.h"

#include "RegexSubject.h"

#include <QRegularExpression>

#include <algorithm>
#include <cctype>

namespace headerlens {

namespace {

const QString RedactedLocalPart = QStringLiteral("***");
const QString RedactedIp = QStringLiteral("[IP]");

// True for an IPv6 address in RFC 4291 section 2.2 text form: eight groups, or fewer with one
// "::", optionally ending in a dotted IPv4 address. "from:to:cc" (a DKIM h= list) and
// "10:13:40" (a time) are not.
bool isIpv6(QStringView candidate)
{
    const qsizetype gap = candidate.indexOf(QLatin1String("::"));
    if (gap >= 0 && candidate.indexOf(QLatin1String("::"), gap + 1) >= 0)
        return false;
    const QList<QStringView> groups = candidate.split(QLatin1Char(':'));
    int count = 0;
    bool hasDigit = false;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QStringView g = groups[i];
        if (g.isEmpty())
            continue; // the "::" gap, or its ends
        if (i == groups.size() - 1 && g.contains(QLatin1Char('.'))) {
            static const QRegularExpression v4(QStringLiteral("^\\d{1,3}(?:\\.\\d{1,3}){3}$"));
            if (!RegexSubject::match(v4, g).hasMatch())
                return false;
            count += 2;
            hasDigit = true;
            continue;
        }
        if (g.size() > 4)
            return false;
        for (const QChar c : g) {
            if (!isxdigit(c.unicode() < 128 ? static_cast<unsigned char>(c.unicode()) : 'g'))
                return false;
            hasDigit = hasDigit || c.isDigit();
        }
        ++count;
    }
    if (gap >= 0)
        return count <= 7 && (count > 0 || candidate == QLatin1String("::"));
    return count == 8 && hasDigit;
}

// A dotted quad that is a software version rather than an address: "Sendmail 8.17.1.9/8.17.1.9",
// "Postfix 3.7.10.1", "version 2.6.0.1", "Exim 4.96.0.2".
bool isVersionNumber(const QString& text, qsizetype start, qsizetype end)
{
    // A slash between two numbers ("8.17.1.9/8.17.1.9"); a slash alone is a URL path
    // ("https://www.spamhaus.org/query/ip/192.0.2.1"), whose address must go.
    if ((start > 1 && text.at(start - 1) == QLatin1Char('/') && text.at(start - 2).isDigit()) ||
        (end + 1 < text.size() && text.at(end) == QLatin1Char('/') && text.at(end + 1).isDigit()))
        return true;
    static const QRegularExpression before(
        QStringLiteral("(?i)(?:\\b(?:sendmail|postfix|exim|qmail|version|ver|release|build|mdaemon|"
                       "exchange|smtpd?|esmtp|milter|amavisd?(?:-new)?|spamassassin|clamav|rspamd|"
                       "kerio|zimbra|icewarp|communigate|haraka|opensmtpd)[ /:=-]*v?|\\bv)$"));
    const QString lead = text.mid(qMax<qsizetype>(0, start - 40), start - qMax<qsizetype>(0, start - 40));
    return RegexSubject::match(before, lead).hasMatch();
}

// Replaces each match of `re` that `keep` does not veto; a match wrapped in brackets, as
// Received fields write addresses ("[203.0.113.45]", "[IPv6:2001:db8::1]"), is replaced with
// its brackets, so that the result reads "[IP]", never "[[IP]]".
template <typename Keep>
void replaceAddresses(QString& text, const QRegularExpression& re, Keep keep)
{
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = RegexSubject::globalMatch(re, text);
    bool changed = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        qsizetype start = m.capturedStart();
        qsizetype end = m.capturedEnd();
        if (start < last || keep(m.captured(), start, end))
            continue;
        qsizetype open = start;
        if (open >= 5 && text.mid(open - 5, 5).compare(QLatin1String("IPv6:"), Qt::CaseInsensitive) == 0)
            open -= 5;
        if (open > 0 && text.at(open - 1) == QLatin1Char('[') && end < text.size() &&
            text.at(end) == QLatin1Char(']')) {
            start = open - 1;
            end += 1;
        }
        out += QStringView(text).mid(last, start - last);
        out += RedactedIp;
        last = end;
        changed = true;
    }
    if (!changed)
        return;
    out += QStringView(text).mid(last);
    text = out;
}

// Personal tokens in URLs (List-Unsubscribe, tracking links): every query value, and path
// segments that look like tokens (long runs of letters and digits that are not words).
void redactUrls(QString& text)
{
    static const QRegularExpression url(QStringLiteral("(?i)\\bhttps?://[^\\s<>\"']+"));
    static const QRegularExpression queryValue(QStringLiteral("([?&;][^=&;#]+=)[^&;#]+"));
    static const QRegularExpression tokenSegment(QStringLiteral("/([A-Za-z0-9_=%+.-]{16,})(?=[/?#]|$)"));
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = RegexSubject::globalMatch(url, text);
    bool changed = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString link = m.captured();
        const qsizetype pathStart = link.indexOf(QLatin1Char('/'), link.indexOf(QLatin1String("//")) + 2);
        if (pathStart < 0)
            continue;
        QString host = link.left(pathStart);
        QString rest = link.mid(pathStart);
        rest.replace(queryValue, QStringLiteral("\\1***"));
        QString redactedPath;
        qsizetype pos = 0;
        QRegularExpressionMatchIterator seg = RegexSubject::globalMatch(tokenSegment, rest);
        while (seg.hasNext()) {
            const QRegularExpressionMatch s = seg.next();
            const QString token = s.captured(1);
            // Letters only ("unsubscribe-confirmation") is a word; a token mixes in digits.
            const bool hasDigit =
                std::any_of(token.cbegin(), token.cend(), [](QChar c) { return c.isDigit(); });
            if (!hasDigit)
                continue;
            redactedPath += rest.mid(pos, s.capturedStart(1) - pos) + QStringLiteral("***");
            pos = s.capturedEnd(1);
        }
        redactedPath += rest.mid(pos);
        const QString redacted = host + redactedPath;
        if (redacted == link)
            continue;
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += redacted;
        last = m.capturedEnd();
        changed = true;
    }
    if (!changed)
        return;
    out += QStringView(text).mid(last);
    text = out;
}

void redactInPlace(QString& text)
{
    if (text.isEmpty())
        return;
    redactUrls(text);
    // addr-spec local parts (RFC 5322 section 3.4.1 dot-atoms and the quoted form), lenient.
    static const QRegularExpression email(QStringLiteral(
        "(?:\"[^\"\\r\\n]{1,64}\"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,128})@(?=[A-Za-z0-9\\[])"));
    static const QRegularExpression ipv4(
        QStringLiteral("(?<![0-9.])(?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(?:\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]{"
                       "1,2})){3}(?!\\.?[0-9])"));
    // IPv6 candidates: hex groups and colons (and a trailing dotted quad); isIpv6() decides.
    static const QRegularExpression ipv6(
        QStringLiteral("(?:(?<=IPv6:)|(?<![0-9A-Za-z:.]))[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\\d{1,"
                       "3}(?:\\.\\d{1,3}){3})?"
                       "(?![0-9A-Za-z:])"));
    text.replace(email, RedactedLocalPart + QLatin1Char('@'));
    replaceAddresses(text, ipv6,
                     [](const QString& candidate, qsizetype, qsizetype) { return !isIpv6(candidate); });
    replaceAddresses(text, ipv4, [&text](const QString&, qsizetype start, qsizetype end) {
        return isVersionNumber(text, start, end);
    });
}

void redactHeaders(HeaderList& headers)
{
    for (HeaderField& f : headers) {
        redactInPlace(f.value);
        QString raw = QString::fromUtf8(f.rawValue);
        redactInPlace(raw);
        f.rawValue = raw.toUtf8();
    }
}

void redactHop(ReceivedHop& h)
{
    for (QString* s : {&h.raw, &h.fromHelo, &h.fromHost, &h.fromIp, &h.byHost, &h.byIp, &h.via, &h.protocol,
                       &h.id, &h.forAddress, &h.envelopeFrom, &h.authenticatedSender})
        redactInPlace(*s);
    for (QString& w : h.warnings)
        redactInPlace(w);
}

void redactChain(RelayChain& chain)
{
    for (RelayHop& hop : chain.hops) {
        redactHop(hop.received);
        redactInPlace(hop.skewedHost);
    }
    for (QString& w : chain.warnings)
        redactInPlace(w);
}

void redactAuthentication(QList<AuthResult>& results)
{
    // smtp.mailfrom, header.i, client-ip and the reason texts name addresses and IPs.
    for (AuthResult& r : results) {
        redactInPlace(r.reason);
        for (auto& property : r.properties)
            redactInPlace(property.second);
    }
}

void redactResult(AuthResult& r)
{
    for (QString* s : {&r.reason, &r.reasonText, &r.resultComment, &r.raw})
        redactInPlace(*s);
    for (QString& c : r.comments)
        redactInPlace(c);
    for (QString& p : r.problems)
        redactInPlace(p);
    for (auto& property : r.properties)
        redactInPlace(property.second);
}

void redactTrust(FieldTrust& t)
{
    redactInPlace(t.checkedBy);
    redactInPlace(t.reason);
}

// The assessment repeats the fields' words: results, DKIM i=, the spam filters' CIP, and the
// sentences built from them.
void redactAssessment(AuthenticationAssessment& a)
{
    for (QStringList* list : {&a.fromProblems, &a.dmarcReasons})
        for (QString& s : *list)
            redactInPlace(s);
    for (AuthenticationField& f : a.fields) {
        redactInPlace(f.value);
        for (QString& p : f.problems)
            redactInPlace(p);
        for (AuthResult& r : f.results)
            redactResult(r);
    }
    for (AssessedResult& r : a.results) {
        redactResult(r.result);
        redactTrust(r.trust);
        redactInPlace(r.why);
        for (QString& n : r.notes)
            redactInPlace(n);
    }
    for (AssessedSignature& s : a.signatures) {
        for (QString* text : {&s.signature.raw, &s.signature.identity, &s.verifiedBy})
            redactInPlace(*text);
        for (auto& tag : s.signature.tags)
            redactInPlace(tag.second);
        for (QStringList* list : {&s.notes, &s.signature.problems})
            for (QString& n : *list)
                redactInPlace(n);
    }
    for (AssessedArcSet& set : a.arcSets) {
        redactTrust(set.trust);
        for (AuthResult& r : set.set.results)
            redactResult(r);
        for (QString& p : set.set.problems)
            redactInPlace(p);
    }
    for (ArcSet& set : a.arc.sets) {
        for (AuthResult& r : set.results)
            redactResult(r);
    }
    for (QString& p : a.arc.problems)
        redactInPlace(p);
    for (AssessedSpamVerdict& v : a.spamVerdicts) {
        redactTrust(v.trust);
        redactInPlace(v.verdict.raw);
        for (auto& value : v.verdict.values)
            redactInPlace(value.second);
        for (QStringList* list : {&v.verdict.meanings, &v.verdict.problems})
            for (QString& m : *list)
                redactInPlace(m);
    }
}

void redactFindings(QList<SenderFinding>& findings, SendingIp& ip)
{
    for (SenderFinding& f : findings) {
        for (QString* s : {&f.title, &f.detail, &f.action, &f.ip})
            redactInPlace(*s);
        for (QString& r : f.recipients)
            redactInPlace(r);
    }
    if (ip.isValid()) {
        redactInPlace(ip.address);
        // The network names the address's own prefix: keep the prefix length only.
        ip.network = QStringLiteral("[IP]/") + ip.network.section(QLatin1Char('/'), 1);
        redactInPlace(ip.source);
    }
}

void redactPart(MimePart& part)
{
    redactHeaders(part.headers);
    redactHeaders(part.messageHeaders);
    if (part.isText() || part.contentType.startsWith(QLatin1String("message/"))) {
        QString text = part.text();
        redactInPlace(text);
        part.content = text.toUtf8();
        part.charset = QStringLiteral("utf-8");
    }
    for (MimePart& child : part.children)
        redactPart(child);
}

} // namespace

QString Redactor::redact(const QString& text)
{
    QString copy = text;
    redactInPlace(copy);
    return copy;
}

Analysis Redactor::redact(const Analysis& analysis)
{
    Analysis a = analysis;
    redactInPlace(a.source);
    redactHeaders(a.message.headers);
    redactPart(a.message.body);
    a.message.rawHeaderBlock = Redactor::redact(QString::fromUtf8(a.message.rawHeaderBlock)).toUtf8();
    for (QString& w : a.message.warnings)
        redactInPlace(w);
    redactChain(a.relay);
    redactChain(a.originalRelay);
    redactAuthentication(a.authentication);
    redactAuthentication(a.originalAuthentication);
    redactAssessment(a.authAssessment);
    redactAssessment(a.originalAuthAssessment);
    redactFindings(a.senderFindings, a.sendingIp);

    DeliveryReport& r = a.report;
    for (QString* s : {&r.reportingMta, &r.receivedFromMta, &r.originalEnvelopeId, &r.postfixSender,
                       &r.humanText, &r.feedbackSourceIp, &r.feedbackUserAgent})
        redactInPlace(*s);
    redactHeaders(r.original.headers);
    for (QString* s : {&r.original.from, &r.original.to, &r.original.subject, &r.original.messageId})
        redactInPlace(*s);
    for (QString& w : r.warnings)
        redactInPlace(w);
    for (RecipientReport& rec : r.recipients) {
        for (QString* s : {&rec.address, &rec.originalRecipient, &rec.finalRecipient, &rec.diagnostic,
                           &rec.remoteMta, &rec.reportingMta})
            redactInPlace(*s);
    }
    for (RecipientAnalysis& ra : a.recipients) {
        for (QString* s :
             {&ra.report.address, &ra.report.originalRecipient, &ra.report.finalRecipient,
              &ra.report.diagnostic, &ra.report.remoteMta, &ra.report.reportingMta, &ra.explanation})
            redactInPlace(*s);
        for (Evidence& e : ra.classification.evidence)
            redactInPlace(e.text);
    }
    redactInPlace(a.summary);
    for (QString& s : a.errors)
        redactInPlace(s);
    for (QString& s : a.warnings)
        redactInPlace(s);
    return a;
}

} // namespace headerlens
