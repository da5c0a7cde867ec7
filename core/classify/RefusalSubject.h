#pragma once

#include <QString>
#include <QStringList>

namespace headerlens {

// Whose address or host a refusal is about: the envelope sender (its address, its domain, its
// HELO name, its IP) or the recipient. "User unknown" said of the sender at MAIL FROM keeps the
// recipient's address (DOMAIN.md, "Reading the words": whose address is it?).
class RefusalSubject final
{
public:
    enum class Party
    {
        Unknown,
        Sender,
        Recipient
    };
    struct Finding
    {
        Party party = Party::Unknown;
        QString reason; // plain words for the evidence list, empty when unknown
    };

    struct Facts
    {
        QString text;        // the server's words
        QString stage;       // SMTP stage as reported ("MAIL FROM", "RCPT TO" ...), may be empty
        QString status;      // enhanced status, may be empty
        QString recipient;   // the recipient's address
        QStringList senders; // the envelope sender's addresses as far as known
        QString remoteMta;   // the server that answered (its own name or IP is not the client's)
    };

    static Finding decide(const Facts& facts);
    static QString toString(Party party); // "sender", "recipient" or empty
};

} // namespace headerlens
