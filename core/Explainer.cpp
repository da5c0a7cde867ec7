#include "Explainer.h"

#include "BounceClassifier.h"
#include "CauseCatalog.h"
#include "MailDate.h"
#include "SenderFindings.h"
#include "SmtpStatus.h"
#include "TextSearch.h"
#include "TextSummary.h"

#include <QMap>

namespace headerlens {

namespace {

QString quoteServer(const QString& text)
{
    QString t = simplifiedText(text);
    if (t.size() > 320)
        t = t.left(317) + QStringLiteral("...");
    // The sentence ends inside the quotation, so its closing punctuation goes there.
    const bool ends =
        t.endsWith(QLatin1Char('.')) || t.endsWith(QLatin1Char('!')) || t.endsWith(QLatin1Char('?'));
    return QStringLiteral("\u201C") + t + (ends ? QString() : QStringLiteral(".")) + QStringLiteral("\u201D");
}

QString recipientName(const RecipientReport& r)
{
    return r.address.isEmpty() ? QStringLiteral("a recipient the report does not name") : r.address;
}

QString domainOf(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at >= 0 ? address.mid(at + 1) : QString();
}

QString whenText(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString sideSentence(Side side)
{
    switch (side) {
    case Side::Recipient:
        return QStringLiteral("The problem is on the recipient's side.");
    case Side::Sender:
        return QStringLiteral(
            "The problem is on the sending side (yours or your email service's): the recipient address "
            "itself is probably fine.");
    case Side::Transient:
        return QStringLiteral("This is a temporary condition rather than a fault of either side.");
    case Side::None:
        return QString();
    case Side::Unknown:
        break;
    }
    return QStringLiteral("From this report alone it is not clear whose side the problem is on.");
}

QString impactSentence(const Classification& c)
{
    switch (c.reputationImpact) {
    case ReputationImpact::High:
        return c.removeAddress ? QStringLiteral("Reputation impact: high. Sending to addresses that do not "
                                                "exist tells mailbox providers "
                                                "that the list is not maintained.")
                               : QStringLiteral("Reputation impact: high. Sending on without fixing this "
                                                "keeps hurting how receivers "
                                                "judge your mail.");
    case ReputationImpact::Moderate:
        return QStringLiteral("Reputation impact: moderate; it adds up if it keeps happening.");
    case ReputationImpact::Low:
        return QStringLiteral("Reputation impact: low on its own.");
    case ReputationImpact::VeryLow:
        return QStringLiteral(
            "Reputation impact: very low; deferrals are normal at volume, but many of them at one "
            "provider are an early sign of throttling.");
    case ReputationImpact::None:
        break;
    }
    return QString();
}

QString whatHappened(const Analysis& analysis, const RecipientAnalysis& ra)
{
    const RecipientReport& r = ra.report;
    const Classification& c = ra.classification;
    const QString who = recipientName(r);
    switch (c.type) {
    case BounceType::Hard:
        if (c.removeAddress)
            return u"Your message to " + who +
                   u" was not delivered, and it never will be: the address is gone.";
        if (c.side == Side::Sender)
            return u"Your message to " + who +
                   u" was not delivered, and messages sent the same way will be refused again until the "
                   u"cause is fixed.";
        return u"Your message to " + who + u" was not delivered, and the refusal is permanent.";
    case BounceType::Soft:
        return u"Your message to " + who +
               u" was not delivered. The cause may not last, but this message will not be retried any more.";
    case BounceType::Deferred: {
        QString s = u"Your message to " + who +
                    u" has not been delivered yet: the sending server keeps it in its queue and retries.";
        if (r.willRetryUntil.isValid())
            s += QStringLiteral(" It will keep trying until %1.").arg(whenText(r.willRetryUntil));
        return s;
    }
    case BounceType::None:
    case BounceType::Unknown:
        break;
    }
    Q_UNUSED(analysis)
    return QStringLiteral(
               "Your message to %1 was not delivered, and the report does not make clear whether the "
               "refusal is permanent.")
        .arg(who);
}

QString whoRefused(const Analysis& analysis, const RecipientReport& r)
{
    QString s;
    const QString stage = Explainer::stagePhrase(r.smtpCommand);
    if (!r.remoteMta.isEmpty()) {
        s = u"The receiving server " + r.remoteMta + u" refused it";
        s += stage.isEmpty() ? QStringLiteral(".") : QString(u' ' + stage + u'.');
        if (!r.reportingMta.isEmpty() && !equalsCaseless(r.reportingMta, r.remoteMta))
            s += u' ' + r.reportingMta + u" wrote this report.";
    } else if (!r.reportingMta.isEmpty()) {
        s = u"The report comes from " + r.reportingMta;
        s += stage.isEmpty() ? QStringLiteral(".") : QString(u"; the refusal came " + stage + u'.');
    } else if (!stage.isEmpty()) {
        s = QStringLiteral("The refusal came %1.").arg(stage);
    }
    const RelayChain& route = analysis.originalRelay;
    if (!route.isEmpty()) {
        const RelayHop& last = route.hops.last();
        const QString lastHost =
            last.received.byHost.isEmpty() ? QStringLiteral("an unnamed server") : last.received.byHost;
        s += u" Before that, the message had passed " + QString::number(route.hops.size()) +
             (route.hops.size() == 1 ? u" server" : u" servers") + u" on its way out (the last one: " +
             lastHost + u").";
    }
    return s.trimmed();
}

// "Disposition: manual-action/MDN-sent-manually; displayed" in words: "was displayed".
QString readDispositionWords(const QString& diagnostic)
{
    const QString type =
        diagnostic.section(QLatin1Char(';'), 1).section(QLatin1Char('/'), 0, 0).trimmed().toLower();
    if (type == QLatin1String("displayed"))
        return QStringLiteral("was displayed (opened)");
    if (type == QLatin1String("deleted"))
        return QStringLiteral("was deleted without being displayed");
    if (type == QLatin1String("dispatched"))
        return QStringLiteral("was sent on without being displayed");
    if (type == QLatin1String("processed"))
        return QStringLiteral("was processed without being displayed");
    if (type == QLatin1String("denied"))
        return QStringLiteral("the recipient declined to send a receipt");
    return {};
}

QString bareReason(QString reason)
{
    reason = simplifiedText(reason);
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    return reason.left(200);
}

// A mailing list holding a post for its moderator: nothing failed yet and nothing is retried.
QString explainModerationHold(const RecipientReport& r)
{
    QString s =
        QStringLiteral("The mailing list %1 did not refuse your message and has not posted it yet: it "
                       "holds it until a moderator approves or rejects it.")
            .arg(r.address.isEmpty() ? QStringLiteral("that wrote this notice") : r.address);
    if (!r.diagnostic.isEmpty())
        s += QStringLiteral(" The list gives as its reason: %1").arg(quoteServer(bareReason(r.diagnostic)));
    s += QStringLiteral(" Do not send it again; the list says what the moderator decides. If you "
                        "are not a member and should be, subscribe the sending address, or ask the list "
                        "owner. No address is at fault: keep it.");
    return s;
}

QString explainNotAFailure(const Analysis& analysis, const RecipientAnalysis& ra)
{
    const RecipientReport& r = ra.report;
    const QString who = recipientName(r);
    const QString cause = ra.classification.cause;
    if (cause == QLatin1String("auto_reply") &&
        analysis.report.format == QLatin1String("challenge-response")) {
        return QStringLiteral(
                   "This is a challenge-response request (sent by %1), not a delivery failure: "
                   "your message is held, not delivered, until the sender confirms being a person (it "
                   "names a link or asks for a reply). For a personal message, confirm if you trust the "
                   "request; for bulk mail, nothing to do: keep the address, and do not count this as a "
                   "bounce.")
            .arg(who);
    }
    if (cause == QLatin1String("auto_reply")) {
        QString subject = analysis.message.header(u"Subject");
        QString s =
            QStringLiteral("This is an automatic reply from %1 (for example an out-of-office or vacation "
                           "message), not a delivery failure: your message reached the mailbox.")
                .arg(who);
        if (!subject.isEmpty())
            s += QStringLiteral(" Its subject is %1").arg(quoteServer(subject));
        s += QStringLiteral(" Keep the address and do not count this as a bounce.");
        return s;
    }
    if (cause == QLatin1String("feedback_report")) {
        QString s =
            QStringLiteral("This is a spam complaint (a feedback-loop report): the person at %1 marked your "
                           "message as spam")
                .arg(who);
        if (!analysis.report.feedbackUserAgent.isEmpty())
            s += QStringLiteral(", reported through %1").arg(analysis.report.feedbackUserAgent);
        s += QStringLiteral(
            ". It is not a delivery failure. Stop sending campaigns to this address, and look at why "
            "recipients complain; complaint rates weigh heavily on sender reputation.");
        return s;
    }
    if (r.format == QLatin1String("mdn")) {
        // RFC 8098 dispositions: what the recipient's mail program did with the delivered message.
        const QString what = readDispositionWords(r.diagnostic);
        QString s = QStringLiteral("This is a read receipt (a disposition notification), not a failure: the "
                                   "message reached the mailbox of %1")
                        .arg(who);
        if (!what.isEmpty())
            s += QStringLiteral(" and %1").arg(what);
        s += QStringLiteral(". Nothing to do; keep the address.");
        return s;
    }
    QString s = QStringLiteral("This is a delivery notice, not a failure: the message to %1 was %2")
                    .arg(who, r.action.isEmpty() ? QStringLiteral("delivered") : r.action.toLower());
    if (!r.remoteMta.isEmpty())
        s += QStringLiteral(" by %1").arg(r.remoteMta);
    s += QStringLiteral(". Nothing to do.");
    return s;
}

QString typeLabel(BounceType type)
{
    switch (type) {
    case BounceType::Hard:
        return QStringLiteral("hard bounce");
    case BounceType::Soft:
        return QStringLiteral("soft bounce");
    case BounceType::Deferred:
        return QStringLiteral("deferral");
    case BounceType::None:
        return QStringLiteral("not a failure");
    case BounceType::Unknown:
        break;
    }
    return QStringLiteral("failure of unclear kind");
}

} // namespace

QString Explainer::stagePhrase(const QString& smtpCommand)
{
    const QString s = lowered(smtpCommand);
    if (s.isEmpty())
        return QString();
    if (s.contains(QLatin1String("rcpt")))
        return QStringLiteral(
            "at RCPT TO, as soon as it was told the recipient address and before any content was sent");
    if (s.contains(QLatin1String("data")) || s.contains(QLatin1String("end of")))
        return QStringLiteral(
            "after it had received the message content (at the end of DATA), so the address itself "
            "was accepted");
    if (s.contains(QLatin1String("mail")))
        return QStringLiteral("at MAIL FROM, as soon as it saw the sender address");
    if (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("helo")) ||
        s.contains(QLatin1String("ehlo")) || s.contains(QLatin1String("greeting")))
        return QStringLiteral("at connection time, before any address was sent");
    return QStringLiteral("at the %1 step").arg(smtpCommand);
}

QString Explainer::explainRecipient(const Analysis& analysis, const RecipientAnalysis& ra)
{
    const Classification& c = ra.classification;
    if (c.type == BounceType::None)
        return explainNotAFailure(analysis, ra);

    const RecipientReport& r = ra.report;
    if (r.format == QLatin1String("list-moderation"))
        return explainModerationHold(r);
    const CauseCatalog::Entry& entry = CauseCatalog::entry(c.cause);
    QStringList parts;
    parts << whatHappened(analysis, ra);
    // Said early: whose side a refusal concerns is what the user acts on.
    for (const Evidence& e : c.evidence) {
        if (e.rule == QLatin1String("about.sender") && !e.text.isEmpty())
            parts << QStringLiteral("The refusal concerns your side, not the recipient's address: %1.")
                         .arg(e.text);
    }
    const QString refused = whoRefused(analysis, r);
    if (!refused.isEmpty())
        parts << refused;
    if (!QStringView(r.diagnostic).trimmed().isEmpty())
        parts << u"The server said: " + quoteServer(r.diagnostic);
    else if (!r.status.isEmpty() || r.replyCode > 0)
        parts << QStringLiteral("The report gives no server text, only the code %1.")
                     .arg(QStringList{r.replyCode > 0 ? QString::number(r.replyCode) : QString(), r.status}
                              .join(QLatin1Char(' '))
                              .trimmed());

    const auto bare = [](QString s) {
        while (s.endsWith(QLatin1Char('.')))
            s.chop(1);
        return s;
    };
    QStringList codes;
    if (r.replyCode > 0 && !SmtpStatus::replyCodeMeaning(r.replyCode).isEmpty())
        codes << QString::number(r.replyCode) + u" means \u201C" +
                     bare(SmtpStatus::replyCodeMeaning(r.replyCode)) + u'\u201D';
    if (!r.status.isEmpty()) {
        // A provider's meaning only when that provider's server said it.
        const SmtpStatus::Meaning m = SmtpStatus::enhancedStatusMeaning(
            r.status,
            QString(r.remoteMta + QLatin1Char(' ') + r.reportingMta + QLatin1Char(' ') + r.diagnostic));
        if (m.known && !m.detail.isEmpty())
            codes << r.status + u" means \u201C" + bare(m.detail) + u'\u201D';
    }
    if (!codes.isEmpty())
        parts << u"In SMTP terms, " + codes.join(QStringLiteral(" and ")) + u'.';
    QString meaning = u"What it means: " + entry.meaning;
    if (c.cause == QLatin1String("domain_unknown") || c.cause == QLatin1String("domain_not_accepting")) {
        const QString domain = domainOf(r.address);
        if (!domain.isEmpty())
            meaning += QStringLiteral(" (The domain is %1.)").arg(domain);
    }
    parts << meaning;
    for (const Evidence& e : c.evidence) {
        if (e.rule == QLatin1String("refine.unknown_unconfirmed"))
            parts << QStringLiteral(
                "The words say the user is unknown, but the server did not refuse the address at "
                "RCPT TO and gave no mailbox status, so a filter may be speaking. Keep the address "
                "for now; if the next message to it bounces the same way, remove it.");
    }
    if (c.cause == QLatin1String("expired")) {
        const QString underlying = BounceClassifier::underlyingCause(analysis.report, r);
        if (!underlying.isEmpty()) {
            const CauseCatalog::Entry& last = CauseCatalog::entry(underlying);
            parts << QStringLiteral("The last error before it gave up: %1 — %2")
                         .arg(last.title.toLower(), last.meaning);
        } else if (!r.diagnostic.isEmpty()) {
            parts << QStringLiteral("The last error before it gave up is the server text quoted above.");
        }
    }
    parts << sideSentence(c.side);
    if (c.type == BounceType::Deferred) {
        if (c.side == Side::Sender)
            parts << QStringLiteral(
                         "What to do: the sending server retries on its own, but the retries will fail "
                         "until this is fixed. %1")
                         .arg(entry.todo);
        else
            parts << QStringLiteral(
                         "What to do: nothing yet; the sending server retries automatically. If it finally "
                         "gives up, a bounce will follow. %1")
                         .arg(c.cause == QLatin1String("rate_limited") ? entry.todo : QString());
    } else {
        parts << u"What to do: " + entry.todo;
    }
    parts << impactSentence(c);
    parts << SenderFindings::sentenceFor(analysis, ra);
    QStringList cleaned;
    for (const QString& p : std::as_const(parts)) {
        if (!p.trimmed().isEmpty())
            cleaned << p.trimmed();
    }
    return cleaned.join(QLatin1Char(' '));
}

QString Explainer::summarize(const Analysis& analysis)
{
    if (analysis.message.headers.isEmpty() && !analysis.report.isReport())
        return analysis.errors.isEmpty()
                   ? QStringLiteral("Nothing could be analysed.")
                   : QStringLiteral("Nothing could be analysed: %1").arg(analysis.errors.first());

    const QList<RecipientAnalysis>& recipients = analysis.recipients;
    if (analysis.report.format == QLatin1String("list-moderation") && !recipients.isEmpty()) {
        const RecipientReport& r = recipients.first().report;
        return QStringLiteral("A mailing list%1 is holding the message for its moderator%2: not a bounce; "
                              "the moderator will post or reject it.")
            .arg(r.address.isEmpty() ? QString() : QStringLiteral(" (") + r.address + QLatin1Char(')'),
                 r.diagnostic.isEmpty() ? QString()
                                        : QStringLiteral(" (") + bareReason(r.diagnostic) + QLatin1Char(')'));
    }
    switch (analysis.report.kind) {
    case ReportKind::NotAReport: {
        const RelayChain& chain = analysis.relay;
        QString s = analysis.message.shape == InputShape::Message
                        ? QStringLiteral("An ordinary message, not a delivery report")
                        : QStringLiteral("A header block, not a delivery report");
        if (chain.isEmpty())
            return s + QStringLiteral("; it carries no Received fields, so its route is unknown.");
        s += QStringLiteral(": it passed %1 %2")
                 .arg(chain.hops.size())
                 .arg(chain.hops.size() == 1 ? QStringLiteral("hop") : QStringLiteral("hops"));
        if (chain.totalSeconds)
            s += QStringLiteral(" in %1").arg(TextSummary::formatDuration(*chain.totalSeconds));
        const int longest = chain.longestDelayIndex();
        if (longest >= 0 && chain.hops.size() > 2) {
            const RelayHop& hop = chain.hops[longest];
            const qint64 d = hop.delaySeconds ? *hop.delaySeconds : hop.bridgedDelaySeconds.value_or(0);
            if (d >= 60)
                s += QStringLiteral("; the longest wait was %1 before hop %2 (%3)")
                         .arg(TextSummary::formatDuration(d))
                         .arg(hop.number)
                         .arg(hop.received.byHost.isEmpty() ? QStringLiteral("unnamed server")
                                                            : hop.received.byHost);
        }
        for (const RelayHop& hop : chain.hops) {
            if (hop.clockSkew) {
                s += QStringLiteral("; the clock of %1 looks wrong").arg(hop.skewedHost);
                break;
            }
        }
        return s + QLatin1Char('.');
    }
    case ReportKind::AutoReply:
        if (analysis.report.format == QLatin1String("challenge-response"))
            return QStringLiteral("A challenge-response request%1, not a bounce: the message is held until "
                                  "the sender confirms being a person.")
                .arg(recipients.isEmpty() || recipients.first().report.address.isEmpty()
                         ? QString()
                         : QStringLiteral(" from ") + recipients.first().report.address);
        return QStringLiteral("An automatic reply%1, not a bounce: the message was delivered.")
            .arg(recipients.isEmpty() || recipients.first().report.address.isEmpty()
                     ? QString()
                     : QStringLiteral(" from ") + recipients.first().report.address);
    case ReportKind::FeedbackReport:
        return QStringLiteral(
                   "A spam complaint (feedback report)%1: stop sending to this address (suppress it).")
            .arg(recipients.isEmpty() || recipients.first().report.address.isEmpty()
                     ? QString()
                     : QStringLiteral(" about mail sent to ") + recipients.first().report.address);
    case ReportKind::DeliveryNotice:
        if (analysis.report.format == QLatin1String("mdn"))
            return QStringLiteral("A read receipt, not a bounce: the message was delivered%1.")
                .arg(recipients.isEmpty() || recipients.first().report.address.isEmpty()
                         ? QString()
                         : QStringLiteral(" to ") + recipients.first().report.address);
        return QStringLiteral("A delivery notice: the message was delivered%1.")
            .arg(recipients.isEmpty() || recipients.first().report.address.isEmpty()
                     ? QString()
                     : QStringLiteral(" to ") + recipients.first().report.address);
    case ReportKind::Bounce:
    case ReportKind::DelayNotice:
        break;
    }
    if (recipients.isEmpty())
        return analysis.report.kind == ReportKind::DelayNotice
                   ? QStringLiteral("A delay notice, but no recipient could be read from it.")
                   : QStringLiteral(
                         "A bounce, but no recipient could be read from it; read the report text below.");

    if (recipients.size() == 1) {
        const RecipientAnalysis& r = recipients.first();
        const Classification& c = r.classification;
        const CauseCatalog::Entry& entry = CauseCatalog::entry(c.cause);
        // A bounce whose kind the words do not tell is still a bounce (DOMAIN.md).
        QString s = c.type == BounceType::Unknown && analysis.report.kind == ReportKind::Bounce
                        ? QStringLiteral("bounce of unclear kind")
                        : typeLabel(c.type);
        s[0] = s[0].toUpper();
        s += QStringLiteral(" for %1: %2.").arg(recipientName(r.report), lowered(entry.title));
        switch (c.advice) {
        case Advice::RemoveAddress:
            s += QStringLiteral(" Remove the address.");
            break;
        case Advice::StopSending:
            s += QStringLiteral(" Stop sending to this address.");
            break;
        case Advice::FixSenderKeepAddress:
            s += QStringLiteral(" Fix the sending side and keep the address.");
            break;
        // A bounce is final: the server will not retry it, so the advice is to send again.
        case Advice::RetryAndMonitor:
            s += c.type == BounceType::Deferred
                     ? QStringLiteral(" The server keeps retrying; keep an eye on it.")
                     : QStringLiteral(" Send it again later and keep an eye on it.");
            break;
        case Advice::RetryAndReduceRate:
            s += c.type == BounceType::Deferred
                     ? QStringLiteral(" The server keeps retrying; send to this receiver at a lower rate.")
                     : QStringLiteral(" Send it again later at a lower sending rate.");
            break;
        case Advice::Investigate:
            s += QStringLiteral(" Look into it before acting on the address.");
            break;
        case Advice::None:
            break;
        }
        return s;
    }

    // Several recipients: group by verdict, in report order of first appearance.
    QList<QString> order;
    QMap<QString, int> counts;
    int removals = 0;
    for (const RecipientAnalysis& r : recipients) {
        const QString key = typeLabel(r.classification.type) + QStringLiteral(" (") +
                            lowered(CauseCatalog::entry(r.classification.cause).title) + QLatin1Char(')');
        if (!counts.contains(key))
            order.append(key);
        counts[key] += 1;
        removals += r.classification.removeAddress ? 1 : 0;
    }
    QStringList pieces;
    for (const QString& key : std::as_const(order))
        pieces << QStringLiteral("%1 × %2").arg(counts.value(key)).arg(key);
    QString s =
        QStringLiteral("%1 recipients: %2.").arg(recipients.size()).arg(pieces.join(QStringLiteral(", ")));
    if (removals > 0)
        s += QStringLiteral(" Remove %1 address%2; keep the others.")
                 .arg(removals)
                 .arg(removals == 1 ? QString() : QStringLiteral("es"));
    return s;
}

} // namespace headerlens
