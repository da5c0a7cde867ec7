#include "DisplayText.h"

#include "CauseCatalog.h"
#include "TextSummary.h"
#include "Verdict.h"

#include <QCoreApplication>
#include <QLocale>

namespace headerlens {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DisplayText", text);
}

} // namespace

QString DisplayText::typeLabel(BounceType type)
{
    switch (type) {
    case BounceType::Hard:
        return tr("Hard bounce");
    case BounceType::Soft:
        return tr("Soft bounce");
    case BounceType::Deferred:
        return tr("Deferred");
    case BounceType::None:
        return tr("Not a failure");
    case BounceType::Unknown:
        break;
    }
    return tr("Not determined");
}

QString DisplayText::badgeText(BounceType type)
{
    return typeLabel(type).toUpper();
}

QString DisplayText::causeLabel(const QString& cause)
{
    // The titles live with the rest of the cause vocabulary in core (rules/causes.tsv).
    if (CauseCatalog::isKnown(cause))
        return CauseCatalog::entry(cause).title;
    return cause.isEmpty() ? tr("Cause not determined") : cause;
}

QString DisplayText::sideLabel(Side side)
{
    switch (side) {
    case Side::Recipient:
        return tr("The recipient's side");
    case Side::Sender:
        return tr("The sender's side (yours)");
    case Side::Transient:
        return tr("Temporary, on the way");
    case Side::None:
        return tr("Nobody's: nothing failed");
    case Side::Unknown:
        break;
    }
    return tr("Not known");
}

QString DisplayText::adviceLabel(Advice advice)
{
    switch (advice) {
    case Advice::RemoveAddress:
        return tr("Remove the address from your list.");
    case Advice::StopSending:
        return tr("Stop sending to this address: suppress it, although it works.");
    case Advice::FixSenderKeepAddress:
        return tr("Fix the sending side first; keep the address.");
    case Advice::RetryAndMonitor:
        return tr("Retry; watch for repeated failures.");
    case Advice::RetryAndReduceRate:
        return tr("Retry more slowly: reduce the sending rate.");
    case Advice::None:
        return tr("Nothing to do.");
    case Advice::Investigate:
        break;
    }
    return tr("Investigate: the evidence is not conclusive.");
}

QString DisplayText::impactLabel(ReputationImpact impact)
{
    switch (impact) {
    case ReputationImpact::High:
        return tr("High");
    case ReputationImpact::Moderate:
        return tr("Moderate");
    case ReputationImpact::Low:
        return tr("Low");
    case ReputationImpact::VeryLow:
        return tr("Very low");
    case ReputationImpact::None:
        break;
    }
    return tr("None");
}

QString DisplayText::relayChainSubtitle(const RelayChain& chain)
{
    if (chain.reordered)
        return tr("Every server that handled the message, oldest first, in the order they handed it on: a "
                  "Received field was out of place (see the note below).");
    return tr(
        "Every server that handled the message, oldest first (the bottom-most Received field is hop 1).");
}

QString DisplayText::kindLabel(const Analysis& analysis)
{
    switch (analysis.report.kind) {
    case ReportKind::Bounce:
        return tr("Bounce");
    case ReportKind::DelayNotice:
        return tr("Delay notice");
    case ReportKind::DeliveryNotice:
        return tr("Delivery notice");
    case ReportKind::FeedbackReport:
        return tr("Feedback report");
    case ReportKind::AutoReply:
        return tr("Auto-reply");
    case ReportKind::NotAReport:
        break;
    }
    return analysis.message.shape == InputShape::Message ? tr("Message") : tr("Header block");
}

QString DisplayText::dateTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    const int offset = time.offsetFromUtc();
    const int magnitude = offset < 0 ? -offset : offset;
    const QString zone = QStringLiteral("%1%2:%3")
                             .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                             .arg(magnitude / 3600, 2, 10, QLatin1Char('0'))
                             .arg((magnitude % 3600) / 60, 2, 10, QLatin1Char('0'));
    return time.toString(QStringLiteral("ddd d MMM yyyy HH:mm:ss")) + QLatin1Char(' ') + zone;
}

QString DisplayText::utcTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString DisplayText::duration(qint64 seconds)
{
    QString text = TextSummary::formatDuration(seconds);
    if (text.startsWith(QLatin1Char('-')))
        text.replace(0, 1, QChar(0x2212));
    return text;
}

QString DisplayText::count(qsizetype n, const char* one, const char* many)
{
    return tr(n == 1 ? one : many).arg(n);
}

QString DisplayText::bracketedIp(const QString& ip)
{
    if (ip.startsWith(QLatin1Char('[')) && ip.endsWith(QLatin1Char(']')))
        return ip;
    return QLatin1Char('[') + ip + QLatin1Char(']');
}

QString DisplayText::byteSize(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString DisplayText::oneLine(const QString& text, int maxLength)
{
    QString line;
    line.reserve(qMin<qsizetype>(text.size(), maxLength + 1));
    for (const QChar c : text) {
        if (line.size() >= maxLength) {
            line.append(QChar(0x2026));
            break;
        }
        line.append(c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
                            c == QChar::ParagraphSeparator
                        ? QLatin1Char(' ')
                        : c);
    }
    return line.simplified();
}

QString DisplayText::firstSentences(const QString& text, int maxLength)
{
    const QString simplified = text.simplified();
    if (simplified.size() <= maxLength)
        return simplified;
    qsizetype stop = simplified.lastIndexOf(QLatin1String(". "), maxLength);
    while (stop > maxLength / 3) {
        const QString part = simplified.left(stop + 1);
        if (part.count(QChar(0x201c)) == part.count(QChar(0x201d)))
            return part;
        stop = simplified.lastIndexOf(QLatin1String(". "), stop - 1);
    }
    return simplified.left(maxLength) + QChar(0x2026);
}

const RelayChain& DisplayText::mainRoute(const Analysis& analysis)
{
    if (analysis.report.isReport() && !analysis.originalRelay.isEmpty())
        return analysis.originalRelay;
    return analysis.relay;
}

QString DisplayText::transit(const RelayChain& chain)
{
    if (!chain.totalSeconds)
        return {};
    bool skewed = false;
    for (const RelayHop& hop : chain.hops)
        skewed = skewed || hop.clockSkew;
    const qint64 total = *chain.totalSeconds;
    if (skewed && total < 0)
        return tr("transit time unknown: a server clock is wrong");
    if (skewed)
        return tr("%1 in transit by the time stamps, but a server clock is wrong").arg(duration(total));
    return tr("%1 in transit").arg(duration(total));
}

QString DisplayText::adviceText(const Classification& classification)
{
    return Verdict::of(classification).advice;
}

QString DisplayText::serverReply(const RecipientReport& report, int maxLength, bool* hasCodes)
{
    QStringList codes;
    if (report.replyCode > 0)
        codes << QString::number(report.replyCode);
    if (!report.status.isEmpty())
        codes << report.status;
    if (hasCodes)
        *hasCodes = !codes.isEmpty();
    QString reply = codes.join(QLatin1Char(' '));
    if (!report.diagnostic.isEmpty()) {
        const QString words = oneLine(
            report.diagnostic, maxLength < 0 ? static_cast<int>(report.diagnostic.size()) + 1 : maxLength);
        reply = words.startsWith(reply) ? words : reply + QStringLiteral(" \u2014 ") + words;
    }
    return reply;
}

} // namespace headerlens
