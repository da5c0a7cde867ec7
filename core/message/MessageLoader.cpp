#include "MessageLoader.h"

#include "ByteSearch.h"
#include "Charset.h"
#include "GMimeSupport.h"
#include "Rfc2047.h"

#include <QFile>
#include <QScopeGuard>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace headerlens {

namespace {

constexpr int MaxMimeDepth = 32;

// What reading the MIME tree cut short, for the warnings.
struct TreeLimits
{
    bool depthCut = false;
    qsizetype parts = 0;
    bool partsCut = false;
    // Added to GMime's field offsets: where GMime's input started in the analysed bytes, when it
    // was given the body without the top-level header block (bodyForGMime).
    qint64 offsetShift = 0;
};

bool isBlank(QByteArrayView line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// "Name:" or obsolete "Name :" (RFC 5322 section 4.5.3): printable ASCII without colon or space.
bool isFieldLine(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size()) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c == ':' || c <= ' ' || c > '~')
            break;
        ++i;
    }
    if (i == 0)
        return false;
    qsizetype j = i;
    while (j < line.size() && (line[j] == ' ' || line[j] == '\t'))
        ++j;
    return j < line.size() && line[j] == ':';
}

QByteArray fieldName(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] != ':' && line[i] != ' ' && line[i] != '\t')
        ++i;
    return line.first(i).toByteArray().toLower();
}

bool startsWithWhitespace(QByteArrayView line)
{
    return !line.isEmpty() && (line[0] == ' ' || line[0] == '\t');
}

// Fields that only a real message header carries. A pasted page that starts with a summary
// table (Gmail's "Show original" page does) has From:/To: lines but none of these.
bool isMessageHeaderField(const QByteArray& name)
{
    static const QSet<QByteArray> names = {
        "received",
        "return-path",
        "delivered-to",
        "x-received",
        "message-id",
        "dkim-signature",
        "arc-seal",
        "authentication-results",
        "mime-version",
        "x-original-to",
        "x-mailer",
        "content-type",
        "x-failed-recipients",
        "x-ms-exchange-organization-authas",
        "received-spf",
        "x-google-smtp-source",
    };
    return names.contains(name) || name.startsWith("arc-") || name.startsWith("x-ms-");
}

struct HeaderBlock
{
    qsizetype start = -1;
    int fields = 0;
    bool messageLike = false;
};

// Finds the header block that starts at or after `from`; a block is a run of field lines and
// their continuation lines.
QList<HeaderBlock> findHeaderBlocks(const QList<QByteArrayView>& lines, qsizetype from)
{
    QList<HeaderBlock> blocks;
    qsizetype i = from;
    while (i < lines.size()) {
        if (!isFieldLine(lines[i])) {
            ++i;
            continue;
        }
        HeaderBlock block;
        block.start = i;
        while (i < lines.size() &&
               (isFieldLine(lines[i]) || (startsWithWhitespace(lines[i]) && !isBlank(lines[i])))) {
            if (isFieldLine(lines[i])) {
                ++block.fields;
                block.messageLike = block.messageLike || isMessageHeaderField(fieldName(lines[i]));
            }
            ++i;
        }
        blocks.append(block);
        if (blocks.size() > 200)
            break;
    }
    return blocks;
}

// A line in the header block that is neither a field nor a continuation: a fold whose leading
// white space a mail client or a web form dropped. It belongs to the previous field when more
// fields follow before the blank line, or when the block ends within a few lines.
bool isLostFold(const QList<QByteArrayView>& lines, qsizetype index)
{
    for (qsizetype j = index + 1; j < lines.size() && j <= index + 40; ++j) {
        if (isBlank(lines[j]))
            return j - index <= 4;
        if (isFieldLine(lines[j]))
            return true;
    }
    return lines.size() - index <= 4;
}

// Whether the repairs of cleanUp() would give `bytes` back unchanged, read only as far as the
// header block's end: the first line is a field; every line up to a blank one is a field or a
// folded continuation (none lost its indentation, so no later line is looked at); a blank line
// ends the block (a block that runs to the end of the input gets a line end added); the block
// is within MaxHeaderBytes. cleanUp() copies every line of such an input into the same bytes.
bool needsNoRepair(const QByteArray& bytes)
{
    const char* const data = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype written = 0; // what cleanUp() would have copied of the block so far
    for (qsizetype start = 0, index = 0; start <= size; ++index) {
        const auto* newline =
            static_cast<const char*>(std::memchr(data + start, '\n', static_cast<size_t>(size - start)));
        const qsizetype end = newline ? newline - data : size;
        const QByteArrayView line(data + start, end - start);
        if (isBlank(line))
            return index > 0; // blank lines before the fields are skipped, with a note
        if (!newline)
            return false; // the last line of the input, not blank: cleanUp() adds its line end
        if (index == 0 ? !isFieldLine(line) : (!isFieldLine(line) && !startsWithWhitespace(line)))
            return false;
        if (written + line.size() + 2 > MessageLoader::MaxHeaderBytes)
            return false;
        written += line.size() + 1;
        start = end + 1;
    }
    return false;
}

QString describeWarning(GMimeParserWarning code, const char* item)
{
    const QString what = item ? Charset::decodeRawHeader(QByteArray(item)) : QString();
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
        return QStringLiteral("The header field \"%1\" appears more than once, though it should appear once.")
            .arg(what);
    case GMIME_WARN_DUPLICATED_PARAMETER:
        return QStringLiteral("A header parameter is repeated: %1").arg(what);
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
        return QStringLiteral("A header field holds raw 8-bit characters instead of encoded words: %1")
            .arg(what.left(80));
    case GMIME_WARN_INVALID_CONTENT_TYPE:
        return QStringLiteral("Invalid Content-Type \"%1\"; read as binary data.").arg(what);
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
        return QStringLiteral("A header field holds a malformed encoded word: %1").arg(what.left(80));
    case GMIME_WARN_MALFORMED_MULTIPART:
        return QStringLiteral("A multipart body has no parts (missing or wrong boundary).");
    case GMIME_WARN_TRUNCATED_MESSAGE:
        return QStringLiteral("The message is truncated: it ends before its MIME structure is complete.");
    case GMIME_WARN_MALFORMED_MESSAGE:
        return QStringLiteral("The message is malformed.");
    case GMIME_WARN_INVALID_ADDRESS_LIST:
        return QStringLiteral("An address list could not be read: %1").arg(what.left(80));
    case GMIME_CRIT_INVALID_HEADER_NAME:
        return QStringLiteral("Invalid header field name \"%1\"; part of the input may have been skipped.")
            .arg(what.left(60));
    case GMIME_CRIT_CONFLICTING_HEADER:
        return QStringLiteral("Conflicting header fields: %1").arg(what);
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        return QStringLiteral("Conflicting header parameters: %1").arg(what);
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        return QStringLiteral("A multipart body has no boundary parameter; its parts cannot be separated.");
    case GMIME_WARN_INVALID_PARAMETER:
        return QStringLiteral("Invalid header parameter: %1").arg(what.left(80));
    case GMIME_CRIT_NESTING_OVERFLOW:
        return QStringLiteral("MIME parts are nested too deeply; the deepest ones were not read.");
    case GMIME_WARN_PART_WITHOUT_CONTENT:
        return QStringLiteral("A MIME part ends right after its header fields.");
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        return QStringLiteral("A MIME part has neither header fields nor content.");
    }
    return QStringLiteral("MIME parser warning %1").arg(static_cast<int>(code));
}

struct WarningSink
{
    QStringList messages;
    bool truncated = false;
};

void onParserWarning(gint64 /*offset*/, GMimeParserWarning code, const gchar* item, gpointer userData)
{
    auto* sink = static_cast<WarningSink*>(userData);
    if (code == GMIME_WARN_TRUNCATED_MESSAGE)
        sink->truncated = true;
    const QString text = describeWarning(code, item);
    if (!sink->messages.contains(text) && sink->messages.size() < 100)
        sink->messages.append(text);
}

