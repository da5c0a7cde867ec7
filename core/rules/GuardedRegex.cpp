#include "GuardedRegex.h"

#include "RegexLiterals.h"
#include "RegexSubject.h"
#include "TextSearch.h"

namespace headerlens {

GuardedRegex::GuardedRegex(const QString& pattern, QRegularExpression::PatternOptions options)
    : m_regex(pattern, options)
{
    if (options & QRegularExpression::ExtendedPatternSyntaxOption)
        return; // white space is not literal there: no guard
    const RegexLiterals::Result literals =
        RegexLiterals::of(pattern, options.testFlag(QRegularExpression::CaseInsensitiveOption));
    m_literals = literals.phrases;
    m_case = literals.caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
}

bool GuardedRegex::mayMatch(QStringView text) const
{
    if (m_literals.isEmpty())
        return true;
    for (const QString& literal : m_literals) {
        if (m_case == Qt::CaseInsensitive ? containsCaseless(text, literal) : text.contains(literal))
            return true;
    }
    return false;
}

QRegularExpressionMatch GuardedRegex::match(const QString& text) const
{
    if (!mayMatch(text))
        return QRegularExpressionMatch();
    return RegexSubject::match(m_regex, text);
}

bool GuardedRegex::matches(const QString& text) const
{
    return mayMatch(text) && RegexSubject::match(m_regex, text).hasMatch();
}

} // namespace headerlens
