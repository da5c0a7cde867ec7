#include "AuthenticationResults.h"

#include "RegexSubject.h"
#include "TextSearch.h"

#include <QRegularExpression>

namespace headerlens {

namespace {

// A value cut into words outside quoted strings, with the comments taken out and remembered
// after which word they stood (RFC 8601 section 2.2 allows CFWS almost anywhere).
struct Word
{
    QString text;
    QStringList comments; // the comments that follow this word
};

struct Words
{
    QList<Word> words;
    QStringList leadingComments; // comments before the first word
};

// Makes every comment and quoted string in `value` balanced so that the rest can be read: a '('
// that never closes ends at the next ';' (or the end), a ')' that closes nothing is dropped, an
// open quote is closed at the end. Each repair is named in `problems`.
QString balanced(const QString& value, QStringList* problems)
{
    QString text = value;
    QList<qsizetype> open;
    QList<qsizetype> stray;
    bool quoted = false;
    qsizetype quoteStart = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            ++i;
            continue;
        }
        if (open.isEmpty() && c == QLatin1Char('"')) {
            quoted = !quoted;
            quoteStart = i;
            continue;
        }
        if (quoted)
            continue;
        if (c == QLatin1Char('('))
            open.append(i);
        else if (c == QLatin1Char(')')) {
            if (open.isEmpty())
                stray.append(i);
            else
                open.removeLast();
        }
    }
    if (quoted) {
        problems->append(QStringLiteral("a quoted string is never closed: %1").arg(text.mid(quoteStart, 40)));
        text += QLatin1Char('"');
    }
    if (!stray.isEmpty())
        problems->append(stray.size() == 1 ? QStringLiteral("a ')' closes no comment")
                                           : QStringLiteral("%1 ')' close no comment").arg(stray.size()));
    for (qsizetype position : std::as_const(stray))
        text[position] = QLatin1Char(' ');
    if (open.isEmpty())
        return text;
    // Each open '(' is closed before the next ';' after it (or at the end): one pass, linear.
    problems->append(
        QStringLiteral("a comment is never closed: %1").arg(text.mid(open.first(), 40).simplified()));
    QList<qsizetype> closeAt; // per position: how many ')' go before it
    closeAt.resize(text.size() + 1, 0);
    qsizetype nextSemicolon = text.size();
    qsizetype k = open.size() - 1;
    for (qsizetype i = text.size() - 1; i >= 0 && k >= 0; --i) {
        if (text[i] == QLatin1Char(';'))
            nextSemicolon = i;
        while (k >= 0 && open[k] == i) {
            ++closeAt[nextSemicolon];
            --k;
        }
    }
    QString out;
    out.reserve(text.size() + open.size());
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (closeAt[i] > 0)
            out += QString(closeAt[i], QLatin1Char(')'));
        if (i < text.size())
            out += text[i];
    }
    return out;
}

// Splits on `separator` outside quoted strings and comments.
QStringList splitOutside(const QString& value, QChar separator)
{
    QStringList parts;
    qsizetype start = 0;
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < value.size()) {
            ++i; // the escaped character is part of the text, whatever it is
            continue;
        }
        if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')') && depth > 0)
            --depth;
        else if (depth == 0 && c == QLatin1Char('"'))
            quoted = !quoted;
        if (c == separator && depth == 0 && !quoted) {
            parts.append(value.sliced(start, i - start));
            start = i + 1;
        }
    }
    parts.append(value.sliced(start));
    return parts;
}

