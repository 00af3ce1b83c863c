/*
** test_sgp4.c - ow_sgp4_init, ow_sgp4_propagate, ow_sgp4_refcode: error
** paths, method selection, purity, and a few published states.
**
** Element sets are typed in from SGP4-VER.TLE and the expected states from
** tcppver.out (Vallado et al. 2006, AIAA 2006-6753, the C++ reference
** output, WGS-72, 'improved' mode), so this test needs no parser. The full
** set is checked by test_sgp4_ver.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <string.h>

/* tcppver.out prints 1e-8 km and 1e-9 km/s. */
#define TOL_POS_KM 1.0e-6
#define TOL_VEL_KM_S 1.0e-9
#define WGS72_RE_KM 6378.135

/* Epoch of a TLE (4-digit year, day of year with fraction) as UTC JD. */
static ow_jd tle_epoch(int year, double doy)
{
  /* Julian date of Jan 1 0h (Gregorian, valid 1901-2099). */
  double jan1 = 367.0 * year - floor(7.0 * year / 4.0) + 31.0 + 1721013.5;
  ow_jd jd = {jan1 + floor(doy) - 1.0, doy - floor(doy)};
  return jd;
}

static ow_elset mk(uint32_t norad, int year, double doy, double bstar,
                   double incl, double raan, double ecc, double argp,
                   double ma, double n)
{
  ow_elset e;
  memset(&e, 0, sizeof e);
  e.norad = norad;
  e.epoch_utc = tle_epoch(year, doy);
  e.epoch_year = year;
  e.epoch_doy = doy;
  e.bstar_per_er = bstar;
  e.incl_deg = incl;
  e.raan_deg = raan;
  e.ecc = ecc;
  e.argp_deg = argp;
  e.mean_anom_deg = ma;
  e.n_rev_day = n;
  return e;
}

/* The verification set's cases used here (line 1 / line 2 values). */
static ow_elset el_00005(void)
{
  return mk(5, 2000, 179.78495062, 0.28098e-4, 34.2682, 348.7242, 0.1859667,
            331.7664, 19.3264, 10.82419157);
}
static ow_elset el_09880(void) /* Molniya, 12 h resonance */
{
  return mk(9880, 2006, 176.56157475, 0.10000e-3, 64.5968, 349.3786,
            0.7069051, 270.0229, 16.3320, 2.00813614);
}
static ow_elset el_14128(void) /* geosynchronous, Lyddane branch */
{
  return mk(14128, 2006, 176.02844893, 0.10000e-3, 11.4384, 35.2134,
            0.0011562, 26.4582, 333.5652, 0.98870114);
}
static ow_elset el_11801(void) /* STR#3 SDP4 test, no resonance */
{
  return mk(11801, 1980, 230.29629788, 0.14311e-1, 46.7916, 230.4354,
            0.7318036, 47.4722, 10.4117, 2.28537848);
}
static ow_elset el_28872(void) /* perigee below the surface */
{
  return mk(28872, 2005, 333.02012661, 0.24476e-3, 96.4736, 157.9986,
            0.0303955, 244.0492, 110.6523, 16.46015938);
}
static ow_elset el_33333(void)
{
  return mk(33333, 2005, 333.02012661, 0.24476e-3, 96.4736, 157.9986,
            0.9950000, 244.0492, 110.6523, 4.00004038);
}
static ow_elset el_33334(void)
{
  return mk(33334, 2006, 174.85818871, 0.10000e-3, 68.4714, 236.1303,
            0.5602877, 123.7484, 302.5767, 0.00001000);
}
static ow_elset el_22312(void)
{
  return mk(22312, 2006, 94.46235912, 0.49949e-3, 62.1486, 77.4698,
            0.0308723, 267.9229, 88.7392, 15.95744531);
}

