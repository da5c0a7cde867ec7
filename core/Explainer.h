#pragma once

#include "Analysis.h"

#include <QString>

namespace headerlens {

// Plain-language text from an analysis: per recipient, a paragraph that says what happened, who
// refused it and at which step, why (quoting the server), whose problem it is, what to do next
// and how much it hurts reputation; and one summary sentence for the whole input. Written for a
// non-expert, exact for an expert; never "5xx means hard".
class Explainer final
{
public:
    static QString explainRecipient(const Analysis& analysis, const RecipientAnalysis& recipient);
    static QString summarize(const Analysis& analysis);
    // "at RCPT TO, when it was told the recipient address" ...; empty when the stage is unknown.
    static QString stagePhrase(const QString& smtpCommand);
};

} // namespace headerlens
