#include "Analyzer.h"
#include "BlocklistCatalog.h"
#include "IpAddress.h"
#include "SenderFindings.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace headerlens;

class TestSenderFindings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void blocklistsAreNamed_data();
    void blocklistsAreNamed();
    void aBounceNamingSpamhaus();
    void aReceivedMessageWithoutReverseDnsOrTls();
    void aMessageThatPassesEverything();
    void office365ReadsTheSendingIpFromItsReport();
    void theSentenceOnlyConcernsTheSenderSide();
    void ipLiteralsAreFoundAsASearchFindsThem();
};

namespace {

QStringList ids(const QList<SenderFinding>& findings)
{
    QStringList out;
    for (const SenderFinding& f : findings)
        out << f.id;
    return out;
}

const SenderFinding* findingWithId(const QList<SenderFinding>& findings, const QString& id)
{
    for (const SenderFinding& f : findings) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

} // namespace

void TestSenderFindings::blocklistsAreNamed_data()
{
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("ids"); // the catalog rows, in table order
    QTest::newRow("Spamhaus ZEN") << "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
                                     "zen.spamhaus.org"
                                  << "spamhaus.zen";
    QTest::newRow("Spamhaus PBL named through its lookup page")
        << "550 5.7.1 192.0.2.1 listed at https://www.spamhaus.org/query/ip/192.0.2.1 (PBL)"
        << "spamhaus.pbl";
    QTest::newRow("Spamhaus DBL for a domain")
        << "554 5.7.1 <shop.example>: Sender address rejected: dbl.spamhaus.org"
        << "spamhaus.dbl";
    QTest::newRow("Barracuda") << "554 Service unavailable; Client host [192.0.2.1] blocked using "
                                  "b.barracudacentral.org"
                               << "barracuda.brbl";
    QTest::newRow("SpamCop") << "550 5.7.1 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1"
                             << "spamcop.bl";
    QTest::newRow("Outlook.com S3150") << "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. "
                                          "Please contact your Internet service "
                                          "provider since part of their network is on our block list (S3150)."
                                       << "microsoft.outlook";
    QTest::newRow("Microsoft 365 banned sending IP")
        << "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list "
           "please "
           "visit https://sender.office.com/"
        << "microsoft.365";
    QTest::newRow("two lists in one reply") << "554 blocked using zen.spamhaus.org and bl.spamcop.net"
                                            << "spamhaus.zen,spamcop.bl";
    QTest::newRow("SORBS, closed") << "554 5.7.1 listed in dnsbl.sorbs.net"
                                   << "sorbs.closed";
    QTest::newRow("no list named") << "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"
                                   << "";
}

void TestSenderFindings::blocklistsAreNamed()
{
    QFETCH(QString, reply);
    QFETCH(QString, ids);
    QStringList got;
    for (const BlocklistCatalog::Entry* e : BlocklistCatalog::match(reply)) {
        got << e->id;
        QVERIFY(!e->delisting.isEmpty());
        QVERIFY(!e->advice.isEmpty());
    }
    QCOMPARE(got.join(QLatin1Char(',')), ids);
}

void TestSenderFindings::aBounceNamingSpamhaus()
{
    const Analysis a = Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/bounce-spamhaus.eml")));
    QCOMPARE(a.recipients.size(), 1);
    QCOMPARE(a.recipients.first().classification.cause, QStringLiteral("blocklisted"));
    const SenderFinding* listed = findingWithId(a.senderFindings, QStringLiteral("blocklist.spamhaus.zen"));
    QVERIFY2(listed, qPrintable(ids(a.senderFindings).join(QLatin1Char(','))));
    QCOMPARE(listed->recipients, QStringList{QStringLiteral("ivan@customer.example")});
    QCOMPARE(listed->ip, QStringLiteral("198.51.100.80"));
    QCOMPARE(listed->delistingPage, QStringLiteral("https://check.spamhaus.org/"));
    QCOMPARE(listed->severity, SenderFinding::Severity::Problem);
    // The returned copy is judged as the sender sent it: its DKIM signature is the ESP's.
    QCOMPARE(a.originalAuthAssessment.perspective, AuthenticationAssessment::Perspective::ReturnedOriginal);
    // Neither its DKIM signature (the ESP's) nor its MAIL FROM aligns with From: DMARC cannot pass.
    const SenderFinding* dmarc = findingWithId(a.senderFindings, QStringLiteral("auth.dmarc_cannot_pass"));
    QVERIFY2(dmarc, qPrintable(ids(a.senderFindings).join(QLatin1Char(','))));
    QVERIFY2(
        dmarc->detail.contains(QStringLiteral("the DKIM signature (d=esp.example) nor the MAIL FROM domain "
                                              "bounces.mailer.esp.example")),
        qPrintable(dmarc->detail));
    QVERIFY(!findingWithId(a.senderFindings, QStringLiteral("auth.dkim_not_aligned")));
    const SenderFinding* tls = findingWithId(a.senderFindings, QStringLiteral("tls.none"));
    QVERIFY(tls);
    QCOMPARE(tls->hops, QList<int>{2});
    // The sending IP comes from the server's reply.
    QCOMPARE(a.sendingIp.address, QStringLiteral("198.51.100.80"));
    QCOMPARE(a.sendingIp.network, QStringLiteral("198.51.100.0/24"));
    QVERIFY(a.sendingIp.source.contains(QStringLiteral("reply")));
    // Problems come first.
    QCOMPARE(a.senderFindings.first().severity, SenderFinding::Severity::Problem);
    QCOMPARE(a.senderFindings.last().id, QStringLiteral("ip.sending"));
    // The explanation ends with one clearly separated sentence.
    const QString explanation = a.recipients.first().explanation;
    QVERIFY2(explanation.endsWith(
                 QStringLiteral("Sender-side findings: the refusal names Spamhaus (removal: "
                                "https://check.spamhaus.org/); DMARC cannot pass for shop.example.")),
             qPrintable(explanation));
}

void TestSenderFindings::aReceivedMessageWithoutReverseDnsOrTls()
{
    const Analysis a = Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/spamassassin-amavis.eml")));
    const QStringList found = ids(a.senderFindings);
    for (const char* id : {"ptr.missing", "ptr.iprev", "auth.spf_softfail", "auth.dmarc_not_aligned",
                           "auth.dkim_missing", "spam_filter.verdict", "tls.none", "ip.sending"})
        QVERIFY2(found.contains(QLatin1String(id)),
                 qPrintable(
                     QString(QLatin1String(id) + QStringLiteral(" not in ") + found.join(QLatin1Char(',')))));
    const SenderFinding* ptr = findingWithId(a.senderFindings, QStringLiteral("ptr.missing"));
    QCOMPARE(ptr->ip, QStringLiteral("203.0.113.45"));
    QCOMPARE(ptr->hops, QList<int>{2});
    QCOMPARE(a.sendingIp.address, QStringLiteral("203.0.113.45"));
    QCOMPARE(a.sendingIp.helo, QStringLiteral("bulk7.promo.example.net"));
    QVERIFY(a.sendingIp.reverseDns.isEmpty());
    QCOMPARE(findingWithId(a.senderFindings, QStringLiteral("tls.none"))->hops, QList<int>{2});
}

void TestSenderFindings::aMessageThatPassesEverything()
{
    const Analysis a = Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/gmail-received.eml")));
    QCOMPARE(ids(a.senderFindings), QStringList{QStringLiteral("ip.sending")});
    QCOMPARE(a.sendingIp.address, QStringLiteral("192.0.2.25"));
    QCOMPARE(a.sendingIp.reverseDns, QStringLiteral("mail.example.org"));
    QVERIFY(a.sendingIp.range.contains(QStringLiteral("documentation")));
}

void TestSenderFindings::office365ReadsTheSendingIpFromItsReport()
{
    const Analysis a = Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/office365-received.eml")));
    QCOMPARE(a.sendingIp.address, QStringLiteral("198.51.100.80"));
    QCOMPARE(a.sendingIp.version, 4);
    const QStringList found = ids(a.senderFindings);
    QVERIFY2(found.contains(QStringLiteral("auth.dmarc_fail")), qPrintable(found.join(QLatin1Char(','))));
    // compauth follows from DMARC, and the receiver's DMARC failure carries the offline reasons.
    QVERIFY(!found.contains(QStringLiteral("auth.compauth_fail")));
    QVERIFY(!found.contains(QStringLiteral("auth.dmarc_not_aligned")));
    QVERIFY(findingWithId(a.senderFindings, QStringLiteral("auth.dmarc_fail"))
                ->detail.contains(QStringLiteral("not in the From domain's organization")));
    QVERIFY(found.contains(QStringLiteral("auth.dkim_not_aligned")));
    QVERIFY(found.contains(QStringLiteral("spam_filter.verdict")));
    QVERIFY(!found.contains(QStringLiteral("tls.none")));
}

void TestSenderFindings::theSentenceOnlyConcernsTheSenderSide()
{
    Analysis a;
    a.message.headers.append({QStringLiteral("Subject"), {}, QStringLiteral("Undelivered"), 0});
    a.report.kind = ReportKind::Bounce;
    RecipientReport gone;
    gone.address = QStringLiteral("bob@example.com");
    gone.action = QStringLiteral("failed");
    gone.replyCode = 550;
    gone.status = QStringLiteral("5.1.1");
    gone.diagnostic = QStringLiteral("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
    RecipientReport listed = gone;
    listed.address = QStringLiteral("carol@example.org");
    listed.status = QStringLiteral("5.7.1");
    listed.diagnostic = QStringLiteral("554 5.7.1 Client host [192.0.2.1] blocked using bl.spamcop.net");
    a.report.recipients = {gone, listed};
    Analyzer::classifyAndExplain(a);
    QVERIFY2(!a.recipients[0].explanation.contains(QStringLiteral("Sender-side")),
             qPrintable(a.recipients[0].explanation));
    QVERIFY2(a.recipients[1].explanation.contains(
                 QStringLiteral("Sender-side findings: the refusal names SpamCop Blocking List (removal: "
                                "https://www.spamcop.net/bl.shtml).")),
             qPrintable(a.recipients[1].explanation));
    QCOMPARE(a.sendingIp.address, QStringLiteral("192.0.2.1"));
}

// The IP literals of a reply as a search through the whole text finds them (addressesIn tries its
// expression only where a match can start), on texts built from addresses, look-alikes and the
// characters around them.
void TestSenderFindings::ipLiteralsAreFoundAsASearchFindsThem()
{
    const QRegularExpression candidate(QStringLiteral(
        "(?<![0-9A-Za-z.:])((?:[0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
        "(?![0-9A-Za-z:])"));
    const auto searched = [&](const QString& text) {
        QStringList out;
        auto it = candidate.globalMatch(text);
        while (it.hasNext()) {
            const QString m = it.next().captured(1);
            if (m.count(QLatin1Char(':')) >= 2 && m.size() < 3)
                continue;
            if (const auto ip = IpAddress::parse(m))
                out.append(ip->toString());
        }
        return out;
    };
    const QStringList pieces = {
        QStringLiteral("192.0.2.1"),
        QStringLiteral("10.0.0.256"),
        QStringLiteral("1.2.3"),
        QStringLiteral("1.2.3.4.5"),
        QStringLiteral("2001:db8::1"),
        QStringLiteral("::1"),
        QStringLiteral("::"),
        QStringLiteral("fe80::1:2:3:4:5:6:7"),
        QStringLiteral("a:b:c:d:e:f:0:1:2"),
        QStringLiteral("12:30:45"),
        QStringLiteral("deadbeef"),
        QStringLiteral("v4.1.2.3"),
        QStringLiteral("["),
        QStringLiteral("]"),
        QStringLiteral("."),
        QStringLiteral(":"),
        QStringLiteral(" "),
        QStringLiteral("\n"),
        QStringLiteral("IPv6:"),
        QStringLiteral("host"),
        QStringLiteral("550"),
        QStringLiteral("-"),
        QStringLiteral("caf\u00e9"),
        QStringLiteral("\u00e91.2.3.4"),
        QStringLiteral("(ip=1.2.3.4)"),
        QStringLiteral("2001:DB8:0:0:8:800:200C:417A"),
        QStringLiteral("x"),
        QString(QChar(0xD83D)) + QChar(0xDCEC),
        QString(QChar(0xD800)),
    };
    QRandomGenerator random(512026);
    int found = 0;
    for (int round = 0; round < 20000; ++round) {
        const QString text = test::randomJoin(random, pieces, 1 + static_cast<int>(random.bounded(8)));
        QStringList ours;
        for (const IpAddress& ip : SenderFindings::addressesIn(text))
            ours.append(ip.toString());
        QCOMPARE(ours, searched(text));
        found += static_cast<int>(ours.size());
    }
    QVERIFY(found > 5000);
}

QTEST_GUILESS_MAIN(TestSenderFindings)
#include "TestSenderFindings.moc"
