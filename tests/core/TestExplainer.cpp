#include "Analyzer.h"
#include "BounceClassifier.h"
#include "Explainer.h"

#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

class TestExplainer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paragraphAnswersTheUsersQuestions();
    void senderSideSaysKeepTheAddress();
    void expiredNamesTheLastError();
    void deferralSaysNothingToDoYet();
    void neverUsesTheCodeClassShortcut();
    void notFailuresSayWhatHappened();
    void summary_data();
    void summary();
};

namespace {

Analysis bounceWith(const QList<RecipientReport>& recipients, ReportKind kind = ReportKind::Bounce)
{
    Analysis a;
    a.source = QStringLiteral("test.eml");
    a.message.headers.append(
        {QStringLiteral("Subject"), {}, QStringLiteral("Undelivered Mail Returned to Sender"), 0});
    a.message.shape = InputShape::Message;
    a.report.kind = kind;
    a.report.recipients = recipients;
    Analyzer::classifyAndExplain(a);
    return a;
}

RecipientReport recipient(const QString& address, int code, const QString& status, const QString& text,
                          const QString& action = QStringLiteral("failed"))
{
    RecipientReport r;
    r.address = address;
    r.replyCode = code;
    r.status = status;
    r.diagnostic = text;
    r.action = action;
    r.remoteMta = QStringLiteral("mx.example.org");
    r.reportingMta = QStringLiteral("mail.example.net");
    return r;
}

} // namespace

void TestExplainer::paragraphAnswersTheUsersQuestions()
{
    RecipientReport r =
        recipient(QStringLiteral("bob@example.org"), 550, QStringLiteral("5.1.1"),
                  QStringLiteral("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown"));
    r.smtpCommand = QStringLiteral("RCPT TO");
    const Analysis a = bounceWith({r});
    const QString text = a.recipients.first().explanation;
    // what happened, to whom
    QVERIFY2(text.contains(QLatin1String("bob@example.org")) && text.contains(QLatin1String("not delivered")),
             qPrintable(text));
    // who refused it and at which step
    QVERIFY(text.contains(QLatin1String("mx.example.org")));
    QVERIFY(text.contains(QLatin1String("RCPT TO")));
    QVERIFY(text.contains(QLatin1String("mail.example.net wrote this report")));
    // why, quoting the server
    QVERIFY(text.contains(QStringLiteral(
        "\u201C550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown.\u201D")));
    // whose problem, what to do, how much it hurts
    QVERIFY(text.contains(QLatin1String("recipient's side")));
    QVERIFY(text.contains(QLatin1String("Remove the address")));
    QVERIFY(text.contains(QLatin1String("Reputation impact: high")));
}

void TestExplainer::senderSideSaysKeepTheAddress()
{
    const Analysis a = bounceWith(
        {recipient(QStringLiteral("carol@example.org"), 550, QStringLiteral("5.7.1"),
                   QStringLiteral("550 5.7.1 Client host [203.0.113.5] blocked using zen.spamhaus.org"))});
    const QString text = a.recipients.first().explanation;
    QVERIFY2(text.contains(QLatin1String("sending side")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("Keep the address")));
    QVERIFY(!text.contains(QLatin1String("Remove the address")));
    QVERIFY(a.summary.contains(QLatin1String("keep the address")));
}

void TestExplainer::expiredNamesTheLastError()
{
    const Analysis a = bounceWith(
        {recipient(QStringLiteral("dan@example.org"), 0, QStringLiteral("4.4.7"),
                   QStringLiteral("connect to mx.example.org[198.51.100.7]:25: Connection refused"))});
    QCOMPARE(a.recipients.first().classification.cause, QStringLiteral("expired"));
    const QString text = a.recipients.first().explanation;
    QVERIFY2(text.contains(QLatin1String("The last error before it gave up: network or dns problem")),
             qPrintable(text));
}

void TestExplainer::deferralSaysNothingToDoYet()
{
    RecipientReport r = recipient(QStringLiteral("erin@example.org"), 452, QStringLiteral("4.2.2"),
                                  QStringLiteral("452 4.2.2 Mailbox full"), QStringLiteral("delayed"));
    r.willRetryUntil = QDateTime(QDate(2026, 11, 30), QTime(10, 0), Qt::UTC);
    const Analysis a = bounceWith({r}, ReportKind::DelayNotice);
    const QString text = a.recipients.first().explanation;
    QVERIFY2(text.contains(QLatin1String("has not been delivered yet")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("2026-11-30 10:00 UTC")));
    QVERIFY(text.contains(QLatin1String("nothing yet")));
    QVERIFY(text.contains(QLatin1String("very low")));
}

