#pragma once

#include "Analysis.h"

#include <QFrame>

class QLabel;
class QGridLayout;

namespace headerlens {

class VerdictBadge;
class WrappingText;
struct Verdict;

// The verdict for one recipient at a glance: badge, cause, address, whose side, what to do,
// and the one-line explanation. Everything from the message is shown as plain text.
class VerdictCard final : public QFrame
{
    Q_OBJECT
public:
    explicit VerdictCard(QWidget* parent = nullptr);

    void setRecipient(const RecipientAnalysis& recipient);
    // For inputs without recipients: a badge, a headline and a sentence.
    void setPlain(const Verdict& verdict, const QString& headline, const QString& text);

    VerdictBadge* badge() const { return m_badge; }
    QString headline() const;
    QString advice() const;
    // The whole server reply as shown (wrapped, selectable, never cut).
    WrappingText* serverReply() const { return m_reply; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void setRow(int row, const QString& value);

    VerdictBadge* m_badge = nullptr;
    QLabel* m_confidence = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_address = nullptr;
    QGridLayout* m_grid = nullptr;
    QList<QLabel*> m_rowLabels;
    QList<QLabel*> m_rowValues;
    WrappingText* m_reply = nullptr;
    QLabel* m_explanation = nullptr;
};

} // namespace headerlens
