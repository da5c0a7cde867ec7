#include "BatchAnalyzer.h"
#include "InputCollector.h"
#include "InputStream.h"
#include "JsonReport.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

class TestBatchAnalyzer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneRowPerRecipientFromMboxAndMaildir();
    void historyOfTheBatchEscalates();
    void selectingARowAnalysesItAgainWithItsHistory();
    void stopsWhenCancelledAndKeepsWhatWasRead();
    void aFailingStoreLeavesTheAnalysisWithoutHistory();
    void anUnreadableInputGetsARow();
    void groupsAnalyseAsOneByOne();
};

namespace {

QList<InputFile> fixtures()
{
    return InputCollector::collect({test::dataPath(QStringLiteral("mbox/list-bounces.mbox")),
                                    test::dataPath(QStringLiteral("maildir"))})
        .files;
}

const BounceEvent* rowOf(const QList<BounceEvent>& rows, const QString& address, int n = 0)
{
    for (const BounceEvent& r : rows) {
        if (r.addressKey() == address && n-- == 0)
            return &r;
    }
    return nullptr;
}

// A store that fails from its second write on, like a database another program locked.
class FailingStore final : public HistoryStore
{
public:
    int add(const QList<BounceEvent>& events) override
    {
        if (++m_writes > 1)
            return -1;
        return int(events.size());
    }
    QList<BounceEvent> events(const QString&, bool* ok) override
    {
        if (ok)
            *ok = false;
        return {};
    }
    bool saveSummaries(const QList<AddressSummary>&) override { return false; }
    QString errorText() const override { return QStringLiteral("the database is locked"); }

private:
    int m_writes = 0;
};

} // namespace

void TestBatchAnalyzer::oneRowPerRecipientFromMboxAndMaildir()
{
    BatchAnalyzer batch(fixtures(), nullptr, EscalationPolicy());
    QVERIFY(batch.run());
    QCOMPARE(batch.items(), 12);
    QCOMPARE(batch.rows().size(), 12);
    const BounceEvent* paul = rowOf(batch.rows(), QStringLiteral("paul@example.com"));
    QVERIFY(paul);
    QCOMPARE(toString(paul->type), QStringLiteral("hard"));
    QCOMPARE(paul->cause, QStringLiteral("mailbox_unknown"));
    QCOMPARE(paul->replyCode, 550);
    QCOMPARE(paul->status, QStringLiteral("5.1.1"));
    QCOMPARE(paul->source.ordinal, 6);
    QCOMPARE(paul->domain(), QStringLiteral("example.com"));
    QVERIFY(paul->source.path.endsWith(QLatin1String("list-bounces.mbox")));
    QVERIFY(!rowOf(batch.rows(), QStringLiteral("being-written@example.org"))); // Maildir tmp/
}

void TestBatchAnalyzer::historyOfTheBatchEscalates()
{
    BatchAnalyzer batch(fixtures(), nullptr, EscalationPolicy());
    QVERIFY(batch.run());
    for (int i = 0; i < 3; ++i) {
        const BounceEvent* ines = rowOf(batch.rows(), QStringLiteral("ines.moreau@example.net"), i);
        QVERIFY(ines);
        QVERIFY(ines->history.escalated);
        QCOMPARE(ines->history.run, i + 1);
        QCOMPARE(ines->history.evidence, QStringLiteral("3rd consecutive soft bounce since 2026-11-01"));
    }
    // lena: two soft bounces, then a delivery: the run is over
    QVERIFY(!rowOf(batch.rows(), QStringLiteral("lena@example.com"), 1)->history.escalated);
    QHash<QString, HygieneList> lists;
    for (const AddressSummary& s : batch.summaries())
        lists.insert(s.address, s.list);
    QCOMPARE(toString(lists.value(QStringLiteral("ines.moreau@example.net"))), toString(HygieneList::Remove));
    QCOMPARE(toString(lists.value(QStringLiteral("rosa@example.com"))),
             toString(HygieneList::Remove)); // complaint
    QCOMPARE(toString(lists.value(QStringLiteral("paul@example.com"))), toString(HygieneList::Remove));
    QCOMPARE(toString(lists.value(QStringLiteral("oscar@example.com"))),
             toString(HygieneList::KeepFixSender));
    QCOMPARE(toString(lists.value(QStringLiteral("max@example.org"))), toString(HygieneList::Watch));
    QCOMPARE(toString(lists.value(QStringLiteral("lena@example.com"))), toString(HygieneList::None));
    QCOMPARE(toString(lists.value(QStringLiteral("karl@example.com"))),
             toString(HygieneList::None)); // a deferral
}

