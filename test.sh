#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests on the offscreen
# platform). Extra arguments go to ctest, e.g. ./test.sh -R Received
#
#   ./test.sh --sanitize [ctest args]   the same suite built with AddressSanitizer and UBSan in
#                                       its own folder (build-sanitize/); any report fails the run
set -euo pipefail
sanitize=false
if [ "${1:-}" = "--sanitize" ]; then
    sanitize=true
    shift
    export HEADERLENS_BUILD_DIR=${HEADERLENS_SANITIZE_BUILD_DIR:-$(cd "$(dirname "$0")" && pwd)/build-sanitize}
fi
source "$(dirname "$0")/scripts/common.sh"
hl_install_packages "${HL_PACKAGES_BUILD[@]}" "${HL_PACKAGES_TEST[@]}"
if $sanitize; then
    hl_build -DHEADERLENS_SANITIZE=ON
    # Leaks are left to the fuzzers: Qt, GLib and fontconfig keep caches until exit.
    export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    hl_log "Running the test suite under AddressSanitizer and UBSan"
else
    hl_build
    hl_log "Running the test suite"
fi
cd "$HL_BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
