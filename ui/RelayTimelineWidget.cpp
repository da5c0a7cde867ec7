#include "RelayTimelineWidget.h"

#include "RelayTimelinePainter.h"
#include "SafeHtml.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace headerlens {

RelayTimelineWidget::RelayTimelineWidget(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Relay timeline"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus);
}

void RelayTimelineWidget::setChain(const RelayChain& chain)
{
    m_chain = chain;
    setAccessibleDescription(RelayTimelinePainter::describe(m_chain));
    updateGeometry();
    update();
}

QSize RelayTimelineWidget::sizeHint() const
{
    return {720, heightForWidth(720)};
}

QSize RelayTimelineWidget::minimumSizeHint() const
{
    return {360, heightForWidth(360)};
}

int RelayTimelineWidget::heightForWidth(int /*width*/) const
{
    const RelayTimelinePainter painter(m_chain, TimelinePalette::fromPalette(palette()));
    return static_cast<int>(std::ceil(painter.preferredHeight(font(), this)));
}

void RelayTimelineWidget::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setFont(font());
    RelayTimelinePainter::paint(painter, QRectF(rect()), m_chain, TimelinePalette::fromPalette(palette()));
}

int RelayTimelineWidget::hopAt(const QPoint& point) const
{
    const RelayTimelinePainter painter(m_chain, TimelinePalette::fromPalette(palette()));
    return painter.hopAt(QRectF(rect()), QPointF(point), font(), this);
}

bool RelayTimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = hopAt(help->pos());
        if (index >= 0) {
            const ReceivedHop& hop = m_chain.hops[index].received;
            QString text =
                tr("Hop %1, as written:").arg(m_chain.hops[index].number) + QLatin1Char('\n') + hop.raw;
            for (const QString& warning : hop.warnings)
                text += QLatin1Char('\n') + warning;
            QToolTip::showText(help->globalPos(), SafeHtml::toolTip(text), this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void RelayTimelineWidget::mousePressEvent(QMouseEvent* event)
{
    const int index = hopAt(event->position().toPoint());
    if (index >= 0)
        Q_EMIT hopClicked(index);
    QWidget::mousePressEvent(event);
}

void RelayTimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    setCursor(hopAt(event->position().toPoint()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

} // namespace headerlens
