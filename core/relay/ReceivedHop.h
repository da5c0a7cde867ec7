#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// One Received trace field read apart (RFC 5321 section 4.4, RFC 5322 section 3.6.7), with what
// the MTAs put in comments: HELO vs reverse DNS vs IP, TLS, authentication, envelope sender.
struct ReceivedHop
{
    QString raw; // the field value unfolded, white space collapsed, control characters removed

    // What the receiver says about the client's reverse-DNS name.
    enum class ReverseDns : quint8
    {
        NotRecorded, // the field does not say (the MTA does not look up, or writes no name)
        Found,       // fromHost holds the name the receiver found
        NoneFound    // the receiver looked and found none ("unknown", "softdnserr", "[IP]" alone)
    };

    // "from" clause. Which name is which depends on the MTA family (the table kFromLayouts in
    // ReceivedParser.cpp): Postfix "from HELO (RDNS [IP])", Exim "from RDNS ([IP] helo=HELO)",
    // qmail "from RDNS (HELO name) (IP)", Exchange "from HELO (IP)".
    QString fromHelo; // name the client gave in HELO/EHLO; when no HELO is written, the name in
                      // the from slot (RFC 5321 section 4.4), e.g. a local login or "user@host"
    QString fromHost; // the client's reverse-DNS name as the receiver found it; empty when it
                      // found none ("unknown") or does not say: see reverseDns
    ReverseDns reverseDns = ReverseDns::NotRecorded;
    QString fromLayout; // id of the kFromLayouts row the from part was read with ("from.postfix")
    QString fromIp;     // client address, canonical: IPv4, or IPv6 in RFC 5952 form (no brackets,
                        // no "IPv6:", no zone index); IPv4-mapped IPv6 given as IPv4
    // "by", "via", "with", "id", "for"
    QString byHost; // without a trailing dot; an address literal as the bare address
    QString byIp;   // when the receiver wrote its own address
    QString via;
    // The "with" value: the transmission type (RFC 3848: SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP ...,
    // also HTTP, IMAP ...) or the product name the server writes there ("Microsoft SMTP Server").
    // Variant spellings of a registered type are normalised ("local-esmtps" -> "esmtps",
    // "ESMTP-TLS" -> "ESMTPS", "ESMTP/TLS/<cipher>" -> "ESMTP"); withText keeps the original.
    QString protocol;
    QString id;
    QString forAddress;

    QString envelopeFrom;        // (envelope-from <...>); "<>" for the null sender of a bounce
    QString authenticatedSender; // (Authenticated sender: ...) / auth user named by the MTA
    bool authenticated = false;  // ESMTPA/ESMTPSA/LMTPA, "Authenticated sender", auth=...
    std::optional<bool> tls;     // true: the field shows TLS; false: an RFC 3848 type without S
                                 // ("ESMTP") and nothing else shows TLS; nullopt: not said
    QString tlsVersion;          // "TLSv1.3", "TLS1_2" ... as written
    QString tlsCipher;
    QString software; // the receiving software when named: "Postfix", "Exim 4.96", "Microsoft SMTP Server"
    QString withText; // the "with" clause as written ("local-esmtps", "Microsoft SMTP Server", "esmtpa")
    QString ident;    // the user the MTA names for the client: RFC 1413 ident, local login ("from root")
    bool fromHostForged = false; // the receiver says the reverse-DNS name may be forged (Sendmail)

    QDateTime time;            // invalid when absent or unreadable
    QString timeText;          // the date-time text after the last ';' (or found without one)
    bool timeZoneGiven = true; // false when the date named no zone (UTC assumed) or is missing

    QStringList warnings; // what could not be read, in user words

    bool hasTime() const { return time.isValid(); }
};

// Parses one Received field value (folded or not). Never fails: unreadable parts are left
// empty and noted in warnings. Linear in the input; inputs over 64 KiB are cut (with a warning).
class ReceivedParser final
{
public:
    static ReceivedHop parse(const QString& value);
};

} // namespace headerlens
