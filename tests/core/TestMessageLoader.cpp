#include "MessageLoader.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace headerlens;

namespace {

QStringList names(const ParsedMessage& message)
{
    QStringList result;
    for (const HeaderField& field : message.headers)
        result.append(field.name);
    return result;
}

QString describeFields(const HeaderList& fields)
{
    QString out;
    for (const HeaderField& f : fields)
        out += QStringLiteral("  %1 @%2 raw[%3] value[%4]\n")
                   .arg(f.name)
                   .arg(f.offset)
                   .arg(QString::fromLatin1(f.rawValue.toPercentEncoding(" :;,.@=?\"<>()-_/")), f.value);
    return out;
}

QString describePart(const MimePart& part, int depth)
{
    const QString indent(depth * 2, QLatin1Char(' '));
    QString out = indent + QStringLiteral("part %1 charset %2 boundary %3 file %4 content %5 epilogue %6\n")
                               .arg(part.contentType, part.charset, part.boundary, part.fileName,
                                    QString::fromLatin1(part.content.toBase64()),
                                    QString::fromLatin1(part.epilogue.toBase64()));
    out += describeFields(part.headers) + indent + QStringLiteral("message fields:\n") +
           describeFields(part.messageHeaders);
    for (const MimePart& child : part.children)
        out += describePart(child, depth + 1);
    return out;
}

// Everything a reading of a message holds, as text: two readings are the same when these are.
QString describe(const ParsedMessage& m)
{
    return QStringLiteral("shape %1 size %2 truncated %3\nwarnings %4\nerrors %5\nblock %6\n")
               .arg(static_cast<int>(m.shape))
               .arg(m.inputSize)
               .arg(m.bodyTruncated)
               .arg(m.warnings.join(QLatin1String(" | ")), m.errors.join(QLatin1String(" | ")),
                    QString::fromLatin1(m.rawHeaderBlock.toBase64())) +
           describeFields(m.headers) + describePart(m.body, 0);
}

// Every fixture and corpus file (whole messages, header blocks, broken and hostile inputs alike)
// that the loader takes: its name and bytes.
QList<std::pair<QString, QByteArray>> fixtureAndCorpusFiles()
{
    QStringList roots{test::dataPath(QString())};
    if (!test::corpusDir().isEmpty())
        roots << test::corpusDir();
    QList<std::pair<QString, QByteArray>> files;
    for (const QString& root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.size() <= MessageLoader::MaxInputBytes)
                files.append({file.fileName(), file.readAll()});
        }
    }
    return files;
}

// The first line where two descriptions differ, for a failure message.
QString firstDifference(const QString& ours, const QString& gmime)
{
    const QStringList a = ours.split(QLatin1Char('\n'));
    const QStringList b = gmime.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        const QString x = a.value(i);
        const QString y = b.value(i);
        if (x != y)
            return QStringLiteral("line %1:\n ours:  %2\n GMime: %3")
                .arg(i + 1)
                .arg(x.left(300), y.left(300));
    }
    return QString();
}

// Empty when fromBytes() and fromBytesThroughGMime() read `bytes` alike, else the input and the
// first difference.
QString readingDifference(const QByteArray& bytes)
{
    const QString ours = describe(MessageLoader::fromBytes(bytes));
    const QString gmime = describe(MessageLoader::fromBytesThroughGMime(bytes));
    if (ours == gmime)
        return QString();
    return QString::fromLatin1(bytes.toPercentEncoding(" :;,.@=?\"<>-\n")) + QLatin1Char('\n') +
           firstDifference(ours, gmime);
}

const char* const SimpleHeaders =
    "Received: from a.example.net by b.example.com; Thu, 26 Nov 2026 15:04:58 +0000\n"
    "From: Carol <carol@example.net>\n"
    "To: bob@example.com\n"
    "Subject: Quarterly figures\n";

} // namespace

class TestMessageLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsTheSameOnManyThreadsAtOnce();
    void headersAloneAreTheHeadersOfTheWholeParse();
    void ownTopBlockReadsAsGMimeReadsIt();
    void generatedMessagesReadAsGMimeReadsThem();
    void contentParametersReadAsGMimeReadsThem();
    void addressFieldsReadAsGMimeReadsThem();
    void damagedFilesReadAsGMimeReadsThem();
    void generatedHeaderBlocksReadAsTheWholeParseReadsThem();
    void damagedLineEndsAreReadAsQtReplacementsReadThem();
    void cleanUpsShortcutGivesWhatEveryLineGives();
    void pasteVariants_data();
    void pasteVariants();
    void keepsEveryFieldInOrderWithDuplicatesAndContentFields();
    void rawAndDecodedValues();
    void gmailShowOriginalPageSkipsTheSummaryTable();
    void truncatedMultipartKeepsWhatIsThere();
    void badInput_data();
    void badInput();
    void keepsTheRawHeaderBlock();
    void twoPercentControlBytesIsStillText();
    void hugeInputIsRefusedAtOnce();
    void duplicatedSingletonFieldIsWarned();
    void mimeTreeIsCopied();
    void unreadableFileGivesAnError();
};

