#include "RelayTimelinePainter.h"

#include "DisplayText.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <functional>

namespace headerlens {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("RelayTimelinePainter", text, disambiguation, n);
}

QFont derivedFont(const QFont& base, qreal scale, QFont::Weight weight)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * scale);
    else if (base.pixelSize() > 0)
        font.setPixelSize(qMax(1, qRound(base.pixelSize() * scale)));
    font.setWeight(weight);
    return font;
}

// Relative tick labels in one style per axis: "+30 s" under a minute, "+1:30" (min:s) under an
// hour, "+2:15" (h:min) under a day, then whole hours or days.
QString tickLabel(qint64 seconds, qint64 step, qint64 span)
{
    if (seconds == 0)
        return QStringLiteral("0");
    if (step >= 86400)
        return QStringLiteral("+%1 d").arg(seconds / 86400);
    if (step >= 3600)
        return QStringLiteral("+%1 h").arg(seconds / 3600);
    if (span >= 3600)
        return QStringLiteral("+%1:%2")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (span >= 60) {
        if (step % 60 == 0)
            return QStringLiteral("+%1 min").arg(seconds / 60);
        return QStringLiteral("+%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("+%1 s").arg(seconds);
}

std::optional<qint64> delayOf(const RelayHop& hop)
{
    return hop.delaySeconds ? hop.delaySeconds : hop.bridgedDelaySeconds;
}

struct Geometry
{
    QRectF rect;
    qreal labelRight = 0; // end of the label column
    qreal axisLeft = 0;
    qreal axisRight = 0;
    qint64 tMin = 0;
    qint64 span = 0;
    bool hasTimes = false;

    qreal x(qint64 t) const
    {
        if (span <= 0)
            return axisLeft;
        return axisLeft + (axisRight - axisLeft) * static_cast<qreal>(t - tMin) / static_cast<qreal>(span);
    }
};

void drawBadge(QPainter& painter, const QRectF& box, const QString& text, const QColor& color,
               const QColor& fill)
{
    painter.save();
    painter.setPen(QPen(color, 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), box.height() / 2.5, box.height() / 2.5);
    painter.setPen(color);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

} // namespace

RelayTimelinePainter::RelayTimelinePainter(const RelayChain& chain, const TimelinePalette& palette)
    : m_chain(chain)
    , m_palette(palette)
{}

void RelayTimelinePainter::paint(QPainter& painter, const QRectF& rect, const RelayChain& chain,
                                 const TimelinePalette& palette)
{
    RelayTimelinePainter(chain, palette).paint(painter, rect);
}

RelayTimelinePainter::Legend RelayTimelinePainter::legend() const
{
    Legend l;
    const int longest = m_chain.hops.size() > 1 ? m_chain.longestDelayIndex() : -1;
    for (int i = 0; i < m_chain.hops.size(); ++i) {
        const RelayHop& hop = m_chain.hops[i];
        if (!hop.received.hasTime())
            l.missing = true;
        else if (hop.clockSkew)
            l.skew = true;
        else if (i == longest)
            l.longest = true;
        else if (delayOf(hop))
            l.delay = true;
    }
    return l;
}

RelayTimelinePainter::Metrics RelayTimelinePainter::metrics(const QFontMetricsF& fm) const
{
    Metrics m;
    m.line = fm.height();
    m.pad = std::round(m.line * 0.55);
    m.header = m.line * 2.4;
    m.row = std::round(m.line * 2.75);
    m.footer = m.line * (legend().any() ? 2.9 : 1.7);
    return m;
}

qreal RelayTimelinePainter::preferredHeight(const QFont& font, const QPaintDevice* device) const
{
    const QFontMetricsF fm(font, device);
    const Metrics m = metrics(fm);
    if (m_chain.isEmpty())
        return m.line * 4;
    return m.header + m_chain.hops.size() * m.row + m.footer;
}

int RelayTimelinePainter::hopAt(const QRectF& rect, const QPointF& point, const QFont& font,
                                const QPaintDevice* device) const
{
    const Metrics m = metrics(QFontMetricsF(font, device));
    const qreal y = point.y() - rect.top() - m.header;
    if (y < 0 || !rect.contains(point))
        return -1;
    const int row = static_cast<int>(y / m.row);
    return row < m_chain.hops.size() ? row : -1;
}

std::pair<QString, bool> RelayTimelinePainter::delayLabel(int index, int longest) const
{
    const RelayHop& hop = m_chain.hops[index];
    const std::optional<qint64> delay = delayOf(hop);
    if (!delay || !hop.received.hasTime())
        return {QString(), false};
    QString label = DisplayText::duration(*delay);
    if (!hop.delaySeconds)
        label = QStringLiteral("\u2248 ") + label;
    if (hop.clockSkew)
        return {tr("clock skew %1").arg(label), true};
    if (index == longest && m_chain.hops.size() > 1)
        return {tr("%1 \u00b7 longest").arg(label), true};
    return {label, false};
}

QString RelayTimelinePainter::hopTitle(const RelayHop& hop) const
{
    const ReceivedHop& r = hop.received;
    if (!r.byHost.isEmpty())
        return DisplayText::oneLine(r.byHost, 120);
    return tr("unnamed server");
}

QString RelayTimelinePainter::hopSubtitle(const RelayHop& hop) const
{
    const ReceivedHop& r = hop.received;
    // The reverse-DNS name, else the address marked "no reverse DNS" or with the HELO name: a
    // HELO name never stands where the looked-up name would.
    QString from = r.fromHost;
    if (!r.fromIp.isEmpty() && !from.contains(r.fromIp))
        from += (from.isEmpty() ? QString() : QStringLiteral(" ")) + DisplayText::bracketedIp(r.fromIp);
    if (r.fromHost.isEmpty() && r.reverseDns == ReceivedHop::ReverseDns::NoneFound)
        from += (from.isEmpty() ? QString() : QStringLiteral(" ")) + tr("(no reverse DNS)");
    else if (r.fromHost.isEmpty() && !r.fromHelo.isEmpty())
        from = from.isEmpty() ? r.fromHelo : from + tr(" (HELO %1)").arg(r.fromHelo);
    QStringList parts;
    if (!from.isEmpty())
        parts << tr("from %1").arg(from);
    if (!r.protocol.isEmpty())
        parts << r.protocol;
    if (parts.isEmpty() && r.byHost.isEmpty())
        parts << DisplayText::oneLine(r.raw, 120);
    return DisplayText::oneLine(parts.join(QStringLiteral(" \u00b7 ")), 200);
}

QStringList RelayTimelinePainter::badges(const RelayHop& hop) const
{
    QStringList list;
    const ReceivedHop& r = hop.received;
    if (r.tls.has_value()) {
        if (*r.tls) {
            QString version = r.tlsVersion;
            version.remove(QRegularExpression(QStringLiteral("^(TLS|tls)(v|V|_)?")));
            version.replace(QLatin1Char('_'), QLatin1Char('.'));
            list << (version.isEmpty() || version.size() > 4 ? QStringLiteral("TLS")
                                                             : QStringLiteral("TLS ") + version);
        } else {
            list << tr("no TLS");
        }
    }
    if (r.authenticated)
        list << tr("AUTH");
    return list;
}

void RelayTimelinePainter::paintEmpty(QPainter& painter, const QRectF& rect) const
{
    painter.setPen(m_palette.mutedText);
    painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap,
                     tr("No Received fields: the route this message took is not recorded."));
}

void RelayTimelinePainter::paint(QPainter& painter, const QRectF& rect) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(rect, m_palette.background);
    if (m_chain.isEmpty()) {
        paintEmpty(painter, rect);
        painter.restore();
        return;
    }

    const QFont baseFont = painter.font();
    const QFont boldFont = derivedFont(baseFont, 1.0, QFont::DemiBold);
    const QFont smallFont = derivedFont(baseFont, 0.88, QFont::Normal);
    const QFont smallBold = derivedFont(baseFont, 0.88, QFont::DemiBold);
    const QPaintDevice* device = painter.device();
    const QFontMetricsF fm(baseFont, device);
    const QFontMetricsF boldFm(boldFont, device);
    const QFontMetricsF smallFm(smallFont, device);
    const QFontMetricsF smallBoldFm(smallBold, device);
    const Metrics m = metrics(fm);
    const int hopCount = static_cast<int>(m_chain.hops.size());
    const int longest = m_chain.longestDelayIndex();

    // --- geometry: a label column, then the time axis -------------------------------------
    Geometry g;
    g.rect = rect;
    bool first = true;
    qint64 tMax = 0;
    for (const RelayHop& hop : m_chain.hops) {
        if (!hop.received.hasTime())
            continue;
        const qint64 t = hop.received.time.toSecsSinceEpoch();
        g.tMin = first ? t : qMin(g.tMin, t);
        tMax = first ? t : qMax(tMax, t);
        first = false;
    }
    g.hasTimes = !first;
    g.span = tMax - g.tMin;

    const QString headerLabel =
        g.hasTimes ? tr("Time axis from %1 UTC")
                         .arg(DisplayText::utcTime(QDateTime::fromSecsSinceEpoch(g.tMin, Qt::UTC)))
                   : tr("No hop carries a readable time");
    // The label column holds the header line too (a narrow page would otherwise cut it short).
    qreal widestLabel = smallFm.horizontalAdvance(headerLabel);
    const qreal numberWidth = m.line * 1.35;
    for (const RelayHop& hop : m_chain.hops) {
        widestLabel = qMax(widestLabel, numberWidth + m.pad * 0.6 + boldFm.horizontalAdvance(hopTitle(hop)));
        qreal second = numberWidth + m.pad * 0.6 + smallFm.horizontalAdvance(hopSubtitle(hop));
        for (const QString& badge : badges(hop))
            second += smallBoldFm.horizontalAdvance(badge) + m.pad * 1.4;
        widestLabel = qMax(widestLabel, second);
    }
    const qreal labelWidth = std::clamp(widestLabel, rect.width() * 0.26, rect.width() * 0.44);
    g.labelRight = rect.left() + m.pad + labelWidth;
    g.axisLeft = g.labelRight + m.pad * 2.5;
    // Room on the right for the delay labels, so the latest hop's label fits beside its bar.
    qreal widestDelayLabel = 0;
    for (int i = 0; i < hopCount; ++i) {
        const auto [label, strong] = delayLabel(i, longest);
        if (!label.isEmpty())
            widestDelayLabel = qMax(widestDelayLabel, (strong ? boldFm : fm).horizontalAdvance(label));
    }
    const qreal reserve = widestDelayLabel + m.line * 0.3 + m.pad;
    g.axisRight = rect.right() - m.pad - qMin(reserve, (rect.right() - g.axisLeft) * 0.4);

    const qreal rowsTop = rect.top() + m.header;
    const qreal rowsBottom = rowsTop + hopCount * m.row;

    // --- row backgrounds ----------------------------------------------------------------------
    for (int i = 0; i < hopCount; ++i) {
        if (i % 2 == 1)
            painter.fillRect(QRectF(rect.left(), rowsTop + i * m.row, rect.width(), m.row),
                             m_palette.alternateRow);
    }

    // --- header: start time and axis ticks ----------------------------------------------------
    painter.setFont(smallFont);
    painter.setPen(m_palette.mutedText);
    const QRectF headerText(rect.left() + m.pad, rect.top() + m.pad * 0.5, labelWidth, m.line);
    painter.drawText(headerText, Qt::AlignLeft | Qt::AlignVCenter,
                     smallFm.elidedText(headerLabel, Qt::ElideRight, labelWidth));
    const qreal axisY = rect.top() + m.header - m.pad * 0.4;
    painter.setPen(QPen(m_palette.grid, 1));
    painter.drawLine(QPointF(g.axisLeft, axisY), QPointF(g.axisRight, axisY));
    if (g.hasTimes) {
        const qreal tickWidth = smallFm.horizontalAdvance(QStringLiteral("+00 min 00")) + m.pad;
        const int maxTicks = qMax(1, static_cast<int>((g.axisRight - g.axisLeft) / tickWidth));
        const qint64 step = g.span > 0 ? niceStep(static_cast<double>(g.span) / maxTicks) : 1;
        for (qint64 t = 0; t <= g.span; t += step) {
            const qreal x = g.x(g.tMin + t);
            painter.setPen(QPen(m_palette.grid, 1, t == 0 ? Qt::SolidLine : Qt::DotLine));
            painter.drawLine(QPointF(x, axisY), QPointF(x, rowsBottom));
            painter.setPen(m_palette.mutedText);
            const QString label = tickLabel(t, step, g.span);
            const qreal w = smallFm.horizontalAdvance(label);
            const qreal left = std::clamp(x - w / 2, g.axisLeft - m.pad, rect.right() - w);
            painter.drawText(QRectF(left, axisY - m.pad * 0.3 - m.line, w + 1, m.line), Qt::AlignCenter,
                             label);
            if (g.span == 0)
                break;
        }
    }

    // --- rows -----------------------------------------------------------------------------------
    int previousTimed = -1;
    qreal previousCenterY = 0;
    for (int i = 0; i < hopCount; ++i) {
        const RelayHop& hop = m_chain.hops[i];
        const ReceivedHop& r = hop.received;
        const qreal top = rowsTop + i * m.row;
        const qreal line1 = top + m.pad * 0.45;
        const qreal line2 = line1 + m.line * 1.12;
        const qreal centerY = line1 + m.line / 2;

        // hop number in a ring
        const QRectF ring(rect.left() + m.pad, line1 + (m.line - m.line * 1.05) / 2, m.line * 1.05,
                          m.line * 1.05);
        painter.setPen(QPen(m_palette.mutedText, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(ring);
        painter.setFont(smallBold);
        painter.drawText(ring, Qt::AlignCenter, QString::number(hop.number));

        const qreal textLeft = rect.left() + m.pad + numberWidth + m.pad * 0.6 - m.line * 0.3;
        const qreal textWidth = g.labelRight - textLeft;
        painter.setFont(boldFont);
        painter.setPen(r.byHost.isEmpty() ? m_palette.mutedText : m_palette.text);
        painter.drawText(QRectF(textLeft, line1, textWidth, m.line), Qt::AlignLeft | Qt::AlignVCenter,
                         boldFm.elidedText(hopTitle(hop), Qt::ElideMiddle, textWidth));

        // badges, then where it came from
        qreal x2 = textLeft;
        painter.setFont(smallBold);
        for (const QString& badge : badges(hop)) {
            const qreal w = smallBoldFm.horizontalAdvance(badge) + m.pad * 1.0;
            if (x2 + w > g.labelRight)
                break;
            const QColor color = badge == tr("AUTH")     ? m_palette.auth
                                 : badge == tr("no TLS") ? m_palette.mutedText
                                                         : m_palette.tls;
            drawBadge(painter, QRectF(x2, line2 + m.line * 0.06, w, m.line * 0.92), badge, color,
                      m_palette.badgeFill);
            x2 += w + m.pad * 0.4;
        }
        painter.setFont(smallFont);
        painter.setPen(m_palette.mutedText);
        if (x2 < g.labelRight)
            painter.drawText(QRectF(x2, line2, g.labelRight - x2, m.line), Qt::AlignLeft | Qt::AlignVCenter,
                             smallFm.elidedText(hopSubtitle(hop), Qt::ElideRight, g.labelRight - x2));

        // the time axis part of the row
        const qreal radius = m.line * 0.3;
        const qreal barHeight = m.line * 0.52;
        if (r.hasTime()) {
            const qint64 t = r.time.toSecsSinceEpoch();
            const qreal x = g.x(t);
            const std::optional<qint64> delay = delayOf(hop);
            if (previousTimed >= 0 && delay) {
                const qint64 tPrev = m_chain.hops[previousTimed].received.time.toSecsSinceEpoch();
                const qreal xPrev = g.x(tPrev);
                // a thin guide from the previous marker down to where this bar starts
                painter.setPen(QPen(m_palette.grid, 1, Qt::DashLine));
                painter.drawLine(QPointF(xPrev, previousCenterY + radius),
                                 QPointF(xPrev, centerY - barHeight / 2));

                qreal left = qMin(x, xPrev);
                qreal width = qAbs(x - xPrev);
                if (width < 2) {
                    left -= (2 - width) / 2;
                    width = 2;
                }
                const QRectF bar(left, centerY - barHeight / 2, width, barHeight);
                const bool bridged = !hop.delaySeconds.has_value();
                QColor fill = m_palette.bar;
                if (hop.clockSkew)
                    fill = m_palette.skew;
                else if (i == longest)
                    fill = m_palette.longest;
                if (hop.clockSkew) {
                    painter.setPen(QPen(fill, 1));
                    QColor faint = fill;
                    faint.setAlphaF(0.18f);
                    painter.setBrush(faint);
                    painter.drawRoundedRect(bar, 2, 2);
                    painter.setBrush(QBrush(fill, Qt::BDiagPattern));
                    painter.drawRoundedRect(bar, 2, 2);
                } else if (bridged) {
                    QColor faint = fill;
                    faint.setAlphaF(0.35f);
                    painter.setPen(QPen(fill, 1, Qt::DashLine));
                    painter.setBrush(faint);
                    painter.drawRoundedRect(bar, 2, 2);
                } else {
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(fill);
                    painter.drawRoundedRect(bar, 2, 2);
                }

                // the delay in words beside the bar: right of it, else left of it; where neither
                // fits, the bare duration (the line below and the legend say "clock skew" and
                // "longest"), and at worst right-aligned to the edge. Never cut.
                auto [label, strong] = delayLabel(i, longest);
                painter.setFont(strong ? boldFont : baseFont);
                const QFontMetricsF& lfm = strong ? boldFm : fm;
                const qreal rightEdge = rect.right() - m.pad * 0.5;
                const qreal rightX = qMax(x, xPrev) + radius + m.pad * 0.5;
                const QString shortLabel = DisplayText::duration(delayOf(hop).value_or(0));
                qreal lw = 0;
                qreal lx = rightX;
                bool placed = false;
                for (const QString& candidate : {label, shortLabel}) {
                    const qreal w = lfm.horizontalAdvance(candidate);
                    const qreal leftX = left - radius - m.pad * 0.5 - w;
                    if (rightX + w <= rightEdge) {
                        lx = rightX;
                    } else if (leftX >= g.axisLeft - m.pad) {
                        lx = leftX;
                    } else {
                        continue;
                    }
                    label = candidate;
                    lw = w;
                    placed = true;
                    break;
                }
                if (!placed) {
                    label = shortLabel;
                    lw = lfm.horizontalAdvance(label);
                    lx = qMax(g.axisLeft - m.pad, rightEdge - lw);
                }
                painter.setPen(hop.clockSkew ? m_palette.skew
                                             : (i == longest ? m_palette.longest : m_palette.text));
                painter.drawText(QRectF(lx, line1, lw + 1, m.line), Qt::AlignLeft | Qt::AlignVCenter, label);
            }

            // marker
            painter.setPen(QPen(m_palette.background, 1.5));
            painter.setBrush(hop.clockSkew ? m_palette.skew : m_palette.marker);
            painter.drawEllipse(QPointF(x, centerY), radius, radius);

            // second line: the time, or who has the wrong clock
            painter.setFont(smallFont);
            QString under = g.span >= 86400 ? r.time.toUTC().toString(QStringLiteral("d MMM HH:mm:ss"))
                                            : r.time.toUTC().toString(QStringLiteral("HH:mm:ss"));
            QColor underColor = m_palette.mutedText;
            if (hop.clockSkew) {
                under = tr("the clock of %1 looks wrong").arg(DisplayText::oneLine(hop.skewedHost, 80));
                underColor = m_palette.skew;
            }
            const qreal uw = smallFm.horizontalAdvance(under);
            const qreal ux = std::clamp(x - uw / 2, g.axisLeft - m.pad, rect.right() - m.pad * 0.5 - uw);
            painter.setPen(underColor);
            painter.drawText(QRectF(ux, line2, uw + 1, m.line), Qt::AlignLeft | Qt::AlignVCenter, under);

            previousTimed = i;
            previousCenterY = centerY;
        } else {
            // no readable time: a hollow dashed marker where the clock last stood
            const qreal x = previousTimed >= 0
                                ? g.x(m_chain.hops[previousTimed].received.time.toSecsSinceEpoch())
                                : g.axisLeft;
            painter.setPen(QPen(m_palette.missing, 1.2, Qt::DashLine));
            painter.setBrush(m_palette.background);
            painter.drawEllipse(QPointF(x, centerY), radius * 1.1, radius * 1.1);
            painter.setFont(smallFont);
            painter.setPen(m_palette.missing);
            const QString text = r.timeText.isEmpty()
                                     ? tr("no time stamp")
                                     : tr("unreadable time: %1").arg(DisplayText::oneLine(r.timeText, 60));
            const qreal tw = smallFm.horizontalAdvance(text);
            qreal tx = x + radius * 1.1 + m.pad * 0.5;
            if (tx + tw > rect.right() - m.pad * 0.5)
                tx = qMax(g.axisLeft, x - radius * 1.1 - m.pad * 0.5 - tw);
            painter.drawText(QRectF(tx, line1, tw + 1, m.line), Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }

    // --- footer: the whole trip in one line, and a legend ---------------------------------------
    const qreal footerTop = rowsBottom + m.pad * 0.6;
    painter.setPen(QPen(m_palette.grid, 1));
    painter.drawLine(QPointF(rect.left() + m.pad, rowsBottom), QPointF(rect.right() - m.pad, rowsBottom));
    painter.setFont(baseFont);
    painter.setPen(m_palette.text);
    QStringList facts;
    facts << DisplayText::count(hopCount, "%1 hop", "%1 hops");
    const QString transit = DisplayText::transit(m_chain);
    if (!transit.isEmpty())
        facts << transit;
    if (longest >= 0 && hopCount > 1) {
        const RelayHop& hop = m_chain.hops[longest];
        facts << tr("longest step %1, into hop %2")
                     .arg(DisplayText::duration(delayOf(hop).value_or(0)))
                     .arg(hop.number);
    }
    const qreal footerWidth = rect.width() - 2 * m.pad;
    painter.drawText(QRectF(rect.left() + m.pad, footerTop, footerWidth, m.line),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(facts.join(QStringLiteral(" \u00b7 ")), Qt::ElideRight, footerWidth));

    // legend
    const Legend used = legend();
    painter.setFont(smallFont);
    qreal lx = rect.left() + m.pad;
    const qreal ly = footerTop + m.line * 1.25;
    auto drawLegend = [&](const QString& text, const std::function<void(const QRectF&)>& swatch) {
        const QRectF box(lx, ly + m.line * 0.25, m.line * 1.3, m.line * 0.5);
        swatch(box);
        lx += box.width() + m.pad * 0.4;
        const qreal w = smallFm.horizontalAdvance(text);
        painter.setPen(m_palette.mutedText);
        painter.drawText(QRectF(lx, ly, w + 1, m.line), Qt::AlignLeft | Qt::AlignVCenter, text);
        lx += w + m.pad * 1.4;
    };
    if (used.delay)
        drawLegend(tr("delay from the previous hop"), [&](const QRectF& box) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(m_palette.bar);
            painter.drawRoundedRect(box, 2, 2);
        });
    if (used.longest)
        drawLegend(tr("longest delay"), [&](const QRectF& box) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(m_palette.longest);
            painter.drawRoundedRect(box, 2, 2);
        });
    if (used.skew)
        drawLegend(tr("clock skew"), [&](const QRectF& box) {
            painter.setPen(QPen(m_palette.skew, 1));
            painter.setBrush(QBrush(m_palette.skew, Qt::BDiagPattern));
            painter.drawRoundedRect(box, 2, 2);
        });
    if (used.missing)
        drawLegend(tr("no time stamp"), [&](const QRectF& box) {
            painter.setPen(QPen(m_palette.missing, 1.2, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            const qreal r = box.height() * 0.55;
            painter.drawEllipse(box.center(), r, r);
        });

    painter.restore();
}

qint64 RelayTimelinePainter::niceStep(double seconds)
{
    static constexpr qint64 steps[] = {1,   2,    5,    10,   15,    30,    60,    120,   300,    600,
                                       900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
    for (const qint64 step : steps) {
        if (static_cast<double>(step) >= seconds)
            return step;
    }
    return static_cast<qint64>(std::ceil(seconds / 604800.0)) * 604800;
}

QString RelayTimelinePainter::describe(const RelayChain& chain)
{
    if (chain.isEmpty())
        return tr("No Received fields: the route is not recorded.");
    QStringList sentences;
    const int longest = chain.longestDelayIndex();
    for (int i = 0; i < chain.hops.size(); ++i) {
        const RelayHop& hop = chain.hops[i];
        const ReceivedHop& r = hop.received;
        QString sentence =
            tr("Hop %1: %2").arg(hop.number).arg(r.byHost.isEmpty() ? tr("unnamed server") : r.byHost);
        if (!r.hasTime())
            sentence += tr(", no time stamp");
        else if (const auto delay = delayOf(hop))
            sentence += tr(", %1 after the previous hop").arg(DisplayText::duration(*delay));
        if (hop.clockSkew)
            sentence += tr(", clock skew");
        if (i == longest && chain.hops.size() > 1)
            sentence += tr(", the longest delay");
        if (r.tls.value_or(false))
            sentence += tr(", TLS");
        if (r.authenticated)
            sentence += tr(", authenticated");
        sentences << sentence + QLatin1Char('.');
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace headerlens
