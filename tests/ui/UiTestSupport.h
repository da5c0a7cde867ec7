#pragma once

// Helpers for the GUI tests (header-only: each test is one executable built from one file).

#include "Analysis.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace headerlens::test {

// Settings in a throw-away place (QStandardPaths test mode), so GUI tests never touch the
// user's recent files or window state.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HeaderLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("HeaderLensTests"));
    QSettings().clear();
}

// A hop as the Received parser would give it.
inline RelayHop hop(int number, const QString& by, const QString& from, const QString& fromIp,
                    const QString& protocol, const QDateTime& time)
{
    RelayHop h;
    h.number = number;
    h.received.byHost = by;
    h.received.fromHost = from;
    h.received.fromIp = fromIp;
    h.received.protocol = protocol;
    h.received.time = time;
    h.received.raw = QStringLiteral("from %1 ([%2]) by %3 with %4; %5")
                         .arg(from, fromIp, by, protocol, time.toString(Qt::RFC2822Date));
    return h;
}

// Fills delays, skew flags and the total as RelayChain::fromHeaders does, for hand-built hops.
inline RelayChain chainOf(QList<RelayHop> hops)
{
    RelayChain chain;
    chain.hops = std::move(hops);
    int lastTimed = -1;
    int firstTimed = -1;
    for (int i = 0; i < chain.hops.size(); ++i) {
        RelayHop& h = chain.hops[i];
        if (!h.received.hasTime())
            continue;
        if (firstTimed < 0)
            firstTimed = i;
        if (lastTimed >= 0) {
            const qint64 delay = chain.hops[lastTimed].received.time.secsTo(h.received.time);
            if (lastTimed == i - 1)
                h.delaySeconds = delay;
            else
                h.bridgedDelaySeconds = delay;
            if (delay < 0) {
                h.clockSkew = true;
                h.skewedHost = h.received.byHost;
            }
        }
        lastTimed = i;
    }
    if (firstTimed >= 0 && lastTimed > firstTimed)
        chain.totalSeconds = chain.hops[firstTimed].received.time.secsTo(chain.hops[lastTimed].received.time);
    return chain;
}

} // namespace headerlens::test

Q_DECLARE_METATYPE(headerlens::RelayChain)
