#include "Alternation.h"

#include "TextSearch.h"

#include <algorithm>
#include <mutex>
#include <utility>

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

namespace headerlens::Alternation {

namespace {

// The text `pattern` matches when it has no regex syntax at all (outside a character class,
// without extended syntax, only these characters are special); empty otherwise. ASCII only: the
// case folding of other characters is left to PCRE.
QString plainText(const QString& pattern, QRegularExpression::PatternOptions options)
{
    if (options &
        ~(QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption))
        return {};
    static const QLatin1StringView special("\\^$.[]|()?*+{}");
    const bool plain = std::all_of(pattern.cbegin(), pattern.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && !special.contains(c);
    });
    return plain ? pattern : QString();
}

// Whether QRegularExpression compiles to machine code: Qt 6.4's rule (qregularexpression.cpp,
// isJitEnabled), read once, after the CLI has decided for a short run.
bool jitEnabled()
{
    static const bool enabled = [] {
        const QByteArray setting = qgetenv("QT_ENABLE_REGEXP_JIT");
        if (setting.isEmpty())
            return true;
        bool ok = false;
        const int value = setting.toInt(&ok);
        return !ok || value != 0;
    }();
    return enabled;
}

// The PCRE2 options QRegularExpression compiles a pattern with (Qt 6.4, convertToPcreOptions and
// compilePattern): PCRE2_UTF always.
uint32_t pcreOptions(QRegularExpression::PatternOptions options)
{
    static constexpr std::pair<QRegularExpression::PatternOption, uint32_t> map[] = {
        {QRegularExpression::CaseInsensitiveOption, PCRE2_CASELESS},
        {QRegularExpression::DotMatchesEverythingOption, PCRE2_DOTALL},
        {QRegularExpression::MultilineOption, PCRE2_MULTILINE},
        {QRegularExpression::ExtendedPatternSyntaxOption, PCRE2_EXTENDED},
        {QRegularExpression::InvertedGreedinessOption, PCRE2_UNGREEDY},
        {QRegularExpression::DontCaptureOption, PCRE2_NO_AUTO_CAPTURE},
        {QRegularExpression::UseUnicodePropertiesOption, PCRE2_UCP}};
    uint32_t out = PCRE2_UTF;
    for (const auto& [qt, pcre] : map) {
        if (options.testFlag(qt))
            out |= pcre;
    }
    return out;
}

// Owns a PCRE2 object, freed by `Free`.
template <typename T, void (*Free)(T*)>
struct Freed
{
    void operator()(T* object) const { Free(object); }
};
template <typename T, void (*Free)(T*)>
using Pcre2Ptr = std::unique_ptr<T, Freed<T, Free>>;

// Machine code runs on a stack of its own. As QRegularExpression does (safe_pcre2_match_16 and
// qtPcreCallback): PCRE's default 32 KB at first, and once a match runs out of it, a stack per
// thread that grows from 32 KB to 512 KB; a match that needs more finds nothing.
thread_local Pcre2Ptr<pcre2_jit_stack, pcre2_jit_stack_free> jitStack;

pcre2_jit_stack* threadJitStack(void*)
{
    return jitStack.get();
}

} // namespace

// A branch only ever asks where the first match is. QRegularExpression answers that with a
// match object, match data sized for every group and a match context made for each call; the
// rule table asks tens of thousands of times per batch. So a branch is compiled by PCRE2 itself,
// with Qt's options, on first use, to machine code when Qt would compile it so, and matched into
// one pair of offsets per thread. TestPatternTable compares the branches with the whole
// expression run by QRegularExpression on every fixture and corpus text.
struct Branch::Compiled
{
    QString pattern;
    uint32_t options = 0;
    std::once_flag once;
    pcre2_code* code = nullptr; // null when the pattern does not compile: it matches nothing

