#include "ExportPdfDialog.h"

#include "FileDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace headerlens {

bool ExportPdfDialog::s_hasNext = false;
std::optional<ExportPdfDialog::Request> ExportPdfDialog::s_next;
std::optional<ExportPdfDialog::Request>* ExportPdfDialog::s_proposed = nullptr;

ExportPdfDialog::ExportPdfDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export PDF Report"));
    auto* layout = new QVBoxLayout(this);

    auto* intro =
        new QLabel(tr("A report of this analysis to print, file or send: the verdict, the server's "
                      "reply, the classification and its evidence, the explanation, the relay chain "
                      "and every header field."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("File"));
    m_path->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("&File:"), pathRow);
    qobject_cast<QLabel*>(form->labelForField(pathRow))->setBuddy(m_path);

    m_paper = new QComboBox(this);
    m_paper->addItem(tr("A4 (210 \u00d7 297 mm)"), static_cast<int>(ReportOptions::Paper::A4));
    m_paper->addItem(tr("Letter (8.5 \u00d7 11 in)"), static_cast<int>(ReportOptions::Paper::Letter));
    m_paper->setAccessibleName(tr("Paper"));
    form->addRow(tr("&Paper:"), m_paper);
    layout->addLayout(form);

    m_redact = new QCheckBox(tr("&Redact personal data for sharing"), this);
    layout->addWidget(m_redact);
    auto* redactNote = new QLabel(tr("Replaces the local part of every email address (***@example.com) and "
                                     "every IP address ([IP]); domains and host names stay, so a postmaster "
                                     "can still read the report. The title page says it is redacted."),
                                  this);
    redactNote->setWordWrap(true);
    redactNote->setForegroundRole(QPalette::PlaceholderText);
    redactNote->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(redactNote);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, &ExportPdfDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this, &ExportPdfDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

void ExportPdfDialog::setRequest(const Request& request)
{
    m_path->setText(request.path);
    m_paper->setCurrentIndex(m_paper->findData(static_cast<int>(request.options.paper)));
    m_redact->setChecked(request.options.redact);
}

ExportPdfDialog::Request ExportPdfDialog::request() const
{
    Request request;
    request.path = m_path->text().trimmed();
    if (!request.path.isEmpty() && QFileInfo(request.path).suffix().isEmpty())
        request.path += QStringLiteral(".pdf");
    request.options.paper = static_cast<ReportOptions::Paper>(m_paper->currentData().toInt());
    request.options.redact = m_redact->isChecked();
    return request;
}

void ExportPdfDialog::browse()
{
    const QString path = FileDialog::getSaveFileName(this, tr("Save PDF Report"), m_path->text(),
                                                     tr("PDF documents (*.pdf);;All files (*)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportPdfDialog::updateButtons()
{
    const QList<QAbstractButton*> buttons = m_buttons->buttons();
    for (QAbstractButton* button : buttons) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(!m_path->text().trimmed().isEmpty());
    }
}

bool ExportPdfDialog::ask(QWidget* parent, Request& request)
{
    if (s_hasNext) {
        s_hasNext = false;
        if (s_proposed)
            *std::exchange(s_proposed, nullptr) = request;
        const std::optional<Request> answer = std::exchange(s_next, std::nullopt);
        if (!answer)
            return false;
        request = *answer;
        return true;
    }
    ExportPdfDialog dialog(parent);
    dialog.setRequest(request);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    request = dialog.request();
    return true;
}

void ExportPdfDialog::setNextAnswer(const std::optional<Request>& answer, std::optional<Request>* proposed)
{
    s_hasNext = true;
    s_next = answer;
    s_proposed = proposed;
}

} // namespace headerlens
