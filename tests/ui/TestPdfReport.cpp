// The PDF report as a reader gets it: the facts printed (read back with poppler's pdftotext),
// message text printed as text, redaction, the paper, vector timelines, wrapping instead of
// cutting off, atomic writes, and File > Export PDF Report in the window. Runs offscreen; skips
// the read-back checks when poppler-utils is not installed.

#include "Analyzer.h"
#include "ExportPdfDialog.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PdfReport.h"
#include "ReportOptions.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

namespace {

constexpr int Timeout = 30000;

bool havePoppler()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty() &&
           !QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty();
}

QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(Timeout))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

// The text of the PDF as a reader's viewer extracts it, white space collapsed.
QString pdfText(const QString& path)
{
    return run(QStringLiteral("pdftotext"),
               {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")})
        .simplified();
}

QString pdfInfo(const QString& path, const QString& key)
{
    const QString info = run(QStringLiteral("pdfinfo"), {path});
    const QRegularExpression line(QStringLiteral("^%1:\\s*(.*)$").arg(QRegularExpression::escape(key)),
                                  QRegularExpression::MultilineOption);
    return line.match(info).captured(1).trimmed();
}

int pageCount(const QString& path)
{
    return pdfInfo(path, QStringLiteral("Pages")).toInt();
}

Analysis analyzeFixture(const QString& relative)
{
    return Analyzer::analyzeBytes(test::readData(relative), QFileInfo(relative).fileName());
}

QString writeReport(const QTemporaryDir& dir, const Analysis& analysis, const ReportOptions& options,
                    const QString& name = QStringLiteral("report.pdf"))
{
    const QString path = dir.filePath(name);
    QString error;
    if (!PdfReport::write(analysis, path, options, &error)) {
        qWarning("PdfReport::write failed: %s", qPrintable(error));
        return {};
    }
    return path;
}

QStringList fixtures()
{
    QStringList files;
    for (const QString& folder : {QStringLiteral("bounces"), QStringLiteral("messages")}) {
        const QDir dir(test::dataPath(folder));
        for (const QString& name : dir.entryList(QDir::Files, QDir::Name))
            files << folder + QLatin1Char('/') + name;
    }
    return files;
}

} // namespace

class TestPdfReport final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();

    void keyFactsArePrinted_data();
    void keyFactsArePrinted();
    void everyFixtureMakesASaneReport_data();
    void everyFixtureMakesASaneReport();
    void markupInASubjectPrintsLiterally();
    void redactionRemovesLocalPartsAndIpsButKeepsDomains_data();
    void redactionRemovesLocalPartsAndIpsButKeepsDomains();
    void paperSizeIsTheOneChosen_data();
    void paperSizeIsTheOneChosen();
    void paperFollowsTheLocale_data();
    void paperFollowsTheLocale();
    void paperFollowsLcPaper();
    void timelineIsDrawnAsVectorsNotABitmap();
    void nothingRunsOffThePage();
    void aFailedWriteLeavesNoFileAndSaysWhy_data();
    void aFailedWriteLeavesNoFileAndSaysWhy();
    void anExistingFileIsReplacedWhole();

    void exportActionIsOnlyEnabledWithAnAnalysis();
    void exportFromTheWindowWritesTheReport();
    void aFailedExportIsExplainedInTheMessageBar();
    void cancellingTheExportWritesNothing();
    void exportDialogGivesWhatWasChosen();
    void redactionKeepsDkimListsAndVersionNumbers();
    void exportProposesTheLastExportFolderOrDocuments();
    void aSuccessfulExportClearsTheEarlierError();

private:
    bool m_poppler = false;
};

void TestPdfReport::initTestCase()
{
    test::isolateSettings();
    m_poppler = havePoppler();
}

void TestPdfReport::init()
{
    const QByteArray function = QTest::currentTestFunction();
    const bool needsPoppler = !function.startsWith("paperFollows") && !function.startsWith("aFailed") &&
                              !function.startsWith("exportAction") && !function.startsWith("cancelling") &&
                              !function.startsWith("exportDialog");
    if (needsPoppler && !m_poppler)
        QSKIP("pdftotext/pdfinfo (poppler-utils) not installed: cannot read the PDF back");
}

