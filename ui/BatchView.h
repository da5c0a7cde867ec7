#pragma once

#include "AddressSummary.h"
#include "BatchRunner.h"
#include "BounceEvent.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QTableView;
class QToolButton;

namespace headerlens {

class AnalysisView;
class BatchFilterModel;
class BatchTableModel;

// Many bounces at once (File > Open Folder, a dropped mbox or Maildir): one row per recipient
// with date, recipient, domain, type, cause, side, advice, reply code, status, reporting MTA and
// file, every column sortable; a filter box; counts per type and per cause that filter when
// clicked; the selected row's input in the usual tabs beneath; the visible rows exported as CSV
// or JSON, and the list-hygiene lists of the batch's addresses.
class BatchView final : public QWidget
{
    Q_OBJECT
public:
    explicit BatchView(QWidget* parent = nullptr);
    ~BatchView() override;

    void start(const QStringList& paths, const BatchRunner::Settings& settings);
    void stop();
    bool isBusy() const;

    // The visible rows (filtered, in the table's order) as CSV (.csv) or JSON Lines (otherwise).
    bool exportVisibleRows(const QString& path, QString* error) const;
    bool exportHygiene(const QString& folder, QString* error) const;
    // Column widths, row height and behaviour of a table of BatchTableModel rows.
    static void setUpTable(QTableView* table);
    // Sets `column` as wide as `sample` in the table's font, with room for the cell margins.
    static void fitColumn(QTableView* table, int column, const char* sample);
    // Shows only one type (TypeColumn) or cause (CauseColumn); an empty value shows all.
    void setFacet(int column, const QString& value);
    int visibleRowCount() const;

    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    BatchTableModel* model() const { return m_model; }
    BatchFilterModel* proxy() const { return m_proxy; }
    AnalysisView* analysisView() const { return m_analysis; }
    QLabel* countsLabel() const { return m_counts; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* problemLabel() const { return m_problem; }
    const QList<AddressSummary>& summaries() const { return m_summaries; }
    QString title() const { return m_title; }

Q_SIGNALS:
    void finished();
    void statusChanged(const QString& text);

private:
    void onRows(const QList<BounceEvent>& rows, qint64 done, qint64 total, int items);
    void onFinished(const QList<BounceEvent>& rows, const QList<AddressSummary>& summaries, bool canceled);
    void showSelected();
    void updateCounts();
    void exportRowsWithDialog();
    void exportHygieneWithDialog();

    BatchRunner* m_runner = nullptr;
    BatchRunner::Settings m_settings;
    BatchTableModel* m_model = nullptr;
    BatchFilterModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_problem = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_stop = nullptr;
    QToolButton* m_exportRows = nullptr;
    QToolButton* m_exportHygiene = nullptr;
    QTableView* m_table = nullptr;
    QSplitter* m_splitter = nullptr;
    AnalysisView* m_analysis = nullptr;
    QList<AddressSummary> m_summaries;
    QString m_title;
    QString m_skippedNote; // files of the folders left out as no mail
    int m_items = 0;
};

} // namespace headerlens
