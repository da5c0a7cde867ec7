#include "ClassificationRules.h"

#include "CauseCatalog.h"
#include "RulesResource.h"

#include <QRegularExpression>

#include <algorithm>

namespace headerlens {

namespace {

struct Condition
{
    enum class Kind
    {
        Status,
        NotStatus,
        NotStage,
        Smtp,
        ServerWords,
        Code,
        Class,
        Stage,
        Action,
        DiagnosticType,
        Mta,
        Final,
        Format,
        Cause,
        RuleId,
        About
    } kind;
    QRegularExpression pattern; // Status, Code, Mta
    QStringList values;         // Class, Stage, Action, DiagnosticType, Cause
};

struct Rule
{
    QString id;
    QString cause;
    int priority = 0;
    QString literal;          // lower-case phrase, or empty
    QRegularExpression regex; // when the match column starts with "re:"
    bool hasRegex = false;
    QList<Condition> conditions;
    QString reason;
    QString origin; // the source column
    RuleMatch::Source source = RuleMatch::Source::Text;
};

// "X.1.1", "5.7.*", "5.7.6??", "4.7.650|4.7.651" -> an anchored regular expression.
QRegularExpression statusPattern(const QString& spec)
{
    QStringList alternatives;
    for (const QString& alt : spec.split(QLatin1Char('|'))) {
        QString re;
        for (QChar c : alt.trimmed()) {
            if (c == QLatin1Char('X') || c == QLatin1Char('x'))
                re += QStringLiteral("[245]");
            else if (c == QLatin1Char('*'))
                re += QStringLiteral("[0-9]+");
            else if (c == QLatin1Char('?'))
                re += QStringLiteral("[0-9]");
            else if (c == QLatin1Char('.'))
                re += QStringLiteral("\\.");
            else
                re += QRegularExpression::escape(QString(c));
        }
        alternatives.append(re);
    }
    return QRegularExpression(QStringLiteral("^(?:") + alternatives.join(QLatin1Char('|')) +
                              QStringLiteral(")$"));
}

// "552", "500|501", "55x"
QRegularExpression codePattern(const QString& spec)
{
    QString re = spec;
    re.replace(QLatin1Char('x'), QStringLiteral("[0-9]"));
    return QRegularExpression(QStringLiteral("^(?:") + re + QStringLiteral(")$"));
}

Condition parseCondition(const QString& text, const QString& ruleId)
{
    Condition c;
    if (text == QLatin1String("final")) {
        c.kind = Condition::Kind::Final;
        return c;
    }
    if (text.startsWith(QLatin1String("mta~"))) {
        c.kind = Condition::Kind::Mta;
        c.pattern = QRegularExpression(text.mid(4), QRegularExpression::CaseInsensitiveOption);
        return c;
    }
    if (text == QLatin1String("smtp")) {
        c.kind = Condition::Kind::Smtp;
        return c;
    }
    if (text == QLatin1String("diag")) {
        c.kind = Condition::Kind::ServerWords;
        return c;
    }
    if (text.startsWith(QLatin1String("stage!="))) {
        c.kind = Condition::Kind::NotStage;
        c.values = text.mid(7).trimmed().toLower().split(QLatin1Char('|'), Qt::SkipEmptyParts);
        return c;
    }
    if (text.startsWith(QLatin1String("status!="))) {
        c.kind = Condition::Kind::NotStatus;
        c.pattern = statusPattern(text.mid(8).trimmed());
        return c;
    }
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq < 0)
        qFatal("classification-rules.tsv: rule %s: bad condition '%s'", qPrintable(ruleId), qPrintable(text));
    const QString key = text.left(eq).trimmed();
    const QString value = text.mid(eq + 1).trimmed();
    if (key == QLatin1String("status")) {
        c.kind = Condition::Kind::Status;
        c.pattern = statusPattern(value);
    } else if (key == QLatin1String("code")) {
        c.kind = Condition::Kind::Code;
        c.pattern = codePattern(value);
    } else {
        if (key == QLatin1String("class"))
            c.kind = Condition::Kind::Class;
        else if (key == QLatin1String("stage"))
            c.kind = Condition::Kind::Stage;
        else if (key == QLatin1String("action"))
            c.kind = Condition::Kind::Action;
        else if (key == QLatin1String("dtype"))
            c.kind = Condition::Kind::DiagnosticType;
        else if (key == QLatin1String("cause"))
            c.kind = Condition::Kind::Cause;
        else if (key == QLatin1String("rule"))
            c.kind = Condition::Kind::RuleId;
        else if (key == QLatin1String("format"))
            c.kind = Condition::Kind::Format;
        else if (key == QLatin1String("about"))
            c.kind = Condition::Kind::About;
        else
            qFatal("classification-rules.tsv: rule %s: unknown condition '%s'", qPrintable(ruleId),
                   qPrintable(key));
        c.values = value.toLower().split(QLatin1Char('|'), Qt::SkipEmptyParts);
        if (c.kind == Condition::Kind::Cause) {
            for (const QString& v : std::as_const(c.values)) {
                if (!CauseCatalog::isKnown(v))
                    qFatal("classification-rules.tsv: rule %s names unknown cause %s", qPrintable(ruleId),
                           qPrintable(v));
            }
        }
    }
    return c;
}

struct RuleSet
{
    QList<Rule> firstPass;
    QList<Rule> refinements;
};

const RuleSet& rules()
{
    static const RuleSet instance = [] {
        RuleSet set;
        const QString text = QString::fromUtf8(readRulesResource(QStringLiteral("classification-rules.tsv")));
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList f = line.split(QLatin1Char('\t'));
            if (f.size() < 7)
                qFatal("classification-rules.tsv: malformed row (7 columns expected): %s", qPrintable(line));
            Rule rule;
            rule.id = f[0].trimmed();
            rule.cause = f[1].trimmed();
            if (!CauseCatalog::isKnown(rule.cause))
                qFatal("classification-rules.tsv: rule %s has unknown cause %s", qPrintable(rule.id),
                       qPrintable(rule.cause));
            rule.priority = f[2].trimmed().toInt();
            const QString match = f[3].trimmed();
            if (match.startsWith(QLatin1String("re:"))) {
                rule.hasRegex = true;
                rule.regex =
                    QRegularExpression(match.mid(3), QRegularExpression::CaseInsensitiveOption |
                                                         QRegularExpression::UseUnicodePropertiesOption);
                if (!rule.regex.isValid())
                    qFatal("classification-rules.tsv: rule %s: bad regular expression: %s",
                           qPrintable(rule.id), qPrintable(rule.regex.errorString()));
                rule.regex.optimize();
            } else {
                rule.literal = ClassificationRules::normaliseText(match);
            }
            for (const QString& cond : f[4].split(QLatin1Char(';'), Qt::SkipEmptyParts))
                rule.conditions.append(parseCondition(cond.trimmed(), rule.id));
            rule.origin = f[5].trimmed();
            static const QRegularExpression originForm(
                QStringLiteral("^(rfc|vendor|mta|phrase|i18n):[a-z0-9.&_-]+$"));
            if (!originForm.match(rule.origin).hasMatch())
                qFatal("classification-rules.tsv: rule %s: source '%s' is not rfc:, vendor:, mta:, phrase: "
                       "or i18n:",
                       qPrintable(rule.id), qPrintable(rule.origin));
            rule.reason = f[6].trimmed();
            const bool isRefinement =
                std::any_of(rule.conditions.cbegin(), rule.conditions.cend(),
                            [](const Condition& c) { return c.kind == Condition::Kind::Cause; });
            if (isRefinement) {
                rule.source = RuleMatch::Source::Refinement;
                set.refinements.append(rule);
                continue;
            }
            if (!rule.hasRegex && rule.literal.isEmpty()) {
                const bool statusRule =
                    std::any_of(rule.conditions.cbegin(), rule.conditions.cend(),
                                [](const Condition& c) { return c.kind == Condition::Kind::Status; });
                const bool formatRule =
                    std::any_of(rule.conditions.cbegin(), rule.conditions.cend(),
                                [](const Condition& c) { return c.kind == Condition::Kind::Format; });
                rule.source = statusRule   ? RuleMatch::Source::Status
                              : formatRule ? RuleMatch::Source::Text
                                           : RuleMatch::Source::ReplyCode;
            }
            set.firstPass.append(rule);
        }
        // Strongest first; a stable sort keeps the table order among equals.
        std::stable_sort(set.firstPass.begin(), set.firstPass.end(),
                         [](const Rule& a, const Rule& b) { return a.priority > b.priority; });
        return set;
    }();
    return instance;
}

