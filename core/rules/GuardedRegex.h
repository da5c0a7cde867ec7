#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace headerlens {

// A regular expression of a data table that runs only when the text holds one of its literal
// factors (RegexLiterals): most lines of a bounce contain none of a layout's phrases, and a
// substring search is far cheaper than a call into PCRE. Matches exactly what the expression
// matches. Compiled on first use (QRegularExpression is lazy), so start-up does not pay for
// patterns a run never needs.
class GuardedRegex final
{
public:
    GuardedRegex() = default;
    explicit GuardedRegex(const QString& pattern,
                          QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption);

    // False when no literal factor occurs: the expression cannot match.
    bool mayMatch(QStringView text) const;
    QRegularExpressionMatch match(const QString& text) const;
    bool matches(const QString& text) const;

    const QRegularExpression& regex() const { return m_regex; }
    const QStringList& literals() const { return m_literals; }
    bool isValid() const { return m_regex.isValid(); }
    QString pattern() const { return m_regex.pattern(); }

private:
    QRegularExpression m_regex;
    QStringList m_literals;
    Qt::CaseSensitivity m_case = Qt::CaseSensitive;
};

} // namespace headerlens
