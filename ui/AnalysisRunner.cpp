#include "AnalysisRunner.h"

#include "Analyzer.h"
#include "OrderedParallelMap.h"
#include "VisibleText.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPromise>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace headerlens {

namespace {

bool looksLikeMailFile(const QFileInfo& info)
{
    static const QStringList suffixes = {QStringLiteral("eml"), QStringLiteral("txt"), QStringLiteral("mail"),
                                         QStringLiteral("emlx"), QStringLiteral("dsn")};
    const QString suffix = info.suffix().toLower();
    // Maildir keeps messages in files such as "1700000000.M1P2.host:2,S": no usable suffix.
    return suffixes.contains(suffix) || suffix.isEmpty() || info.fileName().contains(QLatin1Char(':'));
}

// A path that is not a folder (a missing file included: its analysis says why it was not read).
bool isFile(const AnalysisInput& input)
{
    return input.kind == AnalysisInput::Kind::Path && !QFileInfo(input.path).isDir();
}

// Expands folders into their mail files; keeps files as they are.
QList<AnalysisInput> expand(const QList<AnalysisInput>& inputs)
{
    QList<AnalysisInput> expanded;
    for (const AnalysisInput& input : inputs) {
        if (input.kind == AnalysisInput::Kind::Path && QFileInfo(input.path).isDir()) {
            const QStringList files = AnalysisRunner::mailFilesIn(input.path);
            for (const QString& file : files)
                expanded.append(AnalysisInput::fromPath(file));
            if (files.isEmpty())
                expanded.append(input); // reported as "a folder without mail files"
        } else {
            expanded.append(input);
        }
    }
    return expanded;
}

void analyzeBatch(QPromise<AnalysisItem>& promise, const QList<AnalysisInput>& inputs)
{
    const QList<AnalysisInput> all = expand(inputs);
    promise.setProgressRange(0, static_cast<int>(all.size()));
    promise.setProgressValue(0);
    // Every core but one analyses, groups of files together (Analyzer::analyzeTogether), and the
    // items still arrive in input order. The core left over keeps the window answering keys and
    // clicks while thousands of items come in: with all cores analysing, a key press on two
    // cores waited 8-29 ms (95th percentile) instead of 2-7 ms. A cancel stops the run after the
    // files in hand.
    const PreparedInBackground preparing(all.size() > 1);
    const int threads = std::max(1, QThread::idealThreadCount() - 1);
    orderedGroupMap<AnalysisItem>(
        all.size(), Analyzer::groupSizeFor(all.size(), threads),
        [&all](qsizetype first, qsizetype count) {
            return AnalysisRunner::analyzeGroup(all.mid(first, count));
        },
        [&promise](qsizetype i, AnalysisItem&& item) {
            if (promise.isCanceled())
                return false;
            promise.addResult(std::move(item), static_cast<int>(i));
            promise.setProgressValue(static_cast<int>(i + 1));
            return true;
        },
        threads);
}

} // namespace

AnalysisRunner::AnalysisRunner(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<AnalysisItem>::resultsReadyAt, this, &AnalysisRunner::onResultsReady);
    connect(&m_watcher, &QFutureWatcher<AnalysisItem>::progressValueChanged, this, [this](int value) {
        if (!m_canceled)
            Q_EMIT progressChanged(value, m_watcher.progressMaximum());
    });
    connect(&m_watcher, &QFutureWatcher<AnalysisItem>::finished, this, &AnalysisRunner::onFinished);
}

