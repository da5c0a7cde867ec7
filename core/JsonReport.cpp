#include "JsonReport.h"

#include "MailDate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMap>

namespace headerlens {

namespace {

QJsonValue stringOrNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue timeOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(MailDate::toIsoUtc(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue actionOrNull(const QString& action)
{
    static const QStringList known = {QStringLiteral("failed"), QStringLiteral("delayed"),
                                      QStringLiteral("delivered"), QStringLiteral("relayed"),
                                      QStringLiteral("expanded")};
    const QString lower = action.trimmed().toLower();
    return known.contains(lower) ? QJsonValue(lower) : QJsonValue(QJsonValue::Null);
}

QJsonObject hopToJson(const RelayHop& hop)
{
    const ReceivedHop& r = hop.received;
    QJsonObject o;
    o.insert(QStringLiteral("hop"), hop.number);
    o.insert(QStringLiteral("from_helo"), stringOrNull(r.fromHelo));
    o.insert(QStringLiteral("from_host"), stringOrNull(r.fromHost));
    o.insert(QStringLiteral("from_ip"), stringOrNull(r.fromIp));
    o.insert(QStringLiteral("by_host"), stringOrNull(r.byHost));
    o.insert(QStringLiteral("protocol"), stringOrNull(r.protocol));
    o.insert(QStringLiteral("tls"), r.tls.has_value() ? QJsonValue(*r.tls) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("id"), stringOrNull(r.id));
    o.insert(QStringLiteral("for"), stringOrNull(r.forAddress));
    o.insert(QStringLiteral("time"), timeOrNull(r.time));
    o.insert(QStringLiteral("delay_s"), hop.delaySeconds ? QJsonValue(static_cast<double>(*hop.delaySeconds))
                                                         : QJsonValue(QJsonValue::Null));
    // additions beyond the contract
    o.insert(QStringLiteral("via"), stringOrNull(r.via));
    o.insert(QStringLiteral("envelope_from"), stringOrNull(r.envelopeFrom));
    o.insert(QStringLiteral("authenticated"), r.authenticated);
    o.insert(QStringLiteral("tls_version"), stringOrNull(r.tlsVersion));
    o.insert(QStringLiteral("tls_cipher"), stringOrNull(r.tlsCipher));
    o.insert(QStringLiteral("clock_skew"), hop.clockSkew);
    o.insert(QStringLiteral("authenticated_sender"), stringOrNull(r.authenticatedSender));
    o.insert(QStringLiteral("ident"), stringOrNull(r.ident));
    o.insert(QStringLiteral("software"), stringOrNull(r.software));
    o.insert(QStringLiteral("with_text"), stringOrNull(r.withText));
    o.insert(QStringLiteral("from_host_forged"), r.fromHostForged);
    // from_host is null both when the receiver found no name and when the field does not say:
    // reverse_dns tells them apart ("found", "none", "not_recorded")
    o.insert(QStringLiteral("reverse_dns"),
             r.reverseDns == ReceivedHop::ReverseDns::Found       ? QStringLiteral("found")
             : r.reverseDns == ReceivedHop::ReverseDns::NoneFound ? QStringLiteral("none")
                                                                  : QStringLiteral("not_recorded"));
    o.insert(QStringLiteral("from_layout"), stringOrNull(r.fromLayout));
    return o;
}

QJsonObject recipientToJson(const RecipientAnalysis& recipient)
{
    const RecipientReport& r = recipient.report;
    const Classification& c = recipient.classification;
    QJsonObject o;
    o.insert(QStringLiteral("address"), stringOrNull(r.address));
    o.insert(QStringLiteral("action"), actionOrNull(r.action));
    o.insert(QStringLiteral("reply_code"),
             r.replyCode > 0 ? QJsonValue(r.replyCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("status"), stringOrNull(r.status));
    o.insert(QStringLiteral("diagnostic"), stringOrNull(r.diagnostic));
    o.insert(QStringLiteral("remote_mta"), stringOrNull(r.remoteMta));
    o.insert(QStringLiteral("reporting_mta"), stringOrNull(r.reportingMta));
    o.insert(QStringLiteral("type"), toString(c.type));
    o.insert(QStringLiteral("cause"), c.cause);
    o.insert(QStringLiteral("side"), toString(c.side));
    o.insert(QStringLiteral("advice"), toString(c.advice));
    o.insert(QStringLiteral("remove_address"), c.removeAddress);
    o.insert(QStringLiteral("reputation_impact"), toString(c.reputationImpact));
    o.insert(QStringLiteral("confidence"), qRound(c.confidence * 100.0) / 100.0);
    QJsonArray evidence;
    for (const Evidence& e : c.evidence) {
        QJsonObject item;
        item.insert(QStringLiteral("rule"), e.rule);
        item.insert(QStringLiteral("text"), e.text);
        evidence.append(item);
    }
    o.insert(QStringLiteral("evidence"), evidence);
    o.insert(QStringLiteral("explanation"), recipient.explanation);
    // additions beyond the contract
    o.insert(QStringLiteral("original_recipient"), stringOrNull(r.originalRecipient));
    o.insert(QStringLiteral("smtp_command"), stringOrNull(r.smtpCommand));
    o.insert(QStringLiteral("last_attempt"), timeOrNull(r.lastAttempt));
    o.insert(QStringLiteral("will_retry_until"), timeOrNull(r.willRetryUntil));
    o.insert(QStringLiteral("format"), stringOrNull(r.format));
    return o;
}

QJsonArray authToJson(const QList<AuthResult>& results)
{
    QJsonArray array;
    for (const AuthResult& r : results) {
        QJsonObject o;
        o.insert(QStringLiteral("method"), r.method);
        o.insert(QStringLiteral("result"), r.result);
        o.insert(QStringLiteral("authserv_id"), stringOrNull(r.authServId));
        o.insert(QStringLiteral("reason"), stringOrNull(r.reason));
        o.insert(QStringLiteral("field"), r.field);
        QJsonObject props;
        for (const auto& p : r.properties)
            props.insert(p.first, p.second);
        o.insert(QStringLiteral("properties"), props);
        array.append(o);
    }
    return array;
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& s : list)
        array.append(s);
    return array;
}

} // namespace

QJsonArray JsonReport::relayToJson(const RelayChain& chain)
{
    QJsonArray array;
    for (const RelayHop& hop : chain.hops)
        array.append(hopToJson(hop));
    return array;
}

QJsonObject JsonReport::toJson(const Analysis& analysis)
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), analysis.source);
    o.insert(QStringLiteral("kind"), analysis.kind());
    o.insert(QStringLiteral("relay"), relayToJson(analysis.relay));
    o.insert(QStringLiteral("original_relay"), relayToJson(analysis.originalRelay));
    QJsonArray recipients;
    for (const RecipientAnalysis& r : analysis.recipients)
        recipients.append(recipientToJson(r));
    o.insert(QStringLiteral("recipients"), recipients);
    o.insert(QStringLiteral("summary"), stringOrNull(analysis.summary));
    o.insert(QStringLiteral("total_transit_s"),
             analysis.relay.totalSeconds ? QJsonValue(static_cast<double>(*analysis.relay.totalSeconds))
                                         : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("report_format"), stringOrNull(analysis.report.format));
    o.insert(QStringLiteral("from_reply_text"), analysis.fromReplyText);
    o.insert(QStringLiteral("authentication"), authToJson(analysis.authentication));
    o.insert(QStringLiteral("original_authentication"), authToJson(analysis.originalAuthentication));
    o.insert(QStringLiteral("errors"), toArray(analysis.errors));
    o.insert(QStringLiteral("warnings"), toArray(analysis.warnings));
    return o;
}

