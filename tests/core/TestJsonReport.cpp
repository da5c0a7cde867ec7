#include "Analyzer.h"
#include "JsonReport.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace headerlens;

// The streaming JSON writer behind `analyze --json` must print exactly what the QJsonObject
// tree (JsonReport::toJson) gives: same keys, same order, same escapes and number forms. When a
// field is added to toJson(), this test names the writer that still lacks it.
class TestJsonReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamingWriterEqualsTheTreeOnEveryFixture();
    void escapesAsQtDoes();
    void numbersKeysAndNullsAsTheTreeWritesThem();
};

namespace {

void compareOn(const QString& root, int& compared)
{
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const Analysis analysis = Analyzer::analyzeFile(path);
        const QByteArray streamed = JsonReport::toJsonLine(analysis);
        const QByteArray tree = JsonReport::toJsonLineViaTree(analysis);
        if (streamed != tree) {
            qsizetype at = 0;
            while (at < streamed.size() && at < tree.size() && streamed[at] == tree[at])
                ++at;
            QFAIL(qPrintable(QStringLiteral("%1 differs at byte %2:\n streamed: %3\n tree:     %4")
                                 .arg(path)
                                 .arg(at)
                                 .arg(QString::fromUtf8(streamed.mid(std::max<qsizetype>(0, at - 60), 160)),
                                      QString::fromUtf8(tree.mid(std::max<qsizetype>(0, at - 60), 160)))));
        }
        ++compared;
    }
}

} // namespace

void TestJsonReport::streamingWriterEqualsTheTreeOnEveryFixture()
{
    int compared = 0;
    compareOn(test::dataPath(QString()), compared);
    if (!test::corpusDir().isEmpty())
        compareOn(test::corpusDir(), compared);
    QVERIFY(compared > 100);
    qInfo("%d inputs compared", compared);
}

void TestJsonReport::escapesAsQtDoes()
{
    Analysis a;
    a.source = QString::fromUtf16(u"quote\" backslash\\ \b\f\n\r\t \x01\x1b\x7f \u00e9\u20ac\U0001F600 ") +
               QChar(0xd800) + QStringLiteral(" end");
    a.warnings = {QStringLiteral("line\u2028separator"), QString()};
    a.errors = {QString::fromUtf16(u"\u202eevil")};
    QCOMPARE(JsonReport::toJsonLine(a), JsonReport::toJsonLineViaTree(a));
    QVERIFY(QJsonDocument::fromJson(JsonReport::toJsonLine(a)).isObject());

    // Plain ASCII is copied eight units at a time: each character that needs care, at every
    // position of a block and of the tail, in strings of every length up to three blocks.
    const QList<QString> specials = {QStringLiteral("\""),
                                     QStringLiteral("\\"),
                                     QStringLiteral("\n"),
                                     QString(QChar(0x01)),
                                     QString(QChar(0x1f)),
                                     QString(QChar(0x7f)),
                                     QString(QChar(0x80)),
                                     QStringLiteral("\u00e9"),
                                     QStringLiteral("\u20ac"),
                                     QString(QChar(0xd83d)),
                                     QString::fromUtf16(u"\U0001F600")};
    for (int length = 1; length <= 24; ++length) {
        for (int at = 0; at < length; ++at) {
            for (const QString& special : specials) {
                Analysis b;
                b.source = QString(length, QLatin1Char('x')).replace(at, 1, special);
                QCOMPARE(JsonReport::toJsonLine(b), JsonReport::toJsonLineViaTree(b));
            }
        }
    }
}