void TestExplainer::neverUsesTheCodeClassShortcut()
{
    const Analysis a = bounceWith(
        {recipient(QStringLiteral("f@example.org"), 550, QString(), QStringLiteral("550 try again later")),
         recipient(QStringLiteral("g@example.org"), 450, QStringLiteral("4.1.1"),
                   QStringLiteral("450 4.1.1 User unknown"))});
    for (const RecipientAnalysis& r : a.recipients) {
        QVERIFY(!r.explanation.contains(QLatin1String("5xx"), Qt::CaseInsensitive));
        QVERIFY(!r.explanation.contains(QLatin1String("4xx"), Qt::CaseInsensitive));
    }
    QCOMPARE(toString(a.recipients[0].classification.type), QStringLiteral("soft"));
    QCOMPARE(toString(a.recipients[1].classification.type), QStringLiteral("hard"));
}

// A read receipt says the message reached the mailbox; a challenge-response filter's answer says
// the message is held, never that it was delivered.
void TestExplainer::notFailuresSayWhatHappened()
{
    const Analysis receipt =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("bounces/mdn-read-receipt.eml")));
    QCOMPARE(receipt.summary,
             QStringLiteral("A read receipt, not a bounce: the message was delivered to anna@example.com."));
    QVERIFY2(receipt.recipients.value(0).explanation.contains(QStringLiteral("and was displayed (opened)")),
             qPrintable(receipt.recipients.value(0).explanation));
    const Analysis challenge =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("bounces/challenge-response.eml")));
    QVERIFY2(challenge.summary.contains(QStringLiteral("the message is held until the sender confirms")),
             qPrintable(challenge.summary));
    QVERIFY(!challenge.summary.contains(QStringLiteral("delivered")));
    QVERIFY(challenge.recipients.value(0).explanation.contains(QStringLiteral("held, not delivered")));
    // A list holding a post for its moderator: not refused, not to be sent again.
    const Analysis held = Analyzer::analyzeFile(test::dataPath(QStringLiteral("bounces/mailman-held.eml")));
    QCOMPARE(held.summary,
             QStringLiteral("A mailing list (announce@lists.example.net) is holding the message for "
                            "its moderator (Post by non-member to a members-only list): not a "
                            "bounce; the moderator will post or reject it."));
    QVERIFY(held.recipients.value(0).explanation.contains(QStringLiteral("Do not send it again")));
    // "Pending approval" in an ordinary message is no list's hold.
    const Analysis invoice = Analyzer::analyzeBytes(
        "From: billing@shop.example\nTo: a@example.org\nSubject: Your expense report is pending approval\n\n"
        "Your expense report is pending approval by your manager.\n",
        QStringLiteral("invoice.eml"));
    QCOMPARE(invoice.kind(), QStringLiteral("message"));
}

void TestExplainer::summary_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one hard bounce")
        << 0
        << QStringLiteral("Hard bounce for bob@example.org: mailbox does not exist. Remove the address.");
    QTest::newRow("several recipients are grouped")
        << 1
        << QStringLiteral(
               "3 recipients: 2 × hard bounce (mailbox does not exist), 1 × soft bounce (mailbox full). "
               "Remove 2 addresses; keep the others.");
    QTest::newRow("an auto-reply is not a bounce")
        << 2
        << QStringLiteral("An automatic reply from h@example.org, not a bounce: the message was delivered.");
    QTest::newRow("a bounce without any readable recipient says so")
        << 3
        << QStringLiteral("A bounce, but no recipient could be read from it; read the report text below.");
}

void TestExplainer::summary()
{
    QFETCH(int, which);
    QFETCH(QString, expected);
    const RecipientReport unknown = recipient(QStringLiteral("bob@example.org"), 550, QStringLiteral("5.1.1"),
                                              QStringLiteral("User unknown"));
    Analysis a;
    switch (which) {
    case 0:
        a = bounceWith({unknown});
        break;
    case 1: {
        RecipientReport second = unknown;
        second.address = QStringLiteral("c@example.org");
        a = bounceWith({unknown,
                        recipient(QStringLiteral("d@example.org"), 552, QStringLiteral("5.2.2"),
                                  QStringLiteral("Mailbox full")),
                        second});
        break;
    }
    case 2: {
        RecipientReport r;
        r.address = QStringLiteral("h@example.org");
        a = bounceWith({r}, ReportKind::AutoReply);
        break;
    }
    default:
        a = bounceWith({});
    }
    QCOMPARE(a.summary, expected);
}

QTEST_GUILESS_MAIN(TestExplainer)
#include "TestExplainer.moc"
