#pragma once

#include "PatternTable.h"

#include <QList>
#include <QString>

namespace headerlens {

// The blocklists a refusal can name, with their delisting pages (core/auth/blocklists.tsv).
class BlocklistCatalog final
{
public:
    struct Entry
    {
        QString id;                    // "spamhaus.pbl": what findings cite
        QString family;                // "spamhaus"
        QString name;                  // "Spamhaus PBL"
        QString scope;                 // "ip" or "domain"
        PatternTable::Pattern pattern; // case-insensitive
        QString delisting;             // page (or address) as text
        QString advice;
    };

    // Every table row, in table order.
    static const QList<Entry>& entries();
    // The lists `text` names: per family the first row that matches, in table order.
    static QList<const Entry*> match(const QString& text);
};

} // namespace headerlens
