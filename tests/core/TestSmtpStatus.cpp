#include "SmtpStatus.h"
#include "TestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace headerlens;

class TestSmtpStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scansFindWhatTheExpressionsFind();
    void replyCodeMeanings_data();
    void replyCodeMeanings();
    void enhancedStatusMeanings_data();
    void enhancedStatusMeanings();
    void everyRegistryCodeHasOurMeaning();
    void aVendorsMeaningOnlyFromItsServer();
    void findsStatusInServerText_data();
    void findsStatusInServerText();
    void findsReplyCodeInServerText_data();
    void findsReplyCodeInServerText();
    void readsTheReplyLinePrefix_data();
    void readsTheReplyLinePrefix();
    void replyLinePrefixAsTheExpressionReadsIt();
};

void TestSmtpStatus::replyCodeMeanings_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("part");
    QTest::newRow("550 is a refusal of the mailbox") << 550 << "mailbox unavailable";
    QTest::newRow("421 asks to try later") << 421 << "try later";
    QTest::newRow("556 is the null-MX answer of RFC 7504") << 556 << "null MX";
    QTest::newRow("an unlisted 5xx falls back on its first digit") << 599 << "Permanent";
    QTest::newRow("not a reply code") << 42 << "";
}

void TestSmtpStatus::replyCodeMeanings()
{
    QFETCH(int, code);
    QFETCH(QString, part);
    const QString meaning = SmtpStatus::replyCodeMeaning(code);
    if (part.isEmpty())
        QVERIFY(meaning.isEmpty());
    else
        QVERIFY2(meaning.contains(part), qPrintable(meaning));
}

void TestSmtpStatus::enhancedStatusMeanings_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("detailPart");
    QTest::addColumn<QString>("source");
    QTest::newRow("5.1.1: the mailbox does not exist") << "5.1.1"
                                                       << "Addressing"
                                                       << "does not exist"
                                                       << "iana";
    QTest::newRow("4.2.2: mailbox full, temporary class") << "4.2.2"
                                                          << "Mailbox"
                                                          << "full"
                                                          << "iana";
    QTest::newRow("5.7.26: several authentication checks failed") << "5.7.26"
                                                                  << "Security or policy"
                                                                  << "DMARC"
                                                                  << "google";
    QTest::newRow("5.7.509: Microsoft's DMARC refusal") << "5.7.509"
                                                        << "Security or policy"
                                                        << "DMARC"
                                                        << "microsoft";
    QTest::newRow("5.7.620: inside Microsoft's 606-649 block list range") << "5.7.620"
                                                                          << "Security or policy"
                                                                          << "block list"
                                                                          << "microsoft";
    QTest::newRow("5.7.705: a tenant blocked for spam") << "5.7.705"
                                                        << "Security or policy"
                                                        << "tenant"
                                                        << "microsoft";
    QTest::newRow("4.7.650: Microsoft's reputation rate limit") << "4.7.650"
                                                                << "Security or policy"
                                                                << "rate limited"
                                                                << "microsoft";
    QTest::newRow("4.7.28: Google's unsolicited-mail rate limit") << "4.7.28"
                                                                  << "Security or policy"
                                                                  << "unsolicited"
                                                                  << "google";
    QTest::newRow("an unregistered detail falls back on X.s.0") << "5.4.99"
                                                                << "Network and routing"
                                                                << "network or routing"
                                                                << "";
}

void TestSmtpStatus::enhancedStatusMeanings()
{
    QFETCH(QString, status);
    QFETCH(QString, detailPart);
    const SmtpStatus::Meaning m = SmtpStatus::enhancedStatusMeaning(status);
    QVERIFY(m.isValid());
    QTEST(m.subject, "subject");
    QVERIFY2(m.detail.contains(detailPart, Qt::CaseInsensitive), qPrintable(m.detail));
    QTEST(m.source, "source");
    QVERIFY(!m.ruleId.isEmpty());
    QVERIFY(!SmtpStatus::enhancedStatusMeaning(u"5.1").isValid());
}

