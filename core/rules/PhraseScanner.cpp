#include "PhraseScanner.h"

#include "RegexSubject.h"

#include <algorithm>

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

// States numbered breadth first: the shallow states, where a scan spends most of its steps, sit
// together at the start of the table.
void PhraseScanner::renumberBreadthFirst()
{
    std::vector<int> newId(m_nodes.size(), -1);
    std::vector<int> order{0};
    order.reserve(m_nodes.size());
    newId[0] = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        for (const auto& edge : m_nodes[static_cast<size_t>(order[i])].next) {
            newId[static_cast<size_t>(edge.second)] = static_cast<int>(order.size());
            order.push_back(edge.second);
        }
    }
    std::vector<Node> nodes(m_nodes.size());
    for (size_t old = 0; old < m_nodes.size(); ++old) {
        Node& node = nodes[static_cast<size_t>(newId[old])];
        node = std::move(m_nodes[old]);
        for (auto& edge : node.next)
            edge.second = newId[static_cast<size_t>(edge.second)];
    }
    m_nodes.swap(nodes);
}

template <typename Entry>
void PhraseScanner::fillTable(std::vector<Entry>& next, const std::array<char16_t, 128>& representative,
                              size_t width) const
{
    const size_t states = m_fail.size();
    constexpr Entry endsBit = Entry(1) << (8 * sizeof(Entry) - 1);
    next.assign(states * width, 0);
    const auto entryOf = [&](size_t target) {
        return static_cast<Entry>(static_cast<Entry>(target) |
                                  (m_outputBegin[target] < m_outputBegin[target + 1] ? endsBit : Entry(0)));
    };
    for (size_t k = 1; k < m_asciiClasses; ++k)
        next[k] = entryOf(static_cast<size_t>(m_rootAscii[representative[k]]));
    for (size_t state = 1; state < states; ++state) {
        std::copy_n(next.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(m_fail[state]) * width),
                    width, next.begin() + static_cast<std::ptrdiff_t>(state * width));
        for (int e = m_edgeBegin[state]; e < m_edgeBegin[state + 1]; ++e) {
            const char16_t c = m_edgeChar[static_cast<size_t>(e)];
            if (c < 128)
                next[state * width + m_asciiClass[c]] =
                    entryOf(static_cast<size_t>(m_edgeTarget[static_cast<size_t>(e)]));
        }
    }
}