// GMime's parser over cleaned bytes with our options: loose RFC 2047, warnings collected in sink.
struct GMimeRead
{
    explicit GMimeRead(const QByteArray& bytes)
        : stream(gmime::adopt(
              g_mime_stream_mem_new_with_buffer(bytes.constData(), static_cast<size_t>(bytes.size()))))
        , parser(gmime::adopt(g_mime_parser_new_with_stream(stream.get())))
        , options(g_mime_parser_options_new())
    {
        g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
        g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_warning_callback(options.get(), &onParserWarning, &sink);
    }
    GMimeRead(const GMimeRead&) = delete;
    GMimeRead& operator=(const GMimeRead&) = delete;

    WarningSink sink; // first: the options point at it, so it outlives them (and never moves)
    gmime::GObjectPtr<GMimeStream> stream;
    gmime::GObjectPtr<GMimeParser> parser;
    gmime::ParserOptionsPtr options;
};

// A field's name as text. The names most fields have, spelled as mail writes them, are kept as
// literals (static text: copying one allocates nothing and counts no reference); any other name
// is decoded as before. A literal is the text decodeRawHeader gives for its own ASCII bytes.
QString fieldNameText(QByteArrayView name)
{
    static const std::array known = {
        QStringLiteral("Received"),
        QStringLiteral("From"),
        QStringLiteral("To"),
        QStringLiteral("Subject"),
        QStringLiteral("Date"),
        QStringLiteral("Message-ID"),
        QStringLiteral("Message-Id"),
        QStringLiteral("Return-Path"),
        QStringLiteral("MIME-Version"),
        QStringLiteral("Mime-Version"),
        QStringLiteral("Content-Type"),
        QStringLiteral("Content-Transfer-Encoding"),
        QStringLiteral("Content-Description"),
        QStringLiteral("Content-Disposition"),
        QStringLiteral("Authentication-Results"),
        QStringLiteral("DKIM-Signature"),
        QStringLiteral("Received-SPF"),
        QStringLiteral("Delivered-To"),
        QStringLiteral("Auto-Submitted"),
        QStringLiteral("X-Mailer"),
        QStringLiteral("X-Received"),
        QStringLiteral("X-Original-To"),
        QStringLiteral("X-Failed-Recipients"),
        QStringLiteral("References"),
        QStringLiteral("In-Reply-To"),
        QStringLiteral("Reply-To"),
        QStringLiteral("Cc"),
        QStringLiteral("ARC-Seal"),
        QStringLiteral("ARC-Message-Signature"),
        QStringLiteral("ARC-Authentication-Results"),
        QStringLiteral("X-Google-DKIM-Signature"),
    };
    // By length first: most lengths have one name or none.
    static const auto byLength = [] {
        std::array<std::vector<const QString*>, 32> lists;
        for (const QString& k : known)
            lists[static_cast<size_t>(k.size())].push_back(&k);
        return lists;
    }();
    if (static_cast<size_t>(name.size()) < byLength.size()) {
        for (const QString* k : byLength[static_cast<size_t>(name.size())]) {
            // QStringView(*k), not k->utf16(): QString::utf16() copies static text to make it
            // end in a NUL, writing to the shared table from every thread that reads it.
            if (std::equal(name.begin(), name.end(), QStringView(*k).utf16(),
                           [](char byte, char16_t unit) { return static_cast<unsigned char>(byte) == unit; }))
                return *k;
        }
    }
    return Charset::decodeRawHeader(QByteArray::fromRawData(name.data(), name.size()));
}

// A field as we keep it, from GMime's pieces: the name, the raw value after the colon (its
// folding kept, the line end and leading blanks dropped) and the field's offset.
HeaderField makeField(QByteArrayView name, const char* raw, const char* rawEnd, qint64 offset)
{
    HeaderField field;
    field.name = fieldNameText(name);
    while (rawEnd > raw && (rawEnd[-1] == '\n' || rawEnd[-1] == '\r'))
        --rawEnd;
    while (raw < rawEnd && (*raw == ' ' || *raw == '\t'))
        ++raw;
    field.rawValue = QByteArray(raw, rawEnd - raw);
    field.value = Rfc2047::decode(Rfc2047::unfold(field.rawValue)).trimmed();
    field.offset = offset;
    return field;
}

// The header block of bytes as cleanUp leaves them (LF line ends, no CR, no NUL), read the way
// GMime 3.2.13's parser reads a part's header block (gmime-parser.c: step_headers,
// header_buffer_parse, parser_step_headers), without building GMime objects for the fields and
// the body. A field name runs to the colon: no control characters, blanks only before the colon.
// A line that does not start a valid field joins the fields as one that is then dropped, except
// on the first line, where GMime gives up (nothing read). A line starting with a blank continues
// the field before it; an empty line ends the block. TestMessageLoader compares it with GMime's
// full parse on every fixture, corpus file and generated header block.
// `expectedFields`, when known (plainBlockFieldCount), sizes the list once.
HeaderList readHeaderBlock(const QByteArray& bytes, qsizetype expectedFields = 0)
{
    const char* const p = bytes.constData();
    const qsizetype n = bytes.size();
    const auto isBlankByte = [](char c) { return c == ' ' || c == '\t'; };
    const auto isControl = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 32 || u == 127;
    };
    HeaderList fields;
    fields.reserve(expectedFields);
    qsizetype fieldStart = -1; // the pending field's first byte
    // header_buffer_parse: the pending field [fieldStart, end) becomes a field, or is dropped.
    const auto finish = [&](qsizetype end) {
        if (fieldStart < 0)
            return;
        qsizetype colon = fieldStart;
        bool blank = false;
        while (colon < end && p[colon] != ':') {
            if (isBlankByte(p[colon]))
                blank = true;
            else if (blank || isControl(p[colon]))
                break;
            ++colon;
        }
        if (colon < end && p[colon] == ':') {
            qsizetype nameEnd = colon;
            while (nameEnd > fieldStart && isBlankByte(p[nameEnd - 1]))
                --nameEnd;
            fields.append(makeField(QByteArrayView(p + fieldStart, nameEnd - fieldStart), p + colon + 1,
                                    p + end, fieldStart));
        }
        fieldStart = -1;
    };
    qsizetype pos = 0;
    while (pos < n) {
        const qsizetype lineStart = pos;
        const auto* newline =
            static_cast<const char*>(std::memchr(p + pos, '\n', static_cast<size_t>(n - pos)));
        const qsizetype lineEnd = newline ? newline - p : n;
        if (p[lineStart] == '\n') { // an empty line: the end of the block
            finish(lineStart);
            return fields;
        }
        if (!isBlankByte(p[lineStart]) || fieldStart < 0) {
            // A new field starts (or the block starts with a blank): the pending one is complete.
            finish(lineStart);
            bool valid = true;
            if (p[lineStart] != ':') {
                bool blank = false;
                qsizetype i = lineStart;
                for (; i < n && p[i] != ':'; ++i) {
                    if (isBlankByte(p[i])) {
                        blank = true;
                    } else if (blank || isControl(p[i])) {
                        valid = false;
                        break;
                    }
                }
                if (i == n && valid)
                    return {}; // the input ends inside a field name: GMime fails the parse
            }
            if (!valid && fields.isEmpty())
                return {}; // the first line is no field: GMime fails the parse
            fieldStart = lineStart;
        }
        pos = lineEnd + 1;
    }
    finish(n); // the input ended without an empty line
    return fields;
}

HeaderList readHeaderList(GMimeHeaderList* list, qint64 offsetShift)
{
    HeaderList result;
    if (!list)
        return result;
    const int count = g_mime_header_list_get_count(list);
    result.reserve(count);
    for (int i = 0; i < count; ++i) {
        GMimeHeader* header = g_mime_header_list_get_header_at(list, i);
        if (!header)
            continue;
        const char* name = g_mime_header_get_name(header);
        const char* raw = g_mime_header_get_raw_value(header);
        result.append(makeField(QByteArrayView(name, qstrlen(name)), raw, raw ? raw + std::strlen(raw) : raw,
                                g_mime_header_get_offset(header) + offsetShift));
    }
    return result;
}

