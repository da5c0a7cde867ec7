#include "DkimSignature.h"

#include "TextSearch.h"

#include <QStringTokenizer>
#include <QVarLengthArray>

#include <algorithm>

namespace headerlens {

namespace {

QString withoutWhiteSpace(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar* o = out.data();
    for (const QChar c : text) {
        if (!c.isSpace())
            *o++ = c;
    }
    out.truncate(o - out.constData());
    return out;
}

std::optional<qint64> number(QStringView tag, const QString& value, QStringList* problems)
{
    bool ok = false;
    // RFC 6376 section 3.5: at most 12 digits for t= and x=, 76 bits for l=; a longer number is
    // read as far as it goes but named.
    const qint64 n = value.left(18).toLongLong(&ok);
    if (!ok || n < 0) {
        problems->append(QStringLiteral("%1=%2 is not a number").arg(tag, value.left(40)));
        return std::nullopt;
    }
    return n;
}

} // namespace

QString DkimSignature::identityDomain() const
{
    if (identity.isEmpty())
        return domain;
    const qsizetype at = identity.lastIndexOf(QLatin1Char('@'));
    return lowered(at >= 0 ? identity.mid(at + 1) : identity);
}

DkimSignature DkimSignature::parse(const QString& value)
{
    DkimSignature s;
    s.raw = value;
    QVarLengthArray<QStringView, 16> seen; // the tags, as written
    const auto wasSeen = [&](QStringView tag) {
        return std::find(seen.cbegin(), seen.cend(), tag) != seen.cend();
    };
    // RFC 6376 section 3.2: tag-list = tag-spec *( ";" tag-spec ) [ ";" ]
    for (const QStringView spec : qTokenize(QStringView(value), u';')) {
        if (spec.trimmed().isEmpty())
            continue;
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            s.problems << QStringLiteral("'%1' is not tag=value").arg(spec.toString().simplified().left(40));
            continue;
        }
        const QStringView tag = spec.first(eq).trimmed();
        const QStringView written = spec.sliced(eq + 1).trimmed();
        if (wasSeen(tag))
            s.problems << QStringLiteral(
                              "the tag %1= appears twice (RFC 6376 section 3.2: the signature is invalid)")
                              .arg(tag);
        seen.append(tag);
        const QString v = tag == QLatin1String("b") || tag == QLatin1String("bh") ||
                                  tag == QLatin1String("h") || tag == QLatin1String("z")
                              ? withoutWhiteSpace(written)
                              : written.toString().simplified();
        const QString shown = (tag == QLatin1String("b") || tag == QLatin1String("bh")) && v.size() > 16
                                  ? v.left(16) + QStringLiteral("\u2026")
                                  : v;
        s.tags.append({tag.toString(), shown});
        if (tag == QLatin1String("v"))
            s.version = v;
        else if (tag == QLatin1String("a"))
            s.algorithm = lowered(v);
        else if (tag == QLatin1String("d"))
            s.domain = lowered(v);
        else if (tag == QLatin1String("s"))
            s.selector = v;
        else if (tag == QLatin1String("c"))
            s.canonicalization = lowered(v);
        else if (tag == QLatin1String("i"))
            s.identity = v;
        else if (tag == QLatin1String("q"))
            s.queryMethods = v;
        else if (tag == QLatin1String("h")) {
            for (const QStringView h : qTokenize(QStringView(v), u':', Qt::SkipEmptyParts))
                s.signedHeaders << lowered(h.trimmed().toString());
        } else if (tag == QLatin1String("t"))
            s.timestamp = number(tag, v, &s.problems);
        else if (tag == QLatin1String("x"))
            s.expiration = number(tag, v, &s.problems);
        else if (tag == QLatin1String("l"))
            s.bodyLength = number(tag, v, &s.problems);
        else if (tag == QLatin1String("b"))
            s.signature = v;
    }

    QStringList missing;
    for (const char16_t* required : {u"v", u"a", u"b", u"bh", u"d", u"h", u"s"}) {
        if (!wasSeen(required))
            missing << QStringView(required) + QLatin1Char('=');
    }
    if (!missing.isEmpty())
        s.problems << QStringLiteral("required tags missing: %1 (RFC 6376 section 3.5)")
                          .arg(missing.join(QStringLiteral(", ")));
    if (!s.version.isEmpty() && s.version != QLatin1String("1"))
        s.problems << QStringLiteral("v=%1: only version 1 exists").arg(s.version);
    if (s.algorithm == QLatin1String("rsa-sha1"))
        s.problems << QStringLiteral("a=rsa-sha1: SHA-1 must no longer be used for signing (RFC 8301)");
    else if (!s.algorithm.isEmpty() && s.algorithm != QLatin1String("rsa-sha256") &&
             s.algorithm != QLatin1String("ed25519-sha256"))
        s.problems << QStringLiteral("a=%1 is not a DKIM algorithm").arg(s.algorithm);
    if (s.canonicalization.isEmpty())
        s.canonicalization = QStringLiteral("simple/simple");
    else {
        const QStringList cs = s.canonicalization.split(QLatin1Char('/'));
        for (const QString& c : cs) {
            if (c != QLatin1String("simple") && c != QLatin1String("relaxed"))
                s.problems
                    << QStringLiteral("c=%1: '%2' is not a canonicalization").arg(s.canonicalization, c);
        }
    }
    if (wasSeen(u"h") && !s.signsFrom())
        s.problems << QStringLiteral("h= does not include From (RFC 6376 section 5.4: verifiers reject it)");
    if (!s.identity.isEmpty() && !s.domain.isEmpty()) {
        const QString id = s.identityDomain();
        if (id != s.domain && !id.endsWith(QLatin1Char('.') + s.domain))
            s.problems << QStringLiteral(
                              "i=%1 is not within d=%2 (RFC 6376 section 3.5: verifiers reject it)")
                              .arg(s.identity, s.domain);
    }
    if (s.timestamp && s.expiration && *s.expiration <= *s.timestamp)
        s.problems << QStringLiteral(
            "x= is not later than t= (RFC 6376 section 3.5: the signature is invalid)");
    return s;
}

} // namespace headerlens
