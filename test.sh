#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests on the offscreen
# platform). Extra arguments go to ctest, e.g. ./test.sh -R Received
#
#   ./test.sh --sanitize [ctest args]   the whole suite built with AddressSanitizer and UBSan in
#                                       its own folder (build-sanitize/); any report fails the run
#   ./test.sh --sanitize-parsers        the same, but only what reads untrusted bytes: the CLI, the
#                                       hostile-input matrix, robustness, loader, report reader,
#                                       Received parser and the real corpus, and the fuzz
#                                       regression replays (about 11 min cold instead of 35-40)
set -euo pipefail
mode=normal
case "${1:-}" in
--sanitize) mode=sanitize; shift ;;
--sanitize-parsers) mode=parsers; shift ;;
esac
if [ "$mode" != normal ]; then
    export HEADERLENS_BUILD_DIR=${HEADERLENS_SANITIZE_BUILD_DIR:-$(cd "$(dirname "$0")" && pwd)/build-sanitize}
fi
source "$(dirname "$0")/scripts/common.sh"
hl_install_packages "${HL_PACKAGES_BUILD[@]}" "${HL_PACKAGES_TEST[@]}"
if [ "$mode" = normal ]; then
    hl_build
    hl_log "Running the test suite"
else
    parsers=(headerlens-cli TestHostileInput TestRobustness TestMessageLoader TestDeliveryReport
             TestReceivedParser TestBounceCorpus TestRfc2047 TestMboxReader TestHtmlText
             fuzz_load fuzz_paste fuzz_received fuzz_report fuzz_rfc2047 fuzz_whole)
    if [ "$mode" = parsers ]; then
        HL_BUILD_TARGETS="${parsers[*]}" hl_build -DHEADERLENS_SANITIZE=ON
        set -- -R "^($(IFS='|'; echo "${parsers[*]:1}")|fuzz_replay_.*|cli_contract)\$" "$@"
    else
        hl_build -DHEADERLENS_SANITIZE=ON
    fi
    # Leaks are left to the fuzzers: Qt, GLib and fontconfig keep caches until exit.
    export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    hl_log "Running the test suite under AddressSanitizer and UBSan"
fi
cd "$HL_BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
