#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// One DKIM-Signature field read apart (RFC 6376 section 3.5). Nothing is verified: there is no
// DNS offline. What the tags themselves say is checked: required tags, the algorithm, From among
// the signed fields, i= within d=, x= after t=, and l= (a body length limit lets anyone append
// text under the signature).
struct DkimSignature
{
    QString raw;         // the value as written (unfolded)
    int fieldIndex = -1; // index in the header list

    QString version;                     // v=
    QString algorithm;                   // a=  rsa-sha256, ed25519-sha256, rsa-sha1
    QString domain;                      // d=  the signing domain (lower case)
    QString selector;                    // s=
    QString canonicalization;            // c=  "relaxed/relaxed"; "simple/simple" when absent
    QString identity;                    // i=  "@d" when absent
    QString queryMethods;                // q=
    QStringList signedHeaders;           // h= in order, lower case
    std::optional<qint64> timestamp;     // t=  seconds since 1970 (UTC)
    std::optional<qint64> expiration;    // x=
    std::optional<qint64> bodyLength;    // l=
    QString signature;                   // b= without white space
    QList<QPair<QString, QString>> tags; // every tag as written, b= and bh= shortened
    QStringList problems;                // in user words, with the RFC section

    bool signsFrom() const { return signedHeaders.contains(QLatin1String("from")); }
    // The domain of i= (after '@'); d= when i= is absent.
    QString identityDomain() const;

    static DkimSignature parse(const QString& value);
};

} // namespace headerlens
