#include "cli_batch.h"

#include "BatchAnalyzer.h"
#include "BatchExport.h"
#include "HistoryDatabase.h"
#include "HygieneExport.h"
#include "InputCollector.h"
#include "MailDate.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSaveFile>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

namespace headerlens::cli {

const char* const BatchUsage =
    "  headerlens-cli batch PATH... [--json OUT|-] [--csv OUT|-] [--hygiene DIR]\n"
    "                 [--history-db PATH | --no-history] [--soft-bounces N] [--min-days D]\n"
    "  headerlens-cli history ADDRESS | --domain D | --list LIST [--json] [--hygiene DIR]\n"
    "                 [--history-db PATH] [--soft-bounces N] [--min-days D]\n";

const char* const BatchOptions =
    "  batch       analyse many bounces at once: files, folders (recursively), mbox files\n"
    "              and Maildirs (cur/ and new/); one row per recipient; every recipient\n"
    "              is remembered in the history database, so an address that keeps\n"
    "              soft-bouncing over weeks is escalated to removal. Prints counts per\n"
    "              type and cause and the list-hygiene totals. Ctrl+C stops cleanly\n"
    "  history     what the history database knows about one ADDRESS (its events and\n"
    "              verdict), every address of --domain D, or every address on --list\n"
    "              (remove, keep_fix_sender, watch)\n"
    "  --json OUT        (batch) the rows as JSON Lines to OUT (- for standard output);\n"
    "                    (history) print JSON instead of text\n"
    "  --csv OUT         (batch) the rows as CSV to OUT (- for standard output)\n"
    "  --hygiene DIR     (batch, history) write the list-hygiene export into DIR:\n"
    "                    remove.csv, keep-fix-sender.csv, watch.csv, hygiene.csv and\n"
    "                    suppression.txt (one address a line); batch: the addresses of\n"
    "                    this batch; history: every address in the database\n"
    "  --history-db PATH the history database (default: ~/.local/share/headerlens/\n"
    "                    history.sqlite); --no-history: remember nothing (the history of\n"
    "                    this batch only)\n"
    "  --soft-bounces N  consecutive soft bounces that make an address one to remove, 3-5\n"
    "                    (default 3) ...\n"
    "  --min-days D      ... spread over at least D days (default 7)\n";

namespace {

constexpr int ExitOk = 0;
constexpr int ExitInputError = 1;
constexpr int ExitUsage = 2;
constexpr int ExitInterrupted = 130;

std::atomic_bool interrupted{false};

extern "C" void onInterrupt(int)
{
    interrupted.store(true);
}

void err(const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
}

void out(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

int usage(const QString& message)
{
    err(QStringLiteral("headerlens-cli: %1\n").arg(message));
    err(QStringLiteral("Usage:\n") + QString::fromLatin1(BatchUsage));
    return ExitUsage;
}

// The options batch and history share.
struct Common
{
    QString dbPath;
    bool noHistory = false;
    int softBounces = 3;
    int minDays = 7;
    QString hygieneDir;
};

// Takes the value of an option given as "--name VALUE" or "--name=VALUE".
std::optional<QString> value(const QStringList& args, int& i, const QString& name)
{
    const QString& arg = args[i];
    if (arg.startsWith(name + QLatin1Char('=')))
        return arg.mid(name.size() + 1);
    if (arg == name && i + 1 < args.size())
        return args[++i];
    return std::nullopt;
}

// 1: handled, 0: not a common option, -1: usage error already reported
int commonOption(const QStringList& args, int& i, Common& c, int* status)
{
    const QString& arg = args[i];
    const auto name = arg.section(QLatin1Char('='), 0, 0);
    if (name == QLatin1String("--history-db")) {
        const auto v = value(args, i, name);
        if (!v || v->isEmpty()) {
            *status = usage(QStringLiteral("--history-db needs the path of the database"));
            return -1;
        }
        c.dbPath = *v;
        return 1;
    }
    if (name == QLatin1String("--hygiene")) {
        const auto v = value(args, i, name);
        if (!v || v->isEmpty()) {
            *status = usage(QStringLiteral("--hygiene needs a folder to write the lists into"));
            return -1;
        }
        c.hygieneDir = *v;
        return 1;
    }
    if (name == QLatin1String("--soft-bounces") || name == QLatin1String("--min-days")) {
        const auto v = value(args, i, name);
        bool ok = false;
        const int n = v ? v->toInt(&ok) : 0;
        const bool soft = name == QLatin1String("--soft-bounces");
        if (!ok || (soft && (n < EscalationPolicy::MinSoftBounces || n > EscalationPolicy::MaxSoftBounces)) ||
            (!soft && n < 1)) {
            *status = usage(soft ? QStringLiteral("--soft-bounces takes a number from 3 to 5")
                                 : QStringLiteral("--min-days takes a number of days, 1 or more"));
            return -1;
        }
        (soft ? c.softBounces : c.minDays) = n;
        return 1;
    }
    return 0;
}

// Writes the rows one at a time (a batch of 100,000 rows never becomes one string in memory).
bool writeRows(const QString& target, const QList<BounceEvent>& rows, bool csv, QString* error)
{
    const auto each = [&](auto&& write) {
        if (csv)
            write(BatchExport::csvHeader());
        for (const BounceEvent& row : rows)
            write(csv ? BatchExport::csvLine(row) : BatchExport::jsonLine(row));
    };
    if (target == QLatin1String("-")) {
        each([](const QByteArray& bytes) { out(bytes); });
        std::fflush(stdout);
        if (std::ferror(stdout)) {
            *error = QStringLiteral("cannot write to standard output");
            return false;
        }
        return true;
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(target, file.errorString());
        return false;
    }
    bool ok = true;
    each([&](const QByteArray& bytes) { ok = ok && file.write(bytes) == bytes.size(); });
    if (!ok || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(target, file.errorString());
        return false;
    }
    return true;
}

QString day(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QStringLiteral("-");
}

QString counts(const QMap<QString, int>& map)
{
    // most frequent first
    QList<std::pair<int, QString>> list;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        list.append({-it.value(), it.key()});
    std::sort(list.begin(), list.end());
    QStringList parts;
    for (const auto& [n, name] : list)
        parts.append(QStringLiteral("%1 %2").arg(name, QString::number(-n)));
    return parts.join(QStringLiteral(", "));
}

std::unique_ptr<HistoryDatabase> openDatabase(const Common& c, HistoryDatabase::Access access,
                                              const EscalationPolicy& policy)
{
    auto db =
        std::make_unique<HistoryDatabase>(c.dbPath.isEmpty() ? HistoryDatabase::defaultPath() : c.dbPath);
    if (!db->open(access) || !db->usePolicy(policy)) {
        err(QStringLiteral("headerlens-cli: %1\n").arg(db->problem()));
        return nullptr;
    }
    return db;
}

} // namespace

int batch(const QStringList& args)
{
    Common common;
    QString jsonOut;
    QString csvOut;
    QStringList paths;
    bool optionsEnded = false;
    int status = ExitOk;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (optionsEnded || !arg.startsWith(QLatin1String("--"))) {
            paths.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        const int common_ = commonOption(args, i, common, &status);
        if (common_ < 0)
            return status;
        if (common_ > 0)
            continue;
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (name == QLatin1String("--json") || name == QLatin1String("--csv")) {
            const auto v = value(args, i, name);
            if (!v || v->isEmpty())
                return usage(
                    QStringLiteral("%1 needs where to write: a file, or - for standard output").arg(name));
            (name == QLatin1String("--json") ? jsonOut : csvOut) = *v;
        } else if (arg == QLatin1String("--no-history")) {
            common.noHistory = true;
        } else {
            return usage(QStringLiteral("unknown option %1").arg(arg));
        }
    }
    if (paths.isEmpty())
        return usage(QStringLiteral("batch needs at least one file, folder, mbox or Maildir"));
    if (jsonOut == QLatin1String("-") && csvOut == QLatin1String("-"))
        return usage(QStringLiteral("--json - and --csv - cannot both write to standard output"));
    if (common.noHistory && !common.dbPath.isEmpty())
        return usage(QStringLiteral("--no-history and --history-db exclude each other"));

    const EscalationPolicy policy = EscalationPolicy::make(common.softBounces, common.minDays);
    std::unique_ptr<HistoryDatabase> db;
    if (!common.noHistory)
        db = openDatabase(common, HistoryDatabase::Access::ReadWrite, policy); // nullptr: said why

    QElapsedTimer timer;
    timer.start();
    InputCollector::Result inputs = InputCollector::collect(paths);
    const QString skippedNote = inputs.skippedNote();
    BatchAnalyzer analyzer(std::move(inputs.files), db.get(), policy);
    const bool tty = isatty(fileno(stderr)) != 0;
    std::signal(SIGINT, onInterrupt);
    const bool completed =
        analyzer.run(&interrupted, [&](const BatchAnalyzer::Progress& p, const QList<BounceEvent>&) {
            if (!tty)
                return;
            const int percent = p.totalBytes > 0 ? int(100 * p.bytesDone / p.totalBytes) : 100;
            err(QStringLiteral("\r%1 messages, %2 recipients, %3%  ").arg(p.items).arg(p.rows).arg(percent));
        });
    std::signal(SIGINT, SIG_DFL);
    if (tty)
        err(QStringLiteral("\r\033[K"));
    if (!analyzer.historyProblem().isEmpty())
        err(QStringLiteral("headerlens-cli: %1\n").arg(analyzer.historyProblem()));

    const QList<BounceEvent>& rows = analyzer.rows();
    QString error;
    if (!jsonOut.isEmpty() && !writeRows(jsonOut, rows, false, &error)) {
        err(QStringLiteral("headerlens-cli: %1\n").arg(error));
        status = ExitInputError;
    }
    if (!csvOut.isEmpty() && !writeRows(csvOut, rows, true, &error)) {
        err(QStringLiteral("headerlens-cli: %1\n").arg(error));
        status = ExitInputError;
    }
    const HygieneExport hygiene(analyzer.summaries());
    if (!common.hygieneDir.isEmpty() && !hygiene.writeTo(common.hygieneDir, &error)) {
        err(QStringLiteral("headerlens-cli: %1\n").arg(error));
        status = ExitInputError;
    }

    QMap<QString, int> byType;
    QMap<QString, int> byCause;
    int withoutRecipient = 0;
    int escalated = 0;
    for (const BounceEvent& r : rows) {
        if (r.failed)
            status = ExitInputError; // like analyze: an input that could not be read
        if (!r.hasAddress()) {
            ++withoutRecipient;
            continue;
        }
        ++byType[toString(r.type)];
        ++byCause[r.cause];
        escalated += r.history.escalated ? 1 : 0;
    }
    const bool summaryToStdout = jsonOut != QLatin1String("-") && csvOut != QLatin1String("-");
    QString text;
    text += QStringLiteral("%1 messages, %2 rows, in %3 s%4\n")
                .arg(analyzer.items())
                .arg(rows.size())
                .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                .arg(completed ? QString() : QStringLiteral(" (interrupted: what was read so far)"));
    text += QStringLiteral("By type:  %1\n").arg(counts(byType));
    text += QStringLiteral("By cause: %1\n").arg(counts(byCause));
    if (withoutRecipient > 0)
        text += QStringLiteral("No recipient: %1 (not a report, unreadable, or no recipient named)\n")
                    .arg(withoutRecipient);
    if (!skippedNote.isEmpty())
        text += skippedNote + QLatin1Char('\n');
    if (db && analyzer.historyProblem().isEmpty())
        text +=
            QStringLiteral("History:  %1 events stored, %2 new (%3); %4 rows escalated after repeated soft "
                           "bounces\n")
                .arg(QString::number(analyzer.storedEvents()), QString::number(analyzer.newEvents()),
                     db->path(), QString::number(escalated));
    else
        text += QStringLiteral("History:  this batch only; %1 rows escalated after repeated soft bounces\n")
                    .arg(escalated);
    text += QStringLiteral("Lists:    remove %1, keep and fix the sender %2, watch %3\n")
                .arg(hygiene.count(HygieneList::Remove))
                .arg(hygiene.count(HygieneList::KeepFixSender))
                .arg(hygiene.count(HygieneList::Watch));
    if (summaryToStdout)
        out(text.toUtf8());
    else
        err(text);
    std::fflush(stdout);
    if (!completed)
        return ExitInterrupted;
    return status;
}

namespace {

QJsonObject summaryToJson(const AddressSummary& s)
{
    QJsonObject o;
    const auto isoOrNull = [](const QDateTime& t) {
        return t.isValid() ? QJsonValue(MailDate::toIsoUtc(t)) : QJsonValue(QJsonValue::Null);
    };
    o.insert(QStringLiteral("address"), s.address);
    o.insert(QStringLiteral("domain"), s.domain);
    o.insert(QStringLiteral("list"), toString(s.list));
    o.insert(QStringLiteral("advice"), toString(s.advice));
    o.insert(QStringLiteral("cause"), s.cause);
    o.insert(QStringLiteral("reason"), s.reason);
    o.insert(QStringLiteral("first_seen"), isoOrNull(s.firstSeen));
    o.insert(QStringLiteral("last_seen"), isoOrNull(s.lastSeen));
    QJsonObject counts;
    counts.insert(QStringLiteral("events"), s.events);
    counts.insert(QStringLiteral("hard"), s.hard);
    counts.insert(QStringLiteral("soft"), s.soft);
    counts.insert(QStringLiteral("deferred"), s.deferred);
    counts.insert(QStringLiteral("none"), s.none);
    counts.insert(QStringLiteral("unknown"), s.unknown);
    counts.insert(QStringLiteral("complaints"), s.complaints);
    o.insert(QStringLiteral("counts"), counts);
    o.insert(QStringLiteral("soft_run"), s.softRun);
    o.insert(QStringLiteral("soft_run_since"), isoOrNull(s.softRunSince));
    o.insert(QStringLiteral("escalated"), s.escalated);
    QJsonObject last;
    last.insert(QStringLiteral("type"), toString(s.lastType));
    last.insert(QStringLiteral("cause"), s.lastCause);
    last.insert(QStringLiteral("side"), toString(s.lastSide));
    last.insert(QStringLiteral("advice"), toString(s.lastAdvice));
    last.insert(QStringLiteral("status"), s.lastStatus);
    last.insert(QStringLiteral("diagnostic"), s.lastDiagnostic);
    o.insert(QStringLiteral("last"), last);
    return o;
}

} // namespace

int history(const QStringList& args)
{
    Common common;
    QString address;
    QString domain;
    std::optional<HygieneList> list;
    bool json = false;
    int status = ExitOk;
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (!arg.startsWith(QLatin1String("--"))) {
            if (!address.isEmpty())
                return usage(QStringLiteral("history takes one ADDRESS"));
            address = arg;
            continue;
        }
        const int common_ = commonOption(args, i, common, &status);
        if (common_ < 0)
            return status;
        if (common_ > 0)
            continue;
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        if (name == QLatin1String("--domain")) {
            const auto v = value(args, i, name);
            if (!v || v->isEmpty())
                return usage(QStringLiteral("--domain needs a domain"));
            domain = *v;
        } else if (name == QLatin1String("--list")) {
            const auto v = value(args, i, name);
            const HygieneList l = v ? hygieneListFromString(*v) : HygieneList::None;
            if (!v || (l == HygieneList::None && *v != QLatin1String("none")))
                return usage(QStringLiteral("--list takes remove, keep_fix_sender, watch or none"));
            list = l;
        } else if (arg == QLatin1String("--json")) {
            json = true;
        } else {
            return usage(QStringLiteral("unknown option %1").arg(arg));
        }
    }
    if (address.isEmpty() && domain.isEmpty() && !list && common.hygieneDir.isEmpty())
        return usage(QStringLiteral("history needs an ADDRESS, --domain D, --list LIST or --hygiene DIR"));