void TestMessageLoader::pasteVariants_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expectedShape");
    QTest::addColumn<QStringList>("expectedNames");
    QTest::addColumn<QString>("expectedSubject");

    const QStringList four = {QStringLiteral("Received"), QStringLiteral("From"), QStringLiteral("To"),
                              QStringLiteral("Subject")};
    const QByteArray simple(SimpleHeaders);
    const int headersOnly = static_cast<int>(InputShape::HeadersOnly);
    const int message = static_cast<int>(InputShape::Message);

    QTest::newRow("a header block with LF line ends and no body is a header block")
        << simple << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("the same block with CRLF line ends reads the same")
        << test::toCrlf(simple) << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("a header block with a trailing blank line and no body is still a header block")
        << simple + "\n\n  \n"
        << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("blank lines before the headers are skipped")
        << "\n\n   \n" + simple << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("a paste indented by four spaces is dedented")
        << QByteArray("    Received: from a.example.net by b.example.com; Thu, 26 Nov 2026 15:04:58 +0000\n"
                      "    From: Carol <carol@example.net>\n"
                      "    To: bob@example.com\n"
                      "    Subject: Quarterly\n"
                      "      figures\n")
        << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("a whole message with a body is a message")
        << simple + "\nHello Bob,\nthe figures are attached.\n"
        << message << four << QStringLiteral("Quarterly figures");
    QTest::newRow("a message whose body is cut off mid-line is still a message")
        << simple + "\nHello Bob,\nthe fig" << message << four << QStringLiteral("Quarterly figures");
    QTest::newRow("an mbox From_ line before the headers is skipped")
        << "From carol@example.net Thu Nov 26 15:04:58 2026\n" + simple << headersOnly << four
        << QStringLiteral("Quarterly figures");
    QTest::newRow("a UTF-8 byte order mark is dropped")
        << "\xEF\xBB\xBF" + simple << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("folding lost by a web form is repaired: the orphan line joins the field above")
        << QByteArray("Received: from a.example.net\n"
                      "by b.example.com; Thu, 26 Nov 2026 15:04:58 +0000\n"
                      "From: Carol <carol@example.net>\n"
                      "To: bob@example.com\n"
                      "Subject: Quarterly figures\n")
        << headersOnly << four << QStringLiteral("Quarterly figures");
    QTest::newRow("old Mac CR-only line ends are read")
        << QByteArray(SimpleHeaders).replace('\n', '\r') << headersOnly << four
        << QStringLiteral("Quarterly figures");
    QTest::newRow("a label line before the headers (\"Internet headers:\") is skipped")
        << "Internet headers:\n\n" + simple << headersOnly << four << QStringLiteral("Quarterly figures");
}

void TestMessageLoader::pasteVariants()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expectedShape);
    QFETCH(QStringList, expectedNames);
    QFETCH(QString, expectedSubject);

    const ParsedMessage message = MessageLoader::fromBytes(input);
    QVERIFY2(message.errors.isEmpty(), qPrintable(message.errors.join(QLatin1Char('\n'))));
    QCOMPARE(static_cast<int>(message.shape), expectedShape);
    QCOMPARE(names(message), expectedNames);
    QCOMPARE(message.header(u"Subject"), expectedSubject);
    QVERIFY(message.header(u"Received").endsWith(QLatin1String("+0000")));
    if (message.shape == InputShape::HeadersOnly) {
        // a header block is what was pasted, not a message cut short
        QVERIFY2(!message.warnings.join(QLatin1Char(' ')).contains(QLatin1String("truncated")),
                 qPrintable(message.warnings.join(QLatin1Char('|'))));
    }
}

void TestMessageLoader::keepsEveryFieldInOrderWithDuplicatesAndContentFields()
{
    const QByteArray input = "Received: from c by d; Thu, 26 Nov 2026 15:05:00 +0000\n"
                             "Received: from a by b; Thu, 26 Nov 2026 15:04:58 +0000\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: text/plain; charset=utf-8\n"
                             "X-Tag: one\n"
                             "Content-Transfer-Encoding: 8bit\n"
                             "X-Tag: two\n"
                             "Subject: s\n"
                             "\n"
                             "body\n";
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QCOMPARE(names(message),
             (QStringList{QStringLiteral("Received"), QStringLiteral("Received"),
                          QStringLiteral("MIME-Version"), QStringLiteral("Content-Type"),
                          QStringLiteral("X-Tag"), QStringLiteral("Content-Transfer-Encoding"),
                          QStringLiteral("X-Tag"), QStringLiteral("Subject")}));
    QCOMPARE(message.headers[0].value, QStringLiteral("from c by d; Thu, 26 Nov 2026 15:05:00 +0000"));
    QCOMPARE(message.headers[4].value, QStringLiteral("one"));
    QCOMPARE(message.headers[6].value, QStringLiteral("two"));
    QVERIFY(message.headers[0].offset < message.headers[1].offset);
}

void TestMessageLoader::rawAndDecodedValues()
{
    const QByteArray input = "Subject: =?UTF-8?B?SGVsbG8=?=\n =?UTF-8?B?IHdvcmxk?=\n"
                             "From: =?ISO-8859-1?Q?Ren=E9?= <rene@example.org>\n";
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QCOMPARE(message.headers.size(), 2);
    QCOMPARE(message.headers[0].rawValue, QByteArray("=?UTF-8?B?SGVsbG8=?=\n =?UTF-8?B?IHdvcmxk?="));
    QCOMPARE(message.headers[0].value, QStringLiteral("Hello world"));
    QCOMPARE(message.headers[1].value, QStringLiteral("René <rene@example.org>"));
}

void TestMessageLoader::gmailShowOriginalPageSkipsTheSummaryTable()
{
    // What a user gets by selecting all on Gmail's "Show original" page: a summary table whose
    // lines look like header fields, then the message itself.
    const QByteArray page =
        "Original message\n"
        "Message ID\t<a1@example.net>\n"
        "Created at:\tThu, Nov 26, 2026 at 4:04 PM (Delivered after 14 seconds)\n"
        "From:\tCarol <carol@example.net>\n"
        "To:\tbob@example.com\n"
        "Subject:\tQuarterly figures\n"
        "SPF:\tPASS with IP 192.0.2.1 Learn more\n"
        "\n"
        "Download original\tCopy to clipboard\n"
        "\n"
        "Delivered-To: bob@example.com\n"
        "Received: from a.example.net by mx.example.com; Thu, 26 Nov 2026 15:04:58 +0000\n"
        "Subject: Quarterly figures\n"
        "\n"
        "Body\n";
    const ParsedMessage message = MessageLoader::fromBytes(page);
    QVERIFY(message.errors.isEmpty());
    QCOMPARE(message.headers.first().name, QStringLiteral("Delivered-To"));
    QCOMPARE(message.headers.size(), 3);
    QCOMPARE(message.shape, InputShape::Message);
    QVERIFY(message.warnings.join(QLatin1Char(' ')).contains(QLatin1String("before the first header field")));
}

void TestMessageLoader::truncatedMultipartKeepsWhatIsThere()
{
    const QByteArray input = "From: MAILER-DAEMON@example.com\n"
                             "Subject: Undelivered Mail Returned to Sender\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: multipart/report; report-type=delivery-status; boundary=\"XYZ\"\n"
                             "\n"
                             "--XYZ\n"
                             "Content-Type: text/plain\n"
                             "\n"
                             "I'm sorry to have to inform you...\n"
                             "--XYZ\n"
                             "Content-Type: message/delivery-status\n"
                             "\n"
                             "Reporting-MTA: dns; mail.example.com\n"
                             "\n"
                             "Final-Recipient: rfc822; bob@exa";
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QVERIFY(message.errors.isEmpty());
    QCOMPARE(message.body.contentType, QStringLiteral("multipart/report"));
    QCOMPARE(message.body.children.size(), 2);
    QCOMPARE(message.body.children[1].contentType, QStringLiteral("message/delivery-status"));
    QVERIFY(message.body.children[1].text().contains(QLatin1String("Final-Recipient: rfc822; bob@exa")));
}

