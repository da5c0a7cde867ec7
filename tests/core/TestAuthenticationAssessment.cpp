#include "AuthenticationAssessment.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace headerlens;

class TestAuthenticationAssessment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A reason with a placeholder left over (or an argument without one) is a sentence the user
    // reads wrong; Qt only warns about it, so make its warning a failure.
    void init() { QTest::failOnWarning(QRegularExpression(QStringLiteral("^QString::arg"))); }
    void gmailResultsBelowItsReceivedAreTrusted();
    void aForgedResultAmongTheSendersHopsIsNotTrusted();
    void aForgedCopyBelowTheReceiversOwnIsNotTrusted();
    void aResultWrittenByTheSenderItselfIsNotTrusted();
    void oneCheckersMiltersEachWriteTheirOwnField();
    void anAuthservIdNoHopHasIsNotTrusted();
    void aFieldWithoutCheckerNamesTheServerBelowIt();
    void office365ResultsAndVerdictsAreTrusted();
    void anArcChainThroughAMailingList();
    void spamAssassinVerdictsAndFailedChecks();
    void withoutReceivedFieldsNothingIsTrusted();
    void aRouteReadFromTheFieldsWhereTheyStand();
    void dkimExpiryAndBodyLength();
    void malformedFieldsNeverCrashAndStayRaw();
    void thousandsOfFieldsStayLinear();
};

namespace {

AuthenticationAssessment assessFixture(
    const QString& name,
    AuthenticationAssessment::Perspective perspective = AuthenticationAssessment::Perspective::Received)
{
    const ParsedMessage message = MessageLoader::fromFile(test::dataPath(name));
    return AuthenticationAssessment::assess(message.headers, RelayChain::fromHeaders(message.headers),
                                            perspective);
}

AuthenticationAssessment assessHeaders(const QStringList& lines)
{
    const ParsedMessage message = MessageLoader::fromText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return AuthenticationAssessment::assess(message.headers, RelayChain::fromHeaders(message.headers));
}

// "spf=pass:trusted,..." per result, in header order.
QString summary(const AuthenticationAssessment& a)
{
    QStringList out;
    for (const AssessedResult& r : a.results)
        out << QStringLiteral("%1=%2:%3")
                   .arg(r.result.method, r.result.result,
                        r.trust.trusted ? QStringLiteral("trusted") : QStringLiteral("untrusted"));
    return out.join(QLatin1Char(','));
}

} // namespace

// The relay chain puts a field written out of place back in delivery order; the assessment
// judges each header field by the Received field just below it, so it keeps the fields' order.
void TestAuthenticationAssessment::aRouteReadFromTheFieldsWhereTheyStand()
{
    const QStringList lines{
        QStringLiteral("Received: from c.example (c.example [192.0.2.3]) by d.example with ESMTP id 3; "
                       "Thu, 3 Dec 2026 10:00:03 +0000"),
        QStringLiteral("Received: from d.example (d.example [192.0.2.4]) by e.example with ESMTP id 4; "
                       "Thu, 3 Dec 2026 10:00:06 +0000"),
        QStringLiteral("Received: from b.example (b.example [192.0.2.2]) by c.example with ESMTP id 2; "
                       "Thu, 3 Dec 2026 10:00:01 +0000"),
        QStringLiteral("Received: from a.example (a.example [192.0.2.1]) by b.example with ESMTP id 1; "
                       "Thu, 3 Dec 2026 10:00:00 +0000"),
        QStringLiteral("From: a@a.example"),
        QStringLiteral("Subject: out of order"),
    };
    const ParsedMessage message = MessageLoader::fromText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    const RelayChain chain = RelayChain::fromHeaders(message.headers);
    QCOMPARE(chain.hops.last().received.byHost, QStringLiteral("e.example")); // put back in order
    const AuthenticationAssessment a = AuthenticationAssessment::assess(message.headers, chain);
    QCOMPARE(a.receivingHosts.first(), QStringLiteral("d.example")); // the top field's by-host
}

