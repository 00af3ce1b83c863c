#!/usr/bin/env python3
"""check_layers.py - the layering rule of liborbwatch (docs/architecture.md).

Usage:
  check_layers.py ROOT [--layers 'base;astro;...'] [--objects LAYER=a.o:b.o]...
  check_layers.py ROOT --print        the whole map, public and private headers
  check_layers.py ROOT --selftest     must fail on deliberate violations

ROOT is the source tree (it holds src/lib/layers.txt, src/lib/<layer>/,
include/orbwatch/ and src/cli/). The check fails (exit 1, one line per
problem, file:line first) when
  - a file in src/lib/<layer>/ or a public header of <layer> includes a
    public header of a layer above it, or a private header of a folder
    above it, or a third-party header that is not on its layer's line;
  - a public header includes a private header;
  - a public header or a folder of src/lib/ is missing from layers.txt, a
    library file lies directly in src/lib/, or an include names a header
    that exists nowhere (so that nothing escapes the map);
  - a private header name exists in two folders (the include would depend
    on the search order);
  - a file of src/cli/ includes a private header of the library (the CLI
    links the library as outside users do: public headers only);
  - with --layers: the layer list of CMakeLists.txt differs from the table;
  - with --objects: an object file of a layer refers to a symbol defined in
    an object file of a layer above it (nm), which catches a declaration
    written by hand instead of included.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_table(root):
    """layers.txt -> (ordered layer names, public header -> layer,
    layer -> third-party patterns)."""
    path = os.path.join(root, "src/lib/layers.txt")
    order, public, third = [], {}, {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cols = [c.strip() for c in line.split("|")]
            if len(cols) != 3 or not cols[0]:
                raise SystemExit(f"{path}:{n}: expected 'layer | headers | third-party'")
            layer = cols[0]
            if layer in order:
                raise SystemExit(f"{path}:{n}: layer {layer} listed twice")
            order.append(layer)
            for h in cols[1].split():
                if h in public:
                    raise SystemExit(f"{path}:{n}: {h} already in layer {public[h]}")
                public[h] = layer
            third[layer] = cols[2].split()
    return order, public, third


def includes(path):
    """(line number, '<' or '"', name) of every #include of a file."""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        in_comment = False
        for n, line in enumerate(f, 1):
            # Skip block comments that start a line (file headers).
            s = line.strip()
            if in_comment:
                if "*/" in s:
                    in_comment = False
                continue
            if s.startswith("/*") and "*/" not in s:
                in_comment = True
                continue
            m = INCLUDE_RE.match(line)
            if m:
                out.append((n, m.group(1), m.group(2)))
    return out


def third_party_owner(name, third):
    """Layers whose third-party patterns match a <...> header, or None when
    no layer lists it (then it is a system header)."""
    owners = []
    for layer, pats in third.items():
        for p in pats:
            if (p.endswith("/*") and name.startswith(p[:-1])) or name == p:
                owners.append(layer)
    return owners or None


