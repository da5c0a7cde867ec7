#include "Analyzer.h"
#include "JsonReport.h"
#include "ReplyText.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace headerlens;

class TestReplyText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneReply_data();
    void oneReply();
    void severalRepliesKeepTheirOrderAndVerdicts();
    void logLinesNameRecipientAndServer();
    void officeVisibleTextReadsLikeTheBounce();
    void sameVerdictAsTheFullBounce();
    void pastedTextChoosesReplyOrMessage();
    void textWithoutReplyIsAnError();
    void knownWordsWithoutAReplyAreExplained_data();
    void knownWordsWithoutAReplyAreExplained();
    void jsonKeepsTheContract();
};

void TestReplyText::oneReply_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("kind");

    QTest::newRow("a Postfix user unknown reply from a log")
        << QStringLiteral("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown")
        << QStringLiteral("a@b.example") << 550 << QStringLiteral("5.1.1")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("a temporary reply is a delay, not a bounce")
        << QStringLiteral("452 4.2.2 <full@b.example>: Mailbox full") << QStringLiteral("full@b.example")
        << 452 << QStringLiteral("4.2.2") << QStringLiteral("mailbox_full") << QStringLiteral("deferred")
        << QStringLiteral("delay_notice");
    QTest::newRow("a refusal of the sender names no recipient")
        << QStringLiteral("550 5.7.1 <me@sender.example>: Sender address rejected: Access denied")
        << QString() << 550 << QStringLiteral("5.7.1") << QStringLiteral("sender_rejected")
        << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("a reply quoted by the MTA with Windows line ends")
        << QStringLiteral(
               "host mx.b.example[192.0.2.1] said: 550 5.1.1 <x@b.example>: User unknown (in reply "
               "to RCPT TO command)\r\n")
        << QStringLiteral("x@b.example") << 550 << QStringLiteral("5.1.1")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("a final reply quoting the last attempt's temporary error: the final one decides")
        << QStringLiteral("554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to "
                          "lookup DNS for b.example>")
        << QString() << 554 << QStringLiteral("4.4.7") << QStringLiteral("expired") << QStringLiteral("soft")
        << QStringLiteral("bounce");
    QTest::newRow("OpenSMTPD's log: result=TempFail is a delay")
        << QStringLiteral(
               "Oct 22 13:04:42 mail smtpd[4412]: 3e41a0c2b7d9f001 mta delivery evpid=3e41a0c2b7d9f001 "
               "from=<me@sender.example> to=<j@b.example> rcpt=<-> source=\"-\" relay=\"-\" delay=1s "
               "result=\"TempFail\" stat=\"Temporary failure in MX lookup\"")
        << QStringLiteral("j@b.example") << 0 << QString() << QStringLiteral("network_error")
        << QStringLiteral("deferred") << QStringLiteral("delay_notice");
    // No server answered: the sending MTA's own words, as its log gives them.
    QTest::newRow("a refused connection is retried")
        << QStringLiteral("connect to mx.b.example[192.0.2.1]:25: Connection refused") << QString() << 0
        << QString() << QStringLiteral("network_error") << QStringLiteral("deferred")
        << QStringLiteral("delay_notice");
    QTest::newRow("a domain that does not exist is final")
        << QStringLiteral(
               "Host or domain name not found. Name service error for name=nowhere.example type=A: "
               "Host not found")
        << QString() << 0 << QString() << QStringLiteral("domain_unknown") << QStringLiteral("hard")
        << QStringLiteral("bounce");
    QTest::newRow("a lookup the MTA will try again is a delay")
        << QStringLiteral("Host or domain name not found. Name service error for name=b.example type=MX: "
                          "Host not found, try again")
        << QString() << 0 << QString() << QStringLiteral("network_error") << QStringLiteral("deferred")
        << QStringLiteral("delay_notice");
    // The address a 551 names is the new one: the failed address is the one the user holds.
    QTest::newRow("a moved address: the new address is not the recipient")
        << QStringLiteral("551 5.1.6 User not local; please try <new.desk@branch.example>") << QString()
        << 551 << QStringLiteral("5.1.6") << QStringLiteral("address_moved") << QStringLiteral("hard")
        << QStringLiteral("bounce");
    // Log lines as users copy them (Sendmail, Exim, Office 365's message trace).
    QTest::newRow("Sendmail's log: to= is the recipient, ctladdr= the sender")
        << QStringLiteral("Dec  3 10:22:10 mail sendmail[4411]: 4B3AM9x: to=<gone@shop.example>, "
                          "ctladdr=<web@sender.example> (1001/1001), delay=00:00:01, mailer=esmtp, "
                          "relay=mx.shop.example. [192.0.2.25], dsn=5.1.1, stat=User unknown")
        << QStringLiteral("gone@shop.example") << 0 << QStringLiteral("5.1.1")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("Sendmail's log: stat=Sent is a delivery")
        << QStringLiteral(
               "Dec  3 10:24:00 mail sendmail[4412]: 4B3AO1x: to=<ok@shop.example>, delay=00:00:02, "
               "mailer=esmtp, relay=mx.shop.example. [192.0.2.25], dsn=2.0.0, stat=Sent (4B3AO1x "
               "Message accepted for delivery)")
        << QStringLiteral("ok@shop.example") << 0 << QStringLiteral("2.0.0") << QStringLiteral("delivered")
        << QStringLiteral("none") << QStringLiteral("delivery_notice");
    QTest::newRow("Exim's log: => is a delivery")
        << QStringLiteral(
               "2026-12-03 10:20:11 1rgY3a-000AC1-9X => kim@shop.example R=dnslookup T=remote_smtp "
               "H=mx.shop.example [192.0.2.25] C=\"250 2.0.0 Ok: queued as 4Tq0Zx1Qab\"")
        << QStringLiteral("kim@shop.example") << 250 << QStringLiteral("2.0.0") << QStringLiteral("delivered")
        << QStringLiteral("none") << QStringLiteral("delivery_notice");
    QTest::newRow("Office 365's message trace: the LED is the server's reply, not the client IP")
        << QStringLiteral("Message trace details for lee@contoso.example\nEvent: Fail\nDetail: Reason: "
                          "[{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
                          "address lookup};{MSG=};{FQDN=};{IP=};{LRT=}]. OriginalClientIp: 198.51.100.44")
        << QStringLiteral("lee@contoso.example") << 550 << QStringLiteral("5.1.10")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("a 450 'user unknown' while the directory is down is no removal")
        << QStringLiteral("450 4.1.1 <dave@shop.example>: Recipient address rejected: User unknown - LDAP "
                          "directory temporarily unavailable, try again later")
        << QStringLiteral("dave@shop.example") << 450 << QStringLiteral("4.1.1")
        << QStringLiteral("server_error") << QStringLiteral("deferred") << QStringLiteral("delay_notice");
    // Sending services' events as JSON: the recipient from its field, the server's words from
    // the event, the service's own statement when it did not send.
    QTest::newRow("SendGrid's bounce event")
        << QStringLiteral("{\"email\":\"nobody@shop.example\",\"event\":\"bounce\",\"type\":\"bounce\","
                          "\"status\":\"5.1.1\",\"reason\":\"550 5.1.1 The email account that you tried to "
                          "reach does not exist.\"}")
        << QStringLiteral("nobody@shop.example") << 550 << QStringLiteral("5.1.1")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("Amazon SES: NoEmail with its status alone")
        << QStringLiteral("{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                          "\"bounceSubType\":\"NoEmail\",\"bouncedRecipients\":[{\"emailAddress\":"
                          "\"left@shop.example\",\"action\":\"failed\",\"status\":\"5.1.1\"}]},"
                          "\"mail\":{\"source\":\"news@sender.example\"}}")
        << QStringLiteral("left@shop.example") << 0 << QStringLiteral("5.1.1")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("Mailgun did not send to a complainer: suppressed")
        << QStringLiteral(
               "{\"event\":\"failed\",\"severity\":\"permanent\",\"reason\":\"suppress-complaint\","
               "\"recipient\":\"angry@shop.example\",\"delivery-status\":{\"code\":607,\"message\":"
               "\"\",\"description\":\"Not delivering to a user who marked your messages as spam\"}}")
        << QStringLiteral("angry@shop.example") << 0 << QString() << QStringLiteral("suppressed")
        << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("Postmark's spam complaint is a complaint, its TypeCode no reply code")
        << QStringLiteral(
               "{\"RecordType\":\"SpamComplaint\",\"Type\":\"SpamComplaint\",\"TypeCode\":512,"
               "\"Email\":\"xena@shop.example\",\"Description\":\"The subscriber explicitly marked "
               "this message as spam.\"}")
        << QStringLiteral("xena@shop.example") << 0 << QString() << QStringLiteral("feedback_report")
        << QStringLiteral("none") << QStringLiteral("feedback_report");
    QTest::newRow("the recipient named in brackets after the reply's words")
        << QStringLiteral("550 Requested action not taken: mailbox unavailable (invalid recipient: "
                          "n.li@ledger.example)")
        << QStringLiteral("n.li@ledger.example") << 550 << QString() << QStringLiteral("mailbox_unknown")
        << QStringLiteral("hard") << QStringLiteral("bounce");
    QTest::newRow("a message trace naming its recipient after the reason")
        << QStringLiteral(
               "Event: Fail\nDetail: Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
               "Recipient not found};{MSG=};{FQDN=};{IP=};{LRT=}]. OriginalClientIp: 198.51.100.23\n"
               "Recipient: e.berg@fjord.example")
        << QStringLiteral("e.berg@fjord.example") << 550 << QStringLiteral("5.1.10")
        << QStringLiteral("mailbox_unknown") << QStringLiteral("hard") << QStringLiteral("bounce");
    // A pasted out-of-office note is an auto-reply, whatever address it points to.
    QTest::newRow("an out-of-office note pasted with its From line")
        << QStringLiteral(
               "Automatic reply: Project kickoff\nFrom: Nora Quinn <nora@firm.example>\nI am out "
               "of the office until Monday. For urgent matters please contact helpdesk@firm.example.")
        << QStringLiteral("nora@firm.example") << 0 << QString() << QStringLiteral("auto_reply")
        << QStringLiteral("none") << QStringLiteral("auto_reply");
    QTest::newRow("a French automatic reply, by the auto-reply rules' subject words")
        << QStringLiteral("R\u00e9ponse automatique : Devis\nJe suis absent jusqu'au 12 d\u00e9cembre.")
        << QString() << 0 << QString() << QStringLiteral("auto_reply") << QStringLiteral("none")
        << QStringLiteral("auto_reply");
    QTest::newRow("Exim's sender check names the sender, not a recipient")
        << QStringLiteral("550-Verification failed for <news@mailer.example>\n550-Unrouteable address\n"
                          "550 Sender verify failed")
        << QString() << 550 << QString() << QStringLiteral("sender_rejected") << QStringLiteral("hard")
        << QStringLiteral("bounce");
}

