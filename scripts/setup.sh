#!/usr/bin/env bash
# setup.sh - install what orbwatch needs on Debian 12, only what is missing.
#
#   scripts/setup.sh          build + test needs (make run, make test)
#   scripts/setup.sh --bench  also satellite.js from npm (make bench)
#
# As root it runs apt-get; otherwise it prints the exact command to run.
# Why each package is here: README.md, "Dependencies".
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(
  build-essential cmake pkg-config     # compiler, build, library discovery
  liberfa-dev                          # time scales, leap seconds, IAU models
  libjansson-dev                       # OMM JSON
  libxml2-dev                          # OMM XML
  zlib1g-dev                           # tests read the gzipped SGP4 catalog reference
  clang libclang-rt-14-dev             # sanitizer + libFuzzer build in tests
  libomp-dev                           # OpenMP for clang (the sanitizer build)
  python3 python3-numpy                # oracle test driver
  python3-sgp4 python3-skyfield python3-astropy python3-scipy  # oracles
)
if [ "${1:-}" = "--bench" ]; then
  pkgs+=(nodejs npm hyperfine)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from outside Debian's archive; a working binary is enough.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  else
    echo "setup: missing packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--bench" ] && [ ! -f bench/js/node_modules/satellite.js/package.json ]; then
  echo "setup: installing satellite.js (npm) into bench/js" >&2
  (cd bench/js && npm install --no-audit --no-fund --silent >&2)
fi
exit 0
