#include "ArcChain.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

class TestArcChain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aMailingListChainHasTwoSets();
    void brokenChains_data();
    void brokenChains();
    void fieldsParsedAlreadyAreNotParsedAgain();
};

namespace {

HeaderField field(const QString& name, const QString& value)
{
    return {name, {}, value, -1};
}

HeaderList completeSet(int i, const QString& cv, const QString& domain)
{
    return {field(QStringLiteral("ARC-Seal"),
                  QStringLiteral("i=%1; a=rsa-sha256; cv=%2; d=%3; s=arc; t=1733562011; b=AAAA")
                      .arg(i)
                      .arg(cv, domain)),
            field(QStringLiteral("ARC-Message-Signature"),
                  QStringLiteral("i=%1; a=rsa-sha256; d=%2; s=arc; h=from; bh=AA; b=BB").arg(i).arg(domain)),
            field(QStringLiteral("ARC-Authentication-Results"),
                  QStringLiteral("i=%1; mx.%2; spf=pass smtp.mailfrom=%2").arg(i).arg(domain))};
}

} // namespace

void TestArcChain::aMailingListChainHasTwoSets()
{
    const ParsedMessage message =
        MessageLoader::fromFile(test::dataPath(QStringLiteral("auth/arc-mailing-list.eml")));
    const ArcChain chain = ArcChain::fromHeaders(message.headers);
    QCOMPARE(chain.sets.size(), 2);
    QCOMPARE(chain.state, QStringLiteral("pass"));
    QVERIFY2(chain.problems.isEmpty(), qPrintable(chain.problems.join(QLatin1Char('|'))));
    const ArcSet& first = chain.sets[0];
    QCOMPARE(first.instance, 1);
    QCOMPARE(first.chainValidation, QStringLiteral("none"));
    QCOMPARE(first.sealDomain, QStringLiteral("lists.example.org"));
    QCOMPARE(first.signatureDomain, QStringLiteral("lists.example.org"));
    QCOMPARE(first.authServId, QStringLiteral("mail.lists.example.org"));
    QCOMPARE(first.results.size(), 3);
    QCOMPARE(first.results[2].method, QStringLiteral("dmarc"));
    QCOMPARE(first.results[2].result, QStringLiteral("pass"));
    const ArcSet& second = chain.sets[1];
    QCOMPARE(second.instance, 2);
    QCOMPARE(second.chainValidation, QStringLiteral("pass"));
    QCOMPARE(second.sealDomain, QStringLiteral("receiver.example"));
    QCOMPARE(second.results.first().method, QStringLiteral("arc"));
    QVERIFY(second.firstFieldIndex < first.firstFieldIndex); // newest set on top
}

void TestArcChain::brokenChains_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QString>("problem");

    QTest::newRow("a gap in the instances")
        << HeaderList(completeSet(3, QStringLiteral("pass"), QStringLiteral("c.example")) +
                      completeSet(1, QStringLiteral("none"), QStringLiteral("a.example")))
        << QStringLiteral("instance 2 is missing");
    QTest::newRow("a set without its seal")
        << HeaderList(completeSet(1, QStringLiteral("none"), QStringLiteral("a.example")).mid(1))
        << QStringLiteral("no ARC-Seal");
    QTest::newRow("two seals for one instance")
        << HeaderList(completeSet(1, QStringLiteral("none"), QStringLiteral("a.example")) +
                      completeSet(1, QStringLiteral("none"), QStringLiteral("a.example")).mid(0, 1))
        << QStringLiteral("exactly one");
    QTest::newRow("cv=fail from a later sealer")
        << HeaderList(completeSet(2, QStringLiteral("fail"), QStringLiteral("b.example")) +
                      completeSet(1, QStringLiteral("none"), QStringLiteral("a.example")))
        << QStringLiteral("cv=fail");
    QTest::newRow("i=1 must say cv=none")
        << completeSet(1, QStringLiteral("pass"), QStringLiteral("a.example"))
        << QStringLiteral("must say cv=none");
    QTest::newRow("an instance that is no number")
        << HeaderList{field(QStringLiteral("ARC-Seal"), QStringLiteral("i=zero; cv=maybe"))}
        << QStringLiteral("no valid instance");
}

void TestArcChain::brokenChains()
{
    QFETCH(HeaderList, headers);
    QFETCH(QString, problem);
    const ArcChain chain = ArcChain::fromHeaders(headers);
    QCOMPARE(chain.state, chain.sets.isEmpty() ? QStringLiteral("none") : QStringLiteral("fail"));
    QStringList all = chain.problems;
    for (const ArcSet& s : chain.sets)
        all += s.problems;
    QVERIFY2(all.join(QLatin1Char('|')).contains(problem), qPrintable(all.join(QLatin1Char('|'))));
}

// The assessment parses every authentication field once and hands the ARC chain the parsed ones:
// the chain is the one read from the headers alone, and its results are the parsed fields' own.
void TestArcChain::fieldsParsedAlreadyAreNotParsedAgain()
{
    const QList<HeaderList> inputs = {
        MessageLoader::fromFile(test::dataPath(QStringLiteral("auth/arc-mailing-list.eml"))).headers,
        HeaderList(completeSet(3, QStringLiteral("pass"), QStringLiteral("c.example")) +
                   completeSet(1, QStringLiteral("none"), QStringLiteral("a.example"))),
        HeaderList{
            field(QStringLiteral("ARC-Authentication-Results"), QStringLiteral("i=x; mx.example; spf=pass"))},
    };
    for (const HeaderList& headers : inputs) {
        const ArcChain alone = ArcChain::fromHeaders(headers);
        const ArcChain given =
            ArcChain::fromHeaders(headers, AuthenticationResults::fieldsFromHeaders(headers));
        QCOMPARE(given.state, alone.state);
        QCOMPARE(given.problems, alone.problems);
        QCOMPARE(given.sets.size(), alone.sets.size());
        for (qsizetype i = 0; i < alone.sets.size(); ++i) {
            const ArcSet& a = alone.sets[i];
            const ArcSet& g = given.sets[i];
            QCOMPARE(g.instance, a.instance);
            QCOMPARE(g.authServId, a.authServId);
            QCOMPARE(g.problems, a.problems);
            QCOMPARE(g.firstFieldIndex, a.firstFieldIndex);
            QCOMPARE(g.results.size(), a.results.size());
            for (qsizetype r = 0; r < a.results.size(); ++r) {
                QCOMPARE(g.results[r].method, a.results[r].method);
                QCOMPARE(g.results[r].result, a.results[r].result);
                QCOMPARE(g.results[r].fieldIndex, a.results[r].fieldIndex);
            }
        }
    }
    // The parsed field is taken as given (here with its result changed), not parsed again.
    const HeaderList headers = completeSet(1, QStringLiteral("none"), QStringLiteral("a.example"));
    QList<AuthenticationField> parsed = AuthenticationResults::fieldsFromHeaders(headers);
    QCOMPARE(parsed.size(), 1);
    QCOMPARE(parsed[0].results.size(), 1);
    parsed[0].results[0].result = QStringLiteral("softfail");
    const ArcChain chain = ArcChain::fromHeaders(headers, parsed);
    QCOMPARE(chain.sets.size(), 1);
    QCOMPARE(chain.sets[0].results[0].result, QStringLiteral("softfail"));
}

QTEST_GUILESS_MAIN(TestArcChain)
#include "TestArcChain.moc"
