#pragma once

#include <QByteArray>
#include <QString>

namespace headerlens {

// Byte-to-text conversion for message content. Mail declares charsets loosely: names come in
// any case, with aliases (latin1, cp1252, x-sjis ...), or wrong. We try the declared one, then
// UTF-8, then Windows-1252, which maps every byte, so the result is never lost.
class Charset final
{
public:
    static QString decode(const QByteArray& bytes, QStringView declaredCharset = {});
    // Header bytes outside encoded words: UTF-8 when valid (RFC 6532), otherwise Windows-1252.
    static QString decodeRawHeader(const QByteArray& bytes);
    static bool isValidUtf8(const QByteArray& bytes);
};

} // namespace headerlens
