#include "TextSummary.h"

#include "VisibleText.h"

#include "MailDate.h"

#include <QTextStream>

namespace headerlens {

QString TextSummary::formatDuration(qint64 seconds)
{
    const QString sign = seconds < 0 ? QStringLiteral("-") : QString();
    const qint64 s = seconds < 0 ? -seconds : seconds;
    if (s < 60)
        return sign + QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return sign + QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return sign +
               QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return sign + QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

namespace {

QString orDash(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("-") : value;
}

void renderChain(QTextStream& out, const RelayChain& chain, const QString& title)
{
    if (chain.isEmpty())
        return;
    out << title << " (" << chain.hops.size() << (chain.hops.size() == 1 ? " hop" : " hops");
    if (chain.totalSeconds)
        out << ", " << TextSummary::formatDuration(*chain.totalSeconds) << " in transit";
    out << ")\n";
    const int longest = chain.longestDelayIndex();
    for (int i = 0; i < chain.hops.size(); ++i) {
        const RelayHop& hop = chain.hops[i];
        const ReceivedHop& r = hop.received;
        // The reverse-DNS name, else the address with "no reverse DNS" or the HELO name marked.
        QString from = r.fromHost;
        const QString bracketed = QLatin1Char('[') + r.fromIp + QLatin1Char(']');
        if (!r.fromIp.isEmpty())
            from += (from.isEmpty() ? QString() : QStringLiteral(" ")) + bracketed;
        if (r.fromHost.isEmpty() && r.reverseDns == ReceivedHop::ReverseDns::NoneFound)
            from += (from.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("(no reverse DNS)");
        else if (r.fromHost.isEmpty() && !r.fromHelo.isEmpty() && r.fromHelo != bracketed)
            from = from.isEmpty() ? r.fromHelo
                                  : from + QStringLiteral(" (HELO ") + r.fromHelo + QLatin1Char(')');
        out << "  " << hop.number << ". " << orDash(from) << " -> " << orDash(r.byHost);
        if (!r.protocol.isEmpty())
            out << "  with " << r.protocol;
        if (r.tls.value_or(false))
            out << "  TLS" << (r.tlsVersion.isEmpty() ? QString() : QStringLiteral(" ") + r.tlsVersion);
        if (r.authenticated)
            out << "  authenticated";
        out << "\n     ";
        out << (r.hasTime() ? MailDate::toIsoUtc(r.time) : QStringLiteral("no time"));
        if (hop.delaySeconds)
            out << "  delay " << TextSummary::formatDuration(*hop.delaySeconds);
        else if (hop.bridgedDelaySeconds)
            out << "  delay " << TextSummary::formatDuration(*hop.bridgedDelaySeconds)
                << " (across hops without time)";
        if (i == longest && chain.hops.size() > 1)
            out << "  <- longest";
        if (hop.clockSkew)
            out << "  CLOCK SKEW (" << hop.skewedHost << ")";
        out << '\n';
    }
}

const char* trustWord(const FieldTrust& trust)
{
    return trust.trusted ? "trusted" : "NOT trusted";
}

void renderAuthentication(QTextStream& out, const AuthenticationAssessment& a, const QString& title)
{
    if (a.results.isEmpty() && a.signatures.isEmpty() && a.arc.isEmpty())
        return;
    out << title << "\n";
    if (!a.fromDomain.isEmpty())
        out << "  From domain " << a.fromDomain << " (organization " << a.fromOrganizationalDomain << ")\n";
    out << "  DMARC recomputed: " << a.dmarc;
    if (!a.receiverDmarc.isEmpty())
        out << " (the receiver says " << a.receiverDmarc << ")";
    out << "\n";
    for (const AssessedResult& r : a.results) {
        out << "  " << r.result.method << "=" << r.result.result << "  " << trustWord(r.trust);
        if (!r.trust.checkedBy.isEmpty())
            out << " (" << r.trust.checkedBy << ")";
        if (r.isAlignable() && r.result.method != QLatin1String("dmarc"))
            out << "  "
                << (r.alignment.strict    ? "aligned (strict)"
                    : r.alignment.relaxed ? "aligned (relaxed)"
                                          : "not aligned")
                << " " << r.identityDomain;
        out << "\n";
    }
    for (const AssessedSignature& s : a.signatures) {
        out << "  DKIM-Signature d=" << orDash(s.signature.domain) << " s=" << orDash(s.signature.selector);
        if (s.alignment.isValid())
            out << "  " << (s.alignment.relaxed ? "aligned" : "not aligned");
        if (!s.verifiedResult.isEmpty())
            out << "  verified: " << s.verifiedResult;
        if (s.expiredAtMessageDate.value_or(false) || s.expiredAtReceipt.value_or(false))
            out << "  EXPIRED";
        if (s.signature.bodyLength)
            out << "  l=" << *s.signature.bodyLength;
        out << "\n";
    }
    if (!a.arc.isEmpty())
        out << "  ARC chain: " << a.arc.state << " (" << a.arc.sets.size()
            << (a.arc.sets.size() == 1 ? " set" : " sets") << ")\n";
}

} // namespace

QString TextSummary::render(const Analysis& analysis)
{
    QString text;
    QTextStream out(&text);
    out << "== " << analysis.source << " ==\n";
    if (!analysis.summary.isEmpty())
        out << analysis.summary << "\n";
    out << "Input: " << analysis.kind();
    if (!analysis.report.format.isEmpty())
        out << " (" << analysis.report.format << ")";
    out << "\n";

    for (const RecipientAnalysis& r : analysis.recipients) {
        const Classification& c = r.classification;
        out << "\nRecipient " << orDash(r.report.address) << "\n";
        out << "  Verdict:  " << toString(c.type) << " / " << c.cause << " / side " << toString(c.side)
            << "\n";
        out << "  Advice:   " << toString(c.advice) << (c.removeAddress ? " (remove the address)" : "")
            << "\n";
        out << "  Response: "
            << (r.report.replyCode > 0 ? QString::number(r.report.replyCode) : QStringLiteral("-")) << " "
            << orDash(r.report.status) << "\n";
        if (!r.report.diagnostic.isEmpty())
            out << "  Server:   " << r.report.diagnostic.left(400) << "\n";
        if (!r.report.remoteMta.isEmpty())
            out << "  Said by:  " << r.report.remoteMta << "\n";
        if (!r.explanation.isEmpty())
            out << "  " << r.explanation << "\n";
    }
    out << '\n';
    renderChain(out, analysis.relay, QStringLiteral("Relay chain"));
    renderChain(out, analysis.originalRelay, QStringLiteral("Route of the original message"));
    renderAuthentication(out, analysis.originalAuthAssessment,
                         QStringLiteral("Authentication of the original message"));
    renderAuthentication(out, analysis.authAssessment,
                         analysis.report.isReport() ? QStringLiteral("Authentication of the report")
                                                    : QStringLiteral("Authentication"));
    if (!analysis.senderFindings.isEmpty()) {
        out << "Sender side\n";
        for (const SenderFinding& f : analysis.senderFindings) {
            out << "  [" << toString(f.severity) << "] " << f.title;
            if (!f.delistingPage.isEmpty())
                out << " -- removal: " << f.delistingPage;
            out << '\n';
        }
    }
    for (const QString& e : analysis.errors)
        out << "error: " << e << '\n';
    for (const QString& w : analysis.warnings)
        out << "warning: " << w << '\n';
    // Nothing from the message reaches a terminal as a control sequence (VisibleText).
    return VisibleText::of(text);
}

} // namespace headerlens
