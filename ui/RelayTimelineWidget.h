#pragma once

#include "RelayChain.h"

#include <QWidget>

namespace headerlens {

// The relay timeline on screen: RelayTimelinePainter with the widget's palette and font, a
// tooltip with the raw Received field of the hop under the mouse, and a click to select a hop.
class RelayTimelineWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit RelayTimelineWidget(QWidget* parent = nullptr);

    void setChain(const RelayChain& chain);
    const RelayChain& chain() const { return m_chain; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void hopClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    int hopAt(const QPoint& point) const;

    RelayChain m_chain;
};

} // namespace headerlens
