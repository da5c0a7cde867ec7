#include "MainWindow.h"

#include "BounceHistory.h"

#include "AnalysisRunner.h"
#include "AnalysisView.h"
#include "BatchView.h"
#include "ConfirmDialog.h"
#include "DisplayText.h"
#include "DropOverlay.h"
#include "ExampleCatalog.h"
#include "ExportPdfDialog.h"
#include "FileDialog.h"
#include "HeadersView.h"
#include "HistoryView.h"
#include "IconLoader.h"
#include "InputCollector.h"
#include "ItemListDelegate.h"
#include "MessageBar.h"
#include "PasteEdit.h"
#include "PreferencesDialog.h"
#include "RecentFiles.h"
#include "ReportExporter.h"
#include "SafeHtml.h"
#include "TextSummary.h"
#include "Verdict.h"
#include "VerdictStyle.h"
#include "WelcomePage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

// Resources live in the static ui library: make sure the linker keeps them.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace headerlens {

namespace {

constexpr int MaxErrorsListed = 3;

QStringList localFiles(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    initResources();
    setWindowTitle(tr("HeaderLens"));
    setWindowIcon(IconLoader::applicationIcon());
    setAcceptDrops(true);

    m_runner = new AnalysisRunner(this);
    connect(m_runner, &AnalysisRunner::batchStarted, this, &MainWindow::onBatchStarted);
    connect(m_runner, &AnalysisRunner::itemsReady, this, &MainWindow::onItemsReady);
    connect(m_runner, &AnalysisRunner::progressChanged, this, &MainWindow::onProgress);
    connect(m_runner, &AnalysisRunner::batchFinished, this, &MainWindow::onBatchFinished);
    m_reportExporter = new ReportExporter(this);
    connect(m_reportExporter, &ReportExporter::finished, this, [this](const ReportExporter::Result& result) {
        if (result.ok) {
            // A failure shown before is over now.
            if (m_exportErrorShown && m_messageBar->kind() == MessageBar::Kind::Error)
                m_messageBar->clear();
            m_exportErrorShown = false;
            statusBar()->showMessage(tr("Saved the PDF report to %1 (%2)")
                                         .arg(QDir::toNativeSeparators(result.path),
                                              DisplayText::count(result.pageCount, "%1 page", "%1 pages")),
                                     8000);
        } else {
            statusBar()->clearMessage();
            m_messageBar->showMessage(MessageBar::Kind::Error,
                                      tr("The PDF report was not saved. %1").arg(result.error));
            m_exportErrorShown = true;
        }
        updateActions();
    });

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_messageBar = new MessageBar(central);
    m_stack = new QStackedWidget(central);
    m_welcome = new WelcomePage(m_stack);
    m_view = new AnalysisView(m_stack);
    m_batchView = new BatchView(m_stack);
    m_historyView = new HistoryView(m_stack);
    m_historyView->setSettings(HistorySettings::load());
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_batchView);
    m_stack->addWidget(m_historyView);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    m_dropOverlay = new DropOverlay(central);

    connect(m_welcome, &WelcomePage::analyzeRequested, this, &MainWindow::analyzeText);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openWithDialog);
    connect(m_welcome, &WelcomePage::exampleRequested, this, &MainWindow::openExample);
    connect(m_welcome, &WelcomePage::recentRequested, this, &MainWindow::openFile);
    connect(m_welcome, &WelcomePage::filesPasted, this, &MainWindow::openFiles);

    m_sidebar = new QListWidget(this);
    m_sidebar->setAccessibleName(tr("Analyzed items"));
    m_sidebar->setItemDelegate(new ItemListDelegate(m_sidebar));
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebarDock = new QDockWidget(tr("Analyzed Items"), this);
    m_sidebarDock->setObjectName(QStringLiteral("itemsDock"));
    m_sidebarDock->setWidget(m_sidebar);
    m_sidebarDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::LeftDockWidgetArea, m_sidebarDock);
    m_sidebarDock->hide();
    m_pendingTimer = new QTimer(this);
    m_pendingTimer->setSingleShot(true);
    m_pendingTimer->setInterval(0);
    connect(m_pendingTimer, &QTimer::timeout, this, &MainWindow::processPending);

    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            setCurrentItem(row);
    });

    createActions();
    createMenus();
    createStatusBar();
    restoreSettings();
    m_welcome->setRecentFiles(RecentFiles::list());
    updateActions();
    updateFigures();
    m_welcome->setFocus();
}

MainWindow::~MainWindow() = default;

// --- building the window ---------------------------------------------------------------------

