#include "AuthenticationAssessment.h"

#include "DomainName.h"
#include "IpAddress.h"
#include "MailDate.h"
#include "RegexSubject.h"
#include "TextSearch.h"

#include <QHash>
#include <QRegularExpression>

#include <limits>

namespace headerlens {

namespace {

// Where a field stands relative to the hop where the message entered the receiving side.
enum class Zone
{
    Inside,   // above that hop's Received field: added after the message arrived
    Attached, // directly below it (before the next Received field): where Gmail and others write
              // their results, but also where the sender's last server could have written
    Outside,  // further down: it came with the message
    Unknown   // no Received fields at all
};

enum class Belongs
{
    Yes,      // the checker is one of the receiving servers or their organization
    No,       // a name outside the receiving side
    NotAName, // an authserv-id that is no host name ("mx", "spamfilter")
    Nobody    // the field names no checker
};

struct RouteHop
{
    int headerIndex = -1;
    int number = 0; // relay hop number, 1 = oldest
    ReceivedHop received;
    QString byAscii;
    QString byOrganization;
};

// Wording that depends on whose servers are at the top of the route.
struct SideWording
{
    QString servers; // "the receiving servers"
    QString earlier; // "the sender's side"
};

SideWording sideFor(AuthenticationAssessment::Perspective perspective)
{
    if (perspective == AuthenticationAssessment::Perspective::ReturnedOriginal)
        return {
            QStringLiteral("the servers at the top of the returned copy's route (your own outbound side)"),
            QStringLiteral("an earlier server or the message's author")};
    return {QStringLiteral("the receiving servers"), QStringLiteral("the sender's side")};
}

bool isInternalName(const QString& name)
{
    return !name.isEmpty() && !name.contains(QLatin1Char('.'));
}

// The relay chain with the header positions of its Received fields, top (newest) first, and
// the receiving side: the top hop and every hop below it that the one above received from a
// server of the same organization (or a private address, or locally).
class Route
{
public:
    Route(const HeaderList& headers, const RelayChain& chain, const PublicSuffixList& list)
        : m_list(list)
    {
        QList<int> positions;
        for (qsizetype i = 0; i < headers.size(); ++i) {
            if (headers[i].isNamed(u"Received"))
                positions.append(static_cast<int>(i));
        }
        const qsizetype n = positions.size();
        // The chain's hops by the field they were read from (a chain put back in order lists them
        // otherwise).
        QList<const ReceivedHop*> read(n, nullptr);
        if (chain.hops.size() == n) {
            for (const RelayHop& hop : chain.hops) {
                if (hop.field >= 1 && hop.field <= n)
                    read[n - hop.field] = &hop.received;
            }
        }
        for (qsizetype k = 0; k < n; ++k) {
            RouteHop hop;
            hop.headerIndex = positions[k];
            hop.number = static_cast<int>(n - k);
            hop.received = read[k] ? *read[k] : ReceivedParser::parse(headers[positions[k]].value);
            hop.byAscii = DomainName::toAscii(hop.received.byHost);
            if (hop.byAscii.contains(QLatin1Char('.')) && !DomainName::isAddressLiteral(hop.byAscii))
                hop.byOrganization = list.organizationalDomain(hop.byAscii);
            hops.append(hop);
        }
        for (qsizetype k = 0; k < hops.size(); ++k) {
            if (k > 0 && !receivedFromInside(hops[k - 1]) &&
                !organizations.contains(hops[k].byOrganization)) {
                entry = static_cast<int>(k - 1);
                break;
            }
            if (!hops[k].byOrganization.isEmpty() && !organizations.contains(hops[k].byOrganization))
                organizations << hops[k].byOrganization;
            if (!hops[k].byAscii.isEmpty())
                hosts << hops[k].byAscii;
        }
        if (entry < 0 && !hops.isEmpty())
            entry = static_cast<int>(hops.size() - 1);
    }

    QList<RouteHop> hops; // top first
    int entry = -1;       // index into hops
    QStringList organizations;
    QStringList hosts; // receiving side's by-hosts, top first

    const RouteHop* entryHop() const { return entry >= 0 ? &hops[entry] : nullptr; }

    Zone zone(int fieldIndex) const
    {
        if (hops.isEmpty() || fieldIndex < 0)
            return Zone::Unknown;
        if (fieldIndex < hops[entry].headerIndex)
            return Zone::Inside;
        const int next =
            entry + 1 < hops.size() ? hops[entry + 1].headerIndex : std::numeric_limits<int>::max();
        return fieldIndex < next ? Zone::Attached : Zone::Outside;
    }

