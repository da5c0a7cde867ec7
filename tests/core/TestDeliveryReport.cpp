#include "DeliveryReportReader.h"
#include "DsnParser.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

Q_DECLARE_METATYPE(headerlens::ReportKind)

class TestDeliveryReport final : public QObject
{
    Q_OBJECT

private:
    static DeliveryReport readFixture(const QString& name)
    {
        return DeliveryReportReader::read(
            MessageLoader::fromBytes(test::readData(QStringLiteral("bounces/") + name)));
    }

private Q_SLOTS:
    void readsEachRecipient_data();
    void readsEachRecipient();
    void recognisesTheKind_data();
    void recognisesTheKind();
    void keepsTheReturnedOriginal_data();
    void keepsTheReturnedOriginal();
    void readsPerMessageFields();
    void readsRecipientsInReportOrder();
    void readsCrlfInputTheSame();
    void readsABounceForwardedQuotedLikeTheBounce();
    void readsABounceForwardedInlineLikeTheBounce_data();
    void readsABounceForwardedInlineLikeTheBounce();
    void aForwardedMessageThatIsNoBounceIsNoReport();
    void dsnFieldParsing_data();
    void dsnFieldParsing();
    void localisedOriginalMarkersEndTheServerWords();
    void survivesBadInput_data();
    void survivesBadInput();
};

