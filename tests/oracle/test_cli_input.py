#!/usr/bin/env python3
"""The CLI on inputs that are not what they should be (issue 9, item 7).

Each case failed before the base-layer file reader, the capped diagnostics
and the err fixes:
  - a directory as CATALOG: one line "is a directory", exit 3 (was "out of
    memory", exit 4); as --sensors and as --eop: the same, no garbage;
  - a missing file: one line (was a second, wrong "input/output error");
  - a binary file as CATALOG: at most 20 problems printed, then
    "... and N more problems in FILE", N + 20 = the rejected count;
  - a host TLE with a bad checksum, an empty --eop file, a bad --at date:
    only printable text, no file:line made of uninitialised memory;
  - a sensor file with a key given twice, or a hexadecimal number: refused
    with the line (both were accepted).
No oracle is needed: the expected texts and counts are constructed here.
"""
import os, re, subprocess, sys, tempfile

from checks import check, finish

ORBWATCH = os.environ["ORBWATCH"]


def run(*args):
    p = subprocess.run([ORBWATCH, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def printable(b):
    return all(c == 10 or 32 <= c < 127 for c in b)


ISS = ["ISS (ZARYA)",
       "1 25544U 98067A   23282.71486326  .00020100  00000-0  35938-3 0  9998",
       "2 25544  51.6410 121.2575 0005123  92.3190 358.8196 15.49983917419557"]

tmp = tempfile.mkdtemp()
one = os.path.join(tmp, "one.tle")
open(one, "w").write("\n".join(ISS) + "\n")

# A directory as catalog, as --sensors, as --eop.
rc, out, err = run("propagate", tmp, "--tsince", "0")
check(rc == 3, f"directory catalog exit {rc}")
check(err.decode().strip() == f"orbwatch: {tmp}: is a directory",
      f"directory catalog message: {err!r}")
rc, out, err = run("passes", one, "--sensors", tmp)
check(rc == 3 and printable(err) and b"is a directory" in err,
      f"directory --sensors: {rc} {err!r}")
rc, out, err = run("propagate", one, "--eop", tmp, "--tsince", "0")
check(rc != 0 and printable(err) and b"is a directory" in err,
      f"directory --eop: {rc} {err!r}")

# A missing file: one line.
missing = os.path.join(tmp, "missing.tle")
rc, out, err = run("propagate", missing, "--tsince", "0")
lines = err.decode().splitlines()
check(rc == 3 and len(lines) == 1 and "No such file" in lines[0],
      f"missing file: {rc} {lines}")
check(b"input/output error" not in err, "no second I/O error line")

# A binary file: capped diagnostics with the count of the rest.
binf = os.path.join(tmp, "binary.dat")
import random

random.seed(9)
open(binf, "wb").write(bytes(random.getrandbits(8) for _ in range(400000)))
rc, out, err = run("propagate", binf, "--tsince", "0")
lines = err.decode().splitlines()
check(rc == 3, f"binary exit {rc}")
check(len(lines) == 22, f"binary: {len(lines)} lines of stderr")
m = re.search(r"\.\.\. and ([0-9,]+) more problems in " + re.escape(binf), err.decode())
r = re.search(r"rejected (\d+)", err.decode())
check(m is not None and r is not None, "count of the rest and the summary")
if m and r:
    check(int(m.group(1).replace(",", "")) + 20 == int(r.group(1)),
          f"{m.group(1)} more + 20 printed = {r.group(1)} rejected")
check(all(re.match(r"orbwatch: " + re.escape(binf) + r":\d+: ", l) for l in lines[:20]),
      "each printed problem names file:line")

# Uninitialised memory as file and line: host TLE checksum, empty --eop, --at.
host = os.path.join(tmp, "host.cfg")
bad1 = ISS[1][:68] + "0"
open(host, "w").write("[sensor]\ntype = hosted\nname = H\nhost_tle1 = %s\n"
                      "host_tle2 = %s\nfov = cone\nfov_half_deg = 5\n" % (bad1, ISS[2]))
rc, out, err = run("passes", one, "--sensors", host)
check(rc == 3 and printable(err) and b"checksum" in err
      and err.startswith(b"orbwatch passes: line 1 column 69: "),
      f"host TLE checksum: {rc} {err!r}")
empty = os.path.join(tmp, "empty.eop")
open(empty, "w").close()
rc, out, err = run("propagate", one, "--eop", empty, "--tsince", "0")
check(rc != 0 and printable(err) and
      err.decode().startswith(f"orbwatch propagate: {empty}: no Earth-orientation"),
      f"empty --eop: {rc} {err!r}")
rc, out, err = run("propagate", one, "--at", "2023-13-01")
check(rc == 2 and printable(err) and b"month 13" in err, f"--at: {rc} {err!r}")

# Sensor files: duplicate keys and hexadecimal numbers.
dup = os.path.join(tmp, "dup.cfg")
open(dup, "w").write("[sensor]\ntype = radar\nname = R\nlat_deg = 10\n"
                     "lon_deg = 20\nlat_deg = 30\nmin_el_deg = 5\n")
rc, out, err = run("passes", one, "--sensors", dup)
check(rc == 3 and f"{dup}:6: lat_deg: ".encode() in err and b"twice" in err,
      f"duplicate key: {rc} {err!r}")
hexf = os.path.join(tmp, "hex.cfg")
open(hexf, "w").write("[sensor]\ntype = radar\nname = R\nlat_deg = 0x10\n"
                      "lon_deg = 20\n")
rc, out, err = run("passes", one, "--sensors", hexf)
check(rc == 3 and f"{hexf}:4: lat_deg: ".encode() in err and b"0x10" in err,
      f"hexadecimal: {rc} {err!r}")

for f in os.listdir(tmp):
    os.unlink(os.path.join(tmp, f))
os.rmdir(tmp)
finish()
