#include "IpAddress.h"

#include <QTest>

using namespace headerlens;

class TestIpAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranges_data();
    void ranges();
    void notAddresses();
};

void TestIpAddress::ranges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("network");
    QTest::addColumn<bool>("isPrivate");
    QTest::addColumn<QString>("range"); // a word of specialRange(), empty for global
    QTest::newRow("a global IPv4 address") << "8.8.4.4" << 4 << "8.8.4.4"
                                           << "8.8.4.0/24" << false << "";
    QTest::newRow("RFC 1918 10/8") << "10.1.2.3" << 4 << "10.1.2.3"
                                   << "10.1.2.0/24" << true << "RFC 1918";
    QTest::newRow("RFC 1918 172.16/12, upper edge") << "172.31.255.1" << 4 << "172.31.255.1"
                                                    << "172.31.255.0/24" << true << "RFC 1918";
    QTest::newRow("172.32 is outside 172.16/12") << "172.32.0.1" << 4 << "172.32.0.1"
                                                 << "172.32.0.0/24" << false << "";
    QTest::newRow("bracketed RFC 1918 192.168/16") << "[192.168.1.20]" << 4 << "192.168.1.20"
                                                   << "192.168.1.0/24" << true << "RFC 1918";
    QTest::newRow("carrier NAT") << "100.64.0.7" << 4 << "100.64.0.7"
                                 << "100.64.0.0/24" << true << "RFC 6598";
    QTest::newRow("loopback") << "127.0.0.1" << 4 << "127.0.0.1"
                              << "127.0.0.0/24" << true << "loopback";
    QTest::newRow("documentation range") << "198.51.100.80" << 4 << "198.51.100.80"
                                         << "198.51.100.0/24" << false << "RFC 5737";
    QTest::newRow("a global IPv6 address, RFC 5952 form")
        << "2A00:1450:4001:0812:0000:0000:0000:200E" << 6 << "2a00:1450:4001:812::200e"
        << "2a00:1450:4001:812::/64" << false << "";
    QTest::newRow("IPv6 written as MTAs write it")
        << "IPv6:2603:10b6:806:2b5::11" << 6 << "2603:10b6:806:2b5::11"
        << "2603:10b6:806:2b5::/64" << false << "";
    QTest::newRow("IPv6 unique local") << "fd12:3456:789a::1" << 6 << "fd12:3456:789a::1"
                                       << "fd12:3456:789a::/64" << true << "RFC 4193";
    QTest::newRow("IPv6 link-local with a zone") << "fe80::1%eth0" << 6 << "fe80::1"
                                                 << "fe80::/64" << true << "link-local";
    QTest::newRow("IPv6 documentation") << "2001:db8::25" << 6 << "2001:db8::25"
                                        << "2001:db8::/64" << false << "RFC 3849";
    QTest::newRow("IPv4-mapped IPv6 is IPv4") << "::ffff:192.0.2.1" << 4 << "192.0.2.1"
                                              << "192.0.2.0/24" << false << "RFC 5737";
    QTest::newRow("IPv6 loopback") << "::1" << 6 << "::1"
                                   << "::/64" << true << "loopback";
}

void TestIpAddress::ranges()
{
    QFETCH(QString, text);
    QFETCH(int, version);
    QFETCH(QString, canonical);
    QFETCH(QString, network);
    QFETCH(bool, isPrivate);
    QFETCH(QString, range);
    const auto ip = IpAddress::parse(text);
    QVERIFY(ip);
    QCOMPARE(ip->version, version);
    QCOMPARE(ip->toString(), canonical);
    QCOMPARE(ip->network(), network);
    QCOMPARE(ip->isPrivate(), isPrivate);
    if (range.isEmpty())
        QVERIFY2(ip->specialRange().isEmpty(), qPrintable(ip->specialRange()));
    else
        QVERIFY2(ip->specialRange().contains(range), qPrintable(ip->specialRange()));
}

void TestIpAddress::notAddresses()
{
    for (const char* text : {"", "mail.example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", "::g", "12:34:56",
                             "[192.0.2.1", "2001:db8::1::2"})
        QVERIFY2(!IpAddress::parse(QString::fromLatin1(text)), text);
}

QTEST_GUILESS_MAIN(TestIpAddress)
#include "TestIpAddress.moc"
