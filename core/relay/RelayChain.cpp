#include "RelayChain.h"

#include <numeric>
#include <vector>

namespace headerlens {

namespace {

// The clock behind a hop's time is that of the server that wrote the field: the "by" host.
QString clockOwner(const RelayHop& hop)
{
    if (!hop.received.byHost.isEmpty())
        return hop.received.byHost;
    return QStringLiteral("the server that wrote hop %1").arg(hop.number);
}

QString formatSeconds(qint64 seconds)
{
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude < 120)
        return QStringLiteral("%1 s").arg(magnitude);
    if (magnitude < 7200)
        return QStringLiteral("%1 min %2 s").arg(magnitude / 60).arg(magnitude % 60);
    if (magnitude < 2 * 86400)
        return QStringLiteral("%1 h %2 min").arg(magnitude / 3600).arg((magnitude % 3600) / 60);
    return QStringLiteral("%1 days %2 h").arg(magnitude / 86400).arg((magnitude % 86400) / 3600);
}

QString hopList(const QList<int>& numbers)
{
    QStringList parts;
    for (int n : numbers)
        parts.append(QString::number(n));
    if (parts.size() == 1)
        return QStringLiteral("Hop %1 carries").arg(parts.first());
    const QString last = parts.takeLast();
    return QStringLiteral("Hops %1 and %2 carry").arg(parts.join(QStringLiteral(", ")), last);
}

// Whether `later` names the host of `earlier`'s "by" clause as its client: the server that wrote
// `earlier` handed the message to the one that wrote `later`. Names compare without case; a bare
// host name matches the first label of a full one (Exchange writes "by EXCH01" and is then
// "from EXCH01.corp.example").
bool handsTo(const ReceivedHop& earlier, const ReceivedHop& later)
{
    if (!earlier.byIp.isEmpty() && earlier.byIp == later.fromIp)
        return true;
    const QString& by = earlier.byHost;
    if (by.isEmpty())
        return false;
    const auto sameHost = [](QStringView a, QStringView b) {
        if (a.isEmpty() || b.isEmpty())
            return false;
        if (a.compare(b, Qt::CaseInsensitive) == 0)
            return true;
        const bool aBare = !a.contains(u'.');
        const bool bBare = !b.contains(u'.');
        if (aBare == bBare)
            return false;
        const QStringView bare = aBare ? a : b;
        const QStringView full = aBare ? b : a;
        return full.startsWith(bare, Qt::CaseInsensitive) && full.size() > bare.size() &&
               full[bare.size()] == u'.';
    };
    return sameHost(by, later.fromHost) || sameHost(by, later.fromHelo);
}

struct OrderFit
{
    int links = 0;     // neighbours where the earlier one's "by" is the later one's "from"
    int backwards = 0; // timed neighbours stamped earlier than the hop before them
};

// The fit of the hops taken in `order` (indices into `hops`).
OrderFit fitOf(const QList<RelayHop>& hops, const std::vector<int>& order)
{
    OrderFit fit;
    const ReceivedHop* lastTimed = nullptr;
    for (size_t i = 0; i < order.size(); ++i) {
        const ReceivedHop& hop = hops[order[i]].received;
        if (i > 0 && handsTo(hops[order[i - 1]].received, hop))
            ++fit.links;
        if (hop.hasTime()) {
            if (lastTimed && hop.time < lastTimed->time)
                ++fit.backwards;
            lastTimed = &hop;
        }
    }
    return fit;
}

// A server that writes its Received field in the wrong place (at the bottom of the header, or
// below the top field) makes one hop look stamped before the hop that handed it the message:
// not a wrong clock. When moving one field elsewhere makes more neighbours hand the message to
// each other ("by X" above, "from X" below) and leaves no hop stamped before its predecessor, and
// no other single move does as well, that is the order the message travelled. Returns whether
// the order changed. Chains longer than any real route are left as they are (the search tries
// every single move: n^2 orders of n hops).
bool restoreOrder(QList<RelayHop>& hops)
{
    const int n = static_cast<int>(hops.size());
    if (n < 3 || n > 32)
        return false;
    std::vector<int> given(static_cast<size_t>(n));
    std::iota(given.begin(), given.end(), 0);
    const OrderFit start = fitOf(hops, given);
    if (start.backwards == 0 || start.links == n - 1)
        return false;
    std::vector<int> best;
    int bestLinks = start.links;
    bool tie = false;
    for (int from = 0; from < n; ++from) {
        for (int to = 0; to < n; ++to) {
            if (to == from || to == from + 1) // the same order, or the same as moving its neighbour
                continue;
            std::vector<int> moved = given;
            moved.erase(moved.begin() + from);
            moved.insert(moved.begin() + to, from);
            const OrderFit fit = fitOf(hops, moved);
            if (fit.backwards > 0 || fit.links < bestLinks)
                continue;
            if (fit.links == bestLinks) {
                tie = tie || !best.empty();
                continue;
            }
            best = std::move(moved);
            bestLinks = fit.links;
            tie = false;
        }
    }
    if (best.empty() || tie)
        return false;
    QList<RelayHop> ordered;
    ordered.reserve(n);
    for (const int index : best)
        ordered.append(hops[index]);
    hops = std::move(ordered);
    for (int i = 0; i < n; ++i)
        hops[i].number = i + 1;
    return true;
}

} // namespace

