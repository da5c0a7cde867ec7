#include "InputCollector.h"

#include "MboxReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace headerlens {

namespace {

struct Walker
{
    InputCollector::Result result;
    QSet<QString> visited; // canonical folders: symbolic links must not loop

    void addFile(const QFileInfo& info)
    {
        InputFile file;
        file.path = info.filePath();
        if (!info.isReadable()) {
            file.format = InputFormat::Missing;
            file.error = QStringLiteral("Cannot read %1: permission denied.").arg(file.path);
        } else {
            file.format = InputCollector::sniff(file.path);
            file.size = info.size();
        }
        result.totalBytes += file.size;
        result.files.append(file);
    }

    void addMissing(const QString& path, const QString& why)
    {
        InputFile file;
        file.path = path;
        file.format = InputFormat::Missing;
        file.error = why;
        result.files.append(file);
    }

    void addFolderFiles(const QString& folder)
    {
        const QFileInfoList entries =
            QDir(folder).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& info : entries)
            addFile(info);
    }

    void walk(const QString& folder)
    {
        const QString canonical = QFileInfo(folder).canonicalFilePath();
        if (canonical.isEmpty() || visited.contains(canonical))
            return;
        visited.insert(canonical);
        if (InputCollector::isMaildir(folder)) {
            addFolderFiles(folder + QStringLiteral("/new"));
            addFolderFiles(folder + QStringLiteral("/cur"));
            // Maildir++: sub-folders are hidden folders holding Maildirs of their own
            const QFileInfoList subs =
                QDir(folder).entryInfoList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
            for (const QFileInfo& sub : subs) {
                const QString name = sub.fileName();
                if (name != QLatin1String("cur") && name != QLatin1String("new") &&
                    name != QLatin1String("tmp"))
                    walk(sub.filePath());
            }
            return;
        }
        const QFileInfoList entries =
            QDir(folder).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& info : entries) {
            if (info.isDir())
                walk(info.filePath());
            else if (info.isFile() && InputCollector::isPlainlyNotMail(info.fileName()))
                ++result.skipped;
            else if (info.isFile())
                addFile(info);
        }
    }
};

} // namespace

bool InputCollector::isMaildir(const QString& folder)
{
    return QFileInfo(folder + QStringLiteral("/cur")).isDir() &&
           QFileInfo(folder + QStringLiteral("/new")).isDir();
}

bool InputCollector::isPlainlyNotMail(const QString& fileName)
{
    // Suffixes of files that are never a mail message or mailbox; a mail file may have any other
    // name (Maildir "1700000000.M1P2.host:2,S", MH "12", "bounce.eml", "box.mbox", "x.txt").
    static const QSet<QString> suffixes = {
        QStringLiteral("png"),    QStringLiteral("jpg"),        QStringLiteral("jpeg"),
        QStringLiteral("gif"),    QStringLiteral("bmp"),        QStringLiteral("webp"),
        QStringLiteral("svg"),    QStringLiteral("ico"),        QStringLiteral("tif"),
        QStringLiteral("tiff"),   QStringLiteral("heic"),       QStringLiteral("pdf"),
        QStringLiteral("doc"),    QStringLiteral("docx"),       QStringLiteral("xls"),
        QStringLiteral("xlsx"),   QStringLiteral("ppt"),        QStringLiteral("pptx"),
        QStringLiteral("odt"),    QStringLiteral("ods"),        QStringLiteral("zip"),
        QStringLiteral("gz"),     QStringLiteral("tgz"),        QStringLiteral("bz2"),
        QStringLiteral("xz"),     QStringLiteral("zst"),        QStringLiteral("7z"),
        QStringLiteral("rar"),    QStringLiteral("tar"),        QStringLiteral("mp3"),
        QStringLiteral("mp4"),    QStringLiteral("mov"),        QStringLiteral("avi"),
        QStringLiteral("mkv"),    QStringLiteral("wav"),        QStringLiteral("ogg"),
        QStringLiteral("flac"),   QStringLiteral("exe"),        QStringLiteral("dll"),
        QStringLiteral("so"),     QStringLiteral("o"),          QStringLiteral("bin"),
        QStringLiteral("iso"),    QStringLiteral("dmg"),        QStringLiteral("db"),
        QStringLiteral("sqlite"), QStringLiteral("sqlite-wal"), QStringLiteral("sqlite-shm"),
        QStringLiteral("ttf"),    QStringLiteral("otf"),        QStringLiteral("woff"),
        QStringLiteral("woff2"),  QStringLiteral("class"),      QStringLiteral("jar"),
        QStringLiteral("pyc")};
    const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
    return dot > 0 && suffixes.contains(fileName.mid(dot + 1).toLower());
}

QString InputCollector::Result::skippedNote() const
{
    if (skipped == 0)
        return {};
    return skipped == 1
               ? QStringLiteral("1 file that is no mail (a picture, document, archive ...) was left out.")
               : QStringLiteral("%1 files that are no mail (pictures, documents, archives ...) were left "
                                "out.")
                     .arg(skipped);
}

InputFormat InputCollector::sniff(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return InputFormat::Message;
    return MboxReader::looksLikeMbox(file.read(8192)) ? InputFormat::Mbox : InputFormat::Message;
}

InputCollector::Result InputCollector::collect(const QStringList& paths)
{
    Walker walker;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            walker.addMissing(path, QStringLiteral("Cannot read %1: no such file or folder.").arg(path));
        else if (info.isDir())
            walker.walk(path);
        else
            walker.addFile(info);
    }
    return walker.result;
}

} // namespace headerlens
