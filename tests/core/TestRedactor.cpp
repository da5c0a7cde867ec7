#include "Analyzer.h"
#include "Redactor.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactText_data();
    void redactText();
    void redactAnalysisLeavesNoAddressOrIp();
    void redactBounceLeavesNoRecipientLocalPart();
};

void TestRedactor::redactText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the local part of an address goes, the domain stays")
        << QStringLiteral("550 5.1.1 <alice.martin@example.com>: User unknown")
        << QStringLiteral("550 5.1.1 <***@example.com>: User unknown");
    QTest::newRow("several addresses, plus tags and quoted local parts")
        << QStringLiteral("bounces+2213@mail.example.net for \"john doe\"@example.org")
        << QStringLiteral("***@mail.example.net for ***@example.org");
    QTest::newRow("an IPv4 address in brackets becomes [IP], never [[IP]]")
        << QStringLiteral("Client host [203.0.113.45] blocked, from 198.51.100.7.")
        << QStringLiteral("Client host [IP] blocked, from [IP].");
    QTest::newRow("an IPv6 literal with its tag")
        << QStringLiteral("from mx.example.net ([IPv6:2001:db8::1]) by mx2 ([fe80::3c1a:9b2e:4d5f:6a7b])")
        << QStringLiteral("from mx.example.net ([IP]) by mx2 ([IP])");
    QTest::newRow("the DKIM h= list stays")
        << QStringLiteral("h=from:to:cc:subject:date:message-id:reply-to:mime-version:content-type; bh=abc=")
        << QStringLiteral("h=from:to:cc:subject:date:message-id:reply-to:mime-version:content-type; bh=abc=");
    QTest::newRow("a DKIM h= list of hex-looking names stays")
        << QStringLiteral("h=cc:date:dead:beef:face:bad") << QStringLiteral("h=cc:date:dead:beef:face:bad");
    QTest::newRow("MTA version numbers stay")
        << QStringLiteral(
               "by mx.example.com (8.17.1.9/8.17.1.9) with ESMTPS; Postfix 3.7.10.1; version 2.6.0.1")
        << QStringLiteral(
               "by mx.example.com (8.17.1.9/8.17.1.9) with ESMTPS; Postfix 3.7.10.1; version 2.6.0.1");
    QTest::newRow("tokens in List-Unsubscribe URLs go, the host stays")
        << QStringLiteral("<https://list.example.com/unsub/8f3a9c2e77b14d0c9e1f?u=alice&t=a81B92cd>, "
                          "<mailto:unsub-8f3a9c2e@list.example.com>")
        << QStringLiteral("<https://list.example.com/unsub/***?u=***&t=***>, <mailto:***@list.example.com>");
    QTest::newRow("an IPv6 address, full and compressed")
        << QStringLiteral("from 2001:db8:0:1:0:0:0:45 and 2001:db8::45")
        << QStringLiteral("from [IP] and [IP]");
    QTest::newRow("times, versions and status codes are not addresses")
        << QStringLiteral("at 10:13:40 +0000, Exim 4.96, status 5.7.1, id 15.20.696.11")
        << QStringLiteral("at 10:13:40 +0000, Exim 4.96, status 5.7.1, id 15.20.696.11");
    QTest::newRow("host names stay") << QStringLiteral("mx.example.com refused")
                                     << QStringLiteral("mx.example.com refused");
}

void TestRedactor::redactText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Redactor::redact(input), expected);
}

void TestRedactor::redactAnalysisLeavesNoAddressOrIp()
{
    const Analysis original =
        Analyzer::analyzeBytes(test::readData(QStringLiteral("messages/gmail-delivered.eml")),
                               QStringLiteral("gmail-delivered.eml"));
    QVERIFY(original.message.header(u"To").contains(QLatin1String("alice.martin@gmail.com")));
    const Analysis redacted = Redactor::redact(original);
    for (const HeaderField& f : redacted.message.headers) {
        QVERIFY2(!f.value.contains(QLatin1String("alice.martin")), qPrintable(f.value));
        QVERIFY2(!f.value.contains(QLatin1String("198.51.100.27")), qPrintable(f.value));
        QVERIFY2(!QString::fromUtf8(f.rawValue).contains(QLatin1String("alice.martin")), qPrintable(f.name));
    }
    QVERIFY(!redacted.message.body.text().contains(QLatin1String("alice.martin@")));
    for (const RelayHop& hop : redacted.relay.hops) {
        QVERIFY(!hop.received.fromIp.contains(QLatin1String("198.51.100")));
        QVERIFY(!hop.received.forAddress.contains(QLatin1String("alice.martin")));
    }
    QCOMPARE(redacted.relay.hops.size(), original.relay.hops.size());
    QVERIFY(redacted.message.header(u"To").contains(QLatin1String("@gmail.com")));

    // The SPF result names the envelope sender and the client IP
    // (smtp.mailfrom=bounces+2213@mail.shop-example.net, client-ip=198.51.100.27).
    QVERIFY(!original.authentication.isEmpty());
    QCOMPARE(redacted.authentication.size(), original.authentication.size());
    for (const AuthResult& r : redacted.authentication) {
        QVERIFY2(!r.reason.contains(QLatin1String("198.51.100.27")), qPrintable(r.reason));
        QVERIFY2(!r.reason.contains(QLatin1String("bounces+2213@")), qPrintable(r.reason));
        for (const auto& [name, value] : r.properties) {
            QVERIFY2(!value.contains(QLatin1String("198.51.100.27")),
                     qPrintable(name + QLatin1Char('=') + value));
            QVERIFY2(!value.contains(QLatin1String("bounces+2213@")),
                     qPrintable(name + QLatin1Char('=') + value));
        }
    }
}

void TestRedactor::redactBounceLeavesNoRecipientLocalPart()
{
    // Final-Recipient: rfc822; bob@example.com and carol@example.org, named in every field that
    // describes a recipient.
    const Analysis original =
        Analyzer::analyzeBytes(test::readData(QStringLiteral("bounces/rfc3464-postfix-two-recipients.eml")),
                               QStringLiteral("bounce.eml"));
    QCOMPARE(original.recipients.size(), 2);
    QCOMPARE(original.recipients[0].report.finalRecipient, QStringLiteral("bob@example.com"));
    const Analysis redacted = Redactor::redact(original);
    for (const RecipientAnalysis& r : redacted.recipients) {
        for (const QString& text : {r.report.address, r.report.finalRecipient, r.report.originalRecipient,
                                    r.report.diagnostic, r.explanation}) {
            QVERIFY2(!text.contains(QLatin1String("bob@")) && !text.contains(QLatin1String("carol@")),
                     qPrintable(text));
        }
    }
    QCOMPARE(redacted.recipients[0].report.finalRecipient, QStringLiteral("***@example.com"));
    for (const RecipientReport& r : redacted.report.recipients)
        QVERIFY2(!r.finalRecipient.contains(QLatin1String("bob@")), qPrintable(r.finalRecipient));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "TestRedactor.moc"