void TestMessageLoader::badInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errorFragment");
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("only white space") << QByteArray(" \n\t\n\n") << QStringLiteral("empty");
    QTest::newRow("prose without any header field")
        << QByteArray("Hello,\nplease find attached.\n") << QStringLiteral("No header fields");
    QByteArray binary;
    for (int i = 0; i < 4096; ++i)
        binary.append(static_cast<char>((i * 7919) % 256));
    QTest::newRow("binary noise is refused as binary data") << binary << QStringLiteral("binary data");
    // Files people take for a message: said what they are, with what to do instead.
    QByteArray msg("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    msg.append(binary);
    QTest::newRow("an Outlook .msg file is named, with where its headers are")
        << msg << QStringLiteral("Outlook message file (.msg");
    QTest::newRow("an Outlook .msg file: Internet headers")
        << msg << QStringLiteral("File > Properties, copy the \"Internet headers\" box");
    QTest::newRow("winmail.dat") << QByteArray("\x78\x9F\x3E\x22", 4) + binary
                                 << QStringLiteral("winmail.dat attachment");
    QTest::newRow("a ZIP archive") << QByteArray("PK\x03\x04", 4) + binary << QStringLiteral("ZIP archive");
    QTest::newRow("a PDF document") << QByteArray("%PDF-1.7\n") + binary << QStringLiteral("PDF document");

    // 1,000 bytes of text with tabs, line ends, form feeds, ESC and 8-bit bytes, which text holds,
    // and N bytes that text does not (NUL to 0x1f but those five, and DEL) spread over it.
    auto withControls = [](int count) {
        QByteArray text("Subject: x\n\n");
        const char texty[] = {'\t', '\n', '\r', '\f', '\x1b', '\x80', '\xe9', '\xff', ' ', 'a'};
        while (text.size() < 1000)
            text.append(texty[text.size() % sizeof texty]);
        const char controls[] = {'\0', '\x01', '\x08', '\x0b', '\x0e', '\x1a', '\x1c', '\x1f', '\x7f'};
        for (int k = 0; k < count; ++k)
            text[20 + (k * 37) % 975] = controls[k % sizeof controls];
        return text;
    };
    QTest::newRow("5 % control bytes is binary, and the share is said")
        << withControls(50) << QStringLiteral("binary data (5% control bytes)");
    QTest::newRow("just over 2 % control bytes is binary")
        << withControls(21) << QStringLiteral("binary data (2% control bytes)");
}

void TestMessageLoader::badInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errorFragment);
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QVERIFY(message.headers.isEmpty());
    QCOMPARE(message.shape, InputShape::Empty);
    QVERIFY2(message.errors.join(QLatin1Char(' ')).contains(errorFragment),
             qPrintable(message.errors.join(QLatin1Char(' '))));
}

void TestMessageLoader::keepsTheRawHeaderBlock()
{
    const QByteArray simple(SimpleHeaders);
    QCOMPARE(MessageLoader::fromBytes(simple + "\nHello Bob,\n\nbye\n").rawHeaderBlock, simple.chopped(1));
    QCOMPARE(MessageLoader::fromBytes(test::toCrlf(simple) + "\r\nHello\r\n").rawHeaderBlock,
             simple.chopped(1));
}

void TestMessageLoader::twoPercentControlBytesIsStillText()
{
    QByteArray text("Subject: x\n\n");
    while (text.size() < 1000)
        text.append(text.size() % 7 ? 'a' : '\t');
    for (int k = 0; k < 20; ++k)
        text[20 + k * 41] = '\x01';
    const ParsedMessage message = MessageLoader::fromBytes(text);
    QVERIFY2(message.errors.isEmpty(), qPrintable(message.errors.join(QLatin1Char(' '))));
    QCOMPARE(message.header(u"Subject"), QStringLiteral("x"));
}

void TestMessageLoader::hugeInputIsRefusedAtOnce()
{
    QByteArray input(SimpleHeaders);
    input += "\n";
    input += QByteArray(MessageLoader::MaxInputBytes, 'x');
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QVERIFY(message.headers.isEmpty());
    QVERIFY2(message.errors.join(QLatin1Char(' ')).contains(QLatin1String("refused")),
             qPrintable(message.errors.join(QLatin1Char(' '))));
}

void TestMessageLoader::duplicatedSingletonFieldIsWarned()
{
    const ParsedMessage message =
        MessageLoader::fromBytes("Subject: one\nSubject: one\nFrom: a@example.org\n");
    QCOMPARE(message.headers.size(), 3);
    QVERIFY2(message.warnings.join(QLatin1Char(' ')).contains(QLatin1String("Subject")),
             qPrintable(message.warnings.join(QLatin1Char('|'))));
}

void TestMessageLoader::mimeTreeIsCopied()
{
    const QByteArray input = "From: postmaster@example.com\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed; boundary=b1\n"
                             "\n"
                             "--b1\n"
                             "Content-Type: text/plain; charset=iso-8859-1\n"
                             "Content-Transfer-Encoding: quoted-printable\n"
                             "\n"
                             "Caf=E9\n"
                             "--b1\n"
                             "Content-Type: message/rfc822\n"
                             "\n"
                             "From: alice@example.org\n"
                             "Subject: Original\n"
                             "Received: from x by y; Thu, 26 Nov 2026 15:04:58 +0000\n"
                             "\n"
                             "original body\n"
                             "--b1--\n";
    const ParsedMessage message = MessageLoader::fromBytes(input);
    QCOMPARE(message.body.children.size(), 2);
    QCOMPARE(message.body.children[0].text().trimmed(), QStringLiteral("Café"));
    const MimePart& embedded = message.body.children[1];
    QCOMPARE(embedded.contentType, QStringLiteral("message/rfc822"));
    QCOMPARE(headerValue(embedded.messageHeaders, u"Subject"), QStringLiteral("Original"));
    QCOMPARE(embedded.messageHeaders.size(), 3);
    QCOMPARE(embedded.children.size(), 1);
    QCOMPARE(embedded.children[0].text().trimmed(), QStringLiteral("original body"));
}

