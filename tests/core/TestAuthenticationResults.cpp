#include "AuthenticationResults.h"
#include "TestSupport.h"

#include <QFile>

#include <QTest>

using namespace headerlens;

class TestAuthenticationResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void arcAndReceivedSpf();
    void propertiesCommentsAndReason();
    void quotedPairsAndNestedComments();
    void policyAndVersions();
    void malformedValuesAreKeptAndNamed_data();
    void malformedValuesAreKeptAndNamed();
    void everyFieldOfAFixtureIsRead();
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

void TestAuthenticationResults::propertiesCommentsAndReason()
{
    const AuthenticationField field = AuthenticationResults::parseField(
        QStringLiteral("mx.google.com; dkim=pass header.i=@example.org header.s=mail2024 header.b=Xk3pQ9aB; "
                       "spf=pass (google.com: domain of alice@example.org designates 192.0.2.25 as permitted "
                       "sender) smtp.mailfrom=alice@example.org; dmarc=pass (p=REJECT sp=REJECT dis=NONE) "
                       "header.from=example.org; compauth=fail reason=000 (composite)"),
        QStringLiteral("Authentication-Results"));
    QVERIFY(field.problems.isEmpty());
    QCOMPARE(field.results.size(), 4);
    const AuthResult& dkim = field.results[0];
    QCOMPARE(dkim.property(u"header.b"), QStringLiteral("Xk3pQ9aB"));
    QCOMPARE(dkim.property(u"HEADER.S"), QStringLiteral("mail2024"));
    QCOMPARE(dkim.property(u"header.i"), QStringLiteral("@example.org"));
    const AuthResult& spf = field.results[1];
    QCOMPARE(
        spf.resultComment,
        QStringLiteral("google.com: domain of alice@example.org designates 192.0.2.25 as permitted sender"));
    QCOMPARE(spf.reason, spf.resultComment); // no reason=: the comment stands in
    QVERIFY(spf.raw.startsWith(QStringLiteral("spf=pass (google.com:")));
    QCOMPARE(field.results[2].comments, QStringList{QStringLiteral("p=REJECT sp=REJECT dis=NONE")});
    const AuthResult& compauth = field.results[3];
    QCOMPARE(compauth.reasonText, QStringLiteral("000"));
    QCOMPARE(compauth.reason, QStringLiteral("000"));
    QCOMPARE(compauth.comments, QStringList{QStringLiteral("composite")});
    QVERIFY(compauth.knownMethod);
    for (const AuthResult& r : field.results)
        QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(QLatin1Char('|'))));
}

// RFC 5322 quoted-pairs ("\\@") stand for the character after the backslash, also inside a
// quoted string; a comment may hold comments, which stay part of its text.
void TestAuthenticationResults::quotedPairsAndNestedComments()
{
    const AuthenticationField field = AuthenticationResults::parseField(
        QStringLiteral("mx.example.net; spf=pass (sender (nested) ok) smtp.mailfrom=a\\@b.example "
                       "reason=\"x\\\"y\""),
        QStringLiteral("Authentication-Results"));
    QCOMPARE(field.results.size(), 1);
    const AuthResult& spf = field.results[0];
    QCOMPARE(spf.resultComment, QStringLiteral("sender (nested) ok"));
    QCOMPARE(spf.property(u"smtp.mailfrom"), QStringLiteral("a@b.example"));
    QCOMPARE(spf.reasonText, QStringLiteral("x\"y"));
}

void TestAuthenticationResults::policyAndVersions()
{
    // RFC 8601 section 2.2: a version after the authserv-id, methods with a version, CFWS around
    // '=' and '/', quoted values, policy.* properties.
    const AuthenticationField field = AuthenticationResults::parseField(
        QStringLiteral("mx.example.org 1; dkim/1 = pass header.d=example.com; "
                       "dmarc=fail policy.dmarc=reject policy.published-domain-policy=quarantine "
                       "header.from=\"example.com\"; iprev=fail policy.iprev=203.0.113.45 (NXDOMAIN); "
                       "auth=pass smtp.auth=sender@example.com"),
        QStringLiteral("Authentication-Results"));
    QVERIFY2(field.problems.isEmpty(), qPrintable(field.problems.join(QLatin1Char('|'))));
    QCOMPARE(field.authServId, QStringLiteral("mx.example.org"));
    QCOMPARE(field.version, QStringLiteral("1"));
    QCOMPARE(field.results.size(), 4);
    QCOMPARE(field.results[0].method, QStringLiteral("dkim"));
    QCOMPARE(field.results[0].methodVersion, QStringLiteral("1"));
    QCOMPARE(field.results[0].result, QStringLiteral("pass"));
    QCOMPARE(field.results[1].property(u"policy.dmarc"), QStringLiteral("reject"));
    QCOMPARE(field.results[1].property(u"policy.published-domain-policy"), QStringLiteral("quarantine"));
    QCOMPARE(field.results[1].property(u"header.from"), QStringLiteral("example.com"));
    QCOMPARE(field.results[2].property(u"policy.iprev"), QStringLiteral("203.0.113.45"));
    QCOMPARE(field.results[2].comments, QStringList{QStringLiteral("NXDOMAIN")});
    QCOMPARE(field.results[3].property(u"smtp.auth"), QStringLiteral("sender@example.com"));
}

