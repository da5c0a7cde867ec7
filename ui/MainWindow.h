#pragma once

#include "AnalysisItem.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QSet>

class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace headerlens {

class AnalysisRunner;
class AnalysisView;
class BatchView;
class HistoryView;
class ReportExporter;
struct ReportOptions;
class DropOverlay;
class MessageBar;
class WelcomePage;

// The HeaderLens window: a first screen that invites a paste or a drop, then six tabs for the
// analysed input; a sidebar lists the inputs when there are several. Input arrives by paste
// (Ctrl+V anywhere), File > Open, Open Recent, drag and drop of files and folders, and the
// Examples menu. Analysis runs off the GUI thread; errors show in an inline message bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Inputs (all asynchronous: see isBusy()).
    void openFiles(const QStringList& paths);
    void openFile(const QString& path) { openFiles({path}); }
    void analyzeText(const QString& text);
    void openExample(const QString& resource);
    void pasteFromClipboard();
    void openWithDialog();
    // File > Open Folder...: every mail file in a folder and its subfolders, as a batch table.
    void openFolderWithDialog();
    // Many bounces at once: folders, mbox files, Maildirs (File > Open Folder, Open Mailbox, a
    // dropped mbox or Maildir) in the batch table, remembered in the history (BatchView).
    void openBatch(const QStringList& paths);
    // What the command line or a drop names: files to the list, folders, Maildirs and mbox files
    // to the batch table.
    void openPaths(const QStringList& paths);
    void openMailboxWithDialog();
    void showBatch();
    void showHistory();
    void editPreferences();
    BatchView* batchView() const { return m_batchView; }
    HistoryView* historyView() const { return m_historyView; }

    // File > Export PDF Report (Ctrl+Shift+E): asks where and how (ExportPdfDialog), then writes
    // the current item's report off the GUI thread; a failure shows in the message bar.
    void exportPdf();
    void exportPdfTo(const QString& path, const ReportOptions& options);
    bool isExportingPdf() const;

    // Adds an analysed item at once and shows it (tests, and the runner's results).
    // A new item opens on its Summary tab.
    void addItem(const AnalysisItem& item);
    // File > New: asks first when there are items to discard (ConfirmDialog); false when kept.
    bool newSession();
    void closeCurrentItem();
    // Stops the batch in progress at once; the status says how many inputs were skipped.
    void stopBatch();

    bool isBusy() const;
    int itemCount() const { return static_cast<int>(m_items.size()); }
    int currentItem() const { return m_current; }
    void setCurrentItem(int index);
    const Analysis* currentAnalysis() const;
    bool isShowingWelcome() const;

    MessageBar* messageBar() const { return m_messageBar; }
    AnalysisView* analysisView() const { return m_view; }
    WelcomePage* welcomePage() const { return m_welcome; }
    QListWidget* sidebar() const { return m_sidebar; }
    QDockWidget* sidebarDock() const { return m_sidebarDock; }
    QLabel* figuresLabel() const { return m_figures; }
    QToolButton* stopButton() const { return m_stop; }

Q_SIGNALS:
    // Emitted when a batch of inputs has been analysed and shown.
    void idle();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void saveSettings();
    void rebuildRecentMenu();

    void onBatchStarted(int inputCount);
    void onItemsReady(const QList<AnalysisItem>& items);
    void processPending();
    void handleItem(const AnalysisItem& item);
    void onProgress(int done, int total);
    void onBatchFinished(bool canceled);
    void finishBatch(bool canceled);

    void showCurrent();
    void applyBounceHistory();
    void rebuildSidebar();
    void appendSidebarEntry(const AnalysisItem& item);
    int indexOfPath(const QString& path) const;
    void updateFigures();
    void updateActions();
    QString errorText(const AnalysisItem& item) const;

    AnalysisRunner* m_runner = nullptr;
    QList<AnalysisItem> m_items;
    int m_current = -1;

    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    AnalysisView* m_view = nullptr;
    MessageBar* m_messageBar = nullptr;
    DropOverlay* m_dropOverlay = nullptr;
    QDockWidget* m_sidebarDock = nullptr;
    QListWidget* m_sidebar = nullptr;
    bool m_itemMessageShown = false;

    QLabel* m_figures = nullptr;
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_stop = nullptr;
    QTimer* m_progressReveal = nullptr;

    // the batch in progress
    QElapsedTimer m_batchTimer;
    int m_batchAdded = 0;
    int m_batchFirst = -1;
    int m_batchTotal = 0;
    int m_batchExpected = 0;   // inputs in the batch, once the runner has counted them
    int m_batchDuplicates = 0; // files already open: selected, not added again
    int m_batchReselect = -1;  // the already open item to show when the batch adds nothing new
    bool m_batchActive = false;
    bool m_batchRunnerDone = false;
    bool m_batchCanceled = false;
    QStringList m_batchErrors;
    QStringList m_batchOpened; // recent files, written once when the batch ends
    QStringList m_batchGone;
    QList<AnalysisItem> m_pending; // results waiting for the GUI thread, taken in time slices
    qsizetype m_pendingHead = 0;
    QTimer* m_pendingTimer = nullptr;
    QSet<QString> m_openPaths;
    bool m_exportErrorShown = false;

    BatchView* m_batchView = nullptr;
    HistoryView* m_historyView = nullptr;
    QAction* m_openMailboxAction = nullptr;
    QAction* m_batchAction = nullptr;
    QAction* m_historyAction = nullptr;
    QAction* m_preferencesAction = nullptr;

    QMenu* m_recentMenu = nullptr;
    QMenu* m_examplesMenu = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_openFolderAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_analyzeAction = nullptr;
    QAction* m_closeItemAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_copySummaryAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_previousItemAction = nullptr;
    QAction* m_nextItemAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QList<QAction*> m_tabActions;

    // PDF export
    QString suggestedReportPath() const;
    ReportExporter* m_reportExporter = nullptr;
    QAction* m_exportPdfAction = nullptr;
};

} // namespace headerlens
