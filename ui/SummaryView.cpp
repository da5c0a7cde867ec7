#include "SummaryView.h"

#include "DisplayText.h"
#include "RecipientTableModel.h"
#include "Verdict.h"
#include "VerdictCard.h"
#include "WrappingText.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace headerlens {

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // message text must never render as rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* sectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

QString address(const QString& value)
{
    return DisplayText::oneLine(value, 300);
}

// "SPF pass · DKIM fail · DMARC fail, as recorded by mx.example.net": the first trusted result
// of each method (one the receiving side wrote: a sender can write any result into its message),
// in header order; untrusted ones are only counted, the Authentication tab lists them.
QString authenticationLine(const AuthenticationAssessment& a)
{
    QStringList parts;
    QStringList methods;
    QStringList servers;
    QStringList checkers;
    int untrusted = 0;
    for (const AssessedResult& assessed : a.results) {
        const AuthResult& r = assessed.result;
        if (r.method.isEmpty() || r.method == QLatin1String("auth"))
            continue;
        if (!assessed.trust.trusted) {
            ++untrusted;
            continue;
        }
        if (methods.contains(r.method))
            continue;
        methods << r.method;
        parts << r.method.toUpper() + QLatin1Char(' ') + r.result;
        if (!r.authServId.isEmpty() && !servers.contains(r.authServId))
            servers << r.authServId;
        else if (r.authServId.isEmpty() && !assessed.trust.checkedBy.isEmpty())
            checkers << assessed.trust.checkedBy; // Received-SPF names its receiver in a comment
    }
    if (servers.isEmpty())
        servers = checkers;
    QString line = parts.join(QStringLiteral(" \u00b7 "));
    if (!servers.isEmpty())
        line += QCoreApplication::translate("SummaryView", ", as recorded by %1")
                    .arg(servers.join(QStringLiteral(", ")));
    if (untrusted > 0) {
        const QString note =
            untrusted == 1
                ? QCoreApplication::translate("SummaryView",
                                              "1 result not trusted (written before the receiving "
                                              "servers; see Authentication)")
                : QCoreApplication::translate("SummaryView",
                                              "%1 results not trusted (written before the receiving "
                                              "servers; see Authentication)")
                      .arg(untrusted);
        line = line.isEmpty() ? note : line + QStringLiteral("; ") + note;
    }
    return DisplayText::oneLine(line, 300);
}

} // namespace

SummaryView::SummaryView(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The page reflows to the window's width; nothing on it may need more.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    auto* page = new QWidget(scroll);
    auto* centering = new QHBoxLayout(page);
    centering->setContentsMargins(20, 16, 20, 20);
    auto* column = new QWidget(page);
    column->setMaximumWidth(980);
    centering->addStretch(0);
    centering->addWidget(column, 1);
    centering->addStretch(0);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    m_kind = plainLabel(column);
    m_kind->setForegroundRole(QPalette::PlaceholderText);
    m_kind->setAccessibleName(tr("Kind of input"));
    m_summary = plainLabel(column);
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.15);
    m_summary->setFont(summaryFont);
    m_summary->setAccessibleName(tr("Summary"));
    layout->addWidget(m_kind);
    layout->addWidget(m_summary);

    m_card = new VerdictCard(column);
    layout->addWidget(m_card);

    m_recipientsTitle = sectionTitle(tr("Recipients"), column);
    m_recipientModel = new RecipientTableModel(this);
    m_recipientModel->setPalette(palette());
    m_recipients = new QTableView(column);
    m_recipients->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_recipients->setModel(m_recipientModel);
    m_recipients->setAccessibleName(tr("Recipients"));
    m_recipients->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recipients->setSelectionMode(QAbstractItemView::SingleSelection);
    m_recipients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recipients->verticalHeader()->hide();
    m_recipients->horizontalHeader()->setStretchLastSection(true);
    m_recipients->setWordWrap(false);
    layout->addSpacing(6);
    layout->addWidget(m_recipientsTitle);
    layout->addWidget(m_recipients);
    connect(m_recipients->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRecipient(current.row()); });

    m_factsTitle = sectionTitle(tr("The message"), column);
    m_factsBox = new QWidget(column);
    m_facts = new QFormLayout(m_factsBox);
    m_facts->setContentsMargins(0, 0, 0, 0);
    m_facts->setLabelAlignment(Qt::AlignLeft);
    m_facts->setHorizontalSpacing(16);
    layout->addSpacing(6);
    layout->addWidget(m_factsTitle);
    layout->addWidget(m_factsBox);

    auto* routeRow = new QHBoxLayout;
    m_route = plainLabel(column);
    m_route->setAccessibleName(tr("Route"));
    m_showRelay = new QPushButton(tr("Show the relay chain"), column);
    m_showRelay->setAccessibleDescription(tr("Opens the Relay chain tab"));
    connect(m_showRelay, &QPushButton::clicked, this, &SummaryView::showRelayRequested);
    routeRow->addWidget(m_route, 1);
    routeRow->addWidget(m_showRelay, 0, Qt::AlignTop);
    layout->addSpacing(6);
    layout->addWidget(sectionTitle(tr("Route"), column));
    layout->addLayout(routeRow);

    m_notesTitle = sectionTitle(tr("Noticed while reading"), column);
    m_notes = plainLabel(column);
    m_notes->setAccessibleName(tr("Notes"));
    layout->addSpacing(6);
    layout->addWidget(m_notesTitle);
    layout->addWidget(m_notes);
    layout->addStretch(1);

    scroll->setWidget(page);
}

