#include "RecipientTableModel.h"

#include "DisplayText.h"
#include "VerdictStyle.h"

#include <QPainter>
#include <QPixmap>

namespace headerlens {

RecipientTableModel::RecipientTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void RecipientTableModel::setRecipients(const QList<RecipientAnalysis>& recipients)
{
    beginResetModel();
    m_recipients = recipients;
    endResetModel();
}

void RecipientTableModel::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (!m_recipients.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int RecipientTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_recipients.size());
}

int RecipientTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecipientTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_recipients.size())
        return {};
    const RecipientAnalysis& recipient = m_recipients[index.row()];
    const RecipientReport& r = recipient.report;
    const Classification& c = recipient.classification;
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case AddressColumn:
            return r.address.isEmpty() ? tr("(not named)") : DisplayText::oneLine(r.address);
        case VerdictColumn:
            return DisplayText::typeLabel(c.type);
        case CauseColumn:
            return DisplayText::causeLabel(c.cause);
        case ReplyColumn: {
            QStringList parts;
            if (r.replyCode > 0)
                parts << QString::number(r.replyCode);
            if (!r.status.isEmpty())
                parts << r.status;
            return DisplayText::oneLine(parts.join(QLatin1Char(' ')));
        }
        default:
            break;
        }
    } else if (role == Qt::DecorationRole && index.column() == VerdictColumn) {
        QPixmap dot(12, 12);
        dot.fill(Qt::transparent);
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(VerdictStyle::color(c.type, m_palette));
        painter.drawEllipse(QRectF(1, 1, 10, 10));
        return dot;
    }
    return {};
}

QVariant RecipientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn:
        return tr("Recipient");
    case VerdictColumn:
        return tr("Verdict");
    case CauseColumn:
        return tr("Cause");
    case ReplyColumn:
        return tr("Reply");
    default:
        break;
    }
    return {};
}

} // namespace headerlens
