#include "cli_common.h"

#include "Analyzer.h"
#include "MessageLoader.h"

#include <cstdio>

namespace headerlens::cli {

void writeOut(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

void writeErr(const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
}

std::optional<QByteArray> readStdin()
{
    QByteArray bytes;
    char buffer[65536];
    while (true) {
        const size_t n = std::fread(buffer, 1, sizeof buffer, stdin);
        if (n == 0)
            break;
        if (bytes.size() + static_cast<qsizetype>(n) > MessageLoader::MaxInputBytes)
            return std::nullopt;
        bytes.append(buffer, static_cast<qsizetype>(n));
    }
    return bytes;
}

Analysis analyzeStdin()
{
    const std::optional<QByteArray> bytes = readStdin();
    if (bytes)
        return Analyzer::analyzeBytes(*bytes, QStringLiteral("-"));
    ParsedMessage refused;
    refused.errors.append(
        QStringLiteral("Standard input is larger than %1 MB: refused after reading that much.")
            .arg(MessageLoader::MaxInputBytes / (1024 * 1024)));
    return Analyzer::analyzeMessage(refused, QStringLiteral("-"));
}

} // namespace headerlens::cli
