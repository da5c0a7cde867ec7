#include "AddressSummary.h"
#include "EscalationPolicy.h"

#include <QTest>

using namespace headerlens;

class TestEscalationPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escalation_data();
    void escalation();
    void evidenceSaysWhichBounceAndSince();
    void policyIsClampedToItsRange();
    void ordinals();
    void summaryLists_data();
    void summaryLists();
};

namespace {

// One event of dana@example.org: "soft" (full mailbox), "hard" (gone), "deferred", "delivered",
// "blocked" (sender-side, soft), "throttled" (rate limited), "complaint", on a November 2026 day.
BounceEvent event(const QString& what, int day)
{
    BounceEvent e;
    e.address = QStringLiteral("Dana@Example.org");
    e.messageKey = QStringLiteral("<%1-%2@example.org>").arg(what).arg(day);
    e.occurred = day > 0 ? QDateTime(QDate(2026, 10, 1).addDays(day - 1), QTime(9, 0), Qt::UTC) : QDateTime();
    if (what == QLatin1String("soft")) {
        e.type = BounceType::Soft;
        e.cause = QStringLiteral("mailbox_full");
        e.side = Side::Recipient;
        e.advice = Advice::RetryAndMonitor;
    } else if (what == QLatin1String("hard")) {
        e.type = BounceType::Hard;
        e.cause = QStringLiteral("mailbox_unknown");
        e.side = Side::Recipient;
        e.advice = Advice::RemoveAddress;
        e.removeAddress = true;
    } else if (what == QLatin1String("deferred")) {
        e.type = BounceType::Deferred;
        e.cause = QStringLiteral("mailbox_full");
        e.side = Side::Recipient;
        e.advice = Advice::RetryAndMonitor;
    } else if (what == QLatin1String("delivered")) {
        e.type = BounceType::None;
        e.cause = QStringLiteral("delivered");
        e.side = Side::None;
        e.advice = Advice::None;
    } else if (what == QLatin1String("blocked")) {
        e.type = BounceType::Soft;
        e.cause = QStringLiteral("blocklisted");
        e.side = Side::Sender;
        e.advice = Advice::FixSenderKeepAddress;
        e.diagnostic = QStringLiteral("451 4.7.1 Client host [192.0.2.7] blocked using bl.example");
    } else if (what == QLatin1String("throttled")) {
        e.type = BounceType::Soft;
        e.cause = QStringLiteral("rate_limited");
        e.side = Side::Transient;
        e.advice = Advice::RetryAndReduceRate;
    } else if (what == QLatin1String("complaint")) {
        e.type = BounceType::None;
        e.cause = QStringLiteral("feedback_report");
        e.side = Side::None;
        e.advice = Advice::StopSending;
    }
    return e;
}

// "soft@1 soft@4 delivered@9" -> events
QList<BounceEvent> events(const QString& spec)
{
    QList<BounceEvent> list;
    for (const QString& part : spec.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList p = part.split(QLatin1Char('@'));
        list.append(event(p[0], p.value(1).toInt()));
    }
    return list;
}

} // namespace

void TestEscalationPolicy::escalation_data()
{
    QTest::addColumn<QString>("history");
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("escalated"); // the last event
    QTest::newRow("2 soft bounces over 3 weeks: not yet") << "soft@1 soft@22" << 3 << false;
    QTest::newRow("3 soft bounces over 3 weeks: remove") << "soft@1 soft@10 soft@22" << 3 << true;
    QTest::newRow("3 soft bounces over 6 days: not yet") << "soft@1 soft@4 soft@7" << 3 << false;
    QTest::newRow("3 soft bounces over 7 days: remove") << "soft@1 soft@4 soft@8" << 3 << true;
    QTest::newRow("a delivery in between starts the run again")
        << "soft@1 soft@10 delivered@12 soft@22" << 3 << false;
    QTest::newRow("a delivery after the run ends it") << "soft@1 soft@10 soft@22 delivered@23" << 3 << false;
    QTest::newRow("deferrals never count") << "soft@1 deferred@5 deferred@9 soft@22" << 3 << false;
    QTest::newRow("deferrals do not reset either") << "soft@1 deferred@5 soft@10 soft@22" << 3 << true;
    QTest::newRow("sender-side refusals never count against the address")
        << "blocked@1 blocked@10 blocked@22 soft@23" << 3 << false;
    QTest::newRow("nor does throttling") << "throttled@1 throttled@10 soft@22" << 3 << false;
    QTest::newRow("a hard bounce of the address ends the run (the address is gone)")
        << "soft@1 soft@10 hard@12 soft@22" << 3 << false;
    QTest::newRow("a sender-side refusal does not break a run")
        << "soft@1 blocked@5 soft@10 soft@22" << 3 << true;
    QTest::newRow("N=4: three are not enough") << "soft@1 soft@10 soft@22" << 4 << false;
    QTest::newRow("N=4: four are") << "soft@1 soft@10 soft@22 soft@30" << 4 << true;
    QTest::newRow("N=5: five are") << "soft@1 soft@5 soft@10 soft@22 soft@30" << 5 << true;
    QTest::newRow("undated bounces cannot be placed: left out")
        << "soft@1 soft@0 soft@0 soft@22" << 3 << false;
}

