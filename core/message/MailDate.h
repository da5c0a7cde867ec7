#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace headerlens {

// Date-time parsing for mail: RFC 5322 section 3.3 and the obsolete forms of section 4.3
// (two-digit years, zone names, military zones, missing seconds or day of week), plus what real
// servers write: asctime ("Fri Sep 14 14:36:56 EDT 2018"), ISO 8601 and Go's time format
// ("2018-04-22 02:54:17.028704749 +0000 UTC"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT"),
// US numeric dates with AM/PM ("4/20/2018 11:01:16 PM"), "+0200 (CEST)", lower-case names and
// no zone at all. Linear in the input, no allocation per token.
class MailDate final
{
public:
    struct Result
    {
        QDateTime time;        // carries the stated UTC offset; UTC when none was given
        bool zoneGiven = true; // false when the text named no zone (UTC assumed)
        bool timeGiven = true; // false when the text held a date only (midnight assumed)
    };
    // nullopt when no calendar date can be read, or when a time of day is present but impossible
    // ("25:12:46"): a wrong instant is worse than none.
    static std::optional<Result> parse(QStringView text);
    // The same, read token by token whatever the form: parse() reads the form nearly every
    // server writes ("Thu, 26 Nov 2026 15:04:58 +0000") by position. The reference the tests
    // compare parse() with; not needed otherwise.
    static std::optional<Result> parseTokens(QStringView text);
    // RFC 3339 form in UTC for output: "2026-11-27T10:00:00Z".
    static QString toIsoUtc(const QDateTime& time);

private:
    static std::optional<Result> read(QStringView text, bool shortcut);
};

} // namespace headerlens
