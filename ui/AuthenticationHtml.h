#pragma once

#include "Analysis.h"
#include "VerdictStyle.h"

#include <QPalette>
#include <QString>

namespace headerlens {

// The Authentication page as HTML for QTextDocument, shared by the window's Authentication tab
// and the PDF report: the sender-side findings ("is it us?"), then per message (for a report:
// the returned original first) DMARC recomputed offline, each result with who checked it,
// whether it is trusted and aligned and why, the DKIM signatures, the ARC chain, the spam
// filters' verdicts and the fields that could not be read fully, shown raw. Every value taken
// from the message goes through SafeHtml.
class AuthenticationHtml final
{
public:
    // `forPrint`: host names in narrow table cells may break after a dot (paper cannot scroll).
    AuthenticationHtml(const Analysis& analysis, const QPalette& palette, bool forPrint = false);

    // Nothing to show: no authentication field, signature, spam verdict or finding.
    bool isEmpty() const;
    QString page() const;

private:
    QString findings() const;
    QString assessment(const AuthenticationAssessment& a, const QString& title, const QString& intro) const;
    QString dmarcBlock(const AuthenticationAssessment& a) const;
    QString resultsTable(const AuthenticationAssessment& a) const;
    QString signaturesTable(const AuthenticationAssessment& a) const;
    QString arcTable(const AuthenticationAssessment& a) const;
    QString spamTable(const AuthenticationAssessment& a) const;
    QString malformedFields(const AuthenticationAssessment& a) const;
    // `text` in bold, coloured with `tone`.
    QString mark(const QString& text, VerdictStyle::Tone tone) const;
    // A host name for a narrow cell: on paper, a line may break after each dot, never inside a label.
    QString host(const QString& text) const;
    QString mutedHost(const QString& text) const;

    const Analysis& m_analysis;
    QPalette m_palette;
    bool m_forPrint = false;
};

} // namespace headerlens
