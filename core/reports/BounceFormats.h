#pragma once

#include "DeliveryReport.h"
#include "HeaderField.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace headerlens {

// Bounce texts that are not RFC 3464 (Exim, qmail, old Sendmail, Exchange, Gmail, Yahoo,
// appliances ...). Each layout is one entry of core/rules/bounce-formats.txt: how to recognise it
// (From / Subject / body markers), where the per-recipient blocks start and end, and the patterns
// for address, reply code, status, server text, remote host and SMTP stage. The engine here is
// the same for all of them; adding a layout means adding an entry there.
class BounceFormats final
{
public:
    struct Input
    {
        HeaderList headers;  // the bounce's own header fields
        QString text;        // the human-readable part(s), the returned original already cut off
        QStringList senders; // the original's sender addresses: never taken for a recipient
        QString fullText;    // the whole text, the returned original included (for body markers)
        QString originalTo;  // the returned original's To address when it names one (list refusals)
        QStringList originalRecipientFields; // the returned original's To and Cc values, as written
    };
    struct Result
    {
        QString format;     // entry id, e.g. "exim"
        QString formatName; // "Exim"
        QList<RecipientReport> recipients;
        bool delayed = false; // the text says the message is still being retried
    };

    // Tries the entries in table order; the first whose markers match and that yields at least
    // one recipient wins. The "generic" entry comes last and catches common layouts.
    static Result read(const Input& input);
    // Only the entry named `id` (for tests and for enriching an RFC 3464 report from its text).
    static Result readWith(const QString& id, const Input& input);

    // Where a returned original starts inside a bounce text ("------ This is a copy of the
    // message, including all the headers. ------", "--- Below this line is a copy of the message."
    // ...): the offset of the first line after the marker, or -1.
    static qsizetype originalMessageStart(QStringView text);
    // The offset of the marker line itself (the end of the human part), or -1.
    static qsizetype originalMessageMarker(QStringView text);
    // The expressions of those marker lines (case-insensitive), for rule-phrases.tsv.
    static QStringList originalMarkerPatterns();

    // Server words, read from a piece of bounce text: reply code, enhanced status, remote host and
    // SMTP stage found with the generic patterns, and the diagnostic with MTA boilerplate dropped.
    static void fillFromServerText(RecipientReport& recipient, QStringView text);
    // Whether a report's words say it is only a delay notice ("this is a warning only", "will
    // keep trying", the same in other languages): the [all] entry's delay phrases.
    static bool saysDelayed(const QString& text);
    // Whether a report says its sender stopped retrying (Sendmail's "Message could not be delivered
    // for 5 days", "retry timeout exceeded", the same in other languages): the [all] entry's
    // retries-over phrases.
    static bool saysRetriesOver(const QString& text);
    // "RCPT TO", "MAIL FROM", "DATA", "end of data", "connect", "HELO" ... from an MTA's wording.
    static QString normaliseStage(QStringView text);

    // A text quoted throughout (a bounce forwarded inline: more than four lines hold text and
    // more than half of those start with '>'), unquoted: "> " or ">" taken off each line (not the
    // ">>>" of an SMTP transcript, but one '>' of ">>>>"). Nothing for any other text.
    static std::optional<QString> unquoted(QStringView text);

    // Ids of all entries, in table order.
    static QStringList formatIds();
};

} // namespace headerlens
