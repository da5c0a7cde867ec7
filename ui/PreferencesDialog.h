#pragma once

#include "HistorySettings.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace headerlens {

// Edit > Preferences: the bounce history (on or off, the database file) and when repeated soft
// bounces make an address one to remove (N of 3-5 over at least D days).
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(const HistorySettings& settings, QWidget* parent = nullptr);

    HistorySettings settings() const;

    QCheckBox* enabledBox() const { return m_enabled; }
    QLineEdit* pathEdit() const { return m_path; }
    QSpinBox* softBouncesBox() const { return m_softBounces; }
    QSpinBox* minDaysBox() const { return m_minDays; }

private:
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_path = nullptr;
    QSpinBox* m_softBounces = nullptr;
    QSpinBox* m_minDays = nullptr;
};

} // namespace headerlens
