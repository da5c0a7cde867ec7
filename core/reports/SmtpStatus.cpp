#include "SmtpStatus.h"

#include "GuardedRegex.h"
#include "RegexSubject.h"
#include "RulesResource.h"
#include "TextSearch.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace headerlens {

namespace {

struct VendorRange
{
    QChar statusClass;
    int subject = 0;
    int detailFrom = 0;
    int detailTo = 0;
    QString vendor;
    QString meaning;
    QString code; // as written in the table
};

struct Tables
{
    QHash<int, QString> replyMeanings;
    QHash<QString, QString> registryMeanings; // "X.1.1" -> meaning
    QHash<QString, QString> registryNames;    // "X.1.1" -> IANA name
    QList<VendorRange> vendorCodes;
    QList<std::pair<QString, QRegularExpression>> vendorServers; // vendors.tsv
};

QList<QStringList> readTsv(const QString& fileName)
{
    QList<QStringList> rows;
    bool header = true;
    for (const QByteArray& rawLine : readRulesResource(fileName).split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (header) { // first non-comment line names the columns
            header = false;
            continue;
        }
        rows.append(line.split(QLatin1Char('\t')));
    }
    return rows;
}

const Tables& tables()
{
    static Tables t;
    static std::once_flag once;
    std::call_once(once, [] {
        for (const QStringList& row : readTsv(QStringLiteral("reply-codes.tsv"))) {
            if (row.size() >= 3)
                t.replyMeanings.insert(row[0].toInt(), row[2]);
        }
        for (const QStringList& row : readTsv(QStringLiteral("enhanced-status-codes.tsv"))) {
            if (row.size() >= 5) {
                t.registryNames.insert(row[0], row[1]);
                t.registryMeanings.insert(row[0], row[4]);
            }
        }
        static const QRegularExpression code(
            QStringLiteral("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:-(\\d{1,3}))?$"));
        for (const QStringList& row : readTsv(QStringLiteral("vendor-status-codes.tsv"))) {
            if (row.size() < 3)
                continue;
            const QRegularExpressionMatch m = RegexSubject::match(code, row[0]);
            if (!m.hasMatch())
                continue;
            VendorRange range;
            range.statusClass = m.captured(1).at(0);
            range.subject = m.captured(2).toInt();
            range.detailFrom = m.captured(3).toInt();
            range.detailTo = m.captured(4).isEmpty() ? range.detailFrom : m.captured(4).toInt();
            range.vendor = row[1];
            range.meaning = row[2];
            range.code = row[0];
            t.vendorCodes.append(range);
        }
        for (const QStringList& row : readTsv(QStringLiteral("vendors.tsv"))) {
            if (row.size() < 2)
                continue;
            QRegularExpression pattern(row[1], QRegularExpression::CaseInsensitiveOption);
            if (!pattern.isValid())
                qFatal("vendors.tsv: invalid pattern for %s", qPrintable(row[0]));
            t.vendorServers.append({row[0], pattern});
        }
    });
    return t;
}

QString subjectMeaning(int subject)
{
    // RFC 3463 section 3: the subject sub-code names the area of the problem.
    switch (subject) {
    case 0:
        return QStringLiteral("Other or undefined");
    case 1:
        return QStringLiteral("Addressing");
    case 2:
        return QStringLiteral("Mailbox");
    case 3:
        return QStringLiteral("Mail system");
    case 4:
        return QStringLiteral("Network and routing");
    case 5:
        return QStringLiteral("Mail delivery protocol");
    case 6:
        return QStringLiteral("Message content or media");
    case 7:
        return QStringLiteral("Security or policy");
    default:
        return QStringLiteral("Unknown subject");
    }
}

QString classMeaning(QChar c)
{
    // RFC 3463 section 3.1
    if (c == QLatin1Char('2'))
        return QStringLiteral("Success");
    if (c == QLatin1Char('4'))
        return QStringLiteral("Persistent transient failure: a later retry may succeed");
    if (c == QLatin1Char('5'))
        return QStringLiteral("Permanent failure: resending as is will fail again");
    return {};
}

// \w without Unicode properties: ASCII letters, digits and the underscore.
bool isWordUnit(char16_t c)
{
    return isAsciiDigit(c) || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

// \s without Unicode properties: the blank, tab, line feed, vertical tab, form feed, carriage return.
bool isSpaceUnit(char16_t c)
{
    return c == u' ' || (c >= 9 && c <= 13);
}

bool isOneOf(char16_t c, const char* set)
{
    return c > 0 && c < 128 && std::strchr(set, static_cast<char>(c));
}

// PCRE refuses a subject that is not valid UTF-16 (a lone surrogate): the expressions the scans
// stand for then find nothing.
bool searchable(QStringView text)
{
    return !RegexSubject::hasSurrogates(text) || text.isValidUtf16();
}

} // namespace

QString SmtpStatus::replyCodeMeaning(int replyCode)
{
    if (replyCode < 200 || replyCode > 599)
        return {};
    const QString exact = tables().replyMeanings.value(replyCode);
    if (!exact.isEmpty())
        return exact;
    switch (replyCode / 100) {
    case 2:
        return QStringLiteral("Positive completion: the server accepted the request.");
    case 3:
        return QStringLiteral("Intermediate reply: the server waits for more.");
    case 4:
        return QStringLiteral("Transient negative completion: not done now, a retry may work.");
    default:
        return QStringLiteral("Permanent negative completion: the request was refused.");
    }
}

bool SmtpStatus::isTimeExpired(QStringView status)
{
    return status.size() > 2 && status.sliced(1).startsWith(u".4.7");
}

bool SmtpStatus::isAcceptance(int replyCode, QStringView status)
{
    return (replyCode >= 200 && replyCode < 300) || (replyCode == 0 && status.startsWith(u'2'));
}

bool SmtpStatus::isEnhancedStatus(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("^[245]\\.\\d{1,3}\\.\\d{1,3}$"));
    return RegexSubject::match(re, text).hasMatch();
}

