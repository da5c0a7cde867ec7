#pragma once

#include "AnalysisItem.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>

namespace headerlens {

// Runs analyses off the GUI thread (QtConcurrent + QFutureWatcher, as qView does) so the window
// never freezes on a large input or a folder of thousands of files. Inputs of one start() form a
// batch; their items arrive in input order, several at a time. A start() while busy is queued
// behind the batch. cancel() ends the batch at once for the window (batchFinished(true) is
// emitted before it returns); the worker stops before its next file.
class AnalysisRunner final : public QObject
{
    Q_OBJECT
public:
    // Files in a dropped folder: mail files only, and at most this many.
    static constexpr int MaxFolderFiles = 50000;

    explicit AnalysisRunner(QObject* parent = nullptr);
    ~AnalysisRunner() override;

    void start(const QList<AnalysisInput>& inputs);
    void cancel();
    bool isBusy() const;

    // What a folder contributes: its mail files (.eml, .txt, and suffix-less names as maildir keeps
    // them), recursively, sorted, at most MaxFolderFiles. Exposed for tests.
    static QStringList mailFilesIn(const QString& folder);
    // Analyses one input on the calling thread; folder paths give an unusable item.
    static AnalysisItem analyzeOne(const AnalysisInput& input);
    // analyzeOne for each input, in order; the files among them analysed together
    // (Analyzer::analyzeFiles), each with its share of their time as its elapsed time.
    static QList<AnalysisItem> analyzeGroup(const QList<AnalysisInput>& inputs);
    // What the item list calls pasted text: the subject of the message it is about (the returned
    // original's, else its own), else the first recipient, else `fallback`.
    static QString titleFor(const Analysis& analysis, const QString& fallback);

Q_SIGNALS:
    void batchStarted(int inputCount);
    void itemsReady(const QList<headerlens::AnalysisItem>& items);
    void progressChanged(int done, int total);
    void batchFinished(bool canceled);

private:
    void startNext();
    void onResultsReady(int begin, int end);
    void onFinished();

    QFutureWatcher<AnalysisItem> m_watcher;
    QList<QList<AnalysisInput>> m_queue;
    bool m_running = false;
    bool m_canceled = false; // the window has been told; the worker is winding down
};

} // namespace headerlens
