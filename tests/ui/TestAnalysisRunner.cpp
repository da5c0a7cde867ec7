// Analyses off the GUI thread: results arrive in input order, folders give their mail files,
// progress reaches the total, a second request waits its turn, and Stop stops.

#include "AnalysisRunner.h"
#include "JsonReport.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

Q_DECLARE_METATYPE(headerlens::AnalysisItem)

namespace {

constexpr int Timeout = 30000;

QString writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

} // namespace

class TestAnalysisRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void itemsArriveInInputOrder();
    void foldersGiveTheirMailFilesOnly();
    void aFolderWithoutMailFilesIsReported();
    void progressReachesTheTotal();
    void aSecondRequestWaitsItsTurn();
    void stopEndsTheBatchEarly();
    void aGroupGivesTheItemsOfOneByOne();

private:
    QTemporaryDir m_dir;
};

void TestAnalysisRunner::initTestCase()
{
    qRegisterMetaType<AnalysisItem>();
    test::isolateSettings();
    QVERIFY(m_dir.isValid());
}

void TestAnalysisRunner::itemsArriveInInputOrder()
{
    AnalysisRunner runner;
    QList<AnalysisItem> items;
    connect(&runner, &AnalysisRunner::itemsReady, this,
            [&](const QList<AnalysisItem>& ready) { items << ready; });
    QSignalSpy finished(&runner, &AnalysisRunner::batchFinished);
    const QString first = test::dataPath(QStringLiteral("messages/gmail-delivered.eml"));
    const QString second = test::dataPath(QStringLiteral("messages/headers-only.txt"));
    runner.start({AnalysisInput::fromPath(first),
                  AnalysisInput::fromText(QStringLiteral("Subject: pasted\n"), QStringLiteral("Pasted text")),
                  AnalysisInput::fromPath(second)});
    QVERIFY(runner.isBusy());
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(items.size(), 3);
    QCOMPARE(items[0].title, QStringLiteral("gmail-delivered.eml"));
    QCOMPARE(items[0].filePath, QFileInfo(first).absoluteFilePath());
    QCOMPARE(items[1].title, QStringLiteral("pasted")); // a pasted item is named by its subject
    QCOMPARE(items[1].analysis.message.header(u"Subject"), QStringLiteral("pasted"));
    QVERIFY(items[1].filePath.isEmpty());
    QCOMPARE(items[2].title, QStringLiteral("headers-only.txt"));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!runner.isBusy());
}

void TestAnalysisRunner::foldersGiveTheirMailFilesOnly()
{
    const QString root = m_dir.filePath(QStringLiteral("mailfolder"));
    QDir().mkpath(root + QStringLiteral("/cur"));
    writeFile(root + QStringLiteral("/b.eml"), "Subject: b\n");
    writeFile(root + QStringLiteral("/a.txt"), "Subject: a\n");
    writeFile(root + QStringLiteral("/cur/1700000000.M1P2.host:2,S"), "Subject: maildir\n");
    writeFile(root + QStringLiteral("/logo.png"), "\x89PNG");
    writeFile(root + QStringLiteral("/report.pdf"), "%PDF");
    writeFile(root + QStringLiteral("/.hidden.eml"), "Subject: hidden\n");
    const QStringList files = AnalysisRunner::mailFilesIn(root);
    QCOMPARE(files, (QStringList{root + QStringLiteral("/a.txt"), root + QStringLiteral("/b.eml"),
                                 root + QStringLiteral("/cur/1700000000.M1P2.host:2,S")}));
}

void TestAnalysisRunner::aFolderWithoutMailFilesIsReported()
{
    const QString empty = m_dir.filePath(QStringLiteral("empty"));
    QDir().mkpath(empty);
    const AnalysisItem item = AnalysisRunner::analyzeOne(AnalysisInput::fromPath(empty));
    QVERIFY(item.isUnusable());
    QCOMPARE(item.analysis.errors,
             QStringList{QStringLiteral("The folder %1 holds no mail files.").arg(empty)});

    AnalysisRunner runner;
    QList<AnalysisItem> items;
    connect(&runner, &AnalysisRunner::itemsReady, this,
            [&](const QList<AnalysisItem>& ready) { items << ready; });
    QSignalSpy finished(&runner, &AnalysisRunner::batchFinished);
    runner.start({AnalysisInput::fromPath(empty)});
    QVERIFY(finished.wait(Timeout));
    QCOMPARE(items.size(), 1);
}

