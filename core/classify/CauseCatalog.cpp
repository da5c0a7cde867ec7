#include "CauseCatalog.h"

#include "RulesResource.h"

#include <QHash>

namespace headerlens {

namespace {

Side parseSide(const QString& s)
{
    if (s == QLatin1String("recipient"))
        return Side::Recipient;
    if (s == QLatin1String("sender"))
        return Side::Sender;
    if (s == QLatin1String("transient"))
        return Side::Transient;
    if (s == QLatin1String("none"))
        return Side::None;
    return Side::Unknown;
}

CauseCatalog::Nature parseNature(const QString& s)
{
    using N = CauseCatalog::Nature;
    if (s == QLatin1String("gone"))
        return N::Gone;
    if (s == QLatin1String("recipient"))
        return N::Recipient;
    if (s == QLatin1String("sender"))
        return N::Sender;
    if (s == QLatin1String("transient"))
        return N::Transient;
    if (s == QLatin1String("none"))
        return N::None;
    return N::Unknown;
}

Advice parseAdvice(const QString& s)
{
    if (s == QLatin1String("remove_address"))
        return Advice::RemoveAddress;
    if (s == QLatin1String("stop_sending"))
        return Advice::StopSending;
    if (s == QLatin1String("fix_sender_keep_address"))
        return Advice::FixSenderKeepAddress;
    if (s == QLatin1String("retry_and_monitor"))
        return Advice::RetryAndMonitor;
    if (s == QLatin1String("retry_and_reduce_rate"))
        return Advice::RetryAndReduceRate;
    if (s == QLatin1String("none"))
        return Advice::None;
    return Advice::Investigate;
}

ReputationImpact parseImpact(const QString& s)
{
    if (s == QLatin1String("high"))
        return ReputationImpact::High;
    if (s == QLatin1String("moderate"))
        return ReputationImpact::Moderate;
    if (s == QLatin1String("low"))
        return ReputationImpact::Low;
    if (s == QLatin1String("very_low"))
        return ReputationImpact::VeryLow;
    return ReputationImpact::None;
}

struct Catalog
{
    QList<CauseCatalog::Entry> entries;
    QHash<QString, qsizetype> index;
    qsizetype undetermined = -1;
};

const Catalog& catalog()
{
    static const Catalog instance = [] {
        Catalog c;
        const QString text = QString::fromUtf8(readRulesResource(QStringLiteral("causes.tsv")));
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList f = line.split(QLatin1Char('\t'));
            if (f.size() < 8)
                qFatal("causes.tsv: malformed row: %s", qPrintable(line));
            CauseCatalog::Entry e;
            e.cause = f[0].trimmed();
            e.side = parseSide(f[1].trimmed());
            e.nature = parseNature(f[2].trimmed());
            e.advice = parseAdvice(f[3].trimmed());
            e.impact = parseImpact(f[4].trimmed());
            e.title = f[5].trimmed();
            e.meaning = f[6].trimmed();
            e.todo = f[7].trimmed();
            c.index.insert(e.cause, c.entries.size());
            c.entries.append(e);
        }
        c.undetermined = c.index.value(QStringLiteral("undetermined"), -1);
        if (c.undetermined < 0)
            qFatal("causes.tsv: the undetermined cause is missing");
        return c;
    }();
    return instance;
}

} // namespace

const CauseCatalog::Entry& CauseCatalog::entry(const QString& cause)
{
    const Catalog& c = catalog();
    return c.entries[c.index.value(cause, c.undetermined)];
}

bool CauseCatalog::isKnown(const QString& cause)
{
    return catalog().index.contains(cause);
}

const QList<CauseCatalog::Entry>& CauseCatalog::all()
{
    return catalog().entries;
}

} // namespace headerlens
