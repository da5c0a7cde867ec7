#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace headerlens {

// The one place that opens a file dialog. Tests queue the answer with setNextFileNames() so
// that no real dialog ever opens (KeePassXC's FileDialog seam).
class FileDialog final
{
public:
    static QStringList getOpenFileNames(QWidget* parent, const QString& caption, const QString& directory,
                                        const QString& filter);
    // A folder to open; an empty string for Cancel. Takes the first queued name in tests.
    static QString getExistingDirectory(QWidget* parent, const QString& caption, const QString& directory);
    // The folder for the list-hygiene files, starting in the last export folder (remembered).
    static QString getHygieneFolder(QWidget* parent);
    // Where to save; an empty string for Cancel. Takes the first queued name in tests.
    static QString getSaveFileName(QWidget* parent, const QString& caption, const QString& path,
                                   const QString& filter);

    // The next call returns `names` without showing a dialog; an empty list stands for Cancel.
    static void setNextFileNames(const QStringList& names);
    static void setNextFileName(const QString& name) { setNextFileNames({name}); }

private:
    static bool s_hasNext;
    static QStringList s_next;
};

} // namespace headerlens