void TestPdfReport::keyFactsArePrinted_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("facts");

    // Each fact checked by hand against the fixture and the standards: the recipient, the cause's
    // title, the reply code with its RFC 5321 meaning, the enhanced status with its IANA name,
    // the server's own words, and the hosts of the relay chain.
    QTest::newRow("A Postfix DSN with two recipients prints both, codes, meanings and words")
        << QStringLiteral("bounces/rfc3464-postfix-two-recipients.eml")
        << QStringList{QStringLiteral("bob@example.com"),
                       QStringLiteral("carol@example.org"),
                       QStringLiteral("Mailbox does not exist"),
                       QStringLiteral("Mailbox full"),
                       QStringLiteral("550"),
                       QStringLiteral("mailbox unavailable"),
                       QStringLiteral("5.1.1"),
                       QStringLiteral("Bad destination mailbox address"),
                       QStringLiteral("4.2.2"),
                       QStringLiteral("Recipient address rejected: User unknown in virtual mailbox table"),
                       QStringLiteral("mx1.example.com"),
                       QStringLiteral("mail.example.net"),
                       QStringLiteral("Route of the original message"),
                       QStringLiteral("Route of the bounce"),
                       QStringLiteral("Quarterly figures")};
    QTest::newRow("An Exim bounce for a DMARC failure is the sender's problem")
        << QStringLiteral("bounces/exim-failed.eml")
        << QStringList{QStringLiteral("judy@example.com"),
                       QStringLiteral("Authentication failed (SPF/DKIM/DMARC)"),
                       QStringLiteral("The sender's side"),
                       QStringLiteral("550"),
                       QStringLiteral("5.7.26"),
                       QStringLiteral("Multiple authentication checks failed"),
                       QStringLiteral("Unauthenticated email from example.net is not accepted"),
                       QStringLiteral("smtp.example.net"),
                       QStringLiteral("Lunch on Friday")};
    QTest::newRow("A Gmail bounce for a disabled account")
        << QStringLiteral("bounces/gmail.eml")
        << QStringList{QStringLiteral("xavier@example.com"),
                       QStringLiteral("Mailbox disabled"),
                       QStringLiteral("550"),
                       QStringLiteral("5.2.1"),
                       QStringLiteral("Mailbox disabled, not accepting messages"),
                       QStringLiteral("The email account that you tried to reach is disabled")};
    QTest::newRow("A Postfix delay notice is deferred, with the connection error")
        << QStringLiteral("bounces/postfix-delayed.eml")
        << QStringList{QStringLiteral("peggy@example.com"),      QStringLiteral("DEFERRED"),
                       QStringLiteral("Network or DNS problem"), QStringLiteral("4.4.1"),
                       QStringLiteral("No answer from host"),    QStringLiteral("Connection timed out")};
    QTest::newRow("A delivered message shows its four hops and its SPF/DKIM/DMARC results")
        << QStringLiteral("messages/gmail-delivered.eml")
        << QStringList{QStringLiteral("NO FAILURE FOUND"),
                       QStringLiteral("app-worker-3.internal.shop-example.net"),
                       QStringLiteral("mail-out-7.shop-example.net"),
                       QStringLiteral("mx.google.com"),
                       QStringLiteral("Authentication"),
                       QStringLiteral("SPF pass"),
                       QStringLiteral("DMARC pass")};
}

void TestPdfReport::keyFactsArePrinted()
{
    QFETCH(QString, file);
    QFETCH(QStringList, facts);
    QTemporaryDir dir;
    const QString path = writeReport(dir, analyzeFixture(file), ReportOptions());
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    for (const QString& fact : std::as_const(facts))
        QVERIFY2(text.contains(fact),
                 qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(fact, text.left(3000))));
    // The title page names the report, the source and the version; every page is numbered.
    QVERIFY(text.contains(QLatin1String("HEADERLENS REPORT")));
    QVERIFY(text.contains(QFileInfo(file).fileName()));
    QVERIFY(text.contains(QStringLiteral("HeaderLens %1").arg(QStringLiteral(HEADERLENS_VERSION))));
    QVERIFY(text.contains(QLatin1String("Page 1 of ")));
    QVERIFY(text.contains(QLatin1String("Appendix: header fields")));
}

void TestPdfReport::everyFixtureMakesASaneReport_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& file : fixtures())
        QTest::newRow(qPrintable(file)) << file;
}

