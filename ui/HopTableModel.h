#pragma once

#include "RelayChain.h"

#include <QAbstractTableModel>
#include <QPalette>

namespace headerlens {

// The hops of a relay chain as a table beneath the timeline: one row per hop in delivery order.
class HopTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        HopColumn,
        ByColumn,
        FromColumn,
        ProtocolColumn,
        SecurityColumn,
        TimeColumn,
        DelayColumn,
        NotesColumn,
        ColumnCount
    };

    explicit HopTableModel(QObject* parent = nullptr);

    void setChain(const RelayChain& chain);
    // Colours for skew and the longest delay follow this palette.
    void setPalette(const QPalette& palette);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The text of a cell, as shown (exposed for tests and copying).
    QString text(int row, int column) const;

private:
    RelayChain m_chain;
    int m_longest = -1;
    QPalette m_palette;
};

} // namespace headerlens
