#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace headerlens {

namespace {

QString key()
{
    return QStringLiteral("recentFiles");
}

void store(const QStringList& files)
{
    QSettings settings;
    settings.setValue(key(), files);
}

} // namespace

QStringList RecentFiles::list()
{
    const QSettings settings;
    return settings.value(key()).toStringList();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = list();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > MaxEntries)
        files.removeLast();
    store(files);
}

void RecentFiles::remove(const QString& path)
{
    QStringList files = list();
    files.removeAll(path);
    store(files);
}

void RecentFiles::clear()
{
    store({});
}

} // namespace headerlens
