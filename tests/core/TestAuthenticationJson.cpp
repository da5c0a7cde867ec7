#include "Analyzer.h"
#include "JsonReport.h"
#include "Redactor.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace headerlens;

// The "authentication" object of the JSON output and the sender-side keys next to it, as
// README.md ("The authentication object") documents them.
class TestAuthenticationJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyDocumentedKeyIsThere();
    void aBounceDescribesTheReturnedOriginal();
    void redactionReachesTheNewKeys();
};

namespace {

QJsonObject jsonOf(const QString& fixture)
{
    return JsonReport::toJson(Analyzer::analyzeFile(test::dataPath(fixture)));
}

void requireKeys(const QJsonObject& o, std::initializer_list<const char*> keys, const char* where)
{
    for (const char* key : keys)
        QVERIFY2(o.contains(QLatin1String(key)),
                 qPrintable(QStringLiteral("%1 lacks %2").arg(QLatin1String(where), QLatin1String(key))));
}

} // namespace

void TestAuthenticationJson::everyDocumentedKeyIsThere()
{
    const QJsonObject o = jsonOf(QStringLiteral("auth/arc-mailing-list.eml"));
    requireKeys(o, {"authentication", "original_authentication", "sender_findings", "sending_ip"},
                "the line");
    const QJsonObject a = o.value(QStringLiteral("authentication")).toObject();
    requireKeys(a,
                {"from_domain", "from_organizational_domain", "mail_from_domain", "helo_domain", "entry_hop",
                 "receiving_hosts", "results", "dmarc", "dkim_signatures", "arc", "spam_verdicts",
                 "malformed_fields", "public_suffix_list"},
                "authentication");
    QCOMPARE(a.value(QStringLiteral("from_domain")).toString(), QStringLiteral("example.net"));
    QCOMPARE(a.value(QStringLiteral("entry_hop")).toInt(), 3);

    const QJsonArray results = a.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 13); // ARC-Authentication-Results i=2 (5), Authentication-Results (5), i=1 (3)
    const QJsonObject dkim = results.at(1).toObject();
    requireKeys(dkim,
                {"method",
                 "result",
                 "authserv_id",
                 "reason",
                 "field",
                 "properties",
                 "method_version",
                 "reason_text",
                 "comments",
                 "raw",
                 "problems",
                 "trusted",
                 "trust_reason",
                 "checked_by",
                 "hop",
                 "identity",
                 "aligned_relaxed",
                 "aligned_strict",
                 "organizational_domain",
                 "explanation",
                 "notes"},
                "a result");
    QCOMPARE(dkim.value(QStringLiteral("method")).toString(), QStringLiteral("dkim"));
    QCOMPARE(dkim.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    QCOMPARE(dkim.value(QStringLiteral("trusted")).toBool(), true);
    QCOMPARE(dkim.value(QStringLiteral("checked_by")).toString(), QStringLiteral("mx.receiver.example"));
    QCOMPARE(dkim.value(QStringLiteral("aligned_strict")).toBool(), true);
    QCOMPARE(dkim.value(QStringLiteral("identity")).toObject().value(QStringLiteral("domain")).toString(),
             QStringLiteral("example.net"));
    QCOMPARE(dkim.value(QStringLiteral("properties")).toObject().value(QStringLiteral("header.s")).toString(),
             QStringLiteral("s2024"));
    QCOMPARE(dkim.value(QStringLiteral("comments")).toArray().first().toString(),
             QStringLiteral("body hash did not verify"));

    const QJsonObject dmarc = a.value(QStringLiteral("dmarc")).toObject();
    requireKeys(dmarc,
                {"result", "spf_aligned", "dkim_aligned", "spf_aligned_strict", "dkim_aligned_strict",
                 "receiver_result", "receiver_policy", "reasons"},
                "dmarc");
    QCOMPARE(dmarc.value(QStringLiteral("result")).toString(), QStringLiteral("fail"));
    QCOMPARE(dmarc.value(QStringLiteral("receiver_result")).toString(), QStringLiteral("fail"));

    const QJsonObject signature = a.value(QStringLiteral("dkim_signatures")).toArray().at(1).toObject();
    requireKeys(signature,
                {"d", "s", "a", "c", "h", "i", "t", "x", "l", "verified_result", "verified_by",
                 "aligned_relaxed", "aligned_strict", "expired_at_message_date", "expired_at_receipt",
                 "body_length_limited", "notes", "problems"},
                "a DKIM signature");
    QCOMPARE(signature.value(QStringLiteral("d")).toString(), QStringLiteral("example.net"));
    QCOMPARE(signature.value(QStringLiteral("x")).toInteger(), 1734166809);
    QVERIFY(signature.value(QStringLiteral("l")).isNull());
    QCOMPARE(signature.value(QStringLiteral("verified_result")).toString(), QStringLiteral("fail"));

    const QJsonObject arc = a.value(QStringLiteral("arc")).toObject();
    requireKeys(arc, {"state", "problems", "sets"}, "arc");
    QCOMPARE(arc.value(QStringLiteral("state")).toString(), QStringLiteral("pass"));
    const QJsonObject set = arc.value(QStringLiteral("sets")).toArray().first().toObject();
    requireKeys(set,
                {"i", "cv", "seal_domain", "seal_selector", "signature_domain", "authserv_id", "trusted",
                 "trust_reason", "checked_by", "hop", "results", "problems"},
                "an ARC set");
    QCOMPARE(set.value(QStringLiteral("i")).toInt(), 1);
    QCOMPARE(set.value(QStringLiteral("trusted")).toBool(), false);

    const QJsonObject finding = o.value(QStringLiteral("sender_findings")).toArray().first().toObject();
    requireKeys(
        finding,
        {"id", "kind", "severity", "title", "detail", "action", "delisting_page", "recipients", "ip", "hops"},
        "a finding");
    const QJsonObject ip = o.value(QStringLiteral("sending_ip")).toObject();
    requireKeys(ip, {"address", "version", "network", "range", "private", "reverse_dns", "helo", "source"},
                "sending_ip");
    QCOMPARE(ip.value(QStringLiteral("address")).toString(), QStringLiteral("192.0.2.80"));
}

