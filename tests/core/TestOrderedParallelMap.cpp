#include "OrderedParallelMap.h"

#include <QList>
#include <QTest>

#include <atomic>
#include <chrono>

using namespace headerlens;

// `analyze`, `batch` and the window analyse on every core, yet the rows, the JSON lines and the
// history writes must come in input order, and a stop must stop. Work items here take uneven
// time (later ones finish first) so that an ordering mistake would show.
class TestOrderedParallelMap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resultsComeInInputOrder_data();
    void resultsComeInInputOrder();
    void aStreamOfUnknownLengthComesInOrder_data();
    void aStreamOfUnknownLengthComesInOrder();
    void theSinkStopsTheStream();
    void anEmptyStreamCallsNoSink();
};

namespace {

int slowFirst(qsizetype i)
{
    // Earlier items sleep longer, so they finish after later ones on other threads.
    std::this_thread::sleep_for(std::chrono::microseconds(200 * ((7 - i % 8))));
    return static_cast<int>(i) * 3;
}

} // namespace

void TestOrderedParallelMap::resultsComeInInputOrder_data()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("one thread") << 1;
    QTest::newRow("two threads") << 2;
    QTest::newRow("five threads") << 5;
}

void TestOrderedParallelMap::resultsComeInInputOrder()
{
    QFETCH(int, threads);
    QList<int> got;
    QList<qsizetype> indexes;
    orderedParallelMap<int>(
        100, [](qsizetype i) { return slowFirst(i); },
        [&](qsizetype i, int&& value) {
            indexes.append(i);
            got.append(value);
            return true;
        },
        threads);
    QCOMPARE(got.size(), 100);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(indexes[i], qsizetype(i));
        QCOMPARE(got[i], i * 3);
    }
}

void TestOrderedParallelMap::aStreamOfUnknownLengthComesInOrder_data()
{
    resultsComeInInputOrder_data();
}

void TestOrderedParallelMap::aStreamOfUnknownLengthComesInOrder()
{
    QFETCH(int, threads);
    std::atomic_int produced = 0; // written by the reading worker, read by the sink
    int mostInFlight = 0;
    QList<int> got;
    orderedStreamMap<int, int>(
        [&](int& input) {
            if (produced == 250)
                return false;
            input = produced++;
            return true;
        },
        [](int& input) { return slowFirst(input); },
        [&](int&& value) {
            mostInFlight = std::max(mostInFlight, produced - int(got.size()));
            got.append(value);
            return true;
        },
        threads);
    QCOMPARE(got.size(), 250);
    for (int i = 0; i < 250; ++i)
        QCOMPARE(got[i], i * 3);
    // Memory stays bounded: only a few inputs per thread are read ahead of the sink.
    QVERIFY2(mostInFlight <= 4 * threads + 1, qPrintable(QString::number(mostInFlight)));
}

void TestOrderedParallelMap::theSinkStopsTheStream()
{
    int produced = 0;
    QList<int> got;
    orderedStreamMap<int, int>(
        [&](int& input) {
            input = produced++;
            return true; // endless: only the sink can end it
        },
        [](int& input) { return input; },
        [&](int&& value) {
            got.append(value);
            return got.size() < 10;
        },
        2);
    QCOMPARE(got, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    QVERIFY(produced <= 10 + 8 + 2); // the window read ahead, nothing more
}

void TestOrderedParallelMap::anEmptyStreamCallsNoSink()
{
    int sinks = 0;
    orderedStreamMap<int, int>([](int&) { return false; }, [](int& input) { return input; },
                               [&](int&&) { return ++sinks > 0; }, 2);
    QCOMPARE(sinks, 0);
}

QTEST_GUILESS_MAIN(TestOrderedParallelMap)
#include "TestOrderedParallelMap.moc"