// One row per recipient: what a user needs to see, checked by hand against the fixture.
void TestDeliveryReport::readsEachRecipient_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("diagnosticPart");
    QTest::addColumn<QString>("remoteMta");
    QTest::addColumn<QString>("stage");

    QTest::newRow("RFC 3464 from Postfix: the first recipient, folded diagnostic unfolded")
        << "rfc3464-postfix-two-recipients.eml" << 0 << "bob@example.com"
        << "failed" << 550 << "5.1.1"
        << "Recipient address rejected: User unknown in virtual mailbox table"
        << "mx1.example.com"
        << "RCPT TO";
    QTest::newRow("RFC 3464 from Postfix: the second recipient keeps its own temporary code")
        << "rfc3464-postfix-two-recipients.eml" << 1 << "carol@example.org"
        << "failed" << 452 << "4.2.2"
        << "Mailbox full"
        << "mx.example.org"
        << "RCPT TO";
    QTest::newRow("A DSN without blank lines, odd case and <> addresses still gives two recipients")
        << "rfc3464-sloppy.eml" << 0 << "erin@example.com"
        << "failed" << 550 << "5.7.1"
        << "Message rejected due to content restrictions"
        << "mx.example.com"
        << "";
    QTest::newRow("A Diagnostic-Code without a type is read as server text")
        << "rfc3464-sloppy.eml" << 1 << "frank@example.com"
        << "failed" << 550 << "5.1.1"
        << "No such user"
        << ""
        << "";
    QTest::newRow("Delivery-status fields inside a plain text body")
        << "dsn-fields-in-text.eml" << 0 << "heidi@example.com"
        << "failed" << 550 << "5.1.1"
        << "User Unknown"
        << ""
        << "";
    QTest::newRow("Exim: multi-line 550-5.7.26 reply joined, host and stage from Exim's frame")
        << "exim-failed.eml" << 0 << "judy@example.com"
        << "failed" << 550 << "5.7.26"
        << "domain's DMARC policy. Please contact the administrator"
        << "mx.example.com"
        << "RCPT TO";
    QTest::newRow("Exim delay warning: still being retried, greylisting reply")
        << "exim-delayed.eml" << 0 << "ken@example.org"
        << "delayed" << 451 << "4.7.1"
        << "Greylisting in action"
        << "mx.example.org"
        << "RCPT TO";
    QTest::newRow("qmail: the remote host's words, qmail's own lines left out")
        << "qmail.eml" << 0 << "mallory@example.com"
        << "failed" << 550 << "5.1.1"
        << "Recipient address rejected: User unknown"
        << "192.0.2.61"
        << "";
    QTest::newRow("Postfix without DSN: server text with Postfix's note dropped")
        << "postfix-plain.eml" << 0 << "oscar@example.com"
        << "failed" << 554 << "5.7.1"
        << "blocked using zen.spamhaus.org"
        << "mx2.example.com"
        << "RCPT TO";
    QTest::newRow("Postfix delay notice: Action delayed, no reply code invented")
        << "postfix-delayed.eml" << 0 << "peggy@example.com"
        << "delayed" << 0 << "4.4.1"
        << "Connection timed out"
        << ""
        << "";
    QTest::newRow("Old Sendmail transcript: the <<< server reply wins over Sendmail's summary")
        << "sendmail-transcript.eml" << 0 << "rupert@example.com"
        << "failed" << 550 << "5.1.1"
        << "Mailbox does not exist"
        << "mx.example.com"
        << "RCPT TO";
    QTest::newRow("Old Sendmail transcript: a host failure named on the recipient line")
        << "sendmail-transcript.eml" << 1 << "sybil@example.org"
        << "failed" << 550 << ""
        << "Host unknown"
        << ""
        << "";
    QTest::newRow("Exchange 2003: no codes, the reason text kept")
        << "exchange2003.eml" << 0 << "ursula@corp.example.com"
        << "failed" << 0 << ""
        << "The recipient name is not recognized"
        << ""
        << "";
    QTest::newRow("Office 365: a Microsoft status outside the registry is kept as given")
        << "office365.eml" << 0 << "walter@contoso.example.com"
        << "failed" << 550 << "5.7.509"
        << "does not pass DMARC verification"
        << ""
        << "";
    QTest::newRow("Gmail text layout: the other server's reply and its host")
        << "gmail.eml" << 0 << "xavier@example.com"
        << "failed" << 550 << "5.2.1"
        << "account that you tried to reach is disabled"
        << "mx.example.com"
        << "";
    QTest::newRow("Yahoo: qmail-like layout with [RCPT_TO] stage marker")
        << "yahoo.eml" << 0 << "zack@example.org"
        << "failed" << 552 << "5.2.2"
        << "Mailbox Full"
        << ""
        << "RCPT TO";
    QTest::newRow("Amazon SES JSON notification") << "amazon-ses.eml" << 0 << "amy@example.com"
                                                  << "failed" << 550 << "5.1.1"
                                                  << "user unknown"
                                                  << ""
                                                  << "";
    QTest::newRow("Domino: the reason after 'because:'") << "domino.eml" << 0 << "carla@notes.example.com"
                                                         << "failed" << 0 << ""
                                                         << "not listed in Domino Directory"
                                                         << ""
                                                         << "";
    QTest::newRow("MailMarshal: the reason comes before the recipient list")
        << "mailmarshal.eml" << 0 << "eve@filter.example.com"
        << "failed" << 550 << "5.1.1"
        << "User unknown"
        << "192.0.2.55"
        << "";
    QTest::newRow("InterScan: the recipient inside a sentence") << "interscan.eml" << 0 << "gus@gw.example.jp"
                                                                << "failed" << 0 << ""
                                                                << ""
                                                                << ""
                                                                << "";
    QTest::newRow("m-FILTER: server message and SMTP command sections")
        << "mfilter.eml" << 0 << "ichiro@example.jp"
        << "failed" << 550 << "5.1.1"
        << "unknown user"
        << ""
        << "RCPT TO";
    QTest::newRow("EZweb: the recipient line then the SMTP transcript")
        << "ezweb.eml" << 0 << "kaito-invented@ezweb.ne.jp"
        << "failed" << 550 << ""
        << "User unknown"
        << ""
        << "RCPT TO";
    QTest::newRow("KDDI: 'Could not be delivered to' and the reason below")
        << "kddi.eml" << 0 << "mika@example.dion.ne.jp"
        << "failed" << 0 << ""
        << "mailbox is full"
        << ""
        << "";
    QTest::newRow("Google Groups: the group from X-Failed-Recipients, not the greeted sender")
        << "googlegroups.eml" << 0 << "closed-list@googlegroups.com"
        << "failed" << 0 << ""
        << ""
        << ""
        << "";
    QTest::newRow("GroupWise: the reason in parentheses after the address")
        << "groupwise.eml" << 0 << "nadia.keller@gw.example.com"
        << "failed" << 0 << ""
        << "user not found"
        << ""
        << "";
    QTest::newRow("Barracuda: 'Your message to:' and the filter's reason")
        << "barracuda.eml" << 0 << "olaf.brandt@example.net"
        << "failed" << 0 << ""
        << "blocked by our Spam Firewall"
        << ""
        << "";
    QTest::newRow("Sendmail: the (reason: ...) line and the DATA step of the transcript")
        << "sendmail-virus.eml" << 0 << "pia.lund@example.com"
        << "failed" << 550 << "5.7.1"
        << "contains a virus"
        << "mail.example.com"
        << "DATA";
    QTest::newRow("OpenSMTPD: one line per recipient") << "opensmtpd.eml" << 1 << "quincy@example.com"
                                                       << "failed" << 550 << "5.1.1"
                                                       << "User Unknown"
                                                       << ""
                                                       << "";
    QTest::newRow("A relayed-delivery notice keeps its 250 reply")
        << "delivered.eml" << 0 << "xena@example.com"
        << "relayed" << 250 << "2.0.0"
        << "queued as 5C3D2E1F"
        << "mx.example.com"
        << "";
}

