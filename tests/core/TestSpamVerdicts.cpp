#include "MessageLoader.h"
#include "SpamVerdict.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

class TestSpamVerdicts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void microsoft();
    void spamAssassinAndAmavis();
    void rspamdAndBarracuda();
    void malformedFieldsAreKept();
};

namespace {

QList<SpamVerdict> fromFixture(const QString& name)
{
    return SpamVerdicts::fromHeaders(MessageLoader::fromFile(test::dataPath(name)).headers);
}

const SpamVerdict* named(const QList<SpamVerdict>& verdicts, const QString& field)
{
    for (const SpamVerdict& v : verdicts) {
        if (v.field.compare(field, Qt::CaseInsensitive) == 0)
            return &v;
    }
    return nullptr;
}

SpamVerdict one(const QString& name, const QString& value)
{
    const QList<SpamVerdict> v = SpamVerdicts::fromHeaders({{name, {}, value, 0}});
    return v.isEmpty() ? SpamVerdict() : v.first();
}

} // namespace

void TestSpamVerdicts::microsoft()
{
    const QList<SpamVerdict> verdicts = fromFixture(QStringLiteral("auth/office365-received.eml"));
    const SpamVerdict* report = named(verdicts, QStringLiteral("X-Forefront-Antispam-Report"));
    QVERIFY(report);
    QCOMPARE(report->filter, QStringLiteral("Microsoft Exchange Online Protection"));
    QCOMPARE(report->value(u"CIP"), QStringLiteral("198.51.100.80"));
    QCOMPARE(report->value(u"PTR"), QStringLiteral("out-80.mailer.esp.example"));
    QCOMPARE(report->value(u"H"), QStringLiteral("out-80.mailer.esp.example"));
    QCOMPARE(report->value(u"SFV"), QStringLiteral("SPM"));
    QCOMPARE(report->value(u"CAT"), QStringLiteral("BULK"));
    QCOMPARE(report->value(u"IPV"), QStringLiteral("NLI"));
    QVERIFY(report->spam.value_or(false));
    QCOMPARE(report->score.value_or(-9), 5.0);
    const QString meanings = report->meanings.join(QLatin1Char('|'));
    QVERIFY2(meanings.contains(QStringLiteral("SCL 5: spam (junk folder)")), qPrintable(meanings));
    QVERIFY(meanings.contains(QStringLiteral("SFV SPM: marked spam by the spam filter")));
    QVERIFY(meanings.contains(QStringLiteral("IPV NLI")));
    QVERIFY(meanings.contains(QStringLiteral("CAT BULK: bulk mail")));

    const SpamVerdict* scl = named(verdicts, QStringLiteral("X-MS-Exchange-Organization-SCL"));
    QVERIFY(scl);
    QVERIFY(scl->spam.value_or(false));
    const SpamVerdict* authAs = named(verdicts, QStringLiteral("X-MS-Exchange-Organization-AuthAs"));
    QVERIFY(authAs);
    QVERIFY(authAs->meanings.join(QString()).contains(QStringLiteral("unauthenticated")));
    const SpamVerdict* bcl = named(verdicts, QStringLiteral("X-Microsoft-Antispam"));
    QVERIFY(bcl);
    QVERIFY(bcl->meanings.join(QString()).contains(QStringLiteral("BCL 7")));
    QCOMPARE(one(QStringLiteral("X-MS-Exchange-Organization-SCL"), QStringLiteral("-1")).spam, false);
    QVERIFY(one(QStringLiteral("X-MS-Exchange-Organization-SCL"), QStringLiteral("-1"))
                .meanings.first()
                .contains(QStringLiteral("skipped")));
}

