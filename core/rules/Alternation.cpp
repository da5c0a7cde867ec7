#include "Alternation.h"

namespace headerlens::Alternation {

QRegularExpressionMatch leftmost(const QList<const QRegularExpression*>& branches, const QString& text,
                                 QRegularExpression::MatchOptions options)
{
    QRegularExpressionMatch best;
    for (const QRegularExpression* branch : branches) {
        QRegularExpressionMatch m = branch->match(text, 0, QRegularExpression::NormalMatch, options);
        if (!m.hasMatch() || (best.hasMatch() && m.capturedStart(0) >= best.capturedStart(0)))
            continue;
        best = std::move(m);
        if (best.capturedStart(0) == 0)
            break; // no branch can start earlier, and a later one loses the tie
    }
    return best;
}

} // namespace headerlens::Alternation
