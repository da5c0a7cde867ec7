#pragma once

#include "Analysis.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace headerlens {

class RecipientTableModel;
class VerdictCard;

// The "Summary" tab: what the input is, the verdict card for the selected recipient, the list
// of recipients when there are several, the message it concerns, the route in one line, and
// what HeaderLens noticed while reading.
class SummaryView final : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryView(QWidget* parent = nullptr);

    void setAnalysis(const Analysis& analysis);

    VerdictCard* card() const { return m_card; }
    QTableView* recipientTable() const { return m_recipients; }

Q_SIGNALS:
    void showRelayRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showRecipient(int row);
    void setFacts(const QList<QPair<QString, QString>>& facts);

    Analysis m_analysis;
    QLabel* m_kind = nullptr;
    QLabel* m_summary = nullptr;
    VerdictCard* m_card = nullptr;
    QLabel* m_recipientsTitle = nullptr;
    QTableView* m_recipients = nullptr;
    RecipientTableModel* m_recipientModel = nullptr;
    QLabel* m_factsTitle = nullptr;
    QWidget* m_factsBox = nullptr;
    QFormLayout* m_facts = nullptr;
    QLabel* m_route = nullptr;
    QPushButton* m_showRelay = nullptr;
    QLabel* m_notesTitle = nullptr;
    QLabel* m_notes = nullptr;
};

} // namespace headerlens