static void check_state(const ow_sgp4 *m, double t, const double want[6])
{
  double r[3], v[3];
  CHECK_EQ_INT(ow_sgp4_propagate(m, t, r, v), OW_OK);
  for (int i = 0; i < 3; i++) {
    CHECK_NEAR(r[i], want[i], TOL_POS_KM);
    CHECK_NEAR(v[i], want[3 + i], TOL_VEL_KM_S);
  }
}

static int is_zero(const double r[3], const double v[3])
{
  return r[0] == 0.0 && r[1] == 0.0 && r[2] == 0.0 && v[0] == 0.0 &&
         v[1] == 0.0 && v[2] == 0.0;
}

static void test_refcode(void)
{
  CHECK_EQ_INT(ow_sgp4_refcode(OW_OK), 0);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_MEAN_ECC), 1);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_MEAN_MOTION), 2);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_PERT_ECC), 3);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_SEMI_LATUS), 4);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_SUBORBITAL), 5);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_DECAYED), 6);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_ARG), -1);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_PARSE), -1);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_W_CHECKSUM), -1);
  CHECK_EQ_INT(ow_sgp4_refcode(-100), -1);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_SGP4_IMPLAUSIBLE), 7);
  CHECK_EQ_INT(ow_sgp4_refcode(-108), -1);
}

/*
** Physically implausible states. 30642 (FENGYUN 1C DEB) of the 2023-10
** catalog, B* 0.011951, decays within a day (error 6 at 1440 min, as the
** reference gives). A week after epoch the model, like the reference
** (python3-sgp4 gives the same state with error 0), is 22 million km out
** at 0.14 km/s: no Earth orbit. BSTAR = 1e300 (an OMM can say so) gives
** NaN. Both must come back as OW_E_SGP4_IMPLAUSIBLE with zeroed outputs,
** from the scalar model and from the batch engine alike.
*/
static void test_implausible(void)
{
  ow_elset e = mk(30642, 2023, 244.48946098, 0.11951e-1, 98.9717, 64.6429,
                  0.0016700, 310.7901, 49.1930, 16.14569164);
  ow_sgp4 m[2];
  double r[3], v[3];
  CHECK_EQ_INT(ow_sgp4_init(&m[0], &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                            NULL), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m[0], 0.0, r, v), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m[0], 1440.0, r, v), OW_E_SGP4_DECAYED);
  CHECK_EQ_INT(ow_sgp4_propagate(&m[0], 10080.0, r, v),
               OW_E_SGP4_IMPLAUSIBLE);
  CHECK(is_zero(r, v));
  ow_elset h = el_00005();
  h.bstar_per_er = 1e300;
  int irc = ow_sgp4_init(&m[1], &h, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  int prc = ow_sgp4_propagate(&m[1], 60.0, r, v);
  CHECK(irc < 0 || prc < 0);
  CHECK(prc == OW_OK || (isfinite(r[0]) && isfinite(v[0])));
  CHECK(prc != OW_OK || (isfinite(r[0] + r[1] + r[2]) &&
                         isfinite(v[0] + v[1] + v[2])));

  /* The batch engine: same statuses, zeroed states. */
  ow_batch b;
  double t[3] = {0.0, 60.0, 10080.0}, buf[6][6];
  int st[6];
  ow_batch_out o = {buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], st, 2};
  CHECK_EQ_INT(ow_batch_init(&b, m, 2, NULL), OW_OK);
  CHECK_EQ_INT(ow_batch_tsince(&b, t, 3, &o), OW_OK);
  for (int k = 0; k < 3; k++)
    for (int i = 0; i < 2; i++) {
      int want = ow_sgp4_propagate(&m[i], t[k], r, v);
      CHECK_EQ_INT(st[k * 2 + i], want);
      if (want == OW_E_SGP4_IMPLAUSIBLE)
        CHECK(buf[0][k * 2 + i] == 0.0 && buf[5][k * 2 + i] == 0.0);
    }
  CHECK_EQ_INT(st[2 * 2 + 0], OW_E_SGP4_IMPLAUSIBLE);
  ow_batch_free(&b);
}