void TestBatchAnalyzer::selectingARowAnalysesItAgainWithItsHistory()
{
    BatchAnalyzer batch(fixtures(), nullptr, EscalationPolicy());
    QVERIFY(batch.run());
    const BounceEvent* ines = rowOf(batch.rows(), QStringLiteral("ines.moreau@example.net"), 1);
    const Analysis analysis = BatchAnalyzer::reanalyze(*ines, EscalationPolicy());
    QVERIFY(analysis.source.endsWith(QLatin1String("list-bounces.mbox #2")));
    QCOMPARE(analysis.recipients.size(), 1);
    const Classification& c = analysis.recipients.first().classification;
    QCOMPARE(toString(c.type), QStringLiteral("soft"));
    QVERIFY(c.removeAddress);
    QCOMPARE(c.evidence.last().rule, QStringLiteral("history.repeated_soft"));
    QVERIFY(analysis.recipients.first().explanation.contains(QLatin1String("3rd consecutive soft bounce")));
}

void TestBatchAnalyzer::stopsWhenCancelledAndKeepsWhatWasRead()
{
    std::atomic_bool cancel{true}; // cancelled before the first message is done
    BatchAnalyzer batch(fixtures(), nullptr, EscalationPolicy());
    QVERIFY(!batch.run(&cancel));
    QCOMPARE(batch.items(), 1);
    QCOMPARE(batch.rows().size(), 1);
    QCOMPARE(batch.summaries().size(), 1); // finished all the same
}

void TestBatchAnalyzer::aFailingStoreLeavesTheAnalysisWithoutHistory()
{
    FailingStore store;
    BatchAnalyzer batch(fixtures(), &store, EscalationPolicy());
    batch.setCommitEvery(2);
    QVERIFY(batch.run());
    QCOMPARE(batch.historyProblem(), QStringLiteral("the database is locked"));
    QCOMPARE(batch.rows().size(), 12);
    // the history of this run still escalates
    QVERIFY(rowOf(batch.rows(), QStringLiteral("ines.moreau@example.net"))->history.escalated);
}

void TestBatchAnalyzer::anUnreadableInputGetsARow()
{
    BatchAnalyzer batch(InputCollector::collect({QStringLiteral("/no/such/file.eml")}).files, nullptr,
                        EscalationPolicy());
    QVERIFY(batch.run());
    QCOMPARE(batch.rows().size(), 1);
    QVERIFY(batch.rows().first().failed);
    QVERIFY(batch.rows().first().note.contains(QLatin1String("/no/such/file.eml")));
}

// A batch analyses its messages in groups (BatchAnalyzer::analyzeTogether): each gets the analysis
// it gets on its own, an unreadable input among them its error; and a run on one thread and on
// two (groups of a few messages, the last ones smaller) gives the same rows in the same order.
void TestBatchAnalyzer::groupsAnalyseAsOneByOne()
{
    QList<InputFile> files = fixtures();
    files += InputCollector::collect({QStringLiteral("/no/such/file.eml")}).files;
    files += InputCollector::collect({test::dataPath(QStringLiteral("bounces"))}).files;
    InputStream stream(files, MessageLoader::MaxInputBytes + 1);
    QList<InputItem> items;
    InputItem item;
    while (stream.next(item))
        items.append(std::exchange(item, InputItem()));
    QVERIFY(items.size() > 40);
    const QList<Analysis> together = BatchAnalyzer::analyzeTogether(items);
    QCOMPARE(together.size(), items.size());
    int failed = 0;
    for (qsizetype k = 0; k < items.size(); ++k) {
        failed += items[k].error.isEmpty() ? 0 : 1;
        QVERIFY2(JsonReport::toJsonLine(together[k]) ==
                     JsonReport::toJsonLine(BatchAnalyzer::analyze(items[k])),
                 qPrintable(items[k].label()));
    }
    QCOMPARE(failed, 1);

    const auto rowsWith = [&](int threads) {
        BatchAnalyzer batch(files, nullptr, EscalationPolicy());
        batch.setThreads(threads);
        batch.run();
        QStringList rows;
        for (const BounceEvent& r : batch.rows())
            rows << r.source.path + QLatin1Char('#') + QString::number(r.source.ordinal) + QLatin1Char(' ') +
                        r.address + QLatin1Char(' ') + r.cause + QLatin1Char(' ') + r.diagnostic;
        return rows;
    };
    const QStringList one = rowsWith(1);
    QVERIFY(one.size() > 40);
    QCOMPARE(rowsWith(2), one);
}

QTEST_GUILESS_MAIN(TestBatchAnalyzer)
#include "TestBatchAnalyzer.moc"
