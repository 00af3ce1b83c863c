"""`orbwatch screen` against an independent oracle: python3-sgp4 (Debian's
port of the reference SGP4, WGS-72, improved mode) and scipy's bounded
scalar minimisation of the distance. A slice of the 2026-06 LEO catalog
(every 25th object, 641 objects) is screened over 6 hours at 20 km; for
30 events spread over the list, the oracle's TCA must agree within 1 ms
and its miss distance within 1 m; the CSV columns are checked for
consistency (RTN components against the miss, Pc in [0, 1]). The CDMs
of `orbwatch cdm` for the five closest events must read back through the
strict reader of `orbwatch pc` with the same Pc.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from scipy.optimize import minimize_scalar
except ImportError:
    sys.exit(77)
from leo_slice import exe, leo_slice

tmp, path, sats = leo_slice(25)

start = "2026-06-10T12:00:00Z"
p = subprocess.run([exe, "screen", path, "--start", start, "--days", "0.25",
                    "--threshold-km", "20"], capture_output=True, text=True)
# `orbwatch cdm` on the same screening: every message must pass the strict
# reader of `orbwatch pc`, whose Pc must equal the message's.
cdm_fails = 0
with tempfile.TemporaryDirectory() as d:
    q = subprocess.run([exe, "cdm", path, "--start", start, "--days", "0.25",
                        "--threshold-km", "20", "--top", "5", "--out-dir", d],
                       capture_output=True, text=True)
    files = sorted(os.listdir(d))
    for fn in files:
        r = subprocess.run([exe, "pc", os.path.join(d, fn)],
                           capture_output=True, text=True)
        rows = r.stdout.strip().split("\n")
        ok = r.returncode == 0 and len(rows) == 2
        if ok:
            row = dict(zip(rows[0].split(","), rows[1].split(",")))
            pc, cpc = float(row["pc"]), float(row["cdm_pc"])
            ok = abs(pc - cpc) <= 1e-6 * cpc + 1e-300
        if not ok:
            print("CDM %s: %s %s" % (fn, r.stdout, r.stderr))
        cdm_fails += not ok
print("cdm: %d messages read back strictly, %d failures" %
      (len(files), cdm_fails))
tmp.cleanup()
if p.returncode not in (0, 1):
    print(p.stderr)
    sys.exit(1)
rows = list(csv.DictReader(io.StringIO(p.stdout)))
print("screen: %d events; %s" % (len(rows), p.stderr.strip()))


def jd_of(iso):
    # ISO UTC -> (jd at 0h, fraction) as python-sgp4 takes it.
    d, t = iso.rstrip("Z").split("T")
    y, mo, dd = map(int, d.split("-"))
    hh, mm, ss = t.split(":")
    a = (14 - mo) // 12
    yy, m2 = y + 4800 - a, mo + 12 * a - 3
    jdn = dd + (153 * m2 + 2) // 5 + 365 * yy + yy // 4 - yy // 100 \
        + yy // 400 - 32045
    return jdn - 0.5, (int(hh) * 3600 + int(mm) * 60 + float(ss)) / 86400.0


fails = 0
worst_t = worst_d = 0.0
sample = rows[::max(1, len(rows) // 30)][:30]
for r in sample:
    s1, s2 = sats[int(r["norad_1"])], sats[int(r["norad_2"])]
    jd0, fr0 = jd_of(r["tca_utc"])

    def dist(dt):
        e1, p1, _ = s1.sgp4(jd0, fr0 + dt / 86400.0)
        e2, p2, _ = s2.sgp4(jd0, fr0 + dt / 86400.0)
        return float(np.linalg.norm(np.subtract(p2, p1)))

    res = minimize_scalar(dist, bounds=(-2.0, 2.0), method="bounded",
                          options={"xatol": 1e-7})
    dt, dmin = res.x, res.fun
    miss = float(r["miss_km"])
    worst_t, worst_d = max(worst_t, abs(dt)), max(worst_d, abs(dmin - miss))
    rtn = [float(r[k]) for k in ("radial_km", "intrack_km", "crosstrack_km")]
    bad = (abs(dt) > 1e-3 or abs(dmin - miss) > 1e-3 or
           abs(float(np.linalg.norm(rtn)) - miss) > 1e-6 or
           not 0.0 <= float(r["pc"]) <= 1.0)
    if bad:
        print("MISMATCH %s-%s %s: oracle dt %.6f s miss %.6f km vs %.6f" %
              (r["norad_1"], r["norad_2"], r["tca_utc"], dt, dmin, miss))
    fails += bad
print("oracle: %d events checked, worst |dTCA| %.2e s, |dmiss| %.2e km" %
      (len(sample), worst_t, worst_d))
fails += len(sample) < 10
fails += cdm_fails + (len(files) != 5)
sys.exit(1 if fails else 0)
