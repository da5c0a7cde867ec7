#include "RulesResource.h"

#include <QFile>

#include <mutex>

static void initialiseRulesResource()
{
    Q_INIT_RESOURCE(rules);
}

namespace headerlens {

QByteArray readRulesResource(const QString& fileName)
{
    static std::once_flag once;
    std::call_once(once, [] { initialiseRulesResource(); });
    QFile file(QStringLiteral(":/headerlens/rules/") + fileName);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("HeaderLens rules table %s is missing from the build", qPrintable(fileName));
    return file.readAll();
}

} // namespace headerlens
