#include "MessageLoader.h"
#include "RelayChain.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

namespace {

HeaderField field(const QString& name, const QString& value)
{
    HeaderField f;
    f.name = name;
    f.value = value;
    f.rawValue = value.toUtf8();
    return f;
}

// A Received field written by `by` at `time` (RFC 5322 form), or without a date when `time` is empty.
HeaderField received(const QString& by, const QString& time)
{
    QString value = QStringLiteral("from client.example.org (client.example.org [192.0.2.1]) by %1 (Postfix) "
                                   "with ESMTP id ABC123")
                        .arg(by);
    if (!time.isEmpty())
        value += QStringLiteral("; ") + time;
    return field(QStringLiteral("Received"), value);
}

// A Received field by which `from` handed the message to `by` at `time`.
HeaderField handedOn(const QString& from, const QString& by, const QString& time)
{
    return field(
        QStringLiteral("Received"),
        QStringLiteral("from %1 (%1 [192.0.2.7]) by %2 (Postfix) with ESMTP id X1; %3").arg(from, by, time));
}

// The fields as a message lists them: newest (top) first. `hops` is given oldest first.
HeaderList message(const QList<HeaderField>& hopsOldestFirst)
{
    HeaderList headers;
    for (auto it = hopsOldestFirst.crbegin(); it != hopsOldestFirst.crend(); ++it)
        headers.append(*it);
    return headers;
}

} // namespace

class TestRelayChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersHopsOldestFirst();
    void ignoresOtherFields();
    void measuresDelaysAndTotal();
    void readsDelaysAcrossTimeZones();
    void blamesTheHopThatIsBehind();
    void blamesTheHopThatIsAhead();
    void saysWhenTheSkewCannotBeBlamed();
    void bridgesHopsWithoutTime();
    void startsTheTotalAtTheFirstTimedHop();
    void handlesAChainWithoutTimes();
    void passesOnTheWarningsOfEachHop();
    void restoresAFieldWrittenInTheWrongPlace();
    void restoresAFieldAppendedBelowTheOthers();
    void keepsTheOrderWhenTheNamesAgreeAndAClockIsWrong();
    void findsTheLongestDelay();
    void theLongestDelayIgnoresAWrongClock();
    void handlesNoReceivedFields();
    void readsARouteFromAMessage();
};

void TestRelayChain::ordersHopsOldestFirst()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("first.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("second.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:01 +0000")),
        received(QStringLiteral("third.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:02 +0000")),
    }));
    QCOMPARE(chain.hops.size(), 3);
    QCOMPARE(chain.hops[0].number, 1);
    QCOMPARE(chain.hops[0].received.byHost, QStringLiteral("first.example.com"));
    QCOMPARE(chain.hops[1].received.byHost, QStringLiteral("second.example.com"));
    QCOMPARE(chain.hops[2].number, 3);
    QCOMPARE(chain.hops[2].received.byHost, QStringLiteral("third.example.com"));
    QVERIFY(chain.warnings.isEmpty());
}

void TestRelayChain::ignoresOtherFields()
{
    HeaderList headers;
    headers.append(field(QStringLiteral("RECEIVED"),
                         QStringLiteral("by second.example.com with SMTP; Tue, 3 Dec 2024 10:00:05 +0000")));
    headers.append(
        field(QStringLiteral("Subject"), QStringLiteral("by nobody; Tue, 3 Dec 2024 11:00:00 +0000")));
    headers.append(field(QStringLiteral("X-Received"),
                         QStringLiteral("by other.example.com with SMTP; Tue, 3 Dec 2024 09:00:00 +0000")));
    headers.append(field(QStringLiteral("received"),
                         QStringLiteral("by first.example.com with SMTP; Tue, 3 Dec 2024 10:00:00 +0000")));
    const RelayChain chain = RelayChain::fromHeaders(headers);
    QCOMPARE(chain.hops.size(), 2);
    QCOMPARE(chain.hops[0].received.byHost, QStringLiteral("first.example.com"));
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(5));
}

