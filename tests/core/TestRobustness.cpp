#include "Analyzer.h"
#include "JsonReport.h"
#include "TestSupport.h"

#include <QDir>
#include <QRandomGenerator>
#include <QRegularExpression>
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
    void placeholdersInTheInputAreQuotedAsWritten();
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

// Host names and checker names are the sender's words: "mx%1.example" is a legal token in a
// Received or Authentication-Results field. A sentence that names such a host and then a hop
// number must quote the host as written, not take its "%1" for a place to fill in (the hop
// number landed inside the host name, and "%2" was left in the sentence).
void TestRobustness::placeholdersInTheInputAreQuotedAsWritten()
{
    const QByteArray message =
        "Received: from mx%2.relay.example (mx%2.relay.example [192.0.2.44])\n"
        "\tby mx%1.receiver.example (Postfix) with ESMTPS id 4AB12; Thu, 26 Nov 2026 14:05:10 +0000\n"
        "Authentication-Results: mx%1.receiver.example; spf=pass smtp.mailfrom=sender.example\n"
        "Received: from helo.sender.example (unknown [203.0.113.5])\n"
        "\tby mx%2.relay.example (Postfix) with ESMTP id 99X; Thu, 26 Nov 2026 15:05:00 +0000\n"
        "Received: from [10.0.0.7] (unknown [198.51.100.9])\n"
        "\tby helo.sender.example (Postfix) with ESMTPSA id 1CD34; Thu, 26 Nov 2026 15:04:58 +0000\n"
        "From: alice@sender.example\nTo: bob@receiver.example\nSubject: test\n"
        "Date: Thu, 26 Nov 2026 15:04:55 +0000\n\nhi\n";
    const Analysis a = Analyzer::analyzeBytes(message, QStringLiteral("input"));
    // Hop 3 (mx%1) is stamped an hour before hop 2 (mx%2) handed it the message.
    QCOMPARE(a.relay.warnings.size(), 1);
    QVERIFY2(
        a.relay.warnings[0].contains(QLatin1String("either the clock of mx%1.receiver.example (hop 3) is "
                                                   "behind or that of mx%2.relay.example (hop 2) is "
                                                   "ahead")),
        qPrintable(a.relay.warnings[0]));
    const QByteArray json = JsonReport::toJsonLine(a);
    QVERIFY2(json.contains("Trusted: written by mx%1.receiver.example, which received the message at hop 3;"),
             json.constData());
    // Every text of the report: with the two host names taken out, no placeholder is left.
    QString texts = QString::fromUtf8(json);
    texts.remove(QLatin1String("mx%1.receiver.example")).remove(QLatin1String("mx%2.relay.example"));
    static const QRegularExpression placeholder(QStringLiteral("%[0-9]"));
    QVERIFY2(!texts.contains(placeholder), qPrintable(texts));
}

QTEST_GUILESS_MAIN(TestRobustness)
#include "TestRobustness.moc"
