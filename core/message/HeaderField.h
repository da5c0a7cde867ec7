#pragma once

#include "TextSearch.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace headerlens {

// One header field as it stood in the input: original spelling of the name, the raw value with
// its folding, and the value unfolded and decoded (RFC 5322 section 2.2, RFC 2047).
struct HeaderField
{
    QString name;
    QByteArray rawValue; // bytes after the colon, folding kept, line ending dropped
    QString value;       // unfolded, encoded words decoded, trimmed
    qint64 offset = -1;  // byte offset of the field in the analysed input, -1 when unknown

    // Case folding maps one UTF-16 unit to one, so names of different lengths never match (and
    // most names differ in length: the comparison is skipped).
    bool isNamed(QStringView other) const { return equalsCaseless(name, other); }
    // A literal (u"Received"): its length is known at compile time. Through QStringView's array
    // constructor it would be counted character by character on every call.
    template <size_t N>
    bool isNamed(const char16_t (&literal)[N]) const
    {
        return isNamed(QStringView(literal, static_cast<qsizetype>(N - 1)));
    }
};

using HeaderList = QList<HeaderField>;

// First field called `name` (case-insensitive), or nullptr.
const HeaderField* findHeader(const HeaderList& headers, QStringView name);
// Decoded value of the first field called `name`, or a null QString.
QString headerValue(const HeaderList& headers, QStringView name);
// All fields called `name`, in input order.
HeaderList headersNamed(const HeaderList& headers, QStringView name);

// The same for literal names (u"Date"), whose length is then not counted on every call.
template <size_t N>
const HeaderField* findHeader(const HeaderList& headers, const char16_t (&name)[N])
{
    return findHeader(headers, QStringView(name, static_cast<qsizetype>(N - 1)));
}
template <size_t N>
QString headerValue(const HeaderList& headers, const char16_t (&name)[N])
{
    return headerValue(headers, QStringView(name, static_cast<qsizetype>(N - 1)));
}
template <size_t N>
HeaderList headersNamed(const HeaderList& headers, const char16_t (&name)[N])
{
    return headersNamed(headers, QStringView(name, static_cast<qsizetype>(N - 1)));
}

} // namespace headerlens
