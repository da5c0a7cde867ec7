#include "AuthenticationView.h"

#include "AuthenticationHtml.h"
#include "DocumentView.h"

#include <QEvent>
#include <QVBoxLayout>

namespace headerlens {

AuthenticationView::AuthenticationView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_document = new DocumentView(this);
    m_document->setAccessibleName(tr("Authentication and the sender's side"));
    layout->addWidget(m_document);
}

void AuthenticationView::setAnalysis(const Analysis& analysis)
{
    m_analysis = &analysis;
    render();
}

void AuthenticationView::render()
{
    if (!m_analysis)
        return;
    // Colours in the page are chosen for the palette: redone for a new theme.
    m_html = AuthenticationHtml(*m_analysis, palette()).page();
    m_document->setPage(m_html);
}

void AuthenticationView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

} // namespace headerlens
