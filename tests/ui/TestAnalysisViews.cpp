// The analysis tabs, fed with a hand-built bounce (two recipients, both routes), so that what
// a person reads on each tab is checked independently of what core reads today.

#include "AnalysisView.h"
#include "DocumentView.h"
#include "HeaderTableModel.h"
#include "HeadersView.h"
#include "HopTableModel.h"
#include "ReceivedHop.h"
#include "RecipientTableModel.h"
#include "RelayTimelineWidget.h"
#include "RelayView.h"
#include "RoutePanel.h"
#include "SummaryView.h"
#include "UiTestSupport.h"
#include "VerdictBadge.h"
#include "VerdictCard.h"
#include "VerdictStyle.h"
#include "WrappingText.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace headerlens;

namespace {

double contrast(const QColor& a, const QColor& b)
{
    auto luminance = [](const QColor& c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QStringList labelTexts(const QWidget* root)
{
    QStringList texts;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (label->isVisibleTo(root->window()))
            texts << label->text();
    }
    for (const WrappingText* text : root->findChildren<WrappingText*>()) {
        if (text->isVisibleTo(root->window()))
            texts << text->text();
    }
    return texts;
}

} // namespace

class TestAnalysisViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryShowsTheVerdictOfTheSelectedRecipient();
    void summaryNamesTheReturnedMessage();
    void smtpTabShowsCodesAndTheServerWordsVerbatim();
    void classificationTabShowsTheEvidence();
    void explanationTabShowsEachRecipient();
    void markupFromTheMessageStaysText_data();
    void markupFromTheMessageStaysText();
    void relayTabShowsBothRoutesOriginalFirst();
    void relayTabShowsAnOrdinaryMessageRouteOnly();
    void hopTableSaysNoReverseDnsRatherThanTheHeloName();
    void headersFilterCopyAndScope();
    void coloursStayReadableInLightAndDarkThemes_data();
    void coloursStayReadableInLightAndDarkThemes();
    void everyTabRenders();
};

void TestAnalysisViews::initTestCase()
{
    test::isolateSettings();
}

void TestAnalysisViews::summaryShowsTheVerdictOfTheSelectedRecipient()
{
    AnalysisView view;
    view.resize(1100, 800);
    view.show();
    view.setAnalysis(test::bounceAnalysis());
    VerdictCard* card = view.summary()->card();
    QCOMPARE(card->badge()->tone(), VerdictStyle::Tone::Danger);
    QCOMPARE(card->badge()->text(), QStringLiteral("HARD BOUNCE"));
    QCOMPARE(card->headline(), QStringLiteral("Mailbox does not exist"));
    const QStringList texts = labelTexts(card);
    QVERIFY(texts.contains(QStringLiteral("j.wagner@example.net")));
    QVERIFY(texts.contains(QStringLiteral("The recipient's side")));
    QVERIFY(texts.contains(QStringLiteral("Remove the address from your list: it is gone.")));
    QVERIFY(texts.contains(QStringLiteral("confidence 95 %")));

    // Several recipients: a table, and choosing the second shows its verdict.
    QTableView* table = view.summary()->recipientTable();
    QVERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(1, RecipientTableModel::AddressColumn).data().toString(),
             QStringLiteral("info@old-company.example"));
    QCOMPARE(table->model()->index(0, RecipientTableModel::ReplyColumn).data().toString(),
             QStringLiteral("550 5.1.1"));
    table->selectRow(1);
    QCOMPARE(card->headline(), QStringLiteral("Domain does not exist"));
    QVERIFY(labelTexts(card).contains(QStringLiteral("info@old-company.example")));
}

void TestAnalysisViews::summaryNamesTheReturnedMessage()
{
    AnalysisView view;
    view.show();
    view.setAnalysis(test::bounceAnalysis());
    const QStringList texts = labelTexts(view.summary());
    QVERIFY(texts.contains(QStringLiteral("Catering order for the December workshop")));
    QVERIFY(texts.contains(QStringLiteral("Jana Wagner <j.wagner@example.net>")));
    QVERIFY(texts.contains(QStringLiteral("A bounce from mail.example.org: 2 recipients failed for good.")));
    // The route in one line: the original's three hops, 3 s from first to last.
    QVERIFY(texts.contains(
        QStringLiteral("Original message: 3 hops \u00b7 3 s in transit \u00b7 longest step 2 s into hop 2")));
}

