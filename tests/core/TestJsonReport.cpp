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
}

QTEST_GUILESS_MAIN(TestJsonReport)
#include "TestJsonReport.moc"