void TestMessageLoader::unreadableFileGivesAnError()
{
    const ParsedMessage missing = MessageLoader::fromFile(QStringLiteral("/nonexistent/bounce.eml"));
    QVERIFY(!missing.errors.isEmpty());
    QVERIFY(missing.errors.first().contains(QLatin1String("/nonexistent/bounce.eml")));
    const ParsedMessage folder = MessageLoader::fromFile(test::dataPath(QString()));
    QVERIFY(folder.errors.first().contains(QLatin1String("folder")));
}

// headersFromBytes() reads a returned original's header block without building a message; it
// must give exactly the fields the full parse gives, on every fixture and corpus file (whole
// messages, header blocks, broken and hostile inputs alike).
// `analyze` and the window load messages on every core at once. The field names most messages
// have come from one table shared by every thread, as static text (copying one allocates
// nothing). Reading that table must never write to it: QString::utf16() on static text copies it
// to the heap in place, and two threads doing so at once freed text the other was reading
// (AddressSanitizer caught it one run in about fifty). After loads on many threads the names are
// the same as one load's, and still the shared static text.
void TestMessageLoader::loadsTheSameOnManyThreadsAtOnce()
{
    const QByteArray input = test::readData(QStringLiteral("bounces/exim-failed.eml"));
    std::atomic_int differing{0};
    std::vector<std::thread> threads;
    QList<HeaderList> firsts(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const ParsedMessage m = MessageLoader::fromBytes(input);
                if (i == 0)
                    firsts[t] = m.headers;
                else if (m.headers.size() != firsts[t].size())
                    ++differing;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(differing.load(), 0);
    const ParsedMessage alone = MessageLoader::fromBytes(input);
    for (const HeaderList& first : std::as_const(firsts)) {
        QCOMPARE(first.size(), alone.headers.size());
        for (qsizetype k = 0; k < first.size(); ++k) {
            QCOMPARE(first[k].name, alone.headers[k].name);
            QCOMPARE(first[k].value, alone.headers[k].value);
        }
    }
    for (const HeaderField& field : alone.headers) {
        if (field.name == QLatin1String("From") || field.name == QLatin1String("Subject")) {
            QString copy = field.name;
            QVERIFY2(copy.data_ptr().d_ptr() == nullptr,
                     qPrintable(field.name + QStringLiteral(" is heap text")));
        }
    }
}

void TestMessageLoader::headersAloneAreTheHeadersOfTheWholeParse()
{
    const QList<std::pair<QString, QByteArray>> files = fixtureAndCorpusFiles();
    for (const auto& [name, bytes] : files) {
        const HeaderList whole = MessageLoader::fromBytesThroughGMime(bytes).headers;
        const HeaderList alone = MessageLoader::headersFromBytes(bytes);
        QVERIFY2(whole.size() == alone.size(), qPrintable(name));
        for (qsizetype i = 0; i < whole.size(); ++i) {
            const bool same = whole[i].name == alone[i].name && whole[i].rawValue == alone[i].rawValue &&
                              whole[i].value == alone[i].value && whole[i].offset == alone[i].offset;
            QVERIFY2(same, qPrintable(name + QStringLiteral(": field ") + whole[i].name));
        }
    }
    QVERIFY(files.size() > 100);
}

// fromBytes() reads a plain message itself (the top-level header block, and the MIME tree when
// that is plain too), and gives GMime only what GMime could read differently or warn of. The
// message it gives must be the one GMime's reading of the whole input gives: every field with its
// offset, every part, every warning, in order. On every fixture and corpus file.
void TestMessageLoader::ownTopBlockReadsAsGMimeReadsIt()
{
    const QList<std::pair<QString, QByteArray>> files = fixtureAndCorpusFiles();
    for (const auto& [name, bytes] : files) {
        const QString ours = describe(MessageLoader::fromBytes(bytes));
        const QString gmime = describe(MessageLoader::fromBytesThroughGMime(bytes));
        QVERIFY2(ours == gmime, qPrintable(name + QLatin1Char('\n') + firstDifference(ours, gmime)));
    }
    QVERIFY(files.size() > 100);
}

// The same on whole messages built at random: multipart bodies made of parts of every kind, plain
// and not (see `parts`), with exact, lenient and look-alike boundary lines, with and without the
// closing line (the message then truncated), preamble and epilogue, with and without a line end at
// the end; and top-level fields that GMime warns of (a field given
// twice, a malformed encoded word, an unreadable address list, raw 8-bit, a line that is no field,
// a blank continuation) and fields it does not, over bodies of each kind: plain, multipart,
// multipart without its closing boundary, and an attached message with fields of its own.
void TestMessageLoader::generatedMessagesReadAsGMimeReadsThem()
{
    const QList<QByteArray> fields = {
        "Received: from a.example.net by b.example.com; Thu, 26 Nov 2026 15:04:58 +0000",
        "Received: from c.example.net\n\tby d.example.com; Thu, 26 Nov 2026 15:05:01 +0000",
        "Subject: Undelivered Mail Returned to Sender",
        "Subject: =?UTF-8?B?SGVsbG8=?= there",
        "Subject: =?UTF-8?Q?broken=ZZ?= word",
        "Subject: =?utf-8?X?abc?=",
        "Subject: =?unknown-charset?B?SGVsbG8=?=",
        "Subject: =?UTF-8?B?SGVsbG8?=",
        "Subject: =?utf-8?Q?a b?=",
        "From: MAILER-DAEMON@example.com (Mail Delivery System)",
        "From: \"Post Master\" <postmaster@example.com>",
        "From: <<broken@@example.com",
        "From: =?UTF-8?B?UG9zdA==?= <postmaster@example.com>",
        "To: bob@example.com,",
        "To: list-bounces+bob=david...@example.org",
        "To: Undisclosed recipients:;",
        "Cc: a@example.com, , b@example.com",
        "Reply-To: \"unterminated <x@example.com>",
        "Date: Thu, 26 Nov 2026 15:04:58 +0000",
        "Date: someday",
        "Message-ID: <abc@example.com>",
        "Message-ID: not an id",
        "References: <a@example.com> <broken@",
        "In-Reply-To: garbage",
        "Sender:",
        "Bcc:",
        "Resent-From: <<x",
        "Return-Path: <>",
        "Return-Path: <bounce@example.com>",
        "Delivered-To: bob@example.com",
        "Received-SPF: pass",
        "Resent-Date: Thu, 26 Nov 2026 15:04:58 +0000",
        "Comments: a comment",
        "MIME-Version: 1.0",
        "MIME-Version: 2.0 (unusual)",
        "X-Mailer: test",
        "X-Mailer: test again",
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1;\n b=abc",
        "Authentication-Results: mx.example.com; spf=pass",
        "Caf\xC3\xA9: an 8-bit name",
        "X-Latin: caf\xE9",
        "a line without a colon",
        "Name : blanks before the colon",
        " a continuation line",
        "   ",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/plain; charset=\"unterminated",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
        "Content-Type: multipart/mixed",
        "Content-Type: image/",
        "Content-Disposition: inline; filename=\"a.txt\"; filename=\"b.txt\"",
    };
    const QList<QByteArray> bodies = {
        "Plain text, caf=E9.\n",
        "--b1\nContent-Type: text/plain\n\nThe mail system could not deliver.\n--b1\n"
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; b.example.com\n\n"
        "Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\n--b1\n"
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\nSubject: Original\n"
        "Received: from x by y; Thu, 26 Nov 2026 15:04:58 +0000\n\noriginal body\n--b1--\nepilogue\n",
        "--b1\nContent-Type: text/plain\n\ncut short\n",
        "--b1\nContent-Type: text/rfc822-headers\n\nFrom: alice@example.org\nSubject: "
        "=?UTF-8?Q?caf=C3=A9?=\n--b1--\n",
        "no boundary here at all\n",
    };
    // Parts of a multipart body with boundary "b1": plain ones and every kind that sends a message
    // to GMime's parser (a part without fields or without content, an empty part, fields with
    // 8-bit or given twice, a malformed encoded word or type, nested multiparts with a look-alike
    // boundary or without their closing line, message/* types, headerless or bodiless originals).
    const QList<QByteArray> parts = {
        "Content-Type: text/plain; charset=us-ascii\n\nhello\n",
        "\nheaderless part\n",
        "",
        "Content-Type: text/plain\n",
        "Content-Type: text/plain\n\n",
        "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8gd29ybGQ=\n",
        "Content-Type: text/plain\nContent-Transfer-Encoding: BASE64\n\nbroken base64 !!\n",
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Caf=E9 =\nsoft break\n",
        "Content-Type: application/octet-stream; name=\"a.bin\"\nContent-Disposition: attachment; "
        "filename*=utf-8''caf%C3%A9.txt\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 "
        "a.bin\n#86)C\n`\nend\n",
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; b.example.com\n\n"
        "Final-Recipient: rfc822; bob@example.com\nStatus: 5.1.1\n",
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\nSubject: Original\n\noriginal body\n",
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\nContent-Type: multipart/alternative; "
        "boundary=\"b2\"\n\n--b2\nContent-Type: text/plain\n\ninner\n--b2--\n",
        "Content-Type: message/rfc822\n\n\nheaderless original\n",
        "Content-Type: message/rfc822\n\nReturn-Path: <a@example.org>\nReturn-Path: <b@example.org>\n"
        "From: alice@example.org\n\ntwo return paths\n",
        "Content-Type: message/rfc822\n\nSubject: one\nSubject: two\n\ntwo subjects\n",
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\nSubject: only fields\n",
        "Content-Type: message/rfc822\n\nFrom: <<x@@y\nTo: a@example.org\n\nbody\n",
        "Content-Type: text/rfc822-headers\n\nFrom: alice@example.org\n",
        "Content-Type: message/feedback-report\n\nFeedback-Type: abuse\n",
        "Content-Type: multipart/mixed; boundary=\"b1x\"\n\n--b1x\nContent-Type: "
        "text/plain\n\nlook-alike\n--b1x--\n",
        "Content-Type: multipart/mixed; boundary=\"b3\"\n\n--b3\n\nnested\n--b3--\nnested epilogue\n",
        "Content-Type: multipart/mixed; boundary=\"b3\"\n\npreamble\n--b3\nContent-Type: "
        "text/html\n\n<p>x</p>\n--b3--\n",
        "Content-Type: multipart/mixed; boundary=\"b3\"\n\n--b3\nContent-Type: text/plain\n\nnot closed\n",
        "Content-Type: multipart/digest; boundary=\"b4\"\n\n--b4\n\nFrom: a@example.org\n\nx\n--b4--\n",
        "Content-Type: multipart/mixed\n\nno boundary parameter\n",
        "Content-Type: text/plain\nX-Caf\xC3\xA9: 8-bit field in a part\n\ntext\n",
        "Content-Type: text/plain\nSubject: =?utf-8?Q?a b?=\n\ntext\n",
        "Content-Type: text/plain\nContent-Type: text/html\n\ntwo types\n",
        "Content-Type: image/\n\nbad type\n",
        "content-type: TEXT/PLAIN; CHARSET=\"UTF-8\"\n\nupper case\n",
        "Content-Type: text/plain;\n charset=\"utf-8\";\n format=flowed\n\nfolded type\n",
        "Received: from a.example.net\nReceived: from b.example.net\nContent-Type: text/plain\n\nReceived "
        "twice in a part\n",
        "\n",
        "\n\n",
        "Content-Type: text/plain\n\n\n",
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\n\n",
        "Content-Type: message/rfc822\n\nFrom: alice@example.org\n\n\n",
        "Content-Type: multipart/mixed; boundary=\"b3\"\n\n",
        "Content-Type: message/global\n\nFrom: alice@example.org\nSubject: global\n\nbody\n",
        "Content-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: x\n",
        "Content-Type: message/disposition-notification\n\nFinal-Recipient: rfc822; a@example.org\n",
        "Content-Type: message/global-delivery-status\n\nReporting-MTA: dns; b.example.com\n",
        "Content-Type: message/partial; id=\"x\"; number=1\n\nFrom: a@example.org\n\npart\n",
    };
    // indexes into `parts`
    const QList<int> plain = {0,  1,  5,  6,  7,  9,  10, 11, 13, 17, 20,
                              21, 29, 30, 33, 34, 35, 36, 38, 39, 40, 41};
    const QList<QByteArray> boundaryEnds = {"", "", "", "", "", "", "", " ", "x"};
    const QList<QByteArray> epilogues = {"", "\n", "epilogue text\n", "\n\n", "  \n"};
    const QList<QByteArray> multipartTypes = {"mixed", "report; report-type=delivery-status", "alternative",
                                              "digest"};
    QRandomGenerator random(3122026);
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes = "From: MAILER-DAEMON@example.com\nTo: bob@example.com\nSubject: Returned mail\n";
        bytes += "Content-Type: multipart/" + test::pick(random, multipartTypes) + "; boundary=\"b1\"\n\n";
        if (random.bounded(3) == 0)
            bytes += "This is a MIME-encapsulated message.\n\n";
        const int count = static_cast<int>(random.bounded(4));
        for (int i = 0; i < count; ++i) {
            bytes += "--b1" + test::pick(random, boundaryEnds) + "\n";
            // mostly parts that our reader reads, so that whole messages of them are compared too
            const int pick = random.bounded(4) == 0
                                 ? static_cast<int>(random.bounded(static_cast<int>(parts.size())))
                                 : test::pick(random, plain);
            bytes += parts[pick];
        }
        if (random.bounded(8) != 0)
            bytes += "--b1--\n";
        bytes += test::pick(random, epilogues);
        if (random.bounded(8) == 0)
            bytes.chop(1); // no line end at the end of the input
        if (random.bounded(4) == 0)
            bytes.replace("\n", "\r\n");
        const QString difference = readingDifference(bytes);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes;
        const int count = 1 + static_cast<int>(random.bounded(7));
        for (int i = 0; i < count; ++i) {
            bytes += test::pick(random, fields);
            bytes += '\n';
        }
        if (random.bounded(4) == 0) {
            // a control, DEL or 8-bit byte anywhere in the block, to be found in any 16-byte run
            static const QByteArray odd("\x01\x0b\x7f\x80\xe9", 5);
            bytes[random.bounded(static_cast<int>(bytes.size()))] = odd[random.bounded(5)];
        }
        bytes += '\n';
        bytes += test::pick(random, bodies);
        if (random.bounded(4) == 0)
            bytes.replace("\n", "\r\n");
        const QString difference = readingDifference(bytes);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
}

// The same on fixture and corpus files damaged at random, one to three times each: cut short, a
// byte changed to any value, a line dropped or doubled, a line end or a piece of MIME syntax
// ("--", ":", a blank, a tab, "=?", "?=", a multipart Content-Type, a CR) put anywhere.
// Content-Type and Content-Disposition values, plain and awkward: the loader reads the plain
// ones itself (the type, charset, boundary and file name) and must read them as GMime does, and
// leave the others to GMime.
void TestMessageLoader::contentParametersReadAsGMimeReadsThem()
{
    const QList<QByteArray> types = {"text/plain",
                                     "TEXT/Plain",
                                     "text / plain",
                                     "text/",
                                     "/plain",
                                     "text",
                                     "message/delivery-status",
                                     "application/octet-stream",
                                     "text/plain (comment)",
                                     "text/pl(x)ain",
                                     " tExt/html",
                                     "text/plain\t",
                                     "caf\xC3\xA9/plain",
                                     "multipart/mixed",
                                     "message/rfc822"};
    const QList<QByteArray> dispositions = {"attachment",     "inline",   "Attachment", "",
                                            "attachment (x)", "inline\t", "at\"tach"};
    const QList<QByteArray> names = {
        "charset", "CHARSET",     "Charset", "name",     "boundary", "format",   "x-y.z",       "name*",
        "name*0",  "filename*0*", "",        " charset", "filename", "FileName", "report-type", "ch(x)arset"};
    const QList<QByteArray> separators = {";", "; ", ";\t", " ; ", ";;", "", ",", ";\n "};
    const QList<QByteArray> equals = {"=", " = ", "", "==", "=\t"};
    const QList<QByteArray> values = {"utf-8",
                                      "\"utf-8\"",
                                      "\"a b \"",
                                      "\"\"",
                                      "\"x;y\"",
                                      "\"a\\\"b\"",
                                      "=?utf-8?q?a?=",
                                      "\"=?utf-8?B?YQ==?=\"",
                                      "a b",
                                      "x(y)",
                                      "'q'",
                                      "\"unterminated",
                                      "a%20b",
                                      "utf-8 ",
                                      "caf\xC3\xA9",
                                      "\"caf\xC3\xA9\"",
                                      "us-ascii\"",
                                      "\"x\"y",
                                      "iso-2022-jp''%1B",
                                      "",
                                      "b1",
                                      "\"b1\"",
                                      "\"b1\" ",
                                      "a.txt",
                                      "\"report.txt\"",
                                      "\"tab\tinside\"",
                                      "x\x01y"};
    const QList<QByteArray> endings = {"", ";", "; ", " ", "\t", " (c)", ";\n"};
    QRandomGenerator random(4122026);
    const auto pick = [&](const QList<QByteArray>& list) { return test::pick(random, list); };
    const auto parameters = [&](const QList<QByteArray>& parameterNames) -> QByteArray {
        QByteArray out;
        const int count = static_cast<int>(random.bounded(4));
        for (int i = 0; i < count; ++i)
            out += pick(separators) + pick(parameterNames) + pick(equals) + pick(values);
        return out + pick(endings);
    };
    // Values at the edge of what the loader reads itself, as a part's type and as a file name.
    const QList<QByteArray> edges = {
        R"(text/plain; charset="=?utf-8?B?YQ==?=")",
        R"(text/plain; name="=?utf-8?B?YQ==?=")",
        R"(text/plain; charset=a; charset=b)",
        R"(text/plain; charset=a; CHARSET=b)",
        R"(text/plain; name="a\"b")",
        R"(text/plain; name="a\\b")",
        R"(text/plain; charset="a\\b")",
        R"(text/plain; name*=utf-8''a%20b)",
        R"(text/plain; name*0=a; name*1=b)",
        R"(text/plain; charset="UTF-8")",
        R"(text/plain;charset=us-ascii;)",
        R"(Text/HTML ; charset = "iso-8859-1" ; format=flowed)",
    };
    const QByteArray head = "From: MAILER-DAEMON@example.com\nSubject: Returned mail\n"
                            "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n";
    for (const QByteArray& value : edges) {
        QByteArray disposition = "attachment" + value.mid(value.indexOf(';'));
        disposition.replace("charset", "filename")
            .replace("name", "filename")
            .replace("filefilename", "filename");
        const QList<QByteArray> fieldsOfPart = {
            "Content-Type: " + value, "Content-Type: text/plain\nContent-Disposition: " + disposition};
        for (const QByteArray& fields : fieldsOfPart) {
            const QString difference = readingDifference(head + fields + "\n\ntext\n--b1--\n");
            QVERIFY2(difference.isEmpty(), qPrintable(difference));
        }
    }
    int withoutWarnings =
        0; // most values are ones GMime reads without a warning: not only refusals are compared
    for (int round = 0; round < 4000; ++round) {
        QByteArray fields = "Content-Type: " + pick(types) + parameters(names) + "\n";
        if (random.bounded(2) == 0)
            fields += "Content-Disposition: " + pick(dispositions) + parameters(names) + "\n";
        QByteArray bytes = "From: MAILER-DAEMON@example.com\nTo: bob@example.com\nSubject: Returned mail\n";
        if (random.bounded(3) == 0)
            bytes += fields + "\nThe content.\n"; // the message's own type
        else
            bytes += "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n" + fields +
                     "\n--b2\nContent-Type: text/plain\n\ninner\n--b2--\n--b1--\n";
        const QString difference = readingDifference(bytes);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        withoutWarnings += MessageLoader::fromBytes(bytes).warnings.isEmpty();
    }
    QVERIFY(withoutWarnings > 1000);
}