void TestAnalysisViews::smtpTabShowsCodesAndTheServerWordsVerbatim()
{
    AnalysisView view;
    view.setAnalysis(test::bounceAnalysis());
    const QString text = view.smtp()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("550")));
    QVERIFY(text.contains(QStringLiteral("5.1.1")));
    QVERIFY(text.contains(
        QStringLiteral("550 5.1.1 <j.wagner@example.net>: Recipient address rejected: User unknown "
                       "in virtual mailbox table")));
    QVERIFY(text.contains(QStringLiteral("mx1.example.net")));
    QVERIFY(text.contains(QStringLiteral("RCPT TO")));
    QVERIFY(text.contains(QStringLiteral("5.4.4")));
    // Retry-until in the stated zone (UTC here), and the per-message facts.
    QVERIFY(text.contains(QStringLiteral("Mon 30 Nov 2026 08:41:25 +00:00")));
    QVERIFY(text.contains(QStringLiteral("4XkT2Z6hRcz1xYv")));
    QVERIFY(text.contains(QStringLiteral("This is the mail system at host mail.example.org.")));
}

void TestAnalysisViews::classificationTabShowsTheEvidence()
{
    AnalysisView view;
    view.setAnalysis(test::bounceAnalysis());
    const QString text = view.classification()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("HARD BOUNCE")));
    QVERIFY(text.contains(QStringLiteral("mailbox_unknown")));
    QVERIFY(text.contains(QStringLiteral("The recipient's side")));
    QVERIFY(text.contains(QStringLiteral("Yes: the address itself is gone")));
    QVERIFY(text.contains(QStringLiteral("95 %")));
    QVERIFY(text.contains(QStringLiteral("status.5.1.1")));
    QVERIFY(text.contains(QStringLiteral("text.user-unknown")));
    QVERIFY(text.contains(QStringLiteral("User unknown")));
    // The second recipient has no evidence recorded, and says so.
    QVERIFY(text.contains(QStringLiteral("No rule has fired for this recipient.")));
}

void TestAnalysisViews::explanationTabShowsEachRecipient()
{
    AnalysisView view;
    view.setAnalysis(test::bounceAnalysis());
    const QString text = view.explanation()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("A bounce from mail.example.org: 2 recipients failed for good.")));
    QVERIFY(text.contains(
        QStringLiteral("the person has left and the address should be removed from your list.")));
    QVERIFY(text.contains(QStringLiteral("The domain old-company.example has no mail server.")));
    QVERIFY(text.indexOf(QStringLiteral("j.wagner@example.net")) <
            text.indexOf(QStringLiteral("info@old-company")));
}

void TestAnalysisViews::markupFromTheMessageStaysText_data()
{
    QTest::addColumn<QString>("markup");
    QTest::newRow("Bold and a link") << QStringLiteral("<b>bold</b><a href=\"http://x\">x</a>");
    QTest::newRow("An image that would load from the net") << QStringLiteral("<img src=\"http://x/y.png\">");
    QTest::newRow("A table that would reshape the page")
        << QStringLiteral("<table><tr><td>cell</td></tr></table>");
    QTest::newRow("An entity that must not be decoded") << QStringLiteral("&lt;script&gt;");
}

void TestAnalysisViews::markupFromTheMessageStaysText()
{
    QFETCH(QString, markup);
    Analysis analysis = test::bounceAnalysis();
    analysis.recipients[0].report.address = markup + QStringLiteral("@example.net");
    analysis.recipients[0].report.diagnostic = QStringLiteral("550 ") + markup;
    analysis.recipients[0].report.remoteMta = markup;
    analysis.recipients[0].classification.evidence = {{QStringLiteral("rule"), markup}};
    analysis.recipients[0].explanation = markup;
    analysis.report.original.subject = markup;
    analysis.summary = markup;

    AnalysisView view;
    view.show();
    view.setAnalysis(analysis);
    for (DocumentView* document : {view.smtp(), view.classification(), view.explanation()}) {
        QVERIFY2(document->toPlainText().contains(markup), qPrintable(document->accessibleName()));
        const QString html = document->toHtml();
        QVERIFY(!html.contains(QStringLiteral("href=\"http://x\"")));
        QVERIFY(!html.contains(QStringLiteral("<img")));
    }
    // Labels showing it do so as plain text.
    int shown = 0;
    for (const QLabel* label : view.findChildren<QLabel*>()) {
        if (label->text().contains(markup)) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            ++shown;
        }
    }
    QVERIFY(shown >= 3); // the summary, the card's address and the returned message's subject
}

