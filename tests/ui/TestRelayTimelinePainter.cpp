// The relay timeline drawn through a recording paint engine: what a person would see (host
// names, delays, the longest delay and a clock skew named and coloured) is checked as the
// drawing operations themselves, on a device that is neither a widget nor an image, as the PDF
// report will be.

#include "ReceivedHop.h"
#include "RelayTimelinePainter.h"
#include "UiTestSupport.h"

#include <QImage>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QTest>
#include <QTextItem>

using namespace headerlens;

namespace {

// Records text and filled shapes drawn on it.
class RecordingEngine final : public QPaintEngine
{
public:
    struct Text
    {
        QString text;
        QPointF position;
        QColor color;
    };
    struct Fill
    {
        QRectF bounds;
        QColor color;
        Qt::BrushStyle style;
    };

    RecordingEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {}
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    Type type() const override { return QPaintEngine::User; }
    void updateState(const QPaintEngineState& change) override
    {
        if (change.state() & DirtyPen)
            m_pen = change.pen();
        if (change.state() & DirtyBrush)
            m_brush = change.brush();
        if (change.state() & DirtyTransform)
            m_transform = change.transform();
    }
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawTextItem(const QPointF& p, const QTextItem& item) override
    {
        texts.append({item.text(), m_transform.map(p), m_pen.color()});
    }
    void drawPath(const QPainterPath& path) override { record(path.boundingRect()); }
    void drawRects(const QRectF* rects, int count) override
    {
        for (int i = 0; i < count; ++i)
            record(rects[i]);
    }
    void drawEllipse(const QRectF& r) override { record(r); }
    void drawPolygon(const QPointF* points, int count, PolygonDrawMode) override
    {
        record(QPolygonF(QList<QPointF>(points, points + count)).boundingRect());
    }

