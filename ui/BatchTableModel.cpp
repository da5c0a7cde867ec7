#include "BatchTableModel.h"

#include "EscalationPolicy.h"
#include "VisibleText.h"

#include <QFileInfo>

namespace headerlens {

BatchTableModel::BatchTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int BatchTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BatchTableModel::text(const BounceEvent& r, int column)
{
    switch (column) {
    case DateColumn:
        return r.occurred.isValid() ? r.occurred.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                    : QString();
    case RecipientColumn:
        return r.address;
    case DomainColumn:
        return r.domain();
    case TypeColumn:
        return toString(r.type);
    case CauseColumn:
        return r.cause;
    case SideColumn:
        return toString(r.side);
    case AdviceColumn:
        return toString(r.history.escalated ? Advice::RemoveAddress : r.advice);
    case ReplyCodeColumn:
        return r.replyCode > 0 ? QString::number(r.replyCode) : QString();
    case StatusColumn:
        return r.status;
    case ReportingMtaColumn:
        return r.reportingMta;
    case FileColumn: {
        const QString name = QFileInfo(r.source.path).fileName();
        return r.source.ordinal > 0 ? name + QStringLiteral(" #") + QString::number(r.source.ordinal) : name;
    }
    case HistoryColumn:
        if (r.history.escalated)
            return r.history.evidence;
        return r.history.run > 0
                   ? QStringLiteral("%1 soft bounce in a row").arg(EscalationPolicy::ordinal(r.history.run))
                   : QString();
    default:
        break;
    }
    return {};
}

QVariant BatchTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const BounceEvent& r = m_rows[index.row()];
    // What is shown is neutral text (VisibleText: control and bidi characters as markers, long text
    // cut); exports and the filter keep the message's own text.
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == RecipientColumn && !r.hasAddress())
            return r.failed ? tr("(unreadable)") : tr("(no recipient)");
        return VisibleText::shown(text(r, index.column()), 500);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case RecipientColumn:
            return VisibleText::shown(r.hasAddress() ? r.diagnostic : r.note, 1000);
        case FileColumn:
            return VisibleText::shown(r.source.label(), 1000);
        case AdviceColumn:
        case HistoryColumn:
            return r.history.escalated ? VisibleText::shown(r.history.evidence, 1000) : QVariant();
        default:
            return r.diagnostic.isEmpty() ? QVariant() : QVariant(VisibleText::shown(r.diagnostic, 1000));
        }
    case SortRole:
        switch (index.column()) {
        case DateColumn:
            return r.occurred.isValid() ? r.occurred.toMSecsSinceEpoch() : qint64(0);
        case ReplyCodeColumn:
            return r.replyCode;
        case FileColumn:
            return QString(r.source.path +
                           QStringLiteral("#%1").arg(r.source.ordinal, 9, 10, QLatin1Char('0')));
        case HistoryColumn:
            return r.history.escalated ? 1000 + r.history.run : r.history.run;
        default:
            return text(r, index.column()).toLower();
        }
    case FilterTextRole:
        return QStringList({r.address, r.domain(), r.cause, r.status, r.diagnostic, r.reportingMta,
                            r.remoteMta, r.source.label(), toString(r.type), toString(r.side), r.note,
                            r.history.evidence})
            .join(QLatin1Char('\n'));
    default:
        break;
    }
    return {};
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date (UTC)");
    case RecipientColumn:
        return tr("Recipient");
    case DomainColumn:
        return tr("Domain");
    case TypeColumn:
        return tr("Type");
    case CauseColumn:
        return tr("Cause");
    case SideColumn:
        return tr("Side");
    case AdviceColumn:
        return tr("Advice");
    case ReplyCodeColumn:
        return tr("Reply");
    case StatusColumn:
        return tr("Status");
    case ReportingMtaColumn:
        return tr("Reporting MTA");
    case FileColumn:
        return tr("File");
    case HistoryColumn:
        return tr("History");
    default:
        break;
    }
    return {};
}

void BatchTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void BatchTableModel::append(const QList<BounceEvent>& rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows += rows;
    endInsertRows();
}

void BatchTableModel::replaceAll(const QList<BounceEvent>& rows)
{
    if (rows.size() != m_rows.size()) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

} // namespace headerlens
