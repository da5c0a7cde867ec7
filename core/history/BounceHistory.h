#pragma once

#include "Analysis.h"
#include "EscalationPolicy.h"

#include <QList>

namespace headerlens {

// The history of the inputs of one call, without a database: several bounces opened together in
// the window, or `headerlens-cli analyze --history`. The same rule as the history database
// (EscalationPolicy): once the current run of soft bounces of an address reaches N over at least
// D days, every bounce of that run is escalated to remove_address, citing the latest ("4th
// consecutive soft bounce since 2026-10-02").
class BounceHistory final
{
public:
    using Policy = EscalationPolicy;

    // Escalates, in place, the recipients whose address reached the policy: remove_address true,
    // advice remove_address, and a "history.repeated_soft" evidence item ("3rd consecutive soft
    // bounce since 2026-11-01"). Returns how many recipient entries were newly escalated.
    static int apply(QList<Analysis>& analyses, const Policy& policy);
    static int apply(QList<Analysis>& analyses) { return apply(analyses, Policy{}); }
};

} // namespace headerlens
