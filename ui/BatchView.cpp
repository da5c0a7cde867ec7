#include "BatchView.h"

#include "AnalysisView.h"
#include "BatchAnalyzer.h"
#include "BatchExport.h"
#include "BatchFilterModel.h"
#include "BatchTableModel.h"
#include "FileDialog.h"
#include "HygieneExport.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace headerlens {

namespace {

// "hard 120 · soft 80" as links that filter; the chosen one in bold.
QString facetLinks(const QMap<QString, int>& counts, const QString& kind, const QString& chosen)
{
    QList<std::pair<int, QString>> sorted;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        sorted.append({-it.value(), it.key()});
    std::sort(sorted.begin(), sorted.end());
    QStringList parts;
    for (const auto& [n, name] : sorted) {
        const QString label = QStringLiteral("%1&nbsp;%2").arg(name.toHtmlEscaped(), QString::number(-n));
        parts.append(name == chosen ? QStringLiteral("<b>%1</b>").arg(label)
                                    : QStringLiteral("<a href=\"%1:%2\">%3</a>").arg(kind, name, label));
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace

BatchView::BatchView(QWidget* parent)
    : QWidget(parent)
    , m_runner(new BatchRunner(this))
    , m_model(new BatchTableModel(this))
    , m_proxy(new BatchFilterModel(this))
{
    m_proxy->setSourceModel(m_model);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);

    auto* top = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("batchFilter"));
    m_filter->setPlaceholderText(tr("Filter: address, domain, cause, status or server text"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &BatchFilterModel::setText);
    connect(m_filter, &QLineEdit::textChanged, this, &BatchView::updateCounts);
    top->addWidget(m_filter, 1);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(false);
    top->addWidget(m_progress);
    m_stop = new QToolButton(this);
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("Stop reading; what was read so far is kept"));
    connect(m_stop, &QToolButton::clicked, this, &BatchView::stop);
    top->addWidget(m_stop);
    m_exportRows = new QToolButton(this);
    m_exportRows->setText(tr("Export Ro&ws\u2026"));
    m_exportRows->setToolTip(tr("Save the visible rows as CSV or JSON"));
    connect(m_exportRows, &QToolButton::clicked, this, &BatchView::exportRowsWithDialog);
    top->addWidget(m_exportRows);
    m_exportHygiene = new QToolButton(this);
    m_exportHygiene->setText(tr("List Hy&giene\u2026"));
    m_exportHygiene->setToolTip(
        tr("Save what to do with each address: remove, keep and fix the sender, watch, "
           "and a suppression list"));
    connect(m_exportHygiene, &QToolButton::clicked, this, &BatchView::exportHygieneWithDialog);
    top->addWidget(m_exportHygiene);
    layout->addLayout(top);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setForegroundRole(QPalette::BrightText);
    m_problem->setAutoFillBackground(true);
    m_problem->setBackgroundRole(QPalette::Dark);
    m_problem->setMargin(4);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("batchCounts"));
    m_counts->setWordWrap(true);
    m_counts->setTextFormat(Qt::RichText);
    m_counts->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_counts, &QLabel::linkActivated, this, [this](const QString& link) {
        const QString kind = link.section(QLatin1Char(':'), 0, 0);
        const QString value = link.section(QLatin1Char(':'), 1);
        if (kind == QLatin1String("all"))
            setFacet(BatchTableModel::TypeColumn, {});
        else
            setFacet(kind == QLatin1String("type") ? BatchTableModel::TypeColumn
                                                   : BatchTableModel::CauseColumn,
                     value);
    });
    layout->addWidget(m_counts);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(m_splitter);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // input order until a header is clicked
    setUpTable(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &BatchView::showSelected);
    m_analysis = new AnalysisView(m_splitter);
    m_analysis->hide();
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_analysis);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    m_status = new QLabel(this);
    // A long status (a folder's path, the counts, what was left out) wraps: it must not widen the
    // window past the screen.
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    connect(m_runner, &BatchRunner::rowsReady, this, &BatchView::onRows);
    connect(m_runner, &BatchRunner::finished, this, &BatchView::onFinished);
    connect(m_runner, &BatchRunner::inputsSkipped, this,
            [this](const QString& note) { m_skippedNote = note; });
    connect(m_runner, &BatchRunner::historyProblem, this, [this](const QString& problem) {
        m_problem->setText(problem);
        m_problem->show();
    });
    m_stop->setEnabled(false);
    m_progress->hide();
}

