#include "DmarcAlignment.h"
#include "DomainName.h"
#include "PublicSuffixList.h"

#include <QTest>

using namespace headerlens;

class TestDmarcAlignment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void organizationalDomains_data();
    void organizationalDomains();
    void alignment_data();
    void alignment();
    void idnFormsAreOneName();
    void aNameIsWithinItselfAndItsParents();
    void addressesGiveTheirDomain_data();
    void addressesGiveTheirDomain();
    void withoutTheSystemListTheBuiltinCopyIsUsed();
    void withoutAnyListTheGuessSaysSo();
};

void TestDmarcAlignment::organizationalDomains_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("organization");
    QTest::newRow("a subdomain of a .com") << "a.b.example.com"
                                           << "example.com";
    QTest::newRow("co.uk is a multi-label public suffix") << "mail.example.co.uk"
                                                          << "example.co.uk";
    QTest::newRow("the suffix itself is its own organization") << "co.uk"
                                                               << "co.uk";
    QTest::newRow("*.compute.amazonaws.com: every instance name is its own organization")
        << "ec2-198-51-100-1.eu-west-1.compute.amazonaws.com"
        << "ec2-198-51-100-1.eu-west-1.compute.amazonaws.com";
    QTest::newRow("below an instance name") << "mail.ec2-198-51-100-1.eu-west-1.compute.amazonaws.com"
                                            << "ec2-198-51-100-1.eu-west-1.compute.amazonaws.com";
    QTest::newRow("github.io is a private suffix") << "alice.github.io"
                                                   << "alice.github.io";
    QTest::newRow("an IDN TLD in A-label form") << "mail.xn--e1afmkfd.xn--p1ai"
                                                << "xn--e1afmkfd.xn--p1ai";
    QTest::newRow("an address literal stays as it is") << "192.0.2.1"
                                                       << "192.0.2.1";
}

void TestDmarcAlignment::organizationalDomains()
{
    QFETCH(QString, domain);
    QFETCH(QString, organization);
    QCOMPARE(PublicSuffixList::system().organizationalDomain(domain), organization);
}

void TestDmarcAlignment::alignment_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<bool>("relaxed");
    QTest::newRow("the same name") << "example.org"
                                   << "example.org" << true << true;
    QTest::newRow("case and a trailing dot do not matter") << "EXAMPLE.org."
                                                           << "example.ORG" << true << true;
    QTest::newRow("a subdomain aligns relaxed only") << "bounces.example.org"
                                                     << "example.org" << false << true;
    QTest::newRow("two subdomains of one organization") << "a.example.org"
                                                        << "b.example.org" << false << true;
    QTest::newRow("another organization") << "esp.example"
                                          << "shop.example" << false << false;
    QTest::newRow("a look-alike suffix is another organization") << "example.org.evil.example"
                                                                 << "example.org" << false << false;
    QTest::newRow("co.uk: a subdomain of the same registrant") << "mail.example.co.uk"
                                                               << "example.co.uk" << false << true;
    QTest::newRow("co.uk: two registrants never align") << "example.co.uk"
                                                        << "other.co.uk" << false << false;
    QTest::newRow("*.compute.amazonaws.com: two instances never align")
        << "ec2-198-51-100-1.eu-west-1.compute.amazonaws.com"
        << "ec2-198-51-100-2.eu-west-1.compute.amazonaws.com" << false << false;
    QTest::newRow("*.compute.amazonaws.com: a name under the instance aligns")
        << "mail.ec2-198-51-100-1.eu-west-1.compute.amazonaws.com"
        << "ec2-198-51-100-1.eu-west-1.compute.amazonaws.com" << false << true;
    QTest::newRow("github.io users are separate organizations") << "alice.github.io"
                                                                << "bob.github.io" << false << false;
    QTest::newRow("IDN: U-label against A-label")
        << QStringLiteral("пример.рф") << "xn--e1afmkfd.xn--p1ai" << true << true;
    QTest::newRow("IDN: upper-case U-label")
        << QStringLiteral("ПРИМЕР.РФ") << "xn--e1afmkfd.xn--p1ai" << true << true;
    QTest::newRow("IDN: a subdomain in U-label form")
        << QStringLiteral("почта.пример.рф") << "xn--e1afmkfd.xn--p1ai" << false << true;
    QTest::newRow("IDN: a Latin IDN label")
        << QStringLiteral("bücher.example") << "xn--bcher-kva.example" << true << true;
    QTest::newRow("IDN: a different name")
        << QStringLiteral("bucher.example") << QStringLiteral("bücher.example") << false << false;
    QTest::newRow("no domain") << ""
                               << "example.org" << false << false;
}

void TestDmarcAlignment::alignment()
{
    QFETCH(QString, domain);
    QFETCH(QString, from);
    QFETCH(bool, strict);
    QFETCH(bool, relaxed);
    const DomainAlignment a = DmarcAlignment::align(domain, from);
    QCOMPARE(a.strict, strict);
    QCOMPARE(a.relaxed, relaxed);
    QVERIFY(!a.explanation().isEmpty());
}

