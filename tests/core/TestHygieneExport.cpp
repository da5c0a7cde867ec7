#include "BatchExport.h"
#include "CsvWriter.h"
#include "HygieneExport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

class TestHygieneExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvQuoting_data();
    void csvQuoting();
    void serverTextWithCommasQuotesAndNewlinesSurvivesARoundTrip();
    void listsAndSuppression();
    void keepFixSenderIsGroupedByCauseAndSendingIp();
    void sendingIpSkipsTheReceivingServer();
    void writesFiveFiles();
    void batchRowsAsJson();
};

namespace {

// A minimal RFC 4180 reader, to check what a spreadsheet would read back.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n')) {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

AddressSummary summary(const QString& address, HygieneList list, const QString& cause,
                       const QString& diagnostic = {})
{
    AddressSummary s;
    s.address = address;
    s.domain = address.section(QLatin1Char('@'), 1);
    s.list = list;
    s.cause = cause;
    s.lastDiagnostic = diagnostic;
    s.advice = list == HygieneList::Remove ? Advice::RemoveAddress : Advice::FixSenderKeepAddress;
    if (cause == QLatin1String("feedback_report"))
        s.advice = Advice::StopSending;
    return s;
}

} // namespace

void TestHygieneExport::csvQuoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("written");
    QTest::newRow("plain text stays as it is") << "mailbox_full"
                                               << "mailbox_full";
    QTest::newRow("a comma is quoted") << "550 5.1.1 no, really"
                                       << "\"550 5.1.1 no, really\"";
    QTest::newRow("quotes are doubled inside quotes") << "said \"no\""
                                                      << "\"said \"\"no\"\"\"";
    QTest::newRow("a line break is quoted") << "line 1\nline 2"
                                            << "\"line 1\nline 2\"";
    QTest::newRow("a CR LF is quoted") << "a\r\nb"
                                       << "\"a\r\nb\"";
    QTest::newRow("leading space is kept by quoting") << " x"
                                                      << "\" x\"";
    QTest::newRow("a formula never starts a field") << "=HYPERLINK(\"x\")"
                                                    << "\"'=HYPERLINK(\"\"x\"\")\"";
    QTest::newRow("nor does + or @") << "@SUM(1)"
                                     << "'@SUM(1)";
    QTest::newRow("empty") << ""
                           << "";
}

void TestHygieneExport::csvQuoting()
{
    QFETCH(QString, value);
    QFETCH(QString, written);
    QCOMPARE(CsvWriter::field(value), written);
}

void TestHygieneExport::serverTextWithCommasQuotesAndNewlinesSurvivesARoundTrip()
{
    BounceEvent row;
    row.address = QStringLiteral("ann@example.org");
    row.type = BounceType::Hard;
    row.cause = QStringLiteral("mailbox_unknown");
    row.diagnostic = QStringLiteral("550 5.1.1 \"ann\", sorry:\nno such user, here");
    row.source.path = QStringLiteral("/tmp/a,b.mbox");
    row.source.ordinal = 3;
    const QByteArray csv = BatchExport::csv({row});
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0], BatchExport::columns());
    QCOMPARE(rows[1].size(), BatchExport::columns().size());
    QCOMPARE(rows[1][BatchExport::columns().indexOf(QStringLiteral("diagnostic"))], row.diagnostic);
    QCOMPARE(rows[1][BatchExport::columns().indexOf(QStringLiteral("file"))], row.source.path);
    QCOMPARE(rows[1][BatchExport::columns().indexOf(QStringLiteral("item"))], QStringLiteral("3"));
}

void TestHygieneExport::listsAndSuppression()
{
    const HygieneExport e(
        {summary(QStringLiteral("zed@example.org"), HygieneList::Remove, QStringLiteral("mailbox_unknown")),
         summary(QStringLiteral("amy@example.org"), HygieneList::Remove, QStringLiteral("feedback_report")),
         summary(QStringLiteral("kim@example.org"), HygieneList::Watch, QStringLiteral("mailbox_full")),
         summary(QStringLiteral("lou@example.org"), HygieneList::None, QStringLiteral("delivered"))});
    QCOMPARE(e.suppressionList(), QByteArray("amy@example.org\nzed@example.org\n"));
    QCOMPARE(e.count(HygieneList::Remove), 2);
    const QList<QStringList> remove = parseCsv(QString::fromUtf8(e.removeCsv()));
    QCOMPARE(remove.size(), 3);
    QCOMPARE(remove[1][0], QStringLiteral("amy@example.org"));
    QCOMPARE(remove[1][2], QStringLiteral("stop_sending")); // complainers are removed with stop_sending
    QCOMPARE(remove[2][2], QStringLiteral("remove_address"));
    QCOMPARE(parseCsv(QString::fromUtf8(e.watchCsv())).size(), 2);
    const QList<QStringList> all = parseCsv(QString::fromUtf8(e.combinedCsv()));
    QCOMPARE(all.size(), 4); // header, two to remove, one to watch: "none" is left out
    QCOMPARE(all[3][0], QStringLiteral("watch"));
}