// Gmail's meaning of 5.2.1 ("the account is disabled") is not what 5.2.1 means elsewhere (the
// registry: mailbox disabled, not accepting messages): shown only when Google's server said it
// (the servers are recognised by core/rules/vendors.tsv).
void TestSmtpStatus::aVendorsMeaningOnlyFromItsServer()
{
    QCOMPARE(SmtpStatus::vendorOf(u"mx.google.com"), QStringLiteral("google"));
    QCOMPARE(SmtpStatus::vendorOf(u"550 5.1.10 RESOLVER.ADR.RecipientNotFound"), QStringLiteral("microsoft"));
    QCOMPARE(SmtpStatus::vendorOf(u"eur01.mail.protection.outlook.com"), QStringLiteral("microsoft"));
    QVERIFY(SmtpStatus::vendorOf(u"mx.example.org").isEmpty());
    QCOMPARE(SmtpStatus::enhancedStatusMeaning(u"5.2.1", u"gmail-smtp-in.l.google.com").source,
             QStringLiteral("google"));
    QCOMPARE(SmtpStatus::enhancedStatusMeaning(u"5.2.1", u"mx.example.org").source, QStringLiteral("iana"));
}

void TestSmtpStatus::everyRegistryCodeHasOurMeaning()
{
    QFile registry(QStringLiteral(":/headerlens/rules/enhanced-status-codes.tsv"));
    // The resource is registered on first use.
    SmtpStatus::enhancedStatusMeaning(u"5.0.0");
    QVERIFY(registry.open(QIODevice::ReadOnly));
    int rows = 0;
    for (const QByteArray& line : registry.readAll().split('\n')) {
        if (!line.startsWith("X."))
            continue;
        const QString code = QString::fromLatin1(line.split('\t').first());
        const SmtpStatus::Meaning m =
            SmtpStatus::enhancedStatusMeaning(QString(code).replace(0, 1, QLatin1Char('5')));
        QVERIFY2(m.known && !m.registryName.isEmpty() && !m.detail.isEmpty(), qPrintable(code));
        ++rows;
    }
    QVERIFY(rows >= 80);
}

void TestSmtpStatus::findsStatusInServerText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("status");
    QTest::newRow("after the reply code") << "550 5.1.1 <a@example.com>: User unknown"
                                          << "5.1.1";
    QTest::newRow("multi-line reply form") << "550-5.7.26 Unauthenticated email"
                                           << "5.7.26";
    QTest::newRow("qmail's #code") << "550 Unknown user . (#5.5.0)"
                                   << "5.5.0";
    QTest::newRow("an IP address is no status") << "host 192.0.2.5 said: 550 no"
                                                << "";
    QTest::newRow("a version number is no status") << "Exim version 4.1.2 said no"
                                                   << "";
    QTest::newRow("a specific code beats a generic one")
        << "5.1.0 - Unknown address error 550-'5.2.2 <a@example.jp>... Mailbox Full'"
        << "5.2.2";
    QTest::newRow("the quoted last error beats the expiry summary")
        << "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>"
        << "4.4.2";
    // RFC 3463 has subjects 0 to 7: a vendor's reference number after the reply is no status.
    QTest::newRow("a vendor's number with an unregistered subject is no status")
        << "421 4.7.0 [GL01] Message from 203.0.113.4 temporarily deferred - 4.16.55"
        << "4.7.0";
}

void TestSmtpStatus::findsStatusInServerText()
{
    QFETCH(QString, text);
    QTEST(SmtpStatus::findEnhancedStatus(text), "status");
}

void TestSmtpStatus::findsReplyCodeInServerText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("code");
    QTest::newRow("at the start") << "550 5.1.1 User unknown" << 550;
    QTest::newRow("after 'said:'") << "remote host 192.0.2.32 said: 550 Unknown user" << 550;
    QTest::newRow("Exchange's #550") << "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" << 550;
    QTest::newRow("after a DSN type") << "smtp; 452 4.2.2 Mailbox full" << 452;
    QTest::newRow("not part of an address or a count") << "sent 550 bytes to 192.0.2.250" << 0;
    QTest::newRow("no reply in plain words") << "The recipient name is not recognized" << 0;
}