void TestReplyText::oneReply()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(int, replyCode);
    QFETCH(QString, status);
    QFETCH(QString, cause);
    QFETCH(QString, type);
    QFETCH(QString, kind);

    const Analysis analysis = Analyzer::analyzeReplyText(text, QStringLiteral("reply"));
    QVERIFY2(analysis.errors.isEmpty(), qPrintable(analysis.errors.join(QLatin1Char(' '))));
    QVERIFY(analysis.fromReplyText);
    QCOMPARE(analysis.recipients.size(), 1);
    const RecipientAnalysis& r = analysis.recipients.first();
    QCOMPARE(r.report.address, address);
    QCOMPARE(r.report.replyCode, replyCode);
    QCOMPARE(r.report.status, status);
    QCOMPARE(r.classification.cause, cause);
    QCOMPARE(toString(r.classification.type), type);
    QCOMPARE(analysis.kind(), kind);
    QVERIFY(!r.explanation.isEmpty());
    QVERIFY(!analysis.summary.isEmpty());
    QVERIFY(!analysis.summary.contains(QLatin1String("Nothing could be analysed")));
}

void TestReplyText::severalRepliesKeepTheirOrderAndVerdicts()
{
    const QString text = QString::fromUtf8(test::readData(QStringLiteral("replies/three-replies.txt")));
    const Analysis analysis = Analyzer::analyzeReplyText(text, QStringLiteral("reply"));
    QCOMPARE(analysis.recipients.size(), 3);
    // The four lines of Gmail's 550-5.7.26 reply are one reply.
    QCOMPARE(analysis.recipients[0].report.status, QStringLiteral("5.7.26"));
    QVERIFY(analysis.recipients[0].report.diagnostic.contains(QLatin1String("gsmtp")));
    QCOMPARE(analysis.recipients[0].classification.cause, QStringLiteral("auth_failure"));
    QCOMPARE(analysis.recipients[1].report.address, QStringLiteral("full@example.org"));
    QCOMPARE(analysis.recipients[1].report.action, QStringLiteral("delayed"));
    QCOMPARE(analysis.recipients[2].report.address, QStringLiteral("gone@example.net"));
    QVERIFY(analysis.recipients[2].classification.removeAddress);
    QCOMPARE(analysis.kind(), QStringLiteral("bounce"));
}

