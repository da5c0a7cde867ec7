#include "HeadersView.h"

#include "DisplayText.h"
#include "HeaderTableModel.h"
#include "IconLoader.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace headerlens {

HeadersView::HeadersView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(8);

    auto* bar = new QHBoxLayout;
    m_scope = new QComboBox(this);
    m_scope->setAccessibleName(tr("Which header block"));
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by field name or value (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter header fields"));
    m_showRaw = new QCheckBox(tr("Show &raw values"), this);
    m_showRaw->setToolTip(tr("Show each value as it stands in the message, before decoding"));
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    auto* copyAll = new QPushButton(IconLoader::icon(QStringLiteral("edit-copy"), QStringLiteral("copy")),
                                    tr("Copy &all"), this);
    copyAll->setToolTip(tr("Copy every field of this header block, as in the message"));
    bar->addWidget(m_scope);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showRaw);
    bar->addWidget(m_count);
    bar->addWidget(copyAll);
    layout->addLayout(bar);

    m_model = new HeaderTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_table = new QTableView(m_splitter);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Header fields"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnHidden(HeaderTableModel::RawColumn, true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_detail = new QPlainTextEdit(m_splitter);
    m_detail->setReadOnly(true);
    m_detail->setAccessibleName(tr("Selected header field"));
    m_detail->setPlaceholderText(tr("Select a field to see it in full, raw and decoded."));
    m_detail->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_detail->setFont(mono);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);

    auto* copy = new QAction(IconLoader::icon(QStringLiteral("edit-copy"), QStringLiteral("copy")),
                             tr("&Copy field"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &HeadersView::copySelection);
    auto* copyValue = new QAction(tr("Copy decoded &value"), m_table);
    connect(copyValue, &QAction::triggered, this, [this] {
        QStringList values;
        const QModelIndexList rows = m_table->selectionModel()->selectedRows(HeaderTableModel::ValueColumn);
        for (const QModelIndex& index : rows)
            values << m_model->headers().value(m_proxy->mapToSource(index).row()).value;
        QApplication::clipboard()->setText(values.join(QLatin1Char('\n')));
    });
    auto* copyAllAction = new QAction(tr("Copy &all fields"), m_table);
    connect(copyAllAction, &QAction::triggered, this, &HeadersView::copyAll);
    m_table->addActions({copy, copyValue, copyAllAction});

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    connect(m_showRaw, &QCheckBox::toggled, this, [this](bool raw) {
        m_table->setColumnHidden(HeaderTableModel::ValueColumn, raw);
        m_table->setColumnHidden(HeaderTableModel::RawColumn, !raw);
        QSettings().setValue(QStringLiteral("headers/showRaw"), raw);
    });
    connect(copyAll, &QPushButton::clicked, this, &HeadersView::copyAll);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &HeadersView::showScope);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HeadersView::showCurrentField);

    m_showRaw->setChecked(QSettings().value(QStringLiteral("headers/showRaw"), false).toBool());
    setTabOrder(m_scope, m_filter);
    setTabOrder(m_filter, m_showRaw);
    setTabOrder(m_showRaw, copyAll);
    setTabOrder(copyAll, m_table);
    setTabOrder(m_table, m_detail);
}

void HeadersView::setAnalysis(const Analysis& analysis)
{
    m_inputHeaders = analysis.message.headers;
    m_originalHeaders = analysis.report.original.headers;
    const QSignalBlocker blocker(m_scope);
    m_scope->clear();
    m_scope->addItem(
        tr("This message (%1)").arg(DisplayText::count(m_inputHeaders.size(), "%1 field", "%1 fields")));
    if (!m_originalHeaders.isEmpty())
        m_scope->addItem(tr("Returned original (%1)")
                             .arg(DisplayText::count(m_originalHeaders.size(), "%1 field", "%1 fields")));
    m_scope->setVisible(m_scope->count() > 1);
    m_scope->setCurrentIndex(0);
    showScope(0);
}

void HeadersView::showScope(int index)
{
    m_model->setHeaders(index == 1 ? m_originalHeaders : m_inputHeaders);
    m_table->resizeColumnToContents(HeaderTableModel::IndexColumn);
    m_table->resizeColumnToContents(HeaderTableModel::NameColumn);
    m_table->setColumnWidth(HeaderTableModel::NameColumn,
                            qMin(m_table->columnWidth(HeaderTableModel::NameColumn) + 16, 280));
    m_detail->clear();
    updateCount();
}

void HeadersView::showCurrentField()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const HeaderField field = m_model->headers().value(m_proxy->mapToSource(current).row());
    QString text = HeaderTableModel::fieldText(field);
    const QString unfolded = HeaderTableModel::rawText(field).simplified();
    if (field.value != unfolded)
        text += QStringLiteral("\n\n") + tr("Decoded:") + QLatin1Char('\n') + field.value;
    m_detail->setPlainText(text);
}

void HeadersView::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? DisplayText::count(total, "%1 field", "%1 fields")
                                    : tr("%1 of %2").arg(shown).arg(total));
}

void HeadersView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

QString HeadersView::selectedFieldsText() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList fields;
    for (const QModelIndex& index : rows)
        fields << index.data(HeaderTableModel::FieldTextRole).toString();
    return fields.join(QLatin1Char('\n'));
}

QString HeadersView::allFieldsText() const
{
    QStringList fields;
    for (const HeaderField& field : m_model->headers())
        fields << HeaderTableModel::fieldText(field);
    return fields.join(QLatin1Char('\n'));
}

void HeadersView::copySelection()
{
    const QString text = selectedFieldsText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void HeadersView::copyAll()
{
    QApplication::clipboard()->setText(allFieldsText());
}

} // namespace headerlens