    const EscalationPolicy policy = EscalationPolicy::make(common.softBounces, common.minDays);
    // Writing is needed only to recompute summaries after a policy change; a read-only file is
    // still shown as it is.
    const QString path = common.dbPath.isEmpty() ? HistoryDatabase::defaultPath() : common.dbPath;
    if (!QFileInfo::exists(path)) {
        // looking must not create an empty database
        err(QStringLiteral(
                "headerlens-cli: there is no history database at %1 yet: analyse some bounces first "
                "(headerlens-cli batch)\n")
                .arg(path));
        return ExitInputError;
    }
    std::unique_ptr<HistoryDatabase> db = [&] {
        auto rw = std::make_unique<HistoryDatabase>(path);
        if (rw->open(HistoryDatabase::Access::ReadWrite) && rw->usePolicy(policy))
            return rw;
        auto ro = std::make_unique<HistoryDatabase>(rw->path());
        if (ro->open(HistoryDatabase::Access::ReadOnly))
            return ro;
        err(QStringLiteral("headerlens-cli: %1\n").arg(rw->problem()));
        return std::unique_ptr<HistoryDatabase>();
    }();
    if (!db)
        return ExitInputError;

    if (!common.hygieneDir.isEmpty()) {
        const HygieneExport hygiene(db->summaries());
        QString error;
        if (!hygiene.writeTo(common.hygieneDir, &error)) {
            err(QStringLiteral("headerlens-cli: %1\n").arg(error));
            return ExitInputError;
        }
        err(QStringLiteral(
                "Wrote the list-hygiene export to %1: remove %2, keep and fix the sender %3, watch %4\n")
                .arg(common.hygieneDir, QString::number(hygiene.count(HygieneList::Remove)),
                     QString::number(hygiene.count(HygieneList::KeepFixSender)),
                     QString::number(hygiene.count(HygieneList::Watch))));
        if (address.isEmpty() && domain.isEmpty() && !list)
            return ExitOk;
    }

