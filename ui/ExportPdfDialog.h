#pragma once

#include "ReportOptions.h"

#include <QDialog>
#include <QString>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace headerlens {

// File > Export PDF Report: where to save, the paper (A4 or Letter, preset from the locale) and
// whether to redact personal data for sharing. Tests queue the answer with setNextAnswer(), so
// no real dialog opens (as FileDialog does for file names).
class ExportPdfDialog final : public QDialog
{
    Q_OBJECT
public:
    struct Request
    {
        QString path;
        ReportOptions options;
    };

    explicit ExportPdfDialog(QWidget* parent = nullptr);

    void setRequest(const Request& request);
    Request request() const;

    // Shows the dialog filled with `request`; on Export stores the answer there and returns true.
    static bool ask(QWidget* parent, Request& request);
    // The next ask() returns `answer` without showing anything; nullopt stands for Cancel.
    // `proposed`, when given, receives what the dialog would have shown (tests of the defaults).
    static void setNextAnswer(const std::optional<Request>& answer,
                              std::optional<Request>* proposed = nullptr);

    QLineEdit* pathEdit() const { return m_path; }
    QComboBox* paperBox() const { return m_paper; }
    QCheckBox* redactBox() const { return m_redact; }

private:
    void browse();
    void updateButtons();

    QLineEdit* m_path = nullptr;
    QComboBox* m_paper = nullptr;
    QCheckBox* m_redact = nullptr;
    QDialogButtonBox* m_buttons = nullptr;

    static bool s_hasNext;
    static std::optional<Request> s_next;
    static std::optional<Request>* s_proposed;
};

} // namespace headerlens
