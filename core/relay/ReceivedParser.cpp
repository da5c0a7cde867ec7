#include "ReceivedHop.h"

#include "MailDate.h"
#include "TextSearch.h"

#include <QVarLengthArray>

#include <array>

// Reading a Received field (RFC 5321 section 4.4, RFC 5322 section 3.6.7).
//
// The keywords (from, by, via, with, id, for) give the skeleton; the comments carry most of what
// a user needs, and each MTA family lays them out its own way:
//   Postfix, Sendmail, Courier, Gmail  from HELO (RDNS [IP])          RDNS "unknown" = none
//   Exim                               from RDNS ([IP] helo=HELO)     helo= left out when equal
//                                      from [IP] (helo=HELO)          no reverse DNS
//                                      from USER (helo=HELO)          local SMTP, no address
//   qmail, qpsmtpd, Yahoo, Zimbra      from RDNS (HELO name) (IP)     (HELO) left out when equal
//   Exchange, Office 365, PowerMTA     from HELO (IP)
// The whole table, one row per family with its documented layouts, is kFromLayouts below.
// SpamAssassin's parser reads most fields the same way; scripts/received-differential.pl compares
// the two and scripts/received-differential.tsv lists where we differ on purpose, and why.
// The field is tokenised once (words, [literals], <addresses>, nested comments, semicolons); the
// words are split into clauses by keyword; each clause is then read with the layout rules above.
// No regular expressions: one pass over the text, views into it, small stack arrays.

namespace headerlens {

namespace {

constexpr qsizetype kMaxFieldLength = 64 * 1024;

// ------------------------------------------------------------------------------------------------
// Characters and small predicates

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return isAsciiDigit(c) || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

// The keywords are literals or table words whose length is known at compile time (these run half
// a million times per corpus pass, and a strlen for each showed in the profile).
bool equalsCi(QStringView a, Keyword b)
{
    return equalsCaseless(a, b.text);
}

bool startsWithCi(QStringView a, Keyword b)
{
    return startsWithCaseless(a, b.text);
}

bool endsWithCi(QStringView a, Keyword b)
{
    return endsWithCaseless(a, b.text);
}

qsizetype indexOfCi(QStringView a, Keyword b)
{
    return indexOfCaseless(a, b.text);
}

bool containsCi(QStringView a, Keyword b)
{
    return containsCaseless(a, b.text);
}

QStringView stripTrailing(QStringView s, const char* chars)
{
    while (!s.isEmpty()) {
        bool strip = false;
        for (const char* c = chars; *c; ++c)
            strip = strip || s.back() == QLatin1Char(*c);
        if (!strip)
            break;
        s.chop(1);
    }
    return s;
}

// "<user@example.com>" -> "user@example.com"; trailing ';' ',' dropped.
QStringView stripAngles(QStringView s)
{
    s = stripTrailing(s.trimmed(), ";,");
    if (s.size() >= 2 && s.front() == QLatin1Char('<') && s.back() == QLatin1Char('>'))
        s = s.sliced(1, s.size() - 2).trimmed();
    return s;
}

// ------------------------------------------------------------------------------------------------
// IP addresses

std::optional<quint32> parseIpv4(QStringView s)
{
    quint32 value = 0;
    int parts = 0;
    qsizetype i = 0;
    while (i <= s.size()) {
        int digits = 0;
        int octet = 0;
        while (i < s.size() && isAsciiDigit(s[i])) {
            octet = octet * 10 + (s[i].unicode() - '0');
            ++digits;
            ++i;
            if (digits > 3)
                return std::nullopt;
        }
        if (digits == 0 || octet > 255)
            return std::nullopt;
        value = (value << 8) | static_cast<quint32>(octet);
        ++parts;
        if (i == s.size())
            break;
        if (s[i] != QLatin1Char('.') || parts == 4)
            return std::nullopt;
        ++i;
    }
    if (parts != 4)
        return std::nullopt;
    return value;
}

// Dotted decimal, written digit by digit (four QString::arg calls cost ten times as much).
QString ipv4Text(quint32 v)
{
    std::array<char16_t, 15> text{};
    qsizetype n = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const quint32 octet = (v >> shift) & 0xff;
        if (octet >= 100)
            text[n++] = static_cast<char16_t>(u'0' + octet / 100);
        if (octet >= 10)
            text[n++] = static_cast<char16_t>(u'0' + octet / 10 % 10);
        text[n++] = static_cast<char16_t>(u'0' + octet % 10);
        if (shift > 0)
            text[n++] = u'.';
    }
    return QString(reinterpret_cast<const QChar*>(text.data()), n);
}

std::optional<std::array<quint16, 8>> parseIpv6(QStringView s)
{
    std::array<quint16, 8> head{};
    std::array<quint16, 8> tail{};
    int headCount = 0;
    int tailCount = 0;
    bool compressed = false;
    if (s.size() < 2 || s.size() > 45)
        return std::nullopt;
    qsizetype i = 0;
    if (s.startsWith(QLatin1StringView("::"))) {
        compressed = true;
        i = 2;
    } else if (s[0] == QLatin1Char(':')) {
        return std::nullopt;
    }
    while (i < s.size()) {
        // embedded IPv4 in the last 32 bits
        qsizetype end = i;
        while (end < s.size() && s[end] != QLatin1Char(':'))
            ++end;
        const QStringView group = s.sliced(i, end - i);
        int& count = compressed ? tailCount : headCount;
        auto& groups = compressed ? tail : head;
        if (containsUnit(group, u'.')) {
            if (end != s.size() || headCount + tailCount > 6)
                return std::nullopt;
            const auto v4 = parseIpv4(group);
            if (!v4)
                return std::nullopt;
            groups[count++] = static_cast<quint16>(*v4 >> 16);
            groups[count++] = static_cast<quint16>(*v4 & 0xffff);
            i = end;
            break;
        }
        if (group.isEmpty() || group.size() > 4)
            return std::nullopt;
        quint16 value = 0;
        for (QChar c : group) {
            if (!isHexDigit(c))
                return std::nullopt;
            const char16_t u = c.unicode();
            const int digit = u <= '9' ? u - '0' : (u | 0x20) - 'a' + 10;
            value = static_cast<quint16>(value * 16 + digit);
        }
        if (headCount + tailCount >= 8)
            return std::nullopt;
        groups[count++] = value;
        i = end;
        if (i < s.size()) {
            ++i; // the ':'
            if (i < s.size() && s[i] == QLatin1Char(':')) {
                if (compressed)
                    return std::nullopt;
                compressed = true;
                ++i;
            } else if (i == s.size()) {
                return std::nullopt; // trailing single ':'
            }
        }
    }
    if (compressed ? headCount + tailCount > 7 : headCount != 8)
        return std::nullopt;
    std::array<quint16, 8> out{};
    for (int k = 0; k < headCount; ++k)
        out[k] = head[k];
    for (int k = 0; k < tailCount; ++k)
        out[8 - tailCount + k] = tail[k];
    return out;
}

// RFC 5952 text form: lower case, longest run of zero groups compressed.
QString ipv6Text(const std::array<quint16, 8>& g)
{
    int bestStart = -1;
    int bestLength = 0;
    for (int k = 0; k < 8;) {
        if (g[k] != 0) {
            ++k;
            continue;
        }
        int run = k;
        while (run < 8 && g[run] == 0)
            ++run;
        if (run - k > bestLength && run - k >= 2) {
            bestStart = k;
            bestLength = run - k;
        }
        k = run;
    }
    QString out;
    for (int k = 0; k < 8; ++k) {
        if (k == bestStart) {
            out += QLatin1StringView("::");
            k += bestLength - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(QLatin1Char(':')))
            out += QLatin1Char(':');
        out += QString::number(g[k], 16);
    }
    return out;
}

// An address as MTAs write it: "192.0.2.1", "[192.0.2.1]", "[192.0.2.1]:25", "192.0.2.1:25",
// "IPv6:2001:db8::1", "[IPv6:::1]", "[fe80::1%6]", "::ffff:192.0.2.1", "[(192.0.2.1)]".
// Returns the canonical text (IPv4-mapped IPv6 as IPv4), or an empty string.
QString canonicalIp(QStringView s)
{
    s = s.trimmed();
    // Every form above starts with one of these; most words looked at are none.
    if (s.isEmpty())
        return {};
    if (const QChar first = s.front(); !isHexDigit(first) && first != u'[' && first != u'(' &&
                                       first != u':' && first != u'I' && first != u'i')
        return {};
    bool bracketed = false;
    if (s.startsWith(QLatin1Char('['))) {
        const qsizetype close = s.lastIndexOf(QLatin1Char(']'));
        if (close < 0)
            return {};
        const QStringView after = s.sliced(close + 1);
        if (!after.isEmpty() && !(after[0] == QLatin1Char(':') && after.size() <= 6))
            return {};
        s = s.sliced(1, close - 1).trimmed();
        bracketed = true;
    }
    // Exim 3 and others append the client port with a dot inside the literal: "[192.0.2.1.53211]"
    if (bracketed && !containsUnit(s, u':') && s.count(QLatin1Char('.')) == 4) {
        const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
        const QStringView port = s.sliced(dot + 1);
        bool portOk = !port.isEmpty() && port.size() <= 5;
        for (QChar c : port)
            portOk = portOk && isAsciiDigit(c);
        if (portOk && parseIpv4(s.first(dot)))
            return ipv4Text(*parseIpv4(s.first(dot)));
    }
    if (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')')))
        s = s.sliced(1, s.size() - 2).trimmed();
    if (startsWithCi(s, "IPv6:"))
        s = s.sliced(5);
    if (const qsizetype zone = indexOfUnit(s, u'%'); zone > 0)
        s = s.first(zone);
    if (s.isEmpty() || s.size() > 60)
        return {};
    if (!containsUnit(s, u':'))
        return parseIpv4(s) ? ipv4Text(*parseIpv4(s)) : QString();
    // IPv4 with a port
    if (s.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = indexOfUnit(s, u':');
        if (auto v4 = parseIpv4(s.first(colon)))
            return ipv4Text(*v4);
    }
    const auto v6 = parseIpv6(s);
    if (!v6)
        return {};
    const auto& g = *v6;
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff)
        return ipv4Text((quint32(g[6]) << 16) | g[7]);
    return ipv6Text(g);
}

// ------------------------------------------------------------------------------------------------
// Names

// Words an MTA writes where the client's name would stand when it has none. They are no host
// names: neither the HELO nor the reverse-DNS name. `lookedUp`: the word says the receiver looked
// the address up and found no name (or the lookup failed), rather than that it did not look.
struct NoNameWord
{
    const char* id;
    Keyword word; // matched ignoring case, a trailing dot dropped
    bool lookedUp;
};
constexpr NoNameWord kNoNameWords[] = {
    {"noname.unknown", "unknown", true},                     // Postfix, qmail/tcpserver, Sendmail, IronPort
    {"noname.unknown-bracketed", "<unknown>", true},         //
    {"noname.unknown-domain", "<unknown.domain>", true},     // AT&T's relays "(<unknown.domain>[IP])"
    {"noname.unverified", "unverified", true},               // Clearswift/Vircom SMTPRS, IIS: not confirmed
    {"noname.softdnserr", "softdnserr", true},               // couriertcpd: the lookup failed for now
    {"noname.nodnsquery", "nodnsquery", false},              // smap/csmap set up not to look up
    {"noname.no-name-available", "no.name.available", true}, // Raptor firewall
    {"noname.localdomain-unknown", "localhost.localdomain.unknown", true},
};

