#include "InputCollector.h"
#include "InputStream.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace headerlens;

class TestInputCollector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAMaildir();
    void walksFoldersRecursively();
    void keepsAMissingPathAsAnItem();
    void streamsMessagesAndCountsBytes();
};

namespace {

QStringList names(const QList<InputFile>& files, const QString& root)
{
    QStringList list;
    for (const InputFile& f : files)
        list.append(QDir(root).relativeFilePath(f.path));
    return list;
}

} // namespace

void TestInputCollector::readsAMaildir()
{
    const QString root = test::dataPath(QStringLiteral("maildir"));
    QVERIFY(InputCollector::isMaildir(root));
    const InputCollector::Result result = InputCollector::collect({root});
    // new/ then cur/, then the Maildir++ sub-folder; never tmp/ (still being written), never
    // hidden files
    QCOMPARE(names(result.files, root),
             QStringList({QStringLiteral("new/1761382800.M3P103.mail.example.org"),
                          QStringLiteral("new/1762074000.M4P104.mail.example.org"),
                          QStringLiteral("cur/1759309200.M1P101.mail.example.org:2,S"),
                          QStringLiteral("cur/1760950800.M2P102.mail.example.org:2,S"),
                          QStringLiteral(".Bounces/cur/1762160400.M6P106.mail.example.org:2,S")}));
    for (const InputFile& f : result.files)
        QCOMPARE(f.format, InputFormat::Message);
}

void TestInputCollector::walksFoldersRecursively()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/b")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral(".git")));
    const auto write = [&](const QString& name, const QByteArray& bytes) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write(QStringLiteral("z.eml"), "Subject: z\n\nz\n");
    write(QStringLiteral("a/b/deep.eml"), "Subject: deep\n\n");
    write(QStringLiteral("a/box"), test::readData(QStringLiteral("mbox/list-bounces.mbox")));
    write(QStringLiteral(".hidden.eml"), "Subject: hidden\n\n");
    write(QStringLiteral(".git/config"), "[core]\n");
    write(QStringLiteral("a/logo.PNG"), "\x89PNG\r\n\x1a\n");
    write(QStringLiteral("a/b/invoice.pdf"), "%PDF-1.4\n");
    // a link back up must not loop
    QVERIFY(QFile::link(dir.path(), dir.filePath(QStringLiteral("a/loop"))));
    const InputCollector::Result result = InputCollector::collect({dir.path()});
    QCOMPARE(names(result.files, dir.path()),
             QStringList({QStringLiteral("a/b/deep.eml"), QStringLiteral("a/box"), QStringLiteral("z.eml")}));
    QCOMPARE(result.files[1].format, InputFormat::Mbox);
    QCOMPARE(result.files[0].format, InputFormat::Message);
    // The picture and the PDF are no mail: left out and counted, not rows of "unreadable" input.
    QCOMPARE(result.skipped, 2);
    QVERIFY(result.skippedNote().startsWith(QStringLiteral("2 files that are no mail")));
    // Named explicitly, a file is read whatever its name.
    QCOMPARE(InputCollector::collect({dir.filePath(QStringLiteral("a/logo.PNG"))}).files.size(), 1);
}

void TestInputCollector::keepsAMissingPathAsAnItem()
{
    const InputCollector::Result result = InputCollector::collect({QStringLiteral("/no/such/place.mbox")});
    QCOMPARE(result.files.size(), 1);
    QCOMPARE(result.files[0].format, InputFormat::Missing);
    InputStream stream(result.files, 1024);
    InputItem item;
    QVERIFY(stream.next(item));
    QVERIFY(item.error.contains(QLatin1String("/no/such/place.mbox")));
    QVERIFY(!stream.next(item));
}

void TestInputCollector::streamsMessagesAndCountsBytes()
{
    const InputCollector::Result result = InputCollector::collect(
        {test::dataPath(QStringLiteral("mbox")), test::dataPath(QStringLiteral("maildir"))});
    InputStream stream(result.files, 1 << 20);
    QCOMPARE(stream.totalBytes(), result.totalBytes);
    int count = 0;
    qint64 last = 0;
    InputItem item;
    QStringList labels;
    while (stream.next(item)) {
        ++count;
        QVERIFY(stream.bytesDone() >= last);
        last = stream.bytesDone();
        labels.append(item.label());
        QVERIFY(!item.bytes.isEmpty());
    }
    QCOMPARE(count, 12);
    QCOMPARE(stream.bytesDone(), stream.totalBytes());
    QVERIFY(labels.first().endsWith(QLatin1String("list-bounces.mbox #1")));
}

QTEST_GUILESS_MAIN(TestInputCollector)
#include "TestInputCollector.moc"
