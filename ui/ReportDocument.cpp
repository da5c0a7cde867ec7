#include "ReportDocument.h"

#include "AnalysisHtml.h"
#include "AuthenticationHtml.h"
#include "DisplayText.h"
#include "HopTableModel.h"
#include "SafeHtml.h"
#include "SmtpStatus.h"
#include "TimelinePalette.h"
#include "TimelineTextObject.h"
#include "Verdict.h"
#include "VerdictStyle.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontDatabase>
#include <QRegularExpression>
#include <QSet>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextLayout>

#include <cmath>

namespace headerlens {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ReportDocument", text, disambiguation, n);
}

// Font sizes in points: the page is read at arm's length, like a printed letter.
constexpr qreal BodyPointSize = 9.5;
constexpr qreal TimelinePointSize = 8.0;
// Beyond this many recipients the title page lists them in a table instead of one box each.
constexpr int MaxVerdictBoxes = 4;
// Pathological inputs (thousands of fields, a megabyte in one field) must not turn into a
// thousand-page PDF: the appendix says what it left out.
constexpr int MaxAppendixFields = 1500;
constexpr int MaxFieldLength = 20000;
constexpr int MaxAppendixCharacters = 400000;
// The placeholder scheme of timeline images in the generated HTML. Message text is escaped, so
// only the report itself can write an <img>.
const QLatin1String TimelineScheme("headerlens-timeline:");

QString heading(int level, const QString& text, const QString& attributes = QString())
{
    const QString tag = QStringLiteral("h%1").arg(level);
    return QLatin1Char('<') + tag + attributes + QLatin1Char('>') + text.toHtmlEscaped() +
           QStringLiteral("</") + tag + QLatin1Char('>');
}

QString paragraph(const QString& html, const QString& cssClass = QString())
{
    return (cssClass.isEmpty() ? QStringLiteral("<p>") : QStringLiteral("<p class=\"%1\">").arg(cssClass)) +
           html + QStringLiteral("</p>");
}

QString muted(const QString& text)
{
    return QStringLiteral("<span class=\"muted\">") + SafeHtml::text(text) + QStringLiteral("</span>");
}

// One row of a name/value table; skipped when the value is empty. `valueHtml` is safe HTML.
void factRow(QString& html, const QString& name, const QString& valueHtml)
{
    if (valueHtml.isEmpty())
        return;
    html += QStringLiteral("<tr><th valign=\"top\" width=\"22%\">") + name.toHtmlEscaped() +
            QStringLiteral("</th><td valign=\"top\">") + valueHtml + QStringLiteral("</td></tr>");
}

// Text from a message, printable: control characters (which have no glyph and can upset a PDF
// viewer's text extraction) become U+FFFD, tabs become spaces.
// Host names in a narrow table cell break after a dot (a zero-width space is a line-break
// opportunity, UAX #14), never inside a label: "mail.example." / "com", not "mail.exam" / "ple.com".
QString breakableHosts(const QString& escapedHtml)
{
    static const QRegularExpression dot(QStringLiteral("(?<=[A-Za-z0-9-])\\.(?=[A-Za-z0-9-])"));
    QString out = escapedHtml;
    out.replace(dot, QStringLiteral(".\u200b"));
    return out;
}

// A Message-ID is one long word ("<id@host.example>") that a facts column cannot always hold:
// it breaks after its '@' or a dot of the host, as host names do, not inside a label.
QString breakableMessageId(const QString& escapedHtml)
{
    QString out = breakableHosts(escapedHtml);
    out.replace(QLatin1Char('@'), QStringLiteral("@\u200b"));
    return out;
}

QString printable(const QString& text)
{
    QString out = text;
    for (QChar& c : out) {
        if (c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
        else if (c != QLatin1Char('\n') &&
                 (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0)))
            c = QChar(QChar::ReplacementCharacter);
    }
    return out;
}

// The body of one of AnalysisHtml's pages, without its <html><body> frame.
QString pageBody(const QString& page)
{
    const qsizetype start = page.indexOf(QLatin1String("<body>"));
    const qsizetype end = page.lastIndexOf(QLatin1String("</body>"));
    if (start < 0 || end < start)
        return page;
    return page.mid(start + 6, end - start - 6);
}

// A sub-chain of hops [first, first + count): what one page can hold of a very long route.
RelayChain slice(const RelayChain& chain, int first, int count)
{
    RelayChain part;
    part.hops = chain.hops.mid(first, count);
    qint64 earliest = 0;
    qint64 latest = 0;
    bool any = false;
    for (const RelayHop& hop : std::as_const(part.hops)) {
        if (!hop.received.hasTime())
            continue;
        const qint64 t = hop.received.time.toSecsSinceEpoch();
        earliest = any ? qMin(earliest, t) : t;
        latest = any ? qMax(latest, t) : t;
        any = true;
    }
    if (any && latest > earliest)
        part.totalSeconds = latest - earliest;
    return part;
}

} // namespace

