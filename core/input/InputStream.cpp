#include "InputStream.h"

#include <QFileInfo>

namespace headerlens {

namespace {

InputItem readWholeFile(const QString& path, qint64 maxMessageBytes)
{
    InputItem item;
    item.path = path;
    item.format = InputFormat::Message;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        item.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return item;
    }
    item.bytes = file.read(maxMessageBytes);
    if (file.error() != QFileDevice::NoError) {
        item.bytes.clear();
        item.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return item;
    }
    item.length = file.size();
    item.truncated = file.size() > item.bytes.size();
    return item;
}

} // namespace

InputStream::InputStream(QList<InputFile> files, qint64 maxMessageBytes)
    : m_files(std::move(files))
    , m_maxMessageBytes(maxMessageBytes)
{
    for (const InputFile& f : std::as_const(m_files))
        m_totalBytes += f.size;
}

InputStream::~InputStream() = default;

qint64 InputStream::bytesDone() const
{
    return m_doneBytes + (m_mbox ? m_mbox->consumed() : 0);
}

bool InputStream::next(InputItem& item)
{
    while (m_index < m_files.size()) {
        const InputFile& file = m_files[m_index];
        if (file.format == InputFormat::Mbox) {
            if (!m_mbox) {
                m_mboxFile.setFileName(file.path);
                if (!m_mboxFile.open(QIODevice::ReadOnly)) {
                    item = InputItem{};
                    item.path = file.path;
                    item.format = InputFormat::Missing;
                    item.error =
                        QStringLiteral("Cannot read %1: %2").arg(file.path, m_mboxFile.errorString());
                    m_doneBytes += file.size;
                    ++m_index;
                    return true;
                }
                m_mbox = std::make_unique<MboxReader>(&m_mboxFile, m_maxMessageBytes);
            }
            if (m_mbox->next(item)) {
                item.path = file.path;
                return true;
            }
            const QString error = m_mbox->error();
            m_mbox.reset();
            m_mboxFile.close();
            m_doneBytes += file.size;
            ++m_index;
            if (!error.isEmpty()) {
                item = InputItem{};
                item.path = file.path;
                item.format = InputFormat::Missing;
                item.error = QStringLiteral("Reading %1 stopped: %2").arg(file.path, error);
                return true;
            }
            continue;
        }
        ++m_index;
        m_doneBytes += file.size;
        if (file.format == InputFormat::Missing) {
            item = InputItem{};
            item.path = file.path;
            item.format = InputFormat::Missing;
            item.error = file.error;
            return true;
        }
        item = readWholeFile(file.path, m_maxMessageBytes);
        return true;
    }
    return false;
}

InputItem InputStream::reload(const InputItem& where, qint64 maxMessageBytes)
{
    if (where.format != InputFormat::Mbox)
        return readWholeFile(where.path, maxMessageBytes);
    InputItem item;
    QFile file(where.path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(where.offset)) {
        item = where;
        item.bytes.clear();
        item.error = QStringLiteral("Cannot read %1: %2").arg(where.path, file.errorString());
        return item;
    }
    MboxReader reader(&file, maxMessageBytes, where.length);
    if (!reader.next(item)) {
        item = where;
        item.bytes.clear();
        item.error = QStringLiteral("%1 changed since it was read: message %2 is no longer there.")
                         .arg(where.path, QString::number(where.ordinal));
        return item;
    }
    item.path = where.path;
    item.ordinal = where.ordinal;
    return item;
}

} // namespace headerlens
