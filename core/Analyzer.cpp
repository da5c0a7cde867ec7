#include "Analyzer.h"

#include "DeliveryReportReader.h"
#include "MessageLoader.h"

namespace headerlens {

Analysis Analyzer::analyzeMessage(ParsedMessage message, const QString& source)
{
    Analysis analysis;
    analysis.source = source;
    analysis.message = std::move(message);
    analysis.errors = analysis.message.errors;
    analysis.warnings = analysis.message.warnings;
    if (analysis.message.headers.isEmpty())
        return analysis;

    analysis.relay = RelayChain::fromHeaders(analysis.message.headers);
    analysis.warnings += analysis.relay.warnings;

    analysis.report = DeliveryReportReader::read(analysis.message);
    analysis.warnings += analysis.report.warnings;
    if (!analysis.report.original.isEmpty())
        analysis.originalRelay = RelayChain::fromHeaders(analysis.report.original.headers);

    for (const RecipientReport& recipient : std::as_const(analysis.report.recipients)) {
        RecipientAnalysis item;
        item.report = recipient;
        analysis.recipients.append(item);
    }
    return analysis;
}

Analysis Analyzer::analyzeBytes(const QByteArray& bytes, const QString& source)
{
    return analyzeMessage(MessageLoader::fromBytes(bytes), source);
}

Analysis Analyzer::analyzeText(const QString& text, const QString& source)
{
    return analyzeMessage(MessageLoader::fromText(text), source);
}

Analysis Analyzer::analyzeFile(const QString& path)
{
    return analyzeMessage(MessageLoader::fromFile(path), path);
}

} // namespace headerlens
