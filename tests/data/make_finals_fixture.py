#!/usr/bin/python3
"""Write the finals2000A-format fixtures of tests/data from the IERS
EOP 14 C04 (Bulletin B series) table that Debian's python3-astropy bundles
(astropy.utils.iers.IERS_B_FILE). Run with /usr/bin/python3; see README.md.

    /usr/bin/python3 tests/data/make_finals_fixture.py
"""
import os
from astropy.utils import iers
import astropy.units as u

HERE = os.path.dirname(os.path.abspath(__file__))


def plain(b):
    """Rows as dicts of floats in the units the fixture writes."""
    cols = {'MJD': u.d, 'PM_x': u.arcsec, 'PM_y': u.arcsec,
            'e_PM_x': u.arcsec, 'e_PM_y': u.arcsec, 'UT1_UTC': u.s,
            'e_UT1_UTC': u.s, 'LOD': u.s, 'e_LOD': u.s,
            'dX_2000A': u.arcsec, 'dY_2000A': u.arcsec,
            'e_dX_2000A': u.arcsec, 'e_dY_2000A': u.arcsec}
    arr = {k: b[k].to_value(v) for k, v in cols.items()}
    for k in ('year', 'month', 'day'):
        arr[k] = list(b[k])
    return [{k: arr[k][i] for k in arr} for i in range(len(b))]


def line(r, predicted=False):
    yy = int(r['year']) % 100
    x, y, d = float(r['PM_x']), float(r['PM_y']), float(r['UT1_UTC'])
    dx = float(r['dX_2000A']) * 1e3  # arcsec -> mas
    dy = float(r['dY_2000A']) * 1e3
    lod = float(r['LOD']) * 1e3      # s -> ms
    # Column layout: ReadMe.finals2000A (Bull. A and Bull. B blocks).
    flag = 'P' if predicted else 'I'
    a = (f"{yy:02d}{int(r['month']):2d}{int(r['day']):2d} "
         f"{float(r['MJD']):8.2f} {flag} {x:9.6f}{float(r['e_PM_x']):9.6f} "
         f"{y:9.6f}{float(r['e_PM_y']):9.6f}  {flag}{d:10.7f}"
         f"{float(r['e_UT1_UTC']):10.7f} {lod:7.4f}"
         f"{float(r['e_LOD']) * 1e3:7.4f}  {flag} {dx:9.3f}"
         f"{float(r['e_dX_2000A']) * 1e3:9.3f} {dy:9.3f}"
         f"{float(r['e_dY_2000A']) * 1e3:9.3f}")
    if predicted:   # real files have no Bulletin B values for predictions
        return a
    return a + f"{x:10.6f}{y:10.6f}{d:11.7f}{dx:10.3f}{dy:10.3f}"


def write(name, mjd0, mjd1, placeholders, predicted):
    b = iers.IERS_B.open(iers.IERS_B_FILE)
    rows = [r for r in plain(b) if mjd0 <= float(r['MJD']) <= mjd1]
    with open(os.path.join(HERE, name), 'w') as f:
        # The last `predicted` rows are flagged P (Bulletin A predictions,
        # no Bulletin B columns) as in real files; astropy's reader
        # needs at least one.
        for i, r in enumerate(rows):
            f.write(line(r, i >= len(rows) - predicted) + '\n')
        # Real finals files end with date-only lines (no values yet).
        last = rows[-1]
        from astropy.time import Time
        for k in range(1, placeholders + 1):
            mjd = float(last['MJD']) + k
            t = Time(mjd, format='mjd').datetime
            f.write(f"{t.year % 100:02d}{t.month:2d}{t.day:2d} {mjd:8.2f}\n")


# 2016-12-15 .. 2017-01-20: the leap second at the end of 2016.
write('finals2000A_2016-12.txt', 57737, 57773, 0, 1)
# 2022-08-31 .. 2022-11-29 (end of the bundled table): oracle epochs.
write('finals2000A_2022-09.txt', 59822, 59912, 3, 5)
