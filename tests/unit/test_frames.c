/*
** test_frames.c - TEME/PEF/ITRF/GCRF rotations and WGS-84 geodetic.
**
** Published values: Vallado, Crawford, Hujsak & Kelso, AIAA 2006-6753,
** the TEME example of appendix C (also Vallado 2013, example 3-15), and
** Meeus, Astronomical Algorithms (2nd ed.), examples 12.a and 12.b.
** Geodetic conversions are also checked against ERFA's eraGc2gde
** (Fukushima 2006), an independent method.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <erfa.h>

#define M_PI 3.14159265358979323846

#define TOL_ROUND_KM 1e-9
#define TOL_ROUND_KM_S 1e-12
#define TOL_GEOD_KM 1e-6 /* 1 mm, the limit */

/*
** The example's Earth orientation as a two-line finals2000A table:
** xp = -0.140682", yp = 0.333309", UT1-UTC = -0.4399619 s.
*/
static const char vallado_eop[] =
    "04 4 6 53101.00 I -0.140682 0.000000  0.333309 0.000000  I-0.4399619 "
    "0.0000000  1.5563 0.0000\n"
    "04 4 7 53102.00 I -0.140682 0.000000  0.333309 0.000000  I-0.4399619 "
    "0.0000000  1.5563 0.0000\n";

static const double r_teme[3] = {5094.18016210, 6127.64465950,
                                 6380.34453270};
static const double v_teme[3] = {-4.746131487, 0.785818041, 5.531931288};

static void check_vec(const double got[3], const double want[3], double tol,
                      const char *what)
{
  for (int i = 0; i < 3; i++) {
    if (fabs(got[i] - want[i]) > tol)
      fprintf(stderr, "%s[%d]:\n", what, i);
    CHECK_NEAR(got[i], want[i], tol);
  }
}

static void test_vallado(void)
{
  ow_eop *eop = NULL;
  ow_jd jd;
  double r[3], v[3], rb[3], vb[3];
  /* AIAA 2006-6753 appendix C results. */
  const double r_itrf[3] = {-1033.4793830, 7901.2952754, 6380.3565958};
  const double v_itrf[3] = {-3.225636520, -2.872451450, 5.531924446};
  const double r_gcrf[3] = {5102.508958, 6123.011401, 6378.136928};
  const double v_gcrf[3] = {-4.743220157, 0.790536497, 5.533755727};
  CHECK_EQ_INT(ow_eop_parse(&eop, vallado_eop, strlen(vallado_eop), "v",
                            NULL),
               OW_OK);
  CHECK_EQ_INT(ow_time_parse_iso("2004-04-06T07:51:28.386009Z", &jd, NULL),
               OW_OK);
  /*
  ** ITRF: 1 cm and 0.1 mm/s. The paper's Earth rate is the IERS one
  ** scaled by LOD, ours the GMST 1982 rate (0.07 mm/s apart here); the
  ** positions differ by 8.5 mm, a 0.2 mas turn about z (15 us of UT1).
  */
  CHECK_EQ_INT(ow_teme_to_itrf(eop, jd, r_teme, v_teme, r, v), OW_OK);
  check_vec(r, r_itrf, 1e-5, "r_itrf");
  check_vec(v, v_itrf, 1e-7, "v_itrf");
  CHECK_EQ_INT(ow_itrf_to_teme(eop, jd, r, v, rb, vb), OW_OK);
  check_vec(rb, r_teme, TOL_ROUND_KM, "r_teme back");
  check_vec(vb, v_teme, TOL_ROUND_KM_S, "v_teme back");
  /* PEF has no polar motion: same radius, z differs from ITRF's. */
  CHECK_EQ_INT(ow_teme_to_pef(eop, jd, r_teme, v_teme, r, v), OW_OK);
  CHECK_NEAR(r[2], r_teme[2], 1e-12);
  CHECK(fabs(r[2] - r_itrf[2]) > 1e-3);
  /*
  ** GCRF: the paper goes through FK5 with the IERS dpsi/deps
  ** corrections, which put the pole where IAU 2006/2000A does; our
  ** default route agrees with it to 3 mm. The paper's velocity leaves
  ** out the turning of the TEME axes (dM/dt r, 0.07 mm/s here), ours
  ** keeps it: 0.1 mm/s.
  */
  CHECK_EQ_INT(ow_teme_to_gcrf(eop, jd, r_teme, v_teme, r, v), OW_OK);
  check_vec(r, r_gcrf, 1e-5, "r_gcrf");
  check_vec(v, v_gcrf, 1e-7, "v_gcrf");
  CHECK_EQ_INT(ow_gcrf_to_teme(eop, jd, r, v, rb, vb), OW_OK);
  check_vec(rb, r_teme, TOL_ROUND_KM, "gcrf round trip");
  check_vec(vb, v_teme, TOL_ROUND_KM_S, "gcrf round trip v");
  /*
  ** The IAU 1976/1980 route without pole corrections: 0.72 m off here
  ** (2004; the IAU 1980 nutation error grows with time). Bound it at 1.5 m
  ** so that a sign error (tens of km) or a missing bias (~1 m) shows.
  */
  CHECK_EQ_INT(ow_teme_to_gcrf_iau76(eop, jd, r_teme, v_teme, r, v), OW_OK);
  {
    double d = sqrt(pow(r[0] - r_gcrf[0], 2) + pow(r[1] - r_gcrf[1], 2) +
                    pow(r[2] - r_gcrf[2], 2));
    CHECK(d < 1.5e-3);
    CHECK(d > 0.1e-3); /* it is a different model */
  }
  CHECK_EQ_INT(ow_gcrf_iau76_to_teme(eop, jd, r, v, rb, vb), OW_OK);
  check_vec(rb, r_teme, TOL_ROUND_KM, "gcrf76 round trip");
  ow_eop_free(eop);

  /* Without a table: UT1 = UTC, no polar motion; PEF == ITRF. */
  CHECK_EQ_INT(ow_teme_to_itrf(NULL, jd, r_teme, v_teme, r, v), OW_OK);
  CHECK_EQ_INT(ow_teme_to_pef(NULL, jd, r_teme, v_teme, rb, vb), OW_OK);
  check_vec(r, rb, 0.0, "itrf == pef without eop");
  check_vec(v, vb, 0.0, "v itrf == pef without eop");
  /* NULL velocity is allowed. */
  CHECK_EQ_INT(ow_teme_to_itrf(NULL, jd, r_teme, NULL, rb, NULL), OW_OK);
  check_vec(rb, r, 0.0, "position only");
}

