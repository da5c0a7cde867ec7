#include "PhraseScanner.h"

#include "RegexSubject.h"

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
    if (phrase.isEmpty())
        return static_cast<int>(m_phraseCount++);
    int node = 0;
    for (const QChar qc : QStringView(phrase).first(std::min(phrase.size(), MaxPhraseLength))) {
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
    if (end.output < 0)
        end.output = static_cast<int>(m_phraseCount++);
    return end.output;
}

void PhraseScanner::build()
{
    // Breadth first: a node's fail link is the longest proper suffix of its path that is a path.
    std::vector<int> order;
    order.reserve(m_nodes.size());
    std::deque<int> queue;
    for (const auto& [c, next] : m_nodes[0].next) {
        m_nodes[static_cast<size_t>(next)].fail = 0;
        queue.push_back(next);
    }
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        order.push_back(node);
        for (const auto& [c, next] : m_nodes[static_cast<size_t>(node)].next) {
            int f = m_nodes[static_cast<size_t>(node)].fail;
            int target = child(f, c);
            while (target < 0 && f > 0) {
                f = m_nodes[static_cast<size_t>(f)].fail;
                target = child(f, c);
            }
            Node& n = m_nodes[static_cast<size_t>(next)];
            n.fail = target >= 0 ? target : 0;
            const Node& failNode = m_nodes[static_cast<size_t>(n.fail)];
            n.outputLink = failNode.output >= 0 ? n.fail : failNode.outputLink;
            queue.push_back(next);
        }
    }
    const size_t states = m_nodes.size();
    m_edgeBegin.assign(states + 1, 0);
    m_fail.assign(states, 0);
    m_outputBegin.assign(states + 1, 0);
    m_edgeChar.clear();
    m_edgeTarget.clear();
    m_outputs.clear();
    for (size_t state = 0; state < states; ++state) {
        const Node& n = m_nodes[state];
        m_edgeBegin[state] = static_cast<int>(m_edgeChar.size());
        for (const auto& [c, next] : n.next) {
            m_edgeChar.push_back(c);
            m_edgeTarget.push_back(next);
        }
        m_fail[state] = n.fail;
        m_outputBegin[state] = static_cast<int>(m_outputs.size());
        for (int o = n.output >= 0 ? static_cast<int>(state) : n.outputLink; o >= 0;
             o = m_nodes[static_cast<size_t>(o)].outputLink)
            m_outputs.push_back(m_nodes[static_cast<size_t>(o)].output);
    }
    m_edgeBegin[states] = static_cast<int>(m_edgeChar.size());
    m_outputBegin[states] = static_cast<int>(m_outputs.size());
    for (char16_t c = 0; c < 128; ++c)
        m_rootAscii[c] = std::max(child(0, c), 0);
    // The ASCII part as a table (a DFA): one lookup per character instead of walking fail links.
    // Characters that occur in no phrase share one class, which leads back to the root.
    m_asciiClass.fill(0);
    m_asciiClasses = 1;
    for (const char16_t c : m_edgeChar) {
        if (c < 128 && m_asciiClass[c] == 0)
            m_asciiClass[c] = static_cast<uint8_t>(m_asciiClasses++);
    }
    for (char16_t c = 'A'; c <= 'Z'; ++c)
        m_asciiClass[c] = m_asciiClass[fold(c)];
    std::array<char16_t, 128> representative{};
    for (char16_t c = 0; c < 128; ++c)
        representative[m_asciiClass[c]] = fold(c);
    // The table the scan runs on: per state and class, the next state's row (state times
    // classes), complemented when phrases end in that state, so the common step is one lookup and
    // a sign test. Breadth first, so that a state's fail state (always shallower) has its row
    // already: a state goes where its fail state goes, except along its own edges.
    const size_t classes = m_asciiClasses;
    const auto rowOf = [&](size_t target) {
        const int row = static_cast<int>(target * classes);
        return m_outputBegin[target] < m_outputBegin[target + 1] ? ~row : row;
    };
    m_asciiRow.assign(states * classes, 0);
    for (size_t k = 1; k < classes; ++k)
        m_asciiRow[k] = rowOf(static_cast<size_t>(m_rootAscii[representative[k]]));
    for (const int node : order) {
        const auto state = static_cast<size_t>(node);
        std::copy_n(m_asciiRow.begin() + static_cast<std::ptrdiff_t>(m_fail[state] * classes), classes,
                    m_asciiRow.begin() + static_cast<std::ptrdiff_t>(state * classes));
        for (int e = m_edgeBegin[state]; e < m_edgeBegin[state + 1]; ++e) {
            const char16_t c = m_edgeChar[static_cast<size_t>(e)];
            if (c < 128)
                m_asciiRow[state * classes + m_asciiClass[c]] =
                    rowOf(static_cast<size_t>(m_edgeTarget[static_cast<size_t>(e)]));
        }
    }
    // Characters beyond ASCII that no phrase holds lead back to the root from any state.
    m_nonAsciiInPhrases.assign(0x10000 / 64, 0);
    for (const char16_t c : m_edgeChar) {
        if (c >= 128)
            m_nonAsciiInPhrases[c / 64] |= uint64_t(1) << (c % 64);
    }
    m_nodes.clear();
    m_nodes.shrink_to_fit();
    m_built = true;
}

