#include "ItemListDelegate.h"

#include "VerdictStyle.h"

#include <QApplication>
#include <QPainter>

namespace headerlens {

ItemListDelegate::ItemListDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

QSize ItemListDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& /*index*/) const
{
    const QFontMetrics fm(option.font);
    return {fm.averageCharWidth() * 24, fm.height() * 2 + fm.height() * 3 / 4};
}

void ItemListDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // Background and selection as the style draws them, without the text.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(option.font);
    const int pad = fm.height() / 3;
    const QRect r = option.rect.adjusted(pad, pad, -pad, -pad);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& palette = option.palette;

    const int dot = fm.height() / 2;
    const QColor dotColor = index.data(DotColorRole).value<QColor>();
    painter->setPen(Qt::NoPen);
    painter->setBrush(dotColor.isValid() ? dotColor : palette.color(QPalette::Mid));
    painter->drawEllipse(QRectF(r.left(), r.top() + (fm.height() - dot) / 2.0, dot, dot));

    const int textLeft = r.left() + dot + pad * 2;
    const int width = r.right() - textLeft;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    painter->setPen(text);
    painter->setFont(option.font);
    painter->drawText(QRect(textLeft, r.top(), width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, width));
    painter->setPen(selected ? text : VerdictStyle::mix(text, palette.color(QPalette::Base), 0.4));
    painter->drawText(QRect(textLeft, r.top() + fm.height(), width, fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(index.data(SubtitleRole).toString(), Qt::ElideRight, width));
    painter->restore();
}

} // namespace headerlens
