#include "BounceFormats.h"

#include "GuardedRegex.h"
#include "PatternTable.h"
#include "RegexSubject.h"
#include "RulesResource.h"
#include "SmtpStatus.h"
#include "TextSearch.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QVarLengthArray>

#include <mutex>
#include <optional>
#include <vector>

namespace headerlens {

namespace {

using Patterns = PatternTable::Group;

// Every pattern of bounce-formats.txt, read together (one scan of a text for all of them).
PatternTable& formatPatterns()
{
    static PatternTable instance;
    return instance;
}

struct Format
{
    QString id;
    QString name;
    Patterns from;        // From field of the bounce
    Patterns subject;     // Subject field of the bounce
    Patterns body;        // a line or phrase of the text (multi-line match)
    QStringList headers;  // header fields whose presence identifies the layout
    Patterns begin;       // the recipient section starts after the first line matching one
    Patterns end;         // ... and ends before the first line matching one
    Patterns recipient;   // a line that opens a recipient block: (?<addr>) [(?<text>) (?<code>) (?<status>)
                          // (?<host>)]
    Patterns blockEnd;    // a line that closes the current block
    Patterns skip;        // boilerplate lines left out of the diagnostic
    Patterns diagnostic;  // section-wide (?<text>) for recipients whose block holds no text
    Patterns host;        // (?<host>)
    Patterns stage;       // (?<cmd>)
    Patterns reply;       // (?<code>) when the generic reply-code search would be wrong
    Patterns status;      // (?<status>) likewise
    Patterns delay;       // subject or body text of a delay notice
    Patterns delivered;   // subject or body text of a success notice (the message was delivered)
    Patterns retriesOver; // a report's own statement that the sender stopped retrying ([all] only)
    Patterns text;        // (?<text>) the server's words inside a block's joined text
    Patterns subjectRecipient; // (?<addr>) in the Subject, when the text names no recipient
    bool blankEndsBlock = false;
    bool transcriptBefore = false;
    bool indentedOnly = false;
    bool delayed = false;
    bool textBefore = false;            // lines just before the recipient line are its diagnostic
    bool recipientsFromHeader = false;  // X-Failed-Recipients names the recipients
    bool recipientFromOriginal = false; // the returned original's To is the recipient (list refusals)
    bool fromOrSubject = true;          // from and subject are alternatives (either matching is enough)
};

PatternTable::Pattern compile(const QString& pattern, bool multiLine)
{
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (multiLine)
        options |= QRegularExpression::MultilineOption;
    // Compiled on first use, not here; TestPatternTable checks that every pattern is valid.
    return formatPatterns().add(pattern, options);
}

QList<Format> loadFormats()
{
    QList<Format> formats;
    const QStringList lines =
        QString::fromUtf8(readRulesResource(QStringLiteral("bounce-formats.txt"))).split(QLatin1Char('\n'));
    Format* current = nullptr;
    for (const QString& rawLine : lines) {
        const QString line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            formats.append(Format{});
            current = &formats.last();
            current->id = line.mid(1, line.size() - 2);
            continue;
        }
        if (!current)
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (key == QLatin1String("name"))
            current->name = value;
        else if (key == QLatin1String("from"))
            current->from.append(compile(value, false));
        else if (key == QLatin1String("subject"))
            current->subject.append(compile(value, false));
        else if (key == QLatin1String("body"))
            current->body.append(compile(value, true));
        else if (key == QLatin1String("header"))
            current->headers.append(value);
        else if (key == QLatin1String("begin"))
            current->begin.append(compile(value, false));
        else if (key == QLatin1String("end"))
            current->end.append(compile(value, false));
        else if (key == QLatin1String("recipient"))
            current->recipient.append(compile(value, false));
        else if (key == QLatin1String("block-end"))
            current->blockEnd.append(compile(value, false));
        else if (key == QLatin1String("skip"))
            current->skip.append(compile(value, false));
        else if (key == QLatin1String("diagnostic"))
            current->diagnostic.append(compile(value, true));
        else if (key == QLatin1String("host"))
            current->host.append(compile(value, true));
        else if (key == QLatin1String("stage"))
            current->stage.append(compile(value, true));
        else if (key == QLatin1String("reply"))
            current->reply.append(compile(value, false));
        else if (key == QLatin1String("status"))
            current->status.append(compile(value, false));
        else if (key == QLatin1String("delay"))
            current->delay.append(compile(value, true));
        else if (key == QLatin1String("delivered"))
            current->delivered.append(compile(value, true));
        else if (key == QLatin1String("retries-over"))
            current->retriesOver.append(compile(value, true));
        else if (key == QLatin1String("subject-recipient"))
            current->subjectRecipient.append(compile(value, false));
        else if (key == QLatin1String("text"))
            current->text.append(compile(value, false));
        else if (key == QLatin1String("option")) {
            for (const QString& option : value.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                if (option == QLatin1String("blank-ends-block"))
                    current->blankEndsBlock = true;
                else if (option == QLatin1String("transcript-before"))
                    current->transcriptBefore = true;
                else if (option == QLatin1String("indented-only"))
                    current->indentedOnly = true;
                else if (option == QLatin1String("delayed"))
                    current->delayed = true;
                else if (option == QLatin1String("text-before"))
                    current->textBefore = true;
                else if (option == QLatin1String("recipients-from-header"))
                    current->recipientsFromHeader = true;
                else if (option == QLatin1String("recipient-from-original"))
                    current->recipientFromOriginal = true;
                else if (option == QLatin1String("from-and-subject"))
                    current->fromOrSubject = false;
            }
        }
    }
    return formats;
}

// The table's entries, the [all] entry whose delay phrases apply to every layout, and the lines
// after which MTAs put the returned original (or its header fields). All in one PatternTable: a
// line of a report is scanned once for the phrases of every pattern tried on it.
struct FormatTable
{
    QList<Format> formats;
    Patterns sharedDelay;
    Patterns sharedDelivered;
    Patterns sharedRetriesOver;
    Patterns originalMarkers;
};

} // namespace

