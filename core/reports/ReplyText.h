#pragma once

#include "DeliveryReport.h"

#include <QString>

namespace headerlens {

// A reply without a message: what engineers mostly hold is one SMTP reply line from a log, a few
// of them, or the visible text of a non-delivery report copied out of a mail program. This turns
// such text into a DeliveryReport with one RecipientReport per reply, so that the normal
// classification and explanation run on it (Analyzer::analyzeReplyText).
//
// Read forms:
// - SMTP replies (RFC 5321 section 4.2): "550 5.1.1 <a@b.example>: Recipient address rejected",
//   multi-line replies ("550-5.7.26 ..." continued by "550 5.7.26 ...") joined into one;
// - MTA log lines: Postfix "to=<a@b>, relay=..., status=bounced (host X said: 550 ...)", Exim
//   "** a@b ...: 550 ..." (final) and "== a@b ... defer ...: 451 ..." (deferred);
// - the visible text of a bounce, e.g. Office 365's "Delivery has failed to these recipients or
//   groups" with "Remote Server returned '550 5.1.10 ...'" (read with the bounce layouts of
//   BounceFormats, then line by line);
// - the sending MTA's own words when no server answered ("connect to mx.b[192.0.2.1]:25:
//   Connection refused", "Host or domain name not found ..."): delayed for a connection failure,
//   final for a domain that does not exist.
class ReplyText final
{
public:
    // The report: kind Bounce when any reply is a final failure, DelayNotice when every reply is
    // temporary, DeliveryNotice when every reply is a success; format "reply-text" (or the
    // bounce layout that recognised the text). No recipients when the text holds no reply.
    static DeliveryReport read(const QString& text);

    // True when `text` holds no mail header fields that matter (Received, From, Subject ...) but
    // does hold something read() understands: pasted text is then explained as a reply.
    static bool looksLikeReplyText(const QString& text);
};

} // namespace headerlens
