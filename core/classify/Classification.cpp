#include "Classification.h"

namespace headerlens {

QString toString(BounceType type)
{
    switch (type) {
    case BounceType::Hard:
        return QStringLiteral("hard");
    case BounceType::Soft:
        return QStringLiteral("soft");
    case BounceType::Deferred:
        return QStringLiteral("deferred");
    case BounceType::None:
        return QStringLiteral("none");
    case BounceType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString toString(Side side)
{
    switch (side) {
    case Side::Recipient:
        return QStringLiteral("recipient");
    case Side::Sender:
        return QStringLiteral("sender");
    case Side::Transient:
        return QStringLiteral("transient");
    case Side::None:
        return QStringLiteral("none");
    case Side::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString toString(Advice advice)
{
    switch (advice) {
    case Advice::RemoveAddress:
        return QStringLiteral("remove_address");
    case Advice::StopSending:
        return QStringLiteral("stop_sending");
    case Advice::FixSenderKeepAddress:
        return QStringLiteral("fix_sender_keep_address");
    case Advice::RetryAndMonitor:
        return QStringLiteral("retry_and_monitor");
    case Advice::RetryAndReduceRate:
        return QStringLiteral("retry_and_reduce_rate");
    case Advice::None:
        return QStringLiteral("none");
    case Advice::Investigate:
        break;
    }
    return QStringLiteral("investigate");
}

QString toString(ReputationImpact impact)
{
    switch (impact) {
    case ReputationImpact::High:
        return QStringLiteral("high");
    case ReputationImpact::Moderate:
        return QStringLiteral("moderate");
    case ReputationImpact::Low:
        return QStringLiteral("low");
    case ReputationImpact::VeryLow:
        return QStringLiteral("very_low");
    case ReputationImpact::None:
        break;
    }
    return QStringLiteral("none");
}

} // namespace headerlens
