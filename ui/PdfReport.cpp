#include "PdfReport.h"

#include "VisibleText.h"

#include "Redactor.h"
#include "ReportDocument.h"
#include "VerdictStyle.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace headerlens {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("PdfReport", text, disambiguation, n);
}

// Device units of the report: 96 per inch, the screen's, so that the relay timeline's hairlines
// and paddings (drawn in device pixels) have the weight they have in the window. Text and shapes
// stay vectors at any resolution.
constexpr int Resolution = 96;
// Page margins in millimetres; the footer sits inside the bottom margin's text area.
const QMarginsF PageMargins(18, 15, 18, 12);
constexpr qreal FooterPointSize = 7.5;

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

void paintFooter(QPainter& painter, const QRectF& area, const QFont& font, const QString& text, int page,
                 int pages)
{
    const QPalette palette = ReportDocument::printPalette();
    const QColor muted = VerdictStyle::mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.4);
    const QColor rule = VerdictStyle::mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.8);
    painter.save();
    painter.setPen(QPen(rule, 1));
    painter.drawLine(area.topLeft(), area.topRight());
    painter.setFont(font);
    painter.setPen(muted);
    const QFontMetricsF fm(font, painter.device());
    const QString pageText = tr("Page %1 of %2").arg(page).arg(pages);
    const qreal pageWidth = fm.horizontalAdvance(pageText);
    const QRectF line(area.left(), area.bottom() - fm.height(), area.width(), fm.height());
    painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, pageText);
    const qreal room = area.width() - pageWidth - fm.height() * 2;
    painter.drawText(QRectF(line.left(), line.top(), room, line.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(text, Qt::ElideMiddle, room));
    painter.restore();
}

// A readable report has bounds: a route of a thousand hops or ten thousand recipients would make
// thousands of pages and a layout that takes minutes. Print the hops nearest the end of the route
// and the first recipients, and say what was left out (the window and --json keep everything).
constexpr qsizetype MaxPrintedHops = 100;
constexpr qsizetype MaxPrintedRecipients = 50;
constexpr qsizetype MaxPrintedNotes = 50;

void boundChain(RelayChain& chain, const QString& what)
{
    if (chain.hops.size() > MaxPrintedHops) {
        const qsizetype left = chain.hops.size() - MaxPrintedHops;
        chain.hops.remove(0, left);
        chain.warnings.prepend(
            QCoreApplication::translate("PdfReport", "%1: only the last %2 of %3 hops are printed.")
                .arg(what, QString::number(MaxPrintedHops), QString::number(MaxPrintedHops + left)));
    }
    if (chain.warnings.size() > MaxPrintedNotes) {
        const qsizetype left = chain.warnings.size() - MaxPrintedNotes;
        chain.warnings.resize(MaxPrintedNotes);
        chain.warnings.append(
            QCoreApplication::translate("PdfReport", "%1 more notes are not printed.").arg(left));
    }
}

Analysis printableCopy(Analysis analysis)
{
    boundChain(analysis.relay, QCoreApplication::translate("PdfReport", "Route"));
    boundChain(analysis.originalRelay, QCoreApplication::translate("PdfReport", "Route of the original"));
    if (analysis.recipients.size() > MaxPrintedRecipients) {
        const qsizetype left = analysis.recipients.size() - MaxPrintedRecipients;
        analysis.recipients.resize(MaxPrintedRecipients);
        analysis.warnings.prepend(QCoreApplication::translate("PdfReport", "Only the first %1 recipients are "
                                                                           "printed; %2 more are not.")
                                      .arg(MaxPrintedRecipients)
                                      .arg(left));
    }
    if (analysis.warnings.size() > MaxPrintedNotes) {
        const qsizetype left = analysis.warnings.size() - MaxPrintedNotes;
        analysis.warnings.resize(MaxPrintedNotes);
        analysis.warnings.append(
            QCoreApplication::translate("PdfReport", "%1 more notes are not printed.").arg(left));
    }
    return analysis;
}

} // namespace

