#pragma once

#include "AddressSummary.h"
#include "BounceEvent.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace headerlens {

// Where the events of many analyses are kept: HistoryDatabase (SQLite, core/history/store) or,
// without a database, MemoryHistoryStore. The batch writes events and asks for an address's
// events; it never knows which one it talks to.
class HistoryStore
{
public:
    virtual ~HistoryStore() = default;

    // Adds the events that name an address, all or none (one transaction). An event already
    // stored (same message key, address and date) is skipped: importing twice changes nothing.
    // Returns how many were new, or -1 on failure (errorText()).
    virtual int add(const QList<BounceEvent>& events) = 0;
    // Every event of one address (any case), oldest first. ok: false on failure.
    virtual QList<BounceEvent> events(const QString& address, bool* ok = nullptr) = 0;
    // Keeps the summaries of these addresses (all or none). false on failure.
    virtual bool saveSummaries(const QList<AddressSummary>& summaries) = 0;
    virtual QString errorText() const = 0;
};

// The history of one run only, in memory: used when there is no database, or when it failed.
class MemoryHistoryStore final : public HistoryStore
{
public:
    int add(const QList<BounceEvent>& events) override;
    QList<BounceEvent> events(const QString& address, bool* ok = nullptr) override;
    bool saveSummaries(const QList<AddressSummary>& summaries) override;
    QString errorText() const override { return {}; }

    const QHash<QString, AddressSummary>& summaries() const { return m_summaries; }

private:
    QHash<QString, QList<BounceEvent>> m_events;
    QHash<QString, AddressSummary> m_summaries;
};

} // namespace headerlens
