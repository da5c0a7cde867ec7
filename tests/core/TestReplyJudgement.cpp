#include "BounceClassifier.h"
#include "BounceFormats.h"
#include "TestSupport.h"

#include <QTest>

using namespace headerlens;

// The verdict for reply lines and report sentences written from the MTAs' sources and the
// vendors' published error references (tests/data/replies/replies.tsv), not from the shared
// corpus: the words decide, whoever says them. Each line is read as the reader reads a server's
// reply (codes and stage from the words), with a known envelope sender, so that a refusal of the
// sender can be told from one of the recipient.
class TestReplyJudgement final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void judge_data();
    void judge();
};

void TestReplyJudgement::judge_data()
{
    QTest::addColumn<QStringList>("causes");
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("text");
    const QByteArray data = test::readData(QStringLiteral("replies/replies.tsv"));
    QVERIFY(!data.isEmpty());
    int rows = 0;
    for (const QByteArray& raw : data.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = line.split(QLatin1Char('\t'));
        QVERIFY2(f.size() == 6, qPrintable(QStringLiteral("malformed row: ") + line));
        const QString name = f[4] + QStringLiteral(": ") + f[5].left(90);
        QTest::newRow(qPrintable(name))
            << f[0].split(QLatin1Char('|')) << (f[1] == QLatin1String("1")) << f[2] << f[3] << f[5];
        ++rows;
    }
    QVERIFY(rows >= 100);
}

void TestReplyJudgement::judge()
{
    QFETCH(QStringList, causes);
    QFETCH(bool, remove);
    QFETCH(QString, action);
    QFETCH(QString, stage);
    QFETCH(QString, text);

    DeliveryReport report;
    const bool delayed = action == QLatin1String("delayed");
    report.kind = delayed ? ReportKind::DelayNotice : ReportKind::Bounce;
    report.senders = {QStringLiteral("sender@example.org")};
    RecipientReport r;
    r.address = QStringLiteral("rcpt@example.com");
    r.action = action;
    r.smtpCommand = stage;
    BounceFormats::fillFromServerText(r, text);
    r.diagnostic = text;
    report.recipients.append(r);

    const Classification c = BounceClassifier::classify(report, r);
    QString evidence;
    for (const Evidence& e : c.evidence)
        evidence += e.rule + QLatin1Char('=') + e.text + QStringLiteral("; ");
    // Both verdicts in one message: a wrong cause need not mean a wrong removal, and the count of
    // wrong removals is what a user pays for.
    const bool causeRight = causes.contains(c.cause);
    const bool removeRight = c.removeAddress == remove;
    QVERIFY2(causeRight && removeRight,
             qPrintable(QStringLiteral("cause %1 (%2), want %3; remove_address %4 (%5) (evidence: %6)")
                            .arg(c.cause, causeRight ? QStringLiteral("right") : QStringLiteral("wrong"),
                                 causes.join(QLatin1Char('|')))
                            .arg(c.removeAddress)
                            .arg(removeRight ? QStringLiteral("right") : QStringLiteral("wrong"), evidence)));
    if (delayed)
        QCOMPARE(toString(c.type), QStringLiteral("deferred"));
}

QTEST_GUILESS_MAIN(TestReplyJudgement)
#include "TestReplyJudgement.moc"
