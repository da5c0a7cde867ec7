#include "Alternation.h"
#include "BlocklistCatalog.h"
#include "BounceFormats.h"
#include "ClassificationRules.h"
#include "PatternTable.h"
#include "PhraseScanner.h"
#include "RegexLiterals.h"
#include "RegexSubject.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace headerlens;

// The one-pass matcher behind the rule and layout tables: literal factors read from a regex, the
// Aho-Corasick scanner, and the guarantee that matters: a pattern that matches a text is never
// skipped because of its phrases.
class TestPatternTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void literals_data();
    void literals();
    void scannerFindsEveryPhrase();
    void scannerFindsWhatASearchFinds();
    void prefilterNeverHidesAMatch();
    void precomputedPhrasesAreCurrent();
    void everyTablePatternHasPhrases();
    void aGroupSkipsTextsNoneOfItsPatternsCanMatch();
    void branchesOfAnAlternation_data();
    void branchesOfAnAlternation();
    void alternationsMatchAsTheWholeExpression();
    void plainBranchesMatchAsPcreMatchesThem();
    void compiledBranchesMatchAsQRegularExpression();
    void surrogatesAreFoundAtEveryPosition();
    void textsWithSurrogatesMatchAsBefore();
    void qtCompilesMachineCodeForCompleteMatchesOnly();
};

namespace {

// Every expression of both tables, as the tables hand it to RegexLiterals at start-up.
QList<RegexLiterals::Input> tablePatterns()
{
    QList<RegexLiterals::Input> out;
    QFile rules(QStringLiteral(HEADERLENS_SOURCE_DIR "/core/rules/classification-rules.tsv"));
    if (rules.open(QIODevice::ReadOnly)) {
        for (const QString& line : QString::fromUtf8(rules.readAll()).split(QLatin1Char('\n'))) {
            const QStringList cols = line.split(QLatin1Char('\t'));
            if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')) || cols.size() < 7)
                continue;
            const QString match = cols[3].trimmed();
            if (match.startsWith(QLatin1String("re:"))) {
                out.append({match.mid(3), true});
                // a rule's alternation also runs branch by branch
                for (const QString& branch : RegexLiterals::branches(match.mid(3)))
                    out.append({branch, true});
            }
        }
    }
    QFile formats(QStringLiteral(HEADERLENS_SOURCE_DIR "/core/rules/bounce-formats.txt"));
    if (formats.open(QIODevice::ReadOnly)) {
        for (const QString& raw : QString::fromUtf8(formats.readAll()).split(QLatin1Char('\n'))) {
            const QString line = raw.trimmed();
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            if (line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('[')) || colon <= 0)
                continue;
            const QString key = line.left(colon).trimmed();
            if (key == QLatin1String("name") || key == QLatin1String("header") ||
                key == QLatin1String("option"))
                continue;
            out.append({line.mid(colon + 1).trimmed(), false});
        }
    }
    // The other tables read at start-up: the blocklists' expressions and the lines before a
    // returned original.
    for (const BlocklistCatalog::Entry& entry : BlocklistCatalog::entries())
        out.append({entry.pattern.regex().pattern(), true});
    for (const QString& marker : BounceFormats::originalMarkerPatterns())
        out.append({marker, true});
    return out;
}

} // namespace

void TestPatternTable::literals_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("phrases");

    QTest::newRow("a plain phrase is its own literal")
        << QStringLiteral("mailbox full") << QStringList{QStringLiteral("mailbox full")};
    QTest::newRow("an alternation needs one of its branches")
        << QStringLiteral("user unknown|no such user")
        << QStringList{QStringLiteral("no such user"), QStringLiteral("user unknown")};
    QTest::newRow("white space classes split the phrase; the longest part is kept")
        << QStringLiteral("this\\s+is\\s+a\\s+warning") << QStringList{QStringLiteral("warning")};
    QTest::newRow("an optional group multiplies out")
        << QStringLiteral("over ?quota")
        << QStringList{QStringLiteral("over quota"), QStringLiteral("overquota")};
    QTest::newRow("(?i) folds the phrases")
        << QStringLiteral("(?i)Mailbox Full") << QStringList{QStringLiteral("mailbox full")};
    QTest::newRow("escaped dots are literal")
        << QStringLiteral("5\\.7\\.1\\b") << QStringList{QStringLiteral("5.7.1")};
    QTest::newRow("a small class is a set of alternatives")
        << QStringLiteral("[45]\\.7\\.1") << QStringList{QStringLiteral("4.7.1"), QStringLiteral("5.7.1")};
    QTest::newRow("named groups and lookarounds are read through")
        << QStringLiteral("(?<=\\s)(?<code>reject)(?!ed)") << QStringList{QStringLiteral("reject")};
    QTest::newRow("a branch without a literal means no literal is required")
        << QStringLiteral("user unknown|\\d+") << QStringList{};
    QTest::newRow("a starred atom is not required") << QStringLiteral("(abc)*") << QStringList{};
    QTest::newRow("a back-reference gives up nothing it cannot know")
        << QStringLiteral("(ab)\\1cd") << QStringList{QStringLiteral("ab")};
    QTest::newRow("extended syntax is not read") << QStringLiteral("(?x) user unknown") << QStringList{};
    QTest::newRow("\\x{} escapes are characters")
        << QStringLiteral("empf\\x{00e4}nger") << QStringList{QStringLiteral("empfänger")};
}

