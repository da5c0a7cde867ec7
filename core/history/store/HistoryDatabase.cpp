#include "HistoryDatabase.h"

#include "MailDate.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace headerlens {

namespace {

QAtomicInt connectionCounter;

QString iso(const QDateTime& t)
{
    return t.isValid() ? MailDate::toIsoUtc(t) : QString();
}

// A null QString binds as SQL NULL: NOT NULL columns (and the UNIQUE key, where NULLs never
// compare equal) need the empty string instead; INSERT OR IGNORE would drop the row silently.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QDateTime fromIso(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString formatName(InputFormat f)
{
    switch (f) {
    case InputFormat::Mbox:
        return QStringLiteral("mbox");
    case InputFormat::Missing:
        return QStringLiteral("missing");
    case InputFormat::Message:
        break;
    }
    return QStringLiteral("message");
}

InputFormat formatFromName(const QString& name)
{
    if (name == QLatin1String("mbox"))
        return InputFormat::Mbox;
    if (name == QLatin1String("missing"))
        return InputFormat::Missing;
    return InputFormat::Message;
}

QString policyText(const EscalationPolicy& p)
{
    return QStringLiteral("%1/%2").arg(p.softBounces).arg(p.minDays);
}

const QString EventColumns = QStringLiteral(
    "address, message_key, occurred, kind, type, cause, side, advice, remove_address, reply_code, status, "
    "diagnostic, reporting_mta, remote_mta, source_path, source_format, source_item, source_offset, "
    "source_length");

BounceEvent eventFromQuery(const QSqlQuery& q)
{
    BounceEvent e;
    e.address = q.value(0).toString();
    e.messageKey = q.value(1).toString();
    e.occurred = fromIso(q.value(2).toString());
    e.kind = q.value(3).toString();
    e.type = bounceTypeFromString(q.value(4).toString());
    e.cause = q.value(5).toString();
    e.side = sideFromString(q.value(6).toString());
    e.advice = adviceFromString(q.value(7).toString());
    e.removeAddress = q.value(8).toInt() != 0;
    e.replyCode = q.value(9).toInt();
    e.status = q.value(10).toString();
    e.diagnostic = q.value(11).toString();
    e.reportingMta = q.value(12).toString();
    e.remoteMta = q.value(13).toString();
    e.source.path = q.value(14).toString();
    e.source.format = formatFromName(q.value(15).toString());
    e.source.ordinal = q.value(16).toInt();
    e.source.offset = q.value(17).toLongLong();
    e.source.length = q.value(18).toLongLong();
    return e;
}

const QString SummaryColumns = QStringLiteral(
    "address, domain, first_seen, last_seen, events, hard, soft, deferred, none_count, unknown, complaints, "
    "soft_run, soft_run_since, escalated, last_type, last_cause, last_side, last_advice, last_reply_code, "
    "last_status, last_diagnostic, last_remote_mta, list, advice, cause, reason");

AddressSummary summaryFromQuery(const QSqlQuery& q)
{
    AddressSummary s;
    int i = 0;
    s.address = q.value(i++).toString();
    s.domain = q.value(i++).toString();
    s.firstSeen = fromIso(q.value(i++).toString());
    s.lastSeen = fromIso(q.value(i++).toString());
    s.events = q.value(i++).toInt();
    s.hard = q.value(i++).toInt();
    s.soft = q.value(i++).toInt();
    s.deferred = q.value(i++).toInt();
    s.none = q.value(i++).toInt();
    s.unknown = q.value(i++).toInt();
    s.complaints = q.value(i++).toInt();
    s.softRun = q.value(i++).toInt();
    s.softRunSince = fromIso(q.value(i++).toString());
    s.escalated = q.value(i++).toInt() != 0;
    s.lastType = bounceTypeFromString(q.value(i++).toString());
    s.lastCause = q.value(i++).toString();
    s.lastSide = sideFromString(q.value(i++).toString());
    s.lastAdvice = adviceFromString(q.value(i++).toString());
    s.lastReplyCode = q.value(i++).toInt();
    s.lastStatus = q.value(i++).toString();
    s.lastDiagnostic = q.value(i++).toString();
    s.lastRemoteMta = q.value(i++).toString();
    s.list = hygieneListFromString(q.value(i++).toString());
    s.advice = adviceFromString(q.value(i++).toString());
    s.cause = q.value(i++).toString();
    s.reason = q.value(i++).toString();
    return s;
}

} // namespace