// Message fields and the top-level part's Content-* fields live in two lists; merge them back
// into input order by offset.
HeaderList mergeByOffset(HeaderList first, const HeaderList& second)
{
    QSet<qint64> seen;
    for (const HeaderField& f : first)
        seen.insert(f.offset);
    for (const HeaderField& f : second) {
        if (f.offset < 0 || !seen.contains(f.offset))
            first.append(f);
    }
    std::stable_sort(first.begin(), first.end(),
                     [](const HeaderField& a, const HeaderField& b) { return a.offset < b.offset; });
    return first;
}

QString lowerParam(GMimeObject* object, const char* name)
{
    const char* value = g_mime_object_get_content_type_parameter(object, name);
    return value ? QString::fromUtf8(value).trimmed().toLower() : QString();
}

QByteArray readContent(GMimePart* part)
{
    GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
    if (!wrapper)
        return {};
    const GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(wrapper);
    GMimeStream* source = g_mime_data_wrapper_get_stream(wrapper);
    if (source && encoding != GMIME_CONTENT_ENCODING_BASE64 &&
        encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE && encoding != GMIME_CONTENT_ENCODING_UUENCODE) {
        // What g_mime_data_wrapper_write_to_stream copies for these encodings (gmime-data-wrapper.c):
        // the stream as it is, from its start to its end or a read error; read straight into the
        // result instead of through a memory stream.
        g_mime_stream_reset(source);
        const gint64 length = g_mime_stream_length(source);
        QByteArray out;
        out.reserve(length > 0 ? static_cast<qsizetype>(length) : 4096);
        char buffer[4096];
        while (!g_mime_stream_eos(source)) {
            const ssize_t n = g_mime_stream_read(source, buffer, sizeof buffer);
            if (n < 0)
                break;
            out.append(buffer, static_cast<qsizetype>(n));
        }
        g_mime_stream_reset(source);
        return out.isEmpty() ? QByteArray() : out; // as below: no content is a null array
    }
    auto stream = gmime::adopt(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(wrapper, stream.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    if (!bytes || bytes->len == 0)
        return {};
    return QByteArray(reinterpret_cast<const char*>(bytes->data), static_cast<qsizetype>(bytes->len));
}

HeaderList messageHeaders(GMimeMessage* message, qint64 offsetShift)
{
    HeaderList headers = readHeaderList(g_mime_object_get_header_list(GMIME_OBJECT(message)), offsetShift);
    if (GMimeObject* top = g_mime_message_get_mime_part(message))
        headers = mergeByOffset(headers, readHeaderList(g_mime_object_get_header_list(top), offsetShift));
    return headers;
}

MimePart readPart(GMimeObject* object, int depth, TreeLimits& limits)
{
    MimePart part;
    if (!object)
        return part;
    if (++limits.parts > MessageLoader::MaxMimeParts) {
        limits.partsCut = true;
        return part;
    }
    part.headers = readHeaderList(g_mime_object_get_header_list(object), limits.offsetShift);
    if (GMimeContentType* type = g_mime_object_get_content_type(object)) {
        const char* media = g_mime_content_type_get_media_type(type);
        const char* sub = g_mime_content_type_get_media_subtype(type);
        part.contentType = (QString::fromUtf8(media ? media : "text") + QLatin1Char('/') +
                            QString::fromUtf8(sub ? sub : "plain"))
                               .toLower();
    } else {
        part.contentType = QStringLiteral("text/plain");
    }
    part.charset = lowerParam(object, "charset");
    if (const char* name = g_mime_object_get_content_disposition_parameter(object, "filename"))
        part.fileName = Charset::decodeRawHeader(QByteArray(name));
    else if (const char* ctName = g_mime_object_get_content_type_parameter(object, "name"))
        part.fileName = Charset::decodeRawHeader(QByteArray(ctName));

    if (depth >= MaxMimeDepth) {
        limits.depthCut = limits.depthCut || GMIME_IS_MULTIPART(object) || GMIME_IS_MESSAGE_PART(object);
        return part;
    }

    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart* multipart = GMIME_MULTIPART(object);
        // The declared parameter: g_mime_multipart_get_boundary() would make up a random one
        // for a multipart that declares none.
        if (const char* boundary = g_mime_object_get_content_type_parameter(object, "boundary"))
            part.boundary = QString::fromUtf8(boundary);
        const int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i)
            part.children.append(readPart(g_mime_multipart_get_part(multipart, i), depth + 1, limits));
        // A boundary that never occurs leaves no parts: the whole body is then the prologue.
        // Keep it as the part's text so that nothing the sender wrote is lost.
        if (count == 0) {
            if (const char* prologue = g_mime_multipart_get_prologue(multipart))
                part.content = QByteArray(prologue);
        }
        if (const char* epilogue = g_mime_multipart_get_epilogue(multipart)) {
            if (!QByteArray(epilogue).trimmed().isEmpty())
                part.epilogue = QByteArray(epilogue);
        }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        if (GMimeMessage* embedded = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object))) {
            part.messageHeaders = messageHeaders(embedded, limits.offsetShift);
            if (GMimeObject* top = g_mime_message_get_mime_part(embedded))
                part.children.append(readPart(top, depth + 1, limits));
        }
    } else if (GMIME_IS_PART(object)) {
        part.content = readContent(GMIME_PART(object));
    }
    return part;
}

// Bytes after the header block, for deciding between "headers" and "message".
bool hasBodyText(const QByteArray& cleaned)
{
    qsizetype blank = -1;
    if (cleaned.startsWith('\n'))
        blank = 0;
    else {
        const qsizetype pos = indexOfPair(cleaned, '\n', '\n');
        if (pos < 0) {
            // a blank line made of white space also ends the header block
            return false;
        }
        blank = pos + 1;
    }
    for (qsizetype i = blank; i < cleaned.size(); ++i) {
        const char c = cleaned[i];
        if (c != ' ' && c != '\t' && c != '\n')
            return true;
    }
    return false;
}

// The top-level header block of a whole message, read by readHeaderBlock instead of GMime, when
// GMime would have nothing more to say about it. GMime then parses only the body, behind the
// block's Content-* and MIME-Version fields, which decide how the body is read.
//
// For each top-level field GMime makes an object, and, since a warning callback is set, decodes
// the value (to warn of malformed encoded words); it parses addresses and dates, and warns of a
// field given twice that should appear once. Those fields are a third of a bounce's bytes and
// about a tenth of the cost of an analysis, and their warnings are the only thing we take from
// that work (the fields themselves we read from the bytes either way). So the block is read here
// only when none of it can warn:
// - every byte is printable ASCII, a tab or a line end (no raw 8-bit, no control byte);
// - every line is a field ("Name:", the name printable ASCII without blanks) or a continuation
//   holding more than blanks (no line GMime would drop with a warning);
// - no field that should appear once is given twice (GMime warns of those);
// - GMime's own decoder finds nothing to warn of in a value holding an encoded word ("=?"), nor
//   its address parser in an address field (both run here with a warning callback);
// - an empty line ends the block and a body follows (a block alone is a paste of headers, which
//   GMime reads with its own warnings about the missing body).
// Any other input is read by GMime whole, as before. TestMessageLoader compares both readings on
// every fixture and corpus file and on generated messages.
struct OwnTopBlock
{
    HeaderList fields;
    qsizetype bodyStart = 0; // the empty line after the block
};

// What GMime is given when our reading of the body gives up: the top-level Content-* and
// MIME-Version fields, the empty line and the body.
struct BodyForGMime
{
    QByteArray bytes;
    qint64 offsetShift = 0; // added to GMime's offsets in the body to give offsets in the analysed bytes
    // Where each field given to GMime starts in `bytes` and in the analysed bytes.
    std::vector<std::pair<qint64, qint64>> headOffsets;
};

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

bool nameStartsWith(QByteArrayView name, QByteArrayView lowerPrefix)
{
    return name.size() >= lowerPrefix.size() && sameName(name.first(lowerPrefix.size()), lowerPrefix);
}

