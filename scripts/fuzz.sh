#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/FuzzTargets.cpp) for a given time each, on all cores,
# under AddressSanitizer and UBSan, with a corpus seeded from tests/data and ../shared/corpus.
#
#   scripts/fuzz.sh [--time SECONDS] [--jobs N] [TARGET...]
#       TARGET: load paste received report rfc2047 whole (default: all); --time per target
#       (default 1800), --jobs parallel fuzzing processes (default: the number of cores).
#
# Builds in build-fuzz/ with clang (Debian clang 14, libclang-rt-14-dev). Corpora grow in
# build-fuzz/corpus/<target>/ (kept between runs); a crash, leak, timeout or sanitizer report is
# written to tests/fuzz/regressions/<target>/, where ctest replays it from then on (fix it, keep
# it). Prints executions and findings per target. Not part of ./test.sh: it runs for hours.
set -euo pipefail
source "$(dirname "$0")/common.sh"
hl_install_packages "${HL_PACKAGES_BUILD[@]}" clang libclang-rt-14-dev

seconds=1800
jobs=$(nproc 2>/dev/null || echo 2)
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --time) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(load paste received report rfc2047 whole)

build="$HL_ROOT/build-fuzz"
if [ ! -f "$build/CMakeCache.txt" ]; then
    hl_log "Configuring $build (clang, libFuzzer, ASan+UBSan)"
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    CC=clang CXX=clang++ cmake -S "$HL_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DHEADERLENS_FUZZ=ON -DHEADERLENS_SANITIZE=ON -DHEADERLENS_BUILD_GUI=OFF "${launcher[@]}"
fi
hl_log "Building the fuzz targets"
cmake --build "$build" -j "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")

# Seeds: our fixtures and the shared corpus; for the Received parser, the Received fields of
# them; for the RFC 2047 decoder, the encoded words in them.
seed() {
    local target=$1 dir=$build/corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return 0
    local sources=("$HL_ROOT/tests/data")
    [ -d "$HL_ROOT/../shared/corpus" ] && sources+=("$HL_ROOT/../shared/corpus")
    case "$target" in
    received)
        find "${sources[@]}" -type f -print0 | xargs -0 grep -h -A3 -i '^Received:' 2>/dev/null |
            awk '/^[Rr]eceived:/{if(v!="")print v; v=substr($0,11); next} /^[ \t]/{v=v" "$0; next} {if(v!="")print v; v=""}' |
            head -5000 | split -l 1 - "$dir/r-" ;;
    rfc2047)
        find "${sources[@]}" -type f -print0 | xargs -0 grep -ho '=?[^? ]*?[BbQq]?[^? ]*?=' 2>/dev/null |
            sort -u | head -3000 | split -l 1 - "$dir/w-" ;;
    *)
        find "${sources[@]}" -type f -size -256k \( -name '*.eml' -o -name '*.txt' \) -exec cp -t "$dir" {} + ;;
    esac
}

summary=()
for target in "${targets[@]}"; do
    seed "$target"
    findings="$HL_ROOT/tests/fuzz/regressions/$target"
    mkdir -p "$findings"
    log="$build/fuzz-$target.log"
    hl_log "Fuzzing $target for $seconds s on $jobs jobs"
    before=$(ls "$findings" | wc -l)
    # -fork keeps going after a finding; each finding is written to the regression folder.
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/tests/fuzz/fuzz_$target" "$build/corpus/$target" -fork="$jobs" -ignore_crashes=1 \
        -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262144 -artifact_prefix="$findings/" >"$log" 2>&1 || true
    after=$(ls "$findings" | wc -l)
    execs=$(grep -o 'exec/s: [0-9]*\|execs: [0-9]*' "$log" | tail -1 || true)
    total=$(grep -oE '#[0-9]+' "$log" | tail -1 | tr -d '#')
    summary+=("$target: ${total:-?} executions, $((after - before)) new findings (log: $log)")
done
hl_log "Summary"
printf '  %s\n' "${summary[@]}"
