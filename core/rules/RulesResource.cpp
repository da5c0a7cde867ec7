#include "RulesResource.h"

#include <QResource>

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
    // Stored uncompressed (core/CMakeLists.txt): the bytes are read where they lie in the
    // executable, nothing is decompressed or copied (QFile on a compressed resource took a
    // fifth of a millisecond per table at start-up).
    const QResource resource(QStringLiteral(":/headerlens/rules/") + fileName);
    if (!resource.isValid())
        qFatal("HeaderLens rules table %s is missing from the build", qPrintable(fileName));
    return resource.uncompressedData();
}

} // namespace headerlens
