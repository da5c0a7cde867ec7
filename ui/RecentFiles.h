#pragma once

#include <QStringList>

namespace headerlens {

// The recently opened files, newest first, kept in QSettings.
class RecentFiles final
{
public:
    static constexpr int MaxEntries = 10;

    static QStringList list();
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

} // namespace headerlens
