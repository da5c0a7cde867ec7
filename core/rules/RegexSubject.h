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

// Qt 6.4 compiles every expression to machine code three times: for complete matches and for
// PCRE2's two partial-match modes (qregularexpression.cpp, optimizePattern), which nothing here
// asks for. RegexSubject.cpp defines pcre2_jit_compile_16 in the executable, ahead of
// libpcre2's, and compiles for complete matches only: a third of the work. A partial match, if
// one is ever asked for, runs in PCRE2's interpreter, with the same result. The number of
// expressions it has compiled to machine code since start (TestPatternTable checks that Qt's
// compiles come through it).
int machineCodeCompiles();

} // namespace RegexSubject

} // namespace headerlens
