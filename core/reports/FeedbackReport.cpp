#include "FeedbackReport.h"

#include "DsnParser.h"
#include "MailDate.h"
#include "RegexSubject.h"

#include <QRegularExpression>

namespace headerlens {

int FeedbackReport::parse(QStringView fields, DeliveryReport& report)
{
    static const QRegularExpression line(QStringLiteral("^([A-Za-z][A-Za-z0-9-]*)\\s*:\\s*(.*)$"));
    int added = 0;
    QString removal;
    for (QStringView raw : fields.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = RegexSubject::match(line, raw.trimmed());
        if (!m.hasMatch())
            continue;
        const QString name = m.captured(1).toLower();
        const QString value = m.captured(2).trimmed();
        if (name == QLatin1String("feedback-type") && report.feedbackType.isEmpty())
            report.feedbackType = value.toLower();
        else if (name == QLatin1String("source-ip") && report.feedbackSourceIp.isEmpty())
            report.feedbackSourceIp = value;
        else if (name == QLatin1String("user-agent") && report.feedbackUserAgent.isEmpty())
            report.feedbackUserAgent = value;
        else if (name == QLatin1String("reporting-mta") && report.reportingMta.isEmpty())
            report.reportingMta = DsnParser::valueWithoutType(value);
        else if (name == QLatin1String("arrival-date") || name == QLatin1String("received-date")) {
            if (!report.arrivalDate.isValid()) {
                if (const auto parsed = MailDate::parse(value))
                    report.arrivalDate = parsed->time;
            }
        } else if (name == QLatin1String("removal-recipient")) {
            removal = DsnParser::addressFromField(value);
        } else if (name == QLatin1String("original-rcpt-to")) {
            const QString address = DsnParser::addressFromField(value);
            if (address.isEmpty())
                continue;
            RecipientReport r;
            r.address = address;
            r.format = QStringLiteral("arf");
            r.reportingMta = report.reportingMta;
            report.recipients.append(r);
            ++added;
        }
    }
    if (added == 0 && !removal.isEmpty()) {
        RecipientReport r;
        r.address = removal;
        r.format = QStringLiteral("arf");
        report.recipients.append(r);
        ++added;
    }
    return added;
}

} // namespace headerlens
