// libFuzzer targets (issue 14): each takes arbitrary bytes to one stage of the pipeline. Built
// with clang's -fsanitize=fuzzer by scripts/fuzz.sh (HEADERLENS_FUZZ=ON); in the ordinary build
// the same targets are linked with ReplayMain.cpp and replay the kept regression inputs under
// ctest, so that they keep compiling and every finding stays fixed.
//
// The target is chosen at compile time (HEADERLENS_FUZZ_TARGET): one executable per target.

#include "Analyzer.h"
#include "DeliveryReportReader.h"
#include "JsonReport.h"
#include "MessageLoader.h"
#include "ReceivedHop.h"
#include "Redactor.h"
#include "Rfc2047.h"
#include "TextSummary.h"
#include "VisibleText.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace headerlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
#if HEADERLENS_FUZZ_TARGET == 1 // load: bytes to a ParsedMessage
    const ParsedMessage message = MessageLoader::fromBytes(bytes);
    (void)message.headers.size();
#elif HEADERLENS_FUZZ_TARGET == 2 // paste: pasted text (clean-up, reply text or message)
    const Analysis analysis = Analyzer::analyzePastedText(QString::fromUtf8(bytes), QStringLiteral("pasted"));
    (void)analysis.recipients.size();
#elif HEADERLENS_FUZZ_TARGET == 3 // received: one Received field value
    const ReceivedHop hop = ReceivedParser::parse(QString::fromUtf8(bytes));
    (void)hop.fromIp.size();
#elif HEADERLENS_FUZZ_TARGET == 4 // report: the delivery-report reader on a loaded message
    const ParsedMessage message = MessageLoader::fromBytes(bytes);
    const DeliveryReport report = DeliveryReportReader::read(message);
    (void)report.recipients.size();
#elif HEADERLENS_FUZZ_TARGET == 5 // rfc2047: encoded words
    const QString decoded = Rfc2047::decode(Rfc2047::unfold(bytes));
    (void)decoded.size();
#elif HEADERLENS_FUZZ_TARGET == 6 // whole: analysis, JSON, text, display copy, redaction
    const Analysis analysis = Analyzer::analyzeBytes(bytes, QStringLiteral("fuzz"));
    (void)JsonReport::toJsonLine(analysis);
    (void)TextSummary::render(analysis);
    (void)VisibleText::forDisplay(analysis);
    (void)Redactor::redact(analysis);
#else
#error "HEADERLENS_FUZZ_TARGET must be 1 to 6"
#endif
    return 0;
}
