#pragma once

#include <QByteArray>
#include <QString>

namespace headerlens {

// Our own RFC 2047 encoded-word decoder. GMime 3.2.13 drops every encoded word after the first
// of a run ("=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=" comes back as "Hello"), so header
// values are decoded here. Adjacent encoded words of one charset are joined as bytes before
// conversion, so a multi-byte character split across two words survives (RFC 2047 section 5
// forbids the split; real senders do it anyway).
class Rfc2047 final
{
public:
    // Decodes an unfolded header value. Text outside encoded words is read as UTF-8 when valid,
    // otherwise as Windows-1252. Malformed words are left as written.
    static QString decode(const QByteArray& value);
    // RFC 5322 section 2.2.3 unfolding, for display: a line break and the white space around it
    // become one space (the raw value keeps the original folding).
    static QByteArray unfold(const QByteArray& value);
};

} // namespace headerlens
