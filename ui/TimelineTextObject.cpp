#include "TimelineTextObject.h"

#include "RelayTimelinePainter.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextDocument>

namespace headerlens {

TimelineTextObject::TimelineTextObject(const QFont& font, const TimelinePalette& palette, QObject* parent)
    : QObject(parent)
    , m_font(font)
    , m_palette(palette)
{}

void TimelineTextObject::install(QTextDocument* document)
{
    document->documentLayout()->registerHandler(ObjectType, this);
}

int TimelineTextObject::addChain(const RelayChain& chain)
{
    m_chains.append(chain);
    return static_cast<int>(m_chains.size()) - 1;
}

qreal TimelineTextObject::heightFor(const RelayChain& chain, const QPaintDevice* device) const
{
    // A hairline frame around the drawing, as the window draws one around its timeline.
    return RelayTimelinePainter(chain, m_palette).preferredHeight(m_font, device) + 2;
}

QTextCharFormat TimelineTextObject::format(int index, qreal width)
{
    QTextCharFormat format;
    format.setObjectType(ObjectType);
    format.setProperty(ChainIndex, index);
    format.setProperty(Width, width);
    return format;
}

const RelayChain* TimelineTextObject::chainOf(const QTextFormat& format) const
{
    const int index = format.intProperty(ChainIndex);
    if (index < 0 || index >= m_chains.size())
        return nullptr;
    return &m_chains[index];
}

QSizeF TimelineTextObject::intrinsicSize(QTextDocument* document, int /*positionInDocument*/,
                                         const QTextFormat& format)
{
    const RelayChain* chain = chainOf(format);
    if (!chain)
        return {};
    qreal width = format.doubleProperty(Width);
    if (width <= 0)
        width = document->pageSize().width() - 2 * document->documentMargin();
    return QSizeF(width, heightFor(*chain, document->documentLayout()->paintDevice()));
}

void TimelineTextObject::drawObject(QPainter* painter, const QRectF& rect, QTextDocument* /*document*/,
                                    int /*positionInDocument*/, const QTextFormat& format)
{
    const RelayChain* chain = chainOf(format);
    if (!chain)
        return;
    painter->save();
    painter->setFont(m_font);
    const QRectF inner = rect.adjusted(1, 1, -1, -1);
    RelayTimelinePainter(*chain, m_palette).paint(*painter, inner);
    painter->setPen(QPen(m_palette.grid, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
    painter->restore();
}

} // namespace headerlens
