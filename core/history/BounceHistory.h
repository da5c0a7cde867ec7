#pragma once

#include "Analysis.h"

#include <QList>

namespace headerlens {

// What happened to the same address before (DOMAIN.md section 1, list hygiene): a mailbox that
// soft-bounces again and again over weeks (always full, disabled for good) is rarely read, so
// after repeated soft bounces the address is recommended for removal. Applied across a batch of
// analyses (several bounces opened together, or `headerlens-cli analyze --history`).
class BounceHistory final
{
public:
    struct Policy
    {
        int softBounces = 3; // this many soft bounces of one address ...
        int minDays = 7;     // ... spread over at least this many days
    };

    // Escalates, in place, the recipients whose address reached the policy: remove_address true,
    // advice remove_address, and a "history.repeated_soft" evidence item. Returns how many
    // recipient entries were escalated.
    static int apply(QList<Analysis>& analyses, const Policy& policy);
    static int apply(QList<Analysis>& analyses) { return apply(analyses, Policy{}); }
};

} // namespace headerlens