static void test_gmst(void)
{
  ow_jd j;
  /* Meeus 12.a: 1987-04-10 0h UT, GMST = 13h10m46.3668s. */
  ow_time_parse_iso("1987-04-10T00:00:00Z", &j, NULL);
  CHECK_NEAR(ow_gmst82(j), (13 * 3600 + 10 * 60 + 46.3668) / 86400.0 * 2 * M_PI,
             1e-4 / 86400.0 * 2 * M_PI);
  /* Meeus 12.b: 1987-04-10 19:21:00 UT, GMST = 8h34m57.0896s. */
  ow_time_parse_iso("1987-04-10T19:21:00Z", &j, NULL);
  CHECK_NEAR(ow_gmst82(j), (8 * 3600 + 34 * 60 + 57.0896) / 86400.0 * 2 * M_PI,
             1e-4 / 86400.0 * 2 * M_PI);
}

/* The omega x r term: ITRF velocity equals the time derivative of the
** ITRF position of a TEME trajectory (central difference). */
static void test_velocity_term(void)
{
  ow_jd j0, jm, jp;
  double r0[3], v0[3], rm[3], rp[3], rt[3], dummy[3];
  ow_time_parse_iso("2022-10-15T06:00:00Z", &j0, NULL);
  /* dt = 0.1 s: the central difference's own error, w^2 v dt^2 / 2,
  ** stays near 2e-10 km/s. */
  ow_utc_add_s(j0, -0.1, &jm);
  ow_utc_add_s(j0, 0.1, &jp);
  ow_teme_to_itrf(NULL, j0, r_teme, v_teme, r0, v0);
  for (int i = 0; i < 3; i++)
    rt[i] = r_teme[i] - 0.1 * v_teme[i];
  ow_teme_to_itrf(NULL, jm, rt, NULL, rm, dummy);
  for (int i = 0; i < 3; i++)
    rt[i] = r_teme[i] + 0.1 * v_teme[i];
  ow_teme_to_itrf(NULL, jp, rt, NULL, rp, dummy);
  for (int i = 0; i < 3; i++)
    CHECK_NEAR((rp[i] - rm[i]) / 0.2, v0[i], 1e-9);
  /* The same for both GCRF routes (TEME turns slowly against GCRS). */
  for (int k = 0; k < 2; k++) {
    int (*conv)(const ow_eop *, ow_jd, const double[3], const double[3],
                double[3], double[3]) =
        k == 0 ? ow_teme_to_gcrf : ow_teme_to_gcrf_iau76;
    conv(NULL, j0, r_teme, v_teme, r0, v0);
    for (int i = 0; i < 3; i++)
      rt[i] = r_teme[i] - 0.1 * v_teme[i];
    conv(NULL, jm, rt, NULL, rm, NULL);
    for (int i = 0; i < 3; i++)
      rt[i] = r_teme[i] + 0.1 * v_teme[i];
    conv(NULL, jp, rt, NULL, rp, NULL);
    for (int i = 0; i < 3; i++)
      CHECK_NEAR((rp[i] - rm[i]) / 0.2, v0[i], 1e-9);
  }
}

