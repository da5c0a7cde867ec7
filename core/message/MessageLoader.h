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
    // Inputs above this size are refused at once, with an error that says so (a file by its size,
    // before reading it; standard input after reading this much of it).
    static constexpr qint64 MaxInputBytes = 64LL * 1024 * 1024;
    // Bytes of the header block analysed; the rest of the block is left out with a warning.
    static constexpr qsizetype MaxHeaderBytes = 512 * 1024;
    // MIME parts read into the tree; more are left out with a warning.
    static constexpr qsizetype MaxMimeParts = 10000;
    // The error for an input of `size` bytes over MaxInputBytes.
    static QString tooLarge(qint64 size);

    static ParsedMessage fromBytes(const QByteArray& bytes);
    // The same, read by GMime's parser alone, where fromBytes() reads a plain message (its header
    // blocks and MIME structure) itself. The reference the tests compare fromBytes() with; not
    // needed otherwise.
    static ParsedMessage fromBytesThroughGMime(const QByteArray& bytes);
    // Only the header fields of `bytes`, as fromBytes() reads them, without building a message:
    // the header block is read by rules taken from GMime's parser, and no GMime object, address
    // or date is made for fields nobody looks at. For header blocks inside a report (the
    // returned original's). Empty when fromBytes() would find none or refuse the input.
    static HeaderList headersFromBytes(const QByteArray& bytes);
    static ParsedMessage fromText(const QString& pastedText);
    // Regular files only: a folder, a FIFO, a device or a socket is refused without blocking.
    static ParsedMessage fromFile(const QString& path);

    // The paste clean-up on its own, exposed for tests: line endings to LF, BOM, leading blank
    // lines, an mbox "From " line, common indentation, and text before the first header field.
    struct Cleaned
    {
        QByteArray bytes;
        QStringList notes;
    };
    static Cleaned cleanUp(const QByteArray& bytes);
    // The same without its shortcut for input that needs no repair (most does not): every line
    // is split and copied. The reference TestMessageLoader compares cleanUp() with.
    static Cleaned cleanUpEveryLine(const QByteArray& bytes);

private:
    static Cleaned cleanUp(const QByteArray& bytes, bool shortcut);
    static ParsedMessage load(const QByteArray& bytes, bool mayReadTopBlock);
};

} // namespace headerlens
