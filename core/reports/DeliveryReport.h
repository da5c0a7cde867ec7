#pragma once

#include "HeaderField.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace headerlens {

// What kind of report an input is (DOMAIN.md section 3, "kind").
enum class ReportKind
{
    NotAReport,     // an ordinary message or header block
    Bounce,         // a final failure (DSN Action: failed, or a non-RFC 3464 bounce text)
    DelayNotice,    // Action: delayed, "still undelivered" warnings
    DeliveryNotice, // Action: delivered / relayed / expanded
    FeedbackReport, // ARF, RFC 5965
    AutoReply,      // RFC 3834 auto-replies, vacation / out-of-office
};

// One recipient as a report speaks of it (RFC 3464 section 2.3, or the same facts read from a
// non-standard bounce text).
struct RecipientReport
{
    QString address; // the recipient, bare addr-spec: Original-Recipient when it is an Internet address,
                     // else Final-Recipient, or as read from a bounce text
    QString originalRecipient;     // Original-Recipient when given
    QString finalRecipient;        // Final-Recipient as given (may be an alias target or an x400 address)
    QString action;                // failed, delayed, delivered, relayed, expanded; empty when unknown
    bool actionFromStatus = false; // the report gave no Action: it was read from a 5.x.x or 2.x.x Status
    int replyCode = 0;             // RFC 5321 three-digit reply code, 0 when none
    QString status;                // RFC 3463 enhanced status "5.1.1" as given, empty when none
    bool timeExpired = false;      // the Status field said X.4.7 (delivery time expired) before the
                                   // diagnostic's more precise code (the last attempt's error) replaced it
    QString diagnostic;            // the server's own words, verbatim (unfolded)
    QString diagnosticType;        // "smtp", "x-unix" ... from Diagnostic-Code
    QString remoteMta;             // the server that gave the answer
    QString reportingMta;          // the server that wrote the report
    QString smtpCommand; // the SMTP stage when stated: "MAIL FROM", "RCPT TO", "DATA", "end of data" ...
    QDateTime lastAttempt;
    QDateTime willRetryUntil;
    QString format; // which reader found it: "rfc3464", "exim", "qmail" ...
};

// The returned original message (message/rfc822, text/rfc822-headers or an inline copy).
struct OriginalMessage
{
    HeaderList headers;
    QString from;
    QString to;
    QString subject;
    QString messageId;
    QDateTime date;

    bool isEmpty() const { return headers.isEmpty(); }
};

// A delivery report read apart: per-message fields and one RecipientReport per recipient, in
// report order.
struct DeliveryReport
{
    ReportKind kind = ReportKind::NotAReport;
    QString format; // reader that recognised it ("rfc3464", "exim", "qmail", "arf", "autoreply" ...)

    // RFC 3464 per-message fields
    QString reportingMta;
    QString receivedFromMta;
    QDateTime arrivalDate;
    QString originalEnvelopeId;
    QString postfixQueueId; // X-Postfix-Queue-ID
    QString postfixSender;  // X-Postfix-Sender

    QList<RecipientReport> recipients;
    OriginalMessage original;
    // The envelope sender as far as the report shows it: the address the report was sent to, the
    // returned original's Return-Path and From, X-Postfix-Sender. Tells a refusal of the sender
    // from one of the recipient.
    QStringList senders;
    // The report's own words call the failure permanent or fatal ("permanent fatal errors").
    bool saysPermanent = false;
    // The report says the sender gave up retrying ("could not be delivered for 5 days").
    bool saysRetriesOver = false;

    QString humanText; // the human-readable explanation part, as text
    // ARF (RFC 5965)
    QString feedbackType;
    QString feedbackSourceIp;
    QString feedbackUserAgent;

    QStringList warnings;

    bool isReport() const { return kind != ReportKind::NotAReport; }
};

} // namespace headerlens