void MainWindow::createActions()
{
    m_newAction = new QAction(IconLoader::icon(QStringLiteral("document-new"), QStringLiteral("new")),
                              tr("&New"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Start again with an empty paste area"));
    connect(m_newAction, &QAction::triggered, this, [this] { newSession(); });

    m_openAction = new QAction(IconLoader::icon(QStringLiteral("document-open"), QStringLiteral("open")),
                               tr("&Open\u2026"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open one or more messages (.eml, .txt or any mail file)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openWithDialog);

    m_openFolderAction = new QAction(tr("Open &Folder\u2026"), this);
    m_openFolderAction->setObjectName(QStringLiteral("openFolderAction"));
    m_openFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openFolderAction->setStatusTip(tr("Open every mail file in a folder and its subfolders"));
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::openFolderWithDialog);
    m_openMailboxAction = new QAction(tr("Open &Mailbox\u2026"), this);
    m_openMailboxAction->setObjectName(QStringLiteral("openMailboxAction"));
    m_openMailboxAction->setStatusTip(tr("Read every message of an mbox file into the batch table"));
    connect(m_openMailboxAction, &QAction::triggered, this, &MainWindow::openMailboxWithDialog);
    m_batchAction = new QAction(tr("&Batch Table"), this);
    m_batchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    m_batchAction->setStatusTip(tr("Show the table of the last folder, mbox or Maildir read"));
    connect(m_batchAction, &QAction::triggered, this, &MainWindow::showBatch);
    m_historyAction = new QAction(tr("&History"), this);
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_historyAction->setStatusTip(tr("What the history knows about each address"));
    connect(m_historyAction, &QAction::triggered, this, &MainWindow::showHistory);
    m_preferencesAction = new QAction(tr("Pr&eferences\u2026"), this);
    m_preferencesAction->setShortcut(QKeySequence::Preferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, &MainWindow::editPreferences);

    m_pasteAction = new QAction(IconLoader::icon(QStringLiteral("edit-paste"), QStringLiteral("paste")),
                                tr("&Paste and Analyze"), this);
    m_pasteAction->setShortcut(QKeySequence::Paste);
    m_pasteAction->setShortcutContext(Qt::WindowShortcut);
    m_pasteAction->setStatusTip(tr("Analyze the headers or message on the clipboard"));
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::pasteFromClipboard);

    m_analyzeAction =
        new QAction(IconLoader::icon(QStringLiteral("system-search"), QStringLiteral("analyze")),
                    tr("&Analyze Pasted Text"), this);
    m_analyzeAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_analyzeAction, &QAction::triggered, this, [this] { analyzeText(m_welcome->text()); });

    m_exportPdfAction = new QAction(tr("&Export PDF Report\u2026"), this);
    m_exportPdfAction->setObjectName(QStringLiteral("exportPdfAction"));
    m_exportPdfAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportPdfAction->setStatusTip(tr("Save this analysis as a PDF report to print or share"));
    connect(m_exportPdfAction, &QAction::triggered, this, &MainWindow::exportPdf);

    m_closeItemAction = new QAction(IconLoader::icon(QStringLiteral("window-close"), QStringLiteral("close")),
                                    tr("&Close Item"), this);
    // Set explicitly: some platform themes map QKeySequence::Close to Ctrl+F4 only.
    m_closeItemAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::CTRL | Qt::Key_F4)});
    connect(m_closeItemAction, &QAction::triggered, this, &MainWindow::closeCurrentItem);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(
        QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some themes
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_copySummaryAction = new QAction(IconLoader::icon(QStringLiteral("edit-copy"), QStringLiteral("copy")),
                                      tr("Copy Summary as &Text"), this);
    m_copySummaryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copySummaryAction, &QAction::triggered, this, [this] {
        if (const Analysis* analysis = currentAnalysis()) {
            QApplication::clipboard()->setText(TextSummary::render(*analysis));
            statusBar()->showMessage(tr("Summary copied to the clipboard"), 3000);
        }
    });

    m_findAction = new QAction(tr("&Filter Header Fields"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_view->setCurrentIndex(AnalysisView::HeadersTab);
        m_view->headers()->focusFilter();
    });

    const QStringList tabNames = {tr("&Summary"),        tr("&Relay Chain"), tr("S&MTP Response"),
                                  tr("&Classification"), tr("Explanatio&n"), tr("Hea&ders"),
                                  tr("&Authentication")};
    for (int tab = 0; tab < tabNames.size(); ++tab) {
        auto* action = new QAction(tabNames[tab], this);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + tab)));
        connect(action, &QAction::triggered, this, [this, tab] { m_view->setCurrentIndex(tab); });
        m_tabActions << action;
    }

    m_previousItemAction = new QAction(tr("&Previous Item"), this);
    m_previousItemAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(m_previousItemAction, &QAction::triggered, this, [this] { setCurrentItem(m_current - 1); });
    m_nextItemAction = new QAction(tr("&Next Item"), this);
    m_nextItemAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    connect(m_nextItemAction, &QAction::triggered, this, [this] { setCurrentItem(m_current + 1); });

    m_aboutAction = new QAction(IconLoader::applicationIcon(), tr("&About HeaderLens"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox box(this);
        box.setWindowTitle(tr("About HeaderLens"));
        box.setIconPixmap(IconLoader::applicationIcon().pixmap(64, 64));
        box.setTextFormat(Qt::RichText);
        box.setText(QStringLiteral("<h3>HeaderLens %1</h3>").arg(QStringLiteral(HEADERLENS_VERSION)) +
                    tr("<p>Why did this email not arrive? HeaderLens reads bounces, delay notices and raw "
                       "headers, offline, and tells you what happened and what to do.</p>"
                       "<p>It draws the relay chain as a timeline, shows the server's reply, classifies the "
                       "failure (hard, soft or deferred; cause; whose side) and explains it in plain "
                       "words.</p><p>Built with Qt %1 and GMime.</p>")
                        .arg(QString::fromLatin1(qVersion())));
        box.exec();
    });
    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    file->addAction(m_openFolderAction);
    file->addAction(m_openMailboxAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(m_exportPdfAction);
    file->addSeparator();
    file->addAction(m_closeItemAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_pasteAction);
    edit->addAction(m_analyzeAction);
    edit->addSeparator();
    edit->addAction(m_copySummaryAction);
    edit->addAction(m_findAction);
    edit->addSeparator();
    edit->addAction(m_preferencesAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QAction* action : std::as_const(m_tabActions))
        view->addAction(action);
    view->addSeparator();
    view->addAction(m_previousItemAction);
    view->addAction(m_nextItemAction);
    QAction* sidebarToggle = m_sidebarDock->toggleViewAction();
    sidebarToggle->setText(tr("Show &Item List"));
    sidebarToggle->setShortcut(QKeySequence(Qt::Key_F9));
    view->addAction(sidebarToggle);
    view->addSeparator();
    view->addAction(m_batchAction);
    view->addAction(m_historyAction);

    m_examplesMenu = menuBar()->addMenu(tr("E&xamples"));
    for (const ExampleCatalog::Example& example : ExampleCatalog::all()) {
        const QString resource = example.resource;
        m_examplesMenu->addAction(example.title, this, [this, resource] { openExample(resource); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);

    // F10 opens the menu bar, as in GNOME, KDE and Windows applications.
    auto* f10 = new QShortcut(QKeySequence(Qt::Key_F10), this);
    f10->setContext(Qt::WindowShortcut);
    connect(f10, &QShortcut::activated, this, [this] {
        const QList<QAction*> menus = menuBar()->actions();
        if (menus.isEmpty())
            return;
        menuBar()->setFocus(Qt::ShortcutFocusReason);
        menuBar()->setActiveAction(menus.first());
    });

    QToolBar* toolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_newAction);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_pasteAction);
    auto* examples = new QToolButton(toolBar);
    examples->setText(tr("Examples"));
    examples->setIcon(IconLoader::icon(QString(), QStringLiteral("example")));
    examples->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    examples->setPopupMode(QToolButton::InstantPopup);
    examples->setMenu(m_examplesMenu);
    examples->setAccessibleName(tr("Examples"));
    toolBar->addWidget(examples);
}

