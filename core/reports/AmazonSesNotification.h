#pragma once

#include "DeliveryReport.h"

#include <QJsonObject>
#include <QStringView>

namespace headerlens {

// Amazon SES event notifications delivered by mail (SNS e-mail subscriptions): a JSON object with
// notificationType/eventType Bounce, Complaint or Delivery instead of an RFC 3464 report.
class AmazonSesNotification final
{
public:
    // Reads the JSON in `text` into `report` (kind, recipients, original headers). Returns false,
    // leaving the report untouched, when the text holds no SES notification.
    static bool read(QStringView text, DeliveryReport& report);
    // The same for a notification already parsed (a pasted event, EspEvents).
    static bool readObject(const QJsonObject& notification, DeliveryReport& report);
};

} // namespace headerlens
