#pragma once

#include "RelayChain.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace headerlens {

class HopTableModel;
class RelayTimelineWidget;

// One route: a title, the timeline, and the hop table beneath it (sized to its rows, so that
// the page scrolls as one).
class RoutePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RoutePanel(QWidget* parent = nullptr);

    void setRoute(const QString& title, const QString& subtitle, const RelayChain& chain);

    RelayTimelineWidget* timeline() const { return m_timeline; }
    QTableView* table() const { return m_table; }
    HopTableModel* model() const { return m_model; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fitColumns();
    void fitTableHeight();
    void refitRows();

    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    RelayTimelineWidget* m_timeline = nullptr;
    QTableView* m_table = nullptr;
    HopTableModel* m_model = nullptr;
};

} // namespace headerlens
