#include "BatchFilterModel.h"

#include "BatchTableModel.h"

namespace headerlens {

BatchFilterModel::BatchFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BatchTableModel::SortRole);
}

void BatchFilterModel::setText(const QString& text)
{
    m_words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void BatchFilterModel::setFacet(int column, const QString& value)
{
    m_facetColumn = value.isEmpty() ? -1 : column;
    m_facetValue = value;
    invalidateFilter();
}

bool BatchFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (m_facetColumn >= 0 &&
        model->index(sourceRow, m_facetColumn, sourceParent).data(Qt::DisplayRole).toString() != m_facetValue)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString text =
        model->index(sourceRow, 0, sourceParent).data(BatchTableModel::FilterTextRole).toString();
    for (const QString& word : m_words) {
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace headerlens
