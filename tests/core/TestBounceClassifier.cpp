#include "BounceClassifier.h"
#include "CauseCatalog.h"
#include "ClassificationRules.h"

#include "TestSupport.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace headerlens;

Q_DECLARE_METATYPE(headerlens::ReportKind)

class TestBounceClassifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
    void everyRuleNamesAKnownCause();
    void evidenceCitesTheRuleAndTheMatchedText();
    void expiredNamesTheLastUnderlyingError();
    void confidenceIsHigherWhenTextAndStatusAgree();
    void multiLineRepliesAreJoinedBeforeMatching();
    void addressesAreReplacedAsTheirExpressionReplacesThem();
    void theReportsOwnPermanentOutweighsAGenericStatus();
    void aRefusalOfTheSenderKeepsTheRecipient();
    void nonFailuresCarryNoAdvice_data();
    void nonFailuresCarryNoAdvice();
};

namespace {

void row(const char* name, const QString& action, int code, const QString& status, const QString& text,
         const char* type, const char* cause, const char* side, bool remove, const QString& stage = QString(),
         ReportKind kind = ReportKind::Bounce)
{
    QTest::newRow(name) << kind << action << code << status << text << stage << QString::fromLatin1(type)
                        << QString::fromLatin1(cause) << QString::fromLatin1(side) << remove;
}

} // namespace

