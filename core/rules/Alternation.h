#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace headerlens {

// An alternation A|B|C run branch by branch (RegexLiterals::branches gives the branches). PCRE
// tries the branches in order at each position from the left, so the whole expression's match is
// the leftmost of the branches' own matches, the earlier branch where two start at the same
// place. Running only the branches whose phrases occur in a text, instead of the whole
// expression, gives the same match: the others cannot match there.
namespace Alternation {

// The match the alternation of `branches` (in their order) gives on `text`; no match when none
// of them matches.
QRegularExpressionMatch
leftmost(const QList<const QRegularExpression*>& branches, const QString& text,
         QRegularExpression::MatchOptions options = QRegularExpression::NoMatchOption);

} // namespace Alternation

} // namespace headerlens
