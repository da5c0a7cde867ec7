#pragma once

#include "Analysis.h"
#include "InputItem.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace headerlens {

// Where an event stands in its address's history (EscalationPolicy::evaluate).
struct EscalationMark
{
    int run = 0;            // its place in the current run of soft bounces (0: not part of one)
    QDateTime runSince;     // when that run began
    bool escalated = false; // the run reached the policy: remove the address
    QString evidence;       // "4th consecutive soft bounce since 2026-10-02" when escalated
};

// One recipient of one analysed input: a row of the batch table and, when it names an address,
// an event of that address's history. Value type; string fields hold the contract values.
struct BounceEvent
{
    // what the report said
    QString address;    // as given; addressKey() compares
    QString messageKey; // the report's Message-ID, else a digest of its header block
    QDateTime occurred; // when it happened (last attempt, arrival date, the report's Date)
    QString kind;       // DOMAIN.md "kind" of the input
    BounceType type = BounceType::Unknown;
    QString cause = QStringLiteral("undetermined");
    Side side = Side::Unknown;
    Advice advice = Advice::Investigate;
    bool removeAddress = false;
    int replyCode = 0;
    QString status;
    QString diagnostic;
    QString reportingMta;
    QString remoteMta;
    QString note;        // why the input gave no verdict (unreadable, no header fields, not a report)
    bool failed = false; // the input could not be read or held no header fields
    // where it came from, to read it again
    InputItem source; // bytes left empty
    // filled from the history
    EscalationMark history;

    QString addressKey() const { return address.trimmed().toLower(); }
    QString domain() const;
    bool hasAddress() const { return !address.isEmpty(); }
    // An address a list can hold (local@domain): "undisclosed recipients" has no history.
    bool isListAddress() const { return address.contains(QLatin1Char('@')); }

    // One event per recipient of the analysis (one event without an address when it has none).
    static QList<BounceEvent> fromAnalysis(const Analysis& analysis, const InputItem& source);
    // When a report's recipient event happened.
    static QDateTime whenOccurred(const Analysis& analysis, const RecipientReport& recipient);
    // What identifies the report message: its Message-ID, else a digest of its header block.
    static QString messageKeyOf(const Analysis& analysis);
};

BounceType bounceTypeFromString(const QString& text);
Side sideFromString(const QString& text);
Advice adviceFromString(const QString& text);

} // namespace headerlens
