"""OMM writers against Debian's python3-sgp4 OMM reader (sgp4.omm).

orbwatch converts the 2023-10 catalog (26,140 TLEs) to OMM CSV and XML
(tool elset_convert); python-sgp4 parses those files and initialises a
Satrec from each record, which must equal Satrec.twoline2rv of the
original TLE lines field by field (1e-13 relative; epochs to 1e-9 day,
python-sgp4 goes through a datetime and a float day count). The samples
converted to TLE must also equal python-sgp4's exporter output.
Exit 77 (skip) without python3-sgp4.
"""
import math, os, subprocess, sys, tempfile

try:
    from sgp4 import omm, exporter
    from sgp4.api import Satrec
except ImportError:
    print("python3-sgp4 not installed: skipped")
    sys.exit(77)

DATA = os.environ.get("OW_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
TOOL = os.environ["OW_TOOL_ELSET_CONVERT"]
failures = 0
checked = 0


def fail(msg):
    global failures
    failures += 1
    if failures < 20:
        print("FAIL", msg)


def near(a, b, tol, what, absolute=False):
    """|a - b| within tol, relative unless absolute."""
    global checked
    checked += 1
    if abs(a - b) > (tol if absolute else tol * max(abs(a), abs(b))):
        fail(f"{what}: {a!r} vs {b!r}")


def convert(path, fmt):
    p = subprocess.run([TOOL, path, fmt], capture_output=True)
    if p.returncode != 0:
        fail(f"convert {path} to {fmt}: {p.stderr.decode()[:300]}")
    return p.stdout


cat = os.path.join(DATA, "catalog/full_2023-10_spacetrack_3le.txt")
lines = [l.rstrip("\r\n") for l in open(cat, encoding="utf-8-sig")]
pairs = [(lines[i], lines[i + 1]) for i in range(len(lines) - 1)
         if lines[i].startswith("1 ") and lines[i + 1].startswith("2 ")]

with tempfile.TemporaryDirectory() as tmp:
    for fmt, parse in (("omm-csv", omm.parse_csv), ("omm-xml", omm.parse_xml)):
        out = os.path.join(tmp, "cat." + fmt)
        with open(out, "wb") as f:
            f.write(convert(cat, fmt))
        with open(out) as f:
            recs = list(parse(f if fmt == "omm-csv" else out))
        if len(recs) != len(pairs):
            fail(f"{fmt}: {len(recs)} records, {len(pairs)} TLEs")
            continue
        for fields, (l1, l2) in zip(recs, pairs):
            # ElementTree gives None for an empty element (blank designator).
            fields = {k: ("" if v is None else v) for k, v in fields.items()}
            a = Satrec()
            omm.initialize(a, fields)
            b = Satrec.twoline2rv(l1, l2)
            key = f"{fmt} {l1[2:7]}"
            checked_epoch = (a.jdsatepoch - b.jdsatepoch) + (a.jdsatepochF - b.jdsatepochF)
            near(checked_epoch, 0.0, 1e-9, key + " epoch (day)", absolute=True)
            # omm.initialize passes MEAN_MOTION_DDOT on unconverted (rev/day^3).
            near(a.nddot, b.nddot * 1440.0**3 / (2 * math.pi), 1e-13, key + " nddot")
            for attr in ("ndot", "bstar", "inclo", "nodeo", "ecco",
                         "argpo", "mo", "no_kozai"):
                near(getattr(a, attr), getattr(b, attr), 1e-13, f"{key} {attr}")
            if a.satnum != b.satnum or a.revnum != b.revnum or a.elnum != b.elnum:
                fail(f"{key}: satnum/revnum/elnum {a.satnum} {a.revnum} {a.elnum} vs {b.satnum} {b.revnum} {b.elnum}")

    # OMM samples -> TLE: the same lines as python-sgp4's exporter.
    for name, parse in (("sample_omm.csv", omm.parse_csv), ("sample_omm.xml", omm.parse_xml)):
        path = os.path.join(DATA, "sgp4-ver", name)
        fields = next(parse(open(path)) if name.endswith("csv") else parse(path))
        s = Satrec()
        omm.initialize(s, fields)
        want = exporter.export_tle(s)
        got = convert(path, "tle").decode().splitlines()
        checked += 1
        if got[1:3] != list(want):
            fail(f"{name}: {got[1:3]} vs {want}")

print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures or checked == 0 else 0)
