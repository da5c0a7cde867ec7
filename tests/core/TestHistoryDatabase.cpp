#include "BatchAnalyzer.h"
#include "HistoryDatabase.h"
#include "InputCollector.h"
#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <unistd.h>

using namespace headerlens;

class TestHistoryDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsAVersionedWalDatabase();
    void migratesAVersionOneDatabase();
    void importingTwiceChangesNothing();
    void undatedEventsAreStoredOnce();
    void escalatesAcrossRuns();
    void aLaterDeliveryResetsTheRun();
    void changingThePolicyRecomputesSummaries();
    void summariesByDomainAndList();
    void aDamagedFileGetsAClearMessage();
    void aNewerSchemaIsLeftAlone();
    void aLockedDatabaseGetsAClearMessage();
    void aDatabaseLockedMidBatchLeavesTheAnalysisWithoutHistory();
    void aReadOnlyDatabaseGetsAClearMessage();
    void killingTheWriterLosesNoCommittedEvent();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QList<InputFile> files(const QStringList& relative)
{
    QStringList paths;
    for (const QString& r : relative)
        paths.append(test::dataPath(r));
    return InputCollector::collect(paths).files;
}

// A second, plain SQLite connection, to look at or hold the file as another program would.
class RawConnection
{
public:
    explicit RawConnection(const QString& path, const QString& options = {})
        : m_name(QStringLiteral("raw-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(options);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariant value(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    bool exec(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql);
    }

private:
    QString m_name;
};

BounceEvent syntheticEvent(int i)
{
    BounceEvent e;
    e.address = QStringLiteral("user%1@example.org").arg(i % 500);
    e.messageKey = QStringLiteral("<crash-%1@example.org>").arg(i);
    e.occurred = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(i * 60);
    e.type = BounceType::Soft;
    e.cause = QStringLiteral("mailbox_full");
    e.side = Side::Recipient;
    e.advice = Advice::RetryAndMonitor;
    e.diagnostic = QStringLiteral("552 5.2.2 Mailbox full");
    return e;
}

// The child of killingTheWriterLosesNoCommittedEvent: writes transactions of 50 events forever,
// saying after each commit how many are committed.
int crashChild(const QString& path)
{
    HistoryDatabase db(path);
    if (!db.open())
        return 3;
    for (int batch = 0;; ++batch) {
        QList<BounceEvent> events;
        for (int i = 0; i < 50; ++i)
            events.append(syntheticEvent(batch * 50 + i));
        const int added = db.add(events);
        if (added != 50) {
            std::fprintf(stderr, "crash child: %d of 50 events added: %s\n", added,
                         qPrintable(db.errorText()));
            return 4;
        }
        std::printf("committed %d\n", (batch + 1) * 50);
        std::fflush(stdout);
    }
}

} // namespace

void TestHistoryDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestHistoryDatabase::createsAVersionedWalDatabase()
{
    HistoryDatabase db(m_dir->filePath(QStringLiteral("new/folder/history.sqlite")));
    QVERIFY2(db.open(), qPrintable(db.problem()));
    QCOMPARE(db.schemaVersion(), HistoryDatabase::SchemaVersion);
    QCOMPARE(db.eventCount(), 0);
    RawConnection raw(db.path());
    QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
}

void TestHistoryDatabase::migratesAVersionOneDatabase()
{
    {
        RawConnection raw(dbPath());
        const QList<QStringList> steps = HistoryDatabase::migrations();
        for (const QString& sql : steps.first())
            QVERIFY(raw.exec(sql));
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 1")));
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO events (address, domain, message_key, occurred, kind, type, cause, side, advice, "
            "remove_address, imported_at) VALUES ('old@example.org', 'example.org', '<old@x>', "
            "'2026-01-05T10:00:00Z', 'bounce', 'hard', 'mailbox_unknown', 'recipient', 'remove_address', 1, "
            "'2026-01-05T10:00:00Z')")));
    }
    HistoryDatabase db(dbPath());
    QVERIFY2(db.open(), qPrintable(db.problem()));
    QCOMPARE(db.schemaVersion(), 2);
    QVERIFY(db.usePolicy(EscalationPolicy()));
    const std::optional<AddressSummary> s = db.summary(QStringLiteral("OLD@example.org"));
    QVERIFY(s);
    QCOMPARE(toString(s->list), QStringLiteral("remove"));
    QCOMPARE(s->hard, 1);
    QCOMPARE(db.eventCount(), 1);
}

