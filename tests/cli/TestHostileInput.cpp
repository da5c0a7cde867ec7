// The bad-input matrix (issue 14): hostile inputs generated here, each given to the real
// headerlens-cli (analyze --json, and report --pdf for the layout-heavy ones) in a child process.
// Each must finish (no hang: a run is killed after a generous limit and fails), must not crash
// (no signal, exit 0 or 1) and must say clearly when it refused or cut something. The time and
// the peak memory of every run are printed as a table; they are figures, not assertions, except
// the hang limit.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace {

constexpr int HangLimitMs = 60000;

struct Run
{
    int exitCode = -1;
    int signal = 0;
    bool killed = false;
    qint64 ms = 0;
    qint64 peakKb = 0;
    QByteArray out;
    QByteArray err;
};

// Runs the CLI with `args`; `stdinFeeder` (if any) writes to its standard input.
Run runCli(const QStringList& args, const QString& workDir,
           const std::function<void(int fd)>& stdinFeeder = nullptr)
{
    Run run;
    const QString outPath = workDir + QStringLiteral("/stdout");
    const QString errPath = workDir + QStringLiteral("/stderr");
    int inPipe[2] = {-1, -1};
    if (pipe(inPipe) != 0)
        return run;
    const QByteArray out = QFile::encodeName(outPath);
    const QByteArray err = QFile::encodeName(errPath);
    QList<QByteArray> argBytes;
    argBytes.append(QByteArrayLiteral(HEADERLENS_CLI));
    for (const QString& a : args)
        argBytes.append(QFile::encodeName(a));
    std::vector<char*> argv;
    for (QByteArray& a : argBytes)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    // fork, not vfork (posix_spawn): the child's peak memory must start from this process's
    // present size, not from its past peak. Give memory back first.
    malloc_trim(0);
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(inPipe[0], 0);
        ::close(inPipe[0]);
        ::close(inPipe[1]);
        const int o = ::open(out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = ::open(err.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        execve(argv[0], argv.data(), environ);
        _exit(127);
    }
    ::close(inPipe[0]);
    if (pid < 0) {
        ::close(inPipe[1]);
        return run;
    }
    std::thread feeder([&] {
        if (stdinFeeder)
            stdinFeeder(inPipe[1]);
        ::close(inPipe[1]);
    });
    int status = 0;
    struct rusage usage = {};
    while (true) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            break;
        if (timer.elapsed() > HangLimitMs && !run.killed) {
            kill(pid, SIGKILL);
            run.killed = true;
        }
        QThread::msleep(5);
    }
    run.ms = timer.elapsed();
    feeder.join();
    run.peakKb = usage.ru_maxrss;
    if (WIFEXITED(status))
        run.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        run.signal = WTERMSIG(status);
    QFile o(outPath);
    if (o.open(QIODevice::ReadOnly))
        run.out = o.readAll();
    QFile e(errPath);
    if (e.open(QIODevice::ReadOnly))
        run.err = e.readAll().left(1 << 16);
    return run;
}

QByteArray randomBytes(qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator generator(14);
    for (qsizetype i = 0; i < n; ++i)
        b[i] = static_cast<char>(generator.bounded(256));
    return b;
}

const QByteArray Headers = "From: MAILER-DAEMON@mx.example.net\n"
                           "To: sender@example.org\n"
                           "Subject: Undelivered Mail Returned to Sender\n"
                           "Date: Mon, 2 Dec 2024 10:00:01 +0000\n"
                           "Message-ID: <x@mx.example.net>\n";

QByteArray dsn(const QByteArray& perRecipient, int recipients, const QByteArray& lineEnd = "\n")
{
    QByteArray m = Headers +
                   "MIME-Version: 1.0\n"
                   "Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
                   "--B\nContent-Type: text/plain\n\nDelivery failed.\n\n"
                   "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n";
    for (int i = 0; i < recipients; ++i)
        m += "\nFinal-Recipient: rfc822; user" + QByteArray::number(i) +
             "@example.com\nAction: failed\nStatus: 5.1.1\n" + perRecipient;
    m += "\n--B--\n";
    if (lineEnd != "\n")
        m.replace("\n", lineEnd);
    return m;
}