// Address fields, plain and awkward: the loader knows the plain ones need no look by GMime's
// address parser (which warns of a malformed list), and must be right about each.
void TestMessageLoader::addressFieldsReadAsGMimeReadsThem()
{
    const QList<QByteArray> names = {"From", "To", "Cc", "Reply-To", "Sender", "Resent-From", "bcc"};
    const QList<QByteArray> addresses = {"bob@example.com",
                                         "<bob@example.com>",
                                         "a.b@c.d",
                                         "a..b@c.d",
                                         ".a@b.c",
                                         "a.@b.c",
                                         "a@b..c",
                                         "a@b.c.",
                                         "a@-b.c",
                                         "a@b_c.d",
                                         "a@[192.0.2.1]",
                                         "bob",
                                         "@example.com",
                                         "bob@",
                                         "o'reilly@b.c",
                                         "a+tag@b.c",
                                         "MAILER-DAEMON@example.com",
                                         "a@b@c",
                                         "<>",
                                         "<<x@y>>",
                                         "<a@b.c",
                                         "a\"b@c.d",
                                         "\"a b\"@c.d"};
    const QList<QByteArray> displayNames = {"",
                                            "Bob ",
                                            "Bob Smith ",
                                            "\"Bob B\" ",
                                            "\"Bob ",
                                            "Bob. ",
                                            "B@b ",
                                            "=?utf-8?q?B?= ",
                                            "Bob\"x\" ",
                                            "=?utf-8?X?B?= ",
                                            "=?utf-8?Q?a=ZZ?= ",
                                            "\"a\\\"b\" ",
                                            "Mail Delivery Subsystem "};
    const QList<QByteArray> comments = {
        "", "", " (Mail Delivery System)", " (a (nested) one)", " (back\\slash)", " (unclosed", "(tight)"};
    const QList<QByteArray> separators = {", ", ",", " , ", " ", ";", ",\n ", "\n\t, ", ",,", ", , "};
    QRandomGenerator random(6122026);
    const auto pick = [&](const QList<QByteArray>& list) { return test::pick(random, list); };
    for (int round = 0; round < 4000; ++round) {
        QByteArray bytes = "Subject: Returned mail\n";
        const int fields = 1 + static_cast<int>(random.bounded(2));
        for (int f = 0; f < fields; ++f) {
            QByteArray value;
            const int count = 1 + static_cast<int>(random.bounded(3));
            for (int i = 0; i < count; ++i) {
                if (i > 0)
                    value += pick(separators);
                const QByteArray name = pick(displayNames);
                const QByteArray address = pick(addresses);
                value += name.isEmpty() && random.bounded(2) == 0 ? address : name + "<" + address + ">";
                value += pick(comments);
            }
            if (random.bounded(10) == 0)
                value += pick(separators); // a list ending in a separator
            bytes += pick(names) + ": " + value + "\n";
        }
        bytes += "\nThe text.\n";
        const QString difference = readingDifference(bytes);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }
}

