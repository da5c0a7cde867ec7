// headerlens-cli report: the PDF report of one input. A module of its own
// (libheaderlens-cli-report.so), loaded by headerlens-cli only for this command: it needs QtGui,
// whose libraries would double the start-up of every other command.
#include "Analyzer.h"
#include "PdfReport.h"
#include "ReportOptions.h"
#include "cli_common.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGuiApplication>

#include <cstdio>

using namespace headerlens;
using namespace headerlens::cli;

namespace {

QString usageText;

int usageError(const QString& message)
{
    writeErr(QStringLiteral("headerlens-cli: %1\n").arg(message));
    writeErr(usageText);
    return ExitUsage;
}

int report(const QStringList& args)
{
    QString input;
    QString output;
    bool inputGiven = false;
    ReportOptions options;
    options.paper = ReportOptions::systemPaper();
    bool optionsEnded = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (!optionsEnded && arg == QLatin1String("--redact")) {
            options.redact = true;
        } else if (!optionsEnded &&
                   (arg == QLatin1String("--pdf") || arg.startsWith(QLatin1String("--pdf=")))) {
            if (arg.contains(QLatin1Char('='))) {
                output = arg.section(QLatin1Char('='), 1);
            } else if (i + 1 < args.size()) {
                output = args[++i];
            } else {
                return usageError(QStringLiteral("--pdf needs the name of the PDF file to write"));
            }
            if (output.isEmpty())
                return usageError(QStringLiteral("--pdf needs the name of the PDF file to write"));
        } else if (!optionsEnded &&
                   (arg == QLatin1String("--paper") || arg.startsWith(QLatin1String("--paper=")))) {
            QString name;
            if (arg.contains(QLatin1Char('=')))
                name = arg.section(QLatin1Char('='), 1);
            else if (i + 1 < args.size())
                name = args[++i];
            const std::optional<ReportOptions::Paper> paper = ReportOptions::paperFromName(name);
            if (!paper)
                return usageError(QStringLiteral("--paper takes a4 or letter, not '%1'").arg(name));
            options.paper = *paper;
        } else if (!optionsEnded && arg.startsWith(QLatin1String("--"))) {
            return usageError(QStringLiteral("unknown option %1").arg(arg));
        } else if (inputGiven) {
            return usageError(QStringLiteral("report takes one FILE (a PDF per input)"));
        } else {
            input = arg;
            inputGiven = true;
        }
    }
    if (!inputGiven)
        return usageError(QStringLiteral("report needs a FILE, or - for standard input"));
    if (output.isEmpty())
        return usageError(QStringLiteral("report needs --pdf OUT.pdf"));

    Analysis analysis = input == QLatin1String("-") ? analyzeStdin() : Analyzer::analyzeFile(input);
    if (analysis.hasErrors() || analysis.message.headers.isEmpty()) {
        const QString reason = analysis.errors.isEmpty() ? QStringLiteral("No header fields found.")
                                                         : analysis.errors.join(QLatin1Char(' '));
        writeErr(QStringLiteral("headerlens-cli: %1: %2 No report written.\n").arg(input, reason));
        return ExitInputError;
    }
    options.analyzedAt = QDateTime::currentDateTime();
    QString error;
    if (output == QLatin1String("-")) {
        // To standard output, for pipes: not atomic, but nothing is written unless all of it is.
        const QByteArray pdf = PdfReport::render(analysis, options, &error);
        if (pdf.isEmpty()) {
            writeErr(QStringLiteral("headerlens-cli: cannot make the PDF report: %1\n").arg(error));
            return ExitInputError;
        }
        writeOut(pdf);
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
            writeErr(QStringLiteral("headerlens-cli: cannot write the PDF report to standard output\n"));
            return ExitInputError;
        }
        return ExitOk;
    }
    if (!PdfReport::write(analysis, output, options, &error)) {
        writeErr(QStringLiteral("headerlens-cli: %1\n").arg(error));
        return ExitInputError;
    }
    return ExitOk;
}

} // namespace

// The command line as main() got it ("headerlens-cli report FILE --pdf OUT.pdf ..."), and the
// usage text to print on bad usage. A PDF needs no window, so the offscreen platform is used
// unless the user chose another: a display that is set but unreachable (a stale DISPLAY over
// ssh) must not stop a batch job.
extern "C" Q_DECL_EXPORT int headerlens_cli_report(int argc, char** argv, const char* usage)
{
    usageText = QString::fromUtf8(usage);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("headerlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEADERLENS_VERSION));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst(); // the program
    args.removeFirst(); // "report"
    return report(args);
}
