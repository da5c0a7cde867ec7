#include "Analyzer.h"
#include "TestSupport.h"

#include <QFile>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QTest>

using namespace headerlens;

// Agreement with third-party corpora (shared/corpus, not in the repository): the delivery-report
// readers (recipients, status, reply code, addresses) and the classifier (cause, removal) against
// the labels those projects publish. Prints figures and holds floors set just under what we
// reach, so a regression fails. Skips cleanly on a fresh clone without the corpus.
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

namespace {

// Sisimai reason -> our cause vocabulary (the corpus README's table, DOMAIN.md section 2).
QString causeForReason(const QString& reason)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("userunknown"), QStringLiteral("mailbox_unknown")},
        {QStringLiteral("hostunknown"), QStringLiteral("domain_unknown")},
        {QStringLiteral("notaccept"), QStringLiteral("domain_not_accepting")},
        {QStringLiteral("hasmoved"), QStringLiteral("address_moved")},
        {QStringLiteral("suspend"), QStringLiteral("mailbox_disabled")},
        {QStringLiteral("mailboxfull"), QStringLiteral("mailbox_full")},
        {QStringLiteral("mesgtoobig"), QStringLiteral("message_too_large")},
        {QStringLiteral("exceedlimit"), QStringLiteral("message_too_large")},
        {QStringLiteral("filtered"), QStringLiteral("recipient_filter")},
        {QStringLiteral("rejected"), QStringLiteral("sender_rejected")},
        {QStringLiteral("blocked"), QStringLiteral("blocklisted")},
        {QStringLiteral("badreputation"), QStringLiteral("bad_reputation")},
        {QStringLiteral("requireptr"), QStringLiteral("missing_ptr")},
        {QStringLiteral("authfailure"), QStringLiteral("auth_failure")},
        {QStringLiteral("policyviolation"), QStringLiteral("policy")},
        {QStringLiteral("spamdetected"), QStringLiteral("spam_content")},
        {QStringLiteral("virusdetected"), QStringLiteral("virus")},
        {QStringLiteral("contenterror"), QStringLiteral("content_rejected")},
        {QStringLiteral("notcompliantrfc"), QStringLiteral("not_rfc_compliant")},
        {QStringLiteral("securityerror"), QStringLiteral("security_error")},
        {QStringLiteral("failedstarttls"), QStringLiteral("tls_failure")},
        {QStringLiteral("norelaying"), QStringLiteral("relay_denied")},
        {QStringLiteral("syntaxerror"), QStringLiteral("syntax_error")},
        {QStringLiteral("toomanyconn"), QStringLiteral("rate_limited")},
        {QStringLiteral("speeding"), QStringLiteral("rate_limited")},
        {QStringLiteral("ratelimited"), QStringLiteral("rate_limited")},
        {QStringLiteral("systemerror"), QStringLiteral("server_error")},
        {QStringLiteral("mailererror"), QStringLiteral("server_error")},
        {QStringLiteral("systemfull"), QStringLiteral("server_error")},
        {QStringLiteral("networkerror"), QStringLiteral("network_error")},
        {QStringLiteral("expired"), QStringLiteral("expired")},
        {QStringLiteral("onhold"), QStringLiteral("undetermined")},
        {QStringLiteral("undefined"), QStringLiteral("undetermined")},
        {QStringLiteral("delivered"), QStringLiteral("delivered")},
        {QStringLiteral("vacation"), QStringLiteral("auto_reply")},
        {QStringLiteral("feedback"), QStringLiteral("feedback_report")},
        {QStringLiteral("suppressed"), QStringLiteral("suppressed")},
    };
    return map.value(reason);
}

// Where we disagree with the labels on purpose, and why. Counted and printed apart.
struct Disagreement
{
    const char* row; // file#recipient
    const char* why;
};
const Disagreement Deliberate[] = {
    {"lhost-exim-46.eml#1",
     "\"Missing reverse DNS\" names the cause precisely: missing_ptr, not a generic block"},
    {"lhost-gmail-08.eml#1",
     "a delay notice: the message is still queued, so it has not expired (DOMAIN.md)"},
    {"lhost-messagingserver-07.eml#1",
     "a delay notice whose last error is a connection timeout: network_error"},
    {"lhost-outlook-06.eml#1", "a delay notice with no reason given: undetermined, not expired"},
    {"rhost-outlook-06.eml#1", "a delay notice with no reason given: undetermined, not expired"},
    {"rfc3464-55.eml#1", "a delay notice: could not connect, still retrying: network_error"},
    {"rhost-gsuite-06.eml#1", "a delay notice: could not connect, still retrying: network_error"},
    {"lhost-opensmtpd-12.eml#1",
     "a delay notice (4.0.0) about a missing MX: not removed while the sender still retries"},
    {"rfc3464-01.eml#1", "the server says \"User Unknown\" with 5.1.1; the label says mailbox full"},
};

} // namespace