BatchView::~BatchView() = default;

void BatchView::fitColumn(QTableView* table, int column, const char* sample)
{
    table->setColumnWidth(column, table->fontMetrics().horizontalAdvance(QString::fromLatin1(sample)) + 16);
}

void BatchView::setUpTable(QTableView* table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionsMovable(true);
    fitColumn(table, BatchTableModel::DateColumn, "2026-11-22 09:00");
    fitColumn(table, BatchTableModel::RecipientColumn, "ines.moreau@example.net.xx");
    fitColumn(table, BatchTableModel::DomainColumn, "example.net.xxxx");
    fitColumn(table, BatchTableModel::TypeColumn, "deferred");
    fitColumn(table, BatchTableModel::CauseColumn, "mailbox_unknown.x");
    fitColumn(table, BatchTableModel::SideColumn, "recipient");
    fitColumn(table, BatchTableModel::AdviceColumn, "fix_sender_keep_address");
    fitColumn(table, BatchTableModel::ReplyCodeColumn, "Reply");
    fitColumn(table, BatchTableModel::StatusColumn, "5.7.26");
    fitColumn(table, BatchTableModel::ReportingMtaColumn, "mail.example.org.xx");
    fitColumn(table, BatchTableModel::FileColumn, "list-bounces.mbox #12");
}

void BatchView::start(const QStringList& paths, const BatchRunner::Settings& settings)
{
    m_settings = settings;
    m_model->clear();
    m_summaries.clear();
    m_items = 0;
    m_skippedNote.clear();
    m_problem->hide();
    m_analysis->hide();
    m_proxy->setFacet(BatchTableModel::TypeColumn, {});
    m_title = paths.size() == 1 ? QFileInfo(paths.first()).fileName() : tr("%1 inputs").arg(paths.size());
    m_progress->setValue(0);
    m_progress->show();
    m_stop->setEnabled(true);
    m_status->setText(tr("Reading %1\u2026").arg(m_title));
    m_runner->start(paths, settings);
}

void BatchView::stop()
{
    if (!m_runner->isBusy())
        return;
    m_runner->cancel();
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopping: writing what was read so far\u2026"));
}

bool BatchView::isBusy() const
{
    return m_runner->isBusy();
}

int BatchView::visibleRowCount() const
{
    return m_proxy->rowCount();
}

void BatchView::onRows(const QList<BounceEvent>& rows, qint64 done, qint64 total, int items)
{
    m_model->append(rows);
    m_items = items;
    m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
    m_status->setText(tr("Reading %1: %2 messages, %3 rows\u2026")
                          .arg(m_title, QString::number(items), QString::number(m_model->rowCount())));
    updateCounts();
}

void BatchView::onFinished(const QList<BounceEvent>& rows, const QList<AddressSummary>& summaries,
                           bool canceled)
{
    m_model->replaceAll(rows);
    m_summaries = summaries;
    m_progress->hide();
    m_stop->setEnabled(false);
    const HygieneExport hygiene(summaries);
    int escalated = 0;
    for (const BounceEvent& r : rows)
        escalated += r.history.escalated ? 1 : 0;
    QString text =
        tr("%1: %2 messages, %3 rows, %4 addresses. Remove %5, keep and fix the sender %6, watch %7.")
            .arg(m_title, QString::number(m_items), QString::number(rows.size()),
                 QString::number(summaries.size()), QString::number(hygiene.count(HygieneList::Remove)),
                 QString::number(hygiene.count(HygieneList::KeepFixSender)),
                 QString::number(hygiene.count(HygieneList::Watch)));
    if (escalated > 0)
        text += tr(" %1 rows escalated after repeated soft bounces.").arg(escalated);
    if (canceled)
        text += tr(" Stopped: the rest was not read.");
    if (!m_skippedNote.isEmpty())
        text += QLatin1Char(' ') + m_skippedNote;
    m_status->setText(text);
    updateCounts();
    if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    else
        showSelected();
    Q_EMIT statusChanged(text);
    Q_EMIT finished();
}

