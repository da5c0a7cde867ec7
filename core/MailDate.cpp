#include "MailDate.h"

#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>

namespace headerlens {

namespace {

int monthFromName(QStringView token)
{
    if (token.size() < 3)
        return 0;
    static const char* const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    const QString prefix = token.first(3).toString().toLower();
    for (int i = 0; i < 12; ++i) {
        if (prefix == QLatin1String(names[i]))
            return i + 1;
    }
    return 0;
}

bool isDayName(QStringView token)
{
    static const char* const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (token.size() < 3)
        return false;
    const QString prefix = token.first(3).toString().toLower();
    for (const char* name : names) {
        if (prefix == QLatin1String(name))
            return true;
    }
    return false;
}

// Zone names seen in mail. RFC 5322 section 4.3 defines UT/GMT and the US zones; the rest are
// what servers write in practice. Ambiguous abbreviations take their most common mail meaning.
std::optional<int> zoneOffsetSeconds(QStringView token)
{
    static const QHash<QString, int> zones = {
        {QStringLiteral("ut"), 0},         {QStringLiteral("utc"), 0},
        {QStringLiteral("gmt"), 0},        {QStringLiteral("z"), 0},
        {QStringLiteral("est"), -5 * 60},  {QStringLiteral("edt"), -4 * 60},
        {QStringLiteral("cst"), -6 * 60},  {QStringLiteral("cdt"), -5 * 60},
        {QStringLiteral("mst"), -7 * 60},  {QStringLiteral("mdt"), -6 * 60},
        {QStringLiteral("pst"), -8 * 60},  {QStringLiteral("pdt"), -7 * 60},
        {QStringLiteral("akst"), -9 * 60}, {QStringLiteral("akdt"), -8 * 60},
        {QStringLiteral("hst"), -10 * 60}, {QStringLiteral("ast"), -4 * 60},
        {QStringLiteral("adt"), -3 * 60},  {QStringLiteral("nst"), -210},
        {QStringLiteral("ndt"), -150},     {QStringLiteral("wet"), 0},
        {QStringLiteral("west"), 60},      {QStringLiteral("bst"), 60},
        {QStringLiteral("cet"), 60},       {QStringLiteral("cest"), 120},
        {QStringLiteral("met"), 60},       {QStringLiteral("mest"), 120},
        {QStringLiteral("mez"), 60},       {QStringLiteral("mesz"), 120},
        {QStringLiteral("eet"), 120},      {QStringLiteral("eest"), 180},
        {QStringLiteral("msk"), 180},      {QStringLiteral("ist"), 330},
        {QStringLiteral("pkt"), 300},      {QStringLiteral("ict"), 420},
        {QStringLiteral("wib"), 420},      {QStringLiteral("sgt"), 480},
        {QStringLiteral("hkt"), 480},      {QStringLiteral("pht"), 480},
        {QStringLiteral("awst"), 480},     {QStringLiteral("jst"), 540},
        {QStringLiteral("kst"), 540},      {QStringLiteral("acst"), 570},
        {QStringLiteral("aest"), 600},     {QStringLiteral("aedt"), 660},
        {QStringLiteral("nzst"), 720},     {QStringLiteral("nzdt"), 780},
        {QStringLiteral("brt"), -180},     {QStringLiteral("art"), -180},
    };
    const QString lower = token.toString().toLower();
    if (auto it = zones.constFind(lower); it != zones.constEnd())
        return *it * 60;
    // Military single letters: RFC 5322 says treat as -0000 (their historic signs were wrong).
    if (lower.size() == 1 && lower[0].isLetter() && lower[0] != QLatin1Char('j'))
        return 0;
    return std::nullopt;
}

// "+0200", "-0430", "+02:00", "+02", "GMT+0200", "UTC+2"
std::optional<int> numericZone(QStringView token)
{
    QStringView t = token;
    if (t.startsWith(QLatin1String("GMT"), Qt::CaseInsensitive) ||
        t.startsWith(QLatin1String("UTC"), Qt::CaseInsensitive))
        t = t.sliced(3);
    if (t.size() < 2 || (t[0] != QLatin1Char('+') && t[0] != QLatin1Char('-')))
        return std::nullopt;
    const int sign = t[0] == QLatin1Char('-') ? -1 : 1;
    QString digits;
    for (QChar c : t.sliced(1)) {
        if (c.isDigit())
            digits.append(c);
        else if (c != QLatin1Char(':'))
            return std::nullopt;
    }
    int hours = 0;
    int minutes = 0;
    if (digits.size() == 4) {
        hours = digits.left(2).toInt();
        minutes = digits.mid(2).toInt();
    } else if (digits.size() == 3) {
        hours = digits.left(1).toInt();
        minutes = digits.mid(1).toInt();
    } else if (digits.size() == 1 || digits.size() == 2) {
        hours = digits.toInt();
    } else {
        return std::nullopt;
    }
    if (hours > 14 || minutes > 59)
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

// "10:00", "10:00:00", "10:00:00.270", "10.00.00" is not accepted (ambiguous with dates)
std::optional<TimeOfDay> parseTime(QStringView token)
{
    const auto parts = token.split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    bool ok = false;
    TimeOfDay t;
    t.hour = parts[0].toInt(&ok);
    if (!ok || parts[0].size() > 2)
        return std::nullopt;
    t.minute = parts[1].toInt(&ok);
    if (!ok || parts[1].size() != 2)
        return std::nullopt;
    if (parts.size() == 3) {
        QStringView sec = parts[2];
        const qsizetype dot = sec.indexOf(QLatin1Char('.'));
        if (dot >= 0) {
            QString frac = sec.sliced(dot + 1).toString();
            sec = sec.first(dot);
            frac = QString(frac + QStringLiteral("000")).left(3);
            t.msec = frac.toInt(&ok);
            if (!ok)
                t.msec = 0;
        }
        t.second = sec.toInt(&ok);
        if (!ok || sec.size() != 2)
            return std::nullopt;
    }
    if (t.hour > 24 || t.minute > 59 || t.second > 60)
        return std::nullopt;
    if (t.second == 60)
        t.second = 59; // leap second: close enough for delays
    return t;
}

QString stripComments(QStringView text, QStringList* comments)
{
    QString out;
    out.reserve(text.size());
    int depth = 0;
    QString current;
    for (QChar c : text) {
        if (c == QLatin1Char('(')) {
            if (depth > 0)
                current.append(c);
            ++depth;
            out.append(QLatin1Char(' '));
        } else if (c == QLatin1Char(')') && depth > 0) {
            --depth;
            if (depth == 0) {
                if (comments)
                    comments->append(current.trimmed());
                current.clear();
            } else {
                current.append(c);
            }
        } else if (depth > 0) {
            current.append(c);
        } else {
            out.append(c);
        }
    }
    return out;
}

} // namespace

std::optional<MailDate::Result> MailDate::parse(QStringView input)
{
    QStringList comments;
    QString text = stripComments(input, &comments);
    // ISO 8601 "2018-04-20T10:00:00Z": split the date from the time.
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        if ((text[i] == QLatin1Char('T') || text[i] == QLatin1Char('t')) && text[i - 1].isDigit() &&
            text[i + 1].isDigit())
            text[i] = QLatin1Char(' ');
    }
    text.replace(QLatin1Char(','), QLatin1Char(' '));

