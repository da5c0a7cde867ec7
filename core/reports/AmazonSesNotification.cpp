#include "AmazonSesNotification.h"

#include "BounceFormats.h"
#include "MailDate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace headerlens {

namespace {

QJsonObject parseObject(QString json)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject()) {
        // Mail gateways wrap long lines; JSON has no line breaks inside strings here.
        json.remove(QLatin1Char('\n'));
        doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    }
    return doc.object();
}

} // namespace

bool AmazonSesNotification::read(QStringView text, DeliveryReport& report)
{
    if (!text.contains(QLatin1String("notificationType")) && !text.contains(QLatin1String("eventType")))
        return false;
    const qsizetype open = text.indexOf(QLatin1Char('{'));
    const qsizetype close = text.lastIndexOf(QLatin1Char('}'));
    if (open < 0 || close <= open)
        return false;
    return readObject(parseObject(text.sliced(open, close - open + 1).toString()), report);
}

bool AmazonSesNotification::readObject(const QJsonObject& o, DeliveryReport& report)
{
    // The SNS envelope carries the SES event as a JSON string in "Message".
    if (o.value(QStringLiteral("Message")).isString())
        return readObject(parseObject(o.value(QStringLiteral("Message")).toString()), report);
    QString type = o.value(QStringLiteral("notificationType")).toString();
    if (type.isEmpty())
        type = o.value(QStringLiteral("eventType")).toString();
    if (type.isEmpty())
        return false;

    const QJsonObject mail = o.value(QStringLiteral("mail")).toObject();
    for (const QJsonValue& h : mail.value(QStringLiteral("headers")).toArray()) {
        HeaderField field;
        field.name = h.toObject().value(QStringLiteral("name")).toString();
        field.value = h.toObject().value(QStringLiteral("value")).toString();
        field.rawValue = field.value.toUtf8();
        if (!field.name.isEmpty())
            report.original.headers.append(field);
    }
    const QJsonObject common = mail.value(QStringLiteral("commonHeaders")).toObject();
    auto joined = [](const QJsonValue& v) {
        QStringList items;
        for (const QJsonValue& x : v.toArray())
            items.append(x.toString());
        return v.isString() ? v.toString() : items.join(QStringLiteral(", "));
    };
    report.original.from = joined(common.value(QStringLiteral("from")));
    report.original.to = joined(common.value(QStringLiteral("to")));
    report.original.subject = common.value(QStringLiteral("subject")).toString();
    report.original.messageId = common.value(QStringLiteral("messageId")).toString();
    if (const auto date = MailDate::parse(common.value(QStringLiteral("date")).toString()))
        report.original.date = date->time;
    report.format = QStringLiteral("amazon-ses");

    const QString lower = type.toLower();
    if (lower == QLatin1String("bounce")) {
        const QJsonObject bounce = o.value(QStringLiteral("bounce")).toObject();
        report.reportingMta = bounce.value(QStringLiteral("reportingMTA")).toString();
        if (report.reportingMta.startsWith(QLatin1String("dsn;")) ||
            report.reportingMta.startsWith(QLatin1String("dns;")))
            report.reportingMta = report.reportingMta.mid(4).trimmed();
        for (const QJsonValue& v : bounce.value(QStringLiteral("bouncedRecipients")).toArray()) {
            const QJsonObject b = v.toObject();
            RecipientReport r;
            r.address = b.value(QStringLiteral("emailAddress")).toString();
            r.action = b.value(QStringLiteral("action")).toString(QStringLiteral("failed")).toLower();
            r.status = b.value(QStringLiteral("status")).toString();
            QString diagnostic = b.value(QStringLiteral("diagnosticCode")).toString();
            const qsizetype semi = diagnostic.indexOf(QLatin1Char(';'));
            if (semi > 0 && semi < 12) {
                r.diagnosticType = diagnostic.left(semi).trimmed().toLower();
                diagnostic = diagnostic.mid(semi + 1).trimmed();
            }
            r.diagnostic = diagnostic;
            r.reportingMta = report.reportingMta;
            r.format = QStringLiteral("amazon-ses");
            RecipientReport fromText;
            BounceFormats::fillFromServerText(fromText, diagnostic);
            r.replyCode = fromText.replyCode;
            if (r.status.isEmpty())
                r.status = fromText.status;
            report.recipients.append(r);
        }
        report.kind = ReportKind::Bounce;
        if (bounce.value(QStringLiteral("bounceType")).toString() == QLatin1String("Transient")) {
            // A transient bounce is still final for this message: SES gave up on it.
            report.warnings.append(QStringLiteral("Amazon SES calls this bounce transient."));
        }
    } else if (lower == QLatin1String("complaint")) {
        const QJsonObject complaint = o.value(QStringLiteral("complaint")).toObject();
        report.feedbackType =
            complaint.value(QStringLiteral("complaintFeedbackType")).toString(QStringLiteral("abuse"));
        report.feedbackUserAgent = complaint.value(QStringLiteral("userAgent")).toString();
        for (const QJsonValue& v : complaint.value(QStringLiteral("complainedRecipients")).toArray()) {
            RecipientReport r;
            r.address = v.toObject().value(QStringLiteral("emailAddress")).toString();
            r.format = QStringLiteral("amazon-ses");
            report.recipients.append(r);
        }
        report.kind = ReportKind::FeedbackReport;
    } else if (lower == QLatin1String("delivery")) {
        const QJsonObject delivery = o.value(QStringLiteral("delivery")).toObject();
        report.reportingMta = delivery.value(QStringLiteral("reportingMTA")).toString();
        const QString response = delivery.value(QStringLiteral("smtpResponse")).toString();
        for (const QJsonValue& v : delivery.value(QStringLiteral("recipients")).toArray()) {
            RecipientReport r;
            r.address = v.toString();
            r.action = QStringLiteral("delivered");
            r.diagnostic = response;
            r.diagnosticType = QStringLiteral("smtp");
            r.reportingMta = report.reportingMta;
            r.remoteMta = delivery.value(QStringLiteral("remoteMtaIp")).toString();
            r.format = QStringLiteral("amazon-ses");
            BounceFormats::fillFromServerText(r, response);
            report.recipients.append(r);
        }
        report.kind = ReportKind::DeliveryNotice;
    } else {
        return false;
    }
    return !report.recipients.isEmpty();
}

} // namespace headerlens