/* Published states: one near-earth, one 12 h resonant, one synchronous
   (low inclination: Lyddane branch), one non-resonant deep-space. */
static void test_published_states(void)
{
  ow_sgp4 m;
  ow_elset e = el_00005();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(m.method, OW_SGP4_NEAR_FULL);
  CHECK_EQ_INT(m.norad, 5);
  static const double s5_0[6] = {7022.46529266, -1400.08296755, 0.03995155,
                                 1.893841015,   6.405893759,    4.534807250};
  static const double s5_4320[6] = {-9060.47373569, 4658.70952502,
                                    813.68673153,   -2.232832783,
                                    -4.110453490,   -3.157345433};
  check_state(&m, 0.0, s5_0);
  check_state(&m, 4320.0, s5_4320);

  e = el_09880();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(m.method, OW_SGP4_DEEP_RESONANT);
  CHECK_EQ_INT(m.deep.irez, 2);
  static const double s9880_2880[6] = {15500.53445068, -1332.90981042,
                                       3419.72315308,  2.960917974,
                                       1.758331634,    4.813698638};
  check_state(&m, 2880.0, s9880_2880);

  e = el_14128();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(m.method, OW_SGP4_DEEP_RESONANT);
  CHECK_EQ_INT(m.deep.irez, 1);
  static const double s14128_2880[6] = {37802.25393045, 19433.57330019,
                                        -1198.66634226, -1.359930580,
                                        2.677830903,    0.602507466};
  check_state(&m, 2880.0, s14128_2880);

  e = el_11801();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(m.method, OW_SGP4_DEEP);
  CHECK_EQ_INT(m.deep.irez, 0);
  static const double s11801_360[6] = {-3305.22148694, 32410.84323331,
                                       -24697.16974954, -1.301137319,
                                       -1.151315600,    -0.283335823};
  check_state(&m, 360.0, s11801_360);

  e = el_28872();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(m.method, OW_SGP4_NEAR_SIMPLE);
}

/* The error exits of the verification set, at the reference's times. */
static void test_error_exits(void)
{
  ow_sgp4 m;
  ow_err err;
  double r[3], v[3];

  /* 33334: perturbed eccentricity out of range already at epoch (3). */
  ow_elset e = el_33334();
  ow_err_clear(&err);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, &err),
               OW_E_SGP4_PERT_ECC);
  CHECK_EQ_INT(err.code, OW_E_SGP4_PERT_ECC);
  CHECK(strstr(err.msg, "33334") != NULL);
  r[0] = v[0] = 1.0;
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 0.0, r, v), OW_E_SGP4_PERT_ECC);
  CHECK(is_zero(r, v));

  /* 33333: semi-latus rectum negative at 25 min (4); fine at 20. */
  e = el_33333();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 20.0, r, v), OW_OK);
  CHECK(!is_zero(r, v));
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 25.0, r, v), OW_E_SGP4_SEMI_LATUS);
  CHECK(is_zero(r, v));

  /* 28872: decayed at 55 min (6); the state is still returned and lies
     inside the Earth. */
  e = el_28872();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 50.0, r, v), OW_OK);
  static const double s28872_50[6] = {5548.43325922, -2480.16469245,
                                      -1979.24314527, -2.763269534,
                                      0.199691915,    -7.482796996};
  check_state(&m, 50.0, s28872_50);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 55.0, r, v), OW_E_SGP4_DECAYED);
  double rmag = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  double vmag = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  CHECK(rmag > 0.9 * WGS72_RE_KM && rmag < WGS72_RE_KM);
  CHECK(vmag > 6.0 && vmag < 9.0);

  /* 22312: mean eccentricity below -0.001 at 494.2028672 min (1). */
  e = el_22312();
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 474.2028672, r, v), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 494.2028672, r, v), OW_E_SGP4_MEAN_ECC);
  CHECK(is_zero(r, v));
}

