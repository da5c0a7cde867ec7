#include "RegexLiterals.h"

#include "RulesResource.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

namespace headerlens {

namespace {

// Bounds that keep the factor sets small: past them a node says "anything" (no literal needed).
constexpr size_t MaxExact = 16;     // strings in an exact set
constexpr size_t MaxRequired = 512; // phrases in a required set (the largest rules, full.quota and
                                    // unknown.i18n, need more than 128)
constexpr qsizetype MaxLength = 80;
constexpr int MaxClass = 8; // characters of a class kept as alternatives

// What is known of the strings a part of the pattern matches.
struct Info
{
    enum class Kind
    {
        Exact,    // it matches exactly one of `set` (which may hold "")
        Required, // every match contains one of `set`
        Anything, // nothing known
    } kind = Kind::Anything;
    std::set<QString> set;

    static Info exact(std::set<QString> s) { return {Kind::Exact, std::move(s)}; }
    static Info empty() { return exact({QString()}); }
    static Info anything() { return {}; }
};

// The phrases one of which every match contains, if any.
std::optional<std::set<QString>> required(const Info& info)
{
    if (info.kind == Info::Kind::Anything)
        return std::nullopt;
    if (info.kind == Info::Kind::Exact && info.set.count(QString()) > 0)
        return std::nullopt;
    if (info.set.empty() || info.set.size() > MaxRequired)
        return std::nullopt;
    return info.set;
}

qsizetype shortest(const std::set<QString>& set)
{
    qsizetype n = MaxLength;
    for (const QString& s : set)
        n = std::min(n, s.size());
    return n;
}

Info concat(const Info& a, const Info& b)
{
    if (a.kind == Info::Kind::Exact && b.kind == Info::Kind::Exact &&
        a.set.size() * b.set.size() <= MaxExact) {
        std::set<QString> out;
        bool tooLong = false;
        for (const QString& x : a.set) {
            for (const QString& y : b.set) {
                tooLong = tooLong || x.size() + y.size() > MaxLength;
                out.insert(x + y);
            }
        }
        if (!tooLong)
            return Info::exact(std::move(out));
    }
    const auto ra = required(a);
    const auto rb = required(b);
    if (!ra && !rb)
        return Info::anything();
    // The longer phrases filter better; with equal lengths, the fewer.
    const bool takeA = ra && (!rb || shortest(*ra) > shortest(*rb) ||
                              (shortest(*ra) == shortest(*rb) && ra->size() <= rb->size()));
    return {Info::Kind::Required, takeA ? *ra : *rb};
}

Info alternation(const QList<Info>& branches)
{
    const bool allExact = std::all_of(branches.cbegin(), branches.cend(),
                                      [](const Info& i) { return i.kind == Info::Kind::Exact; });
    std::set<QString> out;
    if (allExact) {
        for (const Info& i : branches)
            out.insert(i.set.cbegin(), i.set.cend());
        if (out.size() <= MaxExact)
            return Info::exact(std::move(out));
        out.clear();
    }
    for (const Info& i : branches) {
        const auto r = required(i);
        if (!r)
            return Info::anything();
        out.insert(r->cbegin(), r->cend());
    }
    if (out.size() > MaxRequired)
        return Info::anything();
    return {Info::Kind::Required, std::move(out)};
}

class Reader
{
public:
    explicit Reader(const QString& pattern)
        : m_p(pattern)
    {}

    std::optional<Info> read()
    {
        Info info = readAlternation();
        if (m_failed || m_pos != m_p.size())
            return std::nullopt;
        return info;
    }
    bool caseInsensitive() const { return m_caseInsensitive; }

private:
    bool atEnd() const { return m_pos >= m_p.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_p.size() ? m_p[m_pos + ahead] : QChar();
    }
    Info fail()
    {
        m_failed = true;
        return Info::anything();
    }

