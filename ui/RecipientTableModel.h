#pragma once

#include "Analysis.h"

#include <QAbstractTableModel>
#include <QPalette>

namespace headerlens {

// The recipients of a report, one row each, in report order.
class RecipientTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        AddressColumn,
        VerdictColumn,
        CauseColumn,
        ReplyColumn,
        ColumnCount
    };

    explicit RecipientTableModel(QObject* parent = nullptr);

    void setRecipients(const QList<RecipientAnalysis>& recipients);
    void setPalette(const QPalette& palette);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RecipientAnalysis> m_recipients;
    QPalette m_palette;
};

} // namespace headerlens
