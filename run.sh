#!/usr/bin/env bash
# Installs what is missing, builds, and starts HeaderLens. Usage: ./run.sh [FILE...]
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
hl_install_packages "${HL_PACKAGES_BUILD[@]}"
hl_build
exec "$HL_BUILD/app/headerlens" "$@"