// What the fixtures may never hold: round delays of a million seconds (QJsonValue prints 1000000,
// not 1e+06), values beyond 2^53, NaN and infinities, repeated and unsorted property keys (first
// value kept, keys in QString order), empty and non-ASCII keys, results without alignment.
void TestJsonReport::numbersKeysAndNullsAsTheTreeWritesThem()
{
    Analysis a;
    RelayHop h1;
    h1.number = 1;
    h1.delaySeconds = 1000000;
    RelayHop h2;
    h2.number = 2;
    h2.delaySeconds = -3000000;
    a.relay.hops = {h1, h2};
    a.relay.totalSeconds = 2000000;
    const double doubles[] = {-0.0, 0.5,  1e6,          1e15,     1e16, 9007199254740994.0,
                              1e20, -7e7, std::nan(""), INFINITY, 0.1,  1e-7};
    for (double d : doubles) {
        AssessedSpamVerdict v;
        v.verdict.filter = QStringLiteral("f");
        v.verdict.score = d;
        if (d == 1e6)
            v.verdict.threshold = -0.0;
        v.verdict.spam = d > 0;
        v.verdict.values = {{QStringLiteral("b"), QStringLiteral("1")},
                            {QStringLiteral("a"), QStringLiteral("2")},
                            {QStringLiteral("b"), QStringLiteral("3")},
                            {QString(), QStringLiteral("empty1")},
                            {QStringLiteral(""), QStringLiteral("empty2")},
                            {QStringLiteral("B"), QStringLiteral("4")},
                            {QString::fromUtf16(u"\ue000"), QStringLiteral("5")},
                            {QString::fromUtf16(u"\U0001F600"), QStringLiteral("6")},
                            {QString::fromUtf16(u"\u00e9\"q"), QStringLiteral("7")},
                            {QStringLiteral("a.b"), QStringLiteral("8")},
                            {QStringLiteral("a_b"), QStringLiteral("9")}};
        v.trust.hop = d > 0 ? 3 : 0;
        v.trust.trusted = d > 0;
        v.trust.checkedBy = d > 0 ? QStringLiteral("mx") : QString();
        a.authAssessment.spamVerdicts.append(v);
    }
    for (qint64 t : {qint64(0), qint64(1700000000), qint64(9007199254740993LL),
                     std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(), qint64(-5)}) {
        AssessedSignature s;
        s.signature.timestamp = t;
        s.signature.expiration = t < std::numeric_limits<qint64>::max() ? t + 1 : t;
        if (t == 0)
            s.signature.bodyLength = 0;
        s.expiredAtReceipt = t > 0;
        if (t > 0) {
            s.alignment.domain = QStringLiteral("d");
            s.alignment.fromDomain = QStringLiteral("d");
            s.alignment.relaxed = true;
        }
        a.originalAuthAssessment.signatures.append(s);
    }
    for (int i = 0; i < 4; ++i) {
        AssessedResult r;
        r.result.method = i == 3 ? QStringLiteral("dmarc") : QStringLiteral("spf");
        r.result.properties = {{QStringLiteral("smtp.mailfrom"), QStringLiteral("x")},
                               {QStringLiteral("header.d"), QStringLiteral("y")},
                               {QStringLiteral("smtp.mailfrom"), QStringLiteral("z")}};
        if (i > 0) {
            r.alignment.domain = QStringLiteral("d");
            r.alignment.fromDomain = QStringLiteral("d");
            r.alignment.organizationalDomain = i == 2 ? QString() : QStringLiteral("o");
            r.identityDomain = QStringLiteral("d");
        }
        r.trust.hop = i;
        a.authAssessment.results.append(r);
        AuthenticationField f;
        f.name = QStringLiteral("n");
        if (i == 1)
            f.problems = {QStringLiteral("p1")};
        f.results = {r.result};
        if (i == 2)
            f.results[0].problems = {QStringLiteral("p2"), QStringLiteral("p3")};
        a.authAssessment.fields.append(f);
    }
    AssessedArcSet set;
    set.set.instance = 1;
    set.set.results = {a.authAssessment.results[0].result};
    a.authAssessment.arcSets = {set, set};
    a.authAssessment.entryHop = 2;
    a.authAssessment.spfAligned = false;
    a.authAssessment.dkimAlignedStrict = true;
    SenderFinding f;
    f.hops = {1, 2};
    f.recipients = {QStringLiteral("r")};
    a.senderFindings = {f, SenderFinding()};
    a.sendingIp.address = QStringLiteral("192.0.2.1");
    a.sendingIp.version = 4;
    QCOMPARE(JsonReport::toJsonLine(a), JsonReport::toJsonLineViaTree(a));
    Analysis empty;
    QCOMPARE(JsonReport::toJsonLine(empty), JsonReport::toJsonLineViaTree(empty));
}

QTEST_GUILESS_MAIN(TestJsonReport)
#include "TestJsonReport.moc"
