#include "DropOverlay.h"

#include "VerdictStyle.h"

#include <QEvent>
#include <QPainter>

namespace headerlens {

DropOverlay::DropOverlay(QWidget* parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    parent->installEventFilter(this);
    setGeometry(parent->rect());
    hide();
}

void DropOverlay::setText(const QString& text)
{
    m_text = text;
    update();
}

bool DropOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void DropOverlay::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor veil = palette().color(QPalette::Window);
    veil.setAlphaF(0.88f);
    painter.fillRect(rect(), veil);
    const QColor accent = palette().color(QPalette::Highlight);
    const QRectF box = QRectF(rect()).adjusted(24, 24, -24, -24);
    painter.setPen(QPen(accent, 3, Qt::DashLine));
    painter.setBrush(VerdictStyle::mix(palette().color(QPalette::Base), accent, 0.08));
    painter.drawRoundedRect(box, 16, 16);
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setWeight(QFont::DemiBold);
    painter.setFont(font);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, m_text);
}

} // namespace headerlens
