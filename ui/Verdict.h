#pragma once

#include "Analysis.h"
#include "VerdictStyle.h"

#include <QString>

namespace headerlens {

// How HeaderLens says a verdict, in one place: the verdict card, the sidebar dot, the status
// bar, the analysis pages and the PDF report all read it from here, so they never contradict
// each other. It reads the whole classification, not only the bounce type: a hard bounce on the
// sender's side keeps the address and has its own badge; a complaint means stop sending; a
// bounce escalated by history means remove; a bounce is final, so its advice never says retry.
struct Verdict
{
    VerdictStyle::Tone tone = VerdictStyle::Tone::Neutral;
    QString badge;  // "HARD BOUNCE", "YOUR SIDE · ADDRESS KEPT", "SPAM COMPLAINT" ...
    QString label;  // the same in a sentence's words, for lists and the status bar
    QString advice; // what to do, one or two sentences

    static Verdict of(const Classification& classification);
    // The most pressing verdict among the recipients; for an input without recipients, "no
    // failure found" (an ordinary message) or "not determined" (a report nobody could be read from).
    static Verdict overall(const Analysis& analysis);
    // The headline sentence: the analysis summary, or for an input without one a sentence that
    // says what it is.
    static QString headline(const Analysis& analysis);
    // Lower is more pressing: remove or stop > your side > other refusals and soft bounces >
    // deferrals > undetermined > nothing failed.
    int urgency() const;
};

} // namespace headerlens