QByteArray nestedMultipart(int depth)
{
    QByteArray m = Headers + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n\n";
    for (int i = 1; i < depth; ++i)
        m += "--b" + QByteArray::number(i - 1) + "\nContent-Type: multipart/mixed; boundary=b" +
             QByteArray::number(i) + "\n\n";
    m += "--b" + QByteArray::number(depth - 1) + "\nContent-Type: text/plain\n\ndeep\n";
    for (int i = depth - 1; i >= 0; --i)
        m += "--b" + QByteArray::number(i) + "--\n";
    return m;
}

QByteArray manyParts(int parts)
{
    QByteArray m = Headers + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=P\n\n";
    for (int i = 0; i < parts; ++i)
        m += "--P\nContent-Type: text/plain\n\npart\n";
    m += "--P--\n";
    return m;
}

QByteArray receivedChain(int hops)
{
    QByteArray m;
    for (int i = hops; i > 0; --i)
        m += "Received: from h" + QByteArray::number(i) + ".example.net (h" + QByteArray::number(i) +
             ".example.net [192.0.2." + QByteArray::number(i % 250 + 1) + "]) by h" +
             QByteArray::number(i + 1) + ".example.net with ESMTP id " + QByteArray::number(i) +
             "; Mon, 2 Dec 2024 10:" + QByteArray::number(10 + (hops - i) % 50) + ":00 +0000\n";
    return m + Headers + "\nbody\n";
}

QByteArray repeated(const QByteArray& unit, qsizetype bytes)
{
    QByteArray b;
    b.reserve(bytes + unit.size());
    while (b.size() < bytes)
        b += unit;
    return b;
}

struct Case
{
    QString name;
    std::function<QByteArray()> bytes; // made when its turn comes (the test stays small), unless
                                       // `special` makes the path itself
    std::function<QString(const QString& dir)> special;
    bool pdf = false;                     // also run report --pdf
    bool mustRefuse = false;              // a non-empty errors list is the expected outcome
    QString mustSay;                      // a fragment the errors or warnings must contain
    std::function<void(int)> stdinFeeder; // input "-" fed this way
};