void TestBounceCorpus::sisimai()
{
    const QString dir = test::corpusDir() + QStringLiteral("/sisimai");
    if (test::corpusDir().isEmpty() || !QFile::exists(dir + QStringLiteral("/labels.tsv")))
        QSKIP("shared corpus not available");
    // file, recipient_index, status, replycode, reason, hardbounce, source_module
    QMap<QString, QList<QStringList>> labels;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/labels.tsv"))) {
        if (row.size() >= 6)
            labels[row[0]].append(row);
    }
    QHash<QString, const char*> deliberate;
    for (const Disagreement& d : Deliberate)
        deliberate.insert(QString::fromLatin1(d.row), d.why);

    int files = 0, countOk = 0, statusRows = 0, statusOk = 0, replyRows = 0, replyOk = 0;
    int rows = 0, causeOk = 0, removeOk = 0, onPurpose = 0;
    QMap<QString, QPair<int, int>> byReason;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        const Analysis analysis = Analyzer::analyzeFile(dir + QStringLiteral("/eml/") + it.key());
        ++files;
        countOk += analysis.recipients.size() == it.value().size();
        for (const QStringList& row : it.value()) {
            const int index = row[1].toInt() - 1;
            const RecipientAnalysis* r =
                index >= 0 && index < analysis.recipients.size() ? &analysis.recipients.at(index) : nullptr;
            const QStringList parts = row[2].split(QLatin1Char('.'));
            if (parts.size() == 3 && parts[2].toInt() < 900) { // x.0.9xx are Sisimai's pseudo codes
                ++statusRows;
                statusOk += r && r->report.status == row[2];
            }
            if (!row[3].isEmpty()) {
                ++replyRows;
                replyOk += r && r->report.replyCode == row[3].toInt();
            }
            ++rows;
            const QString want = causeForReason(row[4]);
            const bool causeAgrees = r && r->classification.cause == want;
            const bool removeAgrees = r && r->classification.removeAddress == (row[5] == QLatin1String("1"));
            causeOk += causeAgrees;
            removeOk += removeAgrees;
            byReason[row[4]].first += causeAgrees;
            byReason[row[4]].second += 1;
            const QString key = it.key() + QLatin1Char('#') + row[1];
            if (!causeAgrees && deliberate.contains(key)) {
                ++onPurpose;
                qInfo("  on purpose: %s: label %s, ours %s - %s", qPrintable(key), qPrintable(want),
                      r ? qPrintable(r->classification.cause) : "none", deliberate.value(key));
            }
        }
    }
    const double count = 100.0 * countOk / files;
    const double status = 100.0 * statusOk / statusRows;
    const double reply = 100.0 * replyOk / replyRows;
    const double cause = 100.0 * causeOk / rows;
    const double remove = 100.0 * removeOk / rows;
    qInfo("sisimai: recipients %d/%d = %.1f%%, status %d/%d = %.1f%%, reply %d/%d = %.1f%%", countOk, files,
          count, statusOk, statusRows, status, replyOk, replyRows, reply);
    qInfo("sisimai: cause %d/%d = %.1f%% (%d more rows differ on purpose), remove_address %d/%d = %.1f%%",
          causeOk, rows, cause, onPurpose, removeOk, rows, remove);
    QStringList perReason;
    for (auto it = byReason.cbegin(); it != byReason.cend(); ++it)
        perReason << QStringLiteral("%1 %2/%3").arg(it.key()).arg(it.value().first).arg(it.value().second);
    qInfo("sisimai: cause by label reason: %s", qPrintable(perReason.join(QStringLiteral(", "))));
    QVERIFY2(count >= 99.5, "recipient count floor");
    QVERIFY2(status >= 99.0, "status floor");
    QVERIFY2(reply >= 98.5, "reply code floor");
    QVERIFY2(cause >= 90.0, "cause floor");
    QVERIFY2(remove >= 96.0, "remove_address floor");
}

void TestBounceCorpus::fluflBounce()
{
    const QString dir = test::corpusDir() + QStringLiteral("/flufl.bounce");
    if (test::corpusDir().isEmpty() || !QFile::exists(dir + QStringLiteral("/labels.tsv")))
        QSKIP("shared corpus not available");
    // file, source_test, detector, failure_class, expected_addresses ...
    QHash<QString, QSet<QString>> expected;
    QSet<QString> temporary;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/labels.tsv"))) {
        if (row.size() < 5)
            continue;
        for (const QString& a : row[4].split(QLatin1Char(' '), Qt::SkipEmptyParts))
            expected[row[0]].insert(a.toLower());
        if (row[3] == QLatin1String("temporary") && !row[4].trimmed().isEmpty())
            temporary.insert(row[0]);
    }
    int ok = 0;
    int temporaryOk = 0;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const Analysis analysis = Analyzer::analyzeFile(dir + QStringLiteral("/eml/") + it.key());
        QSet<QString> got;
        bool notFinal = false;
        for (const RecipientAnalysis& r : analysis.recipients) {
            got.insert(r.report.address.toLower());
            notFinal = notFinal || r.classification.type == BounceType::Deferred ||
                       r.classification.type == BounceType::Soft;
        }
        ok += got.contains(it.value());
        temporaryOk += temporary.contains(it.key()) && notFinal;
    }
    const double pct = 100.0 * ok / expected.size();
    qInfo("flufl.bounce: expected addresses found in %d/%d files = %.1f%%; temporary failures read as "
          "deferred or "
          "soft: %d/%d",
          ok, int(expected.size()), pct, temporaryOk, int(temporary.size()));
    QVERIFY2(pct >= 95.0, "address floor");
    QVERIFY2(temporaryOk >= temporary.size() - 1, "temporary failures floor");
}

QTEST_GUILESS_MAIN(TestBounceCorpus)
#include "TestBounceCorpus.moc"
