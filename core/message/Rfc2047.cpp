#include "Rfc2047.h"

#include <algorithm>

#include "ByteSearch.h"
#include "Charset.h"

#include <cstring>
#include <optional>

namespace headerlens {

namespace {

struct EncodedWord
{
    qsizetype begin = 0;
    qsizetype end = 0; // one past the closing "?="
    QByteArray charset;
    QByteArray bytes; // decoded payload
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QByteArray decodeQ(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.append(' ');
        } else if (c == '=' && i + 2 < text.size() + 0 && hexValue(text[i + 1]) >= 0 &&
                   hexValue(text[i + 2]) >= 0) {
            out.append(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

std::optional<QByteArray> decodeB(QByteArrayView text)
{
    // Lenient: missing padding is common; QByteArray::fromBase64Encoding rejects bad characters.
    QByteArray padded = text.toByteArray();
    while (padded.size() % 4 != 0)
        padded.append('=');
    auto result = QByteArray::fromBase64Encoding(padded, QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

// Parses "=?charset[*lang]?e?text?=" starting at `pos` (which holds "=?").
std::optional<EncodedWord> parseWord(const QByteArray& value, qsizetype pos)
{
    const qsizetype q1 = value.indexOf('?', pos + 2);
    if (q1 < 0 || q1 == pos + 2)
        return std::nullopt;
    if (q1 + 2 >= value.size() || value[q1 + 2] != '?')
        return std::nullopt;
    const char enc = value[q1 + 1];
    if (enc != 'B' && enc != 'b' && enc != 'Q' && enc != 'q')
        return std::nullopt;
    const qsizetype textStart = q1 + 3;
    const qsizetype close = value.indexOf("?=", textStart);
    if (close < 0)
        return std::nullopt;
    const QByteArrayView text(value.constData() + textStart, close - textStart);
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return std::nullopt; // encoded words hold no white space
    }
    QByteArray charset = value.mid(pos + 2, q1 - pos - 2);
    if (const qsizetype star = charset.indexOf('*'); star >= 0)
        charset.truncate(star); // RFC 2231 language suffix
    EncodedWord word;
    word.begin = pos;
    word.end = close + 2;
    word.charset = charset.toLower();
    if (enc == 'B' || enc == 'b') {
        auto bytes = decodeB(text);
        if (!bytes)
            return std::nullopt;
        word.bytes = *bytes;
    } else {
        word.bytes = decodeQ(text);
    }
    return word;
}

bool isOnlyWhitespace(const QByteArray& value, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        const char c = value[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

} // namespace

QByteArray Rfc2047::unfold(const QByteArray& value)
{
    // Most fields are one line: nothing to unfold, and the bytes are shared, not copied.
    const char* const in = value.constData();
    const qsizetype size = value.size();
    const bool carriageReturns = std::memchr(in, '\r', static_cast<size_t>(size)) != nullptr;
    if (!carriageReturns && !std::memchr(in, '\n', static_cast<size_t>(size)))
        return value;
    QByteArray out(size, Qt::Uninitialized);
    char* const begin = out.data();
    char* o = begin;
    const auto isFoldByte = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    qsizetype i = 0;
    while (i < size) {
        // The text up to the next line break, copied at once.
        const auto* lf = static_cast<const char*>(std::memchr(in + i, '\n', static_cast<size_t>(size - i)));
        qsizetype next = lf ? lf - in : size;
        if (carriageReturns) {
            if (const auto* cr =
                    static_cast<const char*>(std::memchr(in + i, '\r', static_cast<size_t>(next - i))))
                next = cr - in;
        }
        std::memcpy(o, in + i, static_cast<size_t>(next - i));
        o += next - i;
        if (next == size)
            break;
        // A fold: drop the line break and collapse the white space around it to one space.
        while (o > begin && (o[-1] == ' ' || o[-1] == '\t'))
            --o;
        i = next + 1;
        while (i < size && isFoldByte(in[i]))
            ++i;
        *o++ = ' ';
    }
    out.truncate(o - begin);
    return out;
}

QString Rfc2047::decode(const QByteArray& value)
{
    if (indexOfPair(value, '=', '?') < 0)
        return Charset::decodeRawHeader(value);

    QString out;
    QByteArray plainPending; // raw text between words, decoded lazily
    QByteArray runBytes;     // bytes of the current run of adjacent same-charset words
    QByteArray runCharset;
    qsizetype lastWordEnd = -1;

    auto flushRun = [&]() {
        if (!runBytes.isEmpty() || !runCharset.isEmpty())
            out += Charset::decode(runBytes, QString::fromLatin1(runCharset));
        runBytes.clear();
        runCharset.clear();
    };
    auto flushPlain = [&]() {
        if (!plainPending.isEmpty())
            out += Charset::decodeRawHeader(plainPending);
        plainPending.clear();
    };

    qsizetype pos = 0;
    while (pos < value.size()) {
        const qsizetype start = indexOfPair(value, '=', '?', pos);
        if (start < 0)
            break;
        const std::optional<EncodedWord> word = parseWord(value, start);
        if (!word) {
            plainPending += value.mid(pos, start + 2 - pos);
            pos = start + 2;
            continue;
        }
        const bool adjacent =
            lastWordEnd >= 0 && plainPending.isEmpty() && isOnlyWhitespace(value, lastWordEnd, start);
        if (adjacent) {
            // White space between adjacent encoded words is not displayed (RFC 2047 section 6.2).
            if (word->charset != runCharset) {
                flushRun();
                runCharset = word->charset;
            }
        } else {
            flushRun();
            plainPending += value.mid(pos, start - pos);
            flushPlain();
            runCharset = word->charset;
        }
        runBytes += word->bytes;
        lastWordEnd = word->end;
        pos = word->end;
    }
    flushRun();
    plainPending += value.mid(pos);
    flushPlain();
    return out;
}

} // namespace headerlens
