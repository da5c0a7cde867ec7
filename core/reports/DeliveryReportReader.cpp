#include "DeliveryReportReader.h"

#include "AmazonSesNotification.h"
#include "AutoReplyDetector.h"
#include "BounceFormats.h"
#include "DsnParser.h"
#include "FeedbackReport.h"
#include "GuardedRegex.h"
#include "HtmlText.h"
#include "MailDate.h"
#include "MessageLoader.h"
#include "PatternTable.h"
#include "RegexSubject.h"
#include "SmtpStatus.h"
#include "TextSearch.h"

#include <QRegularExpression>
#include <QSet>

#include <array>

namespace headerlens {

namespace {

bool isMessagePart(const MimePart& part)
{
    return part.contentType == QLatin1String("message/rfc822") ||
           part.contentType == QLatin1String("message/global") ||
           part.contentType == QLatin1String("message/partial");
}

bool isHeadersPart(const MimePart& part)
{
    return part.contentType == QLatin1String("text/rfc822-headers") ||
           part.contentType == QLatin1String("message/rfc822-headers") ||
           part.contentType == QLatin1String("message/global-headers");
}

bool isDeliveryStatus(const MimePart& part)
{
    return part.contentType == QLatin1String("message/delivery-status") ||
           part.contentType == QLatin1String("message/global-delivery-status") ||
           part.contentType == QLatin1String("message/x-delivery-status");
}

// What the bounce's MIME tree holds, collected once.
struct Parts
{
    QList<const MimePart*> deliveryStatus;
    QList<const MimePart*> feedback;
    QList<const MimePart*> dispositions; // message/disposition-notification (RFC 8098)
    QList<const MimePart*> plainTexts;
    QList<const MimePart*> htmlTexts;
    const MimePart* original = nullptr; // message/rfc822 or text/rfc822-headers
};

// Text that starts with at least three header fields ("Name: value" at the start of a line).
bool looksLikeHeaderBlock(const QString& text)
{
    static const QRegularExpression field(QStringLiteral("^[!-9;-~]+:"));
    int fields = 0;
    int lines = 0;
    for (const QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty()) {
            if (lines == 0)
                continue;
            break;
        }
        ++lines;
        if (RegexSubject::match(field, line).hasMatch())
            ++fields;
        else if (!line.front().isSpace())
            return false;
        if (fields >= 3)
            return true;
    }
    return false;
}

void collect(const MimePart& part, Parts& parts, int depth)
{
    if (depth > 40)
        return;
    if (isMessagePart(part)) {
        if (!parts.original)
            parts.original = &part;
        return; // the returned original's own texts are not the report's
    }
    if (isHeadersPart(part)) {
        if (!parts.original)
            parts.original = &part;
        return;
    }
    if (isDeliveryStatus(part)) {
        parts.deliveryStatus.append(&part);
        return;
    }
    if (part.contentType == QLatin1String("message/feedback-report")) {
        parts.feedback.append(&part);
        return;
    }
    if (part.contentType == QLatin1String("message/disposition-notification") ||
        part.contentType == QLatin1String("message/global-disposition-notification")) {
        parts.dispositions.append(&part);
        return;
    }
    if (part.isMultipart()) {
        for (const MimePart& child : part.children)
            collect(child, parts, depth + 1);
        return;
    }
    if (part.contentType == QLatin1String("text/plain") ||
        part.contentType == QLatin1String("text/enriched")) {
        // Some MTAs label the delivery status text/plain: a later part whose lines are the status
        // fields is the status (before the test below, which its field lines would pass too).
        if (!parts.plainTexts.isEmpty() &&
            DsnParser::looksLikeDeliveryStatus(part.text(), DsnParser::Indent::None)) {
            parts.deliveryStatus.append(&part);
            return;
        }
        // Some MTAs return the original's header fields as a plain text part: that is the
        // original, not words of the report.
        if (!parts.plainTexts.isEmpty() && looksLikeHeaderBlock(part.text())) {
            if (!parts.original)
                parts.original = &part;
            return;
        }
        parts.plainTexts.append(&part);
    } else if (part.contentType == QLatin1String("text/html")) {
        parts.htmlTexts.append(&part);
    } else if (!part.content.isEmpty() && !part.isText()) {
        // Sloppy MTAs label the original or the status as application/octet-stream; a file
        // name ending in .eml / .dsn tells which.
        const QString name = part.fileName.toLower();
        if (name.endsWith(QLatin1String(".dsn")))
            parts.deliveryStatus.append(&part);
        else if (name.endsWith(QLatin1String(".eml")) && !parts.original)
            parts.original = &part;
    }
}

QString humanText(const ParsedMessage& message, const Parts& parts)
{
    QStringList texts;
    for (const MimePart* p : parts.plainTexts)
        texts.append(p->text());
    if (texts.isEmpty()) {
        for (const MimePart* p : parts.htmlTexts)
            texts.append(HtmlText::toText(p->text()));
    }
    // A leaf body, or a multipart whose boundary never occurs (its whole text is then the
    // prologue, which the loader may keep as the part's content).
    if (texts.isEmpty() && message.body.children.isEmpty())
        texts.append(message.body.text());
    QString text = texts.join(QLatin1Char('\n'));
    if (text.contains(QLatin1Char('\r')))
        text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}

OriginalMessage originalFromHeaders(const HeaderList& headers)
{
    OriginalMessage o;
    o.headers = headers;
    o.from = headerValue(headers, u"From");
    o.to = headerValue(headers, u"To");
    o.subject = headerValue(headers, u"Subject");
    o.messageId = headerValue(headers, u"Message-ID");
    if (const auto parsed = MailDate::parse(headerValue(headers, u"Date")))
        o.date = parsed->time;
    return o;
}

// A header block cut out of a text (an inline copy, or a text/rfc822-headers part).
OriginalMessage originalFromBytes(const QByteArray& bytes)
{
    if (bytes.trimmed().isEmpty())
        return {};
    const HeaderList headers = MessageLoader::headersFromBytes(bytes);
    if (headers.size() < 2)
        return {};
    return originalFromHeaders(headers);
}

// Who sent the message the report is about: the report goes back to the envelope sender.
void noteSenders(const ParsedMessage& message, DeliveryReport& report)
{
    QStringList candidates;
    for (const HeaderField& f : headersNamed(message.headers, u"To")) {
        for (const QString& a : f.value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            candidates.append(DsnParser::addressFromField(a));
    }
    candidates << report.postfixSender
               << DsnParser::addressFromField(headerValue(report.original.headers, u"Return-Path"))
               << DsnParser::addressFromField(report.original.from);
    for (const QString& c : std::as_const(candidates)) {
        if (!c.contains(QLatin1Char('@')) ||
            std::any_of(report.senders.cbegin(), report.senders.cend(),
                        [&](const QString& s) { return equalsCaseless(s, c); }))
            continue;
        const bool isRecipient =
            std::any_of(report.recipients.cbegin(), report.recipients.cend(),
                        [&](const RecipientReport& r) { return equalsCaseless(r.address, c); });
        if (!isRecipient)
            report.senders.append(c);
    }
}

// A report's own statement that a message was not delivered, in any layout.
bool saysNotDelivered(const QString& text)
{
    static const QRegularExpression words(QStringLiteral(
        "(?i)(could ?n[o']t|cannot|can't|was ?n[o']t|were ?n[o']t|has ?n[o']t|have ?n[o']t|not)\\s+(be\\s+)?"
        "(been\\s+)?delivered|"
        "undeliverable|undelivered mail|delivery (has )?failed|failed to deliver|unable to deliver|permanent "
        "(fatal )?errors?|"
        "did ?n[o']t reach|could not deliver|returned mail|did not exactly match|no such "
        "(user|address|mailbox)|"
        "message (was )?rejected|delivery failure|non-?delivery|(was|has been) rejected|"
        // the same statement in the languages mail systems answer in
        "nicht .{0,80}zugestellt|unzustellbar|zustellung .{0,40}fehlgeschlagen|n'a pas (pu )?(être|ete|été) "
        "(remis|d[ée]livr[ée])|"
        "non (è stato |e' stato )?recapitat|no (se )?(ha )?(pudo|podido) (ser )?entregar|n[ãa]o (foi|p[ôo]de "
        "ser) entregue|"
        "配信できませんでした|送信できませんでした|无法投递|未能送达|退信|не (может быть|был|было|удалось) "
        "доставл|"
        "配信(できません|に失敗)|送信(できません|に失敗)|届きませんでした|受信拒否|宛先不明|"
        "未能(成功)?(投递|发送|發送|送達)|(投递|发送|投遞|發送|寄送)失(败|敗)|無法(投遞|送達|遞送)|退件|"
        "전달(되지|할 수) (않|없)|(발송|전송|배달|전달) 실패|배달(되지|할 수) (않|없)|수신(이)? 거부|"
        "не удалось доставить|доставка не удалась|недоставлен|не доставлен|配信されていません|"
        "nie (zosta(ł|l)[oa]?|mo(gł|gl)a zosta(ć|c)|mo(ż|z)e zosta(ć|c)) dostarczon|nie "
        "dostarczono|niedostarczon|"
        "nemohl[ao]? b(ý|y)t doru(č|c)en|nebyl[ao]? doru(č|c)en|nedoru(č|c)en|teslim edilemedi|iletilemedi|"
        "kh(ô|o)ng th(ể|e) (g(ử|u)i|chuy(ể|e)n)|(g(ử|u)i|chuy(ể|e)n) th(ấ|a)t b(ạ|a)i|"
        "ไม่สามารถส่ง|ส่งไม่สำเร็จ|ส่งไม่ได้|לא נמסר|לא ניתן למסור|لم يتم (تسليم|توصيل)|تعذر (تسليم|توصيل)|"
        "δεν (ήταν δυνατή η )?παράδοση|δεν παραδόθηκε|αδυναμία παράδοσης|"
        "kon niet worden (bezorgd|afgeleverd)|onbestelbaar|kunde inte levereras|gick inte att leverera|"
        "kunne ikke (leveres|afleveres)|(未|沒有|没有|并未|並未)(能)?(遞送|投遞|送達|投递|送达)|"
        "desistimos de entregar|n(ã|a)o foi poss(í|i)vel entregar|nemohla by(ť|t) doru(č|c)en|nebola "
        "doru(č|c)en|"
        "받을 수 없습니다|수신할 수 없습니다|"
        "sikertelen k(é|e)zbes(í|i)t(é|e)s|nem k(é|e)zbes(í|i)tett(ü|u)k|nem (siker(ü|u)lt|lehetett) "
        "k(é|e)zbes(í|i)teni|k(é|e)zbes(í|i)thetetlen|toimitus ep(ä|a)onnistui|ei voitu toimittaa|"
        "nu a putut fi livrat|livrare e(ș|s)uat(ă|a)|не вдалося доставити|не може да бъде доставено|"
        "не беше доставено|tidak dapat dikirim|gagal dikirim|no s'ha pogut lliurar|"
        "nebolo mo(ž|z)n(é|e) doru(č|c)i(ť|t)|nepodarilo sa doru(č|c)i(ť|t)|nie uda(ł|l)o si(ę|e) "
        "dostarczy(ć|c)|mancata consegna|non (è|e') stato consegnat|"
        "nebola doru(č|c)en|nije (isporu(č|c)en|dostavljen)|ni (bilo )?mogo(č|c)e dostaviti|ni bil[ao]? "
        "dostavljen|"
        "nepristatyt|nepavyko pristatyti|netika pieg(ā|a)d(ā|a)t|nav pieg(ā|a)d(ā|a)t|ble ikke levert|"
        "kunne ikke leveres|ekki t(ó|o)kst a(ð|d) koma|var ekki afhent|kh(ô|o)ng (g(ử|u)i|chuy(ể|e)n) "
        "(đ|d)(ư|u)(ợ|o)c|"
        "ei (voitu|pystytty) toimittamaan|ei toimitettu|не доставлено|не вдалося|hindi (naihatid|naipadala)|"
        "gagal (dihantar|dikirim)|tidak (dapat|berjaya) dihantar|ব(ি|ি)তরণ (করা )?যায়নি|পৌঁছানো যায়নি|"
        "dostava nije uspjela|isporuka nije uspela|ei j(õ|o)udnud|kohale toimetada ei (ö|o)nnestunud|"
        "не е доставено|не беше доставено"));
    // a statement broken over two lines ("ni bilo\nmogoče dostaviti") is one statement
    return RegexSubject::match(words, text.simplified()).hasMatch();
}

// Whether an address a bounce's text or Subject names can be its recipient: not a mail system's
// role address, not one of the senders, not one already found.
bool recipientCandidate(const QString& address, const DeliveryReport& report, const QStringList& found)
{
    static const QRegularExpression role(
        QStringLiteral("(?i)^(mailer-daemon|postmaster|abuse|noreply|no-reply)@"));
    return !RegexSubject::match(role, address).hasMatch() &&
           !report.senders.contains(address, Qt::CaseInsensitive) &&
           !found.contains(address, Qt::CaseInsensitive);
}

// The addresses a text names that may be a recipient's (not the sender's, not a role address),
// each once.
QStringList candidateAddresses(const QString& text, const DeliveryReport& report)
{
    static const QRegularExpression address(
        QStringLiteral("[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"));
    QStringList found;
    for (auto it = RegexSubject::globalMatch(address, text); it.hasNext();) {
        const QString a = it.next().captured(0);
        if (recipientCandidate(a, report, found))
            found.append(a);
    }
    return found;
}

// The one address a bounce's own text names when no words around it say it is the recipient
// (a report in a language the contexts above do not know): nothing when it names none or several.
QStringList onlyAddressNamed(const QString& text, const DeliveryReport& report)
{
    const QStringList found = candidateAddresses(text, report);
    return found.size() == 1 ? found : QStringList();
}

// The addresses a bounce's Subject names, when its text names none ("DELIVERY FAILURE: User dana
// (dana@example.com) not listed in Domino Directory", "Undeliverable mail: frank@example.org"):
// at most three.
QStringList addressesInSubject(const QString& subject, const DeliveryReport& report)
{
    const QStringList found = candidateAddresses(subject, report);
    return found.size() <= 3 ? found : QStringList();
}

// A session log in the report (MDaemon's "12:40:18.398: <-- 550 ...", a gateway's "<<< 550 ..."):
// the server's first refusal, with its continuation lines. Empty when there is none.
QString sessionRefusal(const QString& reportText)
{
    static const QRegularExpression refusal(QStringLiteral("(?:<<<|<--)\\s*([45]\\d\\d)([ -][^\\n]*)"));
    QStringList lines;
    QString code;
    qsizetype lastEnd = -1;
    for (auto it = refusal.globalMatch(QStringView(reportText).left(20000)); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        // a continuation is the next line of the log, with the same code
        if (!lines.isEmpty() &&
            (m.captured(1) != code || reportText.mid(lastEnd, m.capturedStart() - lastEnd).count(u'\n') > 1))
            break;
        code = m.captured(1);
        lines.append(m.captured(1) + m.captured(2));
        lastEnd = m.capturedEnd();
    }
    return lines.join(QLatin1Char(' '));
}

// What a report says in its own words: its Subject and the start of its text.
QString statementOf(const ParsedMessage& message, const QString& reportText)
{
    return message.header(u"Subject") + QLatin1Char('\n') + reportText.left(8000);
}

// A notice that only warns ("this is only a warning", "we will keep trying"): the message waits
// in the queue. A permanent statement outweighs "you do not need to resend".
bool onlyWarns(const QString& statement)
{
    return BounceFormats::saysDelayed(statement) &&
           !containsCaseless(statement, QLatin1StringView("permanent")) &&
           !containsCaseless(statement, QLatin1StringView("fatal"));
}

// A recipient of a bounce whose layout is unknown: the server's reply when the text quotes one
// (a reply code found), else no diagnostic (the whole text is none).
RecipientReport layoutlessRecipient(const QString& address, const QString& reportText)
{
    RecipientReport r;
    r.address = address;
    r.action = QStringLiteral("failed");
    r.format = QStringLiteral("unknown-layout");
    const QString refusal = sessionRefusal(reportText);
    BounceFormats::fillFromServerText(r, refusal.isEmpty() ? reportText.left(4000) : refusal);
    if (r.replyCode == 0) {
        r.diagnostic.clear();
        // No reply quoted: the report's own reason, after its label in any language ("Reason:",
        // "Motivo:", "Причина:", "原因：", "사유:"), is what the user is shown.
        static const QRegularExpression reason(QStringLiteral(
            "(?im)^\\s*(?:reason|cause|motivo|causa|raison|motif|d(?:é|e)tail|detalhe|dettaglio|detalle|"
            "grund|ursache|d(ů|u)vod|d(ô|o)vod|pow(ó|o)d|"
            "przyczyna|причина|oorzaak|reden|orsak|(å|a)rsa(k|g)|syy|sebep|neden|l(ý|y) do|nguy(ê|e)n "
            "nh(â|a)n|"
            "alasan|sebab|原因|理由|退信原因|失败原因|失敗原因|사유|이유|실패 "
            "사유|สาเหตุ|סיבה|السبب|دلیل|कारण|"
            "αιτία|razlog|motiv|ok)\\s*[:：]\\s*(?<text>\\S.{2,300})$"));
        const QRegularExpressionMatch m = RegexSubject::match(reason, reportText.left(8000));
        if (m.hasMatch())
            r.diagnostic = m.captured(u"text").trimmed();
    }
    return r;
}

// Adds a recipient of a layout-less report; while the report only warns, it waits in the queue
// unless its own reply is a 5xx.
void addLayoutlessRecipient(DeliveryReport& report, const QString& address, const QString& reportText,
                            bool waiting)
{
    report.recipients.append(layoutlessRecipient(address, reportText));
    if (waiting && report.recipients.last().replyCode < 500)
        report.recipients.last().action = QStringLiteral("delayed");
}

// The returned original was sent to one person directly (not through a mailing list, whose
// members' addresses its To field does not show): its To is then the failed recipient.
bool singleDirectRecipient(const OriginalMessage& original)
{
    // "undisclosed-recipients:;" is an empty group (RFC 5322 section 3.4): no address at all.
    return original.to.contains(QLatin1Char('@')) && !original.to.contains(QLatin1Char(',')) &&
           headerValue(original.headers, u"Cc").isEmpty() && !findHeader(original.headers, u"List-Id") &&
           !findHeader(original.headers, u"List-Post") && !findHeader(original.headers, u"Mailing-List");
}

// The recipients a layout-less bounce names in its text: an address said to be the one the
// message was sent or addressed to, or listed under "the following recipients". Other addresses
// in such a text (the sender's, a help desk's, an example) are not recipients.
QStringList addressesNamed(const QString& text, const DeliveryReport& report)
{
    // IronPort writes "domain/address"
    static const QString addr =
        QStringLiteral("<?(?:[A-Za-z0-9.-]+/)?([A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)>?");
    static const QList<QRegularExpression> contexts = {
        QRegularExpression(
            QStringLiteral(
                "(?i)\\b(?:delivered|delivery|deliver|sent|addressed|message|mail|e-?mail) to:?\\s+") +
            addr),
        QRegularExpression(
            QStringLiteral(
                "(?i)following (?:recipients?|address(?:es)?|(?:e-?mail )?addresses)[^:\\n]{0,80}:\\s*") +
            addr),
        QRegularExpression(QStringLiteral("(?i)\\bwas addressed,?\\s+") + addr),
        // The SMTP command itself names the recipient (a transcript in the report).
        QRegularExpression(QStringLiteral("(?i)\\bRCPT TO:\\s*") + addr),
        // "doručená adresátovi ADDR", "доставлено одержувачу ADDR", "na naslov ADDR": the recipient
        // in the dative, or after "the address", in a sentence of the report
        QRegularExpression(
            QStringLiteral(
                "(?i)(?:\\b(?:adres\\x{00e1}tovi|pr\\x{00ed}jemcovi|p\\x{0159}\\x{00ed}jemci|odbiorcy|"
                "c\\x{00ed}mzettnek|destinatarului|na naslov|na adresu|do adresata)|"
                "\\x{043e}\\x{0434}\\x{0435}\\x{0440}\\x{0436}\\x{0443}\\x{0432}\\x{0430}\\x{0447}\\x{0443}|"
                "\\x{043e}\\x{0442}\\x{0440}\\x{0438}\\x{043c}\\x{0443}\\x{0432}\\x{0430}\\x{0447}\\x{0443})"
                "\\s+") +
            addr),
        // "nicht an ADDR zugestellt", "n'a pas pu être remis à ADDR"
        QRegularExpression(
            QStringLiteral(
                "(?i)(?:\\b(?:nicht an|remis à|delivered to|entregue a|entregar a)|"
                "\\x{043f}\\x{043e}\\x{043b}\\x{0443}\\x{0447}\\x{0430}\\x{0442}\\x{0435}\\x{043b}\\x{044e}|"
                "\\x{0430}\\x{0434}\\x{0440}\\x{0435}\\x{0441}\\x{0430}\\x{0442}\\x{0443})\\s+") +
            addr),
        QRegularExpression(
            QStringLiteral(
                "(?i)(?:\\b(?:recipient|address|destinataire|empf(?:ae|\\x{00e4})nger|destinatario|"
                "destinat\\x{00e1}rio|ontvanger|mottagare|odbiorca|adres\\x{00e1}t|c\\x{00ed}mzett|al\\x{"
                "0131}c\\x{0131})|"
                "(?:\\x{043f}\\x{043e}\\x{043b}\\x{0443}\\x{0447}\\x{0430}\\x{0442}\\x{0435}\\x{043b}\\x{"
                "044c}|"
                "\\x{0430}\\x{0434}\\x{0440}\\x{0435}\\x{0441}\\x{0430}\\x{0442})|\\x{5b9b}\\x{5148}|"
                "\\x{53d7}\\x{4fe1}\\x{8005}|\\x{6536}\\x{4ef6}\\x{4eba}|\\x{6536}\\x{4ef6}\\x{8005}|"
                "\\x{bc1b}\\x{b294} \\x{c0ac}\\x{b78c}|\\x{c218}\\x{c2e0}\\x{c790})\\s*[:\\x{ff1a}]\\s*") +
            addr),
        // The reply names it itself ("550 5.1.1 <a@b.example>: Recipient address rejected", the
        // wording of Postfix's recipient restrictions).
        QRegularExpression(addr + QStringLiteral(":?\\s*(?i:Recipient address rejected)")),
        // A table of an HTML report, one row per recipient: the address, then its state.
        QRegularExpression(QStringLiteral("(?m)^\\s*") + addr +
                           QStringLiteral("[ \\t]+(?i:rejected|failed|undeliverable|bounced|not delivered|"
                                          "blocked)\\b")),
    };
    QStringList found;
    for (const QRegularExpression& re : contexts) {
        QRegularExpressionMatchIterator it = RegexSubject::globalMatch(re, text);
        while (it.hasNext()) {
            QString a = it.next().captured(1);
            while (a.endsWith(QLatin1Char('.')))
                a.chop(1);
            if (recipientCandidate(a, report, found))
                found.append(a);
        }
    }
    return found.size() <= 20 ? found : QStringList();
}

// A From field naming a mail system rather than a person: MAILER-DAEMON, postmaster, a list's
// owner or bounce address, the null sender.
bool fromMailSystem(const QString& from)
{
    static const QRegularExpression system(
        QStringLiteral("(?i)(mailer-daemon|postmaster|mail delivery|mail administrator|mdaemon|"
                       "mailerdaemon|nobody@|no-reply@.*(sns\\.amazonaws|dion\\.ne\\.jp)|<>\\s*$|"
                       "[\\w.-]+-(owner|bounces|admin|request)@|\\bowner-[\\w.-]+@|"
                       // list managers' own addresses: their notices are about list mail
                       "\\b(sympa|mailman|listserv|majordomo|ecartis|lyris)@)"));
    return RegexSubject::match(system, from).hasMatch();
}

bool looksLikeBounceSender(const ParsedMessage& message)
{
    static const QRegularExpression subject(QStringLiteral(
        "(?i)(undeliver|undelivered|delivery (status|failure|failed|notification|problem|has failed)|"
        "returned mail|returning message|failure notice|mail delivery failed|non[- ]?delivery|"
        "could not be delivered|delivery report|mail system error|loop alert|permanent (delivery )?failure|"
        "failed delivery|failure delivery|delayed mail|delivery delayed|warning: message|mail error|delivery "
        "error|"
        "failed mail|nameserver error|"
        "not delivered|nicht zustellbar|unzustellbar|échec de la remise|non remis|配信|不達|エラー)"));
    if (fromMailSystem(message.header(u"From")) ||
        RegexSubject::match(subject, message.header(u"Subject")).hasMatch())
        return true;
    // A provider's no-reply or notification address whose Subject says, in any language, that a
    // message was not delivered ("Správa nebola doručená", "Лист не доставлено").
    static const QRegularExpression notifier(
        QStringLiteral("(?i)\\b(no-?reply|do-?not-?reply|donotreply|notifications?|notify|mail-?system|"
                       "mailsystem)[\\w.-]*@"));
    if (RegexSubject::match(notifier, message.header(u"From")).hasMatch() &&
        saysNotDelivered(message.header(u"Subject")))
        return true;
    // A sending service's notice of a bounce ("[SendGrid] Bounce notification for a@b.example",
    // "Postmark: HardBounce for ...", "Échec de délivrance"), unless it is itself bulk mail (a
    // newsletter titled "hard bounce or soft bounce?" is no notice).
    static const QRegularExpression serviceSubject(QStringLiteral(
        "(?i)\\bbounce notification\\b|\\b(hard|soft) ?bounce (for|of|to|notification)\\b|"
        "\\bbounced (e-?mail|message) (for|to)\\b|(e|\\x{00e9})chec de (la )?d(e|\\x{00e9})livrance"));
    const QString precedence = message.header(u"Precedence");
    const bool bulk = findHeader(message.headers, u"List-Unsubscribe") ||
                      findHeader(message.headers, u"List-Id") ||
                      containsCaseless(precedence, QLatin1StringView("bulk")) ||
                      containsCaseless(precedence, QLatin1StringView("list"));
    return !bulk && RegexSubject::match(serviceSubject, message.header(u"Subject")).hasMatch();
}

// Which of two enhanced status codes to keep: the Status field, or the one in the server's text.
// RFC 3464 lets an MTA write a generic "5.0.0" while the receiver's reply says "5.1.1"; the
// receiver's words are the more precise statement of the same failure.
QString preferredStatus(const QString& field, const QString& inText)
{
    if (field.isEmpty())
        return inText;
    if (inText.isEmpty() || inText == field)
        return field;
    // Same class: the receiver's own code is the more precise statement of the same failure.
    if (inText.front() == field.front() && !inText.endsWith(QLatin1String(".0.0")))
        return inText;
    return field;
}

// A reply quoted in brackets by the reporting MTA ("responded as follows: [550 ...]",
// "(reason: 550 ...)") leaves the closing bracket behind.
void dropUnbalancedClosingBracket(QString& text)
{
    for (const auto& [open, close] :
         {std::pair{QLatin1Char('['), QLatin1Char(']')}, std::pair{QLatin1Char('('), QLatin1Char(')')}}) {
        while (text.endsWith(close) && text.count(close) > text.count(open))
            text.chop(1);
    }
}

void completeFromDiagnostic(RecipientReport& r)
{
    if (r.diagnostic.isEmpty())
        return;
    RecipientReport fromText;
    BounceFormats::fillFromServerText(fromText, r.diagnostic);
    const QString simplified = simplifiedText(r.diagnostic);
    // The Status field's X.4.7 (delivery time expired) is the outcome; the code the diagnostic
    // quotes, shown instead, is the last attempt's error.
    r.timeExpired = r.timeExpired || SmtpStatus::isTimeExpired(r.status);
    r.status = preferredStatus(r.status, fromText.status);
    // A local program's diagnostic (X-Unix) is its exit status, not an SMTP reply; a 2xx code
    // is no failure reply.
    const bool programDiagnostic = r.diagnosticType.startsWith(QLatin1String("x-unix")) ||
                                   r.diagnosticType.startsWith(QLatin1String("x-local"));
    if (r.replyCode == 0 && !programDiagnostic) {
        const QChar cls = r.status.isEmpty() ? QChar() : r.status.front();
        const int code = SmtpStatus::findReplyCode(simplified, cls);
        if (code >= 400 || r.action == QLatin1String("delivered") || r.action == QLatin1String("relayed"))
            r.replyCode = code;
    }
    if (r.smtpCommand.isEmpty())
        r.smtpCommand = fromText.smtpCommand;
    r.diagnostic = simplified;
}

// Fills what the RFC 3464 part left empty from the human-readable part (many MTAs put the
// server's reply only there).
void enrichFromText(DeliveryReport& report, const BounceFormats::Result& text)
{
    for (RecipientReport& r : report.recipients) {
        const RecipientReport* match = nullptr;
        for (const RecipientReport& t : text.recipients) {
            if (equalsCaseless(t.address, r.address) ||
                (!r.finalRecipient.isEmpty() && equalsCaseless(t.address, r.finalRecipient)) ||
                (!r.originalRecipient.isEmpty() && equalsCaseless(t.address, r.originalRecipient))) {
                match = &t;
                break;
            }
        }
        if (!match && text.recipients.size() == 1 && report.recipients.size() == 1)
            match = &text.recipients.first();
        if (!match)
            continue;
        const bool hasServerWords =
            r.replyCode > 0 || !SmtpStatus::findEnhancedStatus(r.diagnostic).isEmpty();
        if (r.diagnostic.isEmpty() ||
            (!hasServerWords && (match->replyCode > 0 || !match->status.isEmpty()))) {
            r.diagnostic = match->diagnostic;
            if (r.replyCode == 0)
                r.replyCode = match->replyCode;
        }
        if (r.status.isEmpty())
            r.status = match->status;
        else
            r.status = preferredStatus(r.status, match->status);
        if (r.replyCode == 0 && match->replyCode > 0 &&
            (r.status.isEmpty() || QString::number(match->replyCode).front() == r.status.front()))
            r.replyCode = match->replyCode;
        if (r.remoteMta.isEmpty())
            r.remoteMta = match->remoteMta;
        if (r.smtpCommand.isEmpty())
            r.smtpCommand = match->smtpCommand;
    }
}

// A recipient whose own error says its queue time ran out ("Envelope expired", "giving up") has
// failed for good, even in a report written with a delay template around it: the words about the
// recipient outweigh the report's boilerplate (DOMAIN.md, "Reading the words").
void expiredDespiteDelayedAction(DeliveryReport& report)
{
    static const QRegularExpression expired(
        QStringLiteral("(?i)\\b(envelope|message) (has )?expired|retry time(out)? exceeded|giving up|gave up|"
                       "queue (lifetime|time) (expired|exceeded)"));
    for (RecipientReport& r : report.recipients) {
        if (r.action == QLatin1String("delayed") && RegexSubject::match(expired, r.diagnostic).hasMatch()) {
            r.action = QStringLiteral("failed");
            report.warnings.append(QStringLiteral("The report is worded as a delay notice, but the error for "
                                                  "%1 says its time in the queue ran out: "
                                                  "read as a final failure.")
                                       .arg(r.address));
        }
    }
}

ReportKind kindFromActions(const QList<RecipientReport>& recipients)
{
    bool failed = false;
    bool delayed = false;
    bool delivered = false;
    for (const RecipientReport& r : recipients) {
        const QString a = r.action.toLower();
        if (a == QLatin1String("delayed"))
            delayed = true;
        else if (a == QLatin1String("delivered") || a == QLatin1String("relayed") ||
                 a == QLatin1String("expanded"))
            delivered = true;
        else
            failed = true; // failed, or unknown: a report of a problem
    }
    if (failed)
        return ReportKind::Bounce;
    if (delayed)
        return ReportKind::DelayNotice;
    if (delivered)
        return ReportKind::DeliveryNotice;
    return ReportKind::Bounce;
}

QString bareAddress(const QString& value)
{
    return DsnParser::addressFromField(value);
}

} // namespace

namespace {

// A report naming more recipients than anyone reads (a hostile or broken one): the first
// MaxRecipients are analysed, the others counted in a warning. Keeps classification linear.
void capRecipients(DeliveryReport& report)
{
    const qsizetype extra = report.recipients.size() - DeliveryReportReader::MaxRecipients;
    if (extra <= 0)
        return;
    report.recipients.resize(DeliveryReportReader::MaxRecipients);
    report.warnings.append(QStringLiteral("The report names %1 recipients; the first %2 were analysed, the "
                                          "other %3 were not.")
                               .arg(DeliveryReportReader::MaxRecipients + extra)
                               .arg(DeliveryReportReader::MaxRecipients)
                               .arg(extra));
}

// RFC 8098 section 3.2: Final-Recipient names who the notice is about, Disposition what their
// mail program did ("automatic-action/MDN-sent-automatically; displayed"). Every disposition
// implies the message was delivered to the mailbox.
void readDisposition(const QString& text, DeliveryReport& report)
{
    report.kind = ReportKind::DeliveryNotice;
    report.format = QStringLiteral("mdn");
    RecipientReport r;
    r.format = report.format;
    r.action = QStringLiteral("delivered");
    QString disposition;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0 || line.front().isSpace())
            continue;
        const QString name = line.left(colon).trimmed().toLower();
        const QString value = line.mid(colon + 1).trimmed();
        if (name == QLatin1String("final-recipient") || name == QLatin1String("original-recipient")) {
            const qsizetype semicolon = value.indexOf(QLatin1Char(';'));
            const QString address = bareAddress(semicolon >= 0 ? value.mid(semicolon + 1) : value);
            if (name == QLatin1String("final-recipient"))
                r.finalRecipient = address;
            else
                r.originalRecipient = address;
        } else if (name == QLatin1String("disposition")) {
            disposition = value;
        } else if (name == QLatin1String("reporting-ua")) {
            r.reportingMta = value.section(QLatin1Char(';'), 0, 0).trimmed();
        }
    }
    r.address = !r.originalRecipient.isEmpty() && r.originalRecipient.contains(QLatin1Char('@'))
                    ? r.originalRecipient
                    : r.finalRecipient;
    if (r.address.isEmpty())
        r.address = bareAddress(report.original.to);
    if (!disposition.isEmpty())
        r.diagnostic = QStringLiteral("Disposition: ") + disposition;
    report.reportingMta = r.reportingMta;
    report.recipients.append(r);
}

