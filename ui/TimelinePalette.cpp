#include "TimelinePalette.h"

#include "VerdictStyle.h"

namespace headerlens {

TimelinePalette TimelinePalette::fromPalette(const QPalette& palette)
{
    TimelinePalette p;
    p.background = palette.color(QPalette::Base);
    p.alternateRow = VerdictStyle::mix(p.background, palette.color(QPalette::Text), 0.035);
    p.text = palette.color(QPalette::Text);
    p.mutedText = VerdictStyle::mix(p.text, p.background, 0.42);
    p.grid = VerdictStyle::mix(p.text, p.background, 0.86);
    p.bar = VerdictStyle::color(VerdictStyle::Tone::Info, palette);
    p.longest = VerdictStyle::color(VerdictStyle::Tone::Warning, palette);
    p.skew = VerdictStyle::color(VerdictStyle::Tone::Danger, palette);
    p.missing = VerdictStyle::mix(p.text, p.background, 0.5);
    p.tls = VerdictStyle::color(VerdictStyle::Tone::Success, palette);
    p.auth = VerdictStyle::color(VerdictStyle::Tone::Accent, palette);
    p.badgeFill = p.background;
    p.marker = p.text;
    return p;
}

TimelinePalette TimelinePalette::forPrint()
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, QColor(0x1e, 0x1e, 0x1e));
    return fromPalette(light);
}

} // namespace headerlens
