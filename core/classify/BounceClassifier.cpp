#include "BounceClassifier.h"

#include "CauseCatalog.h"
#include "ClassificationRules.h"
#include "RefusalSubject.h"
#include "RegexSubject.h"
#include "SmtpStatus.h"
#include "TextSearch.h"

#include <QRegularExpression>

#include <algorithm>

namespace headerlens {

namespace {

// Where the recipient's action comes from: a delivery status notification's Action field is
// quoted as written; a report in another layout, or a pasted reply, only says it in words.
Evidence actionEvidence(const RecipientReport& recipient)
{
    if (recipient.actionFromStatus)
        return {QStringLiteral("dsn.status_class"),
                QStringLiteral("no Action field; Status ") + recipient.status +
                    (recipient.action == QLatin1String("failed") ? QStringLiteral(" is a permanent failure")
                                                                 : QStringLiteral(" is a success"))};
    if (recipient.format.startsWith(QLatin1String("rfc3464")))
        return {QStringLiteral("dsn.action"), QStringLiteral("Action: ") + recipient.action};
    const bool reply = recipient.format == QLatin1String("reply-text");
    QString said;
    if (recipient.action == QLatin1String("failed"))
        said = reply ? QStringLiteral("the reply refuses the message")
                     : QStringLiteral("the report says the message was not delivered");
    else if (recipient.action == QLatin1String("delayed"))
        said = reply ? QStringLiteral("the reply asks to try again later")
                     : QStringLiteral("the report says delivery is delayed and still being tried");
    else if (recipient.action == QLatin1String("delivered"))
        said = QStringLiteral("the report says the message was delivered");
    else
        said = QStringLiteral("the report's action: ") + recipient.action;
    return {QStringLiteral("report.action"), said};
}

bool isSuccessAction(const QString& action)
{
    // "deliverable" is what some MTAs answer to a verification request (RFC 3464 lists the others).
    return action == QLatin1String("delivered") || action == QLatin1String("relayed") ||
           action == QLatin1String("expanded") || action == QLatin1String("deliverable");
}

// The report's words without the lines a mailer writes from a reply code alone: Sendmail answers
// any 550 to RCPT TO with its own "550 5.1.1 <a@b.example>... User unknown" after the server's
// "<<< 550 ..." line, whatever the server said. Where the server's line is there, the stock line
// says nothing of its own.
QString withoutMailerStockLines(const QString& text)
{
    if (!text.contains(QLatin1String("<<<")) ||
        !containsCaseless(text, QLatin1StringView("... User unknown")))
        return text;
    static const QRegularExpression stock(QStringLiteral(
        "(?m)(^\\s*<<<[^\\n]*\\n)\\s*5\\d\\d 5\\.1\\.1 <[^>\\n]*>\\.\\.\\. User unknown\\s*$"));
    QString out = text;
    out.replace(stock, QStringLiteral("\\1"));
    return out;
}

// The server's words for this recipient; the report's human-readable text stands in only when
// the report speaks of a single recipient and gives no diagnostic.
QString serverText(const DeliveryReport& report, const RecipientReport& recipient)
{
    if (!QStringView(recipient.diagnostic).trimmed().isEmpty())
        return recipient.diagnostic;
    if (report.recipients.size() <= 1)
        return report.humanText.left(4000);
    return QString();
}

// Cisco's email security appliance puts its own label before the reply it got: "5.1.0 - Unknown
// address error ('550', ['5.7.1 Message rejected due to content restrictions'])". It writes that
// label for any refusal at RCPT TO, whatever the reason; the reply after it is the server's own
// words and decides (DOMAIN.md, "Reading the words"). The label goes when a reply follows it.
QString withoutApplianceLabel(const QString& text)
{
    // Most texts start with a reply code or a word: only "d.d" can start such a label.
    const QStringView t = QStringView(text).trimmed();
    if (t.size() < 8 || !(t[0] == u'2' || t[0] == u'4' || t[0] == u'5') || t[1] != u'.')
        return text;
    static const QRegularExpression label(
        QStringLiteral("^\\s*[245]\\.\\d{1,3}\\.\\d{1,3} - [A-Z][A-Za-z ]{2,40}(?:\\([a-z ]{2,30}\\))?\\s*"
                       "(?=\\(?'?[245]\\d\\d\\b)"));
    const QRegularExpressionMatch m = RegexSubject::match(label, text);
    return m.hasMatch() ? text.mid(m.capturedEnd()) : text;
}

// Some replies name their own SMTP step: Postfix writes "Recipient address rejected" only at
// RCPT TO and "Sender address rejected" only at MAIL FROM (its smtpd_*_restrictions).
QString stageFromWords(const QString& text)
{
    if (containsCaseless(text, QLatin1StringView("Recipient address rejected")))
        return QStringLiteral("RCPT TO");
    if (containsCaseless(text, QLatin1StringView("Sender address rejected")))
        return QStringLiteral("MAIL FROM");
    return QString();
}

RefusalSubject::Finding subjectOf(const DeliveryReport& report, const RecipientReport& recipient,
                                  const RuleFacts& facts)
{
    RefusalSubject::Facts f;
    f.text = facts.serverWords ? facts.text : QString();
    f.stage = facts.stage;
    f.status = facts.status;
    f.recipient = recipient.address;
    f.senders = report.senders;
    f.remoteMta = recipient.remoteMta;
    return RefusalSubject::decide(f);
}

RuleFacts factsFor(const DeliveryReport& report, const RecipientReport& recipient)
{
    RuleFacts facts;
    facts.text = withoutApplianceLabel(serverText(report, recipient));
    facts.serverWords = !QStringView(recipient.diagnostic).trimmed().isEmpty();
    facts.status = recipient.status;
    facts.replyCode = recipient.replyCode;
    facts.stage = recipient.smtpCommand.isEmpty() ? stageFromWords(facts.text) : recipient.smtpCommand;
    facts.action = lowered(recipient.action);
    facts.diagnosticType = recipient.diagnosticType;
    facts.mta = QString(recipient.remoteMta + QLatin1Char(' ') + recipient.reportingMta).trimmed();
    facts.format = recipient.format.isEmpty() ? report.format : recipient.format;
    facts.finalFailure = report.kind != ReportKind::DelayNotice && facts.action != QLatin1String("delayed");
    facts.reportSaysPermanent = report.saysPermanent && facts.finalFailure;
    facts.about = RefusalSubject::toString(subjectOf(report, recipient, facts).party);
    return facts;
}

double baseConfidence(const RuleMatch& match)
{
    switch (match.source) {
    case RuleMatch::Source::Text:
        if (match.priority >= 90)
            return 0.9;
        if (match.priority >= 70)
            return 0.8;
        return 0.6;
    case RuleMatch::Source::Status:
        return match.priority >= 55 ? 0.75 : 0.6;
    case RuleMatch::Source::ReplyCode:
        return 0.4;
    case RuleMatch::Source::Refinement:
        break;
    }
    return 0.7;
}

Classification notAFailure(const QString& cause, const QString& rule, const QString& text)
{
    Classification c;
    c.type = BounceType::None;
    c.cause = cause;
    c.side = Side::None;
    c.advice = CauseCatalog::entry(cause).advice; // none, or stop_sending for a complaint
    c.removeAddress = false;
    c.reputationImpact = ReputationImpact::None;
    c.confidence = 0.95;
    c.evidence.append({rule, text});
    return c;
}

ReputationImpact softened(ReputationImpact impact)
{
    return impact == ReputationImpact::High ? ReputationImpact::Moderate : impact;
}

} // namespace

QString BounceClassifier::underlyingCause(const DeliveryReport& report, const RecipientReport& recipient)
{
    RuleFacts facts = factsFor(report, recipient);
    facts.status.clear(); // the status says "expired"; only the words tell what failed
    const auto match = ClassificationRules::bestMatch(facts, {QStringLiteral("expired")});
    if (!match || match->source != RuleMatch::Source::Text)
        return QString();
    return match->cause;
}

Classification BounceClassifier::classify(const DeliveryReport& report, const RecipientReport& recipient)
{
    // Reports that are not failures at all.
    switch (report.kind) {
    case ReportKind::AutoReply:
        return notAFailure(QStringLiteral("auto_reply"), QStringLiteral("kind.auto_reply"),
                           QStringLiteral("an automatic reply (RFC 3834), not a delivery report"));
    case ReportKind::FeedbackReport: {
        // A complaint: the address works, but its owner does not want this mail. Stop sending
        // to it (DOMAIN.md: advice stop_sending); complaints weigh on reputation.
        Classification c = notAFailure(
            QStringLiteral("feedback_report"), QStringLiteral("kind.feedback_report"),
            report.feedbackType.isEmpty() ? QStringLiteral("an ARF feedback report (RFC 5965)")
                                          : QStringLiteral("Feedback-Type: ") + report.feedbackType);
        c.advice = Advice::StopSending;
        c.reputationImpact = ReputationImpact::Moderate;
        return c;
    }
    case ReportKind::DeliveryNotice:
        return notAFailure(QStringLiteral("delivered"), QStringLiteral("kind.delivery_notice"),
                           recipient.action.isEmpty() ? QStringLiteral("a delivery notice")
                                                      : QStringLiteral("Action: ") + recipient.action);
    case ReportKind::Bounce:
    case ReportKind::DelayNotice:
    case ReportKind::NotAReport:
        break;
    }
    const QString action = lowered(recipient.action);
    if (isSuccessAction(action))
        return notAFailure(QStringLiteral("delivered"), QStringLiteral("dsn.action"),
                           QStringLiteral("Action: ") + action);

    RuleFacts facts = factsFor(report, recipient);
    Classification c;
    QList<RuleMatch> matches = ClassificationRules::allMatches(facts);
    // The recipient's own line says nothing the rules know ("the following reason:"), but the
    // report's text does: its words then speak of every recipient it lists.
    const auto hasTextRule = [](const QList<RuleMatch>& list) {
        return std::any_of(list.cbegin(), list.cend(), [](const RuleMatch& m) {
            return m.source == RuleMatch::Source::Text && m.priority >= 70;
        });
    };
    // Not for a recipient the server accepted (its own reply is 2xx), nor in a report whose
    // recipients have words of their own: another recipient's refusal says nothing about this one
    // (an Exim report listing "no longer exists", "retry timeout exceeded" and "over quota" gave
    // each address its neighbour's reason).
    const bool accepted = SmtpStatus::isAcceptance(facts.replyCode, facts.status);
    // (Words without a reply code or status are the layout's boilerplate, "the following reason:",
    // and do not count: such a recipient still reads the report's words.)
    const auto ownWordsElsewhere = [&] {
        if (recipient.replyCode == 0 && recipient.status.isEmpty())
            return false;
        const QString own = simplifiedText(recipient.diagnostic);
        return std::any_of(
            report.recipients.cbegin(), report.recipients.cend(), [&](const RecipientReport& other) {
                return &other != &recipient && (other.replyCode > 0 || !other.status.isEmpty()) &&
                       simplifiedText(other.diagnostic) != own;
            });
    };
    if (!hasTextRule(matches) && facts.serverWords && !accepted &&
        !QStringView(report.humanText).trimmed().isEmpty() && !ownWordsElsewhere()) {
        RuleFacts reportWords = facts;
        reportWords.text = withoutMailerStockLines(report.humanText.left(4000));
        reportWords.serverWords = false;
        // Whose refusal it is, as the report's words say it (a multi-line sender check whose
        // first line alone is the recipient's diagnostic: "Sender verify failed" comes later).
        if (reportWords.about != QLatin1String("sender")) {
            // Only the server's own lines in the report's transcript ("<<< 550-..."): the rest of
            // the report quotes the sender's address for other reasons. A sender check named in
            // them outweighs the SMTP step (it answers RCPT TO too).
            static const QRegularExpression serverLine(QStringLiteral("(?m)^\\s*<<<\\s*(.*)$"));
            QStringList lines;
            for (auto it = serverLine.globalMatch(reportWords.text); it.hasNext();)
                lines.append(it.next().captured(1));
            if (!lines.isEmpty()) {
                RuleFacts transcript = reportWords;
                transcript.text = lines.join(QLatin1Char(' '));
                transcript.serverWords = true;
                transcript.stage.clear();
                if (subjectOf(report, recipient, transcript).party == RefusalSubject::Party::Sender)
                    reportWords.about = QStringLiteral("sender");
            }
        }
        QList<RuleMatch> more = ClassificationRules::allMatches(reportWords);
        more.removeIf(
            [](const RuleMatch& m) { return m.source != RuleMatch::Source::Text || m.priority < 70; });
        if (!more.isEmpty()) {
            facts.about = reportWords.about;
            matches = more + matches;
            std::stable_sort(matches.begin(), matches.end(),
                             [](const RuleMatch& a, const RuleMatch& b) { return a.priority > b.priority; });
        }
    }
    const bool stillQueued = report.kind == ReportKind::DelayNotice || action == QLatin1String("delayed");
    if (stillQueued) {
        // A message that is still being retried has not expired: what matters is why it waits.
        matches.removeIf([](const RuleMatch& m) { return m.cause == QLatin1String("expired"); });
    }
    RuleMatch decided;
    if (!matches.isEmpty()) {
        decided = matches.first();
        c.cause = decided.cause;
        c.confidence = baseConfidence(decided);
        c.evidence.append({decided.id, decided.matchedText});
        // Agreement or conflict with the strongest status-code rule.
        for (const RuleMatch& m : std::as_const(matches)) {
            if (m.source != RuleMatch::Source::Status || m.id == decided.id)
                continue;
            if (m.cause == decided.cause)
                c.confidence += 0.07;
            else if (m.priority >= 55)
                c.confidence -= 0.1;
            c.evidence.append({m.id, m.matchedText});
            break;
        }
    } else {
        c.cause = QStringLiteral("undetermined");
        c.confidence = 0.2;
    }

    if (auto refined = ClassificationRules::refinement(facts, c.cause, decided.id)) {
        c.cause = refined->cause;
        c.evidence.append({refined->id, refined->reason});
    }
    // A transient error (a connection, a server, throttling) the sender kept retrying until its
    // queue time ran out: the failure is the expiry, and the error is why (DOMAIN.md: expired,
    // judge the last error too). A known state of the mailbox or of the sender stays the cause.
    // X.4.7 (delivery time expired, RFC 3463) says the same in a code.
    // ... and so do the server's or the report's own words ("pengiriman dihentikan", "gave up"),
    // when a transient error was the stronger match.
    const bool wordsExpired = std::any_of(matches.cbegin(), matches.cend(), [](const RuleMatch& m) {
        return m.cause == QLatin1String("expired") && m.source == RuleMatch::Source::Text;
    });
    const bool statusExpired = recipient.timeExpired || SmtpStatus::isTimeExpired(recipient.status);
    if ((report.saysRetriesOver || statusExpired || wordsExpired) && facts.finalFailure &&
        c.cause != QLatin1String("expired") &&
        CauseCatalog::entry(c.cause).nature == CauseCatalog::Nature::Transient) {
        c.evidence.prepend({QStringLiteral("report.retries_over"),
                            statusExpired && !report.saysRetriesOver
                                ? QStringLiteral("status X.4.7: delivery time expired")
                                : QStringLiteral("the report says the sending server stopped retrying")});
        c.cause = QStringLiteral("expired");
    }
    // Whose address or host the refusal is about, when that is the sender: users act on it
    // (keep the recipient, fix the sending side).
    if (facts.about == QLatin1String("sender") && CauseCatalog::entry(c.cause).side == Side::Sender) {
        const RefusalSubject::Finding who = subjectOf(report, recipient, facts);
        c.evidence.append({QStringLiteral("about.sender"), who.reason});
    }

    // Facts the decision rested on, for the evidence list.
    if (!recipient.action.isEmpty())
        c.evidence.append(actionEvidence(recipient));
    if (!recipient.status.isEmpty() &&
        !std::any_of(c.evidence.cbegin(), c.evidence.cend(),
                     [](const Evidence& e) { return e.rule.startsWith(QLatin1String("status.")); }))
        c.evidence.append({QStringLiteral("dsn.status"), QStringLiteral("Status: ") + recipient.status});
    if (recipient.replyCode > 0)
        c.evidence.append({QStringLiteral("smtp.reply_code"), QString::number(recipient.replyCode)});
    if (!recipient.smtpCommand.isEmpty())
        c.evidence.append({QStringLiteral("smtp.stage"), recipient.smtpCommand});
    if (recipient.format == QLatin1String("list-moderation"))
        c.evidence.append({QStringLiteral("list.moderation_hold"),
                           QStringLiteral("a mailing list holds the message for its moderator")});
    else if (report.kind == ReportKind::DelayNotice)
        c.evidence.append({QStringLiteral("kind.delay_notice"),
                           QStringLiteral("a delay notice: the sender keeps retrying")});

    const CauseCatalog::Entry& entry = CauseCatalog::entry(c.cause);
    const int statusClass = facts.statusClass();
    const bool deferred = stillQueued;
    // A domain-level DNS finding while the sender still retries may change (a lapsed
    // registration, a DNS fix): not yet a reason to remove. A final failure on it is.
    const bool domainLevel =
        c.cause == QLatin1String("domain_unknown") || c.cause == QLatin1String("domain_not_accepting");
    const bool temporaryDomainFinding = domainLevel && stillQueued;
    // A temporary status alone (4.1.1, no words saying the address is gone) is no reason to remove:
    // the server may answer otherwise on the next try (Postfix's "unverified address: Address
    // verification in progress" is a 450 4.1.1). Words such as "user unknown" still decide.
    const bool temporaryCodeOnly = entry.nature == CauseCatalog::Nature::Gone && statusClass == 4 &&
                                   !matches.isEmpty() && decided.source != RuleMatch::Source::Text &&
                                   c.cause == decided.cause;

    switch (entry.nature) {
    case CauseCatalog::Nature::Gone:
        c.type = temporaryDomainFinding || temporaryCodeOnly ? BounceType::Soft : BounceType::Hard;
        break;
    case CauseCatalog::Nature::Recipient:
    case CauseCatalog::Nature::Transient:
        c.type = BounceType::Soft;
        break;
    case CauseCatalog::Nature::Sender:
        c.type = statusClass == 4 ? BounceType::Soft : BounceType::Hard;
        break;
    case CauseCatalog::Nature::None:
        c.type = BounceType::None;
        break;
    case CauseCatalog::Nature::Unknown:
        c.type = BounceType::Unknown;
        break;
    }
    if (deferred && c.type != BounceType::None)
        c.type = BounceType::Deferred;

    c.side = entry.side;
    c.removeAddress =
        entry.nature == CauseCatalog::Nature::Gone && !temporaryDomainFinding && !temporaryCodeOnly;
    // The address the sender wrote was passed on (Original-Recipient differs from
    // Final-Recipient: a list or an alias expanded it), and what failed is the mailbox it was
    // passed to. The address written may be a whole list: it is not removed on one member's
    // failure; where it leads is for the user to look at.
    const bool expanded = c.removeAddress && recipient.originalRecipient.contains(QLatin1Char('@')) &&
                          recipient.finalRecipient.contains(QLatin1Char('@')) &&
                          !equalsCaseless(recipient.originalRecipient, recipient.finalRecipient) &&
                          equalsCaseless(recipient.address, recipient.originalRecipient);
    if (expanded) {
        c.removeAddress = false;
        c.evidence.append({QStringLiteral("report.expanded"),
                           QStringLiteral("%1 was passed on to %2, and that is the mailbox that failed")
                               .arg(recipient.originalRecipient, recipient.finalRecipient)});
    }
    c.advice = c.removeAddress ? Advice::RemoveAddress : entry.advice;
    if (!c.removeAddress && c.advice == Advice::RemoveAddress)
        c.advice = expanded ? Advice::Investigate : Advice::RetryAndMonitor;
    c.reputationImpact = entry.impact;
    if (c.type == BounceType::Deferred)
        c.reputationImpact = ReputationImpact::VeryLow;
    else if (c.type == BounceType::Soft)
        c.reputationImpact = softened(entry.impact);

    if (c.cause == QLatin1String("expired")) {
        const QString underlying = underlyingCause(report, recipient);
        if (!underlying.isEmpty())
            c.evidence.append({QStringLiteral("expired.last_error"), CauseCatalog::entry(underlying).title});
    }
    c.confidence = qBound(0.05, c.confidence, 0.99);
    return c;
}

} // namespace headerlens