    QList<Text> texts;
    QList<Fill> fills;

private:
    void record(const QRectF& r)
    {
        if (m_brush.style() != Qt::NoBrush)
            fills.append({m_transform.mapRect(r), m_brush.color(), m_brush.style()});
    }
    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
};

class RecordingDevice final : public QPaintDevice
{
public:
    explicit RecordingDevice(QSize size, int dpi = 96)
        : m_size(size)
        , m_dpi(dpi)
    {}
    QPaintEngine* paintEngine() const override { return &m_engine; }
    RecordingEngine& engine() { return m_engine; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / (10 * m_dpi);
        case PdmHeightMM:
            return m_size.height() * 254 / (10 * m_dpi);
        case PdmNumColors:
            return INT_MAX;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return m_dpi;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    int m_dpi;
    mutable RecordingEngine m_engine;
};

QDateTime at(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

// Five hops: submission with TLS and authentication, a 4-minute wait at hop 3, a hop whose clock
// is 2 minutes behind, and a hop without a time.
RelayChain sampleChain()
{
    QList<RelayHop> hops;
    hops << test::hop(1, QStringLiteral("submit.example.org"), QStringLiteral("laptop.example.org"),
                      QStringLiteral("203.0.113.7"), QStringLiteral("ESMTPSA"),
                      at(QStringLiteral("2026-11-27T10:00:00Z")));
    hops[0].received.tls = true;
    hops[0].received.tlsVersion = QStringLiteral("TLSv1.3");
    hops[0].received.authenticated = true;
    hops << test::hop(2, QStringLiteral("relay.example.org"), QStringLiteral("submit.example.org"),
                      QStringLiteral("198.51.100.2"), QStringLiteral("ESMTP"),
                      at(QStringLiteral("2026-11-27T10:00:02Z")));
    hops << test::hop(3, QStringLiteral("mx.example.net"), QStringLiteral("relay.example.org"),
                      QStringLiteral("198.51.100.3"), QStringLiteral("ESMTPS"),
                      at(QStringLiteral("2026-11-27T10:04:02Z")));
    hops[2].received.tls = true;
    hops << test::hop(4, QStringLiteral("filter.example.net"), QStringLiteral("mx.example.net"),
                      QStringLiteral("192.0.2.4"), QStringLiteral("ESMTP"),
                      at(QStringLiteral("2026-11-27T10:02:05Z")));
    hops << test::hop(5, QStringLiteral("store.example.net"), QStringLiteral("filter.example.net"),
                      QStringLiteral("192.0.2.5"), QStringLiteral("LMTP"), QDateTime());
    return test::chainOf(hops);
}

bool containsText(const QList<RecordingEngine::Text>& texts, const QString& needle)
{
    for (const auto& t : texts) {
        if (t.text.contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestRelayTimelinePainter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesEveryHopAndTheLongestDelay();
    void coloursTheLongestDelayAndTheSkew();
    void drawsBadgesForTlsAndAuthentication();
    void marksAHopWithoutTime();
    void keepsProportionsOnAHighResolutionDevice();
    void delayBarsAreToScale();
    void emptyChainSaysSo();
    void survivesOddChains_data();
    void survivesOddChains();
    void niceStepsForTheAxis_data();
    void niceStepsForTheAxis();
    void describesTheChainInWords();
    void rendersOnAnImageInLightAndDarkThemes();
    void saysNoReverseDnsRatherThanTheHeloName();
};

void TestRelayTimelinePainter::namesEveryHopAndTheLongestDelay()
{
    const RelayChain chain = sampleChain();
    RecordingDevice device(QSize(1000, 400));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1000, 400), chain, TimelinePalette::forPrint());
    }
    const auto& texts = device.engine().texts;
    for (const RelayHop& h : chain.hops)
        QVERIFY2(containsText(texts, h.received.byHost), qPrintable(h.received.byHost));
    // Hop 3 waited 4 minutes: the longest delay, named as such.
    QVERIFY(containsText(texts, QStringLiteral("4 min 00 s \u00b7 longest")));
    // Hop 4 is stamped 1 min 57 s before hop 3: a clock skew, named with its host.
    QVERIFY(containsText(texts, QStringLiteral("clock skew \u22121 min 57 s")));
    QVERIFY(containsText(texts, QStringLiteral("the clock of filter.example.net looks wrong")));
}

void TestRelayTimelinePainter::coloursTheLongestDelayAndTheSkew()
{
    const RelayChain chain = sampleChain();
    const TimelinePalette palette = TimelinePalette::forPrint();
    RecordingDevice device(QSize(1000, 400));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1000, 400), chain, palette);
    }
    const auto& fills = device.engine().fills;
    // The 4-minute bar is drawn in the "longest" colour and is the widest bar of that colour.
    qreal longestWidth = 0;
    for (const auto& fill : fills) {
        if (fill.color == palette.longest && fill.style == Qt::SolidPattern)
            longestWidth = qMax(longestWidth, fill.bounds.width());
    }
    QVERIFY2(longestWidth > 200, "the longest delay bar is long and highlighted");
    // The skew is hatched in the skew colour.
    bool hatched = false;
    for (const auto& fill : fills)
        hatched = hatched ||
                  (fill.color == palette.skew && fill.style == Qt::BDiagPattern && fill.bounds.width() > 50);
    QVERIFY(hatched);
}

void TestRelayTimelinePainter::drawsBadgesForTlsAndAuthentication()
{
    RecordingDevice device(QSize(1000, 400));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1000, 400), sampleChain(),
                                    TimelinePalette::forPrint());
    }
    const auto& texts = device.engine().texts;
    QVERIFY(containsText(texts, QStringLiteral("TLS 1.3")));
    QVERIFY(containsText(texts, QStringLiteral("AUTH")));
    // Hop 3 says TLS without a version.
    int plainTls = 0;
    for (const auto& t : texts)
        plainTls += t.text == QLatin1String("TLS") ? 1 : 0;
    QCOMPARE(plainTls, 1);
}

void TestRelayTimelinePainter::marksAHopWithoutTime()
{
    RecordingDevice device(QSize(1000, 400));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1000, 400), sampleChain(),
                                    TimelinePalette::forPrint());
    }
    QVERIFY(containsText(device.engine().texts, QStringLiteral("no time stamp")));
}

void TestRelayTimelinePainter::keepsProportionsOnAHighResolutionDevice()
{
    // A PDF page at 1200 dpi: the same drawing, 12.5 times as many device pixels per point.
    const RelayChain chain = sampleChain();
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    RecordingDevice screen(QSize(1000, 400), 96);
    RecordingDevice paper(QSize(12500, 5000), 1200);
    const RelayTimelinePainter painter(chain, TimelinePalette::forPrint());
    const qreal screenHeight = painter.preferredHeight(font, &screen);
    const qreal paperHeight = painter.preferredHeight(font, &paper);
    QVERIFY(screenHeight > 0);
    QVERIFY2(qAbs(paperHeight / screenHeight - 12.5) < 1.0,
             qPrintable(QStringLiteral("%1 vs %2").arg(paperHeight).arg(screenHeight)));
    {
        QPainter p(&paper);
        p.setFont(font);
        painter.paint(p, QRectF(0, 0, 12500, paperHeight));
    }
    QVERIFY(containsText(paper.engine().texts, QStringLiteral("mx.example.net")));
}