    Info readAlternation()
    {
        QList<Info> branches;
        branches.append(readSequence());
        while (!m_failed && !atEnd() && peek() == QLatin1Char('|')) {
            ++m_pos;
            branches.append(readSequence());
        }
        return branches.size() == 1 ? branches.first() : alternation(branches);
    }

    // Runs of exact atoms are joined into phrases ("w" "a" "r" ... into "warning"); of the
    // phrase sets the sequence must contain, the most selective one is kept.
    Info readSequence()
    {
        Info run = Info::empty();
        bool allExact = true;
        std::optional<std::set<QString>> best;
        const auto keep = [&best](const Info& part) {
            const auto r = required(part);
            if (r && (!best || shortest(*r) > shortest(*best) ||
                      (shortest(*r) == shortest(*best) && r->size() < best->size())))
                best = r;
        };
        // While the run is one string (the usual case: a word read letter by letter), it grows in
        // `single`; as a set it is what concat() would give, without a set per letter.
        QString single;
        bool runIsSingle = true;
        const auto settle = [&] {
            if (runIsSingle)
                run = Info::exact({single});
            runIsSingle = false;
        };
        const auto unsettle = [&] {
            if (run.kind == Info::Kind::Exact && run.set.size() == 1) {
                single = *run.set.begin();
                runIsSingle = true;
            }
        };
        const auto special = [](QChar c) { return QStringView(u"()[]\\.^$*+?|{").contains(c); };
        const auto quantifier = [](QChar c) { return QStringView(u"*+?{").contains(c); };
        while (!m_failed && !atEnd() && peek() != QLatin1Char('|') && peek() != QLatin1Char(')')) {
            // A plain letter with no quantifier after it: what readAtom() would give, appended
            // in place.
            if (runIsSingle && !special(peek()) && !quantifier(peek(1)) && single.size() < MaxLength) {
                single += peek();
                ++m_pos;
                continue;
            }
            Info atom = readQuantifier(readAtom());
            if (atom.kind == Info::Kind::Exact) {
                if (runIsSingle && atom.set.size() == 1 &&
                    single.size() + atom.set.begin()->size() <= MaxLength) {
                    single += *atom.set.begin();
                    continue;
                }
                settle();
                Info joined = concat(run, atom);
                if (joined.kind == Info::Kind::Exact) {
                    run = std::move(joined);
                } else {
                    allExact = false;
                    keep(run);
                    run = std::move(atom);
                }
                unsettle();
                continue;
            }
            settle();
            allExact = false;
            keep(run);
            keep(atom);
            run = Info::empty();
            unsettle();
        }
        settle();
        if (allExact)
            return run;
        keep(run);
        return best ? Info{Info::Kind::Required, *best} : Info::anything();
    }

    // {n}, {n,}, {n,m} at m_pos; false (and m_pos unchanged) when it is a literal brace.
    bool readBraces(int& min, int& max)
    {
        qsizetype i = m_pos + 1;
        QString a;
        while (i < m_p.size() && m_p[i].isDigit())
            a += m_p[i++];
        if (a.isEmpty() || i >= m_p.size())
            return false;
        QString b = a;
        if (m_p[i] == QLatin1Char(',')) {
            ++i;
            b.clear();
            while (i < m_p.size() && m_p[i].isDigit())
                b += m_p[i++];
        }
        if (i >= m_p.size() || m_p[i] != QLatin1Char('}'))
            return false;
        min = a.toInt();
        max = b.isEmpty() ? -1 : b.toInt();
        m_pos = i + 1;
        return true;
    }