void TestAnalysisRunner::progressReachesTheTotal()
{
    const QString folder = m_dir.filePath(QStringLiteral("progress"));
    QDir().mkpath(folder);
    for (int i = 0; i < 12; ++i)
        writeFile(folder + QStringLiteral("/m%1.eml").arg(i, 2, 10, QLatin1Char('0')), "Subject: x\n");
    AnalysisRunner runner;
    QList<QPair<int, int>> progress;
    connect(&runner, &AnalysisRunner::progressChanged, this,
            [&](int done, int total) { progress << qMakePair(done, total); });
    QSignalSpy finished(&runner, &AnalysisRunner::batchFinished);
    runner.start({AnalysisInput::fromPath(folder)});
    QVERIFY(finished.wait(Timeout));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qMakePair(12, 12));
}

void TestAnalysisRunner::aSecondRequestWaitsItsTurn()
{
    AnalysisRunner runner;
    QStringList order;
    connect(&runner, &AnalysisRunner::itemsReady, this, [&](const QList<AnalysisItem>& ready) {
        for (const AnalysisItem& item : ready)
            order << item.title;
    });
    QSignalSpy started(&runner, &AnalysisRunner::batchStarted);
    QSignalSpy finished(&runner, &AnalysisRunner::batchFinished);
    runner.start({AnalysisInput::fromText(QStringLiteral("Subject: 1\n"), QStringLiteral("first"))});
    runner.start({AnalysisInput::fromText(QStringLiteral("Subject: 2\n"), QStringLiteral("second"))});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, Timeout);
    QCOMPARE(started.size(), 2);
    QCOMPARE(order, (QStringList{QStringLiteral("1"), QStringLiteral("2")})); // named by their subjects
}

void TestAnalysisRunner::stopEndsTheBatchEarly()
{
    const QByteArray message = test::readData(QStringLiteral("messages/gmail-delivered.eml"));
    QList<AnalysisInput> inputs;
    for (int i = 0; i < 5000; ++i)
        inputs << AnalysisInput::fromBytes(message, QStringLiteral("copy %1").arg(i));
    AnalysisRunner runner;
    QList<AnalysisItem> items;
    connect(&runner, &AnalysisRunner::itemsReady, this,
            [&](const QList<AnalysisItem>& ready) { items << ready; });
    QSignalSpy finished(&runner, &AnalysisRunner::batchFinished);
    runner.start(inputs);
    runner.start(inputs); // queued, and dropped by the stop
    QElapsedTimer stop;
    stop.start();
    runner.cancel();
    // The window hears of the stop at once, not when the worker finishes its file.
    QCOMPARE(finished.size(), 1);
    QVERIFY(stop.elapsed() < 100);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!runner.isBusy());
    QVERIFY(items.size() < inputs.size());
    const qsizetype seen = items.size();
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1); // said once
    QCOMPARE(items.size(), seen); // nothing arrives after the stop
    QVERIFY(!runner.isBusy());
}

// The window analyses a run's inputs in groups (AnalysisRunner::analyzeGroup): files together,
// anything else on its own. Each item must be the one analyzeOne gives, in the input's place.
void TestAnalysisRunner::aGroupGivesTheItemsOfOneByOne()
{
    QList<AnalysisInput> inputs;
    QDirIterator it(test::dataPath(QStringLiteral("bounces")), QDir::Files);
    while (it.hasNext())
        inputs.append(AnalysisInput::fromPath(it.next()));
    QVERIFY(inputs.size() > 20);
    inputs.insert(
        2, AnalysisInput::fromText(QStringLiteral("Subject: pasted\n"), QStringLiteral("Pasted text")));
    inputs.insert(5, AnalysisInput::fromPath(m_dir.path())); // a folder: an item with its error
    inputs.insert(7, AnalysisInput::fromPath(m_dir.filePath(QStringLiteral("missing.eml"))));
    inputs.append(AnalysisInput::fromBytes("From: a@example.org\n\nbody\n", QStringLiteral("dropped")));
    const QList<AnalysisItem> group = AnalysisRunner::analyzeGroup(inputs);
    QCOMPARE(group.size(), inputs.size());
    for (qsizetype k = 0; k < inputs.size(); ++k) {
        const AnalysisItem one = AnalysisRunner::analyzeOne(inputs[k]);
        QCOMPARE(group[k].inputKind, one.inputKind);
        QCOMPARE(group[k].title, one.title);
        QCOMPARE(group[k].filePath, one.filePath);
        QVERIFY2(JsonReport::toJsonLine(group[k].analysis) == JsonReport::toJsonLine(one.analysis),
                 qPrintable(one.title));
    }
    QCOMPARE(group[5].analysis.errors.size(), 1);
    QVERIFY(!group[7].analysis.errors.isEmpty());
}

QTEST_MAIN(TestAnalysisRunner)
#include "TestAnalysisRunner.moc"