const NoNameWord* noNameWord(QStringView s)
{
    s = stripTrailing(s, ".");
    for (const NoNameWord& w : kNoNameWords) {
        if (equalsCi(s, w.word))
            return &w;
    }
    return nullptr;
}

bool isPlaceholderName(QStringView s)
{
    return stripTrailing(s, ".").isEmpty() || noNameWord(s) != nullptr;
}

// A DNS host name as found in trace fields (underscores occur in the wild).
bool isHostName(QStringView s)
{
    s = stripTrailing(s, ".");
    if (s.isEmpty() || s.size() > 253 || s[0] == QLatin1Char('.') || s[0] == QLatin1Char('-'))
        return false;
    bool letter = false;
    for (QChar c : s) {
        if (isAsciiLetter(c))
            letter = true;
        else if (!isAsciiDigit(c) && c != QLatin1Char('-') && c != QLatin1Char('.') && c != QLatin1Char('_'))
            return false;
    }
    return letter;
}

// The reverse-DNS name as the receiver wrote it, or empty for "unknown", an address, or junk.
QString reverseName(QStringView s)
{
    s = stripTrailing(s.trimmed(), ".");
    if (isPlaceholderName(s) || !isHostName(s) || !canonicalIp(s).isEmpty())
        return {};
    return s.toString();
}

// ------------------------------------------------------------------------------------------------
// Tokens

enum class TokenKind : quint8
{
    Word,
    Comment,
    Semicolon
};

struct Token
{
    TokenKind kind;
    QStringView text; // a comment's content without its outer parentheses
};

using Tokens = QVarLengthArray<Token, 48>;

// Where each '(' closes, found in one pass with a stack (linear even for "((((((..."): pairs of
// (position of '(', position just past its ')', or -1 when it never closes), in text order.
using ParenPairs = QVarLengthArray<std::pair<qsizetype, qsizetype>, 16>;

void matchParentheses(QStringView s, ParenPairs& pairs)
{
    QVarLengthArray<qsizetype, 16> open; // indexes into pairs
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('(')) {
            open.append(pairs.size());
            pairs.append({i, -1});
        } else if (c == QLatin1Char(')') && !open.isEmpty()) {
            pairs[open.back()].second = i + 1;
            open.removeLast();
        }
    }
}

// The ASCII characters tokenize() looks at inside a word: white space (QChar::isSpace), the
// parentheses, ';', and the '[' and '<' that open a literal or an address.
constexpr std::array<bool, 128> kWordStop = [] {
    std::array<bool, 128> stop{};
    for (const char c : {' ', '\t', '\n', '\v', '\f', '\r', '(', ')', ';', '[', '<'})
        stop[static_cast<size_t>(c)] = true;
    return stop;
}();

// Splits `s` into words, comments and semicolons. A [literal] or <address> stays one word even
// with spaces inside ("[unix socket]", "[XMail 1.20 ESMTP Server]"). A '(' that never closes, or a
// stray ')', is skipped so that the rest of the field is still read.
void tokenize(QStringView s, Tokens& out, bool* unbalanced)
{
    ParenPairs pairs;
    if (containsUnit(s, u'('))
        matchParentheses(s, pairs);
    qsizetype nextPair = 0;
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('(')) {
            while (nextPair < pairs.size() && pairs[nextPair].first < i)
                ++nextPair;
            const qsizetype end =
                nextPair < pairs.size() && pairs[nextPair].first == i ? pairs[nextPair].second : -1;
            if (end < 0) {
                *unbalanced = true;
                ++i;
                continue;
            }
            out.append({TokenKind::Comment, s.sliced(i + 1, end - i - 2)});
            i = end;
            continue;
        }
        if (c == QLatin1Char(')')) {
            *unbalanced = true;
            ++i;
            continue;
        }
        if (c == QLatin1Char(';')) {
            out.append({TokenKind::Semicolon, s.sliced(i, 1)});
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < n) {
            const QChar d = s[i];
            // Most characters of a word are letters, digits, dots and hyphens: one table look.
            if (d.unicode() < 128 && !kWordStop[d.unicode()]) {
                ++i;
                continue;
            }
            if (d.isSpace() || d == QLatin1Char('(') || d == QLatin1Char(')') || d == QLatin1Char(';'))
                break;
            if (d == QLatin1Char('[') || d == QLatin1Char('<')) {
                if (d == QLatin1Char('[') && i > start)
                    break; // "unknown[192.0.2.1]": the name, then the literal
                const QChar close = d == QLatin1Char('[') ? QLatin1Char(']') : QLatin1Char('>');
                int depth = 0;
                qsizetype found = -1;
                for (qsizetype j = i; j < n && j - i < 512; ++j) {
                    if (s[j] == d) {
                        ++depth;
                    } else if (s[j] == close && --depth == 0) {
                        found = j;
                        break;
                    }
                }
                if (found >= 0) {
                    i = found + 1;
                    continue;
                }
            }
            ++i;
        }
        out.append({TokenKind::Word, s.sliced(start, i - start)});
    }
}

// Words of a comment, split on white space; nested comments kept as single items.
using Words = QVarLengthArray<QStringView, 16>;

void splitWords(QStringView s, Words& out)
{
    Tokens tokens;
    bool unbalanced = false;
    tokenize(s, tokens, &unbalanced);
    for (const Token& t : tokens) {
        if (t.kind != TokenKind::Semicolon)
            out.append(t.text);
    }
}

// ------------------------------------------------------------------------------------------------
// Tables (data, with ids for evidence)

// The receiving software, recognised from the comments and words of the by/with clauses. When
// `display` is null the software is the comment segment as written ("Exim 4.96").
struct SoftwareRule
{
    const char* id;
    Keyword needle; // lower case, matched ignoring case
    const char* display;
};
constexpr SoftwareRule kSoftwareRules[] = {
    {"software.postfix", "postfix", "Postfix"},
    {"software.exim", "exim", nullptr},
    {"software.qmail", "qmail", "qmail"},
    {"software.qpsmtpd", "qpsmtpd", nullptr},
    {"software.microsoft-smtp-server", "microsoft smtp server", "Microsoft SMTP Server"},
    {"software.microsoft-smtpsvc", "microsoft smtpsvc", "Microsoft SMTPSVC"},
    {"software.microsoft-exchange", "microsoft exchange", nullptr},
    {"software.microsoft-ims", "internet mail service", "Microsoft Exchange Internet Mail Service"},
    {"software.stalwart", "stalwart", nullptr},
    {"software.opensmtpd", "opensmtpd", "OpenSMTPD"},
    {"software.haraka", "haraka", nullptr},
    {"software.mdaemon", "mdaemon", nullptr},
    {"software.powermta", "powermta", nullptr},
    {"software.courier", "courier", nullptr},
    {"software.communigate", "communigate", nullptr},
    {"software.zimbra", "zimbra", nullptr},
    {"software.kerio", "kerio", nullptr},
    {"software.ibm-zos", "z/os", nullptr},
    {"software.domino", "domino", nullptr},
    {"software.cyrus", "cyrus", nullptr},
    {"software.dovecot", "dovecot", nullptr},
    {"software.amavis", "amavis", nullptr},
    {"software.ecelerity", "ecelerity", nullptr},
    {"software.momentum", "momentum", nullptr},
    {"software.mailenable", "mailenable", "MailEnable"},
    {"software.xmail", "xmail", nullptr},
    {"software.groupwise", "groupwise", nullptr},
    {"software.fetchmail", "fetchmail", nullptr},
    {"software.proxmox", "proxmox", "Proxmox Mail Gateway"},
    {"software.intermail", "intermail", nullptr},
    {"software.yahoo", "hermes smtp server", nullptr}, // Yahoo's "Oath Hermes SMTP Server"
    {"software.scalix", "scalix", nullptr},
    {"software.sendgrid", "(sg)", "SendGrid"},
};
// readSoftware() passes over a needle by its first character: every needle has one, ASCII and
// not a capital (the text is compared lower-cased).
static_assert(std::all_of(std::begin(kSoftwareRules), std::end(kSoftwareRules), [](const SoftwareRule& r) {
    const char first = r.needle.text.data()[0];
    return first > 0 && first < 127 && !(first >= 'A' && first <= 'Z');
}));

// Transmission types registered with IANA (RFC 3848, RFC 6531) and the other protocol names that
// appear after "with". `tls`: 1 the type itself says TLS, -1 it says there was none (the server
// had the TLS variant to write and did not), 0 it does not say.
struct ProtocolName
{
    Keyword name;
    qint8 tls;
    bool authenticated;
};
constexpr ProtocolName kProtocols[] = {
    {"SMTP", -1, false},     {"ESMTP", -1, false},    {"ESMTPA", -1, true},    {"ESMTPS", 1, false},
    {"ESMTPSA", 1, true},    {"LMTP", -1, false},     {"LMTPA", -1, true},     {"LMTPS", 1, false},
    {"LMTPSA", 1, true},     {"UTF8SMTP", -1, false}, {"UTF8SMTPA", -1, true}, {"UTF8SMTPS", 1, false},
    {"UTF8SMTPSA", 1, true}, {"UTF8LMTP", -1, false}, {"UTF8LMTPA", -1, true}, {"UTF8LMTPS", 1, false},
    {"UTF8LMTPSA", 1, true}, {"SMTPS", 1, false},     {"SMTPSA", 1, true},     {"HTTP", 0, false},
    {"HTTPS", 1, false},     {"IMAP", 0, false},      {"IMAPS", 1, false},     {"POP3", 0, false},
    {"POP3S", 1, false},     {"BSMTP", 0, false},     {"QMQP", 0, false},      {"ASMTP", 0, true},
    {"MMS", 0, false},
};

const ProtocolName* findProtocol(QStringView word)
{
    for (const ProtocolName& p : kProtocols) {
        if (equalsCi(word, p.name))
            return &p;
    }
    return nullptr;
}

// Other spellings of a registered type.
struct ProtocolAlias
{
    Keyword written;
    const char* type;
};
constexpr ProtocolAlias kProtocolAliases[] = {
    {"ESMTP-TLS", "ESMTPS"}, // CommuniGate Pro
    {"SMTP-TLS", "SMTPS"},   {"ESMTP+TLS", "ESMTPS"}, {"ESMTPS-AUTH", "ESMTPSA"},
    {"BSMTP", "SMTP"},    // Exim batched SMTP ("local-bsmtp"): SMTP commands read from a file
    {"HTTPREST", "HTTP"}, // Gmail API submissions
};

// ------------------------------------------------------------------------------------------------
// What the comments say

struct CommentFacts
{
    // TLS
    std::optional<bool> tls;
    QString tlsVersion;
    QString tlsCipher;
    // authentication
    bool authenticated = false;
    QString authenticatedSender;
    QString envelopeFrom;
    QString software;
    QString softwareId;
    QString ident;
};

bool looksLikeCipher(QStringView s)
{
    if (s.size() < 4 || s.size() > 80)
        return false;
    bool separator = false;
    for (QChar c : s) {
        if (c == QLatin1Char('_') || c == QLatin1Char('-'))
            separator = true;
        else if (!isAsciiLetter(c) && !isAsciiDigit(c))
            return false;
    }
    return separator || equalsCi(s, "OTHER");
}

bool looksLikeTlsVersion(QStringView s)
{
    return startsWithCi(s, "TLS") || startsWithCi(s, "SSL");
}