    Info readQuantifier(Info atom)
    {
        if (atEnd())
            return atom;
        int min = 1;
        int max = 1;
        const QChar c = peek();
        if (c == QLatin1Char('*')) {
            min = 0;
            max = -1;
            ++m_pos;
        } else if (c == QLatin1Char('+')) {
            min = 1;
            max = -1;
            ++m_pos;
        } else if (c == QLatin1Char('?')) {
            min = 0;
            max = 1;
            ++m_pos;
        } else if (c == QLatin1Char('{')) {
            if (!readBraces(min, max))
                return atom;
        } else {
            return atom;
        }
        if (!atEnd() && (peek() == QLatin1Char('?') || peek() == QLatin1Char('+')))
            ++m_pos; // lazy or possessive: the same strings
        if (min == 0 && max == 1) {
            if (atom.kind != Info::Kind::Exact || atom.set.size() + 1 > MaxExact)
                return Info::anything();
            atom.set.insert(QString());
            return atom;
        }
        if (min == 0)
            return Info::anything();
        if (min == 1 && max == 1)
            return atom;
        const auto r = required(atom);
        return r ? Info{Info::Kind::Required, *r} : Info::anything();
    }

    Info readGroup()
    {
        ++m_pos; // (
        bool assertion = false;
        if (peek() == QLatin1Char('?')) {
            const QChar k = peek(1);
            if (k == QLatin1Char(':') || k == QLatin1Char('>') || k == QLatin1Char('|')) {
                m_pos += 2;
            } else if (k == QLatin1Char('=') || k == QLatin1Char('!')) {
                m_pos += 2;
                assertion = true;
            } else if (k == QLatin1Char('<') &&
                       (peek(2) == QLatin1Char('=') || peek(2) == QLatin1Char('!'))) {
                m_pos += 3;
                assertion = true;
            } else if (k == QLatin1Char('<') || k == QLatin1Char('\'') ||
                       (k == QLatin1Char('P') && peek(2) == QLatin1Char('<'))) {
                const QChar close = k == QLatin1Char('\'') ? QLatin1Char('\'') : QLatin1Char('>');
                const qsizetype end = m_p.indexOf(close, m_pos + 3);
                if (end < 0)
                    return fail();
                m_pos = end + 1;
            } else if (k == QLatin1Char('#')) {
                const qsizetype end = m_p.indexOf(QLatin1Char(')'), m_pos);
                if (end < 0)
                    return fail();
                m_pos = end + 1;
                return Info::empty();
            } else {
                // Option letters: (?i) (?im) (?-i) (?i: ...)
                qsizetype i = m_pos + 1;
                bool negative = false;
                while (i < m_p.size() && (m_p[i].isLetter() || m_p[i] == QLatin1Char('-'))) {
                    if (m_p[i] == QLatin1Char('-'))
                        negative = true;
                    else if (m_p[i] == QLatin1Char('x') || m_p[i] == QLatin1Char('X'))
                        return fail(); // extended syntax: white space would not be literal
                    else if (m_p[i] == QLatin1Char('i') && !negative)
                        m_caseInsensitive = true; // for the whole pattern: only ever weaker
                    else if (!QStringLiteral("imsUJn-").contains(m_p[i]))
                        return fail();
                    ++i;
                }
                if (i >= m_p.size())
                    return fail();
                if (m_p[i] == QLatin1Char(')')) {
                    m_pos = i + 1;
                    return Info::empty();
                }
                if (m_p[i] != QLatin1Char(':'))
                    return fail(); // conditionals, recursion, callouts
                m_pos = i + 1;
            }
        }
        Info inner = readAlternation();
        if (m_failed || atEnd() || peek() != QLatin1Char(')'))
            return fail();
        ++m_pos;
        return assertion ? Info::empty() : inner;
    }

    // \x{hhhh} or \xhh at m_pos (after the backslash and the x).
    std::optional<QChar> readHex()
    {
        QString digits;
        if (peek() == QLatin1Char('{')) {
            const qsizetype end = m_p.indexOf(QLatin1Char('}'), m_pos);
            if (end < 0)
                return std::nullopt;
            digits = m_p.mid(m_pos + 1, end - m_pos - 1);
            m_pos = end + 1;
        } else {
            while (digits.size() < 2 && !atEnd() && QStringLiteral("0123456789abcdefABCDEF").contains(peek()))
                digits += m_p[m_pos++];
        }
        bool ok = false;
        const uint code = digits.toUInt(&ok, 16);
        if (!ok || code > 0xFFFF)
            return std::nullopt; // astral characters: not worth the surrogate pairs
        return QChar(static_cast<char16_t>(code));
    }

