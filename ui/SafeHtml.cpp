#include "SafeHtml.h"

#include "VerdictStyle.h"
#include "VisibleText.h"

namespace headerlens {

QString SafeHtml::text(const QString& plain)
{
    QString escaped = VisibleText::of(plain).toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return escaped;
}

QString SafeHtml::pre(const QString& plain)
{
    return QStringLiteral("<pre class=\"verbatim\">") + VisibleText::of(plain).toHtmlEscaped() +
           QStringLiteral("</pre>");
}

QString SafeHtml::toolTip(const QString& plain)
{
    if (plain.isEmpty())
        return {};
    // Starting with a known tag makes Qt take it as rich text, so the escaped entities show as
    // the characters they stand for.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + VisibleText::of(plain).toHtmlEscaped() +
           QStringLiteral("</p>");
}

QString SafeHtml::styleSheet(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const QColor muted = VerdictStyle::mix(text, base, 0.4);
    const QColor rule = VerdictStyle::mix(text, base, 0.82);
    const QColor codeBackground = VerdictStyle::mix(base, text, 0.06);
    return QStringLiteral(
               "h1 { font-size: x-large; font-weight: 600; margin-bottom: 4px; }"
               "h2 { font-size: large; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }"
               "h3 { font-size: medium; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }"
               "p { margin-top: 4px; margin-bottom: 6px; }"
               "th { text-align: left; font-weight: normal; color: %1; padding: 3px 14px 3px 0; }"
               "td { padding: 3px 10px 3px 0; }"
               "table.grid th { font-weight: 600; color: %4; border-bottom: 1px solid %2; }"
               ".muted { color: %1; }"
               "p.prose { font-size: large; line-height: 135%; }"
               ".code { font-family: monospace; font-weight: 600; }"
               "pre.verbatim { font-family: monospace; white-space: pre-wrap; background-color: %3;"
               " padding: 6px; margin: 0; }")
        .arg(muted.name(), rule.name(), codeBackground.name(), text.name());
}

} // namespace headerlens