// Words and comments of one balanced part. "spf = pass" and "dkim / 1=pass" are joined into
// single words, as CFWS around '=' and '/' is allowed.
Words words(const QString& part)
{
    Words out;
    QList<QString> texts;
    QList<QStringList> comments;
    // The word being read is the run of `part` from runStart, after what `current` holds (a
    // quoted-pair's backslash is not part of the word, so a word may be several runs).
    QString current;
    qsizetype runStart = -1;
    qsizetype commentStart = 0;
    int depth = 0;
    bool quoted = false;
    const auto endRun = [&](qsizetype at) {
        if (runStart >= 0)
            current += QStringView(part).sliced(runStart, at - runStart);
        runStart = -1;
    };
    const auto endWord = [&](qsizetype at) {
        endRun(at);
        if (!current.isEmpty()) {
            texts.append(current);
            comments.append(QStringList());
            current.clear();
        }
    };
    const auto inWord = [&](qsizetype at) {
        if (runStart < 0)
            runStart = at;
    };
    for (qsizetype i = 0; i < part.size(); ++i) {
        const QChar c = part[i];
        if (depth == 0 && c == QLatin1Char('\\') && i + 1 < part.size()) {
            endRun(i);
            inWord(++i);
            continue;
        }
        if (depth == 0 && c == QLatin1Char('"')) {
            quoted = !quoted;
            inWord(i);
            continue;
        }
        if (quoted) {
            inWord(i);
            continue;
        }
        if (c == QLatin1Char('(')) {
            if (depth == 0) {
                endWord(i);
                commentStart = i + 1;
            }
            ++depth;
            continue;
        }
        if (c == QLatin1Char(')') && depth > 0) {
            --depth;
            if (depth == 0) {
                // The comment is all between its parentheses, nested ones included.
                const QString text = part.sliced(commentStart, i - commentStart).simplified();
                if (!text.isEmpty()) {
                    if (comments.isEmpty())
                        out.leadingComments.append(text);
                    else
                        comments.last().append(text);
                }
            }
            continue;
        }
        if (depth > 0)
            continue;
        if (c.isSpace()) {
            endWord(i);
            continue;
        }
        inWord(i);
    }
    endWord(part.size());
    // An unclosed comment adds nothing (balanced() closes every comment before this runs).

    // Join "a =", "= b", "a/", "/ b" into one word.
    for (qsizetype i = 0; i < texts.size(); ++i) {
        Word w{texts[i], comments[i]};
        while (i + 1 < texts.size() &&
               (w.text.endsWith(QLatin1Char('=')) || w.text.endsWith(QLatin1Char('/')) ||
                texts[i + 1].startsWith(QLatin1Char('=')) || texts[i + 1].startsWith(QLatin1Char('/')))) {
            ++i;
            w.text += texts[i];
            w.comments += comments[i];
        }
        out.words.append(w);
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

// '=' outside a quoted string, or -1.
qsizetype equalsSign(const QString& word)
{
    bool quoted = false;
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (word[i] == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && word[i] == QLatin1Char('='))
            return i;
    }
    return -1;
}

bool isKnownResult(const QString& result)
{
    // RFC 8601 section 2.7, RFC 8617 (ARC), RFC 7208 (SPF), plus the old "hardfail" and the
    // DKIM-ADSP/Sender-ID values still seen in the wild.
    static const QStringList known = {
        QStringLiteral("pass"),      QStringLiteral("fail"),         QStringLiteral("softfail"),
        QStringLiteral("neutral"),   QStringLiteral("none"),         QStringLiteral("temperror"),
        QStringLiteral("permerror"), QStringLiteral("policy"),       QStringLiteral("hardfail"),
        QStringLiteral("nxdomain"),  QStringLiteral("signed"),       QStringLiteral("discard"),
        QStringLiteral("unknown"),   QStringLiteral("bestguesspass")};
    return known.contains(result);
}

AuthResult startResult(const QString& word, const QString& fieldName)
{
    AuthResult r;
    r.field = fieldName;
    const qsizetype eq = equalsSign(word);
    const QString methodSpec = word.left(eq);
    r.method = lowered(beforeFirst(methodSpec, u'/').trimmed().toString());
    r.methodVersion = afterFirst(methodSpec, u'/').trimmed().toString();
    r.result = lowered(unquote(word.mid(eq + 1)));
    r.knownMethod = AuthenticationResults::isKnownMethod(r.method);
    if (!r.knownMethod)
        r.problems << QStringLiteral("'%1' is not a registered authentication method").arg(r.method);
    if (r.result.isEmpty())
        r.problems << QStringLiteral("%1 has no result").arg(r.method);
    else if (!isKnownResult(r.result))
        r.problems << QStringLiteral("'%1' is not a result RFC 8601 defines").arg(r.result);
    return r;
}

void finishResult(AuthResult& r)
{
    r.reason = !r.reasonText.isEmpty() ? r.reasonText : r.comments.join(QStringLiteral("; "));
    r.raw = simplifiedText(r.raw);
}

// A word as written, with its comments.
QString asWritten(const Word& word)
{
    QString text = word.text;
    for (const QString& c : word.comments)
        text += QStringLiteral(" (") + c + QLatin1Char(')');
    return text;
}

// One resinfo (the text between two ';') into one result, or several when a ';' is missing.
QList<AuthResult> readResinfo(const QString& part, const QString& fieldName, QStringList* fieldProblems)
{
    QList<AuthResult> results;
    const Words w = words(part);
    for (const QString& c : w.leadingComments)
        fieldProblems->append(QStringLiteral("a comment stands before the method: (%1)").arg(c));
    for (const Word& word : w.words) {
        const qsizetype eq = equalsSign(word.text);
        if (eq <= 0) {
            if (results.isEmpty()) {
                fieldProblems->append(QStringLiteral("'%1' is not method=result").arg(asWritten(word)));
            } else {
                results.last().problems << QStringLiteral("unexpected word '%1'").arg(word.text);
                results.last().raw += QLatin1Char(' ') + asWritten(word);
                results.last().comments += word.comments;
            }
            continue;
        }
        const QString key = lowered(word.text.left(eq).trimmed());
        const QString value = unquote(word.text.mid(eq + 1));
        const QString keyMethod = beforeFirst(key, u'/').toString();
        const bool newResult =
            results.isEmpty() ||
            (!key.contains(QLatin1Char('.')) && key != QLatin1String("reason") &&
             AuthenticationResults::isKnownMethod(keyMethod) && keyMethod != QLatin1String("auth"));
        if (newResult) {
            if (!results.isEmpty())
                results.last().problems << QStringLiteral("no ';' before '%1'").arg(word.text);
            results.append(startResult(word.text, fieldName));
            results.last().comments = word.comments;
            results.last().resultComment = word.comments.join(QStringLiteral("; "));
            results.last().raw = asWritten(word);
            continue;
        }
        AuthResult& r = results.last();
        r.raw += QLatin1Char(' ') + asWritten(word);
        r.comments += word.comments;
        if (key == QLatin1String("reason"))
            r.reasonText = value;
        else
            r.properties.append({key, value});
    }
    for (AuthResult& r : results)
        finishResult(r);
    return results;
}

} // namespace