void TestPdfReport::everyFixtureMakesASaneReport()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString path = writeReport(dir, analyzeFixture(file), ReportOptions());
    QVERIFY(!path.isEmpty());
    // One message: a title page, the details, the relay chain, the appendix; never a stack.
    const int pages = pageCount(path);
    QVERIFY2(pages >= 2 && pages <= 8, qPrintable(QString::number(pages)));
    const QString text = pdfText(path);
    for (int page = 1; page <= pages; ++page)
        QVERIFY2(text.contains(QStringLiteral("Page %1 of %2").arg(page).arg(pages)),
                 qPrintable(QString::number(page)));
    // No page holds only its footer.
    for (int page = 1; page <= pages; ++page) {
        const QString pageText =
            run(QStringLiteral("pdftotext"),
                {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page),
                 QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
        QStringList body;
        for (const QString& line : pageText.split(QLatin1Char('\n'))) {
            const QString l = line.trimmed();
            if (!l.isEmpty() && !l.contains(QLatin1String("HeaderLens report")) &&
                !l.startsWith(QLatin1String("Page ")))
                body << l;
        }
        QVERIFY2(!body.isEmpty(),
                 qPrintable(QStringLiteral("page %1 of %2 has no body text").arg(page).arg(pages)));
    }
    // Host names in the hop tables break after a dot, never inside a label.
    const Analysis analysis = analyzeFixture(file);
    QStringList hosts;
    for (const RelayChain* chain : {&analysis.relay, &analysis.originalRelay}) {
        for (const RelayHop& hop : chain->hops) {
            for (const QString& host : {hop.received.byHost, hop.received.fromHost}) {
                if (host.count(QLatin1Char('.')) >= 1 && host.size() >= 8 && !hosts.contains(host))
                    hosts << host;
            }
        }
    }
    const QStringList lines =
        run(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), QStringLiteral("-enc"),
                                          QStringLiteral("UTF-8"), path, QStringLiteral("-")})
            .split(QLatin1Char('\n'));
    for (int i = 0; i + 1 < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        const QString next = lines[i + 1].trimmed();
        for (const QString& host : std::as_const(hosts)) {
            for (int cut = 3; cut < host.size() - 1; ++cut) {
                const QChar before = host.at(cut - 1);
                const QChar after = host.at(cut);
                if (before == QLatin1Char('.') || after == QLatin1Char('.') || before == QLatin1Char('-'))
                    continue; // a break at a dot or a hyphen is a fair one
                if (line.endsWith(host.left(cut)) && next.startsWith(host.mid(cut)))
                    QFAIL(qPrintable(QStringLiteral("host name %1 broken as '%2' / '%3'")
                                         .arg(host, host.left(cut), host.mid(cut))));
            }
        }
    }
}

void TestPdfReport::redactionKeepsDkimListsAndVersionNumbers()
{
    const QByteArray message =
        "Received: from relay.example.org (relay.example.org [203.0.113.45])\n"
        "\tby mx.example.com (8.17.1.9/8.17.1.9) with ESMTPS id 4AB12CD; Fri, 27 Nov 2026 10:00:00 +0000\n"
        "Received: from [IPv6:2001:db8::25] (unknown [198.51.100.7])\n"
        "\tby relay.example.org (Postfix 3.7.10.1) with ESMTP; Fri, 27 Nov 2026 09:59:58 +0000\n"
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=mail;\n"
        "\th=from:to:cc:subject:date:message-id; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=abc\n"
        "List-Unsubscribe: <https://lists.example.org/unsub/8f3a9c2e77b14d0c9e1f?u=alice&t=a81B92cd>\n"
        "From: Alice Martin <alice.martin@example.org>\n"
        "To: bob@example.com\n"
        "Subject: versions and lists\n"
        "Date: Fri, 27 Nov 2026 09:59:57 +0000\n"
        "Message-ID: <v1@example.org>\n";
    ReportOptions options;
    options.redact = true;
    QTemporaryDir dir;
    const QString path = writeReport(dir, Analyzer::analyzeBytes(message, QStringLiteral("m.eml")), options);
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    QVERIFY2(text.contains(QLatin1String("h=from:to:cc:subject:date:message-id")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("8.17.1.9/8.17.1.9")));
    QVERIFY(text.contains(QLatin1String("Postfix 3.7.10.1")));
    QVERIFY(!text.contains(QLatin1String("[[IP]]")));
    QVERIFY(!text.contains(QLatin1String("203.0.113.45")));
    QVERIFY(!text.contains(QLatin1String("2001:db8::25")));
    QVERIFY(!text.contains(QLatin1String("8f3a9c2e77b14d0c9e1f")));
    QVERIFY(!text.contains(QLatin1String("a81B92cd")));
    QVERIFY(text.contains(QLatin1String("lists.example.org/unsub/")));
    QVERIFY(!text.contains(QLatin1String("alice.martin@")));
}

