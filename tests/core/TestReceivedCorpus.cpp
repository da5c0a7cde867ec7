// Runs the Received parser over third-party test vectors (../shared/corpus/received/*.jsonl) and
// compares with what those projects expect, using the normalisation of
// shared/tools/score_received.py (read its docstring): each vector becomes a one-field message that
// goes through the whole analysis, and relay hop 1 of the JSON report is compared field by field.
// Prints agreement per source and field; fails when a source falls below the floor set from the
// figures reached. Skips when the corpus is absent (a user's fresh clone).

#include "Analyzer.h"
#include "JsonReport.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <array>
#include <cmath>
#include <optional>

using namespace headerlens;

namespace {

// ---- normalisation (score_received.py)

std::optional<quint32> ipv4(QStringView s)
{
    const auto parts = s.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return std::nullopt;
    quint32 value = 0;
    for (const QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part[0] == QLatin1Char('0')))
            return std::nullopt;
        bool ok = false;
        const uint octet = part.toUInt(&ok);
        if (!ok || octet > 255)
            return std::nullopt;
        value = value << 8 | octet;
    }
    return value;
}

std::optional<std::array<quint16, 8>> ipv6(QString s)
{
    std::array<quint16, 8> groups{};
    if (s.count(QStringLiteral("::")) > 1)
        return std::nullopt;
    QStringList head;
    QStringList tail;
    const qsizetype gap = s.indexOf(QStringLiteral("::"));
    auto split = [](const QString& part) {
        return part.isEmpty() ? QStringList() : part.split(QLatin1Char(':'));
    };
    if (gap >= 0) {
        head = split(s.left(gap));
        tail = split(s.mid(gap + 2));
    } else {
        head = split(s);
    }
    auto expand = [](QStringList& list) -> bool {
        if (!list.isEmpty() && list.last().contains(QLatin1Char('.'))) {
            const auto v4 = ipv4(list.last());
            if (!v4)
                return false;
            list.removeLast();
            list.append(QString::number(*v4 >> 16, 16));
            list.append(QString::number(*v4 & 0xffff, 16));
        }
        return true;
    };
    if (!expand(gap >= 0 ? tail : head))
        return std::nullopt;
    if ((gap >= 0 && head.size() + tail.size() > 7) || (gap < 0 && head.size() != 8))
        return std::nullopt;
    int k = 0;
    for (const QString& g : std::as_const(head)) {
        bool ok = false;
        const uint v = g.toUInt(&ok, 16);
        if (!ok || g.size() > 4 || v > 0xffff)
            return std::nullopt;
        groups[k++] = static_cast<quint16>(v);
    }
    k = 8 - static_cast<int>(tail.size());
    for (const QString& g : std::as_const(tail)) {
        bool ok = false;
        const uint v = g.toUInt(&ok, 16);
        if (!ok || g.size() > 4 || v > 0xffff)
            return std::nullopt;
        groups[k++] = static_cast<quint16>(v);
    }
    return groups;
}

// ipaddress.ip_address(s) canonical text, or nullopt when s is not an address.
std::optional<QString> canonicalAddress(const QString& input)
{
    if (const auto v4 = ipv4(input))
        return QStringLiteral("%1.%2.%3.%4")
            .arg(*v4 >> 24)
            .arg(*v4 >> 16 & 0xff)
            .arg(*v4 >> 8 & 0xff)
            .arg(*v4 & 0xff);
    QString s = input;
    QString scope;
    if (const qsizetype pct = s.indexOf(QLatin1Char('%')); pct > 0) {
        scope = s.mid(pct);
        s.truncate(pct);
    }
    const auto g = ipv6(s);
    if (!g)
        return std::nullopt;
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && (*g)[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    QStringList parts;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            parts.append(i == 0 ? QStringLiteral(":") : QString());
            i += bestLength - 1;
            if (i == 7)
                parts.append(QString());
            continue;
        }
        parts.append(QString::number((*g)[i], 16));
    }
    QString text = parts.join(QLatin1Char(':'));
    if (bestStart == 0 && bestLength == 8)
        text = QStringLiteral("::");
    return text + scope;
}

bool blank(const QJsonValue& v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().trimmed().isEmpty());
}

QString text(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    return {};
}

