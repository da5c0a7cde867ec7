#pragma once

#include "Analysis.h"
#include "Classification.h"

#include <QDateTime>
#include <QString>

namespace headerlens {

// Words a person reads for the contract's enum values (DOMAIN.md sections 2-3). The contract
// strings stay what they are in the JSON; these are only how the window says them.
class DisplayText final
{
public:
    static QString typeLabel(BounceType type);       // "Hard bounce"
    static QString badgeText(BounceType type);       // "HARD BOUNCE"
    static QString causeLabel(const QString& cause); // "Mailbox does not exist" (CauseCatalog)
    static QString sideLabel(Side side);
    static QString adviceLabel(Advice advice);
    static QString impactLabel(ReputationImpact impact);
    static QString kindLabel(const Analysis& analysis); // "Bounce", "Delay notice" ...
    // The line under a message's relay chain: how its hops are ordered.
    static QString relayChainSubtitle(const RelayChain& chain);

    // "Fri 27 Nov 2026 08:17:41 +01:00"; empty for an invalid time.
    static QString dateTime(const QDateTime& time);
    // "2026-11-27 07:17:41" in UTC; empty for an invalid time.
    static QString utcTime(const QDateTime& time);
    // "3 s", "4 min 05 s" (TextSummary's form), with a real minus sign for negative values.
    static QString duration(qint64 seconds);
    // "[203.0.113.45]"; a redacted address is "[IP]" already and gets no second pair.
    static QString bracketedIp(const QString& ip);
    // "1 hop", "3 hops": `one` and `many` hold %1 for the number (English plurals without a
    // translation file; a translation can still give both forms).
    static QString count(qsizetype n, const char* one, const char* many);
    // "12.3 KB"
    static QString byteSize(qint64 bytes);
    // Text from a message made safe for a one-line place (window title, list item): control
    // characters and line breaks become spaces, very long text is cut.
    static QString oneLine(const QString& text, int maxLength = 160);
    // The first sentences of `text`, at most about `maxLength` characters, never ending inside a
    // quotation (the explanations quote the server's words, which have full stops of their own).
    static QString firstSentences(const QString& text, int maxLength);

    // The route a person means by "the route": for a report, the returned original's (how the
    // message travelled before it failed) when it is recorded, else the input's own.
    static const RelayChain& mainRoute(const Analysis& analysis);
    // "2 min 05 s in transit"; with a clock-skewed hop the time stamps cannot be trusted, said so
    // ("transit time unknown: a server clock is wrong" when they even run backwards). Empty when
    // the route has no total. The status bar, the Summary's Route line and the timeline agree.
    static QString transit(const RelayChain& chain);

    // What a verdict card says to do: the advice, and that the address is gone when it is.
    static QString adviceText(const Classification& classification);
    // The reply line of a verdict card: the codes and the server's words, the codes said once
    // (most replies start with their own codes). `hasCodes` says whether it is an SMTP reply at
    // all or only the report's own words. A negative `maxLength` keeps the whole reply.
    static QString serverReply(const RecipientReport& report, int maxLength, bool* hasCodes = nullptr);
};

} // namespace headerlens
