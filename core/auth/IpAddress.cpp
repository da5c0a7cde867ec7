#include "IpAddress.h"

#include <algorithm>

#include <arpa/inet.h>

#include <cstring>

namespace headerlens {

namespace {

struct Range
{
    const char* network;
    int prefix;
    const char* name;
    bool isPrivate;
};

// IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates).
constexpr Range Ranges[] = {
    {"10.0.0.0", 8, "private network (RFC 1918)", true},
    {"172.16.0.0", 12, "private network (RFC 1918)", true},
    {"192.168.0.0", 16, "private network (RFC 1918)", true},
    {"100.64.0.0", 10, "shared address space behind carrier NAT (RFC 6598)", true},
    {"127.0.0.0", 8, "loopback (this host)", true},
    {"169.254.0.0", 16, "link-local (RFC 3927)", true},
    {"0.0.0.0", 8, "\"this network\" (RFC 791)", true},
    {"192.0.2.0", 24, "documentation range TEST-NET-1 (RFC 5737)", false},
    {"198.51.100.0", 24, "documentation range TEST-NET-2 (RFC 5737)", false},
    {"203.0.113.0", 24, "documentation range TEST-NET-3 (RFC 5737)", false},
    {"198.18.0.0", 15, "benchmarking range (RFC 2544)", true},
    {"192.0.0.0", 24, "IETF protocol assignments (RFC 6890)", true},
    {"224.0.0.0", 4, "multicast", false},
    {"240.0.0.0", 4, "reserved (RFC 1112)", false},
    {"::1", 128, "loopback (this host)", true},
    {"::", 128, "unspecified address", true},
    {"fc00::", 7, "unique local address (RFC 4193), a private network", true},
    {"fe80::", 10, "link-local (RFC 4291)", true},
    {"2001:db8::", 32, "documentation range (RFC 3849)", false},
    {"64:ff9b::", 96, "NAT64 translation (RFC 6052)", false},
    {"2002::", 16, "6to4 relay (RFC 3056)", false},
    {"2001::", 32, "Teredo tunnel (RFC 4380)", false},
    {"ff00::", 8, "multicast", false},
};

const IpAddress& rangeAddress(const Range& range)
{
    // Parsed once per entry; the table is small and constant.
    static std::array<IpAddress, std::size(Ranges)> parsed = [] {
        std::array<IpAddress, std::size(Ranges)> out{};
        for (std::size_t i = 0; i < std::size(Ranges); ++i)
            out[i] = *IpAddress::parse(QString::fromLatin1(Ranges[i].network));
        return out;
    }();
    return parsed[static_cast<std::size_t>(&range - Ranges)];
}

} // namespace

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    QStringView s = text.trimmed();
    if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']')))
        s = s.sliced(1, s.size() - 2).trimmed();
    if (s.startsWith(QLatin1String("IPv6:"), Qt::CaseInsensitive))
        s = s.sliced(5);
    if (const qsizetype zone = s.indexOf(QLatin1Char('%')); zone > 0)
        s = s.first(zone);
    if (s.isEmpty() || s.size() > 45)
        return std::nullopt;
    // inet_pton reads hex digits, dots and colons only: anything else (a host name) is no address.
    if (!std::all_of(s.cbegin(), s.cend(), [](QChar c) {
            const char16_t u = c.unicode();
            return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F') || u == '.' ||
                   u == ':';
        }))
        return std::nullopt;
    const QByteArray latin = s.toLatin1();
    IpAddress a;
    if (!s.contains(QLatin1Char(':'))) {
        if (inet_pton(AF_INET, latin.constData(), a.bytes.data()) != 1)
            return std::nullopt;
        a.version = 4;
        return a;
    }
    if (inet_pton(AF_INET6, latin.constData(), a.bytes.data()) != 1)
        return std::nullopt;
    a.version = 6;
    static constexpr unsigned char Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(a.bytes.data(), Mapped, 12) == 0) {
        IpAddress v4;
        v4.version = 4;
        std::memcpy(v4.bytes.data(), a.bytes.data() + 12, 4);
        return v4;
    }
    return a;
}

QString IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    if (version == 4)
        inet_ntop(AF_INET, bytes.data(), buffer, sizeof buffer);
    else if (version == 6)
        inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

bool IpAddress::inSubnet(const IpAddress& net, int prefixLength) const
{
    if (version != net.version || version == 0)
        return false;
    const int bits = version == 4 ? 32 : 128;
    if (prefixLength < 0 || prefixLength > bits)
        return false;
    const int whole = prefixLength / 8;
    if (std::memcmp(bytes.data(), net.bytes.data(), static_cast<std::size_t>(whole)) != 0)
        return false;
    const int rest = prefixLength % 8;
    if (rest == 0)
        return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - rest));
    return (bytes[static_cast<std::size_t>(whole)] & mask) ==
           (net.bytes[static_cast<std::size_t>(whole)] & mask);
}

QString IpAddress::network() const
{
    if (version == 0)
        return {};
    IpAddress net = *this;
    const int prefix = version == 4 ? 24 : 64;
    for (std::size_t i = static_cast<std::size_t>(prefix / 8); i < 16; ++i)
        net.bytes[i] = 0;
    return net.toString() + QLatin1Char('/') + QString::number(prefix);
}

QString IpAddress::specialRange() const
{
    for (const Range& range : Ranges) {
        if (inSubnet(rangeAddress(range), range.prefix))
            return QString::fromUtf8(range.name);
    }
    return {};
}

bool IpAddress::isPrivate() const
{
    for (const Range& range : Ranges) {
        if (inSubnet(rangeAddress(range), range.prefix))
            return range.isPrivate;
    }
    return false;
}

} // namespace headerlens