    // An escape outside a class, m_pos after the backslash.
    Info readEscape()
    {
        if (atEnd())
            return fail();
        const QChar c = m_p[m_pos++];
        const char16_t u = c.unicode();
        switch (u) {
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 's':
        case 'S':
        case 'h':
        case 'H':
        case 'v':
        case 'V':
        case 'N':
        case 'R':
        case 'X':
        case 'C':
            return Info::anything();
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 'Z':
        case 'G':
        case 'K':
            return Info::empty();
        case 'p':
        case 'P':
            if (peek() == QLatin1Char('{')) {
                const qsizetype end = m_p.indexOf(QLatin1Char('}'), m_pos);
                if (end < 0)
                    return fail();
                m_pos = end + 1;
            } else {
                ++m_pos;
            }
            return Info::anything();
        case 'x': {
            const auto ch = readHex();
            return ch ? Info::exact({QString(*ch)}) : fail();
        }
        case 'n':
            return Info::exact({QStringLiteral("\n")});
        case 't':
            return Info::exact({QStringLiteral("\t")});
        case 'r':
            return Info::exact({QStringLiteral("\r")});
        case 'f':
            return Info::exact({QStringLiteral("\f")});
        case 'e':
            return Info::exact({QString(QChar(0x1b))});
        case 'a':
            return Info::exact({QString(QChar(0x07))});
        default:
            break;
        }
        if (c.isDigit() || u == 'g' || u == 'k') {
            // A back-reference matches what its group matched: nothing known. (\0 octal too.)
            while (!atEnd() && (peek().isDigit()))
                ++m_pos;
            if (u == 'g' || u == 'k') {
                const QChar open = peek();
                const QChar close = open == QLatin1Char('{')   ? QLatin1Char('}')
                                    : open == QLatin1Char('<') ? QLatin1Char('>')
                                                               : QLatin1Char('\'');
                if (open == QLatin1Char('{') || open == QLatin1Char('<') || open == QLatin1Char('\'')) {
                    const qsizetype end = m_p.indexOf(close, m_pos + 1);
                    if (end < 0)
                        return fail();
                    m_pos = end + 1;
                } else {
                    while (!atEnd() && (peek().isDigit() || peek() == QLatin1Char('-')))
                        ++m_pos;
                }
            }
            return Info::anything();
        }
        if (c.isLetterOrNumber())
            return fail(); // \Q, \E, \c, \o ...: not read here
        return Info::exact({QString(c)});
    }

