// The window as a deliverability engineer uses it (issue 10): one verdict said once, a reply
// explained without a message, a large folder without freezing, every tab fitting the window,
// keyboard and menus.

#include "AnalysisHtml.h"
#include "AnalysisView.h"
#include "ConfirmDialog.h"
#include "DisplayText.h"
#include "DocumentView.h"
#include "HeaderTableModel.h"
#include "HeadersView.h"
#include "ItemListDelegate.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "RecentFiles.h"
#include "RelayView.h"
#include "ReportDocument.h"
#include "ReportOptions.h"
#include "RoutePanel.h"
#include "SummaryView.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "Verdict.h"
#include "VerdictBadge.h"
#include "VerdictCard.h"
#include "WrappingText.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

using namespace headerlens;

namespace {

constexpr int Timeout = 30000;

QString summaryHeadline(MainWindow& window)
{
    for (QLabel* label : window.analysisView()->summary()->findChildren<QLabel*>()) {
        if (label->accessibleName() == QLatin1String("Summary"))
            return label->text();
    }
    return {};
}

QString mnemonic(const QString& text)
{
    const qsizetype amp = text.indexOf(QLatin1Char('&'));
    return amp >= 0 && amp + 1 < text.size() ? text.mid(amp + 1, 1).toLower() : QString();
}

} // namespace

class TestWindowAsUsed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void oneVerdictSaidOnce_data();
    void oneVerdictSaidOnce();
    void historyEscalationSaysRemoveEverywhere();
    void transitTimeAgreesWithTheRouteLine();
    void vendorMeaningsOnlyFromThatVendor();
    void aPastedReplyIsExplainedWithoutAMessage_data();
    void aPastedReplyIsExplainedWithoutAMessage();
    void mnemonicsF10TabAndShortcuts();
    void openFolderAndCopiedHeaders();
    void everyTabFitsTheWindow_data();
    void everyTabFitsTheWindow();
    void keyPressesAreAnsweredDuringATenThousandFileLoad();

private:
    MainWindow* m_window = nullptr;
};

void TestWindowAsUsed::initTestCase()
{
    test::isolateSettings();
}

void TestWindowAsUsed::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_window->resize(1180, 780);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QApplication::setActiveWindow(m_window);
}

void TestWindowAsUsed::cleanup()
{
    if (m_window->isBusy())
        m_window->stopBatch();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    delete m_window;
    m_window = nullptr;
}

void TestWindowAsUsed::oneVerdictSaidOnce_data()
{
    QTest::addColumn<QString>("input"); // a fixture path, or reply text
    QTest::addColumn<QString>("badge");
    QTest::addColumn<int>("tone");
    QTest::addColumn<QString>("adviceWord");
    QTest::newRow("a gone mailbox is a red hard bounce: remove")
        << QStringLiteral("550 5.1.1 <gone@b.example>: Recipient address rejected: User unknown")
        << QStringLiteral("HARD BOUNCE") << int(VerdictStyle::Tone::Danger) << QStringLiteral("Remove");
    QTest::newRow("a blocklisted sender is your side, the address kept")
        << QStringLiteral(
               "550 5.7.1 Service unavailable; client [198.51.100.7] blocked using zen.spamhaus.org")
        << QStringLiteral("YOUR SIDE \u00b7 ADDRESS KEPT") << int(VerdictStyle::Tone::Accent)
        << QStringLiteral("keep the address");
    QTest::newRow("a spam complaint says stop sending, never green")
        << test::dataPath(QStringLiteral("bounces/arf-abuse.eml")) << QStringLiteral("SPAM COMPLAINT")
        << int(VerdictStyle::Tone::Danger) << QStringLiteral("Stop sending");
    QTest::newRow("a list holding the post for its moderator: nothing retried, nothing to resend")
        << test::dataPath(QStringLiteral("bounces/mailman-held.eml")) << QStringLiteral("HELD BY THE LIST")
        << int(VerdictStyle::Tone::Info) << QStringLiteral("moderator will post or reject");
}

