#include "HygieneExport.h"

#include "CsvWriter.h"
#include "MailDate.h"
#include "RegexSubject.h"

#include <QDir>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace headerlens {

namespace {

QString iso(const QDateTime& t)
{
    return t.isValid() ? MailDate::toIsoUtc(t) : QString();
}

QString code(int replyCode)
{
    return replyCode > 0 ? QString::number(replyCode) : QString();
}

} // namespace

HygieneExport::HygieneExport(QList<AddressSummary> summaries)
    : m_summaries(std::move(summaries))
{
    std::sort(m_summaries.begin(), m_summaries.end(),
              [](const AddressSummary& a, const AddressSummary& b) { return a.address < b.address; });
}

int HygieneExport::count(HygieneList list) const
{
    return int(std::count_if(m_summaries.cbegin(), m_summaries.cend(),
                             [list](const AddressSummary& s) { return s.list == list; }));
}

QString HygieneExport::sendingIp(const QString& diagnostic, const QString& remoteMta)
{
    static const QRegularExpression ipv4(QStringLiteral("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\d.])"));
    auto it = RegexSubject::globalMatch(ipv4, diagnostic);
    while (it.hasNext()) {
        const QString ip = it.next().captured(1);
        if (!remoteMta.contains(ip))
            return ip;
    }
    return {};
}

QByteArray HygieneExport::removeCsv() const
{
    QByteArray out = CsvWriter::line(
        {QStringLiteral("address"), QStringLiteral("domain"), QStringLiteral("advice"),
         QStringLiteral("cause"), QStringLiteral("reason"), QStringLiteral("last_seen"),
         QStringLiteral("reply_code"), QStringLiteral("status"), QStringLiteral("diagnostic")});
    for (const AddressSummary& s : m_summaries) {
        if (s.list != HygieneList::Remove)
            continue;
        out += CsvWriter::line({s.address, s.domain, toString(s.advice), s.cause, s.reason, iso(s.lastSeen),
                                code(s.lastReplyCode), s.lastStatus, s.lastDiagnostic});
    }
    return out;
}

QByteArray HygieneExport::keepFixSenderCsv() const
{
    struct Row
    {
        QString cause, ip;
        const AddressSummary* s;
    };
    QList<Row> rows;
    for (const AddressSummary& s : m_summaries) {
        if (s.list == HygieneList::KeepFixSender)
            rows.append({s.cause, sendingIp(s.lastDiagnostic, s.lastRemoteMta), &s});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.cause != b.cause)
            return a.cause < b.cause;
        if (a.ip != b.ip)
            return a.ip < b.ip;
        return a.s->domain < b.s->domain;
    });
    QByteArray out =
        CsvWriter::line({QStringLiteral("group"), QStringLiteral("cause"), QStringLiteral("sending_ip"),
                         QStringLiteral("domain"), QStringLiteral("address"), QStringLiteral("last_seen"),
                         QStringLiteral("reply_code"), QStringLiteral("status"), QStringLiteral("remote_mta"),
                         QStringLiteral("diagnostic")});
    for (const Row& r : rows) {
        const QString group = r.ip.isEmpty() ? r.cause : r.cause + QLatin1Char(' ') + r.ip;
        out += CsvWriter::line({group, r.cause, r.ip, r.s->domain, r.s->address, iso(r.s->lastSeen),
                                code(r.s->lastReplyCode), r.s->lastStatus, r.s->lastRemoteMta,
                                r.s->lastDiagnostic});
    }
    return out;
}

QByteArray HygieneExport::watchCsv() const
{
    QByteArray out = CsvWriter::line(
        {QStringLiteral("address"), QStringLiteral("domain"), QStringLiteral("cause"),
         QStringLiteral("soft_run"), QStringLiteral("since"), QStringLiteral("reason"),
         QStringLiteral("last_seen"), QStringLiteral("status"), QStringLiteral("diagnostic")});
    for (const AddressSummary& s : m_summaries) {
        if (s.list != HygieneList::Watch)
            continue;
        out += CsvWriter::line({s.address, s.domain, s.cause, QString::number(s.softRun), iso(s.softRunSince),
                                s.reason, iso(s.lastSeen), s.lastStatus, s.lastDiagnostic});
    }
    return out;
}

QByteArray HygieneExport::suppressionList() const
{
    QByteArray out;
    for (const AddressSummary& s : m_summaries) {
        if (s.list == HygieneList::Remove)
            out += s.address.toUtf8() + '\n';
    }
    return out;
}

QByteArray HygieneExport::combinedCsv() const
{
    QByteArray out = CsvWriter::line(
        {QStringLiteral("list"), QStringLiteral("address"), QStringLiteral("domain"),
         QStringLiteral("advice"), QStringLiteral("cause"), QStringLiteral("reason"),
         QStringLiteral("sending_ip"), QStringLiteral("soft_run"), QStringLiteral("first_seen"),
         QStringLiteral("last_seen"), QStringLiteral("status"), QStringLiteral("diagnostic")});
    for (const HygieneList list : {HygieneList::Remove, HygieneList::KeepFixSender, HygieneList::Watch}) {
        for (const AddressSummary& s : m_summaries) {
            if (s.list != list)
                continue;
            out += CsvWriter::line(
                {toString(list), s.address, s.domain, toString(s.advice), s.cause, s.reason,
                 list == HygieneList::KeepFixSender ? sendingIp(s.lastDiagnostic, s.lastRemoteMta)
                                                    : QString(),
                 s.softRun > 0 ? QString::number(s.softRun) : QString(), iso(s.firstSeen), iso(s.lastSeen),
                 s.lastStatus, s.lastDiagnostic});
        }
    }
    return out;
}

bool HygieneExport::writeTo(const QString& folder, QString* error) const
{
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1.").arg(folder);
        return false;
    }
    const QList<std::pair<QString, QByteArray>> files = {
        {QStringLiteral("remove.csv"), removeCsv()},
        {QStringLiteral("keep-fix-sender.csv"), keepFixSenderCsv()},
        {QStringLiteral("watch.csv"), watchCsv()},
        {QStringLiteral("suppression.txt"), suppressionList()},
        {QStringLiteral("hygiene.csv"), combinedCsv()}};
    for (const auto& [name, bytes] : files) {
        QSaveFile file(QDir(folder).filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            if (error)
                *error = QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace headerlens
