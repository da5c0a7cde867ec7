#include "HistoryView.h"

#include "BatchFilterModel.h"
#include "BatchTableModel.h"
#include "BatchView.h"
#include "FileDialog.h"
#include "HistoryDatabase.h"
#include "HistoryTableModel.h"
#include "HygieneExport.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace headerlens {

HistoryView::HistoryView(QWidget* parent)
    : QWidget(parent)
    , m_addressModel(new HistoryTableModel(this))
    , m_eventModel(new BatchTableModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    auto* top = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("historyFilter"));
    m_filter->setPlaceholderText(tr("Address or domain (part of it)"));
    m_filter->setClearButtonEnabled(true);
    top->addWidget(m_filter, 1);
    m_list = new QComboBox(this);
    m_list->addItem(tr("Every address"), QString());
    m_list->addItem(tr("Remove"), toString(HygieneList::Remove));
    m_list->addItem(tr("Keep, fix the sender"), toString(HygieneList::KeepFixSender));
    m_list->addItem(tr("Watch"), toString(HygieneList::Watch));
    m_list->addItem(tr("Nothing to do"), toString(HygieneList::None));
    top->addWidget(m_list);
    m_export = new QToolButton(this);
    m_export->setText(tr("List Hy&giene\u2026"));
    m_export->setToolTip(tr("Save what to do with every address of the history"));
    connect(m_export, &QToolButton::clicked, this, &HistoryView::exportHygieneWithDialog);
    top->addWidget(m_export);
    layout->addLayout(top);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_addressModel);
    proxy->setSortRole(HistoryTableModel::SortRole);
    m_addresses = new QTableView(splitter);
    m_addresses->setObjectName(QStringLiteral("historyAddresses"));
    m_addresses->setModel(proxy);
    m_addresses->setSortingEnabled(true);
    m_addresses->sortByColumn(HistoryTableModel::AddressColumn, Qt::AscendingOrder);
    m_addresses->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_addresses->setSelectionMode(QAbstractItemView::SingleSelection);
    m_addresses->setAlternatingRowColors(true);
    m_addresses->setWordWrap(false);
    m_addresses->verticalHeader()->hide();
    m_addresses->verticalHeader()->setDefaultSectionSize(m_addresses->fontMetrics().height() + 6);
    m_addresses->horizontalHeader()->setStretchLastSection(true);
    // Columns as wide as their usual values (the vocabulary's longest words), the counts narrow.
    BatchView::fitColumn(m_addresses, HistoryTableModel::AddressColumn, "ines.moreau@example.net.xx");
    BatchView::fitColumn(m_addresses, HistoryTableModel::ListColumn, "keep_fix_sender");
    BatchView::fitColumn(m_addresses, HistoryTableModel::AdviceColumn, "fix_sender_keep_address");
    BatchView::fitColumn(m_addresses, HistoryTableModel::CauseColumn, "mailbox_unknown.x");
    for (const int column : {int(HistoryTableModel::SoftRunColumn), int(HistoryTableModel::EventsColumn),
                             int(HistoryTableModel::HardColumn), int(HistoryTableModel::SoftColumn),
                             int(HistoryTableModel::DeferredColumn)})
        BatchView::fitColumn(m_addresses, column, "Deferred");
    BatchView::fitColumn(m_addresses, HistoryTableModel::FirstSeenColumn, "2026-11-22");
    BatchView::fitColumn(m_addresses, HistoryTableModel::LastSeenColumn, "2026-11-22");
    connect(m_addresses->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::showEvents);
    auto* eventProxy = new BatchFilterModel(this);
    eventProxy->setSourceModel(m_eventModel);
    m_events = new QTableView(splitter);
    m_events->setObjectName(QStringLiteral("historyEvents"));
    m_events->setModel(eventProxy);
    m_events->setSortingEnabled(true);
    BatchView::setUpTable(m_events);
    m_events->hideColumn(BatchTableModel::RecipientColumn);
    m_events->hideColumn(BatchTableModel::DomainColumn);
    splitter->addWidget(m_addresses);
    splitter->addWidget(m_events);
    layout->addWidget(splitter, 1);
    m_status = new QLabel(this);
    // A long status (a folder's path, the counts, what was left out) wraps: it must not widen the
    // window past the screen.
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    // the filter asks the database, a moment after the last key
    auto* debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(debounce, &QTimer::timeout, this, &HistoryView::refresh);
    connect(m_filter, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_list, &QComboBox::currentIndexChanged, this, &HistoryView::refresh);
}