// GMX writes "--- Die folgende Nachricht wurde nicht zugestellt ---" before the returned message:
// that line and what follows are not the server's words.
void TestDeliveryReport::localisedOriginalMarkersEndTheServerWords()
{
    const DeliveryReport report = readFixture(QStringLiteral("gmx-de.eml"));
    QCOMPARE(report.recipients.size(), 1);
    QCOMPARE(report.recipients.first().diagnostic,
             QStringLiteral("550 Requested action not taken: mailbox unavailable"));
}

void TestDeliveryReport::readsEachRecipient()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    const DeliveryReport report = readFixture(file);
    QVERIFY2(report.recipients.size() > index,
             qPrintable(QStringLiteral("%1 recipients").arg(report.recipients.size())));
    const RecipientReport& r = report.recipients.at(index);
    QTEST(r.address, "address");
    QTEST(r.action, "action");
    QTEST(r.replyCode, "replyCode");
    QTEST(r.status, "status");
    QFETCH(QString, diagnosticPart);
    if (diagnosticPart.isEmpty())
        QVERIFY2(!r.diagnostic.contains(QLatin1String("****")), qPrintable(r.diagnostic));
    else
        QVERIFY2(r.diagnostic.contains(diagnosticPart), qPrintable(r.diagnostic));
    QVERIFY2(!r.diagnostic.contains(QLatin1Char('\n')), "diagnostics are unfolded");
    QTEST(r.remoteMta, "remoteMta");
    QTEST(r.smtpCommand, "stage");
}

void TestDeliveryReport::recognisesTheKind_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ReportKind>("kind");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<QString>("firstAddress");

    QTest::newRow("A failed DSN is a bounce")
        << "rfc3464-postfix-two-recipients.eml" << ReportKind::Bounce << 2 << "bob@example.com";
    QTest::newRow("Action: delayed is a delay notice")
        << "postfix-delayed.eml" << ReportKind::DelayNotice << 1 << "peggy@example.com";
    QTest::newRow("Exim's 'Warning: message delayed' is a delay notice")
        << "exim-delayed.eml" << ReportKind::DelayNotice << 1 << "ken@example.org";
    QTest::newRow("Action: relayed is a delivery notice")
        << "delivered.eml" << ReportKind::DeliveryNotice << 1 << "xena@example.com";
    QTest::newRow("ARF names the original recipient")
        << "arf-abuse.eml" << ReportKind::FeedbackReport << 1 << "rosa@example.com";
    QTest::newRow("Auto-Submitted: auto-replied names the address that answered")
        << "autoreply-rfc3834.eml" << ReportKind::AutoReply << 1 << "sam@example.com";
    QTest::newRow("A German out-of-office subject")
        << "autoreply-german.eml" << ReportKind::AutoReply << 1 << "uwe@example.de";
    QTest::newRow("A Japanese auto-reply subject in encoded words")
        << "autoreply-japanese.eml" << ReportKind::AutoReply << 1 << "yuki@example.jp";
    QTest::newRow("An Exim bounce with Auto-Submitted is still a bounce")
        << "exim-failed.eml" << ReportKind::Bounce << 1 << "judy@example.com";
    QTest::newRow("Postfix's success notice as text alone: the recipient it delivered to")
        << "postfix-success-text.eml" << ReportKind::DeliveryNotice << 1 << "bob@partner.example";
    QTest::newRow("No recipient read from the copy after '---- START OF RETURNED MESSAGE ----'")
        << "start-of-returned-message.eml" << ReportKind::Bounce << 1 << "dora@isp.example";
    QTest::newRow("An ordinary message with an address line is not a report")
        << "plain-message.eml" << ReportKind::NotAReport << 0 << "";
}

