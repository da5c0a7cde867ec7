#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <thread>

namespace headerlens {

// The one-way pipeline: bytes -> parsed message -> relay chain and delivery report ->
// classification -> explanation. Pure function of its input; safe to call from any thread.
class Analyzer final
{
public:
    static Analysis analyzeBytes(const QByteArray& bytes, const QString& source);
    static Analysis analyzeText(const QString& text, const QString& source);
    static Analysis analyzeFile(const QString& path);
    static Analysis analyzeMessage(ParsedMessage message, const QString& source);
    // The pipeline over a group of messages, a stage at a time: every message of the group is
    // read for its route, then every one for its authentication, then for its report, and so
    // on, instead of each message going through every stage before the next starts. Each stage
    // runs its own code and tables many times in a row while they are in the processor's caches
    // (a message's way through all the stages reads more code than the caches hold): a batch
    // takes a fifth less time, the same instructions run at a higher rate. Each analysis holds
    // its source and its loaded message; the results are those of analyzeMessage, message by
    // message.
    static void analyzeTogether(QList<Analysis>& group);
    // analyzeFile for each of `paths`, in groups analysed together: loaded while they add up to
    // at most GroupBytes, at most GroupSize at a time. `done` gets every analysis in the order
    // of `paths`, a group's right after the group (so that it may render them in a row too).
    static void analyzeFiles(const QStringList& paths,
                             const std::function<void(qsizetype, Analysis&&)>& done);
    // 64 measured best on the corpus (less CPU than one at a time: 16: 13 %, 64 and 128: 19-20 %,
    // 256: 16 %, the group's own data then no longer staying in the caches).
    static constexpr qsizetype GroupSize = 64;
    static constexpr qint64 GroupBytes = 8 * 1024 * 1024;
    // How many messages a parallel run of `count` gives each piece of work: GroupSize, or fewer
    // for a short run, so that every one of `threads` threads still has several pieces.
    static qsizetype groupSizeFor(qsizetype count, int threads);
    // A reply without a message (ReplyText): pasted SMTP reply lines, log lines or the visible
    // text of an NDR, classified and explained like a bounce. An error when no reply is in it.
    static Analysis analyzeReplyText(const QString& text, const QString& source);
    // Pasted text: a message or header block as analyzeText, or a reply text when it holds no
    // mail header field but does hold SMTP replies.
    static Analysis analyzePastedText(const QString& text, const QString& source);
    // The last steps on their own: classify every recipient of analysis.report, explain each,
    // and summarise. Replaces analysis.recipients and analysis.summary.
    static void classifyAndExplain(Analysis& analysis);
    // Builds the tables that every classification reads (the rules and their phrase automaton,
    // about 6 ms) if they are not built yet. Safe from any thread; the first caller builds them,
    // any other waits for it.
    static void prepare();

private:
    // classifyAndExplain's steps.
    static void classify(Analysis& analysis);
    static void findSenderSide(Analysis& analysis);
    static void explain(Analysis& analysis);
};

// A run of many messages starts its threads on messages at once: while they read the first
// ones, this builds Analyzer::prepare's tables on a thread of its own, instead of one message's
// thread building them while the others wait. Joined when it goes. Started only when `start`
// holds (a run of more than one message, on more than one thread) on a machine of more than
// one core.
class PreparedInBackground final
{
public:
    explicit PreparedInBackground(bool start);
    ~PreparedInBackground();
    PreparedInBackground(const PreparedInBackground&) = delete;
    PreparedInBackground& operator=(const PreparedInBackground&) = delete;

private:
    std::thread m_thread;
};

} // namespace headerlens
