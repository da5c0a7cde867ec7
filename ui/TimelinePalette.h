#pragma once

#include <QColor>
#include <QPalette>

namespace headerlens {

// The colours the relay timeline is drawn with. fromPalette() follows the widget palette (light
// or dark theme); forPrint() is a fixed light set for paper and PDF.
struct TimelinePalette
{
    QColor background;
    QColor alternateRow;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor bar;       // an ordinary delay
    QColor longest;   // the longest delay
    QColor skew;      // a negative delay: clock skew
    QColor missing;   // a hop without a readable time
    QColor tls;       // TLS badge
    QColor auth;      // authenticated-submission badge
    QColor badgeFill; // badge background
    QColor marker;    // hop marker

    static TimelinePalette fromPalette(const QPalette& palette);
    static TimelinePalette forPrint();
};

} // namespace headerlens