void TestAuthenticationAssessment::gmailResultsBelowItsReceivedAreTrusted()
{
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/gmail-received.eml"));
    QCOMPARE(a.entryHop, 2);
    QCOMPARE(a.entryHost, QStringLiteral("mx.google.com"));
    QCOMPARE(a.fromDomain, QStringLiteral("example.org"));
    // ARC-Authentication-Results (3), Received-SPF, Authentication-Results (3): all Google's own
    QCOMPARE(summary(a), QStringLiteral("dkim=pass:trusted,spf=pass:trusted,dmarc=pass:trusted,spf=pass:"
                                        "trusted,dkim=pass:trusted,spf=pass:trusted,dmarc=pass:trusted"));
    const AssessedResult& spf = a.results[3];
    QCOMPARE(spf.result.field, QStringLiteral("Received-SPF"));
    QCOMPARE(spf.trust.checkedBy, QStringLiteral("google.com"));
    QCOMPARE(spf.trust.hop, 2);
    QVERIFY(spf.trust.reason.contains(QStringLiteral("right below")));
    const AssessedResult& dkim = a.results[4];
    QCOMPARE(dkim.identitySource, QStringLiteral("header.i"));
    QCOMPARE(dkim.identityDomain, QStringLiteral("example.org"));
    QVERIFY(dkim.alignment.strict);
    QVERIFY(dkim.countsForDmarc());
    QCOMPARE(a.dmarc, QStringLiteral("pass"));
    QCOMPARE(a.spfAligned, true);
    QCOMPARE(a.dkimAligned, true);
    QCOMPARE(a.receiverDmarc, QStringLiteral("pass"));
    QCOMPARE(a.receiverPolicy, QStringLiteral("p=REJECT sp=REJECT dis=NONE"));
    QCOMPARE(a.mailFromDomain, QStringLiteral("example.org"));
    // The signature, matched by header.b to the receiver's verdict
    QCOMPARE(a.signatures.size(), 1);
    QCOMPARE(a.signatures.first().verifiedResult, QStringLiteral("pass"));
    QCOMPARE(a.signatures.first().verifiedBy, QStringLiteral("mx.google.com"));
    QCOMPARE(a.signatures.first().expiredAtMessageDate, false);
    QCOMPARE(a.signatures.first().expiredAtReceipt, false);
    QCOMPARE(a.arcSets.size(), 1);
    QVERIFY(a.arcSets.first().trust.trusted);
    QVERIFY(a.suffixListProblem.isEmpty());
}

void TestAuthenticationAssessment::aForgedResultAmongTheSendersHopsIsNotTrusted()
{
    // The receiver (OpenDKIM/OpenDMARC milters) writes above its own Received field; the sender put
    // a copy claiming the receiver's authserv-id under it, and another among its own hops.
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/forged-below-receiver.eml"));
    QCOMPARE(a.entryHost, QStringLiteral("mx.receiver.example"));
    QCOMPARE(
        summary(a),
        QStringLiteral(
            "dmarc=fail:trusted,dkim=none:trusted,spf=fail:trusted,dkim=pass:untrusted,spf=pass:untrusted,"
            "dmarc=pass:untrusted,spf=pass:untrusted,dkim=pass:untrusted,dmarc=pass:untrusted"));
    QVERIFY2(a.results[3].trust.reason.contains(
                 QStringLiteral("already wrote its own result for this method higher up")),
             qPrintable(a.results[3].trust.reason));
    QVERIFY2(a.results[6].trust.reason.contains(QStringLiteral("came with the message")),
             qPrintable(a.results[6].trust.reason));
    QVERIFY(a.results[6].trust.reason.contains(QStringLiteral("A sender can write any")));
    // Only the receiver's own results decide: DMARC fails, whatever the forgeries say.
    QCOMPARE(a.dmarc, QStringLiteral("fail"));
    QCOMPARE(a.receiverDmarc, QStringLiteral("fail"));
    QCOMPARE(a.spfAligned, false); // bank-secure.example is not bank.example
}