QList<Case> cases()
{
    QList<Case> c;
    // The inputs are written as expressions: `add` keeps them unevaluated until their turn.
#define add(name, expr, ...) addCase(name, [=] { return QByteArray(expr); } __VA_OPT__(, ) __VA_ARGS__)
    const auto addCase = [&c](const QString& name, std::function<QByteArray()> bytes, bool pdf = false,
                              bool refuse = false, const QString& say = QString()) {
        Case k;
        k.name = name;
        k.bytes = std::move(bytes);
        k.pdf = pdf;
        k.mustRefuse = refuse;
        k.mustSay = say;
        c.append(k);
    };
    add(QStringLiteral("empty file"), QByteArray(), false, true, QStringLiteral("empty"));
    add(QStringLiteral("white space only"), QByteArray(5000, ' ') + "\n\n\t\n", false, true);
    add(QStringLiteral("1 MiB of random bytes"), randomBytes(1 << 20), false, true, QStringLiteral("binary"));
    add(QStringLiteral("64 KiB of NUL bytes"), QByteArray(65536, '\0'), false, true,
        QStringLiteral("binary"));
    add(QStringLiteral("NUL bytes inside header fields"), "Subject: a\0b\nFrom: x@example.org\n\nbody\n");
    add(QStringLiteral("headers then 1 MiB of random bytes"), Headers + "\n" + randomBytes(1 << 20));
    add(QStringLiteral("input just under the 64 MiB cap"),
        Headers + "\n" + repeated("lorem ipsum dolor sit amet consectetur\n", 64 * 1024 * 1024 - 4096));
    add(QStringLiteral("input over the 64 MiB cap"), Headers + "\n" + QByteArray(64 * 1024 * 1024, 'x'),
        false, true, QStringLiteral("refused"));
    add(QStringLiteral("DSN with 100,000 recipients"), dsn(QByteArray(), 100000), true, false,
        QStringLiteral("10000 were analysed"));
    add(QStringLiteral("10 MB diagnostic"),
        dsn("Diagnostic-Code: smtp; 550 " + repeated("user unknown ", 10 * 1024 * 1024) + "\n", 1), true,
        false, QStringLiteral("longer than"));
    add(QStringLiteral("2,500 Received fields"), receivedChain(2500), true, false,
        QStringLiteral("Received fields"));
    add(QStringLiteral("1 MB unbroken Subject"),
        "Subject: " + QByteArray(1 << 20, 'A') + "\n" + Headers + "\nx\n", true);
    add(QStringLiteral("100,000 MIME parts"), manyParts(100000), false, false, QStringLiteral("MIME parts"));
    add(QStringLiteral("multipart nested 100 deep"), nestedMultipart(100), false, false,
        QStringLiteral("nested"));
    add(QStringLiteral("DSN with LF CR line ends"),
        dsn("Diagnostic-Code: smtp; 550 5.1.1 unknown\n", 2, "\n\r"));
    add(QStringLiteral("DSN with CR CR LF line ends"),
        dsn("Diagnostic-Code: smtp; 550 5.1.1 unknown\n", 2, "\r\r\n"));
    add(QStringLiteral("bare CR line ends"), QByteArray(Headers).replace('\n', '\r') + "\rbody\r");
    add(QStringLiteral("mixed line ends"),
        "From: a@example.org\r\nTo: b@example.org\nSubject: x\r\r\n\rbody\n");
    add(QStringLiteral("terminal escapes in Subject and reply"),
        "Subject: \x1b]0;owned\x07\x1b[31mred\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\\n" +
            Headers + "\n",
        true);
    add(QStringLiteral("bidi override in Subject"),
        "Subject: =?UTF-8?B?" + QByteArray("invoice \u202Efdp.exe").toBase64() + "?=\n" + Headers + "\nx\n",
        true);
    add(QStringLiteral("zero-width characters"),
        QByteArray("Subject: pay\u200Bpal \u2066hidden\u2069 \uFEFF\n") + Headers + "\nx\n");
    add(QStringLiteral("invalid UTF-8 in header fields"),
        "Subject: \xff\xfe\xc3\x28 \xe2\x82\n" + Headers + "\nx\n");
    add(QStringLiteral("unknown and odd charsets"),
        Headers + "Content-Type: text/plain; charset=x-klingon\n\n\xe9\xe8\n" +
            "Subject: =?x-none?Q?a=FF?= =?utf-7?B?K2FBQS0=?=\n");
    add(QStringLiteral("UTF-16 text with a BOM"),
        QByteArray("\xff\xfe") + QByteArray(reinterpret_cast<const char*>(u"From: a@example.org\n"), 40),
        false, true);
    add(QStringLiteral("broken ISO-2022-JP escapes"),
        "Subject: =?ISO-2022-JP?B?GyRCJDMbKEIbJEI=?=\n" + Headers + "\n\x1b$B$3$s\x1b(\n");
    add(QStringLiteral("10,000 encoded words in one field"),
        "Subject: " + repeated("=?UTF-8?B?w6k=?= ", 170000) + "\n" + Headers + "\nx\n", true);
    add(QStringLiteral("malformed encoded words"),
        "Subject: =?=?UTF-8?Q?=?= =?UTF-8?B?***?= =?UTF-8?X?a?=\n" + Headers);
    add(QStringLiteral("overflowing dates"), "Date: Mon, 99 Foo 99999999999 99:99:99 +99999\nReceived: from "
                                             "a by b; 31 Dec 9999999 25:61:61 -9999\n" +
                                                 Headers);
    add(QStringLiteral("overflowing numbers in a DSN"),
        dsn("Diagnostic-Code: smtp; 99999999999999999999 5.99999999999.999999999 x\nStatus: 5.4294967296.1\n",
            1));
    add(QStringLiteral("multipart without boundary"),
        Headers +
            "MIME-Version: 1.0\nContent-Type: multipart/report\n\n--x\nContent-Type: text/plain\n\nhi\n");
    add(QStringLiteral("boundary never closed"), Headers +
                                                     "MIME-Version: 1.0\nContent-Type: multipart/mixed; "
                                                     "boundary=Q\n\n--Q\nContent-Type: text/plain\n\n" +
                                                     repeated("open\n", 100000));
    add(QStringLiteral("invalid base64 and quoted-printable"),
        Headers +
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=Z\n\n--Z\nContent-Transfer-Encoding: "
            "base64\n\n!!!***===\n--Z\nContent-Transfer-Encoding: quoted-printable\n\n=ZZ=4=\n--Z--\n");
    add(QStringLiteral("10 MB line without a line end"), Headers + "\n" + QByteArray(10 * 1024 * 1024, 'y'));
    add(QStringLiteral("one million tiny header fields"), repeated("X-A: b\n", 7 * 1000 * 1000) + "\nx\n",
        false, false, QStringLiteral("header block is larger"));
    add(QStringLiteral("100 KB header field name"), QByteArray(100000, 'N') + ": v\n" + Headers);
    add(QStringLiteral("one field folded over 100,000 lines"),
        "Subject: start\n" + repeated(" fold\n", 600000) + Headers + "\nx\n", true);
    add(QStringLiteral("many duplicate Content-Type fields"),
        repeated("Content-Type: text/plain\n", 50000) + Headers);
    {
        QByteArray m = Headers + "\ninnermost\n";
        for (int i = 0; i < 50; ++i)
            m = Headers + "MIME-Version: 1.0\nContent-Type: message/rfc822\n\n" + m;
        add(QStringLiteral("message/rfc822 nested 50 deep"), m);
    }
    add(QStringLiteral("HTML bounce with huge tags"),
        Headers + "MIME-Version: 1.0\nContent-Type: text/html\n\n<script>" + repeated("<<<<>>>>", 1 << 20) +
            "</script><p>User unknown</p>");
    add(QStringLiteral("a line of 100,000 addresses"),
        Headers + "\n" + repeated("<a@example.com> ", 100000) + "\n");
    // A person's message is searched for a forwarded bounce's header block (a "From:" line, then
    // fields, then a blank line): 30,000 "From:" lines whose fields never end.
    const QByteArray person = "From: Owen <owen@example.org>\nSubject: Fwd: see below\n\n";
    add(QStringLiteral("30,000 forwarded header blocks that never end"),
        person + repeated("From: MAILER-DAEMON@example.org\nA: b\nC: d\n", 1 << 20));
    {
        // Bounces forwarded inside forwarded bounces, 200 deep (three levels are read).
        QByteArray m = "Undelivered to a@example.com: 550 5.1.1 User unknown\n";
        for (int i = 0; i < 200; ++i)
            m = "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n\n" + m;
        add(QStringLiteral("forwarded bounces nested 200 deep"), person + m);
    }
#undef add

    // Special files.
    const auto special = [&c](const QString& name, std::function<QString(const QString&)> make,
                              const QString& say) {
        Case k;
        k.name = name;
        k.special = std::move(make);
        k.mustRefuse = true;
        k.mustSay = say;
        c.append(k);
    };
    special(
        QStringLiteral("a folder"), [](const QString& dir) -> QString { return dir; },
        QStringLiteral("folder"));
    special(
        QStringLiteral("a FIFO without a writer"),
        [](const QString& dir) -> QString {
            const QString path = dir + QStringLiteral("/fifo");
            mkfifo(QFile::encodeName(path).constData(), 0600);
            return path;
        },
        QStringLiteral("not a regular file"));
    special(
        QStringLiteral("a character device (/dev/zero)"),
        [](const QString&) -> QString { return QStringLiteral("/dev/zero"); },
        QStringLiteral("not a regular file"));
    special(
        QStringLiteral("a symlink loop"),
        [](const QString& dir) -> QString {
            const QString a = dir + QStringLiteral("/loop-a");
            const QString b = dir + QStringLiteral("/loop-b");
            QFile::link(b, a);
            QFile::link(a, b);
            return a;
        },
        QStringLiteral("Cannot read"));
    special(
        QStringLiteral("a missing file"),
        [](const QString& dir) -> QString { return dir + QStringLiteral("/none.eml"); },
        QStringLiteral("Cannot read"));
    {
        Case k;
        k.name = QStringLiteral("an unreadable file");
        k.special = [](const QString& dir) -> QString {
            const QString path = dir + QStringLiteral("/secret.eml");
            QFile f(path);
            if (f.open(QIODevice::WriteOnly))
                f.write(Headers);
            f.close();
            chmod(QFile::encodeName(path).constData(), 0);
            return path;
        };
        // root reads it anyway; anyone else gets "Cannot read"
        k.mustRefuse = geteuid() != 0;
        k.mustSay = geteuid() != 0 ? QStringLiteral("Cannot read") : QString();
        c.append(k);
    }
    {
        Case k;
        k.name = QStringLiteral("endless standard input");
        k.special = [](const QString&) -> QString { return QStringLiteral("-"); };
        k.mustRefuse = true;
        k.mustSay = QStringLiteral("larger than");
        k.stdinFeeder = [](int fd) {
            const QByteArray chunk = Headers + repeated("endless\n", 1 << 20);
            for (int i = 0; i < 4096; ++i) { // at most 32 GB; the CLI stops reading long before
                if (::write(fd, chunk.constData(), static_cast<size_t>(chunk.size())) < 0)
                    return;
            }
        };
        c.append(k);
    }
    return c;
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void matrix();
};