void TestDeliveryReport::recognisesTheKind()
{
    QFETCH(QString, file);
    QFETCH(int, recipients);
    QFETCH(QString, firstAddress);
    const DeliveryReport report = readFixture(file);
    QTEST(report.kind, "kind");
    QCOMPARE(report.recipients.size(), recipients);
    if (recipients > 0)
        QCOMPARE(report.recipients.first().address, firstAddress);
}

void TestDeliveryReport::keepsTheReturnedOriginal_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<int>("receivedFields");

    QTest::newRow("text/rfc822-headers") << "rfc3464-postfix-two-recipients.eml"
                                         << "Quarterly figures"
                                         << "<quarterly-2026@example.net>" << 1;
    QTest::newRow("message/rfc822") << "office365.eml"
                                    << "Partnership"
                                    << "<partnership-1@example.org>" << 0;
    QTest::newRow("Exim's inline copy after its marker line") << "exim-failed.eml"
                                                              << "Lunch on Friday"
                                                              << "<E1vAbCc-0001Ee-Ff@smtp.example.net>" << 1;
    QTest::newRow("qmail's inline copy") << "qmail.eml"
                                         << "Meeting notes"
                                         << "<20260308065958.4241.qmail@mx.example.net>" << 1;
    QTest::newRow("Gmail's '----- Original message -----'") << "gmail.eml"
                                                            << "Trip"
                                                            << "<trip-2026@example.net>" << 0;
    QTest::newRow("Amazon SES common headers") << "amazon-ses.eml"
                                               << "March newsletter"
                                               << "" << 0;
}

void TestDeliveryReport::keepsTheReturnedOriginal()
{
    QFETCH(QString, file);
    QFETCH(int, receivedFields);
    const DeliveryReport report = readFixture(file);
    QVERIFY(!report.original.isEmpty());
    QTEST(report.original.subject, "subject");
    QTEST(report.original.messageId, "messageId");
    QCOMPARE(headersNamed(report.original.headers, u"Received").size(), receivedFields);
}

void TestDeliveryReport::readsPerMessageFields()
{
    const DeliveryReport report = readFixture(QStringLiteral("rfc3464-postfix-two-recipients.eml"));
    QCOMPARE(report.reportingMta, QStringLiteral("mail.example.net"));
    QCOMPARE(report.postfixQueueId, QStringLiteral("4F1A2B3C4D"));
    QCOMPARE(report.postfixSender, QStringLiteral("alice@example.net"));
    QVERIFY(report.arrivalDate.isValid());
    QCOMPARE(report.recipients.first().reportingMta, QStringLiteral("mail.example.net"));
    QCOMPARE(report.recipients.first().diagnosticType, QStringLiteral("smtp"));

    const DeliveryReport delayed = readFixture(QStringLiteral("postfix-delayed.eml"));
    QVERIFY(delayed.recipients.first().willRetryUntil.isValid());
    QCOMPARE(delayed.recipients.first().diagnosticType, QStringLiteral("x-postfix"));
}

void TestDeliveryReport::readsRecipientsInReportOrder()
{
    const DeliveryReport report = readFixture(QStringLiteral("opensmtpd.eml"));
    QCOMPARE(report.recipients.size(), 2);
    QCOMPARE(report.recipients.at(0).address, QStringLiteral("pavel@example.com"));
    QCOMPARE(report.recipients.at(0).status, QStringLiteral("5.2.2"));
    QCOMPARE(report.recipients.at(1).address, QStringLiteral("quincy@example.com"));
}

void TestDeliveryReport::readsCrlfInputTheSame()
{
    const QByteArray lf = test::readData(QStringLiteral("bounces/exim-failed.eml"));
    const DeliveryReport a = DeliveryReportReader::read(MessageLoader::fromBytes(lf));
    const DeliveryReport b = DeliveryReportReader::read(MessageLoader::fromBytes(test::toCrlf(lf)));
    QCOMPARE(b.recipients.size(), a.recipients.size());
    QCOMPARE(b.recipients.first().diagnostic, a.recipients.first().diagnostic);
    QCOMPARE(b.recipients.first().status, a.recipients.first().status);
}

