#pragma once

// Private to core's .cpp files: GMime and GLib never appear in a public header (STYLE.md).

#include <gmime/gmime.h>

#include <memory>

namespace headerlens::gmime {

// g_mime_init() exactly once per process.
void ensureInitialised();

struct GObjectDeleter
{
    void operator()(gpointer object) const
    {
        if (object)
            g_object_unref(object);
    }
};

// Owns one reference: wrap every *_new* / construct_* result ("adopt").
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;

template <typename T>
GObjectPtr<T> adopt(T* object)
{
    return GObjectPtr<T>(object);
}

struct ParserOptionsDeleter
{
    void operator()(GMimeParserOptions* options) const
    {
        if (options)
            g_mime_parser_options_free(options);
    }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsDeleter>;

} // namespace headerlens::gmime
