// headerlens-cli: the same analysis as the desktop application, for scripts and batches.

#include "Analyzer.h"
#include "BounceHistory.h"
#include "JsonReport.h"
#include "MessageLoader.h"
#include "OrderedParallelMap.h"
#include "TextSummary.h"
#include "cli_batch.h"
#include "cli_common.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QThread>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <dlfcn.h>
#include <unistd.h>

using namespace headerlens;
using namespace headerlens::cli;

namespace {

const char* const UsageHead = "Usage:\n"
                              "  headerlens-cli analyze [--json] [--history] FILE... | -\n"
                              "  headerlens-cli explain [--json] \"TEXT\" | -\n"
                              "  headerlens-cli report FILE|- --pdf OUT.pdf [--redact] [--paper a4|letter]\n";
const char* const UsageBody =
    "  headerlens-cli --help | --version\n"
    "\n"
    "Explains why an email did not arrive: reads bounces, delay notices and raw headers\n"
    "offline, and prints the verdict, the SMTP response and the relay chain.\n"
    "\n"
    "Commands:\n"
    "  analyze     analyse each FILE (or standard input for -) in turn\n"
    "  explain     explain a reply without a message: one or more SMTP reply lines\n"
    "              (\"550 5.1.1 <a@b.example>: User unknown\"), MTA log lines, or the\n"
    "              visible text of a bounce (Office 365's \"Delivery has failed ...\"),\n"
    "              given as TEXT or on standard input (-)\n"
    "  report      write the analysis of one FILE (or standard input) as a PDF report:\n"
    "              verdict, SMTP response, classification and evidence, explanation,\n"
    "              relay chain timelines, authentication results, all header fields\n"
    "\n"
    "Options:\n"
    "  --json            (analyze, explain) one JSON object per input, one per line (JSON Lines),\n"
    "                    in input order\n"
    "  --history         (analyze) treat the inputs as the bounce history of a list:\n"
    "                    an address that soft-bounced (full or disabled mailbox) 3 times\n"
    "                    over a week or more is recommended for removal\n"
    "  --pdf OUT.pdf     (report) where to write the PDF, written only once complete;\n"
    "                    - for standard output\n"
    "  --redact          (report) remove personal data for sharing: the local part of\n"
    "                    every address (***@example.com) and every IP address ([IP])\n"
    "  --paper a4|letter (report) paper size; default from the locale (LC_PAPER):\n"
    "                    Letter in the US, Canada, Mexico ..., A4 elsewhere\n"
    "  -h, --help        show this help\n"
    "  --version         show the version\n"
    "\n"
    "Many bounces at once, the history and list hygiene:\n";
const char* const UsageTail = "\n"
                              "Exit status:\n"
                              "  0  every input was analysed (report: the PDF was written)\n"
                              "  1  at least one input could not be read or held no header fields\n"
                              "     (explain: the text holds no SMTP reply)\n"
                              "     (analyze: it still gets its own output, with its errors);\n"
                              "     report: the input could not be read or the PDF could not be written\n"
                              "     (no file is left behind)\n"
                              "  2  bad usage\n"
                              "  130 (batch) interrupted: what was read so far is kept and reported\n";

// The usage of every command: cli_batch.cpp keeps the lines of its own commands.
const QString UsageText = QString::fromLatin1(UsageHead) + QString::fromLatin1(cli::BatchUsage) +
                          QString::fromLatin1(UsageBody) + QString::fromLatin1(cli::BatchOptions) +
                          QString::fromLatin1(UsageTail);

// Flags without values and operands, as analyze and explain take them: "--" ends the options; an
// unknown option is reported with the usage (nullopt).
struct FlagArgs
{
    QStringList flags;
    QStringList operands;
};

std::optional<FlagArgs> parseFlags(const QStringList& args, const QStringList& known)
{
    FlagArgs parsed;
    bool optionsEnded = false;
    for (const QString& arg : args) {
        if (!optionsEnded && known.contains(arg)) {
            parsed.flags.append(arg);
        } else if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (!optionsEnded && arg.startsWith(QLatin1String("--"))) {
            writeErr(QStringLiteral("headerlens-cli: unknown option %1\n").arg(arg));
            writeErr(UsageText);
            return std::nullopt;
        } else {
            parsed.operands.append(arg);
        }
    }
    return parsed;
}

// PCRE's JIT compiles each expression on its first use (some 470 in a run over the Sisimai
// corpus, 13 ms of CPU) and pays that back only after some 300 messages: measured with the
// messages analysed in groups, runs of 12 to 200 corpus files took 2-6 ms less CPU and up to
// 2.3 ms less wall time interpreted, 300 the same, 415 4 ms more. A shorter run interprets them.
// QT_ENABLE_REGEXP_JIT set by the user wins. Qt reads the variable when it compiles its first
// expression, which has not happened yet.
void interpretRegexesInShortRuns(qsizetype messages)
{
    if (messages < 200 && !qEnvironmentVariableIsSet("QT_ENABLE_REGEXP_JIT"))
        qputenv("QT_ENABLE_REGEXP_JIT", "0");
}

// Every input analysed on all cores, files in groups analysed together (Analyzer::analyzeFiles),
// each analysis made into a Result by `make` on the thread that analysed it (rendered in a row
// with its group's); `sink` gets the results on this thread, in input order. Standard input ("-")
// is read on its own, and the files with it one at a time.
template <typename Result>
void analyzeInOrder(const QStringList& inputs, const std::function<Result(Analysis&&)>& make,
                    const std::function<bool(qsizetype, Result&&)>& sink)
{
    const qsizetype size = inputs.contains(QStringLiteral("-"))
                               ? 1
                               : Analyzer::groupSizeFor(inputs.size(), QThread::idealThreadCount());
    orderedGroupMap<Result>(
        inputs.size(), size,
        [&](qsizetype first, qsizetype count) {
            QList<Result> results;
            if (inputs[first] == QLatin1String("-"))
                results.append(make(analyzeStdin()));
            else
                Analyzer::analyzeFiles(inputs.mid(first, count),
                                       [&](qsizetype, Analysis&& a) { results.append(make(std::move(a))); });
            return results;
        },
        sink);
}

int analyze(const QStringList& args)
{
    const std::optional<FlagArgs> parsed =
        parseFlags(args, {QStringLiteral("--json"), QStringLiteral("--history")});
    if (!parsed)
        return ExitUsage;
    const bool json = parsed->flags.contains(QStringLiteral("--json"));
    const bool history = parsed->flags.contains(QStringLiteral("--history"));
    const QStringList& inputs = parsed->operands;
    if (inputs.isEmpty()) {
        writeErr(
            QStringLiteral("headerlens-cli: analyze needs at least one FILE, or - for standard input\n"));
        return ExitUsage;
    }
    interpretRegexesInShortRuns(inputs.size());
    const PreparedInBackground preparing(inputs.size() > 1);
    int status = ExitOk;
    const auto render = [json](const Analysis& analysis) {
        return json ? JsonReport::toJsonLine(analysis) : TextSummary::render(analysis).toUtf8();
    };
    // Every core analyses; the lines come out in input order, as soon as each is ready, so a
    // long batch streams (flushed at least every 50 ms, not per line).
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    const auto print = [&](qsizetype index, const QByteArray& out, bool failed) {
        if (failed)
            status = ExitInputError;
        if (!json && index > 0)
            writeOut("\n");
        writeOut(out);
        if (sinceFlush.elapsed() >= 50) {
            std::fflush(stdout);
            sinceFlush.restart();
        }
        return true;
    };
    if (history) {
        // With --history every input must be read before any verdict is final.
        QList<Analysis> batch(inputs.size());
        analyzeInOrder<Analysis>(
            inputs, [](Analysis&& analysis) { return std::move(analysis); },
            [&](qsizetype i, Analysis&& analysis) {
                batch[i] = std::move(analysis);
                return true;
            });
        BounceHistory::apply(batch);
        for (qsizetype i = 0; i < batch.size(); ++i)
            print(i, render(batch[i]), batch[i].hasErrors());
    } else {
        struct Line
        {
            QByteArray out;
            bool failed = false;
        };
        analyzeInOrder<Line>(
            inputs,
            [&](Analysis&& analysis) {
                return Line{render(analysis), analysis.hasErrors()};
            },
            [&](qsizetype i, Line&& line) { return print(i, line.out, line.failed); });
    }
    std::fflush(stdout);
    return status;
}

int explain(const QStringList& args)
{
    const std::optional<FlagArgs> parsed = parseFlags(args, {QStringLiteral("--json")});
    if (!parsed)
        return ExitUsage;
    const bool json = parsed->flags.contains(QStringLiteral("--json"));
    const QStringList& words = parsed->operands;
    if (words.isEmpty()) {
        writeErr(QStringLiteral("headerlens-cli: explain needs the reply TEXT, or - for standard input\n"));
        return ExitUsage;
    }
    interpretRegexesInShortRuns(1);
    // An unquoted reply arrives as several words: they are one text.
    const bool fromStdin = words.size() == 1 && words.first() == QLatin1String("-");
    const QString text =
        fromStdin ? QString::fromUtf8(readStdin().value_or(QByteArray())) : words.join(QLatin1Char(' '));
    const Analysis analysis =
        Analyzer::analyzeReplyText(text, fromStdin ? QStringLiteral("-") : QStringLiteral("reply text"));
    writeOut(json ? JsonReport::toJsonLine(analysis) : TextSummary::render(analysis).toUtf8());
    return analysis.hasErrors() ? ExitInputError : ExitOk;
}

// The report command paints with QtGui (fonts, QPdfWriter), which with the libraries it loads
// (OpenGL, fonts, ICU, D-Bus ...) doubles the start-up of the process; everything else needs
// QtCore only. So the report lives in a module of its own (cli_report.cpp), loaded only for it:
// from beside the executable (the build tree), from the library folder of the install the
// executable is in (wherever it was moved), or from the library folder it was configured for.
int runReportModule(int argc, char* argv[])
{
    QStringList tried; // where to look, in order
    char self[4096];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length > 0) {
        self[length] = 0;
        const QString dir = QFileInfo(QString::fromLocal8Bit(self)).absolutePath();
        tried << dir + QStringLiteral("/" HEADERLENS_REPORT_MODULE)
              << dir + QStringLiteral("/" HEADERLENS_MODULE_DIR_FROM_BIN "/" HEADERLENS_REPORT_MODULE);
    }
    tried << QStringLiteral(HEADERLENS_MODULE_DIR "/" HEADERLENS_REPORT_MODULE);
    QStringList failures;
    for (const QString& path : std::as_const(tried)) {
        void* module = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL);
        using Entry = int (*)(int, char**, const char*);
        const auto entry = module ? reinterpret_cast<Entry>(dlsym(module, "headerlens_cli_report")) : nullptr;
        if (!entry) {
            failures << QString::fromLocal8Bit(dlerror());
            continue;
        }
        const QByteArray usage = UsageText.toUtf8();
        return entry(argc, argv, usage.constData()); // the module stays loaded until the process ends
    }
    writeErr(QStringLiteral("headerlens-cli: cannot load the PDF report module: %1\n")
                 .arg(failures.join(QStringLiteral("; "))));
    return ExitInputError;
}

} // namespace

int main(int argc, char* argv[])
{
    // JSON lines of several kilobytes each: a 64 KB buffer makes one write per dozen messages
    // instead of one per message (a pipe or terminal still gets a flush every 50 ms at most).
    static char stdoutBuffer[1 << 16];
    std::setvbuf(stdout, stdoutBuffer, _IOFBF, sizeof stdoutBuffer);
    if (argc > 1 && std::strcmp(argv[1], "report") == 0)
        return runReportModule(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("headerlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEADERLENS_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        writeErr(UsageText);
        return ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        writeOut(UsageText.toUtf8());
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        writeOut(QByteArray("headerlens-cli " HEADERLENS_VERSION "\n"));
        return ExitOk;
    }
    if (command == QLatin1String("analyze"))
        return analyze(args);
    if (command == QLatin1String("explain"))
        return explain(args);
    if (command == QLatin1String("batch"))
        return cli::batch(args);
    if (command == QLatin1String("history"))
        return cli::history(args);
    writeErr(QStringLiteral("headerlens-cli: unknown command %1\n").arg(command));
    writeErr(UsageText);
    return ExitUsage;
}
