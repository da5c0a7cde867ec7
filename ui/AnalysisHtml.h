#pragma once

#include "Analysis.h"

#include <QPalette>
#include <QString>

namespace headerlens {

// The document tabs (SMTP response, Classification, Explanation) as HTML for QTextDocument,
// kept apart from the widgets so the PDF report can reuse them. Every value taken from the
// message goes through SafeHtml: nothing in an input can turn into markup or a link.
class AnalysisHtml final
{
public:
    AnalysisHtml(const Analysis& analysis, const QPalette& palette);

    QString smtpResponse() const;
    QString classification() const;
    QString explanation() const;

private:
    QString page(const QString& title, const QString& body) const;
    QString recipientHeading(const RecipientAnalysis& recipient, int index) const;
    QString badge(const Classification& classification) const;

    const Analysis& m_analysis;
    QPalette m_palette;
};

} // namespace headerlens
