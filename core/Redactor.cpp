#include "Redactor.h"

#include <QRegularExpression>

namespace headerlens {

namespace {

const QString RedactedLocalPart = QStringLiteral("***");
const QString RedactedIp = QStringLiteral("[IP]");

void redactInPlace(QString& text)
{
    if (text.isEmpty())
        return;
    // addr-spec local parts (RFC 5322 section 3.4.1 dot-atoms and the quoted form), lenient.
    static const QRegularExpression email(QStringLiteral(
        "(?:\"[^\"\\r\\n]{1,64}\"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,128})@(?=[A-Za-z0-9\\[])"));
    static const QRegularExpression ipv4(
        QStringLiteral("(?<![0-9.])(?:25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(?:\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]{"
                       "1,2})){3}(?![0-9])"));
    // IPv6: at least two groups joined by colons with "::" or 7 colons; avoids times ("10:13:40").
    static const QRegularExpression ipv6(QStringLiteral(
        "(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:"
        "|(?:[0-9A-Fa-f]{1,4}:){0,6}:(?::?[0-9A-Fa-f]{1,4}){1,7})(?![0-9A-Fa-f:])"));
    text.replace(email, RedactedLocalPart + QLatin1Char('@'));
    text.replace(ipv6, RedactedIp);
    text.replace(ipv4, RedactedIp);
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
