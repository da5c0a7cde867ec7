#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <cstdint>
#include <vector>

namespace headerlens {

// Finds which of many phrases occur in a text in one pass over it (the Aho-Corasick automaton of
// 1975). Phrases and text are compared case-folded (QChar::toCaseFolded), the way PCRE's caseless
// matching compares characters. A phrase longer than MaxPhraseLength is looked for by its first
// MaxPhraseLength characters: a text that holds the phrase holds them too, and the automaton
// stays small (built in a millisecond at start-up). Built once, then read-only: scan() is safe
// from any number of threads.
class PhraseScanner final
{
public:
    static constexpr qsizetype MaxPhraseLength = 16;

    // The phrases one scan found. Reused from scan to scan without clearing: a scan stamps the
    // phrases it finds with a new generation number, so its cost follows the text's length, not
    // the number of phrases in the automaton.
    class Found
    {
    public:
        bool has(int id) const
        {
            return id >= 0 && static_cast<size_t>(id) < m_stamp.size() &&
                   m_stamp[static_cast<size_t>(id)] == m_generation;
        }
        // The scanned text held no surrogate code unit, so it is valid UTF-16 (RegexSubject).
        bool surrogateFree() const { return !m_surrogates; }
        // The ids of the phrases found, each once, in the order they were found (a long text is
        // read in parts at once, so not always in the order of the text).
        const std::vector<int>& ids() const { return m_ids; }

    private:
        friend class PhraseScanner;
        std::vector<uint32_t> m_stamp;
        uint32_t m_generation = 0;
        bool m_surrogates = false;
        std::vector<int> m_ids;
    };

    // Adds a phrase before build(); returns its id (a phrase added twice keeps its first id).
    // An empty phrase is never found.
    int add(const QString& phrase);
    void build();
    int phraseCount() const { return static_cast<int>(m_phraseCount); }
    // States of the automaton once built (the root included).
    int stateCount() const { return m_fail.empty() ? 1 : static_cast<int>(m_fail.size()); }

    // Afterwards found.has(id) holds for every phrase that occurs in `text` (or whose first
    // MaxPhraseLength characters do), and for no other.
    void scan(QStringView text, Found& found) const;
    // Adds what `text` holds to what `found` holds already (from a scan of the text before it:
    // a text read in two pieces, the second starting MaxPhraseLength - 1 units before the end of
    // the first, finds every phrase a scan of the whole finds, and no other).
    void scanMore(QStringView text, Found& found) const;
    // The index just past the first place in `text` where a phrase (or its first MaxPhraseLength
    // characters) ends, or -1 when no phrase occurs. The scan stops there.
    qsizetype firstEnd(QStringView text) const;

private:
    struct Node
    {
        std::vector<std::pair<char16_t, int>> next; // sorted by character (the trie, while building)
        int output = -1;                            // phrase ending here, or -1
    };
    int child(int node, char16_t c) const;
    int step(int state, char16_t c) const;
    // The fail links, the phrases per state and the ASCII table of build(): per state and class
    // the next state, the top bit set when phrases end there.
    template <typename Entry>
    void linkAndFill(std::vector<Entry>& next, const std::vector<int>& output);
    template <typename Entry>
    qsizetype firstEndWith(const Entry* table, QStringView text) const;
    template <typename Entry>
    void scanWith(const Entry* table, QStringView text, Found& found) const;

    std::vector<Node> m_nodes = std::vector<Node>(1);
    // After build(), compact arrays: the trie's edges per state (CSR), fail links, and per state
    // the phrases that end there or on its fail chain. The root's ASCII edges are a table.
    std::vector<int> m_edgeBegin; // per state and one past
    std::vector<char16_t> m_edgeChar;
    std::vector<int> m_edgeTarget;
    std::vector<int> m_fail;
    std::vector<int> m_outputBegin; // per state and one past: its range in m_outputs
    std::vector<int> m_outputs;
    std::array<int, 128> m_rootAscii{};
    std::array<uint8_t, 128> m_asciiClass{}; // ASCII character -> class (0: in no phrase)
    size_t m_asciiClasses = 1;
    int m_classShift = 0; // a state's row is 2^m_classShift entries, one per class
    // Per state and class: the next state, its top bit set when phrases end there (see build()).
    // Sixteen bits while the states fit (the table is half the size, and more of it stays in cache).
    std::vector<uint16_t> m_asciiNext16;
    std::vector<uint32_t> m_asciiNext32;
    std::vector<uint64_t> m_nonAsciiInPhrases; // a bit per UTF-16 unit above ASCII that a phrase holds

    size_t m_phraseCount = 0;
    bool m_built = false;
};

} // namespace headerlens
