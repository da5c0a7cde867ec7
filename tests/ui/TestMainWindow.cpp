// The window as a person uses it: paste, Ctrl+V anywhere, drop files and folders, File > Open
// (through the FileDialog seam: no real dialog), the examples, errors in the message bar, and
// what survives a restart. Runs on the offscreen platform.

#include "AnalysisView.h"
#include "BatchTableModel.h"
#include "BatchView.h"
#include "ConfirmDialog.h"
#include "DocumentView.h"
#include "ExampleCatalog.h"
#include "FileDialog.h"
#include "HeaderTableModel.h"
#include "HeadersView.h"
#include "MainWindow.h"
#include "MessageBar.h"
#include "PasteEdit.h"
#include "RecentFiles.h"
#include "RelayTimelineWidget.h"
#include "RelayView.h"
#include "RoutePanel.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "WelcomePage.h"
#include "WrappingText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>

using namespace headerlens;

namespace {

constexpr int Timeout = 20000;

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

// Drags `mime` onto the window and drops it, as a file manager would. Returns whether the window
// accepted the drag.
bool dragAndDrop(QWidget& target, QMimeData* mime)
{
    const QPoint position = target.rect().center();
    QDragEnterEvent enter(position, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(position, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&target, &move);
    QDropEvent drop(QPointF(position), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&target, &drop);
    return drop.isAccepted();
}

QMimeData* urlsOf(const QStringList& paths)
{
    auto* mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime->setUrls(urls);
    return mime;
}

QStringList visibleLabelTexts(const QWidget* root)
{
    QStringList texts;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (label->isVisible())
            texts << label->text();
    }
    for (const WrappingText* text : root->findChildren<WrappingText*>()) {
        if (text->isVisible())
            texts << text->text();
    }
    return texts;
}

bool anyDialogVisible()
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (qobject_cast<QDialog*>(widget) && widget->isVisible())
            return true;
    }
    return false;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstScreenInvitesAPaste();
    void pastedHeadersFillEveryTab();
    void summaryAuthenticationLineTrustsOnlyTheReceiver();
    void pastingIntoTheEmptyAreaAnalysesAtOnce();
    void pastingIntoExistingTextOnlyInserts();
    void ctrlVAnywhereAnalysesTheClipboard();
    void droppingAFileLoadsIt();
    void droppingFilesAndAFolderListsThemAll();
    void droppingAFileOnThePasteAreaOpensIt();
    void droppingTextAnalysesIt();
    void somethingElseCannotBeDropped();
    void openGoesThroughTheFileDialogSeam();
    void cancellingTheDialogOpensNothing();
    void badInputShowsTheErrorBar_data();
    void badInputShowsTheErrorBar();
    void anEmptyClipboardIsExplained();
    void anUnreadableFileIsNamedInTheBarNotADialog();
    void oneBadFileAmongGoodOnesIsCounted();
    void bouncesOpenedTogetherAreReadAsHistory();
    void markupInASubjectStaysLiteralText();
    void everyExampleOpens_data();
    void everyExampleOpens();
    void newStartsAgainAndCloseRemovesAnItem();
    void shortcutsSwitchTabsAndFocusTheFilter();
    void aLargeInputIsAnalysedOffTheGuiThread();
    void recentFilesAndWindowSizeSurviveARestart();

private:
    MainWindow* m_window = nullptr;
    QTemporaryDir m_dir;
};

void TestMainWindow::initTestCase()
{
    test::isolateSettings();
    QVERIFY(m_dir.isValid());
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QApplication::setActiveWindow(m_window);
}

void TestMainWindow::cleanup()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    delete m_window;
    m_window = nullptr;
    QApplication::clipboard()->clear();
}

