#include "Analyzer.h"
#include "ClassificationRules.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace headerlens;

// Agreement with third-party corpora (shared/corpus, not in the repository): the delivery-report
// readers (recipients, status, reply code, addresses) against the labels those projects publish,
// and the classifier (cause, removal) against the truth read by hand from the message text. Prints
// figures, per half of the Sisimai modules (one half held out), and holds floors set just under
// what we reach, so a regression fails. Skips cleanly on a fresh clone without the corpus.
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
    void sameWordsSameVerdict();
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

// The truth for one label row: the adjudicated reading of the message text where the corpus has
// one (../shared/corpus/sisimai/adjudicated.tsv: the labels' systematic errors corrected, "|" =
// either cause is right), the label elsewhere.
struct Truth
{
    QSet<QString> causes;
    QString remove; // "1", "0" or "either"
    bool adjudicated = false;
};

// The shared Sisimai files split in two halves by MTA module, alternating in sorted order: rules
// are written and checked against half A; half B is never read while writing them, so its figure
// predicts what users see on bounces nobody here has read.
QChar halfOf(const QStringList& sortedModules, const QString& module)
{
    return sortedModules.indexOf(module) % 2 == 0 ? QLatin1Char('A') : QLatin1Char('B');
}

struct Tally
{
    int rows = 0, cause = 0, remove = 0;
    void add(bool c, bool r)
    {
        ++rows;
        cause += c;
        remove += r;
    }
    double causePct() const { return rows ? 100.0 * cause / rows : 0; }
    double removePct() const { return rows ? 100.0 * remove / rows : 0; }
};

// Words that differ only in addresses, IP addresses or long numbers (queue ids, minutes) are the
// same words.
QString groupKey(const QString& diagnostic)
{
    static const QRegularExpression ip(QStringLiteral("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b"));
    static const QRegularExpression number(QStringLiteral("\\b\\d{4,}\\b"));
    QString key = ClassificationRules::normaliseText(diagnostic);
    key.replace(ip, QStringLiteral("<ip>"));
    key.replace(number, QStringLiteral("<n>"));
    return key;
}

} // namespace

void TestBounceCorpus::sisimai()
{
    const QString dir = test::corpusDir() + QStringLiteral("/sisimai");
    if (test::corpusDir().isEmpty() || !QFile::exists(dir + QStringLiteral("/labels.tsv")))
        QSKIP("shared corpus not available");
    // file, recipient_index, status, replycode, reason, hardbounce, source_module
    QMap<QString, QList<QStringList>> labels;
    QSet<QString> moduleSet;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/labels.tsv"))) {
        if (row.size() >= 7) {
            labels[row[0]].append(row);
            moduleSet.insert(row[6]);
        }
    }
    QStringList modules(moduleSet.cbegin(), moduleSet.cend());
    modules.sort();
    // file, recipient_index, label_cause, truth_cause, label_remove, truth_remove, reason
    QHash<QString, Truth> adjudicated;
    for (const QStringList& row : readTsv(dir + QStringLiteral("/adjudicated.tsv"))) {
        if (row.size() >= 6 && !row[3].isEmpty()) {
            const QStringList causes = row[3].split(QLatin1Char('|'));
            adjudicated.insert(row[0] + QLatin1Char('#') + row[1],
                               Truth{QSet<QString>(causes.cbegin(), causes.cend()), row[5], true});
        }
    }

    int files = 0, countOk = 0, statusRows = 0, statusOk = 0, replyRows = 0, replyOk = 0;
    Tally labelTally, truthAll, truthHalf[2];
    QMap<QString, QSet<QString>> filesByRule; // rule that decided -> files it decided
    QStringList misses;
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
            const QString labelCause = causeForReason(row[4]);
            const bool labelRemove = row[5] == QLatin1String("1");
            labelTally.add(r && r->classification.cause == labelCause,
                           r && r->classification.removeAddress == labelRemove);
            const QString key = it.key() + QLatin1Char('#') + row[1];
            const Truth truth = adjudicated.value(key, Truth{{labelCause}, row[5], false});
            const bool causeOk = r && truth.causes.contains(r->classification.cause);
            const bool removeOk =
                r && (truth.remove == QLatin1String("either") ||
                      r->classification.removeAddress == (truth.remove == QLatin1String("1")));
            truthAll.add(causeOk, removeOk);
            const QChar half = halfOf(modules, row[6]);
            truthHalf[half == QLatin1Char('A') ? 0 : 1].add(causeOk, removeOk);
            if (r && !r->classification.evidence.isEmpty()) {
                filesByRule[r->classification.evidence.first().rule].insert(it.key());
                for (const Evidence& e : r->classification.evidence) {
                    if (e.rule.startsWith(QLatin1String("refine.")))
                        filesByRule[e.rule].insert(it.key());
                }
            }
            if (half == QLatin1Char('A') && !(causeOk && removeOk))
                misses << QStringLiteral("%1: ours %2 remove %3, truth %4 remove %5")
                              .arg(key, r ? r->classification.cause : QStringLiteral("none"),
                                   r && r->classification.removeAddress ? QStringLiteral("1")
                                                                        : QStringLiteral("0"),
                                   QStringList(truth.causes.cbegin(), truth.causes.cend())
                                       .join(QLatin1Char('|')),
                                   truth.remove);
        }
    }
    const double count = 100.0 * countOk / files;
    const double status = 100.0 * statusOk / statusRows;
    const double reply = 100.0 * replyOk / replyRows;
    qInfo("sisimai: recipients %d/%d = %.1f%%, status %d/%d = %.1f%%, reply %d/%d = %.1f%%", countOk, files,
          count, statusOk, statusRows, status, replyOk, replyRows, reply);
    qInfo("sisimai vs the labels (one project's opinion): cause %.1f%%, remove_address %.1f%% (n=%d)",
          labelTally.causePct(), labelTally.removePct(), labelTally.rows);
    qInfo("sisimai vs the truth (%d rows read by hand, the labels elsewhere): cause %d/%d = %.1f%%, remove "
          "%d/%d = "
          "%.1f%%",
          int(adjudicated.size()), truthAll.cause, truthAll.rows, truthAll.causePct(), truthAll.remove,
          truthAll.rows, truthAll.removePct());
    qInfo("  half A (modules the rules were checked against): cause %.1f%%, remove %.1f%% (n=%d)",
          truthHalf[0].causePct(), truthHalf[0].removePct(), truthHalf[0].rows);
    qInfo("  half B (held out, never read while writing rules): cause %.1f%%, remove %.1f%% (n=%d)",
          truthHalf[1].causePct(), truthHalf[1].removePct(), truthHalf[1].rows);
    for (const QString& m : std::as_const(misses))
        qInfo("  half A miss: %s", qPrintable(m));

    // Which rules decide how many files; a rule that decides exactly one file must rest on more
    // than that file (its source column says on what).
    QHash<QString, QString> sourceOf;
    for (const ClassificationRules::Row& rule : ClassificationRules::rows())
        sourceOf.insert(rule.id, rule.source);
    QStringList perRule, single;
    for (auto it = filesByRule.cbegin(); it != filesByRule.cend(); ++it) {
        perRule << QStringLiteral("%1 %2").arg(it.key()).arg(it.value().size());
        if (it.value().size() == 1 && sourceOf.contains(it.key()))
            single << QStringLiteral("%1 (%2)").arg(it.key(), sourceOf.value(it.key()));
    }
    qInfo("rules deciding shared files: %s", qPrintable(perRule.join(QStringLiteral(", "))));
    qInfo("rules deciding exactly one shared file (%d): %s", int(single.size()),
          qPrintable(single.join(QStringLiteral(", "))));

    QVERIFY2(count >= 99.5, "recipient count floor");
    QVERIFY2(status >= 99.0, "status floor");
    QVERIFY2(reply >= 98.5, "reply code floor");
    // Floors just under what we reach, so that a regression fails.
    QVERIFY2(truthHalf[0].causePct() >= 98.0, "cause floor, half A");
    QVERIFY2(truthHalf[0].removePct() >= 99.0, "remove floor, half A");
    QVERIFY2(truthHalf[1].causePct() >= 96.0, "cause floor, half B");
    QVERIFY2(truthHalf[1].removePct() >= 98.5, "remove floor, half B");
}

