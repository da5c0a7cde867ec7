#!/usr/bin/env bash
# Compares `headerlens-cli analyze --json` with Debian's Perl Sisimai 4.25 and with the bare GMime
# floor (scripts/bench/gmime_floor.c) on the same files: alternating runs, medians, wall time and
# CPU time (user+sys of the process, all its threads). Prints msg/s for the three, the wall-time
# ratio to Sisimai and the CPU-per-message ratio to the floor.
#
#   scripts/bench-vs-sisimai.sh [--cli build/app/headerlens-cli] [--runs 5] [--repeat 5] [FILE|DIR...]
#
# Without files: the shared Sisimai corpus (../shared/corpus/sisimai/eml) listed --repeat times,
# else our own tests/data/bounces. CPU time is the figure to trust on a machine shared with
# others; wall time moves with their load.
set -euo pipefail
source "$(dirname "$0")/common.sh"
HL_PACKAGES_BENCH=(libsisimai-perl libgmime-3.0-dev gcc python3)
hl_install_packages "${HL_PACKAGES_BENCH[@]}"

cli="$HL_BUILD/app/headerlens-cli"
runs=5
repeat=5
inputs=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cli) cli=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
    esac
done
if [ ${#inputs[@]} -eq 0 ]; then
    if [ -d "$HL_ROOT/../shared/corpus/sisimai/eml" ]; then
        inputs=("$HL_ROOT/../shared/corpus/sisimai/eml")
    else
        inputs=("$HL_ROOT/tests/data/bounces")
    fi
fi
[ -x "$cli" ] || { echo "No $cli: build first (./run.sh or cmake --build build)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 "$HL_ROOT/scripts/bench/gmime_floor.c" $(pkg-config --cflags --libs gmime-3.0) -o "$work/floor"

python3 - "$cli" "$work" "$runs" "$repeat" "$HL_ROOT/scripts/bench/sisimai_driver.pl" "${inputs[@]}" <<'PY'
import os, platform, resource, statistics, subprocess, sys, time

cli, work, runs, repeat, driver = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
files = []
for p in sys.argv[6:]:
    if os.path.isdir(p):
        files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(('.eml', '.txt')))
    else:
        files.append(p)
files = files * repeat
n = len(files)
tools = {
    'headerlens': [cli, 'analyze', '--json'] + files,
    'sisimai': ['perl', driver] + files,
    'floor': [os.path.join(work, 'floor')] + files,
}

def measure(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(os.path.join(work, 'out'), 'wb') as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc

for name, cmd in tools.items():  # warm-up: page cache, and a check that each one runs
    _, _, rc = measure(cmd)
    if rc not in (0, 1):
        sys.exit(f'{name} exited {rc}')
walls = {k: [] for k in tools}
cpus = {k: [] for k in tools}
for i in range(runs):
    for name, cmd in tools.items():
        wall, cpu, _ = measure(cmd)
        walls[name].append(wall)
        cpus[name].append(cpu)
    print(f'# run {i + 1}: ' + ', '.join(f'{k} {walls[k][-1]:.2f} s wall / {cpus[k][-1]:.2f} s cpu' for k in tools))
w = {k: statistics.median(v) for k, v in walls.items()}
c = {k: statistics.median(v) for k, v in cpus.items()}
print(f'# {n} messages, {runs} alternating runs, medians; {os.cpu_count()} cores, {platform.processor() or platform.machine()}, '
      f'load average {os.getloadavg()[0]:.1f}')
for k in tools:
    print(f'{k:>10}: {n / w[k]:8.0f} msg/s wall, {1e6 * c[k] / n:7.0f} us cpu/msg')
print(f'throughput vs Sisimai 4.25: {w["sisimai"] / w["headerlens"]:.1f}x wall, '
      f'{c["sisimai"] / c["headerlens"]:.1f}x cpu')
print(f'cpu per message vs the GMime floor: {c["headerlens"] / c["floor"]:.2f}x')
PY