void TestPatternTable::literals()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, phrases);
    QStringList got = RegexLiterals::compute(pattern).phrases;
    got.sort();
    phrases.sort();
    QCOMPARE(got, phrases);
}

void TestPatternTable::scannerFindsEveryPhrase()
{
    PhraseScanner scanner;
    const QStringList phrases = {QStringLiteral("he"),   QStringLiteral("she"),   QStringLiteral("his"),
                                 QStringLiteral("hers"), QStringLiteral("Größe"), QStringLiteral("she")};
    QList<int> ids;
    for (const QString& p : phrases)
        ids.append(scanner.add(p));
    QCOMPARE(ids[5], ids[1]); // the same phrase twice: one id
    scanner.build();
    const auto foundOf = [&](QStringView text) {
        PhraseScanner::Found found;
        scanner.scan(text, found);
        QList<int> out;
        for (const int id : ids)
            out.append(found.has(id) ? 1 : 0);
        return out;
    };
    QCOMPARE(foundOf(u"USHERS"), (QList<int>{1, 1, 0, 1, 0, 1}));
    QCOMPARE(foundOf(u"die GRÖSSE und größe"), (QList<int>{0, 0, 0, 0, 1, 0}));
    QCOMPARE(foundOf(u""), (QList<int>(6, 0)));
    // A character beyond ASCII that no phrase holds breaks a phrase as any other character does.
    QCOMPARE(foundOf(u"gr\u00f6\u4e00\u00dfe gr\u00f6s"), (QList<int>(6, 0)));
    QCOMPARE(foundOf(u"\u4e00gr\u00f6\u00dfe\u4e00"), (QList<int>{0, 0, 0, 0, 1, 0}));

    // Phrases in other scripts, found case-folded among characters of their own script.
    PhraseScanner other;
    const int box = other.add(QString::fromUtf16(u"\u044f\u0449\u0438\u043a")); // "ящик"
    const int notDelivered = other.add(QString::fromUtf16(u"\u914d\u4fe1\u3067\u304d"));
    other.build();
    PhraseScanner::Found f;
    other.scan(u"\u042f\u0429\u0418\u041a \u043f\u0435\u0440\u0435\u043f\u043e\u043b\u043d\u0435\u043d", f);
    QVERIFY(f.has(box) && !f.has(notDelivered));
    other.scan(u"\u30e1\u30fc\u30eb\u3092\u914d\u4fe1\u3067\u304d\u307e\u305b\u3093", f);
    QVERIFY(!f.has(box) && f.has(notDelivered));
    other.scan(u"\u914d\u4fe1\u30e1\u3067\u304d \u044f\u0449\u0438", f);
    QVERIFY(!f.has(box) && !f.has(notDelivered));
    // One Found reused: a later scan does not keep what an earlier one found.
    PhraseScanner::Found reused;
    scanner.scan(u"USHERS she he", reused);
    // each phrase found is listed once, in the order first seen: at the E of "USHE" both "she"
    // and, on its fail chain, "he" end; "hers" comes later
    QCOMPARE(reused.ids(), (std::vector<int>{ids[1], ids[0], ids[3]}));
    scanner.scan(u"USHERS", reused);
    scanner.scan(u"his", reused);
    QVERIFY(reused.has(ids[2]));
    QVERIFY(!reused.has(ids[1]) && !reused.has(ids[3]));
    QCOMPARE(reused.ids(), (std::vector<int>{ids[2]}));
}

