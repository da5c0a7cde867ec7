#pragma once

#include <QList>
#include <QString>

namespace headerlens {

// The verdict for one recipient (DOMAIN.md sections 1-2). The string forms are the output
// contract: keep them.
enum class BounceType
{
    Hard,
    Soft,
    Deferred,
    None,
    Unknown
};
enum class Side
{
    Recipient,
    Sender,
    Transient,
    None,
    Unknown
};
enum class Advice
{
    RemoveAddress,
    StopSending, // a complaint: suppress the address, which works (DOMAIN.md)
    FixSenderKeepAddress,
    RetryAndMonitor,
    RetryAndReduceRate,
    Investigate,
    None
};
enum class ReputationImpact
{
    High,
    Moderate,
    Low,
    VeryLow,
    None
};

// One piece of evidence: the rule that fired and the text it matched.
struct Evidence
{
    QString rule;
    QString text;
};

struct Classification
{
    BounceType type = BounceType::Unknown;
    QString cause = QStringLiteral("undetermined"); // a value of the DOMAIN.md cause vocabulary
    Side side = Side::Unknown;
    Advice advice = Advice::Investigate;
    bool removeAddress = false;
    ReputationImpact reputationImpact = ReputationImpact::None;
    double confidence = 0.0;
    QList<Evidence> evidence;
};

QString toString(BounceType type);
QString toString(Side side);
QString toString(Advice advice);
QString toString(ReputationImpact impact);

} // namespace headerlens
