#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

namespace headerlens {

// An alternation A|B|C run branch by branch (RegexLiterals::branches gives the branches). PCRE
// tries the branches in order at each position from the left, so the whole expression's match is
// the leftmost of the branches' own matches, the earlier branch where two start at the same
// place. Running only the branches whose phrases occur in a text, instead of the whole
// expression, gives the same match: the others cannot match there.
namespace Alternation {

// One branch. A branch that is plain ASCII text, without any regex syntax, is looked for as
// text (ignoring case when the expression does, with the case folding PCRE applies to ASCII
// letters: the Kelvin sign is a k, the long s an s): it never compiles, nor costs a PCRE call.
class Branch
{
public:
    Branch(const QString& pattern, QRegularExpression::PatternOptions options);
    // The branch's first match in `text`: its start and length; start -1 when none.
    std::pair<qsizetype, qsizetype> find(QStringView text, QRegularExpression::MatchOptions options) const;
    bool isLiteral() const { return !m_literal.isEmpty(); }

private:
    struct Compiled;   // the branch compiled by PCRE2, as QRegularExpression compiles it (Alternation.cpp)
    QString m_literal; // the text of a plain branch
    bool m_caseless = false;
    std::shared_ptr<Compiled> m_compiled; // otherwise
};

// The match the alternation of `branches` (in their order) gives on `text`: its start and
// length, start -1 when none of them matches.
std::pair<qsizetype, qsizetype>
leftmost(const QList<const Branch*>& branches, const QString& text,
         QRegularExpression::MatchOptions options = QRegularExpression::NoMatchOption);

} // namespace Alternation

} // namespace headerlens
