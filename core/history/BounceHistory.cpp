#include "BounceHistory.h"

#include "BounceEvent.h"
#include "Explainer.h"

#include <QHash>

#include <algorithm>

namespace headerlens {

int BounceHistory::apply(QList<Analysis>& analyses, const Policy& policy)
{
    struct Entry
    {
        BounceEvent event;
        int analysis = 0;
        int recipient = 0;
    };
    QHash<QString, QList<Entry>> byAddress;
    for (int a = 0; a < analyses.size(); ++a) {
        const Analysis& analysis = analyses[a];
        if (analysis.recipients.isEmpty())
            continue;
        const QList<BounceEvent> events = BounceEvent::fromAnalysis(analysis, InputItem{});
        for (int i = 0; i < events.size(); ++i) {
            if (events[i].isListAddress())
                byAddress[events[i].addressKey()].append({events[i], a, i});
        }
    }
    int escalated = 0;
    QList<int> changed;
    for (auto it = byAddress.begin(); it != byAddress.end(); ++it) {
        QList<Entry>& entries = it.value();
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
            if (x.event.occurred.isValid() != y.event.occurred.isValid())
                return !x.event.occurred.isValid();
            return x.event.occurred < y.event.occurred;
        });
        QList<BounceEvent> events;
        events.reserve(entries.size());
        for (const Entry& e : std::as_const(entries))
            events.append(e.event);
        const QList<EscalationMark> marks = policy.evaluateNow(events);
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (policy.applyTo(analyses[entries[i].analysis].recipients[entries[i].recipient], marks[i])) {
                ++escalated;
                if (!changed.contains(entries[i].analysis))
                    changed.append(entries[i].analysis);
            }
        }
    }
    // The one-sentence summary says what the verdicts now say: remove, not retry.
    for (const int a : std::as_const(changed))
        analyses[a].summary = Explainer::summarize(analyses[a]);
    return escalated;
}

} // namespace headerlens
