#pragma once

#include "Analysis.h"
#include "ReportOptions.h"

#include <QByteArray>
#include <QString>

namespace headerlens {

// Writes an analysis as a PDF report (ReportDocument on a QPdfWriter): vector text and graphics,
// "Page N of M" and a footer on every page, A4 or Letter. With options.redact the analysis goes
// through core's Redactor first. Uses no widget: it may run in any thread, as long as that
// thread makes and paints the whole report (which these functions do).
class PdfReport final
{
public:
    // The PDF as bytes, or an empty array with the reason in *error.
    static QByteArray render(const Analysis& analysis, const ReportOptions& options, QString* error = nullptr,
                             int* pageCount = nullptr);
    // Renders, then writes atomically (QSaveFile): on any failure (no such folder, no permission,
    // disk full, painter failure) no file and no partial file is left at `path`, *error says why.
    static bool write(const Analysis& analysis, const QString& path, const ReportOptions& options,
                      QString* error = nullptr, int* pageCount = nullptr);
};

} // namespace headerlens
