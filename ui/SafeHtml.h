#pragma once

#include <QPalette>
#include <QString>

namespace headerlens {

// Every piece of text that came from a message goes through here before it reaches a rich-text
// view: a header holding "<a href=...>" must show as those characters, never as a link, and
// control or bidi characters show as markers (VisibleText), whatever path the text took.
class SafeHtml final
{
public:
    // Escaped text; line breaks kept as <br>.
    static QString text(const QString& plain);
    // Escaped text in a block that keeps spaces and line breaks (server replies, raw fields).
    static QString pre(const QString& plain);
    // A tooltip that always renders as plain text, whatever it holds (Qt guesses rich text
    // for tooltips that look like HTML). Empty for empty input.
    static QString toolTip(const QString& plain);
    // A style sheet for QTextDocument views, with colours taken from the palette.
    static QString styleSheet(const QPalette& palette);
};

} // namespace headerlens