// The fields GMime warns of when a message gives them twice (RFC 5322's single fields and every
// Content-* field), and Resent-* and MIME-Version besides, to be safe.
bool singleInAMessage(QByteArrayView name)
{
    static constexpr std::array<QByteArrayView, 12> names = {
        "date", "from",       "sender",      "reply-to",   "to",      "cc",
        "bcc",  "message-id", "in-reply-to", "references", "subject", "mime-version"};
    return nameStartsWith(name, "content-") || nameStartsWith(name, "resent-") ||
           std::any_of(names.begin(), names.end(),
                       [&](QByteArrayView single) { return sameName(name, single); });
}

bool isAddressField(QStringView name)
{
    if (startsWithCaseless(name, QLatin1StringView("resent-")))
        name = name.sliced(7);
    static constexpr std::array<QStringView, 6> names = {u"from", u"sender", u"reply-to",
                                                         u"to",   u"cc",     u"bcc"};
    return std::any_of(names.begin(), names.end(), [&](QStringView n) { return equalsCaseless(name, n); });
}

// A quoted string or comment whose opening character stands at `open` and which holds only
// printable ASCII other than `stops` up to its closing character `close`: the index after the
// closing character, or -1 when it has none (or holds something else first).
qsizetype plainEnclosedEnd(QByteArrayView v, qsizetype open, const char* stops, char close)
{
    qsizetype i = open + 1;
    while (i < v.size() && v[i] >= ' ' && v[i] < 127 && !std::strchr(stops, v[i]))
        ++i;
    return i < v.size() && v[i] == close ? i + 1 : -1;
}

// An address list GMime's address parser reads without a warning, known without running it (it
// builds GMime objects for each address, only to be freed): addresses separated by commas, each
// "local@domain", "<local@domain>" or "Display Name <local@domain>", optionally followed by a
// comment without nested parentheses or backslashes. The local part and each domain label are
// dot-separated runs of RFC 5322 atext (letters, digits, hyphens for a domain); a display name is
// words of atext without dots, or quoted strings without backslashes; no encoded word anywhere.
// Blanks and folded line ends may stand between the pieces. Anything else, even when GMime would
// take it without a word, is left to it. TestMessageLoader compares the two on generated lists.
bool plainAddressList(QByteArrayView v)
{
    if (v.contains("=?"))
        return false;
    const auto isAtext = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               (c != 0 && std::strchr("!#$%&'*+-/=?^_`{|}~", c));
    };
    const auto isDomainChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    };
    const qsizetype n = v.size();
    qsizetype i = 0;
    const auto blanks = [&] {
        while (i < n) {
            if (v[i] == ' ' || v[i] == '\t')
                ++i;
            else if (v[i] == '\n' && i + 1 < n && (v[i + 1] == ' ' || v[i + 1] == '\t'))
                ++i;
            else if (v[i] == '\r' && i + 2 < n && v[i + 1] == '\n' && (v[i + 2] == ' ' || v[i + 2] == '\t'))
                i += 2;
            else
                break;
        }
    };
    // One or more runs of `isChar` characters joined by single dots.
    const auto dotted = [&](const auto& isChar) {
        while (true) {
            const qsizetype run = i;
            while (i < n && isChar(v[i]))
                ++i;
            if (i == run)
                return false;
            if (i + 1 < n && v[i] == '.' && isChar(v[i + 1])) {
                ++i;
                continue;
            }
            return true;
        }
    };
    const auto addrSpec = [&] {
        if (!dotted(isAtext) || i >= n || v[i] != '@')
            return false;
        ++i;
        return dotted(isDomainChar);
    };
    const auto angleAddr = [&] {
        if (i >= n || v[i] != '<')
            return false;
        ++i;
        if (!addrSpec() || i >= n || v[i] != '>')
            return false;
        ++i;
        return true;
    };
    const auto atEnd = [&] {
        return i == n || v[i] == ',' || v[i] == ' ' || v[i] == '\t' || v[i] == '(' || v[i] == '\r' ||
               v[i] == '\n';
    };
    blanks();
    while (true) {
        if (i >= n)
            return false; // nothing, or nothing after a comma
        if (v[i] == '<') {
            if (!angleAddr())
                return false;
        } else {
            const qsizetype start = i;
            if (!(addrSpec() && atEnd())) {
                // a display name, then the address in angle brackets
                i = start;
                bool words = false;
                while (i < n && v[i] != '<') {
                    if (v[i] == '"') {
                        i = plainEnclosedEnd(v, i, "\"\\", '"');
                        if (i < 0)
                            return false;
                    } else {
                        const qsizetype word = i;
                        while (i < n && isAtext(v[i]))
                            ++i;
                        if (i == word)
                            return false;
                    }
                    words = true;
                    const qsizetype beforeBlanks = i;
                    blanks();
                    if (i == beforeBlanks && i < n && v[i] != '<')
                        return false; // words run together ("a"b)
                }
                if (!words || !angleAddr())
                    return false;
            }
        }
        blanks();
        if (i < n && v[i] == '(') {
            i = plainEnclosedEnd(v, i, "()\\", ')');
            if (i < 0)
                return false;
            blanks();
        }
        if (i == n)
            return true;
        if (v[i] != ',')
            return false;
        ++i;
        blanks();
    }
}

bool isContentField(QStringView name)
{
    return startsWithCaseless(name, QLatin1StringView("content-"));
}

// The Content-* fields of a message's block: the fields of its top-level MIME part.
HeaderList contentFields(const HeaderList& fields)
{
    HeaderList out;
    for (const HeaderField& field : fields) {
        if (isContentField(field.name))
            out.append(field);
    }
    return out;
}

// Whether every byte of [p, p + n) is printable ASCII, a tab or a line end.
bool onlyPrintableAscii(const char* p, qsizetype n)
{
    qsizetype i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: 0x20 to 0x7e are the bytes above 0x1f as signed (0x80 and up are
    // negative) but 0x7f.
    for (; n - i >= 16; i += 16) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i ok =
            _mm_andnot_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(0x7f)), _mm_cmpgt_epi8(c, _mm_set1_epi8(0x1f)));
        ok = _mm_or_si128(ok, _mm_cmpeq_epi8(c, _mm_set1_epi8('\t')));
        ok = _mm_or_si128(ok, _mm_cmpeq_epi8(c, _mm_set1_epi8('\n')));
        if (_mm_movemask_epi8(ok) != 0xFFFF)
            return false;
    }
#endif
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if ((c < ' ' && c != '\t' && c != '\n') || c > '~')
            return false;
    }
    return true;
}

// The number of fields of the header block from `begin` to `blockEnd` (the line end of its last
// line) when the block is plain as described above, else -1. In the block of a MIME part (not a
// message) no name may repeat: GMime calls a repeated Received there a conflict.
enum class BlockOf
{
    Message,
    Part
};
qsizetype plainBlockFieldCount(const char* p, qsizetype begin, qsizetype blockEnd, BlockOf blockOf)
{
    if (!onlyPrintableAscii(p + begin, blockEnd + 1 - begin))
        return -1;
    // The names that must not repeat, as they stand in the bytes (a block holds a few of them).
    QVarLengthArray<QByteArrayView, 32> once;
    qsizetype count = 0;
    qsizetype pos = begin;
    while (pos <= blockEnd) {
        const auto* newline =
            static_cast<const char*>(std::memchr(p + pos, '\n', static_cast<size_t>(blockEnd + 1 - pos)));
        const qsizetype lineEnd = newline - p; // always found: the block ends with one
        if (p[pos] == ' ' || p[pos] == '\t') {
            // a continuation: not the first line, and more than blanks
            if (pos == begin ||
                std::all_of(p + pos, p + lineEnd, [](char c) { return c == ' ' || c == '\t'; }))
                return -1;
        } else {
            qsizetype i = pos;
            while (i < lineEnd && p[i] != ':' && p[i] != ' ' && p[i] != '\t')
                ++i;
            if (i == pos || i == lineEnd || p[i] != ':')
                return -1; // an empty name, a blank in or after it, or no colon
            const QByteArrayView name(p + pos, i - pos);
            if (blockOf == BlockOf::Part || singleInAMessage(name)) {
                if (std::any_of(once.begin(), once.end(),
                                [&](QByteArrayView seen) { return sameName(seen, name); }))
                    return -1;
                once.append(name);
            }
            ++count;
        }
        pos = lineEnd + 1;
    }
    return count;
}