void TestRelayChain::measuresDelaysAndTotal()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:05 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:02:05 +0000")),
    }));
    QVERIFY(!chain.hops[0].delaySeconds.has_value()); // nothing before the first hop
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(5));
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(120));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(125));
    for (const RelayHop& hop : chain.hops) {
        QVERIFY(!hop.clockSkew);
        QVERIFY(!hop.bridgedDelaySeconds.has_value());
    }
}

void TestRelayChain::readsDelaysAcrossTimeZones()
{
    // 12:00 in +0200 is 10:00 UTC; the next hop stamps 05:00:30 in -0500, i.e. 10:00:30 UTC.
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.de"), QStringLiteral("Tue, 3 Dec 2024 12:00:00 +0200")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 05:00:30 -0500 (EST)")),
    }));
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(30));
    QVERIFY(!chain.hops[1].clockSkew);
}

void TestRelayChain::blamesTheHopThatIsBehind()
{
    // b is stamped two minutes before a, and c is later than a again: b's clock is behind.
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 09:58:00 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:01:00 +0000")),
    }));
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(-120)); // kept, not clamped
    QVERIFY(chain.hops[1].clockSkew);
    QCOMPARE(chain.hops[1].skewedHost, QStringLiteral("b.example.com"));
    QVERIFY(!chain.hops[2].clockSkew);
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(180));
    QCOMPARE(chain.warnings.size(), 1);
    QVERIFY(chain.warnings.first().contains(QStringLiteral("b.example.com (hop 2) looks behind")));
    QVERIFY(chain.warnings.first().contains(QStringLiteral("2 min 0 s")));
}

void TestRelayChain::blamesTheHopThatIsAhead()
{
    // b is stamped 10:30, c 10:05, and a (10:00) is before c: b's clock is ahead.
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:30:00 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:05:00 +0000")),
    }));
    QVERIFY(!chain.hops[1].clockSkew);
    QVERIFY(chain.hops[2].clockSkew);
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(-1500));
    QCOMPARE(chain.hops[2].skewedHost, QStringLiteral("b.example.com"));
    QVERIFY(chain.warnings.first().contains(QStringLiteral("b.example.com (hop 2) looks ahead")));
}

void TestRelayChain::saysWhenTheSkewCannotBeBlamed()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 09:59:00 +0000")),
    }));
    QVERIFY(chain.hops[1].clockSkew);
    QCOMPARE(chain.hops[1].skewedHost, QStringLiteral("b.example.com"));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(-60));
    QVERIFY(chain.warnings.first().contains(QStringLiteral("either")));
    QVERIFY(chain.warnings.first().contains(QStringLiteral("a.example.com")));
}

void TestRelayChain::bridgesHopsWithoutTime()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QString()),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:03:00 +0000")),
    }));
    QVERIFY(!chain.hops[1].delaySeconds.has_value());
    QVERIFY(!chain.hops[2].delaySeconds.has_value()); // the previous hop has no time
    QCOMPARE(chain.hops[2].bridgedDelaySeconds, std::optional<qint64>(180));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(180));
    QCOMPARE(chain.longestDelayIndex(), 2);
    QVERIFY(chain.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Hop 2 carries no readable time")));
}

void TestRelayChain::startsTheTotalAtTheFirstTimedHop()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QString()),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:01:00 +0000")),
        received(QStringLiteral("d.example.com"), QString()),
    }));
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(60));
    QVERIFY(!chain.hops[3].delaySeconds.has_value());
    QVERIFY(!chain.hops[3].bridgedDelaySeconds.has_value());
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(60));
    QVERIFY(chain.warnings.join(QLatin1Char(' '))
                .contains(QStringLiteral("Hops 1 and 4 carry no readable time")));
}

void TestRelayChain::handlesAChainWithoutTimes()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QString()),
        received(QStringLiteral("b.example.com"), QString()),
    }));
    QCOMPARE(chain.hops.size(), 2);
    QVERIFY(!chain.totalSeconds.has_value());
    QVERIFY(!chain.hops[1].delaySeconds.has_value());
    QCOMPARE(chain.longestDelayIndex(), -1);
}

