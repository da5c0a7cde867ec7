/* The floor of any analysis that reads mail with GMime: parse each file into its MIME tree and
 * touch every header of every part, nothing else. scripts/bench-vs-sisimai.sh measures our CPU
 * per message against this program's. */
#include <gmime/gmime.h>
#include <stdio.h>

static void touch(GMimeObject *parent, GMimeObject *part, gpointer data)
{
    (void) parent;
    GMimeHeaderList *headers = g_mime_object_get_header_list(part);
    int count = g_mime_header_list_get_count(headers);
    size_t *sum = data;
    for (int i = 0; i < count; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(headers, i);
        const char *value = g_mime_header_get_value(h);
        *sum += value ? 1 : 0;
    }
}

int main(int argc, char **argv)
{
    g_mime_init();
    size_t sum = 0;
    for (int i = 1; i < argc; i++) {
        GMimeStream *stream = g_mime_stream_file_open(argv[i], "r", NULL);
        if (!stream)
            continue;
        GMimeParser *parser = g_mime_parser_new_with_stream(stream);
        GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
        if (message) {
            touch(NULL, GMIME_OBJECT(message), &sum);
            g_mime_message_foreach(message, touch, &sum);
            g_object_unref(message);
        }
        g_object_unref(parser);
        g_object_unref(stream);
    }
    printf("%zu\n", sum);
    return 0;
}
