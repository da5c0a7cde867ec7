// headerlens-cli: the same analysis as the desktop application, for scripts and batches.

#include "Analyzer.h"
#include "JsonReport.h"
#include "TextSummary.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

using namespace headerlens;

namespace {

constexpr int ExitOk = 0;
constexpr int ExitInputError = 1;
constexpr int ExitUsage = 2;

const char* const UsageText =
    "Usage:\n"
    "  headerlens-cli analyze [--json] FILE... | -\n"
    "  headerlens-cli --help | --version\n"
    "\n"
    "Explains why an email did not arrive: reads bounces, delay notices and raw headers\n"
    "offline, and prints the verdict, the SMTP response and the relay chain.\n"
    "\n"
    "Commands:\n"
    "  analyze     analyse each FILE (or standard input for -) in turn\n"
    "\n"
    "Options:\n"
    "  --json      one JSON object per input, one per line (JSON Lines), in input order\n"
    "  -h, --help  show this help\n"
    "  --version   show the version\n"
    "\n"
    "Exit status:\n"
    "  0  every input was analysed\n"
    "  1  at least one input could not be read or held no header fields\n"
    "     (it still gets its own output, with its errors)\n"
    "  2  bad usage\n";

void writeOut(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void writeErr(const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
}

QByteArray readStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll();
}

int analyze(const QStringList& args)
{
    bool json = false;
    QStringList inputs;
    bool optionsEnded = false;
    for (const QString& arg : args) {
        if (!optionsEnded && arg == QLatin1String("--json")) {
            json = true;
        } else if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
        } else if (!optionsEnded && arg.startsWith(QLatin1String("--"))) {
            writeErr(QStringLiteral("headerlens-cli: unknown option %1\n").arg(arg));
            writeErr(QString::fromLatin1(UsageText));
            return ExitUsage;
        } else {
            inputs.append(arg);
        }
    }
    if (inputs.isEmpty()) {
        writeErr(
            QStringLiteral("headerlens-cli: analyze needs at least one FILE, or - for standard input\n"));
        return ExitUsage;
    }
    int status = ExitOk;
    bool first = true;
    for (const QString& input : std::as_const(inputs)) {
        const Analysis analysis = input == QLatin1String("-")
                                      ? Analyzer::analyzeBytes(readStdin(), QStringLiteral("-"))
                                      : Analyzer::analyzeFile(input);
        if (analysis.hasErrors())
            status = ExitInputError;
        if (json) {
            writeOut(JsonReport::toJsonLine(analysis));
        } else {
            if (!first)
                writeOut("\n");
            writeOut(TextSummary::render(analysis).toUtf8());
        }
        first = false;
        std::fflush(stdout);
    }
    return status;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("headerlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEADERLENS_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        writeErr(QString::fromLatin1(UsageText));
        return ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        writeOut(UsageText);
        return ExitOk;
    }
    if (command == QLatin1String("--version")) {
        writeOut(QByteArray("headerlens-cli " HEADERLENS_VERSION "\n"));
        return ExitOk;
    }
    if (command == QLatin1String("analyze"))
        return analyze(args);
    writeErr(QStringLiteral("headerlens-cli: unknown command %1\n").arg(command));
    writeErr(QString::fromLatin1(UsageText));
    return ExitUsage;
}
