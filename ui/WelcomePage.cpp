#include "WelcomePage.h"

#include "ExampleCatalog.h"
#include "IconLoader.h"
#include "PasteEdit.h"
#include "SafeHtml.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace headerlens {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
{
    auto* centering = new QHBoxLayout(this);
    centering->setContentsMargins(24, 24, 24, 24);
    auto* column = new QWidget(this);
    column->setMaximumWidth(900);
    centering->addStretch(1);
    centering->addWidget(column, 12);
    centering->addStretch(1);

    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addStretch(1);

    auto* head = new QHBoxLayout;
    auto* icon = new QLabel(column);
    icon->setPixmap(IconLoader::applicationIcon().pixmap(64, 64));
    icon->setFixedSize(72, 72);
    auto* titles = new QVBoxLayout;
    auto* title = new QLabel(tr("Why did this email not arrive?"), column);
    title->setTextFormat(Qt::PlainText);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.9);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto* intro =
        new QLabel(tr("Paste the headers or the whole bounce message below, open an .eml file, or drop "
                      "files and folders anywhere in this window. HeaderLens shows the route as a "
                      "timeline, the server's reply, whether the bounce is hard or soft, and what to "
                      "do. Nothing leaves this computer."),
                   column);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    QFont introFont = intro->font();
    introFont.setPointSizeF(introFont.pointSizeF() * 1.05);
    intro->setFont(introFont);
    titles->addWidget(title);
    titles->addWidget(intro);
    head->addWidget(icon, 0, Qt::AlignTop);
    head->addSpacing(8);
    head->addLayout(titles, 1);
    layout->addLayout(head);

    m_paste = new PasteEdit(column);
    m_paste->setMinimumHeight(220);
    layout->addWidget(m_paste, 4);

    auto* buttons = new QHBoxLayout;
    m_analyze = new QPushButton(IconLoader::icon(QStringLiteral("system-search"), QStringLiteral("analyze")),
                                tr("&Analyze"), column);
    m_analyze->setDefault(true);
    m_analyze->setToolTip(tr("Analyze the pasted text (Ctrl+Return)"));
    m_analyze->setEnabled(false);
    m_open = new QPushButton(IconLoader::icon(QStringLiteral("document-open"), QStringLiteral("open")),
                             tr("&Open File\u2026"), column);
    m_open->setToolTip(tr("Open an .eml, .txt or any mail file (Ctrl+O)"));
    m_examples = new QToolButton(column);
    m_examples->setText(tr("Try an e&xample"));
    m_examples->setIcon(IconLoader::icon(QString(), QStringLiteral("example")));
    m_examples->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_examples->setPopupMode(QToolButton::InstantPopup);
    m_examples->setAccessibleName(tr("Examples"));
    auto* menu = new QMenu(m_examples);
    for (const ExampleCatalog::Example& example : ExampleCatalog::all()) {
        const QString resource = example.resource;
        menu->addAction(example.title, this, [this, resource] { Q_EMIT exampleRequested(resource); });
    }
    m_examples->setMenu(menu);
    buttons->addWidget(m_analyze);
    buttons->addWidget(m_open);
    buttons->addStretch(1);
    buttons->addWidget(m_examples);
    layout->addLayout(buttons);

    m_recentBox = new QWidget(column);
    m_recentLayout = new QHBoxLayout(m_recentBox);
    m_recentLayout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_recentBox);
    layout->addStretch(2);

    connect(m_paste, &QPlainTextEdit::textChanged, this,
            [this] { m_analyze->setEnabled(!m_paste->document()->isEmpty()); });
    connect(m_paste, &PasteEdit::pastedIntoEmpty, this, [this] { Q_EMIT analyzeRequested(text()); });
    connect(m_paste, &PasteEdit::filesPasted, this, &WelcomePage::filesPasted);
    connect(m_analyze, &QPushButton::clicked, this, [this] { Q_EMIT analyzeRequested(text()); });
    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openRequested);

    setTabOrder(m_paste, m_analyze);
    setTabOrder(m_analyze, m_open);
    setTabOrder(m_open, m_examples);
    setFocusProxy(m_paste);
    setRecentFiles({});
}

QString WelcomePage::text() const
{
    return m_paste->toPlainText();
}

void WelcomePage::clear()
{
    m_paste->clear();
}

void WelcomePage::setRecentFiles(const QStringList& paths)
{
    while (QLayoutItem* item = m_recentLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (paths.isEmpty()) {
        m_recentBox->hide();
        return;
    }
    auto* label = new QLabel(tr("Recent:"), m_recentBox);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    m_recentLayout->addWidget(label);
    QWidget* previous = m_examples;
    for (const QString& path : paths.mid(0, 4)) {
        auto* button = new QToolButton(m_recentBox);
        button->setAutoRaise(true);
        button->setText(QFileInfo(path).fileName());
        button->setToolTip(SafeHtml::toolTip(path));
        button->setAccessibleName(tr("Open recent file %1").arg(QFileInfo(path).fileName()));
        connect(button, &QToolButton::clicked, this, [this, path] { Q_EMIT recentRequested(path); });
        m_recentLayout->addWidget(button);
        setTabOrder(previous, button);
        previous = button;
    }
    m_recentLayout->addStretch(1);
    m_recentBox->show();
}

} // namespace headerlens
