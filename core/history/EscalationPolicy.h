#pragma once

#include "BounceEvent.h"

#include <QList>

namespace headerlens {

// When repeated soft bounces make an address one to remove (DOMAIN.md section 1, list hygiene):
// N consecutive soft bounces spanning at least D days (UTC calendar days from the first to the
// last of the run). A mailbox that stays full or disabled over weeks is rarely read.
// - Only soft bounces that say something about the mailbox count: full, disabled, or a receiving
//   server that keeps failing or cannot be reached (server_error, network_error, expired).
// - Deferrals never count: the message is still being retried.
// - Sender-side refusals never count against the address (blocklists, authentication, content
//   ...: the address may be perfectly valid), nor do throttling, greylisting, the recipient's
//   own filter or an undetermined cause.
// - A later delivery, auto-reply or feedback report (the mailbox received the message) ends the
//   run; so does a hard bounce about the address itself (it is gone: that decides, and the soft
//   bounces around it are no longer consecutive). Events without a date cannot be placed in time
//   and are left out.
struct EscalationPolicy
{
    static constexpr int MinSoftBounces = 3;
    static constexpr int MaxSoftBounces = 5;

    int softBounces = 3; // N, settable 3-5
    int minDays = 7;     // D

    // N clamped to 3-5 and D to at least 1.
    static EscalationPolicy make(int softBounces, int minDays);

    enum class Role
    {
        CountsAsSoft, // extends the run
        Resets,       // the mailbox received a message: the run ends
        EndsRun,      // a hard bounce saying the address is gone: the run ends
        Neutral,      // neither
    };
    static Role roleOf(const BounceEvent& event);

    // The mark of each event, for events of one address in chronological order (undated ones
    // anywhere: they get an empty mark).
    QList<EscalationMark> evaluate(const QList<BounceEvent>& chronological) const;
    // The same, as the address stands now: when its current run (the one no delivery has ended)
    // is escalated, every bounce of that run carries the run's latest mark, so that each row of
    // the address says what to do with it today. Earlier runs keep their marks of the time.
    QList<EscalationMark> evaluateNow(const QList<BounceEvent>& chronological) const;

    // "1st", "2nd", "3rd", "4th", "11th", "21st" ...
    static QString ordinal(int n);
    // The explanation sentence added to an escalated recipient.
    QString explanation(const EscalationMark& mark) const;
    // Applies an escalated mark to a classified recipient: remove_address, advice and evidence
    // (rule "history.repeated_soft"), and a sentence in the explanation. Says it once.
    bool applyTo(RecipientAnalysis& recipient, const EscalationMark& mark) const;

    bool operator==(const EscalationPolicy&) const = default;
};

// Sorts events of one address oldest first (stable: events of one date keep their order).
void sortChronologically(QList<BounceEvent>& events);

} // namespace headerlens
