#include "InputStream.h"
#include "MboxReader.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

class TestMboxReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsOurFixture_data();
    void splitsOurFixture();
    void unquotesFromLines();
    void keepsAnUnquotedFromLineInTheBody();
    void separatorShapes_data();
    void separatorShapes();
    void offsetsReadTheSameMessageAgain();
    void cutsAnOverlongMessageAndGoesOn();
    void readsLinesLongerThanABlock();
    void emptyAndSeparatorOnlyInputs();
};

namespace {

QList<InputItem> readAll(const QByteArray& bytes, qint64 max = 1 << 20)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer, max);
    QList<InputItem> items;
    InputItem item;
    while (reader.next(item))
        items.append(item);
    return items;
}

QByteArray fixture()
{
    return test::readData(QStringLiteral("mbox/list-bounces.mbox"));
}

} // namespace

void TestMboxReader::splitsOurFixture_data()
{
    QTest::addColumn<bool>("crlf");
    QTest::newRow("as written, with LF line ends") << false;
    QTest::newRow("the same file with CRLF line ends") << true;
}

void TestMboxReader::splitsOurFixture()
{
    QFETCH(bool, crlf);
    const QByteArray bytes = crlf ? test::toCrlf(fixture()) : fixture();
    const QList<InputItem> items = readAll(bytes);
    // 7 messages: one separator has no empty line before it, the last one has no date
    QCOMPARE(items.size(), 7);
    const QList<QByteArray> ids = {"<mbox-1@",     "<mbox-2@", "<mbox-3@", "Subject: Undelivered Mail",
                                   "Abuse Report", "<mbox-6@", "<mbox-7@"};
    for (qsizetype i = 0; i < items.size(); ++i) {
        QCOMPARE(items[i].ordinal, int(i + 1));
        QVERIFY2(items[i].bytes.contains(ids[i]), items[i].bytes.left(300).constData());
        QVERIFY(!items[i].bytes.startsWith("From "));
        QVERIFY(!items[i].truncated);
        // the next separator is not part of the message
        QVERIFY(!items[i].bytes.contains("\nFrom MAILER-DAEMON"));
    }
    // offsets are the separators' positions and the lengths cover the file
    qint64 covered = 0;
    for (const InputItem& item : items) {
        QCOMPARE(item.offset, covered);
        QVERIFY(bytes.mid(item.offset).startsWith("From "));
        covered += item.length;
    }
    QCOMPARE(covered, qint64(bytes.size()));
    if (crlf) {
        for (const InputItem& item : items)
            QVERIFY(!item.bytes.contains("\n\r\n\r\n")); // one CRLF at most ends a message
    }
}

void TestMboxReader::unquotesFromLines()
{
    const QList<InputItem> items = readAll(fixture());
    const QByteArray& first = items.first().bytes;
    QVERIFY(first.contains("\nFrom the desk of the postmaster"));
    QVERIFY(!first.contains(">From the desk"));
    QVERIFY(first.contains("\n>From a line quoted twice")); // mboxrd: one '>' less
}

void TestMboxReader::keepsAnUnquotedFromLineInTheBody()
{
    const QList<InputItem> items = readAll(fixture());
    QVERIFY(items[1].bytes.contains("\nFrom here on, a writer that does not quote"));
    QVERIFY(items[1].bytes.contains("Diagnostic-Code: smtp; 552 5.2.2"));
}

