#include "RelayView.h"

#include "DisplayText.h"
#include "RoutePanel.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace headerlens {

RelayView::RelayView(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(m_scroll);

    auto* page = new QWidget(m_scroll);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(18);
    m_originalRoute = new RoutePanel(page);
    m_inputRoute = new RoutePanel(page);
    m_warnings = new QLabel(page);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_originalRoute);
    layout->addWidget(m_inputRoute);
    layout->addWidget(m_warnings);
    layout->addStretch(1);
    m_scroll->setWidget(page);
}

void RelayView::setAnalysis(const Analysis& analysis)
{
    const bool report = analysis.report.isReport();
    const bool hasOriginal = report && !analysis.report.original.isEmpty();
    m_originalRoute->setVisible(hasOriginal);
    if (hasOriginal) {
        m_originalRoute->setRoute(tr("Route of the original message"),
                                  analysis.originalRelay.isEmpty()
                                      ? tr("The returned copy carries no Received fields.")
                                      : tr("How your message travelled before it failed, from the Received "
                                           "fields of the returned copy."),
                                  analysis.originalRelay);
    }
    if (report) {
        m_inputRoute->setRoute(tr("Route of the %1").arg(DisplayText::kindLabel(analysis).toLower()),
                               tr("How the report came back to you."), analysis.relay);
    } else {
        m_inputRoute->setRoute(tr("Relay chain"), DisplayText::relayChainSubtitle(analysis.relay),
                               analysis.relay);
    }

    QStringList notes = analysis.relay.warnings;
    for (const QString& warning : analysis.originalRelay.warnings)
        notes << tr("Original message: %1").arg(warning);
    m_warnings->setText(
        notes.isEmpty() ? QString() : QStringLiteral("\u2022 ") + notes.join(QStringLiteral("\n\u2022 ")));
    m_warnings->setVisible(!notes.isEmpty());
    m_scroll->ensureVisible(0, 0);
}

} // namespace headerlens