void setTls(CommentFacts& f, QStringView version, QStringView cipher)
{
    f.tls = true;
    version = stripTrailing(version.trimmed(), ",;");
    cipher = stripTrailing(cipher.trimmed(), ",;");
    if (f.tlsVersion.isEmpty() && !version.isEmpty())
        f.tlsVersion = version.toString();
    if (f.tlsCipher.isEmpty() && !cipher.isEmpty())
        f.tlsCipher = cipher.toString();
}

// Exim and OpenSMTPD "TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128", "TLSv1:DES-CBC3-SHA:168",
// "TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO".
bool readColonTls(QStringView word, CommentFacts& f)
{
    if (!looksLikeTlsVersion(word))
        return false;
    const qsizetype first = indexOfUnit(word, u':');
    if (first < 0)
        return false;
    const qsizetype second = indexOfUnit(word, u':', first + 1);
    const QStringView cipher =
        second < 0 ? word.sliced(first + 1) : word.sliced(first + 1, second - first - 1);
    if (!looksLikeCipher(cipher))
        return false;
    setTls(f, word.first(first), cipher);
    return true;
}

// One segment of a comment that names software: up to the first ',' or ';'.
QStringView softwareSegment(QStringView comment, qsizetype needleAt)
{
    qsizetype start = needleAt;
    // keep a vendor word before the product name ("IBM TCMCSEPO z/OS V02R05.00", "Lotus Domino")
    qsizetype segmentStart = comment.lastIndexOf(QLatin1Char(','), needleAt);
    segmentStart = qMax(segmentStart, comment.lastIndexOf(QLatin1Char(';'), needleAt));
    start = segmentStart < 0 ? 0 : segmentStart + 1;
    qsizetype end = comment.size();
    for (qsizetype i = needleAt; i < comment.size(); ++i) {
        const QChar c = comment[i];
        if (c == QLatin1Char(',') || c == QLatin1Char(';') ||
            (c == QLatin1Char('(') && i > 0 && comment[i - 1].isSpace())) {
            end = i;
            break;
        }
    }
    return comment.sliced(start, end - start).trimmed();
}

void readSoftware(QStringView text, CommentFacts& f)
{
    if (!f.software.isEmpty() || text.isEmpty())
        return;
    // The ASCII letters the text holds, case-folded as the search folds them (the Kelvin sign
    // counts as a 'k'): a needle whose first letter is not among them cannot occur, and is not
    // looked for.
    std::array<bool, 128> present{};
    for (const QChar c : text) {
        if (const char16_t folded = foldedUnit(c.unicode()); folded < 128)
            present[folded] = true;
    }
    for (const SoftwareRule& rule : kSoftwareRules) {
        if (!present[static_cast<unsigned char>(rule.needle.text.data()[0]) & 0x7f])
            continue;
        const qsizetype at = indexOfCi(text, rule.needle);
        if (at < 0)
            continue;
        f.softwareId = QString::fromLatin1(rule.id);
        f.software = rule.display ? QString::fromLatin1(rule.display) : softwareSegment(text, at).toString();
        return;
    }
}

// Sendmail writes its version in the by comment: "(8.15.2/8.15.2)", "(SGI-8.9.3/8.8.7)",
// "(8.12.11/8.12.11/Submit)".
bool readSendmailVersion(QStringView comment, CommentFacts& f)
{
    const qsizetype slash = indexOfUnit(comment, u'/');
    if (slash <= 0 || containsUnit(comment, u' '))
        return false;
    QStringView version = comment.first(slash);
    if (const qsizetype dash = version.lastIndexOf(QLatin1Char('-')); dash >= 0)
        version = version.sliced(dash + 1);
    int dots = 0;
    for (QChar c : version) {
        if (c == QLatin1Char('.'))
            ++dots;
        else if (!isAsciiDigit(c))
            return false;
    }
    if (dots < 2 || version.isEmpty() || !isAsciiDigit(version[0]))
        return false;
    if (f.software.isEmpty()) {
        f.software = QStringLiteral("Sendmail ") + version.toString();
        f.softwareId = QStringLiteral("software.sendmail");
    }
    return true;
}

// Critical Path Messaging Server writes nothing but its release in the by comment: "(6.7.018)",
// "(7.0.024.3)".
void readCriticalPathVersion(QStringView comment, CommentFacts& f)
{
    if (!f.software.isEmpty())
        return;
    const auto parts = comment.split(QLatin1Char('.'));
    if (parts.size() < 3 || parts.size() > 4 || parts[0].size() > 2 || parts[1].size() != 1 ||
        parts[2].size() != 3 || (parts.size() == 4 && (parts[3].isEmpty() || parts[3].size() > 3)))
        return;
    for (const QStringView part : parts) {
        for (QChar c : part) {
            if (!isAsciiDigit(c))
                return;
        }
    }
    f.software = QStringLiteral("Critical Path Messaging Server ") + comment.toString();
    f.softwareId = QStringLiteral("software.criticalpath");
}

// A product name with a version that no table entry knows: "MailGate 3.5.172", "SMTPD32-7.07".
void readGenericSoftware(QStringView comment, CommentFacts& f)
{
    if (!f.software.isEmpty() || comment.size() > 80 || !canonicalIp(comment).isEmpty())
        return;
    bool letter = false;
    bool version = false;
    for (qsizetype i = 0; i < comment.size(); ++i) {
        const QChar c = comment[i];
        if (isAsciiLetter(c))
            letter = true;
        if (c == QLatin1Char('[') || c == QLatin1Char('@') || c == QLatin1Char('='))
            return;
        if (c == QLatin1Char('.') && i > 0 && i + 1 < comment.size() && isAsciiDigit(comment[i - 1]) &&
            isAsciiDigit(comment[i + 1]))
            version = true;
    }
    if (letter && version && containsUnit(comment, u' ')) {
        f.software = comment.trimmed().toString();
        f.softwareId = QStringLiteral("software.named");
    }
}

// Everything a comment may say wherever it stands: TLS, authentication, envelope sender,
// software. The address layout of from/by comments is read separately.
void readCommentFacts(QStringView comment, CommentFacts& f)
{
    const QStringView c = comment.trimmed();
    if (c.isEmpty())
        return;
    Words words;
    splitWords(c, words);
    if (words.isEmpty())
        return;

    // Postfix "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) ...)"
    for (qsizetype i = 0; i + 4 < words.size() && i < 4; ++i) {
        if (equalsCi(words[i], "using") && equalsCi(words[i + 2], "with") &&
            equalsCi(words[i + 3], "cipher")) {
            setTls(f, words[i + 1], words[i + 4]);
            break;
        }
    }
    // qmail's TLS patch (netqmail): "with (ECDHE-RSA-AES256-GCM-SHA384 encrypted) SMTP".
    if (words.size() == 2 && equalsCi(words[1], "encrypted") && looksLikeCipher(words[0]))
        setTls(f, {}, words[0]);
    // Gmail, Sendmail, Haraka, Microsoft: "version=TLS1_2 cipher=..." / "version=TLS1_2, cipher=..."
    for (const QStringView& w : words) {
        if (startsWithCi(w, "version=") && looksLikeTlsVersion(w.sliced(8)))
            setTls(f, w.sliced(8), {});
        else if (startsWithCi(w, "cipher=") && w.size() > 7)
            setTls(f, {}, w.sliced(7));
        else if (readColonTls(w, f))
            continue;
    }
    // Courier "(AUTH: PLAIN user, TLS: TLS1.3, 128bits, ECDHE_RSA_AES_128_GCM_SHA256)"
    if (const qsizetype tlsAt = indexOfCi(c, "tls:"); tlsAt >= 0) {
        const QStringView rest = c.sliced(tlsAt + 4);
        const qsizetype comma = indexOfUnit(rest, u',');
        const QStringView version = comma < 0 ? rest : rest.first(comma);
        const qsizetype lastComma = rest.lastIndexOf(QLatin1Char(','));
        const QStringView cipher = lastComma < 0 ? QStringView() : rest.sliced(lastComma + 1).trimmed();
        setTls(f, version, looksLikeCipher(cipher) ? cipher : QStringView());
    }
    // Exim 4.92+ "(TLS1.3)", Microsoft "(TLS)", Gmail "(Google Transport Security)"
    if (words.size() == 1 && looksLikeTlsVersion(words[0]) && words[0].size() <= 8 &&
        !containsUnit(words[0], u':')) {
        if (equalsCi(words[0], "TLS"))
            f.tls = true;
        else
            setTls(f, words[0], {});
    }
    if (equalsCi(c, "Google Transport Security"))
        f.tls = true;
    // Mimecast and others: "(Using TLS)", "(using TLSv1.2)"
    if (equalsCi(words[0], "using") && words.size() >= 2 && looksLikeTlsVersion(words[1])) {
        if (equalsCi(words[1], "TLS") || equalsCi(words[1], "SSL"))
            f.tls = true;
        else
            setTls(f, words[1], {});
    }

    // Authentication
    const bool negative = containsCi(c, "not authenticated") || containsCi(c, "unauthenticated");
    if (!negative) {
        if (const qsizetype at = indexOfCi(c, "authenticated sender:"); at >= 0) {
            f.authenticated = true;
            if (f.authenticatedSender.isEmpty())
                f.authenticatedSender = stripAngles(c.sliced(at + 21)).toString();
        } else if (equalsCi(words[0], "authenticated")) {
            // Sendmail "(authenticated bits=0)", "(authenticated as user)"
            f.authenticated = true;
            if (words.size() >= 3 && equalsCi(words[1], "as") && f.authenticatedSender.isEmpty())
                f.authenticatedSender = stripAngles(words[2]).toString();
        } else if (equalsCi(words[0], "AUTH:")) {
            // Courier "(AUTH: LOGIN user, TLS: ...)", "(AUTH: e40a9cea)"
            f.authenticated = true;
            if (words.size() >= 3 && f.authenticatedSender.isEmpty())
                f.authenticatedSender = stripTrailing(words[2], ",").toString();
        } else if (equalsCi(words[0], "account") && words.size() >= 3 &&
                   equalsCi(words[words.size() - 1], "verified")) {
            // CommuniGate Pro "(account user [192.0.2.1] verified)"
            f.authenticated = true;
            if (f.authenticatedSender.isEmpty())
                f.authenticatedSender = words[1].toString();
        } else {
            for (qsizetype i = 0; i + 1 < words.size(); ++i) {
                // SquirrelMail "(SquirrelMail authenticated user name)", Yahoo "(user@ip with login)"
                if (equalsCi(words[i], "authenticated") && equalsCi(words[i + 1], "user")) {
                    f.authenticated = true;
                    if (i + 2 < words.size() && f.authenticatedSender.isEmpty())
                        f.authenticatedSender = words[i + 2].toString();
                    break;
                }
                if (equalsCi(words[i], "with") &&
                    (equalsCi(words[i + 1], "login") || equalsCi(words[i + 1], "plain") ||
                     equalsCi(words[i + 1], "cram-md5") || equalsCi(words[i + 1], "xymcookie"))) {
                    f.authenticated = true;
                    break;
                }
            }
        }
    }

    // Envelope sender: Exim/PowerMTA/Dovecot "(envelope-from <a@b>)", qmail-scanner
    // "(envelope-sender <a@b>)"
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QStringView w = words[i];
        if (!(startsWithCi(w, "envelope-from") || startsWithCi(w, "envelope-sender")))
            continue;
        QStringView value;
        if (const qsizetype eq = indexOfUnit(w, u'='); eq > 0)
            value = w.sliced(eq + 1);
        else if (i + 1 < words.size())
            value = words[i + 1];
        if (f.envelopeFrom.isEmpty() && (containsUnit(value, u'@') || value.startsWith(QLatin1Char('<')))) {
            const QStringView address = stripAngles(value);
            f.envelopeFrom = address.isEmpty() ? QStringLiteral("<>") : address.toString();
        }
        break;
    }

    // qmail "(qmail 1234 invoked by uid 89)", "(qmail 1234 invoked from network)"
    if (equalsCi(words[0], "qmail") && containsCi(c, "invoked")) {
        if (f.software.isEmpty()) {
            f.software = QStringLiteral("qmail");
            f.softwareId = QStringLiteral("software.qmail");
        }
        for (qsizetype i = 0; i + 2 < words.size(); ++i) {
            if (equalsCi(words[i], "by") && equalsCi(words[i + 1], "uid") && f.ident.isEmpty())
                f.ident = QStringLiteral("uid ") + words[i + 2].toString();
        }
    }
    // Postfix pickup "(Postfix, from userid 1002)", local "(uid 500)"
    for (qsizetype i = 0; i + 1 < words.size(); ++i) {
        if ((equalsCi(words[i], "userid") || equalsCi(words[i], "uid")) && f.ident.isEmpty() &&
            words[i + 1].size() <= 10 && isAsciiDigit(words[i + 1][0]))
            f.ident = QStringLiteral("uid ") + stripTrailing(words[i + 1], ",;").toString();
    }
}