void TestMessageLoader::damagedFilesReadAsGMimeReadsThem()
{
    const QList<std::pair<QString, QByteArray>> files = fixtureAndCorpusFiles();
    QRandomGenerator random(4122026);
    const QList<QByteArray> pieces = {
        "--", ":", " ", "\t", "=?", "?=", "Content-Type: multipart/mixed; boundary=x\n", "\r"};
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes = files[random.bounded(static_cast<int>(files.size()))].second;
        const int damages = 1 + static_cast<int>(random.bounded(3));
        for (int d = 0; d < damages && !bytes.isEmpty(); ++d) {
            const auto at = static_cast<qsizetype>(random.bounded(static_cast<int>(bytes.size())));
            const qsizetype lineStart = bytes.lastIndexOf('\n', at) + 1;
            const qsizetype lineEnd = bytes.indexOf('\n', at);
            switch (random.bounded(6)) {
            case 0:
                bytes.truncate(at);
                break;
            case 1:
                bytes[at] = static_cast<char>(random.bounded(256));
                break;
            case 2:
                if (lineEnd >= lineStart)
                    bytes.remove(lineStart, lineEnd - lineStart + 1);
                break;
            case 3:
                if (lineEnd >= lineStart)
                    bytes.insert(lineEnd + 1, bytes.mid(lineStart, lineEnd - lineStart + 1));
                break;
            case 4:
                bytes.insert(at, '\n');
                break;
            default:
                bytes.insert(at, pieces[random.bounded(static_cast<int>(pieces.size()))]);
            }
        }
        const QString difference = readingDifference(bytes);
        QVERIFY2(difference.isEmpty(), qPrintable(difference.left(4000)));
    }
}