std::optional<QString> normIp(const QJsonValue& v)
{
    if (blank(v) && !v.isString())
        return std::nullopt;
    QString s = text(v).trimmed();
    while (s.startsWith(QLatin1Char('[')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char(']')))
        s.chop(1);
    s = s.trimmed();
    if (s.startsWith(QStringLiteral("ipv6:"), Qt::CaseInsensitive))
        s = s.mid(5);
    if (s.isEmpty())
        return std::nullopt;
    if (auto canonical = canonicalAddress(s)) {
        // IPv4-mapped IPv6 is the IPv4 address
        if (canonical->startsWith(QStringLiteral("::ffff:")) && canonical->count(QLatin1Char('.')) == 0) {
            const auto g = ipv6(*canonical);
            if (g && (*g)[5] == 0xffff && (*g)[0] == 0 && (*g)[4] == 0)
                return QStringLiteral("%1.%2.%3.%4")
                    .arg((*g)[6] >> 8)
                    .arg((*g)[6] & 0xff)
                    .arg((*g)[7] >> 8)
                    .arg((*g)[7] & 0xff);
        }
        return canonical;
    }
    return s.toLower();
}

bool isIp(const QString& s)
{
    return canonicalAddress(s).has_value();
}

std::optional<QString> normHost(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    QString s = text(v).trimmed().toLower();
    if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']')))
        return normIp(QJsonValue(s));
    if (isIp(s.trimmed()))
        return normIp(QJsonValue(s));
    while (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    if (s.isEmpty())
        return std::nullopt;
    return s;
}

QString stripped(const QJsonValue& v)
{
    QString s = text(v).trimmed();
    while (s.endsWith(QLatin1Char(';')) || s.endsWith(QLatin1Char(',')))
        s.chop(1);
    s = s.trimmed();
    if (s.startsWith(QLatin1Char('<')) && s.endsWith(QLatin1Char('>')))
        s = s.mid(1, s.size() - 2).trimmed();
    return s;
}

std::optional<QString> normId(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    const QString s = stripped(v);
    return s.isEmpty() ? std::nullopt : std::optional<QString>(s);
}

std::optional<QString> normFor(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    const QString s = stripped(v).toLower();
    return s.isEmpty() ? std::nullopt : std::optional<QString>(s);
}

std::optional<QString> normProtocol(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    const QString s = text(v).simplified().toLower();
    return s.isEmpty() ? std::nullopt : std::optional<QString>(s);
}

std::optional<qint64> toEpoch(const QJsonValue& v)
{
    if (v.isDouble())
        return static_cast<qint64>(std::floor(v.toDouble()));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return std::nullopt;
    QString s = v.toString().trimmed();
    QDateTime t = QDateTime::fromString(QString(s).replace(QLatin1Char('z'), QLatin1Char('Z')), Qt::ISODate);
    if (!t.isValid()) {
        static const QRegularExpression trailingComment(QStringLiteral("\\s*\\([^)]*\\)\\s*$"));
        s.remove(trailingComment);
        t = QDateTime::fromString(s, Qt::RFC2822Date);
    }
    if (!t.isValid())
        return std::nullopt;
    return static_cast<qint64>(std::floor(t.toMSecsSinceEpoch() / 1000.0));
}

// ---- checks

struct Check
{
    QString field; // from_name, from_helo, from_host, from_ip, by_host, protocol, id, for, time, tls
    QJsonValue expected;
    bool absent = false; // the source states the field is empty
};

struct Vector
{
    QString source;
    QString test;
    QString header;
    QList<Check> checks;
};

Check value(const QString& field, const QJsonValue& expected)
{
    return Check{field, expected, false};
}

Check valueOrAbsent(const QString& field, const QJsonValue& expected)
{
    return Check{field, expected, blank(expected)};
}

