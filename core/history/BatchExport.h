#pragma once

#include "BounceEvent.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace headerlens {

// The rows of a batch (one per recipient) as CSV and as JSON Lines: the columns of the batch
// table, the contract names and values of DOMAIN.md for the verdict, and what the history added.
class BatchExport final
{
public:
    static QStringList columns();
    static QStringList fields(const BounceEvent& row); // in the order of columns()
    static QByteArray csvHeader();
    static QByteArray csvLine(const BounceEvent& row);
    static QJsonObject toJson(const BounceEvent& row);
    static QByteArray jsonLine(const BounceEvent& row); // compact, with a trailing newline
    static QByteArray csv(const QList<BounceEvent>& rows);
    static QByteArray jsonLines(const QList<BounceEvent>& rows);
};

} // namespace headerlens
