#include "DkimSignature.h"

#include <QTest>

using namespace headerlens;

class TestDkimSignature : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTagIsRead();
    void problems_data();
    void problems();
};

void TestDkimSignature::everyTagIsRead()
{
    const DkimSignature s = DkimSignature::parse(QStringLiteral(
        "v=1; a=rsa-sha256; c=relaxed/simple; d=Example.ORG; s=mail2024;\r\n\tt=1733216523; x=1733821323; "
        "l=1200; i=news@lists.example.org; q=dns/txt;\r\n\th=from:to:subject:date:message-id\r\n\t "
        ":mime-version; "
        "bh=47DEQpj8HBSa+/"
        "TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=Xk3pQ9aBtV2mR8sLw4yZqN1cJ0hF6dE5gU7iO3pA2sD9\r\n\t "
        "fG4hJ8kL1zX6=="));
    QCOMPARE(s.version, QStringLiteral("1"));
    QCOMPARE(s.algorithm, QStringLiteral("rsa-sha256"));
    QCOMPARE(s.domain, QStringLiteral("example.org"));
    QCOMPARE(s.selector, QStringLiteral("mail2024"));
    QCOMPARE(s.canonicalization, QStringLiteral("relaxed/simple"));
    QCOMPARE(s.identity, QStringLiteral("news@lists.example.org"));
    QCOMPARE(s.identityDomain(), QStringLiteral("lists.example.org"));
    QCOMPARE(s.queryMethods, QStringLiteral("dns/txt"));
    QCOMPARE(s.signedHeaders, (QStringList{QStringLiteral("from"), QStringLiteral("to"),
                                           QStringLiteral("subject"), QStringLiteral("date"),
                                           QStringLiteral("message-id"), QStringLiteral("mime-version")}));
    QCOMPARE(s.timestamp.value_or(0), 1733216523);
    QCOMPARE(s.expiration.value_or(0), 1733821323);
    QCOMPARE(s.bodyLength.value_or(0), 1200);
    // b= loses its folding white space (RFC 6376 section 3.5)
    QCOMPARE(s.signature, QStringLiteral("Xk3pQ9aBtV2mR8sLw4yZqN1cJ0hF6dE5gU7iO3pA2sD9fG4hJ8kL1zX6=="));
    QVERIFY2(s.problems.isEmpty(), qPrintable(s.problems.join(QLatin1Char('|'))));
    QVERIFY(s.signsFrom());
}

void TestDkimSignature::problems_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");
    const QString base =
        QStringLiteral("v=1; a=rsa-sha256; d=example.org; s=s1; h=from:to; bh=AAAA; b=BBBB; ");
    QTest::newRow("required tags missing")
        << QStringLiteral("v=1; d=example.org") << QStringLiteral("a=, b=, bh=");
    QTest::newRow("SHA-1 is no longer acceptable (RFC 8301)")
        << QStringLiteral("v=1; a=rsa-sha1; d=example.org; s=s1; h=from; bh=AAAA; b=BBBB")
        << QStringLiteral("RFC 8301");
    QTest::newRow("From not signed") << QStringLiteral(
                                            "v=1; a=rsa-sha256; d=example.org; s=s1; h=to:subject; "
                                            "bh=AAAA; b=BBBB")
                                     << QStringLiteral("does not include From");
    QTest::newRow("i= outside d=") << base + QStringLiteral("i=@other.example")
                                   << QStringLiteral("not within d=");
    QTest::newRow("x= not after t=") << base + QStringLiteral("t=1733216523; x=1733216500")
                                     << QStringLiteral("not later than t=");
    QTest::newRow("a duplicated tag invalidates it")
        << base + QStringLiteral("d=evil.example") << QStringLiteral("appears twice");
    QTest::newRow("numbers that are not numbers")
        << base + QStringLiteral("t=abc; l=-5") << QStringLiteral("t=abc");
    QTest::newRow("an unknown canonicalization")
        << base + QStringLiteral("c=relaxed/fuzzy") << QStringLiteral("'fuzzy'");
    QTest::newRow("garbage is named, not a crash")
        << QStringLiteral(";;;=;==;(((") << QStringLiteral("required");
}

void TestDkimSignature::problems()
{
    QFETCH(QString, value);
    QFETCH(QString, problem);
    const DkimSignature s = DkimSignature::parse(value);
    QCOMPARE(s.raw, value);
    QVERIFY2(s.problems.join(QLatin1Char('|')).contains(problem),
             qPrintable(s.problems.join(QLatin1Char('|'))));
}

QTEST_GUILESS_MAIN(TestDkimSignature)
#include "TestDkimSignature.moc"
