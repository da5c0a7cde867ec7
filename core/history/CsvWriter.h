#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace headerlens {

// CSV as RFC 4180 writes it: fields separated by commas, CRLF line ends, a field holding a comma,
// a double quote, a line break or leading/trailing space put in double quotes with its quotes
// doubled. Text from a message must never become a spreadsheet formula: a field starting with
// =, +, -, @ (or a tab / carriage return) gets a leading apostrophe (OWASP "CSV injection").
class CsvWriter final
{
public:
    static QString field(const QString& value);
    static QByteArray line(const QStringList& fields); // UTF-8, with the CRLF
};

} // namespace headerlens