namespace {

char16_t folded(char16_t c)
{
    return QChar::toCaseFolded(c);
}

// Whether `text` holds `phrase` (its first MaxPhraseLength units), both case-folded unit by unit:
// what the scanner answers, found by a plain search.
bool holds(QStringView text, QStringView phrase)
{
    phrase = phrase.first(std::min(phrase.size(), PhraseScanner::MaxPhraseLength));
    for (qsizetype at = 0; at + phrase.size() <= text.size(); ++at) {
        qsizetype i = 0;
        while (i < phrase.size() && folded(text[at + i].unicode()) == folded(phrase[i].unicode()))
            ++i;
        if (i == phrase.size())
            return true;
    }
    return false;
}

// Where `phrase` (its first MaxPhraseLength units) first ends in `text`, by the same search: the
// index past its last unit, or -1.
qsizetype firstEndOf(QStringView text, QStringView phrase)
{
    phrase = phrase.first(std::min(phrase.size(), PhraseScanner::MaxPhraseLength));
    for (qsizetype at = 0; at + phrase.size() <= text.size(); ++at) {
        if (holds(text.sliced(at, phrase.size()), phrase))
            return at + phrase.size();
    }
    return -1;
}

} // namespace

// A long text is read in two or four parts at once, each after the first starting afresh a little
// before its place. Random phrases over a small alphabet (so that they overlap and occur often),
// some longer than MaxPhraseLength, some with letters beyond ASCII, in random texts of every
// length up to a few hundred units, made of random letters and of whole and cut phrases: the
// scanner finds exactly the phrases a plain search finds, phrases across the joins of the parts
// included, and firstEnd() stops where a plain search finds the first phrase end. Twice: with an
// automaton small enough for its table of sixteen-bit entries, and with one too large for it.
void TestPatternTable::scannerFindsWhatASearchFinds()
{
    const QString alphabet = QStringLiteral("abAB \u00e9\u00c9\u4e00");
    QRandomGenerator random(3122026);
    const auto randomText = [&](qsizetype length) {
        QString text;
        for (qsizetype i = 0; i < length; ++i)
            text += test::pick(random, alphabet);
        return text;
    };
    for (const int phraseCount : {40, 4000}) {
        PhraseScanner scanner;
        QStringList phrases;
        QList<int> ids;
        for (int k = 0; k < phraseCount; ++k) {
            const QString phrase =
                randomText(phraseCount > 1000 ? 14 + random.bounded(6) : 2 + random.bounded(19));
            phrases.append(phrase);
            ids.append(scanner.add(phrase));
        }
        scanner.build();
        if (phraseCount > 1000)
            QVERIFY2(scanner.stateCount() > 0x7FFF, "the large automaton should need 32-bit entries");
        PhraseScanner::Found found;
        int checked = 0;
        for (int round = 0; round < 300; ++round) {
            // random letters and whole or cut phrases, up to a few hundred units
            QString text;
            const qsizetype length = random.bounded(400);
            while (text.size() < length) {
                if (random.bounded(2) == 0) {
                    text += randomText(1 + random.bounded(8));
                } else {
                    const QString& phrase = phrases[random.bounded(static_cast<int>(phrases.size()))];
                    text += random.bounded(3) == 0
                                ? phrase.first(random.bounded(static_cast<int>(phrase.size())))
                                : phrase;
                }
            }
            text.truncate(length);
            scanner.scan(text, found);
            qsizetype firstEnd = -1; // where the first phrase ends
            for (qsizetype k = 0; k < phrases.size(); ++k) {
                const bool expected = holds(text, phrases[k]);
                if (const qsizetype end = expected ? firstEndOf(text, phrases[k]) : -1;
                    end >= 0 && (firstEnd < 0 || end < firstEnd))
                    firstEnd = end;
                QVERIFY2(found.has(ids[k]) == expected,
                         qPrintable(QStringLiteral("phrase \"%1\" in a text of %2 units")
                                        .arg(phrases[k])
                                        .arg(text.size())));
                checked += expected ? 1 : 0;
            }
            QCOMPARE(scanner.firstEnd(text), firstEnd);
            // The same text read in two pieces (PatternTable does so for a text that starts with
            // one it has scanned): the second starts MaxPhraseLength - 1 units before the join.
            if (text.size() > PhraseScanner::MaxPhraseLength) {
                const qsizetype join =
                    PhraseScanner::MaxPhraseLength +
                    random.bounded(static_cast<int>(text.size() - PhraseScanner::MaxPhraseLength));
                PhraseScanner::Found pieces;
                scanner.scan(QStringView(text).first(join), pieces);
                scanner.scanMore(QStringView(text).sliced(join - (PhraseScanner::MaxPhraseLength - 1)),
                                 pieces);
                for (qsizetype k = 0; k < phrases.size(); ++k)
                    QCOMPARE(pieces.has(ids[k]), found.has(ids[k]));
                std::vector<int> listedOnce = pieces.ids();
                std::sort(listedOnce.begin(), listedOnce.end());
                QVERIFY(std::adjacent_find(listedOnce.begin(), listedOnce.end()) == listedOnce.end());
            }
            // each phrase found is listed once
            std::vector<int> listed = found.ids();
            std::sort(listed.begin(), listed.end());
            QVERIFY(std::adjacent_find(listed.begin(), listed.end()) == listed.end());
            for (const int id : listed)
                QVERIFY(found.has(id));
        }
        QVERIFY2(checked > 300, "the phrases should occur in the texts");
    }
}

