#include "auth/AuthenticationResults.h"

namespace headerlens {

namespace {

// Splits on `separator` outside quoted strings and comments; comments are collected apart.
QStringList splitOutside(const QString& value, QChar separator)
{
    QStringList parts;
    QString current;
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size()) {
            current += c;
            current += value[++i];
            continue;
        }
        if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')') && depth > 0)
            --depth;
        else if (depth == 0 && c == QLatin1Char('"'))
            quoted = !quoted;
        if (c == separator && depth == 0 && !quoted) {
            parts.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    parts.append(current);
    return parts;
}

// Removes comments, returning them joined in `comments`.
QString stripComments(const QString& text, QString* comments)
{
    QString out;
    QString comment;
    int depth = 0;
    bool quoted = false;
    for (QChar c : text) {
        if (depth == 0 && c == QLatin1Char('"'))
            quoted = !quoted;
        if (!quoted && c == QLatin1Char('(')) {
            if (depth > 0)
                comment += c;
            ++depth;
            continue;
        }
        if (!quoted && c == QLatin1Char(')') && depth > 0) {
            --depth;
            if (depth == 0) {
                if (comments) {
                    if (!comments->isEmpty())
                        *comments += QStringLiteral("; ");
                    *comments += comment.trimmed();
                }
                comment.clear();
            } else {
                comment += c;
            }
            continue;
        }
        if (depth > 0)
            comment += c;
        else
            out += c;
    }
    return out;
}

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
        value = value.mid(1, value.size() - 2);
    return value;
}

} // namespace

QList<AuthResult> AuthenticationResults::parseAuthenticationResults(const QString& value,
                                                                    const QString& fieldName)
{
    QList<AuthResult> results;
    const QStringList parts = splitOutside(value, QLatin1Char(';'));
    if (parts.isEmpty())
        return results;
    QString ignored;
    QString authServ = stripComments(parts.first(), &ignored).simplified();
    // ARC-Authentication-Results starts with "i=1;" before the authserv-id (RFC 8617 section 4.1.1).
    qsizetype first = 1;
    if (authServ.startsWith(QLatin1String("i="), Qt::CaseInsensitive) && parts.size() > 1) {
        authServ = stripComments(parts[1], &ignored).simplified();
        first = 2;
    }
    authServ = authServ.section(QLatin1Char(' '), 0, 0); // drop an optional version
    if (authServ.contains(QLatin1Char('='))) {
        // Microsoft 365 writes no authserv-id: the first part is already a result.
        authServ.clear();
        first -= 1;
    }
    for (qsizetype i = first; i < parts.size(); ++i) {
        QString comments;
        const QString resinfo = stripComments(parts[i], &comments).simplified();
        if (resinfo.isEmpty() || resinfo.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
            continue;
        const QStringList tokens = resinfo.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString head = tokens.first();
        const qsizetype eq = head.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        AuthResult r;
        r.field = fieldName;
        r.authServId = authServ;
        r.method = head.left(eq).section(QLatin1Char('/'), 0, 0).toLower();
        r.result = head.mid(eq + 1).toLower();
        r.reason = comments;
        for (qsizetype t = 1; t < tokens.size(); ++t) {
            const qsizetype e = tokens[t].indexOf(QLatin1Char('='));
            if (e <= 0)
                continue;
            const QString key = tokens[t].left(e).toLower();
            const QString val = unquote(tokens[t].mid(e + 1));
            if (key == QLatin1String("reason"))
                r.reason = val;
            else
                r.properties.append({key, val});
        }
        results.append(r);
    }
    return results;
}

QList<AuthResult> AuthenticationResults::parseReceivedSpf(const QString& value)
{
    QString comments;
    const QString stripped = stripComments(value, &comments).simplified();
    const QString result = stripped.section(QLatin1Char(' '), 0, 0).toLower();
    if (result.isEmpty())
        return {};
    AuthResult r;
    r.field = QStringLiteral("Received-SPF");
    r.method = QStringLiteral("spf");
    r.result = result;
    r.reason = comments;
    for (const QString& part : splitOutside(stripped.section(QLatin1Char(' '), 1), QLatin1Char(';'))) {
        const QString p = part.trimmed();
        const qsizetype e = p.indexOf(QLatin1Char('='));
        if (e > 0)
            r.properties.append({p.left(e).trimmed().toLower(), unquote(p.mid(e + 1))});
    }
    return {r};
}

QList<AuthResult> AuthenticationResults::fromHeaders(const HeaderList& headers)
{
    QList<AuthResult> results;
    for (const HeaderField& f : headers) {
        if (f.isNamed(u"Authentication-Results") || f.isNamed(u"ARC-Authentication-Results") ||
            f.isNamed(u"X-Original-Authentication-Results"))
            results += parseAuthenticationResults(f.value, f.name);
        else if (f.isNamed(u"Received-SPF"))
            results += parseReceivedSpf(f.value);
    }
    return results;
}

} // namespace headerlens
