#include "PhraseScanner.h"

#include <algorithm>
#include <deque>

namespace headerlens {

namespace {

char16_t fold(char16_t c)
{
    if (c < 128)
        return (c >= 'A' && c <= 'Z') ? static_cast<char16_t>(c + ('a' - 'A')) : c;
    return QChar::toCaseFolded(c);
}

} // namespace

int PhraseScanner::child(int node, char16_t c) const
{
    const auto& next = m_nodes[static_cast<size_t>(node)].next;
    const auto it =
        std::lower_bound(next.begin(), next.end(), c,
                         [](const std::pair<char16_t, int>& p, char16_t v) { return p.first < v; });
    return it != next.end() && it->first == c ? it->second : -1;
}

int PhraseScanner::add(const QString& phrase)
{
    const int index = static_cast<int>(m_phraseCount++);
    m_duplicateOf.push_back(-1);
    if (phrase.isEmpty())
        return index;
    int node = 0;
    for (const QChar qc : phrase) {
        const char16_t c = fold(qc.unicode());
        int next = child(node, c);
        if (next < 0) {
            next = static_cast<int>(m_nodes.size());
            m_nodes.emplace_back();
            auto& edges = m_nodes[static_cast<size_t>(node)].next;
            edges.insert(
                std::lower_bound(edges.begin(), edges.end(), c,
                                 [](const std::pair<char16_t, int>& p, char16_t v) { return p.first < v; }),
                {c, next});
        }
        node = next;
    }
    Node& end = m_nodes[static_cast<size_t>(node)];
    if (end.output >= 0)
        m_duplicateOf.back() = end.output;
    else
        end.output = index;
    return index;
}

void PhraseScanner::build()
{
    // Character classes: one per character that occurs in a phrase.
    m_asciiClass.fill(0);
    m_otherClasses.clear();
    m_classCount = 1;
    for (const Node& node : m_nodes) {
        for (const auto& [c, next] : node.next) {
            if (c < 128) {
                if (m_asciiClass[c] == 0)
                    m_asciiClass[c] = m_classCount++;
            } else if (classOf(c) == 0) {
                m_otherClasses.insert(std::lower_bound(m_otherClasses.begin(), m_otherClasses.end(),
                                                       std::pair<char16_t, int>(c, 0)),
                                      {c, m_classCount++});
            }
        }
    }
    // Breadth first, so that a node's fail state is complete before the node: its missing
    // transitions are its fail state's (the classic construction of the Aho-Corasick DFA).
    const size_t classes = static_cast<size_t>(m_classCount);
    m_delta.assign(m_nodes.size() * classes, 0);
    std::deque<int> queue;
    for (const auto& [c, next] : m_nodes[0].next) {
        m_delta[static_cast<size_t>(classOf(c))] = next;
        m_nodes[static_cast<size_t>(next)].fail = 0;
        queue.push_back(next);
    }
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        const Node& n = m_nodes[static_cast<size_t>(node)];
        const size_t row = static_cast<size_t>(node) * classes;
        const size_t failRow = static_cast<size_t>(n.fail) * classes;
        for (size_t k = 0; k < classes; ++k)
            m_delta[row + k] = m_delta[failRow + k];
        for (const auto& [c, next] : n.next) {
            const size_t k = static_cast<size_t>(classOf(c));
            Node& child = m_nodes[static_cast<size_t>(next)];
            child.fail = m_delta[failRow + k];
            const Node& failNode = m_nodes[static_cast<size_t>(child.fail)];
            child.outputLink = failNode.output >= 0 ? child.fail : failNode.outputLink;
            m_delta[row + k] = next;
            queue.push_back(next);
        }
    }
    for (Node& n : m_nodes)
        std::vector<std::pair<char16_t, int>>().swap(n.next);
    m_built = true;
}

int PhraseScanner::classOf(char16_t folded) const
{
    if (folded < 128)
        return m_asciiClass[folded];
    const auto it =
        std::lower_bound(m_otherClasses.begin(), m_otherClasses.end(), std::pair<char16_t, int>(folded, 0));
    return it != m_otherClasses.end() && it->first == folded ? it->second : 0;
}

void PhraseScanner::scan(QStringView text, std::vector<char>& found) const
{
    found.assign(m_phraseCount, 0);
    if (!m_built)
        return;
    const size_t classes = static_cast<size_t>(m_classCount);
    const int* delta = m_delta.data();
    size_t state = 0;
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        const int k = c < 128 ? m_asciiClass[c < 'A' || c > 'Z' ? c : c + ('a' - 'A')] : classOf(fold(c));
        state = static_cast<size_t>(delta[state * classes + static_cast<size_t>(k)]);
        const Node& n = m_nodes[state];
        for (int o = n.output >= 0 ? static_cast<int>(state) : n.outputLink; o >= 0;
             o = m_nodes[static_cast<size_t>(o)].outputLink)
            found[static_cast<size_t>(m_nodes[static_cast<size_t>(o)].output)] = 1;
    }
    for (size_t i = 0; i < m_phraseCount; ++i) {
        if (m_duplicateOf[i] >= 0)
            found[i] = found[static_cast<size_t>(m_duplicateOf[i])];
    }
}

} // namespace headerlens