// Every pattern of both tables is valid, and against every line and every whole text of our fixtures: where
// the expression matches, the table must let it run.
// rule-phrases.tsv holds what RegexLiterals reads from each table pattern, so that start-up need
// not read them all; a table edited without it (or a change to RegexLiterals) fails here.
void TestPatternTable::precomputedPhrasesAreCurrent()
{
    const QList<RegexLiterals::Input> inputs = tablePatterns();
    QVERIFY(inputs.size() > 250);
    const QByteArray expected = RegexLiterals::tableFor(inputs);
    const QString path = QStringLiteral(HEADERLENS_SOURCE_DIR "/core/rules/rule-phrases.tsv");
    if (qEnvironmentVariableIsSet("HEADERLENS_UPDATE_PHRASES")) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(expected);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll() == expected, "core/rules/rule-phrases.tsv is out of date: run "
                                         "HEADERLENS_UPDATE_PHRASES=1 build/tests/TestPatternTable "
                                         "and rebuild");
    // And what the tables get at run time is what reading the pattern gives.
    for (const RegexLiterals::Input& in : inputs) {
        const RegexLiterals::Result a = RegexLiterals::of(in.pattern, in.caseInsensitive);
        const RegexLiterals::Result b = RegexLiterals::compute(in.pattern, in.caseInsensitive);
        QVERIFY2(a.phrases == b.phrases && a.caseInsensitive == b.caseInsensitive, qPrintable(in.pattern));
        // ... and found there, not computed again at start-up
        QVERIFY2(RegexLiterals::isPrecomputed(in.pattern, in.caseInsensitive), qPrintable(in.pattern));
    }
    QVERIFY(!RegexLiterals::isPrecomputed(QStringLiteral("no table holds this"), true));
}

// A pattern without phrases runs on every text the table is asked about. Two rules that grew past
// the reader's bound on phrases (full.quota, unknown.i18n) lost theirs and made the classification
// run 2.7 times as many instructions over the corpus; a rule row may not quietly do that again.
void TestPatternTable::everyTablePatternHasPhrases()
{
    QStringList without;
    for (const RegexLiterals::Input& in : tablePatterns()) {
        if (RegexLiterals::of(in.pattern, in.caseInsensitive).phrases.isEmpty())
            without.append(in.pattern.left(80));
    }
    // The one layout pattern that matches any text by design (the m-FILTER layout's "text",
    // the server's words before an optional "--- SMTP command" line).
    QVERIFY2(without.size() <= 1, qPrintable(without.join(QLatin1Char('\n'))));
}

void TestPatternTable::aGroupSkipsTextsNoneOfItsPatternsCanMatch()
{
    PatternTable table;
    PatternTable::Group words;
    words.append(
        table.add(QStringLiteral("^-+ ?Original message"), QRegularExpression::CaseInsensitiveOption));
    words.append(table.add(QStringLiteral("user (unknown|not found)")));
    PatternTable::Group digits; // no literal to look for: always tried
    digits.append(table.add(QStringLiteral("^\\d{3}$")));
    table.build();
    QVERIFY(!words.mayMatchAny(QStringLiteral("Reporting-MTA: dns; mx.example.org")));
    QVERIFY(words.mayMatchAny(QStringLiteral("------ ORIGINAL MESSAGE follows")));
    QVERIFY(words.mayMatchAny(QStringLiteral("550 user not found")));
    // A phrase occurring is no match yet: the expression decides.
    QVERIFY(words.mayMatchAny(QStringLiteral("the user unknown to us")));
    QVERIFY(digits.mayMatchAny(QStringLiteral("anything")));
    QVERIFY(!PatternTable::Group().mayMatchAny(QStringLiteral("anything")));
    // Asked about a part of a longer text (a line where it stands), the answers are the same.
    const QString text =
        QStringLiteral("Reporting-MTA: dns; mx.example.org\n------ ORIGINAL MESSAGE follows\n"
                       "550 user not found\nanything\nthe user unknown to us");
    for (const QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        QCOMPARE(words.mayMatchAny(line), words.mayMatchAny(line.toString()));
        QCOMPARE(digits.mayMatchAny(line), digits.mayMatchAny(line.toString()));
        QCOMPARE(PatternTable::Group().mayMatchAny(line), false);
        // ... and so are they for its phrases found once and kept.
        const PatternTable::Phrases kept = table.phrasesOf(line);
        QCOMPARE(words.mayMatchAny(kept), words.mayMatchAny(line.toString()));
        QCOMPARE(digits.mayMatchAny(kept), true);
        QCOMPARE(PatternTable::Group().mayMatchAny(kept), false);
    }
    // A text that starts with one scanned before is scanned only where it goes on: the answers
    // are those of a whole scan, for a phrase before the join, after it or across it.
    PatternTable::Group original;
    original.append(*words.begin());
    const QString longer =
        QStringLiteral("Reporting-MTA: dns; mx.example.org\nArrival-Date: Thu, 26 Nov 2026\n"
                       "------ ORIGINAL MESSAGE follows\n");
    int found = 0;
    for (qsizetype cut = 0; cut < longer.size(); ++cut) {
        for (qsizetype end = cut + 1; end <= longer.size(); ++end) {
            table.prepare(longer.first(cut));
            const QString whole = longer.first(end);
            const bool expected = original.mayMatchAny(table.phrasesOf(whole)); // a scan of its own
            QCOMPARE(original.mayMatchAny(whole), expected);
            found += expected ? 1 : 0;
        }
    }
    QVERIFY(found > 0);
    QVERIFY(!words.mayMatchAny(QStringView(text).first(34)));
    QVERIFY(words.mayMatchAny(QStringView(text).sliced(35, 30)));
    QVERIFY(!words.mayMatchAny(QStringView(text).sliced(35, 20))); // "------ ORIGINAL MES": the phrase is cut
}

