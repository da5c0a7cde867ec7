#pragma once

#include "HistorySettings.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace headerlens {

class BatchTableModel;
class HistoryDatabase;
class HistoryTableModel;

// View > History: what the history database knows. Addresses (filtered by address or domain, and
// by list: remove, keep and fix the sender, watch) with their counts, current run of soft bounces
// and verdict; the events of the selected address beneath; the list-hygiene export of the whole
// history. A database that cannot be opened is said in one sentence; nothing else depends on it.
class HistoryView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxAddresses = 10000; // shown at once; the filter narrows

    explicit HistoryView(QWidget* parent = nullptr);
    ~HistoryView() override;

    void setSettings(const HistorySettings& settings);
    // Reads the database again (after a batch, or when shown).
    void refresh();
    bool exportHygiene(const QString& folder, QString* error);

    QLineEdit* filterEdit() const { return m_filter; }
    QComboBox* listCombo() const { return m_list; }
    QTableView* addressTable() const { return m_addresses; }
    QTableView* eventTable() const { return m_events; }
    HistoryTableModel* addressModel() const { return m_addressModel; }
    BatchTableModel* eventModel() const { return m_eventModel; }
    QLabel* problemLabel() const { return m_problem; }
    QLabel* statusLabel() const { return m_status; }

private:
    bool ensureOpen();
    void showEvents();
    void exportHygieneWithDialog();

    HistorySettings m_settings;
    std::unique_ptr<HistoryDatabase> m_db;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_list = nullptr;
    QToolButton* m_export = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_addresses = nullptr;
    QTableView* m_events = nullptr;
    HistoryTableModel* m_addressModel = nullptr;
    BatchTableModel* m_eventModel = nullptr;
};

} // namespace headerlens
