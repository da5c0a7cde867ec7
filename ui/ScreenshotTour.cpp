#include "ScreenshotTour.h"

#include "AnalysisView.h"
#include "ExampleCatalog.h"
#include "MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QTimer>

#include <iterator>

namespace headerlens {

namespace {

void settle(int milliseconds = 150)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntilIdle(MainWindow& window)
{
    if (!window.isBusy())
        return true;
    QEventLoop loop;
    QObject::connect(&window, &MainWindow::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return !window.isBusy();
}

} // namespace

QStringList ScreenshotTour::run(MainWindow& window, const QString& directory, const QStringList& files,
                                QString* error)
{
    QStringList written;
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QStringLiteral("Cannot create %1").arg(directory);
        return written;
    }
    auto save = [&](const QString& name) {
        settle();
        const QString path = dir.filePath(name + QStringLiteral(".png"));
        if (window.grab().save(path))
            written << path;
        else if (error)
            *error = QStringLiteral("Cannot write %1").arg(path);
    };

    window.show();
    settle(400);
    save(QStringLiteral("01-welcome"));

    if (files.isEmpty())
        window.openExample(ExampleCatalog::all().first().resource);
    else
        window.openFiles(files);
    if (!waitUntilIdle(window) || window.itemCount() == 0) {
        if (error)
            *error = QStringLiteral("Nothing could be analysed");
        return written;
    }
    window.setCurrentItem(0);

    static const char* const names[] = {"summary",     "relay-chain", "smtp-response", "classification",
                                        "explanation", "headers",     "authentication"};
    static_assert(std::size(names) == AnalysisView::TabCount, "one screenshot name per tab");
    for (int tab = 0; tab < AnalysisView::TabCount; ++tab) {
        window.analysisView()->setCurrentIndex(tab);
        save(QStringLiteral("%1-%2").arg(tab + 2, 2, 10, QLatin1Char('0')).arg(QLatin1String(names[tab])));
    }
    return written;
}

} // namespace headerlens