void TestMboxReader::separatorShapes_data()
{
    QTest::addColumn<QByteArray>("mbox");
    QTest::addColumn<int>("messages");
    const QByteArray a = "Subject: a\n\nbody a\n";
    const QByteArray b = "Subject: b\n\nbody b\n";
    QTest::newRow("two messages, each after an empty line")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "\nFrom x@y Mon Nov  2 11:00:00 2026\n" + b)
        << 2;
    QTest::newRow("a From line followed by body text is body text")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "\nFrom me, with love\nand more\n") << 1;
    QTest::newRow("no empty line before a full separator still separates")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "From x@y Mon Nov  2 11:00:00 2026\n" + b)
        << 2;
    QTest::newRow("no empty line before a separator without a date: body text")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "From x@y\n" + b) << 1;
    QTest::newRow("a separator with a bare sender after an empty line separates")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "\nFrom MAILER-DAEMON\n" + b) << 2;
    QTest::newRow("'From:' is a header, never a separator")
        << QByteArray("From x@y Mon Nov  2 10:00:00 2026\n" + a + "\nFrom: z@y\n" + b) << 1;
    QTest::newRow("text before the first separator is dropped")
        << QByteArray("garbage\n\nFrom x@y Mon Nov  2 10:00:00 2026\n" + a) << 1;
}

void TestMboxReader::separatorShapes()
{
    QFETCH(QByteArray, mbox);
    QFETCH(int, messages);
    QCOMPARE(readAll(mbox).size(), messages);
    QCOMPARE(readAll(test::toCrlf(mbox)).size(), messages);
}

void TestMboxReader::offsetsReadTheSameMessageAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("box.mbox"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(test::toCrlf(fixture()));
    file.close();
    QFile in(path);
    QVERIFY(in.open(QIODevice::ReadOnly));
    MboxReader reader(&in, 1 << 20);
    QList<InputItem> items;
    InputItem item;
    while (reader.next(item)) {
        item.path = path;
        items.append(item);
    }
    QCOMPARE(items.size(), 7);
    for (const InputItem& original : items) {
        const InputItem again = InputStream::reload(original, 1 << 20);
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(again.ordinal, original.ordinal);
        QCOMPARE(again.bytes, original.bytes);
    }
}

void TestMboxReader::cutsAnOverlongMessageAndGoesOn()
{
    QByteArray big = "From x@y Mon Nov  2 10:00:00 2026\nSubject: big\n\n";
    for (int i = 0; i < 2000; ++i)
        big += "0123456789012345678901234567890123456789\n";
    big += "\nFrom x@y Mon Nov  2 11:00:00 2026\nSubject: small\n\nsmall\n";
    const QList<InputItem> items = readAll(big, 4096);
    QCOMPARE(items.size(), 2);
    QVERIFY(items[0].truncated);
    QCOMPARE(items[0].bytes.size(), 4096);
    QVERIFY(!items[1].truncated);
    QVERIFY(items[1].bytes.startsWith("Subject: small"));
}

void TestMboxReader::readsLinesLongerThanABlock()
{
    // a 3 MB line without a line break, then a message: the line is carried in pieces, and a
    // piece that happens to start with "From " is not a separator
    QByteArray line(3 * 1024 * 1024, 'x');
    line.replace(1024 * 1024, 5, "From ");
    const QByteArray mbox = "From x@y Mon Nov  2 10:00:00 2026\nSubject: long\n\n" + line +
                            "\n\nFrom x@y Mon Nov  2 11:00:00 2026\nSubject: next\n\nnext\n";
    const QList<InputItem> items = readAll(mbox, 8 * 1024 * 1024);
    QCOMPARE(items.size(), 2);
    QVERIFY(items[0].bytes.contains(line));
    QVERIFY(items[1].bytes.startsWith("Subject: next"));
}

void TestMboxReader::emptyAndSeparatorOnlyInputs()
{
    QCOMPARE(readAll(QByteArray()).size(), 0);
    QCOMPARE(readAll("From x@y Mon Nov  2 10:00:00 2026\n").size(), 0);
    QVERIFY(!MboxReader::looksLikeMbox("From: someone@example.org\nTo: x\n"));
    QVERIFY(MboxReader::looksLikeMbox("From x@y Mon Nov  2 10:00:00 2026\r\nReturn-Path: <>\r\n"));
    QVERIFY(MboxReader::looksLikeMbox(fixture()));
}

QTEST_GUILESS_MAIN(TestMboxReader)
#include "TestMboxReader.moc"