void TestRelayChain::passesOnTheWarningsOfEachHop()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("sometime on Tuesday")),
    }));
    QVERIFY(!chain.hops[1].received.hasTime());
    bool found = false;
    for (const QString& warning : chain.warnings)
        found = found || (warning.startsWith(QStringLiteral("Hop 2: ")) &&
                          warning.contains(QStringLiteral("could not be read")));
    QVERIFY2(found, qPrintable(chain.warnings.join(QLatin1Char('\n'))));
}

void TestRelayChain::restoresAFieldWrittenInTheWrongPlace()
{
    // d wrote its field second from the top instead of on top; read bottom-up, the route runs
    // a -> b -> c, then d -> e, then c -> d: "from c" stamped before "by c" handed it on, which
    // is not a wrong clock but the field's place. Each server's "from" names the previous "by".
    HeaderList headers;
    headers.append(handedOn(QStringLiteral("c.example"), QStringLiteral("d.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:03 +0000")));
    headers.append(handedOn(QStringLiteral("d.example"), QStringLiteral("e.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:06 +0000")));
    headers.append(handedOn(QStringLiteral("b.example"), QStringLiteral("c.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:01 +0000")));
    headers.append(handedOn(QStringLiteral("a.example"), QStringLiteral("b.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:00 +0000")));
    const RelayChain chain = RelayChain::fromHeaders(headers);
    QCOMPARE(chain.hops.size(), 4);
    const QStringList by{QStringLiteral("b.example"), QStringLiteral("c.example"),
                         QStringLiteral("d.example"), QStringLiteral("e.example")};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(chain.hops[i].number, i + 1);
        QCOMPARE(chain.hops[i].received.byHost, by[i]);
        QVERIFY(!chain.hops[i].clockSkew);
    }
    QCOMPARE(chain.hops[3].delaySeconds, std::optional<qint64>(3));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(6));
    QVERIFY(chain.reordered);
    QCOMPARE(chain.warnings.size(), 1);
    QVERIFY(chain.warnings.first().contains(QStringLiteral("out of order")));
    QVERIFY(!chain.warnings.first().contains(QStringLiteral("Clock skew")));
}

void TestRelayChain::restoresAFieldAppendedBelowTheOthers()
{
    // The last server appended its field at the bottom of the header: read as hop 1 it would be
    // stamped 5 s after the two that follow it.
    HeaderList headers;
    headers.append(handedOn(QStringLiteral("b.example"), QStringLiteral("c.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:02 +0000")));
    headers.append(handedOn(QStringLiteral("a.example"), QStringLiteral("b.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:00 +0000")));
    headers.append(handedOn(QStringLiteral("c.example"), QStringLiteral("d.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:05 +0000")));
    const RelayChain chain = RelayChain::fromHeaders(headers);
    QCOMPARE(chain.hops.size(), 3);
    QCOMPARE(chain.hops[0].received.byHost, QStringLiteral("b.example"));
    QCOMPARE(chain.hops[2].received.byHost, QStringLiteral("d.example"));
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(3));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(5));
}

void TestRelayChain::keepsTheOrderWhenTheNamesAgreeAndAClockIsWrong()
{
    // Every server names the previous one: the order is right, and b's clock is behind.
    HeaderList headers;
    headers.append(handedOn(QStringLiteral("b.example"), QStringLiteral("c.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:01:00 +0000")));
    headers.append(handedOn(QStringLiteral("a.example"), QStringLiteral("b.example"),
                            QStringLiteral("Thu, 3 Dec 2026 09:58:00 +0000")));
    headers.append(handedOn(QStringLiteral("client.example"), QStringLiteral("a.example"),
                            QStringLiteral("Thu, 3 Dec 2026 10:00:00 +0000")));
    const RelayChain chain = RelayChain::fromHeaders(headers);
    QCOMPARE(chain.hops[1].received.byHost, QStringLiteral("b.example"));
    QVERIFY(!chain.reordered);
    QVERIFY(chain.hops[1].clockSkew);
    QCOMPARE(chain.warnings.size(), 1);
    QVERIFY(chain.warnings.first().startsWith(QStringLiteral("Clock skew")));
}