void TestMainWindow::firstScreenInvitesAPaste()
{
    QVERIFY(m_window->isShowingWelcome());
    QVERIFY(visibleLabelTexts(m_window).contains(QStringLiteral("Why did this email not arrive?")));
    QVERIFY(m_window->welcomePage()->pasteEdit()->hasFocus());
    QVERIFY(!m_window->welcomePage()->analyzeButton()->isEnabled());
    QVERIFY(!m_window->sidebarDock()->isVisible());
    QVERIFY(m_window->figuresLabel()->text().contains(QStringLiteral("Ctrl+V")));
    // A sensible default size on a first start.
    QVERIFY(m_window->width() >= 1000 && m_window->height() >= 700);
}

void TestMainWindow::pastedHeadersFillEveryTab()
{
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/gmail-delivered.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QVERIFY(!m_window->isShowingWelcome());
    AnalysisView* view = m_window->analysisView();
    QCOMPARE(view->currentIndex(), int(AnalysisView::SummaryTab));
    // The fixture holds 18 header fields, 4 of them Received.
    QCOMPARE(view->headers()->table()->model()->rowCount(), 18);
    QCOMPARE(view->relay()->inputRoute()->timeline()->chain().hops.size(), 4);
    QCOMPARE(view->relay()->inputRoute()->table()->model()->rowCount(), 4);
    // Decoded subject on the summary.
    QVERIFY(visibleLabelTexts(view).contains(QStringLiteral("Your order #4412 has shipped \U0001F69A")));
    // What the receiving server recorded about SPF, DKIM and DMARC (Received-SPF, then
    // Authentication-Results by mx.google.com).
    QVERIFY(visibleLabelTexts(view).contains(
        QStringLiteral("SPF pass \u00b7 DKIM pass \u00b7 DMARC pass, as recorded by mx.google.com")));
    QVERIFY(view->smtp()->toPlainText().contains(QStringLiteral("not a delivery report")));
    QVERIFY(!view->explanation()->toPlainText().isEmpty());
    // A pasted item is named by its subject, not "Pasted text".
    QVERIFY2(m_window->windowTitle().startsWith(QStringLiteral("Your order #4412 has shipped")),
             qPrintable(m_window->windowTitle()));
    const QString figures = m_window->figuresLabel()->text();
    QVERIFY2(figures.contains(QStringLiteral("18 header fields")), qPrintable(figures));
    QVERIFY2(figures.contains(QStringLiteral("4 hops")), qPrintable(figures));
    QVERIFY(!m_window->messageBar()->isVisible());
}

// A phishing copy carries its own "dkim=pass; dmarc=pass" written before it reached the receiver:
// the summary's one line states only what the receiving servers recorded and counts the rest.
void TestMainWindow::summaryAuthenticationLineTrustsOnlyTheReceiver()
{
    m_window->openFiles({test::dataPath(QStringLiteral("auth/gmail-style-forged-copy.eml"))});
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    const QStringList labels = visibleLabelTexts(m_window->analysisView());
    QVERIFY2(labels.contains(QStringLiteral("SPF neutral \u00b7 DMARC fail, as recorded by mx.google.com; 3 "
                                            "results not trusted (written before the receiving servers; see "
                                            "Authentication)")),
             qPrintable(labels.join(QLatin1Char('|'))));
}

void TestMainWindow::pastingIntoTheEmptyAreaAnalysesAtOnce()
{
    const QString text = QString::fromUtf8(test::readData(QStringLiteral("messages/headers-only.txt")));
    QApplication::clipboard()->setText(text);
    PasteEdit* edit = m_window->welcomePage()->pasteEdit();
    edit->setFocus();
    QTest::keySequence(edit, QKeySequence::Paste);
    QCOMPARE(edit->toPlainText(), text); // what was pasted stays visible
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QCOMPARE(m_window->currentAnalysis()->message.header(u"Subject"), QStringLiteral("Quarterly figures"));
}

