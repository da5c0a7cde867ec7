#pragma once

#include "RelayChain.h"
#include "TimelinePalette.h"

#include <QFont>
#include <QRectF>
#include <QString>

#include <utility>

class QPainter;
class QPaintDevice;
class QFontMetricsF;

namespace headerlens {

// Draws a relay chain as a timeline onto any QPainter: the window's widget, an image, or the
// PDF report as vector graphics. One row per hop in delivery order; on a common time axis a
// marker at each hop's time and a bar for the delay from the previous hop, to scale. The
// longest delay is highlighted, a negative delay (clock skew) is hatched and named, hops
// without a readable time get a hollow marker; TLS and authenticated submission show as badges.
// Sizes follow the painter's font on the painter's device, so the drawing has the same
// proportions on a 96 dpi screen and on a 1200 dpi PDF page.
class RelayTimelinePainter final
{
public:
    RelayTimelinePainter(const RelayChain& chain, const TimelinePalette& palette);

    void paint(QPainter& painter, const QRectF& rect) const;
    static void paint(QPainter& painter, const QRectF& rect, const RelayChain& chain,
                      const TimelinePalette& palette);

    // Height the drawing needs with `font` on `device` (nullptr: the screen).
    qreal preferredHeight(const QFont& font, const QPaintDevice* device = nullptr) const;
    // Index into chain.hops of the row under `point`, or -1.
    int hopAt(const QRectF& rect, const QPointF& point, const QFont& font,
              const QPaintDevice* device = nullptr) const;

    // A text equivalent of the drawing for screen readers and tooltips.
    static QString describe(const RelayChain& chain);
    // The axis step, in seconds, for a span: 1, 2, 5, 10, 15, 30 s, 1, 2, 5 ... min, 1 h ...
    static qint64 niceStep(double seconds);

private:
    struct Metrics
    {
        qreal line = 0;
        qreal pad = 0;
        qreal header = 0;
        qreal row = 0;
        qreal footer = 0;
    };
    Metrics metrics(const QFontMetricsF& fm) const;
    // What the legend lists: only the marks the drawing uses.
    struct Legend
    {
        bool delay = false;
        bool longest = false;
        bool skew = false;
        bool missing = false;
        bool any() const { return delay || longest || skew || missing; }
    };
    Legend legend() const;

    void paintEmpty(QPainter& painter, const QRectF& rect) const;
    // The words beside a hop's delay bar, and whether they are emphasised.
    std::pair<QString, bool> delayLabel(int index, int longest) const;
    QString hopTitle(const RelayHop& hop) const;
    QString hopSubtitle(const RelayHop& hop) const;
    QStringList badges(const RelayHop& hop) const;

    const RelayChain& m_chain;
    TimelinePalette m_palette;
};

} // namespace headerlens
