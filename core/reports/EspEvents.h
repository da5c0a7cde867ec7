#pragma once

#include "DeliveryReport.h"

#include <QString>

#include <optional>

namespace headerlens {

// The events sending services report as JSON, pasted from a dashboard, a webhook log or an API
// response: Amazon SES notifications, SendGrid and Brevo event webhooks, Mailgun events, Postmark
// bounce and complaint webhooks, SparkPost (msys) events, Mandrill webhooks and send responses.
// Each event becomes one recipient: its address, the receiving server's own reply as the
// diagnostic (the service's category is not the server's words), the status and reply code the
// event states, and what happened (failed, delayed, delivered). A complaint makes a feedback
// report; a message the service itself did not send (its suppression list, an earlier bounce or
// complaint) keeps the service's own statement as its text ("reason: suppress-complaint").
class EspEvents final
{
public:
    // Nothing when `text` is no JSON, or no event in it names a recipient.
    static std::optional<DeliveryReport> read(const QString& text);
};

} // namespace headerlens
