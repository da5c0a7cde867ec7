#pragma once

#include "ParsedMessage.h"

#include <QByteArray>
#include <QString>

namespace headerlens {

// Reads a message from a file, from bytes or from pasted text into a ParsedMessage.
// Never throws; problems end up in ParsedMessage::errors / warnings.
class MessageLoader final
{
public:
    // Inputs above this size are analysed up to the limit (headers come first) with a warning.
    static constexpr qint64 MaxInputBytes = 64LL * 1024 * 1024;

    static ParsedMessage fromBytes(const QByteArray& bytes);
    static ParsedMessage fromText(const QString& pastedText);
    static ParsedMessage fromFile(const QString& path);

    // The paste clean-up on its own, exposed for tests: line endings to LF, BOM, leading blank
    // lines, an mbox "From " line, common indentation, and text before the first header field.
    struct Cleaned
    {
        QByteArray bytes;
        QStringList notes;
    };
    static Cleaned cleanUp(const QByteArray& bytes);
};

} // namespace headerlens