// The lines after which MTAs put the returned original (or its header fields).
QStringList BounceFormats::originalMarkerPatterns()
{
    return {
        QStringLiteral("^-+ ?This is a copy of (the|your) message"),
        // qmail's double bounce: "--- Below this line is the original bounce."
        QStringLiteral("^-+ ?Below this line is (a copy of the message|the original bounce)"),
        QStringLiteral("^-+ ?(Original|Returned|Unsent|Undelivered) (message|mail)s? "
                       "(follows|header|headers|below)"),
        QStringLiteral("^-+ ?(Original|Returned|Unsent|Undelivered) (message|mail)s?(\\s*-+)?\\s*$"),
        QStringLiteral("^-+ ?The (header|headers) of the original message (is|are) following"),
        QStringLiteral("^-+ ?Original message (follows|headers?)"),
        QStringLiteral("^(Original message|Original message headers|Original message follows)[.:]?\\s*$"),
        QStringLiteral("^Message headers follow"),
        // SmarterMail's "-- The header and top 20 lines of the message follows --", GroupWise's
        // "Possibly truncated original message follows:"
        QStringLiteral("^-* ?The header and top \\d+ lines of the message follows? ?-*"),
        QStringLiteral("^Possibly truncated original message follows"),
        QStringLiteral("^-+ ?Message header follows"),
        QStringLiteral("^\\s*-+ ?(Unsent|Original|Returned) message follows ?-+"),
        QStringLiteral("^\\s*Below is a copy of the original message"),
        QStringLiteral("^-+original message\\s*$"),
        QStringLiteral("^Original mail as follows"),
        QStringLiteral("^-+ ?(Start of )?Returned Message ?-+"),
        QStringLiteral(
            "^-+ ?(Header|Headers|Copy) of the (source|original|returned|undelivered) (mail|message)"),
        // German, French and Spanish forms of the same lines (GMX/Web.de, Exim and Postfix
        // localisations, Exchange): "Die folgende Nachricht wurde nicht zugestellt".
        QStringLiteral("^-+ ?Die folgende Nachricht wurde nicht zugestellt ?-*\\s*$"),
        // Exchange's "Original message headers:" in German and French.
        QStringLiteral(
            "^-* ?(Originalnachricht|Urspr(\u00fc|ue)ngliche Nachricht(enkopfzeilen)?|Kopfzeilen der "
            "((Original)?nachricht|urspr(\u00fc|ue)nglichen Nachricht))\\s*(folgt)?:?\\s*-*\\s*$"),
        // "Headers of the original message" in Portuguese, Italian, Dutch, Polish, Czech
        QStringLiteral("^-* ?(Cabe(\u00e7|c)alhos da mensagem original|Intestazioni del messaggio originale|"
                       "(Kopteksten|Headers) van het (oorspronkelijke|originele) bericht|"
                       "Nag(\u0142|l)(\u00f3|o)wki (oryginalnej|pierwotnej) wiadomo(\u015b|s)ci|"
                       "Hlavi(\u010d|c)ky p(\u016f|u)vodn(\u00ed|i) zpr(\u00e1|a)vy)\\s*:?\\s*-*\\s*$"),
        QStringLiteral("^-* ?(Message d'origine|Message original|En-t\u00eates d(u|e) message "
                       "d'origine)\\s*:?\\s*-*\\s*$"),
        QStringLiteral("^-* ?(Mensaje original|Encabezados del mensaje original)\\s*:?\\s*-*\\s*$"),
        QStringLiteral(
            "^-* ?A continuaci(\u00f3|o)n (hay|se (adjunta|incluye|encuentra)|va) una copia del mensaje"),
        // qmail's "--- Below this line is a copy of the message." as its translations write it
        // (Portuguese, Spanish, Italian, French, German).
        QStringLiteral(
            "^-+ ?(Segue abaixo|Abaixo( desta linha)? (est(\u00e1|a)|segue)) uma c(\u00f3|o)pia da "
            "mensagem"),
        QStringLiteral(
            "^-+ ?Debajo de esta l(\u00ed|i)nea (hay|est(\u00e1|a)|se encuentra) una copia del mensaje"),
        QStringLiteral(
            "^-+ ?(Di seguito|Sotto questa (linea|riga)) (\u00e8|c'\u00e8|e') una copia del messaggio"),
        QStringLiteral("^-+ ?(Ci-dessous|Sous cette ligne)( se trouve)? une copie du message"),
        QStringLiteral("^-+ ?Unterhalb dieser Zeile (befindet sich|ist|folgt) eine Kopie der Nachricht"),
        // Japanese, Chinese and Korean: "元のメッセージのヘッダー", "原始邮件", "원본 메시지", alone on
        // their line ("原邮件信息：" above a QQ summary is no copy).
        QStringLiteral("^-* ?(\u5143\u306e\u30e1\u30c3\u30bb\u30fc\u30b8(\u306e\u30d8\u30c3\u30c0\u30fc?)?|"
                       "\u539f\u59cb\u90ae\u4ef6|\u539f\u59cb\u90f5\u4ef6|\u539f\u90ae\u4ef6|"
                       "\uc6d0\ubcf8 \uba54\uc2dc\uc9c0)\\s*-*\\s*$"),
    };
}

namespace {

Patterns loadOriginalMarkers()
{
    Patterns p;
    for (const QString& s : BounceFormats::originalMarkerPatterns())
        p.append(formatPatterns().add(s, QRegularExpression::CaseInsensitiveOption));
    return p;
}

const FormatTable& table()
{
    static const FormatTable instance = [] {
        FormatTable t;
        for (Format& f : loadFormats()) {
            if (f.id == QLatin1String("all")) {
                t.sharedDelay = f.delay;
                t.sharedDelivered = f.delivered;
                t.sharedRetriesOver = f.retriesOver;
            } else
                t.formats.append(f);
        }
        t.originalMarkers = loadOriginalMarkers();
        formatPatterns().build();
        return t;
    }();
    return instance;
}

const QList<Format>& formats()
{
    return table().formats;
}

bool anyMatch(const Patterns& patterns, const QString& text)
{
    if (!patterns.mayMatchAny(text))
        return false;
    for (const PatternTable::Pattern& re : patterns) {
        if (re.matches(text))
            return true;
    }
    return false;
}

bool detect(const Format& f, const BounceFormats::Input& input, const QString& from, const QString& subject)
{
    const bool fromOk = !f.from.isEmpty() && anyMatch(f.from, from);
    const bool subjectOk = !f.subject.isEmpty() && anyMatch(f.subject, subject);
    if (!f.from.isEmpty() || !f.subject.isEmpty()) {
        if (f.fromOrSubject) {
            if (!fromOk && !subjectOk)
                return false;
        } else if ((!f.from.isEmpty() && !fromOk) || (!f.subject.isEmpty() && !subjectOk)) {
            return false;
        }
    }
    for (const QString& name : f.headers) {
        if (!findHeader(input.headers, name))
            return false;
    }
    if (!f.body.isEmpty() && !anyMatch(f.body, input.fullText.isEmpty() ? input.text : input.fullText))
        return false;
    return true;
}

// A heading between dashes followed by header fields ("------ Заголовки исходного сообщения
// ------", then "Received: ...") starts the returned original in any language: the fields say
// what the heading means, whatever its words.
bool isDashedHeading(QStringView line)
{
    line = line.trimmed();
    if (line.size() < 7 || !line.startsWith(u"--") || !line.endsWith(u"--"))
        return false;
    qsizetype a = 0;
    while (a < line.size() && line[a] == u'-')
        ++a;
    qsizetype b = line.size();
    while (b > a && line[b - 1] == u'-')
        --b;
    const QStringView inner = line.sliced(a, b - a).trimmed();
    return inner.size() >= 3 && std::any_of(inner.begin(), inner.end(), [](QChar c) { return c.isLetter(); });
}

bool isMessageFieldLine(QStringView line)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon < 2 || colon + 1 >= line.size() || !line[colon + 1].isSpace())
        return false;
    const QStringView name = line.first(colon);
    for (QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-')
            return false;
    }
    static const QLatin1String names[] = {
        QLatin1String("Received"),     QLatin1String("Return-Path"),  QLatin1String("From"),
        QLatin1String("To"),           QLatin1String("Subject"),      QLatin1String("Date"),
        QLatin1String("Message-ID"),   QLatin1String("MIME-Version"), QLatin1String("DKIM-Signature"),
        QLatin1String("Delivered-To"), QLatin1String("Content-Type"), QLatin1String("Reply-To")};
    return name.startsWith(QLatin1String("X-"), Qt::CaseInsensitive) ||
           std::any_of(std::begin(names), std::end(names),
                       [&](QLatin1String n) { return name.compare(n, Qt::CaseInsensitive) == 0; });
}