void TestBounceClassifier::classify_data()
{
    QTest::addColumn<ReportKind>("kind");
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("diagnostic");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("side");
    QTest::addColumn<bool>("remove");

    const QString failed = QStringLiteral("failed");
    const QString delayed = QStringLiteral("delayed");

    // --- the traps of the issue: never "5xx = hard, 4xx = soft" alone
    row("4xx user unknown is still a gone address: hard, remove", failed, 450, QStringLiteral("4.1.1"),
        QStringLiteral(
            "450 4.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual alias table"),
        "hard", "mailbox_unknown", "recipient", true);
    row("5xx try again later is temporary: soft", failed, 550, QStringLiteral("5.0.0"),
        QStringLiteral("550 Service is busy, please try again later"), "soft", "server_error", "transient",
        false);
    row("5xx temporarily deferred is temporary: soft", failed, 554, QString(),
        QStringLiteral("554 Message temporarily deferred - please retry"), "soft", "server_error",
        "transient", false);
    row("a bare 550 with no words or status decides nothing", failed, 550, QString(), QString(), "unknown",
        "undetermined", "unknown", false);

    // --- blocklists: hard, sender side, keep the address
    row("5.7.1 naming Spamhaus is a blocklisting, not a bad address", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral(
            "550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; "
            "https://www.spamhaus.org/query/ip/203.0.113.5"),
        "hard", "blocklisted", "sender", false);
    row("Barracuda reputation block", failed, 554, QString(),
        QStringLiteral(
            "554 Service unavailable; Client host [203.0.113.5] blocked using Barracuda Reputation; "
            "http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.5"),
        "hard", "blocklisted", "sender", false);
    row("SpamCop listing", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral("550 5.7.1 Blocked - see http://www.spamcop.net/bl.shtml?203.0.113.5"), "hard",
        "blocklisted", "sender", false);
    row("SORBS listing", failed, 554, QString(),
        QStringLiteral("554 5.7.1 Rejected because 203.0.113.5 is in dnsbl.sorbs.net"), "hard", "blocklisted",
        "sender", false);
    row("UCEPROTECT listing", failed, 550, QString(),
        QStringLiteral("550 Your IP 203.0.113.5 is listed at UCEPROTECT-Level1, see "
                       "http://www.uceprotect.net/rblcheck.php"),
        "hard", "blocklisted", "sender", false);
    row("Proofpoint DNSBL (used by iCloud and others)", failed, 554, QStringLiteral("5.7.0"),
        QStringLiteral(
            "554 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=203.0.113.5"),
        "hard", "blocklisted", "sender", false);
    row("Cloudmark CSI block", failed, 550, QString(),
        QStringLiteral("550 Client host blocked for spamming issues, see "
                       "http://csi.cloudmark.com/reset-request/?ip=203.0.113.5"),
        "hard", "blocklisted", "sender", false);
    row("Microsoft S3150: the network is on its block list", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral(
            "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet "
            "service provider since part of their network is on our block list (S3150). You can also refer "
            "your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."),
        "hard", "blocklisted", "sender", false);
    row("Microsoft S3140 code alone", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral("550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked (S3140)"), "hard",
        "blocklisted", "sender", false);
    row("Microsoft 5.7.606 banned sending IP", failed, 550, QStringLiteral("5.7.606"),
        QStringLiteral(
            "550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list "
            "please visit https://sender.office.com/"),
        "hard", "blocklisted", "sender", false);
    row("a blocklisting answered with 4xx is soft but still on the sender side", failed, 421,
        QStringLiteral("4.7.0"),
        QStringLiteral("421 4.7.0 203.0.113.5 is listed in bl.spamcop.net, try again later"), "soft",
        "blocklisted", "sender", false);

    // --- authentication
    row("Gmail 5.7.26 DMARC text", failed, 550, QStringLiteral("5.7.26"),
        QStringLiteral(
            "550-5.7.26 Unauthenticated email from example.net is not accepted due to domain's 550-5.7.26 "
            "DMARC policy. Please contact the administrator of example.net domain if this was a legitimate "
            "mail. 550 5.7.26 To learn about the DMARC initiative, go to "
            "https://support.google.com/mail/?p=DmarcRejection"),
        "hard", "auth_failure", "sender", false);
    row("Gmail 2024 unauthenticated sender text", failed, 550, QStringLiteral("5.7.26"),
        QStringLiteral(
            "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all "
            "senders to authenticate with either SPF or DKIM."),
        "hard", "auth_failure", "sender", false);
    row("SPF failure by status 5.7.23 alone", failed, 550, QStringLiteral("5.7.23"),
        QStringLiteral("550 5.7.23 Message rejected"), "hard", "auth_failure", "sender", false);
    row("SPF failure in words", failed, 550, QString(),
        QStringLiteral(
            "550 SPF check failed: example.net does not designate 203.0.113.5 as permitted sender"),
        "hard", "auth_failure", "sender", false);
    row("DKIM failure in words", failed, 550, QStringLiteral("5.7.20"),
        QStringLiteral("550 5.7.20 No passing DKIM signature found"), "hard", "auth_failure", "sender",
        false);
    row("Microsoft 5.7.509 DMARC reject", failed, 550, QStringLiteral("5.7.509"),
        QStringLiteral("550 5.7.509 Access denied, sending domain example.net does not pass DMARC "
                       "verification and has a "
                       "DMARC policy of reject."),
        "hard", "auth_failure", "sender", false);

    // --- reverse DNS, greylisting, throttling
    row("Gmail 5.7.25 missing PTR", failed, 550, QStringLiteral("5.7.25"),
        QStringLiteral(
            "550-5.7.25 [203.0.113.5] The IP address sending this message does not have a PTR record setup, "
            "or the corresponding forward DNS entry does not point to the sending IP."),
        "hard", "missing_ptr", "sender", false);
    // Sisimai calls this one "blocked"; the words name the reverse DNS precisely, so we say so.
    row("missing reverse DNS named in words is missing_ptr, not a generic block (we differ from Sisimai)",
        failed, 554, QStringLiteral("5.7.1"),
        QStringLiteral("554 5.7.1 [C14] Missing reverse DNS for 203.0.113.5"), "hard", "missing_ptr",
        "sender", false);
    row("451 4.7.1 greylisted is greylisting", delayed, 451, QStringLiteral("4.7.1"),
        QStringLiteral("451 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted, see "
                       "http://postgrey.schweikert.ch/help/example.com.html"),
        "deferred", "greylisted", "transient", false, QString(), ReportKind::DelayNotice);
    row("421 4.7.0 alone is throttling", delayed, 421, QStringLiteral("4.7.0"),
        QStringLiteral("421 4.7.0 Try again later, closing connection."), "deferred", "rate_limited",
        "transient", false, QString(), ReportKind::DelayNotice);
    row("Gmail 4.7.28 unusual rate", delayed, 421, QStringLiteral("4.7.28"),
        QStringLiteral(
            "421-4.7.28 [203.0.113.5] Our system has detected an unusual rate of unsolicited mail "
            "originating "
            "from your IP address. To protect our users from spam, mail sent from your IP address has been "
            "temporarily rate limited."),
        "deferred", "rate_limited", "transient", false, QString(), ReportKind::DelayNotice);
    row("rate limited in words", failed, 450, QString(), QStringLiteral("450 Sender rate limited, slow down"),
        "soft", "rate_limited", "transient", false);
    row("too many connections", failed, 421, QString(),
        QStringLiteral(
            "421 Too many concurrent SMTP connections from this IP address; please try again later."),
        "soft", "rate_limited", "transient", false);

    // --- size vs quota
    row("552 over quota is a full mailbox", failed, 552, QStringLiteral("5.2.2"),
        QStringLiteral("552 5.2.2 <bob@example.com>: user is over quota"), "soft", "mailbox_full",
        "recipient", false);
    // DOMAIN.md counts "message too large" among soft bounces: a smaller message goes through.
    row("552 too large is the message size", failed, 552, QStringLiteral("5.3.4"),
        QStringLiteral("552 5.3.4 Message size exceeds fixed maximum message size (10485760)"), "soft",
        "message_too_large", "sender", false);
    row("552 with a too-large text but a quota-looking status follows the words", failed, 552,
        QStringLiteral("5.2.2"), QStringLiteral("552 Message too large for this mailbox, the limit is 25 MB"),
        "soft", "message_too_large", "sender", false);
    row("a full mailbox answered at 4xx", failed, 452, QStringLiteral("4.2.2"),
        QStringLiteral("452 4.2.2 Mailbox full: the user has exceeded quota"), "soft", "mailbox_full",
        "recipient", false);

    // --- expiry
    row("5.4.7 expired is expired", failed, 0, QStringLiteral("5.4.7"),
        QStringLiteral("Delivery time expired; last error: connect to mx.example.com[198.51.100.7]:25: "
                       "Connection refused"),
        "soft", "expired", "transient", false);
    row("Postfix gives up on a connection that always timed out", failed, 0, QStringLiteral("4.4.1"),
        QStringLiteral("connect to mx.example.com[198.51.100.7]:25: Connection timed out"), "soft", "expired",
        "transient", false);
    row("Exchange QUEUE.Expired", failed, 550, QStringLiteral("4.4.7"),
        QStringLiteral("550 4.4.7 QUEUE.Expired; message expired"), "soft", "expired", "transient", false);

    // --- vendors
    row("Gmail no such user", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral(
            "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
            "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. 550 "
            "5.1.1 https://support.google.com/mail/?p=NoSuchUser"),
        "hard", "mailbox_unknown", "recipient", true);
    row("Gmail disabled account keeps the address", failed, 550, QStringLiteral("5.2.1"),
        QStringLiteral("550 5.2.1 The email account that you tried to reach is disabled."), "soft",
        "mailbox_disabled", "recipient", false);
    row("Gmail out of storage", failed, 552, QStringLiteral("5.2.2"),
        QStringLiteral(
            "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the "
            "recipient to https://support.google.com/mail/?p=OverQuotaPerm"),
        "soft", "mailbox_full", "recipient", false);
    row("Gmail likely unsolicited content", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral("550-5.7.1 [203.0.113.5] Our system has detected that this message is likely "
                       "unsolicited mail. To "
                       "reduce the amount of spam sent to Gmail, this message has been blocked."),
        "hard", "spam_content", "sender", false);
    row("Gmail low IP reputation", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral("550-5.7.1 [203.0.113.5] Our system has detected that this message is likely "
                       "suspicious due to the "
                       "very low reputation of the sending IP address."),
        "hard", "bad_reputation", "sender", false);
    row("Gmail RFC 5322 non-compliance", failed, 550, QStringLiteral("5.7.1"),
        QStringLiteral(
            "550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers."),
        "hard", "not_rfc_compliant", "sender", false);
    row("Microsoft 365 directory-based edge blocking means no such recipient", failed, 550,
        QStringLiteral("5.4.1"),
        QStringLiteral("550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
                       "[DB5EUR03FT010.eop-EUR03.prod.protection.outlook.com]"),
        "hard", "mailbox_unknown", "recipient", true);
    row("Microsoft RecipientNotFound with 5.1.10 is a missing mailbox, not a null MX", failed, 550,
        QStringLiteral("5.1.10"),
        QStringLiteral(
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"),
        "hard", "mailbox_unknown", "recipient", true);
    row("Outlook.com mailbox unavailable", failed, 550, QStringLiteral("5.5.0"),
        QStringLiteral("550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302)"), "hard",
        "mailbox_unknown", "recipient", true);
    row("Yahoo TSS04 complaints deferral", delayed, 421, QStringLiteral("4.7.0"),
        QStringLiteral("421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected "
                       "volume or user "
                       "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"),
        "deferred", "bad_reputation", "sender", false, QString(), ReportKind::DelayNotice);
    row("Yahoo policy reasons", failed, 554, QStringLiteral("5.7.9"),
        QStringLiteral("554 5.7.9 Message not accepted for policy reasons. See "
                       "https://senders.yahooinc.com/error-codes"),
        "hard", "policy", "sender", false);
    row("Yahoo disabled mailbox", failed, 554, QString(),
        QStringLiteral("554 30 Sorry, your message to bob@yahoo.example cannot be delivered. This mailbox is "
                       "disabled (554.30)."),
        "soft", "mailbox_disabled", "recipient", false);
    row("AOL/Yahoo no account", failed, 554, QString(),
        QStringLiteral(
            "554 delivery error: dd This user doesn't have a aol.example account (bob@aol.example) [0]"),
        "hard", "mailbox_unknown", "recipient", true);
    // DOMAIN.md: an inactive account is disabled (kept), whatever the X.1.1 status says.
    row("iCloud inactive address", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("550 5.1.1 <bob@icloud.example>: inactive email address"), "soft", "mailbox_disabled",
        "recipient", false);
    row("iCloud recipient no longer on server", failed, 550, QStringLiteral("5.1.6"),
        QStringLiteral("550 5.1.6 recipient no longer on server: bob@icloud.example"), "hard",
        "address_moved", "recipient", true);
    row("GMX bad PTR", failed, 554, QString(),
        QStringLiteral(
            "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR "
            "resource record. 554 For explanation visit "
            "https://postmaster.gmx.net/en/error-messages?ip=203.0.113.5&c=rdns"),
        "hard", "missing_ptr", "sender", false);
    row("Web.de suspended mailbox", failed, 550, QStringLiteral("5.2.1"),
        QStringLiteral("550 5.2.1 Mailbox currently suspended"), "soft", "mailbox_disabled", "recipient",
        false);
    row("Mail.ru spam rejection", failed, 550, QString(),
        QStringLiteral(
            "550 spam message rejected. Please visit https://help.mail.ru/notspam-support/id?c=abc or report "
            "details to abuse@corp.mail.ru."),
        "hard", "spam_content", "sender", false);
    row("Mail.ru unknown user", failed, 550, QString(),
        QStringLiteral(
            "550 Message was not accepted -- invalid mailbox. Local mailbox bob@mail.example is unavailable: "
            "user not found"),
        "hard", "mailbox_unknown", "recipient", true, QStringLiteral("RCPT TO"));
    row("Yandex spam suspicion", failed, 554, QStringLiteral("5.7.1"),
        QStringLiteral(
            "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1234567890"),
        "hard", "spam_content", "sender", false);
    row("Orange invalid recipient (French and English text)", failed, 550, QStringLiteral("5.5.0"),
        QStringLiteral("550 5.5.0 Adresse destinataire invalide. Invalid recipient. OFR004_104 [104]"),
        "hard", "mailbox_unknown", "recipient", true);
    row("Orange source IP blocked", failed, 550, QString(),
        QStringLiteral("550 mwinf5c10 ME Adresse IP source bloquee pour incident de spam. Client host "
                       "blocked for spamming "
                       "issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=203.0.113.5"),
        "hard", "blocklisted", "sender", false);
    row("Comcast 'Not our Customer' means no such mailbox", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("550 5.1.1 <bob@comcast.example> Not our Customer"), "hard", "mailbox_unknown",
        "recipient", true);
    row("Comcast DNSBL", failed, 554, QString(),
        QStringLiteral("554 resimta-po-01.example.net 203.0.113.5 found on one or more DNSBLs, see "
                       "http://postmaster.comcast.net/smtp-error-codes.php#BL000001"),
        "hard", "blocklisted", "sender", false);
    row("Zoho user does not exist", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("550 5.1.1 User does not exist - <bob@zoho.example>"), "hard", "mailbox_unknown",
        "recipient", true);
    row("Amazon SES suppression list", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("Amazon SES has suppressed sending to this address because it has a recent history of "
                       "bouncing as "
                       "an invalid address."),
        "hard", "suppressed", "sender", false);

    row("Microsoft 5.7.501 spam abuse: the sender is banned", failed, 550, QStringLiteral("5.7.501"),
        QStringLiteral("550 5.7.501 Service unavailable. Spam abuse detected from IP range."), "hard",
        "blocklisted", "sender", false);
    row("Microsoft 5.7.520 forwarding not allowed is a policy", failed, 550, QStringLiteral("5.7.520"),
        QStringLiteral("550 5.7.520 Access denied, Your organization does not allow external forwarding."),
        "hard", "policy", "sender", false);
    row("Microsoft group that needs an authenticated sender", failed, 550, QStringLiteral("5.7.133"),
        QStringLiteral(
            "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery "
            "restriction check failed as sender not authenticated"),
        "hard", "security_error", "sender", false);
    row("Microsoft TLS 1.0/1.1 refusal", delayed, 421, QStringLiteral("4.7.66"),
        QStringLiteral(
            "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support "
            "TLS 1.2."),
        "deferred", "tls_failure", "sender", false, QString(), ReportKind::DelayNotice);
    row("Mimecast: the recipient's own block entry", failed, 550, QString(),
        QStringLiteral(
            "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550"),
        "hard", "recipient_filter", "recipient", false);
    row("Gmail: the recipient receives mail too quickly", failed, 550, QStringLiteral("5.2.1"),
        QStringLiteral(
            "550-5.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your "
            "message at a later time."),
        "soft", "rate_limited", "transient", false);
    row("a forbidden attachment is reported as a virus or malware risk", failed, 554, QStringLiteral("5.7.1"),
        QStringLiteral("554 5.7.1 Message blocked: contains blacklisted attachment (invoice.exe)"), "hard",
        "virus", "sender", false);
    row("Verizon: recipient is invalid", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("550 5.1.1 <bob@example.net>: recipient is invalid"), "hard", "mailbox_unknown",
        "recipient", true);

    // --- domains
    row("host unknown", failed, 550, QStringLiteral("5.1.2"),
        QStringLiteral("550 5.1.2 <bob@nonexistent.example>... Host unknown (Name server: "
                       "nonexistent.example: host not found)"),
        "hard", "domain_unknown", "recipient", true);
    row("null MX refused with 556 5.1.10", failed, 556, QStringLiteral("5.1.10"),
        QStringLiteral("556 5.1.10 Recipient address has null MX"), "hard", "domain_not_accepting",
        "recipient", true);
    // A domain-level DNS finding that the reporting server marks temporary (4.0.0) may still
    // change; Sisimai labels these not hard either.
    // Gmail writes "Action: failed" with "Status: 4.0.0" over a DNS finding: the failure is final,
    // and a domain that publishes a null MX (RFC 7505) receives no mail at all.
    row("a null MX in a final failure is a removal, even when the reporter marks it 4.0.0", failed, 0,
        QStringLiteral("4.0.0"),
        QStringLiteral(
            "DNS Error: 1234 DNS type 'mx' lookup of example.org responded with code NOERROR The domain "
            "example.org doesn't receive email according to the administrator: returned Null MX"),
        "hard", "domain_not_accepting", "recipient", true);
    row("a domain not found while the sender still retries is not yet a removal", delayed, 0,
        QStringLiteral("4.4.3"),
        QStringLiteral("DNS Error: 1234 DNS type 'mx' lookup of example.org responded with code NXDOMAIN "
                       "Domain name not found: example.org"),
        "deferred", "domain_unknown", "recipient", false, QString(), ReportKind::DelayNotice);

    // --- other sender-side causes
    row("relay access denied", failed, 554, QStringLiteral("5.7.1"),
        QStringLiteral("554 5.7.1 <bob@example.com>: Relay access denied"), "hard", "relay_denied", "sender",
        false);
    row("sender address rejected", failed, 553, QStringLiteral("5.1.8"),
        QStringLiteral("553 5.1.8 <app@host1.example.net>... Domain of sender address app@host1.example.net "
                       "does not exist"),
        "hard", "sender_rejected", "sender", false);
    row("virus found", failed, 554, QStringLiteral("5.7.0"),
        QStringLiteral("554 5.7.0 Message rejected: virus found (Eicar-Test-Signature)"), "hard", "virus",
        "sender", false);
    row("STARTTLS required", failed, 530, QStringLiteral("5.7.0"),
        QStringLiteral("530 5.7.0 Must issue a STARTTLS command first"), "hard", "tls_failure", "sender",
        false);
    row("authentication required", failed, 550, QString(),
        QStringLiteral("550 Unauthenticated senders not allowed"), "hard", "security_error", "sender", false);
    row("syntax error", failed, 501, QStringLiteral("5.5.2"),
        QStringLiteral("501 5.5.2 Syntax error in parameters"), "hard", "syntax_error", "sender", false);
    row("content with a duplicated header field breaks the RFCs", failed, 554, QString(),
        QStringLiteral("554 Transaction failed: Duplicate header 'DKIM-Signature'."), "hard",
        "not_rfc_compliant", "sender", false);

    // --- recipient-side filters and stages
    // The words about the address decide, whatever the SMTP step (DOMAIN.md, "Reading the words").
    row("user unknown after DATA is still a missing mailbox: the words decide, not the step", failed, 550,
        QString(), QStringLiteral("550 Unknown user bob@example.jp"), "hard", "mailbox_unknown", "recipient",
        true, QStringLiteral("end of DATA"));
    row("user unknown that also names a filter is the filter speaking", failed, 550, QString(),
        QStringLiteral("550 5.7.1 Unknown user or message filtered by the recipient's rules"), "hard",
        "recipient_filter", "recipient", false, QStringLiteral("end of DATA"));
    row("an address holding the word 'filtered' is no filter", failed, 550, QStringLiteral("5.2.1"),
        QStringLiteral("550 5.2.1 <filtered@example.jp>... User Unknown"), "hard", "mailbox_unknown",
        "recipient", true);
    row("user unknown at RCPT TO is a missing mailbox", failed, 550, QString(),
        QStringLiteral("550 Unknown user bob@example.jp"), "hard", "mailbox_unknown", "recipient", true,
        QStringLiteral("RCPT TO"));
    row("a bare 'User unknown' with a generic status and no stage is a missing mailbox", failed, 550,
        QStringLiteral("5.0.0"), QStringLiteral("550 : User unknown"), "hard", "mailbox_unknown", "recipient",
        true);
    row("'User unknown' with status 5.1.1 is a missing mailbox even without a stage", failed, 550,
        QStringLiteral("5.1.1"), QStringLiteral("550 5.1.1 <bob@example.jp>... User Unknown"), "hard",
        "mailbox_unknown", "recipient", true);
    row("a text-only bounce saying the user is unknown, with no SMTP answer at all, is a missing mailbox",
        failed, 0, QString(), QStringLiteral("The recipient name is not recognized"), "hard",
        "mailbox_unknown", "recipient", true);
    row("refused due to recipient preferences", failed, 550, QStringLiteral("5.1.1"),
        QStringLiteral("550 5.1.1 RCP-P2 Refused due to recipient preferences"), "hard", "recipient_filter",
        "recipient", false);

    // --- status codes alone
    row("status 5.1.1 alone", failed, 0, QStringLiteral("5.1.1"), QString(), "hard", "mailbox_unknown",
        "recipient", true);
    row("status 5.2.2 alone", failed, 0, QStringLiteral("5.2.2"), QString(), "soft", "mailbox_full",
        "recipient", false);
    row("status 4.4.7 alone", failed, 0, QStringLiteral("4.4.7"), QString(), "soft", "expired", "transient",
        false);
    row("reply 551 alone", failed, 551, QString(), QString(), "hard", "address_moved", "recipient", true);

    // --- a delay notice
    row("a delay notice for a full mailbox is deferred", delayed, 452, QStringLiteral("4.2.2"),
        QStringLiteral("452 4.2.2 Mailbox full"), "deferred", "mailbox_full", "recipient", false, QString(),
        ReportKind::DelayNotice);
}

void TestBounceClassifier::classify()
{
    QFETCH(ReportKind, kind);
    QFETCH(QString, action);
    QFETCH(int, replyCode);
    QFETCH(QString, status);
    QFETCH(QString, diagnostic);
    QFETCH(QString, stage);
    QFETCH(QString, type);
    QFETCH(QString, cause);
    QFETCH(QString, side);
    QFETCH(bool, remove);

    DeliveryReport report;
    report.kind = kind;
    RecipientReport recipient;
    recipient.address = QStringLiteral("bob@example.com");
    recipient.action = action;
    recipient.replyCode = replyCode;
    recipient.status = status;
    recipient.diagnostic = diagnostic;
    recipient.smtpCommand = stage;
    report.recipients.append(recipient);

    const Classification c = BounceClassifier::classify(report, recipient);
    QString evidence;
    for (const Evidence& e : c.evidence)
        evidence += e.rule + QStringLiteral("=") + e.text + QStringLiteral("; ");
    QVERIFY2(c.cause == cause, qPrintable(QStringLiteral("cause %1, evidence: %2").arg(c.cause, evidence)));
    QCOMPARE(toString(c.type), type);
    QCOMPARE(toString(c.side), side);
    QCOMPARE(c.removeAddress, remove);
    if (remove)
        QCOMPARE(toString(c.advice), QStringLiteral("remove_address"));
    else
        QVERIFY(c.advice != Advice::RemoveAddress);
    QVERIFY(c.confidence > 0.0 && c.confidence < 1.0);
}

void TestBounceClassifier::everyRuleNamesAKnownCause()
{
    // Loading validates every row (unknown causes and bad expressions abort); check it is not empty.
    QVERIFY(ClassificationRules::ruleCount() > 150);
    for (const CauseCatalog::Entry& e : CauseCatalog::all()) {
        QVERIFY2(!e.title.isEmpty() && !e.meaning.isEmpty() && !e.todo.isEmpty(), qPrintable(e.cause));
    }
    QCOMPARE(CauseCatalog::all().size(), 32); // the DOMAIN.md vocabulary, all of it
}

void TestBounceClassifier::evidenceCitesTheRuleAndTheMatchedText()
{
    DeliveryReport report;
    report.kind = ReportKind::Bounce;
    RecipientReport r;
    r.format = QStringLiteral("rfc3464");
    r.action = QStringLiteral("failed");
    r.status = QStringLiteral("5.7.1");
    r.replyCode = 550;
    r.diagnostic = QStringLiteral("550 5.7.1 Client host [203.0.113.5] blocked using zen.spamhaus.org");
    const Classification c = BounceClassifier::classify(report, r);
    QVERIFY(!c.evidence.isEmpty());
    QCOMPARE(c.evidence.first().rule, QStringLiteral("spamhaus.listed"));
    QVERIFY(c.evidence.first().text.contains(QLatin1String("spamhaus")));
    const auto cites = [](const Classification& given, const char* rule, const char* text) {
        return std::any_of(given.evidence.cbegin(), given.evidence.cend(), [&](const Evidence& e) {
            return e.rule == QLatin1String(rule) && e.text.contains(QLatin1String(text));
        });
    };
    QVERIFY(cites(c, "dsn.action", "Action: failed"));
    // A report with no Action field (another layout) is not quoted as if it had one.
    r.format = QStringLiteral("generic");
    const Classification words = BounceClassifier::classify(report, r);
    QVERIFY(!cites(words, "dsn.action", "Action:"));
    QVERIFY(cites(words, "report.action", "not delivered"));
}

void TestBounceClassifier::expiredNamesTheLastUnderlyingError()
{
    DeliveryReport report;
    report.kind = ReportKind::Bounce;
    RecipientReport r;
    r.action = QStringLiteral("failed");
    r.status = QStringLiteral("4.4.7");
    r.diagnostic = QStringLiteral(
        "delivery temporarily suspended: connect to mx.example.com[198.51.100.7]:25: Connection refused");
    const Classification c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, QStringLiteral("expired"));
    QCOMPARE(BounceClassifier::underlyingCause(report, r), QStringLiteral("network_error"));
    bool named = false;
    for (const Evidence& e : c.evidence)
        named = named || e.rule == QLatin1String("expired.last_error");
    QVERIFY(named);
}

