#include "AnalysisHtml.h"

#include "DisplayText.h"
#include "SafeHtml.h"
#include "SmtpStatus.h"
#include "Verdict.h"
#include "VerdictStyle.h"

#include <QCoreApplication>

namespace headerlens {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("AnalysisHtml", text, disambiguation, n);
}

// One row of a two-column fact table; skipped when the value is empty. `valueHtml` is already
// safe HTML.
void row(QString& html, const QString& name, const QString& valueHtml)
{
    if (valueHtml.isEmpty())
        return;
    html += QStringLiteral("<tr><th valign=\"top\" width=\"24%\">") + name.toHtmlEscaped() +
            QStringLiteral("</th><td>") + valueHtml + QStringLiteral("</td></tr>");
}

QString code(const QString& text)
{
    return QStringLiteral("<span class=\"code\">") + SafeHtml::text(text) + QStringLiteral("</span>");
}

QString muted(const QString& text)
{
    return QStringLiteral("<span class=\"muted\">") + SafeHtml::text(text) + QStringLiteral("</span>");
}

// The code with its meaning from core's tables (SmtpStatus).
QString replyCodeHtml(int replyCode)
{
    if (replyCode <= 0)
        return muted(tr("none given"));
    QString html = code(QString::number(replyCode));
    const QString meaning = SmtpStatus::replyCodeMeaning(replyCode);
    if (!meaning.isEmpty())
        html += QStringLiteral("&nbsp;&nbsp;") + SafeHtml::text(meaning);
    return html;
}

// A provider's own meaning of the code only when that provider's server said it.
QString enhancedStatusHtml(const QString& status, const QString& server)
{
    if (status.isEmpty())
        return muted(tr("none given"));
    QString html = code(status);
    const SmtpStatus::Meaning meaning = SmtpStatus::enhancedStatusMeaning(status, server);
    if (!meaning.isValid())
        return html;
    QString lead = meaning.subject;
    if (!meaning.detail.isEmpty())
        lead += (lead.isEmpty() ? QString() : QStringLiteral(": ")) + meaning.detail;
    if (!lead.isEmpty())
        html += QStringLiteral("&nbsp;&nbsp;") + SafeHtml::text(lead);
    QStringList more;
    if (!meaning.classMeaning.isEmpty())
        more << meaning.classMeaning;
    if (!meaning.registryName.isEmpty()) {
        const QString source = meaning.source.isEmpty() || meaning.source == QLatin1String("iana")
                                   ? tr("IANA")
                                   : meaning.source.left(1).toUpper() + meaning.source.mid(1);
        more << tr("%1 name: %2").arg(source, meaning.registryName);
    } else if (!meaning.source.isEmpty() && meaning.source != QLatin1String("iana")) {
        more << tr("a %1 code").arg(meaning.source.left(1).toUpper() + meaning.source.mid(1));
    }
    if (!more.isEmpty())
        html += QStringLiteral("<br>") + muted(more.join(QStringLiteral(" \u00b7 ")));
    return html;
}

} // namespace

AnalysisHtml::AnalysisHtml(const Analysis& analysis, const QPalette& palette)
    : m_analysis(analysis)
    , m_palette(palette)
{}

QString AnalysisHtml::page(const QString& title, const QString& body) const
{
    return QStringLiteral("<html><body><h1>") + title.toHtmlEscaped() + QStringLiteral("</h1>") + body +
           QStringLiteral("</body></html>");
}

QString AnalysisHtml::badge(const Classification& classification) const
{
    const Verdict verdict = Verdict::of(classification);
    const QColor fill = VerdictStyle::color(verdict.tone, m_palette);
    return QStringLiteral(
               "<span style=\"background-color:%1; color:%2; font-weight:600;\">&nbsp;%3&nbsp;</span>")
        .arg(fill.name(), VerdictStyle::textOn(fill).name(), verdict.badge.toHtmlEscaped());
}

QString AnalysisHtml::recipientHeading(const RecipientAnalysis& recipient, int index) const
{
    const QString address = recipient.report.address.isEmpty() ? tr("Recipient %1 (not named)").arg(index + 1)
                                                               : recipient.report.address;
    return QStringLiteral("<h2>") + SafeHtml::text(address) + QStringLiteral("</h2>");
}