bool agrees(const Check& check, const QJsonObject& hop)
{
    const QString& f = check.field;
    if (f == QLatin1String("from_name")) {
        const QJsonValue helo = hop.value(QStringLiteral("from_helo"));
        const QJsonValue host = hop.value(QStringLiteral("from_host"));
        if (check.absent)
            return blank(helo) && blank(host);
        const auto e = normHost(check.expected);
        if (e == normHost(helo) || e == normHost(host))
            return true;
        if (e && isIp(*e) && e == normIp(hop.value(QStringLiteral("from_ip"))))
            return true;
        return e == QStringLiteral("unknown") && blank(host);
    }
    const QJsonValue ours = hop.value(f);
    if (check.absent)
        return blank(ours);
    if (f == QLatin1String("from_helo") || f == QLatin1String("from_host") || f == QLatin1String("by_host"))
        return normHost(ours) == normHost(check.expected);
    if (f == QLatin1String("from_ip"))
        return normIp(ours) == normIp(check.expected);
    if (f == QLatin1String("id"))
        return normId(ours) == normId(check.expected);
    if (f == QLatin1String("for"))
        return normFor(ours) == normFor(check.expected);
    if (f == QLatin1String("protocol"))
        return normProtocol(ours) == normProtocol(check.expected);
    if (f == QLatin1String("time")) {
        const auto o = toEpoch(ours);
        return o && o == toEpoch(check.expected);
    }
    if (f == QLatin1String("tls"))
        return ours.isBool() && ours.toBool() == check.expected.toBool();
    return false;
}

// ---- source adapters (score_received.py)

QJsonValue nameOf(const QJsonValue& v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        return o.contains(QStringLiteral("Name")) ? o.value(QStringLiteral("Name"))
                                                  : o.value(QStringLiteral("IpAddr"));
    }
    return v;
}

bool stalwart(const QJsonObject& o, Vector& out)
{
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    if (e.isEmpty() && !o.value(QStringLiteral("expected")).isObject())
        return false;
    auto present = [&](const char* key) {
        const QJsonValue v = e.value(QLatin1String(key));
        return !v.isNull() && !v.isUndefined() && !(v.isString() && v.toString().isEmpty());
    };
    if (!e.value(QStringLiteral("from")).isNull() && !e.value(QStringLiteral("from")).isUndefined())
        out.checks.append(value(QStringLiteral("from_name"), nameOf(e.value(QStringLiteral("from")))));
    if (!e.value(QStringLiteral("helo")).isNull() && !e.value(QStringLiteral("helo")).isUndefined())
        out.checks.append(value(QStringLiteral("from_helo"), nameOf(e.value(QStringLiteral("helo")))));
    const std::pair<const char*, const char*> keys[] = {{"from_iprev", "from_host"},
                                                        {"from_ip", "from_ip"},
                                                        {"with", "protocol"},
                                                        {"id", "id"},
                                                        {"for_", "for"}};
    for (const auto& [key, field] : keys) {
        if (present(key))
            out.checks.append(value(QLatin1String(field), e.value(QLatin1String(key))));
    }
    if (!e.value(QStringLiteral("by")).isNull() && !e.value(QStringLiteral("by")).isUndefined())
        out.checks.append(value(QStringLiteral("by_host"), nameOf(e.value(QStringLiteral("by")))));
    const QJsonValue epoch =
        o.value(QStringLiteral("derived_by_collector")).toObject().value(QStringLiteral("date_epoch_s"));
    if (epoch.isDouble())
        out.checks.append(value(QStringLiteral("time"), epoch));
    if (present("tls_version") || present("tls_cipher"))
        out.checks.append(value(QStringLiteral("tls"), true));
    out.header = o.value(QStringLiteral("received")).toString();
    return true;
}

