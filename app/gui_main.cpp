// headerlens: the desktop application.

#include "MainWindow.h"
#include "ScreenshotTour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPalette>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>

#include <cstdio>

namespace {

// A dark Fusion palette, for checking that every view stays readable on dark themes
// (--dark, with --screenshot).
QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x33, 0x35, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xad, 0xf5));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("HeaderLens"));
    QApplication::setOrganizationName(QStringLiteral("HeaderLens"));
    QApplication::setApplicationVersion(QStringLiteral(HEADERLENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("example.headerlens.HeaderLens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Why did this email not arrive? Offline bounce and header analysis."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main", "Messages, header files or folders to open."),
        QStringLiteral("[files...]"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save screenshots of every tab into DIR, then quit."),
                                  QStringLiteral("DIR"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use a dark palette."));
    dark.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH for screenshots."),
                            QStringLiteral("WxH"), QStringLiteral("1280x820"));
    size.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({screenshot, dark, size});
    parser.process(app);

    if (parser.isSet(dark)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }

    if (parser.isSet(screenshot)) {
        // Screenshots start from a fresh first screen and leave the user's settings alone.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    headerlens::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(screenshot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
        QString error;
        const QStringList written =
            headerlens::ScreenshotTour::run(window, parser.value(screenshot), files, &error);
        for (const QString& path : written)
            std::printf("%s\n", qPrintable(path));
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }

    window.show();
    if (!files.isEmpty())
        window.openPaths(files);
    return QApplication::exec();
}
