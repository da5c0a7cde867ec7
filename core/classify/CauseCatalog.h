#pragma once

#include "Classification.h"

#include <QList>
#include <QString>

namespace headerlens {

// What HeaderLens knows about each cause of the contract vocabulary (DOMAIN.md section 2),
// read from rules/causes.tsv: the usual side, how it turns into a bounce type, the advice, the
// reputation impact, and plain-language texts for explanations and views.
class CauseCatalog final
{
public:
    enum class Nature
    {
        Gone,
        Recipient,
        Sender,
        Transient,
        None,
        Unknown
    };

    struct Entry
    {
        QString cause;
        Side side = Side::Unknown;
        Nature nature = Nature::Unknown;
        Advice advice = Advice::Investigate;
        ReputationImpact impact = ReputationImpact::None;
        QString title;   // "Mailbox does not exist"
        QString meaning; // one plain sentence
        QString todo;    // what to do next
    };

    // The entry for `cause`; the "undetermined" entry for an unknown name.
    static const Entry& entry(const QString& cause);
    static bool isKnown(const QString& cause);
    static const QList<Entry>& all();
};

} // namespace headerlens
