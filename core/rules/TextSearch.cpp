#include "TextSearch.h"

#include <QChar>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>

namespace headerlens {

namespace {

// `needle` is ASCII, lower-cased, and not empty.
template <typename NeedleChar>
qsizetype search(QStringView text, const NeedleChar* needle, qsizetype length, qsizetype from)
{
    const char16_t* data = text.utf16();
    const char16_t first = static_cast<char16_t>(needle[0]);
    const auto matchesAt = [&](qsizetype i) {
        if (foldedUnit(data[i]) != first)
            return false;
        qsizetype k = 1;
        while (k < length && foldedUnit(data[i + k]) == static_cast<char16_t>(needle[k]))
            ++k;
        return k == length;
    };
    qsizetype i = from;
    const qsizetype last = text.size() - length;
#if defined(__SSE2__)
    // Eight units at a time, the places where the needle may start: the first letter in either
    // case, or a unit beyond ASCII (which may fold to it, as the Kelvin sign folds to 'k').
    const char16_t upper = first >= 'a' && first <= 'z' ? static_cast<char16_t>(first - ('a' - 'A')) : first;
    const __m128i lowerUnits = _mm_set1_epi16(static_cast<short>(first));
    const __m128i upperUnits = _mm_set1_epi16(static_cast<short>(upper));
    const __m128i asciiMax = _mm_set1_epi16(0x7f);
    const __m128i zero = _mm_setzero_si128();
    for (; i + 7 <= last; i += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        const __m128i same =
            _mm_or_si128(_mm_cmpeq_epi16(units, lowerUnits), _mm_cmpeq_epi16(units, upperUnits));
        const __m128i ascii = _mm_cmpeq_epi16(_mm_subs_epu16(units, asciiMax), zero);
        auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_or_si128(same, _mm_andnot_si128(ascii, _mm_set1_epi16(-1)))));
        while (mask != 0) {
            const int at = __builtin_ctz(mask) / 2;
            if (matchesAt(i + at))
                return i + at;
            mask &= ~(3u << (at * 2));
        }
    }
#endif
    for (; i <= last; ++i) {
        if (matchesAt(i))
            return i;
    }
    return -1;
}

} // namespace

qsizetype indexOfCaseless(QStringView text, QLatin1StringView needle, qsizetype from)
{
    if (from < 0 || from > text.size() || needle.isEmpty())
        return text.indexOf(needle, from, Qt::CaseInsensitive);
    if (needle.size() > 64)
        return text.indexOf(needle, from, Qt::CaseInsensitive);
    char lower[64];
    for (qsizetype i = 0; i < needle.size(); ++i) {
        const auto c = static_cast<unsigned char>(needle[i].toLatin1());
        if (c >= 128)
            return text.indexOf(needle, from, Qt::CaseInsensitive);
        lower[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return search(text, lower, needle.size(), from);
}

qsizetype indexOfCaseless(QStringView text, QStringView needle, qsizetype from)
{
    if (from < 0 || from > text.size() || needle.isEmpty() || needle.size() > 64)
        return text.indexOf(needle, from, Qt::CaseInsensitive);
    char16_t lower[64];
    for (qsizetype i = 0; i < needle.size(); ++i) {
        const char16_t c = needle[i].unicode();
        if (c >= 128)
            return text.indexOf(needle, from, Qt::CaseInsensitive);
        lower[i] = foldedUnit(c);
    }
    return search(text, lower, needle.size(), from);
}

QString lowered(QString text)
{
    const auto* const data = reinterpret_cast<const char16_t*>(text.constData());
    const qsizetype size = text.size();
    qsizetype firstCapital = -1;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = data[i];
        if (c >= 128)
            return std::move(text).toLower();
        if (firstCapital < 0 && c >= 'A' && c <= 'Z')
            firstCapital = i;
    }
    if (firstCapital < 0)
        return text;
    QChar* out = text.data(); // detaches when shared
    for (qsizetype i = firstCapital; i < size; ++i) {
        const char16_t c = out[i].unicode();
        if (c >= 'A' && c <= 'Z')
            out[i] = QChar(static_cast<char16_t>(c + ('a' - 'A')));
    }
    return text;
}

QString simplifiedText(QString text)
{
    // QChar::isSpace: in ASCII the blank, tab, line feed, vertical tab, form feed, carriage return.
    const auto isSpace = [](char16_t c) {
        return c < 128 ? c == ' ' || (c >= 9 && c <= 13) : QChar::isSpace(c);
    };
    const auto* const data = reinterpret_cast<const char16_t*>(text.constData());
    const qsizetype size = text.size();
    bool simple = size == 0 || (!isSpace(data[0]) && !isSpace(data[size - 1]));
    for (qsizetype i = 1; simple && i + 1 < size; ++i) {
        if (isSpace(data[i]))
            simple = data[i] == u' ' && !isSpace(data[i + 1]);
    }
    if (simple)
        return text;
    return std::move(text).simplified();
}

QString simplifiedLines(QStringView text)
{
    const auto isSpace = [](char16_t c) {
        return c < 128 ? c == ' ' || (c >= 9 && c <= 13) : QChar::isSpace(c);
    };
    QString out(text.size(), Qt::Uninitialized); // never longer: a line's '\n' goes before it
    char16_t* const begin = reinterpret_cast<char16_t*>(out.data());
    char16_t* o = begin;
    const char16_t* p = text.utf16();
    const char16_t* const end = p + text.size();
    while (true) {
        const char16_t* lineEnd = std::find(p, end, u'\n');
        char16_t* const lineStart = o;
        if (o != begin)
            *o++ = u'\n';
        char16_t* const content = o;
        bool space = false; // white space since the last character written
        for (; p < lineEnd; ++p) {
            if (isSpace(*p)) {
                space = o != content;
                continue;
            }
            if (space) {
                *o++ = u' ';
                space = false;
            }
            *o++ = *p;
        }
        if (o == content) // nothing but white space: dropped with its '\n'
            o = lineStart;
        if (lineEnd == end)
            break;
        p = lineEnd + 1;
    }
    out.truncate(o - begin);
    return out;
}

} // namespace headerlens
