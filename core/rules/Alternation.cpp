#include "Alternation.h"

#include "TextSearch.h"

#include <algorithm>

namespace headerlens::Alternation {

namespace {

// The text `pattern` matches when it has no regex syntax at all (outside a character class,
// without extended syntax, only these characters are special); empty otherwise. ASCII only: the
// case folding of other characters is left to PCRE.
QString plainText(const QString& pattern, QRegularExpression::PatternOptions options)
{
    if (options &
        ~(QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption))
        return {};
    static const QLatin1StringView special("\\^$.[]|()?*+{}");
    const bool plain = std::all_of(pattern.cbegin(), pattern.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && !special.contains(c);
    });
    return plain ? pattern : QString();
}

} // namespace

Branch::Branch(const QString& pattern, QRegularExpression::PatternOptions options)
    : m_literal(plainText(pattern, options))
    , m_caseless(options.testFlag(QRegularExpression::CaseInsensitiveOption))
{
    if (m_literal.isEmpty())
        m_regex = QRegularExpression(pattern, options);
}

std::pair<qsizetype, qsizetype> Branch::find(const QString& text,
                                             QRegularExpression::MatchOptions options) const
{
    if (!m_literal.isEmpty()) {
        const qsizetype at =
            m_caseless ? indexOfCaseless(text, QStringView(m_literal)) : QStringView(text).indexOf(m_literal);
        return {at, at < 0 ? 0 : m_literal.size()};
    }
    const QRegularExpressionMatch m = m_regex.match(text, 0, QRegularExpression::NormalMatch, options);
    if (!m.hasMatch())
        return {-1, 0};
    return {m.capturedStart(0), m.capturedLength(0)};
}

std::pair<qsizetype, qsizetype> leftmost(const QList<const Branch*>& branches, const QString& text,
                                         QRegularExpression::MatchOptions options)
{
    std::pair<qsizetype, qsizetype> best{-1, 0};
    for (const Branch* branch : branches) {
        const std::pair<qsizetype, qsizetype> m = branch->find(text, options);
        if (m.first < 0 || (best.first >= 0 && m.first >= best.first))
            continue;
        best = m;
        if (best.first == 0)
            break; // no branch can start earlier, and a later one loses the tie
    }
    return best;
}

} // namespace headerlens::Alternation