DeliveryReport readReport(const ParsedMessage& message, int depth);
bool readForwardedReport(const Parts& parts, int depth, DeliveryReport& report);
bool readInlineForward(const ParsedMessage& message, const QString& text, int depth, DeliveryReport& report);
} // namespace

DeliveryReport DeliveryReportReader::read(const ParsedMessage& message)
{
    DeliveryReport report = readReport(message, 0);
    // Two reports saved one after the other in one file: the second starts after the first
    // one's closing boundary, in its epilogue. Read it as a message of its own.
    QByteArray rest = message.body.epilogue;
    for (int more = 0; report.isReport() && more < 20 && !rest.trimmed().isEmpty(); ++more) {
        const ParsedMessage next = MessageLoader::fromBytes(rest);
        if (next.headers.size() < 2)
            break;
        const DeliveryReport second = readReport(next, 0);
        if (second.kind != report.kind || second.recipients.isEmpty())
            break;
        report.recipients += second.recipients;
        report.warnings.append(
            QStringLiteral("This file holds more than one report; their recipients are listed together."));
        rest = next.body.epilogue;
    }
    capRecipients(report);
    bool cut = false;
    for (RecipientReport& r : report.recipients) {
        if (r.diagnostic.size() > DeliveryReportReader::MaxDiagnosticChars) {
            r.diagnostic.truncate(DeliveryReportReader::MaxDiagnosticChars);
            cut = true;
        }
        dropUnbalancedClosingBracket(r.diagnostic);
    }
    if (cut)
        report.warnings.append(
            QStringLiteral("A server reply is longer than %1 characters; only its first %1 "
                           "were read.")
                .arg(DeliveryReportReader::MaxDiagnosticChars));
    return report;
}

