#include "Charset.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <QStringDecoder>

namespace headerlens {

namespace {

QString normaliseCharsetName(QStringView name)
{
    QString n = name.trimmed().toString().toLower();
    if (n.startsWith(QLatin1Char('"')) && n.endsWith(QLatin1Char('"')) && n.size() >= 2)
        n = n.mid(1, n.size() - 2);
    // Common mislabels seen in mail: these are ICU-unknown spellings of known charsets.
    if (n == QLatin1String("utf8"))
        return QStringLiteral("utf-8");
    if (n == QLatin1String("latin1") || n == QLatin1String("iso8859-1") || n == QLatin1String("us-ascii") ||
        n == QLatin1String("ascii") || n == QLatin1String("iso-8859-1"))
        return QStringLiteral("windows-1252"); // a superset that maps the C1 bytes senders really mean
    if (n == QLatin1String("x-sjis"))
        return QStringLiteral("shift_jis");
    if (n == QLatin1String("cp1252"))
        return QStringLiteral("windows-1252");
    if (n == QLatin1String("ks_c_5601-1987"))
        return QStringLiteral("cp949");
    return n;
}

// No byte with the high bit set; sixteen bytes at a time where SSE2 is there.
bool isAscii(QByteArrayView bytes)
{
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
#if defined(__SSE2__)
    for (; end - p >= 16; p += 16) {
        if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))) != 0)
            return false;
    }
#endif
    return std::all_of(p, end, [](char c) { return static_cast<uchar>(c) < 0x80; });
}

QString decodeWindows1252(const QByteArray& bytes)
{
    QStringDecoder decoder("windows-1252");
    if (decoder.isValid())
        return decoder.decode(bytes);
    return QString::fromLatin1(bytes);
}

} // namespace

bool Charset::isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString Charset::decode(const QByteArray& bytes, QStringView declaredCharset)
{
    QString name = normaliseCharsetName(declaredCharset);
    // ISO-2022-JP is 7-bit: Japanese carriers and Domino send it labelled US-ASCII or not at all.
    // Its escape sequences (ESC $ B, ESC $ @, ESC ( J) never occur in ASCII text.
    if ((name.isEmpty() || name == QLatin1String("windows-1252")) && bytes.contains('\x1b') &&
        (bytes.contains("\x1b$B") || bytes.contains("\x1b$@") || bytes.contains("\x1b(J")))
        name = QStringLiteral("iso-2022-jp");
    if (!name.isEmpty() && name != QLatin1String("utf-8") && name != QLatin1String("windows-1252")) {
        QStringDecoder decoder(name.toLatin1().constData());
        if (decoder.isValid()) {
            const QString text = decoder.decode(bytes);
            if (!decoder.hasError())
                return text;
        }
    }
    // UTF-8 when the bytes are valid UTF-8 (labelled windows-1252 or not), else windows-1252.
    return decodeRawHeader(bytes);
}

QString Charset::decodeRawHeader(const QByteArray& bytes)
{
    // Nearly every header is ASCII: no decoder needed.
    if (isAscii(bytes))
        return QString::fromLatin1(bytes);
    // Decode once and keep the text when it was valid UTF-8 (a leading BOM goes the long way,
    // where QString::fromUtf8 decides what becomes of it).
    if (!bytes.startsWith("\xEF\xBB\xBF")) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(bytes);
        if (!decoder.hasError())
            return text;
        return decodeWindows1252(bytes);
    }
    if (isValidUtf8(bytes))
        return QString::fromUtf8(bytes);
    return decodeWindows1252(bytes);
}

} // namespace headerlens
