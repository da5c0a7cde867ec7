// Controls and bidi characters from a message are shown as markers in the window and the PDF
// report, never acted on (issue 14): a Subject holding U+202E cannot display another file name.

#include "AnalysisRunner.h"
#include "PdfReport.h"
#include "ReportOptions.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

namespace {

const QByteArray Hostile =
    "From: MAILER-DAEMON@example.net\n"
    "To: sender@example.org\n"
    "Subject: invoice \xe2\x80\xae"
    "fdp.exe \x1b[31mred\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user \xe2\x81\xa6unknown\xe2\x81\xa9\n\n--B--\n";

} // namespace

class TestVisibleTextViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowShowsMarkers();
    void pdfShowsMarkers();
};

void TestVisibleTextViews::windowShowsMarkers()
{
    const AnalysisItem item =
        AnalysisRunner::analyzeOne(AnalysisInput::fromBytes(Hostile, QStringLiteral("pasted")));
    const QString subject = item.analysis.message.header(u"Subject");
    QVERIFY2(subject.contains(QLatin1String("invoice <U+202E>fdp.exe <U+001B>[31mred")), qPrintable(subject));
    QCOMPARE(item.analysis.recipients.size(), 1);
    QVERIFY(item.analysis.recipients.first().report.diagnostic.contains(
        QLatin1String("<U+2066>unknown<U+2069>")));
    QVERIFY(!item.title.contains(QChar(0x202e)));
}

void TestVisibleTextViews::pdfShowsMarkers()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const AnalysisItem item =
        AnalysisRunner::analyzeOne(AnalysisInput::fromBytes(Hostile, QStringLiteral("pasted")));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.pdf"));
    ReportOptions options;
    QString error;
    QVERIFY2(PdfReport::write(item.analysis, path, options, &error), qPrintable(error));
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    QVERIFY(p.waitForFinished(30000));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(text.contains(QLatin1String("<U+202E>")), qPrintable(text.left(2000)));
    QVERIFY(!text.contains(QChar(0x202e)));
    QVERIFY(!text.contains(QChar(0x1b)));
}

QTEST_MAIN(TestVisibleTextViews)
#include "TestVisibleTextViews.moc"