void TestAuthenticationJson::aBounceDescribesTheReturnedOriginal()
{
    const QJsonObject o = jsonOf(QStringLiteral("auth/bounce-spamhaus.eml"));
    const QJsonObject original = o.value(QStringLiteral("original_authentication")).toObject();
    QCOMPARE(original.value(QStringLiteral("from_domain")).toString(), QStringLiteral("shop.example"));
    QCOMPARE(original.value(QStringLiteral("mail_from_domain")).toString(),
             QStringLiteral("bounces.mailer.esp.example"));
    QCOMPARE(original.value(QStringLiteral("dkim_signatures")).toArray().size(), 1);
    const QJsonObject first = o.value(QStringLiteral("sender_findings")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("blocklist.spamhaus.zen"));
    QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("problem"));
    QCOMPARE(first.value(QStringLiteral("delisting_page")).toString(),
             QStringLiteral("https://check.spamhaus.org/"));
    QCOMPARE(first.value(QStringLiteral("recipients")).toArray().first().toString(),
             QStringLiteral("ivan@customer.example"));
    // The contract keys are untouched.
    const QJsonObject recipient = o.value(QStringLiteral("recipients")).toArray().first().toObject();
    QCOMPARE(recipient.value(QStringLiteral("cause")).toString(), QStringLiteral("blocklisted"));
}

void TestAuthenticationJson::redactionReachesTheNewKeys()
{
    const Analysis analysis =
        Analyzer::analyzeFile(test::dataPath(QStringLiteral("auth/bounce-spamhaus.eml")));
    const QByteArray plain = JsonReport::toJsonLine(analysis);
    QVERIFY(plain.contains("198.51.100.80"));
    const QByteArray redacted = JsonReport::toJsonLine(Redactor::redact(analysis));
    QVERIFY2(!redacted.contains("198.51.100.80"), redacted.constData());
    QVERIFY(!redacted.contains("ivan@"));
    QVERIFY(redacted.contains("check.spamhaus.org"));
}

QTEST_GUILESS_MAIN(TestAuthenticationJson)
#include "TestAuthenticationJson.moc"