QString AuthResult::property(QStringView key) const
{
    for (const auto& p : properties) {
        if (equalsCaseless(p.first, key))
            return p.second;
    }
    return {};
}

bool AuthenticationResults::isKnownMethod(const QString& method)
{
    // IANA "Email Authentication Methods" (RFC 8601 section 6.3 and later registrations), plus
    // Microsoft's compauth. Experimental "x-" methods are allowed by RFC 8601 section 2.7.6.
    static const QStringList known = {
        QStringLiteral("auth"),      QStringLiteral("dkim"),  QStringLiteral("dkim-adsp"),
        QStringLiteral("dkim-atps"), QStringLiteral("dmarc"), QStringLiteral("domainkeys"),
        QStringLiteral("iprev"),     QStringLiteral("rrvs"),  QStringLiteral("sender-id"),
        QStringLiteral("smime"),     QStringLiteral("spf"),   QStringLiteral("vbr"),
        QStringLiteral("arc"),       QStringLiteral("bimi"),  QStringLiteral("dnswl"),
        QStringLiteral("compauth"),  QStringLiteral("x-tls"), QStringLiteral("dkim-atps")};
    return known.contains(method) || method.startsWith(QLatin1String("x-"));
}

bool AuthenticationResults::isAuthenticationField(const HeaderField& f)
{
    return f.isNamed(u"Authentication-Results") || f.isNamed(u"ARC-Authentication-Results") ||
           f.isNamed(u"X-Original-Authentication-Results") || f.isNamed(u"Received-SPF");
}

AuthenticationField AuthenticationResults::parseField(const QString& value, const QString& fieldName)
{
    AuthenticationField field;
    field.name = fieldName;
    field.value = value;
    const QString text = balanced(value, &field.problems);
    QStringList parts = splitOutside(text, QLatin1Char(';'));
    if (parts.isEmpty())
        return field;

    // ARC-Authentication-Results starts with "i=N;" before the authserv-id (RFC 8617 section 4.1.1).
    QString head = parts.takeFirst();
    Words headWords = words(head);
    if (!headWords.words.isEmpty() &&
        headWords.words.first().text.startsWith(QLatin1String("i="), Qt::CaseInsensitive)) {
        bool ok = false;
        field.arcInstance = headWords.words.first().text.mid(2).toInt(&ok);
        if (!ok)
            field.problems
                << QStringLiteral("the instance '%1' is not a number").arg(headWords.words.first().text);
        headWords.words.removeFirst();
        if (headWords.words.isEmpty() && !parts.isEmpty()) {
            head = parts.takeFirst();
            headWords = words(head);
        }
    }
    QStringList leftover;
    if (!headWords.words.isEmpty() && equalsSign(headWords.words.first().text) < 0) {
        field.authServId = unquote(headWords.words.first().text);
        headWords.words.removeFirst();
        if (!headWords.words.isEmpty() && !headWords.words.first().text.isEmpty() &&
            headWords.words.first().text.front().isDigit() && equalsSign(headWords.words.first().text) < 0) {
            field.version = headWords.words.first().text;
            headWords.words.removeFirst();
        }
        for (const Word& w : std::as_const(headWords.words))
            leftover << w.text;
        if (!leftover.isEmpty()) {
            // "mx.example.com spf=pass ...": the ';' after the authserv-id is missing.
            if (leftover.size() == 1 &&
                leftover.first().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
                field.problems << QStringLiteral("no ';' before 'none'");
                field.noResult = true;
                leftover.clear();
            } else {
                field.problems << QStringLiteral("no ';' after the authserv-id %1").arg(field.authServId);
                parts.prepend(leftover.join(QLatin1Char(' ')));
            }
        }
    } else if (!headWords.words.isEmpty()) {
        // Microsoft 365 writes no authserv-id: the first part is already a result.
        parts.prepend(head);
    } else if (field.arcInstance == 0 || !head.trimmed().isEmpty()) {
        field.problems << QStringLiteral("no authserv-id (the name of the checking server)");
    }

    for (const QString& part : std::as_const(parts)) {
        const QString trimmed = part.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            field.noResult = true;
            continue;
        }
        for (AuthResult r : readResinfo(part, fieldName, &field.problems)) {
            r.authServId = field.authServId;
            r.arcInstance = field.arcInstance;
            field.results.append(r);
        }
    }
    if (field.authServId.isEmpty() && field.arcInstance == 0) {
        // Microsoft 365 writes its tenant's domain between results ("smtp.mailfrom=a.example;
        // contoso.com; dkim=pass ..."): a known habit of a field that is not RFC 8601 anyway.
        static const QRegularExpression bareDomain(
            QStringLiteral("^'[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+' is not method=result$"));
        field.problems.removeIf(
            [](const QString& p) { return RegexSubject::match(bareDomain, p).hasMatch(); });
    }
    if (field.results.isEmpty() && !field.noResult && field.problems.isEmpty())
        field.problems << QStringLiteral("no result in the field");
    return field;
}

