// Google Benchmark figures for every pipeline stage and the whole analysis, by input size (a 1 KB
// header block to a 10 MB bounce). They print; they assert nothing about time. Run by hand:
//   build/tests/bench/bench_pipeline [--benchmark_filter=Whole]
// ./test.sh runs them once, briefly, so that they keep building and running.

#include "Analyzer.h"
#include "BounceClassifier.h"
#include "DeliveryReportReader.h"
#include "JsonReport.h"
#include "MessageLoader.h"
#include "RelayChain.h"
#include "TestSupport.h"

#include <benchmark/benchmark.h>

using namespace headerlens;

namespace {

// A Postfix-style DSN whose returned original carries `bodyBytes` of text: the large bounces
// users drop on the window (a returned newsletter with its attachments).
QByteArray syntheticBounce(qsizetype bodyBytes)
{
    QByteArray m =
        "Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.org (Postfix) with "
        "ESMTPS id 4AB12 for <sender@example.org>; Mon, 2 Dec 2024 10:00:05 +0000 (UTC)\n"
        "Received: from localhost by mx.example.net (Postfix) id 3F0E1; Mon, 2 Dec 2024 10:00:01 +0000\n"
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
        "To: sender@example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Date: Mon, 2 Dec 2024 10:00:01 +0000\n"
        "Message-ID: <20241202100001.3F0E1@mx.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
        "--B\nContent-Type: text/plain\n\n"
        "This is the mail system at host mx.example.net.\n\n"
        "I'm sorry to have to inform you that your message could not\nbe delivered to one or more "
        "recipients.\n\n<gone@example.com>: host mx.example.com[198.51.100.7] said: 550 5.1.1\n"
        "    <gone@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.net\nArrival-Date: Mon, 2 Dec 2024 10:00:00 +0000\n\n"
        "Final-Recipient: rfc822; gone@example.com\nAction: failed\nStatus: 5.1.1\n"
        "Remote-MTA: dns; mx.example.com\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown\n\n"
        "--B\nContent-Type: message/rfc822\n\n"
        "Received: from client.example.org ([203.0.113.5]) by mail.example.org with ESMTPSA; Mon, 2 Dec "
        "2024 09:59:58 +0000\nFrom: sender@example.org\nTo: gone@example.com\nSubject: Newsletter\n"
        "Date: Mon, 2 Dec 2024 09:59:57 +0000\nMessage-ID: <n1@example.org>\n\n";
    const QByteArray line =
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
    while (m.size() < bodyBytes)
        m += line;
    m += "\n--B--\n";
    return m;
}

const QByteArray& input(int which)
{
    static const QByteArray inputs[] = {
        test::readData(QStringLiteral("messages/headers-only.txt")),
        test::readData(QStringLiteral("bounces/exim-failed.eml")),
        syntheticBounce(100 * 1024),
        syntheticBounce(1024 * 1024),
        syntheticBounce(10 * 1024 * 1024),
    };
    return inputs[which];
}

void label(benchmark::State& state)
{
    const QByteArray& bytes = input(static_cast<int>(state.range(0)));
    static const char* const names[] = {"headers-only", "exim bounce", "100 KB bounce", "1 MB bounce",
                                        "10 MB bounce"};
    state.SetLabel(names[state.range(0)]);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes.size());
}

void Load(benchmark::State& state)
{
    const QByteArray& bytes = input(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(MessageLoader::fromBytes(bytes));
    label(state);
}

void Relay(benchmark::State& state)
{
    const ParsedMessage message = MessageLoader::fromBytes(input(static_cast<int>(state.range(0))));
    for (auto _ : state)
        benchmark::DoNotOptimize(RelayChain::fromHeaders(message.headers));
    label(state);
}

void ReportReading(benchmark::State& state)
{
    const ParsedMessage message = MessageLoader::fromBytes(input(static_cast<int>(state.range(0))));
    for (auto _ : state)
        benchmark::DoNotOptimize(DeliveryReportReader::read(message));
    label(state);
}

void Classify(benchmark::State& state)
{
    const ParsedMessage message = MessageLoader::fromBytes(input(static_cast<int>(state.range(0))));
    const DeliveryReport report = DeliveryReportReader::read(message);
    for (auto _ : state) {
        for (const RecipientReport& r : report.recipients)
            benchmark::DoNotOptimize(BounceClassifier::classify(report, r));
    }
    label(state);
}

void Json(benchmark::State& state)
{
    const Analysis analysis =
        Analyzer::analyzeBytes(input(static_cast<int>(state.range(0))), QStringLiteral("x"));
    for (auto _ : state)
        benchmark::DoNotOptimize(JsonReport::toJsonLine(analysis));
    label(state);
}

void WholeAnalysis(benchmark::State& state)
{
    const QByteArray& bytes = input(static_cast<int>(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(JsonReport::toJsonLine(Analyzer::analyzeBytes(bytes, QStringLiteral("x"))));
    label(state);
}

} // namespace

BENCHMARK(Load)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(Relay)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(ReportReading)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(Classify)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(Json)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(WholeAnalysis)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