// ------------------------------------------------------------------------------------------------
// Clauses

enum class Clause : quint8
{
    None,
    From,
    By,
    Via,
    With,
    Id,
    For,
    LateFrom,
    Count
};

Clause keywordOf(QStringView word)
{
    switch (word.size()) {
    case 2:
        if (equalsCi(word, "by"))
            return Clause::By;
        if (equalsCi(word, "id"))
            return Clause::Id;
        break;
    case 3:
        if (equalsCi(word, "via"))
            return Clause::Via;
        if (equalsCi(word, "for"))
            return Clause::For;
        break;
    case 4:
        if (equalsCi(word, "from"))
            return Clause::From;
        if (equalsCi(word, "with"))
            return Clause::With;
        break;
    default:
        break;
    }
    return Clause::None;
}

struct Span
{
    qsizetype begin = -1; // first token after the keyword
    qsizetype end = -1;
    bool present() const { return begin >= 0; }
};

QString joinWords(const Words& words, qsizetype from, qsizetype to)
{
    QString out;
    for (qsizetype i = from; i < to; ++i) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += words[i];
    }
    return out;
}

// "with" clause words before the first comment: the protocol, or a product name.
void readWith(const Words& words, ReceivedHop& hop, CommentFacts& facts)
{
    if (words.isEmpty())
        return;
    hop.withText = joinWords(words, 0, words.size());
    const QStringView first = words[0];

    auto applyType = [&](QStringView type) { hop.protocol = type.toString(); };

    if (equalsCi(first, "Microsoft") && words.size() > 1) {
        // "Microsoft SMTP Server", "Microsoft SMTPSVC(7.5...)", "Microsoft SMTP Server version=TLS1_2,"
        qsizetype end = 1;
        while (end < words.size() && !containsUnit(words[end], u'=') && !containsUnit(words[end], u','))
            ++end;
        hop.protocol = joinWords(words, 0, end);
        hop.withText = hop.protocol;
        readSoftware(hop.protocol, facts);
        return;
    }
    if (words.size() == 1 && first.startsWith(QLatin1Char('[')) && first.endsWith(QLatin1Char(']'))) {
        // XMail "[XMail 1.20 ESMTP Server]"
        Words inner;
        splitWords(first.sliced(1, first.size() - 2), inner);
        for (const QStringView& w : inner) {
            if (findProtocol(w)) {
                applyType(w);
                break;
            }
        }
        readSoftware(first.sliced(1, first.size() - 2), facts);
        if (hop.protocol.isEmpty())
            hop.protocol = first.sliced(1, first.size() - 2).toString();
        return;
    }
    if (words.size() == 1) {
        QStringView w = first;
        // Exim local submissions: "local-esmtp", "local-esmtps", "local-bsmtp"
        if (startsWithCi(w, "local-") && w.size() > 6)
            w = w.sliced(6);
        for (const ProtocolAlias& alias : kProtocolAliases) {
            if (equalsCi(w, alias.written)) {
                hop.protocol = QString::fromLatin1(alias.type);
                return;
            }
        }
        // "ESMTP/TLS/DHE-RSA-AES256-GCM-SHA384"
        if (const qsizetype slash = indexOfUnit(w, u'/'); slash > 0 && findProtocol(w.first(slash))) {
            const QStringView rest = w.sliced(slash + 1);
            const qsizetype lastSlash = rest.lastIndexOf(QLatin1Char('/'));
            const QStringView cipher = lastSlash < 0 ? rest : rest.sliced(lastSlash + 1);
            if (containsCi(rest, "tls") || containsCi(rest, "ssl") || looksLikeCipher(cipher))
                setTls(facts, {}, looksLikeCipher(cipher) ? cipher : QStringView());
            w = w.first(slash);
        }
        applyType(w);
        return;
    }
    // Several words: a registered type among them is the protocol, the rest names the software
    // ("MailEnable ESMTP", "IBM ESMTP SMTP Gateway ...", "AES256-GCM-SHA384 encrypted SMTP").
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (findProtocol(words[i])) {
            applyType(words[i]);
            readSoftware(hop.withText, facts);
            return;
        }
    }
    hop.protocol = hop.withText;
}

// Words of any clause that carry TLS facts: Exim "tls <cipher>", MessageLabs "<cipher> encrypted",
// Microsoft "over TLS secured channel".
void readClauseWords(const Words& words, CommentFacts& facts)
{
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QStringView w = words[i];
        if (equalsCi(w, "tls") && i + 1 < words.size() && looksLikeCipher(words[i + 1])) {
            setTls(facts, {}, words[i + 1]);
        } else if (equalsCi(w, "encrypted") && i > 0 && looksLikeCipher(words[i - 1])) {
            setTls(facts, {}, words[i - 1]);
        } else if (equalsCi(w, "over") && i + 2 < words.size() && equalsCi(words[i + 1], "TLS") &&
                   equalsCi(words[i + 2], "secured")) {
            facts.tls = true;
        } else if ((equalsCi(w, "envelope-from") || equalsCi(w, "envelope-sender")) && i + 1 < words.size() &&
                   facts.envelopeFrom.isEmpty()) {
            const QStringView address = stripAngles(words[i + 1]);
            facts.envelopeFrom = address.isEmpty() ? QStringLiteral("<>") : address.toString();
        } else if (startsWithCi(w, "version=") || startsWithCi(w, "cipher=")) {
            readCommentFacts(w, facts);
        }
    }
}

// The date: after the last ';' (RFC 5322 section 3.6.7), or, when a server left the ';' out,
// the trailing text from the first token that starts a date-time.
bool startsDate(QStringView w)
{
    w = stripTrailing(w, ",");
    if (w.isEmpty())
        return false;
    if (isAsciiLetter(w[0])) {
        static constexpr Keyword days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        for (const Keyword& d : days) {
            if (startsWithCi(w, d) && w.size() <= 9)
                return true;
        }
        return false;
    }
    if (!isAsciiDigit(w[0]))
        return false;
    // "2018-03-26", "4/20/2018", "26-Mar-2018" or a day number ("26 Mar 2018")
    int separators = 0;
    for (QChar c : w) {
        if (c == QLatin1Char('-') || c == QLatin1Char('/'))
            ++separators;
        else if (!isAsciiDigit(c) && !isAsciiLetter(c))
            return false;
    }
    return separators == 2 || (w.size() <= 2 && separators == 0);
}

void addWarning(ReceivedHop& hop, const QString& text)
{
    if (!hop.warnings.contains(text))
        hop.warnings.append(text);
}

QString excerpt(QStringView s)
{
    s = s.trimmed();
    if (s.size() > 60)
        return s.first(57).toString() + QStringLiteral("...");
    return s.toString();
}

// Unfolded, cleaned text: control characters and literal "\n"/"\t" escapes (pasted from logs or
// JSON) become spaces, runs of white space one space.
QString cleanInput(const QString& value, ReceivedHop& hop)
{
    const qsizetype n = qMin(value.size(), kMaxFieldLength);
    QString out(n, Qt::Uninitialized);
    QChar* write = out.data();
    qsizetype length = 0;
    bool space = true;
    bool control = false;
    for (qsizetype i = 0; i < n; ++i) {
        QChar c = value[i];
        if (c == QLatin1Char('\\') && i + 1 < n &&
            (value[i + 1] == QLatin1Char('n') || value[i + 1] == QLatin1Char('t') ||
             value[i + 1] == QLatin1Char('r'))) {
            ++i;
            c = QLatin1Char(' ');
        }
        const char16_t u = c.unicode();
        if (u == ' ' || u == '\r' || u == '\n' || u == '\t' || (u > 0x7f && c.isSpace())) {
            c = QLatin1Char(' ');
        } else if (u < 0x20 || u == 0x7f || u == 0xfffd || (u > 0x7f && c.isNonCharacter())) {
            control = true;
            c = QLatin1Char(' ');
        }
        if (c == QLatin1Char(' ')) {
            if (!space)
                write[length++] = c;
            space = true;
        } else {
            write[length++] = c;
            space = false;
        }
    }
    while (length > 0 && write[length - 1] == QLatin1Char(' '))
        --length;
    out.truncate(length);
    if (control)
        addWarning(hop, QStringLiteral("The Received field contains control characters or undecodable bytes; "
                                       "they were read as spaces."));
    if (value.size() > kMaxFieldLength)
        addWarning(hop, QStringLiteral("The Received field is unusually long (%1 characters); only the first "
                                       "%2 were read.")
                            .arg(value.size())
                            .arg(kMaxFieldLength));
    return out;
}

// ------------------------------------------------------------------------------------------------
// MTA families: which name in the from part is the HELO and which the reverse DNS
//
// The HELO name is what the client said; the reverse-DNS name is what the receiving MTA looked up
// for the client address. Some comment layouts say by themselves which is which, whatever the
// MTA: "(RDNS [IP])" (Sendmail's $_ macro, copied by Postfix, Courier, Gmail ...), Exim's
// "([IP] helo=HELO)", qmail's "(HELO name)". What a comment holding only the address, as in
// "from NAME (IP)" or "from NAME ([IP])", makes of NAME depends on the family, and so does whether
// an empty reverse-DNS slot means "looked up, found none". The table below writes that down; each
// row's id is reported with the hop (ReceivedHop::fromLayout).

enum class Family : quint8
{
    Generic,
    Postfix,
    Sendmail,
    Exim,
    Qmail,
    Courier,
    CommuniGate,
    CriticalPath,
    InterMail,
    Exchange,
    Microsoft365,
    MDaemon,
    Domino,
    Yahoo,
    Gmail,
    PowerMta,
    XMail,
    Ecelerity,
    Smap,
    ZMailer,
    Amavis
};

// What NAME is in "from NAME (IP)" / "from NAME ([IP])" when the comment holds only the address.
enum class NameBeforeAddress : quint8
{
    Helo,             // what the client said (RFC 5321 section 4.4)
    ReverseDns,       // what the receiver looked up; the HELO name is not written
    ReverseDnsOrHelo, // what the receiver looked up, and the HELO name too: the MTA leaves the HELO
                      // name out when it equals the looked-up name
    ByBrackets,       // "(IP)" as ReverseDnsOrHelo, "([IP])" as Helo
};

