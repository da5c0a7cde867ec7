#include "Analyzer.h"

#include "AutoReplyDetector.h"
#include "BounceClassifier.h"
#include "BounceFormats.h"
#include "ClassificationRules.h"
#include "DeliveryReportReader.h"
#include "DsnParser.h"
#include "Explainer.h"
#include "MessageLoader.h"
#include "RegexSubject.h"
#include "ReplyText.h"
#include "SenderFindings.h"
#include "TextSearch.h"

#include <QThread>

#include <algorithm>
#include <system_error>

namespace headerlens {

namespace {

// A pasted auto-reply (an out-of-office note, "I have left the company, please write to ..."):
// a person's answer, not a server's refusal, whatever address it points to (RFC 3834). Its
// header lines, and a first line that reads as its subject ("Automatic reply: ..."), go through
// the auto-reply rules a message's fields do; a note pasted without them by its usual sentences.
DeliveryReport autoReplyWords(const QString& text)
{
    static const QRegularExpression field(QStringLiteral("^([A-Za-z][A-Za-z0-9-]*):\\s*(.*)$"));
    static const QRegularExpression sentences(QStringLiteral(
        "(?i)\\bI am (currently )?(out of (the )?office|away|on (annual |parental )?leave|on vacation)|"
        "\\bI('m| am) (out|away) (of the office )?until|this mailbox is no longer monitored|"
        "\\bI have left\\b|\\bI no longer work\\b"));
    HeaderList headers;
    bool subject = false;
    for (const QString& raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        const QRegularExpressionMatch m = RegexSubject::match(field, line);
        if (m.hasMatch()) {
            headers.append({m.captured(1), m.captured(2).toUtf8(), m.captured(2).trimmed()});
            subject = subject || equalsCaseless(m.captured(1), u"Subject");
        }
    }
    const QString firstLine = text.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (!subject && !firstLine.isEmpty())
        headers.append({QStringLiteral("Subject"), firstLine.toUtf8(), firstLine});
    if (!AutoReplyDetector::detect(headers).autoReply && !RegexSubject::match(sentences, text).hasMatch())
        return {};
    DeliveryReport report;
    report.kind = ReportKind::AutoReply;
    report.format = QStringLiteral("autoreply");
    report.humanText = text.simplified();
    RecipientReport r;
    r.address = DsnParser::addressFromField(headerValue(headers, u"From"));
    r.format = QStringLiteral("auto-reply:text");
    r.diagnostic = text.simplified().left(300);
    report.recipients.append(r);
    return report;
}

// No reply line, log line or bounce layout in the text, but a short text may still be a server's
// words without their reply code: an ESP's "Not delivering to previously bounced address", qmail's
// "Sorry, I couldn't find any host named x. (#5.1.2)". Read as such only when the classification
// rules know the words; otherwise nothing is explained.
DeliveryReport fromWordsAlone(const QString& text)
{
    const QString words = text.simplified();
    if (words.isEmpty() || words.size() > 1000)
        return {};
    RecipientReport r;
    BounceFormats::fillFromServerText(r, words);
    r.diagnostic = words;
    r.format = QStringLiteral("reply-text");
    const bool temporary = r.status.startsWith(QLatin1Char('4')) || r.replyCode / 100 == 4;
    r.action = temporary ? QStringLiteral("delayed") : QStringLiteral("failed");
    DeliveryReport report;
    report.kind = temporary ? ReportKind::DelayNotice : ReportKind::Bounce;
    report.format = r.format;
    report.humanText = words;
    report.recipients.append(r);
    if (BounceClassifier::classify(report, r).cause == QLatin1String("undetermined"))
        return {};
    return report;
}

} // namespace

Analysis Analyzer::analyzeMessage(ParsedMessage message, const QString& source)
{
    QList<Analysis> one(1);
    one.first().source = source;
    one.first().message = std::move(message);
    analyzeTogether(one);
    return std::move(one.first());
}

void Analyzer::analyzeTogether(QList<Analysis>& group)
{
    QList<Analysis*> messages; // those with header fields: the others have nothing to analyse
    messages.reserve(group.size());
    for (Analysis& analysis : group) {
        analysis.errors = analysis.message.errors;
        analysis.warnings = analysis.message.warnings;
        if (analysis.message.headers.isEmpty())
            analysis.summary = Explainer::summarize(analysis);
        else
            messages.append(&analysis);
    }
    for (Analysis* a : std::as_const(messages)) {
        a->relay = RelayChain::fromHeaders(a->message.headers);
        a->warnings += a->relay.warnings;
    }
    for (Analysis* a : std::as_const(messages)) {
        a->authAssessment = AuthenticationAssessment::assess(a->message.headers, a->relay);
        a->authentication = AuthenticationResults::resultsOf(a->authAssessment.fields);
    }
    for (Analysis* a : std::as_const(messages)) {
        a->report = DeliveryReportReader::read(a->message);
        a->warnings += a->report.warnings;
    }
    for (Analysis* a : std::as_const(messages)) {
        if (!a->report.original.isEmpty())
            a->originalRelay = RelayChain::fromHeaders(a->report.original.headers);
    }
    for (Analysis* a : std::as_const(messages)) {
        if (a->report.original.isEmpty())
            continue;
        a->originalAuthAssessment =
            AuthenticationAssessment::assess(a->report.original.headers, a->originalRelay,
                                             AuthenticationAssessment::Perspective::ReturnedOriginal);
        a->originalAuthentication = AuthenticationResults::resultsOf(a->originalAuthAssessment.fields);
    }
    // classifyAndExplain's steps, each over the whole group.
    for (Analysis* a : std::as_const(messages))
        classify(*a);
    for (Analysis* a : std::as_const(messages))
        findSenderSide(*a);
    for (Analysis* a : std::as_const(messages))
        explain(*a);
}

void Analyzer::analyzeFiles(const QStringList& paths, const std::function<void(qsizetype, Analysis&&)>& done)
{
    QList<Analysis> group;
    qsizetype first = 0; // the index in `paths` of the group's first message
    qint64 bytes = 0;
    const auto finish = [&] {
        analyzeTogether(group);
        for (qsizetype k = 0; k < group.size(); ++k)
            done(first + k, std::move(group[k]));
        first += group.size();
        group.clear();
        bytes = 0;
    };
    for (const QString& path : paths) {
        Analysis& analysis = group.emplace_back();
        analysis.source = path;
        analysis.message = MessageLoader::fromFile(path);
        bytes += analysis.message.inputSize;
        if (group.size() >= GroupSize || bytes >= GroupBytes)
            finish();
    }
    if (!group.isEmpty())
        finish();
}

qsizetype Analyzer::groupSizeFor(qsizetype count, int threads)
{
    return std::clamp<qsizetype>(count / (4 * std::max(1, threads)), 1, GroupSize);
}

void Analyzer::classify(Analysis& analysis)
{
    analysis.recipients.clear();
    for (const RecipientReport& recipient : std::as_const(analysis.report.recipients)) {
        RecipientAnalysis item;
        item.report = recipient;
        item.classification = BounceClassifier::classify(analysis.report, recipient);
        // A message that says an address is gone but not which one: nothing can be removed; which
        // of the recipients it was is for the user to find out. (A reply text explained on its own
        // is about the address the user holds, and keeps its verdict.)
        if (item.classification.removeAddress && !analysis.fromReplyText &&
            QStringView(recipient.address).trimmed().isEmpty()) {
            item.classification.removeAddress = false;
            item.classification.advice = Advice::Investigate;
            item.classification.evidence.append(
                {QStringLiteral("report.no_address"),
                 QStringLiteral("the report does not say which address is gone")});
        }
        analysis.recipients.append(item);
    }
}

void Analyzer::findSenderSide(Analysis& analysis)
{
    // Next to the classification, not in it: what the input shows about the sending side.
    analysis.sendingIp = SenderFindings::sendingIp(analysis);
    analysis.senderFindings = SenderFindings::find(analysis);
}

void Analyzer::explain(Analysis& analysis)
{
    // Explanations read the whole analysis (the original's route, the report's sender).
    for (RecipientAnalysis& item : analysis.recipients)
        item.explanation = Explainer::explainRecipient(analysis, item);
    analysis.summary = Explainer::summarize(analysis);
}

void Analyzer::classifyAndExplain(Analysis& analysis)
{
    classify(analysis);
    findSenderSide(analysis);
    explain(analysis);
}

Analysis Analyzer::analyzeBytes(const QByteArray& bytes, const QString& source)
{
    return analyzeMessage(MessageLoader::fromBytes(bytes), source);
}

Analysis Analyzer::analyzeText(const QString& text, const QString& source)
{
    return analyzeMessage(MessageLoader::fromText(text), source);
}

Analysis Analyzer::analyzeReplyText(const QString& text, const QString& source)
{
    Analysis analysis;
    analysis.source = source;
    analysis.fromReplyText = true;
    analysis.message.inputSize = text.toUtf8().size();
    analysis.report = ReplyText::read(text);
    bool wordsAlone = false;
    if (analysis.report.recipients.isEmpty())
        analysis.report = autoReplyWords(text);
    if (analysis.report.recipients.isEmpty()) {
        analysis.report = fromWordsAlone(text);
        wordsAlone = !analysis.report.recipients.isEmpty();
    }
    if (analysis.report.recipients.isEmpty()) {
        analysis.report = DeliveryReport{};
        analysis.errors.append(
            text.trimmed().isEmpty()
                ? QStringLiteral("There is no text to explain.")
                : QStringLiteral("No SMTP reply found: give a reply line such as \"550 5.1.1 <a@b.example>: "
                                 "User unknown\", a log line, or the visible text of a bounce."));
        analysis.summary = QStringLiteral("Nothing could be explained: %1").arg(analysis.errors.first());
        return analysis;
    }
    analysis.warnings.append(QStringLiteral(
        "Explained from a reply text, not from a message: there is no route and there are no header "
        "fields to read."));
    if (wordsAlone) {
        const RecipientReport& r = analysis.report.recipients.first();
        analysis.warnings.append(
            r.status.isEmpty() && r.replyCode == 0
                ? QStringLiteral(
                      "The text holds no SMTP reply: it is read from its words alone, so whether the "
                      "failure is permanent is a guess.")
                : QStringLiteral(
                      "The text holds no SMTP reply line: it is read from its words and the status "
                      "code among them."));
    }
    classifyAndExplain(analysis);
    return analysis;
}

Analysis Analyzer::analyzePastedText(const QString& text, const QString& source)
{
    if (ReplyText::looksLikeReplyText(text))
        return analyzeReplyText(text, source);
    return analyzeText(text, source);
}

Analysis Analyzer::analyzeFile(const QString& path)
{
    return analyzeMessage(MessageLoader::fromFile(path), path);
}

void Analyzer::prepare()
{
    (void)ClassificationRules::ruleCount();
}

PreparedInBackground::PreparedInBackground(bool start)
{
    if (!start || QThread::idealThreadCount() < 2)
        return;
    try {
        m_thread = std::thread(&Analyzer::prepare);
    } catch (const std::system_error&) {
        // No thread to spare: the first message's thread builds the tables, as it would anyway.
    }
}

PreparedInBackground::~PreparedInBackground()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace headerlens