void TestPatternTable::prefilterNeverHidesAMatch()
{
    QStringList patterns;
    QList<bool> caseless;
    for (const RegexLiterals::Input& in : tablePatterns()) {
        patterns.append(in.pattern);
        caseless.append(in.caseInsensitive);
    }
    QVERIFY(patterns.size() > 250);
    PatternTable table;
    QList<PatternTable::Pattern> handles;
    for (qsizetype i = 0; i < patterns.size(); ++i) {
        QRegularExpression::PatternOptions options =
            QRegularExpression::UseUnicodePropertiesOption | QRegularExpression::MultilineOption;
        if (caseless[i])
            options |= QRegularExpression::CaseInsensitiveOption;
        handles.append(table.add(patterns[i], options));
        // The tables compile their expressions on first use: an invalid one is caught here.
        QVERIFY2(handles.last().regex().isValid(),
                 qPrintable(patterns[i] + QStringLiteral(": ") + handles.last().regex().errorString()));
    }
    table.build();

    QStringList texts;
    QDirIterator it(test::dataPath(QString()), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(f.read(200000));
        texts.append(text);
        texts.append(text.toLower());
        texts += text.split(QLatin1Char('\n'));
    }
    QVERIFY(texts.size() > 1000);
    int matches = 0;
    for (const QString& text : std::as_const(texts)) {
        for (qsizetype i = 0; i < handles.size(); ++i) {
            // matches() runs the expression through PCRE2 itself (Alternation::Branch), not
            // through QRegularExpression: both must decide alike, either way.
            const bool qt = handles[i].regex().match(text).hasMatch();
            matches += qt ? 1 : 0;
            if (handles[i].matches(text) != qt)
                QFAIL(qPrintable((qt ? QStringLiteral("pattern %1 matches but was skipped on: %2")
                                     : QStringLiteral("pattern %1 does not match but was said to on: %2"))
                                     .arg(patterns[i], text.left(200))));
        }
        // The phrases of a text found once and kept (a report's line) let through the same.
        const PatternTable::Phrases kept = table.phrasesOf(text);
        for (qsizetype i = 0; i < handles.size(); ++i) {
            if (handles[i].matches(text, kept) != handles[i].matches(text))
                QFAIL(qPrintable(QStringLiteral("pattern %1 decides otherwise with kept phrases on: %2")
                                     .arg(patterns[i], text.left(200))));
        }
    }
    QVERIFY(matches > 100);
}

