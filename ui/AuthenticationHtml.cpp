#include "AuthenticationHtml.h"

#include "DisplayText.h"
#include "DomainName.h"
#include "SafeHtml.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

namespace headerlens {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("AuthenticationHtml", text, disambiguation, n);
}

QString heading(int level, const QString& text)
{
    return QStringLiteral("<h%1>").arg(level) + SafeHtml::text(text) + QStringLiteral("</h%1>").arg(level);
}

QString paragraph(const QString& html, const QString& cssClass = QString())
{
    return (cssClass.isEmpty() ? QStringLiteral("<p>") : QStringLiteral("<p class=\"%1\">").arg(cssClass)) +
           html + QStringLiteral("</p>");
}

QString muted(const QString& text)
{
    return QStringLiteral("<span class=\"muted\">") + SafeHtml::text(text) + QStringLiteral("</span>");
}

QString code(const QString& text)
{
    return QStringLiteral("<span class=\"code\">") + SafeHtml::text(text) + QStringLiteral("</span>");
}

// Text from a message, safe and without control characters (which upset PDF text extraction).
QString safe(const QString& text, int maxLength = 2000)
{
    QString out = text.size() > maxLength ? text.left(maxLength - 1) + QStringLiteral("\u2026") : text;
    for (QChar& c : out) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            c = QLatin1Char(' ');
        else if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0))
            c = QChar(QChar::ReplacementCharacter);
    }
    return SafeHtml::text(out);
}

QString tableStart(const QStringList& headings, const QList<int>& widths)
{
    QString html = QStringLiteral("<table class=\"grid\" width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" "
                                  "style=\"margin-bottom: 10px;\"><thead><tr>");
    for (qsizetype i = 0; i < headings.size(); ++i)
        html += QStringLiteral("<th width=\"%1%\">").arg(widths.value(i)) + headings[i].toHtmlEscaped() +
                QStringLiteral("</th>");
    return html + QStringLiteral("</tr></thead>");
}

QString cell(const QString& html)
{
    return QStringLiteral("<td valign=\"top\">") + html + QStringLiteral("</td>");
}

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")) +
           QStringLiteral(" UTC");
}

QString domainText(const QString& ascii)
{
    const QString unicode = DomainName::toUnicode(ascii);
    return unicode == ascii ? ascii : QStringLiteral("%1 (%2)").arg(unicode, ascii);
}

QString methodLabel(const QString& method)
{
    return method.size() <= 5 ? method.toUpper() : method;
}

} // namespace

AuthenticationHtml::AuthenticationHtml(const Analysis& analysis, const QPalette& palette, bool forPrint)
    : m_analysis(analysis)
    , m_palette(palette)
    , m_forPrint(forPrint)
{}

QString AuthenticationHtml::mutedHost(const QString& text) const
{
    return QStringLiteral("<span class=\"muted\">") + host(text) + QStringLiteral("</span>");
}

QString AuthenticationHtml::host(const QString& text) const
{
    QString html = safe(text);
    if (m_forPrint) {
        // A zero-width space is a line-break opportunity (UAX #14), as in ReportDocument's tables.
        static const QRegularExpression dot(QStringLiteral("(?<=[A-Za-z0-9-])\\.(?=[A-Za-z0-9-])"));
        html.replace(dot, QStringLiteral(".\u200b"));
    }
    return html;
}

bool AuthenticationHtml::isEmpty() const
{
    return m_analysis.authAssessment.isEmpty() && m_analysis.originalAuthAssessment.isEmpty() &&
           m_analysis.senderFindings.isEmpty();
}

QString AuthenticationHtml::mark(const QString& text, VerdictStyle::Tone tone) const
{
    return QStringLiteral("<span style=\"color:%1; font-weight:600;\">")
               .arg(VerdictStyle::color(tone, m_palette).name()) +
           safe(text) + QStringLiteral("</span>");
}

