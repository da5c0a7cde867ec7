// Controls and bidi characters from a message are shown as markers in the window and the PDF
// report, never acted on (issue 14): a Subject holding U+202E cannot display another file name.

#include "AnalysisRunner.h"
#include "AuthenticationHtml.h"
#include "BatchTableModel.h"
#include "BounceEvent.h"
#include "PdfReport.h"
#include "ReportOptions.h"

#include <QGuiApplication>
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
    void authenticationTabShowsMarkers();
    void batchTableShowsMarkers();
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

// The sender writes its own Authentication-Results and DKIM-Signature fields: the Authentication
// tab (and the PDF chapter built from the same HTML) shows what they hold as markers.
void TestVisibleTextViews::authenticationTabShowsMarkers()
{
    const QByteArray message =
        "Received: from out.example.org (out.example.org [192.0.2.7]) by mx.example.com with ESMTPS id 1;"
        " Mon, 2 Mar 2026 10:00:00 +0000\n"
        "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=x@example.org"
        " (sender \xe2\x80\xae"
        "gro.elpmaxe\x1b[31m); dkim=fail header.d=example.org\n"
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel\xe2\x80\xae"
        "1; h=from; bh=x; b=y\n"
        "From: a@example.org\nTo: b@example.com\nSubject: hello\n\nbody\n";
    const AnalysisItem item =
        AnalysisRunner::analyzeOne(AnalysisInput::fromBytes(message, QStringLiteral("pasted")));
    const AuthenticationHtml page(item.analysis, QGuiApplication::palette());
    QVERIFY(!page.isEmpty());
    const QString html = page.page();
    QVERIFY2(html.contains(QLatin1String("sel&lt;U+202E&gt;1")), qPrintable(html));
    QVERIFY(!html.contains(QChar(0x202e)));
    QVERIFY(!html.contains(QChar(0x1b)));
}

// The batch table's cells and tooltips show markers; its exports keep the message's own text.
void TestVisibleTextViews::batchTableShowsMarkers()
{
    BounceEvent row;
    row.address = QStringLiteral("user\u202e"
                                 "moc.elpmaxe@example.com");
    row.diagnostic = QStringLiteral("550 5.1.1 \x1b[31mno such user");
    row.reportingMta = QStringLiteral("mx\u2066.example.net");
    BatchTableModel model;
    model.append({row});
    const QString address = model.index(0, BatchTableModel::RecipientColumn).data().toString();
    QCOMPARE(address, QStringLiteral("user<U+202E>moc.elpmaxe@example.com"));
    QCOMPARE(model.index(0, BatchTableModel::ReportingMtaColumn).data().toString(),
             QStringLiteral("mx<U+2066>.example.net"));
    const QString tip = model.index(0, BatchTableModel::RecipientColumn).data(Qt::ToolTipRole).toString();
    QCOMPARE(tip, QStringLiteral("550 5.1.1 <U+001B>[31mno such user"));
    QCOMPARE(model.row(0).address, row.address); // what is exported stays as it was written
}

QTEST_MAIN(TestVisibleTextViews)
#include "TestVisibleTextViews.moc"