void TestPatternTable::branchesOfAnAlternation_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("branches");
    const QStringList none;
    QTest::newRow("top-level branches")
        << "mailbox full|quota (exceeded|reached)|over quota"
        << QStringList{QStringLiteral("mailbox full"), QStringLiteral("quota (exceeded|reached)"),
                       QStringLiteral("over quota")};
    QTest::newRow("a leading option setting goes before each branch")
        << "(?i)user unknown|no such user"
        << QStringList{QStringLiteral("(?i)user unknown"), QStringLiteral("(?i)no such user")};
    QTest::newRow("bars in a class, escaped, or in a group are not branches")
        << "a[|]b|c\\|d|(e|f)g"
        << QStringList{QStringLiteral("a[|]b"), QStringLiteral("c\\|d"), QStringLiteral("(e|f)g")};
    QTest::newRow("a class opening with ] and lookarounds")
        << "[]|]x|(?<![a-z])y(?=z)|(?<n>w)"
        << QStringList{QStringLiteral("[]|]x"), QStringLiteral("(?<![a-z])y(?=z)"),
                       QStringLiteral("(?<n>w)")};
    QTest::newRow("one branch only") << "mailbox (full|over quota)" << none;
    QTest::newRow("a back-reference") << "(a)\\1|b" << none;
    QTest::newRow("an option setting between branches") << "a|(?i)b|c" << none;
    QTest::newRow("extended syntax") << "(?x) a | b" << none;
    QTest::newRow("branch reset") << "(?|(a)|(b))|c" << none;
    QTest::newRow("quoting") << "\\Qa|b\\E|c" << none;
    QTest::newRow("unbalanced") << "(a|b" << none;
}

void TestPatternTable::branchesOfAnAlternation()
{
    QFETCH(QString, pattern);
    QTEST(RegexLiterals::branches(pattern), "branches");
}

// Every rule that runs branch by branch, on every line and text of the fixtures and the corpus:
// the leftmost branch match is the whole expression's match, the same text at the same place.
void TestPatternTable::alternationsMatchAsTheWholeExpression()
{
    QList<QRegularExpression> wholes;
    QList<QList<Alternation::Branch>> branchSets;
    for (const RegexLiterals::Input& in : tablePatterns()) {
        const QStringList branches = RegexLiterals::branches(in.pattern);
        if (!in.caseInsensitive || branches.isEmpty())
            continue;
        const auto options =
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
        wholes.append(QRegularExpression(in.pattern, options));
        QList<Alternation::Branch> set;
        for (const QString& b : branches)
            set.append(Alternation::Branch(b, options));
        branchSets.append(set);
    }
    QVERIFY(wholes.size() > 80);
    QStringList texts;
    for (const QString& root : {test::dataPath(QString()), test::corpusDir()}) {
        if (root.isEmpty())
            continue;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString raw = QString::fromUtf8(f.read(20000));
            texts.append(ClassificationRules::normaliseText(raw));
            // and line by line, where a branch can match at the very start
            if (root == test::dataPath(QString())) {
                for (const QString& line : raw.split(QLatin1Char('\n')))
                    texts.append(ClassificationRules::normaliseText(line));
            }
        }
    }
    QVERIFY(texts.size() > 300);
    int matches = 0;
    int literalBranches = 0;
    for (qsizetype i = 0; i < wholes.size(); ++i) {
        QList<const Alternation::Branch*> branches;
        for (const Alternation::Branch& b : branchSets[i]) {
            branches.append(&b);
            literalBranches += b.isLiteral() ? 1 : 0;
        }
        for (const QString& text : std::as_const(texts)) {
            const QRegularExpressionMatch whole = wholes[i].match(text);
            const auto [start, length] = Alternation::leftmost(branches, text);
            QCOMPARE(start >= 0, whole.hasMatch());
            if (!whole.hasMatch())
                continue;
            ++matches;
            QCOMPARE(start, whole.capturedStart(0));
            QCOMPARE(text.mid(start, length), whole.captured(0));
        }
    }
    QVERIFY(matches > 200);
    QVERIFY(literalBranches > 100); // plain-text branches are compared as well
    qInfo("%d matches compared", matches);
}

// A plain-text branch is found by text search, not by PCRE: on the letters whose case folding is
// not ASCII's (the Kelvin sign, the long s, the dotted and dotless i) it must agree with PCRE.
void TestPatternTable::plainBranchesMatchAsPcreMatchesThem()
{
    const auto options =
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
    const QStringList patterns = {QStringLiteral("kelvin"), QStringLiteral("spamhaus"),
                                  QStringLiteral("is invalid"), QStringLiteral("client host rejected: #216")};
    const QStringList texts = {
        QStringLiteral("the \u212Aelvin list"),
        QStringLiteral("\u017Fpamhau\u017F says no"),
        QStringLiteral("address \u0130S INVALID"),
        QStringLiteral("address \u0131s invalid, is Invalid"),
        QStringLiteral("CLIENT HOST REJECTED: #216"),
        QStringLiteral("\U0001F600 Spamhaus"),
        QStringLiteral("spamhau"),
        QString(),
    };
    for (const QString& pattern : patterns) {
        const Alternation::Branch branch(pattern, options);
        QVERIFY(branch.isLiteral());
        const QRegularExpression regex(pattern, options);
        for (const QString& text : texts) {
            const QRegularExpressionMatch m = regex.match(text);
            const auto [start, length] = branch.find(text, {});
            QCOMPARE(start, m.hasMatch() ? m.capturedStart(0) : -1);
            if (m.hasMatch())
                QCOMPARE(text.mid(start, length), m.captured(0));
        }
    }
    QVERIFY(!Alternation::Branch(QStringLiteral("host (is )?blocked"), options).isLiteral());
    QVERIFY(!Alternation::Branch(QStringLiteral("caf\u00e9"), options).isLiteral());
}

