// headerlens: the desktop application.

#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HeaderLens"));
    QApplication::setOrganizationName(QStringLiteral("HeaderLens"));
    QApplication::setApplicationVersion(QStringLiteral(HEADERLENS_VERSION));

    headerlens::MainWindow window;
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openFile(args.at(1));
    window.show();
    return QApplication::exec();
}
