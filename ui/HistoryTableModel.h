#pragma once

#include "AddressSummary.h"

#include <QAbstractTableModel>
#include <QList>

namespace headerlens {

// Addresses as the history database summarises them: one row per address.
class HistoryTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        AddressColumn,
        ListColumn,
        AdviceColumn,
        CauseColumn,
        SoftRunColumn,
        EventsColumn,
        HardColumn,
        SoftColumn,
        DeferredColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ReasonColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit HistoryTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSummaries(const QList<AddressSummary>& summaries);
    const QList<AddressSummary>& summaries() const { return m_rows; }
    const AddressSummary& summary(int row) const { return m_rows[row]; }

private:
    QList<AddressSummary> m_rows;
};

} // namespace headerlens
