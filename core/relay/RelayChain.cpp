#include "RelayChain.h"

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
        hop.received = ReceivedParser::parse(received[i]->value);
        for (const QString& warning : std::as_const(hop.received.warnings))
            chain.warnings.append(QStringLiteral("Hop %1: %2").arg(hop.number).arg(warning));
        chain.hops.append(hop);
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
