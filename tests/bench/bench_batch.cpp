// Prints how fast `headerlens-cli batch` reads a large mbox and how much memory it needs, next to
// `headerlens-cli analyze` on the same messages. The mbox is built at run time from the shared
// third-party corpus (../shared/corpus) in a temporary folder, never copied into the repository;
// without the corpus the benchmark is skipped (exit status 77).
// Usage: bench_batch [MESSAGES]   (default 100000; CTest runs a small one)
// Targets (issue 11): peak memory under 300 MB, and the batch at least as fast per message as
// analyze. Figures only: the exit status says whether it could run, not whether it was fast.

#include "TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

struct Run
{
    bool ok = false;
    double seconds = 0;
    double peakMb = 0;
};

// Runs a command with its output thrown away; wall time and the child's own peak memory (wait4).
Run runChild(const QStringList& command)
{
    std::vector<QByteArray> storage;
    for (const QString& arg : command)
        storage.push_back(arg.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    Run run;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        return run;
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.peakMb = double(usage.ru_maxrss) / 1024.0; // kB on Linux
    run.ok = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
    posix_spawn_file_actions_destroy(&actions);
    return run;
}

// mboxrd: a line starting with any number of '>' and then "From " gets one more '>'.
QByteArray quoteFromLines(const QByteArray& message)
{
    QByteArray out;
    out.reserve(message.size() + 64);
    for (const QByteArray& line : message.split('\n')) {
        qsizetype i = 0;
        while (i < line.size() && line[i] == '>')
            ++i;
        if (line.mid(i, 5) == "From ")
            out += '>';
        out += line;
        out += '\n';
    }
    out.chop(1);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    const int messages = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;
    const QString corpus = headerlens::test::corpusDir();
    if (corpus.isEmpty()) {
        std::printf("bench_batch: no shared corpus, skipped\n");
        return 77;
    }
    QStringList files;
    QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // the messages of the corpus: sisimai/eml/*.eml, flufl.bounce/eml/*.txt
        if (path.contains(QLatin1String("/eml/")))
            files.append(path);
    }
    files.sort();
    if (files.isEmpty()) {
        std::printf("bench_batch: no message in %s, skipped\n", qPrintable(corpus));
        return 77;
    }
    QList<QByteArray> bodies;
    for (const QString& f : std::as_const(files)) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            bodies.append(quoteFromLines(file.readAll()));
    }

    QTemporaryDir dir;
    const QString mbox = dir.filePath(QStringLiteral("bench.mbox"));
    {
        QFile out(mbox);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        for (int i = 0; i < messages; ++i) {
            // every copy its own Message-ID, as in a real batch: one event per message
            out.write("From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n");
            out.write(QByteArray("Message-ID: <bench-") + QByteArray::number(i) + "@headerlens.invalid>\n");
            out.write(bodies[i % bodies.size()]);
            out.write("\n\n");
        }
    }
    const double mboxMb = double(QFileInfo(mbox).size()) / (1024.0 * 1024.0);
    const QString cli = QStringLiteral(HEADERLENS_CLI);

    const Run batch = runChild({cli, QStringLiteral("batch"), mbox, QStringLiteral("--history-db"),
                                dir.filePath(QStringLiteral("history.sqlite")), QStringLiteral("--csv"),
                                dir.filePath(QStringLiteral("rows.csv"))});
    const Run noHistory = runChild({cli, QStringLiteral("batch"), mbox, QStringLiteral("--no-history"),
                                    QStringLiteral("--csv"), dir.filePath(QStringLiteral("rows2.csv"))});
    // analyze over the corpus files themselves, repeated to a few thousand messages
    QStringList analyze = {cli, QStringLiteral("analyze"), QStringLiteral("--json")};
    const int rounds = std::max(1, std::min(messages, 5000) / int(files.size()));
    for (int r = 0; r < rounds; ++r)
        analyze += files;
    const int analyzed = int(analyze.size()) - 3;
    const Run single = runChild(analyze);
    if (!batch.ok || !noHistory.ok || !single.ok) {
        std::printf("bench_batch: a run failed (batch %d, batch --no-history %d, analyze %d)\n", batch.ok,
                    noHistory.ok, single.ok);
        return 1;
    }
    const double batchRate = messages / batch.seconds;
    const double noHistoryRate = messages / noHistory.seconds;
    const double analyzeRate = analyzed / single.seconds;
    std::printf("mbox: %d messages from %lld corpus files, %.0f MB\n", messages,
                static_cast<long long>(files.size()), mboxMb);
    std::printf("batch (history database):  %7.1f s  %7.0f messages/s  peak %6.1f MB\n", batch.seconds,
                batchRate, batch.peakMb);
    std::printf("batch --no-history:        %7.1f s  %7.0f messages/s  peak %6.1f MB\n", noHistory.seconds,
                noHistoryRate, noHistory.peakMb);
    std::printf("analyze --json (%5d files): %5.1f s  %7.0f messages/s  peak %6.1f MB\n", analyzed,
                single.seconds, analyzeRate, single.peakMb);
    std::printf("targets: peak under 300 MB: %s; batch at least as fast as analyze: %s (%.2fx)\n",
                batch.peakMb < 300 ? "yes" : "NO", batchRate >= analyzeRate ? "yes" : "NO",
                batchRate / analyzeRate);
    return 0;
}
