#pragma once

#include "HeaderField.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace headerlens {

// One method result from an Authentication-Results field (RFC 8601), an ARC-Authentication-Results
// field (RFC 8617) or a Received-SPF field (RFC 7208 section 9.1), read in full: the method and
// its version, the result, reason=, every property (smtp.*, header.*, body.*, policy.*) and every
// comment. What does not fit the grammar is kept and named in `problems`, never dropped.
struct AuthResult
{
    QString field;         // the header field it came from
    QString authServId;    // who evaluated it ("mx.google.com"); empty when the field names nobody
    QString method;        // spf, dkim, dmarc, arc, iprev, auth, bimi ... (lower case)
    QString methodVersion; // "1" in "dkim/1"
    QString result;     // pass, fail, softfail, neutral, none, temperror, permerror, policy ... (lower case)
    QString reason;     // reason= value, else the comments (kept for the one-line views)
    QString reasonText; // the reason= value only (RFC 8601 section 2.7)
    QString resultComment; // the comment right after the result: "(google.com: domain of ...)"
    QStringList comments;  // every comment of this result, in order
    QList<QPair<QString, QString>> properties; // "smtp.mailfrom" -> "x@example.com", "header.d" ->
                                               // "example.com", "policy.dkim-rules" -> ...
    QString raw;                               // the resinfo as written (white space collapsed)
    QStringList problems;    // what does not follow RFC 8601: unknown method, missing ';', open comment ...
    bool knownMethod = true; // registered with IANA (or a known vendor method such as compauth)
    int fieldIndex = -1;     // index of the field in the header list it was read from
    int arcInstance = 0;     // i= of an ARC-Authentication-Results field

    bool passed() const { return result == QLatin1String("pass"); }
    bool failed() const
    {
        return result == QLatin1String("fail") || result == QLatin1String("softfail") ||
               result == QLatin1String("permerror") || result == QLatin1String("hardfail");
    }
    // The value of the first property named `key` ("header.d"), or a null string.
    QString property(QStringView key) const;
};

// One authentication field read apart: who wrote it and each result, with the field's own
// problems (a value that is not RFC 8601 at all is shown raw).
struct AuthenticationField
{
    QString name;       // as written: "Authentication-Results", "ARC-Authentication-Results" ...
    QString value;      // unfolded value as written
    int index = -1;     // index in the header list
    QString authServId; // empty for Received-SPF and for Microsoft 365's fields that name nobody
    QString version;    // authres-version when given
    int arcInstance = 0;
    bool noResult = false; // "; none": the checker found nothing to check
    QList<AuthResult> results;
    QStringList problems;
};

class AuthenticationResults final
{
public:
    // Every result of every authentication field in `headers`, in header order.
    static QList<AuthResult> fromHeaders(const HeaderList& headers);
    // The results of fields already parsed (fieldsFromHeaders), in field order: fromHeaders without
    // parsing again.
    static QList<AuthResult> resultsOf(const QList<AuthenticationField>& fields);
    // Every authentication field in `headers` with its results, in header order.
    static QList<AuthenticationField> fieldsFromHeaders(const HeaderList& headers);
    // Parses one Authentication-Results (or ARC-Authentication-Results) value.
    static QList<AuthResult> parseAuthenticationResults(const QString& value, const QString& fieldName);
    static AuthenticationField parseField(const QString& value, const QString& fieldName);
    static QList<AuthResult> parseReceivedSpf(const QString& value);
    static AuthenticationField parseReceivedSpfField(const QString& value, const QString& fieldName);
    // Whether the field is one this class reads.
    static bool isAuthenticationField(const HeaderField& field);
    // Registered methods (IANA "Email Authentication Methods") and known vendor ones.
    static bool isKnownMethod(const QString& method);
};

} // namespace headerlens