namespace {

// The JSON line written straight into bytes, without a QJsonObject tree per message: the same
// text QJsonDocument::toJson(Compact) gives for toJson() (keys in the sorted order QJsonObject
// keeps, Qt's escapes and number forms). TestJsonReport compares both on every fixture.
class LineWriter
{
public:
    explicit LineWriter(QByteArray& out)
        : m_out(out)
    {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // Keys must come in ascending order (QJsonObject's), which the callers below keep.
    void key(const char* name)
    {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\":";
        m_afterKey = true;
    }
    void key(const QString& name)
    {
        separate();
        escaped(name);
        m_out += ':';
        m_afterKey = true;
    }
    void string(const QString& value)
    {
        separate();
        escaped(value);
    }
    void stringOrNull(const QString& value)
    {
        if (value.isEmpty())
            null();
        else
            string(value);
    }
    void null() { raw("null"); }
    void boolean(bool value) { raw(value ? "true" : "false"); }
    void integer(qint64 value)
    {
        separate();
        m_out += QByteArray::number(value);
    }
    void number(double value)
    {
        separate();
        if (qIsFinite(value))
            m_out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
        else
            m_out += "null";
    }
    void timeOrNull(const QDateTime& time)
    {
        if (time.isValid())
            string(MailDate::toIsoUtc(time));
        else
            null();
    }

private:
    void raw(const char* text)
    {
        separate();
        m_out += text;
    }
    void open(char c)
    {
        separate();
        m_out += c;
        m_first = true;
    }
    void close(char c)
    {
        m_out += c;
        m_first = false;
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first)
            m_out += ',';
        m_first = false;
    }
    // Qt's JSON escapes: ", \, \b \f \n \r \t, other controls as \u00xx, lone surrogates as
    // \uxxxx, everything else as UTF-8.
    void escaped(const QString& s)
    {
        static const char hex[] = "0123456789abcdef";
        m_out += '"';
        const char16_t* p = reinterpret_cast<const char16_t*>(s.constData());
        const char16_t* end = p + s.size();
        while (p < end) {
            const char16_t u = *p++;
            if (u < 0x80) {
                if (u >= 0x20 && u != '"' && u != '\\') {
                    m_out += static_cast<char>(u);
                    continue;
                }
                m_out += '\\';
                switch (u) {
                case '"':
                    m_out += '"';
                    break;
                case '\\':
                    m_out += '\\';
                    break;
                case '\b':
                    m_out += 'b';
                    break;
                case '\f':
                    m_out += 'f';
                    break;
                case '\n':
                    m_out += 'n';
                    break;
                case '\r':
                    m_out += 'r';
                    break;
                case '\t':
                    m_out += 't';
                    break;
                default:
                    m_out += "u00";
                    m_out += hex[u >> 4];
                    m_out += hex[u & 0xf];
                }
            } else if (u < 0x800) {
                m_out += static_cast<char>(0xc0 | (u >> 6));
                m_out += static_cast<char>(0x80 | (u & 0x3f));
            } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
                const char32_t c = QChar::surrogateToUcs4(u, *p++);
                m_out += static_cast<char>(0xf0 | (c >> 18));
                m_out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
                m_out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
                m_out += static_cast<char>(0x80 | (c & 0x3f));
            } else if (QChar::isSurrogate(u)) {
                m_out += "\\u";
                m_out += hex[(u >> 12) & 0xf];
                m_out += hex[(u >> 8) & 0xf];
                m_out += hex[(u >> 4) & 0xf];
                m_out += hex[u & 0xf];
            } else {
                m_out += static_cast<char>(0xe0 | (u >> 12));
                m_out += static_cast<char>(0x80 | ((u >> 6) & 0x3f));
                m_out += static_cast<char>(0x80 | (u & 0x3f));
            }
        }
        m_out += '"';
    }

