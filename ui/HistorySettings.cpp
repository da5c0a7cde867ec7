#include "HistorySettings.h"

#include "HistoryDatabase.h"

#include <QSettings>

namespace headerlens {

QString HistorySettings::effectivePath() const
{
    return databasePath.isEmpty() ? HistoryDatabase::defaultPath() : databasePath;
}

HistorySettings HistorySettings::load()
{
    QSettings settings;
    HistorySettings s;
    s.enabled = settings.value(QStringLiteral("history/enabled"), true).toBool();
    s.databasePath = settings.value(QStringLiteral("history/databasePath")).toString();
    s.policy = EscalationPolicy::make(settings.value(QStringLiteral("history/softBounces"), 3).toInt(),
                                      settings.value(QStringLiteral("history/minDays"), 7).toInt());
    return s;
}

void HistorySettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("history/enabled"), enabled);
    settings.setValue(QStringLiteral("history/databasePath"), databasePath);
    settings.setValue(QStringLiteral("history/softBounces"), policy.softBounces);
    settings.setValue(QStringLiteral("history/minDays"), policy.minDays);
}

} // namespace headerlens
