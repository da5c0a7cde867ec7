#include "WrappingText.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QTextDocument>

#include <cmath>

namespace headerlens {

WrappingText::WrappingText(QWidget* parent)
    : QTextEdit(parent)
{
    setReadOnly(true);
    setAcceptRichText(false);
    setUndoRedoEnabled(false);
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFocusPolicy(Qt::ClickFocus);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    document()->setDocumentMargin(0);
    // Looks like a label: the surrounding card's background shows through.
    viewport()->setAutoFillBackground(false);
    setAutoFillBackground(false);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Minimum);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void WrappingText::setText(const QString& text)
{
    setPlainText(text);
    fitHeight();
}

int WrappingText::heightForWidth(int width) const
{
    QTextDocument* doc = document()->clone();
    doc->setTextWidth(qMax(1, width - 2 * frameWidth()));
    const int height = static_cast<int>(std::ceil(doc->size().height())) + 2 * frameWidth();
    delete doc;
    return height;
}

QSize WrappingText::sizeHint() const
{
    const int width = fontMetrics().averageCharWidth() * 60;
    return {width, heightForWidth(width)};
}

QSize WrappingText::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 8, fontMetrics().lineSpacing()};
}

void WrappingText::fitHeight()
{
    document()->setTextWidth(viewport()->width());
    const int height = static_cast<int>(std::ceil(document()->size().height())) + 2 * frameWidth();
    if (height != this->height() || minimumHeight() != height) {
        setMinimumHeight(height);
        setMaximumHeight(height);
        updateGeometry();
    }
}

void WrappingText::resizeEvent(QResizeEvent* event)
{
    QTextEdit::resizeEvent(event);
    fitHeight();
}

void WrappingText::changeEvent(QEvent* event)
{
    QTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitHeight();
}

} // namespace headerlens