QString HistoryDatabase::defaultPath()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/headerlens/history.sqlite");
}

QList<QStringList> HistoryDatabase::migrations()
{
    return {
        // 0 -> 1: the events
        {QStringLiteral(
             "CREATE TABLE events ("
             " id INTEGER PRIMARY KEY,"
             " address TEXT NOT NULL," // lower case
             " domain TEXT NOT NULL,"
             " message_key TEXT NOT NULL,"
             " occurred TEXT NOT NULL DEFAULT ''," // ISO 8601 UTC; '' when unknown
             " kind TEXT NOT NULL, type TEXT NOT NULL, cause TEXT NOT NULL, side TEXT NOT NULL,"
             " advice TEXT NOT NULL, remove_address INTEGER NOT NULL DEFAULT 0,"
             " reply_code INTEGER, status TEXT, diagnostic TEXT, reporting_mta TEXT, remote_mta TEXT,"
             " source_path TEXT, source_format TEXT, source_item INTEGER, source_offset INTEGER,"
             " source_length INTEGER,"
             " imported_at TEXT NOT NULL,"
             " UNIQUE (message_key, address, occurred))"),
         QStringLiteral("CREATE INDEX events_by_address ON events (address, occurred)")},
        // 1 -> 2: per-address summaries, and the policy they were computed with
        {QStringLiteral(
             "CREATE TABLE addresses ("
             " address TEXT PRIMARY KEY, domain TEXT NOT NULL, first_seen TEXT, last_seen TEXT,"
             " events INTEGER, hard INTEGER, soft INTEGER, deferred INTEGER, none_count INTEGER,"
             " unknown INTEGER, complaints INTEGER, soft_run INTEGER, soft_run_since TEXT,"
             " escalated INTEGER, last_type TEXT, last_cause TEXT, last_side TEXT, last_advice TEXT,"
             " last_reply_code INTEGER, last_status TEXT, last_diagnostic TEXT, last_remote_mta TEXT,"
             " list TEXT, advice TEXT, cause TEXT, reason TEXT)"),
         QStringLiteral("CREATE INDEX addresses_by_domain ON addresses (domain)"),
         QStringLiteral("CREATE INDEX addresses_by_list ON addresses (list)"),
         QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")},
    };
}

HistoryDatabase::HistoryDatabase(const QString& path)
    : m_path(path)
    , m_connection(QStringLiteral("headerlens-history-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{}

HistoryDatabase::~HistoryDatabase()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool HistoryDatabase::fail(const QString& what, const QString& sqlError)
{
    const QString lower = sqlError.toLower();
    const QString file = QDir::toNativeSeparators(m_path);
    if (lower.contains(QLatin1String("not a database")) || lower.contains(QLatin1String("malformed")) ||
        lower.contains(QLatin1String("corrupt"))) {
        m_problem = QStringLiteral("The history database %1 is damaged or is not a HeaderLens history (%2). "
                                   "The analysis goes on without history; move the file away and a new one "
                                   "is started.")
                        .arg(file, sqlError);
    } else if (lower.contains(QLatin1String("locked")) || lower.contains(QLatin1String("busy"))) {
        m_problem =
            QStringLiteral("The history database %1 is in use by another program (another HeaderLens?) "
                           "and stayed locked. The analysis goes on without history; try again when "
                           "the other program is done.")
                .arg(file);
    } else if (lower.contains(QLatin1String("readonly")) || lower.contains(QLatin1String("read-only")) ||
               lower.contains(QLatin1String("unable to open"))) {
        m_problem = QStringLiteral("The history database %1 cannot be written (a read-only file or folder). "
                                   "The analysis goes on without history; choose another file or fix the "
                                   "permissions.")
                        .arg(file);
    } else {
        m_problem = QStringLiteral("The history database %1 cannot be used: %2 (%3). The analysis goes on "
                                   "without history.")
                        .arg(file, what, sqlError);
    }
    return false;
}

bool HistoryDatabase::exec(const QString& sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql))
        return fail(sql, q.lastError().text());
    return true;
}

bool HistoryDatabase::open(Access access, int busyTimeoutMs)
{
    m_problem.clear();
    m_readOnly = access == Access::ReadOnly;
    const QString file = QDir::toNativeSeparators(m_path);
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        m_problem = QStringLiteral("The SQLite driver of Qt is missing (Debian package libqt6sql6-sqlite): "
                                   "the analysis goes on without history.");
        return false;
    }
    const QFileInfo info(m_path);
    if (info.exists() && !info.isFile()) {
        m_problem = QStringLiteral("The history database %1 is a folder, not a file. The analysis goes on "
                                   "without history.")
                        .arg(file);
        return false;
    }
    if (!m_readOnly) {
        // SQLite would silently open a read-only file for reading only; say it now instead of
        // failing at the first write. WAL also needs to create files beside it.
        if (!QDir().mkpath(info.absolutePath()) || !QFileInfo(info.absolutePath()).isWritable() ||
            (info.exists() && !info.isWritable())) {
            m_problem =
                QStringLiteral("The history database %1 cannot be written (a read-only file or folder). "
                               "The analysis goes on without history; choose another file or fix the "
                               "permissions.")
                    .arg(file);
            return false;
        }
    } else if (!info.exists()) {
        m_problem = QStringLiteral("There is no history database at %1 yet: analyse some bounces first "
                                   "(headerlens-cli batch, or the window).")
                        .arg(file);
        return false;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    if (m_readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    db.setConnectOptions(options);
    if (!db.open())
        return fail(QStringLiteral("open"), db.lastError().text());
    m_open = true;
    // Reading the schema version is the first read: a file that is not a database fails here.
    const int version = schemaVersion();
    if (version < 0) {
        m_open = false;
        return false;
    }
    if (version > SchemaVersion) {
        m_open = false;
        m_problem =
            QStringLiteral("The history database %1 was written by a newer HeaderLens (schema %2, this "
                           "one knows %3); it is left untouched and the analysis goes on without "
                           "history.")
                .arg(file, QString::number(version), QString::number(SchemaVersion));
        return false;
    }
    if (m_readOnly) {
        if (version < SchemaVersion) {
            m_open = false;
            m_problem =
                QStringLiteral("The history database %1 needs an update that a read-only open cannot do.")
                    .arg(file);
            return false;
        }
        return true;
    }
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
        m_open = false;
        return false;
    }
    // Take the write lock once now: a database another program holds is reported before a long
    // batch, not after it.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")) || !exec(QStringLiteral("COMMIT"))) {
        m_open = false;
        return false;
    }
    if (!migrate()) {
        m_open = false;
        return false;
    }
    return true;
}