    Info readClass()
    {
        ++m_pos; // [
        bool negated = false;
        if (peek() == QLatin1Char('^')) {
            negated = true;
            ++m_pos;
        }
        std::set<QString> chars;
        bool unknown = negated;
        bool first = true;
        while (true) {
            if (atEnd())
                return fail();
            QChar c = m_p[m_pos];
            if (c == QLatin1Char(']') && !first) {
                ++m_pos;
                break;
            }
            first = false;
            if (c == QLatin1Char('[') && peek(1) == QLatin1Char(':')) {
                const qsizetype end = m_p.indexOf(QLatin1String(":]"), m_pos + 2);
                if (end < 0)
                    return fail();
                m_pos = end + 2;
                unknown = true;
                continue;
            }
            ++m_pos;
            std::optional<QChar> single;
            if (c == QLatin1Char('\\')) {
                if (atEnd())
                    return fail();
                const QChar e = m_p[m_pos++];
                if (e == QLatin1Char('x')) {
                    single = readHex();
                    if (!single)
                        return fail();
                } else if (e == QLatin1Char('n')) {
                    single = QLatin1Char('\n');
                } else if (e == QLatin1Char('t')) {
                    single = QLatin1Char('\t');
                } else if (e == QLatin1Char('r')) {
                    single = QLatin1Char('\r');
                } else if (e == QLatin1Char('p') || e == QLatin1Char('P')) {
                    if (peek() == QLatin1Char('{')) {
                        const qsizetype end = m_p.indexOf(QLatin1Char('}'), m_pos);
                        if (end < 0)
                            return fail();
                        m_pos = end + 1;
                    } else {
                        ++m_pos;
                    }
                    unknown = true;
                    continue;
                } else if (e.isLetterOrNumber()) {
                    unknown = true; // \d \w \s \h ... and anything else with a letter
                    continue;
                } else {
                    single = e;
                }
            } else {
                single = c;
            }
            // A range a-z (but not a '-' that ends the class).
            if (peek() == QLatin1Char('-') && peek(1) != QLatin1Char(']') && m_pos + 1 < m_p.size()) {
                ++m_pos;
                QChar to = m_p[m_pos++];
                if (to == QLatin1Char('\\')) {
                    if (atEnd())
                        return fail();
                    const QChar e = m_p[m_pos++];
                    if (e == QLatin1Char('x')) {
                        const auto h = readHex();
                        if (!h)
                            return fail();
                        to = *h;
                    } else if (e.isLetterOrNumber()) {
                        return fail();
                    } else {
                        to = e;
                    }
                }
                if (to.unicode() < single->unicode())
                    return fail();
                if (to.unicode() - single->unicode() >= MaxClass) {
                    unknown = true;
                    continue;
                }
                for (char16_t u = single->unicode(); u <= to.unicode(); ++u)
                    chars.insert(QString(QChar(u)));
                continue;
            }
            chars.insert(QString(*single));
        }
        if (unknown || chars.empty() || chars.size() > static_cast<size_t>(MaxClass))
            return Info::anything();
        return Info::exact(std::move(chars));
    }

    Info readAtom()
    {
        const QChar c = m_p[m_pos];
        switch (c.unicode()) {
        case '(':
            return readGroup();
        case '[':
            return readClass();
        case '\\':
            ++m_pos;
            return readEscape();
        case '.':
            ++m_pos;
            return Info::anything();
        case '^':
        case '$':
            ++m_pos;
            return Info::empty();
        case '*':
        case '+':
        case '?':
            return fail(); // a quantifier without an atom
        default:
            ++m_pos;
            return Info::exact({QString(c)});
        }
    }

