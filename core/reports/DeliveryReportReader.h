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
    // Bounds that keep a hostile report linear and small, each cut said in the warnings.
    static constexpr qsizetype MaxRecipients = 10000;        // recipients analysed; the rest counted
    static constexpr qsizetype MaxDiagnosticChars = 8192;    // server words kept per recipient
    static constexpr qsizetype MaxReportTextChars = 1 << 20; // human-readable text read for layouts

    static DeliveryReport read(const ParsedMessage& message);
};

} // namespace headerlens
