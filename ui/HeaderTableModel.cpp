#include "HeaderTableModel.h"

#include "DisplayText.h"
#include "SafeHtml.h"

namespace headerlens {

HeaderTableModel::HeaderTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void HeaderTableModel::setHeaders(const HeaderList& headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeaderTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

int HeaderTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HeaderTableModel::rawText(const HeaderField& field)
{
    return QString::fromUtf8(field.rawValue);
}

QString HeaderTableModel::fieldText(const HeaderField& field)
{
    // "Name: value" as a message writes it: the raw value keeps its own folding, and a value
    // stored without its leading space gets one (RFC 5322 section 2.2 allows none, mail never omits it).
    const QString raw = rawText(field);
    if (raw.isEmpty() || raw.front().isSpace())
        return field.name + QLatin1Char(':') + raw;
    return field.name + QStringLiteral(": ") + raw;
}

QVariant HeaderTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_headers.size())
        return {};
    const HeaderField& field = m_headers[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case IndexColumn:
            return index.row() + 1;
        case NameColumn:
            return DisplayText::oneLine(field.name, 200);
        case ValueColumn:
            return DisplayText::oneLine(field.value, 2000);
        case RawColumn:
            return DisplayText::oneLine(rawText(field), 2000);
        default:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn || index.column() == RawColumn)
            return SafeHtml::toolTip(index.column() == ValueColumn ? field.value.left(2000)
                                                                   : rawText(field).left(2000));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case FieldTextRole:
        return fieldText(field);
    default:
        break;
    }
    return {};
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("#");
    case NameColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Value (decoded)");
    case RawColumn:
        return tr("Raw value");
    default:
        break;
    }
    return {};
}

} // namespace headerlens
