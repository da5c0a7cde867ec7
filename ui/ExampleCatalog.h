#pragma once

#include <QList>
#include <QString>

namespace headerlens {

// The sample bounces shipped in resources/examples (written by hand for HeaderLens; all
// addresses, hosts and IPs are invented).
class ExampleCatalog final
{
public:
    struct Example
    {
        QString resource; // ":/headerlens/examples/..."
        QString title;    // menu text
    };
    static QList<Example> all();
};

} // namespace headerlens
