#pragma once

#include "HeaderField.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace headerlens {

// A MIME entity copied out of GMime into a plain value (RFC 2045/2046). Message parts
// (message/rfc822, message/global, text/rfc822-headers) keep their content as bytes; the
// delivery-report code parses them again as messages of their own.
struct MimePart
{
    QString contentType;       // lower-case "type/subtype"; "text/plain" when the part states none
    QString charset;           // lower-case charset parameter, empty when none
    QString boundary;          // multipart boundary, empty for leaves
    QString fileName;          // Content-Disposition filename or Content-Type name
    HeaderList headers;        // the part's own header fields, in order
    QByteArray content;        // transfer-decoded body bytes (leaves only)
    HeaderList messageHeaders; // message/rfc822 and message/global: the embedded message's fields
    QByteArray epilogue;       // multipart: text after the closing boundary (RFC 2046 section 5.1.1)
    QList<MimePart> children;  // multipart: the parts; message parts: the embedded message's body

    bool isMultipart() const { return contentType.startsWith(QLatin1String("multipart/")); }
    bool isText() const { return contentType.startsWith(QLatin1String("text/")); }
    // Content decoded with the part's charset (UTF-8, then Windows-1252 when undeclared or unknown).
    QString text() const;
    // Depth-first list of all leaf parts, this one included when it is a leaf.
    QList<const MimePart*> leaves() const;
};

} // namespace headerlens