void TestBounceClassifier::confidenceIsHigherWhenTextAndStatusAgree()
{
    DeliveryReport report;
    report.kind = ReportKind::Bounce;
    RecipientReport agree;
    agree.action = QStringLiteral("failed");
    agree.status = QStringLiteral("5.1.1");
    agree.diagnostic = QStringLiteral("550 5.1.1 User unknown");
    RecipientReport statusOnly = agree;
    statusOnly.diagnostic.clear();
    RecipientReport codeOnly;
    codeOnly.action = QStringLiteral("failed");
    codeOnly.replyCode = 551;
    const double a = BounceClassifier::classify(report, agree).confidence;
    const double b = BounceClassifier::classify(report, statusOnly).confidence;
    const double d = BounceClassifier::classify(report, codeOnly).confidence;
    QVERIFY2(a > b && b > d, qPrintable(QStringLiteral("%1 %2 %3").arg(a).arg(b).arg(d)));
}

void TestBounceClassifier::multiLineRepliesAreJoinedBeforeMatching()
{
    QCOMPARE(
        ClassificationRules::normaliseText(
            QStringLiteral("550-5.7.26 Unauthenticated email is not accepted due to\n"
                           "550-5.7.26 domain's DMARC policy.")),
        QStringLiteral("550-5.7.26 unauthenticated email is not accepted due to domain's dmarc policy."));
    // Runs of ASCII white space become one space; other spaces (no-break, line separator) are
    // words' characters to the rules and stay.
    QCOMPARE(ClassificationRules::normaliseText(QStringLiteral("\v Mailbox\t\tFULL\r\n  now \f")),
             QStringLiteral("mailbox full now"));
    QCOMPARE(ClassificationRules::normaliseText(QString::fromUtf16(u"quota\u00a0 exceeded\u2028\u2028here")),
             QString::fromUtf16(u"quota\u00a0 exceeded\u2028\u2028here"));
}

