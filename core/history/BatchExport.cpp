#include "BatchExport.h"

#include "CsvWriter.h"
#include "MailDate.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace headerlens {

namespace {

QString isoOrEmpty(const QDateTime& t)
{
    return t.isValid() ? MailDate::toIsoUtc(t) : QString();
}

QJsonValue stringOrNull(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

QStringList BatchExport::columns()
{
    return {QStringLiteral("date"),       QStringLiteral("recipient"),      QStringLiteral("domain"),
            QStringLiteral("type"),       QStringLiteral("cause"),          QStringLiteral("side"),
            QStringLiteral("advice"),     QStringLiteral("remove_address"), QStringLiteral("reply_code"),
            QStringLiteral("status"),     QStringLiteral("reporting_mta"),  QStringLiteral("remote_mta"),
            QStringLiteral("diagnostic"), QStringLiteral("soft_run"),       QStringLiteral("history"),
            QStringLiteral("kind"),       QStringLiteral("file"),           QStringLiteral("item"),
            QStringLiteral("note")};
}

QStringList BatchExport::fields(const BounceEvent& r)
{
    return {isoOrEmpty(r.occurred),
            r.address,
            r.domain(),
            toString(r.type),
            r.cause,
            toString(r.side),
            toString(r.history.escalated ? Advice::RemoveAddress : r.advice),
            (r.removeAddress || r.history.escalated) ? QStringLiteral("true") : QStringLiteral("false"),
            r.replyCode > 0 ? QString::number(r.replyCode) : QString(),
            r.status,
            r.reportingMta,
            r.remoteMta,
            r.diagnostic,
            r.history.run > 0 ? QString::number(r.history.run) : QString(),
            r.history.evidence,
            r.kind,
            r.source.path,
            r.source.ordinal > 0 ? QString::number(r.source.ordinal) : QString(),
            r.note};
}

QByteArray BatchExport::csvHeader()
{
    return CsvWriter::line(columns());
}

QByteArray BatchExport::csvLine(const BounceEvent& row)
{
    return CsvWriter::line(fields(row));
}

QJsonObject BatchExport::toJson(const BounceEvent& r)
{
    // An escalated row carries the history's verdict, as `analyze --history` does.
    const bool escalated = r.history.escalated;
    QJsonObject o;
    o.insert(QStringLiteral("date"), stringOrNull(isoOrEmpty(r.occurred)));
    o.insert(QStringLiteral("address"), stringOrNull(r.address));
    o.insert(QStringLiteral("domain"), stringOrNull(r.domain()));
    o.insert(QStringLiteral("type"), toString(r.type));
    o.insert(QStringLiteral("cause"), r.cause);
    o.insert(QStringLiteral("side"), toString(r.side));
    o.insert(QStringLiteral("advice"), toString(escalated ? Advice::RemoveAddress : r.advice));
    o.insert(QStringLiteral("remove_address"), r.removeAddress || escalated);
    o.insert(QStringLiteral("reply_code"),
             r.replyCode > 0 ? QJsonValue(r.replyCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("status"), stringOrNull(r.status));
    o.insert(QStringLiteral("reporting_mta"), stringOrNull(r.reportingMta));
    o.insert(QStringLiteral("remote_mta"), stringOrNull(r.remoteMta));
    o.insert(QStringLiteral("diagnostic"), stringOrNull(r.diagnostic));
    QJsonObject history;
    history.insert(QStringLiteral("soft_run"), r.history.run);
    history.insert(QStringLiteral("run_since"), stringOrNull(isoOrEmpty(r.history.runSince)));
    history.insert(QStringLiteral("escalated"), escalated);
    history.insert(QStringLiteral("evidence"), stringOrNull(r.history.evidence));
    o.insert(QStringLiteral("history"), history);
    o.insert(QStringLiteral("kind"), r.kind);
    o.insert(QStringLiteral("file"), r.source.path);
    o.insert(QStringLiteral("item"),
             r.source.ordinal > 0 ? QJsonValue(r.source.ordinal) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("message_key"), stringOrNull(r.messageKey));
    o.insert(QStringLiteral("note"), stringOrNull(r.note));
    return o;
}

QByteArray BatchExport::jsonLine(const BounceEvent& row)
{
    return QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray BatchExport::csv(const QList<BounceEvent>& rows)
{
    QByteArray out = csvHeader();
    for (const BounceEvent& r : rows)
        out += csvLine(r);
    return out;
}

QByteArray BatchExport::jsonLines(const QList<BounceEvent>& rows)
{
    QByteArray out;
    for (const BounceEvent& r : rows)
        out += jsonLine(r);
    return out;
}

} // namespace headerlens
