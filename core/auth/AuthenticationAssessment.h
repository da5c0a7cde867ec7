#pragma once

#include "ArcChain.h"
#include "AuthenticationResults.h"
#include "DkimSignature.h"
#include "DmarcAlignment.h"
#include "HeaderField.h"
#include "PublicSuffixList.h"
#include "RelayChain.h"
#include "SpamVerdict.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// Whether a field that states a verdict (Authentication-Results, Received-SPF, ARC, spam
// filter fields) can be believed. A sender can write any such field into its message; only those
// the receiving side added count: the checker it names belongs to the servers at the top of the
// relay chain, and the field stands where those servers write (above the Received field of the
// hop where the message entered, or directly below it).
struct FieldTrust
{
    bool trusted = false;
    QString checkedBy; // the checker: authserv-id, Received-SPF's receiver, else the adding host
    int hop = 0;       // relay hop of the server that added it (1 = oldest), 0 when unknown
    QString reason;    // why it is trusted or not, in user words
};

// One result with its trust and, for SPF and DKIM (and DMARC's header.from), its alignment.
struct AssessedResult
{
    AuthResult result;
    FieldTrust trust;
    QString identitySource; // "smtp.mailfrom", "smtp.helo", "envelope-from", "helo", "header.d",
                            // "header.i", "DKIM-Signature d=", "Return-Path", "header.from"
    QString identityDomain; // the domain that was authenticated (A-label)
    DomainAlignment alignment;
    QString why;       // the result and its alignment in one sentence
    QStringList notes; // disagreements and problems worth showing

    bool isAlignable() const { return alignment.isValid(); }
    // A result of `method` ("spf", "dkim", "dmarc" ...) from a field the receiving side added.
    bool isTrustedResultOf(QStringView method) const { return trust.trusted && result.method == method; }
    // A trusted pass whose domain aligns with From (relaxed): what DMARC needs (RFC 7489 4.2).
    bool countsForDmarc() const { return trust.trusted && result.passed() && alignment.relaxed; }
};

// A DKIM-Signature with what can be judged offline.
struct AssessedSignature
{
    DkimSignature signature;
    DomainAlignment alignment;                // d= against From
    std::optional<bool> expiredAtMessageDate; // x= before the Date field (nullopt: no x= or no Date)
    std::optional<bool> expiredAtReceipt;     // x= before the receiving hop's time
    QString verifiedResult; // the trusted receiver's dkim= result for this signature, if any
    QString verifiedBy;
    QStringList notes; // l=, expiry, problems, in user words
};

struct AssessedArcSet
{
    ArcSet set;
    FieldTrust trust; // of the set's ARC-Authentication-Results
};

struct AssessedSpamVerdict
{
    SpamVerdict verdict;
    FieldTrust trust;
};

// Everything HeaderLens can say offline about the authentication of one message: every result
// with its trust and alignment, the DKIM signatures, the ARC chain, the spam filters' verdicts
// and DMARC alignment recomputed from the trusted results.
struct AuthenticationAssessment
{
    enum class Perspective
    {
        Received,        // a message as it arrived: the top of the chain is the receiver
        ReturnedOriginal // the original inside a bounce: the top is the sender's own outbound server
    };
    Perspective perspective = Perspective::Received;

    QString fromDomain;                // A-label, lower case; empty when From names no domain
    QString fromOrganizationalDomain;  // from the Public Suffix List
    QStringList fromProblems;          // several From fields or addresses
    QString mailFromDomain;            // SPF's MAIL FROM domain (trusted result, else Return-Path)
    DomainAlignment mailFromAlignment; // of the MAIL FROM domain with From, judged offline
    QString heloDomain;
    QDateTime messageDate;

    QStringList receivingHosts; // by-hosts of the receiving side, newest first
    int entryHop = 0;           // hop where the message entered the receiving side (0: unknown)
    QString entryHost;

    QList<AuthenticationField> fields; // as read, with their problems (shown raw)
    QList<AssessedResult> results;     // (ARC-/X-Original-)Authentication-Results, Received-SPF
    QList<AssessedSignature> signatures;
    ArcChain arc;
    QList<AssessedArcSet> arcSets;
    QList<AssessedSpamVerdict> spamVerdicts;

    // DMARC recomputed offline from the trusted results (RFC 7489 section 4.2): "pass" when a
    // trusted SPF or DKIM pass aligns with From (relaxed), "fail" when trusted results exist but
    // none aligns, "none" when nothing trusted can decide, "no_from" without a From domain.
    QString dmarc = QStringLiteral("none");
    std::optional<bool> spfAligned;  // relaxed; nullopt when no trusted SPF result
    std::optional<bool> dkimAligned; // relaxed; nullopt when no trusted DKIM result
    std::optional<bool> spfAlignedStrict;
    std::optional<bool> dkimAlignedStrict;
    QString receiverDmarc;    // the trusted dmarc= result as the receiver wrote it
    QString receiverPolicy;   // "p=REJECT sp=REJECT dis=NONE", policy.* or action= as written
    QStringList dmarcReasons; // why, in user words

    QString suffixListSource;  // PublicSuffixList::description()
    QString suffixListProblem; // PublicSuffixList::problem()

    bool isEmpty() const
    {
        return results.isEmpty() && signatures.isEmpty() && arc.isEmpty() && spamVerdicts.isEmpty() &&
               fields.isEmpty();
    }
    // Trusted results of `method` (lower case), in header order.
    QList<AssessedResult> trustedResults(const QString& method) const;

    static AuthenticationAssessment assess(const HeaderList& headers, const RelayChain& chain,
                                           Perspective perspective = Perspective::Received,
                                           const PublicSuffixList& list = PublicSuffixList::system());
};

} // namespace headerlens