    if (!address.isEmpty()) {
        const std::optional<AddressSummary> s = db->summary(address);
        if (!s) {
            err(QStringLiteral("headerlens-cli: %1 is not in the history (%2)\n")
                    .arg(address, db->problem().isEmpty() ? db->path() : db->problem()));
            return ExitInputError;
        }
        const QList<BounceEvent> events = db->events(address);
        const QList<EscalationMark> marks = policy.evaluate(events);
        if (json) {
            QJsonObject o = summaryToJson(*s);
            QJsonArray list_;
            for (qsizetype i = 0; i < events.size(); ++i) {
                BounceEvent e = events[i];
                e.history = marks[i];
                list_.append(BatchExport::toJson(e));
            }
            o.insert(QStringLiteral("events"), list_);
            out(QJsonDocument(o).toJson(QJsonDocument::Indented));
            return ExitOk;
        }
        QString text;
        text += QStringLiteral("%1\n").arg(s->address);
        text += QStringLiteral("  List:      %1: %2\n").arg(toString(s->list), s->reason);
        text += QStringLiteral("  Advice:    %1\n").arg(toString(s->advice));
        text += QStringLiteral("  Seen:      %1 .. %2; %3 events: hard %4, soft %5, deferred %6, none %7, "
                               "unknown %8\n")
                    .arg(day(s->firstSeen), day(s->lastSeen))
                    .arg(s->events)
                    .arg(s->hard)
                    .arg(s->soft)
                    .arg(s->deferred)
                    .arg(s->none)
                    .arg(s->unknown);
        if (s->softRun > 0)
            text += QStringLiteral("  Soft run:  %1 since %2%3\n")
                        .arg(s->softRun)
                        .arg(day(s->softRunSince))
                        .arg(s->escalated ? QStringLiteral(" (escalated: remove)") : QString());
        text += QStringLiteral("  Events:\n");
        for (qsizetype i = 0; i < events.size(); ++i) {
            const BounceEvent& e = events[i];
            QString line = QStringLiteral("    %1  %2 %3 %4 %5")
                               .arg(day(e.occurred), -10)
                               .arg(toString(e.type), -8)
                               .arg(e.cause, -20)
                               .arg(e.status.isEmpty() ? QStringLiteral("-") : e.status, -7)
                               .arg(e.source.label());
            if (marks[i].escalated)
                line += QStringLiteral("  [%1]").arg(marks[i].evidence);
            text += line + QLatin1Char('\n');
        }
        out(text.toUtf8());
        return ExitOk;
    }

    const QList<AddressSummary> found = db->summaries(domain, {}, list);
    if (json) {
        QJsonArray array;
        for (const AddressSummary& s : found)
            array.append(summaryToJson(s));
        out(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    if (found.isEmpty()) {
        err(QStringLiteral("headerlens-cli: no address %1 in the history (%2)\n")
                .arg(domain.isEmpty() ? QStringLiteral("on that list") : QStringLiteral("at ") + domain,
                     db->path()));
        return ExitInputError;
    }
    QString text;
    for (const AddressSummary& s : found) {
        text += QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(s.address.leftJustified(36), toString(s.list).leftJustified(16),
                         s.cause.leftJustified(20), day(s.lastSeen).leftJustified(10), s.reason);
    }
    out(text.toUtf8());
    return ExitOk;
}

} // namespace headerlens::cli
