#!/usr/bin/env python3
"""check_exports.py - the export list of liborbwatch.so.

Usage: check_exports.py LIBRARY_SO INCLUDE_DIR VERSION
       check_exports.py --selftest

Fails (exit 1, one line per problem) when the shared library exports a
symbol that does not start with ow_, or an internal ow__ one; when a
function declared OW_API in INCLUDE_DIR/orbwatch/*.h is not exported; when
the soname is not liborbwatch.so.MAJOR or the file not liborbwatch.so.VERSION;
or when OW_VERSION (orbwatch/common.h) is not VERSION (the CMake project's).
"""
import glob
import os
import re
import subprocess
import sys

DECL_RE = re.compile(r"\bOW_API\b[^;(]*?\b(ow_\w+)\s*\(", re.S)


def declared(include_dir):
    names = set()
    for h in glob.glob(os.path.join(include_dir, "orbwatch", "*.h")):
        with open(h, encoding="utf-8") as f:
            s = f.read()
        s = re.sub(r"/\*.*?\*/", "", s, flags=re.S)
        s = re.sub(r"#\s*define\s+OW_API[^\n]*", "", s)
        names |= set(DECL_RE.findall(s))
    return names


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True,
                         text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        p = line.split()
        if len(p) >= 3:
            syms[p[2].split("@")[0]] = p[1]
    return syms


def problems_of(syms, decl):
    probs = []
    for s in sorted(syms):
        if not s.startswith("ow_"):
            probs.append(f"exported symbol {s} does not start with ow_")
        elif s.startswith("ow__"):
            probs.append(f"internal symbol {s} is exported")
    for d in sorted(decl):
        if d not in syms:
            probs.append(f"OW_API function {d} is not exported")
        elif syms[d] not in ("T", "W", "i"):
            probs.append(f"OW_API function {d} exported as type {syms[d]}, not code")
    return probs


def soname_problems(lib, include_dir, version):
    probs = []
    major = version.split(".")[0]
    real = os.path.realpath(lib)
    if os.path.basename(real) != f"liborbwatch.so.{version}":
        probs.append(f"library file {os.path.basename(real)}, expected liborbwatch.so.{version}")
    out = subprocess.run(["readelf", "-d", real], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    if not m or m.group(1) != f"liborbwatch.so.{major}":
        probs.append(f"soname {m.group(1) if m else 'missing'}, expected liborbwatch.so.{major}")
    with open(os.path.join(include_dir, "orbwatch", "common.h"), encoding="utf-8") as f:
        v = re.search(r'#define\s+OW_VERSION\s+"([^"]+)"', f.read())
    if not v or v.group(1) != version:
        probs.append(f"OW_VERSION {v.group(1) if v else 'missing'} in common.h, "
                     f"project VERSION {version}")
    return probs


def selftest():
    """The checks must catch each kind of problem."""
    good = {"ow_a": "T", "ow_b": "T"}
    cases = [
        ("clean", good, {"ow_a", "ow_b"}, 0),
        ("foreign symbol", dict(good, helper="T"), {"ow_a", "ow_b"}, 1),
        ("internal symbol", dict(good, ow__x="T"), {"ow_a", "ow_b"}, 1),
        ("declared, not exported", good, {"ow_a", "ow_b", "ow_c"}, 1),
    ]
    failed = 0
    for name, syms, decl, n in cases:
        got = problems_of(syms, decl)
        ok = len(got) == n
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}")
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--selftest":
        return selftest()
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    lib, include_dir, version = argv[1:]
    syms, decl = exported(lib), declared(include_dir)
    probs = problems_of(syms, decl) + soname_problems(lib, include_dir, version)
    for p in probs:
        print(p)
    print(f"exports: {len(syms)} exported, {len(decl)} declared OW_API, "
          f"{len(probs)} problem(s)")
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
