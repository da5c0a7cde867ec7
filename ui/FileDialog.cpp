#include "FileDialog.h"

#include <QCoreApplication>
#include <QSettings>

#include <QFileDialog>

namespace headerlens {

bool FileDialog::s_hasNext = false;
QStringList FileDialog::s_next;

QStringList FileDialog::getOpenFileNames(QWidget* parent, const QString& caption, const QString& directory,
                                         const QString& filter)
{
    if (s_hasNext) {
        s_hasNext = false;
        return std::exchange(s_next, {});
    }
    return QFileDialog::getOpenFileNames(parent, caption, directory, filter);
}

QString FileDialog::getExistingDirectory(QWidget* parent, const QString& caption, const QString& directory)
{
    if (s_hasNext) {
        s_hasNext = false;
        const QStringList next = std::exchange(s_next, {});
        return next.value(0);
    }
    return QFileDialog::getExistingDirectory(parent, caption, directory);
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& path,
                                    const QString& filter)
{
    if (s_hasNext) {
        s_hasNext = false;
        const QStringList next = std::exchange(s_next, {});
        return next.value(0);
    }
    return QFileDialog::getSaveFileName(parent, caption, path, filter);
}

void FileDialog::setNextFileNames(const QStringList& names)
{
    s_hasNext = true;
    s_next = names;
}

QString FileDialog::getHygieneFolder(QWidget* parent)
{
    QSettings settings;
    const QString folder = getExistingDirectory(
        parent, QCoreApplication::translate("FileDialog", "Folder for the List-Hygiene Files"),
        settings.value(QStringLiteral("lastExportDirectory")).toString());
    if (!folder.isEmpty())
        settings.setValue(QStringLiteral("lastExportDirectory"), folder);
    return folder;
}

} // namespace headerlens
