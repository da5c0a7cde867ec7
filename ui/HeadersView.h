#pragma once

#include "Analysis.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace headerlens {

class HeaderTableModel;

// The "Headers" tab: every header field in order, decoded and raw, with a filter box, a detail
// pane for the selected field, and copying. For a report, the returned original's fields too.
class HeadersView final : public QWidget
{
    Q_OBJECT
public:
    explicit HeadersView(QWidget* parent = nullptr);

    void setAnalysis(const Analysis& analysis);
    void focusFilter();

    QLineEdit* filterEdit() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QComboBox* scopeBox() const { return m_scope; }
    QSplitter* splitter() const { return m_splitter; }

    // The selected fields as they stood in the message ("Name:raw"), one after the other.
    QString selectedFieldsText() const;
    QString allFieldsText() const;
    void copySelection();
    void copyAll();

private:
    void showScope(int index);
    void showCurrentField();
    void updateCount();

    HeaderList m_inputHeaders;
    HeaderList m_originalHeaders;
    QComboBox* m_scope = nullptr;
    QLineEdit* m_filter = nullptr;
    QCheckBox* m_showRaw = nullptr;
    QLabel* m_count = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    HeaderTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QPlainTextEdit* m_detail = nullptr;
};

} // namespace headerlens
