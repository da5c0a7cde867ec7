#pragma once

#include "AddressSummary.h"
#include "Analysis.h"
#include "BounceEvent.h"
#include "EscalationPolicy.h"
#include "HistoryStore.h"
#include "InputItem.h"

#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace headerlens {

// Many inputs at once (folders, files, mbox files, Maildirs): reads them one message at a time,
// analyses each, turns every recipient into a row (BounceEvent), writes the rows to a history
// store in transactions of a few hundred messages, and at the end marks each row with its
// address's history (runs of soft bounces, escalation). Memory holds the rows and one message.
//
// When the store fails (a locked, damaged or read-only database) the batch goes on with a
// history of this run only and says so in historyProblem(): the analysis never depends on it.
class BatchAnalyzer final
{
public:
    struct Progress
    {
        qint64 bytesDone = 0;
        qint64 totalBytes = 0;
        int items = 0; // messages analysed so far
        int rows = 0;
    };
    // Called about ten times a second and at the end, with the rows added since the last call.
    using ProgressCallback = std::function<void(const Progress&, const QList<BounceEvent>& newRows)>;

    // store: where the history lives; nullptr for this run only. Not owned.
    BatchAnalyzer(QList<InputFile> files, HistoryStore* store, const EscalationPolicy& policy);
    ~BatchAnalyzer();

    void setCommitEvery(int items) { m_commitEvery = std::max(1, items); }
    // Threads that analyse (0: one per core). Rows, history and progress come in input order
    // whatever the number.
    void setThreads(int threads) { m_threads = threads; }

    // Reads and analyses every input, then finishes (history marks, summaries). Stops early, with
    // everything read so far kept and finished, when *cancel becomes true. Returns false when
    // cancelled.
    bool run(const std::atomic_bool* cancel = nullptr, const ProgressCallback& progress = {});

    const QList<BounceEvent>& rows() const { return m_rows; }
    // The addresses this batch touched, as their whole history now says.
    const QList<AddressSummary>& summaries() const { return m_summaries; }
    QString historyProblem() const { return m_problem; }
    int items() const { return m_items; }
    int newEvents() const { return m_newEvents; }       // events the store did not know yet
    int storedEvents() const { return m_storedEvents; } // events with an address written

    // The analysis of one item (an unreadable one gets its error).
    static Analysis analyze(const InputItem& item);
    // analyze() for each of `items`, the group analysed together (Analyzer::analyzeTogether).
    static QList<Analysis> analyzeTogether(const QList<InputItem>& items);
    // Reads a row's input again and analyses it, with the row's history applied to its recipient:
    // what the window shows when a row is selected.
    static Analysis reanalyze(const BounceEvent& row, const EscalationPolicy& policy);

private:
    void flush();
    // Rows repeat the same few causes, servers and status codes: one shared copy of each.
    void intern(BounceEvent& row);
    void failOver(const QString& problem);
    void finish();

    QList<InputFile> m_files;
    HistoryStore* m_store;
    std::unique_ptr<MemoryHistoryStore> m_fallback;
    EscalationPolicy m_policy;
    int m_commitEvery = 200;
    int m_threads = 0;
    QList<BounceEvent> m_rows;
    QList<BounceEvent> m_pending; // rows not yet written to the store
    QList<AddressSummary> m_summaries;
    QSet<QString> m_strings;
    QString m_problem;
    int m_items = 0;
    int m_newEvents = 0;
    int m_storedEvents = 0;
};

} // namespace headerlens
