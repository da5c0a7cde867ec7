#include "ArcChain.h"

#include <QMap>

namespace headerlens {

namespace {

// The tags of an ARC-Seal or ARC-Message-Signature (the DKIM tag-list syntax, RFC 8617 4.1.2).
QMap<QString, QString> tagList(const QString& value)
{
    QMap<QString, QString> tags;
    for (const QString& spec : value.split(QLatin1Char(';'))) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString tag = spec.left(eq).trimmed().toLower();
        if (!tags.contains(tag))
            tags.insert(tag, spec.mid(eq + 1).simplified());
    }
    return tags;
}

int instanceOf(const QString& text, bool* ok)
{
    return text.trimmed().toInt(ok);
}

} // namespace

ArcChain ArcChain::fromHeaders(const HeaderList& headers, const QList<AuthenticationField>& parsedFields)
{
    // The parsed fields are in header order: one walk alongside the headers finds each by index.
    qsizetype nextParsed = 0;
    const auto alreadyParsed = [&](qsizetype index) -> const AuthenticationField* {
        while (nextParsed < parsedFields.size() && parsedFields[nextParsed].index < index)
            ++nextParsed;
        return nextParsed < parsedFields.size() && parsedFields[nextParsed].index == index
                   ? &parsedFields[nextParsed]
                   : nullptr;
    };
    ArcChain chain;
    QMap<int, ArcSet> sets;
    // RFC 8617 section 4.2.1: at most 50 sets.
    constexpr int MaxInstance = 50;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const HeaderField& f = headers[i];
        const bool seal = f.isNamed(u"ARC-Seal");
        const bool signature = f.isNamed(u"ARC-Message-Signature");
        const bool results = f.isNamed(u"ARC-Authentication-Results");
        if (!seal && !signature && !results)
            continue;
        int instance = 0;
        bool ok = false;
        AuthenticationField parsed;
        QMap<QString, QString> tags;
        if (results) {
            const AuthenticationField* known = alreadyParsed(i);
            parsed = known ? *known : AuthenticationResults::parseField(f.value, f.name);
            instance = parsed.arcInstance;
            ok = instance > 0;
        } else {
            tags = tagList(f.value);
            instance = instanceOf(tags.value(QStringLiteral("i")), &ok);
        }
        if (!ok || instance < 1 || instance > MaxInstance) {
            chain.problems << QStringLiteral("%1 has no valid instance i= (1 to 50): %2")
                                  .arg(f.name, f.value.simplified().left(60));
            continue;
        }
        ArcSet& set = sets[instance];
        set.instance = instance;
        if (set.firstFieldIndex < 0)
            set.firstFieldIndex = static_cast<int>(i);
        if (seal) {
            if (++set.sealCount == 1) {
                set.chainValidation = tags.value(QStringLiteral("cv")).toLower();
                set.sealDomain = tags.value(QStringLiteral("d")).toLower();
                set.sealSelector = tags.value(QStringLiteral("s"));
                set.sealAlgorithm = tags.value(QStringLiteral("a")).toLower();
                bool tOk = false;
                const qint64 t = tags.value(QStringLiteral("t")).toLongLong(&tOk);
                if (tOk)
                    set.sealTime = t;
                if (tags.contains(QStringLiteral("h")))
                    set.problems << QStringLiteral(
                        "the ARC-Seal carries h=, which RFC 8617 section 4.1.3 forbids");
            }
        } else if (signature) {
            if (++set.signatureCount == 1) {
                set.signatureDomain = tags.value(QStringLiteral("d")).toLower();
                set.signatureSelector = tags.value(QStringLiteral("s"));
            }
        } else if (++set.resultsCount == 1) {
            for (AuthResult& r : parsed.results)
                r.fieldIndex = static_cast<int>(i);
            set.authServId = parsed.authServId;
            set.results = parsed.results;
            set.problems += parsed.problems;
        }
    }

    bool broken = false;
    int expected = 1;
    for (auto it = sets.begin(); it != sets.end(); ++it) {
        ArcSet& set = it.value();
        if (set.instance != expected) {
            chain.problems << QStringLiteral("instance %1 is missing: the chain has a gap").arg(expected);
            broken = true;
        }
        expected = set.instance + 1;
        const auto count = [&](int n, const char* what) {
            if (n == 0) {
                set.problems << QStringLiteral("no %1").arg(QLatin1String(what));
                broken = true;
            } else if (n > 1) {
                set.problems << QStringLiteral("%1 %2 fields (exactly one is allowed)")
                                    .arg(n)
                                    .arg(QLatin1String(what));
                broken = true;
            }
        };
        count(set.sealCount, "ARC-Seal");
        count(set.signatureCount, "ARC-Message-Signature");
        count(set.resultsCount, "ARC-Authentication-Results");
        if (set.sealCount > 0) {
            if (set.chainValidation == QLatin1String("fail")) {
                set.problems << QStringLiteral("the sealer found the chain before it broken (cv=fail)");
                broken = true;
            } else if (set.instance == 1 && set.chainValidation != QLatin1String("none")) {
                set.problems
                    << QStringLiteral("i=1 must say cv=none, it says cv=%1").arg(set.chainValidation);
                broken = true;
            } else if (set.instance > 1 && set.chainValidation != QLatin1String("pass")) {
                set.problems << QStringLiteral("i=%1 must say cv=pass, it says cv=%2")
                                    .arg(set.instance)
                                    .arg(set.chainValidation.isEmpty() ? QStringLiteral("nothing")
                                                                       : set.chainValidation);
                broken = true;
            }
        }
        chain.sets.append(set);
    }
    if (!chain.sets.isEmpty())
        chain.state = broken || !chain.problems.isEmpty() ? QStringLiteral("fail") : QStringLiteral("pass");
    return chain;
}

} // namespace headerlens
