#include "HtmlText.h"

#include "TextSearch.h"

#include <QLatin1StringView>
#include <QRegularExpression>

#include <array>

namespace headerlens::HtmlText {

namespace {

// Whether `word` (lower-case ASCII; '#' for any digit) stands at `at`, compared as PCRE compares
// ignoring case: the Kelvin sign is a k and the long s an s, as case folding has them.
bool wordAt(QStringView text, qsizetype at, QLatin1StringView word)
{
    if (at + word.size() > text.size())
        return false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = text[at + i].unicode();
        if (word[i] == QLatin1Char('#') ? !isAsciiDigit(c) : foldedUnit(c) != word[i].unicode())
            return false;
    }
    return true;
}

// \b after a word: the end, or a unit that is not a word character.
bool boundaryAt(QStringView text, qsizetype at)
{
    return at >= text.size() || !isRegexWordCharacter(text[at]);
}

// PCRE finds nothing in a text that is not valid UTF-16 (a surrogate without its pair): the
// expressions' replacements then change nothing.
bool validUtf16(QStringView text)
{
    const char16_t* p = text.utf16();
    const char16_t* const end = p + text.size();
    for (; p < end; ++p) {
        if ((*p & 0xF800) != 0xD800)
            continue;
        if ((*p & 0xFC00) != 0xD800 || p + 1 == end || (p[1] & 0xFC00) != 0xDC00)
            return false;
        ++p;
    }
    return true;
}

// Each match of an expression that starts with '<' replaced by `replacement`, as
// QString::replace replaces them, from the left: `matchAt(t, open)` gives the end of the match at
// the '<' at `open`, or NoMatch, or NoMoreMatches when none can start there or after.
constexpr qsizetype NoMatch = -1;
constexpr qsizetype NoMoreMatches = -2;
template <typename MatchAt>
QString replaceTags(const QString& text, QStringView replacement, MatchAt matchAt)
{
    const QStringView t(text);
    QString out;
    qsizetype copied = 0;
    for (qsizetype open = t.indexOf(QLatin1Char('<')); open >= 0;) {
        const qsizetype end = matchAt(t, open);
        if (end == NoMoreMatches)
            break;
        if (end == NoMatch) {
            open = t.indexOf(QLatin1Char('<'), open + 1);
            continue;
        }
        if (copied == 0)
            out.reserve(t.size()); // never longer: a match is replaced by a shorter text
        out += t.sliced(copied, open - copied);
        out += replacement;
        copied = end;
        open = t.indexOf(QLatin1Char('<'), end);
    }
    if (copied == 0)
        return text; // a match starts with '<' and is never empty: nothing was replaced
    out += t.sliced(copied);
    return out;
}

// (?is)<(script|style|head)\b.*?</\1\s*> removed: each element from its opening tag to the first
// closing tag of the same name. A name found without a closing tag after it has none after a
// later opening tag either (openings are read left to right): it is not looked for again, so the
// text is read at most once per name.
QString withoutElements(const QString& text)
{
    static constexpr std::array<QLatin1StringView, 3> names = {
        QLatin1StringView("script"), QLatin1StringView("style"), QLatin1StringView("head")};
    std::array<bool, 3> noClosing = {false, false, false};
    return replaceTags(text, QStringView(), [&](QStringView t, qsizetype open) {
        size_t k = 0;
        while (k < names.size() &&
               !(wordAt(t, open + 1, names[k]) && boundaryAt(t, open + 1 + names[k].size())))
            ++k;
        if (k == names.size() || noClosing[k])
            return NoMatch;
        for (qsizetype at = t.indexOf(QLatin1Char('<'), open + 1 + names[k].size()); at >= 0;
             at = t.indexOf(QLatin1Char('<'), at + 1)) {
            if (at + 1 >= t.size() || t[at + 1] != QLatin1Char('/') || !wordAt(t, at + 2, names[k]))
                continue;
            qsizetype p = at + 2 + names[k].size();
            while (p < t.size() && isRegexSpace(t[p]))
                ++p;
            if (p < t.size() && t[p] == QLatin1Char('>'))
                return p + 1;
        }
        noClosing[k] = true;
        return NoMatch;
    });
}

// Each tag named in `tags` (an opening tag, or a closing one written "/name"; '#' for any digit),
// as (?i)<\s*(name|...)\b[^>]*>, replaced by `replacement`.
template <size_t N>
QString replaceNamedTags(const QString& text, QStringView replacement,
                         const std::array<QLatin1StringView, N>& tags)
{
    return replaceTags(text, replacement, [&tags](QStringView t, qsizetype open) {
        qsizetype name = open + 1;
        while (name < t.size() && isRegexSpace(t[name]))
            ++name;
        for (const QLatin1StringView tag : tags) {
            if (!wordAt(t, name, tag) || !boundaryAt(t, name + tag.size()))
                continue;
            const qsizetype close = t.indexOf(QLatin1Char('>'), name + tag.size());
            return close < 0 ? NoMoreMatches : close + 1; // no '>' after here: no tag can end
        }
        return NoMatch;
    });
}

// (?i)<\s*(br|/p|p|/div|div|tr|/tr|li|/h\d|hr|/table)\b[^>]*> replaced by a line break.
QString withBreaks(const QString& text)
{
    static constexpr std::array<QLatin1StringView, 11> tags = {
        QLatin1StringView("br"),   QLatin1StringView("/p"),    QLatin1StringView("p"),
        QLatin1StringView("/div"), QLatin1StringView("div"),   QLatin1StringView("tr"),
        QLatin1StringView("/tr"),  QLatin1StringView("li"),    QLatin1StringView("/h#"),
        QLatin1StringView("hr"),   QLatin1StringView("/table")};
    return replaceNamedTags(text, u"\n", tags);
}

// (?i)<\s*(/td|/th)\b[^>]*> replaced by a space: the cells of a table row stay apart
// ("<td>a@b.example</td><td>Rejected</td>" is two words, not the address "a@b.exampleRejected").
QString withCellGaps(const QString& text)
{
    static constexpr std::array<QLatin1StringView, 2> tags = {QLatin1StringView("/td"),
                                                              QLatin1StringView("/th")};
    return replaceNamedTags(text, u" ", tags);
}

// What removing <[^>]*> removes: each '<' up to the first '>' after it (none: nothing more);
// then the common entities.
QString withoutTags(const QString& t)
{
    QString out;
    out.reserve(t.size());
    qsizetype from = 0;
    while (from < t.size()) {
        const qsizetype open = t.indexOf(QLatin1Char('<'), from);
        const qsizetype close = open < 0 ? -1 : t.indexOf(QLatin1Char('>'), open + 1);
        if (close < 0)
            break;
        out += QStringView(t).sliced(from, open - from);
        from = close + 1;
    }
    out += QStringView(t).sliced(from);
    out.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    out.replace(QLatin1String("&lt;"), QLatin1String("<"));
    out.replace(QLatin1String("&gt;"), QLatin1String(">"));
    out.replace(QLatin1String("&quot;"), QLatin1String("\""));
    out.replace(QLatin1String("&#39;"), QLatin1String("'"));
    out.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return out;
}

} // namespace

QString toText(const QString& html)
{
    if (!validUtf16(html))
        return withoutTags(html);
    return withoutTags(withCellGaps(withBreaks(withoutElements(html))));
}

QString toTextByExpressions(const QString& html)
{
    QString t = html;
    static const QRegularExpression drop(QStringLiteral("(?is)<(script|style|head)\\b.*?</\\1\\s*>"));
    static const QRegularExpression breaks(
        QStringLiteral("(?i)<\\s*(br|/p|p|/div|div|tr|/tr|li|/h\\d|hr|/table)\\b[^>]*>"));
    t.remove(drop);
    static const QRegularExpression cells(QStringLiteral("(?i)<\\s*(/td|/th)\\b[^>]*>"));
    t.replace(breaks, QStringLiteral("\n"));
    t.replace(cells, QStringLiteral(" "));
    return withoutTags(t);
}

} // namespace headerlens::HtmlText
