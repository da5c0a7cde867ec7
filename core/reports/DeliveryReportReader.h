#pragma once

#include "DeliveryReport.h"
#include "ParsedMessage.h"

namespace headerlens {

// Turns a parsed message into a DeliveryReport: RFC 3464/6533 DSNs inside multipart/report,
// the body layouts of MTAs that do not write RFC 3464, ARF feedback reports, auto-replies, and
// delivery / delay notices. An ordinary message gives kind NotAReport.
class DeliveryReportReader final
{
public:
    static DeliveryReport read(const ParsedMessage& message);
};

} // namespace headerlens
