#pragma once

#include "InputItem.h"

#include <QByteArray>
#include <QIODevice>

namespace headerlens {

// Streams the messages of an mbox file one at a time, reading it in blocks: memory stays bounded
// by one message (at most maxMessageBytes) plus one block, whatever the file's size.
//
// A message starts at a "From " line (RFC 4155) that opens the file or follows an empty line,
// and whose next line is a header field; a "From " line that is not followed by one is body text
// (an unquoted mboxo body). Writers that forget the empty line are read too when the line has the
// separator's full shape (sender, a time and a year). ">From " lines, however many '>', lose one
// '>' (mboxrd). Both LF and CRLF files are read; bytes are passed on as they are.
class MboxReader final
{
public:
    // Reads from device's current position; limit: stop after this many bytes (-1: to the end).
    explicit MboxReader(QIODevice* device, qint64 maxMessageBytes, qint64 limit = -1);

    // The next message, or false at the end of the input (or on a read error: see error()).
    bool next(InputItem& item);
    // Bytes read so far, counted from where the reader started.
    qint64 consumed() const { return m_consumed; }
    QString error() const { return m_error; }

    // Whether the start of a file looks like an mbox: its first non-empty line is a separator.
    static bool looksLikeMbox(const QByteArray& head);
    // A "From " line in full separator shape: "From sender Www Mmm dd hh:mm:ss yyyy".
    static bool isStrictSeparator(const QByteArray& line);
    // A line of the form "Name: value" (RFC 5322 field name, no spaces before the colon).
    static bool isHeaderLine(const QByteArray& line);

private:
    struct Line
    {
        QByteArray bytes;
        qint64 offset = 0;
        bool lineStart = true; // false: the rest of an over-long line (never a separator)
    };
    bool readLine(Line& line);
    bool fill();
    bool isSeparator(const Line& line);
    void append(const QByteArray& line);

    QIODevice* m_device;
    qint64 m_maxMessageBytes;
    qint64 m_limit;
    qint64 m_start;
    qint64 m_consumed = 0;
    QByteArray m_buffer;
    qsizetype m_bufferPos = 0;
    bool m_eof = false;
    bool m_lastEndedLine = true;
    bool m_hasPending = false;
    Line m_pending; // a separator read ahead: it starts the next message
    bool m_hasPushedBack = false;
    Line m_pushedBack; // the line read to decide on a separator
    bool m_previousBlank = true;
    int m_ordinal = 0;
    InputItem m_current;
    QString m_error;
};

} // namespace headerlens
