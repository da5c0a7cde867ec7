#include "ClassificationRules.h"

#include "Alternation.h"
#include "CauseCatalog.h"
#include "GuardedRegex.h"
#include "PhraseScanner.h"
#include "RegexLiterals.h"
#include "RegexSubject.h"
#include "RulesResource.h"
#include "TextSearch.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

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
    QStringList codes;  // Status, NotStatus, Code: "X.1.1", "5.7.*", "55x" (wildcards, see codeMatches)
    GuardedRegex mta;   // Mta
    QStringList values; // Class, Stage, Action, DiagnosticType, Cause
};

struct Rule
{
    QString id;
    QString cause;
    int priority = 0;
    QString literal;          // lower-case phrase, or empty
    QRegularExpression regex; // when the match column starts with "re:"
    bool hasRegex = false;
    // A regex that is an alternation runs branch by branch: only the branches whose phrases occur
    // (Alternation). Read the first time the rule's words occur in a text, so that start-up does
    // not split the hundreds of rules a run never needs. Empty list: the regex runs whole.
    struct Branch
    {
        Alternation::Branch branch;
        std::vector<int> phrases; // empty: always run
    };
    struct Branches
    {
        std::once_flag once;
        QList<Branch> list;
    };
    std::shared_ptr<Branches> branches = std::make_shared<Branches>();
    // Phrases of the scanner one of which the text must hold for the rule to fire: the literal
    // itself, or the literal factors of the regex. Empty: always try the rule.
    std::vector<int> phrases;
    QList<Condition> conditions;
    QString reason;
    QString origin; // the source column
    RuleMatch::Source source = RuleMatch::Source::Text;
};

// One alternative of a status or code column against a code: "X" is 2, 4 or 5 (a status class),
// "x" and "?" one digit, "*" one or more digits; anything else itself.
bool wildcardMatches(QStringView spec, QStringView code)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < spec.size()) {
        const QChar s = spec[i];
        if (s == QLatin1Char('*')) {
            qsizetype digits = 0;
            while (j + digits < code.size() && code[j + digits].isDigit())
                ++digits;
            // [0-9]+ backtracks: try every length, longest first
            for (qsizetype n = digits; n >= 1; --n) {
                if (wildcardMatches(spec.sliced(i + 1), code.sliced(j + n)))
                    return true;
            }
            return false;
        }
        if (j >= code.size())
            return false;
        const QChar c = code[j];
        if (s == QLatin1Char('X')) {
            if (c != QLatin1Char('2') && c != QLatin1Char('4') && c != QLatin1Char('5'))
                return false;
        } else if (s == QLatin1Char('x') || s == QLatin1Char('?')) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return false;
        } else if (s != c) {
            return false;
        }
        ++i;
        ++j;
    }
    return j == code.size();
}

// "X.1.1", "5.7.*", "5.7.6??", "4.7.650|4.7.651" (status) or "552", "500|501", "55x" (reply code)
QStringList codeAlternatives(const QString& spec, bool status)
{
    QStringList alternatives;
    for (const QString& alt : spec.split(QLatin1Char('|'))) {
        QString a = alt.trimmed();
        if (status)
            a.replace(QLatin1Char('x'), QLatin1Char('X')); // a status class in either case
        alternatives.append(a);
    }
    return alternatives;
}

bool anyCodeMatches(const QStringList& alternatives, QStringView code)
{
    return std::any_of(alternatives.cbegin(), alternatives.cend(),
                       [&](const QString& alt) { return wildcardMatches(alt, code); });
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
        c.mta = GuardedRegex(text.mid(4), QRegularExpression::CaseInsensitiveOption);
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
        c.codes = codeAlternatives(text.mid(8).trimmed(), true);
        return c;
    }
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq < 0)
        qFatal("classification-rules.tsv: rule %s: bad condition '%s'", qPrintable(ruleId), qPrintable(text));
    const QString key = text.left(eq).trimmed();
    const QString value = text.mid(eq + 1).trimmed();
    if (key == QLatin1String("status")) {
        c.kind = Condition::Kind::Status;
        c.codes = codeAlternatives(value, true);
    } else if (key == QLatin1String("code")) {
        c.kind = Condition::Kind::Code;
        c.codes = codeAlternatives(value, false);
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
    // Every rule's phrases in one automaton: a text is read once for all rules, and only the
    // rules whose phrases occur run their regular expression.
    PhraseScanner scanner;
    // The first-pass rules (their indexes) each phrase belongs to, and those without phrases:
    // a text is tried only against the rules whose words it holds.
    std::vector<std::vector<int>> firstPassOfPhrase;
    std::vector<int> firstPassAlways;
    QHash<QString, int> phraseIds; // each rule phrase's id in the scanner
};