bool stageMatches(const QString& stage, const QStringList& values)
{
    const QString s = stage.toLower();
    for (const QString& v : values) {
        if (v == QLatin1String("data") &&
            (s.contains(QLatin1String("data")) || s.contains(QLatin1String("end of"))))
            return true;
        if (v == QLatin1String("rcpt") && s.contains(QLatin1String("rcpt")))
            return true;
        if (v == QLatin1String("mail") &&
            (s.startsWith(QLatin1String("mail")) || s.contains(QLatin1String("mail from"))))
            return true;
        if (v == QLatin1String("connect") &&
            (s.contains(QLatin1String("connect")) || s.contains(QLatin1String("helo")) ||
             s.contains(QLatin1String("ehlo")) || s.contains(QLatin1String("greeting")) ||
             s.contains(QLatin1String("banner"))))
            return true;
    }
    return false;
}

bool conditionHolds(const Condition& c, const RuleFacts& facts, const QString& cause, const QString& ruleId,
                    QString* matched)
{
    switch (c.kind) {
    case Condition::Kind::NotStage:
        return !stageMatches(facts.stage, c.values);
    case Condition::Kind::Smtp:
        return facts.replyCode > 0 || !facts.status.isEmpty();
    case Condition::Kind::ServerWords:
        return facts.serverWords;
    case Condition::Kind::NotStatus:
        return facts.status.isEmpty() || !c.pattern.match(facts.status).hasMatch();
    case Condition::Kind::RuleId:
        for (const QString& v : c.values) {
            if (v == QLatin1String("none")     ? ruleId.isEmpty()
                : v.endsWith(QLatin1Char('*')) ? ruleId.startsWith(v.chopped(1), Qt::CaseInsensitive)
                                               : ruleId.compare(v, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    case Condition::Kind::About:
        return c.values.contains(facts.about);
    case Condition::Kind::Status:
        if (facts.status.isEmpty() || !c.pattern.match(facts.status).hasMatch())
            return false;
        if (matched && matched->isEmpty())
            *matched = facts.status;
        return true;
    case Condition::Kind::Code:
        if (facts.replyCode <= 0 || !c.pattern.match(QString::number(facts.replyCode)).hasMatch())
            return false;
        if (matched && matched->isEmpty())
            *matched = QString::number(facts.replyCode);
        return true;
    case Condition::Kind::Class:
        return facts.statusClass() > 0 && c.values.contains(QString::number(facts.statusClass()));
    case Condition::Kind::Stage:
        return stageMatches(facts.stage, c.values);
    case Condition::Kind::Action:
        return c.values.contains(facts.action.toLower());
    case Condition::Kind::DiagnosticType:
        return c.values.contains(facts.diagnosticType.toLower());
    case Condition::Kind::Mta:
        return !facts.mta.isEmpty() && c.pattern.match(facts.mta).hasMatch();
    case Condition::Kind::Final:
        return facts.finalFailure;
    case Condition::Kind::Format:
        return c.values.contains(facts.format.toLower());
    case Condition::Kind::Cause:
        return c.values.contains(cause);
    }
    return false;
}

std::optional<RuleMatch> tryRule(const Rule& rule, const RuleFacts& facts, const QString& normalised,
                                 const QString& cause, const QString& ruleId)
{
    QString matched;
    if (rule.hasRegex) {
        if (normalised.isEmpty())
            return std::nullopt;
        const QRegularExpressionMatch m = rule.regex.match(normalised);
        if (!m.hasMatch())
            return std::nullopt;
        matched = m.captured(0).trimmed();
    } else if (!rule.literal.isEmpty()) {
        const qsizetype at = normalised.indexOf(rule.literal);
        if (at < 0)
            return std::nullopt;
        matched = normalised.mid(at, rule.literal.size());
    }
    for (const Condition& c : rule.conditions) {
        if (!conditionHolds(c, facts, cause, ruleId, &matched))
            return std::nullopt;
    }
    RuleMatch result;
    result.id = rule.id;
    result.cause = rule.cause;
    result.priority = rule.priority;
    result.matchedText = matched;
    result.reason = rule.reason;
    result.source = rule.source;
    result.origin = rule.origin;
    return result;
}

} // namespace

int RuleFacts::statusClass() const
{
    // A generic "X.0.0" says little; the report's own "permanent" outweighs it (and a missing one).
    const bool generic = status.endsWith(QLatin1String(".0.0"));
    if (!status.isEmpty() && !(generic && reportSaysPermanent) &&
        (status[0] == QLatin1Char('2') || status[0] == QLatin1Char('4') || status[0] == QLatin1Char('5')))
        return status[0].digitValue();
    if (replyCode >= 200 && replyCode <= 599 && !(replyCode < 500 && reportSaysPermanent && generic))
        return replyCode / 100;
    if (reportSaysPermanent)
        return 5;
    return 0;
}

QString ClassificationRules::normaliseText(const QString& text)
{
    // Multi-line SMTP replies arrive joined: "550-5.7.26 Unauthenticated ... due to 550-5.7.26
    // domain's DMARC policy". The repeated prefixes would split phrases, so drop them.
    static const QRegularExpression continuation(
        QStringLiteral("(?<=\\s)[245][0-9][0-9](?:-|\\s(?=[245]\\.[0-9]{1,3}\\.[0-9]{1,3}\\s))(?:[245]\\.[0-"
                       "9]{1,3}\\.[0-9]{1,3}\\s)?"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    // Addresses are not words: "<filtered@example.jp>... User unknown" says nothing of a filter.
    static const QRegularExpression address(QStringLiteral("[^\\s<>\"'()\\[\\],;:]+@[a-z0-9][a-z0-9.-]*"));
    QString s = text.toLower();
    s.replace(address, QStringLiteral("<email>"));
    s.replace(spaces, QStringLiteral(" "));
    s.replace(continuation, QString());
    s.replace(spaces, QStringLiteral(" "));
    return s.trimmed();
}

QList<RuleMatch> ClassificationRules::allMatches(const RuleFacts& facts)
{
    QList<RuleMatch> result;
    const QString normalised = normaliseText(facts.text);
    for (const Rule& rule : rules().firstPass) {
        if (auto m = tryRule(rule, facts, normalised, QString(), QString()))
            result.append(*m);
    }
    return result;
}

std::optional<RuleMatch> ClassificationRules::bestMatch(const RuleFacts& facts,
                                                        const QStringList& excludeCauses)
{
    const QString normalised = normaliseText(facts.text);
    for (const Rule& rule : rules().firstPass) {
        if (excludeCauses.contains(rule.cause))
            continue;
        if (auto m = tryRule(rule, facts, normalised, QString(), QString()))
            return m;
    }
    return std::nullopt;
}

std::optional<RuleMatch> ClassificationRules::refinement(const RuleFacts& facts, const QString& cause,
                                                         const QString& ruleId)
{
    const QString normalised = normaliseText(facts.text);
    for (const Rule& rule : rules().refinements) {
        if (auto m = tryRule(rule, facts, normalised, cause, ruleId))
            return m;
    }
    return std::nullopt;
}

QList<ClassificationRules::Row> ClassificationRules::rows()
{
    QList<Row> result;
    for (const Rule& rule : rules().firstPass)
        result.append({rule.id, rule.cause, rule.origin, false});
    for (const Rule& rule : rules().refinements)
        result.append({rule.id, rule.cause, rule.origin, true});
    return result;
}

int ClassificationRules::ruleCount()
{
    return static_cast<int>(rules().firstPass.size() + rules().refinements.size());
}

} // namespace headerlens