void TestAuthenticationAssessment::aForgedCopyBelowTheReceiversOwnIsNotTrusted()
{
    // Gmail writes its results right below its Received field; a second field claiming
    // mx.google.com stands lower in the same place, written by the sender's last server.
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/gmail-style-forged-copy.eml"));
    QCOMPARE(summary(a), QStringLiteral("spf=neutral:trusted,spf=neutral:trusted,dmarc=fail:trusted,dkim="
                                        "pass:untrusted,spf=pass:untrusted,dmarc=pass:untrusted"));
    QVERIFY(a.results[3].trust.reason.contains(QStringLiteral("mx.google.com already wrote")));
    QCOMPARE(a.dmarc, QStringLiteral("fail"));
    QCOMPARE(a.dkimAligned, std::nullopt); // no trusted DKIM result at all
}

void TestAuthenticationAssessment::aResultWrittenByTheSenderItselfIsNotTrusted()
{
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral("Authentication-Results: mx.receiver.example; spf=softfail smtp.mailfrom=example.com"),
        QStringLiteral("Received: from out.example.com (out.example.com [192.0.2.10]) by mx.receiver.example "
                       "(Postfix) with ESMTPS id 1; Mon, 2 Dec 2024 10:00:02 +0000"),
        QStringLiteral(
            "Received: from [192.168.0.5] by out.example.com (Postfix) with ESMTPSA id 2; Mon, 2 Dec 2024 "
            "10:00:01 +0000"),
        QStringLiteral("Authentication-Results: mx.receiver.example; spf=pass smtp.mailfrom=example.com"),
        QStringLiteral("From: a@example.com"),
    });
    QCOMPARE(summary(a), QStringLiteral("spf=softfail:trusted,spf=pass:untrusted"));
    QVERIFY(a.results[1].trust.reason.contains(QStringLiteral("claims to come from mx.receiver.example")));
}

void TestAuthenticationAssessment::oneCheckersMiltersEachWriteTheirOwnField()
{
    // OpenARC, OpenDMARC and an SPF policy daemon on one receiver: three fields, one checker,
    // different methods, all right below the receiver's Received field. All are its own.
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral("Received: from mail1.example.org (mail1.example.org [192.0.2.202]) by mx4.example.jp "
                       "(Postfix) with ESMTPS id 1; Thu, 22 Feb 2024 18:30:22 +0900"),
        QStringLiteral("Authentication-Results: mx4.example.jp; arc=none smtp.client-ip=192.0.2.202"),
        QStringLiteral("Authentication-Results: mx4.example.jp; dmarc=none (p=none dis=none) "
                       "header.from=mail1.example.org"),
        QStringLiteral("Authentication-Results: mx4.example.jp; spf=none smtp.helo=mail1.example.org"),
        QStringLiteral("Authentication-Results: mx4.example.jp; spf=pass smtp.helo=mail1.example.org"),
        QStringLiteral("Received: by mail1.example.org (Postfix) id 2; Thu, 22 Feb 2024 18:30:21 +0900"),
        QStringLiteral("From: a@mail1.example.org"),
    });
    // ... but the fourth repeats SPF: the copy below the receiver's own came with the message.
    QCOMPARE(summary(a),
             QStringLiteral("arc=none:trusted,dmarc=none:trusted,spf=none:trusted,spf=pass:untrusted"));
}

