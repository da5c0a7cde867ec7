#include "BatchAnalyzer.h"

#include "Analyzer.h"
#include "Explainer.h"
#include "InputStream.h"
#include "MailDate.h"
#include "MessageLoader.h"
#include "OrderedParallelMap.h"

#include <QElapsedTimer>
#include <QHash>
#include <QThread>

#include <algorithm>

namespace headerlens {

namespace {

// One message may be at most this long; the loader analyses the first part and says so.
constexpr qint64 MaxItemBytes = MessageLoader::MaxInputBytes + 1;

QString eventKey(const BounceEvent& e)
{
    return e.messageKey + QLatin1Char('|') +
           (e.occurred.isValid() ? MailDate::toIsoUtc(e.occurred) : QString());
}

} // namespace

BatchAnalyzer::BatchAnalyzer(QList<InputFile> files, HistoryStore* store, const EscalationPolicy& policy)
    : m_files(std::move(files))
    , m_store(store)
    , m_policy(policy)
{
    if (!m_store) {
        m_fallback = std::make_unique<MemoryHistoryStore>();
        m_store = m_fallback.get();
    }
}

BatchAnalyzer::~BatchAnalyzer() = default;

Analysis BatchAnalyzer::analyze(const InputItem& item)
{
    if (!item.error.isEmpty()) {
        Analysis analysis;
        analysis.source = item.label();
        analysis.errors.append(item.error);
        return analysis;
    }
    return Analyzer::analyzeBytes(item.bytes, item.label());
}

QList<Analysis> BatchAnalyzer::analyzeTogether(const QList<InputItem>& items)
{
    QList<Analysis> all(items.size());
    QList<Analysis> readable; // the items that were read, analysed together
    for (qsizetype k = 0; k < items.size(); ++k) {
        if (!items[k].error.isEmpty()) {
            all[k] = analyze(items[k]);
            continue;
        }
        Analysis& analysis = readable.emplace_back();
        analysis.source = items[k].label();
        analysis.message = MessageLoader::fromBytes(items[k].bytes);
    }
    Analyzer::analyzeTogether(readable);
    qsizetype next = 0;
    for (qsizetype k = 0; k < items.size(); ++k) {
        if (items[k].error.isEmpty())
            all[k] = std::move(readable[next++]);
    }
    return all;
}

Analysis BatchAnalyzer::reanalyze(const BounceEvent& row, const EscalationPolicy& policy)
{
    Analysis analysis = analyze(InputStream::reload(row.source, MaxItemBytes));
    if (row.history.escalated) {
        bool changed = false;
        for (RecipientAnalysis& r : analysis.recipients) {
            if (r.report.address.compare(row.address, Qt::CaseInsensitive) == 0)
                changed = policy.applyTo(r, row.history) || changed;
        }
        if (changed)
            analysis.summary = Explainer::summarize(analysis);
    }
    return analysis;
}

void BatchAnalyzer::failOver(const QString& problem)
{
    m_problem = problem;
    m_fallback = std::make_unique<MemoryHistoryStore>();
    m_store = m_fallback.get();
    // The history of this run is all there is now: what was written so far, and what was not.
    m_fallback->add(m_rows);
    m_pending.clear();
}

void BatchAnalyzer::intern(BounceEvent& row)
{
    for (QString* s : {&row.cause, &row.kind, &row.status, &row.reportingMta, &row.remoteMta}) {
        if (s->isEmpty())
            continue;
        const auto it = m_strings.constFind(*s);
        if (it != m_strings.cend())
            *s = *it;
        else if (m_strings.size() < 100000)
            m_strings.insert(*s);
    }
    row.diagnostic.squeeze();
    row.address.squeeze();
}

void BatchAnalyzer::flush()
{
    if (m_pending.isEmpty())
        return;
    const int added = m_store->add(m_pending);
    if (added < 0) {
        failOver(m_store->errorText());
        return;
    }
    m_newEvents += added;
    for (const BounceEvent& e : std::as_const(m_pending))
        m_storedEvents += e.isListAddress() ? 1 : 0;
    m_pending.clear();
}

bool BatchAnalyzer::run(const std::atomic_bool* cancel, const ProgressCallback& progress)
{
    InputStream stream(m_files, MaxItemBytes);
    Progress p;
    p.totalBytes = stream.totalBytes();
    QElapsedTimer sinceReport;
    sinceReport.start();
    qsizetype reported = 0;
    int sinceCommit = 0;
    bool cancelled = false;
    qint64 bytesDone = 0;
    const auto report = [&] {
        if (!progress)
            return;
        p.bytesDone = bytesDone;
        p.items = m_items;
        p.rows = int(m_rows.size());
        progress(p, m_rows.mid(reported));
        reported = m_rows.size();
        sinceReport.restart();
    };
    // Messages are read in order, analysed on every core in groups (Analyzer::analyzeTogether),
    // and come back here in input order: the rows, the history writes and the progress are
    // those of a sequential run. A group holds up to GroupSize messages and closes early at a
    // share of the input's bytes, so that a short batch still gives every thread several groups.
    const int threads = m_threads > 0 ? m_threads : std::max(1, QThread::idealThreadCount());
    const qint64 groupBytes = std::clamp<qint64>(p.totalBytes / (8 * threads), 1, Analyzer::GroupBytes);
    struct Read
    {
        QList<InputItem> items;
        QList<qint64> bytesDone; // the stream's position after each item
    };
    struct Done
    {
        QList<QList<BounceEvent>> events; // per item
        QList<qint64> bytesDone;
    };
    const PreparedInBackground preparing(m_threads != 1);
    orderedStreamMap<Read, Done>(
        [&](Read& read) {
            read.items.clear();
            read.bytesDone.clear();
            qint64 bytes = 0;
            InputItem item;
            while (read.items.size() < Analyzer::GroupSize && bytes < groupBytes && stream.next(item)) {
                bytes += item.bytes.size();
                read.items.append(std::move(item));
                read.bytesDone.append(stream.bytesDone());
                item = InputItem();
            }
            return !read.items.isEmpty();
        },
        [](Read& read) {
            const QList<Analysis> analyses = analyzeTogether(read.items);
            Done done;
            done.bytesDone = read.bytesDone;
            for (qsizetype k = 0; k < analyses.size(); ++k)
                done.events.append(BounceEvent::fromAnalysis(analyses[k], read.items[k]));
            return done;
        },
        [&](Done&& done) {
            for (qsizetype k = 0; k < done.events.size(); ++k) {
                for (BounceEvent& e : done.events[k])
                    intern(e);
                ++m_items;
                m_rows += done.events[k];
                m_pending += done.events[k];
                bytesDone = done.bytesDone[k];
                if (++sinceCommit >= m_commitEvery) {
                    flush();
                    sinceCommit = 0;
                }
                if (sinceReport.elapsed() >= 100)
                    report();
                if (cancel && cancel->load()) {
                    cancelled = true;
                    return false;
                }
            }
            return true;
        },
        m_threads);
    flush();
    finish();
    report();
    return !cancelled;
}

void BatchAnalyzer::finish()
{
    QHash<QString, QList<qsizetype>> rowsByAddress;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].isListAddress())
            rowsByAddress[m_rows[i].addressKey()].append(i);
    }
    QList<AddressSummary> summaries;
    summaries.reserve(rowsByAddress.size());
    for (auto it = rowsByAddress.cbegin(); it != rowsByAddress.cend(); ++it) {
        bool ok = true;
        QList<BounceEvent> events = m_store->events(it.key(), &ok);
        if (!ok) {
            failOver(m_store->errorText());
            finish();
            return;
        }
        const QList<EscalationMark> marks = m_policy.evaluateNow(events);
        QHash<QString, EscalationMark> byKey;
        for (qsizetype i = 0; i < events.size(); ++i)
            byKey.insert(eventKey(events[i]), marks[i]);
        for (const qsizetype row : it.value()) {
            BounceEvent& r = m_rows[row];
            r.history = byKey.value(eventKey(r));
        }
        summaries.append(AddressSummary::from(events, m_policy));
    }
    if (!m_store->saveSummaries(summaries) && m_problem.isEmpty())
        m_problem = m_store->errorText();
    m_summaries = std::move(summaries);
}

} // namespace headerlens
