#pragma once

// Helpers for the GUI tests (header-only: each test is one executable built from one file).

#include "Analysis.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace headerlens::test {

// Settings in a throw-away place (QStandardPaths test mode), so GUI tests never touch the
// user's recent files or window state. Each test process gets its own file: CTest runs the GUI
// tests in parallel, and a shared file let one test clear another's recent files.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HeaderLensTests"));
    QCoreApplication::setApplicationName(
        QStringLiteral("HeaderLensTests-%1").arg(QCoreApplication::applicationPid()));
    QSettings().clear();
    // ... and leaves nothing behind once the test process ends.
    qAddPostRoutine([] { QFile::remove(QSettings().fileName()); });
}

// A hop as the Received parser would give it.
inline RelayHop hop(int number, const QString& by, const QString& from, const QString& fromIp,
                    const QString& protocol, const QDateTime& time)
{
    RelayHop h;
    h.number = number;
    h.received.byHost = by;
    h.received.fromHost = from;
    h.received.fromIp = fromIp;
    h.received.protocol = protocol;
    h.received.time = time;
    h.received.raw = QStringLiteral("from %1 ([%2]) by %3 with %4; %5")
                         .arg(from, fromIp, by, protocol, time.toString(Qt::RFC2822Date));
    return h;
}

// Fills delays, skew flags and the total as RelayChain::fromHeaders does, for hand-built hops.
inline RelayChain chainOf(QList<RelayHop> hops)
{
    RelayChain chain;
    chain.hops = std::move(hops);
    int lastTimed = -1;
    int firstTimed = -1;
    for (int i = 0; i < chain.hops.size(); ++i) {
        RelayHop& h = chain.hops[i];
        if (!h.received.hasTime())
            continue;
        if (firstTimed < 0)
            firstTimed = i;
        if (lastTimed >= 0) {
            const qint64 delay = chain.hops[lastTimed].received.time.secsTo(h.received.time);
            if (lastTimed == i - 1)
                h.delaySeconds = delay;
            else
                h.bridgedDelaySeconds = delay;
            if (delay < 0) {
                h.clockSkew = true;
                h.skewedHost = h.received.byHost;
            }
        }
        lastTimed = i;
    }
    if (firstTimed >= 0 && lastTimed > firstTimed)
        chain.totalSeconds = chain.hops[firstTimed].received.time.secsTo(chain.hops[lastTimed].received.time);
    return chain;
}

