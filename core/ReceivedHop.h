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
    QString raw; // the unfolded field value as given

    // "from" clause
    QString fromHelo; // name the client gave in HELO/EHLO
    QString fromHost; // the client's reverse-DNS name as the receiver found it
    QString fromIp;   // client address: IPv4 or IPv6 (no brackets, no "IPv6:" prefix)
    // "by", "via", "with", "id", "for"
    QString byHost;
    QString byIp; // when the receiver wrote its own address
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
    std::optional<bool> tls;     // true when the field shows TLS; nullopt when it does not say
    QString tlsVersion;          // "TLSv1.3", "TLS1_2" ... as written
    QString tlsCipher;
    QString software; // the receiving software when named: "Postfix", "Exim 4.96", "Microsoft SMTP Server"
    QString withText; // the "with" clause as written ("local-esmtps", "Microsoft SMTP Server", "esmtpa")
    QString ident;    // the user the MTA names for the client: RFC 1413 ident, local login ("from root")
    bool fromHostForged = false; // the receiver says the reverse-DNS name may be forged (Sendmail)

    QDateTime time;   // invalid when absent or unreadable
    QString timeText; // the date-time text after the last ';'
    bool timeZoneGiven = true;

    QStringList warnings; // what could not be read, in user words

    bool hasTime() const { return time.isValid(); }
};

// Parses one Received field value (folded or not). Never fails: unreadable parts are left
// empty and noted in warnings.
class ReceivedParser final
{
public:
    static ReceivedHop parse(const QString& value);
};

} // namespace headerlens
