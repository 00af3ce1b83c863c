"""Independent check of the 2D Pc against scipy (Debian python3-scipy).

Random encounter-plane geometries (seeded, so a failure reproduces) are
integrated by scipy.integrate.dblquad of the bivariate normal density over
the hard-body disc, and the very thin ellipses (sigma ratio down to 1e-5),
where a 2D adaptive rule is unreliable, by scipy.integrate.quad of the
erf-reduced 1D integrand with the density peak as a breakpoint (scipy's own
QUADPACK, not our code). orbwatch's values come from tests/tools/pc2d.c.
Tolerance: 1e-7 relative (+1e-300 absolute); the figures printed are the
maxima seen. Also checks that Chan's series either agrees within 5% or
refuses exactly where pc.h says it must (OW_PC_CHAN_MAX_VARIATION).
"""
import math
import os
import subprocess
import sys

try:
    import numpy as np
    from scipy import integrate, special
except ImportError:
    print("scipy not available")
    sys.exit(77)

tool = os.environ.get("OW_TOOL_PC2D")
if not tool or not os.path.exists(tool):
    print("OW_TOOL_PC2D not set")
    sys.exit(77)

rng = np.random.default_rng(20261126)
N_DBL, N_THIN = 200, 100
cases = []
for i in range(N_DBL + N_THIN):
    thin = i >= N_DBL
    sx = 10 ** rng.uniform(0, 3.5)
    ratio = 10 ** (rng.uniform(-5, -2) if thin else rng.uniform(-2.5, 0))
    sy = sx * ratio
    if rng.uniform() < 0.5:
        sx, sy = sy, sx
    smin = min(sx, sy)
    r = smin * 10 ** rng.uniform(-1.5, 1.5) if not thin else \
        10 ** rng.uniform(-0.5, 1.5)
    # miss within a few sigmas along each axis, so Pc is not negligible
    xm = rng.normal() * sx * rng.uniform(0, 3)
    ym = rng.normal() * sy * rng.uniform(0, 3)
    cases.append((xm, ym, sx, sy, r, thin))

inp = "".join("%.17g %.17g %.17g %.17g %.17g\n" % c[:5] for c in cases)
out = subprocess.run([tool], input=inp, capture_output=True, text=True,
                     check=True).stdout.split("\n")


def pc_dblquad(xm, ym, sx, sy, r):
    def f(y, x):
        return math.exp(-0.5 * ((x / sx) ** 2 + (y / sy) ** 2)) / (
            2 * math.pi * sx * sy)
    v, _ = integrate.dblquad(
        f, xm - r, xm + r,
        lambda x: ym - math.sqrt(max(r * r - (x - xm) ** 2, 0.0)),
        lambda x: ym + math.sqrt(max(r * r - (x - xm) ** 2, 0.0)),
        epsabs=0, epsrel=1e-11)
    return v


def pc_erf_quad(xm, ym, sx, sy, r):
    if sx >= sy:
        vm, sv, um, su = xm, sx, ym, sy
    else:
        vm, sv, um, su = ym, sy, xm, sx

    def f(u):
        h = math.sqrt(max(r * r - (u - um) ** 2, 0.0))
        return (math.exp(-0.5 * (u / su) ** 2) / (math.sqrt(2 * math.pi) * su)
                * 0.5 * (special.erf((vm + h) / (math.sqrt(2) * sv))
                         - special.erf((vm - h) / (math.sqrt(2) * sv))))
    pts = [p for p in (0.0, -su, su, -4 * su, 4 * su, -10 * su, 10 * su)
           if um - r < p < um + r]
    v, _ = integrate.quad(f, um - r, um + r, points=pts or None, epsabs=0,
                          epsrel=1e-12, limit=2000)
    return v


fails = 0
max_rel = {"dblquad": 0.0, "thin": 0.0}
chan_checked = chan_refused = 0
chan_max = 0.0
for c, line in zip(cases, out):
    xm, ym, sx, sy, r, thin = c
    pf, eb, sf, pch, sc = line.split()
    pf, pch, sf, sc = float(pf), float(pch), int(sf), int(sc)
    want = pc_erf_quad(xm, ym, sx, sy, r) if thin else \
        pc_dblquad(xm, ym, sx, sy, r)
    rel = abs(pf - want) / want if want > 0 else abs(pf)
    key = "thin" if thin else "dblquad"
    if want > 1e-300:
        max_rel[key] = max(max_rel[key], rel)
    if sf != 0 or (rel > 1e-7 and abs(pf - want) > 1e-300):
        fails += 1
        print("FAIL foster", c, "got", pf, "want", want, "rel", rel)
    um = xm if sx <= sy else ym
    var = (abs(um) * r + r * r) / min(sx, sy) ** 2
    if var > 0.45:
        if sc != -12 or not math.isnan(pch):
            fails += 1
            print("FAIL chan should refuse", c, pch, sc)
        chan_refused += 1
    elif want > 1e-300:
        chan_checked += 1
        chan_max = max(chan_max, abs(pch - want) / want)
        if sc != 0 or abs(pch - want) > 0.05 * want:
            fails += 1
            print("FAIL chan", c, pch, want)

print("foster vs scipy dblquad (%d cases): max rel err %.2e" %
      (N_DBL, max_rel["dblquad"]))
print("foster vs scipy erf-quad, thin ellipses (%d cases, sigma ratio "
      "1e-5..1e-2): max rel err %.2e" % (N_THIN, max_rel["thin"]))
print("chan: %d accepted (max rel err %.2e), %d refused" %
      (chan_checked, chan_max, chan_refused))
sys.exit(1 if fails else 0)
