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

} // namespace headerlens