// The phrases a rule's text condition needs, added to the scanner.
void addPhrases(Rule& rule, RuleSet& set)
{
    const auto add = [&](const QString& phrase) {
        const int id = set.scanner.add(phrase);
        set.phraseIds.insert(phrase, id);
        rule.phrases.push_back(id);
    };
    if (rule.hasRegex) {
        // normaliseText lower-cases the text, and the regex is case-insensitive anyway.
        for (const QString& phrase : RegexLiterals::of(rule.regex.pattern(), true).phrases)
            add(phrase);
    } else if (!rule.literal.isEmpty()) {
        add(rule.literal);
    }
}

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
                // Not compiled here (isValid() would): a rule's regex compiles when its phrases
                // first occur. TestPatternTable checks that every one is valid.
            } else {
                rule.literal = ClassificationRules::normaliseText(match);
            }
            for (const QString& cond : f[4].split(QLatin1Char(';'), Qt::SkipEmptyParts))
                rule.conditions.append(parseCondition(cond.trimmed(), rule.id));
            rule.origin = f[5].trimmed();
            static const QRegularExpression originForm(
                QStringLiteral("^(rfc|vendor|mta|phrase|i18n):[a-z0-9.&_-]+$"));
            if (!RegexSubject::match(originForm, rule.origin).hasMatch())
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
        for (Rule& rule : set.firstPass)
            addPhrases(rule, set);
        for (Rule& rule : set.refinements)
            addPhrases(rule, set);
        set.scanner.build();
        set.firstPassOfPhrase.resize(static_cast<size_t>(set.scanner.phraseCount()));
        for (int i = 0; i < set.firstPass.size(); ++i) {
            const Rule& rule = set.firstPass[i];
            if (rule.phrases.empty())
                set.firstPassAlways.push_back(i);
            for (const int id : rule.phrases)
                set.firstPassOfPhrase[static_cast<size_t>(id)].push_back(i);
        }
        return set;
    }();
    return instance;
}

