#include "ReceivedHop.h"

#include "MailDate.h"

namespace headerlens {

// First cut: the date after the last ';' and the "by" host. The full parser replaces this.
ReceivedHop ReceivedParser::parse(const QString& value)
{
    ReceivedHop hop;
    hop.raw = value.simplified();
    const qsizetype semicolon = hop.raw.lastIndexOf(QLatin1Char(';'));
    if (semicolon >= 0) {
        hop.timeText = hop.raw.mid(semicolon + 1).trimmed();
        if (auto parsed = MailDate::parse(hop.timeText)) {
            hop.time = parsed->time;
            hop.timeZoneGiven = parsed->zoneGiven;
        }
    }
    return hop;
}

} // namespace headerlens
