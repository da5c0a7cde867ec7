#pragma once

#include "SenderFinding.h"

#include <QList>
#include <QString>

namespace headerlens {

struct Analysis;
struct IpAddress;
struct RecipientAnalysis;

// Sender-side findings for one analysed input, produced next to the classification: the
// classifier judges the server's words; these say what on the sending side the input shows.
class SenderFindings final
{
public:
    // Reads the recipients' replies (blocklists), the route and the authentication assessment
    // that fits the input (the returned original's for a bounce, the message's own otherwise).
    // The sending IP is analysis.sendingIp, read by sendingIp() before (the analyzer does).
    static QList<SenderFinding> find(const Analysis& analysis);
    static SendingIp sendingIp(const Analysis& analysis);
    // One clearly separated sentence for a recipient's explanation ("Sender-side findings: ..."),
    // or an empty string when nothing concerns it.
    static QString sentenceFor(const Analysis& analysis, const RecipientAnalysis& recipient);
    // The IP literals in a server reply, in order: "[192.0.2.1]", "192.0.2.1", "2001:db8::1".
    static QList<IpAddress> addressesIn(const QString& text);
};

} // namespace headerlens