void TestPdfReport::markupInASubjectPrintsLiterally()
{
    const QString subject = QStringLiteral("<b>bold</b><a href=\"http://x\">x</a>");
    const Analysis analysis = Analyzer::analyzeText(
        QStringLiteral("From: Mallory <mallory@example.net>\nTo: bob@example.org\nSubject: %1\n"
                       "Date: Fri, 27 Nov 2026 10:00:00 +0000\nMessage-ID: <m1@example.net>\n\nHello\n")
            .arg(subject),
        QStringLiteral("markup.eml"));
    QTemporaryDir dir;
    const QString path = writeReport(dir, analysis, ReportOptions());
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    QVERIFY2(text.contains(subject), qPrintable(text.left(2000)));
    // Nothing became a link: the PDF has no URI action at all.
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(!pdf.readAll().contains("/URI"));
}

void TestPdfReport::redactionRemovesLocalPartsAndIpsButKeepsDomains_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("personal");
    QTest::addColumn<QStringList>("kept");

    // Local parts and IP addresses as they stand in the fixtures (recipients, DSN fields, the
    // Received fields of both routes, the SPF result); domains and hosts a postmaster needs.
    QTest::newRow("A bounce keeps its domains and hosts, loses addresses and IPs")
        << QStringLiteral("bounces/rfc3464-postfix-two-recipients.eml")
        << QStringList{QStringLiteral("bob@"),       QStringLiteral("carol@"),
                       QStringLiteral("alice@"),     QStringLiteral("203.0.113.5"),
                       QStringLiteral("192.0.2.25"), QStringLiteral("198.51.100.7")}
        << QStringList{QStringLiteral("***@example.com"), QStringLiteral("***@example.org"),
                       QStringLiteral("mail.example.net"), QStringLiteral("mx1.example.com"),
                       QStringLiteral("[IP]")};
    QTest::newRow("A delivered message loses the reader's address, the client IPs and the IPv6 hop")
        << QStringLiteral("messages/gmail-delivered.eml")
        << QStringList{QStringLiteral("alice.martin"), QStringLiteral("bounces+2213"),
                       QStringLiteral("198.51.100.27"), QStringLiteral("10.20.3.14"),
                       QStringLiteral("2002:a05:6a10:8e4b")}
        << QStringList{QStringLiteral("***@gmail.com"), QStringLiteral("mx.google.com"),
                       QStringLiteral("mail-out-7.shop-example.net"), QStringLiteral("[IP]")};
}

void TestPdfReport::redactionRemovesLocalPartsAndIpsButKeepsDomains()
{
    QFETCH(QString, file);
    QFETCH(QStringList, personal);
    QFETCH(QStringList, kept);
    const Analysis analysis = Analyzer::analyzeFile(test::dataPath(file));
    QTemporaryDir dir;

    const QString plainText =
        pdfText(writeReport(dir, analysis, ReportOptions(), QStringLiteral("plain.pdf")));
    for (const QString& item : std::as_const(personal))
        QVERIFY2(plainText.contains(item),
                 qPrintable(QStringLiteral("the unredacted report should show ") + item));

    ReportOptions options;
    options.redact = true;
    const QString path = writeReport(dir, analysis, options, QStringLiteral("redacted.pdf"));
    QVERIFY(!path.isEmpty());
    const QString text = pdfText(path);
    for (const QString& item : std::as_const(personal))
        QVERIFY2(!text.contains(item), qPrintable(QStringLiteral("still in the redacted report: ") + item));
    for (const QString& item : std::as_const(kept))
        QVERIFY2(text.contains(item), qPrintable(QStringLiteral("lost by redaction: ") + item));
    // The title page and every footer say so.
    QVERIFY(text.contains(QStringLiteral("HEADERLENS REPORT \u00b7 REDACTED")));
    QVERIFY(text.contains(QLatin1String("Redacted for sharing")));
    QCOMPARE(text.count(QLatin1String("personal data redacted")), pageCount(path));
    // Only the file name: a folder path can name a person ("/home/alice/...").
    QVERIFY2(text.contains(QStringLiteral("Source %1 Input").arg(QFileInfo(file).fileName())),
             qPrintable(text.left(600)));
    // The unredacted report names the whole path. pdftotext breaks a long path across lines and
    // may put the labels column first; where it breaks at a hyphen it joins the halves without it.
    // So look for the path alone, without white space or hyphens.
    static const QRegularExpression breaks(QStringLiteral("[\\s-]+"));
    QString flat = plainText;
    flat.remove(breaks);
    QVERIFY(plainText.contains(QLatin1String("Source")));
    QVERIFY2(flat.contains(QString(test::dataPath(file)).remove(breaks)), qPrintable(plainText.left(600)));
}

