#include "ReportExporter.h"

#include "PdfReport.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace headerlens {

ReportExporter::ReportExporter(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        m_busy = false;
        if (m_watcher.future().resultCount() > 0)
            Q_EMIT finished(m_watcher.result());
    });
}

ReportExporter::~ReportExporter()
{
    // The file is written (or not) completely: never leave the worker behind a closed window.
    m_watcher.waitForFinished();
}

bool ReportExporter::start(const Analysis& analysis, const QString& path, const ReportOptions& options)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_watcher.setFuture(QtConcurrent::run([analysis, path, options] {
        QElapsedTimer timer;
        timer.start();
        Result result;
        result.path = path;
        result.ok = PdfReport::write(analysis, path, options, &result.error, &result.pageCount);
        result.elapsedMs = timer.elapsed();
        return result;
    }));
    return true;
}

bool ReportExporter::isBusy() const
{
    return m_busy;
}

} // namespace headerlens
