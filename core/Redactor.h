#pragma once

#include "Analysis.h"

#include <QString>

namespace headerlens {

// Removes personal data before a report is shared with a third party: the local part of every
// email address ("alice.martin@example.com" -> "***@example.com"), every IPv4 / IPv6 address
// ("203.0.113.45" and "[203.0.113.45]" -> "[IP]") and the tokens in URLs (query values and
// token-like path segments, as List-Unsubscribe links carry them). Domains, host names, version
// numbers ("Sendmail 8.17.1.9") and DKIM h= lists stay: they are what a postmaster needs.
class Redactor final
{
public:
    static QString redact(const QString& text);
    // A copy of `analysis` with every user-visible string redacted.
    static Analysis redact(const Analysis& analysis);
};

} // namespace headerlens
