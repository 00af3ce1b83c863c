#!/usr/bin/env bash
# bench.sh - the benchmarks `make bench` runs (after building into build/).
#
# A simple list of steps; each prints its own lines. Catalog: the 2023-10
# full catalog of ../shared/data (never copied into the repository), 1,440
# one-minute steps. The machine may be shared: every engine reports the best
# of a few runs, and the ratios at the end come from this same run.
#   BENCH_CATALOG, BENCH_MINUTES override the inputs.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
data=${OW_SHARED_DATA:-$(cd .. && pwd)/shared/data}
cat=${BENCH_CATALOG:-$data/catalog/full_2023-10_spacetrack_3le.txt}
minutes=${BENCH_MINUTES:-1440}
ow=$build/orbwatch
log=$build/bench.jsonl
: >"$log"

if [ ! -f "$cat" ]; then
  echo "bench: catalog $cat not found (set OW_SHARED_DATA or BENCH_CATALOG)" >&2
  exit 1
fi

# Step 1: scalar model and catalog load time (bench/bench_sgp4_scalar.c).
if [ -x "$build/bench/bench_sgp4_scalar" ]; then
  echo "== scalar SGP4 and catalog load (bench_sgp4_scalar) =="
  "$build/bench/bench_sgp4_scalar" "$cat" "$minutes"
fi

# Steps 2-4: orbwatch bench sgp4, scalar vs batch, one thread and all.
run() { # label, then arguments of orbwatch bench sgp4
  local label=$1
  shift
  local line
  line=$("$ow" bench sgp4 "$cat" --minutes "$minutes" --json "$@") || return 1
  echo "$line" | tee -a "$log"
  echo "$label $(sed -E 's/.*"props_per_s": ?([0-9]+).*/\1/' <<<"$line")" >>"$log.rates"
  echo "${label}_cpu $(sed -E 's/.*"props_per_cpu_s": ?([0-9]+).*/\1/' <<<"$line")" >>"$log.rates"
}
: >"$log.rates"
echo "== orbwatch bench sgp4 ($minutes one-minute steps) =="
run scalar_1 --engine scalar --threads 1 --repeat 2
run batch_1 --engine batch --threads 1 --repeat 5
run batch_all --engine batch --threads 0 --repeat 5

# Step 5: satellite.js (npm, installed by scripts/setup.sh --bench).
if command -v node >/dev/null && [ -d bench/js/node_modules/satellite.js ]; then
  echo "== satellite.js =="
  line=$(node bench/js/bench_satjs.mjs "$cat" "$minutes" 1) &&
    echo "$line" | tee -a "$log" &&
    echo "satjs_1 $(sed -E 's/.*"props_per_s": ?([0-9]+).*/\1/' <<<"$line")" >>"$log.rates"
else
  echo "== satellite.js: skipped (run scripts/setup.sh --bench) =="
fi

# Step 6: a 7-day one-minute grid of 30,000 objects streamed in chunks
# (the screener's pattern): throughput and peak resident memory (< 1 GiB).
echo "== batch stream, 7 days x 30,000 objects =="
"$ow" bench stream "$cat" --objects 30000 --days 7 --json | tee -a "$log"

# Step 7: access windows, the catalog x the bundled six sensors x 24 h
# (bench/bench_access.c; target under 10 s on two cores).
if [ -x "$build/bench/bench_access" ]; then
  echo "== access: catalog x data/scenario/network.cfg x 24 h =="
  TIMEFORMAT="  wall %R s, CPU %U s user + %S s sys"
  time "$build/bench/bench_access" "$cat"
fi

# Step 8: screening, all against all, 5 km, 24 h and 7 days (bench/
# bench_screen.c; targets: < 10 s and < 60 s on two cores, < 4 GiB).
if [ -x "$build/bench/bench_screen" ] && [ "${BENCH_SCREEN:-1}" != 0 ]; then
  echo "== screening, full catalog, all vs all, 5 km (bench_screen) =="
  for days in 1 7; do
    "$build/bench/bench_screen" "$cat" --days "$days" --threshold-km 5 \
      --json | tee -a "$log"
  done
fi

# Summary: propagations per second and ratios measured in this run.
echo "== summary (props/s; ratios from this run) =="
awk '{ r[$1] = $2; order[n++] = $1 }
     END {
       for (i = 0; i < n; i++) printf "  %-14s %8.2f M props/s\n", order[i], r[order[i]] / 1e6
       if (r["scalar_1"] > 0) {
         printf "  batch, 1 thread / scalar, 1 thread:      %6.1f x (wall)\n", r["batch_1"] / r["scalar_1"]
         printf "  batch, all threads / scalar, 1 thread:   %6.1f x (wall)\n", r["batch_all"] / r["scalar_1"]
       }
       if (r["scalar_1_cpu"] > 0)
         printf "  batch / scalar, 1 thread, per CPU second: %5.1f x\n", r["batch_1_cpu"] / r["scalar_1_cpu"]
       if (r["satjs_1"] > 0) {
         printf "  batch, 1 thread / satellite.js:          %6.1f x\n", r["batch_1"] / r["satjs_1"]
         printf "  scalar, 1 thread / satellite.js:         %6.1f x\n", r["scalar_1"] / r["satjs_1"]
       }
     }' "$log.rates"
