#pragma once

#include "HeaderField.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace headerlens {

// What a receiving spam filter wrote about the message: Microsoft's X-Forefront-Antispam-Report
// and X-MS-Exchange-Organization-* fields, X-Microsoft-Antispam (BCL), SpamAssassin's
// X-Spam-Status / X-Spam-Flag / X-Spam-Score / X-Spam-Level, Rspamd's X-Spamd-Result / X-Spam /
// X-Rspamd-Action. Like Authentication-Results, anyone can write these; trust is decided by
// where the field stands (AuthenticationAssessment).
struct SpamVerdict
{
    QString filter;                        // "Microsoft Exchange Online Protection", "SpamAssassin", "Rspamd"
    QString field;                         // the header field name as written
    QString raw;                           // its value
    int fieldIndex = -1;                   // index in the header list
    QList<QPair<QString, QString>> values; // "SCL" -> "5", "SFV" -> "SPM", "score" -> "7.1", "tests" -> ...
    std::optional<bool> spam;              // the filter's verdict when the field gives one
    std::optional<double> score;           // SpamAssassin / Rspamd score, or Microsoft's SCL
    std::optional<double> threshold;       // SpamAssassin's required=, Rspamd's action threshold
    QStringList meanings; // each value in user words: "SCL 5: spam (junk folder)", "IPV NLI: ..."
    QStringList problems;

    QString value(QStringView key) const;
};

class SpamVerdicts final
{
public:
    // Every spam filter field in `headers`, in header order.
    static QList<SpamVerdict> fromHeaders(const HeaderList& headers);
    static bool isSpamVerdictField(const HeaderField& field);
};

} // namespace headerlens
