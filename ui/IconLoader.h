#pragma once

#include <QIcon>
#include <QString>

namespace headerlens {

// Icons: the desktop theme's icon when the theme has one, else our own SVG from
// resources/icons, drawn in the palette's text colour at any size (sharp on high-DPI screens,
// readable on dark themes).
class IconLoader final
{
public:
    // `themeName` is a freedesktop icon name ("document-open"); `fallback` the base name of an
    // SVG in :/headerlens/icons/ drawn with fill="currentColor".
    static QIcon icon(const QString& themeName, const QString& fallback);
    static QIcon applicationIcon();
};

} // namespace headerlens