AnalysisRunner::~AnalysisRunner()
{
    m_queue.clear();
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void AnalysisRunner::start(const QList<AnalysisInput>& inputs)
{
    if (inputs.isEmpty())
        return;
    m_queue.append(inputs);
    if (!m_running)
        startNext();
}

void AnalysisRunner::cancel()
{
    m_queue.clear();
    if (!m_running || m_canceled)
        return;
    m_watcher.cancel();
    m_canceled = true;
    // The window hears of the stop now, not when the worker has finished its current file.
    Q_EMIT batchFinished(true);
}

bool AnalysisRunner::isBusy() const
{
    return m_running && !m_canceled;
}

void AnalysisRunner::startNext()
{
    if (m_queue.isEmpty())
        return;
    const QList<AnalysisInput> batch = m_queue.takeFirst();
    m_running = true;
    m_canceled = false;
    Q_EMIT batchStarted(static_cast<int>(batch.size()));
    m_watcher.setFuture(QtConcurrent::run(analyzeBatch, batch));
}

void AnalysisRunner::onResultsReady(int begin, int end)
{
    if (m_canceled)
        return;
    QList<AnalysisItem> items;
    items.reserve(end - begin);
    for (int i = begin; i < end; ++i)
        items.append(m_watcher.resultAt(i));
    Q_EMIT itemsReady(items);
}

void AnalysisRunner::onFinished()
{
    const bool alreadyTold = m_canceled;
    const bool canceled = m_watcher.isCanceled();
    m_running = false;
    m_canceled = false;
    if (!alreadyTold)
        Q_EMIT batchFinished(canceled);
    startNext();
}

QString AnalysisRunner::titleFor(const Analysis& analysis, const QString& fallback)
{
    QString title = analysis.report.original.subject.trimmed();
    if (title.isEmpty())
        title = analysis.message.header(u"Subject").trimmed();
    if (title.isEmpty()) {
        for (const RecipientAnalysis& r : analysis.recipients) {
            if (!r.report.address.isEmpty()) {
                title =
                    analysis.fromReplyText
                        ? QCoreApplication::translate("AnalysisRunner", "Reply for %1").arg(r.report.address)
                        : r.report.address;
                break;
            }
        }
    }
    if (title.isEmpty()) {
        const QString to = analysis.message.header(u"To").trimmed();
        if (!to.isEmpty())
            title = QCoreApplication::translate("AnalysisRunner", "To %1").arg(to);
    }
    return title.isEmpty() ? fallback : title;
}

QStringList AnalysisRunner::mailFilesIn(const QString& folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Readable | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext() && files.size() < MaxFolderFiles) {
        const QFileInfo info(it.next());
        if (!info.isHidden() && looksLikeMailFile(info))
            files.append(info.absoluteFilePath());
    }
    files.sort();
    return files;
}

QList<AnalysisItem> AnalysisRunner::analyzeGroup(const QList<AnalysisInput>& inputs)
{
    QList<AnalysisItem> items(inputs.size());
    QStringList paths;        // the inputs that are files
    QList<qsizetype> indexOf; // where each of them stands in `inputs`
    for (qsizetype k = 0; k < inputs.size(); ++k) {
        const AnalysisInput& input = inputs[k];
        if (isFile(input)) {
            paths.append(input.path);
            indexOf.append(k);
        } else {
            items[k] = analyzeOne(input);
        }
    }
    if (paths.isEmpty())
        return items;
    QElapsedTimer timer;
    timer.start();
    const QDateTime started = QDateTime::currentDateTime();
    Analyzer::analyzeFiles(paths, [&](qsizetype index, Analysis&& analysis) {
        AnalysisItem& item = items[indexOf[index]];
        item.inputKind = AnalysisInput::Kind::Path;
        item.analyzedAt = started;
        const QFileInfo info(paths[index]);
        item.filePath = info.absoluteFilePath();
        item.title = VisibleText::shown(info.fileName(), 200);
        item.analysis = VisibleText::forDisplay(std::move(analysis));
    });
    const qint64 each = timer.elapsed() / paths.size();
    for (const qsizetype k : std::as_const(indexOf))
        items[k].elapsedMs = each;
    return items;
}

AnalysisItem AnalysisRunner::analyzeOne(const AnalysisInput& input)
{
    if (isFile(input))
        return analyzeGroup({input}).first(); // a group of one file
    QElapsedTimer timer;
    timer.start();
    AnalysisItem item;
    item.inputKind = input.kind;
    item.analyzedAt = QDateTime::currentDateTime();
    switch (input.kind) {
    case AnalysisInput::Kind::Path: { // a folder: files are analysed by analyzeGroup
        const QFileInfo info(input.path);
        item.filePath = info.absoluteFilePath();
        item.title = info.fileName();
        item.analysis.source = input.path;
        item.analysis.errors.append(
            QCoreApplication::translate("AnalysisRunner", "The folder %1 holds no mail files.")
                .arg(input.path));
        break;
    }
    case AnalysisInput::Kind::Text:
        item.analysis = Analyzer::analyzePastedText(input.text, input.title);
        item.title = titleFor(item.analysis, input.title);
        break;
    case AnalysisInput::Kind::Bytes:
        item.title = input.title;
        item.analysis = Analyzer::analyzeBytes(input.bytes, input.title);
        break;
    }
    // The window shows text, never acts on it: controls and bidi characters as markers (VisibleText).
    item.analysis = VisibleText::forDisplay(std::move(item.analysis));
    item.title = VisibleText::shown(item.title, 200);
    item.elapsedMs = timer.elapsed();
    return item;
}

} // namespace headerlens
