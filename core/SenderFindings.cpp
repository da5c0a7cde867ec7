#include "SenderFindings.h"

#include "Analysis.h"
#include "BlocklistCatalog.h"
#include "DomainName.h"
#include "IpAddress.h"
#include "RegexSubject.h"
#include "TextSearch.h"

#include <QRegularExpression>

namespace headerlens {

const char* toString(SenderFinding::Severity severity)
{
    switch (severity) {
    case SenderFinding::Severity::Problem:
        return "problem";
    case SenderFinding::Severity::Warning:
        return "warning";
    case SenderFinding::Severity::Info:
        break;
    }
    return "info";
}

namespace {

bool isReportWithOriginal(const Analysis& analysis)
{
    return analysis.report.isReport();
}

// The assessment and route of the message the sender sent: the returned original inside a
// report, the input itself otherwise.
const AuthenticationAssessment& sendersAuthentication(const Analysis& analysis)
{
    return isReportWithOriginal(analysis) ? analysis.originalAuthAssessment : analysis.authAssessment;
}

} // namespace

QList<IpAddress> SenderFindings::addressesIn(const QString& text)
{
    static const QRegularExpression candidate(QStringLiteral(
        "(?<![0-9A-Za-z.:])((?:[0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})"
        "(?![0-9A-Za-z:])"));
    QList<IpAddress> out;
    const auto take = [&](const QString& m) {
        if (m.count(QLatin1Char(':')) >= 2 && m.size() < 3)
            return;
        if (const auto ip = IpAddress::parse(m))
            out.append(*ip);
    };
    if (RegexSubject::hasSurrogates(text)) {
        // PCRE checks such a text for valid UTF-16 at each match: left to it whole.
        auto it = RegexSubject::globalMatch(candidate, text);
        while (it.hasNext())
            take(it.next().captured(1));
        return out;
    }
    // A match is made of [0-9A-Fa-f.:] and follows none of [0-9A-Za-z.:]: it can start only
    // where a run of those characters starts, and a run holds at most one (every later position
    // follows one of them). It needs three dots or two colons. So the expression is tried only at
    // the start of the runs that hold them, anchored there: the matches of a search through the
    // whole text, without the search (the text of a long report has a start for it at every
    // letter).
    const auto inRun = [](char16_t c) {
        return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
               c == u'.' || c == u':';
    };
    const char16_t* units = QStringView(text).utf16(); // QString::utf16() may copy (static text)
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        if (!inRun(units[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        int dots = 0;
        int colons = 0;
        for (; i < size && inRun(units[i]); ++i) {
            dots += units[i] == u'.';
            colons += units[i] == u':';
        }
        if (dots < 3 && colons < 2)
            continue;
        const QRegularExpressionMatch m =
            candidate.match(text, start, QRegularExpression::NormalMatch,
                            QRegularExpression::AnchorAtOffsetMatchOption |
                                QRegularExpression::DontCheckSubjectStringMatchOption);
        if (m.hasMatch())
            take(m.captured(1));
    }
    return out;
}

namespace {

// What DMARC needs of the sender whose From domain's organization is `organization`.
QString dmarcNeedsAnAlignedPass(const QString& organization)
{
    return u"DMARC needs SPF or DKIM to pass for the From domain's organization: sign with d=" +
           organization + u" and/or send with a MAIL FROM (Return-Path) under " + organization + u'.';
}

const RelayHop* hopNumbered(const RelayChain& chain, int number)
{
    for (const RelayHop& hop : chain.hops) {
        if (hop.number == number)
            return &hop;
    }
    return nullptr;
}

bool isPublic(const QString& address)
{
    const auto ip = IpAddress::parse(address);
    return ip && !ip->isPrivate();
}

QString hostOf(const ReceivedHop& r)
{
    if (!r.fromHost.isEmpty())
        return r.fromHost;
    if (!r.fromHelo.isEmpty())
        return r.fromHelo;
    return r.fromIp.isEmpty() ? QStringLiteral("an unnamed client") : r.fromIp;
}

QString inlineTitle(const QString& title)
{
    if (title.size() > 1 && title[0].isUpper() && !title[1].isUpper())
        return title[0].toLower() + title.mid(1);
    return title;
}

bool findingWithPrefix(const QList<SenderFinding>& findings, const QString& prefix)
{
    for (const SenderFinding& f : findings) {
        if (f.id.startsWith(prefix))
            return true;
    }
    return false;
}

void addBlocklists(const Analysis& analysis, QList<SenderFinding>& findings)
{
    for (const RecipientAnalysis& ra : analysis.recipients) {
        const QString& text = ra.report.diagnostic;
        for (const BlocklistCatalog::Entry* e : BlocklistCatalog::match(text)) {
            const QString id = QStringLiteral("blocklist.") + e->id;
            SenderFinding* existing = nullptr;
            for (SenderFinding& f : findings) {
                if (f.id == id)
                    existing = &f;
            }
            const QString who =
                ra.report.address.isEmpty() ? QStringLiteral("a recipient") : ra.report.address;
            if (existing) {
                if (!existing->recipients.contains(who))
                    existing->recipients << who;
                continue;
            }
            SenderFinding f;
            f.id = id;
            f.kind = QStringLiteral("blocklist");
            f.severity = SenderFinding::Severity::Problem;
            f.title = QStringLiteral("Listed on %1").arg(e->name);
            f.recipients << who;
            const QList<IpAddress> ips = SenderFindings::addressesIn(text);
            for (const IpAddress& ip : ips) {
                if (!ip.isPrivate()) {
                    f.ip = ip.toString();
                    break;
                }
            }
            QString excerpt = simplifiedText(text);
            if (excerpt.size() > 240)
                excerpt = excerpt.left(237) + QStringLiteral("...");
            f.detail =
                QStringLiteral("The refusal for %1 names %2 (it judges the sending %3%4): \u201C%5\u201D")
                    .arg(who, e->name,
                         e->scope == QLatin1String("domain") ? QStringLiteral("domain")
                                                             : QStringLiteral("IP address"),
                         f.ip.isEmpty() ? QString() : QStringLiteral(" ") + f.ip, excerpt);
            f.action = e->advice;
            f.delistingPage = e->delisting;
            findings.append(f);
        }
    }
}

void addSendingIp(const SendingIp& ip, QList<SenderFinding>& findings)
{
    if (!ip.isValid())
        return;
    SenderFinding f;
    f.id = ip.isPrivate ? QStringLiteral("ip.private") : QStringLiteral("ip.sending");
    f.kind = QStringLiteral("sending_ip");
    f.severity = ip.isPrivate ? SenderFinding::Severity::Warning : SenderFinding::Severity::Info;
    f.ip = ip.address;
    f.title = QStringLiteral("Sent from %1").arg(ip.address);
    QString detail =
        QStringLiteral("IPv%1 address %2, network %3").arg(ip.version).arg(ip.address, ip.network);
    if (!ip.reverseDns.isEmpty())
        detail += QStringLiteral(", reverse DNS %1").arg(ip.reverseDns);
    if (!ip.helo.isEmpty())
        detail += QStringLiteral(", HELO %1").arg(ip.helo);
    detail += QStringLiteral("; read from %1.").arg(ip.source);
    if (!ip.range.isEmpty())
        detail += QStringLiteral(" It lies in a special range: %1.").arg(ip.range);
    f.detail = detail;
    if (ip.isPrivate)
        f.action = QStringLiteral(
            "A private address is never what an outside receiver sees: the public address is that of a later "
            "hop or of the network's NAT. Look there for blocklist and reverse DNS checks.");
    else
        f.action =
            QStringLiteral("Blocklists judge this address and often its whole %1 network: look both up "
                           "when mail is refused for reputation.")
                .arg(ip.version == 4 ? QStringLiteral("/24") : QStringLiteral("/64"));
    findings.append(f);
}

// Adds a finding unless one with the same id about the same address is listed already (a second
// hop or a second result saying the same thing adds nothing).
void addOnce(QList<SenderFinding>& findings, const QString& kind, const QString& id,
             SenderFinding::Severity severity, const QString& title, const QString& detail,
             const QString& action, const QString& ip = QString(), int hop = 0)
{
    for (const SenderFinding& f : std::as_const(findings)) {
        if (f.id == id && f.ip == ip)
            return;
    }
    SenderFinding f;
    f.id = id;
    f.kind = kind;
    f.severity = severity;
    f.title = title;
    f.detail = detail;
    f.action = action;
    f.ip = ip;
    if (hop > 0)
        f.hops << hop;
    findings.append(f);
}

void addReverseDns(const Analysis& analysis, QList<SenderFinding>& findings)
{
    const auto add = [&](const QString& id, SenderFinding::Severity severity, const QString& title,
                         const QString& detail, const QString& action, const QString& ip, int hop) {
        addOnce(findings, QStringLiteral("reverse_dns"), id, severity, title, detail, action, ip, hop);
    };
    const QString fixPtr = QStringLiteral(
        "Ask whoever runs the address (the provider or hosting company) to publish a PTR record naming the "
        "mail "
        "server, and make that name resolve back to the same address (forward-confirmed reverse DNS).");

    // Receivers judge the reverse DNS and HELO of the server that hands them the message: the
    // entry hop. A returned copy's route ends before that hand-over, and its hops (a client
    // submitting, internal relays) are not what a receiver judges.
    QList<const RelayHop*> hops;
    if (!isReportWithOriginal(analysis)) {
        if (const RelayHop* entry = hopNumbered(analysis.relay, analysis.authAssessment.entryHop))
            hops << entry;
    }
    for (const RelayHop* hop : std::as_const(hops)) {
        const ReceivedHop& r = hop->received;
        if (!isPublic(r.fromIp))
            continue;
        const QString by = r.byHost.isEmpty() ? QStringLiteral("the receiving server") : r.byHost;
        if (r.reverseDns == ReceivedHop::ReverseDns::NoneFound) {
            add(QStringLiteral("ptr.missing"), SenderFinding::Severity::Problem,
                QStringLiteral("No reverse DNS for %1").arg(r.fromIp),
                QStringLiteral(
                    "When %1 received the message at hop %2, the sending address %3 had no reverse DNS "
                    "name. Many receivers refuse or penalise mail from such addresses.")
                    .arg(by, QString::number(hop->number), r.fromIp),
                fixPtr, r.fromIp, hop->number);
        } else if (r.fromHostForged) {
            add(QStringLiteral("ptr.unconfirmed"), SenderFinding::Severity::Problem,
                QStringLiteral("Reverse DNS of %1 does not confirm").arg(r.fromIp),
                QStringLiteral(
                    "At hop %1, %2 marked the name %3 as possibly forged: the reverse DNS name of %4 does "
                    "not resolve back to it.")
                    .arg(hop->number)
                    .arg(by, r.fromHost, r.fromIp),
                fixPtr, r.fromIp, hop->number);
        } else if (!r.fromHost.isEmpty() && !r.fromHelo.isEmpty()) {
            const QString helo = DomainName::toAscii(r.fromHelo);
            const QString ptr = DomainName::toAscii(r.fromHost);
            if (DomainName::isAddressLiteral(r.fromHelo) || !helo.contains(QLatin1Char('.'))) {
                add(QStringLiteral("helo.not_a_name"), SenderFinding::Severity::Warning,
                    QStringLiteral("HELO %1 is not a host name").arg(r.fromHelo),
                    QStringLiteral(
                        "At hop %1 the sending server introduced itself as %2; receivers expect its "
                        "full host name (RFC 5321 section 4.1.1.1), ideally its reverse DNS name %3.")
                        .arg(hop->number)
                        .arg(r.fromHelo, r.fromHost),
                    QStringLiteral(
                        "Set the server's HELO/EHLO name to its full host name, the same as its PTR record."),
                    r.fromIp, hop->number);
            } else if (helo != ptr && !DomainName::isWithin(helo, ptr) && !DomainName::isWithin(ptr, helo) &&
                       PublicSuffixList::system().organizationalDomain(helo) !=
                           PublicSuffixList::system().organizationalDomain(ptr)) {
                add(QStringLiteral("ptr.mismatch"), SenderFinding::Severity::Warning,
                    QStringLiteral("HELO name and reverse DNS differ for %1").arg(r.fromIp),
                    QStringLiteral(
                        "At hop %1 the server said HELO %2, but the reverse DNS name of %3 is %4. Some "
                        "receivers score a mismatch as a sign of a badly configured or spamming host.")
                        .arg(hop->number)
                        .arg(r.fromHelo, r.fromIp, r.fromHost),
                    QStringLiteral("Make the HELO name and the PTR name the same host name."), r.fromIp,
                    hop->number);
            }
        }
    }
    // What the receiver's own checks say: iprev (RFC 8601 section 3) and Microsoft's PTR.
    for (const AssessedResult& r : sendersAuthentication(analysis).trustedResults(QStringLiteral("iprev"))) {
        if (!r.result.failed() && r.result.result != QLatin1String("temperror"))
            continue;
        const QString ip = r.result.property(u"policy.iprev").isEmpty() ? r.result.property(u"smtp.remote-ip")
                                                                        : r.result.property(u"policy.iprev");
        add(QStringLiteral("ptr.iprev"), SenderFinding::Severity::Problem,
            QStringLiteral("Reverse DNS check failed%1")
                .arg(ip.isEmpty() ? QString() : QStringLiteral(" for ") + ip),
            QStringLiteral(
                "%1 reports iprev=%2: the sending address has no reverse DNS name that resolves back to it.")
                .arg(r.trust.checkedBy.isEmpty() ? QStringLiteral("The receiver") : r.trust.checkedBy,
                     r.result.result),
            fixPtr, ip, r.trust.hop);
    }
    for (const AssessedSpamVerdict& v : sendersAuthentication(analysis).spamVerdicts) {
        if (!v.trust.trusted || !v.verdict.raw.contains(QLatin1String("PTR:")))
            continue;
        const QString cip = v.verdict.value(u"CIP");
        if (v.verdict.value(u"PTR").isEmpty() && isPublic(cip))
            add(QStringLiteral("ptr.missing"), SenderFinding::Severity::Problem,
                QStringLiteral("No reverse DNS for %1").arg(cip),
                QStringLiteral(
                    "Microsoft's filter recorded no reverse DNS name (PTR) for the connecting address %1.")
                    .arg(cip),
                fixPtr, cip, v.trust.hop);
    }
}

void addAuthentication(const Analysis& analysis, QList<SenderFinding>& findings)
{
    const AuthenticationAssessment& auth = sendersAuthentication(analysis);
    const QString what =
        isReportWithOriginal(analysis) ? QStringLiteral("The returned copy") : QStringLiteral("The message");
    const QString whose = what + QStringLiteral("'s");
    const auto add = [&](const QString& id, SenderFinding::Severity severity, const QString& title,
                         const QString& detail, const QString& action) {
        addOnce(findings, QStringLiteral("authentication"), id, severity, title, detail, action);
    };

    for (const AssessedResult& r : auth.results) {
        if (!r.trust.trusted)
            continue;
        const QString method = r.result.method;
        if (method != QLatin1String("spf") && method != QLatin1String("dkim") &&
            method != QLatin1String("dmarc") && method != QLatin1String("arc") &&
            method != QLatin1String("compauth"))
            continue;
        const bool fail = r.result.failed() || r.result.result == QLatin1String("temperror");
        if (!fail)
            continue;
        const QString label = method.size() <= 5 ? method.toUpper() : method;
        QString action;
        if (method == QLatin1String("spf"))
            action =
                QStringLiteral("Add the sending server to the SPF record of %1 (or send through a server it "
                               "already lists).")
                    .arg(r.identityDomain.isEmpty() ? QStringLiteral("the MAIL FROM domain")
                                                    : DomainName::toUnicode(r.identityDomain));
        else if (method == QLatin1String("dkim"))
            action =
                QStringLiteral("Check that the selector's public key is published and that nothing changes "
                               "the message after signing (footers, rewriting gateways).");
        else if (method == QLatin1String("dmarc") || method == QLatin1String("compauth"))
            action =
                QStringLiteral("Make SPF or DKIM pass for a domain aligned with the From domain; sign with "
                               "d= set to the From domain.");
        else
            action = QStringLiteral("An intermediary's ARC seal did not verify; if a forwarder or list is in "
                                    "the path, ask its operator.");
        // Microsoft's compauth follows from DMARC: one finding for both.
        if (method == QLatin1String("compauth") && findingWithPrefix(findings, QStringLiteral("auth.dmarc_")))
            continue;
        QString detail =
            QStringLiteral("Checked by %1: %2")
                .arg(r.trust.checkedBy.isEmpty() ? QStringLiteral("an unnamed server") : r.trust.checkedBy,
                     r.why);
        if (method == QLatin1String("dmarc") && auth.dmarc == QLatin1String("fail"))
            detail += QLatin1Char(' ') + auth.dmarcReasons.join(QLatin1Char(' '));
        add(QStringLiteral("auth.%1_%2").arg(method, r.result.result),
            r.result.result == QLatin1String("softfail") || r.result.result == QLatin1String("temperror")
                ? SenderFinding::Severity::Warning
                : SenderFinding::Severity::Problem,
            QStringLiteral("%1 %2").arg(label, r.result.result), detail, action);
    }
    // The receiver's own DMARC failure already says it, with the reasons.
    if (auth.dmarc == QLatin1String("fail") && !findingWithPrefix(findings, QStringLiteral("auth.dmarc_")))
        add(QStringLiteral("auth.dmarc_not_aligned"), SenderFinding::Severity::Problem,
            QStringLiteral("No aligned SPF or DKIM pass for %1").arg(DomainName::toUnicode(auth.fromDomain)),
            auth.dmarcReasons.join(QLatin1Char(' ')),
            dmarcNeedsAnAlignedPass(DomainName::toUnicode(auth.fromOrganizationalDomain)));

    bool anyAligned = false;
    for (const AssessedSignature& s : auth.signatures)
        anyAligned = anyAligned || s.alignment.relaxed;
    // Without trusted results (a returned copy), the identifiers alone show whether DMARC can
    // ever pass: it needs an aligned DKIM signature or an aligned MAIL FROM domain.
    bool cannotPass = false;
    if (auth.dmarc == QLatin1String("none") && !anyAligned && auth.mailFromAlignment.isValid() &&
        !auth.mailFromAlignment.relaxed) {
        cannotPass = true;
        QStringList signers;
        for (const AssessedSignature& s : auth.signatures)
            signers << QStringLiteral("d=") + DomainName::toUnicode(s.signature.domain);
        add(QStringLiteral("auth.dmarc_cannot_pass"), SenderFinding::Severity::Problem,
            QStringLiteral("DMARC cannot pass for %1").arg(DomainName::toUnicode(auth.fromDomain)),
            QStringLiteral(
                "%1: neither %2 nor the MAIL FROM domain %3 is in the From domain's organization %4. "
                "Every receiver that checks DMARC sees a failure; with p=quarantine or p=reject the "
                "mail is junked or refused.")
                .arg(what,
                     signers.isEmpty()
                         ? QStringLiteral("a DKIM signature (there is none)")
                         : QStringLiteral("the DKIM signature (%1)").arg(signers.join(QStringLiteral(", "))),
                     DomainName::toUnicode(auth.mailFromDomain),
                     DomainName::toUnicode(auth.fromOrganizationalDomain)),
            QStringLiteral(
                "Sign with d=%1 (most sending services offer a custom signing domain), or use a MAIL FROM "
                "(Return-Path) domain under %1.")
                .arg(DomainName::toUnicode(auth.fromOrganizationalDomain)));
    }
    for (const AssessedSignature& s : auth.signatures) {
        const DkimSignature& sig = s.signature;
        if (!anyAligned && !cannotPass && s.alignment.isValid())
            add(QStringLiteral("auth.dkim_not_aligned"), SenderFinding::Severity::Warning,
                QStringLiteral("DKIM d=%1 does not align with From").arg(DomainName::toUnicode(sig.domain)),
                QStringLiteral(
                    "%1 DKIM signature is made for %2: %3. DMARC cannot pass through this signature.")
                    .arg(whose, DomainName::toUnicode(sig.domain), s.alignment.explanation()),
                QStringLiteral("Sign with d=%1 (or a subdomain of it); most sending services offer a custom "
                               "signing domain.")
                    .arg(DomainName::toUnicode(auth.fromOrganizationalDomain)));
        if (s.expiredAtMessageDate.value_or(false) || s.expiredAtReceipt.value_or(false))
            add(QStringLiteral("auth.dkim_expired"), SenderFinding::Severity::Problem,
                QStringLiteral("DKIM signature d=%1 expired").arg(sig.domain),
                QStringLiteral(
                    "%1 DKIM signature (d=%2, s=%3) carries an expiry x= that had passed: receivers treat "
                    "it as invalid.")
                    .arg(whose, sig.domain, sig.selector),
                QStringLiteral(
                    "Give signatures a longer lifetime (x=) or none, and check the signing server's "
                    "clock."));
        if (sig.bodyLength)
            add(QStringLiteral("auth.dkim_body_length"), SenderFinding::Severity::Warning,
                QStringLiteral("DKIM signature d=%1 uses l=").arg(sig.domain),
                QStringLiteral(
                    "The signature covers only the first %1 bytes of the body: anyone can append content "
                    "under it. Some receivers distrust or ignore such signatures.")
                    .arg(*sig.bodyLength),
                QStringLiteral("Sign the whole body (drop the l= option in the signer's settings)."));
        if (sig.algorithm == QLatin1String("rsa-sha1"))
            add(QStringLiteral("auth.dkim_sha1"), SenderFinding::Severity::Warning,
                QStringLiteral("DKIM signature d=%1 uses rsa-sha1").arg(sig.domain),
                QStringLiteral("SHA-1 signatures are treated as invalid by current verifiers (RFC 8301)."),
                QStringLiteral("Sign with rsa-sha256."));
        if (!sig.signedHeaders.isEmpty() && !sig.signsFrom())
            add(QStringLiteral("auth.dkim_from_unsigned"), SenderFinding::Severity::Problem,
                QStringLiteral("DKIM signature d=%1 does not sign From").arg(sig.domain),
                QStringLiteral(
                    "The signature's h= list leaves out From, so verifiers must reject it (RFC 6376 "
                    "section 5.4)."),
                QStringLiteral("Include From in the signed header fields."));
    }
    // No signature at all, where the input shows the whole header of the message.
    if (auth.signatures.isEmpty() && !auth.fromDomain.isEmpty()) {
        const HeaderList& headers =
            isReportWithOriginal(analysis) ? analysis.report.original.headers : analysis.message.headers;
        if (findHeader(headers, u"Received") && findHeader(headers, u"Message-ID"))
            add(QStringLiteral("auth.dkim_missing"), SenderFinding::Severity::Warning,
                QStringLiteral("No DKIM signature"),
                whose +
                    u" header carries no DKIM-Signature: DMARC can then pass only through SPF, which breaks "
                    u"when mail is forwarded.",
                u"Sign outgoing mail with DKIM, d= set to " +
                    DomainName::toUnicode(auth.fromOrganizationalDomain) + u'.');
    }
    for (const QString& problem : auth.fromProblems)
        add(QStringLiteral("auth.from"), SenderFinding::Severity::Warning,
            QStringLiteral("From field problem"), problem,
            QStringLiteral("Send exactly one From field with one address."));

    for (const AssessedSpamVerdict& v : auth.spamVerdicts) {
        if (!v.trust.trusted || !v.verdict.spam.value_or(false))
            continue;
        SenderFinding f;
        f.id = QStringLiteral("spam_filter.verdict");
        f.kind = QStringLiteral("spam_filter");
        f.severity = SenderFinding::Severity::Warning;
        f.title = QStringLiteral("%1 judged it spam").arg(v.verdict.filter);
        f.detail =
            QStringLiteral("%1: %2").arg(v.verdict.field, v.verdict.meanings.join(QStringLiteral("; ")));
        f.action =
            QStringLiteral("Check the content and the sending reputation; the filter's rules or scores "
                           "above say what counted against it.");
        bool seen = false;
        for (const SenderFinding& g : std::as_const(findings))
            seen = seen || (g.id == f.id && g.title == f.title);
        if (!seen)
            findings.append(f);
    }
}

void addTls(const Analysis& analysis, QList<SenderFinding>& findings)
{
    QList<const RelayHop*> hops;
    if (isReportWithOriginal(analysis)) {
        for (const RelayHop& hop : analysis.originalRelay.hops)
            hops << &hop;
    } else {
        for (const RelayHop& hop : analysis.relay.hops) {
            if (analysis.authAssessment.entryHop == 0 || hop.number <= analysis.authAssessment.entryHop)
                hops << &hop;
        }
    }
    SenderFinding f;
    QStringList described;
    for (const RelayHop* hop : std::as_const(hops)) {
        const ReceivedHop& r = hop->received;
        if (!r.tls.has_value() || *r.tls)
            continue;
        // A hand-over inside one machine or a private network is not exposed.
        if (!r.fromIp.isEmpty() && !isPublic(r.fromIp))
            continue;
        if (r.fromIp.isEmpty() && r.fromHost.isEmpty() && r.fromHelo.isEmpty())
            continue;
        f.hops << hop->number;
        described << QStringLiteral("hop %1 (%2 to %3, %4)")
                         .arg(hop->number)
                         .arg(hostOf(r), r.byHost.isEmpty() ? QStringLiteral("an unnamed server") : r.byHost,
                              r.withText.isEmpty() ? r.protocol : r.withText);
    }
    if (described.isEmpty())
        return;
    f.id = QStringLiteral("tls.none");
    f.kind = QStringLiteral("tls");
    f.severity = SenderFinding::Severity::Warning;
    f.title =
        described.size() == 1 ? QStringLiteral("A hop without TLS") : QStringLiteral("Hops without TLS");
    f.detail = QStringLiteral("The message crossed the network unencrypted at %1.")
                   .arg(described.join(QStringLiteral(", ")));
    f.action = QStringLiteral("Enable STARTTLS on the sending servers; receivers with MTA-STS or DANE refuse "
                              "plaintext delivery, and some score it.");
    findings.append(f);
}

} // namespace

SendingIp SenderFindings::sendingIp(const Analysis& analysis)
{
    SendingIp out;
    const auto set = [&](const QString& text, const QString& source) {
        const auto ip = IpAddress::parse(text);
        if (!ip)
            return false;
        out.address = ip->toString();
        out.version = ip->version;
        out.network = ip->network();
        out.range = ip->specialRange();
        out.isPrivate = ip->isPrivate();
        out.source = source;
        return true;
    };
    if (analysis.report.isReport()) {
        for (const RecipientAnalysis& ra : analysis.recipients) {
            for (const IpAddress& ip : SenderFindings::addressesIn(ra.report.diagnostic)) {
                if (!ip.isPrivate() &&
                    set(ip.toString(), QStringLiteral("the server's reply for %1")
                                           .arg(ra.report.address.isEmpty() ? QStringLiteral("a recipient")
                                                                            : ra.report.address)))
                    return out;
            }
        }
        if (set(analysis.report.feedbackSourceIp, QStringLiteral("the feedback report's Source-IP")))
            return out;
        const RelayChain& original = analysis.originalRelay;
        if (!original.isEmpty()) {
            const RelayHop& top = original.hops.last();
            if (isPublic(top.received.byIp) &&
                set(top.received.byIp,
                    QStringLiteral(
                        "hop %1 of the original's route (the address its last server wrote for itself)")
                        .arg(top.number))) {
                out.reverseDns = top.received.byHost;
                return out;
            }
        }
        return {};
    }
    if (const RelayHop* entry = hopNumbered(analysis.relay, analysis.authAssessment.entryHop)) {
        const ReceivedHop& r = entry->received;
        if (set(r.fromIp,
                QStringLiteral("hop %1 of the relay chain (the server that handed the message to %2)")
                    .arg(entry->number)
                    .arg(r.byHost.isEmpty() ? QStringLiteral("the receiver") : r.byHost))) {
            out.reverseDns = r.fromHost;
            out.helo = r.fromHelo;
            return out;
        }
    }
    for (const AssessedSpamVerdict& v : analysis.authAssessment.spamVerdicts) {
        if (v.trust.trusted &&
            set(v.verdict.value(u"CIP"), QStringLiteral("Microsoft's %1 (CIP)").arg(v.verdict.field))) {
            out.reverseDns = v.verdict.value(u"PTR");
            out.helo = v.verdict.value(u"H");
            return out;
        }
    }
    return {};
}

QList<SenderFinding> SenderFindings::find(const Analysis& analysis)
{
    QList<SenderFinding> findings;
    addBlocklists(analysis, findings);
    addReverseDns(analysis, findings);
    addAuthentication(analysis, findings);
    addTls(analysis, findings);
    addSendingIp(analysis.sendingIp, findings);
    // Problems first, then warnings, then facts; table order within each.
    std::stable_sort(findings.begin(), findings.end(), [](const SenderFinding& a, const SenderFinding& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    });
    return findings;
}

QString SenderFindings::sentenceFor(const Analysis& analysis, const RecipientAnalysis& recipient)
{
    if (recipient.classification.type == BounceType::None)
        return {};
    const QString who =
        recipient.report.address.isEmpty() ? QStringLiteral("a recipient") : recipient.report.address;
    QStringList parts;
    for (const SenderFinding& f : analysis.senderFindings) {
        if (f.kind == QLatin1String("blocklist") && f.recipients.contains(who))
            parts << QStringLiteral("the refusal names %1 (removal: %2)")
                         .arg(f.title.mid(QStringLiteral("Listed on ").size()), f.delistingPage);
    }
    if (recipient.classification.side == Side::Sender) {
        int others = 0;
        for (const SenderFinding& f : analysis.senderFindings) {
            if (f.kind == QLatin1String("blocklist") || f.severity != SenderFinding::Severity::Problem)
                continue;
            if (++others > 3)
                break;
            parts << inlineTitle(f.title);
        }
    }
    if (parts.isEmpty())
        return {};
    return QStringLiteral("Sender-side findings: %1.").arg(parts.join(QStringLiteral("; ")));
}

} // namespace headerlens