/* Inputs the theory cannot take. */
static void test_bad_input(void)
{
  ow_sgp4 m;
  ow_err err;
  double r[3] = {1, 1, 1}, v[3] = {1, 1, 1};
  ow_elset e = el_00005();

  CHECK_EQ_INT(ow_sgp4_init(NULL, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                            NULL),
               OW_E_ARG);
  CHECK_EQ_INT(ow_sgp4_init(&m, NULL, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                            NULL),
               OW_E_ARG);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, (ow_gravity)7, OW_OPSMODE_IMPROVED, NULL),
               OW_E_ARG);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, (ow_opsmode)9, NULL),
               OW_E_ARG);

  /* Mean motion not positive: error 2 at init and on every call. */
  e.n_rev_day = 0.0;
  ow_err_clear(&err);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, &err),
               OW_E_SGP4_MEAN_MOTION);
  CHECK_STR(err.field, "mean motion");
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 10.0, r, v), OW_E_SGP4_MEAN_MOTION);
  CHECK(is_zero(r, v));
  e.n_rev_day = -3.0;
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_E_SGP4_MEAN_MOTION);

  /* Eccentricity outside [0,1): error 1, again on every call. */
  e = el_00005();
  e.ecc = 1.2;
  ow_err_clear(&err);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, &err),
               OW_E_SGP4_MEAN_ECC);
  CHECK(strstr(err.msg, "1.2000000") != NULL);
  r[0] = 1.0;
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 0.0, r, v), OW_E_SGP4_MEAN_ECC);
  CHECK(is_zero(r, v));
  e.ecc = -0.0005;
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_E_SGP4_MEAN_ECC);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 0.0, r, v), OW_E_SGP4_MEAN_ECC);

  /* Non-finite fields are refused; the zeroed model reports error 2. */
  e = el_00005();
  e.incl_deg = NAN;
  ow_err_clear(&err);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, &err),
               OW_E_ARG);
  CHECK_STR(err.field, "inclination");
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 0.0, r, v), OW_E_SGP4_MEAN_MOTION);
  e = el_00005();
  e.bstar_per_er = INFINITY;
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_E_ARG);
}

/* Propagation is a pure function: no state in the model, any order. */
static void test_purity(void)
{
  ow_sgp4 m, copy;
  ow_elset e = el_09880(); /* resonant: the integrator once cached state */
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  memcpy(&copy, &m, sizeof m);
  double r1[3], v1[3], r2[3], v2[3], r3[3], v3[3];
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 2880.0, r1, v1), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, -1440.0, r2, v2), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 700.0, r2, v2), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 2880.0, r3, v3), OW_OK);
  CHECK(memcmp(r1, r3, sizeof r1) == 0 && memcmp(v1, v3, sizeof v1) == 0);
  CHECK(memcmp(&copy, &m, sizeof m) == 0);
}

