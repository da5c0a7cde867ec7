#include "Verdict.h"

#include "DisplayText.h"

#include <QCoreApplication>

#include <algorithm>

namespace headerlens {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Verdict", text);
}

bool hasEvidence(const Classification& c, QLatin1String rule)
{
    return std::any_of(c.evidence.cbegin(), c.evidence.cend(),
                       [rule](const Evidence& e) { return e.rule == rule; });
}

bool escalatedByHistory(const Classification& c)
{
    return hasEvidence(c, QLatin1String("history.repeated_soft"));
}

// What to do for a failure that is final (a bounce): the sending server has given up, so the
// advice is to send again, never "retry".
QString finalAdvice(const Classification& c)
{
    switch (c.advice) {
    case Advice::RetryAndMonitor:
        return tr("Send it again later; watch for repeated failures of this address.");
    case Advice::RetryAndReduceRate:
        return tr("Send it again later, at a lower rate to this receiver.");
    case Advice::FixSenderKeepAddress:
        return tr("Fix the sending side first; keep the address.");
    case Advice::Investigate:
        return tr("Investigate before acting on the address: the evidence is not conclusive.");
    default:
        return DisplayText::adviceLabel(c.advice);
    }
}

QString deferredAdvice(const Classification& c)
{
    switch (c.advice) {
    case Advice::RetryAndReduceRate:
        return tr("Nothing to resend: the sending server keeps retrying. Send to this receiver at a lower "
                  "rate.");
    case Advice::FixSenderKeepAddress:
        return tr("Fix the sending side; the sending server keeps retrying meanwhile. Keep the address.");
    case Advice::Investigate:
        return tr("Nothing to resend: the sending server keeps retrying. Look into the cause if it lasts.");
    default:
        return tr("Nothing to resend: the sending server keeps retrying. Watch whether it is delivered.");
    }
}

} // namespace

Verdict Verdict::of(const Classification& c)
{
    using Tone = VerdictStyle::Tone;
    Verdict v;
    if (c.advice == Advice::StopSending) {
        v.tone = Tone::Danger;
        v.badge = tr("SPAM COMPLAINT");
        v.label = tr("Spam complaint: stop sending");
        v.advice = tr("Stop sending to this address: suppress it, although it works. Review why the person "
                      "complained.");
        return v;
    }
    if (c.removeAddress || c.advice == Advice::RemoveAddress) {
        v.tone = Tone::Danger;
        if (c.type == BounceType::Hard) {
            v.badge = tr("HARD BOUNCE");
            v.label = tr("Hard bounce: remove the address");
        } else {
            v.badge = tr("REMOVE ADDRESS");
            v.label = tr("Repeated bounces: remove the address");
        }
        v.advice = escalatedByHistory(c) && c.type != BounceType::Hard
                       ? tr("Remove the address: it has bounced again and again over weeks.")
                       : tr("Remove the address from your list: it is gone.");
        return v;
    }
    // A mailing list holding a post for its moderator: nothing is retried and nothing is to resend.
    if (hasEvidence(c, QLatin1String("list.moderation_hold"))) {
        v.tone = Tone::Info;
        v.badge = tr("HELD BY THE LIST");
        v.label = tr("Held for the list's moderator");
        v.advice = tr("Do not send it again: the list's moderator will post or reject it. Keep the address.");
        return v;
    }
    switch (c.type) {
    case BounceType::Hard:
        if (c.side == Side::Sender) {
            v.tone = Tone::Accent;
            v.badge = tr("YOUR SIDE \u00b7 ADDRESS KEPT");
            v.label = tr("Refused for your side: keep the address");
        } else {
            v.tone = Tone::Warning;
            v.badge = tr("REFUSED \u00b7 ADDRESS KEPT");
            v.label = tr("Refused: keep the address");
        }
        v.advice = finalAdvice(c);
        return v;
    case BounceType::Soft:
        v.tone = Tone::Warning;
        v.badge = DisplayText::badgeText(c.type);
        v.label = DisplayText::typeLabel(c.type);
        v.advice = finalAdvice(c);
        return v;
    case BounceType::Deferred:
        v.tone = Tone::Info;
        v.badge = DisplayText::badgeText(c.type);
        v.label = tr("Deferred: still being retried");
        v.advice = deferredAdvice(c);
        return v;
    case BounceType::None:
        v.tone = Tone::Success;
        v.badge = DisplayText::badgeText(c.type);
        v.label = DisplayText::typeLabel(c.type);
        v.advice = DisplayText::adviceLabel(c.advice);
        return v;
    case BounceType::Unknown:
        break;
    }
    v.tone = Tone::Neutral;
    v.badge = DisplayText::badgeText(c.type);
    v.label = DisplayText::typeLabel(c.type);
    v.advice = finalAdvice(c);
    return v;
}

int Verdict::urgency() const
{
    switch (tone) {
    case VerdictStyle::Tone::Danger:
        return 0;
    case VerdictStyle::Tone::Accent:
        return 1;
    case VerdictStyle::Tone::Warning:
        return 2;
    case VerdictStyle::Tone::Info:
        return 3;
    case VerdictStyle::Tone::Neutral:
        return 4;
    case VerdictStyle::Tone::Success:
        break;
    }
    return 5;
}

Verdict Verdict::overall(const Analysis& analysis)
{
    if (analysis.recipients.isEmpty()) {
        Verdict v;
        if (!analysis.report.isReport() && !analysis.hasErrors()) {
            v.tone = VerdictStyle::Tone::Success;
            v.badge = tr("NO FAILURE FOUND");
            v.label = tr("No failure found");
            v.advice = DisplayText::adviceLabel(Advice::None);
        } else {
            v.badge = DisplayText::badgeText(BounceType::Unknown);
            v.label = DisplayText::typeLabel(BounceType::Unknown);
            v.advice = DisplayText::adviceLabel(Advice::Investigate);
        }
        return v;
    }
    Verdict best = of(analysis.recipients.first().classification);
    for (const RecipientAnalysis& r : analysis.recipients) {
        const Verdict v = of(r.classification);
        if (v.urgency() < best.urgency())
            best = v;
    }
    return best;
}

QString Verdict::headline(const Analysis& analysis)
{
    if (!analysis.summary.isEmpty())
        return analysis.summary;
    if (!analysis.report.isReport())
        return tr("An ordinary message: there is no bounce, delay notice or auto-reply in it.");
    return tr("%1 about %2.")
        .arg(DisplayText::kindLabel(analysis),
             DisplayText::count(analysis.recipients.size(), "%1 recipient", "%1 recipients"));
}

} // namespace headerlens
