#pragma once

#include <QString>
#include <QStringList>

namespace headerlens {

class MainWindow;

// Takes the documentation screenshots: the first screen, then every tab for the given files
// (or the first example), saved as PNG files into a folder. Used by the hidden --screenshot
// option of the application, under Xvfb or any display.
class ScreenshotTour final
{
public:
    // Returns the files written; `error` is set when something failed.
    static QStringList run(MainWindow& window, const QString& directory, const QStringList& files,
                           QString* error = nullptr);
};

} // namespace headerlens
