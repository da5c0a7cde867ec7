#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace headerlens {

// Date-time parsing for mail: RFC 5322 section 3.3 and the obsolete forms of section 4.3
// (two-digit years, zone names, military zones, missing seconds or day of week), plus what real
// servers write (asctime, ISO 8601, "+0200 (CEST)", lower-case month names, missing zone).
class MailDate final
{
public:
    struct Result
    {
        QDateTime time;        // carries the stated UTC offset; UTC when none was given
        bool zoneGiven = true; // false when the text named no zone (assumed UTC)
    };
    static std::optional<Result> parse(QStringView text);
    // RFC 3339 form in UTC for output: "2026-11-27T10:00:00Z".
    static QString toIsoUtc(const QDateTime& time);
};

} // namespace headerlens
