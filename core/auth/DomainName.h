#pragma once

#include <QString>

namespace headerlens {

// Domain names as the authentication checks compare them: lower case, no trailing dot, IDNs in
// A-label form (RFC 5890: "пример.рф" and "xn--e1afmkfd.xn--p1ai" are the same name).
class DomainName final
{
public:
    // The A-label form in lower case; an empty string when `domain` is no usable name.
    static QString toAscii(const QString& domain);
    // The U-label form for display ("xn--e1afmkfd.xn--p1ai" -> "пример.рф").
    static QString toUnicode(const QString& domain);
    // The domain of an address: "Name <a@Example.ORG>" -> "example.org" (A-label); an address
    // without '@' is taken as a domain ("smtp.mailfrom=example.org").
    static QString ofAddress(const QString& address);
    // An IPv4 or IPv6 literal ("192.0.2.1", "[IPv6:2001:db8::1]").
    static bool isAddressLiteral(const QString& text);
    // `domain` equals `parent` or lies under it ("mail.example.org" under "example.org").
    static bool isWithin(const QString& domain, const QString& parent);
};

} // namespace headerlens
