#include "Analyzer.h"
#include "JsonReport.h"
#include "TestSupport.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>

using namespace headerlens;

// Bad input never crashes, hangs or loses the partial analysis: every fixture cut short at many
// points, with bytes flipped, or wrapped in noise still analyses, and what can be read is read.
class TestRobustness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void truncatedAnywhere_data();
    void truncatedAnywhere();
    void corruptedBytes();
    void pathologicalInputs_data();
    void pathologicalInputs();
};

namespace {

QStringList fixtures()
{
    QStringList result;
    for (const QString& dir : {QStringLiteral("bounces"), QStringLiteral("messages")}) {
        const QDir d(test::dataPath(dir));
        for (const QString& name : d.entryList(QDir::Files, QDir::Name))
            result << dir + QLatin1Char('/') + name;
    }
    return result;
}

} // namespace

void TestRobustness::truncatedAnywhere_data()
{
    QTest::addColumn<QString>("fixture");
    for (const QString& f : fixtures())
        QTest::newRow(qPrintable(f)) << f;
}

void TestRobustness::truncatedAnywhere()
{
    QFETCH(QString, fixture);
    const QByteArray whole = test::readData(fixture);
    const Analysis full = Analyzer::analyzeBytes(whole, fixture);
    QVERIFY2(full.errors.isEmpty(), qPrintable(full.errors.join(QLatin1Char(' '))));
    // Cut at 40 points; each cut still analyses and keeps the header fields before the cut.
    for (int i = 1; i <= 40; ++i) {
        const qsizetype cut = whole.size() * i / 41;
        const Analysis part = Analyzer::analyzeBytes(whole.left(cut), fixture);
        const QByteArray json = JsonReport::toJsonLine(part);
        QVERIFY(json.endsWith('\n'));
        if (part.message.headers.isEmpty())
            QVERIFY2(!part.errors.isEmpty(), "an input with no header fields must say so");
        QVERIFY(part.message.headers.size() <= full.message.headers.size() + 1);
        for (const RecipientAnalysis& r : part.recipients)
            QVERIFY(r.classification.confidence >= 0.0 && r.classification.confidence <= 1.0);
    }
}

void TestRobustness::corruptedBytes()
{
    QRandomGenerator rng(20261128); // fixed seed: the same inputs every run
    for (const QString& fixture : fixtures()) {
        const QByteArray whole = test::readData(fixture);
        for (int round = 0; round < 25; ++round) {
            QByteArray bytes = whole;
            const int flips = 1 + int(rng.bounded(20));
            for (int k = 0; k < flips; ++k)
                bytes[qsizetype(rng.bounded(int(bytes.size())))] = char(rng.bounded(256));
            const Analysis a = Analyzer::analyzeBytes(bytes, fixture);
            QVERIFY(!JsonReport::toJsonLine(a).isEmpty());
        }
    }
}

void TestRobustness::pathologicalInputs_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("expectHeaders");
    QTest::newRow("a single colon") << QByteArray(":") << false;
    QTest::newRow("one header without a value") << QByteArray("Subject:") << true;
    QTest::newRow("a 10000-character header name is not taken for a field, and says so")
        << QByteArray(10000, 'X') + ": y\n"
        << false;
    QTest::newRow("a folded value of 200000 characters")
        << "Received: from a\n" + QByteArray(200000, ' ') + "by b; Thu, 26 Nov 2026 10:00:00 +0000\n"
        << true;
    QTest::newRow("5000 Received fields")
        << QByteArray("Received: from a.example by b.example; Thu, 26 Nov 2026 10:00:00 +0000\n")
               .repeated(5000)
        << true;
    QTest::newRow("multipart nested 200 deep") << [] {
        QByteArray m =
            "From: x@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n";
        for (int i = 0; i < 200; ++i)
            m += "--b" + QByteArray::number(i) + "\nContent-Type: multipart/mixed; boundary=b" +
                 QByteArray::number(i + 1) + "\n\n";
        return m;
    }() << true;
    QTest::newRow("a multipart report whose boundary never appears")
        << QByteArray("From: MAILER-DAEMON@example.org\nContent-Type: multipart/report; boundary=zz\n\n"
                      "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n")
        << true;
    QTest::newRow("unbalanced parentheses and quotes everywhere")
        << QByteArray("Received: from (((((( \"\"\" by ((( ; ((((\nFrom: \"((( <a@b\n") << true;
    QTest::newRow("only NUL bytes") << QByteArray(4096, '\0') << false;
    QTest::newRow("UTF-16 text with a byte order mark")
        << QByteArray("\xff\xfeS\0u\0b\0j\0e\0c\0t\0:\0 \0x\0\n\0", 22) << false;
}

void TestRobustness::pathologicalInputs()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, expectHeaders);
    const Analysis a = Analyzer::analyzeBytes(input, QStringLiteral("input"));
    QCOMPARE(!a.message.headers.isEmpty(), expectHeaders);
    if (!expectHeaders)
        QVERIFY(!a.errors.isEmpty());
    QVERIFY(!a.summary.isEmpty());
    QVERIFY(!JsonReport::toJsonLine(a).isEmpty());
}

QTEST_GUILESS_MAIN(TestRobustness)
#include "TestRobustness.moc"
