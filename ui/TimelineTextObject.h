#pragma once

#include "RelayChain.h"
#include "TimelinePalette.h"

#include <QFont>
#include <QList>
#include <QObject>
#include <QTextObjectInterface>

class QTextDocument;

namespace headerlens {

// The relay timeline as an inline object of a QTextDocument: RelayTimelinePainter draws it
// straight onto the document's painter, so in a PDF it stays vector graphics (text, lines and
// shapes, no bitmap). The document holds one object character per timeline; its format names the
// chain by index. Sizes come from the font metrics on the document's paint device.
class TimelineTextObject final : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int ObjectType = QTextFormat::UserObject + 17;
    enum Property
    {
        ChainIndex = QTextFormat::UserProperty + 1, // int: index into chains()
        Width,                                      // qreal: width in device units
    };

    TimelineTextObject(const QFont& font, const TimelinePalette& palette, QObject* parent = nullptr);

    // Registers this object as the handler of ObjectType on `document`'s layout. Do it once the
    // document's text is complete: its first layout then already sees the timelines.
    void install(QTextDocument* document);

    int addChain(const RelayChain& chain);
    const QList<RelayChain>& chains() const { return m_chains; }
    QFont font() const { return m_font; }
    // Height of `chain` drawn with font() on `device`.
    qreal heightFor(const RelayChain& chain, const QPaintDevice* device) const;
    // The format of the object character that shows chain `index` across `width`.
    static QTextCharFormat format(int index, qreal width);

    QSizeF intrinsicSize(QTextDocument* document, int positionInDocument, const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* document, int positionInDocument,
                    const QTextFormat& format) override;

private:
    const RelayChain* chainOf(const QTextFormat& format) const;

    QList<RelayChain> m_chains;
    QFont m_font;
    TimelinePalette m_palette;
};

} // namespace headerlens