void TestRelayTimelinePainter::delayBarsAreToScale()
{
    // Three hops: 10 s, then 90 s. The second bar is nine times as long as the first.
    QList<RelayHop> hops;
    hops << test::hop(1, QStringLiteral("a.example.org"), {}, {}, QStringLiteral("SMTP"),
                      at(QStringLiteral("2026-11-27T10:00:00Z")));
    hops << test::hop(2, QStringLiteral("b.example.org"), {}, {}, QStringLiteral("SMTP"),
                      at(QStringLiteral("2026-11-27T10:00:10Z")));
    hops << test::hop(3, QStringLiteral("c.example.org"), {}, {}, QStringLiteral("SMTP"),
                      at(QStringLiteral("2026-11-27T10:01:40Z")));
    const TimelinePalette palette = TimelinePalette::forPrint();
    RecordingDevice device(QSize(1200, 300));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1200, 300), test::chainOf(hops), palette);
    }
    qreal shortBar = 0;
    qreal longBar = 0;
    for (const auto& fill : device.engine().fills) {
        if (fill.color == palette.bar && fill.bounds.width() > 5 && fill.bounds.height() < 20)
            shortBar = qMax(shortBar, fill.bounds.width());
        if (fill.color == palette.longest && fill.bounds.height() < 20)
            longBar = qMax(longBar, fill.bounds.width());
    }
    QVERIFY(shortBar > 0);
    QVERIFY2(qAbs(longBar / shortBar - 9.0) < 0.3,
             qPrintable(QStringLiteral("%1 / %2").arg(longBar).arg(shortBar)));
}

void TestRelayTimelinePainter::emptyChainSaysSo()
{
    RecordingDevice device(QSize(600, 100));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 600, 100), RelayChain(),
                                    TimelinePalette::forPrint());
    }
    QVERIFY(containsText(device.engine().texts, QStringLiteral("No Received fields")));
}

void TestRelayTimelinePainter::survivesOddChains_data()
{
    QTest::addColumn<RelayChain>("chain");
    QTest::addColumn<int>("width");
    RelayChain single = test::chainOf({test::hop(1, QStringLiteral("only.example.org"), {}, {}, {},
                                                 at(QStringLiteral("2026-11-27T10:00:00Z")))});
    QTest::newRow("A single hop has no delay to draw") << single << 800;
    RelayChain untimed = test::chainOf({test::hop(1, {}, {}, {}, {}, {}), test::hop(2, {}, {}, {}, {}, {})});
    QTest::newRow("No hop carries a time") << untimed << 800;
    QList<RelayHop> many;
    for (int i = 0; i < 60; ++i)
        many << test::hop(i + 1, QStringLiteral("hop%1.example.org").arg(i), {}, {}, QStringLiteral("ESMTP"),
                          at(QStringLiteral("2026-11-27T10:00:00Z")).addSecs(i * i));
    QTest::newRow("Sixty hops") << test::chainOf(many) << 800;
    QList<RelayHop> days;
    days << test::hop(1, QStringLiteral("a.example.org"), {}, {}, {},
                      at(QStringLiteral("2026-11-20T10:00:00Z")));
    days << test::hop(2, QStringLiteral("b.example.org"), {}, {}, {},
                      at(QStringLiteral("2026-11-27T10:00:00Z")));
    QTest::newRow("A week between two hops") << test::chainOf(days) << 800;
    QList<RelayHop> longName;
    longName << test::hop(1, QString(500, QLatin1Char('x')) + QStringLiteral(".example.org"), {}, {}, {},
                          at(QStringLiteral("2026-11-27T10:00:00Z")));
    longName << test::hop(2, QStringLiteral("b.example.org"), {}, {}, {},
                          at(QStringLiteral("2026-11-27T10:00:03Z")));
    QTest::newRow("A very long host name in a narrow space") << test::chainOf(longName) << 200;
}