struct FromLayout
{
    Family family;
    const char* id;
    const char* written; // the layouts the family writes, from its documentation or source
    NameBeforeAddress nameBeforeAddress;
    bool looksUp; // the MTA looks the client address up itself: an empty reverse-DNS slot means
                  // it found no name
};

constexpr FromLayout kFromLayouts[] = {
    // Postfix itself never writes the address alone; such a field is read as the generic one.
    {Family::Postfix, "from.postfix", "from HELO (RDNS [IP]); RDNS \"unknown\" when the lookup found none",
     NameBeforeAddress::ByBrackets, true},
    {Family::Sendmail, "from.sendmail",
     "from HELO (RDNS [IP]); from HELO ([IP]) or from HELO (ident@[IP]) when it found no name; "
     "(from RDNS [IP]) when the client gave no HELO (the $_ macro)",
     NameBeforeAddress::Helo, true},
    {Family::Exim, "from.exim",
     "Exim 4 $sender_rcvhost: from RDNS ([IP]:PORT helo=HELO ident=USER), from [IP] (port=PORT "
     "helo=HELO) when it found no name; helo= left out when equal to the name or the address. "
     "Exim 2/3 $sender_fullhost: from RDNS (HELO) [IP]",
     NameBeforeAddress::ReverseDnsOrHelo, true},
    // qmail writes the address bare; "([IP])" alone comes from another MTA (Sendmail's layout), and
    // qmail-ldap's "(ident@[IP])" is read apart.
    {Family::Qmail, "from.qmail",
     "qmail, qpsmtpd, IronPort: from RDNS (HELO name) ([ident@]IP); RDNS \"unknown\" when tcpserver "
     "found none; (HELO name) left out when equal to RDNS",
     NameBeforeAddress::ByBrackets, true},
    {Family::Courier, "from.courier",
     "from HELO (RDNS [::ffff:IP]); \"softdnserr\" when couriertcpd's lookup failed", NameBeforeAddress::Helo,
     true},
    {Family::CommuniGate, "from.communigate",
     "from NAME ([IP] verified): NAME checked in DNS, the HELO name left out when equal; from [IP] "
     "(account USER HELO NAME) for a logged-in client",
     NameBeforeAddress::Helo, false},
    {Family::CriticalPath, "from.criticalpath",
     "Critical Path Messaging Server: from RDNS (IP) by HOST (6.7.018)", NameBeforeAddress::ReverseDnsOrHelo,
     false},
    {Family::InterMail, "from.intermail",
     "from HELO ([IP]); from [HELO] (really [IP]) when a literal HELO differs from the address",
     NameBeforeAddress::Helo, false},
    {Family::Exchange, "from.exchange",
     "from HELO (IP) by HOST (IP) with Microsoft SMTP Server; IIS SMTPSVC from HELO ([IP]), "
     "\"RDNS failed\" or \"unverified\" after the address when its lookup failed",
     NameBeforeAddress::Helo, false},
    {Family::Microsoft365, "from.microsoft365",
     "from HELO (IP) by HOST (IP) with Microsoft SMTP Server ... via Frontend Transport; internal hops "
     "with HTTPS via HOST",
     NameBeforeAddress::Helo, false},
    {Family::MDaemon, "from.mdaemon", "from HELO [IP] by HOST [IP]; from HELO [(IP)]; from HELO by HOST",
     NameBeforeAddress::Helo, false},
    {Family::Domino, "from.domino", "from HELO ([IP]) by HOST (Lotus Domino Release ...): no reverse DNS",
     NameBeforeAddress::Helo, false},
    {Family::Yahoo, "from.yahoo",
     "from RDNS (EHLO HELO) (IP) as qmail; from HELO (USER@IP with login) for a logged-in client; "
     "webmail from [IP] by HOST via HTTP",
     NameBeforeAddress::ReverseDnsOrHelo, true},
    {Family::Gmail, "from.gmail", "from HELO (RDNS. [IP]); from HELO ([IP]) when it found no name",
     NameBeforeAddress::Helo, true},
    {Family::PowerMta, "from.powermta", "from HELO (IP)", NameBeforeAddress::Helo, false},
    {Family::XMail, "from.xmail", "from HELO (IP:PORT)", NameBeforeAddress::Helo, false},
    {Family::Ecelerity, "from.ecelerity",
     "Ecelerity/Momentum: from RDNS ([IP]:PORT helo=HELO), RDNS empty when none",
     NameBeforeAddress::ReverseDns, false},
    {Family::Smap, "from.smap",
     "TIS smap, Obtuse smtpd: from RDNS(IP)[, claiming to be \"HELO\"] via SMTP by HOST; \"nodnsquery\" "
     "when set up not to look up",
     NameBeforeAddress::ReverseDns, true},
    {Family::ZMailer, "from.zmailer", "from RDNS ([IP]:PORT \"EHLO HELO\" rhost-flags-...)",
     NameBeforeAddress::ReverseDns, true},
    {Family::Amavis, "from.amavis", "amavisd-new: from HELO ([IP])", NameBeforeAddress::Helo, false},
    // Last: the fallback. "(IP)" alone is the qmail layout that several commercial MTAs copy;
    // "([IP])" alone is Sendmail's layout, where NAME is what the client said.
    {Family::Generic, "from.generic",
     "from HELO (RDNS [IP]); from NAME (IP): NAME is the reverse DNS and the HELO name; from NAME ([IP]): "
     "NAME is the HELO name",
     NameBeforeAddress::ByBrackets, false},
};

const FromLayout& layoutOf(Family family)
{
    for (const FromLayout& layout : kFromLayouts) {
        if (layout.family == family)
            return layout;
    }
    return kFromLayouts[std::size(kFromLayouts) - 1];
}

// The family from what the field names: the software, then the receiver's habits.
Family familyOf(const ReceivedHop& hop, QStringView softwareId)
{
    struct SoftwareFamily
    {
        const char* softwareId;
        Family family;
    };
    static constexpr SoftwareFamily bySoftware[] = {
        {"software.postfix", Family::Postfix},
        {"software.sendmail", Family::Sendmail},
        {"software.exim", Family::Exim},
        {"software.qmail", Family::Qmail},
        {"software.qpsmtpd", Family::Qmail},
        {"software.courier", Family::Courier},
        {"software.communigate", Family::CommuniGate},
        {"software.criticalpath", Family::CriticalPath},
        {"software.intermail", Family::InterMail},
        {"software.microsoft-smtp-server", Family::Exchange},
        {"software.microsoft-smtpsvc", Family::Exchange},
        {"software.microsoft-exchange", Family::Exchange},
        {"software.microsoft-ims", Family::Exchange},
        {"software.mdaemon", Family::MDaemon},
        {"software.domino", Family::Domino},
        {"software.yahoo", Family::Yahoo},
        {"software.powermta", Family::PowerMta},
        {"software.xmail", Family::XMail},
        {"software.ecelerity", Family::Ecelerity},
        {"software.momentum", Family::Ecelerity},
        {"software.amavis", Family::Amavis},
    };
    const QStringView by = hop.byHost;
    const bool microsoftCloud = endsWithCi(by, ".outlook.com") || endsWithCi(by, ".office365.com") ||
                                containsCi(hop.via, "transport");
    for (const SoftwareFamily& s : bySoftware) {
        if (softwareId == QLatin1StringView(s.softwareId))
            return s.family == Family::Exchange && microsoftCloud ? Family::Microsoft365 : s.family;
    }
    if (startsWithCi(hop.withText, "Microsoft") || equalsCi(hop.withText, "mapi"))
        return microsoftCloud ? Family::Microsoft365 : Family::Exchange;
    // Exchange Online's internal hops: "by HOST with HTTPS via HOST"
    if (startsWithCi(hop.protocol, "HTTP") && !hop.via.isEmpty() && !containsCi(hop.via, "HTTP"))
        return Family::Microsoft365;
    if (softwareId.isEmpty()) {
        // Exim message ids: "1aJ3Wi-0007QT-T2" (to 4.96), "1rJZfP-00000000Kc8-2l2d" (4.97 on)
        const QStringView id = hop.id;
        if ((id.size() == 16 && id[6] == QLatin1Char('-') && id[13] == QLatin1Char('-')) ||
            (id.size() == 23 && id[6] == QLatin1Char('-') && id[18] == QLatin1Char('-')))
            return Family::Exim;
        // Exim writes its protocol names in lower case
        static const char* const eximProtocols[] = {"smtp",    "esmtp", "esmtpa", "esmtps",
                                                    "esmtpsa", "local", "asmtp",  "smtps"};
        for (const char* p : eximProtocols) {
            if (hop.withText == QLatin1StringView(p))
                return Family::Exim;
        }
        if (hop.withText.startsWith(QLatin1StringView("local-")))
            return Family::Exim;
        // qmail writes no id and its own date form: "3 Dec 2024 08:15:00 -0000" (date822fmt: no
        // day of week, always -0000)
        Words words;
        splitWords(hop.timeText, words);
        if (hop.id.isEmpty() && words.size() == 5 && words[4] == QLatin1StringView("-0000") &&
            words[0].size() <= 2 && isAsciiDigit(words[0][0]) && words[2].size() == 4 && words[3].size() == 8)
            return Family::Qmail;
    }
    if (startsWithCi(hop.via, "smap") || startsWithCi(hop.via, "csmap"))
        return Family::Smap;
    if (microsoftCloud)
        return Family::Microsoft365;
    if (endsWithCi(by, "google.com") || endsWithCi(by, "gmail.com"))
        return Family::Gmail;
    if (containsCi(by, ".yahoo.") || endsWithCi(by, "yahoo.com"))
        return Family::Yahoo;
    return Family::Generic;
}

// ------------------------------------------------------------------------------------------------
// The address layout of one comment in the from clause

struct FromComment
{
    enum class Kind : quint8
    {
        Other,
        HeloCommand,  // qmail "(HELO name)", Yahoo "(EHLO name)", "(EHLO )", CommuniGate "(account USER HELO
                      // name)"
        AddressFirst, // Exim "([IP]:port helo=name ident=user)", "(port=1 helo=name)", "([IP])",
                      // CommuniGate "([IP] verified)", IIS "([IP] RDNS failed)", ZMailer "([IP]:port "EHLO
                      // name")"
        ReverseDns,   // Sendmail/Postfix "(rdns [IP])", "(IDENT:user@rdns [IP] (may be forged))",
                      // "(unknown[IP])"
        Address,  // "(IP)", "(user@IP)", "(IP:port)", "(user@IP with login)", "(user@[IP])", "(really [IP])"
        NameOnly, // "(name)": a reverse-DNS name, or Exim 3's HELO name before "[IP]"
        IdentOnly // Sendmail local "(user@localhost)"
    };
    Kind kind = Kind::Other;
    QStringView name;  // ReverseDns, NameOnly: the name as written
    QString ip;        // the client address the comment gives
    QStringView helo;  // HeloCommand, helo=, ZMailer's quoted EHLO
    QStringView ident; // ident= / user@ / IDENT: / CommuniGate's account
    bool heloGiven = false;
    bool eximKeys = false;   // helo=, ident= or port=
    bool quotedHelo = false; // ZMailer "EHLO name" in double quotes
    bool bracketed = false;  // the address written as a literal "[IP]"
    bool verified = false;   // CommuniGate "[IP] verified": the name was checked in DNS
    bool noName = false;     // IIS "[IP] RDNS failed", "[IP] unverified": its lookup found no name
    bool really = false;     // InterMail "(really [IP])": the address of a client whose literal HELO differs
    bool account = false;    // CommuniGate "(account USER ...)"
    bool forged = false;
    bool remoteInfo = false; // qmail "(user@192.0.2.1)": nothing but ident@address
    QString anyIp;           // some address somewhere in the comment
};

