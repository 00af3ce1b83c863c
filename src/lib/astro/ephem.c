/*
** ephem.c - Sun and Moon positions and the Earth's shadow.
**
** Exports ow_sun_gcrf/teme, ow_moon_gcrf/teme, ow_gcrf_to_teme_matrix,
** ow_sunlit_margin, ow_sunlit_fraction. Vectors are double[3] in km; the
** series are ERFA's (see ephem.h for their accuracy).
*/
#include "internal.h"
#include "orbwatch/ephem.h"

#include <erfa.h>
#include <erfam.h>
#include <math.h>
#include <string.h>

#define AU_KM (ERFA_DAU / 1000.0)
/* eraEpv00 is a fit to VSOP2000 valid over 1900-2100 (its doc header). */
#define EPV00_JD_MIN 2415020.5
#define EPV00_JD_MAX 2488069.5

static int series_span(ow_jd jd)
{
  double d = jd.day + jd.frac;
  return (d < EPV00_JD_MIN || d > EPV00_JD_MAX) ? OW_W_PRECISION : OW_OK;
}

int ow_sun_gcrf(ow_jd jd_tt, double r_gcrf_km[3])
{
  double pvh[2][3], pvb[2][3], p[3], u[3], v[3], ppr[3], d, vv, bm1;

  /* TT is used for TDB: they differ by < 2 ms, during which the Sun's
  ** direction moves by < 1e-10 rad. */
  eraEpv00(jd_tt.day, jd_tt.frac, pvh, pvb);
  for (int i = 0; i < 3; i++)
    p[i] = -pvh[0][i]; /* Sun from the Earth, au */
  eraPn(p, &d, u);
  /* Annual aberration with the Earth's barycentric velocity (au/day to
  ** units of c), as eraApcs does; the light deflection by the Sun itself
  ** is zero in the Sun's own direction. */
  vv = 0.0;
  for (int i = 0; i < 3; i++) {
    v[i] = pvb[1][i] * ERFA_AULT / ERFA_DAYSEC;
    vv += v[i] * v[i];
  }
  bm1 = sqrt(1.0 - vv);
  eraAb(u, v, d, bm1, ppr);
  for (int i = 0; i < 3; i++)
    r_gcrf_km[i] = ppr[i] * d * AU_KM;
  return series_span(jd_tt);
}

void ow_gcrf_to_teme_matrix(ow_jd jd_tt, double m[3][3])
{
  /* TOD -> TEME is a rotation by the equation of the equinoxes: GAST =
  ** GMST + eqeq, r_pef = Rz(GAST) r_tod = Rz(GMST) r_teme. */
  eraPnm80(jd_tt.day, jd_tt.frac, m);
  eraRz(eraEqeq94(jd_tt.day, jd_tt.frac), m);
}

static void to_teme(ow_jd jd_tt, double r[3])
{
  double m[3][3], out[3];
  ow_gcrf_to_teme_matrix(jd_tt, m);
  eraRxp(m, r, out);
  memcpy(r, out, sizeof out);
}

int ow_sun_teme(ow_jd jd_tt, double r_teme_km[3])
{
  int st = ow_sun_gcrf(jd_tt, r_teme_km);
  to_teme(jd_tt, r_teme_km);
  return st;
}

int ow_moon_gcrf(ow_jd jd_tt, double r_gcrf_km[3])
{
  double pv[2][3];
  eraMoon98(jd_tt.day, jd_tt.frac, pv);
  for (int i = 0; i < 3; i++)
    r_gcrf_km[i] = pv[0][i] * AU_KM;
  return series_span(jd_tt);
}

int ow_moon_teme(ow_jd jd_tt, double r_teme_km[3])
{
  int st = ow_moon_gcrf(jd_tt, r_teme_km);
  to_teme(jd_tt, r_teme_km);
  return st;
}

/* Apparent angles seen from r: theta between the centres, and the disks'
** angular radii. Returns 0 inside the Earth. */
static int disk_angles(const double r[3], const double r_sun[3],
                       double *theta, double *a_earth, double *a_sun)
{
  double to_sun[3], to_earth[3], ds, de;
  for (int i = 0; i < 3; i++) {
    to_sun[i] = r_sun[i] - r[i];
    to_earth[i] = -r[i];
  }
  ds = sqrt(eraPdp(to_sun, to_sun));
  de = sqrt(eraPdp(to_earth, to_earth));
  if (de <= OW_SHADOW_EARTH_RADIUS_KM)
    return 0;
  *theta = eraSepp(to_sun, to_earth);
  *a_earth = asin(OW_SHADOW_EARTH_RADIUS_KM / de);
  *a_sun = asin(OW_SUN_RADIUS_KM / ds);
  return 1;
}

double ow_sunlit_margin(const double r_km[3], const double r_sun_km[3],
                        ow_sunlit_mode mode)
{
  double th, ae, as, k = 0.0;
  if (!disk_angles(r_km, r_sun_km, &th, &ae, &as))
    return -OW_PI;
  if (mode == OW_SUNLIT_ANY)
    k = -1.0;
  else if (mode == OW_SUNLIT_FULL)
    k = 1.0;
  return th - ae - k * as;
}

double ow_sunlit_fraction(const double r_km[3], const double r_sun_km[3])
{
  double th, a, b, a2, b2, x, y, area;
  if (!disk_angles(r_km, r_sun_km, &th, &b, &a))
    return 0.0;
  /* a: Sun's radius, b: Earth's, th: separation (small-angle planar). */
  if (th >= a + b)
    return 1.0;
  if (th <= b - a)
    return 0.0; /* umbra: the Earth covers the whole Sun */
  if (th <= a - b) /* annular: the Earth inside the Sun's disk */
    return 1.0 - (b * b) / (a * a);
  /* Partial overlap: area of the lens of two circles (the standard
  ** circle-circle intersection), subtracted from the Sun's disk. */
  a2 = a * a;
  b2 = b * b;
  x = (th * th + a2 - b2) / (2.0 * th);
  y = sqrt(fmax(a2 - x * x, 0.0));
  area = a2 * acos(fmax(-1.0, fmin(1.0, x / a))) +
         b2 * acos(fmax(-1.0, fmin(1.0, (th - x) / b))) - th * y;
  return 1.0 - area / (OW_PI * a2);
}