void TestAnalysisViews::relayTabShowsBothRoutesOriginalFirst()
{
    AnalysisView view;
    view.resize(1100, 900);
    view.show();
    view.setAnalysis(test::bounceAnalysis());
    view.setCurrentIndex(AnalysisView::RelayTab);
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RoutePanel* original = view.relay()->originalRoute();
    RoutePanel* input = view.relay()->inputRoute();
    QVERIFY(original->isVisible());
    QVERIFY(input->isVisible());
    QVERIFY(original->y() < input->y());
    QCOMPARE(original->timeline()->chain().hops.size(), 3);
    QCOMPARE(input->timeline()->chain().hops.size(), 1);
    QCOMPARE(original->model()->text(0, HopTableModel::SecurityColumn),
             QStringLiteral("TLSv1.3, authenticated"));
    QCOMPARE(original->model()->text(1, HopTableModel::DelayColumn), QStringLiteral("2 s"));
    QCOMPARE(original->model()->text(1, HopTableModel::NotesColumn), QStringLiteral("longest delay"));
    QCOMPARE(original->model()->text(0, HopTableModel::FromColumn),
             QStringLiteral("dsl-203-0-113-77.example-isp.net [203.0.113.77]"));
    // The whole table is visible: no rows hidden behind a scroll bar.
    QTableView* table = original->table();
    QTRY_VERIFY(table->height() >= table->horizontalHeader()->height() + table->rowHeight(0) +
                                       table->rowHeight(1) + table->rowHeight(2));
    // Clicking a hop on the timeline selects it in the table.
    RelayTimelineWidget* timeline = original->timeline();
    const QFontMetrics fm(timeline->font());
    const int rowHeight = qRound(fm.height() * 2.75);
    const int headerHeight = qRound(fm.height() * 2.4);
    QTest::mouseClick(timeline, Qt::LeftButton, {},
                      QPoint(timeline->width() / 2, headerHeight + rowHeight * 2 + rowHeight / 2));
    QCOMPARE(table->currentIndex().row(), 2);
}

void TestAnalysisViews::relayTabShowsAnOrdinaryMessageRouteOnly()
{
    Analysis analysis = test::bounceAnalysis();
    analysis.report = DeliveryReport();
    analysis.recipients.clear();
    analysis.originalRelay = RelayChain();
    AnalysisView view;
    view.show();
    view.setAnalysis(analysis);
    QVERIFY(view.relay()->originalRoute()->isHidden());
    QVERIFY(!view.relay()->inputRoute()->isHidden());
    QVERIFY(view.smtp()->toPlainText().contains(QStringLiteral("not a delivery report")));
    QCOMPARE(view.summary()->card()->badge()->tone(), VerdictStyle::Tone::Success);
}

void TestAnalysisViews::headersFilterCopyAndScope()
{
    AnalysisView view;
    view.show();
    view.setAnalysis(test::bounceAnalysis());
    HeadersView* headers = view.headers();
    QCOMPARE(headers->table()->model()->rowCount(), 4);
    // The filter matches names and values, ignoring case.
    QTest::keyClicks(headers->filterEdit(), QStringLiteral("RECEIVED"));
    QCOMPARE(headers->proxy()->rowCount(), 1);
    headers->filterEdit()->clear();
    QTest::keyClicks(headers->filterEdit(), QStringLiteral("example.org"));
    QCOMPARE(headers->proxy()->rowCount(), 3);
    headers->filterEdit()->clear();
    // Copy gives the fields as they stood in the message.
    headers->table()->selectRow(1);
    headers->copySelection();
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("From: MAILER-DAEMON@mail.example.org (Mail Delivery System)"));
    QVERIFY(headers->allFieldsText().startsWith(QStringLiteral("Received: by mail.example.org")));
    // A bounce also offers the returned original's fields.
    QComboBox* scope = headers->scopeBox();
    QVERIFY(!scope->isHidden());
    QCOMPARE(scope->count(), 2);
    scope->setCurrentIndex(1);
    QCOMPARE(headers->table()->model()->rowCount(), 3);
    QCOMPARE(headers->table()->model()->index(2, HeaderTableModel::ValueColumn).data().toString(),
             QStringLiteral("Catering order for the December workshop"));
}

