#!/usr/bin/env python3
"""orbwatch --version, orbwatch help COMMAND, and --help on every subcommand.

--version must print OW_VERSION (read from include/orbwatch/common.h, not
from the CLI) and the batch ISAs; "help COMMAND" must print exactly what
"COMMAND --help" prints, exit 0; an unknown "help X" exits 2 (usage).
"""
import os, re, subprocess, sys

from checks import check, finish

ORBWATCH = os.environ["ORBWATCH"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*a):
    p = subprocess.run([ORBWATCH, *a], capture_output=True, timeout=30)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


ver = re.search(r'#define OW_VERSION "([^"]+)"',
                open(os.path.join(ROOT, "include/orbwatch/common.h")).read()).group(1)
rc, out, _ = run("--version")
check(rc == 0, "--version exit %d" % rc)
check(out.splitlines()[0] == "orbwatch " + ver, "--version first line %r" % out)
m = re.search(r"^batch ISAs:((?: \w+)+)$", out, re.M)
check(m is not None and "sse2" in m.group(1).split(), "--version ISA line %r" % out)

rc, out, _ = run("help")
check(rc == 0, "help exit")
cmds = [l.split()[0] for l in out.splitlines() if l.startswith("  ")]
cmds = [c for c in cmds if c != "help"]
check(len(cmds) >= 8, "command list %r" % cmds)
for c in cmds:
    rc1, o1, e1 = run(c, "--help")
    rc2, o2, e2 = run("help", c)
    check(rc1 == 0, "%s --help exit %d" % (c, rc1))
    check(len(o1) > 0, "%s --help prints to stdout" % c)
    check(rc2 == rc1 and o2 == o1, "help %s differs from %s --help" % (c, c))
rc, _, err = run("help", "nosuchcommand")
check(rc == 2 and "unknown command" in err, "help nosuchcommand: %d %r" % (rc, err))

finish()
