#include "TestSupport.h"
#include "TextSearch.h"

#include <QTest>

using namespace headerlens;

// indexOfCaseless must give exactly Qt's answer (QStringView::indexOf with Qt::CaseInsensitive):
// the callers replaced Qt's search with it and rely on the same positions.
class TestTextSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cases_data();
    void cases();
    // indexOfCaseless, equalsCaseless, startsWithCaseless and endsWithCaseless against Qt.
    void agreesWithQtOnGeneratedTexts();
    void equalTextsAgreeWithQt();
    void loweredIsToLower();
    void simplifiedTextIsSimplified();
    void simplifiedLinesAreTheLinesSimplified();
    void firstSectionsAreQtSections();
    void unitSearchIsIndexOf();
};

void TestTextSearch::cases_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("expected");

    QTest::newRow("upper-case text, lower-case needle")
        << QStringLiteral("550 5.1.1 RECIPIENT ADDRESS REJECTED: user unknown")
        << QStringLiteral("recipient address rejected") << 0 << 10;
    QTest::newRow("mixed case on both sides")
        << QStringLiteral("Sender Address Rejected") << QStringLiteral("sENDER aDDRESS") << 0 << 0;
    QTest::newRow("absent") << QStringLiteral("mailbox full") << QStringLiteral("quota") << 0 << -1;
    QTest::newRow("needle at the very end")
        << QStringLiteral("punycode xn--") << QStringLiteral("XN--") << 0 << 9;
    QTest::newRow("needle longer than the text") << QStringLiteral("xn") << QStringLiteral("xn--") << 0 << -1;
    QTest::newRow("a partial match before the real one")
        << QStringLiteral("user@ex user@example.org") << QStringLiteral("USER@EXAMPLE.ORG") << 0 << 8;
    QTest::newRow("from skips an earlier occurrence")
        << QStringLiteral("abc ABC abc") << QStringLiteral("abc") << 1 << 4;
    QTest::newRow("from at the end") << QStringLiteral("abc") << QStringLiteral("c") << 3 << -1;
    // Characters beyond ASCII that Unicode folds to ASCII letters: Qt finds them, so must we.
    QTest::newRow("Kelvin sign folds to k")
        << QStringLiteral("\u212Aelvin") << QStringLiteral("kelvin") << 0 << 0;
    QTest::newRow("long s folds to s")
        << QStringLiteral("mailbox \u017Fize") << QStringLiteral("size") << 0 << 8;
    QTest::newRow("dotless i does not fold to i")
        << QStringLiteral("\u0131nvalid") << QStringLiteral("invalid") << 0 << -1;
    QTest::newRow("an emoji before the match")
        << QStringLiteral("\U0001F600 Quota exceeded") << QStringLiteral("quota") << 0 << 3;
    QTest::newRow("a needle beyond ASCII is searched by Qt")
        << QStringLiteral("Empfänger UNBEKANNT, EMPFÄNGER") << QStringLiteral("empfänger") << 1 << 21;
}

void TestTextSearch::cases()
{
    QFETCH(QString, text);
    QFETCH(QString, needle);
    QFETCH(int, from);
    QFETCH(int, expected);
    // The expected positions were counted by hand; Qt must agree with them too.
    QCOMPARE(QStringView(text).indexOf(needle, from, Qt::CaseInsensitive), expected);
    QCOMPARE(indexOfCaseless(text, QStringView(needle), from), expected);
    if (needle == QString::fromLatin1(needle.toLatin1()))
        QCOMPARE(indexOfCaseless(text, QLatin1StringView(needle.toLatin1()), from), expected);
}

