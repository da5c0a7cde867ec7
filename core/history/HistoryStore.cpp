#include "HistoryStore.h"

#include "EscalationPolicy.h"

#include <algorithm>

namespace headerlens {

int MemoryHistoryStore::add(const QList<BounceEvent>& events)
{
    int added = 0;
    for (const BounceEvent& e : events) {
        if (!e.isListAddress())
            continue;
        QList<BounceEvent>& list = m_events[e.addressKey()];
        const bool known = std::any_of(list.cbegin(), list.cend(), [&](const BounceEvent& k) {
            return k.messageKey == e.messageKey && k.occurred == e.occurred;
        });
        if (known)
            continue;
        BounceEvent stored = e;
        stored.history = {};
        list.append(stored);
        ++added;
    }
    return added;
}

QList<BounceEvent> MemoryHistoryStore::events(const QString& address, bool* ok)
{
    if (ok)
        *ok = true;
    QList<BounceEvent> list = m_events.value(address.trimmed().toLower());
    sortChronologically(list);
    return list;
}

bool MemoryHistoryStore::saveSummaries(const QList<AddressSummary>& summaries)
{
    for (const AddressSummary& s : summaries)
        m_summaries.insert(s.address, s);
    return true;
}

} // namespace headerlens