void TestSmtpStatus::findsReplyCodeInServerText()
{
    QFETCH(QString, text);
    QTEST(SmtpStatus::findReplyCode(text), "code");
}

void TestSmtpStatus::readsTheReplyLinePrefix_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("length");
    QTest::newRow("code and hyphen") << "550-Mailbox unavailable" << 4;
    QTest::newRow("code, status and the blanks after it") << "550-5.7.26  Unauthenticated" << 12;
    QTest::newRow("a hash before the status") << "550 #5.1.1 unknown" << 11;
    QTest::newRow("three-digit status parts") << "452 4.123.999\tlater" << 14;
    QTest::newRow("a status part of four digits is no status") << "550 5.1.1234 x" << 4;
    QTest::newRow("a status with no blank after it is no status") << "550 5.1.1" << 4;
    QTest::newRow("a status of the wrong class is no status") << "550 3.1.1 x" << 4;
    QTest::newRow("no separator after the code") << "550Mailbox" << 0;
    QTest::newRow("a code of the wrong class") << "354 go ahead" << 0;
    QTest::newRow("too short") << "550" << 0;
    QTest::newRow("words") << "Mailbox full" << 0;
}

void TestSmtpStatus::readsTheReplyLinePrefix()
{
    QFETCH(QString, line);
    QTEST(int(SmtpStatus::replyPrefixLength(line)), "length");
}

// The prefix is read by hand where the expression used to run: both agree on every line built
// from the pieces a prefix is made of.
void TestSmtpStatus::replyLinePrefixAsTheExpressionReadsIt()
{
    const QRegularExpression prefix(QStringLiteral("^([245]\\d\\d)[ -](#?[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?"));
    const QStringList codes = {QStringLiteral("550"), QStringLiteral("250"), QStringLiteral("421"),
                               QStringLiteral("354"), QStringLiteral("55")};
    const QStringList separators = {QStringLiteral(" "), QStringLiteral("-"), QString(), QStringLiteral("x")};
    const QStringList hashes = {QString(), QStringLiteral("#")};
    const QStringList classes = {QStringLiteral("5"), QStringLiteral("4"), QStringLiteral("3"), QString()};
    const QStringList dots = {QStringLiteral("."), QStringLiteral(",")};
    const QStringList parts = {QStringLiteral("1"), QStringLiteral("12"), QStringLiteral("123"),
                               QStringLiteral("1234"), QString()};
    const QStringList tails = {QStringLiteral(" "), QStringLiteral("\t \n"), QString(), QStringLiteral("x"),
                               QString::fromUtf16(u"\u00a0y")};
    int compared = 0;
    int withStatus = 0;
    for (const QString& code : codes)
        for (const QString& separator : separators)
            for (const QString& hash : hashes)
                for (const QString& cls : classes)
                    for (const QString& dot : dots)
                        for (const QString& first : parts)
                            for (const QString& second : parts)
                                for (const QString& tail : tails) {
                                    const QString line = code + separator + hash + cls + dot + first +
                                                         QLatin1Char('.') + second + tail;
                                    const QRegularExpressionMatch m = prefix.match(line);
                                    const qsizetype expected = m.hasMatch() ? m.capturedLength(0) : 0;
                                    QCOMPARE(SmtpStatus::replyPrefixLength(line), expected);
                                    withStatus += expected > 4;
                                    ++compared;
                                }
    // 3 codes of a reply class x 2 separators x 2 hashes x 2 status classes x 3 x 3 parts x 2 blank tails
    QCOMPARE(withStatus, 432);
    qInfo("%d lines compared, %d with a status", compared, withStatus);
}

