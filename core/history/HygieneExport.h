#pragma once

#include "AddressSummary.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace headerlens {

// The list-hygiene export (DOMAIN.md section 1): what to do with each address of a history.
// - remove.csv: gone addresses, addresses escalated after repeated soft bounces, and spam
//   complainers (advice stop_sending: the address works, its owner does not want the mail);
// - keep-fix-sender.csv: addresses refused for a sender-side reason, grouped by cause and by the
//   sending IP address the server named (all blocklist refusals of one IP together);
// - watch.csv: soft bounces below the threshold;
// - suppression.txt: the addresses to stop mailing, one a line (the remove list);
// - hygiene.csv: all of them in one file with a `list` column.
class HygieneExport final
{
public:
    explicit HygieneExport(QList<AddressSummary> summaries);

    QByteArray removeCsv() const;
    QByteArray keepFixSenderCsv() const;
    QByteArray watchCsv() const;
    QByteArray suppressionList() const;
    QByteArray combinedCsv() const;

    int count(HygieneList list) const;

    // Writes the five files into folder (created when missing), each atomically. On failure
    // returns false with the reason in error.
    bool writeTo(const QString& folder, QString* error) const;

    // The sending IP address a refusal names ("Client host [192.0.2.1] blocked"), skipping the
    // receiving server's own; empty when none.
    static QString sendingIp(const QString& diagnostic, const QString& remoteMta);

private:
    QList<AddressSummary> m_summaries; // sorted by address
};

} // namespace headerlens
