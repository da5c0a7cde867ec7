#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QString>

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
};

} // namespace headerlens