// The same server words give the same verdict, in every file (DOMAIN.md, "Reading the words"):
// recipients are grouped by their normalised diagnostic and status; a group with two verdicts
// means a rule depends on something other than the words.
void TestBounceCorpus::sameWordsSameVerdict()
{
    if (test::corpusDir().isEmpty())
        QSKIP("shared corpus not available");
    QStringList paths;
    for (const char* sub : {"/sisimai/eml", "/flufl.bounce/eml"}) {
        QDir d(test::corpusDir() + QString::fromLatin1(sub));
        for (const QString& f : d.entryList(QDir::Files, QDir::Name))
            paths << d.filePath(f);
    }
    if (paths.isEmpty())
        QSKIP("shared corpus not available");
    struct Seen
    {
        QString verdict;
        QString file;
    };
    QHash<QString, Seen> groups;
    QStringList conflicts;
    int grouped = 0;
    for (const QString& path : std::as_const(paths)) {
        const Analysis analysis = Analyzer::analyzeFile(path);
        for (const RecipientAnalysis& r : analysis.recipients) {
            if (r.report.diagnostic.size() < 8 || r.classification.type == BounceType::None)
                continue;
            const bool queued = r.classification.type == BounceType::Deferred;
            const QString key = groupKey(r.report.diagnostic) + QLatin1Char('|') + r.report.status +
                                (queued ? QStringLiteral("|queued") : QString());
            const QString verdict =
                r.classification.cause +
                (r.classification.removeAddress ? QStringLiteral(" remove") : QStringLiteral(" keep"));
            ++grouped;
            const QString file = QFileInfo(path).fileName();
            const auto found = groups.constFind(key);
            if (found == groups.cend())
                groups.insert(key, {verdict, file});
            else if (found->verdict != verdict)
                conflicts << QStringLiteral("\"%1\": %2 in %3, %4 in %5")
                                 .arg(key.left(120), found->verdict, found->file, verdict, file);
        }
    }
    qInfo("same words, same verdict: %d recipients in %d groups, %d conflicts", grouped, int(groups.size()),
          int(conflicts.size()));
    for (const QString& c : std::as_const(conflicts))
        qInfo("  conflict: %s", qPrintable(c));
    QVERIFY2(conflicts.isEmpty(), "the same words got two verdicts");
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