void TestReplyText::logLinesNameRecipientAndServer()
{
    const QString text = QString::fromUtf8(test::readData(QStringLiteral("replies/mta-log-lines.txt")));
    const Analysis analysis = Analyzer::analyzeReplyText(text, QStringLiteral("log"));
    QCOMPARE(analysis.recipients.size(), 3);
    const RecipientReport& postfix = analysis.recipients[0].report;
    QCOMPARE(postfix.address, QStringLiteral("bob@example.org"));
    QCOMPARE(postfix.remoteMta, QStringLiteral("mx.example.org"));
    QCOMPARE(postfix.smtpCommand, QStringLiteral("RCPT TO"));
    QVERIFY2(!postfix.diagnostic.contains(QLatin1String("in reply to")), qPrintable(postfix.diagnostic));
    const RecipientAnalysis& deferred = analysis.recipients[1];
    QCOMPARE(deferred.report.action, QStringLiteral("delayed"));
    QCOMPARE(deferred.report.status, QStringLiteral("4.4.1"));
    QCOMPARE(deferred.classification.cause, QStringLiteral("network_error"));
    const RecipientAnalysis& exim = analysis.recipients[2];
    QCOMPARE(exim.report.address, QStringLiteral("dave@example.net"));
    QCOMPARE(exim.report.remoteMta, QStringLiteral("mx.example.net"));
    QCOMPARE(exim.classification.cause, QStringLiteral("blocklisted"));
    QCOMPARE(toString(exim.classification.side), QStringLiteral("sender"));
    QVERIFY(!exim.classification.removeAddress);
}

