#pragma once

#include "Analysis.h"

#include <QString>

namespace headerlens {

// Removes personal data before a report is shared with a third party: the local part of every
// email address ("alice.martin@example.com" -> "***@example.com") and every IPv4 / IPv6 address
// ("203.0.113.45" -> "[IP]"). Domains and host names stay: they are what a postmaster needs to
// read the report.
class Redactor final
{
public:
    static QString redact(const QString& text);
    // A copy of `analysis` with every user-visible string redacted.
    static Analysis redact(const Analysis& analysis);
};

} // namespace headerlens
