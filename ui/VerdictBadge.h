#pragma once

#include "Classification.h"

#include <QWidget>

namespace headerlens {

// A coloured pill naming the verdict: HARD BOUNCE, SOFT BOUNCE, DEFERRED, NOT A FAILURE. The
// colour comes from the palette (VerdictStyle), the text from DisplayText.
class VerdictBadge final : public QWidget
{
    Q_OBJECT
public:
    explicit VerdictBadge(QWidget* parent = nullptr);

    void setVerdict(BounceType type, const QString& text = {});
    BounceType type() const { return m_type; }
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QFont badgeFont() const;

    BounceType m_type = BounceType::Unknown;
    QString m_text;
};

} // namespace headerlens