void TestTextSearch::agreesWithQtOnGeneratedTexts()
{
    // Texts and needles drawn from a small alphabet, so that matches, near misses and overlaps are
    // frequent; the alphabet holds the characters whose folding differs from ASCII lowering.
    const QString alphabet = QStringLiteral("aAbBkKsS- @.\u212A\u017F\u0131\u0130\u00E9\u00C9");
    QRandomGenerator random(20261204);
    const auto draw = [&](int maxLength) {
        QString s;
        const int n = static_cast<int>(random.bounded(maxLength + 1));
        for (int i = 0; i < n; ++i)
            s += test::pick(random, alphabet);
        return s;
    };
    int found = 0;
    for (int round = 0; round < 20000; ++round) {
        const QString text = draw(24);
        QString needle = draw(4);
        const int from = static_cast<int>(random.bounded(static_cast<int>(text.size()) + 2)) - 1;
        const qsizetype qt = QStringView(text).indexOf(needle, from, Qt::CaseInsensitive);
        found += qt >= 0 ? 1 : 0;
        QCOMPARE(indexOfCaseless(text, QStringView(needle), from), qt);
        const QByteArray latin1 = needle.toLatin1();
        if (QString::fromLatin1(latin1) == needle) {
            const QLatin1StringView word(latin1);
            QCOMPARE(indexOfCaseless(text, word, from), qt);
            QCOMPARE(equalsCaseless(text, word), QStringView(text).compare(word, Qt::CaseInsensitive) == 0);
            QCOMPARE(equalsCaseless(QStringView(text).left(needle.size()), word),
                     QStringView(text).left(needle.size()).compare(word, Qt::CaseInsensitive) == 0);
            QCOMPARE(startsWithCaseless(text, word), QStringView(text).startsWith(word, Qt::CaseInsensitive));
            QCOMPARE(endsWithCaseless(text, word), QStringView(text).endsWith(word, Qt::CaseInsensitive));
        }
    }
    QVERIFY2(found > 2000, "the generated cases should find many matches, not only misses");
    // Long texts that are mostly filler: the search passes over blocks of units where the needle
    // cannot start, and a match can sit anywhere in a block, across two, or in the tail.
    const QString sparse = QStringLiteral("xyzxyzxyzxyzxyzxyzxyzxyz ") + alphabet;
    int foundInLong = 0;
    for (int round = 0; round < 5000; ++round) {
        const QString text = test::randomJoin(random, sparse, static_cast<int>(random.bounded(120)));
        const QString needle = draw(3);
        const QByteArray latin1 = needle.toLatin1();
        const qsizetype qt = QStringView(text).indexOf(needle, 0, Qt::CaseInsensitive);
        foundInLong += qt >= 0 ? 1 : 0;
        QCOMPARE(indexOfCaseless(text, QStringView(needle)), qt);
        if (QString::fromLatin1(latin1) == needle)
            QCOMPARE(indexOfCaseless(text, QLatin1StringView(latin1)), qt);
    }
    QVERIFY2(foundInLong > 1000, "the long texts should hold matches too");
    QVERIFY(equalsCaseless(u"\u212Aey", QLatin1StringView("KEY")));
    QVERIFY(startsWithCaseless(u"ESMTP\u017F", QLatin1StringView("esmtp")));
    QVERIFY(endsWithCaseless(u"mx.GOOGLE.com", QLatin1StringView("google.com")));
    QVERIFY(!equalsCaseless(u"by", QLatin1StringView("b")));
}

// Two texts of one length, from letters that fold to each other in ways ASCII does not know,
// among them a surrogate pair whose characters (Deseret capital and small long I) are one
// character's two cases, and a lone surrogate.
void TestTextSearch::equalTextsAgreeWithQt()
{
    const QStringList units = {
        QStringLiteral("a"),          QStringLiteral("A"),      QStringLiteral("k"),
        QStringLiteral("\u212A"),     QStringLiteral("s"),      QStringLiteral("\u017F"),
        QStringLiteral("\u00E9"),     QStringLiteral("\u00C9"), QStringLiteral("\U00010400"),
        QStringLiteral("\U00010428"), QString(QChar(0xD801))};
    QRandomGenerator random(1204);
    int equal = 0;
    for (int round = 0; round < 20000; ++round) {
        QString a;
        QString b;
        const int n = static_cast<int>(random.bounded(5));
        for (int i = 0; i < n; ++i) {
            a += test::pick(random, units);
            b += test::pick(random, units);
        }
        const bool qt = QStringView(a).compare(b, Qt::CaseInsensitive) == 0;
        equal += qt ? 1 : 0;
        QCOMPARE(equalsCaseless(a, b), qt);
        QCOMPARE(equalsCaseless(a, a.toUpper()),
                 QStringView(a).compare(a.toUpper(), Qt::CaseInsensitive) == 0);
    }
    QVERIFY2(equal > 1000, "many generated pairs should be equal ignoring case");
    QVERIFY(equalsCaseless(u"\U00010400x", u"\U00010428X"));
}

void TestTextSearch::loweredIsToLower()
{
    // Beyond ASCII Qt's full mappings apply (U+0130 becomes two units), so such text goes to Qt.
    const QStringList units = {
        QStringLiteral("a"),      QStringLiteral("Z"),      QStringLiteral("5"),
        QStringLiteral("@"),      QStringLiteral("-"),      QStringLiteral("\u0130"),
        QStringLiteral("\u00C9"), QStringLiteral("\u212A"), QStringLiteral("\U00010400")};
    QRandomGenerator random(4);
    for (int round = 0; round < 20000; ++round) {
        const QString text = test::randomJoin(random, units, static_cast<int>(random.bounded(8)));
        const QString copy = text; // shared: lowered() must not change it
        QCOMPARE(lowered(text), text.toLower());
        QCOMPARE(text, copy);
    }
    QCOMPARE(lowered(QStringLiteral("MX.Example.ORG")), QStringLiteral("mx.example.org"));
    QVERIFY(lowered(QString()).isNull());
}

