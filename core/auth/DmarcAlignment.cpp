#include "DmarcAlignment.h"

#include "DomainName.h"

namespace headerlens {

QString DomainAlignment::explanation() const
{
    if (!isValid())
        return fromDomain.isEmpty() ? QStringLiteral("there is no From domain to align with")
                                    : QStringLiteral("no domain to compare with the From domain");
    const QString shown = DomainName::toUnicode(domain);
    const QString from = DomainName::toUnicode(fromDomain);
    if (strict)
        return shown + u" is the From domain itself (aligned, strict and relaxed)";
    if (relaxed)
        return QStringLiteral("%1 and %2 share the organizational domain %3 (aligned in relaxed mode, the "
                              "default; not in strict mode)")
            .arg(shown, from, DomainName::toUnicode(fromOrganizationalDomain));
    return QStringLiteral("%1 (organization %2) is not in the From domain's organization %3 (not aligned)")
        .arg(shown, DomainName::toUnicode(organizationalDomain),
             DomainName::toUnicode(fromOrganizationalDomain));
}

DomainAlignment DmarcAlignment::align(const QString& domain, const QString& fromDomain,
                                      const PublicSuffixList& list)
{
    DomainAlignment a;
    a.domain = DomainName::toAscii(domain);
    a.fromDomain = DomainName::toAscii(fromDomain);
    if (!a.isValid())
        return a;
    a.organizationalDomain = list.organizationalDomain(a.domain);
    a.fromOrganizationalDomain = list.organizationalDomain(a.fromDomain);
    a.strict = a.domain == a.fromDomain;
    a.relaxed = a.strict || a.organizationalDomain == a.fromOrganizationalDomain;
    return a;
}

} // namespace headerlens
