#pragma once

#include "Analysis.h"

#include <QTabWidget>

namespace headerlens {

class AuthenticationView;
class DocumentView;
class HeadersView;
class RelayView;
class SummaryView;

// The tabs for one analysed input.
class AnalysisView final : public QTabWidget
{
    Q_OBJECT
public:
    enum Tab
    {
        SummaryTab,
        RelayTab,
        SmtpTab,
        ClassificationTab,
        ExplanationTab,
        HeadersTab,
        AuthenticationTab,
        TabCount
    };

    explicit AnalysisView(QWidget* parent = nullptr);

    void setAnalysis(const Analysis& analysis);
    const Analysis& analysis() const { return m_analysis; }

    SummaryView* summary() const { return m_summary; }
    RelayView* relay() const { return m_relay; }
    DocumentView* smtp() const { return m_smtp; }
    DocumentView* classification() const { return m_classification; }
    DocumentView* explanation() const { return m_explanation; }
    HeadersView* headers() const { return m_headers; }
    AuthenticationView* authentication() const { return m_authentication; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillDocuments();

    Analysis m_analysis;
    SummaryView* m_summary = nullptr;
    RelayView* m_relay = nullptr;
    DocumentView* m_smtp = nullptr;
    DocumentView* m_classification = nullptr;
    DocumentView* m_explanation = nullptr;
    HeadersView* m_headers = nullptr;
    AuthenticationView* m_authentication = nullptr;
};

} // namespace headerlens
