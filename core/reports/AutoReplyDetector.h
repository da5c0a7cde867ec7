#pragma once

#include "HeaderField.h"

#include <QString>

namespace headerlens {

// Auto-replies (RFC 3834): vacation and out-of-office answers, autoresponders. The header fields
// and subject phrases live in core/rules/auto-reply.txt, each with an id.
class AutoReplyDetector final
{
public:
    struct Result
    {
        bool autoReply = false;
        QString ruleId; // the rule that decided, e.g. "auto-reply:auto-submitted"
        QString text;   // what it matched
        // The Subject itself starts like an auto-reply ("Automatic reply: Undeliverable: ..."):
        // the failure words after that are the subject of the message it answers.
        bool replySubject = false;
    };
    // Reads the message's own header fields (and its Subject). A bounce is never an auto-reply:
    // call this only after the delivery-report readers found nothing.
    static Result detect(const HeaderList& headers);
};

} // namespace headerlens