// The code and status searches read the characters instead of running their expressions; they
// must find what the expressions find, match after match, in texts made of codes, look-alikes
// and the characters around them (a lone surrogate makes PCRE refuse the whole text).
void TestSmtpStatus::scansFindWhatTheExpressionsFind()
{
    const QRegularExpression status(
        QStringLiteral("(?<![\\d.])([245])\\.([0-7]|[1-9]\\d{1,2})\\.(\\d{1,3})(?![\\d]|\\.\\d)"));
    const QRegularExpression reply(QStringLiteral(
        "(?<![\\w.\\-/+=@$%&*])([245][0-5]\\d)(?=[\\s\\-,;\\])\"']|:(?![0-9a-fA-F])|\\.(?!\\d)|$)"));
    const QRegularExpression codeAt(QStringLiteral("(?<![\\w.\\-/])#?([245]\\d\\d)(?=[\\s\\-,;:\\])]|$)"));
    const auto spans = [](const QRegularExpression& re, const QString& text, int group) {
        QList<std::pair<qsizetype, qsizetype>> out;
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out.append({m.capturedStart(group), m.capturedEnd(group)});
        }
        return out;
    };
    const auto scanned = [](SmtpStatus::Span (*next)(QStringView, qsizetype), const QString& text) {
        QList<std::pair<qsizetype, qsizetype>> out;
        if (!QStringView(text).isValidUtf16())
            return out;
        for (SmtpStatus::Span m = next(text, 0); m.start >= 0; m = next(text, m.end))
            out.append({m.start, m.end});
        return out;
    };
    const QStringList pieces = {QStringLiteral("5.1.1"),
                                QStringLiteral("4.7.26"),
                                QStringLiteral("2.0.0"),
                                QStringLiteral("5.8.1"),
                                QStringLiteral("5.07.1"),
                                QStringLiteral("5.123.1"),
                                QStringLiteral("5.1.1234"),
                                QStringLiteral("5.1"),
                                QStringLiteral("550"),
                                QStringLiteral("421"),
                                QStringLiteral("256"),
                                QStringLiteral("599"),
                                QStringLiteral("360"),
                                QStringLiteral("5500"),
                                QStringLiteral("#"),
                                QStringLiteral("."),
                                QStringLiteral(":"),
                                QStringLiteral("-"),
                                QStringLiteral(" "),
                                QStringLiteral("\n"),
                                QStringLiteral("\t"),
                                QStringLiteral("\v"),
                                QStringLiteral("a"),
                                QStringLiteral("F"),
                                QStringLiteral("_"),
                                QStringLiteral("/"),
                                QStringLiteral("@"),
                                QStringLiteral("="),
                                QStringLiteral("*"),
                                QStringLiteral("%"),
                                QStringLiteral("+"),
                                QStringLiteral(")"),
                                QStringLiteral("]"),
                                QStringLiteral("\""),
                                QStringLiteral("'"),
                                QStringLiteral(","),
                                QStringLiteral(";"),
                                QStringLiteral("1"),
                                QStringLiteral("\u00e9"),
                                QStringLiteral("\u0665"),
                                QString(QChar(0xD83D)) + QChar(0xDCEC),
                                QString(QChar(0xD800))};
    QRandomGenerator random(9122026);
    int found = 0;
    for (int round = 0; round < 40000; ++round) {
        const QString text = test::randomJoin(random, pieces, 1 + static_cast<int>(random.bounded(9)));
        const auto statuses = scanned(&SmtpStatus::nextStatusCode, text);
        QCOMPARE(statuses, spans(status, text, 0));
        QCOMPARE(scanned(&SmtpStatus::nextReplyCode, text), spans(reply, text, 1));
        for (const int code : {550, 421, 256, 360, 599}) {
            qsizetype first = -1;
            for (const auto& [start, end] : spans(codeAt, text, 1)) {
                if (QStringView(text).sliced(start, end - start).toInt() == code) {
                    first = start;
                    break;
                }
            }
            QCOMPARE(SmtpStatus::replyCodeAt(text, code), first);
        }
        found += static_cast<int>(statuses.size());
    }
    QVERIFY(found > 5000);
}

QTEST_GUILESS_MAIN(TestSmtpStatus)
#include "TestSmtpStatus.moc"
