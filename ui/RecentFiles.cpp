#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace headerlens {

namespace {

QString key()
{
    return QStringLiteral("recentFiles");
}

int s_writes = 0;

void store(const QStringList& files)
{
    QSettings settings;
    settings.setValue(key(), files);
    ++s_writes;
}

} // namespace

QStringList RecentFiles::list()
{
    const QSettings settings;
    return settings.value(key()).toStringList();
}

void RecentFiles::update(const QStringList& opened, const QStringList& gone)
{
    if (opened.isEmpty() && gone.isEmpty())
        return;
    QStringList files = list();
    const QStringList before = files;
    for (const QString& path : gone)
        files.removeAll(path);
    // Only the newest MaxEntries of a large batch can stay: look at no more than those.
    for (qsizetype i = qMax<qsizetype>(0, opened.size() - MaxEntries); i < opened.size(); ++i) {
        const QString absolute = QFileInfo(opened[i]).absoluteFilePath();
        files.removeAll(absolute);
        files.prepend(absolute);
    }
    while (files.size() > MaxEntries)
        files.removeLast();
    if (files != before)
        store(files);
}

int RecentFiles::writeCount()
{
    return s_writes;
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
