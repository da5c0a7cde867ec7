#include "Analyzer.h"
#include "BounceHistory.h"

#include <QTest>

using namespace headerlens;

class TestBounceHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escalates_data();
    void escalates();
    void leavesOtherAddressesAlone();
    void applyingAgainSaysItOnce();
};

namespace {

// One bounce for `address` with the given server text, reported on `day` of November 2026.
Analysis bounce(const QString& address, const QString& status, const QString& text, int day)
{
    Analysis a;
    a.message.shape = InputShape::Message;
    a.message.headers.append({QStringLiteral("Subject"), {}, QStringLiteral("Undelivered Mail"), 0});
    a.report.kind = ReportKind::Bounce;
    a.report.arrivalDate = day > 0 ? QDateTime(QDate(2026, 11, day), QTime(9, 0), Qt::UTC) : QDateTime();
    RecipientReport r;
    r.address = address;
    r.action = QStringLiteral("failed");
    r.status = status;
    r.diagnostic = text;
    a.report.recipients.append(r);
    Analyzer::classifyAndExplain(a);
    return a;
}

} // namespace

void TestBounceHistory::escalates_data()
{
    QTest::addColumn<QList<int>>("days"); // 0: no date
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<bool>>("removed"); // per bounce, in the order given
    const QString full = QStringLiteral("552 5.2.2 Mailbox full");
    QTest::newRow("three full-mailbox bounces over three weeks: remove, on every row of the run")
        << QList<int>{1, 10, 22} << QStringLiteral("5.2.2") << full << QList<bool>{true, true, true};
    QTest::newRow("given out of order: the same")
        << QList<int>{22, 1, 10} << QStringLiteral("5.2.2") << full << QList<bool>{true, true, true};
    QTest::newRow("three bounces on one day are one incident: keep")
        << QList<int>{5, 5, 5} << QStringLiteral("5.2.2") << full << QList<bool>{false, false, false};
    QTest::newRow("two bounces are not enough: keep")
        << QList<int>{1, 20} << QStringLiteral("5.2.2") << full << QList<bool>{false, false};
    QTest::newRow("without dates the spread is unknown: keep")
        << QList<int>{0, 0, 0, 0} << QStringLiteral("5.2.2") << full
        << QList<bool>{false, false, false, false};
    QTest::newRow("a disabled account over weeks: remove")
        << QList<int>{2, 12, 25, 28} << QStringLiteral("5.2.1")
        << QStringLiteral("550 5.2.1 The email account that you tried to reach is disabled.")
        << QList<bool>{true, true, true, true};
    QTest::newRow("repeated throttling says nothing about the address: keep")
        << QList<int>{1, 10, 22} << QStringLiteral("4.7.28") << QStringLiteral("421 4.7.28 rate limited")
        << QList<bool>{false, false, false};
    QTest::newRow("repeated blocklisting is the sender's problem: keep")
        << QList<int>{1, 10, 22} << QStringLiteral("5.7.1")
        << QStringLiteral("550 5.7.1 blocked using zen.spamhaus.org") << QList<bool>{false, false, false};
}

void TestBounceHistory::escalates()
{
    QFETCH(QList<int>, days);
    QFETCH(QString, status);
    QFETCH(QString, text);
    QFETCH(QList<bool>, removed);
    QList<Analysis> batch;
    for (int day : days)
        batch.append(bounce(QStringLiteral("Dana@Example.org"), status, text, day));
    // the same address written in another case is the same mailbox
    batch.last().recipients.first().report.address = QStringLiteral("dana@example.org");
    const int escalated = BounceHistory::apply(batch);
    QCOMPARE(escalated, int(std::count(removed.cbegin(), removed.cend(), true)));
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Classification& c = batch[i].recipients.first().classification;
        QCOMPARE(c.removeAddress, removed[i]);
        QCOMPARE(c.advice == Advice::RemoveAddress, removed[i]);
        const auto cited = std::find_if(c.evidence.cbegin(), c.evidence.cend(), [](const Evidence& e) {
            return e.rule == QLatin1String("history.repeated_soft");
        });
        QCOMPARE(cited != c.evidence.cend(), removed[i]);
        if (removed[i])
            QVERIFY2(cited->text.contains(QLatin1String("consecutive soft bounce since 2026-11-0")),
                     qPrintable(cited->text));
        // The one-line summary says the same as the verdict: remove, not retry.
        const QString& summary = batch[i].summary;
        QCOMPARE(summary.contains(QLatin1String("Remove the address")), removed[i]);
        QVERIFY2(!removed[i] || !summary.contains(QLatin1String("Retry")), qPrintable(summary));
    }
}

void TestBounceHistory::leavesOtherAddressesAlone()
{
    QList<Analysis> batch = {
        bounce(QStringLiteral("a@example.org"), QStringLiteral("5.2.2"), QStringLiteral("Mailbox full"), 1),
        bounce(QStringLiteral("b@example.org"), QStringLiteral("5.2.2"), QStringLiteral("Mailbox full"), 10),
        bounce(QStringLiteral("c@example.org"), QStringLiteral("5.2.2"), QStringLiteral("Mailbox full"), 22)};
    QCOMPARE(BounceHistory::apply(batch), 0);
}

void TestBounceHistory::applyingAgainSaysItOnce()
{
    const QString full = QStringLiteral("552 5.2.2 Mailbox full");
    QList<Analysis> batch = {bounce(QStringLiteral("d@example.org"), QStringLiteral("5.2.2"), full, 1),
                             bounce(QStringLiteral("d@example.org"), QStringLiteral("5.2.2"), full, 10),
                             bounce(QStringLiteral("d@example.org"), QStringLiteral("5.2.2"), full, 22)};
    QCOMPARE(BounceHistory::apply(batch), 3);
    batch.append(bounce(QStringLiteral("d@example.org"), QStringLiteral("5.2.2"), full, 28));
    QCOMPARE(BounceHistory::apply(batch), 1); // only the new bounce is escalated
    const QList<Evidence>& first = batch[0].recipients.first().classification.evidence;
    const QList<Evidence>& fourth = batch[3].recipients.first().classification.evidence;
    QCOMPARE(first.size(), fourth.size());
    QCOMPARE(first.last().text, QStringLiteral("3rd consecutive soft bounce since 2026-11-01"));
    QCOMPARE(fourth.last().text, QStringLiteral("4th consecutive soft bounce since 2026-11-01"));
}

QTEST_GUILESS_MAIN(TestBounceHistory)
#include "TestBounceHistory.moc"
