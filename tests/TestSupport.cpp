#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace headerlens::test {

QString dataPath(const QString& relative)
{
    return QStringLiteral(HEADERLENS_TEST_DATA_DIR) + QLatin1Char('/') + relative;
}

QByteArray readData(const QString& relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test fixture %s", qPrintable(relative));
    return file.readAll();
}

QString corpusDir()
{
    QString dir = qEnvironmentVariable("HEADERLENS_CORPUS");
    if (dir.isEmpty())
        dir = QStringLiteral(HEADERLENS_CORPUS_DIR);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

QByteArray toCrlf(const QByteArray& lf)
{
    QByteArray out = lf;
    out.replace("\r\n", "\n");
    out.replace("\n", "\r\n");
    return out;
}

} // namespace headerlens::test
