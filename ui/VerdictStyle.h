#pragma once

#include "Classification.h"

#include <QColor>
#include <QPalette>

namespace headerlens {

// Colours for verdicts and signals, derived from the widget palette so that light and dark
// themes both stay readable: a darker shade on light windows, a lighter one on dark windows.
class VerdictStyle final
{
public:
    enum class Tone
    {
        Danger,  // hard bounce, clock skew
        Warning, // soft bounce, longest delay
        Info,    // deferred, relay bars
        Success, // not a failure, TLS
        Accent,  // authenticated submission
        Neutral, // unknown
    };

    static bool isDark(const QPalette& palette);
    static Tone tone(BounceType type);
    // A strong colour for badges, bars and markers.
    static QColor color(Tone tone, const QPalette& palette);
    static QColor color(BounceType type, const QPalette& palette) { return color(tone(type), palette); }
    // A faint background tint of `tone` over the palette's base colour.
    static QColor tint(Tone tone, const QPalette& palette, qreal strength = 0.14);
    // Black or white, whichever reads better on `background`.
    static QColor textOn(const QColor& background);
    // Linear blend: 0 gives a, 1 gives b.
    static QColor mix(const QColor& a, const QColor& b, qreal t);
};

} // namespace headerlens
