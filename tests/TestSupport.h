#pragma once

#include <QByteArray>
#include <QString>

namespace headerlens::test {

// Our own fixtures: tests/data/<relative>.
QString dataPath(const QString& relative);
QByteArray readData(const QString& relative);

// The shared third-party corpus (../shared/corpus), or an empty string when it is not there.
// HEADERLENS_CORPUS in the environment overrides the configured location.
QString corpusDir();

// Turns "\n" into "\r\n" (fixtures are stored with LF; real mail has CRLF).
QByteArray toCrlf(const QByteArray& lf);

} // namespace headerlens::test
