#include "MboxReader.h"

#include <cctype>
#include <cstring>

namespace headerlens {

namespace {

constexpr qsizetype BlockSize = 1 << 20;
constexpr qsizetype MaxLineBytes = 1 << 20; // longer lines are passed on in pieces

bool isBlank(const QByteArray& line)
{
    for (const char c : line) {
        if (c != '\n' && c != '\r')
            return false;
    }
    return true;
}

bool startsSeparator(const QByteArray& line)
{
    return line.startsWith("From ");
}

// ">From ", ">>From " ...: mboxrd quoting, one '>' is removed.
bool isQuotedFrom(const QByteArray& line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] == '>')
        ++i;
    return i > 0 && line.mid(i, 5) == "From ";
}

} // namespace

MboxReader::MboxReader(QIODevice* device, qint64 maxMessageBytes, qint64 limit)
    : m_device(device)
    , m_maxMessageBytes(maxMessageBytes)
    , m_limit(limit)
    , m_start(device->pos())
{}

bool MboxReader::isHeaderLine(const QByteArray& line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    for (qsizetype i = 0; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) // RFC 5322 section 3.6.8: printable US-ASCII except colon
            return false;
    }
    return true;
}

bool MboxReader::isStrictSeparator(const QByteArray& line)
{
    if (!startsSeparator(line))
        return false;
    const QList<QByteArray> words = line.simplified().split(' ');
    if (words.size() < 4)
        return false;
    bool time = false;
    bool year = false;
    for (qsizetype i = 2; i < words.size(); ++i) {
        const QByteArray& w = words[i];
        if (w.size() >= 5 && w[2] == ':' && std::isdigit(static_cast<unsigned char>(w[0])))
            time = true;
        bool ok = false;
        const int n = w.toInt(&ok);
        if (ok && w.size() == 4 && n >= 1970 && n <= 2999)
            year = true;
    }
    return time && year;
}

bool MboxReader::looksLikeMbox(const QByteArray& head)
{
    qsizetype pos = 0;
    while (pos < head.size() && (head[pos] == '\n' || head[pos] == '\r'))
        ++pos;
    if (head.mid(pos, 5) != "From ")
        return false;
    const qsizetype end = head.indexOf('\n', pos);
    if (end < 0)
        return false;
    qsizetype next = head.indexOf('\n', end + 1);
    if (next < 0)
        next = head.size();
    return isHeaderLine(head.mid(end + 1, next - end - 1));
}

bool MboxReader::fill()
{
    if (m_eof)
        return false;
    if (m_bufferPos > 0) {
        m_buffer.remove(0, m_bufferPos);
        m_bufferPos = 0;
    }
    qint64 want = BlockSize;
    if (m_limit >= 0) {
        const qint64 left = m_limit - (m_consumed + m_buffer.size());
        want = std::min<qint64>(want, left);
    }
    if (want <= 0) {
        m_eof = true;
        return false;
    }
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + want);
    const qint64 got = m_device->read(m_buffer.data() + old, want);
    if (got < 0) {
        m_error = m_device->errorString();
        m_buffer.resize(old);
        m_eof = true;
        return false;
    }
    m_buffer.resize(old + got);
    if (got == 0)
        m_eof = true;
    return got > 0;
}

bool MboxReader::readLine(Line& line)
{
    if (m_hasPushedBack) {
        m_hasPushedBack = false;
        line = std::move(m_pushedBack);
        return true;
    }
    for (;;) {
        const char* begin = m_buffer.constData() + m_bufferPos;
        const qsizetype available = m_buffer.size() - m_bufferPos;
        const void* nl = available > 0 ? std::memchr(begin, '\n', static_cast<size_t>(available)) : nullptr;
        qsizetype length = -1;
        if (nl)
            length = static_cast<const char*>(nl) - begin + 1;
        else if (available >= MaxLineBytes || (m_eof && available > 0))
            length = std::min(available, MaxLineBytes);
        if (length > 0) {
            line.bytes = QByteArray(begin, length);
            line.offset = m_start + m_consumed;
            line.lineStart = m_lastEndedLine;
            m_lastEndedLine = line.bytes.endsWith('\n');
            m_bufferPos += length;
            m_consumed += length;
            return true;
        }
        if (!fill() && m_buffer.size() - m_bufferPos == 0)
            return false;
    }
}

bool MboxReader::isSeparator(const Line& line)
{
    if (!line.lineStart || !startsSeparator(line.bytes))
        return false;
    if (!m_previousBlank && !isStrictSeparator(line.bytes))
        return false;
    // The next line decides: a header field starts a message, anything else is body text.
    Line following;
    if (!readLine(following))
        return false;
    const bool header = following.lineStart && isHeaderLine(following.bytes);
    m_pushedBack = std::move(following);
    m_hasPushedBack = true;
    return header;
}

void MboxReader::append(const QByteArray& line)
{
    if (m_current.truncated)
        return;
    const bool quoted = isQuotedFrom(line);
    const qsizetype size = line.size() - (quoted ? 1 : 0);
    if (m_current.bytes.size() + size > m_maxMessageBytes) {
        m_current.bytes.append(line.constData() + (quoted ? 1 : 0),
                               static_cast<qsizetype>(m_maxMessageBytes - m_current.bytes.size()));
        m_current.truncated = true;
        return;
    }
    m_current.bytes.append(line.constData() + (quoted ? 1 : 0), size);
}

bool MboxReader::next(InputItem& item)
{
    m_current = InputItem{};
    m_current.format = InputFormat::Mbox;
    bool started = false;
    const auto start = [&](const Line& separator) {
        started = true;
        m_current.ordinal = ++m_ordinal;
        m_current.offset = separator.offset;
        m_previousBlank = false;
    };
    const auto finish = [&](qint64 end) {
        // the empty line before a separator belongs to the separator (RFC 4155)
        if (m_current.bytes.endsWith("\r\n\r\n"))
            m_current.bytes.chop(2);
        else if (m_current.bytes.endsWith("\n\n"))
            m_current.bytes.chop(1);
        m_current.length = end - m_current.offset;
        item = std::move(m_current);
        m_current = InputItem{};
    };
    if (m_hasPending) {
        m_hasPending = false;
        start(m_pending);
    }
    Line line;
    while (readLine(line)) {
        if (isSeparator(line)) {
            if (started) {
                m_pending = std::move(line);
                m_hasPending = true;
                finish(m_pending.offset);
                return true;
            }
            start(line);
            continue;
        }
        if (started)
            append(line.bytes);
        m_previousBlank = line.lineStart && isBlank(line.bytes);
    }
    if (!started)
        return false;
    finish(m_start + m_consumed);
    return true;
}

} // namespace headerlens
