#pragma once

#include "Alternation.h"
#include "PhraseScanner.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QVarLengthArray>

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
    // The table's phrases found in one text, kept by the caller: a text that many expressions
    // try at different times (a line of a report, read by every layout and loop) is scanned once
    // instead of once per try. From phrasesOf(); an empty one holds no phrase.
    class Phrases
    {
    private:
        friend class PatternTable;
        QVarLengthArray<int, 8> m_ids; // each phrase found, once
        bool m_surrogateFree = true;
        const PatternTable* m_table = nullptr;
    };

    // A handle to one expression of a table, used like a QRegularExpression.
    class Pattern
    {
    public:
        Pattern() = default;
        bool matches(const QString& text) const;
        QRegularExpressionMatch match(const QString& text) const;
        // The same for a text whose phrases were found before (`phrases` is phrasesOf(text)),
        // which need not be a string of its own (a line of a report). The match refers to the
        // text: it must live as long.
        bool matches(QStringView text, const Phrases& phrases) const;
        QRegularExpressionMatch match(QStringView text, const Phrases& phrases) const;
        QRegularExpressionMatch match(QString&& text, const Phrases& phrases) const = delete;
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

    // Expressions of one table tried on the same texts together (the lines that end a section,
    // say): one look at a text's phrases tells whether any of them can match there.
    class Group
    {
    public:
        void append(const Pattern& pattern);
        bool isEmpty() const { return m_patterns.isEmpty(); }
        qsizetype size() const { return m_patterns.size(); }
        QList<Pattern>::const_iterator begin() const { return m_patterns.cbegin(); }
        QList<Pattern>::const_iterator end() const { return m_patterns.cend(); }
        // False when none of the group's expressions can match `text`.
        bool mayMatchAny(const QString& text) const;
        // The same for a text that is looked at once: it is scanned, not remembered, and not copied.
        bool mayMatchAny(QStringView text) const;
        // The same for a text whose phrases were found before.
        bool mayMatchAny(const Phrases& phrases) const;
        // For a text read line by line: the index just past the first place where a phrase of the
        // table ends (an expression of the group can match only on a line at or after that place),
        // 0 when an expression of the group has no phrases, -1 when none can match in `text`.
        qsizetype firstPhraseEnd(QStringView text) const;

    private:
        bool holdsAny(const PhraseScanner::Found& found) const;
        // Whether phrase `id` belongs to one of the group's expressions.
        bool isMember(int id) const
        {
            return static_cast<size_t>(id) < m_member.size() && m_member[static_cast<size_t>(id)];
        }
        QList<Pattern> m_patterns;
        const PatternTable* m_table = nullptr;
        std::vector<int> m_phrases; // every phrase of every expression, each once
        std::vector<bool> m_member; // by phrase id: one of m_phrases
        bool m_unfiltered = false;  // an expression without phrases: always run
    };

    Pattern add(const QString& pattern,
                QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption);
    void build();

    // False when none of the pattern's phrases occurs in `text`: it cannot match there.
    bool mayMatch(int index, const QString& text) const;
    // The phrases of the table that occur in `text`, to keep (see Phrases).
    Phrases phrasesOf(QStringView text) const;
    // Scans `text` now and remembers it (as the expressions' own scans do, the last few texts per
    // thread): a longer text that starts with it is then scanned only where it goes on. A reader
    // that will look at a text and at a longer one starting with it asks for the shorter first.
    void prepare(const QString& text) const;
    const QRegularExpression& regex(int index) const { return m_entries[static_cast<size_t>(index)].regex; }
    int size() const { return static_cast<int>(m_entries.size()); }

private:
    struct Entry
    {
        QRegularExpression regex;
        // The same expression, for matches(): whether it matches, without the match object,
        // match data and match context QRegularExpression makes for every call.
        Alternation::Branch test;
        std::vector<int> phrases; // scanner phrase ids; empty: always run
    };
    // The phrases found in `text`; the last few texts are remembered per thread, since one line
    // is tried against many patterns in a row.
    const PhraseScanner::Found& found(const QString& text) const;
    // The expression's match on a text its phrases allow.
    QRegularExpressionMatch run(int index, const QString& text) const;
    QRegularExpressionMatch run(int index, const QString& text, bool surrogateFree) const;
    QRegularExpressionMatch run(int index, QStringView text, bool surrogateFree) const; // refers to text
    // Whether the expression matches a text its phrases allow.
    bool test(int index, const QString& text) const;
    bool test(int index, QStringView text, bool surrogateFree) const;
    // Whether PCRE may skip its UTF-16 check of `text` (found while scanning it for phrases).
    bool surrogateFree(int index, const QString& text) const;
    bool mayMatch(int index, const Phrases& phrases) const;

    std::vector<Entry> m_entries;
    PhraseScanner m_scanner;
};

} // namespace headerlens