void TestWindowAsUsed::oneVerdictSaidOnce()
{
    QFETCH(QString, input);
    QFETCH(QString, badge);
    QFETCH(int, tone);
    QFETCH(QString, adviceWord);
    if (input.startsWith(QLatin1Char('/')))
        m_window->openFile(input);
    else
        m_window->analyzeText(input);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 1, Timeout);
    const Analysis analysis = *m_window->currentAnalysis(); // a copy: more items follow
    const Verdict verdict = Verdict::overall(analysis);
    QCOMPARE(verdict.badge, badge);
    QCOMPARE(int(verdict.tone), tone);

    // the card
    VerdictCard* card = m_window->analysisView()->summary()->card();
    QCOMPARE(card->badge()->text(), badge);
    QCOMPARE(int(card->badge()->tone()), tone);
    QVERIFY2(card->advice().contains(adviceWord), qPrintable(card->advice()));
    // the headline
    const QString headline = summaryHeadline(*m_window);
    QVERIFY2(headline.contains(adviceWord, Qt::CaseInsensitive), qPrintable(headline));
    // the sidebar dot, once a second item shows the list
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/headers-only.txt"))));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 2, Timeout);
    m_window->setCurrentItem(0);
    QCOMPARE(m_window->sidebar()->item(0)->data(ItemListDelegate::DotColorRole).value<QColor>(),
             VerdictStyle::color(verdict.tone, m_window->palette()));
    // the status bar
    QVERIFY2(m_window->figuresLabel()->text().contains(verdict.label),
             qPrintable(m_window->figuresLabel()->text()));
    // the PDF's verdict box
    QImage device(600, 800, QImage::Format_RGB32);
    const ReportDocument document(analysis, ReportOptions(), &device, QSizeF(595, 842));
    const QString printed = document.document()->toPlainText();
    QVERIFY(printed.contains(badge));
    QVERIFY(printed.contains(verdict.advice));
}

void TestWindowAsUsed::historyEscalationSaysRemoveEverywhere()
{
    m_window->openFiles({test::dataPath(QStringLiteral("history/mailbox-full-1.eml")),
                         test::dataPath(QStringLiteral("history/mailbox-full-2.eml")),
                         test::dataPath(QStringLiteral("history/mailbox-full-3.eml"))});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 3, Timeout);
    for (int i = 0; i < 3; ++i) {
        m_window->setCurrentItem(i);
        const QString headline = summaryHeadline(*m_window);
        QVERIFY2(headline.contains(QLatin1String("Remove the address")), qPrintable(headline));
        QVERIFY2(!headline.contains(QLatin1String("Retry")), qPrintable(headline));
        VerdictCard* card = m_window->analysisView()->summary()->card();
        QCOMPARE(card->badge()->text(), QStringLiteral("REMOVE ADDRESS"));
        QVERIFY(card->advice().startsWith(QLatin1String("Remove")));
        QVERIFY(m_window->figuresLabel()->text().contains(QLatin1String("remove the address")));
    }
}