// Line `i` is a heading between dashes, and the first line after it that is not blank, within
// two, is a header field.
template <typename Lines>
bool headingBeforeFields(const Lines& lines, qsizetype i)
{
    if (!isDashedHeading(lines[i]))
        return false;
    for (qsizetype j = i + 1; j < lines.size() && j <= i + 2; ++j) {
        if (!lines[j].trimmed().isEmpty())
            return isMessageFieldLine(lines[j]);
    }
    return false;
}

const Patterns& originalMarkers()
{
    return table().originalMarkers;
}

QString cleanAddress(QString a)
{
    a = a.trimmed();
    if (a.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive))
        a = a.mid(7);
    // A label written with the full-width colon of Chinese and Japanese text, with no space after
    // it ("宛先：user@example.jp", "收件人：user@example.cn"): no address holds that colon.
    if (const qsizetype colon = a.lastIndexOf(QChar(0xFF1A)); colon >= 0)
        a = a.mid(colon + 1);
    while (!a.isEmpty() && QStringLiteral("<\"'([{*").contains(a.front()))
        a.remove(0, 1);
    while (!a.isEmpty() && QStringLiteral(">\"')]}:;,.*").contains(a.back()))
        a.chop(1);
    const qsizetype lt = a.indexOf(QLatin1Char('<'));
    if (lt >= 0) {
        const qsizetype gt = a.indexOf(QLatin1Char('>'), lt);
        a = a.mid(lt + 1, gt > lt ? gt - lt - 1 : -1);
    }
    return a.trimmed();
}

bool plausibleAddress(const QString& a)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s<>()\\[\\],;:\"]+@(\\[[0-9A-Fa-f.:IPv]+\\]|[A-Za-z0-9][A-Za-z0-9.-]*)$"));
    return RegexSubject::match(re, a).hasMatch();
}

// A recipient a report names by its local part alone (GroupWise's "rjensen (user not found)"):
// the returned original's To or Cc address with that local part, when exactly one has it;
// otherwise unchanged (and no plausible address).
QString withDomain(const QString& address, const BounceFormats::Input& input)
{
    if (address.isEmpty() || address.contains(QLatin1Char('@')))
        return address;
    static const QRegularExpression any(QStringLiteral("[^\\s<>,;:\"'()]+@[A-Za-z0-9.-]*[A-Za-z0-9]"));
    QString found;
    for (const QString& field : input.originalRecipientFields) {
        for (auto it = any.globalMatch(field); it.hasNext();) {
            const QString a = it.next().captured(0);
            if (a.size() > address.size() && a[address.size()] == u'@' &&
                a.startsWith(address, Qt::CaseInsensitive)) {
                if (!found.isEmpty() && found.compare(a, Qt::CaseInsensitive) != 0)
                    return address; // two candidates: none is sure
                found = a;
            }
        }
    }
    return found.isEmpty() ? address : found;
}

// Joins the lines of a multi-line SMTP reply ("550-5.7.26 first", "550 5.7.26 last") into one
// line with the repeated code prefix dropped (RFC 5321 section 4.2.1).
QString joinReplyLines(const QStringList& lines)
{
    QString out;
    QString code;
    for (const QString& raw : lines) {
        QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (const qsizetype length = SmtpStatus::replyPrefixLength(line); length > 0) {
            if (!code.isEmpty() && QStringView(line).first(3) == code)
                line = line.mid(length).trimmed();
            else
                code = line.first(3);
        }
        if (!out.isEmpty() && !line.isEmpty())
            out += QLatin1Char(' ');
        out += line;
    }
    return simplifiedText(std::move(out));
}

QString firstCapture(const Patterns& patterns, const QString& text, const QString& group)
{
    for (const PatternTable::Pattern& re : patterns) {
        const QRegularExpressionMatch m = re.match(text);
        if (m.hasMatch() && !m.captured(group).isEmpty())
            return m.captured(group).trimmed();
    }
    return {};
}

struct Block
{
    QString address;
    QStringList lines;      // the block's own text
    QStringList transcript; // lines seen before the recipient line (transcript-before)
    QStringList before;     // text lines just before the recipient line (text-before)
    QStringList after;      // lines after the block closed, before the next recipient line
    QString code, status, host, text;
    QString mtaCode; // the reporting MTA's own code on the recipient line, the last resort
};

