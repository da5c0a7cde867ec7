#pragma once

#include "Analysis.h"
#include "ReportOptions.h"

#include <QFont>
#include <QPalette>
#include <QSizeF>
#include <QString>

#include <memory>

class QPaintDevice;
class QTextDocument;

namespace headerlens {

class TimelineTextObject;

// The PDF report as a paginated QTextDocument: a title block (source, input kind, when analysed,
// HeaderLens version, redaction), the verdict per recipient, the plain-language explanation, the
// SMTP response and the classification with its evidence (AnalysisHtml's pages), the relay chain
// of the input and of the returned original as vector timelines with their hop tables, the
// authentication chapter (AuthenticationHtml), and an appendix with every header field. Every
// value taken from the message is escaped (SafeHtml). The analysis is printed as given: redact
// it first when wanted.
//
// The document is laid out for `device` (the QPdfWriter), in pages of `pageSize` device units,
// so text and timeline are measured with the metrics they are printed with. Like every
// QTextDocument it belongs to the thread that creates it.
class ReportDocument final
{
public:
    ReportDocument(const Analysis& analysis, const ReportOptions& options, QPaintDevice* device,
                   const QSizeF& pageSize);
    ~ReportDocument();
    ReportDocument(const ReportDocument&) = delete;
    ReportDocument& operator=(const ReportDocument&) = delete;

    QTextDocument* document() const { return m_document.get(); }
    int pageCount() const;
    // The title for the PDF's metadata.
    QString title() const;
    // The line under every page: source name, date, "redacted" when it is.
    QString footerText() const;
    // The colours and fonts it is printed with (light, whatever the desktop theme).
    static QPalette printPalette();
    // The font the report is set in.
    static QFont reportFont();

private:
    QString buildHtml();
    QString titleBlock() const;
    QString verdictSection() const;
    QString verdictBox(const RecipientAnalysis& recipient, int index) const;
    QString plainVerdictBox() const;
    QString recipientTable() const;
    QString messageFacts() const;
    QString analysisChapters() const;
    QString relayChapter();
    QString route(int level, const QString& title, const QString& description, const QString& emptyText,
                  const RelayChain& chain);
    QString headingWithNote(int level, const QString& title, const QString& note,
                            const QString& attributes = QString()) const;
    QString timelines(const RelayChain& chain);
    QString hopTable(const RelayChain& chain) const;
    QString authenticationChapter() const;
    QString appendix() const;
    QString headerFields(const HeaderList& headers) const;
    QString styleSheet() const;

    void fixFormats();
    void keepWithNext();
    QString sourceName() const;
    QString analyzedAtText() const;

    const Analysis& m_analysis;
    ReportOptions m_options;
    QPaintDevice* m_device = nullptr;
    QSizeF m_pageSize;
    QPalette m_palette;
    QFont m_bodyFont;
    QFont m_timelineFont;
    QDateTime m_analyzedAt;
    std::unique_ptr<QTextDocument> m_document;
    TimelineTextObject* m_timelines = nullptr; // owned by m_document
};

} // namespace headerlens
