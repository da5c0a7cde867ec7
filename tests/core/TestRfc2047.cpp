#include "Rfc2047.h"

#include "TestSupport.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace headerlens;

class TestRfc2047 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void unfold_data();
    void unfold();
    void unfoldingCollapsesEachRunWithALineBreak();
    void anEightBitByteIsSeenAtEveryPosition();
};

void TestRfc2047::decode_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain ASCII passes through")
        << QByteArray("Quarterly figures") << QStringLiteral("Quarterly figures");
    // GMime 3.2.13 returns only "Hello" here (fixed upstream in 3.2.14): the reason we decode ourselves.
    QTest::newRow("two adjacent base64 words join without the space between them (GMime 3.2.13 bug)")
        << QByteArray("=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=") << QStringLiteral("Hello world");
    QTest::newRow("Q encoding turns underscores into spaces")
        << QByteArray("=?ISO-8859-1?Q?Caf=E9_cr=E8me?=") << QStringLiteral("Café crème");
    QTest::newRow("lower-case b and q encodings are accepted")
        << QByteArray("=?utf-8?b?w6lsw6h2ZQ==?= and =?utf-8?q?=C3=A9t=C3=A9?=")
        << QStringLiteral("élève and été");
    QTest::newRow("text around an encoded word keeps its spaces")
        << QByteArray("Re: =?UTF-8?Q?R=C3=A9union?= tomorrow") << QStringLiteral("Re: Réunion tomorrow");
    QTest::newRow("a UTF-8 character split across two words is rebuilt")
        << QByteArray("=?UTF-8?B?4oI=?= =?UTF-8?B?rCAxMA==?=") << QStringLiteral("€ 10");
    QTest::newRow("adjacent words separated by a fold are joined")
        << QByteArray("=?UTF-8?Q?Mot=C3=B6rhead?=\r\n =?UTF-8?Q?_tour?=") << QStringLiteral("Motörhead tour");
    QTest::newRow("words of different charsets are converted separately")
        << QByteArray("=?ISO-8859-1?Q?=E9?= =?UTF-8?Q?=C3=A9?=") << QStringLiteral("éé");
    QTest::newRow("ISO-2022-JP through the ICU converters")
        << QByteArray("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=") << QStringLiteral("こんにちは");
    QTest::newRow("Windows-1252 curly quotes")
        << QByteArray("=?windows-1252?Q?=93Hi=94?=") << QStringLiteral("“Hi”");
    QTest::newRow("RFC 2231 language suffix on the charset is ignored")
        << QByteArray("=?UTF-8*en?Q?Hello?=") << QStringLiteral("Hello");
    QTest::newRow("base64 without padding still decodes")
        << QByteArray("=?UTF-8?B?SGk?=") << QStringLiteral("Hi");
    QTest::newRow("an unknown charset falls back to UTF-8 when the bytes are valid UTF-8")
        << QByteArray("=?x-unknown?Q?=C3=A9t=C3=A9?=") << QStringLiteral("été");
    QTest::newRow("a word with an invalid encoding letter is left as written")
        << QByteArray("=?UTF-8?X?abc?=") << QStringLiteral("=?UTF-8?X?abc?=");
    QTest::newRow("an unterminated word is left as written")
        << QByteArray("Price =?UTF-8?Q?10") << QStringLiteral("Price =?UTF-8?Q?10");
    QTest::newRow("broken base64 is left as written")
        << QByteArray("=?UTF-8?B?***?=") << QStringLiteral("=?UTF-8?B?***?=");
    QTest::newRow("raw UTF-8 outside encoded words (RFC 6532) is kept")
        << QByteArray("Grüße aus Köln") << QStringLiteral("Grüße aus Köln");
    QTest::newRow("raw Latin-1 bytes are read as Windows-1252") << QByteArray("Gr\xfc\xdf"
                                                                              "e")
                                                                << QStringLiteral("Grüße");
    QTest::newRow("an encoded word glued to text is still decoded")
        << QByteArray("Order=?UTF-8?Q?_=E2=84=96?=42") << QStringLiteral("Order №42");
    QTest::newRow("markup in an encoded word is decoded, not interpreted")
        << QByteArray("=?UTF-8?Q?<b>bold</b>?=") << QStringLiteral("<b>bold</b>");
    QTest::newRow("empty value") << QByteArray() << QString();
    QTest::newRow("equals signs that start no word")
        << QByteArray("a=b c= =x =") << QStringLiteral("a=b c= =x =");
    QTest::newRow("a word after several equals signs")
        << QByteArray("x=1 y== =?UTF-8?B?w6k=?=") << QStringLiteral("x=1 y== \u00e9");
}

void TestRfc2047::decode()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(Rfc2047::decode(raw), expected);
}

void TestRfc2047::unfold_data()
{
    QTest::addColumn<QByteArray>("folded");
    QTest::addColumn<QByteArray>("unfolded");
    QTest::newRow("a CRLF fold and its indentation become one space")
        << QByteArray("from a\r\n\tby b") << QByteArray("from a by b");
    QTest::newRow("deep indentation after a fold becomes one space")
        << QByteArray("from a   \n        by b") << QByteArray("from a by b");
    QTest::newRow("bare LF folding is unfolded too") << QByteArray("a\n b") << QByteArray("a b");
    QTest::newRow("no folding, nothing changes") << QByteArray("a b") << QByteArray("a b");
}

void TestRfc2047::unfold()
{
    QFETCH(QByteArray, folded);
    QFETCH(QByteArray, unfolded);
    QCOMPARE(Rfc2047::unfold(folded), unfolded);
}

// The rule stated once more as an expression: each run of blanks, CRs and LFs that holds a CR or
// LF becomes one space, and nothing else changes. On 20,000 generated values.
void TestRfc2047::unfoldingCollapsesEachRunWithALineBreak()
{
    const QRegularExpression fold(QStringLiteral("[ \\t]*[\\r\\n][ \\t\\r\\n]*"));
    const QList<QByteArray> pieces = {"a", "by", " ", "  ", "\t", "\r", "\n", "\r\n", "\n\t", "=?", "\xe9"};
    QRandomGenerator random(5122028);
    int folded = 0;
    for (int round = 0; round < 20000; ++round) {
        const QByteArray value = test::randomJoin(random, pieces, static_cast<int>(random.bounded(12)));
        const QByteArray expected = QString::fromLatin1(value).replace(fold, QStringLiteral(" ")).toLatin1();
        QVERIFY2(Rfc2047::unfold(value) == expected, value.toPercentEncoding().constData());
        folded += expected != value;
    }
    QVERIFY(folded > 10000);
}

// The ASCII check reads sixteen bytes at a time: a byte above 0x7f anywhere, in a block or in the
// tail, must send the text to the decoders (a lone 0x80 is no UTF-8: Windows-1252 reads it as €,
// where Latin-1 would give U+0080).
void TestRfc2047::anEightBitByteIsSeenAtEveryPosition()
{
    for (int length = 1; length <= 40; ++length) {
        for (int at = 0; at < length; ++at) {
            QByteArray raw(length, 'a');
            raw[at] = '\x80';
            QString expected(length, QLatin1Char('a'));
            expected[at] = QChar(0x20AC);
            QCOMPARE(Rfc2047::decode(raw), expected);
        }
    }
}

QTEST_GUILESS_MAIN(TestRfc2047)
#include "TestRfc2047.moc"
