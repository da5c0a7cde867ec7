#include "EscalationPolicy.h"

#include <algorithm>

namespace headerlens {

namespace {

// Soft-bounce causes that say something about the mailbox itself.
bool countingCause(const QString& cause)
{
    static const QStringList causes = {QStringLiteral("mailbox_full"), QStringLiteral("mailbox_disabled"),
                                       QStringLiteral("server_error"), QStringLiteral("network_error"),
                                       QStringLiteral("expired")};
    return causes.contains(cause);
}

// The mailbox received the message.
bool receivedCause(const QString& cause)
{
    static const QStringList causes = {QStringLiteral("delivered"), QStringLiteral("auto_reply"),
                                       QStringLiteral("feedback_report")};
    return causes.contains(cause);
}

constexpr auto HistoryRule = QLatin1String("history.repeated_soft");

} // namespace

EscalationPolicy EscalationPolicy::make(int softBounces, int minDays)
{
    EscalationPolicy p;
    p.softBounces = std::clamp(softBounces, MinSoftBounces, MaxSoftBounces);
    p.minDays = std::max(1, minDays);
    return p;
}

EscalationPolicy::Role EscalationPolicy::roleOf(const BounceEvent& event)
{
    if (event.type == BounceType::Soft && event.side != Side::Sender && countingCause(event.cause))
        return Role::CountsAsSoft;
    if (event.type == BounceType::None && receivedCause(event.cause))
        return Role::Resets;
    if (event.type == BounceType::Hard && event.removeAddress)
        return Role::EndsRun;
    return Role::Neutral;
}

QString EscalationPolicy::ordinal(int n)
{
    const int lastTwo = n % 100;
    const int last = n % 10;
    const char* suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        if (last == 1)
            suffix = "st";
        else if (last == 2)
            suffix = "nd";
        else if (last == 3)
            suffix = "rd";
    }
    return QString::number(n) + QLatin1String(suffix);
}

QList<EscalationMark> EscalationPolicy::evaluate(const QList<BounceEvent>& events) const
{
    QList<EscalationMark> marks(events.size());
    int run = 0;
    QDateTime since;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const BounceEvent& e = events[i];
        if (!e.occurred.isValid())
            continue;
        switch (roleOf(e)) {
        case Role::Resets:
        case Role::EndsRun:
            run = 0;
            since = {};
            break;
        case Role::Neutral:
            break;
        case Role::CountsAsSoft: {
            if (++run == 1)
                since = e.occurred;
            EscalationMark& m = marks[i];
            m.run = run;
            m.runSince = since;
            const qint64 days = since.toUTC().date().daysTo(e.occurred.toUTC().date());
            m.escalated = run >= softBounces && days >= minDays;
            if (m.escalated) {
                m.evidence = QStringLiteral("%1 consecutive soft bounce since %2")
                                 .arg(ordinal(run), since.toUTC().toString(QStringLiteral("yyyy-MM-dd")));
            }
            break;
        }
        }
    }
    return marks;
}

QList<EscalationMark> EscalationPolicy::evaluateNow(const QList<BounceEvent>& events) const
{
    QList<EscalationMark> marks = evaluate(events);
    qsizetype runStart = -1; // the first event after the last dated reset
    for (qsizetype i = events.size() - 1; i >= 0; --i) {
        const Role role = roleOf(events[i]);
        if (events[i].occurred.isValid() && (role == Role::Resets || role == Role::EndsRun))
            break;
        runStart = i;
    }
    if (runStart < 0)
        return marks;
    qsizetype last = -1;
    for (qsizetype i = runStart; i < events.size(); ++i) {
        if (marks[i].run > 0)
            last = i;
    }
    if (last < 0 || !marks[last].escalated)
        return marks;
    for (qsizetype i = runStart; i < last; ++i) {
        if (marks[i].run > 0) {
            marks[i].escalated = true;
            marks[i].evidence = marks[last].evidence;
        }
    }
    return marks;
}

QString EscalationPolicy::explanation(const EscalationMark& mark) const
{
    return QStringLiteral("History: %1 (the rule: %2 soft bounces over at least %3 days, with no delivery "
                          "in between). A mailbox that keeps bouncing like this is rarely read: remove the "
                          "address now.")
        .arg(mark.evidence, QString::number(softBounces), QString::number(minDays));
}

bool EscalationPolicy::applyTo(RecipientAnalysis& recipient, const EscalationMark& mark) const
{
    if (!mark.escalated)
        return false;
    Classification& c = recipient.classification;
    const bool already = std::any_of(c.evidence.cbegin(), c.evidence.cend(),
                                     [](const Evidence& e) { return e.rule == HistoryRule; });
    if (already)
        return false;
    c.removeAddress = true;
    c.advice = Advice::RemoveAddress;
    c.evidence.append({QString(HistoryRule), mark.evidence});
    recipient.explanation += QLatin1Char(' ') + explanation(mark);
    return true;
}

void sortChronologically(QList<BounceEvent>& events)
{
    std::stable_sort(events.begin(), events.end(), [](const BounceEvent& a, const BounceEvent& b) {
        if (a.occurred.isValid() != b.occurred.isValid())
            return !a.occurred.isValid(); // undated first: they take no part
        return a.occurred < b.occurred;
    });
}

} // namespace headerlens
