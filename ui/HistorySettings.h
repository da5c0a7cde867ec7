#pragma once

#include "EscalationPolicy.h"

#include <QString>

namespace headerlens {

// The window's history preferences (Edit > Preferences), kept in QSettings: whether to remember
// bounces at all, where the database lives, and the escalation policy.
struct HistorySettings
{
    bool enabled = true;
    QString databasePath; // empty: HistoryDatabase::defaultPath()
    EscalationPolicy policy;

    QString effectivePath() const;
    static HistorySettings load();
    void save() const;
};

} // namespace headerlens
