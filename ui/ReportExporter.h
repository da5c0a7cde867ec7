#pragma once

#include "Analysis.h"
#include "ReportOptions.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace headerlens {

// Writes a PDF report off the GUI thread (QtConcurrent): PdfReport makes its QTextDocument and
// QPdfWriter inside the worker and touches no widget. A typical report takes 50-150 ms, a
// pathological input (thousands of fields, a 60-hop route) a few hundred; the window stays
// responsive either way.
class ReportExporter final : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        QString path;
        QString error;
        int pageCount = 0;
        qint64 elapsedMs = 0;
    };

    explicit ReportExporter(QObject* parent = nullptr);
    ~ReportExporter() override;

    // Starts writing; false (and nothing started) while an export is running.
    bool start(const Analysis& analysis, const QString& path, const ReportOptions& options);
    bool isBusy() const;

Q_SIGNALS:
    void finished(const headerlens::ReportExporter::Result& result);

private:
    QFutureWatcher<Result> m_watcher;
    bool m_busy = false; // from start() until finished() is emitted
};

} // namespace headerlens
