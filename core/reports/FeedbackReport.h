#pragma once

#include "DeliveryReport.h"

#include <QStringView>

namespace headerlens {

// ARF feedback reports (RFC 5965): the machine-readable message/feedback-report part.
class FeedbackReport final
{
public:
    // Fills report.feedbackType / feedbackSourceIp / feedbackUserAgent and the reporting MTA, and
    // appends one recipient per Original-Rcpt-To (RFC 5965 section 3.2), with action empty.
    // Returns the number of recipients added.
    static int parse(QStringView fields, DeliveryReport& report);
};

} // namespace headerlens