int HistoryDatabase::schemaVersion()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        fail(QStringLiteral("PRAGMA user_version"), q.lastError().text());
        return -1;
    }
    return q.value(0).toInt();
}

bool HistoryDatabase::migrate()
{
    const int version = schemaVersion();
    if (version < 0)
        return false;
    const QList<QStringList> steps = migrations();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    for (int v = version; v < SchemaVersion; ++v) {
        if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
            return false;
        for (const QString& sql : steps[v]) {
            if (!exec(sql)) {
                const QString problem = m_problem;
                exec(QStringLiteral("ROLLBACK"));
                m_problem = problem;
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)) || !exec(QStringLiteral("COMMIT"))) {
            exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    // Summaries are computed from events; a migration that added them (1 -> 2) leaves them to
    // usePolicy(), which sees no stored policy and recomputes.
    return true;
}

bool HistoryDatabase::usePolicy(const EscalationPolicy& policy)
{
    if (!m_open)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = 'policy'"));
    if (!q.exec())
        return fail(QStringLiteral("read the policy"), q.lastError().text());
    const QString stored = q.next() ? q.value(0).toString() : QString();
    if (stored == policyText(policy))
        return true;
    if (m_readOnly)
        return true; // shown as stored
    return recomputeAll(policy);
}

bool HistoryDatabase::recomputeAll(const EscalationPolicy& policy)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM events ORDER BY address, occurred, id").arg(EventColumns))) {
        const QString error = q.lastError().text();
        exec(QStringLiteral("ROLLBACK"));
        return fail(QStringLiteral("read the events"), error);
    }
    QList<AddressSummary> summaries;
    QList<BounceEvent> events;
    while (q.next()) {
        BounceEvent e = eventFromQuery(q);
        if (!events.isEmpty() && events.first().address != e.address) {
            summaries.append(AddressSummary::from(events, policy));
            events.clear();
        }
        events.append(std::move(e));
    }
    if (!events.isEmpty())
        summaries.append(AddressSummary::from(events, policy));
    q.finish();
    QSqlQuery clear(db);
    QSqlQuery setting(db);
    setting.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('policy', ?)"));
    setting.addBindValue(policyText(policy));
    if (!clear.exec(QStringLiteral("DELETE FROM addresses")) || !setting.exec()) {
        const QString error =
            clear.lastError().isValid() ? clear.lastError().text() : setting.lastError().text();
        exec(QStringLiteral("ROLLBACK"));
        return fail(QStringLiteral("recompute the summaries"), error);
    }
    // saveSummaries runs inside this transaction (it sees one open and does not start its own)
    m_inTransaction = true;
    const bool saved = saveSummaries(summaries);
    m_inTransaction = false;
    if (!saved) {
        const QString problem = m_problem;
        exec(QStringLiteral("ROLLBACK"));
        m_problem = problem;
        return false;
    }
    return exec(QStringLiteral("COMMIT"));
}