bool stageMatches(const QString& stage, const QStringList& values)
{
    const QString s = lowered(stage);
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

// `value` (not negative) written in decimal into `digits`, as QString::number writes it: the rules
// compare reply codes and classes as text, and every rule asks again.
QStringView decimal(int value, std::array<char16_t, 12>& digits)
{
    size_t at = digits.size();
    do {
        digits[--at] = static_cast<char16_t>(u'0' + value % 10);
        value /= 10;
    } while (value > 0);
    return QStringView(digits.data() + at, static_cast<qsizetype>(digits.size() - at));
}

bool conditionHolds(const Condition& c, const RuleFacts& facts, const QString& cause, const QString& ruleId,
                    QString* matched)
{
    std::array<char16_t, 12> digits;
    switch (c.kind) {
    case Condition::Kind::NotStage:
        return !stageMatches(facts.stage, c.values);
    case Condition::Kind::Smtp:
        return facts.replyCode > 0 || !facts.status.isEmpty();
    case Condition::Kind::ServerWords:
        return facts.serverWords;
    case Condition::Kind::NotStatus:
        return facts.status.isEmpty() || !anyCodeMatches(c.codes, facts.status);
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
        if (facts.status.isEmpty() || !anyCodeMatches(c.codes, facts.status))
            return false;
        if (matched && matched->isEmpty())
            *matched = facts.status;
        return true;
    case Condition::Kind::Code:
        if (facts.replyCode <= 0 || !anyCodeMatches(c.codes, decimal(facts.replyCode, digits)))
            return false;
        if (matched && matched->isEmpty())
            *matched = QString::number(facts.replyCode);
        return true;
    case Condition::Kind::Class:
        return facts.statusClass() > 0 && c.values.contains(decimal(facts.statusClass(), digits));
    case Condition::Kind::Stage:
        return stageMatches(facts.stage, c.values);
    case Condition::Kind::Action:
        return c.values.contains(lowered(facts.action));
    case Condition::Kind::DiagnosticType:
        return c.values.contains(lowered(facts.diagnosticType));
    case Condition::Kind::Mta:
        return !facts.mta.isEmpty() && c.mta.matches(facts.mta);
    case Condition::Kind::Final:
        return facts.finalFailure;
    case Condition::Kind::Format:
        return c.values.contains(lowered(facts.format));
    case Condition::Kind::Cause:
        return c.values.contains(cause);
    }
    return false;
}

// A text as the rules read it: normalised once, scanned once for every rule's phrases.
struct ScannedText
{
    QString text;
    QString normalised;
    PhraseScanner::Found found;
};

// The classifier asks about the same text several times in a row (all matches, refinement,
// the underlying cause of an expiry): keep the last one per thread.
const ScannedText& scanned(const QString& text)
{
    thread_local ScannedText last;
    thread_local bool valid = false;
    if (valid && last.text.size() == text.size() && last.text == text)
        return last;
    last.text = text;
    last.normalised = ClassificationRules::normaliseText(text);
    rules().scanner.scan(last.normalised, last.found);
    valid = true;
    return last;
}

bool phrasesOccur(const Rule& rule, const ScannedText& text)
{
    if (rule.phrases.empty())
        return true;
    return std::any_of(rule.phrases.cbegin(), rule.phrases.cend(),
                       [&](int id) { return text.found.has(id); });
}

// The branches of a rule's regex when it is an alternation (see Rule::Branches). Long
// alternations of vendor phrases are cheaper run branch by branch, and only the branches whose
// words occur compile at all. A branch phrase the scanner does not hold leaves the branch
// unfiltered: it always runs.
const QList<Rule::Branch>& branchesOf(const Rule& rule)
{
    std::call_once(rule.branches->once, [&rule] {
        const QHash<QString, int>& ids = rules().phraseIds;
        for (const QString& branch : RegexLiterals::branches(rule.regex.pattern())) {
            Rule::Branch b{Alternation::Branch(branch, rule.regex.patternOptions()), {}};
            for (const QString& phrase : RegexLiterals::of(branch, true).phrases) {
                const auto it = ids.constFind(phrase);
                if (it == ids.cend()) {
                    b.phrases.clear();
                    break;
                }
                b.phrases.push_back(*it);
            }
            rule.branches->list.append(std::move(b));
        }
    });
    return rule.branches->list;
}

// Whether the words matched at `start` of a normalised (lower-case) text are denied by the words
// just before them: "no virus found", "this is not a spam or policy rejection", "not due to a
// block list", "kein Virus". A denied finding is no evidence of its cause. The words the match
// itself starts with ("no such user", "not accepting mail") are what the rule reads, not a denial
// of it. Read backwards word by word: an "X or Y" list, an article, "due to" or "blocked by", then
// the denial, separated by spaces only (a comma or a full stop ends the statement: "not
// delivered, user unknown").
bool deniedAt(QStringView normalised, qsizetype start)
{
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'-' || c == u'\''; };
    qsizetype pos = std::min(start, normalised.size());
    const qsizetype floor = std::max<qsizetype>(0, pos - 120);
    // The word ending before `pos` and the separator after it; false when the separator holds
    // anything but spaces and at most one '/', or there is no word.
    QStringView word;
    bool slash = false;
    const auto previousWord = [&]() {
        qsizetype end = pos;
        slash = false;
        while (end > floor && !isWordChar(normalised[end - 1])) {
            const QChar c = normalised[end - 1];
            if (c == u'/' && !slash)
                slash = true;
            else if (!c.isSpace())
                return false;
            --end;
        }
        qsizetype begin = end;
        while (begin > floor && isWordChar(normalised[begin - 1]))
            --begin;
        if (begin == end || (begin == floor && floor > 0))
            return false;
        word = normalised.sliced(begin, end - begin);
        pos = begin;
        return true;
    };
    const auto is = [&](std::initializer_list<const char16_t*> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](const char16_t* w) { return word == QStringView(w); });
    };
    if (!previousWord())
        return false;
    // "spam or policy", "spam/policy": up to three listed words before the matched one
    for (int items = 0; items < 3; ++items) {
        if (slash) {
            if (!previousWord())
                return false;
        } else if (is({u"or", u"nor"})) {
            if (!previousWord() || !previousWord())
                return false;
        } else {
            break;
        }
    }
    if (is({u"a", u"an", u"any"}) && !previousWord())
        return false;
    if (is({u"to", u"of", u"by"})) {
        const QStringView joint = word;
        if (!previousWord())
            return false;
        const bool phrase =
            (joint == u"to" && word == u"due") || (joint == u"of" && is({u"because", u"result"})) ||
            (joint == u"by" && is({u"caused", u"blocked", u"caught", u"stopped", u"rejected", u"flagged"}));
        if (!phrase || !previousWord())
            return false;
    }
    return is({u"no", u"not", u"never", u"without", u"kein", u"keine", u"keinen", u"keinem", u"aucun",
               u"aucune", u"ningun", u"ningún", u"ninguno", u"ninguna", u"nenhum", u"nenhuma", u"nessun",
               u"nessuno", u"nessuna"});
}

