#include "DocumentView.h"

#include "SafeHtml.h"

#include <QEvent>
#include <QScrollBar>

namespace headerlens {

DocumentView::DocumentView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setUndoRedoEnabled(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(18);
    // The page follows the window's width (never clipped on the right); on a very wide window
    // lines stop at a readable length (fitWidth()).
    setLineWrapMode(QTextEdit::FixedPixelWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    fitWidth();
}

int DocumentView::readableWidth() const
{
    return fontMetrics().averageCharWidth() * 160;
}

void DocumentView::fitWidth()
{
    const int width = qMax(fontMetrics().averageCharWidth() * 20, qMin(viewport()->width(), readableWidth()));
    if (lineWrapColumnOrWidth() != width)
        setLineWrapColumnOrWidth(width);
}

void DocumentView::resizeEvent(QResizeEvent* event)
{
    QTextBrowser::resizeEvent(event);
    fitWidth();
}

void DocumentView::setPage(const QString& html)
{
    m_html = html;
    document()->setDefaultStyleSheet(SafeHtml::styleSheet(palette()));
    setHtml(html);
    verticalScrollBar()->setValue(0);
}

void DocumentView::changeEvent(QEvent* event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitWidth();
    if (event->type() == QEvent::PaletteChange && !m_html.isEmpty()) {
        const int position = verticalScrollBar()->value();
        document()->setDefaultStyleSheet(SafeHtml::styleSheet(palette()));
        setHtml(m_html);
        verticalScrollBar()->setValue(position);
    }
}

} // namespace headerlens