void TestSpamVerdicts::spamAssassinAndAmavis()
{
    const QList<SpamVerdict> verdicts = fromFixture(QStringLiteral("auth/spamassassin-amavis.eml"));
    const SpamVerdict* status = named(verdicts, QStringLiteral("X-Spam-Status"));
    QVERIFY(status);
    QCOMPARE(status->filter, QStringLiteral("SpamAssassin"));
    QVERIFY(status->spam.value_or(false));
    QCOMPARE(status->score.value_or(0), 7.84);
    QCOMPARE(status->threshold.value_or(0), 5.0);
    QCOMPARE(
        status->value(u"tests"),
        QStringLiteral("BAYES_80=2,RCVD_IN_PBL=3.335,RDNS_NONE=0.793,SPF_SOFTFAIL=0.665,URIBL_BLOCKED=0.001,"
                       "HTML_MESSAGE=0.001"));
    QCOMPARE(status->value(u"autolearn"), QStringLiteral("no"));
    QVERIFY(named(verdicts, QStringLiteral("X-Spam-Flag"))->spam.value_or(false));
    QCOMPARE(named(verdicts, QStringLiteral("X-Spam-Level"))->score.value_or(0), 7.0);
    QCOMPARE(named(verdicts, QStringLiteral("X-Spam-Score"))->score.value_or(0), 7.84);

    // The classic SpamAssassin form
    const SpamVerdict no =
        one(QStringLiteral("X-Spam-Status"),
            QStringLiteral("No, score=-0.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID,SPF_PASS autolearn=ham "
                           "autolearn_force=no version=3.4.6"));
    QCOMPARE(no.spam, false);
    QCOMPARE(no.score.value_or(9), -0.1);
    QCOMPARE(no.value(u"tests"), QStringLiteral("DKIM_SIGNED,DKIM_VALID,SPF_PASS"));
    QCOMPARE(no.value(u"version"), QStringLiteral("3.4.6"));
    // Field names are case-insensitive (RFC 5322 section 1.2.2): some relays write them in lower
    // case, and the shortest name is found as well as the longer ones.
    const SpamVerdict lower =
        one(QStringLiteral("x-spam-status"), QStringLiteral("Yes, score=6.2 required=5.0"));
    QCOMPARE(lower.filter, QStringLiteral("SpamAssassin"));
    QVERIFY(lower.spam.value_or(false));
    QCOMPARE(lower.score.value_or(0), 6.2);
    QVERIFY(one(QStringLiteral("X-Spam"), QStringLiteral("Yes")).spam.value_or(false));
    QVERIFY(!one(QStringLiteral("X-Spa"), QStringLiteral("Yes")).spam.has_value());
}

void TestSpamVerdicts::rspamdAndBarracuda()
{
    const SpamVerdict rspamd =
        one(QStringLiteral("X-Spamd-Result"),
            QStringLiteral("default: False [3.40 / 15.00]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24]; "
                           "DMARC_POLICY_ALLOW(-0.50)[example.org,reject]; BAYES_SPAM(5.10)[99.99%]"));
    QCOMPARE(rspamd.filter, QStringLiteral("Rspamd"));
    QCOMPARE(rspamd.spam, false);
    QCOMPARE(rspamd.score.value_or(0), 3.4);
    QCOMPARE(rspamd.threshold.value_or(0), 15.0);
    QCOMPARE(rspamd.value(u"symbols"),
             QStringLiteral("R_SPF_ALLOW(-0.20),DMARC_POLICY_ALLOW(-0.50),BAYES_SPAM(5.10)"));
    QCOMPARE(one(QStringLiteral("X-Rspamd-Action"), QStringLiteral("add header")).spam, true);
    QCOMPARE(one(QStringLiteral("X-Rspamd-Action"), QStringLiteral("no action")).spam, false);
    QCOMPARE(one(QStringLiteral("X-Spam"), QStringLiteral("Yes")).spam, true);
    const SpamVerdict barracuda =
        one(QStringLiteral("X-Barracuda-Spam-Status"),
            QStringLiteral("No, SCORE=0.52 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 "
                           "KILL_LEVEL=8.0 tests=HTML_MESSAGE, BSF_SC0_MISMATCH_TO"));
    QCOMPARE(barracuda.filter, QStringLiteral("Barracuda"));
    QCOMPARE(barracuda.spam, false);
    QCOMPARE(barracuda.score.value_or(0), 0.52);
    QCOMPARE(barracuda.threshold.value_or(0), 3.5);
}

void TestSpamVerdicts::malformedFieldsAreKept()
{
    const SpamVerdict forefront = one(QStringLiteral("X-Forefront-Antispam-Report"),
                                      QStringLiteral("garbage without colons;;;SCL:high"));
    QCOMPARE(forefront.raw, QStringLiteral("garbage without colons;;;SCL:high"));
    QVERIFY(!forefront.spam.has_value());
    QVERIFY(forefront.meanings.join(QString()).contains(QStringLiteral("not a level")));
    const SpamVerdict status = one(QStringLiteral("X-Spam-Status"), QStringLiteral("Maybe, score=abc"));
    QVERIFY(!status.spam.has_value());
    QVERIFY(!status.problems.isEmpty());
    QCOMPARE(status.meanings.first(), QStringLiteral("no verdict"));
    const SpamVerdict rspamd = one(QStringLiteral("X-Spamd-Result"), QStringLiteral("not the rspamd form"));
    QVERIFY(!rspamd.problems.isEmpty());
}

QTEST_GUILESS_MAIN(TestSpamVerdicts)
#include "TestSpamVerdicts.moc"