// A user forwards the bounce inline, every line quoted with "> " (the default of most mail
// programs): its layout is still recognised, and each recipient reads as in the bounce itself.
void TestDeliveryReport::readsABounceForwardedQuotedLikeTheBounce()
{
    const DeliveryReport bounce = readFixture(QStringLiteral("sendmail-transcript.eml"));
    const DeliveryReport forwarded = readFixture(QStringLiteral("forwarded-quoted-sendmail.eml"));
    QCOMPARE(bounce.format, QStringLiteral("sendmail"));
    QCOMPARE(forwarded.format, bounce.format);
    QCOMPARE(forwarded.recipients.size(), 2);
    QCOMPARE(forwarded.recipients.size(), bounce.recipients.size());
    for (qsizetype i = 0; i < bounce.recipients.size(); ++i) {
        const RecipientReport& a = bounce.recipients[i];
        const RecipientReport& b = forwarded.recipients[i];
        QCOMPARE(b.address, a.address);
        QCOMPARE(b.replyCode, a.replyCode);
        QCOMPARE(b.status, a.status);
        QCOMPARE(b.diagnostic, a.diagnostic);
        QCOMPARE(b.remoteMta, a.remoteMta);
        QCOMPARE(b.smtpCommand, a.smtpCommand);
    }
    // what the bounce says, read by hand: rupert's mailbox does not exist at mx.example.com
    QCOMPARE(forwarded.recipients[0].address, QStringLiteral("rupert@example.com"));
    QCOMPARE(forwarded.recipients[0].status, QStringLiteral("5.1.1"));
    QCOMPARE(forwarded.recipients[0].remoteMta, QStringLiteral("mx.example.com"));
    QCOMPARE(forwarded.recipients[1].address, QStringLiteral("sybil@example.org"));
}

// The same bounce forwarded inline, its header block shown as text: under Gmail's
// "---------- Forwarded message ---------" line, under Outlook's "-----Original Message-----"
// (with "Sent:" for the date), a forward of that forward (the colleague's block comes first), and
// German Outlook's forward, whose fields are named in German. The wrapper's sender is a person, the
// forwarded block's a mail system, so the block on is read as the bounce it was. Before, the
// first, third and fourth gave no report and the second took the forwarder's own address for the
// recipient.
void TestDeliveryReport::readsABounceForwardedInlineLikeTheBounce_data()
{
    QTest::addColumn<QString>("bounceFile");
    QTest::addColumn<QString>("forwardFile");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("status");
    QTest::newRow("Gmail's forward of a gateway's virus refusal") << "sophos.eml"
                                                                  << "forwarded-inline-sophos.eml"
                                                                  << "cfo@customer.example"
                                                                  << "5.7.1";
    QTest::newRow("Outlook's forward of an Exchange bounce") << "exchange-text-only.eml"
                                                             << "forwarded-outlook-exchange.eml"
                                                             << "jane@corp.example"
                                                             << "5.2.2";
    QTest::newRow("a forward of that forward, under a subject that names no bounce")
        << "exchange-text-only.eml"
        << "forwarded-twice-exchange.eml"
        << "jane@corp.example"
        << "5.2.2";
    QTest::newRow("German Outlook's forward: Von, Gesendet, An, Betreff") << "exchange-german.eml"
                                                                          << "forwarded-outlook-german.eml"
                                                                          << "jane@firma.example"
                                                                          << "5.1.1";
}

void TestDeliveryReport::readsABounceForwardedInlineLikeTheBounce()
{
    QFETCH(QString, bounceFile);
    QFETCH(QString, forwardFile);
    const DeliveryReport bounce = readFixture(bounceFile);
    const DeliveryReport forwarded = readFixture(forwardFile);
    QVERIFY(forwarded.isReport());
    QCOMPARE(forwarded.kind, bounce.kind);
    QCOMPARE(forwarded.format, bounce.format);
    QCOMPARE(forwarded.recipients.size(), 1);
    QCOMPARE(forwarded.recipients.size(), bounce.recipients.size());
    const RecipientReport& a = bounce.recipients.first();
    const RecipientReport& b = forwarded.recipients.first();
    QTEST(b.address, "address");
    QCOMPARE(b.address, a.address);
    QCOMPARE(b.replyCode, a.replyCode);
    QTEST(b.status, "status");
    QCOMPARE(b.status, a.status);
    QCOMPARE(b.diagnostic, a.diagnostic);
    QVERIFY2(forwarded.warnings.join(QLatin1Char(' ')).contains(QLatin1String("forwarded bounce")),
             qPrintable(forwarded.warnings.join(QLatin1Char(' '))));
}

