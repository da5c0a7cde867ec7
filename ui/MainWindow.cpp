#include "MainWindow.h"

#include "Analyzer.h"
#include "MailDate.h"
#include "TextSummary.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace headerlens {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("HeaderLens"));
    auto* splitter = new QSplitter(Qt::Vertical, this);

    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    m_input = new QPlainTextEdit(top);
    m_input->setPlaceholderText(tr("Paste raw headers or a whole bounce message here"));
    m_input->setAccessibleName(tr("Pasted headers"));
    auto* analyze = new QPushButton(tr("&Analyze"), top);
    topLayout->addWidget(m_input);
    topLayout->addWidget(analyze);

    m_hops = new QTableWidget(splitter);
    m_hops->setAccessibleName(tr("Relay chain"));
    m_hops->setColumnCount(6);
    m_hops->setHorizontalHeaderLabels(
        {tr("Hop"), tr("From"), tr("By"), tr("With"), tr("Time (UTC)"), tr("Delay")});
    m_hops->horizontalHeader()->setStretchLastSection(true);
    m_hops->setEditTriggers(QAbstractItemView::NoEditTriggers);

    setCentralWidget(splitter);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_status, 1);

    connect(analyze, &QPushButton::clicked, this, [this] { analyzeText(m_input->toPlainText()); });
    resize(1000, 700);
}

void MainWindow::openFile(const QString& path)
{
    showAnalysis(Analyzer::analyzeFile(path));
}

void MainWindow::analyzeText(const QString& text)
{
    showAnalysis(Analyzer::analyzeText(text, tr("Pasted text")));
}

void MainWindow::showAnalysis(const Analysis& analysis)
{
    m_analysis = analysis;
    const RelayChain& chain = analysis.relay;
    m_hops->setRowCount(static_cast<int>(chain.hops.size()));
    for (int row = 0; row < chain.hops.size(); ++row) {
        const RelayHop& hop = chain.hops[row];
        const ReceivedHop& r = hop.received;
        QString from = r.fromHost.isEmpty() ? r.fromHelo : r.fromHost;
        if (!r.fromIp.isEmpty())
            from += QStringLiteral(" [") + r.fromIp + QLatin1Char(']');
        const QStringList cells = {
            QString::number(hop.number),
            from,
            r.byHost,
            r.protocol,
            r.hasTime() ? MailDate::toIsoUtc(r.time) : tr("no time"),
            hop.delaySeconds ? TextSummary::formatDuration(*hop.delaySeconds) : QString(),
        };
        for (int column = 0; column < cells.size(); ++column)
            m_hops->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    if (!analysis.errors.isEmpty())
        m_status->setText(analysis.errors.join(QLatin1Char(' ')));
    else
        m_status->setText(
            tr("%1: %n hop(s)", nullptr, static_cast<int>(chain.hops.size())).arg(analysis.source));
}

} // namespace headerlens