/* The gravity choice and the operation mode reach the model. */
static void test_options(void)
{
  ow_sgp4 m72, m84, mold, maf;
  ow_elset e = el_14128();
  double r72[3], v72[3], r84[3], v84[3], rold[3], vold[3], raf[3], vaf[3];
  CHECK_EQ_INT(ow_sgp4_init(&m72, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                            NULL), OW_OK);
  CHECK_EQ_INT(ow_sgp4_init(&m84, &e, OW_GRAV_WGS84, OW_OPSMODE_IMPROVED,
                            NULL), OW_OK);
  CHECK_EQ_INT(ow_sgp4_init(&mold, &e, OW_GRAV_WGS72_OLD,
                            OW_OPSMODE_IMPROVED, NULL), OW_OK);
  CHECK_EQ_INT(ow_sgp4_init(&maf, &e, OW_GRAV_WGS72, OW_OPSMODE_AFSPC, NULL),
               OW_OK);
  CHECK_NEAR(m72.grav.re_km, 6378.135, 0.0);
  CHECK_NEAR(m84.grav.re_km, 6378.137, 0.0);
  CHECK_NEAR(mold.grav.xke, 0.0743669161, 0.0);
  /* xke of WGS-72 from mu = 398600.8 km^3/s^2 ([V06]): 0.07436691613... */
  CHECK_NEAR(m72.grav.xke, 0.0743669161331734, 1e-15);
  CHECK_EQ_INT(m84.gravity, OW_GRAV_WGS84);
  CHECK_EQ_INT(maf.opsmode, OW_OPSMODE_AFSPC);
  CHECK_EQ_INT(ow_sgp4_propagate(&m72, 1440.0, r72, v72), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m84, 1440.0, r84, v84), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&mold, 1440.0, rold, vold), OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&maf, 1440.0, raf, vaf), OW_OK);
  /* Different constants move a GEO object by metres to kilometres. */
  CHECK(fabs(r72[0] - r84[0]) + fabs(r72[1] - r84[1]) > 1e-3);
  CHECK(fabs(r72[0] - rold[0]) + fabs(r72[1] - rold[1]) > 1e-9);
  /* The AFSPC sidereal time differs slightly from IAU 1982. */
  CHECK(maf.deep.gsto != m72.deep.gsto);
  CHECK_NEAR(maf.deep.gsto, m72.deep.gsto, 1e-6);
}

/* Times the model refuses: NaN, infinities, beyond the documented bound. */
static void test_tsince_range(void)
{
  ow_sgp4 m;
  ow_elset e = el_14128(); /* resonant: would loop without the bound */
  double r[3] = {1, 1, 1}, v[3] = {1, 1, 1};
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, NAN, r, v), OW_E_RANGE);
  CHECK(is_zero(r, v));
  CHECK_EQ_INT(ow_sgp4_propagate(&m, INFINITY, r, v), OW_E_RANGE);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, -INFINITY, r, v), OW_E_RANGE);
  CHECK_EQ_INT(ow_sgp4_propagate(&m, 1.5 * OW_SGP4_TSINCE_MAX_MIN, r, v),
               OW_E_RANGE);
  CHECK_EQ_INT(ow_sgp4_refcode(OW_E_RANGE), -1);
  /* The bound itself is accepted (and takes ~1.4e5 resonance steps). */
  int st = ow_sgp4_propagate(&m, -OW_SGP4_TSINCE_MAX_MIN, r, v);
  CHECK(st == OW_OK || ow_sgp4_refcode(st) > 0);
}

