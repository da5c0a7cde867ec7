#pragma once

#include <QChar>
#include <QLatin1StringView>
#include <QStringView>

#include <cstddef>

namespace headerlens {

// QStringView::indexOf(needle, from, Qt::CaseInsensitive) with the same answers, for the ASCII
// words searched for in long server texts ("Recipient address rejected", "xn--", an address).
// Qt folds every character of both sides through the Unicode tables; here an ASCII character is
// lowered by arithmetic and only the others are folded (QChar::toCaseFolded, Qt's own folding,
// so that the Kelvin sign still matches "k"). A needle with characters beyond ASCII is left to Qt.
qsizetype indexOfCaseless(QStringView text, QLatin1StringView needle, qsizetype from = 0);
qsizetype indexOfCaseless(QStringView text, QStringView needle, qsizetype from = 0);

// A word written as a literal, in code or in a table of words, with its length taken at compile
// time (a `const char*` would need a strlen at each of the many comparisons).
struct Keyword
{
    template <std::size_t N>
    constexpr Keyword(const char (&s)[N]) // NOLINT(google-explicit-constructor): tables of literals
        : text(s, N - 1)
    {}
    QLatin1StringView text;
};

// ASCII digits and letters only (QChar::isDigit and isLetter take every script's).
inline bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}
inline bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}
// \s and \w as PCRE reads them without Unicode properties (QRegularExpression's default):
// the six ASCII blanks, and ASCII letters, digits and '_'.
inline bool isRegexSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || u == u'\t' || u == u'\n' || u == u'\v' || u == u'\f' || u == u'\r';
}
inline bool isRegexWordCharacter(QChar c)
{
    return isAsciiLetter(c) || isAsciiDigit(c) || c == u'_';
}

// QStringView::indexOf(QChar) and contains(QChar) with the same answers, for the short words of
// trace fields and dates: Qt 6.4 sends these through its general substring search with a
// one-unit needle, whose set-up costs more than such a word takes to read.
inline qsizetype indexOfUnit(QStringView text, char16_t unit, qsizetype from = 0)
{
    if (from < 0) // counted from the end, with Qt's own rules for far-off offsets
        return text.indexOf(QChar(unit), from);
    const char16_t* data = text.utf16();
    for (qsizetype i = from; i < text.size(); ++i) {
        if (data[i] == unit)
            return i;
    }
    return -1;
}
inline bool containsUnit(QStringView text, char16_t unit)
{
    return indexOfUnit(text, unit) >= 0;
}

// One UTF-16 unit case-folded the way Qt's case-insensitive comparisons fold it.
inline char16_t foldedUnit(char16_t c)
{
    if (c < 128)
        return (c >= 'A' && c <= 'Z') ? static_cast<char16_t>(c + ('a' - 'A')) : c;
    return QChar::toCaseFolded(c);
}

// QStringView::compare(word, Qt::CaseInsensitive) == 0, startsWith and endsWith with
// Qt::CaseInsensitive, with the same answers, for the many short keyword tests of the trace-field
// parser. Case folding maps one UTF-16 unit to one, so texts of other lengths never compare equal.
inline bool equalsCaseless(QStringView text, QLatin1StringView word)
{
    if (text.size() != word.size())
        return false;
    const char16_t* t = text.utf16();
    const char* w = word.data();
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (foldedUnit(t[i]) != foldedUnit(static_cast<unsigned char>(w[i])))
            return false;
    }
    return true;
}
// QStringView::compare(other, Qt::CaseInsensitive) == 0, with the same answer: unit by unit
// while neither side has a surrogate (Qt folds a surrogate pair as one character; such texts
// are left to it).
inline bool equalsCaseless(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    const char16_t* x = a.utf16();
    const char16_t* y = b.utf16();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (x[i] == y[i])
            continue;
        if (QChar::isSurrogate(x[i]) || QChar::isSurrogate(y[i]))
            return a.compare(b, Qt::CaseInsensitive) == 0;
        if (foldedUnit(x[i]) != foldedUnit(y[i]))
            return false;
    }
    return true;
}

// Qt's rule for a null text: it starts (and ends) only with a null word.
inline bool startsWithCaseless(QStringView text, QLatin1StringView word)
{
    if (text.isNull())
        return word.isNull();
    return text.size() >= word.size() && equalsCaseless(text.first(word.size()), word);
}
inline bool endsWithCaseless(QStringView text, QLatin1StringView word)
{
    if (text.isNull())
        return word.isNull();
    return text.size() >= word.size() && equalsCaseless(text.last(word.size()), word);
}

// text.toLower() with the same result. ASCII text (domains, field names, most replies) is
// lowered by arithmetic, in place when not shared and not at all when it has no capital;
// text with other characters goes through Qt's Unicode tables as before.
QString lowered(QString text);

// text.simplified() with the same result. Most texts given to it (a server's reply, a joined
// diagnostic) are simple already: then the text itself is returned, neither copied nor written.
QString simplifiedText(QString text);
// QString::section(separator, 0, 0): the text before the first separator, all of it without one.
inline QStringView beforeFirst(QStringView text, char16_t separator)
{
    const qsizetype at = text.indexOf(QChar(separator));
    return at < 0 ? text : text.first(at);
}
// QString::section(separator, 1): the text after the first separator, nothing without one.
inline QStringView afterFirst(QStringView text, char16_t separator)
{
    const qsizetype at = text.indexOf(QChar(separator));
    return at < 0 ? QStringView() : text.sliced(at + 1);
}
// Each line of `text` (cut at '\n') as QString::simplified() makes it, the lines left empty dropped,
// the rest joined by '\n': split, simplify, remove the empty ones and join, in one pass.
QString simplifiedLines(QStringView text);

inline bool containsCaseless(QStringView text, QLatin1StringView needle)
{
    return indexOfCaseless(text, needle) >= 0;
}
inline bool containsCaseless(QStringView text, QStringView needle)
{
    return indexOfCaseless(text, needle) >= 0;
}

} // namespace headerlens
