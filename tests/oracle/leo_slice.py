"""leo_slice.py - the input both screening oracles share (not a test).

Every STRIDE-th object of the 2026-06 LEO payload catalog of ../shared/data,
written to a temporary TLE file for `orbwatch screen`, and the same element
sets as python3-sgp4 Satrec objects keyed by catalog number. Exits 77 (the
test is skipped) when python3-sgp4, the orbwatch path or the data is
missing.
"""
import os
import sys
import tempfile

try:
    from sgp4.api import Satrec, WGS72
except ImportError:
    sys.exit(77)

exe = os.environ.get("ORBWATCH")
data = os.environ.get("OW_SHARED_DATA")
if not exe or not data:
    sys.exit(77)
SRC = os.path.join(data, "catalog/leo-payloads_2026-06_spacetrack_3le.txt")
if not os.path.exists(SRC):
    sys.exit(77)


def leo_slice(stride):
    """(temporary directory, TLE file path in it, {satnum: Satrec})."""
    lines = open(SRC).read().splitlines()
    recs = [lines[i:i + 3] for i in range(0, len(lines) - 2, 3)
            if lines[i + 1].startswith("1 ") and lines[i + 2].startswith("2 ")]
    tmp = tempfile.TemporaryDirectory()
    path = os.path.join(tmp.name, "slice.txt")
    sats = {}
    with open(path, "w") as f:
        for r in recs[::stride]:
            f.write("\n".join(r) + "\n")
            s = Satrec.twoline2rv(r[1], r[2], WGS72)
            sats[s.satnum] = s
    return tmp, path, sats
