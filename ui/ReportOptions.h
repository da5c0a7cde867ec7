#pragma once

#include <QDateTime>
#include <QLocale>
#include <QPageSize>
#include <QString>

#include <optional>

namespace headerlens {

// How a PDF report is made: the paper, whether personal data is removed, and when the input was
// analysed (the title page states it).
struct ReportOptions
{
    enum class Paper
    {
        A4,
        Letter,
    };

    Paper paper = Paper::A4;
    bool redact = false;  // strip address local parts and IP addresses (core Redactor)
    QDateTime analyzedAt; // invalid: the time the report is made

    QPageSize pageSize() const;

    // "a4" / "letter" (any case); nullopt for anything else.
    static std::optional<Paper> paperFromName(const QString& name);
    static QString paperName(Paper paper); // "a4", "letter"
    // Letter in the territories that use it (CLDR supplemental paperSize data: the United States,
    // Canada, Mexico, Central and parts of South America, the Philippines), or whenever the locale
    // measures in US units; A4 everywhere else.
    static Paper paperFor(const QLocale& locale);
    // The paper of the user's environment: LC_ALL, else LC_PAPER (glibc's paper category), else
    // the system locale.
    static Paper systemPaper();
};

} // namespace headerlens