// A bounce as core will read it once the report reader and classifier are in: two recipients
// (a mailbox that does not exist, a domain without mail server), the original's route (three
// hops, one authenticated with TLS) and the bounce's own route (one hop). Built by hand so the
// views are tested whatever core reads today.
inline Analysis bounceAnalysis()
{
    auto at = [](const char* iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate); };
    Analysis a;
    a.source = QStringLiteral("bounce.eml");
    auto field = [](const char* name, const char* value) {
        HeaderField f;
        f.name = QString::fromLatin1(name);
        f.rawValue = QByteArray(" ") + value;
        f.value = QString::fromLatin1(value);
        return f;
    };
    a.message.shape = InputShape::Message;
    a.message.headers = {
        field("Received", "by mail.example.org (Postfix) id 4XkT2c1Lq3z1xYx; Fri, 27 Nov 2026 "
                          "09:41:27 +0100 (CET)"),
        field("From", "MAILER-DAEMON@mail.example.org (Mail Delivery System)"),
        field("Subject", "Undelivered Mail Returned to Sender"), field("To", "tom.becker@example.org")};
    a.relay = chainOf({hop(1, QStringLiteral("mail.example.org"), {}, {}, {}, at("2026-11-27T08:41:27Z"))});

    a.report.kind = ReportKind::Bounce;
    a.report.format = QStringLiteral("rfc3464");
    a.report.reportingMta = QStringLiteral("mail.example.org");
    a.report.arrivalDate = at("2026-11-27T08:41:25Z");
    a.report.postfixQueueId = QStringLiteral("4XkT2Z6hRcz1xYv");
    a.report.humanText = QStringLiteral("This is the mail system at host mail.example.org.");
    a.report.original.headers = {field("Received", "from localhost by mail.example.org with ESMTP"),
                                 field("From", "Tom Becker <tom.becker@example.org>"),
                                 field("Subject", "Catering order for the December workshop")};
    a.report.original.from = QStringLiteral("Tom Becker <tom.becker@example.org>");
    a.report.original.to = QStringLiteral("Jana Wagner <j.wagner@example.net>");
    a.report.original.subject = QStringLiteral("Catering order for the December workshop");
    a.report.original.date = at("2026-11-27T08:41:21Z");

    QList<RelayHop> original;
    original << hop(1, QStringLiteral("mail.example.org"), QStringLiteral("dsl-203-0-113-77.example-isp.net"),
                    QStringLiteral("203.0.113.77"), QStringLiteral("ESMTPSA"), at("2026-11-27T08:41:22Z"));
    original[0].received.tls = true;
    original[0].received.tlsVersion = QStringLiteral("TLSv1.3");
    original[0].received.authenticated = true;
    original << hop(2, QStringLiteral("localhost"), QStringLiteral("mail.example.org"),
                    QStringLiteral("127.0.0.1"), QStringLiteral("ESMTP"), at("2026-11-27T08:41:24Z"));
    original << hop(3, QStringLiteral("mail.example.org"), QStringLiteral("localhost"),
                    QStringLiteral("127.0.0.1"), QStringLiteral("ESMTP"), at("2026-11-27T08:41:25Z"));
    a.originalRelay = chainOf(original);

    RecipientAnalysis gone;
    gone.report.address = QStringLiteral("j.wagner@example.net");
    gone.report.action = QStringLiteral("failed");
    gone.report.replyCode = 550;
    gone.report.status = QStringLiteral("5.1.1");
    gone.report.diagnostic =
        QStringLiteral("550 5.1.1 <j.wagner@example.net>: Recipient address rejected: User "
                       "unknown in virtual mailbox table");
    gone.report.diagnosticType = QStringLiteral("smtp");
    gone.report.remoteMta = QStringLiteral("mx1.example.net");
    gone.report.smtpCommand = QStringLiteral("RCPT TO");
    gone.report.format = QStringLiteral("rfc3464");
    gone.classification.type = BounceType::Hard;
    gone.classification.cause = QStringLiteral("mailbox_unknown");
    gone.classification.side = Side::Recipient;
    gone.classification.advice = Advice::RemoveAddress;
    gone.classification.removeAddress = true;
    gone.classification.reputationImpact = ReputationImpact::High;
    gone.classification.confidence = 0.95;
    gone.classification.evidence = {{QStringLiteral("status.5.1.1"), QStringLiteral("5.1.1")},
                                    {QStringLiteral("text.user-unknown"), QStringLiteral("User unknown")}};
    gone.explanation =
        QStringLiteral("The receiving server mx1.example.net says the mailbox j.wagner@example.net "
                       "does not exist. Check the address for typing errors; if it is right, the "
                       "person has left and the address should be removed from your list.");

    RecipientAnalysis noDomain;
    noDomain.report.address = QStringLiteral("info@old-company.example");
    noDomain.report.action = QStringLiteral("failed");
    noDomain.report.status = QStringLiteral("5.4.4");
    noDomain.report.diagnostic = QStringLiteral("Host or domain name not found. Name service error for "
                                                "name=old-company.example type=MX: Host not found");
    noDomain.report.diagnosticType = QStringLiteral("X-Postfix");
    noDomain.report.willRetryUntil = at("2026-11-30T08:41:25Z");
    noDomain.classification.type = BounceType::Hard;
    noDomain.classification.cause = QStringLiteral("domain_unknown");
    noDomain.classification.side = Side::Recipient;
    noDomain.classification.advice = Advice::RemoveAddress;
    noDomain.classification.removeAddress = true;
    noDomain.classification.confidence = 0.8;
    noDomain.explanation = QStringLiteral("The domain old-company.example has no mail server.");

    a.recipients = {gone, noDomain};
    a.summary = QStringLiteral("A bounce from mail.example.org: 2 recipients failed for good.");
    return a;
}

} // namespace headerlens::test

Q_DECLARE_METATYPE(headerlens::RelayChain)