std::optional<RuleMatch> tryRule(const Rule& rule, const RuleFacts& facts, const ScannedText& scannedText,
                                 const QString& cause, const QString& ruleId)
{
    if (!phrasesOccur(rule, scannedText))
        return std::nullopt;
    // The conditions first: they are cheap, and most rules whose words occur fail on them. A
    // Status or Code condition names what matched when the text itself did not.
    QString conditionMatched;
    for (const Condition& c : rule.conditions) {
        if (!conditionHolds(c, facts, cause, ruleId, &conditionMatched))
            return std::nullopt;
    }
    const QString& normalised = scannedText.normalised;
    QString matched;
    if (rule.hasRegex) {
        if (normalised.isEmpty())
            return std::nullopt;
        const QRegularExpression::MatchOptions options =
            RegexSubject::options(scannedText.found.surrogateFree());
        const QList<Rule::Branch>& branches = branchesOf(rule);
        // The first match the words before it do not deny (a few tries: a text denies little).
        if (branches.isEmpty()) {
            qsizetype offset = 0;
            for (int tries = 0; tries < 4 && matched.isEmpty(); ++tries) {
                const QRegularExpressionMatch m =
                    rule.regex.match(normalised, offset, QRegularExpression::NormalMatch, options);
                if (!m.hasMatch())
                    return std::nullopt;
                if (!deniedAt(normalised, m.capturedStart(0)))
                    matched = m.captured(0).trimmed();
                offset = std::max(m.capturedEnd(0), m.capturedStart(0) + 1);
            }
            if (matched.isEmpty())
                return std::nullopt;
        } else {
            QList<const Alternation::Branch*> candidates;
            for (const Rule::Branch& b : branches) {
                if (b.phrases.empty() || std::any_of(b.phrases.cbegin(), b.phrases.cend(),
                                                     [&](int id) { return scannedText.found.has(id); }))
                    candidates.append(&b.branch);
            }
            qsizetype offset = 0;
            for (int tries = 0; tries < 4 && matched.isEmpty(); ++tries) {
                const QString rest = offset == 0 ? normalised : normalised.mid(offset);
                const auto [start, length] = Alternation::leftmost(candidates, rest, options);
                if (start < 0)
                    return std::nullopt;
                if (!deniedAt(normalised, offset + start))
                    matched = rest.mid(start, length).trimmed();
                offset += start + std::max<qsizetype>(length, 1);
            }
            if (matched.isEmpty())
                return std::nullopt;
        }
    } else if (!rule.literal.isEmpty()) {
        qsizetype at = normalised.indexOf(rule.literal);
        while (at >= 0 && deniedAt(normalised, at))
            at = normalised.indexOf(rule.literal, at + 1);
        if (at < 0)
            return std::nullopt;
        matched = normalised.mid(at, rule.literal.size());
    }
    if (matched.isEmpty())
        matched = conditionMatched;
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

QString ClassificationRules::replaceAddresses(QString text)
{
    // Addresses are not words: "<filtered@example.jp>... User unknown" says nothing of a filter.
    // Each address becomes "<email>", as the global replacement of this expression makes it:
    static const QRegularExpression address(QString::fromLatin1(AddressPattern));
    const char16_t* const data = reinterpret_cast<const char16_t*>(text.constData());
    const qsizetype size = text.size();
    qsizetype at = QStringView(text).indexOf(u'@');
    if (at < 0)
        return text;
    if (RegexSubject::hasSurrogates(text)) // PCRE's reading of them decides
        return std::move(text).replace(address, QStringLiteral("<email>"));
    // Written out, as PCRE runs it: a match starts at the first character of a run outside the
    // excluded ones (white space, <>"'()[],;:) that holds an '@' after its first character and
    // followed by [a-z0-9]; the greedy run gives back characters until the last such '@'; the
    // domain then takes every [a-z0-9.-] after it. The next search starts where a match ended.
    const auto excluded = [](char16_t c) {
        switch (c) {
        case u' ':
        case u'\t':
        case u'\n':
        case u'\v':
        case u'\f':
        case u'\r':
        case u'<':
        case u'>':
        case u'"':
        case u'\'':
        case u'(':
        case u')':
        case u'[':
        case u']':
        case u',':
        case u';':
        case u':':
            return true;
        default:
            return false;
        }
    };
    const auto lowerOrDigit = [](char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    QString out;
    qsizetype copied = 0; // text before this is in `out`
    qsizetype pos = 0;
    while (at >= 0) {
        // the run that holds this '@': from the first non-excluded character at or after `pos`
        qsizetype start = at;
        while (start > pos && !excluded(data[start - 1]))
            --start;
        qsizetype runEnd = at;
        while (runEnd < size && !excluded(data[runEnd]))
            ++runEnd;
        qsizetype last = -1; // the run's last '@' that can open a domain
        for (qsizetype i = runEnd - 2; i > start; --i) {
            if (data[i] == u'@' && lowerOrDigit(data[i + 1])) {
                last = i;
                break;
            }
        }
        if (last < 0) {
            pos = runEnd;
        } else {
            qsizetype end = last + 2;
            while (end < size && (lowerOrDigit(data[end]) || data[end] == u'.' || data[end] == u'-'))
                ++end;
            out.append(QStringView(data + copied, start - copied));
            out.append(u"<email>");
            copied = end;
            pos = end;
        }
        at = pos < size ? QStringView(text).indexOf(u'@', pos) : -1;
    }
    if (copied == 0)
        return text;
    out.append(QStringView(data + copied, size - copied));
    return out;
}

QString ClassificationRules::normaliseText(const QString& text)
{
    // Multi-line SMTP replies arrive joined: "550-5.7.26 Unauthenticated ... due to 550-5.7.26
    // domain's DMARC policy". The repeated prefixes would split phrases, so drop them.
    static const QRegularExpression continuation(
        QStringLiteral("(?<=\\s)[245][0-9][0-9](?:-|\\s(?=[245]\\.[0-9]{1,3}\\.[0-9]{1,3}\\s))(?:[245]\\.[0-"
                       "9]{1,3}\\.[0-9]{1,3}\\s)?"));
    // Each replacement runs only where it can change something (most texts are short, with
    // single spaces and no reply-code prefixes inside).
    const auto collapsible = [&](const QString& t) {
        for (qsizetype i = 0; i < t.size(); ++i) {
            if (isRegexSpace(t[i]) && (t[i] != u' ' || (i + 1 < t.size() && isRegexSpace(t[i + 1]))))
                return true;
        }
        return false;
    };
    const auto hasInnerCode = [&](const QString& t) {
        for (qsizetype i = 1; i + 2 < t.size(); ++i) {
            if (isRegexSpace(t[i - 1]) && (t[i] == u'2' || t[i] == u'4' || t[i] == u'5') &&
                t[i + 1].isDigit() && t[i + 2].isDigit())
                return true;
        }
        return false;
    };
    // Each run of white space (\s without Unicode properties: the six ASCII blanks) as one space.
    const auto collapse = [&](const QString& t) {
        QString out(t.size(), Qt::Uninitialized); // never longer than the text
        QChar* o = out.data();
        for (qsizetype i = 0; i < t.size(); ++i) {
            if (!isRegexSpace(t[i])) {
                *o++ = t[i];
                continue;
            }
            *o++ = u' ';
            while (i + 1 < t.size() && isRegexSpace(t[i + 1]))
                ++i;
        }
        out.truncate(o - out.constData());
        return out;
    };
    QString s = replaceAddresses(lowered(text));
    if (collapsible(s))
        s = collapse(s);
    if (hasInnerCode(s)) {
        s.replace(continuation, QString());
        if (collapsible(s))
            s = collapse(s);
    }
    return s.trimmed();
}

namespace {

// Whether a condition that reads only the status or the reply code holds; conditions that read
// anything else count as holding (tryRule asks them).
bool codeConditionsHold(const Rule& rule, const RuleFacts& facts)
{
    for (const Condition& c : rule.conditions) {
        switch (c.kind) {
        case Condition::Kind::Status:
        case Condition::Kind::NotStatus:
        case Condition::Kind::Code:
            if (!conditionHolds(c, facts, QString(), QString(), nullptr))
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

// The first-pass rules without phrases whose status and reply-code conditions hold for these
// facts, in rule order. Most of them are the registry's "status=X.7.26" rows, of which one or two
// can hold: the list is worked out once per status and reply code (a run meets few of them) and
// remembered per thread.
const std::vector<int>& alwaysRulesFor(const RuleFacts& facts)
{
    const RuleSet& set = rules();
    thread_local QHash<QString, std::vector<int>> known;
    std::array<char16_t, 12> digits;
    const QString key = facts.status + u'|' + decimal(std::max(facts.replyCode, 0), digits);
    if (const auto it = known.constFind(key); it != known.cend())
        return *it;
    if (known.size() >= 4096) // a batch of odd codes: start again rather than grow
        known.clear();
    std::vector<int> kept;
    for (const int i : set.firstPassAlways) {
        if (codeConditionsHold(set.firstPass[i], facts))
            kept.push_back(i);
    }
    return *known.insert(key, std::move(kept));
}

// The first-pass rules a text can fire, in rule order: those whose phrases it holds and those
// that need none (and whose status and reply-code conditions hold). The others cannot match it
// (tryRule would turn each of them down).
const std::vector<int>& candidates(const ScannedText& text, const RuleFacts& facts)
{
    const RuleSet& set = rules();
    thread_local std::vector<int> out;
    thread_local std::vector<int> ofPhrases;
    thread_local std::vector<uint32_t> mark;
    thread_local uint32_t generation = 0;
    if (mark.size() != static_cast<size_t>(set.firstPass.size()))
        mark.assign(static_cast<size_t>(set.firstPass.size()), 0);
    if (++generation == 0) {
        std::fill(mark.begin(), mark.end(), 0);
        generation = 1;
    }
    ofPhrases.clear();
    for (const int id : text.found.ids()) {
        for (const int rule : set.firstPassOfPhrase[static_cast<size_t>(id)]) {
            if (mark[static_cast<size_t>(rule)] != generation) {
                mark[static_cast<size_t>(rule)] = generation;
                ofPhrases.push_back(rule);
            }
        }
    }
    // The rules that need no phrase are in order already, and are not among those of phrases.
    std::sort(ofPhrases.begin(), ofPhrases.end());
    const std::vector<int>& always = alwaysRulesFor(facts);
    out.resize(always.size() + ofPhrases.size());
    std::merge(always.cbegin(), always.cend(), ofPhrases.cbegin(), ofPhrases.cend(), out.begin());
    return out;
}

} // namespace

QList<RuleMatch> ClassificationRules::allMatches(const RuleFacts& facts)
{
    QList<RuleMatch> result;
    const ScannedText& normalised = scanned(facts.text);
    const QList<Rule>& firstPass = rules().firstPass;
    for (const int i : candidates(normalised, facts)) {
        if (auto m = tryRule(firstPass[i], facts, normalised, QString(), QString()))
            result.append(*m);
    }
    return result;
}

std::optional<RuleMatch> ClassificationRules::bestMatch(const RuleFacts& facts,
                                                        const QStringList& excludeCauses)
{
    const ScannedText& normalised = scanned(facts.text);
    const QList<Rule>& firstPass = rules().firstPass;
    for (const int i : candidates(normalised, facts)) {
        const Rule& rule = firstPass[i];
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
    const ScannedText& normalised = scanned(facts.text);
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
