#include "MessageBar.h"

#include "VerdictStyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

namespace headerlens {

namespace {

VerdictStyle::Tone toneFor(MessageBar::Kind kind)
{
    switch (kind) {
    case MessageBar::Kind::Error:
        return VerdictStyle::Tone::Danger;
    case MessageBar::Kind::Warning:
        return VerdictStyle::Tone::Warning;
    case MessageBar::Kind::Information:
        break;
    }
    return VerdictStyle::Tone::Info;
}

} // namespace

MessageBar::MessageBar(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Message bar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 6, 8);
    layout->setSpacing(10);

    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignTop);
    m_text = new QLabel(this);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close the message (Esc)"));
    m_close->setAccessibleName(tr("Close message"));
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clear);

    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString& text)
{
    m_kind = kind;
    m_text->setText(text);
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    if (kind == Kind::Error)
        pixmap = QStyle::SP_MessageBoxCritical;
    else if (kind == Kind::Warning)
        pixmap = QStyle::SP_MessageBoxWarning;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(size, size));
    updateColors();
    show();
    update();
}

void MessageBar::clear()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor accent = VerdictStyle::color(toneFor(m_kind), palette());
    const QRectF box = QRectF(rect()).adjusted(4.5, 3.5, -4.5, -3.5);
    painter.setPen(QPen(accent, 1));
    painter.setBrush(VerdictStyle::tint(toneFor(m_kind), palette(), 0.16));
    painter.drawRoundedRect(box, 5, 5);
}

void MessageBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        updateColors();
    QWidget::changeEvent(event);
}

void MessageBar::updateColors()
{
    // The label keeps the palette's text colour: readable on the faint tint in either theme.
    QPalette labelPalette = m_text->palette();
    labelPalette.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    m_text->setPalette(labelPalette);
}

} // namespace headerlens
