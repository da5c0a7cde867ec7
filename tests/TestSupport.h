#pragma once

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

#include <type_traits>

namespace headerlens::test {

// Our own fixtures: tests/data/<relative>.
QString dataPath(const QString& relative);
QByteArray readData(const QString& relative);

// The shared third-party corpus (../shared/corpus), or an empty string when it is not there.
// HEADERLENS_CORPUS in the environment overrides the configured location.
QString corpusDir();

// Turns "\n" into "\r\n" (fixtures are stored with LF; real mail has CRLF).
QByteArray toCrlf(const QByteArray& lf);

// For generated inputs: an element of `list` (not empty) picked at random, and `count` of them
// joined (a text or bytes built from pieces).
template <typename List>
typename List::value_type pick(QRandomGenerator& random, const List& list)
{
    return list[static_cast<qsizetype>(random.bounded(static_cast<int>(list.size())))];
}
template <typename List>
auto randomJoin(QRandomGenerator& random, const List& pieces, int count)
{
    // a text of characters, or of the pieces' own kind (QString, QByteArray)
    std::conditional_t<std::is_same_v<List, QString>, QString, typename List::value_type> out;
    for (int i = 0; i < count; ++i)
        out += pick(random, pieces);
    return out;
}

} // namespace headerlens::test
