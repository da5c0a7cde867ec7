#pragma once

#include "PhraseScanner.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <vector>

namespace headerlens {

// The regular expressions of a data table, read together: the literal factors of all of them
// (RegexLiterals) go into one PhraseScanner, a text is scanned once for all of them, and an
// expression runs only when one of its own phrases occurs. Matches exactly what the expressions
// match; most lines of a bounce contain no phrase of most patterns, so most never run.
// Fill with add() and build() once; then read-only and safe from any thread. Expressions
// compile on first use, so start-up does not pay for patterns a run never needs.
class PatternTable final
{
public:
    // A handle to one expression of a table, used like a QRegularExpression.
    class Pattern
    {
    public:
        Pattern() = default;
        bool matches(const QString& text) const;
        QRegularExpressionMatch match(const QString& text) const;
        const QRegularExpression& regex() const;
        bool isNull() const { return !m_table; }

    private:
        friend class PatternTable;
        Pattern(const PatternTable* table, int index)
            : m_table(table)
            , m_index(index)
        {}
        const PatternTable* m_table = nullptr;
        int m_index = -1;
    };

    Pattern add(const QString& pattern,
                QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption);
    void build();

    // False when none of the pattern's phrases occurs in `text`: it cannot match there.
    bool mayMatch(int index, const QString& text) const;
    const QRegularExpression& regex(int index) const { return m_entries[static_cast<size_t>(index)].regex; }
    int size() const { return static_cast<int>(m_entries.size()); }

private:
    struct Entry
    {
        QRegularExpression regex;
        std::vector<int> phrases; // scanner phrase ids; empty: always run
    };
    // The phrases found in `text`; the last few texts are remembered per thread, since one line
    // is tried against many patterns in a row.
    const PhraseScanner::Found& found(const QString& text) const;

    std::vector<Entry> m_entries;
    PhraseScanner m_scanner;
};

} // namespace headerlens