    const QString& m_p;
    qsizetype m_pos = 0;
    bool m_failed = false;
    bool m_caseInsensitive = false;
};

} // namespace

namespace {

QString unescapeField(const QString& s)
{
    if (!s.contains(u'\\'))
        return s; // shared, not copied
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != u'\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const QChar next = s[++i];
        out += next == u't' ? QChar(u'\t') : next == u'n' ? QChar(u'\n') : next == u'r' ? QChar(u'\r') : next;
    }
    return out;
}

// A field of rule-phrases.tsv as UTF-8, with tabs, line ends and backslashes escaped so that it
// is one line without tabs (unescapeField reads it back).
QByteArray escapedField(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray field(2 * utf8.size(), Qt::Uninitialized);
    char* out = field.data();
    for (const char c : utf8) {
        const char escaped = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
        if (escaped) {
            *out++ = '\\';
            *out++ = escaped;
        } else {
            *out++ = c;
        }
    }
    field.truncate(out - field.constData());
    return field;
}

// A line's key: "i|c <tab> escaped pattern <tab>" (every start-up looks up a thousand patterns).
QByteArray keyOf(const QString& pattern, bool caseInsensitive)
{
    return (caseInsensitive ? QByteArrayLiteral("i\t") : QByteArrayLiteral("c\t")) + escapedField(pattern) +
           '\t';
}

// rule-phrases.tsv: "i|c <tab> pattern <tab> 0|1 (the result's caseInsensitive) [<tab> phrase]...",
// its lines sorted by their bytes. Start-up only finds the line starts; a lookup is a binary
// search, and only the lines looked up are read (a table of 1,300 lines took 13 M instructions
// to read whole, more than the analysis of a bounce).
struct PhraseTable
{
    QByteArray bytes;
    std::vector<QByteArrayView> lines;
};

const PhraseTable& precomputed()
{
    static const PhraseTable table = [] {
        PhraseTable t;
        t.bytes = readRulesResource(QStringLiteral("rule-phrases.tsv"));
        const char* p = t.bytes.constData();
        const char* const end = p + t.bytes.size();
        while (p < end) {
            const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
            const char* lineEnd = nl ? nl : end;
            if (lineEnd > p && *p != '#')
                t.lines.emplace_back(p, lineEnd - p);
            p = lineEnd + 1;
        }
        return t;
    }();
    return table;
}

std::optional<RegexLiterals::Result> lookUp(const QString& pattern, bool caseInsensitive)
{
    const PhraseTable& table = precomputed();
    const QByteArray key = keyOf(pattern, caseInsensitive);
    const auto prefixOf = [&](QByteArrayView line) { return line.first(std::min(line.size(), key.size())); };
    const auto it =
        std::lower_bound(table.lines.cbegin(), table.lines.cend(), key,
                         [&](QByteArrayView line, const QByteArray& k) { return prefixOf(line) < k; });
    if (it == table.lines.cend() || !it->startsWith(key))
        return std::nullopt;
    // "0|1 [<tab> phrase]...": phrases are short and mostly ASCII
    const QByteArrayView rest = it->sliced(key.size());
    RegexLiterals::Result r;
    r.caseInsensitive = rest.startsWith('1');
    for (qsizetype from = rest.indexOf('\t'); from >= 0;) {
        const qsizetype end = rest.indexOf('\t', from + 1);
        const QByteArrayView field = rest.sliced(from + 1, (end < 0 ? rest.size() : end) - from - 1);
        r.phrases.append(unescapeField(QString::fromUtf8(field)));
        from = end;
    }
    return r;
}

} // namespace

RegexLiterals::Result RegexLiterals::of(const QString& pattern, bool caseInsensitive)
{
    if (std::optional<Result> known = lookUp(pattern, caseInsensitive))
        return *known;
    return compute(pattern, caseInsensitive);
}

bool RegexLiterals::isPrecomputed(const QString& pattern, bool caseInsensitive)
{
    return lookUp(pattern, caseInsensitive).has_value();
}

QByteArray RegexLiterals::tableFor(const QList<Input>& patterns)
{
    QString out = QStringLiteral(
        "# Generated: the literal phrases of every table pattern (RegexLiterals::compute), read at\n"
        "# start-up instead of parsing the patterns. TestPatternTable checks it; to rewrite it:\n"
        "#   HEADERLENS_UPDATE_PHRASES=1 build/tests/TestPatternTable\n");
    QSet<QByteArray> seen;
    QList<QByteArray> lines;
    for (const Input& in : patterns) {
        const QByteArray key = keyOf(in.pattern, in.caseInsensitive);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        const Result r = compute(in.pattern, in.caseInsensitive);
        QByteArray line = key + (r.caseInsensitive ? '1' : '0');
        for (const QString& p : r.phrases)
            line += '\t' + escapedField(p);
        lines.append(line + '\n');
    }
    std::sort(lines.begin(), lines.end()); // lookUp() searches by bisection
    QByteArray bytes = out.toUtf8();
    for (const QByteArray& line : std::as_const(lines))
        bytes += line;
    return bytes;
}

