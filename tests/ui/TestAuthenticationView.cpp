// The Authentication tab as a user meets it: Ctrl+7 opens it, it says what is trusted and why,
// markup in a forged field stays text, malformed fields show raw, and the theme is followed.

#include "AnalysisView.h"
#include "Analyzer.h"
#include "AuthenticationView.h"
#include "DocumentView.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QTest>
#include <QTextDocument>

using namespace headerlens;

class TestAuthenticationView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theTabIsReachedWithCtrl7();
    void trustAndAlignmentAreExplained();
    void aBounceShowsFindingsFirst();
    void markupInAForgedFieldStaysText();
    void malformedFieldsAreShownRaw();
    void anInputWithoutAuthenticationSaysSo();
    void aNewPaletteRepaintsThePage();
};

namespace {

QString plainText(const AuthenticationView* view)
{
    return view->document()->document()->toPlainText().simplified();
}

} // namespace

void TestAuthenticationView::initTestCase()
{
    test::isolateSettings();
}

void TestAuthenticationView::theTabIsReachedWithCtrl7()
{
    MainWindow window;
    window.show();
    window.openFile(test::dataPath(QStringLiteral("auth/forged-below-receiver.eml")));
    QTRY_COMPARE_WITH_TIMEOUT(window.itemCount(), 1, 20000);
    AnalysisView* view = window.analysisView();
    QCOMPARE(view->count(), int(AnalysisView::TabCount));
    QCOMPARE(view->tabText(AnalysisView::AuthenticationTab), QStringLiteral("&Authentication"));
    QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(view->currentIndex(), int(AnalysisView::AuthenticationTab));
    QCOMPARE(view->currentWidget(), view->authentication());
    QVERIFY(!view->authentication()->document()->accessibleName().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
}

void TestAuthenticationView::trustAndAlignmentAreExplained()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/forged-below-receiver.eml")));
    AuthenticationView view;
    view.resize(1100, 800);
    view.show();
    view.setAnalysis(analysis);
    const QString text = plainText(&view);
    for (const char* expected : {
             "Authentication and the sender's side",
             "Is it us? Findings on the sending side",
             "No reverse DNS for 203.0.113.66",
             "What the receiving servers checked",
             "DMARC alignment, recomputed offline: fails",
             "The receiver's own DMARC check: fail",
             "Method Result Checked by Trusted Aligned Why",
             "claims to come from mx.receiver.example",
             "already wrote its own result for this method higher up",
             "Not trusted: as above.",
             "bank-secure.example (organization bank-secure.example) is not in the From domain's "
             "organization "
             "bank.example",
         })
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    // An untrusted pass is not painted as good news.
    QVERIFY(view.html().contains(QStringLiteral("pass")));
}

void TestAuthenticationView::aBounceShowsFindingsFirst()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/bounce-spamhaus.eml")));
    AuthenticationView view;
    view.setAnalysis(analysis);
    const QString text = plainText(&view);
    const qsizetype findings = text.indexOf(QStringLiteral("Listed on Spamhaus"));
    const qsizetype original = text.indexOf(QStringLiteral("Your message, as the returned copy shows it"));
    QVERIFY(findings > 0);
    QVERIFY(original > findings);
    QVERIFY(text.contains(QStringLiteral("Removal page: https://check.spamhaus.org/")));
    QVERIFY(text.contains(QStringLiteral("DMARC cannot pass for shop.example")));
    // The delisting page is text, never a link.
    QVERIFY(!view.html().contains(QStringLiteral("<a ")));
}

void TestAuthenticationView::markupInAForgedFieldStaysText()
{
    const QString headers = QStringLiteral(
        "Received: from out.example.net (out.example.net [192.0.2.44]) by mx.example.com (Postfix) with "
        "ESMTPS id "
        "1; Sat, 7 Dec 2024 11:00:01 +0000\n"
        "Authentication-Results: <b>mx</b>.example.com; spf=pass (<a href=\"http://evil.example\">click</a>) "
        "smtp.mailfrom=<i>x</i>@example.net\n"
        "From: a@example.net\n");
    const Analysis analysis = Analyzer::analyzeText(headers, QStringLiteral("pasted"));
    AuthenticationView view;
    view.setAnalysis(analysis);
    QVERIFY(!view.html().contains(QStringLiteral("<a href")));
    QVERIFY(!view.html().contains(QStringLiteral("<b>mx</b>")));
    QVERIFY(plainText(&view).contains(QStringLiteral("<b>mx</b>.example.com")));
}

void TestAuthenticationView::malformedFieldsAreShownRaw()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/malformed-auth.txt")));
    AuthenticationView view;
    view.setAnalysis(analysis);
    const QString text = plainText(&view);
    QVERIFY(text.contains(QStringLiteral("Fields that do not follow the standard")));
    QVERIFY(text.contains(QStringLiteral("mx.example.com; foo=pass header.x=1; x-custom=ok; spf=bogus")));
    QVERIFY(text.contains(QStringLiteral("a comment is never closed")));
    QVERIFY(text.contains(QStringLiteral("'foo' is not a registered authentication method")));
    QVERIFY(text.contains(QStringLiteral("ARC chain")));
    QVERIFY(text.contains(QStringLiteral("a=rsa-md5 is not a DKIM algorithm")));
}

void TestAuthenticationView::anInputWithoutAuthenticationSaysSo()
{
    Analysis analysis = Analyzer::analyzeText(QStringLiteral("Subject: hello\nFrom: a@example.org\n"),
                                              QStringLiteral("pasted"));
    AuthenticationView view;
    view.setAnalysis(analysis);
    QVERIFY(plainText(&view).contains(QStringLiteral("carries no authentication results")));
}

void TestAuthenticationView::aNewPaletteRepaintsThePage()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/forged-below-receiver.eml")));
    AuthenticationView view;
    view.setAnalysis(analysis);
    const QString light = view.html();
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    view.setPalette(dark);
    QVERIFY(view.html() != light);
}

QTEST_MAIN(TestAuthenticationView)
#include "TestAuthenticationView.moc"