QString SmtpStatus::vendorOf(QStringView server)
{
    // Host names and reply signatures of the providers in vendor-status-codes.tsv (vendors.tsv).
    for (const auto& [vendor, pattern] : tables().vendorServers) {
        if (RegexSubject::match(pattern, server).hasMatch())
            return vendor;
    }
    return {};
}

SmtpStatus::Meaning SmtpStatus::enhancedStatusMeaning(QStringView status, QStringView server)
{
    Meaning meaning = enhancedStatusMeaning(status);
    if (meaning.source.isEmpty() || meaning.source == QLatin1String("iana") ||
        meaning.source == vendorOf(server))
        return meaning;
    // Another provider's meaning: fall back on the registry's.
    Meaning generic;
    generic.status = meaning.status;
    generic.classMeaning = meaning.classMeaning;
    generic.subject = meaning.subject;
    generic.registryName = meaning.registryName;
    const Tables& t = tables();
    const QStringList parts = meaning.status.split(QLatin1Char('.'));
    const QString code = QStringLiteral("X.%1.%2").arg(parts.value(1).toInt()).arg(parts.value(2).toInt());
    if (t.registryMeanings.contains(code)) {
        generic.detail = t.registryMeanings.value(code);
        generic.source = QStringLiteral("iana");
        generic.ruleId = QStringLiteral("status:") + code;
        generic.known = true;
    } else {
        const QString other = QStringLiteral("X.%1.0").arg(parts.value(1).toInt());
        generic.detail = t.registryMeanings.value(other);
        generic.ruleId = QStringLiteral("status:") + other;
    }
    return generic;
}