namespace {

// The message a person forwarded, read as the report when it is one (not an auto-reply): `report`
// becomes it, with `note` saying where it was found. Attached and inline forwards alike.
bool readForwarded(const ParsedMessage& inner, int depth, const QString& note, DeliveryReport& report)
{
    DeliveryReport nested = readReport(inner, depth + 1);
    if (!nested.isReport() || nested.kind == ReportKind::AutoReply)
        return false;
    nested.warnings.append(note);
    report = std::move(nested);
    return true;
}

// A bounce forwarded as an attachment: the report is the attached message itself.
bool readForwardedReport(const Parts& parts, int depth, DeliveryReport& report)
{
    if (depth >= 3 || !parts.original || parts.original->messageHeaders.isEmpty() ||
        parts.original->children.isEmpty())
        return false;
    ParsedMessage inner;
    inner.shape = InputShape::Message;
    inner.headers = parts.original->messageHeaders;
    inner.body = parts.original->children.first();
    if (!looksLikeBounceSender(inner) &&
        !inner.header(u"Content-Type").contains(QLatin1String("report"), Qt::CaseInsensitive))
        return false;
    return readForwarded(inner, depth,
                         QStringLiteral("The report was found in an attached message (a forwarded bounce)."),
                         report);
}

// A line of a forwarded header block: its field name, in English for the labels mail programs
// write in other languages (Outlook's "Von:", "De :", "Betreff:" ...), and where its value starts;
// -1 for a line that is no field. A field name is ASCII letters, digits, '-' and '_', or one of
// those labels, which may have spaces before the colon (French writes "De : ").
struct FieldLabel
{
    QString name;
    qsizetype valueStart = -1;
};

FieldLabel fieldLabel(QStringView line)
{
    // From, To and Subject in German, French, Spanish, Italian, Dutch and Portuguese; the other
    // labels (dates: "Gesendet", "Envoyé", "Enviado el" ...) are kept as they are.
    static const std::array<std::pair<QStringView, QStringView>, 19> localized{{
        {u"Von", u"From"},
        {u"De", u"From"},
        {u"Da", u"From"},
        {u"Van", u"From"},
        {u"An", u"To"},
        {u"\u00C0", u"To"},
        {u"A", u"To"},
        {u"Para", u"To"},
        {u"Aan", u"To"},
        {u"Betreff", u"Subject"},
        {u"Objet", u"Subject"},
        {u"Asunto", u"Subject"},
        {u"Oggetto", u"Subject"},
        {u"Onderwerp", u"Subject"},
        {u"Assunto", u"Subject"},
        {u"Gesendet", u"Sent"},
        {u"Envoy\u00E9", u"Sent"},
        {u"Enviado el", u"Sent"},
        {u"Enviada em", u"Sent"},
    }};
    FieldLabel out;
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0 || (colon + 1 < line.size() && line[colon + 1] != u' '))
        return out;
    QStringView name = line.first(colon);
    while (!name.isEmpty() && (name.back() == u' ' || name.back() == u'\u00A0' || name.back() == u'\u202F'))
        name.chop(1);
    for (const auto& [label, english] : localized) {
        if (name == label) {
            out.name = english.toString();
            out.valueStart = colon + 1;
            return out;
        }
    }
    if (name.size() != colon) // spaces before the colon: only the labels above have them
        return out;
    const auto isAsciiLetter = [](QChar c) { return c.unicode() < 128 && c.isLetter(); };
    if (!isAsciiLetter(name.front()))
        return out;
    for (const QChar c : name) {
        if (!isAsciiLetter(c) && !c.isDigit() && c != u'-' && c != u'_')
            return out;
    }
    out.name = name.toString();
    out.valueStart = colon + 1;
    return out;
}

