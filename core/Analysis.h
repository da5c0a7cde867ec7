#pragma once

#include "AuthenticationResults.h"
#include "Classification.h"
#include "DeliveryReport.h"
#include "ParsedMessage.h"
#include "RelayChain.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace headerlens {

// Everything HeaderLens found out about one recipient of a report.
struct RecipientAnalysis
{
    RecipientReport report;
    Classification classification;
    QString explanation; // plain-language paragraph
};

// The whole result for one input, as views, the CLI and reports consume it.
struct Analysis
{
    QString source; // file path as given, or a label such as "Pasted text"
    ParsedMessage message;
    RelayChain relay;                 // the route of the input itself (for a bounce: the bounce's route)
    DeliveryReport report;            // kind NotAReport for ordinary messages
    RelayChain originalRelay;         // the route of the returned original, when the report carries one
    QList<AuthResult> authentication; // SPF/DKIM/DMARC results stated in the input's headers
    QList<AuthResult> originalAuthentication; // the same for the returned original
    QList<RecipientAnalysis> recipients;
    QString summary; // one sentence for the whole input
    // Read from pasted SMTP reply lines or an NDR's visible text (ReplyText), not from a message:
    // there is no route and no header field, only the server's words.
    bool fromReplyText = false;
    QStringList errors;
    QStringList warnings;

    // DOMAIN.md section 3 "kind": bounce, delay_notice, delivery_notice, feedback_report,
    // auto_reply, message or headers.
    QString kind() const;
    bool hasErrors() const { return !errors.isEmpty(); }
    // The most severe verdict among the recipients (hard, soft, deferred, unknown, none); for an
    // input without recipients, none, or unknown when it is a report nobody could be read from.
    BounceType overallType() const;
};

} // namespace headerlens