QString AnalysisHtml::smtpResponse() const
{
    const DeliveryReport& report = m_analysis.report;
    QString body;
    if (m_analysis.recipients.isEmpty()) {
        body +=
            QStringLiteral("<p>") +
            (report.isReport()
                 ? tr("The %1 names no recipient, so there is no server reply to show.")
                       .arg(DisplayText::kindLabel(m_analysis).toLower())
                       .toHtmlEscaped()
                 : tr("This input is not a delivery report: no server refused or delayed it, so there is no "
                      "SMTP reply to show. The Relay chain tab shows the route it took.")
                       .toHtmlEscaped()) +
            QStringLiteral("</p>");
    }
    for (int i = 0; i < m_analysis.recipients.size(); ++i) {
        const RecipientReport& r = m_analysis.recipients[i].report;
        body += recipientHeading(m_analysis.recipients[i], i);
        QString table = QStringLiteral("<table width=\"100%\">");
        row(table, tr("Action"), SafeHtml::text(r.action));
        row(table, tr("Reply code"), replyCodeHtml(r.replyCode));
        row(table, tr("Enhanced status"),
            enhancedStatusHtml(
                r.status, QStringList{r.remoteMta, r.reportingMta, report.reportingMta, r.diagnostic}.join(
                              QLatin1Char(' '))));
        row(table, tr("Server's words"),
            r.diagnostic.isEmpty() ? muted(tr("no diagnostic text in the report"))
                                   : SafeHtml::pre(r.diagnostic));
        if (!r.diagnosticType.isEmpty())
            row(table, tr("Diagnostic type"), SafeHtml::text(r.diagnosticType));
        row(table, tr("SMTP stage"), SafeHtml::text(r.smtpCommand));
        row(table, tr("Answered by (remote MTA)"), SafeHtml::text(r.remoteMta));
        row(table, tr("Reported by"),
            SafeHtml::text(r.reportingMta.isEmpty() ? report.reportingMta : r.reportingMta));
        row(table, tr("Last attempt"), SafeHtml::text(DisplayText::dateTime(r.lastAttempt)));
        row(table, tr("Will retry until"), SafeHtml::text(DisplayText::dateTime(r.willRetryUntil)));
        if (!r.originalRecipient.isEmpty() &&
            r.originalRecipient.compare(r.address, Qt::CaseInsensitive) != 0)
            row(table, tr("Original recipient"), SafeHtml::text(r.originalRecipient));
        row(table, tr("Read from"), SafeHtml::text(r.format));
        table += QStringLiteral("</table>");
        body += table;
    }

    if (report.isReport()) {
        QString table = QStringLiteral("<table width=\"100%\">");
        row(table, tr("Kind"), SafeHtml::text(DisplayText::kindLabel(m_analysis)));
        if (m_analysis.fromReplyText)
            row(table, tr("Read from"),
                SafeHtml::text(tr("a reply text: pasted SMTP reply lines or the visible text of a bounce, "
                                  "without the message")));
        row(table, tr("Format"), SafeHtml::text(report.format));
        row(table, tr("Reporting MTA"), SafeHtml::text(report.reportingMta));
        row(table, tr("Received from MTA"), SafeHtml::text(report.receivedFromMta));
        row(table, tr("Arrival date"), SafeHtml::text(DisplayText::dateTime(report.arrivalDate)));
        row(table, tr("Original envelope ID"), SafeHtml::text(report.originalEnvelopeId));
        row(table, tr("Postfix queue ID"), SafeHtml::text(report.postfixQueueId));
        row(table, tr("Postfix sender"), SafeHtml::text(report.postfixSender));
        row(table, tr("Feedback type"), SafeHtml::text(report.feedbackType));
        row(table, tr("Source IP"), SafeHtml::text(report.feedbackSourceIp));
        row(table, tr("User agent"), SafeHtml::text(report.feedbackUserAgent));
        table += QStringLiteral("</table>");
        body +=
            QStringLiteral("<h2>") + tr("About the report").toHtmlEscaped() + QStringLiteral("</h2>") + table;
        if (!report.humanText.trimmed().isEmpty()) {
            body += QStringLiteral("<h2>") + tr("The report's own words").toHtmlEscaped() +
                    QStringLiteral("</h2>") + SafeHtml::pre(report.humanText.trimmed());
        }
    }
    return page(tr("SMTP response"), body);
}