void TestWindowAsUsed::transitTimeAgreesWithTheRouteLine()
{
    m_window->openFile(test::dataPath(QStringLiteral("../../resources/examples/delivered-clock-skew.txt")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 1, Timeout);
    const Analysis& analysis = *m_window->currentAnalysis();
    const QString transit = DisplayText::transit(DisplayText::mainRoute(analysis));
    QVERIFY(!transit.isEmpty());
    QVERIFY2(transit.contains(QLatin1String("clock")), qPrintable(transit));
    QVERIFY(m_window->figuresLabel()->text().contains(transit));
    QString route;
    for (QLabel* label : m_window->analysisView()->summary()->findChildren<QLabel*>()) {
        if (label->accessibleName() == QLatin1String("Route"))
            route = label->text();
    }
    QVERIFY2(route.contains(transit), qPrintable(route));
    QVERIFY(!route.contains(QChar(0x2212)) || route.contains(QLatin1String("clock")));
}

void TestWindowAsUsed::vendorMeaningsOnlyFromThatVendor()
{
    // Gmail's server said it: Gmail's meaning of 5.2.1.
    m_window->analyzeText(QStringLiteral("550-5.2.1 The email account that you tried to reach is disabled. "
                                         "a1si1234567 - gsmtp"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 1, Timeout);
    QVERIFY(m_window->analysisView()->smtp()->toPlainText().contains(QLatin1String("Gmail account")));
    // Another server's 5.2.1 is the registry's "mailbox disabled", not Gmail's.
    m_window->analyzeText(QStringLiteral("host mx.example.org[192.0.2.1] said: 550 5.2.1 <x@example.org>: "
                                         "Mailbox unavailable (in reply to RCPT TO command)"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 2, Timeout);
    const QString smtp = m_window->analysisView()->smtp()->toPlainText();
    QVERIFY2(!smtp.contains(QLatin1String("Gmail")), qPrintable(smtp));
    QVERIFY(!m_window->currentAnalysis()->recipients.first().explanation.contains(QLatin1String("Gmail")));
}

void TestWindowAsUsed::aPastedReplyIsExplainedWithoutAMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("cause");
    QTest::newRow("one reply line from a log")
        << QStringLiteral("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown")
        << QStringLiteral("Reply for a@b.example") << QStringLiteral("Mailbox does not exist");
    QTest::newRow("Office 365's visible NDR text")
        << QString::fromUtf8(test::readData(QStringLiteral("replies/office365-visible-ndr.txt")))
        << QStringLiteral("Reply for john.doe@contoso.example") << QStringLiteral("Mailbox does not exist");
}

void TestWindowAsUsed::aPastedReplyIsExplainedWithoutAMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, title);
    QFETCH(QString, cause);
    m_window->analyzeText(text);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    QCOMPARE(m_window->itemCount(), 1);
    QVERIFY(m_window->messageBar()->isHidden() || m_window->messageBar()->kind() != MessageBar::Kind::Error);
    QVERIFY(m_window->currentAnalysis()->fromReplyText);
    QVERIFY2(m_window->windowTitle().startsWith(title), qPrintable(m_window->windowTitle()));
    AnalysisView* view = m_window->analysisView();
    QCOMPARE(view->summary()->card()->headline(), cause);
    bool marked = false;
    for (QLabel* label : view->summary()->findChildren<QLabel*>())
        marked = marked || label->text().contains(QLatin1String("from a reply text"));
    QVERIFY(marked);
    QVERIFY(m_window->figuresLabel()->text().contains(QLatin1String("from a reply text")));
    QVERIFY(view->smtp()->toPlainText().contains(QLatin1String("reply text")));
    QVERIFY(view->smtp()->toPlainText().contains(QLatin1String("550")));
    QVERIFY(!view->explanation()->toPlainText().isEmpty());
    QVERIFY(!view->summary()->card()->serverReply()->text().contains(QChar(0x2026)));
}

void TestWindowAsUsed::mnemonicsF10TabAndShortcuts()
{
    m_window->openFile(test::dataPath(QStringLiteral("bounces/rfc3464-postfix-two-recipients.eml")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 1, Timeout);
    // Menu and tab mnemonics never clash: Alt+E is Edit, Alt+H is Help.
    QStringList menuKeys;
    for (QAction* action : m_window->menuBar()->actions())
        menuKeys << mnemonic(action->text());
    QCOMPARE(QSet<QString>(menuKeys.cbegin(), menuKeys.cend()).size(), menuKeys.size());
    AnalysisView* view = m_window->analysisView();
    for (int tab = 0; tab < view->count(); ++tab) {
        const QString key = mnemonic(view->tabText(tab));
        QVERIFY2(!key.isEmpty() && !menuKeys.contains(key), qPrintable(view->tabText(tab)));
    }
    // F10 opens the menu bar.
    QTest::keyClick(m_window, Qt::Key_F10);
    QTRY_VERIFY(m_window->menuBar()->activeAction() != nullptr);
    QTest::keyClick(QApplication::activePopupWidget() ? QApplication::activePopupWidget() : m_window,
                    Qt::Key_Escape);
    QTest::keyClick(m_window->menuBar(), Qt::Key_Escape);
    // Close Item and Quit carry Ctrl+W and Ctrl+Q themselves.
    bool closeW = false;
    bool quitQ = false;
    for (QAction* action : m_window->findChildren<QAction*>()) {
        closeW = closeW || (action->text() == QLatin1String("&Close Item") &&
                            action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_W)));
        quitQ = quitQ || (action->text() == QLatin1String("&Quit") &&
                          action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Q));
    }
    QVERIFY(closeW);
    QVERIFY(quitQ);
    // Tab leaves the recipients table instead of walking its cells.
    QTableView* recipients = nullptr;
    for (QTableView* table : view->summary()->findChildren<QTableView*>()) {
        if (table->accessibleName() == QLatin1String("Recipients"))
            recipients = table;
    }
    QVERIFY(recipients && recipients->isVisible());
    QVERIFY(!recipients->tabKeyNavigation());
    recipients->setFocus();
    QTRY_VERIFY(recipients->hasFocus());
    QTest::keyClick(recipients, Qt::Key_Tab);
    QVERIFY(!recipients->hasFocus());
    // A new item opens on its Summary.
    view->setCurrentIndex(AnalysisView::HeadersTab);
    m_window->openFile(test::dataPath(QStringLiteral("messages/headers-only.txt")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 2, Timeout);
    QCOMPARE(view->currentIndex(), int(AnalysisView::SummaryTab));
}

