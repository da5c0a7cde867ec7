#include "BlocklistCatalog.h"
#include "TextSearch.h"

#include <QResource>

#include <mutex>

static void initialiseAuthResource()
{
    Q_INIT_RESOURCE(auth);
}

namespace headerlens {

namespace {

// Every row's expression in one table: a text is scanned once for all their phrases.
struct Catalog
{
    PatternTable patterns;
    PatternTable::Group all;
    QList<BlocklistCatalog::Entry> entries;
};

Catalog load()
{
    Catalog catalog;
    static std::once_flag once;
    std::call_once(once, [] { initialiseAuthResource(); });
    const QResource resource(QStringLiteral(":/headerlens/auth/blocklists.tsv")); // stored uncompressed
    if (!resource.isValid())
        qFatal("HeaderLens table blocklists.tsv is missing from the build");
    const QList<QByteArray> lines = resource.uncompressedData().split('\n');
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
        e.pattern = catalog.patterns.add(f[4].trimmed(), QRegularExpression::CaseInsensitiveOption);
        if (!e.pattern.regex().isValid())
            qFatal("blocklists.tsv: the pattern of %s is invalid", qPrintable(e.id));
        catalog.all.append(e.pattern);
        e.delisting = f[5].trimmed();
        e.advice = f[6].trimmed();
        catalog.entries.append(e);
    }
    catalog.patterns.build();
    return catalog;
}

const Catalog& catalog()
{
    static const Catalog instance = load();
    return instance;
}

} // namespace

const QList<BlocklistCatalog::Entry>& BlocklistCatalog::entries()
{
    return catalog().entries;
}

QList<const BlocklistCatalog::Entry*> BlocklistCatalog::match(const QString& text)
{
    QList<const Entry*> found;
    QStringList families;
    if (text.isEmpty())
        return found;
    const QString simplified = simplifiedText(text);
    if (!catalog().all.mayMatchAny(simplified))
        return found;
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
