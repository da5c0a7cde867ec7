#include "HopTableModel.h"

#include "DisplayText.h"
#include "SafeHtml.h"
#include "VerdictStyle.h"

#include <QFont>

namespace headerlens {

HopTableModel::HopTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void HopTableModel::setChain(const RelayChain& chain)
{
    beginResetModel();
    m_chain = chain;
    m_longest = m_chain.hops.size() > 1 ? m_chain.longestDelayIndex() : -1;
    endResetModel();
}

void HopTableModel::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (!m_chain.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int HopTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_chain.hops.size());
}

int HopTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HopTableModel::text(int row, int column) const
{
    if (row < 0 || row >= m_chain.hops.size())
        return {};
    const RelayHop& hop = m_chain.hops[row];
    const ReceivedHop& r = hop.received;
    switch (column) {
    case HopColumn:
        return QString::number(hop.number);
    case ByColumn:
        return DisplayText::oneLine(r.byHost);
    case FromColumn: {
        // The reverse-DNS name where the receiver found one, "no reverse DNS" where it looked and
        // found none; the HELO name is marked as such, never put in the name's place.
        QString from = r.fromHost;
        if (from.isEmpty() && r.reverseDns == ReceivedHop::ReverseDns::NoneFound)
            from = tr("no reverse DNS");
        if (!r.fromIp.isEmpty() && !from.contains(r.fromIp))
            from += (from.isEmpty() ? QString() : QStringLiteral(" ")) + DisplayText::bracketedIp(r.fromIp);
        if (!r.fromHelo.isEmpty() && r.fromHelo.compare(r.fromHost, Qt::CaseInsensitive) != 0) {
            if (from.isEmpty())
                from = r.fromHelo; // no name, no address: what the client went by (a login, a HELO)
            else
                from += tr(" (HELO %1)").arg(r.fromHelo);
        }
        return DisplayText::oneLine(from);
    }
    case ProtocolColumn:
        return DisplayText::oneLine(r.protocol);
    case SecurityColumn: {
        QStringList parts;
        if (r.tls.has_value())
            parts << (*r.tls ? (r.tlsVersion.isEmpty() ? tr("TLS") : r.tlsVersion) : tr("no TLS"));
        if (r.authenticated)
            parts << (r.authenticatedSender.isEmpty() ? tr("authenticated")
                                                      : tr("authenticated as %1").arg(r.authenticatedSender));
        return DisplayText::oneLine(parts.join(QStringLiteral(", ")));
    }
    case TimeColumn:
        return r.hasTime() ? DisplayText::utcTime(r.time) : tr("no time");
    case DelayColumn:
        if (hop.delaySeconds)
            return DisplayText::duration(*hop.delaySeconds);
        if (hop.bridgedDelaySeconds)
            return QStringLiteral("\u2248 ") + DisplayText::duration(*hop.bridgedDelaySeconds);
        return {};
    case NotesColumn: {
        QStringList notes;
        if (row == m_longest)
            notes << tr("longest delay");
        if (hop.clockSkew)
            notes << tr("clock skew: the clock of %1 looks wrong").arg(hop.skewedHost);
        if (hop.bridgedDelaySeconds && !hop.delaySeconds)
            notes << tr("delay measured across hops without time");
        if (hop.delayDistorted)
            notes << tr("delay bent by the wrong clock, not a real wait");
        if (!r.hasTime())
            notes << (r.timeText.isEmpty() ? tr("no time stamp")
                                           : tr("unreadable time \u201c%1\u201d").arg(r.timeText));
        else if (!r.timeZoneGiven)
            notes << tr("no time zone: UTC assumed");
        notes += r.warnings;
        return DisplayText::oneLine(notes.join(QStringLiteral("; ")), 400);
    }
    default:
        break;
    }
    return {};
}

QVariant HopTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_chain.hops.size())
        return {};
    const RelayHop& hop = m_chain.hops[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return text(index.row(), index.column());
    case Qt::ToolTipRole: {
        QString tip = tr("Received field of hop %1, as written:").arg(hop.number) + QLatin1Char('\n') +
                      hop.received.raw;
        if (index.column() == TimeColumn && !hop.received.timeText.isEmpty())
            tip = tr("Stamped as: %1").arg(hop.received.timeText);
        else if (index.column() == NotesColumn && !text(index.row(), NotesColumn).isEmpty())
            tip = text(index.row(), NotesColumn);
        return SafeHtml::toolTip(tip);
    }
    case Qt::ForegroundRole:
        if (hop.clockSkew && (index.column() == DelayColumn || index.column() == NotesColumn))
            return VerdictStyle::color(VerdictStyle::Tone::Danger, m_palette);
        if (index.row() == m_longest && (index.column() == DelayColumn || index.column() == NotesColumn))
            return VerdictStyle::color(VerdictStyle::Tone::Warning, m_palette);
        if (!hop.received.hasTime() && index.column() == TimeColumn)
            return VerdictStyle::mix(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.45);
        return {};
    case Qt::FontRole:
        if ((index.row() == m_longest || hop.clockSkew) && index.column() == DelayColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == HopColumn || index.column() == DelayColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        break;
    }
    return {};
}

QVariant HopTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case HopColumn:
        return tr("Hop");
    case ByColumn:
        return tr("Received by");
    case FromColumn:
        return tr("From");
    case ProtocolColumn:
        return tr("With");
    case SecurityColumn:
        return tr("Security");
    case TimeColumn:
        return tr("Time (UTC)");
    case DelayColumn:
        return tr("Delay");
    case NotesColumn:
        return tr("Notes");
    default:
        break;
    }
    return {};
}

} // namespace headerlens
