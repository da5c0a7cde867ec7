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
    // Compact, with a trailing newline; written straight into bytes (no QJsonObject tree), the
    // same text as toJsonLineViaTree() (TestJsonReport checks every fixture).
    static QByteArray toJsonLine(const Analysis& analysis);
    // QJsonDocument(toJson()).toJson(Compact): the reference the streaming writer must equal.
    static QByteArray toJsonLineViaTree(const Analysis& analysis);
};

} // namespace headerlens