// Where the first header block in a text at or after `from` starts: a From line (in any of the
// languages above), then up to 60 lines of fields or their folded continuations, then a blank
// line; -1 when there is none. Each From line is looked past by at most 60 lines, so a long text
// costs a pass, not its square.
qsizetype forwardedHeaderBlock(QStringView text, qsizetype from)
{
    constexpr int MaxLines = 60;
    const auto isFieldLine = [](QStringView l) {
        if (l.front() == u' ' || l.front() == u'\t')
            return !l.trimmed().isEmpty(); // a folded continuation
        return fieldLabel(l).valueStart >= 0;
    };
    while (from < text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), from);
        if (end < 0)
            return -1; // a block must end with a blank line
        const QStringView first = text.sliced(from, end - from);
        const FieldLabel label = fieldLabel(first);
        if (label.name == QLatin1String("From") && !first.sliced(label.valueStart).trimmed().isEmpty()) {
            int fields = 0;
            for (qsizetype at = end + 1; fields <= MaxLines;) {
                const qsizetype e = text.indexOf(QLatin1Char('\n'), at);
                if (e < 0)
                    break;
                const QStringView line = text.sliced(at, e - at);
                if (line.isEmpty()) {
                    if (fields > 0)
                        return from;
                    break;
                }
                if (!isFieldLine(line))
                    break;
                ++fields;
                at = e + 1;
            }
        }
        from = end + 1;
    }
    return -1;
}

