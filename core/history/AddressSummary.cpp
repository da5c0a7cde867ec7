#include "AddressSummary.h"

namespace headerlens {

namespace {

QString day(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

QString toString(HygieneList list)
{
    switch (list) {
    case HygieneList::Remove:
        return QStringLiteral("remove");
    case HygieneList::KeepFixSender:
        return QStringLiteral("keep_fix_sender");
    case HygieneList::Watch:
        return QStringLiteral("watch");
    case HygieneList::None:
        break;
    }
    return QStringLiteral("none");
}

HygieneList hygieneListFromString(const QString& text)
{
    for (const HygieneList l : {HygieneList::Remove, HygieneList::KeepFixSender, HygieneList::Watch}) {
        if (toString(l) == text)
            return l;
    }
    return HygieneList::None;
}

AddressSummary AddressSummary::from(const QList<BounceEvent>& events, const EscalationPolicy& policy)
{
    AddressSummary s;
    if (events.isEmpty())
        return s;
    s.address = events.first().addressKey();
    s.domain = events.first().domain();
    s.events = int(events.size());
    const QList<EscalationMark> marks = policy.evaluate(events);

    const BounceEvent* last = nullptr;        // the latest event (undated ones come first)
    const BounceEvent* complaint = nullptr;   // the latest spam complaint
    const BounceEvent* gone = nullptr;        // the latest "address is gone", unless received since
    const BounceEvent* lastFailure = nullptr; // the latest failure since the mailbox last received
    const BounceEvent* lastCounting = nullptr;
    EscalationMark runMark;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const BounceEvent& e = events[i];
        last = &e;
        if (e.occurred.isValid()) {
            if (!s.firstSeen.isValid())
                s.firstSeen = e.occurred;
            s.lastSeen = e.occurred;
        }
        switch (e.type) {
        case BounceType::Hard:
            ++s.hard;
            break;
        case BounceType::Soft:
            ++s.soft;
            break;
        case BounceType::Deferred:
            ++s.deferred;
            break;
        case BounceType::None:
            ++s.none;
            break;
        case BounceType::Unknown:
            ++s.unknown;
            break;
        }
        if (e.cause == QLatin1String("feedback_report") || e.advice == Advice::StopSending) {
            ++s.complaints;
            complaint = &e;
        }
        const EscalationPolicy::Role role = EscalationPolicy::roleOf(e);
        if (role == EscalationPolicy::Role::Resets && e.occurred.isValid()) {
            gone = nullptr;
            lastFailure = nullptr;
            runMark = {};
            lastCounting = nullptr;
            continue;
        }
        if (e.removeAddress && e.type == BounceType::Hard)
            gone = &e;
        if (role == EscalationPolicy::Role::EndsRun && e.occurred.isValid()) {
            runMark = {};
            lastCounting = nullptr;
        }
        if (e.type != BounceType::None)
            lastFailure = &e;
        if (marks[i].run > 0) {
            runMark = marks[i];
            lastCounting = &e;
        }
    }
    s.lastType = last->type;
    s.lastCause = last->cause;
    s.lastSide = last->side;
    s.lastAdvice = last->advice;
    s.lastReplyCode = last->replyCode;
    s.lastStatus = last->status;
    s.lastDiagnostic = last->diagnostic;
    s.lastRemoteMta = last->remoteMta;
    s.softRun = runMark.run;
    s.softRunSince = runMark.runSince;
    s.escalated = runMark.escalated;

    if (complaint) {
        s.list = HygieneList::Remove;
        s.advice = Advice::StopSending;
        s.cause = QStringLiteral("feedback_report");
        s.reason = complaint->occurred.isValid()
                       ? QStringLiteral("Spam complaint on %1: stop sending (suppress the address).")
                             .arg(day(complaint->occurred))
                       : QStringLiteral("Spam complaint: stop sending (suppress the address).");
    } else if (gone) {
        s.list = HygieneList::Remove;
        s.advice = Advice::RemoveAddress;
        s.cause = gone->cause;
        s.reason = gone->occurred.isValid()
                       ? QStringLiteral("Gone (%1) on %2.").arg(gone->cause, day(gone->occurred))
                       : QStringLiteral("Gone (%1).").arg(gone->cause);
    } else if (s.escalated) {
        s.list = HygieneList::Remove;
        s.advice = Advice::RemoveAddress;
        s.cause = lastCounting->cause;
        s.reason = runMark.evidence + QLatin1Char('.');
    } else if (s.softRun > 0) {
        s.list = HygieneList::Watch;
        s.advice = Advice::RetryAndMonitor;
        s.cause = lastCounting->cause;
        s.reason = QStringLiteral("%1 consecutive soft bounce%2 since %3 (removal at %4 over %5 days).")
                       .arg(s.softRun)
                       .arg(s.softRun == 1 ? QString() : QStringLiteral("s"))
                       .arg(day(s.softRunSince))
                       .arg(policy.softBounces)
                       .arg(policy.minDays);
    } else if (lastFailure && lastFailure->side == Side::Sender) {
        s.list = HygieneList::KeepFixSender;
        s.advice = Advice::FixSenderKeepAddress;
        s.cause = lastFailure->cause;
        s.reason = QStringLiteral("Refused for a sender-side reason (%1): keep the address, fix the sender.")
                       .arg(lastFailure->cause);
    } else {
        s.list = HygieneList::None;
        s.advice = lastFailure ? lastFailure->advice : Advice::None;
        s.cause = lastFailure ? lastFailure->cause : last->cause;
        s.reason = lastFailure ? QStringLiteral("Nothing decisive yet.")
                               : QStringLiteral("No failure since the mailbox last received a message.");
    }
    return s;
}

} // namespace headerlens