def check(root, cmake_layers=None, objects=None):
    problems = []
    order, public, third = read_table(root)
    rank = {l: i for i, l in enumerate(order)}
    lib = os.path.join(root, "src/lib")
    inc = os.path.join(root, "include/orbwatch")

    def rel(p):
        return os.path.relpath(p, root)

    # Folders and private headers.
    private = {}  # header name -> layer
    folders = []
    for e in sorted(os.listdir(lib)):
        p = os.path.join(lib, e)
        if os.path.isdir(p):
            if e not in rank or e == "api":
                problems.append(f"src/lib/{e}/: folder is not a layer of src/lib/layers.txt")
                continue
            folders.append(e)
            for f in sorted(os.listdir(p)):
                if f.endswith(".h"):
                    if f in private:
                        problems.append(f"src/lib/{e}/{f}: private header name also in "
                                        f"src/lib/{private[f]}/")
                    private[f] = e
        elif e.endswith((".c", ".h")):
            problems.append(f"src/lib/{e}: library file outside a layer folder")

    # Public headers present and listed.
    present = sorted(f for f in os.listdir(inc) if f.endswith(".h"))
    for f in present:
        if f not in public:
            problems.append(f"include/orbwatch/{f}: public header missing from src/lib/layers.txt")
    for h in public:
        if h not in present:
            problems.append(f"src/lib/layers.txt: {h} listed but include/orbwatch/{h} does not exist")

    def check_file(path, layer, is_public):
        for n, kind, name in includes(path):
            where = f"{rel(path)}:{n}: #include {kind}{name}{'>' if kind == '<' else kind}"
            if kind == "<":
                owners = third_party_owner(name, third)
                if owners and layer not in owners:
                    problems.append(f"{where}: third-party header of layer "
                                    f"{'/'.join(owners)}, not of {layer}")
                continue
            if name.startswith("orbwatch/"):
                h = name[len("orbwatch/"):]
                hl = public.get(h)
                if hl is None:
                    if h in present:
                        continue  # reported above (unlisted header)
                    problems.append(f"{where}: no such public header")
                elif rank[hl] > rank[layer]:
                    problems.append(f"{where}: header of layer {hl}, above {layer}")
                continue
            if is_public:
                problems.append(f"{where}: a public header includes a private header")
                continue
            own = os.path.join(os.path.dirname(path), name)
            if os.path.exists(own):
                continue
            hl = private.get(name)
            if hl is None:
                problems.append(f"{where}: header found in no layer folder")
            elif rank[hl] > rank[layer]:
                problems.append(f"{where}: private header of layer {hl}, above {layer}")

    for h in present:
        if h in public:
            check_file(os.path.join(inc, h), public[h], True)
    for layer in folders:
        d = os.path.join(lib, layer)
        for f in sorted(os.listdir(d)):
            if f.endswith((".c", ".h")):
                check_file(os.path.join(d, f), layer, False)

    # The CLI: public headers and its own files only.
    cli = os.path.join(root, "src/cli")
    if os.path.isdir(cli):
        for f in sorted(os.listdir(cli)):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(cli, f)
            for n, kind, name in includes(path):
                if kind == "<" or name.startswith("orbwatch/"):
                    continue
                if not os.path.exists(os.path.join(cli, name)):
                    problems.append(f"{rel(path)}:{n}: #include \"{name}\": the CLI "
                                    "uses public headers only")

    if cmake_layers is not None:
        lib_layers = [l for l in order if l != "api"]
        if cmake_layers != lib_layers:
            problems.append(f"CMakeLists.txt: OW_LAYERS {cmake_layers} differs from "
                            f"src/lib/layers.txt {lib_layers}")

    if objects:
        problems += check_symbols(objects, rank)
    return problems


def nm(obj):
    out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        p = line.split()
        if len(p) < 2:
            continue
        if p[1] == "U":
            undefined.add(p[0])
        elif p[1].isupper() or p[1] in "vw":
            defined.add(p[0])
    return defined, undefined


def check_symbols(objects, rank):
    problems, where = [], {}
    undef = []
    for layer, objs in objects:
        if layer not in rank:
            problems.append(f"--objects: unknown layer {layer}")
            continue
        for o in objs:
            d, u = nm(o)
            for s in d:
                where[s] = (layer, o)
            undef.append((layer, o, u))
    for layer, o, u in undef:
        for s in sorted(u):
            if s in where and rank[where[s][0]] > rank[layer]:
                problems.append(f"{os.path.basename(o)} (layer {layer}) uses {s}, "
                                f"defined in {os.path.basename(where[s][1])} "
                                f"(layer {where[s][0]})")
    return problems


def print_map(root):
    order, public, third = read_table(root)
    lib = os.path.join(root, "src/lib")
    for layer in order:
        pub = [h for h, l in public.items() if l == layer]
        d = os.path.join(lib, layer)
        priv = sorted(f for f in os.listdir(d) if f.endswith(".h")) if os.path.isdir(d) else []
        print(f"{layer:8} public: {' '.join('orbwatch/' + h for h in pub)}")
        if priv:
            print(f"{'':8} private: {' '.join(priv)}")
        if third[layer]:
            print(f"{'':8} third-party: {' '.join(third[layer])}")


# ---- self-test ------------------------------------------------------------

def copy_tree(root, dst):
    for d in ("src/lib", "src/cli", "include/orbwatch"):
        shutil.copytree(os.path.join(root, d), os.path.join(dst, d))


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def first_c(root, layer):
    d = os.path.join(root, "src/lib", layer)
    return os.path.join(d, sorted(f for f in os.listdir(d) if f.endswith(".c"))[0])