// The fields of the plain header block starting at `begin` (offsets in `bytes`), read by
// readHeaderBlock; nullopt when GMime's decoder finds a malformed encoded word in a value or its
// address parser an unreadable address list (they report to the callback of `options`, into `sink`).
std::optional<HeaderList> plainBlockFields(const QByteArray& bytes, qsizetype begin, qsizetype count,
                                           GMimeParserOptions* options, const WarningSink& sink)
{
    HeaderList fields =
        readHeaderBlock(QByteArray::fromRawData(bytes.constData() + begin, bytes.size() - begin), count);
    if (fields.size() != count)
        return std::nullopt;
    for (HeaderField& field : fields) {
        field.offset += begin;
        if (indexOfPair(field.rawValue, '=', '?') >= 0) {
            gchar* unfolded = g_mime_utils_header_unfold(field.rawValue.constData());
            g_free(g_mime_utils_header_decode_text(options, unfolded));
            g_free(unfolded);
        }
        if (isAddressField(field.name) && !plainAddressList(field.rawValue))
            gmime::adopt(
                internet_address_list_parse(options, field.rawValue.constData())); // for its warnings
        if (!sink.messages.isEmpty())
            return std::nullopt;
    }
    return fields;
}

struct CheckingOptions
{
    CheckingOptions()
        : options(g_mime_parser_options_new())
    {
        g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
        g_mime_parser_options_set_warning_callback(options.get(), &onParserWarning, &sink);
    }
    CheckingOptions(const CheckingOptions&) = delete;
    CheckingOptions& operator=(const CheckingOptions&) = delete;
    WarningSink sink; // first: the options point at it
    gmime::ParserOptionsPtr options;
};

std::optional<OwnTopBlock> readOwnTopBlock(const QByteArray& bytes)
{
    const qsizetype blockEnd = indexOfPair(bytes, '\n', '\n'); // the last field's line end
    if (blockEnd <= 0 || !hasBodyText(bytes))
        return std::nullopt;
    const qsizetype count = plainBlockFieldCount(bytes.constData(), 0, blockEnd, BlockOf::Message);
    if (count < 0)
        return std::nullopt;
    CheckingOptions checking;
    std::optional<HeaderList> fields =
        plainBlockFields(bytes, 0, count, checking.options.get(), checking.sink);
    if (!fields)
        return std::nullopt;
    return OwnTopBlock{std::move(*fields), blockEnd + 1};
}

BodyForGMime bodyForGMime(const OwnTopBlock& top, const QByteArray& bytes)
{
    const char* const p = bytes.constData();
    BodyForGMime out;
    QByteArray head;
    for (qsizetype k = 0; k < top.fields.size(); ++k) {
        const HeaderField& field = top.fields[k];
        if (isContentField(field.name) || field.isNamed(u"MIME-Version")) {
            const qint64 end = k + 1 < top.fields.size() ? top.fields[k + 1].offset : top.bodyStart;
            out.headOffsets.emplace_back(head.size(), field.offset);
            head.append(p + field.offset, static_cast<qsizetype>(end - field.offset));
        }
    }
    if (head.isEmpty())
        head = "X-HeaderLens-Body: 1\n"; // GMime reads no message without a field
    out.offsetShift = top.bodyStart - head.size();
    out.bytes.reserve(head.size() + bytes.size() - top.bodyStart);
    out.bytes.append(head);
    out.bytes.append(p + top.bodyStart, bytes.size() - top.bodyStart);
    return out;
}

// A Content-Type or Content-Disposition value as GMime's parser reads it, when it is simple enough
// that the words say what GMime makes of them and GMime warns of nothing: a token, or a
// type/subtype of tokens, then parameters "; name=value", each name once (GMime warns of a name
// given twice), none in RFC 2231's extended form (name*), each value a token or a quoted string
// without backslashes, and no encoded word. Blanks (spaces, tabs) may stand around each piece;
// GMime drops them, and a last ';'. TestMessageLoader compares it with GMime's parser on
// generated values. nullopt: anything else, left to GMime.
struct PlainParameters
{
    QByteArrayView type;
    QByteArrayView subtype;
    QVarLengthArray<std::pair<QByteArrayView, QByteArrayView>, 4> parameters;

    // The value of a parameter (names compared ignoring ASCII case, as GMime compares them), or a
    // null view.
    QByteArrayView value(QByteArrayView name) const
    {
        for (const auto& [n, v] : parameters) {
            if (sameName(n, name))
                return v;
        }
        return {};
    }
};

std::optional<PlainParameters> plainParameters(QByteArrayView text, bool withSubtype)
{
    const auto isToken = [](char c) { return c > ' ' && c < 127 && !std::strchr("()<>@,;:\\\"/[]?=", c); };
    const qsizetype size = text.size();
    qsizetype i = 0;
    const auto blanks = [&] {
        while (i < size && (text[i] == ' ' || text[i] == '\t'))
            ++i;
    };
    const auto token = [&] {
        const qsizetype start = i;
        while (i < size && isToken(text[i]))
            ++i;
        return text.sliced(start, i - start);
    };
    PlainParameters out;
    blanks();
    out.type = token();
    if (out.type.isEmpty())
        return std::nullopt;
    if (withSubtype) {
        if (i >= size || text[i] != '/')
            return std::nullopt;
        ++i;
        out.subtype = token();
        if (out.subtype.isEmpty())
            return std::nullopt;
    }
    blanks();
    while (i < size) {
        if (text[i] != ';')
            return std::nullopt;
        ++i;
        blanks();
        if (i == size)
            break; // a last ';'
        const QByteArrayView name = token();
        if (name.isEmpty() || name.contains('*') || !out.value(name).isNull())
            return std::nullopt;
        blanks();
        if (i >= size || text[i] != '=')
            return std::nullopt;
        ++i;
        blanks();
        QByteArrayView value;
        if (i < size && text[i] == '"') {
            const qsizetype start = i + 1;
            i = plainEnclosedEnd(text, i, "\"\\", '"');
            if (i < 0)
                return std::nullopt;
            value = text.sliced(start, i - 1 - start);
        } else {
            value = token();
        }
        if (value.isEmpty() || value.contains("=?"))
            return std::nullopt;
        out.parameters.append({name, value});
        blanks();
    }
    return out;
}

// The body behind a plain top-level block, read without GMime's parser when its MIME structure is
// plain too: every multipart declares a boundary, its boundary lines are exact ("--b" and "--b--",
// nothing after them), it has parts and its closing line (or runs to the end of the input); every
// part starts with a plain header block (as above) ended by an empty line, or with the empty line
// of a part without fields; every attached message (message/rfc822) starts with a plain header
// block ended by an empty line; every Content-Type and Content-Disposition value is plain
// (plainParameters); at most 16 levels and 1,000 parts. The pieces are what GMime's reading gives:
// the same fields, content types and parameters, content decoded by GMime's decoders, epilogues.
// Anything else (a lenient or look-alike boundary line, a parameter in RFC 2231 form,
// message/partial and other message/* types not named below, a multipart/digest, uuencoded
// content, ...) sends the message to GMime's parser. Reading a bounce this way costs a fraction of
// building, walking and freeing GMime's object tree for it.
class OwnTree
{
public:
    explicit OwnTree(const QByteArray& bytes)
        : m_bytes(bytes)
    {}

    // A multipart ran to the end of the input without its closing line.
    bool truncated() const { return m_truncated; }

    std::optional<MimePart> body(const OwnTopBlock& top)
    {
        MimePart part;
        if (!entity(contentFields(top.fields), top.bodyStart + 1, m_bytes.size(), 0, part))
            return std::nullopt;
        return part;
    }

private:
    // The raw value unfolded by GMime's function, as GMime parses Content-* values.
    static QByteArray unfolded(const HeaderField& field)
    {
        gchar* value = g_mime_utils_header_unfold(field.rawValue.constData());
        QByteArray out(value);
        g_free(value);
        return out;
    }

