#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QString>

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