void TestHygieneExport::keepFixSenderIsGroupedByCauseAndSendingIp()
{
    const HygieneExport e(
        {summary(QStringLiteral("a@one.example"), HygieneList::KeepFixSender, QStringLiteral("blocklisted"),
                 QStringLiteral("554 5.7.1 Client host [198.51.100.4] blocked using zen.spamhaus.org")),
         summary(QStringLiteral("b@two.example"), HygieneList::KeepFixSender, QStringLiteral("auth_failure"),
                 QStringLiteral("550 5.7.26 DMARC policy")),
         summary(QStringLiteral("c@three.example"), HygieneList::KeepFixSender, QStringLiteral("blocklisted"),
                 QStringLiteral("554 IP 192.0.2.9 listed")),
         summary(QStringLiteral("d@four.example"), HygieneList::KeepFixSender, QStringLiteral("blocklisted"),
                 QStringLiteral("554 blocked: 198.51.100.4 is on our list"))});
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(e.keepFixSenderCsv()));
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows[1][0], QStringLiteral("auth_failure"));
    QCOMPARE(rows[2][0], QStringLiteral("blocklisted 192.0.2.9"));
    QCOMPARE(rows[3][0], QStringLiteral("blocklisted 198.51.100.4"));
    QCOMPARE(rows[4][0], QStringLiteral("blocklisted 198.51.100.4"));
    QCOMPARE(rows[3][4], QStringLiteral("d@four.example")); // by domain within a group
}

void TestHygieneExport::sendingIpSkipsTheReceivingServer()
{
    QCOMPARE(
        HygieneExport::sendingIp(QStringLiteral("host mx[203.0.113.30] said: 554 Client host [198.51.100.4] "
                                                "blocked"),
                                 QStringLiteral("mx.example.com [203.0.113.30]")),
        QStringLiteral("198.51.100.4"));
    QCOMPARE(HygieneExport::sendingIp(QStringLiteral("version 1.2.3.4.5 only"), {}), QString());
    QCOMPARE(HygieneExport::sendingIp(QStringLiteral("no address"), {}), QString());
}

void TestHygieneExport::writesFiveFiles()
{
    QTemporaryDir dir;
    const HygieneExport e(
        {summary(QStringLiteral("zed@example.org"), HygieneList::Remove, QStringLiteral("mailbox_unknown"))});
    QString error;
    QVERIFY2(e.writeTo(dir.filePath(QStringLiteral("out/lists")), &error), qPrintable(error));
    for (const QString& name :
         {QStringLiteral("remove.csv"), QStringLiteral("keep-fix-sender.csv"), QStringLiteral("watch.csv"),
          QStringLiteral("suppression.txt"), QStringLiteral("hygiene.csv")})
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("out/lists/") + name)));
    QVERIFY(!e.writeTo(QStringLiteral("/proc/no-such-place"), &error));
    QVERIFY(!error.isEmpty());
}

void TestHygieneExport::batchRowsAsJson()
{
    BounceEvent row;
    row.address = QStringLiteral("ines@example.net");
    row.type = BounceType::Soft;
    row.cause = QStringLiteral("mailbox_full");
    row.advice = Advice::RetryAndMonitor;
    row.history.run = 3;
    row.history.escalated = true;
    row.history.evidence = QStringLiteral("3rd consecutive soft bounce since 2026-11-01");
    const QJsonObject o = QJsonDocument::fromJson(BatchExport::jsonLine(row)).object();
    QCOMPARE(o.value(QStringLiteral("advice")).toString(), QStringLiteral("remove_address"));
    QCOMPARE(o.value(QStringLiteral("remove_address")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("soft"));
    QCOMPARE(o.value(QStringLiteral("history")).toObject().value(QStringLiteral("evidence")).toString(),
             row.history.evidence);
    QVERIFY(o.value(QStringLiteral("reply_code")).isNull());
}

QTEST_GUILESS_MAIN(TestHygieneExport)
#include "TestHygieneExport.moc"