void TestPdfReport::paperSizeIsTheOneChosen_data()
{
    QTest::addColumn<ReportOptions::Paper>("paper");
    QTest::addColumn<QString>("size");
    // ISO 216 A4 is 210 x 297 mm = 595 x 842 pt; US Letter 8.5 x 11 in = 612 x 792 pt.
    QTest::newRow("A4") << ReportOptions::Paper::A4 << QStringLiteral("595 x 842 pts (A4)");
    QTest::newRow("Letter") << ReportOptions::Paper::Letter << QStringLiteral("612 x 792 pts (letter)");
}

void TestPdfReport::paperSizeIsTheOneChosen()
{
    QFETCH(ReportOptions::Paper, paper);
    QFETCH(QString, size);
    ReportOptions options;
    options.paper = paper;
    QTemporaryDir dir;
    const QString path = writeReport(dir, analyzeFixture(QStringLiteral("bounces/exim-failed.eml")), options);
    QVERIFY(!path.isEmpty());
    QCOMPARE(pdfInfo(path, QStringLiteral("Page size")), size);
}

void TestPdfReport::paperFollowsTheLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<ReportOptions::Paper>("paper");
    // CLDR: Letter in the US, Canada, Mexico, parts of Latin America and the Philippines.
    QTest::newRow("United States") << QStringLiteral("en_US") << ReportOptions::Paper::Letter;
    QTest::newRow("Canada, English") << QStringLiteral("en_CA") << ReportOptions::Paper::Letter;
    QTest::newRow("Canada, French (metric, yet Letter)")
        << QStringLiteral("fr_CA") << ReportOptions::Paper::Letter;
    QTest::newRow("Mexico") << QStringLiteral("es_MX") << ReportOptions::Paper::Letter;
    QTest::newRow("Chile") << QStringLiteral("es_CL") << ReportOptions::Paper::Letter;
    QTest::newRow("Philippines") << QStringLiteral("en_PH") << ReportOptions::Paper::Letter;
    QTest::newRow("United Kingdom") << QStringLiteral("en_GB") << ReportOptions::Paper::A4;
    QTest::newRow("Germany") << QStringLiteral("de_DE") << ReportOptions::Paper::A4;
    QTest::newRow("Spain") << QStringLiteral("es_ES") << ReportOptions::Paper::A4;
    QTest::newRow("Brazil") << QStringLiteral("pt_BR") << ReportOptions::Paper::A4;
    QTest::newRow("Japan") << QStringLiteral("ja_JP") << ReportOptions::Paper::A4;
    QTest::newRow("Australia") << QStringLiteral("en_AU") << ReportOptions::Paper::A4;
}

void TestPdfReport::paperFollowsTheLocale()
{
    QFETCH(QString, locale);
    QFETCH(ReportOptions::Paper, paper);
    QCOMPARE(ReportOptions::paperFor(QLocale(locale)), paper);
}

