#pragma once

#include <QString>

namespace headerlens {

// The words of an HTML part, for a report that has no plain-text part: script, style and head
// elements dropped, a line break where a line or block ends (br, p, div, tr, li, h1-h9, hr,
// table), every other tag removed, and the common entities replaced.
namespace HtmlText {

// Written out: one pass per step, no expression run per tag.
QString toText(const QString& html);

// The same steps as the regular expressions they were first written as: the reference toText
// is compared with (TestHtmlText), on generated markup and on every fixture.
QString toTextByExpressions(const QString& html);

} // namespace HtmlText

} // namespace headerlens
