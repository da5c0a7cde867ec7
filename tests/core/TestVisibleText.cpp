#include "Analyzer.h"
#include "TextSummary.h"
#include "VisibleText.h"

#include <QTest>

using namespace headerlens;

// Characters that act instead of showing (terminal escapes, bidi overrides, zero-width ones)
// reach no output as themselves: the plain-text output shows markers (issue 14).
class TestVisibleText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void markers_data();
    void markers();
    void longTextIsCutOnce();
    void plainTextOutputHoldsNoControlSequence();
    void authenticationFieldsAreNeutralToo();
};

void TestVisibleText::markers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ordinary text is kept")
        << QStringLiteral("Grüße, 550 5.1.1") << QStringLiteral("Grüße, 550 5.1.1");
    QTest::newRow("line feeds and tabs stay") << QStringLiteral("a\n\tb") << QStringLiteral("a\n\tb");
    QTest::newRow("ESC and BEL become markers")
        << QStringLiteral("\x1b]0;title\x07") << QStringLiteral("<U+001B>]0;title<U+0007>");
    QTest::newRow("a carriage return cannot overwrite the line")
        << QStringLiteral("ok\rno") << QStringLiteral("ok<U+000D>no");
    QTest::newRow("a right-to-left override is shown, not applied")
        << QString::fromUtf16(u"invoice \u202Efdp.exe") << QStringLiteral("invoice <U+202E>fdp.exe");
    QTest::newRow("isolates, zero-width characters and the BOM are shown")
        << QString::fromUtf16(u"\u2066a\u2069b\u200Bc\uFEFF")
        << QStringLiteral("<U+2066>a<U+2069>b<U+200B>c<U+FEFF>");
    QTest::newRow("C1 controls are shown")
        << QString(QChar(0x9b)) + QStringLiteral("31m") << QStringLiteral("<U+009B>31m");
}

void TestVisibleText::markers()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(VisibleText::of(input), expected);
}

void TestVisibleText::longTextIsCutOnce()
{
    const QString once = VisibleText::shown(QString(100000, QLatin1Char('A')), 4000);
    QVERIFY(once.size() <= 4000);
    QVERIFY(once.contains(QLatin1String("more characters")));
    QCOMPARE(VisibleText::shown(once, 4000), once);
}

void TestVisibleText::plainTextOutputHoldsNoControlSequence()
{
    const QByteArray message =
        "From: MAILER-DAEMON@example.net\n"
        "To: sender@example.org\n"
        "Subject: \x1b]0;owned\x07\x1b[31mred \xe2\x80\xae"
        "fdp.exe\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ "
        "user unknown\n\n--B--\n";
    const Analysis analysis = Analyzer::analyzeBytes(message, QStringLiteral("hostile.eml"));
    QCOMPARE(analysis.recipients.size(), 1);
    const QString text = TextSummary::render(analysis);
    for (const QChar c : text)
        QVERIFY2(!VisibleText::isHidden(c.unicode()),
                 qPrintable(QStringLiteral("U+%1 in the output").arg(c.unicode(), 4, 16)));
    QVERIFY(text.contains(QLatin1String("<U+001B>")));
    QVERIFY(!text.contains(QChar(0x1b)));
}

// Authentication-Results, DKIM-Signature and spam-filter fields are the sender's to write as much
// as the Subject: what they hold reaches the text output as markers too.
void TestVisibleText::authenticationFieldsAreNeutralToo()
{
    const QByteArray message =
        "Received: from out.example.org (out.example.org [192.0.2.7]) by mx.example.com with ESMTPS id 1;"
        " Mon, 2 Mar 2026 10:00:00 +0000\n"
        "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=x@example.org"
        " (\x1b]0;owned\x07 sender \xe2\x80\xae"
        "gro.elpmaxe); dkim=fail header.d=example.org\n"
        "DKIM-Signature: v=1; a=rsa-sha256; d=exa\xe2\x80\x8bmple.org; s=sel\x1b[31m; h=from; bh=x; b=y\n"
        "X-Spam-Status: Yes, score=9.1 required=5.0 tests=\xe2\x81\xa6HIDDEN\xe2\x81\xa9\n"
        "From: a@example.org\nTo: b@example.com\nSubject: hello\n\nbody\n";
    const Analysis analysis = Analyzer::analyzeBytes(message, QStringLiteral("auth.eml"));
    QVERIFY(!analysis.authAssessment.isEmpty());
    const QString text = TextSummary::render(analysis);
    QVERIFY2(text.contains(QLatin1String("s=sel<U+001B>[31m")), qPrintable(text));
    for (const QChar c : text)
        QVERIFY2(!VisibleText::isHidden(c.unicode()),
                 qPrintable(QStringLiteral("U+%1 in the output").arg(c.unicode(), 4, 16)));
    // The assessment itself, as the window and the PDF get it: no raw control or bidi character.
    const Analysis shown = VisibleText::forDisplay(analysis);
    bool sawMarker = false;
    for (const AssessedResult& r : shown.authAssessment.results) {
        for (const QString& comment : r.result.comments) {
            QVERIFY(!comment.contains(QChar(0x1b)) && !comment.contains(QChar(0x202e)));
            sawMarker = sawMarker || comment.contains(QLatin1String("<U+202E>"));
        }
    }
    QVERIFY2(sawMarker, "the SPF comment keeps its text, with a marker for U+202E");
    QCOMPARE(shown.authAssessment.signatures.size(), 1);
    QCOMPARE(shown.authAssessment.signatures.first().signature.selector, QStringLiteral("sel<U+001B>[31m"));
}

QTEST_GUILESS_MAIN(TestVisibleText)
#include "TestVisibleText.moc"
