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

// The automaton in compact arrays, its states numbered breadth first: the shallow states, where a
// scan spends most of its steps, sit together at the start of the table.
void PhraseScanner::build()
{
    const size_t states = m_nodes.size();
    std::vector<int> order{0};
    order.reserve(states);
    std::vector<int> newId(states, -1);
    newId[0] = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        for (const auto& edge : m_nodes[static_cast<size_t>(order[i])].next) {
            newId[static_cast<size_t>(edge.second)] = static_cast<int>(order.size());
            order.push_back(edge.second);
        }
    }
    m_edgeBegin.assign(states + 1, 0);
    m_edgeChar.clear();
    m_edgeTarget.clear();
    m_edgeChar.reserve(states);
    m_edgeTarget.reserve(states);
    std::vector<int> output(states, -1);
    for (size_t state = 0; state < states; ++state) {
        const Node& n = m_nodes[static_cast<size_t>(order[state])];
        m_edgeBegin[state] = static_cast<int>(m_edgeChar.size());
        for (const auto& [c, next] : n.next) {
            m_edgeChar.push_back(c);
            m_edgeTarget.push_back(newId[static_cast<size_t>(next)]);
        }
        output[state] = n.output;
    }
    m_edgeBegin[states] = static_cast<int>(m_edgeChar.size());
    m_nodes.clear();
    m_nodes.shrink_to_fit();

    m_rootAscii.fill(0);
    for (int e = m_edgeBegin[0]; e < m_edgeBegin[1]; ++e) {
        if (m_edgeChar[static_cast<size_t>(e)] < 128)
            m_rootAscii[m_edgeChar[static_cast<size_t>(e)]] = m_edgeTarget[static_cast<size_t>(e)];
    }
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
    // A row is padded to a power of two, so that finding it is a shift.
    m_classShift = 0;
    while ((size_t(1) << m_classShift) < m_asciiClasses)
        ++m_classShift;
    m_asciiNext16.clear();
    m_asciiNext32.clear();
    // Sixteen-bit entries while the states fit, filled in place (no wide table to narrow).
    if (states <= 0x7FFF)
        linkAndFill(m_asciiNext16, output);
    else
        linkAndFill(m_asciiNext32, output);
    // Characters beyond ASCII that no phrase holds lead back to the root from any state.
    m_nonAsciiInPhrases.assign(0x10000 / 64, 0);
    for (const char16_t c : m_edgeChar) {
        if (c >= 128)
            m_nonAsciiInPhrases[c / 64] |= uint64_t(1) << (c % 64);
    }
    m_built = true;
}

// Fail links, the phrases that end at each state and the table the scan runs on, in one pass in
// breadth-first order. A state's fail link is the longest proper suffix of its path that is a
// path; it is shallower, so its row of the table is complete: a child's fail state is where the
// parent's fail state goes on the child's character, one lookup for ASCII. A state goes where its
// fail state goes, except along its own edges. The phrases ending at a state are its own and its
// fail state's. A table entry is the next state, its top bit set when phrases end there.
template <typename Entry>
void PhraseScanner::linkAndFill(std::vector<Entry>& next, const std::vector<int>& output)
{
    const size_t states = m_edgeBegin.size() - 1;
    const size_t width = size_t(1) << m_classShift;
    constexpr Entry endsBit = Entry(1) << (8 * sizeof(Entry) - 1);
    next.assign(states * width, 0);
    m_fail.assign(states, 0);
    m_outputBegin.assign(states + 1, 0);
    m_outputs.clear();
    // Whether phrases end at a state: set with its fail link, from its fail state's (shallower).
    std::vector<bool> ends(states, false);
    ends[0] = output[0] >= 0;
    for (size_t state = 0; state < states; ++state) {
        const size_t fail = static_cast<size_t>(m_fail[state]);
        m_outputBegin[state] = static_cast<int>(m_outputs.size());
        if (output[state] >= 0)
            m_outputs.push_back(output[state]);
        if (state > 0) {
            for (int o = m_outputBegin[fail]; o < m_outputBegin[fail + 1]; ++o)
                m_outputs.push_back(m_outputs[static_cast<size_t>(o)]);
            std::copy_n(next.begin() + static_cast<std::ptrdiff_t>(fail * width), width,
                        next.begin() + static_cast<std::ptrdiff_t>(state * width));
        }
        for (int e = m_edgeBegin[state]; e < m_edgeBegin[state + 1]; ++e) {
            const char16_t c = m_edgeChar[static_cast<size_t>(e)];
            const auto child = static_cast<size_t>(m_edgeTarget[static_cast<size_t>(e)]);
            if (state > 0) {
                m_fail[child] = c < 128
                                    ? static_cast<int>(next[fail * width + m_asciiClass[c]] & Entry(~endsBit))
                                    : step(static_cast<int>(fail), c);
            }
            ends[child] = output[child] >= 0 || ends[static_cast<size_t>(m_fail[child])];
            if (c < 128)
                next[state * width + m_asciiClass[c]] =
                    static_cast<Entry>(static_cast<Entry>(child) | (ends[child] ? endsBit : Entry(0)));
        }
    }
    m_outputBegin[states] = static_cast<int>(m_outputs.size());
}

int PhraseScanner::step(int state, char16_t c) const
{
    while (true) {
        if (state == 0 && c < 128)
            return m_rootAscii[c];
        const int* begin = m_edgeTarget.data();
        const char16_t* chars = m_edgeChar.data();
        const int first = m_edgeBegin[static_cast<size_t>(state)];
        const int end = m_edgeBegin[static_cast<size_t>(state) + 1];
        if (end - first > 16) {
            // A state with many edges (the root holds every phrase's first character, hundreds
            // of them beyond ASCII in the phrases of many languages): its edges are sorted.
            const char16_t* at = std::lower_bound(chars + first, chars + end, c);
            if (at != chars + end && *at == c)
                return begin[at - chars];
        } else {
            for (int e = first; e < end; ++e) {
                if (chars[e] == c)
                    return begin[e];
                if (chars[e] > c)
                    break;
            }
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

qsizetype PhraseScanner::firstEnd(QStringView text) const
{
    if (!m_built)
        return -1;
    return !m_asciiNext16.empty() ? firstEndWith(m_asciiNext16.data(), text)
                                  : firstEndWith(m_asciiNext32.data(), text);
}

// The steps of scanWith(), one at a time, until a state where phrases end.
template <typename Entry>
qsizetype PhraseScanner::firstEndWith(const Entry* table, QStringView text) const
{
    constexpr Entry endsBit = Entry(1) << (8 * sizeof(Entry) - 1);
    const char16_t* units = text.utf16();
    size_t state = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = units[i];
        if (c >= 128) [[unlikely]] {
            const char16_t folded = fold(c);
            if (!(m_nonAsciiInPhrases[folded / 64] & (uint64_t(1) << (folded % 64)))) {
                state = 0;
                continue;
            }
            state = static_cast<size_t>(step(static_cast<int>(state), folded));
            if (m_outputBegin[state] < m_outputBegin[state + 1])
                return i + 1;
            continue;
        }
        const Entry next = table[(state << m_classShift) + m_asciiClass[c]];
        state = next & Entry(~endsBit);
        if (next & endsBit)
            return i + 1;
    }
    return -1;
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
