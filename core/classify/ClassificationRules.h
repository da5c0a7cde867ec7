#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// The facts one rule is checked against: the server's words and what the report states.
struct RuleFacts
{
    QString text;      // the server's text (diagnostic), as given
    QString status;    // enhanced status "5.1.1", may be empty
    int replyCode = 0; // 0 when none
    QString stage;     // SMTP stage as reported ("RCPT TO", "end of DATA" ...)
    QString action;    // DSN Action, lower case
    QString diagnosticType;
    QString mta;    // remote MTA, then reporting MTA, joined by a space
    QString format; // the report layout the reader recognised ("googlegroups", "exim" ...)
    bool finalFailure = false;
    bool serverWords = false; // text is the server's own reply, not the reporter's summary
    // Whose address or host the refusal is about (RefusalSubject): "sender", "recipient" or empty.
    QString about;
    // The report's own words call the failure permanent or fatal; stands in for a missing or
    // generic (X.0.0) status when deciding the class.
    bool reportSaysPermanent = false;

    // First digit of the status, else of the reply code; 0 when neither is known.
    int statusClass() const;
};

// One row of rules/classification-rules.tsv that fired, with the text it matched.
struct RuleMatch
{
    QString id;
    QString cause;
    int priority = 0;
    QString matchedText; // the phrase of the server text, or the status / code that matched
    QString reason;
    QString origin; // where the rule comes from: "rfc:3463", "vendor:microsoft", "phrase:unknown-user" ...
    enum class Source
    {
        Text,
        Status,
        ReplyCode,
        Refinement
    } source = Source::Text;
};

// The classification rules table (rules as data, each row with an id the evidence cites).
// Loaded once from the resource compiled into core; thread-safe to use after that.
class ClassificationRules final
{
public:
    // The strongest first-pass match (text, status and reply-code rules), or nullopt.
    static std::optional<RuleMatch> bestMatch(const RuleFacts& facts, const QStringList& excludeCauses = {});
    // Every first-pass rule that fires, strongest first.
    static QList<RuleMatch> allMatches(const RuleFacts& facts);
    // The refinement that applies to `cause`, decided by rule `ruleId`, if any (e.g. "user
    // unknown" after DATA).
    static std::optional<RuleMatch> refinement(const RuleFacts& facts, const QString& cause,
                                               const QString& ruleId);
    // Lower-cased, white space collapsed, multi-line reply prefixes ("550-5.7.1 ") removed:
    // the form rule phrases are matched against.
    static QString normaliseText(const QString& text);
    // Every address in `text` (lower-cased) replaced by "<email>": what replacing each match of
    // AddressPattern gives, one after the other, without running it (TestBounceClassifier
    // compares the two).
    static QString replaceAddresses(QString text);
    static constexpr const char* AddressPattern = "[^\\s<>\"'()\\[\\],;:]+@[a-z0-9][a-z0-9.-]*";
    // Number of rows, for tests and the About box.
    static int ruleCount();

    // Every row as loaded (first pass and refinements), for tests that audit the table.
    struct Row
    {
        QString id;
        QString cause;
        QString source;
        bool refinement = false;
    };
    static QList<Row> rows();
};

} // namespace headerlens