void TestRelayChain::findsTheLongestDelay()
{
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 11:00:00 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 11:00:02 +0000")),
    }));
    QCOMPARE(chain.longestDelayIndex(), 1);
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(3600));
}

void TestRelayChain::theLongestDelayIgnoresAWrongClock()
{
    // c's clock is 3 minutes behind: the 3 min 5 s "delay" into d is an artefact of that clock,
    // not a wait. The real longest step is the 20 s between a and b.
    const RelayChain chain = RelayChain::fromHeaders(message({
        received(QStringLiteral("a.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:00 +0000")),
        received(QStringLiteral("b.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:20 +0000")),
        received(QStringLiteral("c.example.com"), QStringLiteral("Tue, 3 Dec 2024 09:57:22 +0000")),
        received(QStringLiteral("d.example.com"), QStringLiteral("Tue, 3 Dec 2024 10:00:27 +0000")),
    }));
    QVERIFY(chain.hops[2].clockSkew);
    QCOMPARE(chain.hops[2].skewedHost, QStringLiteral("c.example.com"));
    QVERIFY(chain.hops[3].delayDistorted);
    QCOMPARE(chain.hops[3].delaySeconds, std::optional<qint64>(185));
    QCOMPARE(chain.longestDelayIndex(), 1);
}

void TestRelayChain::handlesNoReceivedFields()
{
    HeaderList headers;
    headers.append(field(QStringLiteral("Subject"), QStringLiteral("hello")));
    const RelayChain chain = RelayChain::fromHeaders(headers);
    QVERIFY(chain.isEmpty());
    QVERIFY(chain.warnings.isEmpty());
    QVERIFY(!chain.totalSeconds.has_value());
}

void TestRelayChain::readsARouteFromAMessage()
{
    // Postfix submission -> Exim relay -> Office 365 frontend (clock 30 s behind) -> mailbox server
    // -> a mapi hop without a date.
    const ParsedMessage message = MessageLoader::fromBytes(
        test::toCrlf(test::readData(QStringLiteral("received/office365-route.eml"))));
    const RelayChain chain = RelayChain::fromHeaders(message.headers);
    QCOMPARE(chain.hops.size(), 5);

    const ReceivedHop& submission = chain.hops[0].received;
    QCOMPARE(submission.fromHelo, QStringLiteral("[192.168.1.20]"));
    QCOMPARE(submission.fromHost, QStringLiteral("dsl-88-12.isp.example.net"));
    QCOMPARE(submission.fromIp, QStringLiteral("192.0.2.88"));
    QCOMPARE(submission.byHost, QStringLiteral("smtp.example.org"));
    QVERIFY(submission.authenticated);
    QCOMPARE(submission.authenticatedSender, QStringLiteral("carol@example.org"));

    const ReceivedHop& relay = chain.hops[1].received;
    QCOMPARE(relay.fromHost, QStringLiteral("smtp.example.org"));
    QCOMPARE(relay.fromIp, QStringLiteral("198.51.100.20"));
    QCOMPARE(relay.envelopeFrom, QStringLiteral("carol@example.org"));
    QCOMPARE(relay.software, QStringLiteral("Exim 4.97"));
    QCOMPARE(chain.hops[1].delaySeconds, std::optional<qint64>(3));

    // 15:05:01 at the relay, 15:04:31 at the frontend, 15:05:03 at the next hop: the frontend is behind.
    QVERIFY(chain.hops[2].clockSkew);
    QCOMPARE(chain.hops[2].delaySeconds, std::optional<qint64>(-30));
    QCOMPARE(chain.hops[2].skewedHost, QStringLiteral("AM4PEPF00027A5F.mail.protection.example.com"));
    QCOMPARE(chain.hops[3].delaySeconds, std::optional<qint64>(32));

    QVERIFY(!chain.hops[4].received.hasTime());
    QCOMPARE(chain.hops[4].received.protocol, QStringLiteral("mapi"));
    QCOMPARE(chain.totalSeconds, std::optional<qint64>(5)); // 15:04:58 to 15:05:03
    QVERIFY(chain.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Hop 5 carries no readable time")));
}

QTEST_GUILESS_MAIN(TestRelayChain)
#include "TestRelayChain.moc"