// One level of quoting taken off, or nothing for a text that is not quoted.
std::optional<QString> unquotedOnce(QStringView text)
{
    // Each line in turn, without a list of them.
    const auto eachLine = [text](auto&& f) {
        for (qsizetype from = 0; from <= text.size();) {
            qsizetype nl = text.indexOf(QLatin1Char('\n'), from);
            if (nl < 0)
                nl = text.size();
            f(text.sliced(from, nl - from));
            from = nl + 1;
        }
    };
    // Most texts have no more than a few lines starting with '>' (a transcript's ">>>"): the
    // quoted lines are counted first, by their '>' alone (a vectorised search).
    int startingWithQuote = 0;
    for (qsizetype at = text.indexOf(QLatin1Char('>')); at >= 0 && startingWithQuote < 3;
         at = text.indexOf(QLatin1Char('>'), at + 1)) {
        if (at == 0 || text[at - 1] == u'\n')
            ++startingWithQuote;
    }
    if (startingWithQuote < 3) // more than half of more than four lines
        return std::nullopt;
    int quoted = 0;
    int nonEmpty = 0;
    eachLine([&](QStringView l) {
        if (l.trimmed().isEmpty())
            return;
        ++nonEmpty;
        if (l.startsWith(QLatin1Char('>')))
            ++quoted;
    });
    if (nonEmpty <= 4 || quoted * 2 <= nonEmpty)
        return std::nullopt;
    QString out;
    out.reserve(text.size());
    bool first = true;
    eachLine([&](QStringView l) {
        if (l.startsWith(QLatin1String("> ")))
            l = l.sliced(2);
        else if (l.startsWith(QLatin1Char('>')) && !l.startsWith(QLatin1String(">>>")))
            l = l.sliced(1);
        else if (l.startsWith(QLatin1String(">>>>")))
            l = l.sliced(1);
        if (!first)
            out += QLatin1Char('\n');
        out += l;
        first = false;
    });
    return out;
}

} // namespace

bool BounceFormats::saysDelayed(const QString& text)
{
    return anyMatch(table().sharedDelay, text);
}

bool BounceFormats::saysRetriesOver(const QString& text)
{
    return anyMatch(table().sharedRetriesOver, text);
}

std::optional<QString> BounceFormats::unquoted(QStringView text)
{
    // A bounce quoted in a reply to a reply ("> > <a@b.example>:") loses every level of quoting.
    std::optional<QString> out = unquotedOnce(text);
    for (int level = 1; out && level < 4; ++level) {
        std::optional<QString> deeper = unquotedOnce(*out);
        if (!deeper)
            break;
        out = std::move(deeper);
    }
    return out;
}

namespace {

// A report's lines: its text with line ends made LF (read() and readWith() have unquoted a
// quoted forward already); the lines are views into that text, not strings of their own.
// Each line is scanned for the phrases of the table when first tried and then kept: every layout
// tried and every loop over the lines reads the same ones.
class ReportLines
{
public:
    explicit ReportLines(const QString& text)
        : m_text(text) // shared: a text scanned before is known by its data
    {
        if (m_text.contains(QLatin1Char('\r'))) {
            m_text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
            m_text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        }
        m_lines = QStringView(m_text).split(QLatin1Char('\n'));
        m_phrases.resize(static_cast<size_t>(m_lines.size()));
        m_scanned.assign(static_cast<size_t>(m_lines.size()), false);
    }
    ReportLines(const ReportLines&) = delete; // the lines point into m_text
    ReportLines& operator=(const ReportLines&) = delete;

