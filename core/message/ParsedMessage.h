#pragma once

#include "HeaderField.h"
#include "MimePart.h"

#include <QStringList>

namespace headerlens {

// What a loaded input turned out to be, before any delivery-report reading.
enum class InputShape
{
    Empty,       // nothing usable: no header fields at all
    HeadersOnly, // a header block, no body (or only white space after it)
    Message,     // header block and a body
};

// Bytes turned into plain values: every header field in original order (duplicates and Content-*
// fields included), the MIME tree, and what the loader noticed on the way. No GMime type in here.
struct ParsedMessage
{
    InputShape shape = InputShape::Empty;
    HeaderList headers;
    MimePart body;             // the top-level MIME entity (its headers are the Content-* fields)
    QByteArray rawHeaderBlock; // the header block as analysed (after paste clean-up)
    qint64 inputSize = 0;      // bytes given, before clean-up
    bool bodyTruncated = false;
    QStringList warnings; // anomalies worth showing: duplicated fields, bad encoded words ...
    QStringList errors;   // why nothing (or only part) could be read

    bool isEmpty() const { return headers.isEmpty(); }
    QString header(QStringView name) const { return headerValue(headers, name); }
};

} // namespace headerlens