// Rules read "<email>" where a reply names an address ("<filtered@example.jp>... User unknown"
// says nothing of a filter). replaceAddresses does without the expression what replacing its
// matches does: the same text on hand-picked and on 40,000 generated texts.
void TestBounceClassifier::addressesAreReplacedAsTheirExpressionReplacesThem()
{
    QCOMPARE(ClassificationRules::normaliseText(QStringLiteral("<Filtered@Example.JP>... User unknown")),
             QStringLiteral("<<email>>... user unknown"));
    QCOMPARE(ClassificationRules::replaceAddresses(QStringLiteral("a@b_c@d.e-f_g x@y @z q@ r@_")),
             QStringLiteral("<email>_g <email> @z q@ r@_"));
    const QRegularExpression address(QString::fromLatin1(ClassificationRules::AddressPattern));
    QStringList pieces = {QStringLiteral("@"),           QStringLiteral("@"),
                          QStringLiteral("a"),           QStringLiteral("z"),
                          QStringLiteral("0"),           QStringLiteral("9"),
                          QStringLiteral("."),           QStringLiteral("-"),
                          QStringLiteral("_"),           QStringLiteral("+"),
                          QStringLiteral("A"),           QStringLiteral(" "),
                          QStringLiteral("\t"),          QStringLiteral("\v"),
                          QStringLiteral("\n"),          QStringLiteral("<"),
                          QStringLiteral(">"),           QStringLiteral("\""),
                          QStringLiteral("'"),           QStringLiteral("("),
                          QStringLiteral(")"),           QStringLiteral("["),
                          QStringLiteral("]"),           QStringLiteral(","),
                          QStringLiteral(";"),           QStringLiteral(":"),
                          QStringLiteral("/"),           QStringLiteral("user"),
                          QStringLiteral("example.com"), QStringLiteral("\u00e9"),
                          QStringLiteral("\u00a0"),      QString(QChar(0xD83D)) + QChar(0xDCEC),
                          QString(QChar(0xDC00))};
    // Address-like pieces more often than separators, so that many texts hold an address.
    pieces +=
        QStringList{QStringLiteral("@"),           QStringLiteral("@"),    QStringLiteral("@"),
                    QStringLiteral("user"),        QStringLiteral("user"), QStringLiteral("example.com"),
                    QStringLiteral("example.com"), QStringLiteral("b"),    QStringLiteral("1")};
    QRandomGenerator random(5122026);
    int replaced = 0;
    for (int round = 0; round < 40000; ++round) {
        const QString text = test::randomJoin(random, pieces, 3 + static_cast<int>(random.bounded(12)));
        const QString expected = QString(text).replace(address, QStringLiteral("<email>"));
        QCOMPARE(ClassificationRules::replaceAddresses(text), expected);
        replaced += expected != text;
    }
    QVERIFY2(replaced > 3000, "many generated texts should hold addresses");
}