void TestHistoryDatabase::importingTwiceChangesNothing()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    const QList<InputFile> inputs =
        files({QStringLiteral("mbox"), QStringLiteral("maildir"), QStringLiteral("bounces")});
    BatchAnalyzer first(inputs, &db, EscalationPolicy());
    QVERIFY(first.run());
    QVERIFY2(first.historyProblem().isEmpty(), qPrintable(first.historyProblem()));
    const int events = db.eventCount();
    const int addresses = db.addressCount();
    QVERIFY(events > 50);
    QCOMPARE(first.newEvents(), events);
    BatchAnalyzer second(inputs, &db, EscalationPolicy());
    QVERIFY(second.run());
    QCOMPARE(second.newEvents(), 0);
    QCOMPARE(db.eventCount(), events);
    QCOMPARE(db.addressCount(), addresses);
    QCOMPARE(second.rows().size(), first.rows().size());
    for (qsizetype i = 0; i < first.rows().size(); ++i)
        QCOMPARE(second.rows()[i].history.escalated, first.rows()[i].history.escalated);
}

void TestHistoryDatabase::undatedEventsAreStoredOnce()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    BounceEvent e = syntheticEvent(7);
    e.occurred = {};
    e.kind.clear();
    QCOMPARE(db.add({e}), 1);
    QCOMPARE(db.add({e}), 0);
    const QList<BounceEvent> events = db.events(e.address);
    QCOMPARE(events.size(), 1);
    QVERIFY(!events.first().occurred.isValid());
}

void TestHistoryDatabase::escalatesAcrossRuns()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    BatchAnalyzer november(
        files({QStringLiteral("history/mailbox-full-1.eml"), QStringLiteral("history/mailbox-full-2.eml")}),
        &db, EscalationPolicy());
    QVERIFY(november.run());
    QVERIFY(!november.rows().last().history.escalated);
    QCOMPARE(toString(db.summary(QStringLiteral("ines.moreau@example.net"))->list), QStringLiteral("watch"));

    BatchAnalyzer later(files({QStringLiteral("history/mailbox-full-3.eml")}), &db, EscalationPolicy());
    QVERIFY(later.run());
    const BounceEvent& row = later.rows().first();
    QVERIFY(row.history.escalated);
    QCOMPARE(row.history.run, 3);
    QCOMPARE(row.history.evidence, QStringLiteral("3rd consecutive soft bounce since 2026-11-01"));
    const AddressSummary s = *db.summary(QStringLiteral("ines.moreau@example.net"));
    QCOMPARE(toString(s.list), QStringLiteral("remove"));
    QCOMPARE(s.softRun, 3);
    QCOMPARE(s.soft, 3);
    QCOMPARE(s.firstSeen.date(), QDate(2026, 11, 1));
}

void TestHistoryDatabase::aLaterDeliveryResetsTheRun()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    BatchAnalyzer lena(files({QStringLiteral("maildir")}), &db, EscalationPolicy());
    QVERIFY(lena.run());
    const AddressSummary s = *db.summary(QStringLiteral("lena@example.com"));
    QCOMPARE(s.softRun, 0);
    QCOMPARE(s.soft, 2);
    QCOMPARE(s.none, 1);
    QCOMPARE(toString(s.list), QStringLiteral("none"));
}

void TestHistoryDatabase::changingThePolicyRecomputesSummaries()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    BatchAnalyzer run(files({QStringLiteral("mbox")}), &db, EscalationPolicy());
    QVERIFY(run.run());
    QVERIFY(db.usePolicy(EscalationPolicy()));
    QCOMPARE(toString(db.summary(QStringLiteral("ines.moreau@example.net"))->list), QStringLiteral("remove"));
    QVERIFY(db.usePolicy(EscalationPolicy::make(4, 7)));
    QCOMPARE(toString(db.summary(QStringLiteral("ines.moreau@example.net"))->list), QStringLiteral("watch"));
}

void TestHistoryDatabase::summariesByDomainAndList()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open());
    BatchAnalyzer run(files({QStringLiteral("mbox"), QStringLiteral("maildir")}), &db, EscalationPolicy());
    QVERIFY(run.run());
    QStringList atExampleCom;
    for (const AddressSummary& s : db.summaries(QStringLiteral("Example.com")))
        atExampleCom.append(s.address);
    QCOMPARE(atExampleCom,
             QStringList({QStringLiteral("karl@example.com"), QStringLiteral("lena@example.com"),
                          QStringLiteral("oscar@example.com"), QStringLiteral("paul@example.com"),
                          QStringLiteral("rosa@example.com")}));
    QStringList removed;
    for (const AddressSummary& s : db.summaries({}, {}, HygieneList::Remove))
        removed.append(s.address);
    QCOMPARE(removed,
             QStringList({QStringLiteral("ines.moreau@example.net"), QStringLiteral("paul@example.com"),
                          QStringLiteral("rosa@example.com"), QStringLiteral("sub@example.org")}));
    QCOMPARE(db.summaries({}, QStringLiteral("ines")).size(), 1);
}