    qsizetype size() const { return m_lines.size(); }
    QStringView operator[](qsizetype i) const { return m_lines[i]; }
    // The lines joined with '\n'.
    const QString& joined() const { return m_text; }
    // Lines [first, last) joined with '\n'.
    QString section(qsizetype first, qsizetype last) const
    {
        if (first >= last || m_text.isEmpty()) // an empty text's one line points nowhere
            return QString();
        const qsizetype from = m_lines[first].data() - m_text.constData();
        const qsizetype to = m_lines[last - 1].data() + m_lines[last - 1].size() - m_text.constData();
        return m_text.mid(from, to - from);
    }
    // Lines [first, last) but the empty ones, as strings.
    QStringList nonEmpty(qsizetype first, qsizetype last) const
    {
        QStringList out;
        for (qsizetype i = first; i < last; ++i) {
            if (!m_lines[i].isEmpty())
                out.append(m_lines[i].toString());
        }
        return out;
    }
    const PatternTable::Phrases& phrases(qsizetype i) const
    {
        const auto at = static_cast<size_t>(i);
        if (!m_scanned[at]) {
            m_phrases[at] = formatPatterns().phrasesOf(m_lines[i]);
            m_scanned[at] = true;
        }
        return m_phrases[at];
    }

private:
    QString m_text;
    QList<QStringView> m_lines;
    mutable std::vector<PatternTable::Phrases> m_phrases;
    mutable std::vector<bool> m_scanned;
};

// anyMatch for line i of a report.
bool anyMatch(const Patterns& patterns, const ReportLines& lines, qsizetype i)
{
    const PatternTable::Phrases& phrases = lines.phrases(i);
    if (!patterns.mayMatchAny(phrases))
        return false;
    for (const PatternTable::Pattern& re : patterns) {
        if (re.matches(lines[i], phrases))
            return true;
    }
    return false;
}

// The SMTP step a transcript's first refusal answers. Replies come in the order the commands
// were sent, also when the client pipelines them (RFC 2920: "RCPT TO" and "DATA" sent together,
// then "550 User unknown" answers RCPT TO, not DATA): each reply answers the oldest command
// still waiting for one.
QString transcriptStage(const QString& transcript)
{
    static const GuardedRegex sent(QStringLiteral("^\\s*>>>\\s*(.*)$"));
    static const GuardedRegex reply(QStringLiteral("^\\s*<<<\\s*([2345])\\d\\d([ -]?)"));
    // Only lines holding ">>>" (a command sent) or "<<<" (a reply) can match. Looked for by the
    // character (a vectorised search), as a Latin-1 substring search converts its needle each call.
    const auto holdsTriple = [](QStringView text, QChar c) {
        for (qsizetype i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
            if (i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c)
                return true;
        }
        return false;
    };
    const auto holdsMarker = [&](QStringView text) {
        return holdsTriple(text, QLatin1Char('>')) || holdsTriple(text, QLatin1Char('<'));
    };
    if (!holdsMarker(transcript))
        return QString();
    QStringList waiting;
    for (const QStringView line : QStringView(transcript).split(QLatin1Char('\n'))) {
        if (!holdsMarker(line))
            continue;
        const QString text = line.toString();
        const QRegularExpressionMatch s = sent.match(text);
        if (s.hasMatch()) {
            waiting.append(s.captured(1));
            continue;
        }
        const QRegularExpressionMatch r = reply.match(text);
        if (!r.hasMatch() || r.captured(2) == QLatin1String("-"))
            continue; // not a reply, or not its last line
        const QString command = waiting.isEmpty() ? QString() : waiting.takeFirst();
        const bool refused = r.captured(1) == QLatin1String("4") || r.captured(1) == QLatin1String("5");
        if (refused && !command.isEmpty())
            return BounceFormats::normaliseStage(command);
    }
    return QString();
}

// Lines a local delivery program wrote into a Sendmail transcript ("mail.local: unknown user:
// kijitora") before Sendmail's own translation of its exit status ("554 ... Service
// unavailable"): the program's words carry the reason.
QStringList mailerLines(const QStringList& transcript)
{
    static const GuardedRegex mailer(QStringLiteral("^([\\w.+/-]{2,40}): (\\S.*)$"));
    static const QRegularExpression notMailer(
        QStringLiteral("^(?i:received|from|to|subject|date|message-id|reporting-mta|final-recipient|action|"
                       "status|remote-mta|diagnostic-code)$"));
    QStringList found;
    for (const QString& t : transcript) {
        const QString line = t.trimmed();
        if (line.startsWith(QLatin1String(">>>")) || line.startsWith(QLatin1String("<<<")) ||
            line.startsWith(QLatin1Char('-'))) {
            found.clear();
            continue;
        }
        const QRegularExpressionMatch m = mailer.match(line);
        if (m.hasMatch() && !RegexSubject::match(notMailer, m.captured(1)).hasMatch())
            found.append(line);
    }
    return found;
}

BounceFormats::Result runFormat(const Format& f, const BounceFormats::Input& input, const ReportLines& lines,
                                const QString& subject, const QString& bounceFrom)
{
    BounceFormats::Result result;
    result.format = f.id;
    result.formatName = f.name.isEmpty() ? f.id : f.name;

    qsizetype start = 0;
    if (!f.begin.isEmpty()) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < lines.size() && found < 0; ++i) {
            if (anyMatch(f.begin, lines, i))
                found = i;
        }
        if (found >= 0)
            start = found + 1;
    }
    qsizetype end = lines.size();
    for (qsizetype i = start; i < lines.size(); ++i) {
        if (anyMatch(f.end, lines, i) || anyMatch(originalMarkers(), lines, i) ||
            headingBeforeFields(lines, i)) {
            end = i;
            break;
        }
    }

    QList<Block> blocks;
    std::vector<qsizetype> pending; // the lines outside blocks since the last block
    bool open = false;
    const Patterns& recipientPatterns = f.recipient;
    for (qsizetype i = start; i < end; ++i) {
        const QStringView line = lines[i];
        const PatternTable::Phrases& phrases = lines.phrases(i);
        bool opened = false;
        // Most lines hold none of the phrases a recipient line needs: no expression runs on them.
        const bool mayOpen = recipientPatterns.mayMatchAny(phrases);
        for (const PatternTable::Pattern& re : recipientPatterns) {
            if (!mayOpen)
                break;
            const QRegularExpressionMatch m = re.match(line, phrases);
            if (!m.hasMatch())
                continue;
            const QString address = withDomain(cleanAddress(m.captured(QStringLiteral("addr"))), input);
            if (!plausibleAddress(address) || address.compare(bounceFrom, Qt::CaseInsensitive) == 0 ||
                input.senders.contains(address, Qt::CaseInsensitive))
                continue;
            Block b;
            b.address = address;
            b.text = m.captured(QStringLiteral("text")).trimmed();
            b.code = m.captured(QStringLiteral("code"));
            b.mtaCode = m.captured(QStringLiteral("mtacode"));
            b.status = m.captured(QStringLiteral("status"));
            b.host = m.captured(QStringLiteral("host"));
            if (f.transcriptBefore) {
                for (const qsizetype p : pending)
                    b.transcript.append(lines[p].toString());
            }
            if (f.textBefore) {
                for (const qsizetype p : pending) {
                    if (!lines[p].trimmed().isEmpty() && !anyMatch(f.skip, lines, p))
                        b.before.append(lines[p].toString());
                }
            }
            pending.clear();
            blocks.append(b);
            open = true;
            opened = true;
            break;
        }
        if (opened)
            continue;
        if (open) {
            const bool blank = line.trimmed().isEmpty();
            if ((blank && f.blankEndsBlock &&
                 (!blocks.last().lines.isEmpty() || !blocks.last().text.isEmpty())) ||
                anyMatch(f.blockEnd, lines, i) || (f.indentedOnly && !blank && !line.front().isSpace())) {
                open = false;
                pending.push_back(i);
                if (!blank && !anyMatch(f.skip, lines, i))
                    blocks.last().after.append(line.toString());
                continue;
            }
            if (blank || anyMatch(f.skip, lines, i))
                continue;
            blocks.last().lines.append(line.toString());
        } else {
            pending.push_back(i);
            if (!blocks.isEmpty() && !line.trimmed().isEmpty() && !anyMatch(f.skip, lines, i))
                blocks.last().after.append(line.toString());
        }
    }

    const QString section = lines.section(start, end);
    QString sectionDiagnostic = firstCapture(f.diagnostic, section, QStringLiteral("text"));
    if (sectionDiagnostic.isEmpty())
        sectionDiagnostic = firstCapture(f.diagnostic, lines.joined(), QStringLiteral("text"));
    bool delayed = f.delayed;
    if (!delayed && !f.delay.isEmpty())
        delayed = anyMatch(f.delay, subject) || anyMatch(f.delay, input.text);
    if (!delayed)
        delayed = anyMatch(table().sharedDelay, subject) || anyMatch(table().sharedDelay, input.text);
    result.delayed = delayed;
    // A success notice ("Your message was successfully delivered to the destination(s) listed
    // below", Postfix's text when it sends no DSN parts): a recipient whose reply is 2xx was
    // delivered. Read only when such a reply is met.
    std::optional<bool> successNotice;
    const auto isSuccessNotice = [&] {
        if (!successNotice)
            successNotice =
                anyMatch(table().sharedDelivered, subject) || anyMatch(table().sharedDelivered, input.text);
        return *successNotice;
    };

    if (blocks.isEmpty() && !f.subjectRecipient.isEmpty()) {
        // Some MTAs name the recipient only in the Subject ("Undeliverable: user@example.com").
        for (const PatternTable::Pattern& re : f.subjectRecipient) {
            const QRegularExpressionMatch m = re.match(subject);
            const QString address =
                m.hasMatch() ? cleanAddress(m.captured(QStringLiteral("addr"))) : QString();
            if (plausibleAddress(address) && !input.senders.contains(address, Qt::CaseInsensitive)) {
                Block b;
                b.address = address;
                b.lines = lines.nonEmpty(start, end);
                blocks.append(b);
                break;
            }
        }
    }

    if (f.recipientFromOriginal && blocks.isEmpty() && plausibleAddress(input.originalTo)) {
        // The refusal speaks of the message as a whole (a list that refuses the poster): the
        // address it was sent to is the recipient.
        Block b;
        b.address = input.originalTo;
        b.lines = lines.nonEmpty(start, end);
        blocks.append(b);
    }

    if (f.recipientsFromHeader) {
        // The text names no recipient (or names the sender); the header field does.
        blocks.clear();
        for (const HeaderField& field : headersNamed(input.headers, u"X-Failed-Recipients")) {
            for (const QString& a : field.value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                Block b;
                b.address = cleanAddress(a);
                if (plausibleAddress(b.address))
                    blocks.append(b);
            }
        }
    }

    // A mail system's own role address named in passing ("System Contact: postmaster@...",
    // "Please reply to Postmaster@...") is no recipient when the text names real ones.
    // (?i)^(postmaster|mailer-daemon|abuse|hostmaster|noreply|no-reply)@, compared as text.
    const auto isRole = [](const Block& b) {
        for (const char* name :
             {"postmaster", "mailer-daemon", "abuse", "hostmaster", "noreply", "no-reply"}) {
            const QLatin1StringView word(name);
            if (b.address.size() > word.size() && b.address[word.size()] == u'@' &&
                startsWithCaseless(b.address, word))
                return true;
        }
        return false;
    };
    if (!std::all_of(blocks.cbegin(), blocks.cend(), isRole))
        blocks.removeIf(isRole);

    // Addresses listed one under the other and one reason after the list ("objednavky@...",
    // "j.cerny@...", then "The domain ... does not exist"): the reason is every listed address's.
    if (sectionDiagnostic.isEmpty()) {
        for (qsizetype i = blocks.size() - 2; i >= 0; --i) {
            Block& b = blocks[i];
            if (b.text.isEmpty() && b.lines.isEmpty() && b.before.isEmpty() && b.transcript.isEmpty() &&
                blocks[i + 1].text.isEmpty())
                b.lines = blocks[i + 1].lines;
        }
    }

    QHash<QString, qsizetype> seen;
    for (const Block& b : std::as_const(blocks)) {
        RecipientReport r;
        r.address = b.address;
        r.format = f.id;
        r.action = delayed ? QStringLiteral("delayed") : QStringLiteral("failed");
        QStringList parts;
        if (!b.text.isEmpty())
            parts.append(b.text);
        parts += b.lines;
        if (parts.isEmpty())
            parts = b.before;
        if (parts.isEmpty() && !sectionDiagnostic.isEmpty())
            parts.append(sectionDiagnostic);
        if (parts.isEmpty() && blocks.size() == 1)
            parts = b.after; // "<addr>" alone, the reason in a transcript below it
        const QString joinedParts = joinReplyLines(parts);
        QString blockText = joinedParts;
        // Server replies in the transcript before the recipient line ("<<< 550 ...") are the
        // receiver's own words and outrank the MTA's summary.
        QString serverReply;
        static const GuardedRegex fromServer(QStringLiteral("^\\s*<<<\\s*(.*)$"));
        QStringList replies;
        static const GuardedRegex toServer(QStringLiteral("^\\s*>>>"));
        for (const QString& t : b.transcript) {
            if (toServer.matches(t))
                replies.clear(); // only the replies to the last command sent
            const QRegularExpressionMatch m = fromServer.match(t);
            if (m.hasMatch())
                replies.append(m.captured(1));
        }
        if (!replies.isEmpty())
            serverReply = joinReplyLines(replies);
        if (serverReply.isEmpty()) {
            // A session log inside the block (some gateways stamp each line with its time:
            // "[08:58:06] <<< 550 5.1.1 ..."): the server's first refusal is its words, not the
            // greeting or the 250s before it. Its continuation lines come with it.
            static const GuardedRegex refusal(QStringLiteral("<<<\\s*([45]\\d\\d)([ -].*)$"));
            QStringList refusalLines;
            QString code;
            for (const QString& t : std::as_const(b.lines)) {
                const QRegularExpressionMatch m = refusal.match(t);
                const bool continues = m.hasMatch() && (code.isEmpty() || m.captured(1) == code);
                if (!continues) {
                    if (!refusalLines.isEmpty())
                        break;
                    continue;
                }
                code = m.captured(1);
                refusalLines.append(m.captured(1) + m.captured(2));
            }
            if (!refusalLines.isEmpty())
                serverReply = joinReplyLines(refusalLines);
        }
        if (blockText.isEmpty())
            blockText = sectionDiagnostic;
        const QString framed = firstCapture(f.text, blockText, QStringLiteral("text"));
        if (!framed.isEmpty())
            blockText = framed;
        QString text = serverReply.isEmpty() ? blockText : serverReply;
        if (f.transcriptBefore && serverReply.isEmpty()) {
            const QStringList mailer = mailerLines(b.transcript);
            if (!mailer.isEmpty())
                text = mailer.join(QLatin1Char(' ')) + QLatin1Char(' ') + text;
        }
        QString all = b.transcript.join(QLatin1Char('\n')) + QLatin1Char('\n') + joinedParts;
        if (blocks.size() == 1)
            all += QLatin1Char('\n') + section;

        r.remoteMta = b.host.isEmpty() ? firstCapture(f.host, all, QStringLiteral("host")) : b.host;
        r.smtpCommand = transcriptStage(all);
        if (r.smtpCommand.isEmpty())
            r.smtpCommand = BounceFormats::normaliseStage(firstCapture(f.stage, all, QStringLiteral("cmd")));
        const QString code = b.code.isEmpty() ? firstCapture(f.reply, all, QStringLiteral("code")) : b.code;
        const QString status =
            b.status.isEmpty() ? firstCapture(f.status, all, QStringLiteral("status")) : b.status;
        BounceFormats::fillFromServerText(r, text);
        if (!code.isEmpty())
            r.replyCode = code.toInt();
        if (!status.isEmpty() && SmtpStatus::isEnhancedStatus(status))
            r.status = status;
        if (r.replyCode == 0 && !serverReply.isEmpty()) {
            RecipientReport own;
            BounceFormats::fillFromServerText(own, blockText);
            r.replyCode = own.replyCode;
        }
        if (r.status.isEmpty() && !serverReply.isEmpty()) {
            RecipientReport own;
            BounceFormats::fillFromServerText(own, blockText);
            r.status = own.status;
        }
        if (r.replyCode == 0 && !b.mtaCode.isEmpty())
            r.replyCode = b.mtaCode.toInt();
        if (r.diagnostic.isEmpty())
            r.diagnostic = simplifiedText(text);
        // A notice in a language or layout without reply codes ("sikeresen kézbesítettük a
        // következő címzett postafiókjába: a@b"): its words say delivered, nothing says otherwise.
        const bool noCode = r.replyCode == 0 && r.status.isEmpty();
        if (!delayed && (SmtpStatus::isAcceptance(r.replyCode, r.status) || noCode) && isSuccessNotice())
            r.action = QStringLiteral("delivered");

        const QString key = lowered(r.address);
        if (seen.contains(key)) {
            // The same recipient told twice (a list and a transcript, or two languages): keep
            // the first, completed with what the second adds.
            RecipientReport& kept = result.recipients[seen.value(key)];
            if (kept.replyCode == 0 && kept.status.isEmpty() && (r.replyCode > 0 || !r.status.isEmpty())) {
                kept.replyCode = r.replyCode;
                kept.status = r.status;
                kept.diagnostic = r.diagnostic;
            }
            if (kept.remoteMta.isEmpty())
                kept.remoteMta = r.remoteMta;
            if (kept.smtpCommand.isEmpty())
                kept.smtpCommand = r.smtpCommand;
            if (kept.diagnostic.isEmpty())
                kept.diagnostic = r.diagnostic;
            continue;
        }
        seen.insert(key, result.recipients.size());
        result.recipients.append(r);
    }
    return result;
}

} // namespace

