#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QString>

#include <optional>

// What every headerlens-cli command shares: exit statuses, output, standard input. Compiled into
// the executable and into the report module (cli_report.cpp).
namespace headerlens::cli {

constexpr int ExitOk = 0;
constexpr int ExitInputError = 1;
constexpr int ExitUsage = 2;

void writeOut(const QByteArray& bytes);
void writeErr(const QString& text);
// Standard input up to the size limit: an endless stream is cut there (and refused), not read
// until memory runs out. nullopt when it is over the limit.
std::optional<QByteArray> readStdin();
// The analysis of standard input, or an analysis that says why it was refused.
Analysis analyzeStdin();

} // namespace headerlens::cli