QPalette ReportDocument::printPalette()
{
    // The same light set as TimelinePalette::forPrint(): paper is white.
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::WindowText, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x6e, 0x6e));
    return palette;
}

QFont ReportDocument::reportFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSizeF(BodyPointSize);
    // Unhinted outlines: glyph advances as designed, so the PDF's spacing does not depend on the
    // screen hinting of whoever makes it.
    font.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: a PDF viewer would find "ﬁelds" but not "fields" in text set with an fi
    // ligature, and copy it as such. Qt 6.4 has no font feature switch; any letter spacing turns
    // ligatures off (QTextEngine), and 1/64 px is too little to see.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.0 / 64);
    return font;
}

ReportDocument::ReportDocument(const Analysis& analysis, const ReportOptions& options, QPaintDevice* device,
                               const QSizeF& pageSize)
    : m_analysis(analysis)
    , m_options(options)
    , m_device(device)
    , m_pageSize(pageSize)
    , m_palette(printPalette())
    , m_analyzedAt(options.analyzedAt.isValid() ? options.analyzedAt : QDateTime::currentDateTime())
    , m_document(std::make_unique<QTextDocument>())
{
    m_bodyFont = reportFont();
    m_timelineFont = m_bodyFont;
    m_timelineFont.setPointSizeF(TimelinePointSize);

    QTextDocument* doc = m_document.get();
    doc->setUndoRedoEnabled(false);
    doc->setDefaultFont(m_bodyFont);
    doc->setDocumentMargin(0);
    doc->setPageSize(pageSize);
    QTextOption option = doc->defaultTextOption();
    // Long tokens (DKIM signatures, IDs, base64) wrap inside the page instead of running off it.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    doc->setDefaultTextOption(option);
    doc->setDefaultStyleSheet(styleSheet());
    m_timelines = new TimelineTextObject(m_timelineFont, TimelinePalette::forPrint(), doc);

    doc->setHtml(buildHtml());
    fixFormats();
    doc->documentLayout()->setPaintDevice(device);
    m_timelines->install(doc);
    // QTextDocumentLayout (Qt 6.4) lays out part of a document as soon as it exists, and after a
    // change only part again: a paginated document can keep blocks without height or an object
    // measured before its handler existed. Every change ends with a whole new layout.
    doc->markContentsDirty(0, doc->characterCount());
    keepWithNext();
}

ReportDocument::~ReportDocument() = default;

int ReportDocument::pageCount() const
{
    return m_document->pageCount();
}

QString ReportDocument::sourceName() const
{
    const QString source = m_analysis.source;
    if (source.isEmpty())
        return tr("Untitled input");
    if (source == QLatin1String("-"))
        return tr("Standard input");
    return DisplayText::oneLine(
        QFileInfo(source).fileName().isEmpty() ? source : QFileInfo(source).fileName(), 120);
}

QString ReportDocument::title() const
{
    return tr("HeaderLens report: %1").arg(sourceName());
}

QString ReportDocument::analyzedAtText() const
{
    const QDateTime local = m_analyzedAt.toLocalTime();
    QString text = DisplayText::dateTime(local);
    const QString zone = local.timeZoneAbbreviation();
    // Name the zone when it has a name ("CET"), not when it is just the offset again.
    if (!zone.isEmpty() && zone.at(0).isLetter())
        text += QStringLiteral(" (") + zone + QLatin1Char(')');
    return text;
}

QString ReportDocument::footerText() const
{
    QStringList parts{sourceName(), tr("HeaderLens report"),
                      m_analyzedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))};
    if (m_options.redact)
        parts << tr("personal data redacted");
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString ReportDocument::styleSheet() const
{
    const QColor text = m_palette.color(QPalette::Text);
    const QColor base = m_palette.color(QPalette::Base);
    const QColor mutedColor = VerdictStyle::mix(text, base, 0.4);
    const QColor rule = VerdictStyle::mix(text, base, 0.8);
    // The window's document style, then what paper needs: chapter headings with a rule, tighter
    // tables, monospace fields in the appendix.
    return SafeHtml::styleSheet(m_palette) +
           QStringLiteral(
               "h1 { font-size: 15pt; font-weight: 600; margin-top: 16px; margin-bottom: 6px; }"
               "h2 { font-size: 11.5pt; font-weight: 600; margin-top: 18px; margin-bottom: 4px; }"
               "h3 { font-size: 10pt; font-weight: 600; margin-top: 10px; margin-bottom: 3px; }"
               "p.prose { font-size: 10.5pt; }"
               "p.eyebrow { font-size: 8pt; font-weight: 600; color: %1; margin-bottom: 0; }"
               "h1.title { font-size: 20pt; margin-top: 2px; margin-bottom: 2px; }"
               "p.subtitle { font-size: 11pt; color: %1; margin-top: 0; margin-bottom: 10px; }"
               "p.description { color: %1; margin-top: 0; margin-bottom: 6px; }"
               "p.headline { font-size: 14pt; font-weight: 600; margin-top: 4px; margin-bottom: 2px; }"
               "p.address { font-size: 10.5pt; margin-top: 0; margin-bottom: 6px; }"
               "p.timeline { margin-top: 4px; margin-bottom: 8px; }"
               "p.notice { color: %3; font-weight: 600; }"
               "table.grid { font-size: 8pt; }"
               "table.hops { font-size: 7.5pt; }"
               "table.grid th { font-weight: 600; color: %2; border-bottom: 1px solid %4; padding: 2px 6px "
               "2px 0; }"
               "table.grid td { border-bottom: 1px solid %5; padding: 2px 6px 2px 0; }"
               "p.field { font-family: monospace; font-size: 7.5pt; margin-top: 0; margin-bottom: 1px; }"
               "span.fieldname { font-weight: 600; }"
               "p.cut { color: %1; font-style: italic; }")
               .arg(mutedColor.name(), text.name(),
                    VerdictStyle::color(VerdictStyle::Tone::Danger, m_palette).name(), rule.name(),
                    VerdictStyle::mix(text, base, 0.9).name());
}

