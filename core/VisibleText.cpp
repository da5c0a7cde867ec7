#include "VisibleText.h"

namespace headerlens {

namespace {

void showAll(QStringList& list, qsizetype maxChars)
{
    for (QString& s : list)
        s = VisibleText::shown(s, maxChars);
}

void showHeaders(HeaderList& headers, qsizetype maxChars)
{
    for (HeaderField& field : headers) {
        field.name = VisibleText::shown(field.name, maxChars);
        field.value = VisibleText::shown(field.value, maxChars);
        if (field.rawValue.size() > maxChars * 4)
            field.rawValue.truncate(maxChars * 4);
    }
}

void showChain(RelayChain& chain, qsizetype maxChars)
{
    for (RelayHop& hop : chain.hops) {
        ReceivedHop& r = hop.received;
        for (QString* s : {&r.raw, &r.fromHelo, &r.fromHost, &r.fromLayout, &r.fromIp, &r.byHost, &r.byIp,
                           &r.via, &r.protocol, &r.id, &r.forAddress, &r.envelopeFrom, &r.authenticatedSender,
                           &r.tlsVersion, &r.tlsCipher, &r.software, &r.withText, &r.ident})
            *s = VisibleText::shown(*s, maxChars);
        showAll(r.warnings, maxChars);
    }
    showAll(chain.warnings, maxChars);
}

void showEach(std::initializer_list<QString*> texts, qsizetype maxChars)
{
    for (QString* s : texts)
        *s = VisibleText::shown(*s, maxChars);
}

void showPairs(QList<QPair<QString, QString>>& pairs, qsizetype maxChars)
{
    for (auto& [name, value] : pairs)
        showEach({&name, &value}, maxChars);
}

void showResult(AuthResult& r, qsizetype maxChars)
{
    showEach({&r.field, &r.authServId, &r.method, &r.methodVersion, &r.result, &r.reason, &r.reasonText,
              &r.resultComment, &r.raw},
             maxChars);
    showAll(r.comments, maxChars);
    showPairs(r.properties, maxChars);
    showAll(r.problems, maxChars);
}

void showResults(QList<AuthResult>& results, qsizetype maxChars)
{
    for (AuthResult& r : results)
        showResult(r, maxChars);
}

void showTrust(FieldTrust& trust, qsizetype maxChars)
{
    showEach({&trust.checkedBy, &trust.reason}, maxChars);
}

void showAlignment(DomainAlignment& a, qsizetype maxChars)
{
    showEach({&a.domain, &a.fromDomain, &a.organizationalDomain, &a.fromOrganizationalDomain}, maxChars);
}

void showArcSet(ArcSet& set, qsizetype maxChars)
{
    showEach({&set.chainValidation, &set.sealDomain, &set.sealSelector, &set.sealAlgorithm,
              &set.signatureDomain, &set.signatureSelector, &set.authServId},
             maxChars);
    showResults(set.results, maxChars);
    showAll(set.problems, maxChars);
}

// Authentication fields are the sender's to write (only their trust is ours): every text in them.
void showAssessment(AuthenticationAssessment& a, qsizetype maxChars)
{
    showEach({&a.fromDomain, &a.fromOrganizationalDomain, &a.mailFromDomain, &a.heloDomain, &a.entryHost,
              &a.receiverDmarc, &a.receiverPolicy},
             maxChars);
    showAll(a.fromProblems, maxChars);
    showAll(a.receivingHosts, maxChars);
    showAll(a.dmarcReasons, maxChars);
    showAlignment(a.mailFromAlignment, maxChars);
    for (AuthenticationField& f : a.fields) {
        showEach({&f.name, &f.value, &f.authServId, &f.version}, maxChars);
        showResults(f.results, maxChars);
        showAll(f.problems, maxChars);
    }
    for (AssessedResult& r : a.results) {
        showResult(r.result, maxChars);
        showTrust(r.trust, maxChars);
        showEach({&r.identitySource, &r.identityDomain, &r.why}, maxChars);
        showAlignment(r.alignment, maxChars);
        showAll(r.notes, maxChars);
    }
    for (AssessedSignature& s : a.signatures) {
        DkimSignature& d = s.signature;
        showEach({&d.raw, &d.version, &d.algorithm, &d.domain, &d.selector, &d.canonicalization, &d.identity,
                  &d.queryMethods, &d.signature, &s.verifiedResult, &s.verifiedBy},
                 maxChars);
        showAll(d.signedHeaders, maxChars);
        showPairs(d.tags, maxChars);
        showAll(d.problems, maxChars);
        showAlignment(s.alignment, maxChars);
        showAll(s.notes, maxChars);
    }
    for (ArcSet& set : a.arc.sets)
        showArcSet(set, maxChars);
    for (AssessedArcSet& set : a.arcSets) {
        showArcSet(set.set, maxChars);
        showTrust(set.trust, maxChars);
    }
    showAll(a.arc.problems, maxChars);
    for (AssessedSpamVerdict& v : a.spamVerdicts) {
        showEach({&v.verdict.filter, &v.verdict.field, &v.verdict.raw}, maxChars);
        showPairs(v.verdict.values, maxChars);
        showAll(v.verdict.meanings, maxChars);
        showAll(v.verdict.problems, maxChars);
        showTrust(v.trust, maxChars);
    }
}

void showFindings(QList<SenderFinding>& findings, SendingIp& ip, qsizetype maxChars)
{
    for (SenderFinding& f : findings) {
        showEach({&f.id, &f.kind, &f.title, &f.detail, &f.action, &f.delistingPage, &f.ip}, maxChars);
        showAll(f.recipients, maxChars);
    }
    showEach({&ip.address, &ip.network, &ip.range, &ip.reverseDns, &ip.helo, &ip.source}, maxChars);
}

void showRecipient(RecipientReport& r, qsizetype maxChars)
{
    for (QString* s :
         {&r.address, &r.originalRecipient, &r.finalRecipient, &r.action, &r.status, &r.diagnostic,
          &r.diagnosticType, &r.remoteMta, &r.reportingMta, &r.smtpCommand, &r.format})
        *s = VisibleText::shown(*s, maxChars);
}

} // namespace

bool VisibleText::isHidden(char32_t c)
{
    if (c < 0x20)
        return c != '\n' && c != '\t';
    if (c < 0x7f)
        return false;
    return c <= 0x9f                       // DEL and the C1 controls
           || c == 0x061c                  // Arabic letter mark
           || c == 0x180e                  // Mongolian vowel separator (invisible)
           || (c >= 0x200b && c <= 0x200f) // zero-width space/non-joiner/joiner, LRM, RLM
           || (c >= 0x2028 && c <= 0x202e) // line/paragraph separators, bidi embeddings and overrides
           || (c >= 0x2060 && c <= 0x2069) // word joiner, invisible operators, bidi isolates
           || c == 0xfeff;                 // zero-width no-break space (BOM)
}

QString VisibleText::of(const QString& text)
{
    qsizetype first = 0;
    while (first < text.size() && !isHidden(text[first].unicode()))
        ++first;
    if (first == text.size())
        return text; // the common case: nothing to replace, no copy
    QString out = text.left(first);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (isHidden(c))
            out += QStringLiteral("<U+%1>").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')).toUpper();
        else
            out += QChar(c);
    }
    return out;
}