void BatchView::setFacet(int column, const QString& value)
{
    m_proxy->setFacet(column, value);
    updateCounts();
}

void BatchView::updateCounts()
{
    // Counts of the rows the text filter lets through, before the facet: clicking another type
    // or cause switches at once.
    QMap<QString, int> types;
    QMap<QString, int> causes;
    const BatchFilterModel* proxy = m_proxy;
    const QStringList words = m_filter->text().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const BounceEvent& r = m_model->row(i);
        if (!words.isEmpty()) {
            const QString text = m_model->index(i, 0).data(BatchTableModel::FilterTextRole).toString();
            if (!std::all_of(words.cbegin(), words.cend(),
                             [&text](const QString& w) { return text.contains(w, Qt::CaseInsensitive); }))
                continue;
        }
        ++types[toString(r.type)];
        ++causes[r.cause];
    }
    const QString chosenType =
        proxy->facetColumn() == BatchTableModel::TypeColumn ? proxy->facetValue() : QString();
    const QString chosenCause =
        proxy->facetColumn() == BatchTableModel::CauseColumn ? proxy->facetValue() : QString();
    QString html = tr("Type: %1").arg(facetLinks(types, QStringLiteral("type"), chosenType));
    html += QStringLiteral("<br>") +
            tr("Cause: %1").arg(facetLinks(causes, QStringLiteral("cause"), chosenCause));
    if (!proxy->facetValue().isEmpty())
        html += QStringLiteral(" &nbsp; <a href=\"all:\">%1</a>").arg(tr("show all"));
    m_counts->setText(html);
    m_exportRows->setEnabled(m_model->rowCount() > 0);
    m_exportHygiene->setEnabled(!m_summaries.isEmpty());
}

void BatchView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_analysis->hide();
        return;
    }
    const BounceEvent& row = m_model->row(m_proxy->mapToSource(current).row());
    m_analysis->setAnalysis(BatchAnalyzer::reanalyze(row, m_settings.policy));
    if (m_analysis->isHidden()) {
        m_analysis->show();
        // the table keeps the larger part: it is what one works through
        const int total = m_splitter->height();
        m_splitter->setSizes({total * 55 / 100, total - total * 55 / 100});
    }
}

bool BatchView::exportVisibleRows(const QString& path, QString* error) const
{
    const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    QByteArray bytes = csv ? BatchExport::csvHeader() : QByteArray();
    for (int i = 0; i < m_proxy->rowCount(); ++i) {
        const BounceEvent& row = m_model->row(m_proxy->mapToSource(m_proxy->index(i, 0)).row());
        bytes += csv ? BatchExport::csvLine(row) : BatchExport::jsonLine(row);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool BatchView::exportHygiene(const QString& folder, QString* error) const
{
    return HygieneExport(m_summaries).writeTo(folder, error);
}

void BatchView::exportRowsWithDialog()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("lastExportDirectory")).toString();
    const QString path =
        FileDialog::getSaveFileName(this, tr("Export Visible Rows"), dir + QStringLiteral("/bounces.csv"),
                                    tr("CSV (*.csv);;JSON Lines (*.jsonl *.json)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastExportDirectory"), QFileInfo(path).absolutePath());
    QString error;
    if (exportVisibleRows(path, &error)) {
        m_status->setText(tr("Exported %1 rows to %2.").arg(visibleRowCount()).arg(path));
    } else {
        m_problem->setText(error);
        m_problem->show();
    }
}

void BatchView::exportHygieneWithDialog()
{
    const QString folder = FileDialog::getHygieneFolder(this);
    if (folder.isEmpty())
        return;
    QString error;
    if (exportHygiene(folder, &error)) {
        m_status->setText(
            tr("Wrote remove.csv, keep-fix-sender.csv, watch.csv, hygiene.csv and suppression.txt "
               "to %1.")
                .arg(folder));
    } else {
        m_problem->setText(error);
        m_problem->show();
    }
}

} // namespace headerlens