int PhraseScanner::step(int state, char16_t c) const
{
    while (true) {
        if (state == 0 && c < 128)
            return m_rootAscii[c];
        const int* begin = m_edgeTarget.data();
        const char16_t* chars = m_edgeChar.data();
        for (int e = m_edgeBegin[static_cast<size_t>(state)],
                 end = m_edgeBegin[static_cast<size_t>(state) + 1];
             e < end; ++e) {
            if (chars[e] == c)
                return begin[e];
            if (chars[e] > c)
                break;
        }
        if (state == 0)
            return 0;
        state = m_fail[static_cast<size_t>(state)];
    }
}

void PhraseScanner::scan(QStringView text, Found& found) const
{
    if (found.m_stamp.size() != m_phraseCount) {
        found.m_stamp.assign(m_phraseCount, 0);
        found.m_generation = 0;
    }
    if (++found.m_generation == 0) { // wrapped: old stamps could read as new
        std::fill(found.m_stamp.begin(), found.m_stamp.end(), 0);
        found.m_generation = 1;
    }
    found.m_surrogates = false;
    found.m_ids.clear();
    if (!m_built) {
        found.m_surrogates = RegexSubject::hasSurrogates(text);
        return;
    }
    const int* outputBegin = m_outputBegin.data();
    const int* outputs = m_outputs.data();
    uint32_t* stamps = found.m_stamp.data();
    const uint32_t generation = found.m_generation;
    const int* asciiRow = m_asciiRow.data();
    const uint8_t* asciiClass = m_asciiClass.data();
    const auto classes = static_cast<int>(m_asciiClasses);
    std::vector<int>& ids = found.m_ids;
    const auto stampOutputs = [&](int state) {
        for (int o = outputBegin[state], end = outputBegin[state + 1]; o < end; ++o) {
            uint32_t& stamp = stamps[outputs[o]];
            if (stamp != generation) {
                stamp = generation;
                ids.push_back(outputs[o]);
            }
        }
    };
    bool surrogates = false;
    int row = 0; // the current state times `classes`
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c < 128) {
            const int next = asciiRow[row + asciiClass[c]];
            if (next >= 0) {
                row = next;
                continue;
            }
            row = ~next;
            stampOutputs(row / classes);
        } else {
            surrogates |= (c & 0xF800) == 0xD800;
            const char16_t folded = fold(c);
            if (!(m_nonAsciiInPhrases[folded / 64] & (uint64_t(1) << (folded % 64)))) {
                row = 0;
                continue;
            }
            const int state = step(row / classes, folded);
            row = state * classes;
            stampOutputs(state);
        }
    }
    found.m_surrogates = surrogates;
}

} // namespace headerlens