int HistoryDatabase::add(const QList<BounceEvent>& events)
{
    if (!m_open || m_readOnly) {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("The history database is not open for writing.");
        return -1;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return -1;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO events (%1, domain, imported_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(EventColumns));
    const QString now = MailDate::toIsoUtc(QDateTime::currentDateTimeUtc());
    int added = 0;
    for (const BounceEvent& e : events) {
        if (!e.isListAddress())
            continue;
        q.addBindValue(notNull(e.addressKey()));
        q.addBindValue(notNull(e.messageKey));
        q.addBindValue(notNull(iso(e.occurred)));
        q.addBindValue(notNull(e.kind));
        q.addBindValue(toString(e.type));
        q.addBindValue(notNull(e.cause));
        q.addBindValue(toString(e.side));
        q.addBindValue(toString(e.advice));
        q.addBindValue(e.removeAddress ? 1 : 0);
        q.addBindValue(e.replyCode);
        q.addBindValue(e.status);
        q.addBindValue(e.diagnostic);
        q.addBindValue(e.reportingMta);
        q.addBindValue(e.remoteMta);
        q.addBindValue(e.source.path);
        q.addBindValue(formatName(e.source.format));
        q.addBindValue(e.source.ordinal);
        q.addBindValue(e.source.offset);
        q.addBindValue(e.source.length);
        q.addBindValue(notNull(e.domain()));
        q.addBindValue(now);
        if (!q.exec()) {
            const QString error = q.lastError().text();
            exec(QStringLiteral("ROLLBACK"));
            fail(QStringLiteral("store an event"), error);
            return -1;
        }
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    if (!exec(QStringLiteral("COMMIT"))) {
        const QString problem = m_problem;
        exec(QStringLiteral("ROLLBACK"));
        m_problem = problem;
        return -1;
    }
    return added;
}

QList<BounceEvent> HistoryDatabase::events(const QString& address, bool* ok)
{
    QList<BounceEvent> list;
    if (ok)
        *ok = false;
    if (!m_open)
        return list;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT %1 FROM events WHERE address = ? ORDER BY occurred, id").arg(EventColumns));
    q.addBindValue(address.trimmed().toLower());
    if (!q.exec()) {
        fail(QStringLiteral("read the events"), q.lastError().text());
        return list;
    }
    while (q.next())
        list.append(eventFromQuery(q));
    if (ok)
        *ok = true;
    return list;
}

bool HistoryDatabase::saveSummaries(const QList<AddressSummary>& summaries)
{
    if (!m_open || m_readOnly)
        return false;
    const bool own = !m_inTransaction;
    if (own && !exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO addresses (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(SummaryColumns));
    for (const AddressSummary& s : summaries) {
        for (const QVariant& v : {QVariant(notNull(s.address)),
                                  QVariant(notNull(s.domain)),
                                  QVariant(iso(s.firstSeen)),
                                  QVariant(iso(s.lastSeen)),
                                  QVariant(s.events),
                                  QVariant(s.hard),
                                  QVariant(s.soft),
                                  QVariant(s.deferred),
                                  QVariant(s.none),
                                  QVariant(s.unknown),
                                  QVariant(s.complaints),
                                  QVariant(s.softRun),
                                  QVariant(iso(s.softRunSince)),
                                  QVariant(s.escalated ? 1 : 0),
                                  QVariant(toString(s.lastType)),
                                  QVariant(s.lastCause),
                                  QVariant(toString(s.lastSide)),
                                  QVariant(toString(s.lastAdvice)),
                                  QVariant(s.lastReplyCode),
                                  QVariant(s.lastStatus),
                                  QVariant(s.lastDiagnostic),
                                  QVariant(s.lastRemoteMta),
                                  QVariant(toString(s.list)),
                                  QVariant(toString(s.advice)),
                                  QVariant(s.cause),
                                  QVariant(s.reason)})
            q.addBindValue(v);
        if (!q.exec()) {
            const QString error = q.lastError().text();
            if (own)
                exec(QStringLiteral("ROLLBACK"));
            return fail(QStringLiteral("store a summary"), error);
        }
    }
    if (own && !exec(QStringLiteral("COMMIT"))) {
        const QString problem = m_problem;
        exec(QStringLiteral("ROLLBACK"));
        m_problem = problem;
        return false;
    }
    return true;
}

std::optional<AddressSummary> HistoryDatabase::summary(const QString& address)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT %1 FROM addresses WHERE address = ?").arg(SummaryColumns));
    q.addBindValue(address.trimmed().toLower());
    if (!q.exec()) {
        fail(QStringLiteral("read a summary"), q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return summaryFromQuery(q);
}

QList<AddressSummary> HistoryDatabase::summaries(const QString& domain, const QString& text,
                                                 std::optional<HygieneList> list, int limit)
{
    QList<AddressSummary> result;
    if (!m_open)
        return result;
    QString sql = QStringLiteral("SELECT %1 FROM addresses WHERE 1").arg(SummaryColumns);
    if (!domain.isEmpty())
        sql += QStringLiteral(" AND domain = :domain");
    if (!text.isEmpty())
        sql += QStringLiteral(" AND instr(address, :text) > 0");
    if (list)
        sql += QStringLiteral(" AND list = :list");
    sql += QStringLiteral(" ORDER BY address");
    if (limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!domain.isEmpty())
        q.bindValue(QStringLiteral(":domain"), domain.trimmed().toLower());
    if (!text.isEmpty())
        q.bindValue(QStringLiteral(":text"), text.trimmed().toLower());
    if (list)
        q.bindValue(QStringLiteral(":list"), toString(*list));
    if (!q.exec()) {
        fail(QStringLiteral("read the summaries"), q.lastError().text());
        return result;
    }
    while (q.next())
        result.append(summaryFromQuery(q));
    return result;
}

int HistoryDatabase::eventCount()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return m_open && q.exec(QStringLiteral("SELECT count(*) FROM events")) && q.next() ? q.value(0).toInt()
                                                                                       : -1;
}

int HistoryDatabase::addressCount()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return m_open && q.exec(QStringLiteral("SELECT count(*) FROM addresses")) && q.next() ? q.value(0).toInt()
                                                                                          : -1;
}

QString HistoryDatabase::integrityCheck()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!m_open || !q.exec(QStringLiteral("PRAGMA integrity_check")))
        return q.lastError().text();
    QStringList lines;
    while (q.next())
        lines.append(q.value(0).toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace headerlens