SmtpStatus::Meaning SmtpStatus::enhancedStatusMeaning(QStringView status)
{
    Meaning meaning;
    const QString code = status.trimmed().toString();
    if (!isEnhancedStatus(code))
        return meaning;
    // The tables never change: each thread keeps the meanings it looked up (a report asks for the
    // same few codes several times: the verdict, the explanation, the JSON and the PDF).
    thread_local QHash<QString, Meaning> known;
    if (const auto it = known.constFind(code); it != known.cend())
        return *it;
    if (known.size() >= 1024)
        known.clear();
    const QStringList parts = code.split(QLatin1Char('.'));
    const QChar cls = parts[0].at(0);
    const int subject = parts[1].toInt();
    const int detail = parts[2].toInt();
    meaning.status = code;
    meaning.classMeaning = classMeaning(cls);
    meaning.subject = subjectMeaning(subject);

    const Tables& t = tables();
    // An exact entry wins over a range that covers it (4.7.650 inside 4.7.500-699).
    const VendorRange* best = nullptr;
    for (const VendorRange& v : t.vendorCodes) {
        if (v.statusClass == cls && v.subject == subject && detail >= v.detailFrom && detail <= v.detailTo &&
            (!best || (v.detailTo - v.detailFrom) < (best->detailTo - best->detailFrom)))
            best = &v;
    }
    if (best) {
        meaning.detail = best->meaning;
        meaning.source = best->vendor;
        meaning.ruleId = QStringLiteral("vendor-status:%1:%2").arg(best->vendor, best->code);
        meaning.known = true;
    }
    const QString generic = QStringLiteral("X.%1.%2").arg(subject).arg(detail);
    meaning.registryName = t.registryNames.value(generic);
    if (!meaning.known && t.registryMeanings.contains(generic)) {
        meaning.detail = t.registryMeanings.value(generic);
        meaning.source = QStringLiteral("iana");
        meaning.ruleId = QStringLiteral("status:") + generic;
        meaning.known = true;
    }
    if (!meaning.known) {
        // Unregistered detail: fall back on the subject's "other" code (RFC 3463: X.s.0).
        const QString other = QStringLiteral("X.%1.0").arg(subject);
        meaning.detail = t.registryMeanings.value(other);
        meaning.ruleId = QStringLiteral("status:") + other;
    }
    known.insert(code, meaning);
    return meaning;
}

QString SmtpStatus::findEnhancedStatus(QStringView text)
{
    const QStringList all = findEnhancedStatuses(text);
    if (all.isEmpty())
        return {};
    // RFC 3463 defines subjects 0 to 7: "4.16.50" after Yahoo's "421 4.7.0 [GL01] ..." is the
    // vendor's own number, not a more precise status than the reply's.
    const auto registeredSubject = [](const QString& s) {
        const qsizetype dot = s.indexOf(QLatin1Char('.'), 2);
        return dot == 3 && s[2] >= u'0' && s[2] <= u'7';
    };
    QString chosen = all.first();
    for (const QString& s : all) {
        if (!s.endsWith(QLatin1String(".0")) && registeredSubject(s)) {
            chosen = s;
            break;
        }
    }
    // "4.4.7 Message expired ... <421 4.4.2 Connection timed out>": the expiry is the MTA's
    // summary, the quoted code the last receiver's answer.
    if (chosen.endsWith(QLatin1String(".4.7")) && all.last() != chosen &&
        all.last().front() == chosen.front() && !all.last().endsWith(QLatin1String(".0")))
        chosen = all.last();
    return chosen;
}

QStringList SmtpStatus::findEnhancedStatuses(QStringView text)
{
    QStringList found;
    if (!searchable(text))
        return found;
    for (Span m = nextStatusCode(text, 0); m.start >= 0; m = nextStatusCode(text, m.end)) {
        const qsizetype start = m.start;
        // "Ver. 5.0.1" or "v4.1.2" are versions, not status codes.
        if (start > 0) {
            const QChar before = text[start - 1];
            // "550-5.7.26": a dash after a reply code is the multi-line reply form.
            const bool afterReplyCode = before == QLatin1Char('-') && start >= 4 &&
                                        text[start - 4].isDigit() && text[start - 3].isDigit() &&
                                        text[start - 2].isDigit();
            if (before.isLetter() || before == QLatin1Char('/') ||
                (before == QLatin1Char('-') && !afterReplyCode) || before == QLatin1Char('_'))
                continue;
            const QStringView head = text.first(start).right(9).trimmed();
            if (head.endsWith(QLatin1String("version"), Qt::CaseInsensitive) ||
                head.endsWith(QLatin1String("ver."), Qt::CaseInsensitive) ||
                head.endsWith(QLatin1String("v"), Qt::CaseInsensitive))
                continue;
        }
        found.append(text.sliced(start, m.end - start).toString());
        if (found.size() > 20)
            break;
    }
    return found;
}