void TestAnalysisViews::coloursStayReadableInLightAndDarkThemes_data()
{
    QTest::addColumn<QColor>("window");
    QTest::addColumn<QColor>("base");
    QTest::addColumn<QColor>("text");
    QTest::newRow("A light theme") << QColor(0xef, 0xef, 0xef) << QColor(Qt::white) << QColor(Qt::black);
    QTest::newRow("A dark theme") << QColor(0x2b, 0x2d, 0x31) << QColor(0x1e, 0x1f, 0x22)
                                  << QColor(0xe6, 0xe6, 0xe6);
}

void TestAnalysisViews::coloursStayReadableInLightAndDarkThemes()
{
    QFETCH(QColor, window);
    QFETCH(QColor, base);
    QFETCH(QColor, text);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    for (const BounceType type :
         {BounceType::Hard, BounceType::Soft, BounceType::Deferred, BounceType::None, BounceType::Unknown}) {
        const QColor badge = VerdictStyle::color(type, palette);
        // WCAG AA: 4.5:1 for the badge's text, 3:1 for a coloured mark or bold label on the page.
        QVERIFY2(contrast(badge, VerdictStyle::textOn(badge)) >= 4.5, qPrintable(toString(type)));
        QVERIFY2(contrast(badge, base) >= 3.0, qPrintable(toString(type)));
    }
}

void TestAnalysisViews::everyTabRenders()
{
    AnalysisView view;
    view.resize(1200, 860);
    view.show();
    view.setAnalysis(test::bounceAnalysis());
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Set HEADERLENS_TEST_IMAGES to a folder to look at the tabs.
    const QString folder = qEnvironmentVariable("HEADERLENS_TEST_IMAGES");
    for (int tab = 0; tab < AnalysisView::TabCount; ++tab) {
        view.setCurrentIndex(tab);
        QTest::qWait(20);
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), view.size() * view.devicePixelRatio());
        if (!folder.isEmpty())
            image.save(folder + QStringLiteral("/tab-%1.png").arg(tab));
    }
}

void TestAnalysisViews::hopTableSaysNoReverseDnsRatherThanTheHeloName()
{
    const QStringList fields = {
        // Postfix looked the client up and found no name
        QStringLiteral("from laptop.example.org (unknown [203.0.113.5]) by mx.example.com (Postfix) with "
                       "ESMTPSA id 4Y0aBc; Tue, 3 Dec 2024 08:00:00 +0000"),
        // Exchange does not look up: the name it writes is the HELO name
        QStringLiteral("from EX01.corp.example.com (10.0.0.12) by EX02.corp.example.com (10.0.0.13) with "
                       "Microsoft SMTP Server id 15.2.1544.4; Tue, 3 Dec 2024 08:01:00 +0000"),
        // Sendmail found a name that differs from the HELO name
        QStringLiteral("from helo.example.org (ptr-23.example.net [198.51.100.23]) by mail.example.com "
                       "(8.17.1/8.17.1) with ESMTP id 4B38F0aB; Tue, 3 Dec 2024 08:02:00 +0000"),
    };
    QList<RelayHop> hops;
    for (const QString& field : fields) {
        RelayHop hop;
        hop.number = static_cast<int>(hops.size()) + 1;
        hop.received = ReceivedParser::parse(field);
        hops << hop;
    }
    HopTableModel model;
    model.setChain(test::chainOf(hops));
    QCOMPARE(model.text(0, HopTableModel::FromColumn),
             QStringLiteral("no reverse DNS [203.0.113.5] (HELO laptop.example.org)"));
    QCOMPARE(model.text(1, HopTableModel::FromColumn),
             QStringLiteral("[10.0.0.12] (HELO EX01.corp.example.com)"));
    QCOMPARE(model.text(2, HopTableModel::FromColumn),
             QStringLiteral("ptr-23.example.net [198.51.100.23] (HELO helo.example.org)"));
}

QTEST_MAIN(TestAnalysisViews)
#include "TestAnalysisViews.moc"