    QByteArray& m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

void writeHop(LineWriter& w, const RelayHop& hop)
{
    const ReceivedHop& r = hop.received;
    w.beginObject();
    w.key("authenticated");
    w.boolean(r.authenticated);
    w.key("authenticated_sender");
    w.stringOrNull(r.authenticatedSender);
    w.key("by_host");
    w.stringOrNull(r.byHost);
    w.key("clock_skew");
    w.boolean(hop.clockSkew);
    w.key("delay_s");
    if (hop.delaySeconds)
        w.number(static_cast<double>(*hop.delaySeconds));
    else
        w.null();
    w.key("envelope_from");
    w.stringOrNull(r.envelopeFrom);
    w.key("for");
    w.stringOrNull(r.forAddress);
    w.key("from_helo");
    w.stringOrNull(r.fromHelo);
    w.key("from_host");
    w.stringOrNull(r.fromHost);
    w.key("from_host_forged");
    w.boolean(r.fromHostForged);
    w.key("from_ip");
    w.stringOrNull(r.fromIp);
    w.key("from_layout");
    w.stringOrNull(r.fromLayout);
    w.key("hop");
    w.integer(hop.number);
    w.key("id");
    w.stringOrNull(r.id);
    w.key("ident");
    w.stringOrNull(r.ident);
    w.key("protocol");
    w.stringOrNull(r.protocol);
    w.key("reverse_dns");
    w.string(r.reverseDns == ReceivedHop::ReverseDns::Found       ? QStringLiteral("found")
             : r.reverseDns == ReceivedHop::ReverseDns::NoneFound ? QStringLiteral("none")
                                                                  : QStringLiteral("not_recorded"));
    w.key("software");
    w.stringOrNull(r.software);
    w.key("time");
    w.timeOrNull(r.time);
    w.key("tls");
    if (r.tls.has_value())
        w.boolean(*r.tls);
    else
        w.null();
    w.key("tls_cipher");
    w.stringOrNull(r.tlsCipher);
    w.key("tls_version");
    w.stringOrNull(r.tlsVersion);
    w.key("via");
    w.stringOrNull(r.via);
    w.key("with_text");
    w.stringOrNull(r.withText);
    w.endObject();
}

void writeRelay(LineWriter& w, const RelayChain& chain)
{
    w.beginArray();
    for (const RelayHop& hop : chain.hops)
        writeHop(w, hop);
    w.endArray();
}

void writeRecipient(LineWriter& w, const RecipientAnalysis& recipient)
{
    const RecipientReport& r = recipient.report;
    const Classification& c = recipient.classification;
    w.beginObject();
    w.key("action");
    const QJsonValue action = actionOrNull(r.action);
    if (action.isNull())
        w.null();
    else
        w.string(action.toString());
    w.key("address");
    w.stringOrNull(r.address);
    w.key("advice");
    w.string(toString(c.advice));
    w.key("cause");
    w.string(c.cause);
    w.key("confidence");
    w.number(qRound(c.confidence * 100.0) / 100.0);
    w.key("diagnostic");
    w.stringOrNull(r.diagnostic);
    w.key("evidence");
    w.beginArray();
    for (const Evidence& e : c.evidence) {
        w.beginObject();
        w.key("rule");
        w.string(e.rule);
        w.key("text");
        w.string(e.text);
        w.endObject();
    }
    w.endArray();
    w.key("explanation");
    w.string(recipient.explanation);
    w.key("format");
    w.stringOrNull(r.format);
    w.key("last_attempt");
    w.timeOrNull(r.lastAttempt);
    w.key("original_recipient");
    w.stringOrNull(r.originalRecipient);
    w.key("remote_mta");
    w.stringOrNull(r.remoteMta);
    w.key("remove_address");
    w.boolean(c.removeAddress);
    w.key("reply_code");
    if (r.replyCode > 0)
        w.integer(r.replyCode);
    else
        w.null();
    w.key("reporting_mta");
    w.stringOrNull(r.reportingMta);
    w.key("reputation_impact");
    w.string(toString(c.reputationImpact));
    w.key("side");
    w.string(toString(c.side));
    w.key("smtp_command");
    w.stringOrNull(r.smtpCommand);
    w.key("status");
    w.stringOrNull(r.status);
    w.key("type");
    w.string(toString(c.type));
    w.key("will_retry_until");
    w.timeOrNull(r.willRetryUntil);
    w.endObject();
}

void writeAuthentication(LineWriter& w, const QList<AuthResult>& results)
{
    w.beginArray();
    for (const AuthResult& r : results) {
        w.beginObject();
        w.key("authserv_id");
        w.stringOrNull(r.authServId);
        w.key("field");
        w.string(r.field);
        w.key("method");
        w.string(r.method);
        w.key("properties");
        // A QJsonObject: sorted by name, the last of equal names kept.
        QMap<QString, QString> properties;
        for (const auto& p : r.properties)
            properties.insert(p.first, p.second);
        w.beginObject();
        for (auto it = properties.cbegin(); it != properties.cend(); ++it) {
            w.key(it.key());
            w.string(it.value());
        }
        w.endObject();
        w.key("reason");
        w.stringOrNull(r.reason);
        w.key("result");
        w.string(r.result);
        w.endObject();
    }
    w.endArray();
}

void writeStrings(LineWriter& w, const QStringList& list)
{
    w.beginArray();
    for (const QString& s : list)
        w.string(s);
    w.endArray();
}

} // namespace