QString AuthenticationHtml::page() const
{
    QString body;
    if (isEmpty()) {
        body += paragraph(tr("This input carries no authentication results, DKIM signatures or spam filter "
                             "verdicts, and nothing on the sending side stands out.")
                              .toHtmlEscaped());
    } else {
        body += findings();
        const bool report = m_analysis.report.isReport();
        if (report) {
            body += assessment(
                m_analysis.originalAuthAssessment, tr("Your message, as the returned copy shows it"),
                m_analysis.report.original.isEmpty()
                    ? tr("The report returns no copy of your message, so its signatures and "
                         "results cannot be read.")
                    : tr("The refusing server adds no fields to a message it refuses: what the copy "
                         "carries was written by your own side on the way out. Its signatures and "
                         "the From domain show whether DMARC can pass."));
            if (!m_analysis.authAssessment.isEmpty())
                body += assessment(m_analysis.authAssessment,
                                   tr("The %1 itself").arg(DisplayText::kindLabel(m_analysis).toLower()),
                                   tr("How the report was authenticated on its way back to you."));
        } else {
            body += assessment(
                m_analysis.authAssessment, tr("What the receiving servers checked"),
                tr("Only fields that the receiving side added are trusted: a sender can write any "
                   "Authentication-Results it likes. HeaderLens recomputes DMARC alignment from the "
                   "trusted results, offline."));
        }
    }
    const QString lead =
        tr("What on the sending side can explain a refusal, and what the receiving servers' "
           "SPF, DKIM, DMARC and ARC checks say: who checked, whether the result can be trusted, "
           "and whether it aligns with the From domain.");
    return QStringLiteral("<html><body><h1>") + tr("Authentication and the sender's side").toHtmlEscaped() +
           QStringLiteral("</h1>") + paragraph(lead.toHtmlEscaped(), QStringLiteral("description")) + body +
           QStringLiteral("</body></html>");
}

