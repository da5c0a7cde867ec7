#include "EspEvents.h"

#include "AmazonSesNotification.h"
#include "BounceFormats.h"
#include "DsnParser.h"
#include "SmtpStatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace headerlens {

namespace {

const QString Format = QStringLiteral("esp-event");

QString str(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return QString();
}

QString firstOf(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const QString v = str(o, key);
        if (!v.isEmpty())
            return v;
    }
    return QString();
}

bool startsWithReply(const QString& text)
{
    static const QRegularExpression reply(QStringLiteral("^(?:smtp;\\s*)?[245]\\d\\d(?:[ -]|$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    return reply.match(text).hasMatch() || !SmtpStatus::findEnhancedStatus(text).isEmpty();
}

// One event of a service other than Amazon SES (which AmazonSesNotification reads).
std::optional<RecipientReport> readEvent(QJsonObject o, bool& complaint)
{
    // Wrappers: Mailgun's webhook ("event-data"), SparkPost's ("msys": {"message_event": ...}),
    // Mandrill's webhook ({"event": "hard_bounce", "msg": {...}}).
    if (o.value(QLatin1String("event-data")).isObject())
        o = o.value(QLatin1String("event-data")).toObject();
    if (o.value(QLatin1String("msys")).isObject()) {
        const QJsonObject msys = o.value(QLatin1String("msys")).toObject();
        if (msys.isEmpty())
            return std::nullopt;
        o = msys.begin()->toObject();
    }
    QString event = firstOf(o, {"event", "RecordType", "Type", "type"}).toLower();
    if (o.value(QLatin1String("msg")).isObject()) {
        const QJsonObject msg = o.value(QLatin1String("msg")).toObject();
        for (auto it = msg.begin(); it != msg.end(); ++it) {
            if (!o.contains(it.key()))
                o.insert(it.key(), it.value());
        }
    }
    const QString address =
        firstOf(o, {"email", "recipient", "rcpt_to", "Email", "emailAddress", "raw_rcpt_to"});
    if (!address.contains(QLatin1Char('@')))
        return std::nullopt;
    static const QRegularExpression statusCode(QStringLiteral("^[245]\\.\\d{1,3}\\.\\d{1,3}$"));
    const QString statusField = str(o, "status");
    if (event.isEmpty() && !statusCode.match(statusField).hasMatch())
        event = (statusField.isEmpty() ? str(o, "state") : statusField).toLower();
    if (event.isEmpty())
        return std::nullopt;

    const QJsonObject delivery = o.value(QLatin1String("delivery-status")).toObject();
    RecipientReport r;
    r.address = address;
    r.finalRecipient = address;
    r.format = Format;
    // The receiving server's reply, where the event quotes it; else the service's own words.
    const QStringList texts = {str(delivery, "message"), str(delivery, "description"), str(o, "raw_reason"),
                               str(o, "reason"),         str(o, "response"),           str(o, "diag"),
                               str(o, "Details"),        str(o, "bounce_description"), str(o, "Description"),
                               str(o, "error")};
    QString text;
    for (const QString& t : texts) {
        if (startsWithReply(t)) {
            text = t;
            break;
        }
    }
    const QString rejectReason = str(o, "reject_reason");
    const QString reason = str(o, "reason");
    const bool suppressed =
        reason.startsWith(QLatin1String("suppress-")) || event == QLatin1String("dropped") ||
        (event == QLatin1String("rejected") && !rejectReason.isEmpty()) || event == QLatin1String("reject");
    if (text.isEmpty()) {
        // No reply from a server: the service's own statement, as the event words it.
        QStringList own;
        if (!reason.isEmpty())
            own.append(QStringLiteral("reason: ") + reason);
        if (!rejectReason.isEmpty())
            own.append(QStringLiteral("reject_reason: ") + rejectReason);
        for (const QString& t : texts) {
            if (!t.isEmpty() && t != reason && !own.contains(t))
                own.append(t);
        }
        text = own.join(QStringLiteral("; "));
        if (!text.isEmpty())
            r.diagnosticType = QStringLiteral("x-service");
    }
    // "smtp; 550 ..." as in a Diagnostic-Code field.
    if (text.startsWith(QLatin1String("smtp;"), Qt::CaseInsensitive)) {
        r.diagnosticType = QStringLiteral("smtp");
        text = DsnParser::valueWithoutType(text);
    }
    r.diagnostic = text;
    if (statusCode.match(statusField).hasMatch())
        r.status = statusField;
    const QString enhanced = str(delivery, "enhanced-code");
    if (r.status.isEmpty() && statusCode.match(enhanced).hasMatch())
        r.status = enhanced;
    bool ok = false;
    const int code =
        (str(delivery, "code").isEmpty() ? str(o, "error_code") : str(delivery, "code")).toInt(&ok);
    if (ok && code >= 200 && code < 600)
        r.replyCode = code;
    if (r.diagnosticType != QLatin1String("x-service")) {
        RecipientReport fromText;
        BounceFormats::fillFromServerText(fromText, text);
        if (r.replyCode == 0)
            r.replyCode = fromText.replyCode;
        if (r.status.isEmpty())
            r.status = fromText.status;
    }

    complaint = event == QLatin1String("spamreport") || event == QLatin1String("complained") ||
                event == QLatin1String("complaint") || event == QLatin1String("spam_complaint") ||
                event == QLatin1String("spamcomplaint") || event == QLatin1String("spam");
    const QString severity = str(o, "severity").toLower();
    if (complaint)
        r.action.clear();
    else if (event == QLatin1String("delivered") || event == QLatin1String("delivery") ||
             event == QLatin1String("sent"))
        r.action = QStringLiteral("delivered");
    else if (!suppressed && (event == QLatin1String("deferred") || event == QLatin1String("deferral") ||
                             event == QLatin1String("delay") || event == QLatin1String("delayed") ||
                             severity == QLatin1String("temporary")))
        r.action = QStringLiteral("delayed");
    else
        r.action = QStringLiteral("failed");
    return r;
}

void collect(const QJsonValue& v, DeliveryReport& report, int depth)
{
    if (depth > 4)
        return;
    if (v.isArray()) {
        for (const QJsonValue& item : v.toArray())
            collect(item, report, depth + 1);
        return;
    }
    if (!v.isObject())
        return;
    const QJsonObject o = v.toObject();
    if (o.contains(QLatin1String("notificationType")) || o.contains(QLatin1String("eventType")) ||
        o.value(QLatin1String("Message")).isString()) {
        DeliveryReport ses;
        if (AmazonSesNotification::readObject(o, ses)) {
            report.recipients += ses.recipients;
            if (ses.kind == ReportKind::FeedbackReport)
                report.kind = ReportKind::FeedbackReport;
        }
        return;
    }
    bool complaint = false;
    if (const std::optional<RecipientReport> r = readEvent(o, complaint)) {
        report.recipients.append(*r);
        if (complaint)
            report.kind = ReportKind::FeedbackReport;
    }
}

std::optional<QJsonValue> parse(const QString& text)
{
    const qsizetype object = text.indexOf(QLatin1Char('{'));
    const qsizetype array = text.indexOf(QLatin1Char('['));
    qsizetype open = object < 0 ? array : (array < 0 ? object : std::min(object, array));
    if (open < 0)
        return std::nullopt;
    const QChar closeChar = text[open] == u'{' ? u'}' : u']';
    const qsizetype close = text.lastIndexOf(closeChar);
    if (close <= open)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.sliced(open, close - open + 1).toUtf8(), &error);
    if (error.error == QJsonParseError::NoError)
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    // One event per line (a webhook log).
    QJsonArray lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.startsWith(QLatin1Char('{')))
            continue;
        const QJsonDocument one = QJsonDocument::fromJson(t.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !one.isObject())
            return std::nullopt;
        lines.append(one.object());
    }
    if (lines.isEmpty())
        return std::nullopt;
    return QJsonValue(lines);
}

} // namespace

std::optional<DeliveryReport> EspEvents::read(const QString& text)
{
    if (!text.contains(QLatin1Char('{')) || !text.contains(QLatin1Char('"')))
        return std::nullopt;
    const std::optional<QJsonValue> json = parse(text);
    if (!json)
        return std::nullopt;
    DeliveryReport report;
    report.format = Format;
    report.kind = ReportKind::Bounce;
    collect(*json, report, 0);
    if (report.recipients.isEmpty())
        return std::nullopt;
    if (report.kind != ReportKind::FeedbackReport) {
        const auto all = [&](const char* action) {
            return std::all_of(report.recipients.cbegin(), report.recipients.cend(),
                               [&](const RecipientReport& r) { return r.action == QLatin1String(action); });
        };
        if (all("delivered"))
            report.kind = ReportKind::DeliveryNotice;
        else if (all("delayed"))
            report.kind = ReportKind::DelayNotice;
    } else {
        report.feedbackType = QStringLiteral("abuse");
    }
    return report;
}

} // namespace headerlens
