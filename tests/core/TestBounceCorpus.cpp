#include "DeliveryReportReader.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>

using namespace headerlens;

// Agreement with third-party corpora (shared/corpus, not in the repository). Prints figures and
// holds floors set just under what the readers reach, so a regression fails.
class TestBounceCorpus final : public QObject
{
    Q_OBJECT

private:
    static QList<QStringList> readTsv(const QString& path)
    {
        QList<QStringList> rows;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return rows;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (!lines[i].trimmed().isEmpty())
                rows.append(QString::fromUtf8(lines[i]).split(QLatin1Char('\t')));
        }
        return rows;
    }

private Q_SLOTS:
    void sisimai();
    void fluflBounce();
};

void TestBounceCorpus::sisimai()
{
    const QString dir = test::corpusDir() + QStringLiteral("/sisimai");
    if (test::corpusDir().isEmpty() || !QFile::exists(dir + QStringLiteral("/labels.tsv")))
        QSKIP("shared corpus not available");
    // file, recipient_index, status, replycode, ...
    QHash<QString, QList<QStringList>> labels;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/labels.tsv"))) {
        if (row.size() >= 4)
            labels[row[0]].append(row);
    }
    int files = 0, countOk = 0, statusRows = 0, statusOk = 0, replyRows = 0, replyOk = 0;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        const DeliveryReport report =
            DeliveryReportReader::read(MessageLoader::fromFile(dir + QStringLiteral("/eml/") + it.key()));
        ++files;
        countOk += report.recipients.size() == it.value().size();
        for (const QStringList& row : it.value()) {
            const int index = row[1].toInt() - 1;
            const RecipientReport* r =
                index >= 0 && index < report.recipients.size() ? &report.recipients.at(index) : nullptr;
            const QStringList parts = row[2].split(QLatin1Char('.'));
            if (parts.size() == 3 && parts[2].toInt() < 900) { // x.0.9xx are Sisimai's pseudo codes
                ++statusRows;
                statusOk += r && r->status == row[2];
            }
            if (!row[3].isEmpty()) {
                ++replyRows;
                replyOk += r && r->replyCode == row[3].toInt();
            }
        }
    }
    const double count = 100.0 * countOk / files;
    const double status = 100.0 * statusOk / statusRows;
    const double reply = 100.0 * replyOk / replyRows;
    qInfo("sisimai: recipients %d/%d = %.1f%%, status %d/%d = %.1f%%, reply %d/%d = %.1f%%", countOk, files,
          count, statusOk, statusRows, status, replyOk, replyRows, reply);
    QVERIFY2(count >= 98.0, "recipient count floor");
    QVERIFY2(status >= 96.5, "status floor");
    QVERIFY2(reply >= 96.0, "reply code floor");
}

void TestBounceCorpus::fluflBounce()
{
    const QString dir = test::corpusDir() + QStringLiteral("/flufl.bounce");
    if (test::corpusDir().isEmpty() || !QFile::exists(dir + QStringLiteral("/labels.tsv")))
        QSKIP("shared corpus not available");
    // file, source_test, detector, failure_class, expected_addresses ...
    QHash<QString, QSet<QString>> expected;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/labels.tsv"))) {
        if (row.size() < 5)
            continue;
        for (const QString& a : row[4].split(QLatin1Char(' '), Qt::SkipEmptyParts))
            expected[row[0]].insert(a.toLower());
    }
    int ok = 0;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const DeliveryReport report =
            DeliveryReportReader::read(MessageLoader::fromFile(dir + QStringLiteral("/eml/") + it.key()));
        QSet<QString> got;
        for (const RecipientReport& r : report.recipients)
            got.insert(r.address.toLower());
        ok += got.contains(it.value());
    }
    const double pct = 100.0 * ok / expected.size();
    qInfo("flufl.bounce: expected addresses found in %d/%d files = %.1f%%", ok, int(expected.size()), pct);
    QVERIFY2(pct >= 94.5, "address floor");
}

QTEST_GUILESS_MAIN(TestBounceCorpus)
#include "TestBounceCorpus.moc"