void TestPdfReport::paperFollowsLcPaper()
{
    const QByteArray savedAll = qgetenv("LC_ALL");
    const QByteArray savedPaper = qgetenv("LC_PAPER");
    qunsetenv("LC_ALL");
    qputenv("LC_PAPER", "en_US.UTF-8");
    const ReportOptions::Paper us = ReportOptions::systemPaper();
    qputenv("LC_PAPER", "de_DE.UTF-8");
    const ReportOptions::Paper de = ReportOptions::systemPaper();
    qputenv("LC_ALL", "es_MX.UTF-8"); // LC_ALL overrides every category
    const ReportOptions::Paper all = ReportOptions::systemPaper();
    savedAll.isNull() ? qunsetenv("LC_ALL") : qputenv("LC_ALL", savedAll);
    savedPaper.isNull() ? qunsetenv("LC_PAPER") : qputenv("LC_PAPER", savedPaper);
    QCOMPARE(us, ReportOptions::Paper::Letter);
    QCOMPARE(de, ReportOptions::Paper::A4);
    QCOMPARE(all, ReportOptions::Paper::Letter);
}

void TestPdfReport::timelineIsDrawnAsVectorsNotABitmap()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty())
        QSKIP("pdfimages (poppler-utils) not installed");
    QTemporaryDir dir;
    const QString path =
        writeReport(dir, analyzeFixture(QStringLiteral("messages/gmail-delivered.eml")), ReportOptions());
    QVERIFY(!path.isEmpty());
    // pdfimages lists a two-line header, then one line per image: there must be none.
    const QStringList images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path})
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(images.size() == 2, qPrintable(images.join(QLatin1Char('\n'))));
    // The timeline's words are text: the axis start (hop 1 at 10:13:40 UTC) and the longest step,
    // 28 s from hop 2 (10:13:41) to hop 3 (02:14:09 -0800).
    const QString text = pdfText(path);
    QVERIFY(text.contains(QLatin1String("Time axis from 2026-11-27 10:13:40 UTC")));
    QVERIFY(text.contains(QStringLiteral("28 s \u00b7 longest")));
    QVERIFY(text.contains(QLatin1String("4 hops")));
}

void TestPdfReport::nothingRunsOffThePage()
{
    // A field with a 3000-character token and no space (a DKIM signature does this), a host name
    // of 200 characters in a Received field, a server reply of one long word.
    QString token;
    for (int i = 0; i < 3000; ++i)
        token += QLatin1Char("abcdefghijklmnopqrstuvwxyz0123456789+/"[i % 38]);
    const QString host = QString(QStringLiteral("a").repeated(190) + QStringLiteral(".example.net"));
    const Analysis analysis = Analyzer::analyzeText(
        QStringLiteral(
            "Received: from %1 (%1 [192.0.2.1]) by mx.example.org with ESMTPS id X1; Fri, 27 Nov "
            "2026 10:00:05 +0000\nReceived: from localhost by %1 with ESMTP id X0; Fri, 27 Nov 2026 "
            "10:00:00 +0000\nFrom: a@example.net\nTo: b@example.org\nSubject: long\nX-Token: %2\n\n"
            "body\n")
            .arg(host, token),
        QStringLiteral("long.eml"));
    QTemporaryDir dir;
    const QString path = writeReport(dir, analysis, ReportOptions());
    QVERIFY(!path.isEmpty());

    // Every word lies inside the A4 page (595 pt wide) with room for the margins (18 mm = 51 pt).
    const QString bbox =
        run(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), path, QStringLiteral("-")});
    const QRegularExpression word(
        QStringLiteral("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\""));
    int words = 0;
    for (auto it = word.globalMatch(bbox); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QVERIFY2(m.captured(1).toDouble() >= 45 && m.captured(2).toDouble() <= 550,
                 qPrintable(m.captured(0)));
        ++words;
    }
    QVERIFY(words > 100);
    // Wrapped, not cut: the whole token is there.
    QString text = pdfText(path);
    text.remove(QLatin1Char(' '));
    QVERIFY(text.contains(token));
    QVERIFY(text.contains(host));
}

void TestPdfReport::aFailedWriteLeavesNoFileAndSaysWhy_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("A folder that does not exist") << QStringLiteral("missing");
    QTest::newRow("A path below a regular file") << QStringLiteral("below-file");
    QTest::newRow("A folder the user may not write to") << QStringLiteral("read-only");
    QTest::newRow("A name that is a folder") << QStringLiteral("is-folder");
}