void PhraseScanner::build()
{
    renumberBreadthFirst();
    // A node's fail link is the longest proper suffix of its path that is a path. Nodes are
    // numbered breadth first, so a node and every node on its fail chain (all shallower) are
    // done before its children. The root's children fail to the root.
    for (size_t node = 1; node < m_nodes.size(); ++node) {
        for (const auto& [c, next] : m_nodes[node].next) {
            int f = m_nodes[node].fail;
            int target = child(f, c);
            while (target < 0 && f > 0) {
                f = m_nodes[static_cast<size_t>(f)].fail;
                target = child(f, c);
            }
            Node& n = m_nodes[static_cast<size_t>(next)];
            n.fail = target >= 0 ? target : 0;
            const Node& failNode = m_nodes[static_cast<size_t>(n.fail)];
            n.outputLink = failNode.output >= 0 ? n.fail : failNode.outputLink;
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
    // The table the scan runs on (a DFA): per state and class the next state, its top bit set
    // when phrases end there, so the common step is one lookup and a bit test. A row is padded
    // to a power of two, so that finding it is a shift. Breadth first, so that a state's fail
    // state (always shallower) has its row already: a state goes where its fail state goes,
    // except along its own edges.
    m_classShift = 0;
    while ((size_t(1) << m_classShift) < m_asciiClasses)
        ++m_classShift;
    const size_t width = size_t(1) << m_classShift;
    m_asciiNext16.clear();
    m_asciiNext32.clear();
    // Sixteen-bit entries while the states fit, filled in place (no wide table to narrow).
    if (states <= 0x7FFF)
        fillTable(m_asciiNext16, representative, width);
    else
        fillTable(m_asciiNext32, representative, width);
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
    scanMore(text, found);
}

void PhraseScanner::scanMore(QStringView text, Found& found) const
{
    Q_ASSERT(found.m_stamp.size() == m_phraseCount && found.m_generation != 0);
    if (!m_built) {
        found.m_surrogates = found.m_surrogates || RegexSubject::hasSurrogates(text);
        return;
    }
    if (!m_asciiNext16.empty())
        scanWith(m_asciiNext16.data(), text, found);
    else
        scanWith(m_asciiNext32.data(), text, found);
}

template <typename Entry>
void PhraseScanner::scanWith(const Entry* table, QStringView text, Found& found) const
{
    constexpr Entry endsBit = Entry(1) << (8 * sizeof(Entry) - 1);
    const int* outputBegin = m_outputBegin.data();
    const int* outputs = m_outputs.data();
    uint32_t* stamps = found.m_stamp.data();
    const uint32_t generation = found.m_generation;
    const uint8_t* asciiClass = m_asciiClass.data();
    const int shift = m_classShift;
    std::vector<int>& ids = found.m_ids;
    const auto stampOutputs = [&](size_t state) {
        for (int o = outputBegin[state], end = outputBegin[state + 1]; o < end; ++o) {
            uint32_t& stamp = stamps[outputs[o]];
            if (stamp != generation) {
                stamp = generation;
                ids.push_back(outputs[o]);
            }
        }
    };
    bool surrogates = false;
    const auto beyondAscii = [&](size_t state, char16_t c) __attribute__((noinline))->size_t
    {
        surrogates |= (c & 0xF800) == 0xD800;
        const char16_t folded = fold(c);
        if (!(m_nonAsciiInPhrases[folded / 64] & (uint64_t(1) << (folded % 64))))
            return 0;
        state = static_cast<size_t>(step(static_cast<int>(state), folded));
        stampOutputs(state);
        return state;
    };
    const auto advance = [&](size_t state, char16_t c) __attribute__((always_inline))->size_t
    {
        if (c >= 128) [[unlikely]]
            return beyondAscii(state, c);
        const Entry next = table[(state << shift) + asciiClass[c]];
        state = next & Entry(~endsBit);
        if (next & endsBit) [[unlikely]]
            stampOutputs(state);
        return state;
    };
    const char16_t* units = text.utf16();
    const auto length = static_cast<size_t>(text.size());
    // Each step waits for the one before (the next state is read from the table at the current
    // one), so a long text is read in parts at once, whose steps the processor overlaps. A part
    // after the first starts afresh MaxPhraseLength - 1 units early: every phrase (at most
    // MaxPhraseLength units) that ends in it is still seen whole.
    const auto inParts = [&](auto ways) {
        constexpr size_t parts = decltype(ways)::value;
        constexpr size_t overlap = MaxPhraseLength - 1;
        const size_t part = length / parts;
        std::array<size_t, parts> at{};
        std::array<size_t, parts> state{};
        for (size_t k = 1; k < parts; ++k)
            at[k] = k * part - overlap;
        for (size_t i = 0; i < part; ++i) {
#pragma GCC unroll 4
            for (size_t k = 0; k < parts; ++k)
                state[k] = advance(state[k], units[at[k] + i]);
        }
        // the rest: the overlap of each later part, and the remainder of the last
        for (size_t k = 1; k < parts; ++k) {
            const size_t end = k + 1 < parts ? (k + 1) * part : length;
            for (size_t i = at[k] + part; i < end; ++i)
                state[k] = advance(state[k], units[i]);
        }
    };
    if (length >= 16 * MaxPhraseLength) {
        inParts(std::integral_constant<size_t, 4>());
    } else if (length >= 4 * MaxPhraseLength) {
        inParts(std::integral_constant<size_t, 2>());
    } else {
        size_t state = 0;
        for (size_t i = 0; i < length; ++i)
            state = advance(state, units[i]);
    }
    found.m_surrogates = found.m_surrogates || surrogates;
}

} // namespace headerlens
