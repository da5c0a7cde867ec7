#pragma once

#include <QThread>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace headerlens {

// Runs work(i) for i in [0, count) on all cores and hands every result to sink(i, result) on
// the calling thread in input order, as soon as it and all before it are done: a long batch
// streams its output in order while every core works. At most `window` results wait at any
// time (bounded memory however long the batch); sink returning false stops the run (workers
// finish the item they hold, no new one starts). work must be safe to call from several threads
// at once (Analyzer's functions are); sink runs on the caller's thread only.
//
// The building block for `analyze`, `batch` and the window's folder loading.
template <typename Result>
void orderedParallelMap(qsizetype count, const std::function<Result(qsizetype)>& work,
                        const std::function<bool(qsizetype, Result&&)>& sink, int threads = 0)
{
    if (count <= 0)
        return;
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    threads = static_cast<int>(std::min<qsizetype>(threads, count));
    if (threads == 1) {
        for (qsizetype i = 0; i < count; ++i) {
            if (!sink(i, work(i)))
                return;
        }
        return;
    }
    const qsizetype window = 4 * static_cast<qsizetype>(threads);
    std::vector<std::optional<Result>> slots(static_cast<size_t>(window));
    std::mutex mutex;
    std::condition_variable resultReady;
    std::condition_variable slotFree;
    qsizetype nextToStart = 0;
    qsizetype nextToDeliver = 0;
    int workersWaiting = 0;
    bool stop = false;

    const auto worker = [&] {
        while (true) {
            qsizetype index = 0;
            {
                std::unique_lock lock(mutex);
                ++workersWaiting;
                slotFree.wait(lock, [&] {
                    return stop || nextToStart >= count || nextToStart < nextToDeliver + window;
                });
                --workersWaiting;
                if (stop || nextToStart >= count)
                    return;
                index = nextToStart++;
            }
            Result result = work(index);
            bool awaited = false;
            {
                std::lock_guard lock(mutex);
                slots[static_cast<size_t>(index % window)].emplace(std::move(result));
                awaited = index == nextToDeliver; // the only slot the sink waits for
            }
            if (awaited)
                resultReady.notify_one();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);

    for (qsizetype i = 0; i < count; ++i) {
        std::optional<Result> result;
        bool wake = false;
        {
            std::unique_lock lock(mutex);
            auto& slot = slots[static_cast<size_t>(i % window)];
            resultReady.wait(lock, [&] { return slot.has_value(); });
            result.swap(slot);
            ++nextToDeliver;
            wake = workersWaiting > 0;
        }
        if (wake) // a worker blocked on a full window may go on
            slotFree.notify_all();
        if (!sink(i, std::move(*result))) {
            std::lock_guard lock(mutex);
            stop = true;
            break;
        }
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    slotFree.notify_all();
    for (std::thread& t : pool)
        t.join();
}

// The same for a stream whose length is not known in advance (an mbox read message by message):
// `next` fills the next input and returns false at the end; it is called under a lock, one call
// at a time, from the worker threads. At most a few inputs per thread are in flight, so memory
// stays bounded however long the stream. `sink` runs on the calling thread in input order;
// returning false stops the stream (inputs in flight are dropped).
template <typename Input, typename Result>
void orderedStreamMap(const std::function<bool(Input&)>& next, const std::function<Result(Input&)>& work,
                      const std::function<bool(Result&&)>& sink, int threads = 0)
{
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    if (threads == 1) {
        Input input;
        while (next(input)) {
            if (!sink(work(input)))
                return;
        }
        return;
    }
    const qsizetype window = 4 * static_cast<qsizetype>(threads);
    std::vector<std::optional<Result>> slots(static_cast<size_t>(window));
    std::mutex mutex;
    std::condition_variable resultReady;
    std::condition_variable slotFree;
    qsizetype nextToStart = 0;
    qsizetype nextToDeliver = 0;
    qsizetype total = -1; // known once `next` said the end
    int workersWaiting = 0;
    bool stop = false;

    const auto worker = [&] {
        while (true) {
            Input input;
            qsizetype index = 0;
            {
                std::unique_lock lock(mutex);
                ++workersWaiting;
                slotFree.wait(lock,
                              [&] { return stop || total >= 0 || nextToStart < nextToDeliver + window; });
                --workersWaiting;
                if (stop || total >= 0)
                    return;
                if (!next(input)) {
                    total = nextToStart;
                    resultReady.notify_one();
                    slotFree.notify_all();
                    return;
                }
                index = nextToStart++;
            }
            Result result = work(input);
            bool awaited = false;
            {
                std::lock_guard lock(mutex);
                slots[static_cast<size_t>(index % window)].emplace(std::move(result));
                awaited = index == nextToDeliver;
            }
            if (awaited)
                resultReady.notify_one();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);

    for (qsizetype i = 0;; ++i) {
        std::optional<Result> result;
        bool wake = false;
        {
            std::unique_lock lock(mutex);
            auto& slot = slots[static_cast<size_t>(i % window)];
            resultReady.wait(lock, [&] { return slot.has_value() || (total >= 0 && i >= total); });
            if (!slot.has_value())
                break; // the end of the stream, everything delivered
            result.swap(slot);
            ++nextToDeliver;
            wake = workersWaiting > 0;
        }
        if (wake)
            slotFree.notify_all();
        if (!sink(std::move(*result)))
            break;
    }
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    slotFree.notify_all();
    for (std::thread& t : pool)
        t.join();
}

} // namespace headerlens