QString ReportDocument::buildHtml()
{
    QString html = QStringLiteral("<html><body>");
    html += titleBlock();
    html += verdictSection();
    html += messageFacts();
    html += analysisChapters();
    html += relayChapter();
    html += authenticationChapter();
    html += appendix();
    html += QStringLiteral("</body></html>");
    return html;
}

QString ReportDocument::titleBlock() const
{
    QString eyebrow = tr("HEADERLENS REPORT");
    if (m_options.redact)
        eyebrow += QStringLiteral(" \u00b7 ") + tr("REDACTED");
    QString headline;
    const QString kind = DisplayText::kindLabel(m_analysis);
    if (m_analysis.recipients.size() == 1)
        headline = tr("%1: %2").arg(
            kind, DisplayText::causeLabel(m_analysis.recipients.first().classification.cause));
    else if (m_analysis.recipients.size() > 1)
        headline = tr("%1: %2").arg(
            kind, DisplayText::count(m_analysis.recipients.size(), "%1 recipient", "%1 recipients"));
    else if (m_analysis.report.isReport())
        headline = kind;
    else
        headline = tr("%1: no failure found").arg(kind);

    QString html = paragraph(eyebrow.toHtmlEscaped(), QStringLiteral("eyebrow"));
    html += heading(1, headline, QStringLiteral(" class=\"title\""));
    html += paragraph(SafeHtml::text(sourceName()), QStringLiteral("subtitle"));

    QString facts = QStringLiteral("<table width=\"100%\" cellspacing=\"0\">");
    // With redaction only the file name is shown: a path can name a person ("/home/alice/...").
    const QString source = m_options.redact || m_analysis.source == QLatin1String("-")
                               ? sourceName()
                               : DisplayText::oneLine(m_analysis.source, 400);
    factRow(facts, tr("Source"), SafeHtml::text(source));
    QStringList input{DisplayText::kindLabel(m_analysis)};
    if (m_analysis.fromReplyText)
        input << tr("from a reply text (no message)");
    if (!m_analysis.report.format.isEmpty())
        input << tr("read as %1").arg(m_analysis.report.format);
    if (!m_analysis.report.reportingMta.isEmpty())
        input << tr("reported by %1").arg(DisplayText::oneLine(m_analysis.report.reportingMta));
    if (m_analysis.message.inputSize > 0)
        input << DisplayText::byteSize(m_analysis.message.inputSize);
    factRow(facts, tr("Input"), SafeHtml::text(input.join(QStringLiteral(" \u00b7 "))));
    factRow(facts, tr("Analysed"), SafeHtml::text(analyzedAtText()));
    factRow(facts, tr("Made with"),
            SafeHtml::text(tr("HeaderLens %1").arg(QStringLiteral(HEADERLENS_VERSION))));
    factRow(facts, tr("Personal data"),
            m_options.redact
                ? QStringLiteral("<b>") +
                      SafeHtml::text(tr("Redacted for sharing: the local part of every email address is "
                                        "replaced by ***, every IP address by [IP]. Domains and host names "
                                        "are kept.")) +
                      QStringLiteral("</b>")
                : SafeHtml::text(tr("Not redacted: addresses and IP addresses appear as received.")));
    facts += QStringLiteral("</table>");
    html += facts;

    if (!m_analysis.errors.isEmpty()) {
        html += paragraph(SafeHtml::text(tr("Not everything could be read: %1")
                                             .arg(printable(m_analysis.errors.join(QLatin1Char(' '))))),
                          QStringLiteral("notice"));
    }
    return html;
}

