#include "Analyzer.h"

#include "BounceClassifier.h"
#include "ClassificationRules.h"
#include "DeliveryReportReader.h"
#include "Explainer.h"
#include "MessageLoader.h"
#include "ReplyText.h"
#include "SenderFindings.h"

#include <QThread>

#include <system_error>

namespace headerlens {

Analysis Analyzer::analyzeMessage(ParsedMessage message, const QString& source)
{
    Analysis analysis;
    analysis.source = source;
    analysis.message = std::move(message);
    analysis.errors = analysis.message.errors;
    analysis.warnings = analysis.message.warnings;
    if (analysis.message.headers.isEmpty()) {
        analysis.summary = Explainer::summarize(analysis);
        return analysis;
    }

    analysis.relay = RelayChain::fromHeaders(analysis.message.headers);
    analysis.warnings += analysis.relay.warnings;

    analysis.authAssessment = AuthenticationAssessment::assess(analysis.message.headers, analysis.relay);
    analysis.authentication = AuthenticationResults::resultsOf(analysis.authAssessment.fields);
    analysis.report = DeliveryReportReader::read(analysis.message);
    analysis.warnings += analysis.report.warnings;
    if (!analysis.report.original.isEmpty()) {
        analysis.originalRelay = RelayChain::fromHeaders(analysis.report.original.headers);
        analysis.originalAuthAssessment =
            AuthenticationAssessment::assess(analysis.report.original.headers, analysis.originalRelay,
                                             AuthenticationAssessment::Perspective::ReturnedOriginal);
        analysis.originalAuthentication =
            AuthenticationResults::resultsOf(analysis.originalAuthAssessment.fields);
    }

    classifyAndExplain(analysis);
    return analysis;
}

void Analyzer::classifyAndExplain(Analysis& analysis)
{
    analysis.recipients.clear();
    for (const RecipientReport& recipient : std::as_const(analysis.report.recipients)) {
        RecipientAnalysis item;
        item.report = recipient;
        item.classification = BounceClassifier::classify(analysis.report, recipient);
        analysis.recipients.append(item);
    }
    // Next to the classification, not in it: what the input shows about the sending side.
    analysis.sendingIp = SenderFindings::sendingIp(analysis);
    analysis.senderFindings = SenderFindings::find(analysis);
    // Explanations read the whole analysis (the original's route, the report's sender).
    for (RecipientAnalysis& item : analysis.recipients)
        item.explanation = Explainer::explainRecipient(analysis, item);
    analysis.summary = Explainer::summarize(analysis);
}

Analysis Analyzer::analyzeBytes(const QByteArray& bytes, const QString& source)
{
    return analyzeMessage(MessageLoader::fromBytes(bytes), source);
}

Analysis Analyzer::analyzeText(const QString& text, const QString& source)
{
    return analyzeMessage(MessageLoader::fromText(text), source);
}

Analysis Analyzer::analyzeReplyText(const QString& text, const QString& source)
{
    Analysis analysis;
    analysis.source = source;
    analysis.fromReplyText = true;
    analysis.message.inputSize = text.toUtf8().size();
    analysis.report = ReplyText::read(text);
    if (analysis.report.recipients.isEmpty()) {
        analysis.report = DeliveryReport{};
        analysis.errors.append(
            text.trimmed().isEmpty()
                ? QStringLiteral("There is no text to explain.")
                : QStringLiteral("No SMTP reply found: give a reply line such as \"550 5.1.1 <a@b.example>: "
                                 "User unknown\", a log line, or the visible text of a bounce."));
        analysis.summary = QStringLiteral("Nothing could be explained: %1").arg(analysis.errors.first());
        return analysis;
    }
    analysis.warnings.append(QStringLiteral(
        "Explained from a reply text, not from a message: there is no route and there are no header "
        "fields to read."));
    classifyAndExplain(analysis);
    return analysis;
}

Analysis Analyzer::analyzePastedText(const QString& text, const QString& source)
{
    if (ReplyText::looksLikeReplyText(text))
        return analyzeReplyText(text, source);
    return analyzeText(text, source);
}

Analysis Analyzer::analyzeFile(const QString& path)
{
    return analyzeMessage(MessageLoader::fromFile(path), path);
}

void Analyzer::prepare()
{
    (void)ClassificationRules::ruleCount();
}

PreparedInBackground::PreparedInBackground(bool start)
{
    if (!start || QThread::idealThreadCount() < 2)
        return;
    try {
        m_thread = std::thread(&Analyzer::prepare);
    } catch (const std::system_error&) {
        // No thread to spare: the first message's thread builds the tables, as it would anyway.
    }
}

PreparedInBackground::~PreparedInBackground()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace headerlens