void TestHistoryDatabase::aDamagedFileGetsAClearMessage()
{
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open());
    QVERIFY2(db.problem().contains(QLatin1String("damaged or is not a HeaderLens history")),
             qPrintable(db.problem()));
    QVERIFY(db.problem().contains(QLatin1String("goes on without history")));
    // and the analysis goes on without it
    BatchAnalyzer run(files({QStringLiteral("mbox")}), nullptr, EscalationPolicy());
    QVERIFY(run.run());
    QCOMPARE(run.rows().size(), 7);
}

void TestHistoryDatabase::aNewerSchemaIsLeftAlone()
{
    {
        RawConnection raw(dbPath());
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open());
    QVERIFY(db.problem().contains(QLatin1String("newer HeaderLens")));
    RawConnection raw(dbPath());
    QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 99);
}

void TestHistoryDatabase::aLockedDatabaseGetsAClearMessage()
{
    {
        HistoryDatabase create(dbPath());
        QVERIFY(create.open());
    }
    RawConnection other(dbPath());
    QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open(HistoryDatabase::Access::ReadWrite, 100));
    QVERIFY2(db.problem().contains(QLatin1String("in use by another program")), qPrintable(db.problem()));
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
}

void TestHistoryDatabase::aDatabaseLockedMidBatchLeavesTheAnalysisWithoutHistory()
{
    HistoryDatabase db(dbPath());
    QVERIFY(db.open(HistoryDatabase::Access::ReadWrite, 100));
    RawConnection other(dbPath());
    QVERIFY(other.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    BatchAnalyzer run(files({QStringLiteral("mbox")}), &db, EscalationPolicy());
    QVERIFY(run.run());
    QVERIFY(run.historyProblem().contains(QLatin1String("in use by another program")));
    QCOMPARE(run.rows().size(), 7);
    QVERIFY(run.rows().first().history.escalated); // from the history of this run
    QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
}

void TestHistoryDatabase::aReadOnlyDatabaseGetsAClearMessage()
{
    {
        HistoryDatabase create(dbPath());
        QVERIFY(create.open());
    }
    HistoryDatabase reader(dbPath());
    QVERIFY2(reader.open(HistoryDatabase::Access::ReadOnly), qPrintable(reader.problem()));
    QCOMPARE(reader.add({syntheticEvent(1)}), -1);
    QVERIFY(!reader.errorText().isEmpty());
    if (geteuid() == 0)
        QSKIP("file permissions do not bind root: the read-only file case is checked as a user");
    QFile::setPermissions(dbPath(), QFile::ReadOwner);
    HistoryDatabase db(dbPath());
    QVERIFY(!db.open());
    QVERIFY2(db.problem().contains(QLatin1String("cannot be written")), qPrintable(db.problem()));
}

void TestHistoryDatabase::killingTheWriterLosesNoCommittedEvent()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-child"), dbPath()});
    QVERIFY(child.waitForStarted());
    int committed = 0;
    QElapsedTimer timer;
    timer.start();
    while (committed < 3000 && timer.elapsed() < 60000) {
        if (!child.canReadLine() && !child.waitForReadyRead(5000))
            break;
        while (child.canReadLine()) {
            const QByteArray line = child.readLine().trimmed();
            if (line.startsWith("committed "))
                committed = line.mid(10).toInt();
        }
    }
    QVERIFY2(committed >= 3000, "the child did not write");
    child.kill(); // SIGKILL, in the middle of a later transaction
    QVERIFY(child.waitForFinished());
    while (child.canReadLine()) {
        const QByteArray line = child.readLine().trimmed();
        if (line.startsWith("committed "))
            committed = line.mid(10).toInt();
    }

    HistoryDatabase db(dbPath());
    QVERIFY2(db.open(), qPrintable(db.problem()));
    QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
    const int events = db.eventCount();
    QVERIFY2(events >= committed,
             qPrintable(QStringLiteral("%1 events, %2 committed").arg(events).arg(committed)));
    QCOMPARE(events % 50, 0); // whole transactions only
    qInfo("killed after %d committed events; %d found on reopening", committed, events);
    // and it goes on where it stopped
    QCOMPARE(db.add({syntheticEvent(events)}), 1);
    QVERIFY(db.recomputeAll(EscalationPolicy()));
    QCOMPARE(db.addressCount(), 500);
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--crash-child") == 0)
        return crashChild(QString::fromLocal8Bit(argv[2]));
    TestHistoryDatabase test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestHistoryDatabase.moc"
