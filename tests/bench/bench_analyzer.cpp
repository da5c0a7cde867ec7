// Prints how long the whole analysis of typical inputs takes. A figure, not a pass/fail timer:
// the only failure is an input that no longer analyses.

#include "Analyzer.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace headerlens;

int main(int argc, char** argv)
{
    const int iterations = argc > 1 ? std::max(1, atoi(argv[1])) : 2000;
    const QStringList fixtures = {QStringLiteral("messages/gmail-delivered.eml"),
                                  QStringLiteral("messages/headers-only.txt")};
    int failures = 0;
    for (const QString& fixture : fixtures) {
        const QByteArray bytes = test::readData(fixture);
        Analyzer::analyzeBytes(bytes, fixture); // warm-up: static tables, GMime init
        std::vector<qint64> samples;
        samples.reserve(static_cast<size_t>(iterations));
        bool ok = true;
        for (int i = 0; i < iterations; ++i) {
            QElapsedTimer timer;
            timer.start();
            const Analysis analysis = Analyzer::analyzeBytes(bytes, fixture);
            samples.push_back(timer.nsecsElapsed());
            ok = ok && !analysis.hasErrors() && !analysis.relay.isEmpty();
        }
        std::sort(samples.begin(), samples.end());
        const double median = samples[samples.size() / 2] / 1000.0;
        const double p95 = samples[samples.size() * 95 / 100] / 1000.0;
        std::printf("analysis of %-32s %6lld bytes: median %8.1f us, p95 %8.1f us (%d runs)%s\n",
                    qPrintable(fixture), static_cast<long long>(bytes.size()), median, p95, iterations,
                    ok ? "" : "  ANALYSIS FAILED");
        failures += ok ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}