    int year = -1;
    int month = 0;
    int day = 0;
    std::optional<TimeOfDay> time;
    std::optional<int> zone;
    std::optional<int> namedZone;

    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList tokens = text.split(whitespace, Qt::SkipEmptyParts);
    for (QString token : tokens) {
        while (token.endsWith(QLatin1Char('.')) || token.endsWith(QLatin1Char(';')))
            token.chop(1);
        if (token.isEmpty())
            continue;
        // time with an attached zone: "10:00:00Z", "10:00:00+0200"
        if (!time && token.contains(QLatin1Char(':')) && token[0].isDigit()) {
            qsizetype zonePos = -1;
            for (qsizetype i = 1; i < token.size(); ++i) {
                if (token[i] == QLatin1Char('+') || token[i] == QLatin1Char('-') ||
                    token[i] == QLatin1Char('Z') || token[i] == QLatin1Char('z')) {
                    zonePos = i;
                    break;
                }
            }
            const QString timePart = zonePos > 0 ? token.left(zonePos) : token;
            if (auto t = parseTime(timePart)) {
                time = t;
                if (zonePos > 0) {
                    const QString zonePart = token.mid(zonePos);
                    if (zonePart.compare(QLatin1String("z"), Qt::CaseInsensitive) == 0)
                        zone = 0;
                    else if (auto z = numericZone(zonePart))
                        zone = z;
                }
                continue;
            }
        }
        if (!zone) {
            if (auto z = numericZone(token)) {
                zone = z;
                continue;
            }
        }
        // ISO date "2018-04-20" or "2018/04/20"
        if (token.size() >= 8 && token[0].isDigit() &&
            (token.count(QLatin1Char('-')) == 2 || token.count(QLatin1Char('/')) == 2)) {
            const QChar sep = token.contains(QLatin1Char('-')) ? QLatin1Char('-') : QLatin1Char('/');
            const QStringList parts = token.split(sep);
            if (parts[0].size() == 4) {
                year = parts[0].toInt();
                month = parts[1].toInt();
                day = parts[2].toInt();
                continue;
            }
        }
        if (token[0].isLetter()) {
            if (const int m = monthFromName(token); m && !month) {
                // "Mar", "March", "Sept": only a prefix of the real month name counts, so that a
                // word that merely starts like a month is not read as one.
                static const char* const full[] = {"january",   "february", "march",    "april",
                                                   "may",       "june",     "july",     "august",
                                                   "september", "october",  "november", "december"};
                const QString lower = token.toLower();
                if (QString::fromLatin1(full[m - 1]).startsWith(lower) || lower == QLatin1String("sept")) {
                    month = m;
                    continue;
                }
            }
            if (isDayName(token))
                continue;
            if (auto z = zoneOffsetSeconds(token)) {
                if (!namedZone)
                    namedZone = z;
                continue;
            }
            continue; // unknown word: ignore
        }
        bool ok = false;
        const int number = token.toInt(&ok);
        if (!ok)
            continue;
        if (token.size() == 4 || number > 31) {
            if (year < 0)
                year = number;
        } else if (day == 0) {
            day = number;
        } else if (year < 0) {
            year = number; // obsolete two-digit year
        }
    }
    if (!zone && namedZone)
        zone = namedZone;
    if (!zone) {
        for (const QString& comment : std::as_const(comments)) {
            if (auto z = zoneOffsetSeconds(comment.trimmed())) {
                zone = z;
                break;
            }
        }
    }

    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    if (year < 50)
        year += 2000; // RFC 5322 section 4.3
    else if (year < 1000)
        year += 1900;

    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    TimeOfDay t = time.value_or(TimeOfDay{});
    QDateTime result;
    if (t.hour == 24) {
        result = QDateTime(date.addDays(1), QTime(0, t.minute, t.second, t.msec), Qt::UTC);
    } else {
        result = QDateTime(date, QTime(t.hour, t.minute, t.second, t.msec), Qt::UTC);
    }
    Result out;
    out.zoneGiven = zone.has_value();
    const int offset = zone.value_or(0);
    // The wall-clock time was in zone `offset`: shift to UTC, then present it in that offset.
    result = result.addSecs(-offset);
    out.time = result.toOffsetFromUtc(offset);
    return out;
}

QString MailDate::toIsoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace headerlens
