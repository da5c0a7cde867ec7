// The batch table, the History view and their place in the window, as a person uses them: open a
// folder, an mbox and a Maildir; sort every column; filter; click a count; select a row; export.

#include "AnalysisView.h"
#include "BatchFilterModel.h"
#include "BatchTableModel.h"
#include "BatchView.h"
#include "FileDialog.h"
#include "HistorySettings.h"
#include "HistoryTableModel.h"
#include "HistoryView.h"
#include "MainWindow.h"
#include "SummaryView.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace headerlens;

class TestBatchView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void oneRowPerRecipientFromAnMboxAndAMaildir();
    void everyColumnSorts();
    void theFilterBoxNarrows();
    void clickingACountFilters();
    void selectingARowShowsItsTabs();
    void exportsTheVisibleRows();
    void exportsTheListHygiene();
    void aDamagedDatabaseIsSaidAndTheTableStillFills();
    void theHistoryViewShowsAddressesAndEvents();
    void theWindowOpensFoldersAndMailboxesAsABatch();

private:
    BatchRunner::Settings settings() const;
    void runBatch(BatchView& view, const QStringList& paths);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

constexpr int Timeout = 30000;

QStringList fixtures()
{
    return {test::dataPath(QStringLiteral("mbox/list-bounces.mbox")),
            test::dataPath(QStringLiteral("maildir"))};
}

int rowOf(const BatchView& view, const QString& address)
{
    for (int i = 0; i < view.proxy()->rowCount(); ++i) {
        if (view.proxy()->index(i, BatchTableModel::RecipientColumn).data().toString() == address)
            return i;
    }
    return -1;
}

} // namespace

void TestBatchView::initTestCase()
{
    test::isolateSettings();
}

void TestBatchView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

BatchRunner::Settings TestBatchView::settings() const
{
    return {true, m_dir->filePath(QStringLiteral("history.sqlite")), EscalationPolicy()};
}

void TestBatchView::runBatch(BatchView& view, const QStringList& paths)
{
    QSignalSpy finished(&view, &BatchView::finished);
    view.start(paths, settings());
    QVERIFY(finished.wait(Timeout));
    QVERIFY(!view.isBusy());
}

void TestBatchView::oneRowPerRecipientFromAnMboxAndAMaildir()
{
    BatchView view;
    runBatch(view, fixtures());
    QCOMPARE(view.model()->rowCount(), 12);
    QCOMPARE(view.visibleRowCount(), 12);
    const QStringList headers = [&] {
        QStringList h;
        for (int c = 0; c < view.model()->columnCount(); ++c)
            h << view.model()->headerData(c, Qt::Horizontal).toString();
        return h;
    }();
    QCOMPARE(headers, QStringList({QStringLiteral("Date (UTC)"), QStringLiteral("Recipient"),
                                   QStringLiteral("Domain"), QStringLiteral("Type"), QStringLiteral("Cause"),
                                   QStringLiteral("Side"), QStringLiteral("Advice"), QStringLiteral("Reply"),
                                   QStringLiteral("Status"), QStringLiteral("Reporting MTA"),
                                   QStringLiteral("File"), QStringLiteral("History")}));
    const int paul = rowOf(view, QStringLiteral("paul@example.com"));
    QVERIFY(paul >= 0);
    const auto cell = [&](int row, int column) { return view.proxy()->index(row, column).data().toString(); };
    QCOMPARE(cell(paul, BatchTableModel::TypeColumn), QStringLiteral("hard"));
    QCOMPARE(cell(paul, BatchTableModel::CauseColumn), QStringLiteral("mailbox_unknown"));
    QCOMPARE(cell(paul, BatchTableModel::ReplyCodeColumn), QStringLiteral("550"));
    QCOMPARE(cell(paul, BatchTableModel::StatusColumn), QStringLiteral("5.1.1"));
    QCOMPARE(cell(paul, BatchTableModel::FileColumn), QStringLiteral("list-bounces.mbox #6"));
    const int ines = rowOf(view, QStringLiteral("ines.moreau@example.net"));
    QCOMPARE(cell(ines, BatchTableModel::AdviceColumn), QStringLiteral("remove_address"));
    QCOMPARE(cell(ines, BatchTableModel::HistoryColumn),
             QStringLiteral("3rd consecutive soft bounce since 2026-11-01"));
    QVERIFY(view.statusLabel()->text().contains(QLatin1String("12 messages, 12 rows")));
}