RegexLiterals::Result RegexLiterals::compute(const QString& pattern, bool caseInsensitive)
{
    Result result;
    Reader reader(pattern);
    const std::optional<Info> info = reader.read();
    result.caseInsensitive = caseInsensitive || reader.caseInsensitive();
    if (!info)
        return result;
    const auto phrases = required(*info);
    if (!phrases)
        return result;
    for (const QString& p : *phrases) {
        const QString phrase = result.caseInsensitive ? p.toCaseFolded() : p;
        if (!result.phrases.contains(phrase))
            result.phrases.append(phrase);
    }
    return result;
}

QStringList RegexLiterals::branches(const QString& pattern)
{
    const QStringView p(pattern);
    // Leading option settings, "(?i)", apply to every branch after them: each branch gets them.
    // The end of the option letters ("i", "im-x") that start at `from`.
    const auto optionsEnd = [&p](qsizetype from) {
        while (from < p.size() && ((p[from] >= u'a' && p[from] <= u'z') || p[from] == u'-'))
            ++from;
        return from;
    };
    qsizetype start = 0;
    while (p.sliced(start).startsWith(u"(?")) {
        const qsizetype k = optionsEnd(start + 2);
        if (k == start + 2 || k >= p.size() || p[k] != u')')
            break;
        if (p.sliced(start, k - start).contains(u'x'))
            return {}; // extended syntax: white space and '#' mean something else
        start = k + 1;
    }
    const QStringView prefix = p.first(start);
    QStringList out;
    int depth = 0;
    qsizetype branchStart = start;
    for (qsizetype i = start; i < p.size(); ++i) {
        const QChar c = p[i];
        if (c == u'\\') {
            if (i + 1 >= p.size())
                return {};
            const QChar e = p[i + 1];
            // back-references and quoting: a branch on its own would read them differently
            if (e.isDigit() || e == u'g' || e == u'k' || e == u'Q' || e == u'E')
                return {};
            ++i;
            continue;
        }
        if (c == u'[') {
            // A character class: up to its closing bracket (a ']' first in it is a member).
            qsizetype k = i + 1;
            if (k < p.size() && p[k] == u'^')
                ++k;
            if (k < p.size() && p[k] == u']')
                ++k;
            for (; k < p.size() && p[k] != u']'; ++k) {
                if (p[k] == u'\\')
                    ++k;
                else if (p[k] == u'[' && k + 1 < p.size() && p[k + 1] == u':')
                    return {}; // POSIX classes: not worth reading here
            }
            if (k >= p.size())
                return {};
            i = k;
            continue;
        }
        if (c == u'(') {
            if (i + 2 < p.size() && p[i + 1] == u'?') {
                const QChar kind = p[i + 2];
                // named groups, non-capturing groups and lookarounds keep their meaning; branch
                // resets, recursion, subroutine calls, conditionals and option settings do not
                const bool safe = kind == u':' || kind == u'=' || kind == u'!' ||
                                  (kind == u'<' && i + 3 < p.size() &&
                                   (p[i + 3] == u'=' || p[i + 3] == u'!' || p[i + 3].isLetter())) ||
                                  (kind == u'P' && i + 3 < p.size() && p[i + 3] == u'<');
                if (!safe) {
                    // an option setting scoped to a group, "(?i:...)", is safe; "(?i)" is not
                    const qsizetype k = optionsEnd(i + 2);
                    if (k == i + 2 || k >= p.size() || p[k] != u':' ||
                        p.sliced(i + 2, k - i - 2).contains(u'x'))
                        return {};
                }
            }
            ++depth;
            continue;
        }
        if (c == u')') {
            if (--depth < 0)
                return {};
            continue;
        }
        if (c == u'|' && depth == 0) {
            out.append(prefix + p.sliced(branchStart, i - branchStart));
            branchStart = i + 1;
        }
    }
    if (depth != 0 || out.isEmpty())
        return {};
    out.append(prefix + p.sliced(branchStart));
    return out;
}

} // namespace headerlens
