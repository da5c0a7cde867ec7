#include "GMimeSupport.h"

#include <mutex>

namespace headerlens::gmime {

void ensureInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

} // namespace headerlens::gmime