void TestAuthenticationAssessment::anAuthservIdNoHopHasIsNotTrusted()
{
    // Above the receiver's own field, but naming a checker that is none of the receiving servers.
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral(
            "Authentication-Results: mx.trusted-bank.example; dmarc=pass header.from=bank.example"),
        QStringLiteral("Authentication-Results: mx.receiver.example; dmarc=fail header.from=bank.example"),
        QStringLiteral("Received: from out.sender.example (out.sender.example [203.0.113.7]) by "
                       "mx.receiver.example (Postfix) with ESMTP id 1; Mon, 2 Dec 2024 10:00:02 +0000"),
        QStringLiteral("From: security@bank.example"),
    });
    QCOMPARE(summary(a), QStringLiteral("dmarc=pass:untrusted,dmarc=fail:trusted"));
    QVERIFY(a.results[0].trust.reason.contains(QStringLiteral("none of the receiving servers")));
    QCOMPARE(a.receiverDmarc, QStringLiteral("fail"));
}

void TestAuthenticationAssessment::aFieldWithoutCheckerNamesTheServerBelowIt()
{
    // RFC 8601 requires the authserv-id, but some filters write results without one. Above the
    // receiver's Received field, the receiving server added it; the reason names that server.
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral("Authentication-Results: spf=pass smtp.mailfrom=sender.example"),
        QStringLiteral("Received: from out.sender.example (out.sender.example [203.0.113.7]) by "
                       "mx.receiver.example (Postfix) with ESMTP id 1; Mon, 2 Dec 2024 10:00:02 +0000"),
        QStringLiteral("From: news@sender.example"),
    });
    QCOMPARE(a.results.size(), 1);
    const QString reason = a.results[0].trust.reason;
    QVERIFY2(reason.startsWith(QStringLiteral("Trusted: the field names no checker")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("(mx.receiver.example) added it.")), qPrintable(reason));
    QVERIFY2(!reason.contains(QLatin1Char('%')), qPrintable(reason));
}

void TestAuthenticationAssessment::office365ResultsAndVerdictsAreTrusted()
{
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/office365-received.eml"));
    QCOMPARE(a.entryHop, 1);
    QCOMPARE(
        summary(a),
        QStringLiteral(
            "spf=pass:trusted,dkim=pass:trusted,dmarc=fail:trusted,compauth=fail:trusted,spf=pass:trusted"));
    // Microsoft 365 names no authserv-id: the server it stands above checked it.
    QCOMPARE(a.results[0].trust.checkedBy, QStringLiteral("BN2PEPF000044A9.mail.protection.outlook.com"));
    QCOMPARE(a.results[4].trust.checkedBy, QStringLiteral("protection.outlook.com"));
    QCOMPARE(a.results[0].identityDomain, QStringLiteral("bounces.mailer.esp.example"));
    QVERIFY(!a.results[0].alignment.relaxed);
    QCOMPARE(a.results[1].identityDomain, QStringLiteral("esp.example"));
    QVERIFY(!a.results[1].alignment.relaxed);
    QCOMPARE(a.dmarc, QStringLiteral("fail"));
    QCOMPARE(a.receiverPolicy, QStringLiteral("action=quarantine"));
    QCOMPARE(a.fromDomain, QStringLiteral("shop.example"));
    // X-MS-Exchange-Organization-* and X-Forefront-* sit at the end of the header, where place
    // proves nothing; Exchange's header firewall does.
    QCOMPARE(a.spamVerdicts.size(), 4); // AuthAs, SCL, X-Microsoft-Antispam, X-Forefront-Antispam-Report
    for (const AssessedSpamVerdict& v : a.spamVerdicts) {
        QVERIFY2(v.trust.trusted, qPrintable(v.verdict.field + QStringLiteral(": ") + v.trust.reason));
        QVERIFY(v.trust.reason.contains(QStringLiteral("header firewall")));
    }
}

