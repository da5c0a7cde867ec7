#pragma once

#include <QByteArrayView>

#include <cstring>

namespace headerlens {

// Where the two bytes `first` `second` first occur in `bytes` at or after `from`, or -1. memchr
// finds each `first`: much faster than QByteArray::indexOf's general substring search on the
// header values and message bodies searched for "=?" or a blank line.
inline qsizetype indexOfPair(QByteArrayView bytes, char first, char second, qsizetype from = 0)
{
    const char* const begin = bytes.data();
    const char* const end = begin + bytes.size();
    for (const char* p = begin + from; p < end;) {
        const auto* hit = static_cast<const char*>(std::memchr(p, first, static_cast<size_t>(end - p)));
        if (!hit || hit + 1 >= end)
            return -1;
        if (hit[1] == second)
            return hit - begin;
        p = hit + 1;
    }
    return -1;
}

} // namespace headerlens