// The forwarded message from its header block on, with the block's fields named in English
// ("Von: x" becomes "From: x").
QString forwardedMessage(QStringView text, qsizetype start)
{
    QString out;
    out.reserve(text.size() - start);
    qsizetype at = start;
    while (at < text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), at);
        if (end < 0)
            end = text.size();
        const QStringView line = text.sliced(at, end - at);
        if (line.isEmpty())
            break; // the end of the block
        const FieldLabel label = fieldLabel(line);
        if (label.valueStart >= 0 && !line.startsWith(label.name))
            out += label.name + QLatin1Char(':') + line.sliced(label.valueStart) + QLatin1Char('\n');
        else
            out += line + QLatin1Char('\n');
        at = end + 1;
    }
    out += text.sliced(std::min(at, text.size()));
    return out;
}

// A bounce forwarded inline: a person's message ("why did this bounce?") with the bounce in its
// text, under "---------- Forwarded message ---------", "Begin forwarded message:" or
// "-----Original Message-----", or every line quoted with "> ". The bounce starts with its own
// header block (From, Date or Sent, To, Subject, or Outlook's "Von", "Gesendet", "An", "Betreff"
// and the like): from there the text is read as the message it was, when that message came from
// a mail system (looksLikeBounceSender) and the wrapper did not.
// A returned original inside a bounce has a header block too, but its sender is a person.
bool readInlineForward(const ParsedMessage& message, const QString& text, int depth, DeliveryReport& report)
{
    if (depth >= 3 || fromMailSystem(message.header(u"From")))
        return false;
    const std::optional<QString> unquoted = BounceFormats::unquoted(text);
    const QString& plain = unquoted ? *unquoted : text;
    // The first block from a mail system, of the first five (a forward of a forward shows the
    // forwarder's block first).
    qsizetype start = forwardedHeaderBlock(plain, 0);
    for (int tries = 0; start >= 0 && tries < 5; ++tries, start = forwardedHeaderBlock(plain, start + 1)) {
        const ParsedMessage inner = MessageLoader::fromText(forwardedMessage(plain, start));
        if (inner.headers.size() < 2 || !looksLikeBounceSender(inner))
            continue;
        return readForwarded(
            inner, depth,
            QStringLiteral(
                "The report was found in the text of a message that forwards it (a forwarded bounce)."),
            report);
    }
    return false;
}