void MainWindow::createStatusBar()
{
    m_figures = new QLabel(this);
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setAccessibleName(tr("Figures"));
    m_progressLabel = new QLabel(this);
    m_progressLabel->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Analysis progress"));
    m_stop = new QToolButton(this);
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop analysing the remaining files"));
    connect(m_stop, &QToolButton::clicked, this, &MainWindow::stopBatch);
    statusBar()->addWidget(m_figures, 1);
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_stop);
    m_progressLabel->hide();
    m_progress->hide();
    m_stop->hide();

    m_progressReveal = new QTimer(this);
    m_progressReveal->setSingleShot(true);
    m_progressReveal->setInterval(250); // quick analyses never flash a progress bar
    connect(m_progressReveal, &QTimer::timeout, this, [this] {
        m_progressLabel->show();
        m_progress->show();
        m_stop->show();
    });
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1180, 780);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_view->headers()->splitter()->restoreState(
        settings.value(QStringLiteral("window/headersSplitter")).toByteArray());
    m_sidebarDock->hide(); // the item list shows itself when there are several items
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/headersSplitter"), m_view->headers()->splitter()->saveState());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::list();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QString name = QFileInfo(path).fileName();
        name.replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction* action =
            m_recentMenu->addAction(i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(name) : name);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear List"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        RecentFiles::clear();
        m_welcome->setRecentFiles({});
    });
    m_recentMenu->setEnabled(true);
}

// --- inputs ----------------------------------------------------------------------------------------

