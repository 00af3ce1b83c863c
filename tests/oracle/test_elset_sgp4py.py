"""TLE reader against Debian's python3-sgp4 (an independent parser).

Every record of the 2023-10 catalog (26,140) and of the verification set
is read by orbwatch (tool elset_dump) and by sgp4.api.Satrec.twoline2rv;
the fields must agree: epoch JD parts exactly, the other fields to 1e-13
relative (python-sgp4 scales B* and the derivatives with a multiplication,
which can differ from the correctly rounded value by an ulp or two).
Exit 77 (skip) when python3-sgp4 is missing.
"""
import csv, io, math, os, subprocess, sys

try:
    from sgp4.api import Satrec
except ImportError:
    print("python3-sgp4 not installed: skipped")
    sys.exit(77)

DATA = os.environ.get("OW_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
TOOL = os.environ["OW_TOOL_ELSET_DUMP"]
MIN_PER_DAY = 1440.0
TWOPI = 2 * math.pi
REL = 1e-13

failures = 0
checked = 0


def near(a, b, what, key):
    global failures, checked
    checked += 1
    if a == b:
        return
    if abs(a - b) <= REL * max(abs(a), abs(b)):
        return
    failures += 1
    if failures < 20:
        print(f"FAIL {key} {what}: orbwatch {a!r} sgp4 {b!r}")


def records(path):
    """(line1, line2) pairs as python reads them."""
    lines = [l.rstrip("\r\n") for l in open(path, encoding="utf-8-sig")]
    out = []
    for i, l in enumerate(lines):
        if l.startswith("1 ") and i + 1 < len(lines) and lines[i + 1].startswith("2 "):
            out.append((l[:69], lines[i + 1][:69]))
    return out


def check(path, ignore):
    args = [TOOL, path, "tle"] + (["ignore-checksum"] if ignore else [])
    p = subprocess.run(args, capture_output=True, text=True)
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    recs = records(path)
    if len(rows) != len(recs):
        global failures
        failures += 1
        print(f"FAIL {path}: {len(rows)} records from orbwatch, {len(recs)} pairs")
        return
    for row, (l1, l2) in zip(rows, recs):
        s = Satrec.twoline2rv(l1, l2)
        key = f"{os.path.basename(path)}:{row['norad']}"
        near(int(row["norad"]), s.satnum, "norad", key)
        near(float(row["epoch_day"]), s.jdsatepoch, "epoch day", key)
        near(float(row["epoch_frac"]), s.jdsatepochF, "epoch frac", key)
        near(float(row["epoch_doy"]), s.epochdays, "epoch doy", key)
        near(int(row["epoch_year"]) % 100, s.epochyr, "epoch year", key)
        # Satrec keeps the model units: rad/min^2, rad/min^3, rad, rad/min.
        near(float(row["ndot"]) * TWOPI / MIN_PER_DAY**2, s.ndot, "ndot", key)
        near(float(row["nddot"]) * TWOPI / MIN_PER_DAY**3, s.nddot, "nddot", key)
        near(float(row["bstar"]), s.bstar, "bstar", key)
        near(math.radians(float(row["incl"])), s.inclo, "incl", key)
        near(math.radians(float(row["raan"])), s.nodeo, "raan", key)
        near(float(row["ecc"]), s.ecco, "ecc", key)
        near(math.radians(float(row["argp"])), s.argpo, "argp", key)
        near(math.radians(float(row["ma"])), s.mo, "ma", key)
        near(float(row["n"]) * TWOPI / MIN_PER_DAY, s.no_kozai, "n", key)
        near(int(row["rev"]), s.revnum, "rev", key)
        near(int(row["elnum"]), s.elnum, "elnum", key)
        if row["classification"] != s.classification or row["object_id"] != s.intldesg.strip():
            failures += 1
            print(f"FAIL {key}: class/intl {row['classification']} {row['object_id']!r} vs {s.classification} {s.intldesg!r}")


check(os.path.join(DATA, "catalog/full_2023-10_spacetrack_3le.txt"), False)
check(os.path.join(DATA, "catalog/full_2022-08_satellitejs_2le.txt"), False)
check(os.path.join(DATA, "sgp4-ver/SGP4-VER.TLE"), True)
print(f"{checked - failures} passed, {failures} failed")
sys.exit(1 if failures or checked == 0 else 0)