// "Your mail to 'Announce' ... is being held until the list moderator can review it", "awaits
// moderator approval", "pending approval": one recipient, the list (the notice's From without its
// -owner/-bounces/owner- part), delayed, with the list's stated reason as its words.
bool readModerationHold(const ParsedMessage& message, const QString& text, DeliveryReport& report)
{
    static const QRegularExpression held(QStringLiteral(
        "(?i)(is being held until the list moderator|awaits? (the )?(list )?moderator'?s? approval|"
        "awaiting (the )?(list )?moderator'?s? approval|held for moderat(ion|or review|or approval)|"
        "(forwarded|submitted|sent|delivered) to the (list |group )?moderators? for approval|"
        "(message|post(ing)?) (to .{1,80} )?(is|has been) (held|queued) for moderation|"
        "pending (list |group )?moderator approval)"));
    const QString subject = message.header(u"Subject");
    const QString head = text.left(4000);
    const QRegularExpressionMatch m = RegexSubject::match(held, subject + QLatin1Char('\n') + head);
    if (!m.hasMatch())
        return false;
    report.kind = ReportKind::DelayNotice;
    report.format = QStringLiteral("list-moderation");
    RecipientReport r;
    r.format = report.format;
    r.action = QStringLiteral("delayed");
    QString list = bareAddress(message.header(u"From"));
    static const QRegularExpression role(QStringLiteral("(?i)^owner-|-(owner|bounces|request|admin)(?=@)"));
    list.remove(role);
    r.address = list;
    // Mailman: "The reason it is being held:\n\n    Post by non-member to a members-only list".
    static const QRegularExpression reason(QStringLiteral(
        "(?i)reason (it is being held|for (the )?hold(ing)?)(\\s+is)?\\s*:?\\s*(?<why>[^\\n]*\\S[^\\n]*)"));
    const QRegularExpressionMatch why = RegexSubject::match(reason, head);
    r.diagnostic = why.hasMatch() ? why.captured(u"why").trimmed() : m.captured(0).trimmed();
    report.recipients.append(r);
    return true;
}