    // The hop whose Received field is the nearest below the field (the server it arrived at).
    const RouteHop* hopBelow(int fieldIndex) const
    {
        for (const RouteHop& hop : hops) {
            if (hop.headerIndex > fieldIndex)
                return &hop;
        }
        return nullptr;
    }

    Belongs belongs(const QString& checker) const
    {
        const QString c = DomainName::toAscii(checker);
        if (c.isEmpty())
            return Belongs::Nobody;
        if (!c.contains(QLatin1Char('.')) && !DomainName::isAddressLiteral(c))
            return Belongs::NotAName;
        if (organizations.contains(m_list.organizationalDomain(c)))
            return Belongs::Yes;
        for (const QString& host : hosts) {
            if (DomainName::isWithin(host, c) || DomainName::isWithin(c, host))
                return Belongs::Yes;
        }
        return Belongs::No;
    }

    // The checker names the hop's server: the same host, a name above or below it, or (unless
    // `byName`) the same organization.
    bool matches(const RouteHop& hop, const QString& checker, bool byName = false) const
    {
        const QString c = DomainName::toAscii(checker);
        if (c.isEmpty() || hop.byAscii.isEmpty())
            return false;
        return DomainName::isWithin(hop.byAscii, c) || DomainName::isWithin(c, hop.byAscii) ||
               (!byName && !hop.byOrganization.isEmpty() &&
                hop.byOrganization == m_list.organizationalDomain(c));
    }

    // The receiving-side hop the checker names: by host name first, else by organization; the
    // newest of them.
    const RouteHop* receivingHopNamed(const QString& checker) const
    {
        for (bool byName : {true, false}) {
            for (int k = 0; k <= entry && k < hops.size(); ++k) {
                if (matches(hops[k], checker, byName))
                    return &hops[k];
            }
        }
        return nullptr;
    }

    // A hop below the receiving side whose server the checker names.
    const RouteHop* earlierHopNamed(const QString& checker) const
    {
        for (qsizetype k = entry + 1; k < hops.size(); ++k) {
            if (matches(hops[k], checker))
                return &hops[k];
        }
        return nullptr;
    }

private:
    // The server that wrote `hop` received the message from inside its own organization: a
    // private or loopback address, a local submission (no "from"), an unqualified name, or a
    // name in an organization already on the receiving side.
    bool receivedFromInside(const RouteHop& hop) const
    {
        const ReceivedHop& r = hop.received;
        if (r.fromHelo.isEmpty() && r.fromHost.isEmpty() && r.fromIp.isEmpty())
            return true;
        if (const auto ip = IpAddress::parse(r.fromIp); ip && ip->isPrivate())
            return true;
        for (const QString& name : {r.fromHost, r.fromHelo}) {
            const QString ascii = DomainName::toAscii(name);
            if (ascii.isEmpty() || DomainName::isAddressLiteral(ascii))
                continue;
            if (isInternalName(ascii) && r.fromIp.isEmpty())
                return true;
            if (organizations.contains(m_list.organizationalDomain(ascii)))
                return true;
        }
        return false;
    }