QByteArray PdfReport::render(const Analysis& input, const ReportOptions& options, QString* error,
                             int* pageCount)
{
    // Controls and bidi characters from the message shown as markers, very long text cut: the
    // page shows what the message holds, and its layout stays linear (VisibleText).
    const Analysis analysis =
        printableCopy(VisibleText::forDisplay(options.redact ? Redactor::redact(input) : input));

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(Resolution);
    writer.setPageLayout(
        QPageLayout(options.pageSize(), QPageLayout::Portrait, PageMargins, QPageLayout::Millimeter));
    writer.setCreator(QStringLiteral("HeaderLens %1").arg(QStringLiteral(HEADERLENS_VERSION)));

    const QRectF paintRect = writer.pageLayout().paintRectPixels(Resolution);
    // The footer: the body font at a small size, below the text area.
    QFont footerFont = ReportDocument::reportFont();
    footerFont.setPointSizeF(FooterPointSize);
    const qreal footerHeight = QFontMetricsF(footerFont, &writer).height() * 2.4;
    const QSizeF pageSize(paintRect.width(), paintRect.height() - footerHeight);

    ReportDocument report(analysis, options, &writer, pageSize);
    writer.setTitle(report.title());
    QTextDocument* document = report.document();
    const int pages = qMax(1, document->pageCount());

    QPainter painter;
    if (!painter.begin(&writer)) {
        setError(error, tr("The PDF painter could not start."));
        return {};
    }
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    const QPalette palette = ReportDocument::printPalette();
    for (int page = 0; page < pages; ++page) {
        if (page > 0 && !writer.newPage()) {
            painter.end();
            setError(error, tr("The PDF writer could not start page %1.").arg(page + 1));
            return {};
        }
        painter.save();
        const QRectF view(0, page * pageSize.height(), pageSize.width(), pageSize.height());
        painter.translate(0, -view.top());
        painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette = palette;
        context.palette.setColor(QPalette::Text, palette.color(QPalette::Text));
        layout->draw(&painter, context);
        painter.restore();
        paintFooter(painter,
                    QRectF(0, pageSize.height() + footerHeight * 0.25, pageSize.width(), footerHeight * 0.75),
                    footerFont, report.footerText(), page + 1, pages);
    }
    if (!painter.end()) {
        setError(error, tr("The PDF painter failed while drawing the report."));
        return {};
    }
    buffer.close();
    if (buffer.data().isEmpty()) {
        setError(error, tr("The PDF writer produced no data."));
        return {};
    }
    if (pageCount)
        *pageCount = pages;
    return buffer.data();
}

bool PdfReport::write(const Analysis& analysis, const QString& path, const ReportOptions& options,
                      QString* error, int* pageCount)
{
    if (path.isEmpty()) {
        setError(error, tr("No file name given for the PDF report."));
        return false;
    }
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir()) {
        setError(error, tr("Cannot save %1: the folder %2 does not exist.")
                            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(folder)));
        return false;
    }
    if (info.isDir()) {
        setError(error, tr("Cannot save %1: it is a folder.").arg(QDir::toNativeSeparators(path)));
        return false;
    }

    QString renderError;
    int pages = 0;
    const QByteArray pdf = render(analysis, options, &renderError, &pages);
    if (pdf.isEmpty()) {
        setError(error, tr("Cannot make the PDF report: %1").arg(renderError));
        return false;
    }

    // QSaveFile writes a temporary file beside the target and renames it over the target only
    // when everything was written: a failure leaves neither a partial report nor a damaged old one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    if (file.write(pdf) != pdf.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        setError(error, tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), reason));
        return false;
    }
    if (!file.commit()) {
        setError(error, tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    if (pageCount)
        *pageCount = pages;
    return true;
}

} // namespace headerlens
