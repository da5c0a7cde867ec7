#pragma once

#include "Classification.h"
#include "DeliveryReport.h"

namespace headerlens {

// Decides, for one recipient of a delivery report, what happened and what to do about it
// (DOMAIN.md sections 1-2): type, cause, side, advice, removal, reputation impact, confidence
// and the evidence. It weighs all the evidence — the report kind and Action, the enhanced status,
// the reply code, the server's own words, the SMTP stage and who said it — through the rules
// table (rules/classification-rules.tsv), never "5xx = hard" alone.
class BounceClassifier final
{
public:
    static Classification classify(const DeliveryReport& report, const RecipientReport& recipient);

    // For an expired delivery: the cause of the last error behind the expiry, when the server
    // text names one ("connection timed out" -> network_error), else an empty string.
    static QString underlyingCause(const DeliveryReport& report, const RecipientReport& recipient);
};

} // namespace headerlens
