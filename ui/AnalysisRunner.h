#pragma once

#include "AnalysisItem.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>

namespace headerlens {

// Runs analyses off the GUI thread (QtConcurrent + QFutureWatcher, as qView does) so the window
// never freezes on a large input or a folder of thousands of files. Inputs of one start() form a
// batch; their items arrive in input order. A start() while busy is queued behind the batch.
class AnalysisRunner final : public QObject
{
    Q_OBJECT
public:
    // Files in a dropped folder: mail files only, and at most this many.
    static constexpr int MaxFolderFiles = 5000;

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

Q_SIGNALS:
    void batchStarted(int inputCount);
    void itemReady(const headerlens::AnalysisItem& item);
    void progressChanged(int done, int total);
    void batchFinished(bool canceled);

private:
    void startNext();
    void onResultReady(int index);
    void onFinished();

    QFutureWatcher<AnalysisItem> m_watcher;
    QList<QList<AnalysisInput>> m_queue;
    bool m_running = false;
};

} // namespace headerlens