// The same comparison on header blocks built at random from lines that test each rule of the
// reader: blanks before the colon, blanks or control bytes inside a name, lines without a colon,
// an empty name, 8-bit names, continuation lines (also of whitespace only), empty lines, CRLF, an
// mbox "From " line, boundary lines, and inputs that end inside a line.
void TestMessageLoader::generatedHeaderBlocksReadAsTheWholeParseReadsThem()
{
    const QList<QByteArray> vocabulary = {
        "Received: from a.example.net by b.example.com; Thu, 26 Nov 2026 15:04:58 +0000",
        "Subject: =?UTF-8?B?SGVsbG8=?= there",
        "To: bob@example.com,",
        "To: list-bounces+bob=david...@example.org",
        "X-Empty:",
        "Name : blanks before the colon",
        "Name\t: a tab before the colon",
        "Na me: a blank inside the name",
        "a line without a colon",
        "NoColon",
        ": an empty name",
        "Caf\xC3\xA9: an 8-bit name",
        "X\x01Y: a control byte in the name",
        " a continuation line",
        "\ta continuation line after a tab",
        "   ",
        "",
        "From sender@example.com Thu Nov 26 15:04:58 2026",
        "Content-Type: multipart/mixed; boundary=\"b\"",
        "--b",
        "Date: Thu, 26 Nov 2026 15:04:58 +0000",
    };
    QRandomGenerator random(4122026);
    int nonEmpty = 0;
    for (int round = 0; round < 4000; ++round) {
        QByteArray bytes;
        const int lines = 1 + static_cast<int>(random.bounded(8));
        const bool crlf = random.bounded(4) == 0;
        for (int i = 0; i < lines; ++i) {
            bytes += test::pick(random, vocabulary);
            if (i + 1 < lines || random.bounded(3) != 0)
                bytes += crlf ? "\r\n" : "\n";
        }
        if (random.bounded(2) == 0)
            bytes += "\nBody text\n";
        const HeaderList whole = MessageLoader::fromBytesThroughGMime(bytes).headers;
        const HeaderList alone = MessageLoader::headersFromBytes(bytes);
        const QByteArray shown = bytes.toPercentEncoding(" :;,.@=?\"-");
        QVERIFY2(whole.size() == alone.size(), shown.constData());
        for (qsizetype i = 0; i < whole.size(); ++i) {
            const bool same = whole[i].name == alone[i].name && whole[i].rawValue == alone[i].rawValue &&
                              whole[i].value == alone[i].value && whole[i].offset == alone[i].offset;
            QVERIFY2(same, shown.constData());
        }
        nonEmpty += whole.isEmpty() ? 0 : 1;
    }
    QVERIFY2(nonEmpty > 1000, "most generated blocks should hold fields");
}