/*
** Random element sets over the whole range a TLE can hold, with the
** corners that divide by small numbers (e near 1, i of 0 and 180 deg, tiny
** and resonant mean motions): every call returns a known status, a state
** with finite components, and zeroed outputs on every error but 6.
** Deterministic (xorshift64); run under ASan/UBSan in the sanitizer build.
*/
static unsigned long long rng_state = 88172645463325252ULL;
static double rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static void test_random_elements(void)
{
  long bad_status = 0, nonfinite = 0, not_zeroed = 0, calls = 0;
  long by_code[8] = {0}; /* reference codes 0-6, 7 implausible */
  for (int i = 0; i < 20000; i++) {
    ow_elset e;
    memset(&e, 0, sizeof e);
    e.epoch_utc.day = 2436204.5 + floor(rnd() * 36500.0); /* 1958-2057 */
    e.epoch_utc.frac = rnd();
    double u = rnd();
    e.ecc = u < 0.1   ? 1.0 - pow(10.0, -1.0 - 6.0 * rnd())
            : u < 0.2 ? pow(10.0, -1.0 - 7.0 * rnd())
                      : rnd();
    if (e.ecc >= 1.0)
      e.ecc = 0.9999999;
    u = rnd();
    e.incl_deg = u < 0.1   ? 0.0
                 : u < 0.2 ? 180.0
                 : u < 0.3 ? 0.5 * rnd()
                           : 180.0 * rnd();
    e.raan_deg = 360.0 * rnd();
    e.argp_deg = 360.0 * rnd();
    e.mean_anom_deg = 360.0 * rnd();
    u = rnd();
    e.n_rev_day = u < 0.3   ? 0.9 + 0.2 * rnd()  /* 24 h resonance */
                  : u < 0.5 ? 1.9 + 0.2 * rnd()  /* 12 h resonance */
                  : u < 0.6 ? pow(10.0, -5.0 + 4.0 * rnd())
                            : 1e-8 + 20.0 * rnd();
    e.bstar_per_er = 0.0;
    if (rnd() >= 0.3)
      e.bstar_per_er = (rnd() - 0.5) * pow(10.0, -8.0 + 8.0 * rnd());
    ow_sgp4 m;
    ow_sgp4_init(&m, &e, (ow_gravity)(i % 3), (ow_opsmode)(i % 2), NULL);
    for (int k = 0; k < 4; k++) {
      double t = (rnd() - 0.3) * pow(10.0, 6.0 * rnd());
      double r[3], v[3];
      int st = ow_sgp4_propagate(&m, t, r, v);
      int code = ow_sgp4_refcode(st);
      calls++;
      if (code < 0 || code == 5) {
        bad_status++;
        continue;
      }
      by_code[code]++;
      for (int j = 0; j < 3; j++)
        if (!isfinite(r[j]) || !isfinite(v[j]))
          nonfinite++;
      if (code != 0 && code != 6 && !is_zero(r, v))
        not_zeroed++;
    }
  }
  CHECK_EQ_INT(bad_status, 0);
  CHECK_EQ_INT(nonfinite, 0);
  CHECK_EQ_INT(not_zeroed, 0);
  /* The sample reaches every error exit, or the test proves little. */
  for (int c = 0; c <= 6; c++)
    if (c != 5)
      CHECK(by_code[c] > 0);
  printf("random elements: %ld calls; codes 0:%ld 1:%ld 2:%ld 3:%ld 4:%ld "
         "6:%ld\n",
         calls, by_code[0], by_code[1], by_code[2], by_code[3], by_code[4],
         by_code[6]);
}

/* The zero-field contract of sgp4_model.h for branch-free batch code. */
static int truncated_drag_zero(const ow_sgp4 *m)
{
  const ow_sgp4_near *n = &m->near;
  return n->isimp == 1 && n->cc5 == 0.0 && n->omgcof == 0.0 &&
         n->xmcof == 0.0 && n->d2 == 0.0 && n->d3 == 0.0 && n->d4 == 0.0 &&
         n->t3cof == 0.0 && n->t4cof == 0.0 && n->t5cof == 0.0;
}

static void test_zero_fields(void)
{
  static const ow_sgp4_deep zero_deep;
  ow_sgp4 m;
  ow_elset e = el_00005(); /* near full */
  ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  CHECK(m.near.isimp == 0 && m.near.d2 != 0.0 && m.near.cc5 != 0.0);
  CHECK(memcmp(&m.deep, &zero_deep, sizeof zero_deep) == 0);
  e = el_28872(); /* near simple */
  ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  CHECK(truncated_drag_zero(&m));
  CHECK(memcmp(&m.deep, &zero_deep, sizeof zero_deep) == 0);
  e = el_11801(); /* deep, no resonance */
  ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  CHECK(truncated_drag_zero(&m));
  CHECK(m.deep.xlamo == 0.0 && m.deep.del1 == 0.0 && m.deep.d2201 == 0.0);
  e = el_09880(); /* 12 h resonance */
  ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  CHECK(truncated_drag_zero(&m));
  CHECK(m.deep.del1 == 0.0 && m.deep.d2201 != 0.0);
  e = el_14128(); /* 24 h resonance */
  ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  CHECK(m.deep.del1 != 0.0 && m.deep.d2201 == 0.0);
}

int main(void)
{
  test_refcode();
  test_implausible();
  test_published_states();
  test_error_exits();
  test_bad_input();
  test_purity();
  test_options();
  test_tsince_range();
  test_zero_fields();
  test_random_elements();
  return check_done();
}
