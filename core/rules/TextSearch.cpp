#include "TextSearch.h"

#include <QChar>

#include <algorithm>

namespace headerlens {

namespace {

// `needle` is ASCII, lower-cased, and not empty.
template <typename NeedleChar>
qsizetype search(QStringView text, const NeedleChar* needle, qsizetype length, qsizetype from)
{
    const char16_t* data = text.utf16();
    const char16_t first = static_cast<char16_t>(needle[0]);
    for (qsizetype i = from, last = text.size() - length; i <= last; ++i) {
        if (foldedUnit(data[i]) != first)
            continue;
        qsizetype k = 1;
        while (k < length && foldedUnit(data[i + k]) == static_cast<char16_t>(needle[k]))
            ++k;
        if (k == length)
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

} // namespace headerlens
