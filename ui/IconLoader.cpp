#include "IconLoader.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace headerlens {

namespace {

// Renders a monochrome SVG, replacing "currentColor" by the palette's text colour of the mode.
class TintedSvgIconEngine final : public QIconEngine
{
public:
    explicit TintedSvgIconEngine(QByteArray svg)
        : m_svg(std::move(svg))
    {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State /*state*/) override
    {
        const QPalette palette = QGuiApplication::palette();
        QColor color = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Normal,
                                     QPalette::WindowText);
        if (mode == QIcon::Selected)
            color = palette.color(QPalette::HighlightedText);
        QByteArray tinted = m_svg;
        tinted.replace("currentColor", color.name().toLatin1());
        QSvgRenderer renderer(tinted);
        renderer.render(painter, QRectF(rect));
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine* clone() const override { return new TintedSvgIconEngine(m_svg); }
    QString key() const override { return QStringLiteral("headerlens-tinted-svg"); }

private:
    QByteArray m_svg;
};

} // namespace

QIcon IconLoader::icon(const QString& themeName, const QString& fallback)
{
    if (!themeName.isEmpty() && QIcon::hasThemeIcon(themeName))
        return QIcon::fromTheme(themeName);
    QFile file(QStringLiteral(":/headerlens/icons/") + fallback + QStringLiteral(".svg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QIcon(new TintedSvgIconEngine(file.readAll()));
}

QIcon IconLoader::applicationIcon()
{
    return QIcon(QStringLiteral(":/headerlens/icons/headerlens.svg"));
}

} // namespace headerlens
