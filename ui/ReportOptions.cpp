#include "ReportOptions.h"

#include <QtGlobal>

namespace headerlens {

namespace {

// CLDR supplementalData.xml, <paperSize type="US-Letter" territories="BZ CA CL CO CR GT MX NI PA PH
// PR SV US VE"/>: the territories whose default paper is Letter. Everyone else uses A4.
constexpr QLocale::Territory LetterTerritories[] = {
    QLocale::Belize,     QLocale::Canada,     QLocale::Chile,        QLocale::Colombia,  QLocale::CostaRica,
    QLocale::Guatemala,  QLocale::Mexico,     QLocale::Nicaragua,    QLocale::Panama,    QLocale::Philippines,
    QLocale::PuertoRico, QLocale::ElSalvador, QLocale::UnitedStates, QLocale::Venezuela,
};

// "en_US.UTF-8", "fr_CA@euro" -> a QLocale; nullopt for "", "C" and "POSIX" (which say nothing).
std::optional<QLocale> localeFromEnvironment(const char* variable)
{
    const QString value = qEnvironmentVariable(variable);
    QString name = value.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('@'), 0, 0);
    if (name.isEmpty() || name == QLatin1String("C") || name == QLatin1String("POSIX"))
        return std::nullopt;
    const QLocale locale(name);
    if (locale.language() == QLocale::C)
        return std::nullopt;
    return locale;
}

} // namespace

QPageSize ReportOptions::pageSize() const
{
    return QPageSize(paper == Paper::Letter ? QPageSize::Letter : QPageSize::A4);
}

std::optional<ReportOptions::Paper> ReportOptions::paperFromName(const QString& name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("a4"))
        return Paper::A4;
    if (lower == QLatin1String("letter") || lower == QLatin1String("us-letter"))
        return Paper::Letter;
    return std::nullopt;
}

QString ReportOptions::paperName(Paper paper)
{
    return paper == Paper::Letter ? QStringLiteral("letter") : QStringLiteral("a4");
}

ReportOptions::Paper ReportOptions::paperFor(const QLocale& locale)
{
    if (locale.measurementSystem() == QLocale::ImperialUSSystem)
        return Paper::Letter;
    for (const QLocale::Territory territory : LetterTerritories) {
        if (locale.territory() == territory)
            return Paper::Letter;
    }
    return Paper::A4;
}

ReportOptions::Paper ReportOptions::systemPaper()
{
    // POSIX precedence: LC_ALL overrides the category, the category overrides LANG (which
    // QLocale::system() already follows).
    for (const char* variable : {"LC_ALL", "LC_PAPER"}) {
        if (const std::optional<QLocale> locale = localeFromEnvironment(variable))
            return paperFor(*locale);
    }
    return paperFor(QLocale::system());
}

} // namespace headerlens