QString AnalysisHtml::classification() const
{
    QString body;
    if (m_analysis.recipients.isEmpty()) {
        body += QStringLiteral("<p>") +
                (m_analysis.report.isReport()
                     ? tr("Nothing to classify: the report names no recipient.")
                     : tr("Nothing to classify: this is not a bounce, a delay notice or an auto-reply."))
                    .toHtmlEscaped() +
                QStringLiteral("</p>");
    }
    for (int i = 0; i < m_analysis.recipients.size(); ++i) {
        const RecipientAnalysis& recipient = m_analysis.recipients[i];
        const Classification& c = recipient.classification;
        body += recipientHeading(recipient, i);
        QString table = QStringLiteral("<table width=\"100%\">");
        row(table, tr("Type"), badge(c) + QStringLiteral(" ") + muted(toString(c.type)));
        row(table, tr("Cause"),
            SafeHtml::text(DisplayText::causeLabel(c.cause)) + QStringLiteral(" ") + muted(c.cause));
        row(table, tr("Whose side"),
            SafeHtml::text(DisplayText::sideLabel(c.side)) + QStringLiteral(" ") + muted(toString(c.side)));
        row(table, tr("Advice"),
            SafeHtml::text(Verdict::of(c).advice) + QStringLiteral(" ") + muted(toString(c.advice)));
        row(table, tr("Remove the address"),
            (c.removeAddress ? tr("Yes: the address itself is gone") : tr("No")).toHtmlEscaped());
        row(table, tr("Reputation impact"), SafeHtml::text(DisplayText::impactLabel(c.reputationImpact)));
        row(table, tr("Confidence"),
            c.confidence > 0 ? tr("%1 %").arg(qRound(c.confidence * 100)).toHtmlEscaped()
                             : muted(tr("not rated")));
        table += QStringLiteral("</table>");
        body += table;

        body += QStringLiteral("<h3>") + tr("Evidence").toHtmlEscaped() + QStringLiteral("</h3>");
        if (c.evidence.isEmpty()) {
            body += QStringLiteral("<p>") + muted(tr("No rule has fired for this recipient.")) +
                    QStringLiteral("</p>");
        } else {
            QString evidence = QStringLiteral("<table class=\"grid\" cellspacing=\"0\"><tr><th>") +
                               tr("Rule").toHtmlEscaped() + QStringLiteral("</th><th>") +
                               tr("Matched text").toHtmlEscaped() + QStringLiteral("</th></tr>");
            for (const Evidence& e : c.evidence) {
                evidence += QStringLiteral("<tr><td valign=\"top\">") + code(e.rule) +
                            QStringLiteral("</td><td>") + SafeHtml::text(e.text) +
                            QStringLiteral("</td></tr>");
            }
            body += evidence + QStringLiteral("</table>");
        }
    }
    return page(tr("Classification"), body);
}

QString AnalysisHtml::explanation() const
{
    QString body;
    if (!m_analysis.summary.isEmpty())
        body += QStringLiteral("<p class=\"prose\">") + SafeHtml::text(m_analysis.summary) +
                QStringLiteral("</p>");
    for (int i = 0; i < m_analysis.recipients.size(); ++i) {
        const RecipientAnalysis& recipient = m_analysis.recipients[i];
        body += recipientHeading(recipient, i);
        body += QStringLiteral("<p>") + badge(recipient.classification) + QStringLiteral(" ") +
                SafeHtml::text(DisplayText::causeLabel(recipient.classification.cause)) +
                QStringLiteral("</p>");
        if (recipient.explanation.isEmpty()) {
            body += QStringLiteral("<p>") + muted(tr("No explanation is available for this recipient yet.")) +
                    QStringLiteral("</p>");
        } else {
            // Paragraphs of the explanation stay paragraphs.
            const QStringList paragraphs =
                recipient.explanation.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
            for (const QString& paragraph : paragraphs)
                body += QStringLiteral("<p class=\"prose\">") + SafeHtml::text(paragraph.trimmed()) +
                        QStringLiteral("</p>");
        }
    }
    if (m_analysis.recipients.isEmpty() && m_analysis.summary.isEmpty()) {
        body +=
            QStringLiteral("<p>") +
            SafeHtml::text(m_analysis.report.isReport()
                               ? tr("HeaderLens recognised a %1 but has no explanation for it.")
                                     .arg(DisplayText::kindLabel(m_analysis).toLower())
                               : tr("This is an ordinary message, not a report of a failed delivery. Nothing "
                                    "went wrong that the message itself shows; the Relay chain tab shows "
                                    "which servers handled it and how long each step took.")) +
            QStringLiteral("</p>");
    }
    QStringList notes = m_analysis.warnings;
    notes.removeDuplicates();
    if (!notes.isEmpty()) {
        body += QStringLiteral("<h2>") + tr("Noticed while reading").toHtmlEscaped() +
                QStringLiteral("</h2><ul>");
        for (const QString& note : notes)
            body += QStringLiteral("<li>") + SafeHtml::text(note) + QStringLiteral("</li>");
        body += QStringLiteral("</ul>");
    }
    return page(tr("Explanation"), body);
}

} // namespace headerlens