void TestHostileInput::initTestCase()
{
    std::signal(SIGPIPE, SIG_IGN);
}

void TestHostileInput::matrix()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<Case> all = cases();
    QVERIFY2(all.size() >= 40, "the matrix holds at least 40 hostile inputs");
    std::printf("\n%-42s %10s %9s %9s %5s  %s\n", "hostile input", "bytes", "analyze", "peak MB", "exit",
                "what it said");
    QStringList failures;
    qint64 worstMs = 0;
    for (int i = 0; i < all.size(); ++i) {
        const Case& k = all[i];
        QString path;
        qsizetype size = 0;
        if (k.special) {
            path = k.special(dir.path());
        } else {
            path = dir.path() + QStringLiteral("/input-%1.eml").arg(i);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray bytes = k.bytes();
            size = bytes.size();
            f.write(bytes);
        }
        const Run run =
            runCli({QStringLiteral("analyze"), QStringLiteral("--json"), path}, dir.path(), k.stdinFeeder);
        worstMs = std::max(worstMs, run.ms);
        const QJsonObject o = QJsonDocument::fromJson(run.out.split('\n').value(0)).object();
        QStringList said;
        for (const QJsonValue v : o.value(QStringLiteral("errors")).toArray())
            said.append(v.toString());
        for (const QJsonValue v : o.value(QStringLiteral("warnings")).toArray())
            said.append(v.toString());
        const QString sayText = said.join(QStringLiteral(" | "));
        std::printf("%-42s %10lld %7.2f s %9.1f %5d  %s\n", qPrintable(k.name), static_cast<long long>(size),
                    static_cast<double>(run.ms) / 1000.0, static_cast<double>(run.peakKb) / 1024.0,
                    run.exitCode, qPrintable(sayText.left(110)));
        if (run.killed)
            failures.append(k.name + QStringLiteral(": did not finish within the hang limit"));
        else if (run.signal != 0)
            failures.append(k.name + QStringLiteral(": crashed with signal %1").arg(run.signal));
        else if (run.exitCode != 0 && run.exitCode != 1)
            failures.append(k.name + QStringLiteral(": exit status %1").arg(run.exitCode));
        else if (o.isEmpty())
            failures.append(k.name + QStringLiteral(": no JSON line"));
        else if (k.mustRefuse && o.value(QStringLiteral("errors")).toArray().isEmpty())
            failures.append(k.name + QStringLiteral(": accepted, though it should be refused"));
        else if (!k.mustSay.isEmpty() && !sayText.contains(k.mustSay, Qt::CaseInsensitive))
            failures.append(k.name +
                            QStringLiteral(": does not say '%1' (%2)").arg(k.mustSay, sayText.left(200)));

        if (k.pdf) {
            const QString pdf = dir.path() + QStringLiteral("/out.pdf");
            const Run report =
                runCli({QStringLiteral("report"), path, QStringLiteral("--pdf"), pdf}, dir.path());
            worstMs = std::max(worstMs, report.ms);
            std::printf("%-42s %10s %7.2f s %9.1f %5d  %s\n", "  ... report --pdf", "",
                        static_cast<double>(report.ms) / 1000.0, static_cast<double>(report.peakKb) / 1024.0,
                        report.exitCode, report.err.trimmed().left(100).constData());
            if (report.killed)
                failures.append(k.name + QStringLiteral(" (PDF): did not finish within the hang limit"));
            else if (report.signal != 0)
                failures.append(k.name + QStringLiteral(" (PDF): crashed with signal %1").arg(report.signal));
            else if (report.exitCode != 0 && report.exitCode != 1)
                failures.append(k.name + QStringLiteral(" (PDF): exit status %1").arg(report.exitCode));
            QFile::remove(pdf);
        }
        if (!k.special)
            QFile::remove(path);
    }
    std::printf("%d inputs, slowest run %.2f s\n", static_cast<int>(all.size()),
                static_cast<double>(worstMs) / 1000.0);
    std::fflush(stdout);
    if (!failures.isEmpty())
        QFAIL(qPrintable(failures.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "TestHostileInput.moc"
