#include "BatchRunner.h"

#include "BatchAnalyzer.h"
#include "HistoryDatabase.h"
#include "InputCollector.h"

#include <QtConcurrent/QtConcurrentRun>

namespace headerlens {

BatchRunner::BatchRunner(QObject* parent)
    : QObject(parent)
{}

BatchRunner::~BatchRunner()
{
    cancel();
    m_future.waitForFinished();
}

void BatchRunner::cancel()
{
    if (m_state)
        m_state->cancel.store(true);
}

void BatchRunner::start(const QStringList& paths, const Settings& settings)
{
    cancel();
    m_future.waitForFinished();
    m_state = std::make_shared<State>();
    m_busy = true;
    const std::shared_ptr<State> state = m_state;
    // Results are handed to the GUI thread as queued calls (the destructor waits for the worker,
    // and Qt drops the calls of a deleted object); a runner restarted since ignores them.
    BatchRunner* self = this;
    const auto post = [self, state](auto&& call) {
        QMetaObject::invokeMethod(
            self,
            [self, state, call] {
                if (self->m_state == state)
                    call(self);
            },
            Qt::QueuedConnection);
    };
    m_future = QtConcurrent::run([paths, settings, state, post] {
        std::unique_ptr<HistoryDatabase> db;
        if (settings.useHistory) {
            db = std::make_unique<HistoryDatabase>(settings.databasePath);
            if (!db->open() || !db->usePolicy(settings.policy)) {
                const QString problem = db->problem();
                post([problem](BatchRunner* r) { Q_EMIT r->historyProblem(problem); });
                db.reset();
            }
        }
        InputCollector::Result inputs = InputCollector::collect(paths);
        if (inputs.skipped > 0) {
            const QString note = inputs.skippedNote();
            post([note](BatchRunner* r) { Q_EMIT r->inputsSkipped(note); });
        }
        BatchAnalyzer batch(std::move(inputs.files), db.get(), settings.policy);
        const bool completed =
            batch.run(&state->cancel, [&](const BatchAnalyzer::Progress& p, const QList<BounceEvent>& rows) {
                post([rows, p](BatchRunner* r) {
                    Q_EMIT r->rowsReady(rows, p.bytesDone, p.totalBytes, p.items);
                });
            });
        if (!batch.historyProblem().isEmpty() && db) {
            const QString problem = batch.historyProblem();
            post([problem](BatchRunner* r) { Q_EMIT r->historyProblem(problem); });
        }
        const QList<BounceEvent> rows = batch.rows();
        const QList<AddressSummary> summaries = batch.summaries();
        post([rows, summaries, completed](BatchRunner* r) {
            r->m_busy = false;
            Q_EMIT r->finished(rows, summaries, !completed);
        });
    });
}

} // namespace headerlens
