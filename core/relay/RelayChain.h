#pragma once

#include "HeaderField.h"
#include "ReceivedHop.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace headerlens {

// One hop of the route in delivery order: hop 1 is the oldest, bottom-most Received field.
struct RelayHop
{
    int number = 0;
    // Which Received field the hop was read from, counted from the bottom (1 = the bottom-most):
    // the same as number but in a chain whose fields were written out of order.
    int field = 0;
    ReceivedHop received;
    std::optional<qint64> delaySeconds; // from the previous hop; nullopt when either time is missing
    std::optional<qint64>
        bridgedDelaySeconds;     // from the last earlier hop that has a time, across hops without one
    bool clockSkew = false;      // negative delay
    QString skewedHost;          // the host whose clock looks wrong (set on the skewed hop)
    bool delayDistorted = false; // the delay is measured against a clock that looks wrong
};

// The route a message took, built from its Received fields.
struct RelayChain
{
    QList<RelayHop> hops;
    std::optional<qint64> totalSeconds; // first timed hop to last timed hop
    QStringList warnings;               // clock skew, hops without time, unreadable fields
    bool reordered = false; // a field written out of place was put back in delivery order (see warnings)

    bool isEmpty() const { return hops.isEmpty(); }
    // Index into hops of the largest positive delay, or -1.
    int longestDelayIndex() const;

    // Hops from the Received fields in `headers` (which lists them newest first, as a message does).
    // Received fields read (the topmost, newest ones); more are left out with a warning.
    static constexpr qsizetype MaxReceivedFields = 1000;
    static RelayChain fromHeaders(const HeaderList& headers);
};

} // namespace headerlens