void TestAuthenticationAssessment::anArcChainThroughAMailingList()
{
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/arc-mailing-list.eml"));
    QCOMPARE(a.entryHost, QStringLiteral("mx.receiver.example"));
    QCOMPARE(a.arc.state, QStringLiteral("pass"));
    QCOMPARE(a.arcSets.size(), 2);
    // The list's own set: written by a server the message passed before it reached the receiver.
    QVERIFY(!a.arcSets[0].trust.trusted);
    QCOMPARE(a.arcSets[0].trust.hop, 2);
    QVERIFY2(a.arcSets[0].trust.reason.contains(QStringLiteral("before it reached")),
             qPrintable(a.arcSets[0].trust.reason));
    QVERIFY(a.arcSets[1].trust.trusted);
    // DKIM of example.net broke on the list; the list's own signature does not align.
    QCOMPARE(a.dmarc, QStringLiteral("fail"));
    QCOMPARE(a.dkimAligned, false);
    QCOMPARE(a.spfAligned, false);
    const QString reasons = a.dmarcReasons.join(QLatin1Char(' '));
    QVERIFY2(
        reasons.contains(QStringLiteral("its first set (sealed by lists.example.org) records dmarc=pass")),
        qPrintable(reasons));
    // Two signatures: example.net (aligned, failed at the receiver) and the list's (not aligned)
    QCOMPARE(a.signatures.size(), 2);
    QCOMPARE(a.signatures[0].signature.domain, QStringLiteral("lists.example.org"));
    QCOMPARE(a.signatures[0].verifiedResult, QStringLiteral("pass"));
    QVERIFY(!a.signatures[0].alignment.relaxed);
    QCOMPARE(a.signatures[1].signature.domain, QStringLiteral("example.net"));
    QCOMPARE(a.signatures[1].verifiedResult, QStringLiteral("fail"));
    QVERIFY(a.signatures[1].alignment.strict);
}

void TestAuthenticationAssessment::spamAssassinVerdictsAndFailedChecks()
{
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/spamassassin-amavis.eml"));
    QCOMPARE(a.entryHop, 2);
    QCOMPARE(summary(a),
             QStringLiteral("iprev=fail:trusted,spf=softfail:trusted,dkim=none:trusted,dmarc=none:trusted"));
    QCOMPARE(a.results[1].identitySource, QStringLiteral("smtp.mailfrom"));
    QCOMPARE(a.heloDomain, QStringLiteral("bulk7.promo.example.net"));
    QCOMPARE(a.spamVerdicts.size(), 4);
    for (const AssessedSpamVerdict& v : a.spamVerdicts)
        QVERIFY2(v.trust.trusted, qPrintable(v.trust.reason));
    QCOMPARE(a.dmarc, QStringLiteral("fail")); // SPF softfail, no DKIM: nothing aligned passes
    QVERIFY(a.signatures.isEmpty());
}

void TestAuthenticationAssessment::withoutReceivedFieldsNothingIsTrusted()
{
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral("Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=example.org"),
        QStringLiteral("From: a@example.org"),
    });
    QCOMPARE(summary(a), QStringLiteral("spf=pass:untrusted"));
    QVERIFY(a.results.first().trust.reason.contains(QStringLiteral("no Received fields")));
    QCOMPARE(a.dmarc, QStringLiteral("none"));
    QCOMPARE(a.entryHop, 0);
}

void TestAuthenticationAssessment::dkimExpiryAndBodyLength()
{
    // Signed at 09:00, expiring at 09:30, but the Date says 10:00 and the receiver got it at 10:01.
    const AuthenticationAssessment a = assessHeaders({
        QStringLiteral(
            "Received: from out.example.org (out.example.org [192.0.2.10]) by mx.example.net (Postfix) "
            "with ESMTPS id 1; Mon, 2 Dec 2024 10:01:00 +0000"),
        QStringLiteral("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; c=relaxed/relaxed; "
                       "h=from:to:subject; t=1733130000; x=1733131800; l=512; bh=AAAA; b=BBBB"),
        QStringLiteral("DKIM-Signature: v=1; a=rsa-sha256; d=esp.example; s=s2; h=from; bh=AAAA; b=CCCC; "
                       "x=1733134000"),
        QStringLiteral("From: a@example.org"),
        QStringLiteral("Date: Mon, 2 Dec 2024 10:00:00 +0000"),
    });
    QCOMPARE(a.signatures.size(), 2);
    const AssessedSignature& first = a.signatures[0];
    QCOMPARE(first.expiredAtMessageDate, true);
    QCOMPARE(first.expiredAtReceipt, true);
    const QString notes = first.notes.join(QLatin1Char('|'));
    QVERIFY2(notes.contains(QStringLiteral("had expired when the message was written")), qPrintable(notes));
    QVERIFY(notes.contains(QStringLiteral("l=512")));
    QVERIFY(first.alignment.strict);
    const AssessedSignature& second = a.signatures[1];
    QCOMPARE(second.expiredAtMessageDate, false); // 10:46 is after the Date
    QCOMPARE(second.expiredAtReceipt, false);
    QVERIFY(!second.alignment.relaxed);
    QVERIFY(second.notes.join(QLatin1Char('|'))
                .contains(QStringLiteral("not in the From domain's organization")));
}

