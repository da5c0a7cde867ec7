#pragma once

#include "Analysis.h"

#include <QWidget>

namespace headerlens {

class DocumentView;

// The Authentication tab: is it us? The sender-side findings first, then per message what was
// checked (SPF, DKIM, DMARC, ARC, iprev ...), by whom, whether the result can be trusted and
// whether it aligns with From, and why; DKIM signatures, the ARC chain and the spam filters'
// verdicts; malformed fields raw (AuthenticationHtml, shared with the PDF report).
class AuthenticationView final : public QWidget
{
    Q_OBJECT
public:
    explicit AuthenticationView(QWidget* parent = nullptr);

    // `analysis` must outlive the view's use of it (AnalysisView keeps it).
    void setAnalysis(const Analysis& analysis);
    DocumentView* document() const { return m_document; }
    // The page as shown, for tests.
    QString html() const { return m_html; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    const Analysis* m_analysis = nullptr;
    DocumentView* m_document = nullptr;
    QString m_html;
};

} // namespace headerlens