DeliveryReport readReport(const ParsedMessage& message, int depth)
{
    DeliveryReport report;
    if (message.headers.isEmpty())
        return report;

    Parts parts;
    collect(message.body, parts, 0);
    QString text = humanText(message, parts);
    if (text.size() > DeliveryReportReader::MaxReportTextChars) {
        report.warnings.append(
            QStringLiteral("The report's text is longer than %1 characters; only the first %1 "
                           "were read.")
                .arg(DeliveryReportReader::MaxReportTextChars));
        text.truncate(DeliveryReportReader::MaxReportTextChars);
    }

    // The returned original: a MIME part, or an inline copy after a marker line in the text.
    qsizetype inlineOriginal = -1;
    if (parts.original) {
        if (!parts.original->messageHeaders.isEmpty())
            report.original = originalFromHeaders(parts.original->messageHeaders);
        else
            report.original = originalFromBytes(parts.original->content);
    }
    const qsizetype marker = BounceFormats::originalMessageMarker(text);
    if (marker >= 0) {
        inlineOriginal = BounceFormats::originalMessageStart(text);
        if (report.original.isEmpty()) {
            QString copy = text.mid(inlineOriginal);
            // Some MTAs indent the copy; drop a common leading indentation and blank lines.
            while (copy.startsWith(QLatin1Char('\n')))
                copy.remove(0, 1);
            report.original = originalFromBytes(copy.toUtf8());
        }
    }
    const QString reportText = marker >= 0 ? text.left(marker) : text;
    report.humanText = reportText.trimmed();

    const QString contentType = lowered(message.header(u"Content-Type"));

    // Apple Mail's one-click unsubscribe message: a request to stop sending, a feedback of sorts.
    if (message.header(u"X-Apple-Unsubscribe").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0) {
        report.kind = ReportKind::FeedbackReport;
        report.format = QStringLiteral("apple-unsubscribe");
        report.feedbackType = QStringLiteral("unsubscribe");
        RecipientReport r;
        r.address = bareAddress(message.header(u"From"));
        r.format = report.format;
        report.recipients.append(r);
        return report;
    }

    // Microsoft's JMRP complaint reports (Outlook.com, Hotmail): no ARF part, only the original,
    // which carries the complaining recipient in X-HmXmrOriginalRecipient.
    if (parts.original) {
        const HeaderList& inner = parts.original->messageHeaders.isEmpty() ? report.original.headers
                                                                           : parts.original->messageHeaders;
        const QString complainer = headerValue(inner, u"X-HmXmrOriginalRecipient");
        if (!complainer.isEmpty() && parts.deliveryStatus.isEmpty()) {
            report.kind = ReportKind::FeedbackReport;
            report.format = QStringLiteral("jmrp");
            report.feedbackType = QStringLiteral("abuse");
            static const QRegularExpression ip(QStringLiteral("\\b(\\d{1,3}(?:\\.\\d{1,3}){3})\\b"));
            report.feedbackSourceIp =
                RegexSubject::match(ip, message.header(u"Subject") + QLatin1Char(' ') + reportText)
                    .captured(1);
            RecipientReport r;
            r.address = bareAddress(complainer);
            r.format = report.format;
            report.recipients.append(r);
            return report;
        }
    }

    // RFC 5965 feedback reports.
    if (!parts.feedback.isEmpty() || contentType.contains(QLatin1String("feedback-report"))) {
        for (const MimePart* p : std::as_const(parts.feedback))
            FeedbackReport::parse(p->text(), report);
        if (parts.feedback.isEmpty())
            FeedbackReport::parse(reportText, report);
        report.kind = ReportKind::FeedbackReport;
        report.format = QStringLiteral("arf");
        if (report.recipients.isEmpty()) {
            RecipientReport r;
            // The original's To names the complainer unless it is a group ("undisclosed-recipients:;").
            const QString to = bareAddress(report.original.to);
            r.address = to.contains(QLatin1Char('@')) ? to : QString();
            r.format = QStringLiteral("arf");
            report.recipients.append(r);
        }
        return report;
    }

    // A read receipt (message disposition notification, RFC 8098): the message was delivered; the
    // recipient's mail program says what became of it (displayed, deleted, processed ...).
    if (!parts.dispositions.isEmpty() && parts.deliveryStatus.isEmpty()) {
        readDisposition(parts.dispositions.first()->text(), report);
        return report;
    }

    // A bounce forwarded as an attachment (a user asking support "why did this bounce?"): the
    // report is the attached message, not the wrapper around it.
    if (parts.deliveryStatus.isEmpty() && readForwardedReport(parts, depth, report))
        return report;
    if (parts.deliveryStatus.isEmpty() && readInlineForward(message, text, depth, report))
        return report;

    // Amazon SES notifications carry their report as JSON.
    if (parts.deliveryStatus.isEmpty()) {
        DeliveryReport ses = report;
        if (AmazonSesNotification::read(text, ses))
            return ses;
    }

    // RFC 3464 delivery status, as a MIME part or as a block of fields inside the text.
    for (const MimePart* p : std::as_const(parts.deliveryStatus))
        DsnParser::parse(p->text(), report);
    capRecipients(report);
    // A notice sent with the null reverse path that a program generated (RFC 5321 section 4.5.5,
    // RFC 3834 "auto-generated", which is no auto-reply): a gateway's or a mail system's report,
    // whoever it names as its From ("Sophos Email <do-not-reply@...>").
    const HeaderField* returnPath = findHeader(message.headers, u"Return-Path");
    const bool systemNotice = returnPath && returnPath->value.trimmed() == QLatin1String("<>") &&
                              headerValue(message.headers, u"Auto-Submitted")
                                  .trimmed()
                                  .startsWith(QLatin1String("auto-generated"), Qt::CaseInsensitive);
    // Italian certified mail (PEC, DPR 68/2005): the provider's receipt of delivery to the
    // recipient's box ("avvenuta-consegna") or of failure ("errore-consegna", and its 24-hour
    // warning), named in its X-Ricevuta field.
    const QString receipt = headerValue(message.headers, u"X-Ricevuta").trimmed().toLower();
    const bool pecReceipt = receipt == QLatin1String("avvenuta-consegna") ||
                            receipt == QLatin1String("errore-consegna") ||
                            receipt == QLatin1String("preavviso-errore-consegna");
    // An automatic message (RFC 3834: bounces are "auto-replied" too) whose Subject or first words
    // say a message was not delivered, or not yet, speaks of a delivery, whoever its From is
    // ("livrare@", "isporuka@", "leveransrapport@"): an out-of-office says nothing of the kind. An
    // autoresponder's Subject ("Automatic reply: ...") keeps it an auto-reply.
    // A reply's Subject ("Re: ...", "[Ticket #1] Re: ...") is an answer to the message: a helpdesk's
    // acknowledgement, a challenge to verify the sender.
    static const QRegularExpression replySubject(QStringLiteral(
        "(?i)^\\s*(\\[[^\\]]*\\]\\s*)?(re|aw|sv|vs|odp|ynt|rif|antw|r|ref|res|отв|回复|回覆|答复)\\s*:"));
    const QString autoSubmitted = headerValue(message.headers, u"Auto-Submitted").trimmed();
    const bool automaticNotice =
        !autoSubmitted.isEmpty() &&
        !RegexSubject::match(replySubject, message.header(u"Subject")).hasMatch() &&
        !autoSubmitted.startsWith(QLatin1String("no"), Qt::CaseInsensitive) &&
        !AutoReplyDetector::detect(message.headers).replySubject &&
        (saysNotDelivered(message.header(u"Subject")) ||
         BounceFormats::saysDelayed(message.header(u"Subject")) || saysNotDelivered(text.left(3000)) ||
         BounceFormats::saysDelayed(text.left(3000)));
    const bool bounceLike = looksLikeBounceSender(message) || systemNotice || pecReceipt || automaticNotice ||
                            findHeader(message.headers, u"X-Failed-Recipients") ||
                            contentType.contains(QLatin1String("report-type=delivery-status"));
    bool dsnInText = false;
    // Delivery-status fields in the text: a bounce that lost its MIME parts, or a person's message
    // quoting one as an example (a newsletter on "why emails bounce", indented as quotations are).
    // Only a message from a mail system, or fields written at the start of their lines, is read.
    if (report.recipients.isEmpty() &&
        DsnParser::looksLikeDeliveryStatus(text,
                                           bounceLike ? DsnParser::Indent::Any : DsnParser::Indent::None)) {
        DsnParser::parse(text, report);
        dsnInText = !report.recipients.isEmpty();
    }

    BounceFormats::Input input;
    input.headers = message.headers;
    input.text = reportText;
    input.fullText = text;
    input.originalTo = bareAddress(report.original.to);
    for (const HeaderField& f : report.original.headers) {
        if (f.isNamed(u"To") || f.isNamed(u"Cc"))
            input.originalRecipientFields.append(f.value);
    }
    for (const QString& sender : {bareAddress(report.original.from), report.postfixSender,
                                  bareAddress(headerValue(report.original.headers, u"Return-Path"))}) {
        if (!sender.isEmpty() && !report.original.to.contains(sender, Qt::CaseInsensitive))
            input.senders.append(sender);
    }
    if (!report.recipients.isEmpty()) {
        report.format = dsnInText ? QStringLiteral("rfc3464-text") : QStringLiteral("rfc3464");
        const BounceFormats::Result fromText = BounceFormats::read(input);
        for (RecipientReport& r : report.recipients)
            completeFromDiagnostic(r);
        enrichFromText(report, fromText);
        expiredDespiteDelayedAction(report);
        report.kind = kindFromActions(report.recipients);
    } else {
        BounceFormats::Result fromText;
        if (bounceLike)
            fromText = BounceFormats::read(input);
        if (fromText.format == QLatin1String("generic") && !fromText.recipients.isEmpty()) {
            // A bounce goes back to the sender, so the address a mail system writes to is not the one
            // that failed: a postmaster's warning to its own user ("Your mailbox m@example.edu is 95%
            // full") names only its addressee, and says nothing was returned. Unless the text says
            // a message was not delivered (one sent to oneself can bounce), it is no report.
            const QString addressee = bareAddress(message.header(u"To"));
            const bool onlyTheAddressee =
                !addressee.isEmpty() &&
                std::all_of(fromText.recipients.cbegin(), fromText.recipients.cend(),
                            [&](const RecipientReport& r) { return equalsCaseless(r.address, addressee); });
            if (onlyTheAddressee &&
                !saysNotDelivered(message.header(u"Subject") + QLatin1Char('\n') + reportText))
                fromText = {};
        }
        if (!fromText.recipients.isEmpty()) {
            report.recipients = fromText.recipients;
            report.format = fromText.format;
            // A report that holds its session's log (MDaemon's "--- Session Transcript ---") and
            // names one recipient: the server's refusal in the log is that recipient's reply, not
            // the sentence around its address that the generic layout found.
            const QString refusal =
                fromText.format == QLatin1String("generic") && report.recipients.size() == 1
                    ? sessionRefusal(reportText)
                    : QString();
            for (RecipientReport& r : report.recipients) {
                if (r.replyCode == 0 && !refusal.isEmpty()) {
                    r.diagnostic.clear();
                    BounceFormats::fillFromServerText(r, refusal);
                }
                if (r.diagnostic.isEmpty())
                    continue;
                r.diagnostic = simplifiedText(r.diagnostic);
            }
            report.kind = kindFromActions(report.recipients);
        } else if (bounceLike) {
            // A bounce whose layout we do not know: name the recipients it states elsewhere.
            QStringList addresses;
            for (const HeaderField& f : headersNamed(message.headers, u"X-Failed-Recipients")) {
                for (const QString& a : f.value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    addresses.append(bareAddress(a));
            }
            if (addresses.isEmpty() && singleDirectRecipient(report.original))
                addresses.append(bareAddress(report.original.to));
            const bool waiting = onlyWarns(statementOf(message, reportText));
            for (const QString& a : std::as_const(addresses)) {
                if (!a.isEmpty())
                    addLayoutlessRecipient(report, a, reportText, waiting);
            }
            if (!report.recipients.isEmpty()) {
                report.kind = kindFromActions(report.recipients);
                report.format = QStringLiteral("unknown-layout");
            }
        }
        // A mailer daemon or postmaster saying a message was not delivered is a bounce, even when
        // no recipient can be read (DOMAIN.md): name the addresses it mentions, else an unknown one.
        if (report.recipients.isEmpty() && bounceLike) {
            const QString said = statementOf(message, reportText);
            // Exim and others mark their bounces "Auto-Submitted: auto-replied" (RFC 3834 allows it):
            // from a mail system, that is no out-of-office.
            // MAILER-DAEMON writes nothing but delivery reports: its message is one in any language.
            static const QRegularExpression mailerDaemon(
                QStringLiteral("(?i)mailer-?daemon|mail delivery (subsystem|system)"));
            const bool fromMailerDaemon =
                RegexSubject::match(mailerDaemon, message.header(u"From")).hasMatch();
            if ((saysNotDelivered(said) || BounceFormats::saysDelayed(said) || fromMailerDaemon) &&
                (fromMailSystem(message.header(u"From")) || automaticNotice ||
                 !AutoReplyDetector::detect(message.headers).autoReply)) {
                noteSenders(message, report);
                QStringList addresses = addressesNamed(reportText.left(8000), report);
                if (addresses.isEmpty())
                    addresses = addressesInSubject(message.header(u"Subject"), report);
                if (addresses.isEmpty())
                    addresses = onlyAddressNamed(reportText.left(8000), report);
                const QString originalTo = bareAddress(report.original.to);
                if (addresses.isEmpty() && !originalTo.isEmpty() && singleDirectRecipient(report.original))
                    addresses.append(originalTo);
                if (addresses.isEmpty())
                    addresses.append(QString());
                const bool waiting = onlyWarns(said);
                for (const QString& a : std::as_const(addresses))
                    addLayoutlessRecipient(report, a, reportText, waiting);
                const bool anyDelayed = std::any_of(
                    report.recipients.cbegin(), report.recipients.cend(),
                    [](const RecipientReport& r) { return r.action == QLatin1String("delayed"); });
                report.kind = anyDelayed ? ReportKind::DelayNotice : ReportKind::Bounce;
                report.format = QStringLiteral("unknown-layout");
                report.warnings.append(
                    addresses.first().isEmpty()
                        ? QStringLiteral("A bounce in a layout HeaderLens does not know, and no recipient "
                                         "address could be read from it.")
                        : QStringLiteral("A bounce in a layout HeaderLens does not know: the recipients are "
                                         "the addresses its text names."));
            }
        }
    }

    if (report.isReport()) {
        for (RecipientReport& r : report.recipients) {
            if (r.reportingMta.isEmpty())
                r.reportingMta = report.reportingMta;
        }
        noteSenders(message, report);
        static const GuardedRegex permanent(
            QStringLiteral("(?i)permanent (fatal )?(error|failure)|fatal error|failed "
                           "permanently|permanently (failed|rejected|undeliverable)|"
                           "this is a permanent error|delivery has failed|non-?recoverable"));
        const QString statement = report.humanText.left(8000);
        report.saysPermanent = permanent.matches(statement);
        // The report's own statement that the retries are over: the last error it quotes is then the
        // reason the retries failed, and the failure is final.
        report.saysRetriesOver =
            report.kind == ReportKind::Bounce && BounceFormats::saysRetriesOver(statement);
        return report;
    }

    if (readForwardedReport(parts, depth, report))
        return report;

    // A mailing list holding the message for its moderator (Mailman, Sympa, LISTSERV, Google
    // Groups): not refused and not delivered yet; the moderator decides.
    if (readModerationHold(message, reportText, report))
        return report;

    // Not a failure report: an auto-reply?
    const AutoReplyDetector::Result autoReply = AutoReplyDetector::detect(message.headers);
    // A bounce's subject after "Automatic reply:" is the subject of the bounce it answers.
    if (autoReply.autoReply && (!looksLikeBounceSender(message) ||
                                (autoReply.replySubject && !fromMailSystem(message.header(u"From"))))) {
        report.kind = ReportKind::AutoReply;
        report.format = QStringLiteral("autoreply");
        // Challenge-response filters (Boxbe, SpamArrest, TMDA ...) answer automatically too, but
        // the message was not delivered: it waits until the sender proves to be a person.
        static const QRegularExpression challenge(QStringLiteral(
            "(?i)confirm (?:that )?you are (?:a real person|human|not a (?:robot|spammer))|"
            "verify (?:that )?you are (?:a real person|human|not a (?:robot|spammer))|"
            "(?:placed|held) in (?:\\w+ )?(?:waiting|pending) (?:list|queue)|"
            "to have your (?:message|e-?mail) delivered,? (?:please )?(?:confirm|click|reply|verify)|"
            "sender verification (?:request|required)|challenge[- ]response"));
        if (RegexSubject::match(challenge,
                                message.header(u"Subject") + QLatin1Char('\n') + reportText.left(8000))
                .hasMatch())
            report.format = QStringLiteral("challenge-response");
        RecipientReport r;
        r.address = bareAddress(message.header(u"From"));
        r.format = autoReply.ruleId;
        r.diagnostic = autoReply.text;
        report.recipients.append(r);
    }
    return report;
}

} // namespace

} // namespace headerlens