void TestPdfReport::aFailedWriteLeavesNoFileAndSaysWhy()
{
    QFETCH(QString, where);
    QTemporaryDir dir;
    QString path;
    QString folder = dir.path();
    if (where == QLatin1String("missing")) {
        path = dir.filePath(QStringLiteral("missing/report.pdf"));
    } else if (where == QLatin1String("below-file")) {
        QFile file(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a folder\n");
        file.close();
        path = dir.filePath(QStringLiteral("notes.txt/report.pdf"));
    } else if (where == QLatin1String("read-only")) {
        folder = dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkdir(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        QFile probe(folder + QStringLiteral("/probe"));
        if (probe.open(QIODevice::WriteOnly)) {
            // The superuser writes anywhere; /proc takes no new files from anyone.
            probe.close();
            probe.remove();
            folder = QStringLiteral("/proc");
            if (!QFileInfo(folder).isDir())
                QSKIP("running as the superuser on a system without /proc");
        }
        path = folder + QStringLiteral("/headerlens-report.pdf");
    } else {
        folder = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(QDir().mkdir(folder));
        path = folder;
    }
    const QStringList before = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

    QString error;
    const bool written = PdfReport::write(analyzeFixture(QStringLiteral("bounces/exim-failed.eml")), path,
                                          ReportOptions(), &error);
    QVERIFY(!written);
    QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    QVERIFY(error.size() > path.size() + 10); // a reason, not only the name
    if (where != QLatin1String("is-folder"))
        QVERIFY(!QFileInfo::exists(path));
    if (QFileInfo(folder).isDir() && folder != QLatin1String("/proc")) {
        // No temporary or partial file is left behind.
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
    }
    QFile::setPermissions(dir.filePath(QStringLiteral("read-only")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestPdfReport::anExistingFileIsReplacedWhole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(200000, 'x'));
    }
    QString error;
    QVERIFY2(
        PdfReport::write(analyzeFixture(QStringLiteral("bounces/gmail.eml")), path, ReportOptions(), &error),
        qPrintable(error));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    QVERIFY(!bytes.contains("xxxxxxxxxx"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("report.pdf")});
    QVERIFY(pageCount(path) >= 2);
}

// --- the window ------------------------------------------------------------------------------------

namespace {

QAction* exportAction(const MainWindow& window)
{
    return window.findChild<QAction*>(QStringLiteral("exportPdfAction"));
}

AnalysisItem bounceItem()
{
    AnalysisItem item;
    item.analysis = test::bounceAnalysis();
    item.title = QStringLiteral("bounce.eml");
    return item;
}

} // namespace

void TestPdfReport::exportActionIsOnlyEnabledWithAnAnalysis()
{
    MainWindow window;
    QAction* action = exportAction(window);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QVERIFY(!action->isEnabled());
    QMenu* file = window.menuBar()->actions().first()->menu();
    QVERIFY(file->actions().contains(action));

    window.addItem(bounceItem());
    QVERIFY(action->isEnabled());
    window.closeCurrentItem();
    QVERIFY(!action->isEnabled());
}

void TestPdfReport::exportFromTheWindowWritesTheReport()
{
    MainWindow window;
    window.addItem(bounceItem());
    QTemporaryDir dir;
    ExportPdfDialog::Request request;
    request.path = dir.filePath(QStringLiteral("shared.pdf"));
    request.options.paper = ReportOptions::Paper::Letter;
    request.options.redact = true;
    ExportPdfDialog::setNextAnswer(request);
    exportAction(window)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isExportingPdf(), Timeout);
    QVERIFY(QFileInfo::exists(request.path));
    QVERIFY(window.messageBar()->text().isEmpty() || window.messageBar()->kind() != MessageBar::Kind::Error);
    QVERIFY(exportAction(window)->isEnabled());

    const QString text = pdfText(request.path);
    QCOMPARE(pdfInfo(request.path, QStringLiteral("Page size")), QStringLiteral("612 x 792 pts (letter)"));
    QVERIFY(text.contains(QLatin1String("REDACTED")));
    QVERIFY(text.contains(QLatin1String("***@example.net")));
    QVERIFY(!text.contains(QLatin1String("j.wagner@")));
    QVERIFY(text.contains(QLatin1String("Mailbox does not exist")));
    QVERIFY(text.contains(QLatin1String("mx1.example.net")));
}

void TestPdfReport::aFailedExportIsExplainedInTheMessageBar()
{
    MainWindow window;
    window.addItem(bounceItem());
    QTemporaryDir dir;
    ExportPdfDialog::Request request;
    request.path = dir.filePath(QStringLiteral("no-such-folder/report.pdf"));
    ExportPdfDialog::setNextAnswer(request);
    exportAction(window)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.messageBar()->kind(), MessageBar::Kind::Error, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isExportingPdf(), Timeout);
    QVERIFY2(window.messageBar()->text().contains(QLatin1String("does not exist")),
             qPrintable(window.messageBar()->text()));
    QVERIFY(!window.messageBar()->isHidden());
    QVERIFY(!QFileInfo::exists(request.path));
}