QString BounceFormats::normaliseStage(QStringView text)
{
    const QString t = text.toString().toUpper().simplified();
    if (t.isEmpty())
        return {};
    if (t.contains(QLatin1String("MAIL")) && !t.contains(QLatin1String("RCPT")))
        return QStringLiteral("MAIL FROM");
    if (t.contains(QLatin1String("RCPT")) || t.contains(QLatin1String("RECIPIENT")))
        return QStringLiteral("RCPT TO");
    if (t.contains(QLatin1String("END OF DATA")) || t.contains(QLatin1String("FINAL DATA")) ||
        t.contains(QLatin1String("TEXT")) || t.contains(QLatin1String("END OF MESSAGE")) ||
        t.contains(QLatin1String("BODY")))
        return QStringLiteral("end of data");
    if (t.contains(QLatin1String("DATA")))
        return QStringLiteral("DATA");
    if (t.contains(QLatin1String("HELO")) || t.contains(QLatin1String("EHLO")))
        return QStringLiteral("HELO");
    if (t.contains(QLatin1String("STARTTLS")))
        return QStringLiteral("STARTTLS");
    if (t.contains(QLatin1String("AUTH")))
        return QStringLiteral("AUTH");
    if (t.contains(QLatin1String("CONNECT")) || t.contains(QLatin1String("GREETING")) ||
        t.contains(QLatin1String("BANNER")))
        return QStringLiteral("connect");
    return {};
}

