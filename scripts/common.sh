# Shared by run.sh and test.sh: install the Debian packages that are missing (only those),
# then configure and build incrementally in ./build.
# shellcheck shell=bash

HL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HL_BUILD=${HEADERLENS_BUILD_DIR:-$HL_ROOT/build}

# What building and running needs on Debian 12 (libqt6sql6-sqlite: the history database;
# publicsuffix: the list libpsl reads at run time for DMARC's organizational domains; mimalloc: the
# executables' allocator; ccache makes rebuilds and a CI clone cheap).
HL_PACKAGES_BUILD=(cmake make g++ pkg-config qt6-base-dev qt6-svg-dev libgmime-3.0-dev libpcre2-dev libqt6sql6-sqlite
                   qt6-qpa-plugins libqt6svg6 fonts-dejavu-core libpsl-dev publicsuffix libmimalloc-dev ccache)
# What the test suite needs on top: pdftotext/pdftoppm for PDF checks, clang-format for the
# formatting check, Google Benchmark for tests/bench, strace for the offline proof.
HL_PACKAGES_TEST=(poppler-utils clang-format libbenchmark-dev strace)

hl_log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

hl_missing_packages() {
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s\n' "$pkg"
        fi
    done
}

hl_install_packages() {
    local missing
    mapfile -t missing < <(hl_missing_packages "$@")
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing packages: ${missing[*]}; this script installs them with apt-get (Debian 12)." >&2
        return 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            echo "Missing packages: ${missing[*]}; run as root or install sudo." >&2
            return 1
        fi
    fi
    hl_log "Installing missing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

hl_build() {
    local jobs launcher=()
    jobs=$(nproc 2>/dev/null || echo 2)
    # ccache with paths relative to the checkout: a fresh clone elsewhere (CI) reuses the objects
    # a developer's build left, and the sanitizer build its own.
    if command -v ccache >/dev/null 2>&1; then
        launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
        export CCACHE_BASEDIR="$HL_ROOT" CCACHE_NOHASHDIR=1
    fi
    if [ ! -f "$HL_BUILD/CMakeCache.txt" ]; then
        hl_log "Configuring in $HL_BUILD"
        cmake -S "$HL_ROOT" -B "$HL_BUILD" -G "Unix Makefiles" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@"
    fi
    hl_log "Building"
    if [ -n "${HL_BUILD_TARGETS:-}" ]; then
        # shellcheck disable=SC2086
        cmake --build "$HL_BUILD" -j "$jobs" --target $HL_BUILD_TARGETS
    else
        cmake --build "$HL_BUILD" -j "$jobs"
    fi
}
