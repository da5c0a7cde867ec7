// The Authentication chapter of the PDF report, read back with poppler's pdftotext: the findings,
// trust and alignment printed, nothing cut off, and redaction reaching the chapter too.

#include "Analyzer.h"
#include "PdfReport.h"
#include "ReportOptions.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

class TestAuthenticationReport final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theChapterIsPrinted_data();
    void theChapterIsPrinted();
    void redactionReachesTheChapter();
    void noChapterWithoutAnythingToSay();
};

namespace {

QString pdfText(const QString& path)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!process.waitForFinished(30000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).simplified();
}

QString write(const QTemporaryDir& dir, const Analysis& analysis, const ReportOptions& options)
{
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    if (!PdfReport::write(analysis, path, options, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return path;
}

} // namespace

void TestAuthenticationReport::initTestCase()
{
    test::isolateSettings();
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) not installed: cannot read the PDF back");
}

void TestAuthenticationReport::theChapterIsPrinted_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("facts");
    QTest::newRow("a bounce naming Spamhaus: the blocklist, its removal page, DMARC that cannot pass")
        << QStringLiteral("auth/bounce-spamhaus.eml")
        << QStringList{QStringLiteral("Authentication and the sender's side"),
                       QStringLiteral("Listed on Spamhaus"),
                       QStringLiteral("check.spamhaus.org"),
                       QStringLiteral("DMARC cannot pass for shop.example"),
                       QStringLiteral("Your message, as the returned copy shows it"),
                       QStringLiteral("d=esp.example")};
    QTest::newRow("a forged result: trusted or not, and why")
        << QStringLiteral("auth/forged-below-receiver.eml")
        << QStringList{QStringLiteral("What the receiving servers checked"),
                       QStringLiteral("claims to come from mx.receiver.example"),
                       QStringLiteral("DMARC alignment, recomputed offline: fails"),
                       QStringLiteral("No reverse DNS for 203.0.113.66")};
    QTest::newRow("Microsoft 365: spam verdicts and their codes")
        << QStringLiteral("auth/office365-received.eml")
        << QStringList{QStringLiteral("Spam filter verdicts"), QStringLiteral("SCL 5: spam (junk folder)"),
                       QStringLiteral("SFV SPM: marked spam by the spam filter"),
                       QStringLiteral("header firewall")};
    QTest::newRow("an ARC chain through a mailing list")
        << QStringLiteral("auth/arc-mailing-list.eml")
        << QStringList{QStringLiteral("ARC chain"), QStringLiteral("sealed by lists.example.org"),
                       QStringLiteral("i=2")};
    QTest::newRow("malformed fields are printed raw")
        << QStringLiteral("auth/malformed-auth.txt")
        << QStringList{QStringLiteral("Fields that do not follow the standard"),
                       QStringLiteral("x-custom=ok")};
}

void TestAuthenticationReport::theChapterIsPrinted()
{
    QFETCH(QString, file);
    QFETCH(QStringList, facts);
    QTemporaryDir dir;
    const QString path = write(dir, Analyzer::analyzeFile(test::dataPath(file)), ReportOptions());
    QVERIFY(!path.isEmpty());
    // pdftotext may break a line anywhere: compare without white space.
    QString text = pdfText(path);
    text.remove(QLatin1Char(' '));
    text.remove(QChar(0x200b)); // host names may break after a dot
    for (QString fact : std::as_const(facts)) {
        fact.remove(QLatin1Char(' '));
        QVERIFY2(text.contains(fact), qPrintable(fact));
    }
}

void TestAuthenticationReport::redactionReachesTheChapter()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/bounce-spamhaus.eml")));
    QTemporaryDir dir;
    ReportOptions options;
    options.redact = true;
    const QString text = pdfText(write(dir, analysis, options));
    QVERIFY(text.contains(QStringLiteral("Listed on Spamhaus")));
    QVERIFY2(!text.contains(QStringLiteral("198.51.100.80")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("ivan@")));
}

void TestAuthenticationReport::noChapterWithoutAnythingToSay()
{
    const Analysis analysis = Analyzer::analyzeText(QStringLiteral("Subject: hello\nFrom: a@example.org\n"),
                                                    QStringLiteral("pasted"));
    QTemporaryDir dir;
    const QString text = pdfText(write(dir, analysis, ReportOptions()));
    QVERIFY(!text.isEmpty());
    QVERIFY(!text.contains(QStringLiteral("Authentication and the sender's side")));
}

QTEST_MAIN(TestAuthenticationReport)
#include "TestAuthenticationReport.moc"
