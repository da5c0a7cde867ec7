#pragma once

#include <QLatin1StringView>
#include <QStringView>

namespace headerlens {

// QStringView::indexOf(needle, from, Qt::CaseInsensitive) with the same answers, for the ASCII
// words searched for in long server texts ("Recipient address rejected", "xn--", an address).
// Qt folds every character of both sides through the Unicode tables; here an ASCII character is
// lowered by arithmetic and only the others are folded (QChar::toCaseFolded, Qt's own folding,
// so that the Kelvin sign still matches "k"). A needle with characters beyond ASCII is left to Qt.
qsizetype indexOfCaseless(QStringView text, QLatin1StringView needle, qsizetype from = 0);
qsizetype indexOfCaseless(QStringView text, QStringView needle, qsizetype from = 0);

inline bool containsCaseless(QStringView text, QLatin1StringView needle)
{
    return indexOfCaseless(text, needle) >= 0;
}
inline bool containsCaseless(QStringView text, QStringView needle)
{
    return indexOfCaseless(text, needle) >= 0;
}

} // namespace headerlens
