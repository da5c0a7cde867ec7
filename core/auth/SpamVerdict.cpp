#include "SpamVerdict.h"

#include "RegexSubject.h"
#include "TextSearch.h"

#include <QRegularExpression>

#include <algorithm>

namespace headerlens {

namespace {

const QString Microsoft = QStringLiteral("Microsoft Exchange Online Protection");

// Spam confidence level (Microsoft Learn, "Spam confidence level (SCL) in EOP").
QString sclMeaning(const QString& value)
{
    bool ok = false;
    const int scl = value.trimmed().toInt(&ok);
    if (!ok)
        return QStringLiteral("SCL %1: not a level Microsoft defines").arg(value);
    if (scl < 0)
        return QStringLiteral("SCL %1: spam filtering was skipped (a trusted or internal sender)").arg(scl);
    if (scl <= 4)
        return QStringLiteral("SCL %1: not spam (inbox)").arg(scl);
    if (scl <= 6)
        return QStringLiteral("SCL %1: spam (junk folder)").arg(scl);
    return QStringLiteral("SCL %1: high confidence spam").arg(scl);
}

std::optional<bool> sclSpam(const QString& value)
{
    bool ok = false;
    const int scl = value.trimmed().toInt(&ok);
    if (!ok)
        return std::nullopt;
    return scl >= 5;
}

// X-Forefront-Antispam-Report keys (Microsoft Learn, "Anti-spam message headers in Microsoft 365").
QString forefrontMeaning(const QString& key, const QString& value)
{
    const QString v = value.toUpper();
    if (key == QLatin1String("SCL"))
        return sclMeaning(value);
    if (key == QLatin1String("SFV")) {
        static const QList<QPair<QString, QString>> sfv = {
            {QStringLiteral("BLK"),
             QStringLiteral("blocked: the sender is on the recipient's blocked senders list")},
            {QStringLiteral("NSPM"), QStringLiteral("not spam: delivered to the inbox")},
            {QStringLiteral("SFE"),
             QStringLiteral("filtering skipped: the sender is on the recipient's safe senders list")},
            {QStringLiteral("SKA"),
             QStringLiteral("filtering skipped: an allow list in the organisation's policy")},
            {QStringLiteral("SKB"), QStringLiteral("marked spam: a block list in the organisation's policy")},
            {QStringLiteral("SKI"), QStringLiteral("filtering skipped: mail inside the organisation")},
            {QStringLiteral("SKN"), QStringLiteral("marked not spam before filtering (a mail flow rule)")},
            {QStringLiteral("SKQ"), QStringLiteral("released from quarantine")},
            {QStringLiteral("SKS"), QStringLiteral("marked spam before filtering (a mail flow rule)")},
            {QStringLiteral("SPM"), QStringLiteral("marked spam by the spam filter")},
        };
        for (const auto& [code, text] : sfv) {
            if (v == code)
                return QStringLiteral("SFV %1: %2").arg(code, text);
        }
        return QStringLiteral("SFV %1: a verdict code Microsoft does not document").arg(value);
    }
    if (key == QLatin1String("CAT")) {
        static const QList<QPair<QString, QString>> cat = {
            {QStringLiteral("NONE"), QStringLiteral("no protection policy applied")},
            {QStringLiteral("BULK"), QStringLiteral("bulk mail")},
            {QStringLiteral("SPM"), QStringLiteral("spam")},
            {QStringLiteral("HSPM"), QStringLiteral("high confidence spam")},
            {QStringLiteral("PHSH"), QStringLiteral("phishing")},
            {QStringLiteral("HPHSH"), QStringLiteral("high confidence phishing")},
            {QStringLiteral("HPHISH"), QStringLiteral("high confidence phishing")},
            {QStringLiteral("SPOOF"), QStringLiteral("spoofing: the sender failed authentication")},
            {QStringLiteral("DIMP"), QStringLiteral("domain impersonation")},
            {QStringLiteral("UIMP"), QStringLiteral("user impersonation")},
            {QStringLiteral("GIMP"), QStringLiteral("mailbox intelligence impersonation")},
            {QStringLiteral("MALW"), QStringLiteral("malware")},
            {QStringLiteral("AMP"), QStringLiteral("anti-malware policy")},
            {QStringLiteral("SAP"), QStringLiteral("safe attachments")},
            {QStringLiteral("FTBP"), QStringLiteral("file type block")},
            {QStringLiteral("INTOS"), QStringLiteral("intra-organisation phishing")},
            {QStringLiteral("OSPM"), QStringLiteral("outbound spam")},
        };
        for (const auto& [code, text] : cat) {
            if (v == code)
                return QStringLiteral("CAT %1: %2").arg(code, text);
        }
        return QStringLiteral("CAT %1: a category Microsoft does not document").arg(value);
    }
    if (key == QLatin1String("IPV")) {
        if (v == QLatin1String("CAL"))
            return QStringLiteral("IPV CAL: the connecting IP is on the organisation's IP allow list");
        if (v == QLatin1String("NLI"))
            return QStringLiteral("IPV NLI: the connecting IP is on no IP reputation list");
        return QStringLiteral("IPV %1").arg(value);
    }
    if (key == QLatin1String("CIP"))
        return QStringLiteral("CIP %1: the connecting IP address").arg(value);
    if (key == QLatin1String("PTR"))
        return value.isEmpty()
                   ? QStringLiteral("PTR: the connecting IP has no reverse DNS name")
                   : QStringLiteral("PTR %1: the reverse DNS name of the connecting IP").arg(value);
    if (key == QLatin1String("H"))
        return QStringLiteral("H %1: the name the client gave in HELO/EHLO").arg(value);
    if (key == QLatin1String("SRV") && v == QLatin1String("BULK"))
        return QStringLiteral("SRV BULK: identified as bulk mail");
    if (key == QLatin1String("DIR"))
        return QStringLiteral("DIR %1: %2")
            .arg(value, v == QLatin1String("INB")   ? QStringLiteral("inbound")
                        : v == QLatin1String("OUT") ? QStringLiteral("outbound")
                                                    : QStringLiteral("internal"));
    if (key == QLatin1String("CTRY"))
        return QStringLiteral("CTRY %1: the country of the connecting IP").arg(value);
    return {};
}

QString bclMeaning(const QString& value)
{
    bool ok = false;
    const int bcl = value.trimmed().toInt(&ok);
    if (!ok)
        return {};
    if (bcl == 0)
        return QStringLiteral("BCL 0: not from a bulk sender");
    if (bcl <= 3)
        return QStringLiteral("BCL %1: a bulk sender with few complaints").arg(bcl);
    if (bcl <= 7)
        return QStringLiteral("BCL %1: a bulk sender with a mixed number of complaints").arg(bcl);
    return QStringLiteral("BCL %1: a bulk sender with many complaints").arg(bcl);
}

// "KEY:value;KEY:value;" (Microsoft's report fields).
QList<QPair<QString, QString>> colonPairs(const QString& value)
{
    QList<QPair<QString, QString>> pairs;
    for (const QString& part : value.split(QLatin1Char(';'))) {
        const QString p = part.trimmed();
        if (p.isEmpty())
            continue;
        const qsizetype colon = p.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            pairs.append({p, QString()});
        else
            pairs.append({p.left(colon).trimmed().toUpper(), p.mid(colon + 1).trimmed()});
    }
    return pairs;
}

std::optional<double> toDouble(const QString& text)
{
    bool ok = false;
    const double d = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

std::optional<bool> yesNo(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.startsWith(QLatin1String("yes")) || t == QLatin1String("true"))
        return true;
    if (t.startsWith(QLatin1String("no")) || t == QLatin1String("false"))
        return false;
    return std::nullopt;
}

// "Yes, score=7.1 required=5.0 tests=A,B autolearn=no version=3.4.6" (SpamAssassin; Barracuda
// writes the same shape with SCORE= and TAG_LEVEL=).
void readSpamAssassinStatus(SpamVerdict& v)
{
    const QString text = simplifiedText(v.raw);
    const qsizetype comma = text.indexOf(QLatin1Char(','));
    const QString head = comma >= 0 ? text.left(comma) : text.section(QLatin1Char(' '), 0, 0);
    v.spam = yesNo(head);
    if (!v.spam)
        v.problems << QStringLiteral("the field does not start with Yes or No");
    QString rest = comma >= 0 ? text.mid(comma + 1) : text;
    // amavisd writes the rules in brackets with their scores: tests=[BAYES_80=2, RDNS_NONE=0.793]
    static const QRegularExpression testsPattern(QStringLiteral("tests=(\\[[^\\]]*\\]?|\\S*)"),
                                                 QRegularExpression::CaseInsensitiveOption);
    if (const auto m = RegexSubject::match(testsPattern, rest); m.hasMatch()) {
        QString tests = m.captured(1);
        if (tests.startsWith(QLatin1Char('[')))
            tests = tests.mid(1).chopped(tests.endsWith(QLatin1Char(']')) ? 1 : 0).simplified();
        v.values.append({QStringLiteral("tests"), tests.remove(QLatin1Char(' '))});
        rest.remove(m.capturedStart(0), m.capturedLength(0));
    }
    static const QRegularExpression pair(QStringLiteral("([A-Za-z_]+)=(\\S*)"));
    auto it = RegexSubject::globalMatch(pair, rest);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString key = m.captured(1).toLower();
        v.values.append({key, m.captured(2)});
        if (key == QLatin1String("score") || key == QLatin1String("hits"))
            v.score = toDouble(m.captured(2));
        else if (key == QLatin1String("required") || key == QLatin1String("tag_level"))
            v.threshold = toDouble(m.captured(2));
    }
    QString line = !v.spam   ? QStringLiteral("no verdict")
                   : *v.spam ? QStringLiteral("judged spam")
                             : QStringLiteral("not judged spam");
    if (v.score)
        line += QStringLiteral(", score %1").arg(*v.score);
    if (v.threshold)
        line += QStringLiteral(" (spam from %1)").arg(*v.threshold);
    v.meanings << line;
    const QString tests = v.value(u"tests");
    if (!tests.isEmpty() && tests.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0)
        v.meanings << QStringLiteral("rules that matched: %1").arg(tests);
}

// "default: False [3.40 / 15.00]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24]; ..." (Rspamd)
void readRspamdResult(SpamVerdict& v)
{
    static const QRegularExpression head(
        QStringLiteral("^\\s*([\\w-]+):\\s*(True|False)\\s*\\[\\s*(-?[0-9.]+)\\s*/\\s*(-?[0-9.]+)\\s*\\]"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = RegexSubject::match(head, v.raw);
    if (!m.hasMatch()) {
        v.problems << QStringLiteral("not the Rspamd result form \"default: False [score / threshold]\"");
        return;
    }
    v.spam = yesNo(m.captured(2));
    v.score = toDouble(m.captured(3));
    v.threshold = toDouble(m.captured(4));
    v.values.append({QStringLiteral("score"), m.captured(3)});
    v.values.append({QStringLiteral("threshold"), m.captured(4)});
    QStringList symbols;
    static const QRegularExpression symbol(QStringLiteral(";\\s*([A-Z0-9_]+)\\((-?[0-9.]+)\\)"));
    auto it = RegexSubject::globalMatch(symbol, v.raw);
    while (it.hasNext()) {
        const auto s = it.next();
        symbols << s.captured(1) + QLatin1Char('(') + s.captured(2) + QLatin1Char(')');
    }
    if (!symbols.isEmpty())
        v.values.append({QStringLiteral("symbols"), symbols.join(QLatin1Char(','))});
    v.meanings << QStringLiteral("%1, score %2 of %3")
                      .arg(v.spam.value_or(false) ? QStringLiteral("judged spam")
                                                  : QStringLiteral("not judged spam"),
                           m.captured(3), m.captured(4));
}

} // namespace

QString SpamVerdict::value(QStringView key) const
{
    for (const auto& p : values) {
        if (equalsCaseless(p.first, key))
            return p.second;
    }
    return {};
}

bool SpamVerdicts::isSpamVerdictField(const HeaderField& f)
{
    static const QStringList names = {
        QStringLiteral("X-Forefront-Antispam-Report"),
        QStringLiteral("X-Forefront-Antispam-Report-Untrusted"),
        QStringLiteral("X-Microsoft-Antispam"),
        QStringLiteral("X-MS-Exchange-Organization-SCL"),
        QStringLiteral("X-MS-Exchange-Organization-PCL"),
        QStringLiteral("X-MS-Exchange-Organization-AuthAs"),
        QStringLiteral("X-MS-Exchange-Organization-Antispam-Report"),
        QStringLiteral("X-Spam-Status"),
        QStringLiteral("X-Spam-Flag"),
        QStringLiteral("X-Spam-Score"),
        QStringLiteral("X-Spam-Level"),
        QStringLiteral("X-Spam"),
        QStringLiteral("X-Spamd-Result"),
        QStringLiteral("X-Rspamd-Action"),
        QStringLiteral("X-Rspamd-Score"),
        QStringLiteral("X-Barracuda-Spam-Status"),
        QStringLiteral("X-Barracuda-Spam-Score"),
    };
    // While every name starts with "X-", most fields of a header (Received, DKIM-Signature,
    // Subject ...) are turned away by their first two characters.
    static const bool allExtensions = std::all_of(names.cbegin(), names.cend(), [](const QString& name) {
        return startsWithCaseless(name, QLatin1StringView("X-"));
    });
    if (allExtensions && !startsWithCaseless(f.name, QLatin1StringView("X-")))
        return false;
    for (const QString& name : names) {
        if (f.isNamed(name))
            return true;
    }
    return false;
}

QList<SpamVerdict> SpamVerdicts::fromHeaders(const HeaderList& headers)
{
    QList<SpamVerdict> verdicts;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const HeaderField& f = headers[i];
        if (!isSpamVerdictField(f))
            continue;
        SpamVerdict v;
        v.field = f.name;
        v.raw = simplifiedText(f.value);
        v.fieldIndex = static_cast<int>(i);
        if (f.isNamed(u"X-Forefront-Antispam-Report") ||
            f.isNamed(u"X-Forefront-Antispam-Report-Untrusted") ||
            f.isNamed(u"X-MS-Exchange-Organization-Antispam-Report")) {
            v.filter = Microsoft;
            v.values = colonPairs(v.raw);
            for (const auto& [key, value] : std::as_const(v.values)) {
                const QString meaning = forefrontMeaning(key, value);
                if (!meaning.isEmpty())
                    v.meanings << meaning;
            }
            const QString scl = v.value(u"SCL");
            const QString sfv = v.value(u"SFV").toUpper();
            if (!scl.isEmpty()) {
                v.score = toDouble(scl);
                v.spam = sclSpam(scl);
            }
            if (sfv == QLatin1String("SPM") || sfv == QLatin1String("SKS") || sfv == QLatin1String("SKB") ||
                sfv == QLatin1String("BLK"))
                v.spam = true;
            else if (sfv == QLatin1String("NSPM") && !v.spam)
                v.spam = false;
            if (f.isNamed(u"X-Forefront-Antispam-Report-Untrusted"))
                v.meanings << QStringLiteral("the -Untrusted copy is what an earlier Microsoft tenant wrote");
        } else if (f.isNamed(u"X-Microsoft-Antispam")) {
            v.filter = Microsoft;
            v.values = colonPairs(v.raw);
            const QString bcl = bclMeaning(v.value(u"BCL"));
            if (!bcl.isEmpty())
                v.meanings << bcl;
        } else if (f.isNamed(u"X-MS-Exchange-Organization-SCL")) {
            v.filter = Microsoft;
            v.values.append({QStringLiteral("SCL"), v.raw});
            v.meanings << sclMeaning(v.raw);
            v.score = toDouble(v.raw);
            v.spam = sclSpam(v.raw);
        } else if (f.name.startsWith(QLatin1String("X-MS-Exchange-Organization-"), Qt::CaseInsensitive)) {
            v.filter = Microsoft;
            const QString key = f.name.mid(27);
            v.values.append({key, v.raw});
            if (key.compare(QLatin1String("AuthAs"), Qt::CaseInsensitive) == 0)
                v.meanings << (v.raw.compare(QLatin1String("Anonymous"), Qt::CaseInsensitive) == 0
                                   ? QStringLiteral(
                                         "AuthAs Anonymous: the message came from outside, unauthenticated")
                                   : QStringLiteral("AuthAs %1: the sender authenticated as %1").arg(v.raw));
            else if (key.compare(QLatin1String("PCL"), Qt::CaseInsensitive) == 0)
                v.meanings
                    << QStringLiteral("PCL %1: phishing confidence level (4-8: likely phishing)").arg(v.raw);
        } else if (f.isNamed(u"X-Spam-Status") || f.isNamed(u"X-Barracuda-Spam-Status")) {
            v.filter =
                f.isNamed(u"X-Spam-Status") ? QStringLiteral("SpamAssassin") : QStringLiteral("Barracuda");
            readSpamAssassinStatus(v);
        } else if (f.isNamed(u"X-Spam-Flag") || f.isNamed(u"X-Spam")) {
            v.filter = f.isNamed(u"X-Spam") ? QStringLiteral("Rspamd") : QStringLiteral("SpamAssassin");
            v.spam = yesNo(v.raw);
            if (!v.spam)
                v.problems << QStringLiteral("neither YES nor NO");
            v.values.append({QStringLiteral("flag"), v.raw});
            v.meanings << (v.spam.value_or(false) ? QStringLiteral("flagged as spam")
                                                  : QStringLiteral("not flagged"));
        } else if (f.isNamed(u"X-Spam-Score") || f.isNamed(u"X-Rspamd-Score") ||
                   f.isNamed(u"X-Barracuda-Spam-Score")) {
            v.filter = f.isNamed(u"X-Rspamd-Score")           ? QStringLiteral("Rspamd")
                       : f.isNamed(u"X-Barracuda-Spam-Score") ? QStringLiteral("Barracuda")
                                                              : QStringLiteral("SpamAssassin");
            static const QRegularExpression number(QStringLiteral("-?[0-9]+(?:\\.[0-9]+)?"));
            const auto m = RegexSubject::match(number, v.raw);
            if (m.hasMatch())
                v.score = m.captured(0).toDouble();
            else
                v.problems << QStringLiteral("no number in the score");
            v.values.append({QStringLiteral("score"), v.raw});
            if (v.score)
                v.meanings << QStringLiteral("score %1").arg(*v.score);
        } else if (f.isNamed(u"X-Spam-Level")) {
            v.filter = QStringLiteral("SpamAssassin");
            const qsizetype stars = v.raw.count(QLatin1Char('*'));
            v.values.append({QStringLiteral("level"), QString::number(stars)});
            v.score = static_cast<double>(stars);
            v.meanings << QStringLiteral("score at least %1 (one star per point)").arg(stars);
        } else if (f.isNamed(u"X-Spamd-Result")) {
            v.filter = QStringLiteral("Rspamd");
            readRspamdResult(v);
        } else if (f.isNamed(u"X-Rspamd-Action")) {
            v.filter = QStringLiteral("Rspamd");
            const QString action = v.raw.toLower();
            v.values.append({QStringLiteral("action"), action});
            v.spam = action != QLatin1String("no action") && action != QLatin1String("greylist");
            v.meanings << QStringLiteral("action: %1").arg(action);
        }
        verdicts.append(v);
    }
    return verdicts;
}

} // namespace headerlens