static void test_names(void)
{
  ow_frame f;
  CHECK_STR(ow_frame_name(OW_FRAME_TEME), "teme");
  CHECK_STR(ow_frame_name(OW_FRAME_GEODETIC), "geodetic");
  CHECK_STR(ow_frame_name(OW_FRAME_GCRF_IAU76), "gcrf76");
  CHECK_STR(ow_frame_name((ow_frame)42), "unknown");
  CHECK_EQ_INT(ow_frame_parse("ITRF", &f), OW_OK);
  CHECK_EQ_INT(f, OW_FRAME_ITRF);
  CHECK_EQ_INT(ow_frame_parse("gcrs", &f), OW_OK);
  CHECK_EQ_INT(f, OW_FRAME_GCRF);
  CHECK_EQ_INT(ow_frame_parse("gcrf76", &f), OW_OK);
  CHECK_EQ_INT(f, OW_FRAME_GCRF_IAU76);
  CHECK_EQ_INT(ow_frame_parse("j2000", &f), OW_E_ARG);
  CHECK_EQ_INT(ow_frame_parse(NULL, &f), OW_E_ARG);
  {
    ow_frame_ctx c;
    double r[3];
    ow_jd j = {2459867.5, 0.25};
    CHECK_EQ_INT(ow_frame_ctx_init(&c, NULL, j), OW_OK);
    CHECK_EQ_INT(ow_frame_ctx_from_teme(&c, OW_FRAME_GEODETIC, r_teme, NULL,
                                        r, NULL),
                 OW_E_ARG);
    j.day = NAN;
    CHECK_EQ_INT(ow_frame_ctx_init(&c, NULL, j), OW_E_RANGE);
  }
}

static void test_geodetic(void)
{
  const double a = OW_WGS84_A_KM, f = OW_WGS84_F;
  const double b = a * (1.0 - f);
  double lat, lon, h, r[3], worst_trip = 0.0, worst_erfa = 0.0;
  static const double alts[] = {-5.0,    0.0,     0.001,   200.0,
                                800.0,   20200.0, 35786.0, 100000.0,
                                384400.0};
  /* Published points: on the equator and at the pole. */
  r[0] = a;
  r[1] = r[2] = 0.0;
  ow_itrf_to_geodetic(r, &lat, &lon, &h);
  CHECK_NEAR(lat, 0.0, 1e-15);
  CHECK_NEAR(lon, 0.0, 1e-15);
  CHECK_NEAR(h, 0.0, 1e-12);
  r[0] = r[1] = 0.0;
  r[2] = -(b + 400.0);
  ow_itrf_to_geodetic(r, &lat, &lon, &h);
  CHECK_NEAR(lat, -M_PI / 2, 1e-15);
  CHECK_NEAR(h, 400.0, 1e-9);
  /* b from TR8350.2: 6356752.3142 m. */
  CHECK_NEAR(b, 6356.7523142, 1e-7);

  for (int ia = 0; ia < (int)(sizeof alts / sizeof alts[0]); ia++)
    for (int il = -180; il <= 180; il++) {
      double lat0 = il * 0.5 * M_PI / 180.0; /* every half degree */
      double lon0 = (il * 7 % 360 - 179.5) * M_PI / 180.0;
      double r0[3], r1[3], ee, pp, hh;
      if (il == -180 || il == 180)
        lat0 = il > 0 ? M_PI / 2 : -M_PI / 2; /* exactly the poles */
      ow_geodetic_to_itrf(lat0, lon0, alts[ia], r0);
      ow_itrf_to_geodetic(r0, &lat, &lon, &h);
      ow_geodetic_to_itrf(lat, lon, h, r1);
      {
        double d = hypot(hypot(r1[0] - r0[0], r1[1] - r0[1]), r1[2] - r0[2]);
        if (d > worst_trip)
          worst_trip = d;
      }
      CHECK_NEAR(h, alts[ia], TOL_GEOD_KM);
      CHECK_NEAR(lat, lat0, TOL_GEOD_KM / (a + alts[ia]));
      /* ERFA's Fukushima method (same units, km), up to 1000 km. */
      CHECK_EQ_INT(eraGc2gde(a, f, r0, &ee, &pp, &hh), 0);
      {
        double d = fabs(hh - h) + fabs(pp - lat) * (a + alts[ia]) +
                   fabs(remainder(ee - lon, 2 * M_PI)) * hypot(r0[0], r0[1]);
        /* eraGc2gde is tuned for the surface: it drifts by 2e-9 km at
        ** 800 km and 1e-6 km at GEO (2.3e-11 rad in latitude) while ours
        ** recovers the latitude we started from to 1e-10 km there. */
        if (alts[ia] <= 1000.0 && d > worst_erfa)
          worst_erfa = d;
      }
    }
  printf("geodetic: worst round trip %.3g km, worst vs eraGc2gde %.3g km\n",
         worst_trip, worst_erfa);
  CHECK(worst_trip <= TOL_GEOD_KM);
  CHECK(worst_erfa <= 1e-8);
  /* Near the centre the iteration takes over and stays finite. */
  r[0] = 10.0;
  r[1] = 5.0;
  r[2] = 3.0;
  ow_itrf_to_geodetic(r, &lat, &lon, &h);
  CHECK(isfinite(lat) && isfinite(h));
}

int main(void)
{
  test_vallado();
  test_gmst();
  test_velocity_term();
  test_names();
  test_geodetic();
  return check_done();
}