void TestPdfReport::cancellingTheExportWritesNothing()
{
    MainWindow window;
    window.addItem(bounceItem());
    QTemporaryDir dir;
    QSettings().setValue(QStringLiteral("report/lastDirectory"), dir.path()); // where a report would go
    ExportPdfDialog::setNextAnswer(std::nullopt);
    exportAction(window)->trigger();
    QVERIFY(!window.isExportingPdf());
    QTest::qWait(200);
    QVERIFY(QDir(dir.path()).isEmpty());
    QVERIFY(window.messageBar()->kind() != MessageBar::Kind::Error || window.messageBar()->text().isEmpty());
}

void TestPdfReport::exportDialogGivesWhatWasChosen()
{
    ExportPdfDialog dialog;
    ExportPdfDialog::Request request;
    request.path = QStringLiteral("/tmp/some report");
    request.options.paper = ReportOptions::Paper::Letter;
    request.options.redact = false;
    dialog.setRequest(request);
    QCOMPARE(dialog.paperBox()->currentText().left(6), QStringLiteral("Letter"));
    dialog.paperBox()->setCurrentIndex(
        dialog.paperBox()->findText(QStringLiteral("A4"), Qt::MatchStartsWith));
    dialog.redactBox()->setChecked(true);
    const ExportPdfDialog::Request chosen = dialog.request();
    QCOMPARE(chosen.options.paper, ReportOptions::Paper::A4);
    QVERIFY(chosen.options.redact);
    QCOMPARE(chosen.path, QStringLiteral("/tmp/some report.pdf")); // the suffix is added
}

void TestPdfReport::exportProposesTheLastExportFolderOrDocuments()
{
    MainWindow window;
    AnalysisItem item = bounceItem();
    QTemporaryDir source;
    item.filePath = source.filePath(QStringLiteral("bounce.eml"));
    window.addItem(item);
    // No export yet: Documents, never the source's folder.
    QSettings().remove(QStringLiteral("report/lastDirectory"));
    std::optional<ExportPdfDialog::Request> proposed;
    ExportPdfDialog::setNextAnswer(std::nullopt, &proposed);
    exportAction(window)->trigger();
    QVERIFY(proposed);
    QCOMPARE(QFileInfo(proposed->path).absolutePath(),
             QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    QCOMPARE(QFileInfo(proposed->path).fileName(), QStringLiteral("bounce-report.pdf"));
    // After an export: that folder.
    QTemporaryDir out;
    QSettings().setValue(QStringLiteral("report/lastDirectory"), out.path());
    ExportPdfDialog::setNextAnswer(std::nullopt, &proposed);
    exportAction(window)->trigger();
    QCOMPARE(QFileInfo(proposed->path).absolutePath(), out.path());
}

void TestPdfReport::aSuccessfulExportClearsTheEarlierError()
{
    MainWindow window;
    window.addItem(bounceItem());
    QTemporaryDir dir;
    ExportPdfDialog::Request request;
    request.path = dir.filePath(QStringLiteral("no-such-folder/report.pdf"));
    ExportPdfDialog::setNextAnswer(request);
    exportAction(window)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.messageBar()->kind(), MessageBar::Kind::Error, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isExportingPdf(), Timeout);
    QVERIFY(!window.messageBar()->isHidden());
    request.path = dir.filePath(QStringLiteral("report.pdf"));
    ExportPdfDialog::setNextAnswer(request);
    exportAction(window)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isExportingPdf(), Timeout);
    QVERIFY(QFileInfo::exists(request.path));
    QVERIFY(window.messageBar()->isHidden());
}

QTEST_MAIN(TestPdfReport)
#include "TestPdfReport.moc"