QString ReportDocument::verdictSection() const
{
    QString html = heading(2, tr("Verdict"));
    const QString summary = Verdict::headline(m_analysis);
    if (!summary.isEmpty())
        html += paragraph(SafeHtml::text(printable(summary)), QStringLiteral("prose"));

    if (m_analysis.recipients.isEmpty()) {
        html += plainVerdictBox();
    } else if (m_analysis.recipients.size() <= MaxVerdictBoxes) {
        for (int i = 0; i < m_analysis.recipients.size(); ++i)
            html += verdictBox(m_analysis.recipients[i], i);
    } else {
        html += recipientTable();
    }
    return html;
}

namespace {

// The verdict box: a stripe in the verdict's colour down the left, a faint tint of it behind the
// text, as the window's verdict card.
QString box(const QColor& accent, const QColor& tint, const QString& contentHtml)
{
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
                          "style=\"margin-top: 6px; margin-bottom: 8px;\"><tr>"
                          "<td width=\"5\" bgcolor=\"%1\"></td>"
                          "<td bgcolor=\"%2\" style=\"padding: 8px 12px 8px 14px;\">")
               .arg(accent.name(), tint.name()) +
           contentHtml + QStringLiteral("</td></tr></table>");
}

QString badgeHtml(const Verdict& verdict, const QPalette& palette)
{
    const QColor fill = VerdictStyle::color(verdict.tone, palette);
    return QStringLiteral(
               "<span style=\"background-color:%1; color:%2; font-weight:600;\">&nbsp;%3&nbsp;</span>")
        .arg(fill.name(), VerdictStyle::textOn(fill).name(), verdict.badge.toHtmlEscaped());
}

} // namespace

QString ReportDocument::verdictBox(const RecipientAnalysis& recipient, int index) const
{
    const Classification& c = recipient.classification;
    const RecipientReport& r = recipient.report;
    const Verdict verdict = Verdict::of(c);
    QString content = QStringLiteral("<p style=\"margin-top: 0;\">") + badgeHtml(verdict, m_palette);
    if (c.confidence > 0)
        content +=
            QStringLiteral("&nbsp;&nbsp;") + muted(tr("confidence %1 %").arg(qRound(c.confidence * 100)));
    content += QStringLiteral("</p>");
    content += paragraph(SafeHtml::text(DisplayText::causeLabel(c.cause)), QStringLiteral("headline"));
    content += paragraph(SafeHtml::text(r.address.isEmpty()
                                            ? tr("Recipient %1 (not named in the report)").arg(index + 1)
                                            : printable(r.address)),
                         QStringLiteral("address"));

    QString facts = QStringLiteral("<table cellspacing=\"0\" width=\"100%\">");
    if (!(c.side == Side::Unknown && c.cause == QLatin1String("undetermined")))
        factRow(facts, tr("Whose side"), SafeHtml::text(DisplayText::sideLabel(c.side)));
    factRow(facts, tr("What to do"), SafeHtml::text(verdict.advice));
    bool hasCodes = false;
    const QString reply = DisplayText::serverReply(r, 4000, &hasCodes);
    factRow(facts, hasCodes ? tr("Server reply") : tr("Reported as"), SafeHtml::text(reply));
    facts += QStringLiteral("</table>");
    content += facts;
    if (!recipient.explanation.isEmpty())
        content +=
            paragraph(SafeHtml::text(DisplayText::firstSentences(printable(recipient.explanation), 360)));
    return box(VerdictStyle::color(verdict.tone, m_palette),
               VerdictStyle::tint(verdict.tone, m_palette, 0.06), content);
}

QString ReportDocument::plainVerdictBox() const
{
    const Verdict verdict = Verdict::overall(m_analysis);
    QString headline;
    QString text;
    if (!m_analysis.report.isReport()) {
        headline = tr("Not a bounce: an ordinary message");
        const QString to = DisplayText::oneLine(m_analysis.message.header(u"Delivered-To"));
        text = to.isEmpty() ? tr("The relay chain below shows the route it took and where time was spent.")
                            : tr("It was delivered to %1. The relay chain below shows the route it took and "
                                 "where time was spent.")
                                  .arg(to);
    } else {
        headline = tr("The report names no recipient");
        text = tr("HeaderLens recognised a %1 but found no recipient details in it. The appendix lists every "
                  "header field that is there.")
                   .arg(DisplayText::kindLabel(m_analysis).toLower());
    }
    const QString content = QStringLiteral("<p style=\"margin-top: 0;\">") + badgeHtml(verdict, m_palette) +
                            QStringLiteral("</p>") +
                            paragraph(SafeHtml::text(headline), QStringLiteral("headline")) +
                            paragraph(SafeHtml::text(text));
    return box(VerdictStyle::color(verdict.tone, m_palette),
               VerdictStyle::tint(verdict.tone, m_palette, 0.06), content);
}

