#pragma once

#include "BounceEvent.h"

#include <QAbstractTableModel>
#include <QList>

namespace headerlens {

// The rows of a batch (or of one address's history): one row per recipient. Displays the contract
// words (hard, mailbox_full ...) so that what is seen, filtered and exported is the same; sorts
// dates and reply codes as values (SortRole).
class BatchTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        DateColumn,
        RecipientColumn,
        DomainColumn,
        TypeColumn,
        CauseColumn,
        SideColumn,
        AdviceColumn,
        ReplyCodeColumn,
        StatusColumn,
        ReportingMtaColumn,
        FileColumn,
        HistoryColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int FilterTextRole = Qt::UserRole + 2; // everything the filter box searches

    explicit BatchTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void append(const QList<BounceEvent>& rows);
    // The same rows again, now with their history marks: updated in place (selection stays).
    void replaceAll(const QList<BounceEvent>& rows);
    const BounceEvent& row(int i) const { return m_rows[i]; }
    const QList<BounceEvent>& rows() const { return m_rows; }

    // What a cell shows, for the counts and the exports.
    static QString text(const BounceEvent& row, int column);

private:
    QList<BounceEvent> m_rows;
};

} // namespace headerlens
