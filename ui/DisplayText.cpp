#include "DisplayText.h"

#include "TextSummary.h"

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
    // One phrase per value of the DOMAIN.md cause vocabulary.
    struct Entry
    {
        const char* cause;
        const char* label;
    };
    static constexpr Entry entries[] = {
        {"mailbox_unknown", QT_TRANSLATE_NOOP("DisplayText", "The mailbox does not exist")},
        {"domain_unknown",
         QT_TRANSLATE_NOOP("DisplayText", "The domain does not exist or has no mail server")},
        {"domain_not_accepting", QT_TRANSLATE_NOOP("DisplayText", "The domain accepts no mail")},
        {"address_moved", QT_TRANSLATE_NOOP("DisplayText", "The address has moved")},
        {"mailbox_disabled", QT_TRANSLATE_NOOP("DisplayText", "The mailbox is disabled or suspended")},
        {"mailbox_full", QT_TRANSLATE_NOOP("DisplayText", "The mailbox is full")},
        {"message_too_large", QT_TRANSLATE_NOOP("DisplayText", "The message is too large")},
        {"recipient_filter", QT_TRANSLATE_NOOP("DisplayText", "The recipient's own filter refused it")},
        {"sender_rejected", QT_TRANSLATE_NOOP("DisplayText", "The sender address was refused")},
        {"blocklisted", QT_TRANSLATE_NOOP("DisplayText", "The sending server is on a block list")},
        {"bad_reputation", QT_TRANSLATE_NOOP("DisplayText", "Refused for poor sending reputation")},
        {"missing_ptr", QT_TRANSLATE_NOOP("DisplayText", "The sending IP has no proper reverse DNS")},
        {"auth_failure", QT_TRANSLATE_NOOP("DisplayText", "SPF, DKIM or DMARC failed")},
        {"policy", QT_TRANSLATE_NOOP("DisplayText", "Refused by the receiver's policy")},
        {"spam_content", QT_TRANSLATE_NOOP("DisplayText", "The content was judged to be spam")},
        {"virus", QT_TRANSLATE_NOOP("DisplayText", "A virus or malware was found")},
        {"content_rejected", QT_TRANSLATE_NOOP("DisplayText", "The content or a header was refused")},
        {"not_rfc_compliant", QT_TRANSLATE_NOOP("DisplayText", "The message breaks the mail standards")},
        {"security_error", QT_TRANSLATE_NOOP("DisplayText", "A security requirement was not met")},
        {"tls_failure", QT_TRANSLATE_NOOP("DisplayText", "Encryption (TLS) failed or was required")},
        {"relay_denied", QT_TRANSLATE_NOOP("DisplayText", "Relaying was not permitted")},
        {"syntax_error", QT_TRANSLATE_NOOP("DisplayText", "An SMTP command or address was malformed")},
        {"rate_limited", QT_TRANSLATE_NOOP("DisplayText", "Too many messages: the receiver is throttling")},
        {"greylisted", QT_TRANSLATE_NOOP("DisplayText", "Greylisted: refused for now, accepted on retry")},
        {"server_error", QT_TRANSLATE_NOOP("DisplayText", "The receiving server had a problem")},
        {"network_error", QT_TRANSLATE_NOOP("DisplayText", "A network or DNS failure")},
        {"expired", QT_TRANSLATE_NOOP("DisplayText", "Retries ran out before delivery")},
        {"suppressed", QT_TRANSLATE_NOOP("DisplayText", "The sending service suppressed the address")},
        {"delivered", QT_TRANSLATE_NOOP("DisplayText", "The message was delivered")},
        {"auto_reply", QT_TRANSLATE_NOOP("DisplayText", "An automatic reply (out of office)")},
        {"feedback_report", QT_TRANSLATE_NOOP("DisplayText", "A spam complaint (feedback report)")},
        {"undetermined", QT_TRANSLATE_NOOP("DisplayText", "Cause not determined")},
    };
    for (const Entry& entry : entries) {
        if (cause == QLatin1String(entry.cause))
            return tr(entry.label);
    }
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

} // namespace headerlens
