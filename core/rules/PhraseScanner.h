#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <vector>

namespace headerlens {

// Finds which of many phrases occur in a text in one pass over it (an Aho-Corasick automaton,
// RFC-free, the classic 1975 algorithm). Phrases and text are compared case-folded
// (QChar::toCaseFolded), the way PCRE's caseless matching compares characters. Built once, then
// read-only: scan() is safe from any number of threads.
class PhraseScanner final
{
public:
    // Adds a phrase before build(); returns its index. An empty phrase is never found.
    int add(const QString& phrase);
    void build();
    int phraseCount() const { return static_cast<int>(m_phraseCount); }

    // found[i] is set to 1 for every phrase i that occurs in `text`; found is resized to
    // phraseCount() and cleared first.
    void scan(QStringView text, std::vector<char>& found) const;

private:
    struct Node
    {
        std::vector<std::pair<char16_t, int>> next; // sorted by character (the trie, while building)
        int fail = 0;
        int output = -1;     // phrase ending here, or -1
        int outputLink = -1; // nearest node on the fail chain with an output, or -1
    };
    int child(int node, char16_t c) const;
    int classOf(char16_t folded) const;

    std::vector<Node> m_nodes = std::vector<Node>(1);
    // After build(): a complete automaton over character classes (every character that occurs
    // in a phrase has its own class, all others share class 0), one table lookup per character.
    std::array<int, 128> m_asciiClass{};
    std::vector<std::pair<char16_t, int>> m_otherClasses; // sorted, for non-ASCII characters
    int m_classCount = 1;
    std::vector<int> m_delta; // state * m_classCount + class -> state
    size_t m_phraseCount = 0;
    std::vector<int> m_duplicateOf; // phrase i was added before as phrase m_duplicateOf[i]
    bool m_built = false;
};

} // namespace headerlens
