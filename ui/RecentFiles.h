#pragma once

#include <QStringList>

namespace headerlens {

// The recently opened files, newest first, kept in QSettings. One call writes the settings once:
// a batch of opened files is recorded with one update() when the batch ends, never file by file.
class RecentFiles final
{
public:
    static constexpr int MaxEntries = 10;

    static QStringList list();
    static void add(const QString& path) { update({path}, {}); }
    // `opened` in the order they were opened (the last becomes the newest), `gone` removed.
    static void update(const QStringList& opened, const QStringList& gone);
    // How many times the settings were written since start (tests check one write per action).
    static int writeCount();
    static void remove(const QString& path);
    static void clear();
};

} // namespace headerlens