void TestWindowAsUsed::openFolderAndCopiedHeaders()
{
    QMenu* file = m_window->menuBar()->actions().first()->menu();
    QAction* openFolder = nullptr;
    for (QAction* action : file->actions()) {
        if (action->objectName() == QLatin1String("openFolderAction"))
            openFolder = action;
    }
    QVERIFY(openFolder);
    QCOMPARE(openFolder->text(), QStringLiteral("Open &Folder\u2026"));
    HeaderField field{QStringLiteral("Subject"), QByteArray("Hello"), QStringLiteral("Hello"), 0};
    QCOMPARE(HeaderTableModel::fieldText(field), QStringLiteral("Subject: Hello"));
    field.rawValue = " Hello\r\n\tworld";
    QCOMPARE(HeaderTableModel::fieldText(field), QStringLiteral("Subject: Hello\r\n\tworld"));
}

void TestWindowAsUsed::everyTabFitsTheWindow_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<qreal>("fontScale");
    QTest::newRow("1024x700, light") << QSize(1024, 700) << false << 1.0;
    QTest::newRow("1024x700, dark, 1.25x font") << QSize(1024, 700) << true << 1.25;
    QTest::newRow("1920x1080, light, 1.25x font") << QSize(1920, 1080) << false << 1.25;
    QTest::newRow("1920x1080, dark") << QSize(1920, 1080) << true << 1.0;
}

void TestWindowAsUsed::everyTabFitsTheWindow()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(qreal, fontScale);
    const QFont oldFont = QApplication::font();
    const QPalette oldPalette = QApplication::palette();
    QFont font = oldFont;
    font.setPointSizeF(font.pointSizeF() * fontScale);
    QApplication::setFont(font);
    if (dark) {
        QPalette p = oldPalette;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        QApplication::setPalette(p);
    }
    m_window->resize(size);
    m_window->openFiles(
        {test::dataPath(QStringLiteral("../../resources/examples/office365-blocklist-s3150.eml")),
         test::dataPath(QStringLiteral("../../resources/examples/delivered-clock-skew.txt")),
         test::dataPath(QStringLiteral("bounces/rfc3464-postfix-two-recipients.eml"))});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 3, Timeout);
    QVERIFY(m_window->sidebarDock()->isVisible());
    AnalysisView* view = m_window->analysisView();
    for (int item = 0; item < 3; ++item) {
        m_window->setCurrentItem(item);
        for (int tab = 0; tab < AnalysisView::HeadersTab; ++tab) {
            view->setCurrentIndex(tab);
            QTest::qWait(30);
            QWidget* page = view->currentWidget();
            // No page is wider than the window gives it: nothing clipped, no sideways scrolling.
            for (QScrollArea* scroll : page->findChildren<QScrollArea*>()) {
                QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
                         qPrintable(QStringLiteral("tab %1: page %2 > view %3")
                                        .arg(tab)
                                        .arg(scroll->widget()->width())
                                        .arg(scroll->viewport()->width())));
            }
            if (auto* document = qobject_cast<DocumentView*>(page)) {
                QVERIFY2(document->document()->size().width() <= document->viewport()->width() + 1,
                         qPrintable(QStringLiteral("tab %1: document %2 > view %3")
                                        .arg(tab)
                                        .arg(document->document()->size().width())
                                        .arg(document->viewport()->width())));
                QVERIFY(!document->horizontalScrollBar()->isVisible());
            }
            // The hop tables show every column, Notes included.
            for (RoutePanel* panel : page->findChildren<RoutePanel*>()) {
                if (!panel->isVisible() || !panel->table()->isVisible())
                    continue;
                QTableView* table = panel->table();
                int right = 0;
                for (int c = 0; c < table->model()->columnCount(); ++c)
                    right += table->columnWidth(c);
                QVERIFY2(
                    right <= table->viewport()->width() + 1,
                    qPrintable(
                        QStringLiteral("hop columns %1 > %2").arg(right).arg(table->viewport()->width())));
            }
        }
    }
    QApplication::setFont(oldFont);
    QApplication::setPalette(oldPalette);
}

