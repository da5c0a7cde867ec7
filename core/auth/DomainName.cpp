#include "DomainName.h"

#include "IpAddress.h"
#include "TextSearch.h"

#include <QUrl>

namespace headerlens {

QString DomainName::toAscii(const QString& domain)
{
    QString d = domain.trimmed();
    while (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    if (d.startsWith(QLatin1Char('[')) && d.endsWith(QLatin1Char(']')))
        return lowered(d);
    if (d.isEmpty())
        return {};
    bool ascii = true;
    for (QChar c : std::as_const(d)) {
        if (c.unicode() > 0x7f) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return lowered(d);
    // UTS #46 mapping and Punycode (RFC 3492), as browsers do.
    const QByteArray ace = QUrl::toAce(d);
    return ace.isEmpty() ? QString() : QString::fromLatin1(ace).toLower();
}

QString DomainName::toUnicode(const QString& domain)
{
    if (!containsCaseless(domain, QLatin1StringView("xn--")))
        return domain;
    const QString unicode = QUrl::fromAce(domain.toLatin1());
    return unicode.isEmpty() ? domain : unicode;
}

QString DomainName::ofAddress(const QString& address)
{
    QString a = address.trimmed();
    // "Name <a@b>": the angle-addr; a group or list: the first address.
    const qsizetype open = a.lastIndexOf(QLatin1Char('<'));
    if (open >= 0) {
        const qsizetype close = a.indexOf(QLatin1Char('>'), open);
        a = a.mid(open + 1, close > open ? close - open - 1 : -1);
    }
    a = a.trimmed();
    const qsizetype at = a.lastIndexOf(QLatin1Char('@'));
    QString domain = at >= 0 ? a.mid(at + 1) : a;
    // Stop at what cannot be part of a name (a comment, a second address).
    for (qsizetype i = 0; i < domain.size(); ++i) {
        const QChar c = domain[i];
        if (c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char(';') || c == QLatin1Char('(') ||
            c == QLatin1Char('>') || c == QLatin1Char('"')) {
            domain.truncate(i);
            break;
        }
    }
    return toAscii(domain);
}

bool DomainName::isAddressLiteral(const QString& text)
{
    return IpAddress::parse(text).has_value();
}

bool DomainName::isWithin(const QString& domain, const QString& parent)
{
    if (domain.isEmpty() || parent.isEmpty())
        return false;
    // compare() and endsWith(u'.' + parent) with Qt::CaseInsensitive, answered by TextSearch
    const qsizetype dot = domain.size() - parent.size() - 1;
    return equalsCaseless(domain, parent) ||
           (dot >= 0 && domain[dot] == u'.' && equalsCaseless(QStringView(domain).sliced(dot + 1), parent));
}

} // namespace headerlens