QByteArray JsonReport::toJsonLine(const Analysis& analysis)
{
    QByteArray out;
    out.reserve(4096);
    LineWriter w(out);
    w.beginObject();
    w.key("authentication");
    writeAuthentication(w, analysis.authentication);
    w.key("errors");
    writeStrings(w, analysis.errors);
    w.key("file");
    w.string(analysis.source);
    w.key("from_reply_text");
    w.boolean(analysis.fromReplyText);
    w.key("kind");
    w.string(analysis.kind());
    w.key("original_authentication");
    writeAuthentication(w, analysis.originalAuthentication);
    w.key("original_relay");
    writeRelay(w, analysis.originalRelay);
    w.key("recipients");
    w.beginArray();
    for (const RecipientAnalysis& r : analysis.recipients)
        writeRecipient(w, r);
    w.endArray();
    w.key("relay");
    writeRelay(w, analysis.relay);
    w.key("report_format");
    w.stringOrNull(analysis.report.format);
    w.key("summary");
    w.stringOrNull(analysis.summary);
    w.key("total_transit_s");
    if (analysis.relay.totalSeconds)
        w.number(static_cast<double>(*analysis.relay.totalSeconds));
    else
        w.null();
    w.key("warnings");
    writeStrings(w, analysis.warnings);
    w.endObject();
    out += '\n';
    return out;
}

QByteArray JsonReport::toJsonLineViaTree(const Analysis& analysis)
{
    return QJsonDocument(toJson(analysis)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace headerlens