// DOMAIN.md, "Reading the words": a report's own "permanent" / "fatal" outweighs a missing or
// generic status code.
void TestBounceClassifier::theReportsOwnPermanentOutweighsAGenericStatus()
{
    DeliveryReport report;
    report.kind = ReportKind::Bounce;
    RecipientReport r;
    r.address = QStringLiteral("bob@example.com");
    r.action = QStringLiteral("failed");
    r.status = QStringLiteral("4.0.0");
    r.diagnostic = QStringLiteral("Client host rejected: blocked by local policy");
    report.recipients.append(r);
    QCOMPARE(toString(BounceClassifier::classify(report, r).type), QStringLiteral("soft"));
    report.saysPermanent = true; // "The following addresses had permanent fatal errors"
    const Classification c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, QStringLiteral("blocklisted"));
    QCOMPARE(toString(c.type), QStringLiteral("hard"));
}

// The same words said of the envelope sender and of the recipient: only the second removes the
// recipient's address, and the evidence says why the first does not.
void TestBounceClassifier::aRefusalOfTheSenderKeepsTheRecipient()
{
    DeliveryReport report;
    report.kind = ReportKind::Bounce;
    report.senders = {QStringLiteral("news@sender.example")};
    RecipientReport r;
    r.address = QStringLiteral("bob@example.com");
    r.action = QStringLiteral("failed");
    r.replyCode = 550;
    r.status = QStringLiteral("5.1.1");
    r.diagnostic = QStringLiteral("550 5.1.1 <news@sender.example>... User unknown");
    report.recipients.append(r);
    Classification c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, QStringLiteral("sender_rejected"));
    QVERIFY(!c.removeAddress);
    QVERIFY(std::any_of(c.evidence.cbegin(), c.evidence.cend(),
                        [](const Evidence& e) { return e.rule == QLatin1String("about.sender"); }));

    r.diagnostic = QStringLiteral("550 5.1.1 <bob@example.com>... User unknown");
    c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, QStringLiteral("mailbox_unknown"));
    QVERIFY(c.removeAddress);

    r.diagnostic = QStringLiteral("553 5.1.8 Domain of sender address does not exist");
    r.status = QStringLiteral("5.1.8");
    r.smtpCommand = QStringLiteral("MAIL FROM");
    c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, QStringLiteral("sender_rejected"));
    QVERIFY(!c.removeAddress);
}

