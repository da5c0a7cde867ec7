#pragma once

#include <QStyledItemDelegate>

namespace headerlens {

// Draws an entry of the analysed-items list: a verdict dot, the title, and a muted second line
// (kind and cause), each cut to the width with an ellipsis.
class ItemListDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum Role
    {
        SubtitleRole = Qt::UserRole + 1, // QString
        DotColorRole,                    // QColor
    };

    explicit ItemListDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace headerlens