void TestRelayTimelinePainter::survivesOddChains()
{
    QFETCH(RelayChain, chain);
    QFETCH(int, width);
    const RelayTimelinePainter painter(chain, TimelinePalette::forPrint());
    QImage image(width, 10, QImage::Format_ARGB32);
    const int height = static_cast<int>(painter.preferredHeight(QFont(), &image));
    QVERIFY(height > 0);
    image = QImage(width, height, QImage::Format_ARGB32);
    QPainter p(&image);
    painter.paint(p, QRectF(0, 0, width, height));
}

void TestRelayTimelinePainter::niceStepsForTheAxis_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<qint64>("step");
    QTest::newRow("under a second rounds up to one second") << 0.3 << qint64(1);
    QTest::newRow("7 seconds gives 10") << 7.0 << qint64(10);
    QTest::newRow("40 seconds gives a minute") << 40.0 << qint64(60);
    QTest::newRow("50 minutes gives an hour") << 3000.0 << qint64(3600);
    QTest::newRow("two weeks gives whole weeks") << 1209600.0 << qint64(1209600);
}

void TestRelayTimelinePainter::niceStepsForTheAxis()
{
    QFETCH(double, seconds);
    QFETCH(qint64, step);
    QCOMPARE(RelayTimelinePainter::niceStep(seconds), step);
}

void TestRelayTimelinePainter::describesTheChainInWords()
{
    const QString text = RelayTimelinePainter::describe(sampleChain());
    QVERIFY(text.contains(QStringLiteral("Hop 3: mx.example.net, 4 min 00 s after the previous hop")));
    QVERIFY(text.contains(QStringLiteral("the longest delay")));
    QVERIFY(text.contains(QStringLiteral("Hop 4: filter.example.net")));
    QVERIFY(text.contains(QStringLiteral("clock skew")));
    QVERIFY(text.contains(QStringLiteral("Hop 5: store.example.net, no time stamp")));
}

void TestRelayTimelinePainter::rendersOnAnImageInLightAndDarkThemes()
{
    // The text colour of the drawing follows the theme: dark text on light, light on dark.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    const QList<QPair<QString, TimelinePalette>> themes = {
        {QStringLiteral("light"), TimelinePalette::forPrint()},
        {QStringLiteral("dark"), TimelinePalette::fromPalette(dark)},
    };
    for (const auto& [name, palette] : themes) {
        QVERIFY(qAbs(palette.text.lightnessF() - palette.background.lightnessF()) > 0.6);
        QVERIFY(qAbs(palette.longest.lightnessF() - palette.background.lightnessF()) > 0.3);
        const RelayChain chain = sampleChain();
        const RelayTimelinePainter painter(chain, palette);
        QImage image(1000, 10, QImage::Format_ARGB32);
        image =
            QImage(1000, static_cast<int>(painter.preferredHeight(QFont(), &image)), QImage::Format_ARGB32);
        {
            QPainter p(&image);
            painter.paint(p, QRectF(image.rect()));
        }
        QCOMPARE(image.pixelColor(2, 2), palette.background);
        // Set HEADERLENS_TEST_IMAGES to a folder to look at the drawings.
        const QString folder = qEnvironmentVariable("HEADERLENS_TEST_IMAGES");
        if (!folder.isEmpty())
            image.save(folder + QStringLiteral("/timeline-") + name + QStringLiteral(".png"));
    }
}

void TestRelayTimelinePainter::saysNoReverseDnsRatherThanTheHeloName()
{
    // Postfix looked the client up and found no name: the label says so, and the HELO name the
    // client gave does not stand in for the looked-up name.
    RelayHop hop;
    hop.number = 1;
    hop.received = ReceivedParser::parse(
        QStringLiteral("from laptop.example.org (unknown [203.0.113.5]) by mx.example.com (Postfix) with "
                       "ESMTPSA id 4Y0aBc; Tue, 3 Dec 2024 08:00:00 +0000"));
    const RelayChain chain = test::chainOf({hop});
    RecordingDevice device(QSize(1000, 200));
    {
        QPainter painter(&device);
        RelayTimelinePainter::paint(painter, QRectF(0, 0, 1000, 200), chain, TimelinePalette::forPrint());
    }
    const auto& texts = device.engine().texts;
    QVERIFY(containsText(texts, QStringLiteral("from [203.0.113.5] (no reverse DNS)")));
    QVERIFY(!containsText(texts, QStringLiteral("from laptop.example.org")));
}

QTEST_MAIN(TestRelayTimelinePainter)
#include "TestRelayTimelinePainter.moc"