void TestDmarcAlignment::idnFormsAreOneName()
{
    QCOMPARE(DomainName::toAscii(QStringLiteral("Пример.РФ.")), QStringLiteral("xn--e1afmkfd.xn--p1ai"));
    QCOMPARE(DomainName::toUnicode(QStringLiteral("xn--e1afmkfd.xn--p1ai")), QStringLiteral("пример.рф"));
    QCOMPARE(DomainName::toUnicode(QStringLiteral("example.org")), QStringLiteral("example.org"));
    const DomainAlignment a =
        DmarcAlignment::align(QStringLiteral("mail.xn--e1afmkfd.xn--p1ai"), QStringLiteral("пример.рф"));
    QVERIFY(a.relaxed);
    // The explanation shows names as people read them.
    QVERIFY2(a.explanation().contains(QStringLiteral("пример.рф")), qPrintable(a.explanation()));
}

// A host belongs to a domain when it is that domain or a name below it, by whole labels and
// ignoring case: "mx.example.com" is within "example.com", "badexample.com" is not.
void TestDmarcAlignment::aNameIsWithinItselfAndItsParents()
{
    QVERIFY(DomainName::isWithin(QStringLiteral("example.com"), QStringLiteral("example.com")));
    QVERIFY(DomainName::isWithin(QStringLiteral("MX1.Example.COM"), QStringLiteral("example.com")));
    QVERIFY(DomainName::isWithin(QStringLiteral("a.b.example.com"), QStringLiteral("EXAMPLE.com")));
    QVERIFY(!DomainName::isWithin(QStringLiteral("badexample.com"), QStringLiteral("example.com")));
    QVERIFY(!DomainName::isWithin(QStringLiteral("example.com"), QStringLiteral("mx.example.com")));
    QVERIFY(!DomainName::isWithin(QStringLiteral("example.com.evil.org"), QStringLiteral("example.com")));
    QVERIFY(!DomainName::isWithin(QString(), QStringLiteral("example.com")));
    QVERIFY(!DomainName::isWithin(QStringLiteral("example.com"), QString()));
    // Letters beyond ASCII fold as Qt folds them.
    QVERIFY(DomainName::isWithin(QStringLiteral("mx.\u00C9XAMPLE.fr"), QStringLiteral("\u00E9xample.fr")));
}

void TestDmarcAlignment::addressesGiveTheirDomain_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("domain");
    QTest::newRow("display name and angle address") << "Alice Example <alice@Example.ORG>"
                                                    << "example.org";
    QTest::newRow("a bare address") << "alice@example.org"
                                    << "example.org";
    QTest::newRow("a bare domain (smtp.mailfrom=example.org)") << "example.org"
                                                               << "example.org";
    QTest::newRow("a comment after the address") << "alice@example.org (Alice)"
                                                 << "example.org";
    QTest::newRow("an IDN address") << QStringLiteral("ivan@пример.рф") << "xn--e1afmkfd.xn--p1ai";
    QTest::newRow("a quoted local part with @") << "\"a@b\"@example.org"
                                                << "example.org";
    QTest::newRow("the null sender") << "<>"
                                     << "";
}

void TestDmarcAlignment::addressesGiveTheirDomain()
{
    QFETCH(QString, address);
    QFETCH(QString, domain);
    QCOMPARE(DomainName::ofAddress(address), domain);
}

void TestDmarcAlignment::withoutTheSystemListTheBuiltinCopyIsUsed()
{
    const PublicSuffixList list(QStringLiteral("/nonexistent/public_suffix_list.dat"), true);
    QCOMPARE(list.source(), PublicSuffixList::Source::Builtin);
    QVERIFY(list.problem().contains(QStringLiteral("cannot be read")));
    QVERIFY(list.problem().contains(QStringLiteral("publicsuffix")));
    QCOMPARE(list.organizationalDomain(QStringLiteral("mail.example.co.uk")),
             QStringLiteral("example.co.uk"));
}

void TestDmarcAlignment::withoutAnyListTheGuessSaysSo()
{
    const PublicSuffixList list(QStringLiteral("/nonexistent/public_suffix_list.dat"), false);
    QCOMPARE(list.source(), PublicSuffixList::Source::None);
    QVERIFY(list.problem().contains(QStringLiteral("last two labels")));
    QVERIFY(list.description().contains(QStringLiteral("no Public Suffix List")));
    // The guess is wrong for co.uk, and says so in problem().
    QCOMPARE(list.organizationalDomain(QStringLiteral("mail.example.co.uk")), QStringLiteral("co.uk"));
    QCOMPARE(list.organizationalDomain(QStringLiteral("a.b.example.com")), QStringLiteral("example.com"));
    const DomainAlignment a =
        DmarcAlignment::align(QStringLiteral("bounces.example.org"), QStringLiteral("example.org"), list);
    QVERIFY(a.relaxed);
}

QTEST_GUILESS_MAIN(TestDmarcAlignment)
#include "TestDmarcAlignment.moc"
