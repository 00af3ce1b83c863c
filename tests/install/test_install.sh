#!/bin/sh
# test_install.sh - the installed library as an outside user sees it
# (docs/library.md). Installs the build into a temporary prefix (what
# `make install PREFIX=...` runs after building), then
#   - checks that docs/library.md lists the example as it is;
#   - checks the installed files (libraries with their soname links,
#     public headers only, orbwatch.pc, the CMake package, the CLI);
#   - builds docs/examples/example.c with `pkg-config --cflags --libs
#     orbwatch` alone, runs it on the bundled catalog and compares the state
#     it prints with the installed `orbwatch propagate` (same digits) and its
#     conjunctions with `orbwatch screen`;
#   - links the example statically (pkg-config --static) and through the
#     CMake package (orbwatch::orbwatch, orbwatch::orbwatch_static): same
#     output.
# usage: test_install.sh BUILD_DIR SOURCE_DIR VERSION
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) version=$3
cc=${CC:-cc}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
p=$tmp/prefix
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if ! cmake --install "$build" --prefix "$p" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  bad "cmake --install"
  finish
fi
ok "cmake --install --prefix $p"

major=${version%%.*}
for f in lib/liborbwatch.so.$version lib/liborbwatch.a \
         lib/pkgconfig/orbwatch.pc lib/cmake/orbwatch/orbwatchConfig.cmake \
         lib/cmake/orbwatch/orbwatchConfigVersion.cmake \
         lib/cmake/orbwatch/orbwatchTargets.cmake include/orbwatch/orbwatch.h \
         bin/orbwatch; do
  [ -f "$p/$f" ] && ok "installed $f" || bad "missing $f"
done
[ "$(readlink "$p/lib/liborbwatch.so.$major")" = "liborbwatch.so.$version" ] &&
  [ "$(readlink "$p/lib/liborbwatch.so")" = "liborbwatch.so.$major" ] &&
  ok "links liborbwatch.so -> .so.$major -> .so.$version" ||
  bad "soname links: $(ls -l "$p"/lib/liborbwatch.so* 2>&1)"
# Exactly the public headers, nothing private.
(cd "$src/include/orbwatch" && ls *.h) >"$tmp/want.txt"
(cd "$p/include/orbwatch" && ls) >"$tmp/got.txt"
cmp -s "$tmp/want.txt" "$tmp/got.txt" && ok "headers: the public ones only" ||
  bad "installed headers differ: $(diff "$tmp/want.txt" "$tmp/got.txt" | tr '\n' ' ')"

# docs/library.md shows the example: the listing must be the file.
sed -n '/^<!-- example.c begin -->$/,/^<!-- example.c end -->$/p' "$src/docs/library.md" |
  sed '1,2d;$d' | sed '$d' >"$tmp/listing.c"
cmp -s "$tmp/listing.c" "$src/docs/examples/example.c" &&
  ok "docs/library.md lists docs/examples/example.c as it is" ||
  bad "docs/library.md's listing differs from docs/examples/example.c"

export PKG_CONFIG_PATH="$p/lib/pkgconfig"
[ "$(pkg-config --modversion orbwatch)" = "$version" ] &&
  ok "pkg-config --modversion orbwatch = $version" ||
  bad "pkg-config --modversion: $(pkg-config --modversion orbwatch 2>&1)"

# A small catalog: the bundled synthetic one; the primary and the time are
# ones with conjunctions in the next day.
cat=$src/data/synthetic/catalog.csv
id=100001
at=2026-10-31T00:00:00Z
"$p/bin/orbwatch" propagate "$cat" --ids $id --at $at >"$tmp/cli_state.txt" 2>"$tmp/cli.err" &&
  ok "installed orbwatch propagate runs (RUNPATH finds the library)" ||
  bad "installed orbwatch propagate: $(cat "$tmp/cli.err")"
"$p/bin/orbwatch" screen "$cat" --primaries $id --start $at --days 1 --pc none \
  2>"$tmp/cli.err" | cut -d, -f1,2,5,6,7 >"$tmp/cli_events.txt"
[ "$(wc -l <"$tmp/cli_events.txt")" -gt 1 ] && ok "orbwatch screen finds events" ||
  bad "orbwatch screen found no events: $(cat "$tmp/cli.err")"