QString AuthenticationHtml::findings() const
{
    const QList<SenderFinding>& findings = m_analysis.senderFindings;
    int problems = 0;
    for (const SenderFinding& f : findings)
        problems += f.severity == SenderFinding::Severity::Problem ? 1 : 0;
    QString html = heading(2, tr("Is it us? Findings on the sending side"));
    if (findings.isEmpty())
        return html + paragraph(tr("Nothing on the sending side stands out in this input.").toHtmlEscaped());
    html += paragraph(
        (problems == 0 ? tr("No problem on the sending side is visible; the notes below are worth knowing.")
                       : DisplayText::count(problems, "%1 problem on the sending side can explain refusals.",
                                            "%1 problems on the sending side can explain refusals."))
            .toHtmlEscaped(),
        QStringLiteral("prose"));
    html += tableStart({tr("Severity"), tr("Finding"), tr("What to do")}, {12, 52, 36});
    for (const SenderFinding& f : findings) {
        const VerdictStyle::Tone tone =
            f.severity == SenderFinding::Severity::Problem   ? VerdictStyle::Tone::Danger
            : f.severity == SenderFinding::Severity::Warning ? VerdictStyle::Tone::Warning
                                                             : VerdictStyle::Tone::Info;
        const QString severity = f.severity == SenderFinding::Severity::Problem   ? tr("Problem")
                                 : f.severity == SenderFinding::Severity::Warning ? tr("Warning")
                                                                                  : tr("Note");
        QString finding = QStringLiteral("<b>") + safe(f.title) + QStringLiteral("</b><br>") + safe(f.detail);
        if (!f.recipients.isEmpty())
            finding += QStringLiteral("<br>") +
                       muted(tr("Named in the refusal for: %1").arg(f.recipients.join(QStringLiteral(", "))));
        QString action = safe(f.action);
        if (!f.delistingPage.isEmpty())
            action += QStringLiteral("<br>") + tr("Removal page:").toHtmlEscaped() + QLatin1Char(' ') +
                      code(f.delistingPage);
        html += QStringLiteral("<tr>") + cell(mark(severity, tone)) + cell(finding) + cell(action) +
                QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    if (m_analysis.sendingIp.isValid() && m_analysis.sendingIp.isPrivate)
        html +=
            paragraph(muted(tr("The sending address is private: look up the public address of the sending "
                               "network instead.")));
    return html;
}

QString AuthenticationHtml::assessment(const AuthenticationAssessment& a, const QString& title,
                                       const QString& intro) const
{
    QString html = heading(2, title);
    html += paragraph(SafeHtml::text(intro), QStringLiteral("description"));
    if (a.isEmpty()) {
        html +=
            paragraph(muted(tr("No Authentication-Results, Received-SPF, DKIM-Signature, ARC or spam filter "
                               "fields.")));
        return html;
    }
    QStringList facts;
    if (!a.fromDomain.isEmpty())
        facts << tr("From domain %1, organizational domain %2")
                     .arg(domainText(a.fromDomain), domainText(a.fromOrganizationalDomain));
    if (!a.mailFromDomain.isEmpty())
        facts << tr("MAIL FROM domain %1").arg(domainText(a.mailFromDomain));
    if (a.entryHop > 0)
        facts << (a.perspective == AuthenticationAssessment::Perspective::Received
                      ? tr("the message came in at hop %1 (%2)").arg(a.entryHop).arg(a.entryHost)
                      : tr("the top of the returned copy's route is hop %1 (%2)")
                            .arg(a.entryHop)
                            .arg(a.entryHost));
    if (!facts.isEmpty())
        html += paragraph(safe(facts.join(QStringLiteral("; ")) + QLatin1Char('.')));
    html += dmarcBlock(a);
    html += resultsTable(a);
    html += signaturesTable(a);
    html += arcTable(a);
    html += spamTable(a);
    html += malformedFields(a);
    QString psl = tr("Organizational domains: %1.").arg(a.suffixListSource);
    html += paragraph(muted(psl));
    if (!a.suffixListProblem.isEmpty())
        html += paragraph(mark(a.suffixListProblem, VerdictStyle::Tone::Warning));
    return html;
}

QString AuthenticationHtml::dmarcBlock(const AuthenticationAssessment& a) const
{
    QString verdict;
    VerdictStyle::Tone tone = VerdictStyle::Tone::Neutral;
    if (a.dmarc == QLatin1String("pass")) {
        verdict = tr("passes");
        tone = VerdictStyle::Tone::Success;
    } else if (a.dmarc == QLatin1String("fail")) {
        verdict = tr("fails");
        tone = VerdictStyle::Tone::Danger;
    } else if (a.dmarc == QLatin1String("no_from")) {
        verdict = tr("cannot be judged (no From domain)");
    } else {
        verdict = tr("cannot be judged from trusted results");
    }
    QString html = QStringLiteral("<p><b>") + tr("DMARC alignment, recomputed offline:").toHtmlEscaped() +
                   QStringLiteral("</b> ") + mark(verdict, tone);
    const auto aligned = [&](const std::optional<bool>& relaxed, const std::optional<bool>& strict) {
        if (!relaxed)
            return tr("no trusted result");
        if (!*relaxed)
            return tr("no aligned pass");
        return strict.value_or(false) ? tr("aligned pass (strict)") : tr("aligned pass (relaxed only)");
    };
    html += QStringLiteral(" \u00b7 SPF: ") + safe(aligned(a.spfAligned, a.spfAlignedStrict)) +
            QStringLiteral(" \u00b7 DKIM: ") + safe(aligned(a.dkimAligned, a.dkimAlignedStrict));
    if (!a.receiverDmarc.isEmpty()) {
        html += QStringLiteral("<br>") + tr("The receiver's own DMARC check:").toHtmlEscaped() +
                QLatin1Char(' ') +
                mark(a.receiverDmarc, a.receiverDmarc == QLatin1String("pass") ? VerdictStyle::Tone::Success
                                                                               : VerdictStyle::Tone::Danger);
        if (!a.receiverPolicy.isEmpty())
            html += QLatin1Char(' ') + muted(QStringLiteral("(") + a.receiverPolicy + QLatin1Char(')'));
    }
    html += QStringLiteral("</p>");
    if (!a.dmarcReasons.isEmpty()) {
        html += QStringLiteral("<ul>");
        for (const QString& reason : a.dmarcReasons)
            html += QStringLiteral("<li>") + safe(reason) + QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    return html;
}

QString AuthenticationHtml::resultsTable(const AuthenticationAssessment& a) const
{
    if (a.results.isEmpty())
        return {};
    QString html = heading(3, tr("Results, per method"));
    html +=
        tableStart({tr("Method"), tr("Result"), tr("Checked by"), tr("Trusted"), tr("Aligned"), tr("Why")},
                   {9, 10, 19, 11, 10, 41});
    QString previousReason;
    int rows = 0;
    for (const AssessedResult& r : a.results) {
        const AuthResult& result = r.result;
        // ARC-Authentication-Results repeat a sealer's results: the ARC chain below shows them.
        if (result.field.compare(QLatin1String("ARC-Authentication-Results"), Qt::CaseInsensitive) == 0)
            continue;
        ++rows;
        // An untrusted pass is no good news: its colours stay neutral.
        VerdictStyle::Tone tone = VerdictStyle::Tone::Neutral;
        if (r.trust.trusted && result.passed())
            tone = VerdictStyle::Tone::Success;
        else if (r.trust.trusted && result.failed())
            tone = VerdictStyle::Tone::Danger;
        else if (r.trust.trusted &&
                 (result.result == QLatin1String("temperror") || result.result == QLatin1String("neutral")))
            tone = VerdictStyle::Tone::Warning;
        // Alignment only counts with a trusted pass (RFC 7489 section 4.2): otherwise no colour either.
        const bool counts = r.trust.trusted && result.passed();
        const VerdictStyle::Tone good = counts ? VerdictStyle::Tone::Success : VerdictStyle::Tone::Neutral;
        const VerdictStyle::Tone bad = counts ? VerdictStyle::Tone::Danger : VerdictStyle::Tone::Neutral;
        QString checkedBy = host(r.trust.checkedBy.isEmpty() ? tr("not named") : r.trust.checkedBy);
        QString where = result.field;
        if (r.trust.hop > 0)
            where += QStringLiteral(", ") + tr("hop %1").arg(r.trust.hop);
        checkedBy += QStringLiteral("<br>") + muted(where);
        const QString trusted = r.trust.trusted ? mark(tr("yes"), VerdictStyle::Tone::Success)
                                                : mark(tr("no"), VerdictStyle::Tone::Danger);
        QString aligned = muted(QStringLiteral("\u2014"));
        if (r.isAlignable() && result.method != QLatin1String("dmarc")) {
            if (r.alignment.strict)
                aligned = mark(tr("strict"), good);
            else if (r.alignment.relaxed)
                aligned = mark(tr("relaxed"), good);
            else
                aligned = mark(tr("no"), bad);
        }
        QString why = safe(r.why);
        if (!r.trust.trusted || r.trust.reason.contains(QLatin1String("names no checker"))) {
            // One reason for a run of results from the same field.
            why += QStringLiteral("<br>") +
                   (r.trust.reason == previousReason
                        ? muted(r.trust.trusted ? tr("Trusted: as above.") : tr("Not trusted: as above."))
                        : muted(r.trust.reason));
        }
        previousReason = r.trust.reason;
        for (const QString& note : r.notes)
            why += QStringLiteral("<br>") + mark(note, VerdictStyle::Tone::Warning);
        html += QStringLiteral("<tr>") +
                cell(QStringLiteral("<b>") + safe(methodLabel(result.method)) + QStringLiteral("</b>")) +
                cell(mark(result.result.isEmpty() ? QStringLiteral("?") : result.result, tone)) +
                cell(checkedBy) + cell(trusted) + cell(aligned) + cell(why) + QStringLiteral("</tr>");
    }
    return rows == 0 ? QString() : html + QStringLiteral("</table>");
}

QString AuthenticationHtml::signaturesTable(const AuthenticationAssessment& a) const
{
    if (a.signatures.isEmpty())
        return {};
    QString html = heading(3, tr("DKIM signatures"));
    html += tableStart(
        {tr("Signer"), tr("How"), tr("Signed fields"), tr("Time"), tr("Receiver's check"), tr("Notes")},
        {17, 15, 20, 15, 12, 21});
    for (const AssessedSignature& s : a.signatures) {
        const DkimSignature& sig = s.signature;
        QString signer = QStringLiteral("<b>d=") + host(domainText(sig.domain)) +
                         QStringLiteral("</b><br>s=") + safe(sig.selector);
        if (!sig.identity.isEmpty())
            signer += QStringLiteral("<br>i=") + host(sig.identity);
        QString how = safe(sig.algorithm) + QStringLiteral("<br>c=") + safe(sig.canonicalization);
        if (sig.bodyLength)
            how += QStringLiteral("<br>") +
                   mark(QStringLiteral("l=%1").arg(*sig.bodyLength), VerdictStyle::Tone::Warning);
        QString time;
        if (sig.timestamp)
            time += QStringLiteral("t=") + safe(utc(*sig.timestamp));
        if (sig.expiration) {
            const bool expired = s.expiredAtMessageDate.value_or(false) || s.expiredAtReceipt.value_or(false);
            const QString x = QStringLiteral("x=") + utc(*sig.expiration);
            time +=
                (time.isEmpty() ? QString() : QStringLiteral("<br>")) +
                (expired ? mark(x + QLatin1Char(' ') + tr("expired"), VerdictStyle::Tone::Danger) : safe(x));
        }
        if (time.isEmpty())
            time = muted(tr("no times"));
        QString verified = muted(tr("not reported"));
        if (!s.verifiedResult.isEmpty())
            verified = mark(s.verifiedResult, s.verifiedResult == QLatin1String("pass")
                                                  ? VerdictStyle::Tone::Success
                                                  : VerdictStyle::Tone::Danger) +
                       QStringLiteral("<br>") + mutedHost(s.verifiedBy);
        QStringList notes;
        for (const QString& note : s.notes)
            notes << safe(note);
        html += QStringLiteral("<tr>") + cell(signer) + cell(how) +
                cell(safe(sig.signedHeaders.join(QStringLiteral(", ")))) + cell(time) + cell(verified) +
                cell(notes.join(QStringLiteral("<br>"))) + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString AuthenticationHtml::arcTable(const AuthenticationAssessment& a) const
{
    if (a.arc.isEmpty() && a.arc.problems.isEmpty())
        return {};
    QString html = heading(3, tr("ARC chain"));
    const VerdictStyle::Tone tone =
        a.arc.state == QLatin1String("pass") ? VerdictStyle::Tone::Success : VerdictStyle::Tone::Danger;
    html +=
        paragraph(tr("Structure of the chain:").toHtmlEscaped() + QLatin1Char(' ') + mark(a.arc.state, tone) +
                  QLatin1Char(' ') +
                  muted(tr("(sets complete, numbered from 1 without gaps, cv=none then cv=pass; the seals' "
                           "signatures cannot be verified offline)")));
    for (const QString& problem : a.arc.problems)
        html += paragraph(mark(problem, VerdictStyle::Tone::Danger));
    if (a.arcSets.isEmpty())
        return html;
    html += tableStart({tr("Set"), tr("cv"), tr("Sealed by"), tr("Results it recorded"), tr("Trusted")},
                       {6, 8, 22, 44, 20});
    for (const AssessedArcSet& assessed : a.arcSets) {
        const ArcSet& s = assessed.set;
        QStringList results;
        for (const AuthResult& r : s.results) {
            QString item = safe(r.method + QLatin1Char('=') + r.result);
            const QString domain = !r.property(u"header.d").isEmpty()      ? r.property(u"header.d")
                                   : !r.property(u"header.from").isEmpty() ? r.property(u"header.from")
                                                                           : r.property(u"smtp.mailfrom");
            if (!domain.isEmpty())
                item += QLatin1Char(' ') + muted(domain);
            results << item;
        }
        QString sealed = host(s.sealDomain.isEmpty() ? tr("no seal") : s.sealDomain);
        if (!s.authServId.isEmpty())
            sealed += QStringLiteral("<br>") + mutedHost(s.authServId);
        QString problems;
        for (const QString& p : s.problems)
            problems += QStringLiteral("<br>") + mark(p, VerdictStyle::Tone::Danger);
        html += QStringLiteral("<tr>") + cell(QStringLiteral("i=%1").arg(s.instance)) +
                cell(safe(s.chainValidation)) + cell(sealed) +
                cell(results.join(QStringLiteral("<br>")) + problems) +
                cell((assessed.trust.trusted ? mark(tr("yes"), VerdictStyle::Tone::Success)
                                             : mark(tr("no"), VerdictStyle::Tone::Neutral)) +
                     QStringLiteral("<br>") + mutedHost(assessed.trust.reason)) +
                QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString AuthenticationHtml::spamTable(const AuthenticationAssessment& a) const
{
    if (a.spamVerdicts.isEmpty())
        return {};
    QString html = heading(3, tr("Spam filter verdicts"));
    html += tableStart({tr("Filter"), tr("Verdict"), tr("What it says"), tr("Trusted")}, {22, 12, 46, 20});
    QString previousReason;
    for (const AssessedSpamVerdict& assessed : a.spamVerdicts) {
        const SpamVerdict& v = assessed.verdict;
        QString verdict = muted(QStringLiteral("\u2014"));
        if (v.spam)
            verdict = *v.spam ? mark(tr("spam"), VerdictStyle::Tone::Danger)
                              : mark(tr("not spam"), VerdictStyle::Tone::Success);
        QStringList says;
        for (const QString& m : v.meanings)
            says << safe(m);
        if (says.isEmpty())
            says << code(DisplayText::oneLine(v.raw, 200));
        for (const QString& p : v.problems)
            says << mark(p, VerdictStyle::Tone::Warning);
        html += QStringLiteral("<tr>") + cell(safe(v.filter) + QStringLiteral("<br>") + muted(v.field)) +
                cell(verdict) + cell(says.join(QStringLiteral("<br>"))) +
                cell((assessed.trust.trusted ? mark(tr("yes"), VerdictStyle::Tone::Success)
                                             : mark(tr("no"), VerdictStyle::Tone::Danger)) +
                     // One reason for a run of fields that share it.
                     (assessed.trust.reason == previousReason
                          ? muted(QStringLiteral(" (%1)").arg(tr("as above")))
                          : QStringLiteral("<br>") + mutedHost(assessed.trust.reason))) +
                QStringLiteral("</tr>");
        previousReason = assessed.trust.reason;
    }
    return html + QStringLiteral("</table>");
}

QString AuthenticationHtml::malformedFields(const AuthenticationAssessment& a) const
{
    QString html;
    for (const AuthenticationField& f : a.fields) {
        QStringList problems = f.problems;
        for (const AuthResult& r : f.results)
            problems += r.problems;
        if (problems.isEmpty())
            continue;
        if (html.isEmpty())
            html = heading(3, tr("Fields that do not follow the standard")) +
                   paragraph(muted(tr("Read as far as possible; each is shown as written.")));
        html += paragraph(QStringLiteral("<b>") + safe(f.name) + QStringLiteral("</b>: ") +
                          safe(problems.join(QStringLiteral("; "))));
        html += SafeHtml::pre(DisplayText::oneLine(f.value, 4000));
    }
    return html;
}

} // namespace headerlens
