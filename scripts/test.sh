#!/usr/bin/env bash
# test.sh - the whole suite, as `make test` and CI run it.
#  1. Release build with gcc, every test (unit, oracle).
#  2. ASan+UBSan build with clang, unit tests and the libFuzzer targets.
# Prints ctest's summaries and a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
status=0
passed=0
failed=0

tally() { # parse ctest's "x% tests passed, N tests failed out of M"
  local log=$1 line
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of" "$log" | tail -1)
  if [ -n "$line" ]; then
    local f total
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + total - f))
    failed=$((failed + f))
  fi
}

echo "== release build (gcc) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null &&
  cmake --build build -j "$jobs" || exit 1
(cd build && ctest --output-on-failure -j "$jobs" --timeout 900) 2>&1 | tee build/ctest.log
[ "${PIPESTATUS[0]}" = 0 ] || status=1
tally build/ctest.log

echo "== sanitizer build (clang, ASan+UBSan, libFuzzer) =="
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DOW_SANITIZE=ON \
  -DOW_FUZZ=ON >/dev/null && cmake --build build-asan -j "$jobs" || exit 1
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$jobs" --timeout 900 -L "unit|fuzz") 2>&1 | tee build-asan/ctest.log
[ "${PIPESTATUS[0]}" = 0 ] || status=1
tally build-asan/ctest.log

echo "$passed passed, $failed failed"
exit $status
