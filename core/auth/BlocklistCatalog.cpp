#include "BlocklistCatalog.h"

#include <QFile>

#include <mutex>

static void initialiseAuthResource()
{
    Q_INIT_RESOURCE(auth);
}

namespace headerlens {

namespace {

QList<BlocklistCatalog::Entry> load()
{
    static std::once_flag once;
    std::call_once(once, [] { initialiseAuthResource(); });
    QFile file(QStringLiteral(":/headerlens/auth/blocklists.tsv"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("HeaderLens table blocklists.tsv is missing from the build");
    QList<BlocklistCatalog::Entry> entries;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = QString::fromUtf8(raw).split(QLatin1Char('\t'));
        if (f.size() < 7)
            qFatal("blocklists.tsv: a row has %d columns, 7 expected: %s", static_cast<int>(f.size()),
                   raw.constData());
        BlocklistCatalog::Entry e;
        e.id = f[0].trimmed();
        e.family = f[1].trimmed();
        e.name = f[2].trimmed();
        e.scope = f[3].trimmed();
        e.pattern = QRegularExpression(f[4].trimmed(), QRegularExpression::CaseInsensitiveOption);
        if (!e.pattern.isValid())
            qFatal("blocklists.tsv: the pattern of %s is invalid", qPrintable(e.id));
        e.delisting = f[5].trimmed();
        e.advice = f[6].trimmed();
        entries.append(e);
    }
    return entries;
}

} // namespace

const QList<BlocklistCatalog::Entry>& BlocklistCatalog::entries()
{
    static const QList<Entry> table = load();
    return table;
}

QList<const BlocklistCatalog::Entry*> BlocklistCatalog::match(const QString& text)
{
    QList<const Entry*> found;
    QStringList families;
    if (text.isEmpty())
        return found;
    const QString simplified = text.simplified();
    for (const Entry& e : entries()) {
        if (families.contains(e.family))
            continue;
        if (e.pattern.match(simplified).hasMatch()) {
            found.append(&e);
            families << e.family;
        }
    }
    return found;
}

} // namespace headerlens
