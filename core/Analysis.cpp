#include "Analysis.h"

namespace headerlens {

QString Analysis::kind() const
{
    switch (report.kind) {
    case ReportKind::Bounce:
        return QStringLiteral("bounce");
    case ReportKind::DelayNotice:
        return QStringLiteral("delay_notice");
    case ReportKind::DeliveryNotice:
        return QStringLiteral("delivery_notice");
    case ReportKind::FeedbackReport:
        return QStringLiteral("feedback_report");
    case ReportKind::AutoReply:
        return QStringLiteral("auto_reply");
    case ReportKind::NotAReport:
        break;
    }
    return message.shape == InputShape::Message ? QStringLiteral("message") : QStringLiteral("headers");
}

BounceType Analysis::overallType() const
{
    if (recipients.isEmpty())
        return report.isReport() ? BounceType::Unknown : BounceType::None;
    static constexpr BounceType order[] = {BounceType::Hard, BounceType::Soft, BounceType::Deferred,
                                           BounceType::Unknown, BounceType::None};
    for (const BounceType type : order) {
        for (const RecipientAnalysis& recipient : recipients) {
            if (recipient.classification.type == type)
                return type;
        }
    }
    return BounceType::Unknown;
}

} // namespace headerlens