void TestReplyText::officeVisibleTextReadsLikeTheBounce()
{
    const QString text =
        QString::fromUtf8(test::readData(QStringLiteral("replies/office365-visible-ndr.txt")));
    QVERIFY(ReplyText::looksLikeReplyText(text));
    const Analysis analysis = Analyzer::analyzePastedText(text, QStringLiteral("ndr"));
    QVERIFY(analysis.fromReplyText);
    QCOMPARE(analysis.recipients.size(), 1);
    const RecipientAnalysis& r = analysis.recipients.first();
    QCOMPARE(r.report.address, QStringLiteral("john.doe@contoso.example"));
    QCOMPARE(r.report.status, QStringLiteral("5.1.10"));
    QCOMPARE(r.report.reportingMta, QStringLiteral("AM0PR01MB1234.eurprd01.prod.exchangelabs.com"));
    QVERIFY2(!r.report.diagnostic.endsWith(QLatin1Char('\'')), qPrintable(r.report.diagnostic));
    QCOMPARE(r.classification.cause, QStringLiteral("mailbox_unknown"));
    // The original's header fields quoted below the text are not replies.
    QVERIFY(!r.report.diagnostic.contains(QLatin1String("Received")));
}

void TestReplyText::sameVerdictAsTheFullBounce()
{
    // The reply of a Postfix bounce, pasted alone, gets the verdict of the whole bounce.
    const Analysis bounce = Analyzer::analyzeBytes(
        test::readData(QStringLiteral("bounces/postfix-plain.eml")), QStringLiteral("postfix-plain.eml"));
    QVERIFY(!bounce.recipients.isEmpty());
    const RecipientReport& original = bounce.recipients.first().report;
    QVERIFY(original.replyCode > 0);
    const QString line = original.diagnostic.startsWith(QString::number(original.replyCode))
                             ? original.diagnostic
                             : QString::number(original.replyCode) + QLatin1Char(' ') + original.diagnostic;
    const Analysis reply = Analyzer::analyzeReplyText(line, QStringLiteral("reply"));
    QCOMPARE(reply.recipients.size(), 1);
    QCOMPARE(reply.recipients.first().classification.cause, bounce.recipients.first().classification.cause);
    QCOMPARE(toString(reply.recipients.first().classification.type),
             toString(bounce.recipients.first().classification.type));
    QCOMPARE(toString(reply.recipients.first().classification.advice),
             toString(bounce.recipients.first().classification.advice));
}

