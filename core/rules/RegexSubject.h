#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringView>

namespace headerlens {

// Before every match PCRE checks that the subject is valid UTF-16, one pass over the whole text.
// On a long report tried against many expressions in a row that pass costs about as much as the
// matching itself. A text without surrogate code units cannot be invalid UTF-16, so the check is
// skipped for it; a text with surrogates, paired or not, is left to PCRE to check.
namespace RegexSubject {

// True when `text` holds a surrogate code unit (U+D800 to U+DFFF).
bool hasSurrogates(QStringView text);

// The match options that skip PCRE's check when `surrogateFree` is known to be true.
inline QRegularExpression::MatchOptions options(bool surrogateFree)
{
    return surrogateFree ? QRegularExpression::DontCheckSubjectStringMatchOption
                         : QRegularExpression::NoMatchOption;
}

// re.match(text): the same result, without the check when the text needs none.
inline QRegularExpressionMatch match(const QRegularExpression& re, const QString& text)
{
    return re.match(text, 0, QRegularExpression::NormalMatch, options(!hasSurrogates(text)));
}
inline QRegularExpressionMatch match(const QRegularExpression& re, QStringView text)
{
    return re.match(text, 0, QRegularExpression::NormalMatch, options(!hasSurrogates(text)));
}
// re.globalMatch(text), likewise (PCRE checks only the first match of a global match anyway).
inline QRegularExpressionMatchIterator globalMatch(const QRegularExpression& re, const QString& text)
{
    return re.globalMatch(text, 0, QRegularExpression::NormalMatch, options(!hasSurrogates(text)));
}
inline QRegularExpressionMatchIterator globalMatch(const QRegularExpression& re, QStringView text)
{
    return re.globalMatch(text, 0, QRegularExpression::NormalMatch, options(!hasSurrogates(text)));
}

} // namespace RegexSubject

} // namespace headerlens