    const PublicSuffixList& m_list;
};

QString hostOrUnnamed(const RouteHop* hop)
{
    if (!hop)
        return QStringLiteral("an unnamed server");
    return hop->received.byHost.isEmpty() ? QStringLiteral("the server of hop %1").arg(hop->number)
                                          : hop->received.byHost;
}

// Trust from the field's place and the checker it names (RFC 8601 section 5 and 7.2: only
// fields the receiving side added, with an authserv-id it controls, may be relied on).
FieldTrust judge(const Route& route, int fieldIndex, const QString& checker, const SideWording& side)
{
    FieldTrust t;
    t.checkedBy = checker;
    const Zone zone = route.zone(fieldIndex);
    if (zone == Zone::Unknown) {
        t.reason =
            QStringLiteral("Not trusted: the input has no Received fields, so nothing shows which server "
                           "added this field.");
        return t;
    }
    const RouteHop* entry = route.entryHop();
    const RouteHop* below = route.hopBelow(fieldIndex);
    const Belongs belongs = route.belongs(checker);
    if (checker.isEmpty() && zone == Zone::Inside && below)
        t.checkedBy = below->received.byHost;

    switch (zone) {
    case Zone::Inside:
        if (belongs == Belongs::Yes) {
            const RouteHop* named = route.receivingHopNamed(checker);
            t.trusted = true;
            t.hop = named ? named->number : (below ? below->number : 0);
            t.reason =
                QStringLiteral("Trusted: %1 is one of %2, and the field stands above the Received field of "
                               "hop %3, where the message came in: it was added after the message arrived.")
                    .arg(checker, side.servers, QString::number(entry->number));
        } else if (belongs == Belongs::Nobody || belongs == Belongs::NotAName) {
            t.trusted = true;
            t.hop = below ? below->number : 0;
            t.reason = belongs == Belongs::Nobody
                           ? QStringLiteral("Trusted: the field names no checker, but it stands above the "
                                            "Received field of hop %1, so %2 (%3) added it.")
                                 .arg(entry->number)
                                 .arg(side.servers, hostOrUnnamed(below))
                           : QStringLiteral("Trusted: its checker '%4' is not a host name, but the field "
                                            "stands above the Received field of hop %1, so %2 (%3) added it.")
                                 .arg(entry->number)
                                 .arg(side.servers, hostOrUnnamed(below), checker);
        } else {
            t.reason = QStringLiteral("Not trusted: it names %1, which is none of %2 (%3). It may be a copy "
                                      "of another server's result, or written by %4.")
                           .arg(checker, side.servers, route.hosts.join(QStringLiteral(", ")), side.earlier);
        }
        return t;
    case Zone::Attached:
        if (belongs == Belongs::Yes && route.matches(*entry, checker)) {
            t.trusted = true;
            t.hop = entry->number;
            t.reason =
                QStringLiteral("Trusted: written by %1, which received the message at hop %2; the field "
                               "stands right below that server's Received field, where it writes its "
                               "results.")
                    .arg(checker, QString::number(entry->number));
            return t;
        }
        if (belongs == Belongs::Yes) {
            t.reason =
                QStringLiteral("Not trusted: it claims to come from %1, but it stands below the Received "
                               "field of hop %2, where %3 could have written it.")
                    .arg(checker, QString::number(entry->number), side.earlier);
            return t;
        }
        if (belongs != Belongs::No) {
            t.reason =
                QStringLiteral("Not trusted: it names no checker the route knows, and it stands below the "
                               "Received field of hop %1, where %2 could have written it.")
                    .arg(entry->number)
                    .arg(side.earlier);
            return t;
        }
        break;
    case Zone::Outside:
        if (belongs == Belongs::Yes) {
            t.reason =
                QStringLiteral("Not trusted: it claims to come from %1, one of %2, but it stands below hop "
                               "%3 among the earlier hops: it came with the message. A sender can write "
                               "any Authentication-Results it likes.")
                    .arg(checker, side.servers, QString::number(entry->number));
            return t;
        }
        if (belongs != Belongs::No) {
            t.reason =
                QStringLiteral("Not trusted: it came with the message from %1 (it stands below hop %2, "
                               "where the message came in).")
                    .arg(side.earlier, QString::number(entry->number));
            return t;
        }
        break;
    case Zone::Unknown:
        break;
    }
    // A checker outside the receiving side, below the entry.
    if (const RouteHop* earlier = route.earlierHopNamed(checker)) {
        t.hop = earlier->number;
        t.reason =
            QStringLiteral("Not trusted as the final verdict: written by %1, which handled the message at "
                           "hop %2, before it reached %3. It shows what that server saw.")
                .arg(checker, QString::number(earlier->number), side.servers);
    } else {
        t.reason =
            QStringLiteral("Not trusted: it names %1, which is no server on the route, and it came with "
                           "the message from %2.")
                .arg(checker, side.earlier);
    }
    return t;
}

// Received-SPF names its checker in receiver= or at the start of its comment
// ("(google.com: domain of ...)", RFC 7208 section 9.1).
QString receivedSpfChecker(const AuthResult& r)
{
    const QString receiver = r.property(u"receiver");
    if (!receiver.isEmpty())
        return receiver;
    const qsizetype colon = r.resultComment.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString name = r.resultComment.left(colon).trimmed();
        if (!name.contains(QLatin1Char(' ')) && name.contains(QLatin1Char('.')))
            return name;
    }
    return {};
}

QString fieldClass(const QString& name)
{
    if (equalsCaseless(name, u"Received-SPF"))
        return QStringLiteral("spf");
    if (equalsCaseless(name, u"ARC-Authentication-Results"))
        return QStringLiteral("arc");
    return QStringLiteral("ar");
}

QString dateText(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString methodLabel(const QString& method)
{
    return method.size() <= 5 ? method.toUpper() : method;
}

void setIdentity(AssessedResult& a, const HeaderList& headers, const QList<DkimSignature>& signatures)
{
    const AuthResult& r = a.result;
    const auto take = [&](const QString& source, const QString& value) {
        if (!a.identityDomain.isEmpty() || value.isEmpty() || value == QLatin1String("<>"))
            return;
        const QString domain = DomainName::ofAddress(value);
        if (!domain.isEmpty()) {
            a.identitySource = source;
            a.identityDomain = domain;
        }
    };
    if (r.method == QLatin1String("spf")) {
        take(QStringLiteral("smtp.mailfrom"), r.property(u"smtp.mailfrom"));
        take(QStringLiteral("envelope-from"), r.property(u"envelope-from"));
        take(QStringLiteral("smtp.helo"), r.property(u"smtp.helo"));
        take(QStringLiteral("helo"), r.property(u"helo"));
        // "(google.com: domain of alice@example.org designates 192.0.2.25 as permitted sender)"
        static const QRegularExpression domainOf(QStringLiteral("\\bdomain of (?:transitioning )?(\\S+)"),
                                                 QRegularExpression::CaseInsensitiveOption);
        if (const auto m = RegexSubject::match(domainOf, r.resultComment); m.hasMatch())
            take(QStringLiteral("comment"), m.captured(1));
        if (a.identityDomain.isEmpty() && a.trust.trusted)
            take(QStringLiteral("Return-Path"), headerValue(headers, u"Return-Path"));
    } else if (r.method == QLatin1String("dkim")) {
        take(QStringLiteral("header.d"), r.property(u"header.d"));
        take(QStringLiteral("header.i"), r.property(u"header.i"));
        const QString b = r.property(u"header.b");
        if (a.identityDomain.isEmpty() && b.size() >= 6) {
            for (const DkimSignature& s : signatures) {
                if (s.signature.startsWith(b))
                    take(QStringLiteral("DKIM-Signature d="), s.domain);
            }
        }
    } else if (r.method == QLatin1String("dmarc")) {
        take(QStringLiteral("header.from"), r.property(u"header.from"));
    }
}

QString whyText(const AssessedResult& a)
{
    const AuthResult& r = a.result;
    QString s = QStringLiteral("%1 %2").arg(methodLabel(r.method),
                                            r.result.isEmpty() ? QStringLiteral("?") : r.result);
    if (!a.identityDomain.isEmpty())
        s += QStringLiteral(" for %1 (%2)").arg(DomainName::toUnicode(a.identityDomain), a.identitySource);
    if (!r.reasonText.isEmpty())
        s += QStringLiteral(", reason: %1").arg(r.reasonText);
    else if (!r.resultComment.isEmpty())
        s += QStringLiteral(" \u2014 %1").arg(r.resultComment);
    s += QLatin1Char('.');
    if (a.isAlignable() && r.method != QLatin1String("dmarc")) {
        s += QStringLiteral(" Alignment: %1.").arg(a.alignment.explanation());
        if (!r.passed())
            s += QStringLiteral(" Only a pass counts for DMARC.");
    } else if (r.method == QLatin1String("dmarc") && a.isAlignable() && !a.alignment.strict) {
        s += QStringLiteral(" The result names %1, but the From domain is %2.")
                 .arg(DomainName::toUnicode(a.identityDomain), DomainName::toUnicode(a.alignment.fromDomain));
    }
    return s;
}

} // namespace

QList<AssessedResult> AuthenticationAssessment::trustedResults(const QString& method) const
{
    QList<AssessedResult> out;
    for (const AssessedResult& r : results) {
        if (r.isTrustedResultOf(method))
            out.append(r);
    }
    return out;
}

AuthenticationAssessment AuthenticationAssessment::assess(const HeaderList& headers, const RelayChain& chain,
                                                          Perspective perspective,
                                                          const PublicSuffixList& list)
{
    AuthenticationAssessment a;
    a.perspective = perspective;
    a.suffixListSource = list.description();
    a.suffixListProblem = list.problem();
    const SideWording side = sideFor(perspective);
    const Route route(headers, chain, list);
    for (const RouteHop& hop : route.hops) {
        if (!route.entryHop() || hop.number < route.entryHop()->number)
            break;
        if (!hop.received.byHost.isEmpty())
            a.receivingHosts << hop.received.byHost;
    }
    if (const RouteHop* entry = route.entryHop()) {
        a.entryHop = entry->number;
        a.entryHost = entry->received.byHost;
    }

    // From (RFC 7489 section 6.6.1: exactly one From field with one address).
    const HeaderList froms = headersNamed(headers, u"From");
    if (froms.size() > 1)
        a.fromProblems << QStringLiteral("%1 From fields (RFC 5322 allows one): DMARC receivers reject such "
                                         "messages or judge only one of them")
                              .arg(froms.size());
    if (!froms.isEmpty()) {
        const QString from = froms.first().value;
        if (from.count(QLatin1Char('@')) > 1)
            a.fromProblems << QStringLiteral(
                "the From field names several addresses; DMARC cannot judge them all");
        a.fromDomain = DomainName::ofAddress(from);
        if (!a.fromDomain.isEmpty())
            a.fromOrganizationalDomain = list.organizationalDomain(a.fromDomain);
    }
    if (const auto date = MailDate::parse(headerValue(headers, u"Date")))
        a.messageDate = date->time;

    QList<DkimSignature> signatures;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers[i].isNamed(u"DKIM-Signature")) {
            DkimSignature s = DkimSignature::parse(headers[i].value);
            s.fieldIndex = static_cast<int>(i);
            signatures.append(s);
        }
    }

    // Results and their trust.
    a.fields = AuthenticationResults::fieldsFromHeaders(headers);
    QList<FieldTrust> fieldTrust;
    for (const AuthenticationField& field : std::as_const(a.fields)) {
        QString checker = field.authServId;
        if (equalsCaseless(field.name, u"Received-SPF") && !field.results.isEmpty())
            checker = receivedSpfChecker(field.results.first());
        fieldTrust.append(judge(route, field.index, checker, side));
    }
    // The same checker twice for the same method: the receiver's own field is the one written
    // where it writes; a lower copy that names the same checker and repeats a method came with
    // the message. (Fields of one checker with different methods are its milters' own fields:
    // OpenDKIM, OpenDMARC and an SPF policy daemon each write one.)
    // One pass in header order (the fields inside the receiving side come before those right
    // below its entry): the methods each checker has already reported, and in which field.
    QHash<QString, QHash<QString, QString>> claimed; // class + checker -> method -> field name
    for (qsizetype i = 0; i < a.fields.size(); ++i) {
        if (!fieldTrust[i].trusted)
            continue;
        const QString key =
            fieldClass(a.fields[i].name) + QLatin1Char(' ') + DomainName::toAscii(fieldTrust[i].checkedBy);
        QHash<QString, QString>& methods = claimed[key];
        QString earlier;
        if (route.zone(a.fields[i].index) == Zone::Attached) {
            for (const AuthResult& r : std::as_const(a.fields[i].results)) {
                if (methods.contains(r.method)) {
                    earlier = methods.value(r.method);
                    break;
                }
            }
        }
        if (earlier.isEmpty()) {
            for (const AuthResult& r : std::as_const(a.fields[i].results))
                methods.insert(r.method, a.fields[i].name);
            continue;
        }
        fieldTrust[i].trusted = false;
        fieldTrust[i].reason =
            QStringLiteral(
                "Not trusted: %1 already wrote its own result for this method higher up (%2); this "
                "second field naming the same checker stands lower and came with the message. A sender "
                "can write any Authentication-Results it likes.")
                .arg(fieldTrust[i].checkedBy.isEmpty() ? QStringLiteral("the receiving server")
                                                       : fieldTrust[i].checkedBy,
                     earlier);
    }
    for (qsizetype i = 0; i < a.fields.size(); ++i) {
        const AuthenticationField& field = a.fields[i];
        for (const AuthResult& r : field.results) {
            AssessedResult ar;
            ar.result = r;
            ar.trust = fieldTrust[i];
            setIdentity(ar, headers, signatures);
            if (!ar.identityDomain.isEmpty() && !a.fromDomain.isEmpty())
                ar.alignment = DmarcAlignment::align(ar.identityDomain, a.fromDomain, list);
            ar.notes += field.problems;
            ar.notes += r.problems;
            ar.why = whyText(ar);
            a.results.append(ar);
        }
    }
    // Two trusted fields of one checker that disagree about one identity.
    QHash<QString, QList<qsizetype>> byIdentity;
    for (qsizetype i = 0; i < a.results.size(); ++i) {
        const AssessedResult& r = a.results[i];
        if (r.trust.trusted)
            byIdentity[r.result.field + QLatin1Char(' ') + r.result.method + QLatin1Char(' ') +
                       r.identityDomain + QLatin1Char(' ') + DomainName::toAscii(r.trust.checkedBy)]
                .append(i);
    }
    for (const QList<qsizetype>& group : std::as_const(byIdentity)) {
        for (qsizetype k = 1; k < group.size() && k < 50; ++k) {
            AssessedResult& x = a.results[group.first()];
            AssessedResult& y = a.results[group[k]];
            if (x.result.fieldIndex == y.result.fieldIndex || x.result.result == y.result.result)
                continue;
            const QString note =
                QStringLiteral("two fields from %1 disagree about %2 (%3 and %4)")
                    .arg(x.trust.checkedBy, methodLabel(x.result.method), x.result.result, y.result.result);
            x.notes << note;
            y.notes << note;
        }
    }

    // SPF identity for the summary.
    for (const AssessedResult& r : std::as_const(a.results)) {
        if (!r.trust.trusted || r.result.method != QLatin1String("spf"))
            continue;
        if (a.mailFromDomain.isEmpty())
            a.mailFromDomain = DomainName::ofAddress(r.result.property(u"smtp.mailfrom").isEmpty()
                                                         ? r.result.property(u"envelope-from")
                                                         : r.result.property(u"smtp.mailfrom"));
        if (a.heloDomain.isEmpty())
            a.heloDomain = DomainName::toAscii(r.result.property(u"smtp.helo").isEmpty()
                                                   ? r.result.property(u"helo")
                                                   : r.result.property(u"smtp.helo"));
    }
    if (a.mailFromDomain.isEmpty())
        a.mailFromDomain = DomainName::ofAddress(headerValue(headers, u"Return-Path"));
    if (!a.mailFromDomain.isEmpty() && !a.fromDomain.isEmpty())
        a.mailFromAlignment = DmarcAlignment::align(a.mailFromDomain, a.fromDomain, list);

    // DKIM signatures: alignment, expiry, l=, and the receiver's verdict on each.
    const RouteHop* entry = route.entryHop();
    const QDateTime receivedAt = entry && entry->received.hasTime() ? entry->received.time : QDateTime();
    // The trusted dkim= results by header.b (its lengths) and by header.d, so that matching them
    // to the signatures stays linear however many there are.
    QHash<QString, qsizetype> byB;
    QList<qsizetype> prefixLengths;
    QHash<QString, QList<qsizetype>> byDomain;
    for (qsizetype i = 0; i < a.results.size(); ++i) {
        const AssessedResult& r = a.results[i];
        if (!r.trust.trusted || r.result.method != QLatin1String("dkim"))
            continue;
        const QString b = r.result.property(u"header.b");
        if (b.size() >= 6) {
            if (!byB.contains(b))
                byB.insert(b, i);
            if (!prefixLengths.contains(b.size()) && prefixLengths.size() < 16)
                prefixLengths << b.size();
        } else if (b.isEmpty()) {
            byDomain[DomainName::toAscii(r.result.property(u"header.d"))] << i;
        }
    }
    for (const DkimSignature& s : std::as_const(signatures)) {
        AssessedSignature as;
        as.signature = s;
        if (!s.domain.isEmpty() && !a.fromDomain.isEmpty()) {
            as.alignment = DmarcAlignment::align(s.domain, a.fromDomain, list);
            as.notes << QStringLiteral("d=%1").arg(as.alignment.explanation());
        } else if (s.domain.isEmpty()) {
            as.notes << QStringLiteral("no d= tag: nobody is named as signer");
        }
        if (s.expiration) {
            if (a.messageDate.isValid()) {
                as.expiredAtMessageDate = *s.expiration < a.messageDate.toSecsSinceEpoch();
                if (*as.expiredAtMessageDate)
                    as.notes << QStringLiteral("x= %1 is before the message's Date (%2): the signature had "
                                               "expired when the message was written")
                                    .arg(dateText(QDateTime::fromSecsSinceEpoch(*s.expiration, Qt::UTC)),
                                         dateText(a.messageDate));
            }
            if (receivedAt.isValid()) {
                as.expiredAtReceipt = *s.expiration < receivedAt.toSecsSinceEpoch();
                if (*as.expiredAtReceipt && !as.expiredAtMessageDate.value_or(false))
                    as.notes << QStringLiteral("x= %1 is before hop %2 received the message (%3): verifiers "
                                               "treat an expired signature as invalid (RFC 6376 section 3.5)")
                                    .arg(dateText(QDateTime::fromSecsSinceEpoch(*s.expiration, Qt::UTC)))
                                    .arg(entry->number)
                                    .arg(dateText(receivedAt));
            }
        }
        if (s.bodyLength)
            as.notes << QStringLiteral(
                            "l=%1: only the first %1 bytes of the body are signed, so anyone can append "
                            "text below them and the signature still verifies (RFC 6376 section 8.2)")
                            .arg(*s.bodyLength);
        as.notes += s.problems;
        // The receiver's verdict: header.b names the signature (RFC 6008), else d= and s=.
        const AssessedResult* verdict = nullptr;
        for (qsizetype length : std::as_const(prefixLengths)) {
            if (const auto it = byB.constFind(s.signature.left(length)); it != byB.constEnd()) {
                verdict = &a.results[*it];
                break;
            }
        }
        if (!verdict) {
            for (qsizetype index : byDomain.value(s.domain)) {
                const QString selector = a.results[index].result.property(u"header.s");
                if (selector.isEmpty() || selector == s.selector)
                    verdict = &a.results[index];
            }
        }
        if (verdict) {
            as.verifiedResult = verdict->result.result;
            as.verifiedBy = verdict->trust.checkedBy;
        }
        a.signatures.append(as);
    }

    // ARC: one set per instance; its results are trusted like any Authentication-Results.
    a.arc = ArcChain::fromHeaders(headers, a.fields);
    for (const ArcSet& set : std::as_const(a.arc.sets)) {
        AssessedArcSet s;
        s.set = set;
        int index = set.firstFieldIndex;
        if (!set.results.isEmpty())
            index = set.results.first().fieldIndex;
        s.trust = judge(route, index, set.authServId.isEmpty() ? set.sealDomain : set.authServId, side);
        a.arcSets.append(s);
    }

    // Spam filter verdicts name no checker: the place decides, except where the filter's own
    // behaviour vouches for the field. Exchange's header firewall strips X-MS-Exchange-
    // Organization-* and X-Forefront-* from incoming mail, and SpamAssassin removes X-Spam-*
    // before adding its own; both add theirs at the end of the header, where place says nothing.
    static const QStringList microsoftOrganizations = {
        QStringLiteral("outlook.com"), QStringLiteral("office365.com"), QStringLiteral("microsoft.com"),
        QStringLiteral("hotmail.com"), QStringLiteral("outlook.cn")};
    bool microsoftReceiver = false;
    for (const QString& org : std::as_const(route.organizations))
        microsoftReceiver = microsoftReceiver || microsoftOrganizations.contains(org);
    QString spamAssassinHost;
    {
        // "SpamAssassin 3.4.6 (2021-04-09) on mail.example.com"
        const QString checker = headerValue(headers, u"X-Spam-Checker-Version");
        const qsizetype on = checker.lastIndexOf(QLatin1String(" on "));
        if (on > 0)
            spamAssassinHost = checker.mid(on + 4).trimmed();
    }
    for (const SpamVerdict& v : SpamVerdicts::fromHeaders(headers)) {
        AssessedSpamVerdict s;
        s.verdict = v;
        s.trust = judge(route, v.fieldIndex, QString(), side);
        if (s.trust.checkedBy.isEmpty()) {
            if (const RouteHop* below = route.hopBelow(v.fieldIndex))
                s.trust.checkedBy = below->received.byHost;
        }
        const bool microsoftField = v.filter.startsWith(QLatin1String("Microsoft"));
        if (equalsCaseless(v.field, u"X-Forefront-Antispam-Report-Untrusted")) {
            s.trust.trusted = false;
            s.trust.reason =
                QStringLiteral("Not trusted as the receiver's verdict: Microsoft keeps what an earlier "
                               "Microsoft tenant wrote under this name.");
        } else if (microsoftField && microsoftReceiver && !s.trust.trusted &&
                   route.zone(v.fieldIndex) != Zone::Unknown) {
            s.trust.trusted = true;
            s.trust.checkedBy = route.entryHop()->received.byHost;
            s.trust.hop = route.entryHop()->number;
            s.trust.reason =
                QStringLiteral("Trusted: the receiving side is Microsoft's, whose header firewall removes "
                               "X-MS-Exchange-Organization-* and X-Forefront-* fields from incoming "
                               "mail; Microsoft wrote this one on receipt.");
        } else if (v.filter == QLatin1String("SpamAssassin") && !s.trust.trusted &&
                   !spamAssassinHost.isEmpty() && route.belongs(spamAssassinHost) == Belongs::Yes) {
            s.trust.trusted = true;
            s.trust.checkedBy = spamAssassinHost;
            s.trust.reason =
                QStringLiteral("Trusted: SpamAssassin on %1, one of %2, wrote it (X-Spam-Checker-Version); "
                               "it removes X-Spam-* fields from incoming mail before adding its own.")
                    .arg(spamAssassinHost, side.servers);
        }
        a.spamVerdicts.append(s);
    }

    // DMARC, recomputed (RFC 7489 section 4.2: a pass of an aligned identifier).
    if (a.fromDomain.isEmpty()) {
        a.dmarc = QStringLiteral("no_from");
        a.dmarcReasons << QStringLiteral(
            "The From field names no domain, so DMARC alignment cannot be judged.");
        return a;
    }
    for (const QString& method : {QStringLiteral("spf"), QStringLiteral("dkim")}) {
        // Of trustedResults(method), read in place instead of copied: those with a domain to align.
        const auto alignable = [&](const AssessedResult& r) {
            return r.isTrustedResultOf(method) && r.isAlignable();
        };
        std::optional<bool> relaxed;
        std::optional<bool> strict;
        for (const AssessedResult& r : std::as_const(a.results)) {
            if (!alignable(r))
                continue;
            relaxed = relaxed.value_or(false) || (r.result.passed() && r.alignment.relaxed);
            strict = strict.value_or(false) || (r.result.passed() && r.alignment.strict);
        }
        (method == QLatin1String("spf") ? a.spfAligned : a.dkimAligned) = relaxed;
        (method == QLatin1String("spf") ? a.spfAlignedStrict : a.dkimAlignedStrict) = strict;
        const QString label = methodLabel(method);
        if (!relaxed) {
            if (method == QLatin1String("spf") && a.mailFromAlignment.isValid())
                a.dmarcReasons
                    << QStringLiteral("SPF: no trusted result; offline, the MAIL FROM domain %1 %2.")
                           .arg(DomainName::toUnicode(a.mailFromDomain),
                                a.mailFromAlignment.relaxed
                                    ? QStringLiteral("aligns with From, so an SPF pass would count")
                                    : QStringLiteral("does not align with From, so SPF cannot give a "
                                                     "DMARC pass"));
            else
                a.dmarcReasons << label + u": no trusted result with a domain to align.";
            continue;
        }
        for (const AssessedResult& r : std::as_const(a.results)) {
            if (!alignable(r))
                continue;
            a.dmarcReasons << QStringLiteral("%1 %2 for %3: %4.")
                                  .arg(label, r.result.result, DomainName::toUnicode(r.identityDomain),
                                       r.alignment.explanation());
            break;
        }
    }
    if (!a.spfAligned && !a.dkimAligned) {
        a.dmarc = QStringLiteral("none");
        bool anyAligned = false;
        for (const AssessedSignature& s : std::as_const(a.signatures))
            anyAligned = anyAligned || s.alignment.relaxed;
        if (!a.signatures.isEmpty())
            a.dmarcReasons << (anyAligned
                                   ? QStringLiteral(
                                         "Offline, a DKIM signature's d= aligns with From; whether "
                                         "it verifies only a receiver can tell.")
                                   : QStringLiteral("Offline, no DKIM signature's d= aligns with From: DKIM "
                                                    "cannot give a DMARC pass."));
    } else {
        const bool pass = a.spfAligned.value_or(false) || a.dkimAligned.value_or(false);
        a.dmarc = pass ? QStringLiteral("pass") : QStringLiteral("fail");
        const bool strictPass = a.spfAlignedStrict.value_or(false) || a.dkimAlignedStrict.value_or(false);
        if (pass && !strictPass)
            a.dmarcReasons << QStringLiteral(
                "With strict alignment (adkim=s, aspf=s in the domain's DMARC record) "
                "it would fail: only organizational domains match.");
    }
    // ARC (RFC 8617): the oldest set records what the first intermediary saw before it changed
    // the message; a receiver may accept a DMARC failure on the strength of a sealer it trusts.
    if (a.dmarc != QLatin1String("pass") && a.arc.state == QLatin1String("pass") && !a.arcSets.isEmpty()) {
        const ArcSet& first = a.arcSets.first().set;
        for (const AuthResult& r : first.results) {
            if (r.method == QLatin1String("dmarc") && r.passed()) {
                a.dmarcReasons << QStringLiteral(
                                      "The ARC chain passes, and its first set (sealed by %1) records "
                                      "dmarc=pass before the message was changed: a receiver that "
                                      "trusts %1 may deliver it anyway.")
                                      .arg(first.sealDomain.isEmpty() ? first.authServId : first.sealDomain);
                break;
            }
        }
    }
    for (const AssessedResult& r : std::as_const(a.results)) {
        if (!r.isTrustedResultOf(u"dmarc"))
            continue;
        a.receiverDmarc = r.result.result;
        QStringList policy;
        for (const auto& [key, value] : r.result.properties) {
            if (key.startsWith(QLatin1String("policy.")) || key == QLatin1String("action"))
                policy << key + QLatin1Char('=') + value;
        }
        if (policy.isEmpty() && r.result.resultComment.contains(QLatin1String("p=")))
            policy << r.result.resultComment;
        a.receiverPolicy = policy.join(QLatin1Char(' '));
        break;
    }
    if (!a.receiverDmarc.isEmpty() &&
        (a.dmarc == QLatin1String("pass") || a.dmarc == QLatin1String("fail")) &&
        (a.receiverDmarc == QLatin1String("pass")) != (a.dmarc == QLatin1String("pass")))
        a.dmarcReasons << QStringLiteral("The receiver's own DMARC check says %1; a difference can come from "
                                         "strict alignment in the domain's record, ARC, or a local override.")
                              .arg(a.receiverDmarc);
    return a;
}

} // namespace headerlens