def first_private(root, layer):
    d = os.path.join(root, "src/lib", layer)
    hs = sorted(f for f in os.listdir(d) if f.endswith(".h"))
    return hs[0] if hs else None


def selftest(root):
    """Each case: a copy of the tree (or the small fixture) with one
    deliberate violation; the check must report it. The unchanged copy must
    pass, so that a failure is the violation's."""
    here = os.path.dirname(os.path.abspath(__file__))
    order, public, _ = read_table(root)
    top_pub = next(h for h, l in public.items() if l == "sim")
    conj_priv = first_private(root, "conj")
    cases = [
        ("unchanged tree", None, False),
        ("base file includes a sim public header",
         lambda t: append(first_c(t, "base"), f'\n#include "orbwatch/{top_pub}"\n'), True),
        ("astro file includes the umbrella header",
         lambda t: append(first_c(t, "astro"), '\n#include "orbwatch/orbwatch.h"\n'), True),
        ("prop file includes a conj private header",
         lambda t: append(first_c(t, "prop"), f'\n#include "{conj_priv}"\n'), True),
        ("formats public header includes a conj public header",
         lambda t: append(os.path.join(t, "include/orbwatch/cdm.h"),
                          '\n#include "orbwatch/pc.h"\n'), True),
        ("public header includes a private header",
         lambda t: append(os.path.join(t, "include/orbwatch/elset.h"),
                          '\n#include "internal.h"\n'), True),
        ("sensor file includes ERFA",
         lambda t: append(first_c(t, "sensor"), '\n#include <erfa.h>\n'), True),
        ("unlisted public header",
         lambda t: open(os.path.join(t, "include/orbwatch/new.h"), "w").close(), True),
        ("library file directly in src/lib",
         lambda t: open(os.path.join(t, "src/lib/flat.c"), "w").close(), True),
        ("folder that is not a layer",
         lambda t: os.mkdir(os.path.join(t, "src/lib/od")), True),
        ("CLI includes a private header",
         lambda t: append(os.path.join(t, "src/cli", sorted(
             f for f in os.listdir(os.path.join(t, "src/cli")) if f.endswith(".c"))[0]),
             '\n#include "internal.h"\n'), True),
    ]
    failed = 0
    for name, mutate, expect_fail in cases:
        with tempfile.TemporaryDirectory() as t:
            copy_tree(root, t)
            if mutate:
                mutate(t)
            problems = check(t)
        ok = bool(problems) == expect_fail
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: "
              f"{'; '.join(problems) if problems else 'no problem reported'}")
    # The small committed fixture: a two-layer tree whose base file includes
    # the astro header.
    fixture = os.path.join(here, "fixture")
    problems = check(fixture)
    ok = len(problems) == 1 and "above base" in problems[0]
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} fixture tree: "
          f"{problems if problems else 'no problem reported'}")
    # The symbol check: a base object that calls a function of astro.
    with tempfile.TemporaryDirectory() as t:
        lo, hi = os.path.join(t, "lo.o"), os.path.join(t, "hi.o")
        for src, obj in (("int up(void); int lo(void) { return up(); }", lo),
                         ("int up(void) { return 1; }", hi)):
            c = os.path.join(t, "x.c")
            with open(c, "w") as f:
                f.write(src + "\n")
            subprocess.run([os.environ.get("CC", "cc"), "-c", c, "-o", obj], check=True)
        problems = check_symbols([("base", [lo]), ("astro", [hi])],
                                 {"base": 0, "astro": 1})
        ok = len(problems) == 1 and "uses up" in problems[0]
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} object of base uses a symbol of astro: "
              f"{problems if problems else 'no problem reported'}")
    print(f"{len(cases) + 2 - failed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    cmake_layers, objects = None, []
    i = 2
    while i < len(argv):
        a = argv[i]
        if a == "--print":
            print_map(root)
            return 0
        if a == "--selftest":
            return selftest(root)
        if a == "--layers":
            cmake_layers = [x for x in re.split(r"[;,]", argv[i + 1]) if x]
            i += 2
            continue
        if a == "--objects":
            layer, _, objs = argv[i + 1].partition("=")
            objects.append((layer, [o for o in re.split(r"[:;]", objs) if o]))
            i += 2
            continue
        print(f"unknown argument {a}", file=sys.stderr)
        return 2
    problems = check(root, cmake_layers, objects)
    for p in problems:
        print(p)
    print(f"layering: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