std::optional<QString> mhaFirst(const QJsonValue& v)
{
    if (!v.isString() || v.toString().contains(QStringLiteral("; ")))
        return std::nullopt;
    static const QRegularExpression token(QStringLiteral("^\\s*(\\S+)\\s*(\\(.*\\))?\\s*$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    const auto m = token.match(v.toString());
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1);
}

bool mha(const QJsonObject& o, Vector& out)
{
    const QString kind = o.value(QStringLiteral("kind")).toString();
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    const QString rec = o.value(QStringLiteral("received")).toString();
    if ((kind != QLatin1String("single") && kind != QLatin1String("chain_hop") &&
         kind != QLatin1String("date_only")) ||
        rec.trimmed().isEmpty())
        return false;
    if (e.value(QStringLiteral("dateNum")).isDouble())
        out.checks.append(
            value(QStringLiteral("time"), e.value(QStringLiteral("dateNum")).toDouble() / 1000.0));
    if (kind != QLatin1String("date_only")) {
        const bool exact = !o.value(QStringLiteral("match")).toString().startsWith(QStringLiteral("subset"));
        const std::pair<const char*, const char*> names[] = {{"from", "from_name"}, {"by", "by_host"}};
        for (const auto& [key, field] : names) {
            if (e.contains(QLatin1String(key))) {
                if (const auto t = mhaFirst(e.value(QLatin1String(key))))
                    out.checks.append(value(QLatin1String(field), *t));
            } else if (exact) {
                out.checks.append(Check{QLatin1String(field), {}, true});
            }
        }
        if (e.contains(QStringLiteral("with"))) {
            const QString with = e.value(QStringLiteral("with")).toString();
            if (!with.contains(QStringLiteral("; "))) {
                static const QRegularExpression comment(QStringLiteral("\\s*\\(.*\\)\\s*"),
                                                        QRegularExpression::DotMatchesEverythingOption);
                out.checks.append(value(QStringLiteral("protocol"),
                                        QString(with).replace(comment, QStringLiteral(" ")).trimmed()));
            }
        } else if (exact) {
            out.checks.append(Check{QStringLiteral("protocol"), {}, true});
        }
        for (const char* key : {"id", "for"}) {
            if (e.contains(QLatin1String(key)))
                out.checks.append(value(QLatin1String(key), e.value(QLatin1String(key))));
            else if (exact)
                out.checks.append(Check{QLatin1String(key), {}, true});
        }
    }
    out.header = rec;
    return true;
}

bool emailtrail(const QJsonObject& o, Vector& out)
{
    const QString kind = o.value(QStringLiteral("kind")).toString();
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    static const QStringList kinds = {QStringLiteral("single"), QStringLiteral("field_from"),
                                      QStringLiteral("field_by"), QStringLiteral("field_with")};
    if (!kinds.contains(kind) || o.value(QStringLiteral("received")).toString().isEmpty())
        return false;
    const std::pair<const char*, const char*> keys[] = {
        {"from_host", "from_name"}, {"received_by_host", "by_host"}, {"protocol", "protocol"}};
    for (const auto& [key, field] : keys) {
        if (e.contains(QLatin1String(key)))
            out.checks.append(valueOrAbsent(QLatin1String(field), e.value(QLatin1String(key))));
    }
    if (!e.value(QStringLiteral("timestamp")).isNull() && !e.value(QStringLiteral("timestamp")).isUndefined())
        out.checks.append(value(QStringLiteral("time"), e.value(QStringLiteral("timestamp"))));
    out.header = o.value(QStringLiteral("received")).toString();
    return true;
}

bool mailParser(const QJsonObject& o, Vector& out)
{
    const QMap<QString, QString> map = {{QStringLiteral("from"), QStringLiteral("from_name")},
                                        {QStringLiteral("by"), QStringLiteral("by_host")},
                                        {QStringLiteral("with"), QStringLiteral("protocol")},
                                        {QStringLiteral("id"), QStringLiteral("id")},
                                        {QStringLiteral("for"), QStringLiteral("for")},
                                        {QStringLiteral("date"), QStringLiteral("time")}};
    auto firstToken = [](const QString& s) { return s.split(QLatin1Char(' '), Qt::SkipEmptyParts).value(0); };
    const QJsonValue expected = o.value(QStringLiteral("expected"));
    if (expected.isObject()) {
        const QJsonObject e = expected.toObject();
        for (const char* key : {"from", "by", "with", "id", "for", "date"}) {
            const QJsonValue v = e.value(QLatin1String(key));
            if (blank(v))
                continue;
            const QString k = QLatin1String(key);
            out.checks.append(
                value(map.value(k), k == QLatin1String("by") ? QJsonValue(firstToken(v.toString())) : v));
        }
    } else {
        for (const QJsonValue& a : o.value(QStringLiteral("assertions")).toArray()) {
            const QJsonObject assertion = a.toObject();
            const QString op = assertion.value(QStringLiteral("op")).toString();
            const QString field = assertion.value(QStringLiteral("field")).toString();
            if ((op == QLatin1String("equals") || op == QLatin1String("equals_after_strip")) &&
                map.contains(field) && field != QLatin1String("date")) {
                const QJsonValue v = assertion.value(QStringLiteral("value"));
                out.checks.append(value(map.value(field), field == QLatin1String("by")
                                                              ? QJsonValue(firstToken(v.toString()))
                                                              : v));
            }
        }
    }
    out.header = o.value(QStringLiteral("received")).toString();
    return !out.header.isEmpty() && !out.checks.isEmpty();
}

bool rubyMail(const QJsonObject& o, Vector& out)
{
    const QJsonValue dateTime =
        o.value(QStringLiteral("expected")).toObject().value(QStringLiteral("date_time"));
    out.header = o.value(QStringLiteral("received")).toString();
    if (blank(dateTime) || out.header.isEmpty())
        return false;
    out.checks.append(value(QStringLiteral("time"), dateTime));
    return true;
}

// SpamAssassin writes the brackets of an address literal as '!': helo=!10.0.0.1! means [10.0.0.1].
QJsonValue saUnbang(const QJsonValue& v)
{
    static const QRegularExpression bang(QStringLiteral("^!([^!]*)!$"));
    if (v.isString()) {
        const auto m = bang.match(v.toString().trimmed());
        if (m.hasMatch())
            return QString(QStringLiteral("[") + m.captured(1) + QStringLiteral("]"));
    }
    return v;
}

void saLike(const QJsonObject& e, QList<Check>& checks)
{
    const std::pair<const char*, const char*> keys[] = {
        {"ip", "from_ip"}, {"rdns", "from_host"}, {"helo", "from_helo"}, {"by", "by_host"}, {"id", "id"}};
    for (const auto& [key, field] : keys) {
        const QString k = QLatin1String(key);
        if (!e.contains(k))
            continue;
        const QJsonValue v =
            (k == QLatin1String("ip") || k == QLatin1String("id")) ? e.value(k) : saUnbang(e.value(k));
        checks.append(valueOrAbsent(QLatin1String(field), v));
    }
}

bool spamAssassin(const QJsonObject& o, Vector& out)
{
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    if (e.value(QStringLiteral("ignored")).toBool() || e.value(QStringLiteral("unparseable")).toBool())
        return false;
    saLike(e, out.checks);
    out.header = o.value(QStringLiteral("received")).toString();
    return !out.checks.isEmpty();
}

bool orangeAssassin(const QJsonObject& o, Vector& out)
{
    const QJsonValue expected = o.value(QStringLiteral("expected"));
    if (!expected.isObject() || o.value(QStringLiteral("kind")).toString() == QLatin1String("chain_trust"))
        return false;
    const QJsonObject e = expected.toObject();
    if (e.value(QStringLiteral("skipped")).toBool() ||
        o.value(QStringLiteral("note")).toString().contains(QStringLiteral("not a Received header")))
        return false;
    QString rec = o.value(QStringLiteral("received")).toString();
    if (o.value(QStringLiteral("match")).toString().startsWith(QStringLiteral("ReceivedParser.get_")) &&
        !rec.trimmed().toLower().startsWith(QStringLiteral("from ")))
        rec = QStringLiteral("from ") + rec;
    saLike(e, out.checks);
    out.header = rec;
    return !out.checks.isEmpty();
}

bool rspamd(const QJsonObject& o, Vector& out)
{
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    const bool exact = o.value(QStringLiteral("match")).toString().startsWith(QStringLiteral("exact"));
    const std::tuple<const char*, const char*, bool> keys[] = {{"from_hostname", "from_name", true},
                                                               {"real_hostname", "from_host", false},
                                                               {"by_hostname", "by_host", true}};
    for (const auto& [key, field, absentOk] : keys) {
        if (e.contains(QLatin1String(key)))
            out.checks.append(valueOrAbsent(QLatin1String(field), e.value(QLatin1String(key))));
        else if (exact && absentOk)
            out.checks.append(Check{QLatin1String(field), {}, true});
    }
    const QJsonValue ip = e.contains(QStringLiteral("real_ip")) ? e.value(QStringLiteral("real_ip"))
                                                                : e.value(QStringLiteral("from_ip"));
    if (!ip.isNull() && !ip.isUndefined())
        out.checks.append(valueOrAbsent(QStringLiteral("from_ip"), ip));
    else if (exact)
        out.checks.append(Check{QStringLiteral("from_ip"), {}, true});
    const QJsonValue forMailbox = e.contains(QStringLiteral("for_mbox")) ? e.value(QStringLiteral("for_mbox"))
                                                                         : e.value(QStringLiteral("for"));
    if (!forMailbox.isNull() && !forMailbox.isUndefined())
        out.checks.append(valueOrAbsent(QStringLiteral("for"), forMailbox));
    out.header = o.value(QStringLiteral("received")).toString();
    return !out.checks.isEmpty();
}

bool mailauth(const QJsonObject& o, Vector& out)
{
    const QJsonObject e = o.value(QStringLiteral("expected")).toObject();
    if (e.contains(QStringLiteral("from.value")))
        out.checks.append(valueOrAbsent(QStringLiteral("from_name"), e.value(QStringLiteral("from.value"))));
    if (e.contains(QStringLiteral("client_ip")) && !e.value(QStringLiteral("client_ip")).isBool())
        out.checks.append(value(QStringLiteral("from_ip"), e.value(QStringLiteral("client_ip"))));
    if (e.value(QStringLiteral("from")).isObject() &&
        e.value(QStringLiteral("from")).toObject().contains(QStringLiteral("value")))
        out.checks.append(
            valueOrAbsent(QStringLiteral("from_name"),
                          e.value(QStringLiteral("from")).toObject().value(QStringLiteral("value"))));
    const std::pair<const char*, const char*> keys[] = {
        {"by", "by_host"}, {"with", "protocol"}, {"id", "id"}, {"for", "for"}};
    for (const auto& [key, field] : keys) {
        const QJsonValue v = e.value(QLatin1String(key)).toObject().value(QStringLiteral("value"));
        if (!blank(v))
            out.checks.append(value(QLatin1String(field), v));
    }
    if (!blank(e.value(QStringLiteral("timestamp"))))
        out.checks.append(value(QStringLiteral("time"), e.value(QStringLiteral("timestamp"))));
    out.header = o.value(QStringLiteral("received")).toString();
    return !out.checks.isEmpty();
}

using Adapter = bool (*)(const QJsonObject&, Vector&);

Adapter adapterFor(const QString& source)
{
    static const QMap<QString, Adapter> adapters = {
        {QStringLiteral("stalwart-mail-parser"), &stalwart},
        {QStringLiteral("stalwart-mail-parser-eml"), &stalwart},
        {QStringLiteral("mha"), &mha},
        {QStringLiteral("emailtrail"), &emailtrail},
        {QStringLiteral("mail-parser"), &mailParser},
        {QStringLiteral("ruby-mail"), &rubyMail},
        {QStringLiteral("spamassassin_rcvd_parser"), &spamAssassin},
        {QStringLiteral("orangeassassin"), &orangeAssassin},
        {QStringLiteral("rspamd"), &rspamd},
        {QStringLiteral("mailauth"), &mailauth},
    };
    return adapters.value(source, nullptr);
}

// The vector as a tiny message, exactly as score_received.py builds it.
QByteArray buildMessage(const QString& value)
{
    QString v = value;
    v.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    v = v.trimmed();
    QStringList lines;
    for (const QString& line : v.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    if (lines.isEmpty())
        lines.append(QString());
    QStringList out = {QStringLiteral("Received: ") + lines.first().trimmed()};
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString& l = lines[i];
        out.append(
            l.startsWith(QLatin1Char(' ')) || l.startsWith(QLatin1Char('\t')) ? l : QStringLiteral(" ") + l);
    }
    return (out.join(QStringLiteral("\r\n")) +
            QStringLiteral("\r\nFrom: a@example.com\r\nSubject: t\r\n\r\n"))
        .toUtf8();
}

struct Tally
{
    int agree = 0;
    int total = 0;
};

} // namespace

class TestReceivedCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithOtherParsers_data();
    void agreesWithOtherParsers();
};

void TestReceivedCorpus::agreesWithOtherParsers_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<double>("floor");
    // Floors just under the figures reached (percent of checks agreeing). What the remaining
    // disagreements are, and why they stay, is written in the comments of the figures below.
    //  stalwart: 570/590. Left: stalwart's own reading of two-digit years (1903) and of US zone
    //    names (PST as +0000), a lost fraction of a second, ecelerity ids cut at '/', "SMTP" for
    //    Microsoft's product name, and the login names of Exim local submissions (root, paul) or
    //    "network"/"userid" taken for host names; so are the placeholders "no.name.available"
    //    (Raptor, twice) and "nodnsquery" (smap), which say the receiver had no name (issue 9).
    //  mail-parser: one invented Microsoft header without parentheses.
    QTest::newRow("stalwart-mail-parser: Stalwart's real-world Received fields")
        << "stalwart-mail-parser" << 96.5;
    QTest::newRow("stalwart-mail-parser-eml: fields from whole messages")
        << "stalwart-mail-parser-eml" << 99.0;
    QTest::newRow("mha: Microsoft Message Header Analyzer's cases") << "mha" << 99.0;
    QTest::newRow("emailtrail: from, by, protocol and timestamps") << "emailtrail" << 99.0;
    QTest::newRow("mail-parser: SpamScope's assertions") << "mail-parser" << 97.0;
    QTest::newRow("ruby-mail: dates") << "ruby-mail" << 99.0;
    // Sources scored by score_received.py that this corpus may hold later: reported, with a floor
    // that only catches a collapse.
    QTest::newRow("spamassassin_rcvd_parser: SpamAssassin's relay strings")
        << "spamassassin_rcvd_parser" << 80.0;
    QTest::newRow("orangeassassin: OrangeAssassin's relays") << "orangeassassin" << 80.0;
    QTest::newRow("rspamd: rspamd's received tests") << "rspamd" << 80.0;
    QTest::newRow("mailauth: mailauth's parsed trace fields") << "mailauth" << 80.0;
}

