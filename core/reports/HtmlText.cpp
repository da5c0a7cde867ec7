#include "HtmlText.h"

#include "TextSearch.h"

#include <QLatin1StringView>
#include <QRegularExpression>

#include <array>

namespace headerlens::HtmlText {

namespace {

// What PCRE calls a word character and a space without Unicode properties: ASCII only.
bool isWordUnit(char16_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool isSpaceUnit(char16_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
}

// Whether `word` (lower-case ASCII; '#' for any digit) stands at `at`, compared as PCRE compares
// ignoring case: the Kelvin sign is a k and the long s an s, as case folding has them.
bool wordAt(QStringView text, qsizetype at, QLatin1StringView word)
{
    if (at + word.size() > text.size())
        return false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = text[at + i].unicode();
        if (word[i] == QLatin1Char('#') ? (c < '0' || c > '9') : foldedUnit(c) != word[i].unicode())
            return false;
    }
    return true;
}

// \b after a word: the end, or a unit that is not a word character.
bool boundaryAt(QStringView text, qsizetype at)
{
    return at >= text.size() || !isWordUnit(text[at].unicode());
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

// (?is)<(script|style|head)\b.*?</\1\s*> removed: each element from its opening tag to the first
// closing tag of the same name. A name found without a closing tag after it has none after a
// later opening tag either (openings are read left to right): it is not looked for again, so the
// text is read at most once per name.
QString withoutElements(const QString& text)
{
    static constexpr std::array<QLatin1StringView, 3> names = {
        QLatin1StringView("script"), QLatin1StringView("style"), QLatin1StringView("head")};
    const QStringView t(text);
    std::array<bool, 3> noClosing = {false, false, false};
    QString out;
    qsizetype copied = 0;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = t.indexOf(QLatin1Char('<'), from);
        if (open < 0)
            break;
        from = open + 1;
        size_t k = 0;
        while (k < names.size() &&
               !(wordAt(t, open + 1, names[k]) && boundaryAt(t, open + 1 + names[k].size())))
            ++k;
        if (k == names.size())
            continue;
        const qsizetype nameEnd = open + 1 + names[k].size();
        if (noClosing[k])
            continue;
        qsizetype end = -1;
        for (qsizetype at = t.indexOf(QLatin1Char('<'), nameEnd); at >= 0 && end < 0;
             at = t.indexOf(QLatin1Char('<'), at + 1)) {
            if (at + 1 >= t.size() || t[at + 1] != QLatin1Char('/') || !wordAt(t, at + 2, names[k]))
                continue;
            qsizetype p = at + 2 + names[k].size();
            while (p < t.size() && isSpaceUnit(t[p].unicode()))
                ++p;
            if (p < t.size() && t[p] == QLatin1Char('>'))
                end = p + 1;
        }
        if (end < 0) {
            noClosing[k] = true;
            continue;
        }
        out += t.sliced(copied, open - copied);
        copied = end;
        from = end;
    }
    if (copied == 0)
        return text;
    out += t.sliced(copied);
    return out;
}

// (?i)<\s*(br|/p|p|/div|div|tr|/tr|li|/h\d|hr|/table)\b[^>]*> replaced by a line break.
QString withBreaks(const QString& text)
{
    static constexpr std::array<QLatin1StringView, 11> tags = {
        QLatin1StringView("br"),   QLatin1StringView("/p"),    QLatin1StringView("p"),
        QLatin1StringView("/div"), QLatin1StringView("div"),   QLatin1StringView("tr"),
        QLatin1StringView("/tr"),  QLatin1StringView("li"),    QLatin1StringView("/h#"),
        QLatin1StringView("hr"),   QLatin1StringView("/table")};
    const QStringView t(text);
    QString out;
    qsizetype copied = 0;
    qsizetype from = 0;
    while (true) {
        const qsizetype open = t.indexOf(QLatin1Char('<'), from);
        if (open < 0)
            break;
        from = open + 1;
        qsizetype name = open + 1;
        while (name < t.size() && isSpaceUnit(t[name].unicode()))
            ++name;
        qsizetype nameEnd = -1;
        for (const QLatin1StringView tag : tags) {
            if (wordAt(t, name, tag) && boundaryAt(t, name + tag.size())) {
                nameEnd = name + tag.size();
                break;
            }
        }
        if (nameEnd < 0)
            continue;
        const qsizetype close = t.indexOf(QLatin1Char('>'), nameEnd);
        if (close < 0)
            break; // no '>' after here: no tag can end
        out += t.sliced(copied, open - copied);
        out += QLatin1Char('\n');
        copied = close + 1;
        from = close + 1;
    }
    if (copied == 0)
        return text;
    out += t.sliced(copied);
    return out;
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
    return withoutTags(withBreaks(withoutElements(html)));
}

QString toTextByExpressions(const QString& html)
{
    QString t = html;
    static const QRegularExpression drop(QStringLiteral("(?is)<(script|style|head)\\b.*?</\\1\\s*>"));
    static const QRegularExpression breaks(
        QStringLiteral("(?i)<\\s*(br|/p|p|/div|div|tr|/tr|li|/h\\d|hr|/table)\\b[^>]*>"));
    t.remove(drop);
    t.replace(breaks, QStringLiteral("\n"));
    return withoutTags(t);
}

} // namespace headerlens::HtmlText