QStringView unquoted(QStringView s)
{
    while (!s.isEmpty() && s.front() == QLatin1Char('"'))
        s = s.sliced(1);
    while (!s.isEmpty() && s.back() == QLatin1Char('"'))
        s.chop(1);
    return s;
}

FromComment readFromComment(QStringView comment)
{
    FromComment out;
    Words words;
    splitWords(comment.trimmed(), words);
    if (words.isEmpty())
        return out;
    for (const QStringView& w : words) {
        if (w.startsWith(QLatin1Char('(')) || w.isEmpty())
            continue;
        if (out.anyIp.isEmpty()) {
            QStringView candidate = w;
            if (const qsizetype at = candidate.lastIndexOf(QLatin1Char('@')); at >= 0)
                candidate = candidate.sliced(at + 1);
            out.anyIp = canonicalIp(candidate);
        }
        if (containsCi(w, "forged"))
            out.forged = true;
    }
    if (containsCi(comment, "may be forged"))
        out.forged = true;

    auto isHeloWord = [](QStringView w) {
        return equalsCi(w, "HELO") || equalsCi(w, "EHLO") || equalsCi(w, "LHLO");
    };
    // qmail / qpsmtpd / Zimbra "(HELO name)", Yahoo "(EHLO name)", LMTP "(LHLO name)"; "(EHLO )" when
    // the client gave an empty name
    if (isHeloWord(words[0])) {
        out.kind = FromComment::Kind::HeloCommand;
        out.heloGiven = true;
        if (words.size() >= 2)
            out.helo = words[1];
        return out;
    }
    qsizetype start = 0;
    // CommuniGate Pro "(account USER HELO name)", "(account USER [IP] verified)"
    if (equalsCi(words[0], "account") && words.size() >= 2) {
        out.account = true;
        out.ident = words[1];
        if (words.size() >= 3 && isHeloWord(words[2])) {
            out.kind = FromComment::Kind::HeloCommand;
            out.heloGiven = true;
            if (words.size() >= 4)
                out.helo = words[3];
            return out;
        }
        start = 2;
        if (start >= words.size())
            return out;
    }
    // Exim "([192.0.2.1] helo=name ident=user)", "([192.0.2.1]:4321)", "(port=4321 helo=name)";
    // ZMailer "([192.0.2.1]:4321 "EHLO name" rhost-flags-OK-OK-OK-OK)"
    for (qsizetype k = start; k < words.size(); ++k) {
        const QStringView& w = words[k];
        if (startsWithCi(w, "helo=")) {
            out.helo = w.sliced(5);
            // "helo=[192.168.0.20]" may arrive split at the bracket
            if (out.helo.isEmpty() && k + 1 < words.size())
                out.helo = words[k + 1];
            out.heloGiven = true;
            out.eximKeys = true;
        } else if (startsWithCi(w, "ident=")) {
            out.ident = w.sliced(6);
            out.eximKeys = true;
        } else if (startsWithCi(w, "port=")) {
            out.eximKeys = true;
        } else if ((equalsCi(w, "\"EHLO") || equalsCi(w, "\"HELO")) && k + 1 < words.size()) {
            out.helo = unquoted(words[k + 1]);
            out.heloGiven = true;
            out.quotedHelo = true;
        }
    }
    const QStringView lead = words[start];
    if (lead.startsWith(QLatin1Char('['))) {
        const QString ip = canonicalIp(lead);
        if (!ip.isEmpty() || out.eximKeys || out.quotedHelo) {
            out.kind = FromComment::Kind::AddressFirst;
            out.ip = ip;
            out.bracketed = true;
            for (qsizetype k = start + 1; k < words.size(); ++k) {
                if (equalsCi(words[k], "verified"))
                    out.verified = true;
                else if (equalsCi(words[k], "unverified") ||
                         (equalsCi(words[k], "RDNS") && k + 1 < words.size() &&
                          equalsCi(words[k + 1], "failed")))
                    out.noName = true;
            }
            return out;
        }
    }
    if (out.eximKeys || out.quotedHelo) {
        out.kind = FromComment::Kind::AddressFirst;
        return out;
    }
    // InterMail "(really [192.0.2.1])"
    if (equalsCi(lead, "really") && start + 1 < words.size()) {
        out.ip = canonicalIp(words[start + 1]);
        if (!out.ip.isEmpty()) {
            out.kind = FromComment::Kind::Address;
            out.really = true;
            out.bracketed = true;
            return out;
        }
    }
    // Postfix/Sendmail "(rdns [192.0.2.1])", "(unknown [192.0.2.1])", "(IDENT:user@rdns [ip])",
    // "(user@rdns [ip] (may be forged))", "(rdns. [IPv6:2001:db8::1])", OpenSMTPD "(rdns [local])"
    if (start + 1 < words.size() && words[start + 1].startsWith(QLatin1Char('['))) {
        QStringView name = lead;
        if (startsWithCi(name, "IDENT:"))
            name = name.sliced(6);
        if (const qsizetype at = name.lastIndexOf(QLatin1Char('@')); at >= 0) {
            out.ident = name.first(at);
            name = name.sliced(at + 1);
        }
        if (isHostName(name) || isPlaceholderName(name) || !canonicalIp(name).isEmpty()) {
            out.kind = FromComment::Kind::ReverseDns;
            out.name = name;
            out.ip = canonicalIp(words[start + 1]);
            return out;
        }
    }
    // "(192.0.2.1)", "(2001:db8::1)", "(192.0.2.1:4321)", qmail "(user@192.0.2.1)", Sendmail
    // "(user@[192.0.2.1])", Yahoo "(user@192.0.2.1 with login)"
    {
        QStringView address = lead;
        QStringView user;
        if (const qsizetype at = address.lastIndexOf(QLatin1Char('@')); at >= 0) {
            user = address.first(at);
            address = address.sliced(at + 1);
        }
        const QString ip = canonicalIp(address);
        if (!ip.isEmpty()) {
            out.kind = FromComment::Kind::Address;
            out.ip = ip;
            out.bracketed = address.startsWith(QLatin1Char('['));
            if (!out.account)
                out.ident = user;
            out.remoteInfo = !user.isEmpty() && words.size() == start + 1;
            return out;
        }
    }
    if (words.size() == start + 1 && !out.account) {
        // Sendmail local "(user@localhost)"
        if (const qsizetype at = lead.lastIndexOf(QLatin1Char('@')); at > 0) {
            out.kind = FromComment::Kind::IdentOnly;
            out.ident = lead;
            return out;
        }
        // "(rdns.example.net)", Exim 3 "(helo)"
        if (isHostName(lead) && !isPlaceholderName(lead)) {
            out.kind = FromComment::Kind::NameOnly;
            out.name = lead;
            return out;
        }
    }
    return out;
}