    // A part whose fields are `fields` and whose content is bytes [begin, end).
    bool entity(const HeaderList& fields, qsizetype begin, qsizetype end, int depth, MimePart& out)
    {
        if (++m_parts > 1000 || depth > 16 || begin > end)
            return false;
        out.headers = fields;
        QByteArray media = "text";
        QByteArray subtype = "plain";
        QByteArray boundary;
        QByteArray name;
        if (const HeaderField* field = findHeader(fields, u"Content-Type")) {
            const QByteArray value = unfolded(*field);
            const auto plain = plainParameters(value, true);
            if (!plain)
                return false;
            media = plain->type.toByteArray().toLower();
            subtype = plain->subtype.toByteArray().toLower();
            if (const QByteArrayView charset = plain->value("charset"); !charset.isNull())
                out.charset = QString::fromUtf8(charset).trimmed().toLower();
            boundary = plain->value("boundary").toByteArray();
            name = plain->value("name").toByteArray();
        }
        out.contentType = QString::fromUtf8(media + '/' + subtype);
        if (const HeaderField* field = findHeader(fields, u"Content-Disposition")) {
            const QByteArray value = unfolded(*field);
            const auto plain = plainParameters(value, false);
            if (!plain)
                return false;
            if (const QByteArrayView fileName = plain->value("filename"); !fileName.isNull())
                name = fileName.toByteArray();
        }
        if (!name.isNull())
            out.fileName = Charset::decodeRawHeader(name);
        if (media == "multipart")
            return subtype != "digest" && !boundary.isEmpty() && begin < end &&
                   multipart(boundary, begin, end, depth, out);
        if (media == "message") {
            // GMime reads these three as attached messages, and keeps the report types as they
            // are; any other message/* type is left to it.
            if (subtype == "rfc822" || subtype == "global" || subtype == "news")
                return begin < end && message(begin, end, depth, out);
            static constexpr std::array<QByteArrayView, 5> reports = {
                "delivery-status", "global-delivery-status", "feedback-report", "disposition-notification",
                "global-headers"};
            if (std::find(reports.begin(), reports.end(), QByteArrayView(subtype)) == reports.end())
                return false;
        }
        GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_DEFAULT;
        if (const HeaderField* field = findHeader(fields, u"Content-Transfer-Encoding"))
            encoding = g_mime_content_encoding_from_string(field->value.toUtf8().constData());
        if (encoding == GMIME_CONTENT_ENCODING_UUENCODE)
            return false; // GMime's filter looks for the "begin" line first: left to it
        out.content = leafContent(encoding, begin, end);
        return true;
    }

    // Content as readContent() gives it: decoded for base64 and quoted-printable, else as it is.
    QByteArray leafContent(GMimeContentEncoding encoding, qsizetype begin, qsizetype end) const
    {
        const char* in = m_bytes.constData() + begin;
        const auto length = static_cast<size_t>(end - begin);
        if (length == 0)
            return {}; // no content is a null array, as readContent() gives it
        if (encoding != GMIME_CONTENT_ENCODING_BASE64 && encoding != GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
            return QByteArray(in, static_cast<qsizetype>(length));
        GMimeEncoding state;
        g_mime_encoding_init_decode(&state, encoding);
        QByteArray out(static_cast<qsizetype>(g_mime_encoding_outlen(&state, length) + 16),
                       Qt::Uninitialized);
        size_t n = g_mime_encoding_step(&state, in, length, out.data());
        n += g_mime_encoding_flush(&state, in + length, 0, out.data() + n);
        if (n == 0)
            return {};
        out.truncate(static_cast<qsizetype>(n));
        return out;
    }

    // A header block starting at `begin` and ending with an empty line before `end`: its fields,
    // and where the content after the empty line starts (`end` when there is none).
    std::optional<std::pair<HeaderList, qsizetype>> block(qsizetype begin, qsizetype end, BlockOf blockOf)
    {
        const char* p = m_bytes.constData();
        if (p[begin] == '\n' || p[begin] == ' ' || p[begin] == '\t')
            return std::nullopt;
        const qsizetype blockEnd = indexOfPair(QByteArrayView(p, end), '\n', '\n', begin);
        if (blockEnd < 0 || blockEnd + 1 >= end)
            return std::nullopt; // no empty line: GMime warns that the part ends after its fields
        const qsizetype count = plainBlockFieldCount(p, begin, blockEnd, blockOf);
        if (count < 0)
            return std::nullopt;
        std::optional<HeaderList> fields =
            plainBlockFields(m_bytes, begin, count, m_checking.options.get(), m_checking.sink);
        if (!fields)
            return std::nullopt;
        return std::make_pair(std::move(*fields), blockEnd + 2);
    }

    bool message(qsizetype begin, qsizetype end, int depth, MimePart& out)
    {
        std::optional<std::pair<HeaderList, qsizetype>> read = block(begin, end, BlockOf::Message);
        if (!read)
            return false;
        out.messageHeaders = std::move(read->first);
        MimePart child;
        if (!entity(contentFields(out.messageHeaders), read->second, end, depth + 1, child))
            return false;
        out.children.append(std::move(child));
        return true;
    }

    bool multipart(const QByteArray& boundary, qsizetype begin, qsizetype end, int depth, MimePart& out)
    {
        out.boundary = QString::fromUtf8(boundary);
        const QByteArray open = "--" + boundary;
        const char* p = m_bytes.constData();
        std::vector<std::pair<qsizetype, qsizetype>> lines; // boundary lines: start, end
        qsizetype close = -1;                               // the closing line's end
        for (qsizetype pos = begin; pos < end && close < 0;) {
            const auto* newline =
                static_cast<const char*>(std::memchr(p + pos, '\n', static_cast<size_t>(end - pos)));
            const qsizetype lineEnd = newline ? newline - p : end;
            const QByteArrayView line(p + pos, lineEnd - pos);
            if (line.startsWith(open)) {
                const QByteArrayView rest = line.sliced(open.size());
                if (rest == "--")
                    close = lineEnd;
                else if (!rest.isEmpty())
                    return false; // a lenient or look-alike boundary line: left to GMime
                lines.emplace_back(pos, lineEnd);
            }
            pos = lineEnd + 1;
        }
        if (close < 0) {
            // No closing line: GMime reads the last part to the end of the input and warns that the
            // message is truncated. Only where this multipart runs to the end of the input: one
            // cut short inside another part reads otherwise.
            if (end != m_bytes.size() || lines.empty())
                return false;
            lines.emplace_back(end + 1, end + 1); // the last part ends at the end of the input
            m_truncated = true;
        }
        if (lines.size() < 2)
            return false;
        for (size_t k = 0; k + 1 < lines.size(); ++k) {
            const qsizetype from = lines[k].second + 1;
            const qsizetype to = lines[k + 1].first - 1; // the line end before a boundary is the boundary's
            if (from >= to)
                return false;
            // A part may have no fields: an empty line right after the boundary line.
            std::optional<std::pair<HeaderList, qsizetype>> read =
                p[from] == '\n' ? std::make_optional(std::make_pair(HeaderList(), from + 1))
                                : block(from, to, BlockOf::Part);
            if (!read)
                return false;
            MimePart child;
            if (!entity(read->first, read->second, to, depth + 1, child))
                return false;
            out.children.append(std::move(child));
        }
        if (close >= 0 && close + 1 < end) {
            const QByteArray epilogue(p + close + 1, end - close - 1);
            if (!epilogue.trimmed().isEmpty())
                out.epilogue = epilogue;
        }
        return true;
    }

    const QByteArray& m_bytes;
    CheckingOptions m_checking;
    int m_parts = 0;
    bool m_truncated = false;
};

// Random bytes, an image or an archive hold control bytes that no text does (mail text has tab,
// line ends, form feed and the ESC of ISO-2022-JP at most): the percentage of them in the first
// 64 KB when it is above 2 %, else 0.
int binaryPercent(QByteArrayView bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 64 * 1024);
    qsizetype controls = 0;
    qsizetype i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: the bytes up to 0x1f but for the five text controls, and DEL.
    const __m128i controlTop = _mm_set1_epi8(0x1f);
    for (; n - i >= 16; i += 16) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + i));
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(c, controlTop), c);
        const __m128i del = _mm_cmpeq_epi8(c, _mm_set1_epi8(0x7f));
        if (_mm_movemask_epi8(_mm_or_si128(control, del)) == 0)
            continue; // most blocks of text: nothing below 0x20 at all
        const __m128i lineEnds =
            _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(c, _mm_set1_epi8('\r')));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(lineEnds, control), del)) == 0)
            continue; // most of the others: line ends only
        for (const char allowed : {'\t', '\n', '\r', '\f', '\x1b'})
            control = _mm_andnot_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(allowed)), control);
        control = _mm_or_si128(control, del);
        controls += __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(control)));
    }
