#include "VerdictCard.h"

#include "DisplayText.h"
#include "VerdictBadge.h"
#include "VerdictStyle.h"
#include "WrappingText.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace headerlens {

namespace {

QLabel* plainLabel(QWidget* parent, bool selectable = true)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // message text must never render as rich text
    label->setWordWrap(true);
    if (selectable)
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

enum Row
{
    SideRow,
    AdviceRow,
    ResponseRow,
    RowCount
};

} // namespace

VerdictCard::VerdictCard(QWidget* parent)
    : QFrame(parent)
{
    setAccessibleName(tr("Verdict"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(22, 16, 18, 16);
    layout->setSpacing(8);

    auto* top = new QHBoxLayout;
    m_badge = new VerdictBadge(this);
    m_confidence = plainLabel(this, false);
    m_confidence->setForegroundRole(QPalette::PlaceholderText);
    m_confidence->setWordWrap(false);
    top->addWidget(m_badge);
    top->addSpacing(8);
    top->addWidget(m_confidence);
    top->addStretch(1);
    layout->addLayout(top);

    m_headline = plainLabel(this);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.45);
    headlineFont.setWeight(QFont::DemiBold);
    m_headline->setFont(headlineFont);
    m_headline->setAccessibleName(tr("Cause"));
    layout->addWidget(m_headline);

    m_address = plainLabel(this);
    QFont addressFont = m_address->font();
    addressFont.setPointSizeF(addressFont.pointSizeF() * 1.1);
    m_address->setFont(addressFont);
    m_address->setAccessibleName(tr("Recipient"));
    layout->addWidget(m_address);

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(16);
    m_grid->setVerticalSpacing(6);
    m_grid->setColumnStretch(1, 1);
    const QStringList names = {tr("Whose side"), tr("What to do"), tr("Server reply")};
    for (int row = 0; row < RowCount; ++row) {
        auto* name = plainLabel(this, false);
        name->setText(names[row]);
        name->setForegroundRole(QPalette::PlaceholderText);
        name->setWordWrap(false);
        auto* value = plainLabel(this);
        value->setAccessibleName(names[row]);
        m_grid->addWidget(name, row, 0, Qt::AlignTop);
        m_rowLabels << name;
        m_rowValues << value;
        if (row == ResponseRow) {
            // The server's words in full: wrapped anywhere, selectable, links as text.
            value->hide();
            m_reply = new WrappingText(this);
            m_reply->setAccessibleName(names[row]);
            m_grid->addWidget(m_reply, row, 1);
        } else {
            m_grid->addWidget(value, row, 1);
        }
    }
    layout->addSpacing(4);
    layout->addLayout(m_grid);

    m_explanation = plainLabel(this);
    m_explanation->setAccessibleName(tr("Explanation"));
    layout->addSpacing(4);
    layout->addWidget(m_explanation);
}

QString VerdictCard::headline() const
{
    return m_headline->text();
}

QString VerdictCard::advice() const
{
    return m_rowValues[AdviceRow]->text();
}

void VerdictCard::setRow(int row, const QString& value)
{
    m_rowLabels[row]->setVisible(!value.isEmpty());
    if (row == ResponseRow) {
        m_reply->setText(value);
        m_reply->setVisible(!value.isEmpty());
        return;
    }
    m_rowValues[row]->setText(value);
    m_rowValues[row]->setVisible(!value.isEmpty());
}

void VerdictCard::setRecipient(const RecipientAnalysis& recipient)
{
    const Classification& c = recipient.classification;
    const RecipientReport& r = recipient.report;
    m_badge->setVerdict(Verdict::of(c));
    m_confidence->setText(c.confidence > 0 ? tr("confidence %1 %").arg(qRound(c.confidence * 100))
                                           : QString());
    m_headline->setText(DisplayText::causeLabel(c.cause));
    m_address->setText(r.address.isEmpty() ? tr("Recipient not named in the report") : r.address);
    m_address->show();

    setRow(SideRow, c.side == Side::Unknown && c.cause == QLatin1String("undetermined")
                        ? QString()
                        : DisplayText::sideLabel(c.side));
    setRow(AdviceRow, Verdict::of(c).advice);
    bool hasCodes = false;
    setRow(ResponseRow, DisplayText::serverReply(r, -1, &hasCodes));
    // Without a code it is the report's own words rather than an SMTP reply.
    m_rowLabels[ResponseRow]->setText(hasCodes ? tr("Server reply") : tr("Reported as"));

    m_explanation->setText(DisplayText::firstSentences(recipient.explanation, 320));
    m_explanation->setVisible(!recipient.explanation.isEmpty());
    update();
}

void VerdictCard::setPlain(const Verdict& verdict, const QString& headline, const QString& text)
{
    m_badge->setVerdict(verdict);
    m_confidence->clear();
    m_headline->setText(headline);
    m_address->hide();
    for (int row = 0; row < RowCount; ++row)
        setRow(row, {});
    m_explanation->setText(text);
    m_explanation->setVisible(!text.isEmpty());
    update();
}

void VerdictCard::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor accent = VerdictStyle::color(m_badge->tone(), palette());
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(
        QPen(VerdictStyle::mix(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.8), 1));
    painter.setBrush(VerdictStyle::tint(m_badge->tone(), palette(), 0.05));
    painter.drawRoundedRect(box, 8, 8);
    // the verdict colour as a stripe down the left edge
    QPainterPath clip;
    clip.addRoundedRect(box, 8, 8);
    painter.setClipPath(clip);
    painter.fillRect(QRectF(box.left(), box.top(), 6, box.height()), accent);
}

} // namespace headerlens