void TestBatchView::everyColumnSorts()
{
    BatchView view;
    runBatch(view, fixtures());
    for (int column = 0; column < BatchTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            view.table()->sortByColumn(column, order);
            for (int i = 1; i < view.proxy()->rowCount(); ++i) {
                const QVariant a = view.proxy()->index(i - 1, column).data(BatchTableModel::SortRole);
                const QVariant b = view.proxy()->index(i, column).data(BatchTableModel::SortRole);
                const bool inOrder =
                    order == Qt::AscendingOrder ? QVariant::compare(a, b) <= 0 : QVariant::compare(a, b) >= 0;
                QVERIFY2(inOrder, qPrintable(QStringLiteral("column %1 row %2").arg(column).arg(i)));
            }
        }
    }
    // dates as dates, reply codes as numbers
    view.table()->sortByColumn(BatchTableModel::DateColumn, Qt::AscendingOrder);
    QCOMPARE(view.proxy()->index(0, BatchTableModel::RecipientColumn).data().toString(),
             QStringLiteral("oscar@example.com")); // March 2026
}

void TestBatchView::theFilterBoxNarrows()
{
    BatchView view;
    runBatch(view, fixtures());
    QTest::keyClicks(view.filterEdit(), QStringLiteral("ines"));
    QCOMPARE(view.visibleRowCount(), 3);
    view.filterEdit()->setText(QStringLiteral("mx.example.org")); // the remote MTA of max and sub
    QCOMPARE(view.visibleRowCount(), 2);
    view.filterEdit()->setText(QStringLiteral("5.1.1"));
    QCOMPARE(view.visibleRowCount(), 2);
    view.filterEdit()->setText(QStringLiteral("spamhaus")); // the server's words
    QCOMPARE(view.visibleRowCount(), 1);
    view.filterEdit()->setText(QStringLiteral("mailbox_full ines"));
    QCOMPARE(view.visibleRowCount(), 3);
    view.filterEdit()->clear();
    QCOMPARE(view.visibleRowCount(), 12);
}

void TestBatchView::clickingACountFilters()
{
    BatchView view;
    runBatch(view, fixtures());
    const QString counts = view.countsLabel()->text();
    QVERIFY2(counts.contains(QLatin1String("href=\"cause:mailbox_full\"")), qPrintable(counts));
    QVERIFY(counts.contains(QLatin1String("mailbox_full&nbsp;6")));
    QVERIFY(counts.contains(QLatin1String("href=\"type:hard\"")));
    Q_EMIT view.countsLabel()->linkActivated(QStringLiteral("cause:mailbox_full"));
    QCOMPARE(view.visibleRowCount(), 6);
    QVERIFY(view.countsLabel()->text().contains(QLatin1String("<b>mailbox_full&nbsp;6</b>")));
    Q_EMIT view.countsLabel()->linkActivated(QStringLiteral("type:hard"));
    QCOMPARE(view.visibleRowCount(), 3);
    Q_EMIT view.countsLabel()->linkActivated(QStringLiteral("all:"));
    QCOMPARE(view.visibleRowCount(), 12);
}

void TestBatchView::selectingARowShowsItsTabs()
{
    BatchView view;
    view.resize(1200, 800);
    view.show();
    runBatch(view, fixtures());
    const int paul = rowOf(view, QStringLiteral("paul@example.com"));
    view.table()->selectRow(paul);
    QVERIFY(view.analysisView()->isVisible());
    const Analysis& a = view.analysisView()->analysis();
    QVERIFY(a.source.endsWith(QLatin1String("list-bounces.mbox #6")));
    QCOMPARE(a.recipients.first().report.address, QStringLiteral("paul@example.com"));
    // an escalated row shows the history's verdict in its tabs
    view.table()->selectRow(rowOf(view, QStringLiteral("ines.moreau@example.net")));
    const Classification& c = view.analysisView()->analysis().recipients.first().classification;
    QVERIFY(c.removeAddress);
    QCOMPARE(c.evidence.last().rule, QStringLiteral("history.repeated_soft"));
}

void TestBatchView::exportsTheVisibleRows()
{
    BatchView view;
    runBatch(view, fixtures());
    view.filterEdit()->setText(QStringLiteral("example.com"));
    const int visible = view.visibleRowCount();
    QVERIFY(visible > 0 && visible < 12);
    QString error;
    const QString csv = m_dir->filePath(QStringLiteral("rows.csv"));
    QVERIFY2(view.exportVisibleRows(csv, &error), qPrintable(error));
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    const QByteArray bytes = c.readAll();
    QCOMPARE(bytes.count("\r\n"), visible + 1);
    QVERIFY(bytes.startsWith("date,recipient,domain,type,cause,side,advice"));
    const QString json = m_dir->filePath(QStringLiteral("rows.jsonl"));
    QVERIFY(view.exportVisibleRows(json, &error));
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = j.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), visible);
    QCOMPARE(QJsonDocument::fromJson(lines.first()).object().value(QStringLiteral("domain")).toString(),
             QStringLiteral("example.com"));
    QVERIFY(!view.exportVisibleRows(QStringLiteral("/proc/nowhere/rows.csv"), &error));
}

