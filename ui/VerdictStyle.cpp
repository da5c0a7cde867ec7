#include "VerdictStyle.h"

#include <cmath>

namespace headerlens {

bool VerdictStyle::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

VerdictStyle::Tone VerdictStyle::tone(BounceType type)
{
    switch (type) {
    case BounceType::Hard:
        return Tone::Danger;
    case BounceType::Soft:
        return Tone::Warning;
    case BounceType::Deferred:
        return Tone::Info;
    case BounceType::None:
        return Tone::Success;
    case BounceType::Unknown:
        break;
    }
    return Tone::Neutral;
}

QColor VerdictStyle::color(Tone tone, const QPalette& palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Danger:
        return dark ? QColor(0xef, 0x6b, 0x6b) : QColor(0xc0, 0x25, 0x25);
    case Tone::Warning:
        return dark ? QColor(0xff, 0xa9, 0x4d) : QColor(0xb8, 0x5a, 0x00);
    case Tone::Info:
        return dark ? QColor(0x6c, 0xad, 0xf5) : QColor(0x1a, 0x5f, 0xb4);
    case Tone::Success:
        return dark ? QColor(0x6c, 0xcf, 0x7a) : QColor(0x23, 0x7a, 0x35);
    case Tone::Accent:
        return dark ? QColor(0xc1, 0x9c, 0xf5) : QColor(0x6a, 0x3d, 0xb0);
    case Tone::Neutral:
        break;
    }
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35);
}

QColor VerdictStyle::tint(Tone tone, const QPalette& palette, qreal strength)
{
    return mix(palette.color(QPalette::Base), color(tone, palette), strength);
}

QColor VerdictStyle::textOn(const QColor& background)
{
    // Relative luminance (WCAG 2.x) decides which of black and white contrasts more.
    auto channel = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const qreal luminance = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF()) +
                            0.0722 * channel(background.blueF());
    return luminance > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor VerdictStyle::mix(const QColor& a, const QColor& b, qreal t)
{
    const QColor ra = a.toRgb();
    const QColor rb = b.toRgb();
    return QColor::fromRgbF(static_cast<float>(ra.redF() + (rb.redF() - ra.redF()) * t),
                            static_cast<float>(ra.greenF() + (rb.greenF() - ra.greenF()) * t),
                            static_cast<float>(ra.blueF() + (rb.blueF() - ra.blueF()) * t));
}

} // namespace headerlens
