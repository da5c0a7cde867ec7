#pragma once

#include "Analysis.h"

#include <QByteArray>
#include <QJsonObject>

namespace headerlens {

// The machine-readable form of an Analysis: the JSON Lines contract of DOMAIN.md section 3.
// Every contract key is always present (null or empty when not known).
class JsonReport final
{
public:
    static QJsonObject toJson(const Analysis& analysis);
    static QJsonArray relayToJson(const RelayChain& chain);
    static QByteArray toJsonLine(const Analysis& analysis); // compact, with a trailing newline
};

} // namespace headerlens
