#include "RoutePanel.h"

#include "HopTableModel.h"
#include "RelayTimelineWidget.h"

#include <QEvent>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace headerlens {

RoutePanel::RoutePanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(this);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* frameLayout = new QVBoxLayout(frame);
    frameLayout->setContentsMargins(1, 1, 1, 1);
    m_timeline = new RelayTimelineWidget(frame);
    frameLayout->addWidget(m_timeline);

    m_model = new HopTableModel(this);
    m_model->setPalette(palette());
    m_table = new QTableView(this);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Hops"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true); // long notes wrap; the table grows to show them
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    // The table shows all its rows and the page scrolls as one; long values are elided.
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->horizontalHeader()->setStretchLastSection(false); // fitColumns() gives Notes the rest
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 12);
    // Rows grow when a column narrows and its text wraps; the table grows with them.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &RoutePanel::refitRows);

    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(frame);
    layout->addWidget(m_table);

    connect(m_timeline, &RelayTimelineWidget::hopClicked, this, [this](int row) {
        m_table->selectRow(row);
        m_table->setFocus(Qt::MouseFocusReason);
    });
}

void RoutePanel::setRoute(const QString& title, const QString& subtitle, const RelayChain& chain)
{
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    m_subtitle->setVisible(!subtitle.isEmpty());
    m_timeline->setChain(chain);
    m_model->setChain(chain);
    m_table->setVisible(!chain.isEmpty());
    fitColumns();
}

// Every column stays in view at any window width: the hop number, time and delay keep their
// natural width; host names, protocol, security and notes share what is left, wrapping or eliding
// in the middle of a host name rather than running off the right edge.
void RoutePanel::fitColumns()
{
    const int columns = m_model->columnCount();
    if (columns == 0 || !isVisible())
        return; // done again when shown, at the width it is shown at
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const int available =
        (m_table->viewport()->width() > 50 ? m_table->viewport()->width() : width() - 4) - 2;
    QList<int> widths(columns);
    QList<int> minimum(columns);
    QList<bool> flexible(columns, false);
    const QSignalBlocker blocker(m_table->horizontalHeader());
    m_table->resizeColumnsToContents(); // the larger of the header and the widest cell
    const QFontMetrics headerMetrics(m_table->horizontalHeader()->font());
    for (int c = 0; c < columns; ++c) {
        const int header =
            headerMetrics.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 16;
        widths[c] = m_table->columnWidth(c) + 12;
        flexible[c] = c == HopTableModel::ByColumn || c == HopTableModel::FromColumn ||
                      c == HopTableModel::ProtocolColumn || c == HopTableModel::SecurityColumn ||
                      c == HopTableModel::TimeColumn || c == HopTableModel::NotesColumn;
        if (c == HopTableModel::TimeColumn) {
            // "2026-11-27 10:02:05" may wrap at its space, no further.
            minimum[c] = qMin(widths[c], fontMetrics().horizontalAdvance(QStringLiteral("2026-11-27")) + 14);
        } else if (flexible[c]) {
            widths[c] = qMin(widths[c], em * (c == HopTableModel::NotesColumn ? 26 : 22));
            minimum[c] = qMin(widths[c], qMax(header, em * 3));
        } else {
            minimum[c] = widths[c];
        }
    }
    int total = 0;
    for (int w : widths)
        total += w;
    // Shrink the flexible columns, each in proportion to what it can give.
    int excess = total - available;
    int give = 0;
    for (int c = 0; c < columns; ++c)
        give += widths[c] - minimum[c];
    if (excess > 0 && give > 0) {
        const double share = qMin(1.0, double(excess) / give);
        for (int c = 0; c < columns; ++c)
            widths[c] -= qRound((widths[c] - minimum[c]) * share);
    }
    int used = 0;
    for (int c = 0; c < columns - 1; ++c)
        used += widths[c];
    widths[columns - 1] = qMax(minimum[columns - 1], available - used);
    for (int c = 0; c < columns; ++c)
        m_table->setColumnWidth(c, widths[c]);
    refitRows();
}

void RoutePanel::fitTableHeight()
{
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_model->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
}

void RoutePanel::refitRows()
{
    m_table->resizeRowsToContents();
    fitTableHeight();
}

void RoutePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fitColumns();
    QTimer::singleShot(0, this, &RoutePanel::fitColumns);
}

void RoutePanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // The stretched last column has its final width only once the layout has run.
    QTimer::singleShot(0, this, &RoutePanel::fitColumns);
}

void RoutePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    if (event->type() == QEvent::FontChange)
        QTimer::singleShot(0, this, &RoutePanel::fitColumns);
    QWidget::changeEvent(event);
}

} // namespace headerlens