void MainWindow::openFiles(const QStringList& paths)
{
    QList<AnalysisInput> inputs;
    int alreadyOpen = -1;
    for (const QString& path : paths) {
        if (path.isEmpty())
            continue;
        // A file that is open already is shown, not added a second time.
        const int existing = indexOfPath(QFileInfo(path).absoluteFilePath());
        if (existing >= 0) {
            if (alreadyOpen < 0)
                alreadyOpen = existing;
            continue;
        }
        inputs << AnalysisInput::fromPath(path);
    }
    if (inputs.isEmpty() && alreadyOpen >= 0) {
        setCurrentItem(alreadyOpen);
        statusBar()->showMessage(tr("%1 is open already: selected it").arg(m_items[alreadyOpen].title), 4000);
        return;
    }
    m_runner->start(inputs);
}

int MainWindow::indexOfPath(const QString& path) const
{
    if (path.isEmpty() || !m_openPaths.contains(path))
        return -1;
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items[i].filePath == path)
            return i;
    }
    return -1;
}

void MainWindow::openFolderWithDialog()
{
    QSettings settings;
    const QString directory = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString folder = FileDialog::getExistingDirectory(this, tr("Open Folder"), directory);
    if (folder.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), folder);
    openBatch({folder});
}

void MainWindow::openMailboxWithDialog()
{
    QSettings settings;
    const QString directory = settings.value(QStringLiteral("lastDirectory")).toString();
    const QStringList files = FileDialog::getOpenFileNames(
        this, tr("Open Mailbox"), directory, tr("Mailboxes (*.mbox *.mbx *.mbs);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(files.first()).absolutePath());
    openBatch(files);
}

void MainWindow::openPaths(const QStringList& paths)
{
    // A folder, a Maildir or an mbox file holds many messages: they go to the batch table, as with
    // File > Open Folder (a table of recipients to act on, not a list of hundreds of names).
    QStringList files;
    QStringList batch;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir() || (info.isFile() && InputCollector::sniff(path) == InputFormat::Mbox))
            batch.append(path);
        else
            files.append(path);
    }
    if (!files.isEmpty())
        openFiles(files);
    if (!batch.isEmpty())
        openBatch(batch);
}

void MainWindow::openBatch(const QStringList& paths)
{
    const HistorySettings history = HistorySettings::load();
    m_batchView->start(paths, {history.enabled, history.effectivePath(), history.policy});
    m_stack->setCurrentWidget(m_batchView);
    m_batchView->filterEdit()->setFocus();
}

void MainWindow::showBatch()
{
    m_stack->setCurrentWidget(m_batchView);
}

