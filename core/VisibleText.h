#pragma once

#include "Analysis.h"

#include <QString>

namespace headerlens {

// Text from a message, made safe to show to a person: characters that would act rather than
// show are replaced by visible markers ("<U+202E>"): C0 and C1 control characters (ESC starts
// terminal title, colour and hyperlink sequences; BEL, CR), DEL, Unicode bidi embeddings,
// overrides, isolates and marks (a Subject could display another file name than it holds),
// zero-width and invisible characters used to hide text, and line/paragraph separators. Line
// feeds and tabs stay. Very long text is cut with a note, which also keeps text layout (the
// window, the PDF) linear.
//
// The plain-text output, the window and the PDF report show what forDisplay() gives; the JSON
// output keeps the message's own text (JSON escapes what it must).
class VisibleText final
{
public:
    static constexpr qsizetype MaxDisplayChars = 4000;

    // True for a character that is replaced by a marker.
    static bool isHidden(char32_t c);
    // `text` with every hidden character replaced by its marker.
    static QString of(const QString& text);
    // of(), and cut to at most `maxChars` characters with "… [N more characters]" (idempotent).
    static QString shown(const QString& text, qsizetype maxChars = MaxDisplayChars);
    // The analysis with every text taken from the message passed through shown().
    static Analysis forDisplay(Analysis analysis, qsizetype maxChars = MaxDisplayChars);
};

} // namespace headerlens