void BounceFormats::fillFromServerText(RecipientReport& r, QStringView textView)
{
    // Spaces collapsed, line breaks kept: a reply code at the start of a line is a strong sign.
    const QString text = simplifiedLines(textView);
    if (text.isEmpty())
        return;
    // Where the server was and at which stage it answered are read from the same text: one table
    // for both, so that one scan of the text tells which of their expressions may match.
    struct ServerTextPatterns
    {
        PatternTable table;
        Patterns hosts;
        Patterns stages;
        ServerTextPatterns()
        {
            for (const char* s : {
                     "\\bhost\\s+([A-Za-z0-9][\\w.-]*\\.[A-Za-z]{2,}|\\[?\\d{1,3}(?:\\.\\d{1,3}){3}\\]?)"
                     "\\s*\\[[\\d.:a-fA-F]+\\]",
                     "\\bhost\\s+([A-Za-z0-9][\\w.-]*\\.[A-Za-z]{2,})\\[[\\d.:a-fA-F]+\\]",
                     "\\b([A-Za-z0-9][\\w.-]*\\.[A-Za-z]{2,})\\s*\\[[\\d.:a-fA-F]+\\]\\s*"
                     "(?:said|refused|did not like)",
                     "(?i:remote host)\\s+([\\w.:-]+)\\s+said",
                     "(?i:host)\\s+([\\d.]+)\\s+said",
                     "\\bhost:?\\s+([A-Za-z0-9][\\w.-]*\\.[A-Za-z]{2,})\\b",
                     "(?i:while talking to)\\s+([\\w.-]+?)\\.?:",
                     "(?i:server)\\s+<?([\\w.-]+\\.[A-Za-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})>?\\s*"
                     "(?:\\[[\\d.]+\\])?\\s+(?:said|refused|failed|returned|rejected)",
                 })
                hosts.append(table.add(QString::fromLatin1(s)));
            for (const char* s : {
                     "(?i)after\\s+(?:pipelined\\s+)?(MAIL\\s+FROM|RCPT\\s+TO|DATA|end of data|end of "
                     "message|initial connection|"
                     "sending data block|HELO|EHLO|STARTTLS|RCPT|MAIL)",
                     "(?i)in reply to (?:the\\s+)?(MAIL FROM|RCPT TO|DATA|end of DATA|end of data|HELO|EHLO)",
                     "(?i)(RCPT TO|MAIL FROM|DATA) (?:response|command)",
                     "(?i)did not like our (final DATA|RCPT TO|MAIL FROM|DATA|greeting)",
                     "(?i)for (TEXT|RCPT|MAIL|DATA|DATA END) command",
                     "(?i)>>>\\s*(RCPT TO|MAIL FROM|DATA)",
                     "\\[(RCPT_TO|MAIL_FROM|DATA|BODY)\\]",
                     "(?i)\\((RCPT TO|MAIL FROM|DATA|RCPT|MAIL|EHLO|HELO)\\)",
                     "(?i)\\bin (RCPT TO|MAIL FROM|DATA|end of data|RCPT|MAIL)\\b",
                 })
                stages.append(table.add(QString::fromLatin1(s)));
            table.build();
        }
    };
    static const ServerTextPatterns patterns;
    const Patterns& hosts = patterns.hosts;
    const Patterns& stages = patterns.stages;
    if (r.remoteMta.isEmpty() && hosts.mayMatchAny(text)) {
        for (const PatternTable::Pattern& re : hosts) {
            const QRegularExpressionMatch m = re.match(text);
            if (m.hasMatch()) {
                QString host = m.captured(1);
                host.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
                if (host.endsWith(QLatin1Char('.')))
                    host.chop(1);
                r.remoteMta = host;
                break;
            }
        }
    }
    if (r.smtpCommand.isEmpty() && stages.mayMatchAny(text)) {
        for (const PatternTable::Pattern& re : stages) {
            const QRegularExpressionMatch m = re.match(text);
            if (m.hasMatch()) {
                r.smtpCommand = normaliseStage(m.captured(1));
                if (!r.smtpCommand.isEmpty())
                    break;
            }
        }
    }
    const QString status = SmtpStatus::findEnhancedStatus(text);
    if (r.status.isEmpty())
        r.status = status;
    const QChar cls = status.isEmpty() ? QChar() : status.front();
    if (r.replyCode == 0)
        r.replyCode = SmtpStatus::findReplyCode(text, cls);
    if (r.diagnostic.isEmpty()) {
        // The server's words start at its reply code; what comes before is the MTA's frame
        // ("SMTP error from remote mail server after RCPT TO:<...>: host ... [...]:").
        const qsizetype from = r.replyCode > 0 ? SmtpStatus::replyCodeAt(text, r.replyCode) : -1;
        QString diagnostic = from > 0 ? text.mid(from) : text;
        // Postfix's "(in reply to RCPT TO command)" is the MTA's note, not the server's words.
        static const QRegularExpression inReplyTo(QStringLiteral("\\s*\\(in reply to [^)]*\\)\\s*$"));
        if (diagnostic.contains(u"(in reply to "))
            diagnostic.remove(inReplyTo);
        r.diagnostic = simplifiedText(diagnostic);
    }
}