#endif
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) || c == 0x7f)
            ++controls;
    }
    const int percent = n > 0 ? static_cast<int>(controls * 100 / n) : 0;
    return controls * 50 > n ? std::max(percent, 2) : 0;
}

// QByteArray::replace(pattern, "\n") in place: each occurrence of `pattern` (a line end of two or
// three bytes), left to right and not overlapping, becomes one '\n'. memchr finds the candidates.
void collapse(QByteArray& bytes, QByteArrayView pattern)
{
    char* const data = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype read = 0;
    qsizetype write = 0;
    while (read < size) {
        const auto* hit =
            static_cast<const char*>(std::memchr(data + read, pattern[0], static_cast<size_t>(size - read)));
        const qsizetype at = hit ? hit - data : size;
        if (write != read)
            std::memmove(data + write, data + read, static_cast<size_t>(at - read));
        write += at - read;
        read = at;
        if (read >= size)
            break;
        if (size - read >= pattern.size() &&
            std::memcmp(data + read, pattern.data(), static_cast<size_t>(pattern.size())) == 0) {
            data[write++] = '\n';
            read += pattern.size();
        } else {
            data[write++] = data[read++];
        }
    }
    bytes.truncate(write);
}

// What trimmed().isEmpty() tells, without copying the input to trim it.
bool onlyWhiteSpace(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    });
}