HistoryView::~HistoryView() = default;

void HistoryView::setSettings(const HistorySettings& settings)
{
    const bool reopen =
        settings.effectivePath() != m_settings.effectivePath() || settings.enabled != m_settings.enabled;
    m_settings = settings;
    if (reopen)
        m_db.reset();
}

bool HistoryView::ensureOpen()
{
    if (!m_settings.enabled) {
        m_problem->setText(tr("The history is switched off (Edit > Preferences)."));
        m_problem->show();
        return false;
    }
    if (!m_db) {
        m_db = std::make_unique<HistoryDatabase>(m_settings.effectivePath());
        if (!m_db->open()) {
            // a read-only file can still be looked at
            auto reader = std::make_unique<HistoryDatabase>(m_settings.effectivePath());
            if (!reader->open(HistoryDatabase::Access::ReadOnly)) {
                m_problem->setText(m_db->problem());
                m_problem->show();
                m_db.reset();
                return false;
            }
            m_db = std::move(reader);
        }
    }
    if (!m_db->usePolicy(m_settings.policy)) {
        m_problem->setText(m_db->problem());
        m_problem->show();
        m_db.reset();
        return false;
    }
    m_problem->hide();
    return true;
}

void HistoryView::refresh()
{
    if (!ensureOpen()) {
        m_addressModel->setSummaries({});
        m_eventModel->clear();
        m_status->clear();
        return;
    }
    const QString text = m_filter->text().trimmed();
    const QString list = m_list->currentData().toString();
    const std::optional<HygieneList> onList =
        list.isEmpty() ? std::nullopt : std::optional<HygieneList>(hygieneListFromString(list));
    // "@example.org" or "example.org" is a domain; anything else a part of the address
    QList<AddressSummary> found;
    if (text.startsWith(QLatin1Char('@')))
        found = m_db->summaries(text.mid(1), {}, onList, MaxAddresses + 1);
    else
        found = m_db->summaries({}, text, onList, MaxAddresses + 1);
    const bool more = found.size() > MaxAddresses;
    if (more)
        found.resize(MaxAddresses);
    m_addressModel->setSummaries(found);
    m_eventModel->clear();
    m_status->setText(more ? tr("The first %1 addresses of %2 events in %3; type in the filter to narrow.")
                                 .arg(MaxAddresses)
                                 .arg(m_db->eventCount())
                                 .arg(QDir::toNativeSeparators(m_db->path()))
                           : tr("%1 addresses shown; %2 events in %3.")
                                 .arg(found.size())
                                 .arg(m_db->eventCount())
                                 .arg(QDir::toNativeSeparators(m_db->path())));
    if (!found.isEmpty())
        m_addresses->selectRow(0);
}

void HistoryView::showEvents()
{
    const QModelIndex current = m_addresses->currentIndex();
    if (!current.isValid() || !m_db) {
        m_eventModel->clear();
        return;
    }
    const auto* proxy = static_cast<const QSortFilterProxyModel*>(m_addresses->model());
    const AddressSummary& s = m_addressModel->summary(proxy->mapToSource(current).row());
    QList<BounceEvent> events = m_db->events(s.address);
    const QList<EscalationMark> marks = m_settings.policy.evaluate(events);
    for (qsizetype i = 0; i < events.size(); ++i)
        events[i].history = marks[i];
    m_eventModel->clear();
    m_eventModel->append(events);
}

bool HistoryView::exportHygiene(const QString& folder, QString* error)
{
    if (!ensureOpen()) {
        if (error)
            *error = m_problem->text();
        return false;
    }
    return HygieneExport(m_db->summaries()).writeTo(folder, error);
}

void HistoryView::exportHygieneWithDialog()
{
    const QString folder = FileDialog::getHygieneFolder(this);
    if (folder.isEmpty())
        return;
    QString error;
    if (exportHygiene(folder, &error)) {
        m_status->setText(tr("Wrote the list-hygiene files of the whole history to %1.").arg(folder));
    } else {
        m_problem->setText(error);
        m_problem->show();
    }
}

} // namespace headerlens
