#pragma once

#include <QSortFilterProxyModel>

namespace headerlens {

// What the batch table shows: rows whose text holds every word of the filter box (address,
// domain, cause, status, server text, file ...), and, when a count was clicked, only that type or
// cause.
class BatchFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit BatchFilterModel(QObject* parent = nullptr);

    void setText(const QString& text);
    // column: BatchTableModel::TypeColumn or CauseColumn; an empty value shows every row.
    void setFacet(int column, const QString& value);
    int facetColumn() const { return m_facetColumn; }
    QString facetValue() const { return m_facetValue; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList m_words;
    int m_facetColumn = -1;
    QString m_facetValue;
};

} // namespace headerlens
