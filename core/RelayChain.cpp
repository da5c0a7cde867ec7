#include "RelayChain.h"

namespace headerlens {

namespace {

QString hostLabel(const ReceivedHop& hop)
{
    if (!hop.byHost.isEmpty())
        return hop.byHost;
    if (!hop.fromHost.isEmpty())
        return hop.fromHost;
    return QStringLiteral("an unnamed server");
}

QString formatSeconds(qint64 seconds)
{
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude < 120)
        return QStringLiteral("%1 s").arg(magnitude);
    if (magnitude < 7200)
        return QStringLiteral("%1 min %2 s").arg(magnitude / 60).arg(magnitude % 60);
    return QStringLiteral("%1 h %2 min").arg(magnitude / 3600).arg((magnitude % 3600) / 60);
}

} // namespace

int RelayChain::longestDelayIndex() const
{
    int best = -1;
    qint64 bestDelay = 0;
    for (int i = 0; i < hops.size(); ++i) {
        const auto& delay = hops[i].delaySeconds ? hops[i].delaySeconds : hops[i].bridgedDelaySeconds;
        if (delay && *delay > bestDelay) {
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
    for (const HeaderField& field : headers) {
        if (field.isNamed(u"Received"))
            received.append(&field);
    }
    // A message lists trace fields newest first (RFC 5321 section 4.4): hop 1 is the last one.
    for (qsizetype i = received.size() - 1; i >= 0; --i) {
        RelayHop hop;
        hop.number = static_cast<int>(chain.hops.size()) + 1;
        hop.received = ReceivedParser::parse(received[i]->value);
        chain.hops.append(hop);
    }

    int lastTimed = -1;
    int firstTimed = -1;
    int untimed = 0;
    for (int i = 0; i < chain.hops.size(); ++i) {
        RelayHop& hop = chain.hops[i];
        if (!hop.received.hasTime()) {
            ++untimed;
            continue;
        }
        if (firstTimed < 0)
            firstTimed = i;
        if (lastTimed >= 0) {
            const qint64 delay = chain.hops[lastTimed].received.time.secsTo(hop.received.time);
            if (lastTimed == i - 1)
                hop.delaySeconds = delay;
            else
                hop.bridgedDelaySeconds = delay;
            if (delay < 0) {
                hop.clockSkew = true;
                // Which clock is wrong? If the hop after this one is again later than the hop
                // before, this hop's clock is behind; otherwise the previous hop's clock was ahead.
                const RelayHop& previous = chain.hops[lastTimed];
                bool thisOneOdd = true;
                for (int k = i + 1; k < chain.hops.size(); ++k) {
                    if (chain.hops[k].received.hasTime()) {
                        thisOneOdd = previous.received.time.secsTo(chain.hops[k].received.time) >= 0;
                        break;
                    }
                }
                hop.skewedHost = thisOneOdd ? hostLabel(hop.received) : hostLabel(previous.received);
                chain.warnings.append(QStringLiteral("Clock skew at hop %1: it is stamped %2 before hop %3. "
                                                     "The clock of %4 looks wrong.")
                                          .arg(hop.number)
                                          .arg(formatSeconds(delay))
                                          .arg(previous.number)
                                          .arg(hop.skewedHost));
            }
        }
        lastTimed = i;
    }
    if (firstTimed >= 0 && lastTimed > firstTimed)
        chain.totalSeconds = chain.hops[firstTimed].received.time.secsTo(chain.hops[lastTimed].received.time);
    if (untimed > 0 && !chain.hops.isEmpty())
        chain.warnings.append(
            QStringLiteral("%1 of %2 Received fields carry no readable time; delays are bridged across them.")
                .arg(untimed)
                .arg(chain.hops.size()));
    return chain;
}

} // namespace headerlens