QString ReportDocument::recipientTable() const
{
    QString html = QStringLiteral("<table style=\"margin-bottom: 10px;\" class=\"grid\" width=\"100%\" "
                                  "cellspacing=\"0\" cellpadding=\"3\">"
                                  "<thead><tr><th width=\"34%\">") +
                   tr("Recipient").toHtmlEscaped() + QStringLiteral("</th><th width=\"16%\">") +
                   tr("Verdict").toHtmlEscaped() + QStringLiteral("</th><th width=\"30%\">") +
                   tr("Cause").toHtmlEscaped() + QStringLiteral("</th><th width=\"20%\">") +
                   tr("Reply").toHtmlEscaped() + QStringLiteral("</th></tr></thead>");
    for (int i = 0; i < m_analysis.recipients.size(); ++i) {
        const RecipientAnalysis& recipient = m_analysis.recipients[i];
        const RecipientReport& r = recipient.report;
        QStringList codes;
        if (r.replyCode > 0)
            codes << QString::number(r.replyCode);
        if (!r.status.isEmpty())
            codes << r.status;
        const Verdict verdict = Verdict::of(recipient.classification);
        const QColor color = VerdictStyle::color(verdict.tone, m_palette);
        html += QStringLiteral("<tr><td>") +
                SafeHtml::text(r.address.isEmpty() ? tr("Recipient %1 (not named)").arg(i + 1)
                                                   : printable(r.address)) +
                QStringLiteral("</td><td><span style=\"color:%1; font-weight:600;\">&#9679;</span> ")
                    .arg(color.name()) +
                SafeHtml::text(verdict.label) + QStringLiteral("</td><td>") +
                SafeHtml::text(DisplayText::causeLabel(recipient.classification.cause)) +
                QStringLiteral("</td><td>") + SafeHtml::text(codes.join(QLatin1Char(' '))) +
                QStringLiteral("</td></tr>");
    }
    return html + QStringLiteral("</table>");
}

QString ReportDocument::messageFacts() const
{
    QString facts = QStringLiteral("<table width=\"100%\" cellspacing=\"0\">");
    QString title;
    const DeliveryReport& report = m_analysis.report;
    if (report.isReport() && !report.original.isEmpty()) {
        title = tr("The returned message");
        const OriginalMessage& o = report.original;
        factRow(facts, tr("Subject"), SafeHtml::text(printable(o.subject)));
        factRow(facts, tr("From"), SafeHtml::text(printable(o.from)));
        factRow(facts, tr("To"), SafeHtml::text(printable(o.to)));
        factRow(facts, tr("Sent"), SafeHtml::text(DisplayText::dateTime(o.date)));
        factRow(facts, tr("Message-ID"), breakableMessageId(SafeHtml::text(printable(o.messageId))));
    } else {
        title = report.isReport() ? tr("The report") : tr("The message");
        const ParsedMessage& m = m_analysis.message;
        factRow(facts, tr("Subject"), SafeHtml::text(printable(m.header(u"Subject"))));
        factRow(facts, tr("From"), SafeHtml::text(printable(m.header(u"From"))));
        factRow(facts, tr("To"), SafeHtml::text(printable(m.header(u"To"))));
        factRow(facts, tr("Date"), SafeHtml::text(printable(m.header(u"Date"))));
        factRow(facts, tr("Message-ID"),
                breakableMessageId(SafeHtml::text(printable(m.header(u"Message-ID")))));
    }
    facts += QStringLiteral("</table>");
    if (!facts.contains(QLatin1String("<tr>")))
        return {};
    return heading(2, title) + facts;
}

QString ReportDocument::analysisChapters() const
{
    const AnalysisHtml pages(m_analysis, m_palette);
    QString html = pageBody(pages.explanation());
    // An ordinary message has no server reply and nothing to classify: the pages would only say so.
    if (!m_analysis.recipients.isEmpty() || m_analysis.report.isReport()) {
        html += pageBody(pages.smtpResponse());
        html += pageBody(pages.classification());
    }
    return html;
}