namespace {
// ASCII blanks of every kind, and spaces beyond ASCII (no-break, en quad, ideographic, line
// separator, NEL) that QChar::isSpace knows, among letters: runs, ends and single blanks.
QStringList blankUnits()
{
    return {QStringLiteral("a"),      QStringLiteral("Z"),      QStringLiteral(" "),
            QStringLiteral("\t"),     QStringLiteral("\n"),     QStringLiteral("\r"),
            QStringLiteral("\v"),     QStringLiteral("\f"),     QStringLiteral("\u00A0"),
            QStringLiteral("\u2000"), QStringLiteral("\u3000"), QStringLiteral("\u2028"),
            QStringLiteral("\u0085"), QStringLiteral("\u00E9"), QStringLiteral("\U00010400"),
            QStringLiteral("\x1f")};
}
} // namespace

void TestTextSearch::simplifiedTextIsSimplified()
{
    const QStringList units = blankUnits();
    QRandomGenerator random(5);
    int unchanged = 0;
    for (int round = 0; round < 20000; ++round) {
        const QString text = test::randomJoin(random, units, static_cast<int>(random.bounded(8)));
        const QString copy = text;
        const QString simplified = simplifiedText(text);
        QCOMPARE(simplified, text.simplified());
        QCOMPARE(text, copy);
        unchanged += simplified == text;
    }
    QVERIFY(unchanged > 1000); // texts that are simple already are among them
    QVERIFY(simplifiedText(QString()).isEmpty());
}

// simplifiedLines: what splitting at '\n', simplifying each line, dropping the empty ones and
// joining with '\n' gives, on texts of the same units with more line breaks.
void TestTextSearch::simplifiedLinesAreTheLinesSimplified()
{
    const QStringList units = blankUnits() << QStringLiteral("\n");
    const auto expected = [](const QString& text) {
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString& l : lines)
            l = l.simplified();
        lines.removeAll(QString());
        return lines.join(QLatin1Char('\n'));
    };
    QRandomGenerator random(6);
    int multiLine = 0;
    for (int round = 0; round < 20000; ++round) {
        const QString text = test::randomJoin(random, units, static_cast<int>(random.bounded(24)));
        const QString lines = simplifiedLines(text);
        QCOMPARE(lines, expected(text));
        multiLine += lines.count(QLatin1Char('\n')) >= 2;
    }
    QVERIFY(multiLine > 1000); // texts of several lines kept are among them
    QVERIFY(simplifiedLines(QString()).isEmpty());
    QCOMPARE(simplifiedLines(u" \n\t\n"), QString());
    QCOMPARE(simplifiedLines(u"\n  550  5.1.1\r\n\n user  unknown \n"),
             QStringLiteral("550 5.1.1\nuser unknown"));
}

// beforeFirst and afterFirst: QString::section(separator, 0, 0) and section(separator, 1), on texts
// with no separator, one, several, and separators at the ends.
void TestTextSearch::firstSectionsAreQtSections()
{
    const QStringList units = {QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("/"),
                               QStringLiteral(";"), QStringLiteral(" "), QStringLiteral("\u00E9")};
    QRandomGenerator random(7);
    for (int round = 0; round < 5000; ++round) {
        const QString text = test::randomJoin(random, units, static_cast<int>(random.bounded(10)));
        for (const char16_t separator : {u'/', u';', u' '}) {
            QCOMPARE(beforeFirst(text, separator).toString(), text.section(QChar(separator), 0, 0));
            QCOMPARE(afterFirst(text, separator).toString(), text.section(QChar(separator), 1));
        }
    }
}

// indexOfUnit and containsUnit: QStringView::indexOf(QChar, from) and contains(QChar), for every
// start offset Qt accepts (negative ones count from the end) and past the end.
void TestTextSearch::unitSearchIsIndexOf()
{
    const QString texts[] = {QString(),
                             QStringLiteral(""),
                             QStringLiteral("a"),
                             QStringLiteral("192.0.2.1:25"),
                             QStringLiteral("[IPv6:2001:db8::1]"),
                             QStringLiteral("\u212A:.:\u00E9-/")};
    const char16_t units[] = {u':', u'.', u'a', u'-', u'/', u'\u00E9', u'x'};
    int found = 0;
    for (const QString& text : texts) {
        for (const char16_t unit : units) {
            QCOMPARE(containsUnit(text, unit), QStringView(text).contains(QChar(unit)));
            for (qsizetype from = -text.size() - 2; from <= text.size() + 2; ++from) {
                const qsizetype qt = QStringView(text).indexOf(QChar(unit), from);
                found += qt >= 0 ? 1 : 0;
                QCOMPARE(indexOfUnit(text, unit, from), qt);
            }
        }
    }
    QVERIFY(found > 20);
}

QTEST_APPLESS_MAIN(TestTextSearch)
#include "TestTextSearch.moc"
