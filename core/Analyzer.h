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
    // The last steps on their own: classify every recipient of analysis.report, explain each,
    // and summarise. Replaces analysis.recipients and analysis.summary.
    static void classifyAndExplain(Analysis& analysis);
};

} // namespace headerlens
