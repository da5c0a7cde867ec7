#include "RefusalSubject.h"

#include "PatternTable.h"
#include "RegexSubject.h"
#include "SmtpStatus.h"
#include "TextSearch.h"

#include <QRegularExpression>

namespace headerlens {

namespace {

bool stageIs(const QString& stage, std::initializer_list<const char*> names)
{
    const QString s = stage.toUpper();
    for (const char* n : names) {
        if (s.contains(QLatin1String(n)))
            return true;
    }
    return false;
}

// The expressions that read the server's words, in one table: one scan of a text tells which of
// them can match it at all (most texts hold none of their words).
struct Expressions
{
    PatternTable table;
    PatternTable::Pattern frame;
    PatternTable::Pattern heloRestriction;
    PatternTable::Pattern senderRestriction;
    PatternTable::Pattern recipientRestriction;
    PatternTable::Pattern clientWords;
};

const Expressions& expressions()
{
    static const Expressions e = [] {
        Expressions x;
        x.frame = x.table.add(QStringLiteral("(?i)^.*?\\b(said|responded|returned|answered)\\s*:?\\s*"));
        // 1. The MTA names the restriction itself (Postfix smtpd_*_restrictions, and the same
        //    wording elsewhere): unambiguous.
        x.heloRestriction = x.table.add(QStringLiteral(
            "(?i)helo command rejected|(helo|ehlo) (name |hostname )?(rejected|refused|invalid)|"
            "\\b(in|your|the|bad|invalid|unknown|forged) (helo|ehlo)\\b|"
            "\\b(helo|ehlo) (greeting|argument|domain|host ?name|name|string)\\b"));
        x.senderRestriction = x.table.add(QStringLiteral(
            "(?i)sender address rejected|sender (e-?mail )?(address|domain) (is )?"
            "(rejected|refused|invalid|unknown|not|does not)|domain of sender address|sender verify failed|"
            "sender verification failed|envelope (sender|from) (address )?(rejected|refused|invalid|unknown)|"
            "mail from (address )?(rejected|refused)|return-path (address )?(rejected|refused|invalid)|"
            "unroutable sender|invalid sender|bad sender"));
        x.recipientRestriction =
            x.table.add(QStringLiteral("(?i)recipient address rejected|in reply to rcpt to|after rcpt to"));
        // 5. Words about the client host: its IP, its server, its SPF record.
        x.clientWords =
            x.table.add(QStringLiteral("(?i)\\byour (ip|server|host|mail server|network|domain)\\b|"
                                       "\\bclient (host|ip)\\b|\\bsending (ip|host|server)\\b|"
                                       "\\bip=|\\bspf\\b"));
        x.table.build();
        return x;
    }();
    return e;
}

// The server's words without the reporting MTA's frame ("host mx.example[192.0.2.1] said:"),
// which names the receiving host, not the client. A text that starts with a reply code is the
// server's reply already: a "said:" inside it quotes a third server (Postfix's sender check:
// "550 5.1.7 <s@example>: Sender address rejected: undeliverable address: host mx.example[...]
// said: 550 5.1.1 ... User unknown"), and what it quotes is about the sender, not the recipient.
QString serverWordsOnly(const QString& text)
{
    if (SmtpStatus::replyPrefixLength(QStringView(text).trimmed()) > 0)
        return text;
    const QRegularExpressionMatch m = expressions().frame.match(text);
    return m.hasMatch() && m.capturedEnd() < text.size() ? text.mid(m.capturedEnd()) : text;
}

bool quotes(const QString& text, const QString& address)
{
    return !address.isEmpty() && address.contains(QLatin1Char('@')) && containsCaseless(text, address);
}

} // namespace

RefusalSubject::Finding RefusalSubject::decide(const Facts& facts)
{
    const QString words = serverWordsOnly(facts.text);

    // 1. The MTA names the restriction itself: unambiguous.
    const Expressions& x = expressions();
    if (x.heloRestriction.matches(words))
        return {Party::Sender, QStringLiteral("the receiving server refused the name your sending server "
                                              "introduced itself with (HELO/EHLO), not the recipient")};
    if (x.senderRestriction.matches(words))
        return {Party::Sender, QStringLiteral("the receiving server refused the envelope sender address "
                                              "(MAIL FROM), not the recipient")};
    if (x.recipientRestriction.matches(words))
        return {Party::Recipient, QStringLiteral("the server refused the recipient address")};

    // 2. The SMTP step: before RCPT TO only the client and its sender are known to the server.
    if (stageIs(facts.stage, {"MAIL", "HELO", "EHLO", "CONNECT", "GREETING", "BANNER", "STARTTLS", "AUTH"}))
        return {Party::Sender,
                QStringLiteral("refused at %1, before any recipient was named").arg(facts.stage)};

    // 3. Whose address does the reply quote? Only the reply itself counts, not a copy of the
    //    message that some reports run on into.
    const QString reply = words.left(300);
    const bool quotesRecipient = quotes(reply, facts.recipient);
    bool quotesSender = false;
    QString sender;
    for (const QString& s : facts.senders) {
        if (quotes(reply, s) && s.compare(facts.recipient, Qt::CaseInsensitive) != 0) {
            quotesSender = true;
            sender = s;
            break;
        }
    }
    if (quotesSender && !quotesRecipient)
        return {Party::Sender,
                QStringLiteral("the reply quotes the envelope sender %1, not the recipient").arg(sender)};
    if (stageIs(facts.stage, {"RCPT"}))
        return {Party::Recipient, QStringLiteral("refused at RCPT TO")};
    if (quotesRecipient)
        return {Party::Recipient, QStringLiteral("the reply quotes the recipient's address")};

    // 4. The status code names the sender (RFC 3463 X.1.7, X.1.8; RFC 7505 X.7.27).
    static const QRegularExpression senderStatus(QStringLiteral("^[245]\\.(1\\.[78]|7\\.27)$"));
    if (RegexSubject::match(senderStatus, facts.status).hasMatch())
        return {Party::Sender, QStringLiteral("status %1 concerns the sender's address").arg(facts.status)};

    // 5. Words about the client host: its IP, its server, its SPF record.
    static const QRegularExpression ipLiteral(
        QStringLiteral("(?<![\\d.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?![\\d])"));
    if (x.clientWords.matches(words))
        return {Party::Sender, QStringLiteral("the reply speaks of the sending host")};
    const QRegularExpressionMatch ip = RegexSubject::match(ipLiteral, words);
    if (ip.hasMatch() && !facts.remoteMta.contains(ip.captured(1)))
        return {Party::Sender,
                QStringLiteral("the reply quotes the sending host's IP address %1").arg(ip.captured(1))};
    return {};
}

QString RefusalSubject::toString(Party party)
{
    switch (party) {
    case Party::Sender:
        return QStringLiteral("sender");
    case Party::Recipient:
        return QStringLiteral("recipient");
    case Party::Unknown:
        break;
    }
    return QString();
}

} // namespace headerlens
