#pragma once

#include "AddressSummary.h"
#include "EscalationPolicy.h"
#include "HistoryStore.h"

#include <QList>
#include <QString>

#include <optional>

namespace headerlens {

// The bounce history on disk: an SQLite database through Qt SQL (Debian libqt6sql6-sqlite),
// by default in the user's data folder, shared by the window and headerlens-cli.
// - WAL journal, synchronous=NORMAL: a process killed mid-batch loses at most the transaction
//   it was writing; what was committed stays and the file opens again.
// - Schema versioned in PRAGMA user_version, migrated step by step in transactions; a database
//   from a newer HeaderLens is left untouched.
// - One event per report message, recipient and date (UNIQUE): importing twice changes nothing.
// - Per address, a summary (first/last seen, counts by type, the current soft-bounce run, the last
//   verdict, the list-hygiene list), recomputed from the events whenever they change.
// Every failure becomes one sentence in problem()/errorText() that says what to do; callers go on
// without history. One instance per thread (a Qt SQL connection belongs to its thread).
class HistoryDatabase final : public HistoryStore
{
public:
    static constexpr int SchemaVersion = 2;
    enum class Access
    {
        ReadWrite,
        ReadOnly, // for looking only (the CLI's history command on a read-only file)
    };

    // <user data folder>/headerlens/history.sqlite
    static QString defaultPath();
    // The schema steps, exposed for the migration test: step i brings version i to i + 1.
    static QList<QStringList> migrations();

    explicit HistoryDatabase(const QString& path);
    ~HistoryDatabase() override;
    HistoryDatabase(const HistoryDatabase&) = delete;
    HistoryDatabase& operator=(const HistoryDatabase&) = delete;

    // Opens (creating the file and its folder when needed) and migrates. false: problem() says why.
    bool open(Access access = Access::ReadWrite, int busyTimeoutMs = 2000);
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    int schemaVersion();

    // Recomputes the stored summaries when they were made with another policy (the user changed N
    // or D). false on failure.
    bool usePolicy(const EscalationPolicy& policy);
    bool recomputeAll(const EscalationPolicy& policy);

    // HistoryStore
    int add(const QList<BounceEvent>& events) override;
    QList<BounceEvent> events(const QString& address, bool* ok = nullptr) override;
    bool saveSummaries(const QList<AddressSummary>& summaries) override;
    QString errorText() const override { return m_problem; }

    // Reading, for the History view and `headerlens-cli history`.
    std::optional<AddressSummary> summary(const QString& address);
    // Summaries of one domain (empty: all), whose address contains `text` (empty: any), on `list`
    // (nullopt: any list), ordered by address.
    QList<AddressSummary> summaries(const QString& domain = {}, const QString& text = {},
                                    std::optional<HygieneList> list = std::nullopt, int limit = -1);
    int eventCount();
    int addressCount();
    // PRAGMA integrity_check: "ok", or what is wrong.
    QString integrityCheck();

private:
    bool fail(const QString& what, const QString& sqlError);
    bool exec(const QString& sql);
    bool migrate();

    QString m_path;
    QString m_connection;
    bool m_open = false;
    bool m_readOnly = false;
    bool m_inTransaction = false;
    QString m_problem;
};

} // namespace headerlens
