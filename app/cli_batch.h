#pragma once

#include <QStringList>

// headerlens-cli batch and history: many inputs at once, the history database and the
// list-hygiene export (cli_batch.cpp). Return the process exit status.
namespace headerlens::cli {

extern const char* const BatchUsage;   // the usage lines of both commands
extern const char* const BatchOptions; // their options, for --help

int batch(const QStringList& args);
int history(const QStringList& args);

} // namespace headerlens::cli