int RelayChain::longestDelayIndex() const
{
    int best = -1;
    qint64 bestDelay = 0;
    for (int i = 0; i < hops.size(); ++i) {
        const auto& delay = hops[i].delaySeconds ? hops[i].delaySeconds : hops[i].bridgedDelaySeconds;
        // A delay measured against a wrong clock is not a real wait: it is not the longest step.
        if (delay && *delay > bestDelay && !hops[i].delayDistorted) {
            bestDelay = *delay;
            best = i;
        }
    }
    return best;
}

RelayChain RelayChain::fromHeaders(const HeaderList& headers)
{
    RelayChain chain;
    QList<const HeaderField*> received;
    qsizetype receivedFields = 0;
    for (const HeaderField& field : headers) {
        if (!field.isNamed(u"Received"))
            continue;
        // The newest fields are on top: the hops nearest the recipient are kept.
        if (++receivedFields <= MaxReceivedFields)
            received.append(&field);
    }
    if (receivedFields > MaxReceivedFields)
        chain.warnings.append(QStringLiteral("The message has %1 Received fields; only the %2 nearest the "
                                             "recipient were read.")
                                  .arg(receivedFields)
                                  .arg(MaxReceivedFields));
    // Each server adds its trace field on top (RFC 5321 section 4.4): hop 1 is the bottom one.
    chain.hops.reserve(received.size());
    for (qsizetype i = received.size() - 1; i >= 0; --i) {
        RelayHop hop;
        hop.number = static_cast<int>(chain.hops.size()) + 1;
        hop.field = hop.number;
        hop.received = ReceivedParser::parse(received[i]->value);
        for (const QString& warning : std::as_const(hop.received.warnings))
            chain.warnings.append(QStringLiteral("Hop %1: %2").arg(hop.number).arg(warning));
        chain.hops.append(hop);
    }
    chain.reordered = restoreOrder(chain.hops);
    if (chain.reordered) {
        chain.warnings.append(QStringLiteral(
            "The Received fields are out of order: a server wrote its field in the wrong place. The hops are "
            "shown in the order the servers handed the message on (each one's \"from\" is the previous "
            "one's \"by\"), in which their times agree."));
    }

    // Timed hops in order; delays between neighbours, bridged across hops without a time.
    QList<int> timed;
    QList<int> untimed;
    for (int i = 0; i < chain.hops.size(); ++i) {
        if (chain.hops[i].received.hasTime())
            timed.append(i);
        else
            untimed.append(chain.hops[i].number);
    }
    auto timeOf = [&](int index) { return chain.hops[index].received.time; };
    for (int k = 1; k < timed.size(); ++k) {
        const int previous = timed[k - 1];
        const int current = timed[k];
        RelayHop& hop = chain.hops[current];
        const qint64 delay = timeOf(previous).secsTo(timeOf(current));
        if (previous == current - 1)
            hop.delaySeconds = delay;
        else
            hop.bridgedDelaySeconds = delay;
        if (delay >= 0)
            continue;

        // A hop stamped before the one that handed it the message: one of the two clocks is wrong.
        // Take the neighbours as witnesses: if the hop after this one is again later than the
        // previous hop, this hop's clock is behind; if the hop before the previous one is no later
        // than this one, the previous hop's clock is ahead.
        hop.clockSkew = true;
        const RelayHop& before = chain.hops[previous];
        const bool thisBehind = k + 1 < timed.size() && timeOf(timed[k + 1]) >= timeOf(previous);
        const bool previousAhead = k >= 2 && timeOf(timed[k - 2]) <= timeOf(current);
        QString verdict;
        // The wrong clock also bends the delay on its other side.
        const bool blameThis = thisBehind || !previousAhead;
        const bool blamePrevious = previousAhead || !thisBehind;
        if (blameThis && k + 1 < timed.size())
            chain.hops[timed[k + 1]].delayDistorted = true;
        if (blamePrevious && k >= 2)
            chain.hops[previous].delayDistorted = true;
        if (thisBehind && !previousAhead) {
            hop.skewedHost = clockOwner(hop);
            verdict = QStringLiteral("the clock of %1 (hop %2) looks behind.")
                          .arg(hop.skewedHost, QString::number(hop.number));
        } else if (previousAhead && !thisBehind) {
            hop.skewedHost = clockOwner(before);
            verdict = QStringLiteral("the clock of %1 (hop %2) looks ahead.")
                          .arg(hop.skewedHost, QString::number(before.number));
        } else {
            // No witness decides it: name the later stamp's server, and say it could be either.
            hop.skewedHost = clockOwner(hop);
            verdict =
                QStringLiteral("either the clock of %1 (hop %2) is behind or that of %3 (hop %4) is ahead.")
                    .arg(clockOwner(hop), QString::number(hop.number), clockOwner(before),
                         QString::number(before.number));
        }
        chain.warnings.append(QStringLiteral("Clock skew: hop %1 is stamped %2 earlier than hop %3, which "
                                             "handed it the message; %4")
                                  .arg(hop.number)
                                  .arg(formatSeconds(delay))
                                  .arg(before.number)
                                  .arg(verdict));
    }
    if (timed.size() >= 2)
        chain.totalSeconds = timeOf(timed.first()).secsTo(timeOf(timed.last()));
    if (!untimed.isEmpty() && chain.hops.size() > 1) {
        chain.warnings.append(
            QStringLiteral("%1 no readable time; delays are measured across %2.")
                .arg(hopList(untimed), untimed.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
    }
    return chain;
}

} // namespace headerlens