// A branch that is no plain text is compiled by PCRE2 directly, with the options Qt would use:
// it finds what QRegularExpression finds, for each pattern option, on empty and non-ASCII texts,
// on a text whose subject check fails (a lone surrogate), with an expression that does not
// compile, and with one whose machine code needs more stack on a long text than Qt gives it
// (Qt then finds nothing, and so does the branch; on a shorter text both find the match).
void TestPatternTable::compiledBranchesMatchAsQRegularExpression()
{
    using O = QRegularExpression;
    const QList<std::pair<QString, O::PatternOptions>> patterns = {
        {QStringLiteral("user (is )?unknown"), O::CaseInsensitiveOption},
        {QStringLiteral("\\bno\\s+such\\s+user\\b"),
         O::CaseInsensitiveOption | O::UseUnicodePropertiesOption},
        {QStringLiteral("^5\\d\\d\\b"), O::MultilineOption},
        {QStringLiteral("quota.*exceeded"), O::DotMatchesEverythingOption},
        {QStringLiteral("mail box # full"), O::ExtendedPatternSyntaxOption | O::CaseInsensitiveOption},
        {QStringLiteral("x.+?y"), O::InvertedGreedinessOption},
        {QStringLiteral("(caf\u00e9|\u00fcber)\\w*"),
         O::CaseInsensitiveOption | O::UseUnicodePropertiesOption},
        {QStringLiteral("[[:alpha:]]+\\d"), O::DontCaptureOption},
        {QStringLiteral("unbalanced (group"), O::NoPatternOption},
        {QStringLiteral("(?:a|b)*c"), O::NoPatternOption},
    };
    const QStringList texts = {
        QString(),
        QStringLiteral("550 5.1.1 User Unknown"),
        QStringLiteral("reply:\n552 No  Such\tUSER here"),
        QStringLiteral("Quota\nexceeded"),
        QStringLiteral("MAILBOX FULL and mailbox full"),
        QStringLiteral("x1y2y"),
        QStringLiteral("CAF\u00c9S und \u00dcBERALL"),
        QStringLiteral("abc9 \U0001F600 user unknown"),
        QStringLiteral("user unknown ") + QChar(u'\xD800') + QStringLiteral(" lone surrogate"),
        QString(100000, QLatin1Char('a')) + QLatin1Char('c'),
        QString(10000, QLatin1Char('a')) + QLatin1Char('c'),
    };
    for (const auto& [pattern, options] : patterns) {
        const Alternation::Branch branch(pattern, options);
        QVERIFY(!branch.isLiteral());
        const QRegularExpression regex(pattern, options);
        for (const QString& text : texts) {
            const QRegularExpressionMatch m = regex.match(text);
            const auto [start, length] = branch.find(text, {});
            const QString what = pattern + QStringLiteral(" in ") + text.left(40);
            QVERIFY2(start == (m.hasMatch() ? m.capturedStart(0) : -1), qPrintable(what));
            if (m.hasMatch())
                QVERIFY2(length == m.capturedLength(0), qPrintable(what));
        }
    }
    // 10,000 repetitions fit in the grown stack, 100,000 do not
    const Alternation::Branch repeated(QStringLiteral("(?:a|b)*c"), O::NoPatternOption);
    QCOMPARE(repeated.find(texts.last(), {}), std::make_pair(qsizetype(0), qsizetype(10001)));
    QCOMPARE(repeated.find(texts[texts.size() - 2], {}).first, qsizetype(-1));
}

