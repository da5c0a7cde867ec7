#include "BounceHistory.h"

#include "Explainer.h"
#include "MailDate.h"

#include <QHash>

#include <algorithm>

namespace headerlens {

namespace {

// Recipient-side conditions that may last: a full or disabled mailbox. Transient causes (rate
// limits, server errors) say nothing about the address, and sender-side ones must be fixed, not
// escalated into removals.
bool countsTowardsRemoval(const Classification& c)
{
    return c.type == BounceType::Soft &&
           (c.cause == QLatin1String("mailbox_full") || c.cause == QLatin1String("mailbox_disabled"));
}

// When the bounce happened: the report's arrival or last attempt, else the bounce's own Date.
QDateTime whenBounced(const Analysis& analysis, const RecipientReport& r)
{
    if (r.lastAttempt.isValid())
        return r.lastAttempt;
    if (analysis.report.arrivalDate.isValid())
        return analysis.report.arrivalDate;
    if (const auto date = MailDate::parse(analysis.message.header(u"Date")))
        return date->time;
    return {};
}

struct Occurrence
{
    int analysis = 0;
    int recipient = 0;
    QDateTime when;
};

} // namespace

int BounceHistory::apply(QList<Analysis>& analyses, const Policy& policy)
{
    QHash<QString, QList<Occurrence>> byAddress;
    for (int a = 0; a < analyses.size(); ++a) {
        const Analysis& analysis = analyses[a];
        for (int i = 0; i < analysis.recipients.size(); ++i) {
            const RecipientAnalysis& r = analysis.recipients[i];
            if (r.report.address.isEmpty() || !countsTowardsRemoval(r.classification))
                continue;
            byAddress[r.report.address.toLower()].append({a, i, whenBounced(analysis, r.report)});
        }
    }

    int escalated = 0;
    QList<int> changed;
    for (auto it = byAddress.cbegin(); it != byAddress.cend(); ++it) {
        const QList<Occurrence>& seen = it.value();
        if (seen.size() < policy.softBounces)
            continue;
        QList<QDateTime> dates;
        for (const Occurrence& o : seen) {
            if (o.when.isValid())
                dates.append(o.when);
        }
        std::sort(dates.begin(), dates.end());
        // Without dates the spread cannot be shown: several bounces of one afternoon are one
        // incident, not a mailbox that stays full.
        if (dates.size() < policy.softBounces || dates.first().daysTo(dates.last()) < policy.minDays)
            continue;
        const QString evidence = QStringLiteral("%1 soft bounces of this address between %2 and %3")
                                     .arg(seen.size())
                                     .arg(dates.first().toUTC().toString(QStringLiteral("yyyy-MM-dd")),
                                          dates.last().toUTC().toString(QStringLiteral("yyyy-MM-dd")));
        for (const Occurrence& o : seen) {
            RecipientAnalysis& r = analyses[o.analysis].recipients[o.recipient];
            const bool already = std::any_of(
                r.classification.evidence.cbegin(), r.classification.evidence.cend(),
                [](const Evidence& e) { return e.rule == QLatin1String("history.repeated_soft"); });
            if (already)
                continue; // applied again to a batch that grew: say it once
            r.classification.removeAddress = true;
            r.classification.advice = Advice::RemoveAddress;
            r.classification.evidence.append({QStringLiteral("history.repeated_soft"), evidence});
            r.explanation +=
                QStringLiteral(" History: %1. A mailbox that keeps bouncing like this over weeks is "
                               "rarely read: remove the address now.")
                    .arg(evidence);
            ++escalated;
            if (!changed.contains(o.analysis))
                changed.append(o.analysis);
        }
    }
    // The one-sentence summary says what the verdicts now say: remove, not retry.
    for (const int a : std::as_const(changed))
        analyses[a].summary = Explainer::summarize(analyses[a]);
    return escalated;
}

} // namespace headerlens
