#include "auth/AuthenticationResults.h"

#include <QTest>

using namespace headerlens;

class TestAuthenticationResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void arcAndReceivedSpf();
};

void TestAuthenticationResults::parse_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // "method=result,..." in order
    QTest::addColumn<QString>("authServ");

    QTest::newRow("Gmail style: three methods with comments and properties")
        << QStringLiteral(
               "mx.google.com; dkim=pass header.i=@example.net header.s=s1 header.b=abc; "
               "spf=pass (google.com: domain of a@example.net designates 192.0.2.1 as permitted sender) "
               "smtp.mailfrom=a@example.net; dmarc=pass (p=REJECT sp=REJECT dis=NONE) "
               "header.from=example.net")
        << QStringLiteral("dkim=pass,spf=pass,dmarc=pass") << QStringLiteral("mx.google.com");
    QTest::newRow("Microsoft 365 writes no authserv-id: the first part is already a result")
        << QStringLiteral(
               "spf=fail (sender IP is 203.0.113.5) smtp.mailfrom=example.org; dkim=none (message not "
               "signed) "
               "header.d=none;dmarc=fail action=oreject header.from=example.org;compauth=fail reason=000")
        << QStringLiteral("spf=fail,dkim=none,dmarc=fail,compauth=fail") << QString();
    QTest::newRow("an authserv-id with a version number")
        << QStringLiteral("mail.example.com 1; spf=softfail smtp.mailfrom=x@example.org")
        << QStringLiteral("spf=softfail") << QStringLiteral("mail.example.com");
    QTest::newRow("no results at all")
        << QStringLiteral("mx.example.com; none") << QString() << QStringLiteral("mx.example.com");
    QTest::newRow("a semicolon inside a quoted value does not split")
        << QStringLiteral("mx.example.com; dkim=pass header.i=\"a;b@example.com\"")
        << QStringLiteral("dkim=pass") << QStringLiteral("mx.example.com");
    QTest::newRow("garbage gives nothing, not a crash")
        << QStringLiteral(";;; = ; (((") << QString() << QString();
}

void TestAuthenticationResults::parse()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, authServ);
    const QList<AuthResult> results =
        AuthenticationResults::parseAuthenticationResults(value, QStringLiteral("Authentication-Results"));
    QStringList got;
    for (const AuthResult& r : results)
        got << r.method + QLatin1Char('=') + r.result;
    QCOMPARE(got.join(QLatin1Char(',')), expected);
    if (!results.isEmpty())
        QCOMPARE(results.first().authServId, authServ);
}

void TestAuthenticationResults::arcAndReceivedSpf()
{
    HeaderList headers;
    headers.append(
        {QStringLiteral("ARC-Authentication-Results"),
         {},
         QStringLiteral(
             "i=1; mx.example.com; spf=pass smtp.mailfrom=a@example.org; dkim=pass header.d=example.org"),
         0});
    headers.append(
        {QStringLiteral("Received-SPF"),
         {},
         QStringLiteral(
             "softfail (example.com: domain of transitioning a@example.org does not designate 203.0.113.5 "
             "as permitted sender) client-ip=203.0.113.5; envelope-from=a@example.org"),
         10});
    const QList<AuthResult> results = AuthenticationResults::fromHeaders(headers);
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].authServId, QStringLiteral("mx.example.com"));
    QCOMPARE(results[0].method, QStringLiteral("spf"));
    QCOMPARE(results[2].field, QStringLiteral("Received-SPF"));
    QCOMPARE(results[2].result, QStringLiteral("softfail"));
    QVERIFY(results[2].failed());
    QCOMPARE(results[2].properties.first(),
             (QPair<QString, QString>(QStringLiteral("client-ip"), QStringLiteral("203.0.113.5"))));
}

QTEST_GUILESS_MAIN(TestAuthenticationResults)
#include "TestAuthenticationResults.moc"
