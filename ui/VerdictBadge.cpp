#include "VerdictBadge.h"

#include "DisplayText.h"
#include "VerdictStyle.h"

#include <QPainter>

namespace headerlens {

VerdictBadge::VerdictBadge(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    Verdict unknown;
    unknown.badge = DisplayText::badgeText(BounceType::Unknown);
    setVerdict(unknown);
}

void VerdictBadge::setVerdict(const Verdict& verdict)
{
    m_tone = verdict.tone;
    m_text = verdict.badge;
    setAccessibleName(tr("Verdict: %1").arg(m_text));
    updateGeometry();
    update();
}

QFont VerdictBadge::badgeFont() const
{
    QFont f = font();
    f.setWeight(QFont::Bold);
    f.setLetterSpacing(QFont::PercentageSpacing, 104);
    return f;
}

QSize VerdictBadge::sizeHint() const
{
    const QFontMetrics fm(badgeFont());
    return {fm.horizontalAdvance(m_text) + fm.height() * 3 / 2, fm.height() * 3 / 2};
}

void VerdictBadge::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor fill = VerdictStyle::color(m_tone, palette());
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2);
    painter.setFont(badgeFont());
    painter.setPen(VerdictStyle::textOn(fill));
    painter.drawText(box, Qt::AlignCenter, m_text);
}

} // namespace headerlens
