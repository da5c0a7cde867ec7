#include "RegexSubject.h"

#include <atomic>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__linux__)
#include <dlfcn.h>
#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>
#endif

namespace {
std::atomic_int compiled{0};
} // namespace

#if defined(__linux__)
// Called by QtCore (through its PLT, so the executable's definition comes first) and by
// Alternation. Partial-match modes are left out when complete matches are asked for too; the
// rest goes to libpcre2's own function.
extern "C" int pcre2_jit_compile_16(pcre2_code_16* code, uint32_t options)
{
    using Compile = int (*)(pcre2_code_16*, uint32_t);
    static const auto library = reinterpret_cast<Compile>(dlsym(RTLD_NEXT, "pcre2_jit_compile_16"));
    if (!library)
        return PCRE2_ERROR_JIT_BADOPTION; // QRegularExpression then runs PCRE2's interpreter
    if (options & PCRE2_JIT_COMPLETE)
        options &= ~static_cast<uint32_t>(PCRE2_JIT_PARTIAL_SOFT | PCRE2_JIT_PARTIAL_HARD);
    const int result = library(code, options);
    if (result == 0)
        compiled.fetch_add(1, std::memory_order_relaxed);
    return result;
}
#endif

namespace headerlens::RegexSubject {

int machineCodeCompiles()
{
    return compiled.load(std::memory_order_relaxed);
}

bool hasSurrogates(QStringView text)
{
    const char16_t* p = text.utf16();
    const char16_t* const end = p + text.size();
#if defined(__SSE2__)
    // Eight code units at a time: (c & 0xF800) == 0xD800 marks a surrogate.
    const __m128i mask = _mm_set1_epi16(static_cast<short>(0xF800));
    const __m128i surrogate = _mm_set1_epi16(static_cast<short>(0xD800));
    __m128i any = _mm_setzero_si128();
    for (; end - p >= 8; p += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        any = _mm_or_si128(any, _mm_cmpeq_epi16(_mm_and_si128(units, mask), surrogate));
    }
    if (_mm_movemask_epi8(any) != 0)
        return true;
#endif
    for (; p < end; ++p) {
        if ((*p & 0xF800) == 0xD800)
            return true;
    }
    return false;
}

} // namespace headerlens::RegexSubject