void TestEscalationPolicy::escalation()
{
    QFETCH(QString, history);
    QFETCH(int, n);
    QFETCH(bool, escalated);
    const QList<BounceEvent> list = events(history);
    QList<BounceEvent> sorted = list;
    sortChronologically(sorted);
    const EscalationPolicy policy = EscalationPolicy::make(n, 7);
    const QList<EscalationMark> now = policy.evaluateNow(sorted);
    const AddressSummary summary = AddressSummary::from(sorted, policy);
    QCOMPARE(summary.escalated, escalated);
    if (!history.contains(QLatin1String("hard")))
        QCOMPARE(summary.list == HygieneList::Remove, escalated);
    else
        QCOMPARE(toString(summary.list), QStringLiteral("remove")); // gone: removed all the same
    if (escalated) {
        // every soft bounce of the current run carries the verdict
        for (qsizetype i = 0; i < sorted.size(); ++i) {
            if (now[i].run > 0)
                QVERIFY(now[i].escalated);
        }
    }
}

void TestEscalationPolicy::evidenceSaysWhichBounceAndSince()
{
    const QList<BounceEvent> list = events(QStringLiteral("soft@2 soft@9 soft@16 soft@23"));
    const EscalationPolicy policy;
    const QList<EscalationMark> marks = policy.evaluate(list);
    QVERIFY(!marks[1].escalated);
    QCOMPARE(marks[2].evidence, QStringLiteral("3rd consecutive soft bounce since 2026-10-02"));
    QCOMPARE(marks[3].evidence, QStringLiteral("4th consecutive soft bounce since 2026-10-02"));
    const QList<EscalationMark> now = policy.evaluateNow(list);
    QCOMPARE(now[0].evidence, QStringLiteral("4th consecutive soft bounce since 2026-10-02"));
    QCOMPARE(now[0].run, 1);
    QCOMPARE(AddressSummary::from(list, policy).reason,
             QStringLiteral("4th consecutive soft bounce since 2026-10-02."));
}

void TestEscalationPolicy::policyIsClampedToItsRange()
{
    QCOMPARE(EscalationPolicy::make(1, 7).softBounces, 3);
    QCOMPARE(EscalationPolicy::make(9, 7).softBounces, 5);
    QCOMPARE(EscalationPolicy::make(4, 0).minDays, 1);
    QCOMPARE(EscalationPolicy().softBounces, 3);
    QCOMPARE(EscalationPolicy().minDays, 7);
}

void TestEscalationPolicy::ordinals()
{
    QCOMPARE(EscalationPolicy::ordinal(1), QStringLiteral("1st"));
    QCOMPARE(EscalationPolicy::ordinal(2), QStringLiteral("2nd"));
    QCOMPARE(EscalationPolicy::ordinal(3), QStringLiteral("3rd"));
    QCOMPARE(EscalationPolicy::ordinal(4), QStringLiteral("4th"));
    QCOMPARE(EscalationPolicy::ordinal(11), QStringLiteral("11th"));
    QCOMPARE(EscalationPolicy::ordinal(12), QStringLiteral("12th"));
    QCOMPARE(EscalationPolicy::ordinal(13), QStringLiteral("13th"));
    QCOMPARE(EscalationPolicy::ordinal(21), QStringLiteral("21st"));
    QCOMPARE(EscalationPolicy::ordinal(102), QStringLiteral("102nd"));
}

void TestEscalationPolicy::summaryLists_data()
{
    QTest::addColumn<QString>("history");
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("advice");
    QTest::addColumn<QString>("cause");
    QTest::newRow("a gone mailbox: remove") << "soft@1 hard@3"
                                            << "remove"
                                            << "remove_address"
                                            << "mailbox_unknown";
    QTest::newRow("a delivery after a gone mailbox: nothing to do") << "hard@3 delivered@9"
                                                                    << "none"
                                                                    << "none"
                                                                    << "delivered";
    QTest::newRow("a spam complaint: remove, stop sending, though the address works")
        << "delivered@1 complaint@2 delivered@5"
        << "remove"
        << "stop_sending"
        << "feedback_report";
    QTest::newRow("soft bounces below the threshold: watch") << "soft@1 soft@10"
                                                             << "watch"
                                                             << "retry_and_monitor"
                                                             << "mailbox_full";
    QTest::newRow("a sender-side refusal: keep, fix the sender") << "delivered@1 blocked@4"
                                                                 << "keep_fix_sender"
                                                                 << "fix_sender_keep_address"
                                                                 << "blocklisted";
    QTest::newRow("a sender-side refusal fixed by a delivery: nothing to do") << "blocked@4 delivered@6"
                                                                              << "none"
                                                                              << "none"
                                                                              << "delivered";
    QTest::newRow("deferrals only: nothing to do") << "deferred@1 deferred@2"
                                                   << "none"
                                                   << "retry_and_monitor"
                                                   << "mailbox_full";
}

void TestEscalationPolicy::summaryLists()
{
    QFETCH(QString, history);
    QFETCH(QString, list);
    QFETCH(QString, advice);
    QFETCH(QString, cause);
    const AddressSummary s = AddressSummary::from(events(history), EscalationPolicy());
    QCOMPARE(toString(s.list), list);
    QCOMPARE(toString(s.advice), advice);
    QCOMPARE(s.cause, cause);
    QCOMPARE(s.address, QStringLiteral("dana@example.org"));
    QCOMPARE(s.domain, QStringLiteral("example.org"));
    QCOMPARE(s.events, int(events(history).size()));
}

QTEST_GUILESS_MAIN(TestEscalationPolicy)
#include "TestEscalationPolicy.moc"