void TestMainWindow::pastingIntoExistingTextOnlyInserts()
{
    PasteEdit* edit = m_window->welcomePage()->pasteEdit();
    edit->setFocus();
    edit->insertPlainText(QStringLiteral("Received: from a.example.org by b.example.org;\n"));
    QApplication::clipboard()->setText(QStringLiteral("Subject: hello\n"));
    QTest::keySequence(edit, QKeySequence::Paste);
    QVERIFY(edit->toPlainText().endsWith(QStringLiteral("Subject: hello\n")));
    QVERIFY(!m_window->isBusy());
    QCOMPARE(m_window->itemCount(), 0);
    // The Analyze button (and Ctrl+Return) then analyse the edited text.
    QVERIFY(m_window->welcomePage()->analyzeButton()->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QCOMPARE(m_window->currentAnalysis()->message.header(u"Subject"), QStringLiteral("hello"));
}

void TestMainWindow::ctrlVAnywhereAnalysesTheClipboard()
{
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/gmail-delivered.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    // Focus somewhere that does not take text: the header table.
    m_window->analysisView()->setCurrentIndex(AnalysisView::HeadersTab);
    QTableView* table = m_window->analysisView()->headers()->table();
    table->setFocus();
    QApplication::clipboard()->setText(
        QString::fromUtf8(test::readData(QStringLiteral("messages/headers-only.txt"))));
    QTest::keySequence(table, QKeySequence::Paste);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 2, Timeout);
    QCOMPARE(m_window->currentItem(), 1);
    QCOMPARE(m_window->currentAnalysis()->message.header(u"Subject"), QStringLiteral("Quarterly figures"));
    // Two items: the sidebar lists them.
    QVERIFY(m_window->sidebarDock()->isVisible());
    QCOMPARE(m_window->sidebar()->count(), 2);
    // A read-only page does not take the paste either.
    m_window->analysisView()->setCurrentIndex(AnalysisView::SmtpTab);
    m_window->analysisView()->smtp()->setFocus();
    QTest::keySequence(m_window->analysisView()->smtp(), QKeySequence::Paste);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 3, Timeout);
    // Ctrl+V in the filter box pastes into the filter instead.
    HeadersView* headers = m_window->analysisView()->headers();
    m_window->analysisView()->setCurrentIndex(AnalysisView::HeadersTab);
    headers->filterEdit()->setFocus();
    QApplication::clipboard()->setText(QStringLiteral("Subject"));
    QTest::keySequence(headers->filterEdit(), QKeySequence::Paste);
    QCOMPARE(headers->filterEdit()->text(), QStringLiteral("Subject"));
    QVERIFY(!m_window->isBusy());
    QCOMPARE(m_window->itemCount(), 3);
}

