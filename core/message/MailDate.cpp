#include "MailDate.h"

#include "TextSearch.h"

#include <array>
#include <cstring>

#include <QDate>
#include <QTime>

namespace headerlens {

namespace {

// Strict unsigned decimal: ASCII digits only, at most 9 of them. -1 when not a number.
int digitsValue(QStringView s)
{
    if (s.isEmpty() || s.size() > 9)
        return -1;
    int value = 0;
    for (QChar c : s) {
        if (!isAsciiDigit(c))
            return -1;
        value = value * 10 + (c.unicode() - '0');
    }
    return value;
}

bool allDigits(QStringView s)
{
    return digitsValue(s) >= 0;
}

// A word of a date, with its ASCII lower-case spelling when it has one: names are then compared
// as bytes. Words with other characters go through Qt's Unicode case folding, as before.
struct Word
{
    QStringView text;
    bool ascii = false; // only ASCII, and short enough for `lower`
    std::array<char, 16> lower{};

    explicit Word(QStringView t)
        : text(t)
    {
        if (t.size() > static_cast<qsizetype>(lower.size()))
            return;
        for (qsizetype i = 0; i < t.size(); ++i) {
            const char16_t c = t[i].unicode();
            if (c >= 128)
                return;
            lower[static_cast<size_t>(i)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        ascii = true;
    }
    qsizetype size() const { return text.size(); }
    // The word is `name` (lower-case ASCII), ignoring case.
    bool is(Keyword name) const
    {
        if (!ascii) // other letters, or too long for `lower`: Qt's answer
            return equalsCaseless(text, name.text);
        const qsizetype n = name.text.size();
        return n == text.size() && std::memcmp(lower.data(), name.text.data(), static_cast<size_t>(n)) == 0;
    }
    // The word is `name` or a beginning of it, ignoring case.
    bool startsName(Keyword name) const
    {
        const QLatin1StringView full = name.text;
        if (text.size() > full.size())
            return false;
        if (!ascii)
            return full.first(text.size()).compare(text, Qt::CaseInsensitive) == 0;
        return std::memcmp(lower.data(), full.data(), static_cast<size_t>(text.size())) == 0;
    }
};

// Month from an English month name or its prefix of at least three letters ("Mar", "March",
// "Sept"). Only a real prefix counts, so a word that merely starts like a month is not one.
int monthFromName(const Word& token)
{
    static constexpr Keyword names[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
    if (token.size() < 3 || token.size() > 9)
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (token.startsName(names[i]))
            return i + 1;
    }
    if (token.is("sept"))
        return 9;
    return 0;
}

bool isDayName(const Word& token)
{
    static constexpr Keyword names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    if (token.size() < 3)
        return false;
    for (const Keyword& name : names) {
        if (token.startsName(name))
            return true;
    }
    return token.is("tues") || token.is("thur") || token.is("thurs");
}

// Zone names seen in mail, in minutes east of UTC. RFC 5322 section 4.3 defines UT, GMT and the
// US zones; the rest are what servers write in practice. An ambiguous abbreviation takes its most
// common meaning in mail (IST = India, BST = British Summer Time, CST = US Central).
struct ZoneName
{
    Keyword name;
    int minutes;
};
constexpr ZoneName kZoneNames[] = {
    {"ut", 0},      {"utc", 0},     {"gmt", 0},     {"z", 0},       {"zulu", 0},   {"est", -300},
    {"edt", -240},  {"cst", -360},  {"cdt", -300},  {"mst", -420},  {"mdt", -360}, {"pst", -480},
    {"pdt", -420},  {"akst", -540}, {"akdt", -480}, {"hst", -600},  {"hdt", -540}, {"ast", -240},
    {"adt", -180},  {"nst", -210},  {"ndt", -150},  {"wet", 0},     {"west", 60},  {"bst", 60},
    {"ist", 330},   {"irst", 210},  {"cet", 60},    {"cest", 120},  {"met", 60},   {"mest", 120},
    {"mez", 60},    {"mesz", 120},  {"eet", 120},   {"eest", 180},  {"msk", 180},  {"msd", 240},
    {"pkt", 300},   {"ict", 420},   {"wib", 420},   {"wita", 480},  {"wit", 540},  {"sgt", 480},
    {"hkt", 480},   {"pht", 480},   {"awst", 480},  {"jst", 540},   {"kst", 540},  {"acst", 570},
    {"acdt", 630},  {"aest", 600},  {"aedt", 660},  {"nzst", 720},  {"nzdt", 780}, {"brt", -180},
    {"brst", -120}, {"art", -180},  {"clt", -240},  {"clst", -180}, {"sast", 120}, {"cat", 120},
    {"eat", 180},   {"wat", 60},    {"gst", 240},   {"cct", 480},   {"hkst", 540}, {"chst", 600},
};

std::optional<int> namedZoneSeconds(const Word& token)
{
    if (token.size() > 4 && token.ascii)
        return std::nullopt; // no zone name is longer
    for (const ZoneName& zone : kZoneNames) {
        if (token.is(zone.name))
            return zone.minutes * 60;
    }
    return std::nullopt;
}

// "+0200", "-0430", "+02:00", "+02", "+2", "GMT+0200", "UTC+2", "UTC-05:00"
std::optional<int> numericZoneSeconds(QStringView token)
{
    QStringView t = token;
    if (t.size() > 3 && (t.startsWith(QLatin1StringView("GMT"), Qt::CaseInsensitive) ||
                         t.startsWith(QLatin1StringView("UTC"), Qt::CaseInsensitive)))
        t = t.sliced(3);
    if (t.size() < 2 || (t[0] != QLatin1Char('+') && t[0] != QLatin1Char('-')))
        return std::nullopt;
    const int sign = t[0] == QLatin1Char('-') ? -1 : 1;
    t = t.sliced(1);
    int hours = 0;
    int minutes = 0;
    const qsizetype colon = indexOfUnit(t, u':');
    if (colon >= 0) {
        hours = digitsValue(t.first(colon));
        minutes = digitsValue(t.sliced(colon + 1));
        if (colon > 2 || t.size() - colon - 1 != 2)
            return std::nullopt;
    } else if (t.size() == 4 || t.size() == 3) {
        hours = digitsValue(t.first(t.size() - 2));
        minutes = digitsValue(t.last(2));
    } else if (t.size() <= 2) {
        hours = digitsValue(t);
    } else {
        return std::nullopt;
    }
    if (hours < 0 || minutes < 0 || hours > 14 || minutes > 59)
        return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

struct TimeOfDay
{
    int hour = 0;
    int minute = 0;
    int second = 0;
    int msec = 0;
};

enum class TimeShape
{
    NotATime,
    Invalid,
    Valid
};

// "10:00", "10:00:00", "10:00:00.270951634". A token shaped like a time with impossible values
// ("25:12:46") is Invalid: the caller then refuses the whole date.
TimeShape parseTime(QStringView token, TimeOfDay* out)
{
    QStringView parts[3];
    int count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= token.size(); ++i) {
        if (i == token.size() || token[i] == QLatin1Char(':')) {
            if (count == 3)
                return TimeShape::NotATime;
            parts[count++] = token.sliced(start, i - start);
            start = i + 1;
        }
    }
    if (count < 2)
        return TimeShape::NotATime;
    TimeOfDay t;
    QStringView secondsPart = count == 3 ? parts[2] : QStringView();
    if (count == 3) {
        const qsizetype dot = indexOfUnit(secondsPart, u'.');
        if (dot >= 0) {
            const QStringView fraction = secondsPart.sliced(dot + 1);
            secondsPart = secondsPart.first(dot);
            if (fraction.isEmpty() || !allDigits(fraction.first(qMin<qsizetype>(fraction.size(), 9))))
                return TimeShape::NotATime;
            int msec = 0;
            for (qsizetype i = 0; i < 3; ++i)
                msec = msec * 10 + (i < fraction.size() ? fraction[i].unicode() - '0' : 0);
            t.msec = msec;
        }
    }
    if (parts[0].isEmpty() || parts[0].size() > 2 || parts[1].size() != 2)
        return TimeShape::NotATime;
    // "10:00:0": a time cut short is no time of day, and the date around it is not to be trusted
    // (midnight would be invented for it).
    if (count == 3 && secondsPart.size() != 2)
        return secondsPart.size() < 2 && allDigits(parts[0]) && allDigits(parts[1]) ? TimeShape::Invalid
                                                                                    : TimeShape::NotATime;
    t.hour = digitsValue(parts[0]);
    t.minute = digitsValue(parts[1]);
    t.second = count == 3 ? digitsValue(secondsPart) : 0;
    if (t.hour < 0 || t.minute < 0 || t.second < 0)
        return TimeShape::NotATime;
    if (t.hour > 24 || t.minute > 59 || t.second > 60 || (t.hour == 24 && (t.minute > 0 || t.second > 0)))
        return TimeShape::Invalid;
    if (t.second == 60)
        t.second = 59; // leap second: close enough for delays
    *out = t;
    return TimeShape::Valid;
}

struct DateParts
{
    int year = -1;
    int yearDigits = 0;
    int month = 0;
    int day = 0;
    std::optional<TimeOfDay> time;
    std::optional<int> numericZone;
    std::optional<int> namedZone;
    int meridiem = 0; // +1 PM, -1 AM
    bool invalid = false;
    bool numericDateSeen = false;
};

void setYear(DateParts& d, QStringView digits)
{
    if (d.year >= 0)
        return;
    d.year = digitsValue(digits);
    d.yearDigits = static_cast<int>(digits.size());
}

// "2018-04-20", "2018/4/20", "4/20/2018", "20.04.2018", "4-20-18"
bool parseNumericDate(QStringView token, DateParts& d)
{
    QChar separator;
    for (QChar c : token) {
        if (c == QLatin1Char('-') || c == QLatin1Char('/') || c == QLatin1Char('.')) {
            separator = c;
            break;
        }
    }
    if (separator.isNull())
        return false;
    QStringView parts[3];
    int count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= token.size(); ++i) {
        if (i == token.size() || token[i] == separator) {
            if (count == 3)
                return false;
            parts[count++] = token.sliced(start, i - start);
            start = i + 1;
        }
    }
    if (count != 3)
        return false;
    for (const QStringView& part : parts) {
        if (!allDigits(part) || part.size() > 4)
            return false;
    }
    if (d.numericDateSeen || d.month != 0)
        return true; // a second date: ignore it
    d.numericDateSeen = true;
    if (parts[0].size() == 4) { // ISO order
        setYear(d, parts[0]);
        d.month = digitsValue(parts[1]);
        d.day = digitsValue(parts[2]);
        return true;
    }
    const int first = digitsValue(parts[0]);
    const int second = digitsValue(parts[1]);
    // Dots are the European day.month.year; slashes and dashes follow the US month/day/year
    // order unless the first number cannot be a month.
    if (separator == QLatin1Char('.') || first > 12) {
        d.day = first;
        d.month = second;
    } else {
        d.month = first;
        d.day = second;
    }
    setYear(d, parts[2]);
    return true;
}

void handleToken(QStringView token, DateParts& d);

void handleDigitToken(QStringView token, DateParts& d)
{
    // ISO 8601 "2018-04-20T10:00:00Z": the date, then the time with its zone.
    for (qsizetype i = 1; i + 1 < token.size(); ++i) {
        if ((token[i] == QLatin1Char('T') || token[i] == QLatin1Char('t')) && isAsciiDigit(token[i - 1]) &&
            isAsciiDigit(token[i + 1])) {
            handleToken(token.first(i), d);
            handleToken(token.sliced(i + 1), d);
            return;
        }
    }
    bool hasLetter = false;
    for (QChar c : token)
        hasLetter = hasLetter || isAsciiLetter(c);

    if (containsUnit(token, u':')) {
        // A time, maybe with the zone or AM/PM attached: "10:00:00Z", "10:00:00+0200", "11:01PM".
        qsizetype end = token.size();
        for (qsizetype i = 1; i < token.size(); ++i) {
            const QChar c = token[i];
            if (c == QLatin1Char('+') || c == QLatin1Char('-') || isAsciiLetter(c)) {
                end = i;
                break;
            }
        }
        TimeOfDay t;
        switch (parseTime(token.first(end), &t)) {
        case TimeShape::Invalid:
            d.invalid = true;
            return;
        case TimeShape::NotATime:
            return;
        case TimeShape::Valid:
            break;
        }
        if (d.time)
            return;
        d.time = t;
        if (end < token.size())
            handleToken(token.sliced(end), d);
        return;
    }
    if (hasLetter) {
        // RFC 850 "06-Nov-94"; anything else with letters ("1st", "m=+1.5") is not ours.
        if (containsUnit(token, u'-')) {
            qsizetype start = 0;
            for (qsizetype i = 0; i <= token.size(); ++i) {
                if (i == token.size() || token[i] == QLatin1Char('-')) {
                    if (i > start)
                        handleToken(token.sliced(start, i - start), d);
                    start = i + 1;
                }
            }
        }
        return;
    }
    if (parseNumericDate(token, d))
        return;
    const int value = digitsValue(token);
    if (value < 0)
        return;
    if (token.size() == 4 || token.size() == 3) {
        setYear(d, token);
    } else if (token.size() <= 2) {
        if (d.day == 0 && value >= 1 && value <= 31 && !d.numericDateSeen)
            d.day = value;
        else
            setYear(d, token);
    }
}

void handleLetterToken(QStringView token, DateParts& d)
{
    if (!d.numericZone) {
        if (auto zone = numericZoneSeconds(token)) {
            d.numericZone = zone;
            return;
        }
    }
    // RFC 850 "Sunday, 06-Nov-94" comes with the day first; "Nov-06-1994" occasionally too.
    if (containsUnit(token, u'-') || containsUnit(token, u'/')) {
        qsizetype start = 0;
        for (qsizetype i = 0; i <= token.size(); ++i) {
            if (i == token.size() || token[i] == QLatin1Char('-') || token[i] == QLatin1Char('/')) {
                if (i > start)
                    handleToken(token.sliced(start, i - start), d);
                start = i + 1;
            }
        }
        return;
    }
    const Word word(token);
    if (const int month = monthFromName(word)) {
        if (d.month == 0)
            d.month = month;
        return;
    }
    if (isDayName(word))
        return;
    if (word.is("pm") || word.is("p.m")) {
        d.meridiem = 1;
        return;
    }
    if (word.is("am") || word.is("a.m")) {
        d.meridiem = -1;
        return;
    }
    if (auto zone = namedZoneSeconds(word)) {
        if (!d.namedZone)
            d.namedZone = zone;
        return;
    }
    // Military zones (one letter but J): RFC 5322 section 4.3 says to read them as -0000 because
    // their historic signs were wrong. Only right after a time, where nothing else can be meant.
    if (token.size() == 1 && d.time && !d.namedZone && token[0].toLower() != QLatin1Char('j'))
        d.namedZone = 0;
}

void handleToken(QStringView token, DateParts& d)
{
    while (!token.isEmpty() && (token.endsWith(QLatin1Char('.')) || token.endsWith(QLatin1Char(';')) ||
                                token.endsWith(QLatin1Char('"')) || token.endsWith(QLatin1Char('\''))))
        token.chop(1);
    while (!token.isEmpty() && (token[0] == QLatin1Char('"') || token[0] == QLatin1Char('\'')))
        token = token.sliced(1);
    if (token.isEmpty())
        return;
    const QChar first = token[0];
    if (first == QLatin1Char('+') || first == QLatin1Char('-')) {
        if (auto zone = numericZoneSeconds(token)) {
            if (!d.numericZone)
                d.numericZone = zone;
        }
        return;
    }
    if (isAsciiDigit(first))
        handleDigitToken(token, d);
    else if (isAsciiLetter(first))
        handleLetterToken(token, d);
}

bool isSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char(',') || c.unicode() < 0x20 || c.unicode() == 0x7f;
}

// The form nearly every server writes, RFC 5322 section 3.3 with the day of the week:
// "Thu, 26 Nov 2026 15:04:58 +0000", maybe without the day of the week, maybe with a comment
// after the zone ("(UTC)"), read by position into the parts the token loop finds in it. Only
// the exact form (capitalised names, a two-digit hour below 24, seconds below 60): nullopt
// for anything else, which the loop reads.
std::optional<DateParts> canonicalParts(QStringView input)
{
    const char16_t* p = input.utf16();
    const char16_t* const end = p + input.size();
    const auto blanks = [&] {
        while (p < end && (*p == u' ' || *p == u'\t'))
            ++p;
    };
    const auto digit = [&](qsizetype at) { return p + at < end && p[at] >= u'0' && p[at] <= u'9'; };
    const auto value = [&](qsizetype at, qsizetype count) {
        int v = 0;
        for (qsizetype i = 0; i < count; ++i)
            v = v * 10 + (p[at + i] - u'0');
        return v;
    };
    const auto word = [&](const char* const* names, int count) {
        if (end - p < 3)
            return 0;
        for (int i = 0; i < count; ++i) {
            if (p[0] == char16_t(names[i][0]) && p[1] == char16_t(names[i][1]) &&
                p[2] == char16_t(names[i][2]))
                return i + 1;
        }
        return 0;
    };
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    DateParts d;
    blanks();
    if (word(days, 7)) {
        if (end - p < 5 || p[3] != u',' || p[4] != u' ')
            return std::nullopt;
        p += 5;
        blanks();
    }
    const qsizetype dayDigits = digit(0) && digit(1) ? 2 : digit(0) ? 1 : 0;
    if (dayDigits == 0 || p + dayDigits >= end || p[dayDigits] != u' ')
        return std::nullopt;
    d.day = value(0, dayDigits);
    if (d.day < 1)
        return std::nullopt;
    p += dayDigits + 1;
    d.month = word(months, 12);
    if (d.month == 0 || end - p < 4 || p[3] != u' ')
        return std::nullopt;
    p += 4;
    if (!(digit(0) && digit(1) && digit(2) && digit(3)) || end - p < 5 || p[4] != u' ')
        return std::nullopt;
    d.year = value(0, 4);
    d.yearDigits = 4;
    p += 5;
    // "15:04:58 "
    if (end - p < 9 || !digit(0) || !digit(1) || p[2] != u':' || !digit(3) || !digit(4) || p[5] != u':' ||
        !digit(6) || !digit(7) || p[8] != u' ')
        return std::nullopt;
    TimeOfDay t;
    t.hour = value(0, 2);
    t.minute = value(3, 2);
    t.second = value(6, 2);
    if (t.hour > 23 || t.minute > 59 || t.second > 59)
        return std::nullopt;
    d.time = t;
    p += 9;
    // "+0000"
    if (end - p < 5 || (p[0] != u'+' && p[0] != u'-') || !digit(1) || !digit(2) || !digit(3) || !digit(4))
        return std::nullopt;
    const int hours = value(1, 2);
    const int minutes = value(3, 2);
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    d.numericZone = (p[0] == u'-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    p += 5;
    if (p < end && *p != u' ' && *p != u'\t')
        return std::nullopt;
    blanks();
    if (p < end && *p == u'(') {
        ++p;
        while (p < end && *p != u'(' && *p != u')' && *p != u'\\')
            ++p;
        if (p == end || *p != u')')
            return std::nullopt;
        ++p;
        blanks();
    }
    if (p != end)
        return std::nullopt;
    return d;
}

// "yyyy-MM-ddTHH:mm:ssZ", written directly: QDateTime::toString parses its format each call.
QString isoText(int year, int month, int day, int hour, int minute, int second)
{
    struct Field
    {
        int value;
        qsizetype digits;
        char16_t after;
    };
    const Field fields[] = {{year, 4, u'-'}, {month, 2, u'-'},  {day, 2, u'T'},
                            {hour, 2, u':'}, {minute, 2, u':'}, {second, 2, u'Z'}};
    std::array<char16_t, 20> text{};
    size_t at = 0;
    for (const Field& f : fields) {
        int value = f.value;
        for (qsizetype i = f.digits - 1; i >= 0; --i, value /= 10)
            text[at + static_cast<size_t>(i)] = static_cast<char16_t>(u'0' + value % 10);
        at += static_cast<size_t>(f.digits);
        text[at++] = f.after;
    }
    return QString(reinterpret_cast<const QChar*>(text.data()), static_cast<qsizetype>(text.size()));
}

} // namespace

std::optional<MailDate::Result> MailDate::parse(QStringView text)
{
    return read(text, true);
}

std::optional<MailDate::Result> MailDate::parseTokens(QStringView text)
{
    return read(text, false);
}

std::optional<MailDate::Result> MailDate::read(QStringView input, bool shortcut)
{
    const std::optional<DateParts> canonical = shortcut ? canonicalParts(input) : std::nullopt;
    DateParts d = canonical.value_or(DateParts{});
    QStringView zoneComment;
    int depth = 0;
    qsizetype commentStart = 0;
    qsizetype tokenStart = -1;
    for (qsizetype i = 0; !canonical && i <= input.size(); ++i) {
        const QChar c = i < input.size() ? input[i] : QChar(QLatin1Char(' '));
        if (depth > 0) {
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (c == QLatin1Char('(')) {
                ++depth;
            } else if (c == QLatin1Char(')')) {
                if (--depth == 0 && zoneComment.isEmpty()) {
                    // "(CEST)" after the date: only a fallback when no zone is written outside it.
                    const QStringView content = input.sliced(commentStart, i - commentStart).trimmed();
                    if (namedZoneSeconds(Word(content)))
                        zoneComment = content;
                }
            }
            continue;
        }
        const bool separator = isSeparator(c) || c == QLatin1Char('(') || c == QLatin1Char(')');
        if (separator) {
            if (tokenStart >= 0) {
                handleToken(input.sliced(tokenStart, i - tokenStart), d);
                tokenStart = -1;
                if (d.invalid)
                    return std::nullopt;
            }
            if (c == QLatin1Char('(')) {
                depth = 1;
                commentStart = i + 1;
            }
        } else if (tokenStart < 0) {
            tokenStart = i;
        }
    }

    if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
        return std::nullopt;
    int year = d.year;
    if (d.yearDigits <= 2)
        year += year < 50 ? 2000 : 1900; // RFC 5322 section 4.3
    else if (d.yearDigits == 3)
        year += 1900;
    const QDate date(year, d.month, d.day);
    if (!date.isValid())
        return std::nullopt;

    Result out;
    out.timeGiven = d.time.has_value();
    TimeOfDay t = d.time.value_or(TimeOfDay{});
    if (d.meridiem == 1 && t.hour < 12)
        t.hour += 12;
    else if (d.meridiem == -1 && t.hour == 12)
        t.hour = 0;

    std::optional<int> zone = d.numericZone ? d.numericZone : d.namedZone;
    if (!zone && !zoneComment.isEmpty())
        zone = namedZoneSeconds(Word(zoneComment));
    out.zoneGiven = zone.has_value();
    const int offset = zone.value_or(0);

    if (t.hour < 24 && QTime::isValid(t.hour, t.minute, t.second, t.msec)) {
        // The instant from the calendar date (H. Hinnant's days-from-civil, proleptic Gregorian
        // as QDate; the date is valid, so its year is not 0), made once: what the QDateTime below
        // is built from, moved to UTC and presented in `offset` comes to, at a fifth of the cost.
        const qint64 y = year - (d.month <= 2 ? 1 : 0);
        const qint64 era = (y >= 0 ? y : y - 399) / 400;
        const qint64 yearOfEra = y - era * 400;
        const qint64 dayOfYear = (153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
        const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        const qint64 days = era * 146097 + dayOfEra - 719468; // since 1970-01-01
        const qint64 wallMs = ((days * 24 + t.hour) * 60 + t.minute) * 60000 + t.second * 1000 + t.msec;
        const qint64 utcMs = wallMs - qint64(offset) * 1000;
        out.time = offset == 0 ? QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC)
                               : QDateTime::fromMSecsSinceEpoch(utcMs, Qt::OffsetFromUTC, offset);
        return out;
    }
    QDateTime local;
    if (t.hour == 24)
        local = QDateTime(date.addDays(1), QTime(0, 0), Qt::UTC);
    else
        local = QDateTime(date, QTime(t.hour, t.minute, t.second, t.msec), Qt::UTC);
    // The wall-clock time was read in zone `offset`: move to UTC, then present it in that offset.
    const QDateTime utc = local.addSecs(-offset);
    out.time = offset == 0 ? utc : utc.toOffsetFromUtc(offset);
    return out;
}

QString MailDate::toIsoUtc(const QDateTime& time)
{
    // The UTC calendar date and time of day from the instant, by H. Hinnant's days-to-civil
    // algorithm (proleptic Gregorian, as QDate): QDateTime::toUTC, date() and time() cost ten
    // times as much. Years 1 to 9999 only: Qt has no year 0 and no ISO form past 9999.
    if (time.isValid()) {
        const auto floorDiv = [](qint64 a, qint64 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
        const qint64 seconds = floorDiv(time.toMSecsSinceEpoch(), 1000);
        const qint64 daysSinceEpoch = floorDiv(seconds, 86400);
        const qint64 secondOfDay = seconds - daysSinceEpoch * 86400;
        const qint64 days = daysSinceEpoch + 719468; // since 0000-03-01
        const qint64 era = floorDiv(days, 146097);
        const qint64 dayOfEra = days - era * 146097;
        const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        const qint64 shiftedMonth = (5 * dayOfYear + 2) / 153; // March is 0
        const qint64 day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        const qint64 month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year >= 1 && year <= 9999)
            return isoText(int(year), int(month), int(day), int(secondOfDay / 3600),
                           int(secondOfDay / 60 % 60), int(secondOfDay % 60));
    }
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    // Qt's ISO form of a year outside 0-9999 is empty; an invalid time is empty too.
    if (!utc.isValid() || date.year() < 0 || date.year() > 9999)
        return utc.toString(Qt::ISODate);
    return isoText(date.year(), date.month(), date.day(), clock.hour(), clock.minute(), clock.second());
}

} // namespace headerlens
