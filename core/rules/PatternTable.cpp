#include "PatternTable.h"

#include "RegexLiterals.h"
#include "RegexSubject.h"

#include <algorithm>
#include <array>

namespace headerlens {

PatternTable::Pattern PatternTable::add(const QString& pattern, QRegularExpression::PatternOptions options)
{
    Entry entry{QRegularExpression(pattern, options), Alternation::Branch(pattern, options), {}};
    if (!(options & QRegularExpression::ExtendedPatternSyntaxOption)) {
        // The scanner compares case-folded, a superset of a case-sensitive comparison.
        const RegexLiterals::Result literals =
            RegexLiterals::of(pattern, options.testFlag(QRegularExpression::CaseInsensitiveOption));
        for (const QString& phrase : literals.phrases)
            entry.phrases.push_back(m_scanner.add(phrase));
    }
    m_entries.push_back(std::move(entry));
    return Pattern(this, static_cast<int>(m_entries.size() - 1));
}

void PatternTable::build()
{
    m_scanner.build();
}

const PhraseScanner::Found& PatternTable::found(const QString& text) const
{
    struct Remembered
    {
        const PatternTable* table = nullptr;
        QString text; // a shared copy: while it is held, its data pointer names this text only
        PhraseScanner::Found found;
    };
    thread_local std::array<Remembered, 4> cache;
    thread_local size_t next = 0;
    for (const Remembered& r : cache) {
        if (r.table == this && r.text.size() == text.size() &&
            (r.text.constData() == text.constData() || r.text == text))
            return r.found;
    }
    // A text that starts with one remembered (a report's own text, then the whole text with the
    // returned original after it): only the rest is scanned, from MaxPhraseLength - 1 units before
    // the end of the part known, so that phrases across the join are found too.
    constexpr qsizetype overlap = PhraseScanner::MaxPhraseLength - 1;
    const Remembered* start = nullptr;
    for (const Remembered& r : cache) {
        if (r.table == this && r.text.size() > 4 * overlap && r.text.size() < text.size() &&
            (!start || r.text.size() > start->text.size()) && QStringView(text).startsWith(r.text))
            start = &r;
    }
    Remembered& slot = cache[next];
    next = (next + 1) % cache.size();
    if (start) {
        const qsizetype from = start->text.size() - overlap;
        if (&slot != start)
            slot.found = start->found;
        m_scanner.scanMore(QStringView(text).sliced(from), slot.found);
    } else {
        m_scanner.scan(text, slot.found);
    }
    slot.table = this;
    slot.text = text;
    return slot.found;
}

void PatternTable::prepare(const QString& text) const
{
    found(text);
}

bool PatternTable::mayMatch(int index, const QString& text) const
{
    const Entry& entry = m_entries[static_cast<size_t>(index)];
    if (entry.phrases.empty())
        return true;
    const PhraseScanner::Found& f = found(text);
    for (const int id : entry.phrases) {
        if (f.has(id))
            return true;
    }
    return false;
}

PatternTable::Phrases PatternTable::phrasesOf(QStringView text) const
{
    thread_local PhraseScanner::Found found;
    m_scanner.scan(text, found);
    Phrases phrases;
    phrases.m_table = this;
    phrases.m_ids.append(found.ids().data(), static_cast<qsizetype>(found.ids().size()));
    phrases.m_surrogateFree = found.surrogateFree();
    return phrases;
}

bool PatternTable::mayMatch(int index, const Phrases& phrases) const
{
    Q_ASSERT(phrases.m_table == this);
    const Entry& entry = m_entries[static_cast<size_t>(index)];
    if (entry.phrases.empty())
        return true;
    return std::any_of(phrases.m_ids.cbegin(), phrases.m_ids.cend(), [&](int id) {
        return std::find(entry.phrases.cbegin(), entry.phrases.cend(), id) != entry.phrases.cend();
    });
}

bool PatternTable::surrogateFree(int index, const QString& text) const
{
    // An expression with phrases had the text scanned, which also told whether PCRE must check it.
    return m_entries[static_cast<size_t>(index)].phrases.empty() ? !RegexSubject::hasSurrogates(text)
                                                                 : found(text).surrogateFree();
}

QRegularExpressionMatch PatternTable::run(int index, const QString& text) const
{
    return run(index, text, surrogateFree(index, text));
}

QRegularExpressionMatch PatternTable::run(int index, const QString& text, bool surrogateFree) const
{
    return regex(index).match(text, 0, QRegularExpression::NormalMatch, RegexSubject::options(surrogateFree));
}

QRegularExpressionMatch PatternTable::run(int index, QStringView text, bool surrogateFree) const
{
    return regex(index).match(text, 0, QRegularExpression::NormalMatch, RegexSubject::options(surrogateFree));
}

bool PatternTable::test(int index, const QString& text) const
{
    return test(index, text, surrogateFree(index, text));
}

bool PatternTable::test(int index, QStringView text, bool surrogateFree) const
{
    return m_entries[static_cast<size_t>(index)]
               .test.find(text, RegexSubject::options(surrogateFree))
               .first >= 0;
}

namespace {
// What a pattern answers where its phrases do not occur: QRegularExpressionMatch() allocates its
// data each time; a copy of one made per thread only counts a reference.
QRegularExpressionMatch noMatch()
{
    thread_local const QRegularExpressionMatch none;
    return none;
}
} // namespace

bool PatternTable::Pattern::matches(const QString& text) const
{
    return m_table->mayMatch(m_index, text) && m_table->test(m_index, text);
}

QRegularExpressionMatch PatternTable::Pattern::match(const QString& text) const
{
    if (!m_table->mayMatch(m_index, text))
        return noMatch();
    return m_table->run(m_index, text);
}

bool PatternTable::Pattern::matches(QStringView text, const Phrases& phrases) const
{
    return m_table->mayMatch(m_index, phrases) && m_table->test(m_index, text, phrases.m_surrogateFree);
}

QRegularExpressionMatch PatternTable::Pattern::match(QStringView text, const Phrases& phrases) const
{
    if (!m_table->mayMatch(m_index, phrases))
        return noMatch();
    return m_table->run(m_index, text, phrases.m_surrogateFree);
}

void PatternTable::Group::append(const Pattern& pattern)
{
    Q_ASSERT(!pattern.isNull() && (!m_table || m_table == pattern.m_table));
    m_table = pattern.m_table;
    m_patterns.append(pattern);
    const Entry& entry = m_table->m_entries[static_cast<size_t>(pattern.m_index)];
    if (entry.phrases.empty())
        m_unfiltered = true;
    for (const int id : entry.phrases) {
        if (std::find(m_phrases.cbegin(), m_phrases.cend(), id) == m_phrases.cend())
            m_phrases.push_back(id);
        if (static_cast<size_t>(id) >= m_member.size())
            m_member.resize(static_cast<size_t>(id) + 1, false);
        m_member[static_cast<size_t>(id)] = true;
    }
}

bool PatternTable::Group::mayMatchAny(const QString& text) const
{
    if (m_patterns.isEmpty())
        return false;
    if (m_unfiltered)
        return true;
    return holdsAny(m_table->found(text));
}

bool PatternTable::Group::mayMatchAny(QStringView text) const
{
    if (m_patterns.isEmpty())
        return false;
    if (m_unfiltered)
        return true;
    thread_local PhraseScanner::Found found;
    m_table->m_scanner.scan(text, found);
    return holdsAny(found);
}

bool PatternTable::Group::mayMatchAny(const Phrases& phrases) const
{
    if (m_patterns.isEmpty())
        return false;
    Q_ASSERT(phrases.m_table == m_table);
    if (m_unfiltered)
        return true;
    return std::any_of(phrases.m_ids.cbegin(), phrases.m_ids.cend(), [&](int id) { return isMember(id); });
}

qsizetype PatternTable::Group::firstPhraseEnd(QStringView text) const
{
    if (m_patterns.isEmpty())
        return -1;
    if (m_unfiltered)
        return 0;
    return m_table->m_scanner.firstEnd(text);
}

bool PatternTable::Group::holdsAny(const PhraseScanner::Found& f) const
{
    // Usually a text holds few phrases of the table (most lines none): look through those.
    const std::vector<int>& ids = f.ids();
    if (ids.size() < m_phrases.size()) {
        return std::any_of(ids.cbegin(), ids.cend(), [&](int id) { return isMember(id); });
    }
    return std::any_of(m_phrases.cbegin(), m_phrases.cend(), [&](int id) { return f.has(id); });
}

const QRegularExpression& PatternTable::Pattern::regex() const
{
    return m_table->regex(m_index);
}

} // namespace headerlens