void TestMainWindow::droppingAFileLoadsIt()
{
    const QString path = test::dataPath(QStringLiteral("messages/gmail-delivered.eml"));
    std::unique_ptr<QMimeData> mime(urlsOf({path}));
    QVERIFY(dragAndDrop(*m_window, mime.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QCOMPARE(m_window->currentAnalysis()->source, path);
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("gmail-delivered.eml")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout); // the recent list is written at the end
    QCOMPARE(RecentFiles::list().value(0), QFileInfo(path).absoluteFilePath());
}

void TestMainWindow::droppingFilesAndAFolderListsThemAll()
{
    QTemporaryDir dir;
    const QByteArray message = test::readData(QStringLiteral("messages/headers-only.txt"));
    const QByteArray bounce = test::readData(QStringLiteral("bounces/postfix-plain.eml"));
    const QString single = writeFile(dir, QStringLiteral("single.eml"), message);
    const QString second = writeFile(dir, QStringLiteral("second.eml"), bounce);
    QDir(dir.path()).mkpath(QStringLiteral("folder/sub"));
    writeFile(dir, QStringLiteral("folder/a.eml"), bounce);
    writeFile(dir, QStringLiteral("folder/sub/b.txt"), bounce);
    writeFile(dir, QStringLiteral("folder/picture.png"), QByteArray("\x89PNG\r\n", 6)); // not a mail file
    auto* stack = m_window->findChild<QStackedWidget*>();

    // A folder alone opens as a batch: the table of its recipients (the picture is not read), the
    // list left alone.
    std::unique_ptr<QMimeData> folder(urlsOf({dir.filePath(QStringLiteral("folder"))}));
    QVERIFY(dragAndDrop(*m_window, folder.get()));
    QCOMPARE(stack->currentWidget(), m_window->batchView());
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->batchView()->isBusy() && m_window->batchView()->model()->rowCount() == 2, Timeout);
    QCOMPARE(m_window->itemCount(), 0);
    QVERIFY2(m_window->batchView()->statusLabel()->text().contains(
                 QStringLiteral("1 file that is no mail (a picture, document, archive ...) was left out.")),
             qPrintable(m_window->batchView()->statusLabel()->text()));
    // However long the status, it wraps rather than widening the window past the screen.
    const QLabel* status = m_window->batchView()->statusLabel();
    QVERIFY(status->minimumSizeHint().width() < status->fontMetrics().horizontalAdvance(status->text()) / 2);

    // Files with a folder: the files go to the list in the drop order and the first is shown; the
    // folder to the batch table.
    std::unique_ptr<QMimeData> mixed(urlsOf({single, dir.filePath(QStringLiteral("folder")), second}));
    QVERIFY(dragAndDrop(*m_window, mixed.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 2, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->batchView()->isBusy() && m_window->batchView()->model()->rowCount() == 2, Timeout);
    QCOMPARE(m_window->sidebar()->count(), 2);
    QVERIFY(m_window->sidebarDock()->isVisible());
    QCOMPARE(m_window->currentItem(), 0);
    QCOMPARE(m_window->sidebar()->item(0)->text(), QStringLiteral("single.eml"));
    QCOMPARE(m_window->sidebar()->item(1)->text(), QStringLiteral("second.eml"));
    QVERIFY(!m_window->messageBar()->isVisible());
    // Choosing an item in the list shows it.
    m_window->sidebar()->setCurrentRow(1);
    QCOMPARE(m_window->currentItem(), 1);
    QVERIFY(m_window->figuresLabel()->text().contains(QStringLiteral("Item 2 of 2")));
}

void TestMainWindow::droppingAFileOnThePasteAreaOpensIt()
{
    // The paste area takes dropped text, but a dropped file is opened, not pasted as its path.
    const QString path = test::dataPath(QStringLiteral("messages/headers-only.txt"));
    std::unique_ptr<QMimeData> mime(urlsOf({path}));
    QVERIFY(dragAndDrop(*m_window->welcomePage()->pasteEdit()->viewport(), mime.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QCOMPARE(m_window->currentAnalysis()->source, path);
    QVERIFY(m_window->welcomePage()->text().isEmpty());
}

void TestMainWindow::droppingTextAnalysesIt()
{
    auto mime = std::make_unique<QMimeData>();
    mime->setText(QString::fromUtf8(test::readData(QStringLiteral("messages/headers-only.txt"))));
    QVERIFY(dragAndDrop(*m_window, mime.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
}

void TestMainWindow::somethingElseCannotBeDropped()
{
    auto mime = std::make_unique<QMimeData>();
    mime->setData(QStringLiteral("image/png"), QByteArray("\x89PNG", 4));
    QVERIFY(!dragAndDrop(*m_window, mime.get()));
    QVERIFY(!m_window->isBusy());
    QCOMPARE(m_window->itemCount(), 0);
}

void TestMainWindow::openGoesThroughTheFileDialogSeam()
{
    const QString path = test::dataPath(QStringLiteral("messages/headers-only.txt"));
    FileDialog::setNextFileName(path);
    QTest::keySequence(m_window, QKeySequence::Open);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QCOMPARE(m_window->currentAnalysis()->source, path);
    QVERIFY(!anyDialogVisible());
    // Once the open has finished (the recent list is written once per open, at its end), it is
    // the first recent file, in the menu and on the first screen.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    QMenu* recent = nullptr;
    for (QMenu* menu : m_window->menuBar()->findChildren<QMenu*>()) {
        if (menu->title() == QStringLiteral("Open &Recent"))
            recent = menu;
    }
    QVERIFY(recent);
    Q_EMIT recent->aboutToShow();
    QVERIFY(!recent->actions().isEmpty());
    QCOMPARE(recent->actions().first()->text(), QStringLiteral("&1 headers-only.txt"));
    // Opening it again, from the recent menu, selects it instead of adding a duplicate.
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/gmail-delivered.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 2, Timeout);
    QCOMPARE(m_window->currentItem(), 1);
    recent->actions().first()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    QCOMPARE(m_window->itemCount(), 2);
    QCOMPARE(m_window->currentItem(), 0);
    // So does a folder that holds it.
    m_window->setCurrentItem(1);
    m_window->openFiles({QFileInfo(path).absolutePath()});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() > 2, Timeout);
    int copies = 0;
    for (int i = 0; i < m_window->itemCount(); ++i) {
        m_window->setCurrentItem(i);
        copies += m_window->currentAnalysis()->source == path ? 1 : 0;
    }
    QCOMPARE(copies, 1);
}

void TestMainWindow::cancellingTheDialogOpensNothing()
{
    FileDialog::setNextFileNames({});
    m_window->openWithDialog();
    QVERIFY(!m_window->isBusy());
    QCOMPARE(m_window->itemCount(), 0);
    QVERIFY(!m_window->messageBar()->isVisible());
    QVERIFY(m_window->isShowingWelcome());
}

void TestMainWindow::badInputShowsTheErrorBar_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("Prose without a single header field")
        << QStringLiteral("Hi Tom, the mail never arrived, can you check?\nThanks, Anna");
    QTest::newRow("A log line is not a header block")
        << QStringLiteral("2026-11-27 10:00:01 postfix/smtp[123]: 4XkT2: to=<a@example.net>, status=bounced");
    QTest::newRow("Binary-looking junk") << QString::fromLatin1("\x01\x02\x03\xff\xfe garbage \x7f");
}

void TestMainWindow::badInputShowsTheErrorBar()
{
    QFETCH(QString, text);
    m_window->analyzeText(text);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    MessageBar* bar = m_window->messageBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(int(bar->kind()), int(MessageBar::Kind::Error));
    QVERIFY2(bar->text().startsWith(QStringLiteral("No header fields found in the pasted text.")),
             qPrintable(bar->text()));
    QCOMPARE(m_window->itemCount(), 0);
    QVERIFY(m_window->isShowingWelcome());
    QVERIFY(!anyDialogVisible());
    // A good paste afterwards clears the bar.
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/headers-only.txt"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QVERIFY(!bar->isVisible());
}

void TestMainWindow::anEmptyClipboardIsExplained()
{
    QApplication::clipboard()->setText(QStringLiteral("   \n  "));
    m_window->pasteFromClipboard();
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY(m_window->messageBar()->text().startsWith(QStringLiteral("The clipboard holds no text.")));
    QVERIFY(!m_window->isBusy());
}

void TestMainWindow::anUnreadableFileIsNamedInTheBarNotADialog()
{
    m_window->openFile(m_dir.filePath(QStringLiteral("missing-bounce.eml")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY2(m_window->messageBar()->text().startsWith(QStringLiteral("missing-bounce.eml: ")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(!anyDialogVisible());
    QCOMPARE(m_window->itemCount(), 0);
    QVERIFY(RecentFiles::list().isEmpty());
}

void TestMainWindow::oneBadFileAmongGoodOnesIsCounted()
{
    const QString good = test::dataPath(QStringLiteral("messages/headers-only.txt"));
    const QString bad =
        writeFile(m_dir, QStringLiteral("notes.txt"), QByteArray("just a note, no headers\n"));
    m_window->openFiles({good, bad});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout);
    QCOMPARE(m_window->itemCount(), 1);
    const QString text = m_window->messageBar()->text();
    QVERIFY2(text.startsWith(QStringLiteral("1 of 2 inputs could not be analyzed: notes.txt: ")),
             qPrintable(text));
}

void TestMainWindow::bouncesOpenedTogetherAreReadAsHistory()
{
    // The same mailbox full three times over three weeks: the last opened item now says remove.
    m_window->openFiles({test::dataPath(QStringLiteral("history/mailbox-full-1.eml")),
                         test::dataPath(QStringLiteral("history/mailbox-full-2.eml")),
                         test::dataPath(QStringLiteral("history/mailbox-full-3.eml"))});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 3, Timeout);
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY2(
        m_window->messageBar()->text().startsWith(QStringLiteral("Bounce history: 3 repeated soft bounces")),
        qPrintable(m_window->messageBar()->text()));
    const Analysis* shown = m_window->currentAnalysis();
    QVERIFY(shown);
    QVERIFY(shown->recipients.first().classification.removeAddress);
}

void TestMainWindow::markupInASubjectStaysLiteralText()
{
    const QString markup = QStringLiteral("<b>bold</b><a href=\"http://x\">x</a>");
    m_window->analyzeText(QStringLiteral("From: a@example.org\nTo: b@example.net\nSubject: ") + markup +
                          QStringLiteral("\nDate: Fri, 27 Nov 2026 10:00:00 +0000\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    int shown = 0;
    for (const QLabel* label : m_window->findChildren<QLabel*>()) {
        if (label->text().contains(markup)) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            ++shown;
        }
        // No label anywhere turned it into a link.
        QVERIFY(
            !(label->textFormat() != Qt::PlainText && label->text().contains(QStringLiteral("http://x"))));
    }
    // The summary's facts are plain text views (WrappingText: setPlainText, no rich text).
    for (const WrappingText* text : m_window->findChildren<WrappingText*>()) {
        if (text->text().contains(markup)) {
            QVERIFY(!text->acceptRichText());
            QCOMPARE(text->toPlainText(), text->text());
            ++shown;
        }
    }
    QCOMPARE(shown, 1); // the subject on the summary
    // The header table holds the characters, and its tooltip shows them as characters too.
    const QAbstractItemModel* model = m_window->analysisView()->headers()->table()->model();
    QModelIndex subject;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, HeaderTableModel::NameColumn).data().toString() == QStringLiteral("Subject"))
            subject = model->index(row, HeaderTableModel::ValueColumn);
    }
    QVERIFY(subject.isValid());
    QCOMPARE(subject.data().toString(), markup);
    const QString tip = subject.data(Qt::ToolTipRole).toString();
    QVERIFY(!tip.contains(QStringLiteral("<b>")));
    QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")));
}

void TestMainWindow::everyExampleOpens_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("title");
    for (const ExampleCatalog::Example& example : ExampleCatalog::all())
        QTest::newRow(qPrintable(example.title)) << example.resource << example.title;
}

void TestMainWindow::everyExampleOpens()
{
    QFETCH(QString, resource);
    QFETCH(QString, title);
    m_window->openExample(resource);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    const Analysis* analysis = m_window->currentAnalysis();
    QVERIFY(analysis->message.headers.size() >= 10);
    QVERIFY2(analysis->errors.isEmpty(), qPrintable(analysis->errors.join(QLatin1Char(' '))));
    QVERIFY(!analysis->relay.isEmpty());
    QVERIFY(m_window->windowTitle().startsWith(title.left(20)));
    // Examples are not files: they do not go into the recent list.
    QVERIFY(RecentFiles::list().isEmpty());
}

void TestMainWindow::newStartsAgainAndCloseRemovesAnItem()
{
    m_window->openFiles({test::dataPath(QStringLiteral("messages/headers-only.txt")),
                         test::dataPath(QStringLiteral("messages/gmail-delivered.eml"))});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy() && m_window->itemCount() == 2, Timeout);
    // Ctrl+W closes the item shown; the other remains.
    QTest::keySequence(m_window, QKeySequence::Close);
    QCOMPARE(m_window->itemCount(), 1);
    QVERIFY(!m_window->sidebarDock()->isVisible());
    QVERIFY(m_window->currentAnalysis()->source.endsWith(QStringLiteral("gmail-delivered.eml")));
    // Ctrl+N asks before it discards the items: Cancel keeps them ...
    const int asked = ConfirmDialog::askedCount();
    ConfirmDialog::setNextAnswer(false);
    QTest::keySequence(m_window, QKeySequence::New);
    QCOMPARE(ConfirmDialog::askedCount(), asked + 1);
    QCOMPARE(m_window->itemCount(), 1);
    // ... and Close All starts again on the first screen.
    ConfirmDialog::setNextAnswer(true);
    QTest::keySequence(m_window, QKeySequence::New);
    QCOMPARE(m_window->itemCount(), 0);
    QVERIFY(m_window->isShowingWelcome());
    QVERIFY(m_window->welcomePage()->text().isEmpty());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("HeaderLens"));
    // With nothing to lose it does not ask.
    QTest::keySequence(m_window, QKeySequence::New);
    QCOMPARE(ConfirmDialog::askedCount(), asked + 2);
}

