#pragma once

#include "Verdict.h"

#include <QWidget>

namespace headerlens {

// A coloured pill naming the verdict: HARD BOUNCE, YOUR SIDE · ADDRESS KEPT, SOFT BOUNCE,
// DEFERRED, SPAM COMPLAINT ... Text and tone come from Verdict, the colour from the palette.
class VerdictBadge final : public QWidget
{
    Q_OBJECT
public:
    explicit VerdictBadge(QWidget* parent = nullptr);

    void setVerdict(const Verdict& verdict);
    VerdictStyle::Tone tone() const { return m_tone; }
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QFont badgeFont() const;

    VerdictStyle::Tone m_tone = VerdictStyle::Tone::Neutral;
    QString m_text;
};

} // namespace headerlens
