#pragma once

#include "AuthenticationResults.h"
#include "HeaderField.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// One ARC set (RFC 8617 section 4.1): the ARC-Seal, ARC-Message-Signature and
// ARC-Authentication-Results that share an instance number i=.
struct ArcSet
{
    int instance = 0;
    int sealCount = 0;       // ARC-Seal fields with this i= (exactly one is valid)
    int signatureCount = 0;  // ARC-Message-Signature fields
    int resultsCount = 0;    // ARC-Authentication-Results fields
    QString chainValidation; // cv= of the seal: none, pass, fail (lower case)
    QString sealDomain;      // d= of the seal: who sealed this set
    QString sealSelector;
    QString sealAlgorithm;
    std::optional<qint64> sealTime;
    QString signatureDomain; // d= of the ARC-Message-Signature
    QString signatureSelector;
    QString authServId; // of the ARC-Authentication-Results
    QList<AuthResult> results;
    int firstFieldIndex = -1; // the topmost field of the set in the header list
    QStringList problems;
};

// The ARC chain of a message, one set per instance, oldest (i=1) first. Nothing is verified
// cryptographically offline; the structure is (RFC 8617 section 5.1.1 and 5.2): complete sets,
// instances 1..N without gaps, cv=none on i=1 and cv=pass above, no cv=fail.
struct ArcChain
{
    QList<ArcSet> sets;
    // "none" (no ARC fields), "pass" (the structure is sound and the newest seal says pass or
    // none on i=1), "fail" (a seal says cv=fail or the structure is broken).
    QString state = QStringLiteral("none");
    QStringList problems;

    bool isEmpty() const { return sets.isEmpty(); }
    // `parsedFields`: the authentication fields of `headers` when already parsed
    // (AuthenticationResults::fieldsFromHeaders); an ARC-Authentication-Results field found there
    // by its index is not parsed again.
    static ArcChain fromHeaders(const HeaderList& headers,
                                const QList<AuthenticationField>& parsedFields = {});
};

} // namespace headerlens