# Compare an example's output with the CLI's: the state line (header and
# values, every digit) and the conjunction lines.
compare() { # label, output file
  sed -n '1,2p' "$2" >"$tmp/ex_state.txt"
  sed -n '/^norad_1,/,$p' "$2" >"$tmp/ex_events.txt"
  if cmp -s "$tmp/ex_state.txt" "$tmp/cli_state.txt"; then
    ok "$1: state = orbwatch propagate: $(sed -n 2p "$tmp/ex_state.txt")"
  else
    bad "$1: state differs: $(diff "$tmp/cli_state.txt" "$tmp/ex_state.txt" | tr '\n' ' ')"
  fi
  if cmp -s "$tmp/ex_events.txt" "$tmp/cli_events.txt"; then
    ok "$1: $(($(wc -l <"$tmp/ex_events.txt") - 1)) conjunctions = orbwatch screen"
  else
    bad "$1: conjunctions differ: $(diff "$tmp/cli_events.txt" "$tmp/ex_events.txt" | tr '\n' ' ')"
  fi
}

# 1. Shared, with pkg-config alone.
if $cc -std=c11 -Wall -Wextra -Werror "$src/docs/examples/example.c" \
     $(pkg-config --cflags --libs orbwatch) -o "$tmp/ex_shared" 2>"$tmp/cc.err"; then
  ok "cc example.c \$(pkg-config --cflags --libs orbwatch)"
  if LD_LIBRARY_PATH="$p/lib" ldd "$tmp/ex_shared" | grep -q "liborbwatch.so.$major => $p/lib/"; then
    ok "example links $p/lib/liborbwatch.so.$major"
  else
    bad "example does not link the installed shared library"
  fi
  LD_LIBRARY_PATH="$p/lib" "$tmp/ex_shared" "$cat" $id $at 1 >"$tmp/ex.txt" 2>"$tmp/ex.err" ||
    bad "example (shared) exit $?: $(cat "$tmp/ex.err")"
  compare "example (shared)" "$tmp/ex.txt"
else
  bad "cc example.c (shared): $(cat "$tmp/cc.err")"
fi

# 2. Static: liborbwatch.a and the dependencies pkg-config --static lists.
libs=$(pkg-config --static --libs orbwatch | sed 's/-lorbwatch\b/-l:liborbwatch.a/')
if $cc -std=c11 -Wall -Wextra -Werror "$src/docs/examples/example.c" \
     $(pkg-config --cflags orbwatch) $libs -o "$tmp/ex_static" 2>"$tmp/cc.err"; then
  ok "cc example.c with pkg-config --static --libs orbwatch"
  ldd "$tmp/ex_static" | grep -q liborbwatch && bad "static example still needs liborbwatch.so" ||
    ok "static example needs no liborbwatch.so"
  "$tmp/ex_static" "$cat" $id $at 1 >"$tmp/ex.txt" 2>"$tmp/ex.err" ||
    bad "example (static) exit $?: $(cat "$tmp/ex.err")"
  compare "example (static)" "$tmp/ex.txt"
else
  bad "cc example.c (static): $(cat "$tmp/cc.err")"
fi

# 3. The CMake package.
mkdir -p "$tmp/cm"
cat >"$tmp/cm/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.18)
project(example C)
find_package(orbwatch $version REQUIRED)
add_executable(ex_cmake "$src/docs/examples/example.c")
target_link_libraries(ex_cmake PRIVATE orbwatch::orbwatch)
add_executable(ex_cmake_static "$src/docs/examples/example.c")
target_link_libraries(ex_cmake_static PRIVATE orbwatch::orbwatch_static)
CMAKE
if cmake -S "$tmp/cm" -B "$tmp/cm/b" -DCMAKE_PREFIX_PATH="$p" >"$tmp/cm.log" 2>&1 &&
   cmake --build "$tmp/cm/b" >>"$tmp/cm.log" 2>&1; then
  ok "find_package(orbwatch $version) and build"
  for t in ex_cmake ex_cmake_static; do
    "$tmp/cm/b/$t" "$cat" $id $at 1 >"$tmp/ex.txt" 2>"$tmp/ex.err" ||
      bad "$t exit $?: $(cat "$tmp/ex.err")"
    compare "$t" "$tmp/ex.txt"
  done
else
  bad "CMake package: $(tail -20 "$tmp/cm.log")"
fi
finish