void TestReceivedCorpus::agreesWithOtherParsers()
{
    QFETCH(QString, source);
    QFETCH(double, floor);
    const QString corpus = test::corpusDir();
    if (corpus.isEmpty())
        QSKIP("the shared corpus is not there (../shared/corpus)");
    QFile file(corpus + QStringLiteral("/received/") + source + QStringLiteral(".jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("this source is not in the corpus");
    const Adapter adapter = adapterFor(source);
    QVERIFY(adapter);

    QMap<QString, Tally> byField;
    Tally all;
    int vectors = 0;
    QStringList disagreements;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        Vector vector;
        vector.source = source;
        vector.test = o.value(QStringLiteral("test")).toString();
        if (!adapter(o, vector) || vector.checks.isEmpty())
            continue;
        ++vectors;
        const Analysis analysis =
            Analyzer::analyzeBytes(buildMessage(vector.header), QStringLiteral("vector"));
        const QJsonArray relay = JsonReport::relayToJson(analysis.relay);
        const QJsonObject hop = relay.isEmpty() ? QJsonObject() : relay.first().toObject();
        for (const Check& check : std::as_const(vector.checks)) {
            const bool ok = !relay.isEmpty() && agrees(check, hop);
            Tally& t = byField[check.field];
            t.agree += ok;
            ++t.total;
            all.agree += ok;
            ++all.total;
            if (!ok) {
                const QJsonValue ours = check.field == QLatin1String("from_name")
                                            ? QJsonValue(hop.value(QStringLiteral("from_helo")).toString() +
                                                         QStringLiteral(" / ") +
                                                         hop.value(QStringLiteral("from_host")).toString())
                                            : hop.value(check.field);
                disagreements.append(
                    QStringLiteral("  %1: expected %2 | ours %3 | %4")
                        .arg(check.field, check.absent ? QStringLiteral("(empty)") : text(check.expected),
                             ours.isBool()
                                 ? (ours.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                 : text(ours),
                             vector.header.simplified().left(110)));
            }
        }
    }
    QVERIFY2(all.total > 0, "no vector of this source could be read");
    const double percent = 100.0 * all.agree / all.total;
    QStringList fields;
    for (auto it = byField.cbegin(); it != byField.cend(); ++it)
        fields.append(QStringLiteral("%1 %2/%3").arg(it.key()).arg(it->agree).arg(it->total));
    qInfo("%s: %d vectors, %d/%d checks agree = %.1f%% (%s)", qPrintable(source), vectors, all.agree,
          all.total, percent, qPrintable(fields.join(QStringLiteral(", "))));
    for (const QString& d : std::as_const(disagreements))
        qInfo("%s", qPrintable(d));
    QVERIFY2(percent >= floor,
             qPrintable(QStringLiteral("%1% is below the floor of %2%").arg(percent, 0, 'f', 1).arg(floor)));
}

QTEST_GUILESS_MAIN(TestReceivedCorpus)
#include "TestReceivedCorpus.moc"