void TestMainWindow::shortcutsSwitchTabsAndFocusTheFilter()
{
    m_window->analyzeText(QString::fromUtf8(test::readData(QStringLiteral("messages/gmail-delivered.eml"))));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    AnalysisView* view = m_window->analysisView();
    QTest::keyClick(m_window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(view->currentIndex(), int(AnalysisView::RelayTab));
    QTest::keyClick(m_window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(view->currentIndex(), int(AnalysisView::ExplanationTab));
    QTest::keySequence(m_window, QKeySequence::Find);
    QCOMPARE(view->currentIndex(), int(AnalysisView::HeadersTab));
    QVERIFY(view->headers()->filterEdit()->hasFocus());
    // Every tab page and the main controls carry accessible names.
    for (int tab = 0; tab < view->count(); ++tab)
        QVERIFY(!view->tabText(tab).isEmpty());
    QVERIFY(!view->headers()->filterEdit()->accessibleName().isEmpty());
    QVERIFY(!view->relay()->inputRoute()->timeline()->accessibleName().isEmpty());
    QVERIFY(view->relay()->inputRoute()->timeline()->accessibleDescription().startsWith(
        QStringLiteral("Hop 1:")));
}

void TestMainWindow::aLargeInputIsAnalysedOffTheGuiThread()
{
    // 20 MB: the call returns before the work is done; the window keeps handling events.
    QByteArray big = test::readData(QStringLiteral("messages/gmail-delivered.eml"));
    big += QByteArray(20 * 1024 * 1024, 'x');
    m_window->analyzeText(QString::fromLatin1(big));
    QVERIFY(m_window->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 60000);
    QCOMPARE(m_window->itemCount(), 1);
    QCOMPARE(m_window->currentAnalysis()->message.headers.size(), 18);
}

void TestMainWindow::recentFilesAndWindowSizeSurviveARestart()
{
    const QString path = test::dataPath(QStringLiteral("messages/headers-only.txt"));
    m_window->openFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->itemCount(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), Timeout); // the recent list is written at the end
    m_window->resize(1040, 720);
    QTest::qWait(50);
    m_window->close();
    delete m_window;

    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QCOMPARE(m_window->size(), QSize(1040, 720));
    QCOMPARE(RecentFiles::list(), QStringList{QFileInfo(path).absoluteFilePath()});
    // The first screen offers it.
    bool offered = false;
    for (const QToolButton* button : m_window->welcomePage()->findChildren<QToolButton*>())
        offered = offered || button->text() == QStringLiteral("headers-only.txt");
    QVERIFY(offered);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