    Compiled(const QString& p, QRegularExpression::PatternOptions o)
        : pattern(p)
        , options(pcreOptions(o))
    {}
    Compiled(const Compiled&) = delete;
    Compiled& operator=(const Compiled&) = delete;
    ~Compiled() { pcre2_code_free(code); }

    const pcre2_code* get()
    {
        std::call_once(once, [this] {
            int error = 0;
            PCRE2_SIZE offset = 0;
            code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(QStringView(pattern).utf16()),
                                 static_cast<PCRE2_SIZE>(pattern.size()), options, &error, &offset, nullptr);
            if (code && jitEnabled())
                pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        });
        return code;
    }
};

Branch::Branch(const QString& pattern, QRegularExpression::PatternOptions options)
    : m_literal(plainText(pattern, options))
    , m_caseless(options.testFlag(QRegularExpression::CaseInsensitiveOption))
{
    if (m_literal.isEmpty())
        m_compiled = std::make_shared<Compiled>(pattern, options);
}

std::pair<qsizetype, qsizetype> Branch::find(QStringView text, QRegularExpression::MatchOptions options) const
{
    if (!m_literal.isEmpty()) {
        const qsizetype at =
            m_caseless ? indexOfCaseless(text, QStringView(m_literal)) : text.indexOf(m_literal);
        return {at, at < 0 ? 0 : m_literal.size()};
    }
    const pcre2_code* code = m_compiled->get();
    if (!code)
        return {-1, 0};
    // Qt's other match options are not used with the rule tables.
    Q_ASSERT(!(options &
               ~QRegularExpression::MatchOptions(QRegularExpression::DontCheckSubjectStringMatchOption)));
    const uint32_t matchOptions =
        (options & QRegularExpression::DontCheckSubjectStringMatchOption) ? PCRE2_NO_UTF_CHECK : 0;
    // One pair of offsets is all that is read: PCRE2 fills the whole match's even when the
    // vector is too short for the groups (and then returns 0).
    thread_local const Pcre2Ptr<pcre2_match_data, pcre2_match_data_free> data(
        pcre2_match_data_create(1, nullptr));
    thread_local const Pcre2Ptr<pcre2_match_context, pcre2_match_context_free> context = [] {
        Pcre2Ptr<pcre2_match_context, pcre2_match_context_free> made(pcre2_match_context_create(nullptr));
        pcre2_jit_stack_assign(made.get(), &threadJitStack, nullptr);
        return made;
    }();
    // PCRE2 10.42 takes no null subject, even an empty one (a null view has no data).
    const auto subject = reinterpret_cast<PCRE2_SPTR>(text.isNull() ? u"" : text.utf16());
    const auto length = static_cast<PCRE2_SIZE>(text.size());
    int result = pcre2_match(code, subject, length, 0, matchOptions, data.get(), context.get());
    if (result == PCRE2_ERROR_JIT_STACKLIMIT && !jitStack) {
        jitStack.reset(pcre2_jit_stack_create(32 * 1024, 512 * 1024, nullptr));
        result = pcre2_match(code, subject, length, 0, matchOptions, data.get(), context.get());
    }
    if (result < 0)
        return {-1, 0}; // no match, or an error (an invalid subject): QRegularExpression finds none either
    const PCRE2_SIZE* offsets = pcre2_get_ovector_pointer(data.get());
    return {static_cast<qsizetype>(offsets[0]), static_cast<qsizetype>(offsets[1] - offsets[0])};
}

std::pair<qsizetype, qsizetype> leftmost(const QList<const Branch*>& branches, const QString& text,
                                         QRegularExpression::MatchOptions options)
{
    std::pair<qsizetype, qsizetype> best{-1, 0};
    for (const Branch* branch : branches) {
        const std::pair<qsizetype, qsizetype> m = branch->find(text, options);
        if (m.first < 0 || (best.first >= 0 && m.first >= best.first))
            continue;
        best = m;
        if (best.first == 0)
            break; // no branch can start earlier, and a later one loses the tie
    }
    return best;
}

} // namespace headerlens::Alternation
