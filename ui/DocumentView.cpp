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
    // Lines of about 100 characters read better than lines across a wide screen.
    setLineWrapMode(QTextEdit::FixedPixelWidth);
    setLineWrapColumnOrWidth(fontMetrics().averageCharWidth() * 160);
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
    if (event->type() == QEvent::PaletteChange && !m_html.isEmpty()) {
        const int position = verticalScrollBar()->value();
        document()->setDefaultStyleSheet(SafeHtml::styleSheet(palette()));
        setHtml(m_html);
        verticalScrollBar()->setValue(position);
    }
}

} // namespace headerlens
