#pragma once

#include <QByteArray>
#include <QString>

namespace headerlens {

// How a file holds its messages.
enum class InputFormat
{
    Message, // one message (an .eml file, a Maildir entry, a header block)
    Mbox,    // many messages, each after a "From " separator line (mboxo/mboxrd, LF or CRLF)
    Missing, // the path could not be read: the item carries the error
};

// One file found by InputCollector: what it is and how big, for the progress bar.
struct InputFile
{
    QString path;
    InputFormat format = InputFormat::Message;
    qint64 size = 0;
    QString error; // for Missing
};

// One message taken from an input, with where it came from so that it can be read again (the
// window shows an item's tabs by reading it again rather than keeping every analysis).
struct InputItem
{
    QString path;
    InputFormat format = InputFormat::Message;
    int ordinal = 0;        // 1-based number within an mbox; 0 for a file of its own
    qint64 offset = 0;      // where the item starts in the file (an mbox message: its "From " line)
    qint64 length = -1;     // how many bytes of the file it spans; -1: to the end
    QByteArray bytes;       // the message (mbox: separator removed, ">From " lines unquoted)
    bool truncated = false; // longer than the limit: only the first part is in bytes
    QString error;          // why it could not be read (bytes then empty)

    // "path" for a file of its own, "path #12" for the 12th message of an mbox.
    QString label() const
    {
        return ordinal > 0 ? path + QStringLiteral(" #") + QString::number(ordinal) : path;
    }
};

} // namespace headerlens