// PCRE's UTF-16 check is skipped only for texts without surrogates: one anywhere, in the
// eight-unit blocks or in the tail, must be seen, or PCRE would read an invalid text unchecked.
void TestPatternTable::surrogatesAreFoundAtEveryPosition()
{
    for (int length = 0; length <= 40; ++length) {
        QString text(length, QLatin1Char('a'));
        QVERIFY(!RegexSubject::hasSurrogates(text));
        for (int at = 0; at < length; ++at) {
            for (const char16_t unit : {u'\xD800', u'\xDBFF', u'\xDC00', u'\xDFFF'}) {
                QString t = text;
                t[at] = QChar(unit);
                QVERIFY2(RegexSubject::hasSurrogates(t),
                         qPrintable(QStringLiteral("length %1, at %2").arg(length).arg(at)));
                PhraseScanner scanner;
                scanner.add(QStringLiteral("aa"));
                scanner.build();
                PhraseScanner::Found found;
                scanner.scan(t, found);
                QVERIFY(!found.surrogateFree());
                scanner.scan(text, found);
                QVERIFY(found.surrogateFree());
            }
        }
        // Neighbours of the surrogate range are ordinary characters.
        QString near = text;
        for (int at = 0; at < length; ++at)
            near[at] = QChar(at % 2 ? u'\xD7FF' : u'\xE000');
        QVERIFY(!RegexSubject::hasSurrogates(near));
    }
}

// A text with an emoji (a surrogate pair) or a lone surrogate, as a cut in the middle of a pair
// leaves, is still matched exactly as QRegularExpression matches it, through the tables too.
void TestPatternTable::textsWithSurrogatesMatchAsBefore()
{
    PatternTable table;
    const PatternTable::Pattern full =
        table.add(QStringLiteral("(?i)mailbox (is )?full"), QRegularExpression::CaseInsensitiveOption);
    const PatternTable::Pattern any = table.add(QStringLiteral("\\d{3}"));
    table.build();
    const QString emoji = QStringLiteral("550 Mailbox full \U0001F4EC");
    const QString lone = QStringLiteral("550 Mailbox full ") + QChar(u'\xD83D') + QStringLiteral(" end");
    const QString plain = QStringLiteral("550 5.2.2 mailbox is FULL");
    for (const QString& text : {emoji, lone, plain}) {
        QCOMPARE(full.matches(text), full.regex().match(text).hasMatch());
        QCOMPARE(any.match(text).captured(0), any.regex().match(text).captured(0));
        const PatternTable::Phrases kept = table.phrasesOf(text);
        QCOMPARE(full.matches(text, kept), full.matches(text));
        QCOMPARE(any.match(text, kept).captured(0), any.regex().match(text).captured(0));
        QCOMPARE(RegexSubject::match(full.regex(), text).hasMatch(), full.regex().match(text).hasMatch());
    }
    QVERIFY(full.matches(emoji));
    QVERIFY(full.matches(plain));
    // PCRE refuses a subject that is not valid UTF-16 rather than reading past a lone surrogate.
    QCOMPARE(full.matches(lone), false);
    QCOMPARE(RegexSubject::match(full.regex(), lone).hasMatch(), false);
}

QTEST_GUILESS_MAIN(TestPatternTable)
// RegexSubject.cpp's pcre2_jit_compile_16 stands in front of libpcre2's: QRegularExpression's
// compiles must come through it (else each expression is compiled three times again), and
// partial matches, for which no machine code is made any more, must still be found.
void TestPatternTable::qtCompilesMachineCodeForCompleteMatchesOnly()
{
    if (qEnvironmentVariable("QT_ENABLE_REGEXP_JIT") == QLatin1String("0"))
        QSKIP("QT_ENABLE_REGEXP_JIT=0: Qt compiles nothing to machine code");
    const int before = RegexSubject::machineCodeCompiles();
    const QRegularExpression re(QStringLiteral("abc(\\d+)x"));
    QVERIFY(re.match(QStringLiteral("zzabc12x")).hasMatch());
    QCOMPARE(RegexSubject::machineCodeCompiles(), before + 1);

    // "zzabc12" could still become a match: a partial match "abc12" at 2, in both modes.
    for (const auto type :
         {QRegularExpression::PartialPreferCompleteMatch, QRegularExpression::PartialPreferFirstMatch}) {
        const QRegularExpressionMatch partial = re.match(QStringLiteral("zzabc12"), 0, type);
        QVERIFY(!partial.hasMatch());
        QVERIFY(partial.hasPartialMatch());
        QCOMPARE(partial.capturedStart(0), 2);
        QCOMPARE(partial.captured(0), QStringLiteral("abc12"));
        QVERIFY(!re.match(QStringLiteral("zzq"), 0, type).hasPartialMatch());
    }
    // A complete match is preferred to a partial one where both exist.
    const QRegularExpressionMatch complete =
        re.match(QStringLiteral("abc1x abc2"), 0, QRegularExpression::PartialPreferCompleteMatch);
    QVERIFY(complete.hasMatch());
    QCOMPARE(complete.captured(1), QStringLiteral("1"));
    QCOMPARE(RegexSubject::machineCodeCompiles(), before + 1);
}

#include "TestPatternTable.moc"