// A person forwarding an ordinary message (its header block in the text, sent by a person) gets
// no report out of it, even when the message quotes a server's refusal.
void TestDeliveryReport::aForwardedMessageThatIsNoBounceIsNoReport()
{
    const QString text = QStringLiteral(
        "From: Owen Sender <sender@example.org>\n"
        "To: support@example.net\n"
        "Subject: Fwd: Quarterly results\n"
        "Date: Tue, 1 Dec 2026 09:30:00 +0000\n"
        "\n"
        "See below.\n"
        "\n"
        "---------- Forwarded message ---------\n"
        "From: Carla Finance <cfo@customer.example>\n"
        "Date: Tue, 1 Dec 2026 09:12:44 +0000\n"
        "Subject: Quarterly results\n"
        "To: sender@example.org\n"
        "\n"
        "My first try bounced with \"550 5.1.1 <dan@customer.example>: Recipient address rejected: "
        "User unknown\", so I am sending it again.\n");
    const DeliveryReport report = DeliveryReportReader::read(MessageLoader::fromText(text));
    QVERIFY(!report.isReport());
    QVERIFY(report.recipients.isEmpty());
}

void TestDeliveryReport::dsnFieldParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("firstAddress");
    QTest::addColumn<QString>("firstDiagnostic");

    QTest::newRow("Final-Recipient before Original-Recipient is one group (Postfix order)")
        << "Final-Recipient: rfc822; a@example.com\nOriginal-Recipient: rfc822;a@example.com\nAction: "
           "failed\n"
           "Status: 5.1.1\n"
        << 1 << "a@example.com"
        << "";
    QTest::newRow("A folded Diagnostic-Code is joined with single spaces")
        << "Final-Recipient: rfc822;b@example.com\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 "
           "5.2.2 "
           "Mailbox\n    full\n"
        << 1 << "b@example.com"
        << "552 5.2.2 Mailbox full";
    QTest::newRow("An x400 Final-Recipient gives way to the Original-Recipient address")
        << "Original-Recipient: rfc822; c@example.org\nFinal-Recipient: x400; /S=c/O=example/\nAction: "
           "failed\n"
        << 1 << "c@example.org"
        << "";
    QTest::newRow("Indented groups without blank lines")
        << "  Final-Recipient: rfc822; d@example.com\n  Action: failed\n  Status: 5.0.0\n  Final-Recipient: "
           "rfc822; "
           "e@example.com\n  Action: failed\n  Status: 5.0.0\n"
        << 2 << "d@example.com"
        << "";
    QTest::newRow("Blanks before and after the colon; names in any case")
        << "final-recipient :\trfc822; f@example.com\nACTION:failed\nStatus  :  5.1.1\nDiagnostic-Code:smtp; "
           "550 "
           "5.1.1 unknown\n"
        << 1 << "f@example.com"
        << "550 5.1.1 unknown";
    QTest::newRow("Lines that are not fields end a field: a space in the name, a digit first, no colon")
        << "Final-Recipient: rfc822; g@example.com\nAction: failed\nDiagnostic-Code: smtp; 550 no\nX Y: "
           "folded?\n1st: no\njust words\n"
        << 1 << "g@example.com"
        << "550 no";
}

void TestDeliveryReport::dsnFieldParsing()
{
    QFETCH(QString, text);
    DeliveryReport report;
    QVERIFY(DsnParser::looksLikeDeliveryStatus(text));
    DsnParser::parse(text, report);
    QTEST(int(report.recipients.size()), "count");
    QTEST(report.recipients.first().address, "firstAddress");
    QTEST(report.recipients.first().diagnostic, "firstDiagnostic");
}

void TestDeliveryReport::survivesBadInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01From: \x00\x00\n\n\x80\x81", 14);
    QTest::newRow("a bounce cut in the middle of its DSN") << QByteArray(
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\nContent-Type: multipart/report; "
        "boundary=x\n\n--x\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc");
    QTest::newRow("a huge run of address lines")
        << (QByteArray("From: MAILER-DAEMON@example.org\nSubject: failure notice\n\n") +
            QByteArray("<a@example.com>: 550 no\n").repeated(20000));
    QTest::newRow("an unbalanced JSON notification") << QByteArray(
        "From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n{\"notificationType\":"
        "\"Bounce\",\"bounce\":{");
}

void TestDeliveryReport::survivesBadInput()
{
    QFETCH(QByteArray, bytes);
    const DeliveryReport report = DeliveryReportReader::read(MessageLoader::fromBytes(bytes));
    QVERIFY(report.recipients.size() <= 20000);
}

QTEST_GUILESS_MAIN(TestDeliveryReport)
#include "TestDeliveryReport.moc"
