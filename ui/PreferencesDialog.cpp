#include "PreferencesDialog.h"

#include "FileDialog.h"
#include "HistoryDatabase.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace headerlens {

PreferencesDialog::PreferencesDialog(const HistorySettings& settings, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;

    m_enabled = new QCheckBox(tr("&Remember every analysed bounce in the history"), this);
    m_enabled->setChecked(settings.enabled);
    form->addRow(m_enabled);

    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(QDir::toNativeSeparators(settings.effectivePath()), this);
    m_path->setObjectName(QStringLiteral("historyPath"));
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = FileDialog::getSaveFileName(this, tr("History Database"), m_path->text(),
                                                         tr("SQLite databases (*.sqlite *.db)"));
        if (!path.isEmpty())
            m_path->setText(QDir::toNativeSeparators(path));
    });
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* pathLabel = new QLabel(tr("&Database:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);

    m_softBounces = new QSpinBox(this);
    m_softBounces->setRange(EscalationPolicy::MinSoftBounces, EscalationPolicy::MaxSoftBounces);
    m_softBounces->setValue(settings.policy.softBounces);
    m_softBounces->setSuffix(tr(" consecutive soft bounces"));
    m_minDays = new QSpinBox(this);
    m_minDays->setRange(1, 365);
    m_minDays->setValue(settings.policy.minDays);
    m_minDays->setSuffix(tr(" days"));
    auto* softLabel = new QLabel(tr("Remove an address &after:"), this);
    softLabel->setBuddy(m_softBounces);
    form->addRow(softLabel, m_softBounces);
    auto* daysLabel = new QLabel(tr("spread over at &least:"), this);
    daysLabel->setBuddy(m_minDays);
    form->addRow(daysLabel, m_minDays);
    auto* note =
        new QLabel(tr("Only soft bounces that speak of the mailbox count (full, disabled, a receiving "
                      "server that keeps failing). Deferrals and refusals of the sender never count; "
                      "a delivery starts the count again."),
                   this);
    note->setWordWrap(true);
    form->addRow(note);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

HistorySettings PreferencesDialog::settings() const
{
    HistorySettings s;
    s.enabled = m_enabled->isChecked();
    const QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    s.databasePath = path == HistoryDatabase::defaultPath() ? QString() : path;
    s.policy = EscalationPolicy::make(m_softBounces->value(), m_minDays->value());
    return s;
}

} // namespace headerlens
