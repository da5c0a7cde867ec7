#pragma once

#include "BounceEvent.h"
#include "EscalationPolicy.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace headerlens {

// Which list-hygiene list an address belongs on.
enum class HygieneList
{
    Remove,        // gone, escalated after repeated soft bounces, or a spam complaint
    KeepFixSender, // its last failure was a refusal of the sender: keep it, fix the sender
    Watch,         // soft bounces below the threshold
    None,          // nothing to do (delivered since, only deferrals, nothing decisive)
};
QString toString(HygieneList list); // remove, keep_fix_sender, watch, none
HygieneList hygieneListFromString(const QString& text);

// What the history says about one address.
struct AddressSummary
{
    QString address; // lower case
    QString domain;
    QDateTime firstSeen;
    QDateTime lastSeen;
    int events = 0;
    int hard = 0;
    int soft = 0;
    int deferred = 0;
    int none = 0;
    int unknown = 0;
    int complaints = 0;
    // the current run of soft bounces
    int softRun = 0;
    QDateTime softRunSince;
    bool escalated = false;
    // the last event (by date)
    BounceType lastType = BounceType::Unknown;
    QString lastCause;
    Side lastSide = Side::Unknown;
    Advice lastAdvice = Advice::Investigate;
    int lastReplyCode = 0;
    QString lastStatus;
    QString lastDiagnostic;
    QString lastRemoteMta;
    // the verdict over the whole history
    HygieneList list = HygieneList::None;
    Advice advice = Advice::None; // what to do with the address now
    QString cause;                // the cause behind that advice
    QString reason;               // one sentence: why it is on that list

    // Summarises the events of one address, given oldest first.
    static AddressSummary from(const QList<BounceEvent>& chronological, const EscalationPolicy& policy);
};

} // namespace headerlens
