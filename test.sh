#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests on the offscreen
# platform). Extra arguments go to ctest, e.g. ./test.sh -R Received
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
hl_install_packages "${HL_PACKAGES_BUILD[@]}" "${HL_PACKAGES_TEST[@]}"
hl_build
hl_log "Running the test suite"
cd "$HL_BUILD"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
