#pragma once

#include <QString>

#include <array>
#include <optional>

namespace headerlens {

// An IPv4 or IPv6 address as a value, with what the sender-side checks ask of it: its network
// (the /24 or /64 that reputation lists usually judge together) and whether it lies in a special
// range (private, loopback, documentation ...: IANA special-purpose registries, RFC 6890).
struct IpAddress
{
    int version = 0;                       // 4 or 6
    std::array<unsigned char, 16> bytes{}; // IPv4 in the first 4

    // "192.0.2.1", "[192.0.2.1]", "IPv6:2001:db8::1", "[fe80::1%eth0]"; IPv4-mapped IPv6 is
    // taken as IPv4. nullopt for anything else.
    static std::optional<IpAddress> parse(QStringView text);

    QString toString() const; // canonical: dotted quad, or RFC 5952
    // "192.0.2.0/24", "2001:db8:5:6::/64"
    QString network() const;
    bool inSubnet(const IpAddress& network, int prefixLength) const;
    // The special range it lies in, in user words ("private network (RFC 1918)"); empty for a
    // global unicast address.
    QString specialRange() const;
    // Private, loopback, link-local, shared (CGNAT) or unique-local: an address no outside
    // receiver can have seen as the sender.
    bool isPrivate() const;
};

} // namespace headerlens