namespace {

// The first line that holds one of the original markers' phrases, or -1.
qsizetype markerByPhrase(QStringView text)
{
    // The markers' own phrases, in an automaton of their own: most lines of a report are looked at
    // only for these, and the layout table's automaton is many times the size. Its expressions are
    // never compiled; the layout table's run.
    static const Patterns markerPhrases = [] {
        static PatternTable table;
        Patterns p;
        for (const QString& s : BounceFormats::originalMarkerPatterns())
            p.append(table.add(s, QRegularExpression::CaseInsensitiveOption));
        table.build();
        return p;
    }();
    qsizetype pos = 0;
    while (pos < text.size()) {
        // Most lines hold no phrase of any marker: one scan finds the first line in which one
        // ends, and the lines before it are passed over (a phrase within a line ends in it).
        const qsizetype end = markerPhrases.firstPhraseEnd(text.sliced(pos));
        if (end < 0)
            return -1;
        if (const qsizetype last = pos + end - 2; last >= pos) // the unit before the phrase's last
            pos = std::max(pos, text.lastIndexOf(QLatin1Char('\n'), last) + 1);
        qsizetype nl = text.indexOf(QLatin1Char('\n'), pos);
        if (nl < 0)
            nl = text.size();
        const QStringView view = text.sliced(pos, nl - pos).trimmed();
        if (!view.isEmpty() && markerPhrases.mayMatchAny(view) &&
            anyMatch(originalMarkers(), view.toString()))
            return pos;
        pos = nl + 1;
    }
    return -1;
}

// The first line before `limit` that is a heading between dashes followed by header fields, or -1.
// Only lines that start with dashes are looked at, without splitting the text.
qsizetype markerByDashedHeading(QStringView text, qsizetype limit)
{
    const QStringView before = text.first(limit);
    for (qsizetype dash = before.indexOf(u"--"); dash >= 0; dash = before.indexOf(u"--", dash + 2)) {
        const qsizetype start = before.lastIndexOf(QLatin1Char('\n'), dash) + 1;
        if (before.sliced(start, dash - start).trimmed().isEmpty()) {
            QVarLengthArray<QStringView, 3> lines; // the heading and the two lines after it
            for (qsizetype at = start; lines.size() < 3 && at <= text.size();) {
                qsizetype nl = text.indexOf(QLatin1Char('\n'), at);
                if (nl < 0)
                    nl = text.size();
                lines.append(text.sliced(at, nl - at));
                at = nl + 1;
            }
            if (headingBeforeFields(lines, 0))
                return start;
        }
        const qsizetype end = before.indexOf(QLatin1Char('\n'), dash);
        if (end < 0)
            break;
        dash = end - 1; // the next search starts on the next line
    }
    return -1;
}

} // namespace

qsizetype BounceFormats::originalMessageMarker(QStringView text)
{
    const qsizetype phrase = markerByPhrase(text);
    // A heading between dashes before header fields, in any language, when it comes first.
    const qsizetype dashed = markerByDashedHeading(text, phrase < 0 ? text.size() : phrase);
    return dashed >= 0 ? dashed : phrase;
}

qsizetype BounceFormats::originalMessageStart(QStringView text)
{
    const qsizetype marker = originalMessageMarker(text);
    if (marker < 0)
        return -1;
    const qsizetype nl = text.indexOf(QLatin1Char('\n'), marker);
    return nl < 0 ? text.size() : nl + 1;
}

QStringList BounceFormats::formatIds()
{
    QStringList ids;
    for (const Format& f : formats())
        ids.append(f.id);
    return ids;
}

namespace {

// A bounce forwarded inline with every line quoted ("> "), as mail programs forward by default,
// unquoted: the layouts' markers start their lines. Nothing for a text that is not quoted.
std::optional<BounceFormats::Input> unquotedInput(const BounceFormats::Input& input)
{
    std::optional<QString> text = BounceFormats::unquoted(input.text);
    if (!text)
        return std::nullopt;
    BounceFormats::Input plain = input;
    plain.text = std::move(*text);
    plain.fullText = BounceFormats::unquoted(input.fullText).value_or(QString());
    return plain;
}

} // namespace

BounceFormats::Result BounceFormats::readWith(const QString& id, const Input& input)
{
    if (const std::optional<Input> plain = unquotedInput(input))
        return readWith(id, *plain);
    const QString subject = headerValue(input.headers, u"Subject");
    const QString from = headerValue(input.headers, u"From");
    const QString bounceFrom = cleanAddress(from);
    for (const Format& f : formats()) {
        if (f.id == id)
            return runFormat(f, input, ReportLines(input.text), subject, bounceFrom);
    }
    return {};
}

namespace {

BounceFormats::Result readLayouts(const BounceFormats::Input& input)
{
    const QString subject = headerValue(input.headers, u"Subject");
    const QString from = headerValue(input.headers, u"From");
    const QString bounceFrom = cleanAddress(from);
    std::optional<ReportLines> lines; // read when a layout first fits, then by every one that does
    // The layouts first: reading them adds their patterns and builds the automaton, which the scan
    // below must not meet half made (its empty result would be remembered for the text).
    const QList<Format>& all = formats();
    // The report's text is the start of the whole text (cut before a returned original): scanned
    // first, it leaves only the rest of the whole text to scan for the layouts' body markers.
    if (input.fullText.size() > input.text.size())
        formatPatterns().prepare(input.text);
    for (const Format& f : all) {
        if (!detect(f, input, from, subject))
            continue;
        if (!lines)
            lines.emplace(input.text);
        BounceFormats::Result r = runFormat(f, input, *lines, subject, bounceFrom);
        if (!r.recipients.isEmpty())
            return r;
    }
    return {};
}

} // namespace

BounceFormats::Result BounceFormats::read(const Input& input)
{
    if (const std::optional<Input> plain = unquotedInput(input))
        return readLayouts(*plain);
    return readLayouts(input);
}

} // namespace headerlens