void SummaryView::setAnalysis(const Analysis& analysis)
{
    m_analysis = analysis;
    const DeliveryReport& report = analysis.report;

    QStringList kind{DisplayText::kindLabel(analysis)};
    if (analysis.fromReplyText)
        kind << tr("from a reply text (no message)");
    if (!report.format.isEmpty())
        kind << tr("read as %1").arg(report.format);
    if (!report.reportingMta.isEmpty())
        kind << tr("reported by %1").arg(DisplayText::oneLine(report.reportingMta));
    m_kind->setText(kind.join(QStringLiteral(" \u00b7 ")));

    m_summary->setText(Verdict::headline(analysis));

    // the card and the recipient list
    m_recipientModel->setRecipients(analysis.recipients);
    const bool several = analysis.recipients.size() > 1;
    m_recipientsTitle->setVisible(several);
    m_recipients->setVisible(several);
    if (several) {
        m_recipientsTitle->setText(tr("Recipients (%1)").arg(analysis.recipients.size()));
        m_recipients->resizeColumnsToContents();
        int height = m_recipients->horizontalHeader()->sizeHint().height() + 2 * m_recipients->frameWidth();
        for (int row = 0; row < m_recipientModel->rowCount(); ++row)
            height += m_recipients->verticalHeader()->sectionSize(row);
        m_recipients->setFixedHeight(qMin(height + 2, 320));
        m_recipients->selectRow(0);
    }
    if (!analysis.recipients.isEmpty()) {
        showRecipient(0);
    } else if (!report.isReport()) {
        const QString to = DisplayText::oneLine(analysis.message.header(u"Delivered-To"));
        m_card->setPlain(Verdict::overall(analysis), tr("Not a bounce: an ordinary message"),
                         to.isEmpty()
                             ? tr("The Relay chain tab shows the route it took and where time was spent.")
                             : tr("It was delivered to %1. The Relay chain tab shows the route it took "
                                  "and where time was spent.")
                                   .arg(to));
    } else {
        m_card->setPlain(
            Verdict::overall(analysis), tr("The report names no recipient"),
            tr("HeaderLens recognised a %1 but found no recipient details in it. The Headers tab "
               "shows everything that is there.")
                .arg(DisplayText::kindLabel(analysis).toLower()));
    }

    // the message the report is about (the returned original), or the input itself
    QList<QPair<QString, QString>> facts;
    if (report.isReport() && !report.original.isEmpty()) {
        m_factsTitle->setText(tr("The returned message"));
        const OriginalMessage& o = report.original;
        facts << qMakePair(tr("Subject"), DisplayText::oneLine(o.subject, 400))
              << qMakePair(tr("From"), address(o.from)) << qMakePair(tr("To"), address(o.to))
              << qMakePair(tr("Sent"), DisplayText::dateTime(o.date))
              << qMakePair(tr("Message-ID"), DisplayText::oneLine(o.messageId, 300))
              << qMakePair(tr("Authentication"), authenticationLine(analysis.originalAuthAssessment));
    } else {
        m_factsTitle->setText(report.isReport() ? tr("The report") : tr("The message"));
        const ParsedMessage& m = analysis.message;
        facts << qMakePair(tr("Subject"), DisplayText::oneLine(m.header(u"Subject"), 400))
              << qMakePair(tr("From"), address(m.header(u"From")))
              << qMakePair(tr("To"), address(m.header(u"To")))
              << qMakePair(tr("Date"), DisplayText::oneLine(m.header(u"Date")))
              << qMakePair(tr("Message-ID"), DisplayText::oneLine(m.header(u"Message-ID"), 300))
              << qMakePair(tr("Authentication"), authenticationLine(analysis.authAssessment));
    }
    setFacts(facts);

    // the route in one line
    const RelayChain& route = DisplayText::mainRoute(analysis);
    const bool usesOriginal = &route == &analysis.originalRelay;
    QStringList routeFacts;
    if (route.isEmpty()) {
        routeFacts << (analysis.fromReplyText
                           ? tr("A reply text carries no route: paste the whole bounce to see one.")
                           : tr("No Received fields: the route is not recorded."));
    } else {
        routeFacts << DisplayText::count(route.hops.size(), "%1 hop", "%1 hops");
        const QString transit = DisplayText::transit(route);
        if (!transit.isEmpty())
            routeFacts << transit;
        const int longest = route.longestDelayIndex();
        if (longest >= 0 && route.hops.size() > 1) {
            const RelayHop& hop = route.hops[longest];
            const auto delay = hop.delaySeconds ? hop.delaySeconds : hop.bridgedDelaySeconds;
            routeFacts << tr("longest step %1 into hop %2")
                              .arg(DisplayText::duration(delay.value_or(0)))
                              .arg(hop.number);
        }
        int skews = 0;
        for (const RelayHop& hop : route.hops)
            skews += hop.clockSkew ? 1 : 0;
        if (skews > 0)
            routeFacts << DisplayText::count(skews, "%1 clock skew", "%1 clock skews");
    }
    QString routeText = routeFacts.join(QStringLiteral(" \u00b7 "));
    if (usesOriginal)
        routeText = tr("Original message: %1").arg(routeText);
    m_route->setText(routeText);
    m_showRelay->setEnabled(!analysis.relay.isEmpty() || !analysis.originalRelay.isEmpty());

    // what was noticed on the way
    QStringList notes = analysis.errors + analysis.warnings;
    notes.removeDuplicates();
    m_notesTitle->setVisible(!notes.isEmpty());
    m_notes->setVisible(!notes.isEmpty());
    m_notes->setText(notes.isEmpty() ? QString()
                                     : QStringLiteral("\u2022 ") + notes.join(QStringLiteral("\n\u2022 ")));
}

void SummaryView::showRecipient(int row)
{
    if (row < 0 || row >= m_analysis.recipients.size())
        return;
    m_card->setRecipient(m_analysis.recipients[row]);
}

void SummaryView::setFacts(const QList<QPair<QString, QString>>& facts)
{
    while (m_facts->rowCount() > 0)
        m_facts->removeRow(0);
    int shown = 0;
    for (const auto& [name, value] : facts) {
        if (value.isEmpty())
            continue;
        auto* label = new QLabel(name, m_factsBox);
        label->setTextFormat(Qt::PlainText);
        label->setForegroundRole(QPalette::PlaceholderText);
        // Wraps anywhere: a Message-ID or a long address never widens the page.
        auto* field = new WrappingText(m_factsBox);
        field->setText(value);
        field->setAccessibleName(name);
        m_facts->addRow(label, field);
        // Shown now rather than on the layout's queued show, so the page is complete at once.
        label->show();
        field->show();
        ++shown;
    }
    m_factsTitle->setVisible(shown > 0);
    m_factsBox->setVisible(shown > 0);
}

void SummaryView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        m_recipientModel->setPalette(palette());
    QWidget::changeEvent(event);
}

} // namespace headerlens
