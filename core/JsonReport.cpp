#include "JsonReport.h"

#include "MailDate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

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

QByteArray JsonReport::toJsonLine(const Analysis& analysis)
{
    return QJsonDocument(toJson(analysis)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace headerlens