// Reads the from part. `fromComment`: the clause was written as a comment, Sendmail's "(from $_)"
// for a client that gave no HELO, where $_ is "[ident@]host [address]" as the server found it.
void readFrom(const Tokens& tokens, Span span, ReceivedHop& hop, Family family, bool fromComment)
{
    QStringView name;
    bool glued = false; // "NAME(IP)", no space: smap, Obtuse smtpd
    bool literalAfterComment = false;
    Words extra;
    QVarLengthArray<FromComment, 4> comments;
    for (qsizetype i = span.begin; i < span.end; ++i) {
        const Token& t = tokens[i];
        if (t.kind == TokenKind::Comment) {
            if (comments.isEmpty() && !name.isNull() &&
                name.constData() + name.size() + 1 == t.text.constData())
                glued = true;
            comments.append(readFromComment(t.text));
        } else if (t.kind == TokenKind::Word && name.isNull() && comments.isEmpty()) {
            name = t.text;
        } else if (t.kind == TokenKind::Word) {
            extra.append(t.text);
            if (!comments.isEmpty() && t.text.startsWith(QLatin1Char('[')))
                literalAfterComment = true;
        }
    }

    // The name after "from": a host name, an address literal, an address, "user@host" ...
    name = stripTrailing(name, ",");
    if (name.size() >= 2 && name.front() == QLatin1Char('<') && name.back() == QLatin1Char('>'))
        name = name.sliced(1, name.size() - 2);
    const QString nameIp = canonicalIp(name);
    const bool nameIsLiteral = name.startsWith(QLatin1Char('['));
    const bool nameIsUser = containsUnit(name, u'@') && nameIp.isEmpty() && !nameIsLiteral;

    const FromComment* heloCommand = nullptr;
    const FromComment* reverseDns = nullptr;
    const FromComment* addressFirst = nullptr;
    const FromComment* address = nullptr;
    const FromComment* nameOnly = nullptr;
    QString anyIp;
    for (const FromComment& c : comments) {
        switch (c.kind) {
        case FromComment::Kind::HeloCommand:
            heloCommand = heloCommand ? heloCommand : &c;
            break;
        case FromComment::Kind::AddressFirst:
            addressFirst = addressFirst ? addressFirst : &c;
            break;
        case FromComment::Kind::ReverseDns:
            reverseDns = reverseDns ? reverseDns : &c;
            break;
        case FromComment::Kind::Address:
            address = address ? address : &c;
            break;
        case FromComment::Kind::NameOnly:
            nameOnly = nameOnly ? nameOnly : &c;
            break;
        case FromComment::Kind::IdentOnly:
            if (hop.ident.isEmpty())
                hop.ident = c.ident.toString();
            break;
        case FromComment::Kind::Other:
            break;
        }
        if (anyIp.isEmpty())
            anyIp = c.anyIp;
        if (c.forged)
            hop.fromHostForged = true;
    }
    QString extraIp;
    QStringView claimedHelo; // Obtuse smtpd: ', claiming to be "name"'
    for (qsizetype i = 0; i < extra.size(); ++i) {
        const QStringView w = extra[i];
        if (w.startsWith(QLatin1Char('[')) && extraIp.isEmpty())
            extraIp = canonicalIp(w);
        if (equalsCi(w, "claiming") && i + 3 < extra.size() && equalsCi(extra[i + 1], "to") &&
            equalsCi(extra[i + 2], "be"))
            claimedHelo = unquoted(stripTrailing(extra[i + 3], ","));
    }

    // A layout that names itself in the from part, when the rest of the field did not.
    if (family == Family::Generic) {
        if (heloCommand)
            family = heloCommand->account ? Family::CommuniGate : Family::Qmail;
        else if (addressFirst && addressFirst->quotedHelo)
            family = Family::ZMailer;
        else if (addressFirst && addressFirst->eximKeys)
            family = Family::Exim;
        else if (addressFirst && addressFirst->verified)
            family = Family::CommuniGate;
        else if (address && address->really)
            family = Family::InterMail;
        else if ((glued && address && !address->bracketed) || !claimedHelo.isEmpty())
            family = Family::Smap;
    }
    const FromLayout& layout = layoutOf(family);
    hop.fromLayout = QString::fromLatin1(layout.id);

    // The client address, from the most specific place that gives one. An address literal in
    // the from slot (Exim "from [ip] (helo=[other])") is the peer's address and outranks any
    // other address a comment happens to hold, such as a literal HELO name.
    const QString literalNameIp = nameIsLiteral ? nameIp : QString();
    const std::initializer_list<const QString*> candidates = {address && address->really ? &address->ip
                                                                                         : nullptr,
                                                              reverseDns ? &reverseDns->ip : nullptr,
                                                              addressFirst ? &addressFirst->ip : nullptr,
                                                              address ? &address->ip : nullptr,
                                                              &extraIp,
                                                              &literalNameIp,
                                                              &anyIp,
                                                              &nameIp};
    for (const QString* ip : candidates) {
        if (ip && !ip->isEmpty()) {
            hop.fromIp = *ip;
            break;
        }
    }

    const QString nameText = name.toString();
    // HTTP has no HELO: an address in the from slot of a webmail hop is the client's address.
    const bool noHeloCommand = startsWithCi(hop.protocol, "HTTP");
    // The name in the from slot read as the HELO name (RFC 5321 section 4.4). A placeholder is
    // not a name the client gave.
    auto nameAsHelo = [&] {
        if (name.isEmpty() || isPlaceholderName(name) || (!nameIp.isEmpty() && noHeloCommand))
            return;
        hop.fromHelo = nameText;
    };
    // A name written where the receiver puts what it looked up. A placeholder ("unknown") says it
    // found none; an address where a name would stand too, in the "(RDNS [IP])" comment.
    auto setReverse = [&](QStringView written, bool inComment) {
        written = stripTrailing(written.trimmed(), ".");
        if (const NoNameWord* word = noNameWord(written)) {
            hop.reverseDns =
                word->lookedUp ? ReceivedHop::ReverseDns::NoneFound : ReceivedHop::ReverseDns::NotRecorded;
            return;
        }
        const QString host = reverseName(written);
        if (!host.isEmpty()) {
            hop.fromHost = host;
            hop.reverseDns = ReceivedHop::ReverseDns::Found;
        } else if (inComment && !canonicalIp(written).isEmpty()) {
            hop.reverseDns = ReceivedHop::ReverseDns::NoneFound;
        }
    };
    auto noneFound = [&] {
        if (hop.reverseDns == ReceivedHop::ReverseDns::NotRecorded)
            hop.reverseDns = ReceivedHop::ReverseDns::NoneFound;
    };
    // "from NAME (IP)" / "from NAME ([IP])": what NAME is depends on the family.
    auto nameBeforeAddress = [&](bool bracketed) {
        NameBeforeAddress rule = layout.nameBeforeAddress;
        if (rule == NameBeforeAddress::ByBrackets)
            rule = bracketed ? NameBeforeAddress::Helo : NameBeforeAddress::ReverseDnsOrHelo;
        switch (rule) {
        case NameBeforeAddress::Helo:
            nameAsHelo();
            if (layout.looksUp)
                noneFound();
            break;
        case NameBeforeAddress::ReverseDns:
            if (nameIp.isEmpty())
                setReverse(name, false);
            break;
        case NameBeforeAddress::ReverseDnsOrHelo:
        case NameBeforeAddress::ByBrackets:
            // A reverse-DNS answer is a full domain name: where the family is only guessed, a
            // single label ("DPLAPTOP (192.0.2.1)") is what the client said.
            if (nameIp.isEmpty() &&
                (family != Family::Generic || containsUnit(name, u'.') || isPlaceholderName(name)))
                setReverse(name, false);
            nameAsHelo();
            break;
        }
    };

    if (nameIsUser) {
        // Sendmail "(from user@localhost)": the local user stands where a HELO name would. With no
        // HELO written, it is the only name the client went by.
        hop.ident = nameText;
        if (heloCommand)
            hop.fromHelo = heloCommand->helo.toString();
        else if (addressFirst && addressFirst->heloGiven)
            hop.fromHelo = addressFirst->helo.toString();
        else
            hop.fromHelo = nameText;
    } else if (heloCommand) {
        // qmail, qpsmtpd, IronPort, Yahoo, GMX "from RDNS (HELO name) (IP)"; CommuniGate "from [IP]
        // (account USER HELO name)". "(EHLO )": the client gave an empty name.
        if (nameIp.isEmpty())
            setReverse(name, false);
        hop.fromHelo = heloCommand->helo.toString();
    } else if (family == Family::Smap && (glued || !claimedHelo.isEmpty())) {
        // smap, Obtuse smtpd "from RDNS(IP), claiming to be "HELO" via SMTP"
        if (nameIp.isEmpty())
            setReverse(name, false);
        hop.fromHelo = claimedHelo.toString();
    } else if (addressFirst && addressFirst->quotedHelo) {
        // ZMailer "from RDNS ([IP]:port "EHLO name" rhost-flags-...)"
        if (nameIp.isEmpty())
            setReverse(name, false);
        else
            noneFound();
        hop.fromHelo = addressFirst->helo.toString();
    } else if (reverseDns) {
        // Postfix, Sendmail, Courier, Gmail: "from HELO (RDNS [IP])"
        nameAsHelo();
        setReverse(reverseDns->name, true);
        if (layout.looksUp)
            noneFound();
    } else if (addressFirst && addressFirst->eximKeys) {
        if (addressFirst->heloGiven)
            hop.fromHelo = addressFirst->helo.toString();
        if (!nameIp.isEmpty() || isPlaceholderName(name) || nameIsLiteral) {
            // Exim "from [IP] (helo=name)", ecelerity "from ([IP]:port helo=name)": no name found
            if (noNameWord(name))
                setReverse(name, false);
            else if (layout.looksUp)
                noneFound();
        } else if (addressFirst->ip.isEmpty() && addressFirst->heloGiven) {
            // Exim local SMTP "from user (helo=name)": the name is the submitting user
            hop.ident = nameText;
        } else {
            // Exim "from RDNS ([IP] helo=name)": helo= is left out when it equals the name
            setReverse(name, false);
            if (!addressFirst->heloGiven)
                nameAsHelo();
        }
        if (!addressFirst->ident.isEmpty() && hop.ident.isEmpty())
            hop.ident = addressFirst->ident.toString();
    } else if (addressFirst && addressFirst->verified) {
        // CommuniGate "from NAME ([IP] verified)": NAME checked in DNS; the HELO name is left out
        // when equal to it
        if (nameIp.isEmpty())
            setReverse(name, false);
        nameAsHelo();
    } else if (addressFirst && addressFirst->noName) {
        // IIS "from HELO ([IP] RDNS failed)"
        nameAsHelo();
        noneFound();
    } else if (addressFirst) {
        nameBeforeAddress(true);
    } else if (address) {
        if (address->really) {
            // InterMail "from [HELO] (really [IP])"
            nameAsHelo();
        } else if (address->remoteInfo && !address->bracketed) {
            // qmail "from RDNS (user@IP)": (HELO ...) is left out when HELO equals the name
            if (nameIp.isEmpty())
                setReverse(name, false);
            nameAsHelo();
        } else if (!address->ident.isEmpty()) {
            // Sendmail "from HELO (user@[IP])" when it found no name; Yahoo "from HELO (user@IP
            // with login)"
            nameAsHelo();
            if (address->bracketed)
                noneFound();
        } else {
            nameBeforeAddress(address->bracketed);
        }
        if (!address->ident.isEmpty() && hop.ident.isEmpty())
            hop.ident = address->ident.toString();
    } else if (nameOnly && literalAfterComment && (family == Family::Exim || family == Family::Generic)) {
        // Exim 2/3 $sender_fullhost "from RDNS (HELO) [IP]"
        setReverse(name, false);
        hop.fromHelo = nameOnly->name.toString();
    } else if (nameOnly && containsUnit(nameOnly->name, u'.')) {
        // "from HELO (rdns.example.net)"
        nameAsHelo();
        setReverse(nameOnly->name, true);
    } else if (fromComment && !extraIp.isEmpty()) {
        // Sendmail "(from RDNS [IP])": the server's own name for the client
        setReverse(name, false);
    } else if (!extraIp.isEmpty()) {
        // "from NAME [IP]": Exim 3 writes the name it found there (the HELO name left out when
        // equal); MDaemon, SMTPD32 and fetchmail the name the client gave
        if (family == Family::Exim || isPlaceholderName(name))
            setReverse(name, false);
        nameAsHelo();
    } else {
        // No comment to go by: RFC 5321 section 4.4 puts the name the client gave there, and allows
        // an address literal only with the address in a comment after it: a bare address or
        // literal is the client's address, which the receiver wrote for want of a name (Exim
        // "from [IP]": no name found, HELO equal to the address or not given).
        if (nameIp.isEmpty())
            nameAsHelo();
        if (family == Family::Exim && nameIsLiteral)
            noneFound();
        // Exim's local submissions put the login name there ("from user by host with local").
        if (family == Family::Exim && startsWithCi(hop.withText, "local") && nameIp.isEmpty() &&
            !name.isEmpty())
            hop.ident = nameText;
    }
    if (reverseDns && !reverseDns->ident.isEmpty() && hop.ident.isEmpty())
        hop.ident = reverseDns->ident.toString();

    if (hop.fromHostForged) {
        addWarning(hop,
                   QStringLiteral("The receiving server noted that the sender's reverse-DNS name%1 may be "
                                  "forged: it does not lead back to the sending address.")
                       .arg(hop.fromHost.isEmpty() ? QString() : QStringLiteral(" ") + hop.fromHost));
    }
}

void readBy(const Tokens& tokens, Span span, ReceivedHop& hop, CommentFacts& facts)
{
    Words extra;
    bool named = false;
    for (qsizetype i = span.begin; i < span.end; ++i) {
        const Token& t = tokens[i];
        if (t.kind == TokenKind::Word && !named) {
            named = true;
            QStringView name = stripAngles(t.text);
            const QString ip = canonicalIp(name);
            if (containsUnit(name, u'@') && ip.isEmpty()) {
                // a mail address is no host ("by user@example.com")
            } else if (!ip.isEmpty() && (name.startsWith(QLatin1Char('[')) || startsWithCi(name, "IPv6:"))) {
                hop.byHost = ip;
                hop.byIp = ip;
            } else {
                hop.byHost = stripTrailing(name, ".").toString();
                if (!ip.isEmpty())
                    hop.byIp = ip;
            }
        } else if (t.kind == TokenKind::Word) {
            extra.append(t.text);
            if (hop.byIp.isEmpty() && t.text.startsWith(QLatin1Char('[')))
                hop.byIp = canonicalIp(t.text);
        } else if (t.kind == TokenKind::Comment) {
            if (hop.byIp.isEmpty()) {
                const FromComment c = readFromComment(t.text);
                hop.byIp = !c.ip.isEmpty() ? c.ip : c.anyIp;
            }
            const QStringView text = t.text.trimmed();
            if (text == QLatin1StringView("SG"))
                readSoftware(QStringLiteral("(SG)"), facts);
            readSoftware(text, facts);
            readSendmailVersion(text, facts);
            readCriticalPathVersion(text, facts);
            readGenericSoftware(text, facts);
        }
    }
    if (!extra.isEmpty()) {
        readClauseWords(extra, facts);
        // "by host.example Postfix with ...", "by host (envelope-from ...) Jetsend MTA 0.0.1"
        readSoftware(joinWords(extra, 0, extra.size()), facts);
    }
}

} // namespace

