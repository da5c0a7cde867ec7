#pragma once

#include "DeliveryReport.h"

#include <QString>
#include <QStringView>

namespace headerlens {

// Reads the field groups of a message/delivery-status body (RFC 3464 section 2.2 and 2.3, RFC
// 6533 for the utf-8 address types) into a DeliveryReport: the per-message fields, then one
// RecipientReport per recipient group, in report order. Tolerates what real MTAs write: missing
// blank lines between groups, odd case, folded values, missing address types, addresses in <>.
class DsnParser final
{
public:
    enum class Indent
    {
        Any,  // the fields may be indented
        None, // only fields at the start of their lines count (indented ones are quoted text)
    };
    // True when the text holds at least one per-recipient group (Final-Recipient, or Action
    // together with Status).
    static bool looksLikeDeliveryStatus(QStringView text, Indent indent = Indent::Any);
    // Appends the recipients found in `text` to report.recipients and fills the per-message
    // fields that are still empty. Returns the number of recipients added.
    static int parse(QStringView text, DeliveryReport& report);

    // "rfc822; <a@b.example>" -> "a@b.example"; also bare, quoted or utf-8 (RFC 6533) forms.
    static QString addressFromField(QStringView value);
    // "dns; mx.example.com" -> "mx.example.com" (the type before ';' dropped).
    static QString valueWithoutType(QStringView value);
};

} // namespace headerlens