// The clean-up turns CR CR LF, CR LF, LF CR and lone CRs into LF, in that order, each left to
// right (as QByteArray::replace did before it was written by hand). Random runs of CR and LF
// between short field lines must come out as after those four replacements.
void TestMessageLoader::damagedLineEndsAreReadAsQtReplacementsReadThem()
{
    const QList<QByteArray> pieces = {"\r", "\n", "\r\n", "\r\r\n", "\n\r", "A: b", "c", " d"};
    QRandomGenerator random(20261204);
    for (int round = 0; round < 5000; ++round) {
        QByteArray raw = "From: a@example.org";
        const int n = static_cast<int>(random.bounded(14));
        for (int i = 0; i < n; ++i)
            raw += test::pick(random, pieces);
        QByteArray replaced = raw;
        replaced.replace("\r\r\n", "\n");
        replaced.replace("\r\n", "\n");
        replaced.replace("\n\r", "\n");
        replaced.replace('\r', '\n');
        const MessageLoader::Cleaned mine = MessageLoader::cleanUp(raw);
        const MessageLoader::Cleaned reference = MessageLoader::cleanUp(replaced);
        QVERIFY2(mine.bytes == reference.bytes, raw.toPercentEncoding().constData());
        QCOMPARE(mine.notes, reference.notes);
    }
}

// cleanUp() hands input that needs no repair back as it is, reading it only to the header
// block's end. Whatever it decides, the bytes and notes must be those of the full repair
// (cleanUpEveryLine): on every fixture and corpus file, and on generated inputs made of the
// lines each repair is for (blank lines first, indented paste, an mbox "From " line, text before
// the fields, a field that lost its folding, a block without a blank line after it or without
// a line end at its end).
void TestMessageLoader::cleanUpsShortcutGivesWhatEveryLineGives()
{
    const auto same = [](const QByteArray& input) {
        const MessageLoader::Cleaned quick = MessageLoader::cleanUp(input);
        const MessageLoader::Cleaned full = MessageLoader::cleanUpEveryLine(input);
        return quick.bytes == full.bytes && quick.notes == full.notes;
    };
    const QList<std::pair<QString, QByteArray>> files = fixtureAndCorpusFiles();
    for (const auto& [name, bytes] : files)
        QVERIFY2(same(bytes), qPrintable(name));
    QVERIFY(files.size() > 100);

    const QList<QByteArray> lines = {"Received: from a.example.net by b.example.com",
                                     "\tby c.example.com; Thu, 26 Nov 2026 15:04:58 +0000",
                                     "Subject: hello",
                                     "Subject : obsolete form",
                                     "From: a@example.org",
                                     "From a@example.org Thu Nov 26 15:04:58 2026",
                                     "  To: b@example.org",
                                     "lost fold of the field above",
                                     "Some text before the fields",
                                     "",
                                     " ",
                                     "\t",
                                     "Body text",
                                     "X-Long: " + QByteArray(600, 'x')};
    QRandomGenerator random(5122027);
    int unchanged = 0;
    for (int round = 0; round < 6000; ++round) {
        QByteArray input;
        const int count = static_cast<int>(random.bounded(10));
        for (int i = 0; i < count; ++i) {
            input += test::pick(random, lines);
            if (i + 1 < count || random.bounded(2) == 0)
                input += '\n';
        }
        QVERIFY2(same(input), input.toPercentEncoding(" :;,.@=").constData());
        unchanged += MessageLoader::cleanUp(input).bytes == input;
    }
    QVERIFY2(unchanged > 500, "many generated inputs should need no repair");
    // A header block over MaxHeaderBytes is cut, with a note.
    QByteArray huge;
    while (huge.size() <= MessageLoader::MaxHeaderBytes)
        huge += "X-Long: " + QByteArray(1000, 'x') + '\n';
    QVERIFY(same(huge + "\nBody\n"));
    QVERIFY(!MessageLoader::cleanUp(huge + "\nBody\n").notes.isEmpty());
}

QTEST_GUILESS_MAIN(TestMessageLoader)
#include "TestMessageLoader.moc"
