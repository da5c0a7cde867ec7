#include "BounceEvent.h"

#include "MailDate.h"

#include <QCryptographicHash>

namespace headerlens {

QString BounceEvent::domain() const
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).trimmed().toLower();
}

QDateTime BounceEvent::whenOccurred(const Analysis& analysis, const RecipientReport& r)
{
    if (r.lastAttempt.isValid())
        return r.lastAttempt.toUTC();
    if (analysis.report.arrivalDate.isValid())
        return analysis.report.arrivalDate.toUTC();
    if (const auto date = MailDate::parse(analysis.message.header(u"Date")))
        return date->time.toUTC();
    return {};
}

QString BounceEvent::messageKeyOf(const Analysis& analysis)
{
    const QString id = analysis.message.header(u"Message-ID").trimmed();
    if (!id.isEmpty())
        return id;
    if (analysis.message.rawHeaderBlock.isEmpty())
        return {};
    return QStringLiteral("sha1:") +
           QString::fromLatin1(
               QCryptographicHash::hash(analysis.message.rawHeaderBlock, QCryptographicHash::Sha1).toHex());
}

QList<BounceEvent> BounceEvent::fromAnalysis(const Analysis& analysis, const InputItem& source)
{
    BounceEvent base;
    base.source = source;
    base.source.bytes.clear();
    base.kind = analysis.kind();
    base.messageKey = messageKeyOf(analysis);
    base.failed = analysis.hasErrors();
    if (const auto date = MailDate::parse(analysis.message.header(u"Date")))
        base.occurred = date->time.toUTC();
    if (analysis.recipients.isEmpty()) {
        if (analysis.hasErrors())
            base.note = analysis.errors.join(QLatin1Char(' '));
        else if (!analysis.report.isReport())
            base.note = QStringLiteral("Not a delivery report.");
        else
            base.note = QStringLiteral("No recipient could be read from this report.");
        base.type = analysis.report.isReport() ? BounceType::Unknown : BounceType::None;
        base.side = analysis.report.isReport() ? Side::Unknown : Side::None;
        base.advice = analysis.report.isReport() ? Advice::Investigate : Advice::None;
        base.cause = QStringLiteral("undetermined");
        return {base};
    }
    QList<BounceEvent> events;
    events.reserve(analysis.recipients.size());
    for (const RecipientAnalysis& r : analysis.recipients) {
        BounceEvent e = base;
        const Classification& c = r.classification;
        e.address = r.report.address;
        e.occurred = whenOccurred(analysis, r.report);
        e.type = c.type;
        e.cause = c.cause;
        e.side = c.side;
        e.advice = c.advice;
        e.removeAddress = c.removeAddress;
        e.replyCode = r.report.replyCode;
        e.status = r.report.status;
        e.diagnostic = r.report.diagnostic;
        e.reportingMta =
            r.report.reportingMta.isEmpty() ? analysis.report.reportingMta : r.report.reportingMta;
        e.remoteMta = r.report.remoteMta;
        events.append(e);
    }
    return events;
}

BounceType bounceTypeFromString(const QString& text)
{
    for (const BounceType t : {BounceType::Hard, BounceType::Soft, BounceType::Deferred, BounceType::None}) {
        if (toString(t) == text)
            return t;
    }
    return BounceType::Unknown;
}

Side sideFromString(const QString& text)
{
    for (const Side s : {Side::Recipient, Side::Sender, Side::Transient, Side::None}) {
        if (toString(s) == text)
            return s;
    }
    return Side::Unknown;
}

Advice adviceFromString(const QString& text)
{
    for (const Advice a : {Advice::RemoveAddress, Advice::StopSending, Advice::FixSenderKeepAddress,
                           Advice::RetryAndMonitor, Advice::RetryAndReduceRate, Advice::None}) {
        if (toString(a) == text)
            return a;
    }
    return Advice::Investigate;
}

} // namespace headerlens
