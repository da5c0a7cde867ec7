#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace headerlens {

// The literal factors of a regular expression: phrases of which every match must contain at
// least one (the idea of RE2's prefilter and of trigram indexes). A rule whose phrases do not
// occur in a text cannot match it, so its expression need not run at all.
//
// Read from the pattern itself (PCRE syntax as QRegularExpression takes it), so that the tables
// stay as they are written: no rule carries its literal twice. Anything the reader does not
// understand makes it give up (an empty list: no literal required, always run the expression),
// never guess: the result is only ever a necessary condition.
class RegexLiterals final
{
public:
    struct Result
    {
        QStringList phrases;          // case-folded when caseInsensitive; empty: none required
        bool caseInsensitive = false; // (?i) anywhere in the pattern, or the option given
    };
    // The phrases of `pattern`: from the precomputed table (rule-phrases.tsv) when it holds the
    // pattern, computed otherwise. The same result either way.
    static Result of(const QString& pattern, bool caseInsensitive = false);
    // Always reads the pattern (what the table was made with).
    static Result compute(const QString& pattern, bool caseInsensitive = false);

    // rule-phrases.tsv spares every start-up the reading of several hundred patterns. It holds a
    // line per table pattern; TestPatternTable fails when it is out of date and rewrites it with
    // HEADERLENS_UPDATE_PHRASES=1. A pattern it lacks is simply computed.
    struct Input
    {
        QString pattern;
        bool caseInsensitive = false;
    };
    static QByteArray tableFor(const QList<Input>& patterns);
    // Whether rule-phrases.tsv holds the pattern (what of() then reads instead of computing).
    static bool isPrecomputed(const QString& pattern, bool caseInsensitive);

    // The branches of a pattern that is an alternation at its top level, "A|B|C" -> A, B, C, each
    // a pattern of its own that matches what that alternative matches (a leading option setting
    // such as "(?i)" is put before each). Empty when the pattern has one branch, or holds what
    // would change meaning when cut apart: back-references, subroutine calls, branch resets,
    // option settings between the branches, \Q...\E quoting, extended syntax.
    static QStringList branches(const QString& pattern);
};

} // namespace headerlens
