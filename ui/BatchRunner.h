#pragma once

#include "AddressSummary.h"
#include "BounceEvent.h"
#include "EscalationPolicy.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace headerlens {

// Runs a BatchAnalyzer off the GUI thread (the history database is opened in the worker: a Qt SQL
// connection belongs to its thread). Rows arrive about ten times a second; at the end the same
// rows come again with their history marks. cancel() stops before the next message; what was
// read is kept, written and finished.
class BatchRunner final : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        bool useHistory = true;
        QString databasePath;
        EscalationPolicy policy;
    };

    explicit BatchRunner(QObject* parent = nullptr);
    ~BatchRunner() override;

    void start(const QStringList& paths, const Settings& settings);
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void rowsReady(const QList<headerlens::BounceEvent>& rows, qint64 bytesDone, qint64 totalBytes,
                   int items);
    // A database that could not be opened or failed: the batch goes on without it.
    void historyProblem(const QString& problem);
    // Files in the folders that were left out as plainly no mail ("3 files that are no mail ...").
    void inputsSkipped(const QString& note);
    void finished(const QList<headerlens::BounceEvent>& rows,
                  const QList<headerlens::AddressSummary>& summaries, bool canceled);

private:
    struct State
    {
        std::atomic_bool cancel{false};
    };
    std::shared_ptr<State> m_state;
    QFuture<void> m_future;
    bool m_busy = false;
};

} // namespace headerlens
