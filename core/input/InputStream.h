#pragma once

#include "InputItem.h"
#include "MboxReader.h"

#include <QFile>
#include <QList>

#include <memory>

namespace headerlens {

// Hands out the messages of a list of files one at a time: a file of its own is one item, an
// mbox is streamed message by message. Only the current message is held in memory. progress()
// counts bytes, so a single 1 GB mbox moves the bar as smoothly as a folder of small files.
class InputStream final
{
public:
    // maxMessageBytes: a message longer than this is cut (InputItem::truncated); the analysis
    // reads the first part and says so.
    InputStream(QList<InputFile> files, qint64 maxMessageBytes);
    ~InputStream();

    bool next(InputItem& item);
    qint64 bytesDone() const;
    qint64 totalBytes() const { return m_totalBytes; }

    // Reads one item again from where it came from (its path, offset and length).
    static InputItem reload(const InputItem& where, qint64 maxMessageBytes);

private:
    QList<InputFile> m_files;
    qint64 m_maxMessageBytes;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0; // files finished
    qsizetype m_index = 0;
    QFile m_mboxFile;
    std::unique_ptr<MboxReader> m_mbox;
};

} // namespace headerlens