QList<AuthResult> AuthenticationResults::parseAuthenticationResults(const QString& value,
                                                                    const QString& fieldName)
{
    return parseField(value, fieldName).results;
}

AuthenticationField AuthenticationResults::parseReceivedSpfField(const QString& value,
                                                                 const QString& fieldName)
{
    // RFC 7208 section 9.1: result [comment] [key=value; ...]
    AuthenticationField field;
    field.name = fieldName;
    field.value = value;
    const QString text = balanced(value, &field.problems);
    const Words w = words(text);
    if (w.words.isEmpty()) {
        field.problems << QStringLiteral("no result in the field");
        return field;
    }
    AuthResult r;
    r.field = fieldName;
    r.method = QStringLiteral("spf");
    r.result = lowered(w.words.first().text);
    if (r.result.endsWith(QLatin1Char(';')))
        r.result.chop(1);
    if (!isKnownResult(r.result))
        r.problems << QStringLiteral("'%1' is not an SPF result (RFC 7208 section 2.6)").arg(r.result);
    r.comments = w.leadingComments + w.words.first().comments;
    r.resultComment = w.words.first().comments.join(QStringLiteral("; "));
    QStringList rest;
    for (qsizetype i = 1; i < w.words.size(); ++i) {
        rest << w.words[i].text;
        r.comments += w.words[i].comments;
    }
    for (const QString& part : splitOutside(rest.join(QLatin1Char(' ')), QLatin1Char(';'))) {
        const QString p = part.trimmed();
        if (p.isEmpty())
            continue;
        const qsizetype e = equalsSign(p);
        if (e > 0)
            r.properties.append({lowered(p.left(e).trimmed()), unquote(p.mid(e + 1))});
        else
            r.problems << QStringLiteral("unexpected word '%1'").arg(p);
    }
    r.raw = value;
    finishResult(r);
    field.results.append(r);
    return field;
}

QList<AuthResult> AuthenticationResults::parseReceivedSpf(const QString& value)
{
    const AuthenticationField field = parseReceivedSpfField(value, QStringLiteral("Received-SPF"));
    if (field.results.isEmpty() || field.results.first().result.isEmpty())
        return {};
    return field.results;
}

QList<AuthenticationField> AuthenticationResults::fieldsFromHeaders(const HeaderList& headers)
{
    QList<AuthenticationField> fields;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const HeaderField& f = headers[i];
        if (!isAuthenticationField(f))
            continue;
        AuthenticationField field =
            f.isNamed(u"Received-SPF") ? parseReceivedSpfField(f.value, f.name) : parseField(f.value, f.name);
        field.index = static_cast<int>(i);
        for (AuthResult& r : field.results)
            r.fieldIndex = field.index;
        fields.append(field);
    }
    return fields;
}

QList<AuthResult> AuthenticationResults::fromHeaders(const HeaderList& headers)
{
    return resultsOf(fieldsFromHeaders(headers));
}

QList<AuthResult> AuthenticationResults::resultsOf(const QList<AuthenticationField>& fields)
{
    QList<AuthResult> results;
    for (const AuthenticationField& field : fields)
        results += field.results;
    return results;
}

} // namespace headerlens