void MainWindow::showHistory()
{
    m_historyView->setSettings(HistorySettings::load());
    m_historyView->refresh();
    m_stack->setCurrentWidget(m_historyView);
    m_historyView->filterEdit()->setFocus();
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(HistorySettings::load(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.settings().save();
    m_historyView->setSettings(dialog.settings());
    if (m_stack->currentWidget() == m_historyView)
        m_historyView->refresh();
}

void MainWindow::analyzeText(const QString& text)
{
    m_runner->start({AnalysisInput::fromText(text, tr("Pasted text"))});
}

void MainWindow::openExample(const QString& resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        m_messageBar->showMessage(MessageBar::Kind::Error, tr("The example %1 is missing.").arg(resource));
        return;
    }
    QString title = QFileInfo(resource).fileName();
    for (const ExampleCatalog::Example& example : ExampleCatalog::all()) {
        if (example.resource == resource)
            title = example.title;
    }
    m_runner->start({AnalysisInput::fromBytes(file.readAll(), title)});
}

void MainWindow::pasteFromClipboard()
{
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    const QStringList files = localFiles(mime);
    if (!files.isEmpty()) {
        openFiles(files);
        return;
    }
    const QString text = mime && mime->hasText() ? mime->text() : QString();
    if (text.trimmed().isEmpty()) {
        m_messageBar->showMessage(
            MessageBar::Kind::Warning,
            tr("The clipboard holds no text. Copy the headers or the whole message "
               "(in most mail programs: \u201cShow original\u201d or \u201cView source\u201d), "
               "then paste again."));
        return;
    }
    if (isShowingWelcome() && m_welcome->text().isEmpty()) {
        // Keep what was pasted visible, so it can be corrected if it was not what was meant.
        m_welcome->pasteEdit()->setPlainText(text);
    }
    analyzeText(text);
}

void MainWindow::openWithDialog()
{
    QSettings settings;
    const QString directory = settings.value(QStringLiteral("lastDirectory")).toString();
    const QStringList paths = FileDialog::getOpenFileNames(
        this, tr("Open Messages"), directory,
        tr("Mail messages and headers (*.eml *.txt *.email *.mail *.dsn);;All files (*)"));
    if (paths.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(paths.first()).absolutePath());
    openFiles(paths);
}

// --- the runner's batches ----------------------------------------------------------------------

void MainWindow::onBatchStarted(int inputCount)
{
    m_batchTimer.start();
    m_batchAdded = 0;
    m_batchFirst = -1;
    m_batchTotal = 0;
    m_batchExpected = inputCount;
    m_batchDuplicates = 0;
    m_batchReselect = -1;
    m_batchActive = true;
    m_batchRunnerDone = false;
    m_batchCanceled = false;
    m_batchErrors.clear();
    m_batchOpened.clear();
    m_batchGone.clear();
    m_pending.clear();
    m_pendingHead = 0;
    // A new input makes the last one's message stale.
    m_messageBar->clear();
    m_itemMessageShown = false;
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Analyzing\u2026"));
    m_progressReveal->start();
    updateActions();
}

// Results arrive in bunches from the worker; the GUI thread takes them in slices of a few
// milliseconds, so that key presses and paints are never kept waiting by a large folder.
void MainWindow::onItemsReady(const QList<AnalysisItem>& items)
{
    if (!m_batchActive)
        return;
    m_pending.append(items);
    if (!m_pendingTimer->isActive())
        m_pendingTimer->start();
}

void MainWindow::processPending()
{
    constexpr qint64 SliceMs = 8;
    QElapsedTimer slice;
    slice.start();
    const int before = static_cast<int>(m_items.size());
    while (m_pendingHead < m_pending.size() && slice.elapsed() < SliceMs)
        handleItem(m_pending[m_pendingHead++]);
    if (m_pendingHead >= m_pending.size()) {
        m_pending.clear();
        m_pendingHead = 0;
    } else {
        m_pendingTimer->start();
    }
    if (m_items.size() != before)
        updateFigures();
    if (m_pending.isEmpty() && m_batchRunnerDone)
        finishBatch(m_batchCanceled);
}

void MainWindow::handleItem(const AnalysisItem& item)
{
    ++m_batchTotal;
    if (item.isUnusable()) {
        m_batchErrors << errorText(item);
        if (!item.filePath.isEmpty() && !QFileInfo::exists(item.filePath))
            m_batchGone << item.filePath;
        return;
    }
    if (!item.filePath.isEmpty()) {
        const int existing = indexOfPath(item.filePath);
        if (existing >= 0) {
            // Opened again (a folder that holds an open file): select it, never list it twice.
            ++m_batchDuplicates;
            if (m_batchReselect < 0)
                m_batchReselect = existing;
            return;
        }
        m_batchOpened << item.filePath;
    }
    const bool firstOfBatch = m_batchAdded == 0;
    ++m_batchAdded;
    if (firstOfBatch) {
        addItem(item); // shows the first new item at once
        m_batchFirst = m_current;
    } else {
        // Later items of a batch join the list without taking the view away from the first.
        m_items.append(item);
        if (!item.filePath.isEmpty())
            m_openPaths.insert(item.filePath);
        appendSidebarEntry(m_items.last());
    }
}

void MainWindow::onProgress(int done, int total)
{
    if (total <= 0)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progressLabel->setText(total > 1 ? tr("Analyzing %1 of %2\u2026").arg(qMin(done + 1, total)).arg(total)
                                       : tr("Analyzing\u2026"));
}

void MainWindow::stopBatch()
{
    m_runner->cancel(); // emits batchFinished(true) at once
}

void MainWindow::onBatchFinished(bool canceled)
{
    if (!m_batchActive)
        return;
    m_batchRunnerDone = true;
    m_batchCanceled = canceled;
    if (canceled) {
        // What was analysed but not yet listed is dropped with the rest: Stop means now.
        m_pendingTimer->stop();
        m_pending.clear();
        m_pendingHead = 0;
        finishBatch(true);
    } else if (m_pending.isEmpty()) {
        finishBatch(false);
    }
}

void MainWindow::finishBatch(bool canceled)
{
    if (!m_batchActive)
        return;
    m_batchActive = false;
    // One settings write for the whole batch, however many files it held.
    RecentFiles::update(m_batchOpened, m_batchGone);
    m_batchOpened.clear();
    m_batchGone.clear();
    m_progressReveal->stop();
    m_progressLabel->hide();
    m_progress->hide();
    m_stop->hide();

    if (!m_batchErrors.isEmpty()) {
        QString text;
        if (m_batchTotal == 1) {
            text = m_batchErrors.first();
        } else {
            text = tr("%1 of %2 inputs could not be analyzed: ").arg(m_batchErrors.size()).arg(m_batchTotal) +
                   m_batchErrors.mid(0, MaxErrorsListed).join(QStringLiteral(" \u2022 "));
            if (m_batchErrors.size() > MaxErrorsListed)
                text += tr(" \u2022 and %1 more.").arg(m_batchErrors.size() - MaxErrorsListed);
        }
        m_messageBar->showMessage(MessageBar::Kind::Error, text);
        m_itemMessageShown = false;
    }
    if (canceled) {
        const int expected = qMax(m_batchExpected, m_progress->maximum());
        const int skipped = qMax(0, expected - m_batchTotal);
        m_messageBar->showMessage(MessageBar::Kind::Information,
                                  expected > 0 && m_progress->maximum() > 0
                                      ? tr("Stopped: %1 analyzed, %2 skipped.")
                                            .arg(DisplayText::count(m_batchTotal, "%1 input", "%1 inputs"))
                                            .arg(skipped)
                                      : tr("Stopped: %1 analyzed; the rest of the folder was skipped.")
                                            .arg(DisplayText::count(m_batchTotal, "%1 input", "%1 inputs")));
        m_itemMessageShown = false;
    } else if (m_batchAdded == 0 && m_batchReselect >= 0) {
        setCurrentItem(m_batchReselect);
    }
    if (m_batchDuplicates > 0)
        statusBar()->showMessage(
            tr("%1 open already: not added again")
                .arg(DisplayText::count(m_batchDuplicates, "%1 file is", "%1 files are")),
            6000);
    if (m_batchTotal > 1 && m_batchTimer.elapsed() > 2000) {
        statusBar()->showMessage(
            tr("Analyzed %1 inputs in %2 s")
                .arg(m_batchTotal)
                .arg(QLocale::system().toString(m_batchTimer.elapsed() / 1000.0, 'f', 1)),
            6000);
    }
    applyBounceHistory();
    m_welcome->setRecentFiles(RecentFiles::list());
    updateActions();
    Q_EMIT idle();
}

// Bounces opened together are read as one list's history: an address that soft-bounced again and
// again over weeks is escalated to removal (core's BounceHistory).
void MainWindow::applyBounceHistory()
{
    if (m_items.size() < 3)
        return;
    QList<Analysis> analyses;
    analyses.reserve(m_items.size());
    for (const AnalysisItem& item : std::as_const(m_items))
        analyses.append(item.analysis);
    const int escalated = BounceHistory::apply(analyses);
    if (escalated == 0)
        return;
    for (qsizetype i = 0; i < m_items.size(); ++i)
        m_items[i].analysis = analyses[i];
    rebuildSidebar();
    showCurrent();
    m_messageBar->showMessage(
        MessageBar::Kind::Information,
        tr("Bounce history: %1 repeated soft bounces of the same address over weeks are now "
           "recommended for removal (see the evidence).")
            .arg(escalated));
    m_itemMessageShown = false;
}

QString MainWindow::errorText(const AnalysisItem& item) const
{
    if (item.inputKind == AnalysisInput::Kind::Text) {
        if (item.analysis.message.inputSize == 0)
            return tr("There is nothing to analyze: paste the headers or the whole message first.");
        return tr(
            "No header fields found in the pasted text. Paste the whole header block (lines such as "
            "\u201cReceived:\u201d, \u201cFrom:\u201d and \u201cSubject:\u201d) or the complete message.");
    }
    const QString reason = item.analysis.errors.isEmpty() ? tr("no header fields found")
                                                          : item.analysis.errors.join(QLatin1Char(' '));
    return tr("%1: %2").arg(item.title.isEmpty() ? item.analysis.source : item.title, reason);
}

// --- items -------------------------------------------------------------------------------------------

void MainWindow::addItem(const AnalysisItem& item)
{
    m_items.append(item);
    if (!item.filePath.isEmpty())
        m_openPaths.insert(item.filePath);
    appendSidebarEntry(m_items.last());
    // A new item opens on its Summary, whatever tab the last one showed.
    m_view->setCurrentIndex(AnalysisView::SummaryTab);
    setCurrentItem(static_cast<int>(m_items.size()) - 1);
}

void MainWindow::setCurrentItem(int index)
{
    if (index < 0 || index >= m_items.size())
        return;
    m_current = index;
    showCurrent();
}

void MainWindow::showCurrent()
{
    if (m_current < 0 || m_current >= m_items.size()) {
        m_stack->setCurrentWidget(m_welcome);
        setWindowTitle(tr("HeaderLens"));
        updateFigures();
        updateActions();
        return;
    }
    const AnalysisItem& item = m_items[m_current];
    const int tab = m_stack->currentWidget() == m_view ? m_view->currentIndex() : AnalysisView::SummaryTab;
    m_view->setAnalysis(item.analysis);
    m_view->setCurrentIndex(tab);
    m_stack->setCurrentWidget(m_view);
    {
        const QSignalBlocker blocker(m_sidebar);
        m_sidebar->setCurrentRow(m_current);
    }
    setWindowTitle(tr("%1 \u2014 HeaderLens").arg(DisplayText::oneLine(item.title, 80)));

    // Partial failures of this item (read, but not all of it) show in the bar.
    if (!item.analysis.errors.isEmpty()) {
        m_messageBar->showMessage(MessageBar::Kind::Warning, item.analysis.errors.join(QLatin1Char(' ')));
        m_itemMessageShown = true;
    } else if (m_itemMessageShown || m_messageBar->kind() != MessageBar::Kind::Error) {
        m_messageBar->clear();
        m_itemMessageShown = false;
    }
    updateFigures();
    updateActions();
}

void MainWindow::rebuildSidebar()
{
    {
        const QSignalBlocker blocker(m_sidebar);
        m_sidebar->clear();
    }
    for (const AnalysisItem& item : std::as_const(m_items))
        appendSidebarEntry(item);
    if (m_items.size() <= 1)
        m_sidebarDock->hide();
}

void MainWindow::appendSidebarEntry(const AnalysisItem& item)
{
    const QSignalBlocker blocker(m_sidebar);
    {
        const Analysis& analysis = item.analysis;
        QString subtitle = DisplayText::kindLabel(analysis);
        if (!analysis.recipients.isEmpty()) {
            subtitle += QStringLiteral(" \u00b7 ") +
                        DisplayText::causeLabel(analysis.recipients.first().classification.cause);
            if (analysis.recipients.size() > 1)
                subtitle += tr(" (+%1)").arg(analysis.recipients.size() - 1);
        } else {
            subtitle += QStringLiteral(" \u00b7 ") +
                        DisplayText::count(analysis.relay.hops.size(), "%1 hop", "%1 hops");
        }
        auto* entry = new QListWidgetItem(DisplayText::oneLine(item.title, 120));
        entry->setData(ItemListDelegate::SubtitleRole, subtitle);
        const Verdict verdict = Verdict::overall(analysis);
        entry->setData(ItemListDelegate::DotColorRole, VerdictStyle::color(verdict.tone, palette()));
        entry->setData(Qt::AccessibleTextRole,
                       QString(DisplayText::oneLine(item.title, 120) + QStringLiteral(", ") + verdict.label +
                               QStringLiteral(", ") + subtitle));
        entry->setToolTip(SafeHtml::toolTip((item.filePath.isEmpty() ? item.title : item.filePath) +
                                            QStringLiteral("\n") + verdict.label));
        m_sidebar->addItem(entry);
    }
    if (m_sidebar->currentRow() != m_current)
        m_sidebar->setCurrentRow(m_current);
    if (m_items.size() > 1 && !m_sidebarDock->isVisible())
        m_sidebarDock->show();
}

bool MainWindow::newSession()
{
    if (!m_items.isEmpty() &&
        !ConfirmDialog::ask(
            this, tr("Start Again"),
            tr("Close all %1 and start again with an empty paste area?")
                .arg(DisplayText::count(m_items.size(), "%1 analyzed item", "%1 analyzed items")),
            tr("&Close All")))
        return false;
    m_runner->cancel();
    m_items.clear();
    m_openPaths.clear();
    m_current = -1;
    rebuildSidebar();
    m_welcome->clear();
    m_messageBar->clear();
    m_itemMessageShown = false;
    showCurrent();
    m_welcome->setFocus();
    return true;
}

void MainWindow::closeCurrentItem()
{
    if (m_current < 0 || m_current >= m_items.size())
        return;
    m_openPaths.remove(m_items[m_current].filePath);
    m_items.removeAt(m_current);
    m_current = qMin(m_current, static_cast<int>(m_items.size()) - 1);
    rebuildSidebar();
    showCurrent();
    if (m_items.isEmpty())
        m_welcome->setFocus();
}

bool MainWindow::isBusy() const
{
    // Busy until the last result of the batch is listed, not only until the worker is done.
    return m_runner->isBusy() || m_batchActive;
}

const Analysis* MainWindow::currentAnalysis() const
{
    if (m_current < 0 || m_current >= m_items.size())
        return nullptr;
    return &m_items[m_current].analysis;
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::updateFigures()
{
    const Analysis* analysis = currentAnalysis();
    if (!analysis) {
        m_figures->setText(tr("Ready: paste headers (Ctrl+V), open a file (Ctrl+O) or drop files here"));
        return;
    }
    const AnalysisItem& item = m_items[m_current];
    QStringList figures;
    if (m_items.size() > 1)
        figures << tr("Item %1 of %2").arg(m_current + 1).arg(m_items.size());
    figures << Verdict::overall(*analysis).label;
    figures << (analysis->fromReplyText ? tr("%1 from a reply text").arg(DisplayText::kindLabel(*analysis))
                                        : DisplayText::kindLabel(*analysis));
    if (!analysis->recipients.isEmpty())
        figures << DisplayText::count(analysis->recipients.size(), "%1 recipient", "%1 recipients");
    // The same route and transit time as the Summary's Route line.
    const RelayChain& route = DisplayText::mainRoute(*analysis);
    if (!route.isEmpty())
        figures << DisplayText::count(route.hops.size(), "%1 hop", "%1 hops");
    const QString transit = DisplayText::transit(route);
    if (!transit.isEmpty())
        figures << transit;
    if (!analysis->message.headers.isEmpty())
        figures << DisplayText::count(analysis->message.headers.size(), "%1 header field",
                                      "%1 header fields");
    if (analysis->message.inputSize > 0)
        figures << DisplayText::byteSize(analysis->message.inputSize);
    figures << tr("analyzed in %1 ms").arg(item.elapsedMs);
    if (!analysis->warnings.isEmpty())
        figures << DisplayText::count(analysis->warnings.size(), "%1 note", "%1 notes");
    m_figures->setText(figures.join(QStringLiteral("  \u00b7  ")));
}

void MainWindow::updateActions()
{
    const bool hasItem = currentAnalysis() != nullptr;
    m_closeItemAction->setEnabled(hasItem);
    m_exportPdfAction->setEnabled(hasItem && !m_reportExporter->isBusy());
    m_copySummaryAction->setEnabled(hasItem);
    m_findAction->setEnabled(hasItem);
    for (QAction* action : std::as_const(m_tabActions))
        action->setEnabled(hasItem);
    m_previousItemAction->setEnabled(m_current > 0);
    m_nextItemAction->setEnabled(m_current >= 0 && m_current + 1 < m_items.size());
    m_analyzeAction->setEnabled(isShowingWelcome());
}

// --- PDF report --------------------------------------------------------------------------------------

QString MainWindow::suggestedReportPath() const
{
    const AnalysisItem& item = m_items[m_current];
    QSettings settings;
    QString folder = settings.value(QStringLiteral("report/lastDirectory")).toString();
    // The last export folder, else Documents: never the source's folder (a mail spool, a
    // download folder or a read-only archive is no place for reports).
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    QString base = item.filePath.isEmpty() ? item.title : QFileInfo(item.filePath).completeBaseName();
    // A title such as "Pasted text" or an example's name: letters, digits and dashes only.
    base = DisplayText::oneLine(base, 60);
    base.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
    if (base.isEmpty())
        base = QStringLiteral("headerlens");
    return QDir(folder).filePath(base + QStringLiteral("-report.pdf"));
}

void MainWindow::exportPdf()
{
    if (!currentAnalysis() || m_reportExporter->isBusy())
        return;
    QSettings settings;
    ExportPdfDialog::Request request;
    request.path = suggestedReportPath();
    const std::optional<ReportOptions::Paper> paper =
        ReportOptions::paperFromName(settings.value(QStringLiteral("report/paper")).toString());
    request.options.paper = paper.value_or(ReportOptions::systemPaper());
    request.options.redact = settings.value(QStringLiteral("report/redact"), false).toBool();
    if (!ExportPdfDialog::ask(this, request) || request.path.isEmpty())
        return;
    settings.setValue(QStringLiteral("report/paper"), ReportOptions::paperName(request.options.paper));
    settings.setValue(QStringLiteral("report/redact"), request.options.redact);
    settings.setValue(QStringLiteral("report/lastDirectory"), QFileInfo(request.path).absolutePath());
    exportPdfTo(request.path, request.options);
}

void MainWindow::exportPdfTo(const QString& path, const ReportOptions& options)
{
    const Analysis* analysis = currentAnalysis();
    if (!analysis || m_reportExporter->isBusy())
        return;
    ReportOptions withTime = options;
    withTime.analyzedAt = m_items[m_current].analyzedAt;
    m_reportExporter->start(*analysis, path, withTime);
    statusBar()->showMessage(tr("Writing the PDF report\u2026"));
    updateActions();
}

bool MainWindow::isExportingPdf() const
{
    return m_reportExporter->isBusy();
}

// --- window events -------------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_runner->cancel();
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    const QStringList files = localFiles(mime);
    if (!files.isEmpty()) {
        m_dropOverlay->setText(files.size() == 1 ? tr("Drop to analyze")
                                                 : tr("Drop to analyze all %1").arg(files.size()));
    } else if (mime && mime->hasText()) {
        m_dropOverlay->setText(tr("Drop to analyze the text"));
    } else {
        event->ignore();
        return;
    }
    m_dropOverlay->raise();
    m_dropOverlay->show();
    event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event)
{
    event->acceptProposedAction();
}

void MainWindow::dragLeaveEvent(QDragLeaveEvent* event)
{
    m_dropOverlay->hide();
    QMainWindow::dragLeaveEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event)
{
    m_dropOverlay->hide();
    const QMimeData* mime = event->mimeData();
    const QStringList files = localFiles(mime);
    if (!files.isEmpty()) {
        openPaths(files);
    } else if (mime && mime->hasText()) {
        analyzeText(mime->text());
    } else {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
}

} // namespace headerlens