void TestBounceClassifier::nonFailuresCarryNoAdvice_data()
{
    QTest::addColumn<ReportKind>("kind");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("advice");
    QTest::newRow("an auto-reply is not a bounce")
        << ReportKind::AutoReply << QString() << QStringLiteral("auto_reply") << QStringLiteral("none");
    QTest::newRow("a feedback report is a complaint, not a bounce: stop sending to the address")
        << ReportKind::FeedbackReport << QString() << QStringLiteral("feedback_report")
        << QStringLiteral("stop_sending");
    QTest::newRow("a delivery notice is a success")
        << ReportKind::DeliveryNotice << QStringLiteral("delivered") << QStringLiteral("delivered")
        << QStringLiteral("none");
    QTest::newRow("Action: relayed inside a bounce-shaped report is still a success")
        << ReportKind::Bounce << QStringLiteral("relayed") << QStringLiteral("delivered")
        << QStringLiteral("none");
}

void TestBounceClassifier::nonFailuresCarryNoAdvice()
{
    QFETCH(ReportKind, kind);
    QFETCH(QString, action);
    QFETCH(QString, cause);
    QFETCH(QString, advice);
    DeliveryReport report;
    report.kind = kind;
    RecipientReport r;
    r.action = action;
    const Classification c = BounceClassifier::classify(report, r);
    QCOMPARE(c.cause, cause);
    QCOMPARE(toString(c.type), QStringLiteral("none"));
    QCOMPARE(toString(c.side), QStringLiteral("none"));
    // A complaint is no failure either, but it does ask for something: stop sending to the address
    // (DOMAIN.md, advice stop_sending), and complaints weigh on reputation.
    const bool complaint = kind == ReportKind::FeedbackReport;
    QCOMPARE(toString(c.advice), advice);
    QCOMPARE(c.removeAddress, false);
    QCOMPARE(toString(c.reputationImpact), complaint ? QStringLiteral("moderate") : QStringLiteral("none"));
}

QTEST_GUILESS_MAIN(TestBounceClassifier)
#include "TestBounceClassifier.moc"
