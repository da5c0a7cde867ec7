#pragma once

#include <QList>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace headerlens {

namespace detail {

// The engine of both maps below. `take` fills the next input (false: there is none), always
// under the lock, so it may read a stream; `work` runs on any thread, several at once; `sink`
// gets every result on the calling thread, in input order. The calling thread works too when
// the result it waits for is not ready and an input is free, so `threads` counts it: two
// threads on two cores are the caller and one helper, and neither sleeps while there is work.
// At most 4 x threads results are in flight (bounded memory however long the input); sink
// returning false stops the run (inputs in flight are dropped, no new one is taken).
template <typename Input, typename Result>
void orderedRun(const std::function<bool(Input&)>& take, const std::function<Result(Input&)>& work,
                const std::function<bool(Result&&)>& sink, int threads)
{
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    if (threads == 1) {
        Input input;
        while (take(input)) {
            if (!sink(work(input)))
                return;
        }
        return;
    }
    const qsizetype window = 4 * static_cast<qsizetype>(threads);
    std::vector<std::optional<Result>> results(static_cast<size_t>(window));
    std::mutex mutex;
    std::condition_variable resultReady; // the caller waits for its next result
    std::condition_variable slotFree;    // helpers wait for room in the window
    qsizetype started = 0;
    qsizetype delivered = 0;
    int helpersWaiting = 0;
    bool exhausted = false;
    bool stop = false;

    // Under the lock: claims the next input and returns its index, or -1 (stopped, no input
    // left, or the window is full).
    const auto claim = [&](Input& input) -> qsizetype {
        if (stop || exhausted || started >= delivered + window)
            return -1;
        if (!take(input)) {
            exhausted = true;
            resultReady.notify_one();
            slotFree.notify_all();
            return -1;
        }
        return started++;
    };
    // Works on a claimed input without the lock; true when it is the result the caller waits for.
    const auto compute = [&](std::unique_lock<std::mutex>& lock, Input& input, qsizetype index) {
        lock.unlock();
        Result result = work(input);
        lock.lock();
        results[static_cast<size_t>(index % window)].emplace(std::move(result));
        return index == delivered;
    };
    const auto helper = [&] {
        std::unique_lock lock(mutex);
        while (true) {
            ++helpersWaiting;
            slotFree.wait(lock, [&] { return stop || exhausted || started < delivered + window; });
            --helpersWaiting;
            Input input;
            const qsizetype index = claim(input);
            if (index < 0)
                return; // stopped or at the end: the window had room
            if (compute(lock, input, index))
                resultReady.notify_one();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads - 1));
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(helper);

    for (qsizetype i = 0;; ++i) {
        std::optional<Result> result;
        bool wake = false;
        {
            std::unique_lock lock(mutex);
            auto& slot = results[static_cast<size_t>(i % window)];
            while (!slot.has_value() && !(exhausted && i >= started)) {
                Input input;
                if (const qsizetype index = claim(input); index >= 0)
                    compute(lock, input, index);
                else if (!(exhausted && i >= started))
                    resultReady.wait(lock);
            }
            if (!slot.has_value())
                break; // every input delivered
            result.swap(slot);
            ++delivered;
            wake = helpersWaiting > 0;
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

} // namespace detail

// Runs work(i) for i in [0, count) on all cores and hands every result to sink(i, result) on
// the calling thread in input order, as soon as it and all before it are done: a long batch
// streams its output in order while every core works. At most a few results per thread wait
// at any time (bounded memory however long the batch); sink returning false stops the run.
// work must be safe to call from several threads at once (Analyzer's functions are); sink runs
// on the caller's thread only. `threads` counts the caller (0: one per core).
template <typename Result>
void orderedParallelMap(qsizetype count, const std::function<Result(qsizetype)>& work,
                        const std::function<bool(qsizetype, Result&&)>& sink, int threads = 0)
{
    if (count <= 0)
        return;
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    qsizetype next = 0;
    qsizetype delivered = 0;
    detail::orderedRun<qsizetype, Result>(
        [&](qsizetype& index) {
            if (next >= count)
                return false;
            index = next++;
            return true;
        },
        [&](qsizetype& index) { return work(index); },
        [&](Result&& result) { return sink(delivered++, std::move(result)); },
        static_cast<int>(std::min<qsizetype>(threads, count)));
}

// orderedParallelMap over groups of up to `groupSize` consecutive items (work on a group costs
// less than on its items one by one: Analyzer::analyzeTogether): work(first, size) returns the
// results of items [first, first + size) in order, and sink(i, result) gets each item's result,
// in input order; sink returning false stops the run.
//
// The building block for `analyze` and the window's file loading.
template <typename Result>
void orderedGroupMap(qsizetype count, qsizetype groupSize,
                     const std::function<QList<Result>(qsizetype, qsizetype)>& work,
                     const std::function<bool(qsizetype, Result&&)>& sink, int threads = 0)
{
    groupSize = std::max<qsizetype>(1, groupSize);
    orderedParallelMap<QList<Result>>((count + groupSize - 1) / groupSize,
                                      [&](qsizetype group) {
                                          const qsizetype first = group * groupSize;
                                          return work(first, std::min(groupSize, count - first));
                                      },
                                      [&](qsizetype group, QList<Result>&& results) {
                                          for (qsizetype k = 0; k < results.size(); ++k) {
                                              if (!sink(group * groupSize + k, std::move(results[k])))
                                                  return false;
                                          }
                                          return true;
                                      },
                                      threads);
}

// The same for a stream whose length is not known in advance (an mbox read message by message):
// `next` fills the next input and returns false at the end; it is called under a lock, one call
// at a time, from whichever thread claims the input. `sink` gets the results on the calling
// thread in input order; returning false stops the stream (inputs in flight are dropped).
//
// The building block for `batch` and the window's folder batches (BatchAnalyzer).
template <typename Input, typename Result>
void orderedStreamMap(const std::function<bool(Input&)>& next, const std::function<Result(Input&)>& work,
                      const std::function<bool(Result&&)>& sink, int threads = 0)
{
    detail::orderedRun<Input, Result>(next, work, sink, threads);
}

} // namespace headerlens