QString ReportDocument::relayChapter()
{
    QString html;
    const bool report = m_analysis.report.isReport();
    const bool hasOriginal = report && !m_analysis.report.original.isEmpty();
    if (report) {
        html += heading(1, tr("Relay chain"));
        if (hasOriginal) {
            html += route(2, tr("Route of the original message"),
                          tr("How your message travelled before it failed, from the Received fields of the "
                             "returned copy. Hop 1 is the oldest."),
                          tr("The returned copy carries no Received fields: its route is not recorded."),
                          m_analysis.originalRelay);
        }
        html += route(2, tr("Route of the %1").arg(DisplayText::kindLabel(m_analysis).toLower()),
                      tr("How the report came back to you."),
                      tr("No Received fields: the route of the report is not recorded."), m_analysis.relay);
    } else {
        html +=
            route(1, tr("Relay chain"), DisplayText::relayChainSubtitle(m_analysis.relay),
                  tr("No Received fields: the route this message took is not recorded."), m_analysis.relay);
    }
    QStringList notes = m_analysis.relay.warnings;
    for (const QString& warning : m_analysis.originalRelay.warnings)
        notes << tr("Original message: %1").arg(warning);
    notes.removeDuplicates();
    if (!notes.isEmpty()) {
        html += heading(3, tr("Noticed in the Received fields"));
        html += QStringLiteral("<ul>");
        for (const QString& note : std::as_const(notes))
            html += QStringLiteral("<li>") + SafeHtml::text(printable(note)) + QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    return html;
}

QString ReportDocument::route(int level, const QString& title, const QString& description,
                              const QString& emptyText, const RelayChain& chain)
{
    if (chain.isEmpty())
        return headingWithNote(level, title, emptyText);
    return headingWithNote(level, title, description) + timelines(chain) + hopTable(chain);
}

QString ReportDocument::headingWithNote(int level, const QString& title, const QString& note,
                                        const QString& attributes) const
{
    // The note is part of the heading's block, so that a page break never parts them.
    const QString tag = QStringLiteral("h%1").arg(level);
    const QColor color =
        VerdictStyle::mix(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.4);
    return QLatin1Char('<') + tag + attributes + QLatin1Char('>') + title.toHtmlEscaped() +
           QStringLiteral("<br><span style=\"font-size: %1pt; font-weight: normal; color: %2;\">")
               .arg(BodyPointSize)
               .arg(color.name()) +
           SafeHtml::text(note) + QStringLiteral("</span></") + tag + QLatin1Char('>');
}

QString ReportDocument::timelines(const RelayChain& chain)
{
    const qreal width = std::floor(m_pageSize.width()) - 1;
    // A page holds one timeline with the headings above it; a route too long for that is drawn
    // in parts of whole hops.
    const qreal limit = m_pageSize.height() * 0.8;
    QList<RelayChain> parts;
    if (m_timelines->heightFor(chain, m_device) <= limit) {
        parts << chain;
    } else {
        // The most hops whose timeline fits: heights grow with the hop count, so a binary search
        // (a few slices, not one per hop: that was quadratic in the route's length).
        int fits = 1;
        int tooMany = static_cast<int>(chain.hops.size());
        while (tooMany - fits > 1) {
            const int middle = fits + (tooMany - fits) / 2;
            if (m_timelines->heightFor(slice(chain, 0, middle), m_device) > limit)
                tooMany = middle;
            else
                fits = middle;
        }
        const int perPart = fits;
        for (int first = 0; first < chain.hops.size(); first += perPart)
            parts << slice(chain, first, perPart);
    }
    QString html;
    for (int i = 0; i < parts.size(); ++i) {
        const int index = m_timelines->addChain(parts[i]);
        const qreal height = m_timelines->heightFor(parts[i], m_device);
        if (parts.size() > 1) {
            html += heading(3, tr("Hops %1 to %2 of %3")
                                   .arg(parts[i].hops.first().number)
                                   .arg(parts[i].hops.last().number)
                                   .arg(chain.hops.last().number));
        }
        html += QStringLiteral("<p class=\"timeline\"><img src=\"%1%2\" width=\"%3\" height=\"%4\"></p>")
                    .arg(TimelineScheme)
                    .arg(index)
                    .arg(qRound(width))
                    .arg(qRound(height));
    }
    return html;
}

QString ReportDocument::hopTable(const RelayChain& chain) const
{
    // The window's hop table (HopTableModel) as a printed table; the widths give the host names
    // and notes room and keep the short columns short.
    HopTableModel model;
    model.setChain(chain);
    static constexpr int widths[HopTableModel::ColumnCount] = {5, 18, 20, 9, 12, 11, 8, 17};
    QString html = QStringLiteral("<table style=\"margin-bottom: 10px;\" class=\"grid hops\" width=\"100%\" "
                                  "cellspacing=\"0\" cellpadding=\"3\"><thead><tr>");
    for (int column = 0; column < HopTableModel::ColumnCount; ++column) {
        html += QStringLiteral("<th width=\"%1%\" align=\"left\">").arg(widths[column]) +
                model.headerData(column, Qt::Horizontal).toString().toHtmlEscaped() + QStringLiteral("</th>");
    }
    html += QStringLiteral("</tr></thead>");
    const int longest = chain.hops.size() > 1 ? chain.longestDelayIndex() : -1;
    const QColor warning = VerdictStyle::color(VerdictStyle::Tone::Warning, m_palette);
    const QColor danger = VerdictStyle::color(VerdictStyle::Tone::Danger, m_palette);
    for (int row = 0; row < model.rowCount(); ++row) {
        const RelayHop& hop = chain.hops[row];
        html += QStringLiteral("<tr>");
        for (int column = 0; column < HopTableModel::ColumnCount; ++column) {
            QString cell = SafeHtml::text(printable(model.text(row, column)));
            if (column == HopTableModel::ByColumn || column == HopTableModel::FromColumn ||
                column == HopTableModel::SecurityColumn || column == HopTableModel::NotesColumn)
                cell = breakableHosts(cell);
            const bool flagged = column == HopTableModel::DelayColumn || column == HopTableModel::NotesColumn;
            if (flagged && (hop.clockSkew || row == longest)) {
                cell = QStringLiteral("<span style=\"color:%1;%2\">")
                           .arg((hop.clockSkew ? danger : warning).name(),
                                column == HopTableModel::DelayColumn ? QStringLiteral(" font-weight:600;")
                                                                     : QString()) +
                       cell + QStringLiteral("</span>");
            }
            const bool right = column == HopTableModel::HopColumn || column == HopTableModel::DelayColumn;
            html += (right ? QStringLiteral("<td valign=\"top\" align=\"right\">")
                           : QStringLiteral("<td valign=\"top\">")) +
                    cell + QStringLiteral("</td>");
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

// The window's Authentication tab as a chapter (AuthenticationHtml): findings on the sending side,
// trust and alignment of each result, DKIM signatures, ARC, spam filter verdicts.
QString ReportDocument::authenticationChapter() const
{
    const AuthenticationHtml page(m_analysis, m_palette, true);
    return page.isEmpty() ? QString() : pageBody(page.page());
}

QString ReportDocument::appendix() const
{
    const DeliveryReport& report = m_analysis.report;
    const bool hasOriginal = report.isReport() && !report.original.headers.isEmpty();
    QString html = headingWithNote(1, tr("Appendix: header fields"),
                                   tr("Every header field in the order of the input, unfolded, with encoded "
                                      "words decoded (RFC 2047)."),
                                   QStringLiteral(" style=\"page-break-before: always;\""));
    if (hasOriginal)
        html += heading(
            2, tr("The %1 (%2)")
                   .arg(DisplayText::kindLabel(m_analysis).toLower(),
                        DisplayText::count(m_analysis.message.headers.size(), "%1 field", "%1 fields")));
    html += headerFields(m_analysis.message.headers);
    if (hasOriginal) {
        html +=
            heading(2, tr("The returned message (%1)")
                           .arg(DisplayText::count(report.original.headers.size(), "%1 field", "%1 fields")));
        html += headerFields(report.original.headers);
    }
    return html;
}

QString ReportDocument::headerFields(const HeaderList& headers) const
{
    if (headers.isEmpty())
        return paragraph(muted(tr("No header fields.")));
    QString html;
    qsizetype printed = 0;
    int count = 0;
    for (const HeaderField& field : headers) {
        if (count >= MaxAppendixFields || printed >= MaxAppendixCharacters)
            break;
        QString value = printable(field.value);
        QString cut;
        if (value.size() > MaxFieldLength) {
            cut = tr(" \u2026 [%1 more characters not printed]").arg(value.size() - MaxFieldLength);
            value.truncate(MaxFieldLength);
        }
        printed += value.size() + field.name.size();
        ++count;
        // A hanging indent: continuation lines start under the value, not under the name.
        html += QStringLiteral("<p class=\"field\" style=\"margin-left: 24px; text-indent: -24px;\">"
                               "<span class=\"fieldname\">") +
                SafeHtml::text(printable(field.name)) + QStringLiteral(":</span> ") + SafeHtml::text(value) +
                (cut.isEmpty() ? QString()
                               : QStringLiteral("<i>") + cut.toHtmlEscaped() + QStringLiteral("</i>")) +
                QStringLiteral("</p>");
    }
    if (count < headers.size()) {
        html +=
            paragraph(SafeHtml::text(tr("%1 more header fields are not printed: the input is too large for a "
                                        "readable report.")
                                         .arg(headers.size() - count)),
                      QStringLiteral("cut"));
    }
    return html;
}

void ReportDocument::fixFormats()
{
    // Two corrections to what the HTML importer made, before the first layout:
    // - an <img> placeholder per timeline becomes the vector inline object;
    // - headings and "large" text carry a relative size (FontSizeAdjustment) that QTextDocument
    //   lets override an explicit point size, even the one of a <span> inside a heading: where a
    //   point size is given, it is the size.
    struct Edit
    {
        int position;
        int length;
        QTextCharFormat format;
    };
    QList<Edit> edits;
    for (QTextBlock block = m_document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            QTextCharFormat format = fragment.charFormat();
            if (format.isImageFormat()) {
                const QTextImageFormat image = format.toImageFormat();
                bool ok = false;
                const int index = image.name().startsWith(TimelineScheme)
                                      ? image.name().mid(TimelineScheme.size()).toInt(&ok)
                                      : -1;
                if (ok)
                    edits << Edit{fragment.position(), 1, TimelineTextObject::format(index, image.width())};
            } else if (format.hasProperty(QTextFormat::FontPointSize) &&
                       format.hasProperty(QTextFormat::FontSizeAdjustment)) {
                format.clearProperty(QTextFormat::FontSizeAdjustment);
                edits << Edit{fragment.position(), fragment.length(), format};
            }
        }
    }
    // QTextDocument::begin() walks every block in order, those in table cells included.
    QTextCursor cursor(m_document.get());
    for (const Edit& edit : std::as_const(edits)) {
        cursor.setPosition(edit.position);
        cursor.setPosition(edit.position + edit.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(edit.format);
    }
}

namespace {

// Where the first line of `block` starts, in document coordinates (a block's bounding rect can
// begin on the page before its first line, which pagination moved down).
qreal firstLineTop(QAbstractTextDocumentLayout* layout, const QTextBlock& block)
{
    const QRectF rect = layout->blockBoundingRect(block);
    const QTextLayout* text = block.layout();
    if (!text || text->lineCount() == 0)
        return rect.top();
    return rect.top() + text->lineAt(0).y();
}

bool isHeading(const QTextBlock& block)
{
    return block.isValid() && block.blockFormat().headingLevel() > 0;
}

bool isTimeline(const QTextBlock& block)
{
    if (!block.isValid() || block.text() != QString(QChar::ObjectReplacementCharacter))
        return false;
    const QTextBlock::iterator it = block.begin();
    return !it.atEnd() && it.fragment().charFormat().objectType() == TimelineTextObject::ObjectType;
}

} // namespace

void ReportDocument::keepWithNext()
{
    // QTextDocument knows no "keep with next": a heading can end a page while its text starts the
    // next one, a timeline can end a page while its hop table starts the next. Lay out, find such
    // a heading or timeline, start it (with the headings stacked right above it) on a new page,
    // and again until none is left.
    QAbstractTextDocumentLayout* layout = m_document->documentLayout();
    const qreal pageHeight = m_pageSize.height();
    if (pageHeight <= 0)
        return;
    QSet<int> forced;   // blocks this function gave a page break
    QSet<int> hopeless; // blocks that cannot move up a page: already at the top of one
    auto pageOf = [pageHeight](qreal y) { return static_cast<int>(y / pageHeight); };
    // Whether the first two lines of what follows `heading` (an object counts as two, the cells
    // of a table row as one line) start on a later page than the heading itself.
    auto startsLater = [&](const QTextBlock& heading) {
        const int page = pageOf(firstLineTop(layout, heading));
        int lines = 0;
        qreal lastTop = -1;
        for (QTextBlock b = heading.next(); b.isValid() && lines < 2; b = b.next()) {
            if (isHeading(b))
                return false; // that heading is judged on its own
            const QTextLayout* text = b.layout();
            if (!text || text->lineCount() == 0 || b.text().trimmed().isEmpty())
                continue;
            const qreal top = firstLineTop(layout, b);
            if (pageOf(top) > page)
                return true;
            if (qAbs(top - lastTop) > 0.5)
                lines += b.text().contains(QChar::ObjectReplacementCharacter) ? 2 : text->lineCount();
            lastTop = top;
        }
        return false;
    };
    auto setBreak = [](const QTextBlock& block, bool pageBreak) {
        QTextBlockFormat format = block.blockFormat();
        format.setPageBreakPolicy(pageBreak ? QTextFormat::PageBreak_AlwaysBefore
                                            : QTextFormat::PageBreak_Auto);
        QTextCursor(block).setBlockFormat(format);
    };
    for (int round = 0; round < 100; ++round) {
        bool moved = false;
        for (QTextBlock block = m_document->begin(); block.isValid() && !moved; block = block.next()) {
            if (!(isHeading(block) || isTimeline(block)) || !block.next().isValid() ||
                hopeless.contains(block.blockNumber()))
                continue;
            if (!startsLater(block))
                continue;
            QTextBlock first = block;
            auto ownBreak = [&forced](const QTextBlock& b) {
                return b.blockFormat().pageBreakPolicy() != QTextFormat::PageBreak_Auto &&
                       !forced.contains(b.blockNumber());
            };
            while (!ownBreak(first) && isHeading(first.previous()))
                first = first.previous();
            const qreal top = firstLineTop(layout, first);
            if (top - pageOf(top) * pageHeight < pageHeight * 0.05) {
                hopeless.insert(block.blockNumber());
                continue;
            }
            setBreak(first, true);
            forced.insert(first.blockNumber());
            for (QTextBlock b = first.next(); b.isValid() && b.blockNumber() <= block.blockNumber();
                 b = b.next()) {
                if (forced.remove(b.blockNumber()))
                    setBreak(b, false);
            }
            // A format change after the first layout is laid out again only in part (Qt 6.4
            // leaves later blocks of a paginated document without height): lay out everything.
            m_document->markContentsDirty(0, m_document->characterCount());
            moved = true;
        }
        if (!moved)
            break;
    }
}

} // namespace headerlens
