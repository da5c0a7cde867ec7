#pragma once

#include "Analysis.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace headerlens {

class RoutePanel;

// The "Relay chain" tab: the route of the input as a timeline with its hop table; for a
// bounce also the route of the returned original, first, because it happened first.
class RelayView final : public QWidget
{
    Q_OBJECT
public:
    explicit RelayView(QWidget* parent = nullptr);

    void setAnalysis(const Analysis& analysis);

    RoutePanel* inputRoute() const { return m_inputRoute; }
    RoutePanel* originalRoute() const { return m_originalRoute; }

private:
    QScrollArea* m_scroll = nullptr;
    QLabel* m_warnings = nullptr;
    RoutePanel* m_originalRoute = nullptr;
    RoutePanel* m_inputRoute = nullptr;
};

} // namespace headerlens