QString VisibleText::shown(const QString& text, qsizetype maxChars)
{
    QString visible = of(text);
    if (visible.size() <= maxChars)
        return visible;
    QString note = QStringLiteral(" \u2026 [%1 more characters]");
    // The note counts in the limit, so that a second pass leaves the text as it is.
    qsizetype keep = maxChars - note.size() - 12;
    keep = std::max<qsizetype>(keep, 0);
    if (keep > 0 && visible[keep - 1].isHighSurrogate())
        --keep;
    return visible.left(keep) + note.arg(visible.size() - keep);
}

Analysis VisibleText::forDisplay(Analysis a, qsizetype maxChars)
{
    a.source = shown(a.source, maxChars);
    a.summary = shown(a.summary, maxChars);
    showAll(a.errors, maxChars);
    showAll(a.warnings, maxChars);
    showHeaders(a.message.headers, maxChars);
    showAll(a.message.warnings, maxChars);
    showAll(a.message.errors, maxChars);
    showChain(a.relay, maxChars);
    showChain(a.originalRelay, maxChars);
    DeliveryReport& report = a.report;
    for (QString* s :
         {&report.reportingMta, &report.receivedFromMta, &report.originalEnvelopeId, &report.postfixQueueId,
          &report.postfixSender, &report.feedbackType, &report.feedbackSourceIp, &report.feedbackUserAgent})
        *s = shown(*s, maxChars);
    report.humanText = shown(report.humanText, maxChars * 4); // the report's own words: more of them
    for (RecipientReport& r : report.recipients)
        showRecipient(r, maxChars);
    showAll(report.senders, maxChars);
    showAll(report.warnings, maxChars);
    for (QString* s :
         {&report.original.from, &report.original.to, &report.original.subject, &report.original.messageId})
        *s = shown(*s, maxChars);
    showHeaders(report.original.headers, maxChars);
    showResults(a.authentication, maxChars);
    showResults(a.originalAuthentication, maxChars);
    showAssessment(a.authAssessment, maxChars);
    showAssessment(a.originalAuthAssessment, maxChars);
    showFindings(a.senderFindings, a.sendingIp, maxChars);
    for (RecipientAnalysis& r : a.recipients) {
        showRecipient(r.report, maxChars);
        r.explanation = shown(r.explanation, maxChars);
        for (Evidence& e : r.classification.evidence)
            e.text = shown(e.text, maxChars);
    }
    return a;
}

} // namespace headerlens