void TestAuthenticationResults::malformedValuesAreKeptAndNamed_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // method=result of what could still be read
    QTest::addColumn<QString>("problem");  // a word the problems must contain

    QTest::newRow("a comment that never closes ends at the next semicolon")
        << QStringLiteral("mx.example.com; spf=pass (sender IP is 192.0.2.44 smtp.mailfrom=a@example.net; "
                          "dkim=pass header.d=example.net")
        << QStringLiteral("spf=pass,dkim=pass") << QStringLiteral("never closed");
    QTest::newRow("a ')' that closes nothing is dropped")
        << QStringLiteral("mx.example.com; dkim=pass header.d=example.net) extra")
        << QStringLiteral("dkim=pass") << QStringLiteral("closes no comment");
    QTest::newRow("missing semicolons between results still give every result")
        << QStringLiteral(
               "mx.example.com; spf=pass smtp.mailfrom=a@example.net dkim=fail header.d=example.net "
               "dmarc=fail header.from=example.net")
        << QStringLiteral("spf=pass,dkim=fail,dmarc=fail") << QStringLiteral("no ';' before");
    QTest::newRow("a missing semicolon after the authserv-id")
        << QStringLiteral("mx.example.com spf=pass smtp.mailfrom=example.net") << QStringLiteral("spf=pass")
        << QStringLiteral("after the authserv-id");
    QTest::newRow("unknown methods and results are kept and named")
        << QStringLiteral("mx.example.com; foo=pass header.x=1; x-custom=ok; spf=bogus")
        << QStringLiteral("foo=pass,x-custom=ok,spf=bogus") << QStringLiteral("not a registered");
    QTest::newRow("Microsoft 365's tenant domain between results is no problem")
        << QStringLiteral(
               "spf=pass (sender IP is 192.0.2.2) smtp.mailfrom=amazonses.com; example.com; dkim=pass "
               "(signature was verified) header.d=amazonses.com;example.com; dmarc=none action=none "
               "header.from=example.net;")
        << QStringLiteral("spf=pass,dkim=pass,dmarc=none") << QString();
    QTest::newRow("40 kB of closing parentheses")
        << QString(40000, QLatin1Char(')')) << QString() << QStringLiteral("40000 ')' close no comment");
    QTest::newRow("an open quoted string")
        << QStringLiteral("\"mx.example.com; dkim=pass") << QString() << QStringLiteral("quoted string");
    QTest::newRow("only separators and open comments")
        << QStringLiteral(";;; = ; (((") << QString() << QStringLiteral("never closed");
    QTest::newRow("a value of 40 kB of parentheses")
        << QString(40000, QLatin1Char('(')) << QString() << QStringLiteral("never closed");
}

void TestAuthenticationResults::malformedValuesAreKeptAndNamed()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, problem);
    const AuthenticationField field =
        AuthenticationResults::parseField(value, QStringLiteral("Authentication-Results"));
    QCOMPARE(field.value, value); // shown raw
    QStringList got;
    QStringList problems = field.problems;
    for (const AuthResult& r : field.results) {
        got << r.method + QLatin1Char('=') + r.result;
        problems += r.problems;
    }
    QCOMPARE(got.join(QLatin1Char(',')), expected);
    if (problem.isEmpty())
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('|'))));
    else
        QVERIFY2(problems.join(QLatin1Char('|')).contains(problem),
                 qPrintable(problems.join(QLatin1Char('|'))));
}

void TestAuthenticationResults::everyFieldOfAFixtureIsRead()
{
    const QString path = test::dataPath(QStringLiteral("auth/malformed-auth.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    HeaderList headers;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith('\t') || line.startsWith(' '))
            continue;
        headers.append({QString::fromUtf8(line.left(colon)),
                        {},
                        QString::fromUtf8(line.mid(colon + 1)).trimmed(),
                        static_cast<qint64>(headers.size())});
    }
    const QList<AuthenticationField> fields = AuthenticationResults::fieldsFromHeaders(headers);
    QCOMPARE(fields.size(), 9); // 7 Authentication-Results, Received-SPF, ARC-Authentication-Results
    for (const AuthenticationField& f : fields) {
        QVERIFY(f.index >= 0);
        QVERIFY(!f.value.isEmpty());
    }
    QCOMPARE(fields[7].name, QStringLiteral("Received-SPF"));
    QVERIFY(!fields[7].problems.isEmpty());
    QCOMPARE(fields[8].arcInstance, 3);
}

QTEST_GUILESS_MAIN(TestAuthenticationResults)
#include "TestAuthenticationResults.moc"
