#include "AnalysisView.h"

#include "AnalysisHtml.h"
#include "DocumentView.h"
#include "HeadersView.h"
#include "RelayView.h"
#include "SummaryView.h"

#include <QEvent>

namespace headerlens {

AnalysisView::AnalysisView(QWidget* parent)
    : QTabWidget(parent)
{
    setDocumentMode(true);
    setAccessibleName(tr("Analysis"));
    m_summary = new SummaryView(this);
    m_relay = new RelayView(this);
    m_smtp = new DocumentView(this);
    m_smtp->setAccessibleName(tr("SMTP response"));
    m_classification = new DocumentView(this);
    m_classification->setAccessibleName(tr("Classification"));
    m_explanation = new DocumentView(this);
    m_explanation->setAccessibleName(tr("Explanation"));
    m_headers = new HeadersView(this);

    addTab(m_summary, tr("&Summary"));
    addTab(m_relay, tr("&Relay chain"));
    addTab(m_smtp, tr("S&MTP response"));
    addTab(m_classification, tr("&Classification"));
    // Alt+E, Alt+H and Alt+X belong to the Edit, Help and Examples menus.
    addTab(m_explanation, tr("Explanatio&n"));
    addTab(m_headers, tr("Hea&ders"));
    for (int tab = 0; tab < TabCount; ++tab)
        setTabToolTip(tab, tr("Ctrl+%1").arg(tab + 1));

    connect(m_summary, &SummaryView::showRelayRequested, this, [this] { setCurrentIndex(RelayTab); });
}

void AnalysisView::setAnalysis(const Analysis& analysis)
{
    m_analysis = analysis;
    m_summary->setAnalysis(m_analysis);
    m_relay->setAnalysis(m_analysis);
    m_headers->setAnalysis(m_analysis);
    fillDocuments();
}

void AnalysisView::fillDocuments()
{
    const AnalysisHtml html(m_analysis, palette());
    m_smtp->setPage(html.smtpResponse());
    m_classification->setPage(html.classification());
    m_explanation->setPage(html.explanation());
}

void AnalysisView::changeEvent(QEvent* event)
{
    QTabWidget::changeEvent(event);
    // Badge colours in the documents are chosen for the palette: redo them for a new theme.
    if (event->type() == QEvent::PaletteChange)
        fillDocuments();
}

} // namespace headerlens
