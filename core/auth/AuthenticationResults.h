#pragma once

#include "HeaderField.h"

#include <QList>
#include <QPair>
#include <QString>

namespace headerlens {

// One method result from an Authentication-Results field (RFC 8601), an ARC-Authentication-Results
// field (RFC 8617) or a Received-SPF field (RFC 7208 section 9.1).
struct AuthResult
{
    QString field;      // the header field it came from
    QString authServId; // who evaluated it ("mx.google.com")
    QString method;     // spf, dkim, dmarc, arc, iprev, auth, bimi ... (lower case)
    QString result;     // pass, fail, softfail, neutral, none, temperror, permerror, policy ... (lower case)
    QString reason;     // reason= value or the comment after the result
    QList<QPair<QString, QString>>
        properties; // "smtp.mailfrom" -> "x@example.com", "header.d" -> "example.com"

    bool passed() const { return result == QLatin1String("pass"); }
    bool failed() const
    {
        return result == QLatin1String("fail") || result == QLatin1String("softfail") ||
               result == QLatin1String("permerror");
    }
};

class AuthenticationResults final
{
public:
    // Every result of every authentication field in `headers`, in header order.
    static QList<AuthResult> fromHeaders(const HeaderList& headers);
    // Parses one Authentication-Results value.
    static QList<AuthResult> parseAuthenticationResults(const QString& value, const QString& fieldName);
    static QList<AuthResult> parseReceivedSpf(const QString& value);
};

} // namespace headerlens