void TestAuthenticationAssessment::malformedFieldsNeverCrashAndStayRaw()
{
    const AuthenticationAssessment a = assessFixture(QStringLiteral("auth/malformed-auth.txt"));
    QCOMPARE(a.fields.size(), 9);
    int withProblems = 0;
    for (const AuthenticationField& f : a.fields) {
        QVERIFY(!f.value.isEmpty());
        bool problem = !f.problems.isEmpty();
        for (const AuthResult& r : f.results)
            problem = problem || !r.problems.isEmpty();
        withProblems += problem ? 1 : 0;
    }
    // All but the ARC-Authentication-Results, which is well formed: its chain is what is broken.
    QCOMPARE(withProblems, 8);
    QCOMPARE(a.signatures.size(), 1);
    QVERIFY(!a.signatures.first().notes.isEmpty());
    QCOMPARE(a.arc.state, QStringLiteral("fail"));
    // Every result carries its problems into the notes the views show.
    for (const AssessedResult& r : a.results)
        QVERIFY(!r.why.isEmpty());
}

void TestAuthenticationAssessment::thousandsOfFieldsStayLinear()
{
    // 10 000 results of distinct methods from one checker and 5 000 signatures matched by
    // header.b: trust and matching must not compare every field with every other.
    HeaderList headers;
    headers.append(
        {QStringLiteral("Received"),
         {},
         QStringLiteral("from a.example.net (a.example.net [192.0.2.1]) by mx.example.com (Postfix) with "
                        "ESMTPS id 1; Sat, 7 Dec 2024 11:00:01 +0000"),
         0});
    for (int i = 0; i < 10000; ++i)
        headers.append(
            {QStringLiteral("Authentication-Results"),
             {},
             QStringLiteral("mx.example.com; x-m%1=pass; dkim=pass header.d=example.net header.b=sig%2")
                 .arg(i)
                 .arg(i, 6, 10, QLatin1Char('0')),
             i + 1});
    for (int i = 0; i < 5000; ++i)
        headers.append({QStringLiteral("DKIM-Signature"),
                        {},
                        QStringLiteral("v=1; a=rsa-sha256; d=example.net; s=s; h=from; bh=AA; b=sig%1XYZ")
                            .arg(i, 6, 10, QLatin1Char('0')),
                        10001 + i});
    headers.append({QStringLiteral("From"), {}, QStringLiteral("a@example.net"), 20000});
    QElapsedTimer timer;
    timer.start();
    const AuthenticationAssessment a =
        AuthenticationAssessment::assess(headers, RelayChain::fromHeaders(headers));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(a.results.size(), 20000);
    QVERIFY(a.results.first().trust.trusted);
    QVERIFY(!a.results[3].trust.trusted);                                  // the second field repeats dkim
    QCOMPARE(a.signatures.first().verifiedResult, QStringLiteral("pass")); // header.b=sig000000
    QVERIFY(a.signatures.last().verifiedResult.isEmpty());                 // only untrusted fields name it
}

QTEST_GUILESS_MAIN(TestAuthenticationAssessment)
#include "TestAuthenticationAssessment.moc"
