#pragma once

#include "PublicSuffixList.h"

#include <QString>

namespace headerlens {

// Whether an authenticated domain aligns with the From domain (RFC 7489 section 3.1): strict
// when the names are equal, relaxed when their organizational domains are.
struct DomainAlignment
{
    QString domain;                   // the authenticated domain (A-label, lower case)
    QString fromDomain;               // the From domain
    QString organizationalDomain;     // of `domain`
    QString fromOrganizationalDomain; // of `fromDomain`
    bool strict = false;
    bool relaxed = false;

    bool isValid() const { return !domain.isEmpty() && !fromDomain.isEmpty(); }
    // "example.org is the From domain itself", "mail.example.org and example.org share the
    // organizational domain example.org", "esp.example is not example.org's organization".
    QString explanation() const;
};

class DmarcAlignment final
{
public:
    // Both domains in any form (U-label or A-label, any case, trailing dot).
    static DomainAlignment align(const QString& domain, const QString& fromDomain,
                                 const PublicSuffixList& list = PublicSuffixList::system());
};

} // namespace headerlens
