#include "HistoryTableModel.h"

namespace headerlens {

namespace {

QString day(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

} // namespace

HistoryTableModel::HistoryTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int HistoryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AddressSummary& s = m_rows[index.row()];
    if (role == Qt::ToolTipRole)
        return s.reason.isEmpty() ? QVariant() : QVariant(s.reason);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case AddressColumn:
        return s.address;
    case ListColumn:
        return toString(s.list);
    case AdviceColumn:
        return toString(s.advice);
    case CauseColumn:
        return s.cause;
    case SoftRunColumn:
        return sort ? QVariant(s.softRun) : (s.softRun > 0 ? QVariant(s.softRun) : QVariant());
    case EventsColumn:
        return s.events;
    case HardColumn:
        return s.hard;
    case SoftColumn:
        return s.soft;
    case DeferredColumn:
        return s.deferred;
    case FirstSeenColumn:
        return sort ? QVariant(s.firstSeen.toMSecsSinceEpoch()) : QVariant(day(s.firstSeen));
    case LastSeenColumn:
        return sort ? QVariant(s.lastSeen.toMSecsSinceEpoch()) : QVariant(day(s.lastSeen));
    case ReasonColumn:
        return s.reason;
    default:
        break;
    }
    return {};
}

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case ListColumn:
        return tr("List");
    case AdviceColumn:
        return tr("Advice");
    case CauseColumn:
        return tr("Cause");
    case SoftRunColumn:
        return tr("Soft run");
    case EventsColumn:
        return tr("Events");
    case HardColumn:
        return tr("Hard");
    case SoftColumn:
        return tr("Soft");
    case DeferredColumn:
        return tr("Deferred");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case ReasonColumn:
        return tr("Why");
    default:
        break;
    }
    return {};
}

void HistoryTableModel::setSummaries(const QList<AddressSummary>& summaries)
{
    beginResetModel();
    m_rows = summaries;
    endResetModel();
}

} // namespace headerlens