ReceivedHop ReceivedParser::parse(const QString& value)
{
    ReceivedHop hop;
    const QString text = cleanInput(value, hop);
    hop.raw = text;
    if (text.isEmpty()) {
        addWarning(hop, QStringLiteral("The Received field is empty."));
        hop.timeZoneGiven = false;
        return hop;
    }

    Tokens tokens;
    bool unbalanced = false;
    tokenize(text, tokens, &unbalanced);
    if (unbalanced)
        addWarning(hop,
                   QStringLiteral("The parentheses in the Received field do not match; part of it may be "
                                  "misread."));

    // Sendmail/NAVGW "(from user@host) by ...", "(from rdns [ip]) by ...": the from clause is
    // written as a comment. Read its content as words.
    bool fromComment = false;
    if (!tokens.isEmpty() && tokens[0].kind == TokenKind::Comment && startsWithCi(tokens[0].text, "from ")) {
        fromComment = true;
        Tokens inner;
        tokenize(tokens[0].text, inner, &unbalanced);
        for (qsizetype i = 1; i < tokens.size(); ++i)
            inner.append(tokens[i]);
        tokens = inner;
    }

    // ---- the date
    qsizetype clauseEnd = tokens.size(); // tokens before this index are clauses
    qsizetype dateBegin = -1;            // first token of the date
    qsizetype dateEnd = tokens.size();
    for (qsizetype i = tokens.size() - 1; i >= 0; --i) {
        if (tokens[i].kind != TokenKind::Semicolon)
            continue;
        bool content = false;
        for (qsizetype k = i + 1; k < tokens.size(); ++k)
            content = content || tokens[k].kind == TokenKind::Word;
        if (!content && dateBegin < 0) {
            clauseEnd = i; // a trailing ';' with nothing after it
            continue;
        }
        clauseEnd = i;
        dateBegin = i + 1;
        break;
    }
    if (dateBegin < 0) {
        // No ';': SendGrid/Go "... id X 2018-03-26 13:35:36.27 +0000 UTC", "... id X Mon, 26 Mar ..."
        for (qsizetype i = 0; i < clauseEnd; ++i) {
            const Token& t = tokens[i];
            if (t.kind != TokenKind::Word || keywordOf(t.text) != Clause::None || !startsDate(t.text))
                continue;
            if (i > 0 && tokens[i - 1].kind == TokenKind::Word &&
                keywordOf(tokens[i - 1].text) != Clause::None)
                continue; // the value of a clause ("id 20180326")
            const QStringView rest(text.constData() + (t.text.constData() - text.constData()),
                                   text.constData() + text.size());
            if (auto parsed = MailDate::parse(rest); parsed && parsed->timeGiven) {
                dateBegin = i;
                clauseEnd = i;
                break;
            }
        }
    }
    Tokens postDate; // clauses written after the date ("; date for <a@b>")
    if (dateBegin >= 0) {
        for (qsizetype k = dateBegin; k + 1 < tokens.size(); ++k) {
            if (tokens[k].kind == TokenKind::Word && keywordOf(tokens[k].text) != Clause::None &&
                keywordOf(tokens[k].text) != Clause::From && tokens[k + 1].kind == TokenKind::Word &&
                k > dateBegin) {
                dateEnd = k;
                for (qsizetype m = k; m < tokens.size(); ++m)
                    postDate.append(tokens[m]);
                break;
            }
        }
        QStringView dateText;
        if (dateBegin < tokens.size()) {
            const QChar* begin = tokens[dateBegin].text.constData();
            const QChar* end = text.constData() + text.size();
            if (dateEnd < tokens.size())
                end = tokens[dateEnd].text.constData();
            if (tokens[dateBegin].kind == TokenKind::Comment)
                --begin; // include the '('
            dateText = QStringView(begin, end).trimmed();
        }
        hop.timeText = dateText.toString();
        if (auto parsed = MailDate::parse(dateText)) {
            hop.time = parsed->time;
            hop.timeZoneGiven = parsed->zoneGiven;
            if (!parsed->zoneGiven)
                addWarning(hop, QStringLiteral("The date \"%1\" gives no time zone; UTC was assumed.")
                                    .arg(excerpt(dateText)));
        } else {
            hop.timeZoneGiven = false;
            addWarning(hop, QStringLiteral("The date \"%1\" could not be read.").arg(excerpt(dateText)));
        }
    } else {
        hop.timeZoneGiven = false;
        addWarning(hop,
                   QStringLiteral("The Received field has no date, so the time of this hop is unknown."));
    }

    // ---- the clauses
    Tokens clauses;
    for (qsizetype i = 0; i < clauseEnd; ++i) {
        if (tokens[i].kind != TokenKind::Semicolon)
            clauses.append(tokens[i]);
    }
    for (const Token& t : std::as_const(postDate))
        clauses.append(t);

    std::array<Span, static_cast<size_t>(Clause::Count)> spans{};
    Clause current = Clause::None;
    qsizetype leadingWords = 0;
    for (qsizetype i = 0; i < clauses.size(); ++i) {
        const Token& t = clauses[i];
        Clause keyword = t.kind == TokenKind::Word ? keywordOf(t.text) : Clause::None;
        if (keyword == Clause::From && (current != Clause::None || spans[size_t(Clause::From)].present()))
            keyword = Clause::LateFrom; // "from <sender>" after the others (XMail, IBM)
        if (keyword == Clause::None) {
            if (current == Clause::None && t.kind == TokenKind::Word)
                ++leadingWords;
            continue;
        }
        if (current != Clause::None)
            spans[size_t(current)].end = i;
        Span& span = spans[size_t(keyword)];
        if (span.present()) {
            if (keyword != Clause::LateFrom)
                addWarning(hop,
                           QStringLiteral("The Received field names \"%1\" twice; the first one was used.")
                               .arg(t.text.toString().toLower()));
            current = Clause::None; // ignore the repetition's words
            // keep the words out of the leading count
            while (i + 1 < clauses.size() && !(clauses[i + 1].kind == TokenKind::Word &&
                                               keywordOf(clauses[i + 1].text) != Clause::None))
                ++i;
            continue;
        }
        span.begin = i + 1;
        span.end = clauses.size();
        current = keyword;
    }
    // Words before any keyword ("mail.example.com (192.0.2.1) by ..."): a from clause without its
    // keyword, when they start with a host name or an address.
    if (leadingWords > 0 && !spans[size_t(Clause::From)].present()) {
        qsizetype firstKeyword = clauses.size();
        for (qsizetype i = 0; i < clauses.size(); ++i) {
            if (clauses[i].kind == TokenKind::Word && keywordOf(clauses[i].text) != Clause::None) {
                firstKeyword = i;
                break;
            }
        }
        qsizetype firstWord = 0;
        while (firstWord < firstKeyword && clauses[firstWord].kind != TokenKind::Word)
            ++firstWord;
        if (firstWord < firstKeyword) {
            const QStringView w = clauses[firstWord].text;
            if ((isHostName(w) && containsUnit(w, u'.')) || !canonicalIp(w).isEmpty()) {
                spans[size_t(Clause::From)] = Span{firstWord, firstKeyword};
                addWarning(hop, QStringLiteral("The Received field lacks the word \"from\"; the text before "
                                               "\"by\" was read as the sending host."));
            }
        }
    }

    CommentFacts facts;
    // comments anywhere: TLS, authentication, envelope sender, software
    for (const Token& t : std::as_const(tokens)) {
        if (t.kind == TokenKind::Comment)
            readCommentFacts(t.text, facts);
    }

    auto clauseWords = [&](Clause clause, Words& out, bool stopAtComment) {
        const Span span = spans[size_t(clause)];
        if (!span.present())
            return;
        for (qsizetype i = span.begin; i < span.end; ++i) {
            if (clauses[i].kind == TokenKind::Comment) {
                // A comment before the first word (qmail's TLS patch writes its cipher there)
                // does not end the clause.
                if (stopAtComment && !out.isEmpty())
                    return;
                continue;
            }
            out.append(clauses[i].text);
        }
    };

    if (spans[size_t(Clause::With)].present()) {
        Words before;
        clauseWords(Clause::With, before, true);
        readWith(before, hop, facts);
        Words all;
        clauseWords(Clause::With, all, false);
        readClauseWords(all, facts);
        const Span span = spans[size_t(Clause::With)];
        for (qsizetype i = span.begin; i < span.end; ++i) {
            if (clauses[i].kind == TokenKind::Comment) {
                readSoftware(clauses[i].text, facts);
            }
        }
    }
    if (spans[size_t(Clause::By)].present())
        readBy(clauses, spans[size_t(Clause::By)], hop, facts);
    if (spans[size_t(Clause::Via)].present()) {
        Words words;
        clauseWords(Clause::Via, words, true);
        hop.via = joinWords(words, 0, words.size());
    }
    if (spans[size_t(Clause::Id)].present()) {
        const Span span = spans[size_t(Clause::Id)];
        if (span.begin < span.end && clauses[span.begin].kind == TokenKind::Word) {
            const QStringView id = stripAngles(clauses[span.begin].text);
            bool word = false; // "id =" (a quoted-printable soft break) names nothing
            for (QChar c : id)
                word = word || isAsciiLetter(c) || isAsciiDigit(c);
            if (word)
                hop.id = id.toString();
        }
        Words words;
        clauseWords(Clause::Id, words, false);
        readClauseWords(words, facts);
    }
    if (spans[size_t(Clause::For)].present()) {
        const Span span = spans[size_t(Clause::For)];
        if (span.begin < span.end && clauses[span.begin].kind == TokenKind::Word)
            hop.forAddress = stripAngles(clauses[span.begin].text).toString();
        Words words;
        clauseWords(Clause::For, words, false);
        readClauseWords(words, facts);
    }
    if (spans[size_t(Clause::LateFrom)].present()) {
        const Span span = spans[size_t(Clause::LateFrom)];
        if (span.begin < span.end && clauses[span.begin].kind == TokenKind::Word) {
            const QStringView w = clauses[span.begin].text;
            if (facts.envelopeFrom.isEmpty() && (w.startsWith(QLatin1Char('<')) || containsUnit(w, u'@'))) {
                const QStringView address = stripAngles(w);
                facts.envelopeFrom = address.isEmpty() ? QStringLiteral("<>") : address.toString();
            }
        }
    }
    if (spans[size_t(Clause::From)].present()) {
        Words words;
        clauseWords(Clause::From, words, false);
        if (words.size() > 1) {
            Words rest;
            for (qsizetype i = 1; i < words.size(); ++i)
                rest.append(words[i]);
            readClauseWords(rest, facts);
        }
    }

    // TLS and authentication from the protocol name
    const ProtocolName* type = findProtocol(hop.protocol);
    if (facts.tls.has_value() || !facts.tlsVersion.isEmpty() || !facts.tlsCipher.isEmpty())
        hop.tls = true;
    else if (type && type->tls != 0)
        hop.tls = type->tls > 0;
    hop.tlsVersion = facts.tlsVersion;
    hop.tlsCipher = facts.tlsCipher;
    hop.authenticated = facts.authenticated || (type && type->authenticated);
    hop.authenticatedSender = facts.authenticatedSender;
    hop.envelopeFrom = facts.envelopeFrom;
    hop.software = facts.software;
    if (hop.ident.isEmpty())
        hop.ident = facts.ident;

    if (spans[size_t(Clause::From)].present())
        readFrom(clauses, spans[size_t(Clause::From)], hop, familyOf(hop, facts.softwareId), fromComment);
    if (hop.ident.isEmpty())
        hop.ident = facts.ident;
    return hop;
}

} // namespace headerlens