void TestReplyText::pastedTextChoosesReplyOrMessage()
{
    const Analysis reply = Analyzer::analyzePastedText(
        QStringLiteral("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown"),
        QStringLiteral("p"));
    QVERIFY(reply.fromReplyText);
    const Analysis headers = Analyzer::analyzePastedText(
        QStringLiteral("Received: from a.example by b.example; Fri, 27 Nov 2026 10:00:00 +0000\n"
                       "From: a@a.example\nSubject: 550 5.1.1 is in the subject\n"),
        QStringLiteral("p"));
    QVERIFY(!headers.fromReplyText);
    QCOMPARE(headers.kind(), QStringLiteral("headers"));
}

void TestReplyText::textWithoutReplyIsAnError()
{
    const Analysis analysis = Analyzer::analyzeReplyText(QStringLiteral("hello there"), QStringLiteral("p"));
    QVERIFY(analysis.hasErrors());
    QVERIFY(analysis.recipients.isEmpty());
    QVERIFY(!ReplyText::looksLikeReplyText(QStringLiteral("hello there")));
}

// A server's or an ESP's words without a reply code, as engineers copy them out of a dashboard or
// a qmail bounce: explained from the words when the rules know them, with a warning that says so.
void TestReplyText::knownWordsWithoutAReplyAreExplained_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<bool>("remove");
    QTest::newRow("qmail: no such host, its status in (#5.1.2)")
        << QStringLiteral("Sorry, I couldn't find any host named hortus.example. (#5.1.2)")
        << QStringLiteral("domain_unknown") << true;
    QTest::newRow("an ESP's suppression") << QStringLiteral("Not delivering to previously bounced address")
                                          << QStringLiteral("suppressed") << false;
    QTest::newRow("Domino: the mail file over its quota")
        << QStringLiteral("Recipient's mail file is over its quota") << QStringLiteral("mailbox_full")
        << false;
}

void TestReplyText::knownWordsWithoutAReplyAreExplained()
{
    QFETCH(QString, text);
    const Analysis analysis = Analyzer::analyzeReplyText(text, QStringLiteral("-"));
    QVERIFY2(!analysis.hasErrors(), qPrintable(analysis.errors.join(QLatin1Char(' '))));
    QCOMPARE(analysis.recipients.size(), 1);
    QTEST(analysis.recipients.first().classification.cause, "cause");
    QTEST(analysis.recipients.first().classification.removeAddress, "remove");
    QVERIFY(std::any_of(analysis.warnings.cbegin(), analysis.warnings.cend(),
                        [](const QString& w) { return w.contains(QLatin1String("its words")); }));
}

void TestReplyText::jsonKeepsTheContract()
{
    const Analysis analysis = Analyzer::analyzeReplyText(
        QStringLiteral("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown"),
        QStringLiteral("-"));
    const QJsonObject o = JsonReport::toJson(analysis);
    for (const char* key : {"file", "kind", "relay", "original_relay", "recipients", "errors", "warnings"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QStringLiteral("from_reply_text")).toBool(), true);
    const QJsonObject r = o.value(QStringLiteral("recipients")).toArray().first().toObject();
    for (const char* key : {"address", "action", "reply_code", "status", "diagnostic", "remote_mta",
                            "reporting_mta", "type", "cause", "side", "advice", "remove_address",
                            "reputation_impact", "confidence", "evidence", "explanation"})
        QVERIFY2(r.contains(QLatin1String(key)), key);
    QCOMPARE(r.value(QStringLiteral("action")).toString(), QStringLiteral("failed"));
    QCOMPARE(r.value(QStringLiteral("remove_address")).toBool(), true);
}

QTEST_GUILESS_MAIN(TestReplyText)
#include "TestReplyText.moc"
