#include "HtmlText.h"
#include "MessageLoader.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

using namespace headerlens;

// The words of an HTML-only report: what the layouts and the rules read when a server sends no
// plain text (Exchange and Office 365 NDRs can). Written out, it must give exactly what the
// regular expressions it replaces give.
class TestHtmlText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAnNdrAsAPersonWould();
    void givesWhatTheExpressionsGive();
    void givesWhatTheExpressionsGiveOnEveryHtmlPart();
};

void TestHtmlText::readsAnNdrAsAPersonWould()
{
    const QString html =
        QStringLiteral("<html><head><title>Undeliverable</title><style>p{color:red}</style></head><body>"
                       "<p>Delivery has failed to these recipients:</p><div><b>jane@example.com</b><br/>"
                       "The e-mail address couldn&#39;t be found &amp; was rejected.</div>"
                       "<script type=\"text/javascript\">alert(1)</script><table><tr><td>550 5.1.1</td></tr>"
                       "</table></body></html>");
    const QString text = HtmlText::toText(html);
    // p, /p, div, br, /div, tr, /tr and /table end lines; /td and /th leave a space between
    // cells; b, table, td and the rest go
    QCOMPARE(text, QStringLiteral("\nDelivery has failed to these recipients:\n\njane@example.com\n"
                                  "The e-mail address couldn't be found & was rejected.\n\n550 5.1.1 \n\n"));
    // A row's cells are words apart: the address and its state, not "bola@lagoon.exampleRejected".
    const QString row =
        QStringLiteral("<table><tr><td>bola@lagoon.example</td><td>Rejected</td></tr></table>");
    QCOMPARE(HtmlText::toText(row), QStringLiteral("\nbola@lagoon.example Rejected \n\n"));
    QCOMPARE(HtmlText::toText(row), HtmlText::toTextByExpressions(row));
    QVERIFY(!text.contains(QLatin1String("Undeliverable"))); // the head's title is not the report
    QVERIFY(!text.contains(QLatin1String("alert")));
    QCOMPARE(text, HtmlText::toTextByExpressions(html));
}

// Markup made of the pieces each step looks at: the element and tag names in every case (the
// Kelvin sign and the long s among them, which PCRE folds to k and s), closing tags with and
// without blanks, unclosed elements, names that only start like one ("<header>", "<pre>"),
// stray '<' and '>', entities, letters beyond ASCII and surrogates, paired and alone (PCRE
// matches nothing in a text that is not valid UTF-16).
void TestHtmlText::givesWhatTheExpressionsGive()
{
    const QStringList pieces = {
        QStringLiteral("<"),
        QStringLiteral(">"),
        QStringLiteral("</"),
        QStringLiteral("<script>"),
        QStringLiteral("</script>"),
        QStringLiteral("<SCRIPT a=1>"),
        QStringLiteral("</Script >"),
        QString::fromUtf16(u"<\u017Fcript>"),
        QString::fromUtf16(u"</\u017FCRIPT\t>"),
        QStringLiteral("<style>"),
        QStringLiteral("</style\n>"),
        QStringLiteral("<head>"),
        QStringLiteral("</head>"),
        QStringLiteral("<header>"),
        QStringLiteral("</headx>"),
        QStringLiteral("<br>"),
        QStringLiteral("<BR/>"),
        QStringLiteral("< br >"),
        QStringLiteral("<\tP class=x>"),
        QStringLiteral("</p>"),
        QStringLiteral("<pre>"),
        QStringLiteral("<div"),
        QStringLiteral("</DIV>"),
        QStringLiteral("<tr>"),
        QStringLiteral("</tr>"),
        QStringLiteral("<li>"),
        QStringLiteral("</h1>"),
        QStringLiteral("</hx>"),
        QStringLiteral("<hr>"),
        QStringLiteral("</table>"),
        QStringLiteral("<td>"),
        QStringLiteral("<b_>"),
        QStringLiteral("<p1>"),
        QStringLiteral("<\x0bli>"),
        QStringLiteral("&nbsp;"),
        QStringLiteral("&amp;"),
        QStringLiteral("&lt;"),
        QStringLiteral("&quot;"),
        QStringLiteral("&#39;"),
        QStringLiteral(" "),
        QStringLiteral("\n"),
        QStringLiteral("word"),
        QStringLiteral("x"),
        QStringLiteral("_"),
        QStringLiteral("7"),
        QString::fromUtf16(u"\u00e9"),
        QString::fromUtf16(u"\u212A"),
        QString::fromUtf16(u"\U0001F600"),
        QString(QChar(0xD83D)),
        QString(QChar(0xDE00)),
    };
    QRandomGenerator random(5122026);
    int changed = 0;
    for (int round = 0; round < 30000; ++round) {
        const QString html = test::randomJoin(random, pieces, 1 + random.bounded(40));
        const QString expected = HtmlText::toTextByExpressions(html);
        QCOMPARE(HtmlText::toText(html), expected);
        changed += expected != html ? 1 : 0;
    }
    QVERIFY(changed > 20000);
}

void TestHtmlText::givesWhatTheExpressionsGiveOnEveryHtmlPart()
{
    QStringList roots = {test::dataPath(QString())};
    if (!test::corpusDir().isEmpty())
        roots.append(test::corpusDir());
    int parts = 0;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QLatin1String(".eml")))
                continue;
            const ParsedMessage message = MessageLoader::fromFile(path);
            QList<const MimePart*> pending = {&message.body};
            while (!pending.isEmpty()) {
                const MimePart* part = pending.takeLast();
                for (const MimePart& child : part->children)
                    pending.append(&child);
                if (part->contentType != QLatin1String("text/html"))
                    continue;
                const QString html = part->text();
                QVERIFY2(HtmlText::toText(html) == HtmlText::toTextByExpressions(html), qPrintable(path));
                ++parts;
            }
        }
    }
    QVERIFY2(parts >= 5, "the fixtures hold HTML parts");
}

QTEST_GUILESS_MAIN(TestHtmlText)
#include "TestHtmlText.moc"
