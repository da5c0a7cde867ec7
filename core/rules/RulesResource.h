#pragma once

#include <QByteArray>
#include <QString>

namespace headerlens {

// Reads a data table compiled into core (core/rules/*). core is a static library, so its Qt
// resources must be registered explicitly before the first read; this does it once.
QByteArray readRulesResource(const QString& fileName);

} // namespace headerlens
