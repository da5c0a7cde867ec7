#pragma once

#include "Analysis.h"

#include <QString>

namespace headerlens {

// The human-readable form of an Analysis for a terminal: verdict first, then recipients, the
// relay chain and what went wrong while reading. Plain text, no colours.
class TextSummary final
{
public:
    static QString render(const Analysis& analysis);
    // "3 s", "4 min 05 s", "2 h 10 min", "-12 s"
    static QString formatDuration(qint64 seconds);
};

} // namespace headerlens