void TestWindowAsUsed::keyPressesAreAnsweredDuringATenThousandFileLoad()
{
    constexpr int Files = 10000;
    QTemporaryDir dir;
    const QByteArray bounce = test::readData(QStringLiteral("bounces/postfix-plain.eml"));
    for (int i = 0; i < Files; ++i) {
        QFile file(dir.filePath(QStringLiteral("b%1.eml").arg(i, 5, 10, QLatin1Char('0'))));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bounce);
    }
    const int writesBefore = RecentFiles::writeCount();

    // A key press every 25 ms, timed from when it is sent until the window has it.
    struct Probe : QObject
    {
        QElapsedTimer clock;
        qint64 sentAt = -1;
        QList<qint64> latencies;
        bool eventFilter(QObject* watched, QEvent* event) override
        {
            if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_F24 &&
                sentAt >= 0) {
                latencies << clock.elapsed() - sentAt;
                sentAt = -1;
                return true;
            }
            return QObject::eventFilter(watched, event);
        }
    } probe;
    probe.clock.start();
    QWidget* target = m_window->analysisView();
    target->installEventFilter(&probe);
    QTimer presser;
    presser.setInterval(25);
    connect(&presser, &QTimer::timeout, this, [&] {
        if (probe.sentAt >= 0)
            return; // the last one is still waiting: it counts with its whole wait
        probe.sentAt = probe.clock.elapsed();
        QCoreApplication::postEvent(target, new QKeyEvent(QEvent::KeyPress, Qt::Key_F24, Qt::NoModifier));
    });

    QElapsedTimer load;
    load.start();
    m_window->openFiles({dir.path()});
    presser.start();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 600000);
    presser.stop();
    const qint64 loadMs = load.elapsed();
    QCOMPARE(m_window->itemCount(), Files);
    QVERIFY(probe.latencies.size() > 10);
    std::sort(probe.latencies.begin(), probe.latencies.end());
    const qint64 worst = probe.latencies.last();
    const qint64 p95 = probe.latencies[probe.latencies.size() * 95 / 100];
    qInfo("Key-press latency during a %d-file load: worst %lld ms, 95th percentile %lld ms, %lld presses; "
          "load %lld ms",
          Files, worst, p95, qsizetype(probe.latencies.size()), loadMs);
    QVERIFY2(p95 < 100, qPrintable(QString::number(p95)));
    // One settings write for the whole folder.
    QCOMPARE(RecentFiles::writeCount() - writesBefore, 1);

    // Stop takes effect at once, and says how many were skipped.
    ConfirmDialog::setNextAnswer(true);
    QVERIFY(m_window->newSession());
    m_window->openFiles({dir.path()});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->itemCount() > 20, Timeout);
    QElapsedTimer stop;
    stop.start();
    m_window->stopBatch();
    const qint64 stopMs = stop.elapsed();
    QVERIFY(!m_window->isBusy());
    const int kept = m_window->itemCount();
    QTest::qWait(200);
    QCOMPARE(m_window->itemCount(), kept);
    qInfo("Stop took %lld ms; %d listed before it", stopMs, kept);
    QVERIFY(stopMs < 100);
    QVERIFY2(m_window->messageBar()->text().contains(QLatin1String("skipped")),
             qPrintable(m_window->messageBar()->text()));
}

QTEST_MAIN(TestWindowAsUsed)
#include "TestWindowAsUsed.moc"
