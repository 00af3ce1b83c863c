#!/bin/sh
# access_cli.sh - `orbwatch passes` and `orbwatch coverage` on the bundled
# scenario, registered with label unit so that the ASan/UBSan build runs the
# commands too (its runtime used to abort every run: NULL + 0 in access.c),
# and the scan-dwell minimum of sensor files (a 1 us dwell used to hang).
#   access_cli.sh ORBWATCH SOURCE_DIR
set -u
ow=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
pass=0
check() { # name, then a shell condition
  name=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}
cat="$src/data/synthetic/catalog.csv"
net="$src/data/scenario/network.cfg"
"$ow" passes "$cat" --sensors "$net" --ids 70001-70010 --hours 6 \
  >"$tmp/passes.csv" 2>"$tmp/passes.err"
check "passes exits 0" [ $? -eq 0 ]
check "passes writes windows" [ "$(wc -l <"$tmp/passes.csv")" -gt 1 ]
"$ow" coverage "$cat" --sensors "$net" --ids 70001-70400 --hours 6 \
  >"$tmp/cov.txt" 2>"$tmp/cov.err"
check "coverage exits 0" [ $? -eq 0 ]
check "coverage prints the network row" grep -q NETWORK "$tmp/cov.txt"
# A scan dwell below OW_SCAN_DWELL_MIN_S (1 s) is refused with its line.
sed 's/^scan = 0:-8:30,/scan = 0:-8:0.000001,/' "$net" >"$tmp/bad.cfg"
timeout 60 "$ow" passes "$cat" --sensors "$tmp/bad.cfg" --ids 70001 --hours 1 \
  >/dev/null 2>"$tmp/bad.err"
rc=$?
check "tiny dwell refused with exit 3 (got $rc)" [ $rc -eq 3 ]
check "tiny dwell names file, line and minimum" \
  grep -q "bad.cfg:26:.*below the minimum 1 s" "$tmp/bad.err"
[ $fail -eq 0 ] || { cat "$tmp"/*.err; }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