// Written out, as ^([245]\d\d)[ -](#?[245]\.\d{1,3}\.\d{1,3}\s+)? matches: it runs on every line
// of every multi-line reply.
qsizetype SmtpStatus::replyPrefixLength(QStringView line)
{
    const auto digit = [&](qsizetype i) { return i < line.size() && line[i] >= u'0' && line[i] <= u'9'; };
    const auto classDigit = [&](qsizetype i) {
        return i < line.size() && (line[i] == u'2' || line[i] == u'4' || line[i] == u'5');
    };
    const auto space = [&](qsizetype i) {
        return i < line.size() && (line[i] == u' ' || line[i] == u'\t' || line[i] == u'\n' ||
                                   line[i] == u'\r' || line[i] == u'\f' || line[i] == u'\v');
    };
    // One to three digits from i: the position after them, or -1.
    const auto number = [&](qsizetype i) {
        qsizetype k = i;
        while (digit(k))
            ++k;
        return k > i && k - i <= 3 ? k : -1;
    };
    if (!classDigit(0) || !digit(1) || !digit(2) || line.size() < 4 || (line[3] != u' ' && line[3] != u'-'))
        return 0;
    const qsizetype afterCode = 4;
    qsizetype i = afterCode;
    if (i < line.size() && line[i] == u'#')
        ++i;
    if (!classDigit(i) || i + 1 >= line.size() || line[i + 1] != u'.')
        return afterCode;
    i = number(i + 2);
    if (i < 0 || i >= line.size() || line[i] != u'.')
        return afterCode;
    i = number(i + 1);
    if (i < 0 || !space(i))
        return afterCode;
    while (space(i))
        ++i;
    return i;
}

int SmtpStatus::findReplyCode(QStringView text, QChar statusClass)
{
    // A local program's exit status ("unknown mailer error 255", "died with status 75") is no
    // SMTP reply code.
    static const GuardedRegex exitStatus(QStringLiteral(
        "(?i)(mailer error|exit (status|code)|died with (status|signal)|exited with|status)\\s*$"));
    static const QRegularExpression statusAfter(QStringLiteral("^[\\s\\-]['\"]?#?[245]\\.\\d"));
    int first = 0;
    int loose = 0; // a code of the expected class that is not clearly written as a reply
    if (!searchable(text))
        return 0;
    for (Span m = nextReplyCode(text, 0); m.start >= 0; m = nextReplyCode(text, m.end)) {
        const qsizetype start = m.start;
        const qsizetype end = m.end;
        const QStringView written = text.sliced(start, end - start);
        if (exitStatus.matches(text.first(start).right(24).toString()))
            continue;
        qsizetype k = start;
        while (k > 0 && (text[k - 1] == QLatin1Char(' ') || text[k - 1] == QLatin1Char('\t')))
            --k;
        bool plausible = k == 0 || text[k - 1] == QLatin1Char('\n');
        if (!plausible) {
            const QChar before = text[k - 1];
            plausible = QStringLiteral(":;[(#>=\"<'").contains(before);
            if (!plausible && k >= 4) {
                // "host said: 550", "SMTP Error Code 550", "error 550", "reply 550"
                static const QRegularExpression lead(QStringLiteral("(?i)(said|code|error|reply|response)$"));
                plausible = RegexSubject::match(lead, text.first(k).right(8).toString()).hasMatch();
            }
        }
        if (!plausible)
            plausible = RegexSubject::match(statusAfter, text.sliced(end)).hasMatch();
        if (!plausible) {
            // Byte counts and the like are not replies; keep it only as a weak candidate.
            if (loose == 0 && !statusClass.isNull() && written.at(0) == statusClass)
                loose = written.toInt();
            continue;
        }
        const int code = written.toInt();
        if (statusClass.isNull() || written.at(0) == statusClass)
            return code;
        if (first == 0)
            first = code;
    }
    return first != 0 ? first : loose;
}

