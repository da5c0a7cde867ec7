#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace headerlens {

// What SMTP codes mean, in plain words: RFC 5321 reply codes and RFC 3463 enhanced status codes
// (the IANA registry of RFC 5248 plus providers' own codes). The tables live in core/rules/
// (reply-codes.tsv, enhanced-status-codes.tsv, vendor-status-codes.tsv).
class SmtpStatus final
{
public:
    struct Meaning
    {
        QString status;       // the code as asked, e.g. "5.7.509"
        QString classMeaning; // "2", "4" or "5": success, temporary failure, permanent failure
        QString subject;      // meaning of the subject digit, e.g. "Addressing"
        QString detail;       // our plain-language meaning of the subject.detail pair
        QString registryName; // the IANA name when the code is registered, empty otherwise
        QString source;       // "iana", "microsoft", "google" ... empty when unknown
        QString ruleId;       // id evidence can cite, e.g. "status:X.1.1", "vendor-status:microsoft:5.7.509"
        bool known = false;   // the detail was found in a table

        bool isValid() const { return !status.isEmpty(); }
    };

    // Plain meaning of a three-digit reply code (RFC 5321 section 4.2); for an unlisted code the
    // meaning of its first digit. Empty for values outside 200-599.
    static QString replyCodeMeaning(int replyCode);
    // Meaning of an enhanced status code "c.s.d" (RFC 3463 section 2). Vendor codes are tried
    // first for their exact class, then the registry (X.s.d). Invalid input gives !isValid().
    static Meaning enhancedStatusMeaning(QStringView status);
    // The same, for a code a particular server gave: a provider's own meaning (Gmail's 5.2.1,
    // Microsoft's 5.7.509 ...) applies only when `server` (the answering or reporting host, or the
    // reply text) shows that provider said it; otherwise the registry meaning.
    static Meaning enhancedStatusMeaning(QStringView status, QStringView server);
    // The provider whose servers `server` names ("google", "microsoft"), or an empty string.
    static QString vendorOf(QStringView server);
    // The length of the prefix of a line of a multi-line reply (RFC 5321 section 4.2.1): "550-"
    // or "550 5.7.1 ", the reply code, a space or hyphen, and an enhanced status code with the
    // blanks after it when one follows. 0 when the line does not start with a reply code.
    static qsizetype replyPrefixLength(QStringView line);

    // True for "c.s.d" with c in {2,4,5}, s and d of 1-3 digits (RFC 3463 section 2).
    static bool isEnhancedStatus(QStringView text);
    // Whether a recipient's own reply accepted it: a 2xx reply code, or with no code a 2.x.x status.
    static bool isAcceptance(int replyCode, QStringView status);
    // X.4.7, delivery time expired (RFC 3463): the sender's queue time ran out.
    static bool isTimeExpired(QStringView status);
    // Enhanced status codes that SMTP servers write in free text: "550 5.1.1 ...", "550-5.7.26",
    // qmail's "(#5.1.1)", "[RCPT_TO] 5.2.2". Returns the first plausible code or an empty string.
    // Dotted numbers that are part of an IP address, a version or a date are skipped.
    // When the text holds several, the first with a non-zero detail wins ("5.1.0 ... 5.2.2" gives
    // 5.2.2), and an expiry code X.4.7 gives way to the last server error it quotes.
    static QString findEnhancedStatus(QStringView text);
    // Every plausible code in order of appearance.
    static QStringList findEnhancedStatuses(QStringView text);
    // The first three-digit SMTP reply code written as a reply: at the start of the text or of a
    // line, after "said:", "<<<", "error:", "#" ... Returns 0 when none. `statusClass` ('4' or
    // '5', or 0) prefers a code of that class when the text holds several.
    static int findReplyCode(QStringView text, QChar statusClass = QChar());
    // Where `code` (a three-digit reply code) is first written in `text` as a code: not inside a
    // word, a path or a dotted number, maybe after a '#', followed by a blank, one of "-,;:])" or
    // the end. -1 when nowhere.
    static qsizetype replyCodeAt(QStringView text, int code);

    // The matches of the expressions behind the searches above, found by reading the characters
    // instead of running them (the expressions are in TestSmtpStatus, which compares the two):
    // [start, end) of the next match at or after `from`, or {-1, -1}. The text must be valid
    // UTF-16 (PCRE finds nothing in a text that is not).
    struct Span
    {
        qsizetype start = -1;
        qsizetype end = -1;
    };
    // An enhanced status code not preceded by a digit or dot (IP addresses, versions) and not
    // followed by more dotted digits:
    // (?<![\d.])([245])\.([0-7]|[1-9]\d{1,2})\.(\d{1,3})(?![\d]|\.\d)
    static Span nextStatusCode(QStringView text, qsizetype from);
    // A reply code not inside a word, address, path or number, followed by a blank, punctuation
    // or the end:
    // (?<![\w.\-/+=@$%&*])([245][0-5]\d)(?=[\s\-,;\])"']|:(?![0-9a-fA-F])|\.(?!\d)|$)
    static Span nextReplyCode(QStringView text, qsizetype from);
};

} // namespace headerlens