void TestBatchView::exportsTheListHygiene()
{
    BatchView view;
    runBatch(view, fixtures());
    QString error;
    QVERIFY2(view.exportHygiene(m_dir->filePath(QStringLiteral("lists")), &error), qPrintable(error));
    QFile suppression(m_dir->filePath(QStringLiteral("lists/suppression.txt")));
    QVERIFY(suppression.open(QIODevice::ReadOnly));
    QCOMPARE(suppression.readAll(),
             QByteArray("ines.moreau@example.net\npaul@example.com\nrosa@example.com\nsub@example.org\n"));
}

void TestBatchView::aDamagedDatabaseIsSaidAndTheTableStillFills()
{
    QFile damaged(m_dir->filePath(QStringLiteral("history.sqlite")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(4096, 'z'));
    damaged.close();
    BatchView view;
    runBatch(view, fixtures());
    QVERIFY(!view.problemLabel()->isHidden());
    QVERIFY2(view.problemLabel()->text().contains(QLatin1String("goes on without history")),
             qPrintable(view.problemLabel()->text()));
    QCOMPARE(view.model()->rowCount(), 12);
    // the history of this batch still escalates
    QCOMPARE(
        view.proxy()
            ->index(rowOf(view, QStringLiteral("ines.moreau@example.net")), BatchTableModel::AdviceColumn)
            .data()
            .toString(),
        QStringLiteral("remove_address"));
}

void TestBatchView::theHistoryViewShowsAddressesAndEvents()
{
    {
        BatchView view;
        runBatch(view, fixtures());
    }
    HistorySettings history;
    history.databasePath = m_dir->filePath(QStringLiteral("history.sqlite"));
    HistoryView view;
    view.setSettings(history);
    view.refresh();
    QVERIFY2(view.problemLabel()->isHidden(), qPrintable(view.problemLabel()->text()));
    QCOMPARE(view.addressModel()->rowCount(), 8);
    view.filterEdit()->setText(QStringLiteral("@example.com"));
    view.refresh();
    QCOMPARE(view.addressModel()->rowCount(), 5);
    view.listCombo()->setCurrentIndex(view.listCombo()->findData(QStringLiteral("remove")));
    QCOMPARE(view.addressModel()->rowCount(), 2); // paul (gone), rosa (complaint)
    view.filterEdit()->setText(QStringLiteral("ines"));
    view.refresh();
    QCOMPARE(view.addressModel()->rowCount(), 1);
    view.addressTable()->selectRow(0);
    QCOMPARE(view.eventModel()->rowCount(), 3);
    QCOMPARE(
        view.addressModel()->data(view.addressModel()->index(0, HistoryTableModel::ReasonColumn)).toString(),
        QStringLiteral("3rd consecutive soft bounce since 2026-11-01."));
    QString error;
    QVERIFY(view.exportHygiene(m_dir->filePath(QStringLiteral("all")), &error));
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("all/hygiene.csv"))));
}

void TestBatchView::theWindowOpensFoldersAndMailboxesAsABatch()
{
    HistorySettings history;
    history.databasePath = m_dir->filePath(QStringLiteral("history.sqlite"));
    history.save();
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    // File > Open Folder...
    QStringList texts;
    for (QAction* a : window.menuBar()->actions().first()->menu()->actions())
        texts << a->text();
    QVERIFY(texts.contains(QStringLiteral("Open &Folder\u2026")));
    QVERIFY(texts.contains(QStringLiteral("Open &Mailbox\u2026")));
    FileDialog::setNextFileName(test::dataPath(QStringLiteral("maildir")));
    window.openFolderWithDialog();
    auto* stack = window.findChild<QStackedWidget*>();
    QCOMPARE(stack->currentWidget(), window.batchView());
    QTRY_VERIFY_WITH_TIMEOUT(!window.batchView()->isBusy() && window.batchView()->model()->rowCount() == 5,
                             Timeout);
    QCOMPARE(window.itemCount(), 0); // the sidebar is left alone

    // a dropped mbox goes to the batch table too; a dropped message still opens as an item
    auto mime = std::make_unique<QMimeData>();
    mime->setUrls({QUrl::fromLocalFile(test::dataPath(QStringLiteral("mbox/list-bounces.mbox"))),
                   QUrl::fromLocalFile(test::dataPath(QStringLiteral("bounces/postfix-plain.eml")))});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy() && window.itemCount() == 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!window.batchView()->isBusy() && window.batchView()->model()->rowCount() == 7,
                             Timeout);

    // View > History
    window.showHistory();
    QCOMPARE(stack->currentWidget(), window.historyView());
    QCOMPARE(window.historyView()->addressModel()->rowCount(), 8);
}

QTEST_MAIN(TestBatchView)
#include "TestBatchView.moc"