SmtpStatus::Span SmtpStatus::nextStatusCode(QStringView text, qsizetype from)
{
    const char16_t* t = text.utf16();
    const qsizetype n = text.size();
    const auto digitsFrom = [&](qsizetype at) {
        qsizetype end = at;
        while (end < n && isAsciiDigit(t[end]))
            ++end;
        return end - at;
    };
    for (qsizetype p = std::max<qsizetype>(from, 0); p + 4 < n; ++p) {
        if ((t[p] != u'2' && t[p] != u'4' && t[p] != u'5') || t[p + 1] != u'.')
            continue;
        if (p > 0 && (isAsciiDigit(t[p - 1]) || t[p - 1] == u'.'))
            continue;
        // The subject: one digit up to 7, or two or three without a leading zero. Only the whole
        // run of digits can be followed by the dot.
        const qsizetype subject = p + 2;
        const qsizetype subjectDigits = digitsFrom(subject);
        if (!((subjectDigits == 1 && t[subject] <= u'7') ||
              ((subjectDigits == 2 || subjectDigits == 3) && t[subject] != u'0')))
            continue;
        const qsizetype dot = subject + subjectDigits;
        if (dot >= n || t[dot] != u'.')
            continue;
        // The detail: one to three digits, the whole run, not followed by ".digit".
        const qsizetype detailDigits = digitsFrom(dot + 1);
        if (detailDigits < 1 || detailDigits > 3)
            continue;
        const qsizetype end = dot + 1 + detailDigits;
        if (end + 1 < n && t[end] == u'.' && isAsciiDigit(t[end + 1]))
            continue;
        return {p, end};
    }
    return {};
}

SmtpStatus::Span SmtpStatus::nextReplyCode(QStringView text, qsizetype from)
{
    const char16_t* t = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype p = std::max<qsizetype>(from, 0); p + 2 < n; ++p) {
        if ((t[p] != u'2' && t[p] != u'4' && t[p] != u'5') || t[p + 1] < u'0' || t[p + 1] > u'5' ||
            !isAsciiDigit(t[p + 2]))
            continue;
        if (p > 0 && (isWordUnit(t[p - 1]) || isOneOf(t[p - 1], ".-/+=@$%&*")))
            continue;
        const qsizetype end = p + 3;
        if (end == n)
            return {p, end};
        const char16_t after = t[end];
        const bool more = end + 1 < n;
        if (isSpaceUnit(after) || isOneOf(after, "-,;])\"'") ||
            (after == u':' && !(more && (isAsciiDigit(t[end + 1]) || isOneOf(t[end + 1], "abcdefABCDEF")))) ||
            (after == u'.' && !(more && isAsciiDigit(t[end + 1]))))
            return {p, end};
    }
    return {};
}

qsizetype SmtpStatus::replyCodeAt(QStringView text, int code)
{
    // (?<![\w.\-/])#?([245]\d\d)(?=[\s\-,;:\])]|$): the '#' changes where a match starts,
    // not which codes match (a '#' before the digits is no character the look-behind refuses).
    if (code < 200 || code > 599 || code / 100 == 3 || !searchable(text))
        return -1;
    const char16_t* t = text.utf16();
    const qsizetype n = text.size();
    const char16_t digits[3] = {char16_t(u'0' + code / 100), char16_t(u'0' + code / 10 % 10),
                                char16_t(u'0' + code % 10)};
    for (qsizetype p = 0; p + 2 < n; ++p) {
        if (t[p] != digits[0] || t[p + 1] != digits[1] || t[p + 2] != digits[2])
            continue;
        if (p > 0 && (isWordUnit(t[p - 1]) || isOneOf(t[p - 1], ".-/")))
            continue;
        const qsizetype end = p + 3;
        if (end == n || isSpaceUnit(t[end]) || isOneOf(t[end], "-,;:])"))
            return p;
    }
    return -1;
}

} // namespace headerlens
