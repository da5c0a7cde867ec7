#include "RegexSubject.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace headerlens::RegexSubject {

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
