#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace headerlens {

// One thing on the sending side that can explain a refusal, found offline next to the
// classification (which reads the server's words): the blocklist a refusal names, missing or
// mismatched reverse DNS, failed or unaligned authentication, hops without TLS, the sending IP.
struct SenderFinding
{
    enum class Severity
    {
        Problem, // likely part of why mail is refused
        Warning, // weakens the sender's standing
        Info     // a fact worth knowing (the sending IP and its network)
    };

    QString id;   // "blocklist.spamhaus.pbl", "ptr.missing", "auth.dkim_not_aligned", "tls.none" ...
    QString kind; // "blocklist", "reverse_dns", "authentication", "tls", "sending_ip"
    Severity severity = Severity::Info;
    QString title;          // "Listed on Spamhaus PBL"
    QString detail;         // what was found and where
    QString action;         // what to do
    QString delistingPage;  // blocklists: the removal page, as text
    QStringList recipients; // blocklists: the recipients whose refusal names it
    QString ip;             // the address concerned, when one is
    QList<int> hops;        // relay hops concerned
};

// The address the message was sent from, as far as the input shows it, and its network.
struct SendingIp
{
    QString address; // canonical text
    int version = 0; // 4 or 6
    QString network; // "192.0.2.0/24", "2001:db8:1::/64": the unit reputation lists usually judge
    QString range;   // special range in words ("private network (RFC 1918)"); empty when global
    bool isPrivate = false;
    QString reverseDns; // the PTR name the receiver found, when the input says
    QString helo;       // the HELO name it gave
    QString source;     // where HeaderLens read it: "hop 3 of the relay chain", "the server's reply"

    bool isValid() const { return !address.isEmpty(); }
};

const char* toString(SenderFinding::Severity severity);

} // namespace headerlens