QString megabytes(qint64 bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

QString MessageLoader::tooLarge(qint64 size)
{
    return QStringLiteral("The input is larger than %1 MB (%2 MB): refused without analysing it.")
        .arg(MaxInputBytes / (1024 * 1024))
        .arg(megabytes(size));
}

MessageLoader::Cleaned MessageLoader::cleanUp(const QByteArray& input)
{
    return cleanUp(input, true);
}

MessageLoader::Cleaned MessageLoader::cleanUpEveryLine(const QByteArray& input)
{
    return cleanUp(input, false);
}

MessageLoader::Cleaned MessageLoader::cleanUp(const QByteArray& input, bool shortcut)
{
    Cleaned result;
    QByteArray bytes = input;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    if (std::memchr(bytes.constData(), '\r', static_cast<size_t>(bytes.size()))) {
        // CRLF, and the damaged forms one line end takes after conversions: CR CR LF (a CRLF file
        // converted once more) and LF CR (reversed). Each is one line end, never a blank line.
        collapse(bytes, "\r\r\n");
        collapse(bytes, "\r\n");
        collapse(bytes, "\n\r");
        bytes.replace('\r', '\n');
    }
    if (bytes.contains('\0')) {
        bytes.replace('\0', ' ');
        result.notes.append(QStringLiteral("The input contains NUL bytes; they were read as spaces."));
    }
    if (shortcut && needsNoRepair(bytes)) {
        result.bytes = bytes; // shared with the input when nothing above changed it: no copy
        return result;
    }

    QList<QByteArrayView> lines;
    {
        const char* const data = bytes.constData();
        qsizetype start = 0;
        while (start <= bytes.size()) {
            const auto* newline = static_cast<const char*>(
                std::memchr(data + start, '\n', static_cast<size_t>(bytes.size() - start)));
            const qsizetype end = newline ? newline - data : bytes.size();
            lines.append(QByteArrayView(data + start, end - start));
            start = end + 1;
        }
    }

    qsizetype first = 0;
    while (first < lines.size() && isBlank(lines[first]))
        ++first;
    if (first > 0 && first < lines.size())
        result.notes.append(QStringLiteral("Skipped %1 blank line(s) before the header fields.").arg(first));
    if (first >= lines.size()) {
        result.bytes.clear();
        return result;
    }

    // Indented paste (quoted in a ticket, copied from a web page): strip the first line's indent.
    QList<QByteArray> dedented;
    if (startsWithWhitespace(lines[first])) {
        qsizetype indent = 0;
        while (indent < lines[first].size() && (lines[first][indent] == ' ' || lines[first][indent] == '\t'))
            ++indent;
        const QByteArrayView prefix = lines[first].first(indent);
        dedented.reserve(lines.size());
        for (const QByteArrayView& line : std::as_const(lines))
            dedented.append(line.startsWith(prefix) ? line.sliced(indent).toByteArray() : line.toByteArray());
        lines.clear();
        for (const QByteArray& line : std::as_const(dedented))
            lines.append(QByteArrayView(line));
        result.notes.append(QStringLiteral("Removed the indentation the pasted text carried."));
    }

    if (lines[first].startsWith("From ") && !isFieldLine(lines[first])) {
        ++first; // mbox separator line
        result.notes.append(QStringLiteral("Skipped the mbox \"From \" separator line."));
    }

    qsizetype start = first;
    if (first < lines.size() && !isFieldLine(lines[first])) {
        const QList<HeaderBlock> blocks = findHeaderBlocks(lines, first);
        const HeaderBlock* chosen = nullptr;
        for (const HeaderBlock& block : blocks) {
            if (block.messageLike) {
                chosen = &block;
                break;
            }
        }
        if (!chosen) {
            for (const HeaderBlock& block : blocks) {
                if (block.fields >= 2) {
                    chosen = &block;
                    break;
                }
            }
        }
        if (!chosen && !blocks.isEmpty())
            chosen = &blocks.first();
        if (!chosen) {
            result.bytes.clear();
            return result;
        }
        start = chosen->start;
        int skipped = 0;
        for (qsizetype i = first; i < start; ++i)
            skipped += isBlank(lines[i]) ? 0 : 1;
        result.notes.append(
            QStringLiteral("Skipped %1 line(s) of text before the first header field.").arg(skipped));
    }

    QByteArray out;
    out.reserve(bytes.size() + 64);
    qsizetype i = start;
    int repairedFolds = 0;
    bool headerCut = false;
    for (; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (isBlank(line))
            break;
        const bool lostFold =
            !isFieldLine(line) && !startsWithWhitespace(line) && i > start && isLostFold(lines, i);
        if (!lostFold && !isFieldLine(line) && !startsWithWhitespace(line) && i > start)
            break; // the body starts here without a blank line
        // A header block of megabytes (a million tiny fields) is no real one: read its start.
        if (headerCut || out.size() + line.size() + 2 > MaxHeaderBytes) {
            headerCut = true;
            continue;
        }
        if (lostFold) {
            out.append(' ');
            ++repairedFolds;
        }
        out.append(line.data(), line.size());
        out.append('\n');
    }
    if (headerCut)
        result.notes.append(QStringLiteral("The header block is larger than %1 KB; only its first %1 KB were "
                                           "analysed.")
                                .arg(MaxHeaderBytes / 1024));
    if (repairedFolds > 0)
        result.notes.append(
            QStringLiteral("Joined %1 line(s) that lost their folding indentation to the field above.")
                .arg(repairedFolds));
    if (i < lines.size()) {
        if (!isBlank(lines[i]))
            out.append('\n'); // body met without a blank line: insert the separator
        if (dedented.isEmpty()) {
            // The lines from here on are one run of `bytes`: copy it whole.
            out.append(lines[i].data(), bytes.constData() + bytes.size() - lines[i].data());
        } else {
            for (; i < lines.size(); ++i) {
                out.append(lines[i].data(), lines[i].size());
                if (i + 1 < lines.size())
                    out.append('\n');
            }
        }
    }
    result.bytes = out;
    return result;
}

HeaderList MessageLoader::headersFromBytes(const QByteArray& input)
{
    gmime::ensureInitialised();
    if (input.size() > MaxInputBytes || onlyWhiteSpace(input) || binaryPercent(input) > 0)
        return {};
    const Cleaned cleaned = cleanUp(input);
    if (cleaned.bytes.isEmpty())
        return {};
    return readHeaderBlock(cleaned.bytes);
}

ParsedMessage MessageLoader::fromBytes(const QByteArray& input)
{
    return load(input, true);
}

ParsedMessage MessageLoader::fromBytesThroughGMime(const QByteArray& input)
{
    return load(input, false);
}

namespace {

// The binary files people take for a message, known by their first bytes, and what to do
// instead; empty for any other input.
QString knownBinaryFile(const QByteArray& bytes)
{
    if (bytes.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) // a compound file (MS-CFB)
        return QStringLiteral(
            "This is an Outlook message file (.msg, Outlook's own binary format; or another "
            "Microsoft Office file), which HeaderLens does not read. In Outlook, open the message, "
            "choose File > Properties, copy the \"Internet headers\" box and paste it into "
            "HeaderLens (Outlook on the web: View > View message details).");
    if (bytes.startsWith("\x78\x9F\x3E\x22")) // TNEF (MS-OXTNEF)
        return QStringLiteral("This is a winmail.dat attachment (Outlook's TNEF format), not a message: "
                              "open the message it came with instead, or its headers.");
    if (bytes.startsWith("PK\x03\x04"))
        return QStringLiteral(
            "This is a ZIP archive, not a message: extract it and open the .eml files in it.");
    if (bytes.startsWith("%PDF-"))
        return QStringLiteral("This is a PDF document, not a message: open the message itself (.eml) or "
                              "paste its headers.");
    return QString();
}

} // namespace

ParsedMessage MessageLoader::load(const QByteArray& input, bool mayReadTopBlock)
{
    gmime::ensureInitialised();
    ParsedMessage message;
    message.inputSize = input.size();

    if (input.size() > MaxInputBytes) {
        message.errors.append(tooLarge(input.size()));
        return message;
    }
    const QByteArray& bytes = input;
    if (onlyWhiteSpace(bytes)) {
        message.errors.append(QStringLiteral("The input is empty."));
        return message;
    }
    if (const QString known = knownBinaryFile(bytes); !known.isEmpty()) {
        message.errors.append(known + QStringLiteral(" Nothing was analysed."));
        return message;
    }
    if (const int percent = binaryPercent(bytes); percent > 0) {
        message.errors.append(QStringLiteral("The input is binary data (%1% control bytes), not a message or "
                                             "header text; nothing was analysed.")
                                  .arg(percent));
        return message;
    }

    Cleaned cleaned = cleanUp(bytes);
    message.warnings += cleaned.notes;
    if (cleaned.bytes.isEmpty()) {
        message.errors.append(
            QStringLiteral("No header fields found: the input has no line of the form \"Name: value\"."));
        return message;
    }
    message.rawHeaderBlock =
        cleaned.bytes.left(std::max<qsizetype>(0, indexOfPair(cleaned.bytes, '\n', '\n')));
    if (message.rawHeaderBlock.isEmpty())
        message.rawHeaderBlock = cleaned.bytes;

    std::optional<OwnTopBlock> own;
    if (mayReadTopBlock)
        own = readOwnTopBlock(cleaned.bytes);
    if (own) {
        OwnTree tree(cleaned.bytes);
        if (std::optional<MimePart> body = tree.body(*own)) {
            message.headers = std::move(own->fields);
            message.body = std::move(*body);
            message.shape = InputShape::Message; // a plain top-level block is followed by a body
            if (tree.truncated()) {
                message.warnings.append(describeWarning(GMIME_WARN_TRUNCATED_MESSAGE, nullptr));
                message.bodyTruncated = true;
            }
            return message;
        }
    }
    BodyForGMime body;
    if (own)
        body = bodyForGMime(*own, cleaned.bytes);
    GMimeRead read(own ? body.bytes : cleaned.bytes);
    auto gmimeMessage = gmime::adopt(g_mime_parser_construct_message(read.parser.get(), read.options.get()));
    const WarningSink& sink = read.sink;
    message.warnings += sink.messages;
    message.bodyTruncated = message.bodyTruncated || sink.truncated;
    if (!gmimeMessage) {
        message.errors.append(
            QStringLiteral("No header fields found: the input could not be read as a message."));
        return message;
    }

    TreeLimits limits;
    if (own) {
        message.headers = std::move(own->fields);
        limits.offsetShift = body.offsetShift;
    } else {
        message.headers = messageHeaders(gmimeMessage.get(), 0);
    }
    if (GMimeObject* top = g_mime_message_get_mime_part(gmimeMessage.get())) {
        message.body = readPart(top, 0, limits);
        if (own) {
            // The top part's Content-* fields stood before the body GMime was given, not in it.
            for (HeaderField& field : message.body.headers) {
                for (const auto& [given, analysed] : body.headOffsets) {
                    if (field.offset - body.offsetShift == given)
                        field.offset = analysed;
                }
            }
        }
    }
    if (limits.depthCut)
        message.warnings.append(QStringLiteral("MIME parts are nested more than %1 levels deep; the deeper "
                                               "ones were not read.")
                                    .arg(MaxMimeDepth));
    if (limits.partsCut)
        message.warnings.append(QStringLiteral("The message has more than %1 MIME parts; only the first %1 "
                                               "were read.")
                                    .arg(MessageLoader::MaxMimeParts));
    if (message.headers.isEmpty()) {
        message.errors.append(QStringLiteral("No header fields found in the input."));
        message.shape = InputShape::Empty;
        return message;
    }
    message.shape = hasBodyText(cleaned.bytes) ? InputShape::Message : InputShape::HeadersOnly;
    if (message.shape == InputShape::HeadersOnly && sink.truncated) {
        // A header block alone is what the user pasted, not a message cut short: GMime's
        // "truncated" only means that no body followed.
        message.warnings.removeAll(describeWarning(GMIME_WARN_TRUNCATED_MESSAGE, nullptr));
        message.bodyTruncated = false;
    }
    return message;
}

ParsedMessage MessageLoader::fromText(const QString& pastedText)
{
    return fromBytes(pastedText.toUtf8());
}

ParsedMessage MessageLoader::fromFile(const QString& path)
{
    ParsedMessage refused;
    // open(2) without blocking: a FIFO with no writer would otherwise hang here for ever. Only
    // regular files are read, and one over the size limit is refused before reading it.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == EISDIR)
            refused.errors.append(QStringLiteral("%1 is a folder, not a file.").arg(path));
        else
            refused.errors.append(
                QStringLiteral("Cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))));
        return refused;
    }
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        refused.errors.append(
            QStringLiteral("Cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        return refused;
    }
    if (S_ISDIR(info.st_mode)) {
        refused.errors.append(QStringLiteral("%1 is a folder, not a file.").arg(path));
        return refused;
    }
    if (!S_ISREG(info.st_mode)) {
        refused.errors.append(
            QStringLiteral("%1 is not a regular file (a FIFO, a device or a socket): it was "
                           "not read.")
                .arg(path));
        return refused;
    }
    if (info.st_size > MaxInputBytes) {
        refused.errors.append(tooLarge(info.st_size));
        refused.inputSize = info.st_size;
        return refused;
    }
    // The size may change while reading (a file still being written): read to the end, but never
    // past the limit.
    QByteArray bytes(static_cast<qsizetype>(info.st_size) + 1, Qt::Uninitialized);
    qsizetype used = 0;
    while (true) {
        if (used == bytes.size()) {
            if (bytes.size() > MaxInputBytes) {
                refused.errors.append(tooLarge(bytes.size()));
                return refused;
            }
            bytes.resize(std::min<qsizetype>(bytes.size() * 2, MaxInputBytes + 1));
        }
        const ssize_t n = ::read(fd, bytes.data() + used, static_cast<size_t>(bytes.size() - used));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            refused.errors.append(
                QStringLiteral("Cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
            return refused;
        }
        if (n == 0)
            break;
        used += n;
    }
    bytes.truncate(used);
    return fromBytes(bytes);
}

} // namespace headerlens
