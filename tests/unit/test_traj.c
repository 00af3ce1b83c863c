/*
** test_traj.c - the trajectory interface (orbwatch/traj.h).
**
** Truth for the tables is the SGP4 model they are sampled from
** (ow_sgp4_propagate, itself checked against the reference by
** test_sgp4_ver); what is under test is the interpolation, the span and
** segment rules and the error estimate. (A comparison of the interpolants
** with scipy's is not written yet: see docs/trajectories.md.)
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Interpolation error allowed against the SGP4 model (named per case). */
#define TOL_LEO_60S_KM 1.0e-6    /* 8-point Lagrange, LEO, 60 s step */
#define TOL_GEO_300S_KM 1.0e-5   /* 8-point Lagrange, GEO, 300 s step:
                                    SDP4 itself kinks by mm (below) */
#define TOL_HEO_60S_KM 1.0e-3    /* Molniya perigee, 60 s step */
#define TOL_HERMITE_LEO_KM 1.0e-3 /* Hermite on SGP4 samples (see below) */
#define TOL_HERMITE_GEO_KM 2.0e-2
#define TOL_ROUND_KM 1.0e-9      /* rounding of exact data (Kepler) */
#define TOL_ROUND_KM_S 1.0e-12
/*
** SGP4 states are not perfectly smooth: Kepler's equation is solved to
** 1e-12 rad (noise of ~1e-8 km, amplified by the interpolation weights),
** and SDP4's resonance integrator restarts its Taylor step every 720 min
** from epoch, a kink of a few mm at GEO that no estimate from the samples
** can see. The estimate is checked against the true error above these
** floors. SGP4 velocities are not the derivative of SGP4 positions either
** (by up to 2e-5 km/s in LEO, measured with python-sgp4), which is why
** Hermite does worse than Lagrange on SGP4 samples and is checked on a
** Kepler orbit instead.
*/
#define TOL_SGP4_NOISE_KM 1.0e-7
#define TOL_SDP4_KINK_KM 5.0e-6

static ow_jd tle_epoch(int year, double doy)
{
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
  snprintf(e.name, sizeof e.name, "OBJ %u", norad);
  snprintf(e.object_id, sizeof e.object_id, "98067A");
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

static ow_elset el_leo(void) /* ISS-like, 2023 */
{
  return mk(25544, 2023, 282.48837963, 0.15524e-3, 51.6416, 33.2347,
            0.0005791, 71.0346, 41.5283, 15.49941562);
}
static ow_elset el_geo(void) /* 14128 of the verification set */
{
  return mk(14128, 2006, 176.02844893, 0.10000e-3, 11.4384, 35.2134,
            0.0011562, 26.4582, 333.5652, 0.98870114);
}
static ow_elset el_heo(void) /* 09880, Molniya */
{
  return mk(9880, 2006, 176.56157475, 0.10000e-3, 64.5968, 349.3786,
            0.7069051, 270.0229, 16.3320, 2.00813614);
}

static ow_jd add_s(ow_jd a, double s)
{
  ow_jd b;
  b.day = a.day;
  b.frac = a.frac + s / 86400.0;
  return ow_jd_normalize(b);
}

static double dist3(const double *a, const double *b)
{
  return sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
              (a[2] - b[2]) * (a[2] - b[2]));
}

/* A table of n states every step_s from t0, sampled from the model. */
typedef struct sample {
  size_t n;
  ow_jd *t;
  double (*r)[3], (*v)[3];
} sample;

static void sample_model(const ow_traj *sg, ow_jd t0, double step_s,
                         size_t n, sample *s)
{
  s->n = n;
  s->t = malloc(n * sizeof *s->t);
  s->r = malloc(n * sizeof *s->r);
  s->v = malloc(n * sizeof *s->v);
  for (size_t k = 0; k < n; k++) {
    s->t[k] = add_s(t0, (double)k * step_s);
    CHECK_EQ_INT(ow_traj_state(sg, s->t[k], s->r[k], s->v[k], NULL), OW_OK);
  }
}

static void sample_free(sample *s)
{
  free(s->t);
  free(s->r);
  free(s->v);
}

static void test_sgp4_bit_for_bit(void)
{
  ow_elset e = el_leo();
  ow_traj t;
  ow_sgp4 m;
  CHECK_EQ_INT(ow_traj_init_sgp4(&t, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                                 NULL), OW_OK);
  CHECK_EQ_INT(ow_sgp4_init(&m, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL),
               OW_OK);
  CHECK_EQ_INT(t.kind, OW_TRAJ_SGP4);
  CHECK_EQ_INT(t.norad, 25544);
  CHECK_STR(t.name, "OBJ 25544");
  for (int k = -100; k <= 100; k++) {
    ow_jd q = add_s(e.epoch_utc, k * 977.123);
    double tsince = ((q.day - e.epoch_utc.day) + (q.frac - e.epoch_utc.frac)) *
                    1440.0;
    double r1[3], v1[3], r2[3], v2[3];
    int a = ow_traj_state(&t, q, r1, v1, NULL);
    int b = ow_sgp4_propagate(&m, tsince, r2, v2);
    CHECK_EQ_INT(a, b);
    CHECK(memcmp(r1, r2, sizeof r1) == 0 && memcmp(v1, v2, sizeof v1) == 0);
  }
  {
    double pe, ve;
    ow_jd a, b;
    CHECK_EQ_INT(ow_traj_interp_error_km(&t, e.epoch_utc, &pe, &ve, NULL),
                 OW_OK);
    CHECK(pe == 0.0 && ve == 0.0);
    CHECK_EQ_INT(ow_traj_span(&t, &a, &b), OW_OK);
    CHECK(a.day < e.epoch_utc.day && b.day > e.epoch_utc.day);
    double cov[6][6];
    CHECK_EQ_INT(ow_traj_covariance(&t, e.epoch_utc, cov, NULL, NULL),
                 OW_E_NOT_FOUND);
  }
  ow_traj_free(&t);
  CHECK_EQ_INT(t.kind, OW_TRAJ_NONE);
  ow_traj_free(&t);
  ow_traj_free(NULL);
}

/*
** Interpolate a table sampled from an element set at off-grid times and
** compare with the model: within tol, and within the stated estimate.
** Returns the largest ratio estimate / true error seen (for the report).
*/
static void check_table_vs_model(const char *what, ow_elset e, double step_s,
                                 size_t n, ow_interp method, int points,
                                 double tol_km, double floor_km)
{
  ow_traj sg, tab;
  sample s;
  ow_traj_table d;
  double max_err = 0, max_est = 0, max_verr = 0, worst_ratio = 0;
  int est_ok = 1;
  CHECK_EQ_INT(ow_traj_init_sgp4(&sg, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                                 NULL), OW_OK);
  sample_model(&sg, add_s(e.epoch_utc, 3600.0), step_s, n, &s);
  memset(&d, 0, sizeof d);
  d.n = n;
  d.epoch_utc = s.t;
  d.r_teme_km = (const double(*)[3])s.r;
  d.v_teme_km_s = (const double(*)[3])s.v;
  d.interp = method;
  d.points = points;
  d.norad = e.norad;
  CHECK_EQ_INT(ow_traj_init_table(&tab, &d, NULL), OW_OK);
  for (size_t k = 0; k + 1 < n; k++)
    for (int q = 1; q < 8; q++) {
      ow_jd at = add_s(s.t[k], step_s * q / 8.0 + 0.0137 * q);
      double r1[3], v1[3], r2[3], v2[3], pe, ve;
      CHECK_EQ_INT(ow_traj_state(&tab, at, r1, v1, NULL), OW_OK);
      ow_traj_state(&sg, at, r2, v2, NULL);
      CHECK_EQ_INT(ow_traj_interp_error_km(&tab, at, &pe, &ve, NULL), OW_OK);
      double er = dist3(r1, r2), ev = dist3(v1, v2);
      max_err = fmax(max_err, er);
      max_verr = fmax(max_verr, ev);
      max_est = fmax(max_est, pe);
      if (floor_km >= 0 && er > pe + floor_km) {
        if (est_ok)
          fprintf(stderr, "%s: at %zu/%d true %.3g km est %.3g km; true %.3g"
                          " km/s est %.3g\n", what, k, q, er, pe, ev, ve);
        est_ok = 0;
      }
      if (er > 0)
        worst_ratio = fmax(worst_ratio, pe / er);
    }
  CHECK(max_err <= tol_km);
  CHECK(est_ok);
  {
    double pmax, vmax;
    CHECK_EQ_INT(ow_traj_interp_error_max_km(&tab, s.t[0], s.t[n - 1], &pmax,
                                             &vmax), OW_OK);
    CHECK(floor_km < 0 || pmax + floor_km >= max_err);
  }
  printf("%s: max true error %.3g km, %.3g km/s; max estimate %.3g km\n",
         what, max_err, max_verr, max_est);
  /* At the table's own epochs the state is the table's (to rounding). */
  for (size_t k = 0; k < n; k += 7) {
    double r[3], v[3], pe;
    CHECK_EQ_INT(ow_traj_state(&tab, s.t[k], r, v, NULL), OW_OK);
    CHECK(dist3(r, s.r[k]) <= TOL_ROUND_KM);
    ow_traj_interp_error_km(&tab, s.t[k], &pe, NULL, NULL);
    CHECK(pe <= TOL_ROUND_KM);
  }
  ow_traj_free(&tab);
  sample_free(&s);
}

static void test_tables(void)
{
  check_table_vs_model("LEO 60 s Lagrange 8", el_leo(), 60.0, 200,
                       OW_INTERP_LAGRANGE, 0, TOL_LEO_60S_KM,
                       TOL_SGP4_NOISE_KM);
  check_table_vs_model("LEO 60 s Hermite 4", el_leo(), 60.0, 200,
                       OW_INTERP_HERMITE, 0, TOL_HERMITE_LEO_KM, -1);
  check_table_vs_model("GEO 300 s Lagrange 8", el_geo(), 300.0, 300,
                       OW_INTERP_LAGRANGE, 0, TOL_GEO_300S_KM,
                       TOL_SDP4_KINK_KM);
  check_table_vs_model("GEO 300 s Hermite 4", el_geo(), 300.0, 300,
                       OW_INTERP_HERMITE, 0, TOL_HERMITE_GEO_KM, -1);
  check_table_vs_model("HEO 60 s Lagrange 8", el_heo(), 60.0, 800,
                       OW_INTERP_LAGRANGE, 0, TOL_HEO_60S_KM,
                       TOL_SDP4_KINK_KM);
  check_table_vs_model("LEO 60 s Lagrange 4", el_leo(), 60.0, 100,
                       OW_INTERP_LAGRANGE, 4, 1.0e-2, TOL_SGP4_NOISE_KM);
}


/* Two-body orbit (exact, consistent velocities): a, e, i and the time. */
static void kepler(double a_km, double ecc, double incl_rad, double t_s,
                   double r[3], double v[3])
{
  const double mu = 398600.4418; /* km^3/s^2, any value will do */
  double n = sqrt(mu / (a_km * a_km * a_km)), M = n * t_s, E = M;
  for (int k = 0; k < 50; k++)
    E -= (E - ecc * sin(E) - M) / (1.0 - ecc * cos(E));
  double b = a_km * sqrt(1.0 - ecc * ecc), rr = a_km * (1.0 - ecc * cos(E));
  double px = a_km * (cos(E) - ecc), py = b * sin(E);
  double Ed = n * a_km / rr;
  double vx = -a_km * sin(E) * Ed, vy = b * cos(E) * Ed;
  r[0] = px;
  r[1] = py * cos(incl_rad);
  r[2] = py * sin(incl_rad);
  v[0] = vx;
  v[1] = vy * cos(incl_rad);
  v[2] = vy * sin(incl_rad);
}

/* The estimate bounds the true error on exact data, both methods. */
static void check_kepler(const char *what, double a_km, double ecc,
                         double step_s, size_t n, ow_interp method,
                         double tol_km)
{
  ow_jd t0, *t = malloc(n * sizeof *t);
  double (*r)[3] = malloc(n * sizeof *r), (*v)[3] = malloc(n * sizeof *v);
  double max_err = 0, max_est = 0, worst = 1e300;
  int ok = 1;
  ow_traj tr;
  ow_traj_table d;
  ow_time_from_calendar(2024, 3, 1, 0, 0, 0.0, &t0);
  for (size_t k = 0; k < n; k++) {
    t[k] = add_s(t0, (double)k * step_s);
    kepler(a_km, ecc, 0.9, (double)k * step_s, r[k], v[k]);
  }
  memset(&d, 0, sizeof d);
  d.n = n;
  d.epoch_utc = t;
  d.r_teme_km = (const double(*)[3])r;
  d.v_teme_km_s = (const double(*)[3])v;
  d.interp = method;
  CHECK_EQ_INT(ow_traj_init_table(&tr, &d, NULL), OW_OK);
  for (size_t k = 0; k + 1 < n; k++)
    for (int q = 1; q < 6; q++) {
      double s = ((double)k + q / 6.0) * step_s, rt[3], vt[3], ri[3], vi[3];
      double pe, ve;
      kepler(a_km, ecc, 0.9, s, rt, vt);
      CHECK_EQ_INT(ow_traj_state(&tr, add_s(t0, s), ri, vi, NULL), OW_OK);
      ow_traj_interp_error_km(&tr, add_s(t0, s), &pe, &ve, NULL);
      double er = dist3(ri, rt), ev = dist3(vi, vt);
      max_err = fmax(max_err, er);
      max_est = fmax(max_est, pe);
      if (er > TOL_ROUND_KM * 10)
        worst = fmin(worst, pe / er);
      if (er > pe + TOL_ROUND_KM || ev > ve + TOL_ROUND_KM_S) {
        if (ok)
          fprintf(stderr, "%s: at %zu/%d true %.3g km est %.3g km; true "
                          "%.3g km/s est %.3g\n", what, k, q, er, pe, ev, ve);
        ok = 0;
      }
    }
  CHECK(ok);
  CHECK(max_err <= tol_km);
  printf("%s: max true error %.3g km, max estimate %.3g km, smallest "
         "estimate/true %.3g\n", what, max_err, max_est, worst);
  ow_traj_free(&tr);
  free(t);
  free(r);
  free(v);
}

static void test_kepler(void)
{
  check_kepler("Kepler LEO 60 s Lagrange 8", 6878.0, 0.001, 60.0, 200,
               OW_INTERP_LAGRANGE, TOL_LEO_60S_KM);
  check_kepler("Kepler LEO 60 s Hermite 4", 6878.0, 0.001, 60.0, 200,
               OW_INTERP_HERMITE, TOL_LEO_60S_KM);
  check_kepler("Kepler GEO 300 s Lagrange 8", 42164.0, 0.0002, 300.0, 300,
               OW_INTERP_LAGRANGE, TOL_GEO_300S_KM);
  check_kepler("Kepler GEO 300 s Hermite 4", 42164.0, 0.0002, 300.0, 300,
               OW_INTERP_HERMITE, TOL_GEO_300S_KM);
  check_kepler("Kepler HEO 60 s Hermite 4", 26600.0, 0.7, 60.0, 800,
               OW_INTERP_HERMITE, TOL_HEO_60S_KM);
}

static void test_span_segments_cov(void)
{
  ow_elset e = el_leo();
  ow_traj sg, tab;
  sample s;
  ow_traj_table d;
  size_t seg[2] = {0, 50};
  double cov[3][6][6], c[6][6], r[3], v[3];
  ow_jd cov_t[3], a, b, used;
  ow_err err;
  ow_traj_init_sgp4(&sg, &e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  sample_model(&sg, e.epoch_utc, 60.0, 100, &s);
  /* Make a gap: the second segment starts at sample 50 shifted by 10 min
     (its states are the model's at the new times). */
  for (size_t k = 50; k < 100; k++) {
    s.t[k] = add_s(s.t[k], 600.0);
    ow_traj_state(&sg, s.t[k], s.r[k], s.v[k], NULL);
  }
  memset(cov, 0, sizeof cov);
  for (int i = 0; i < 3; i++) {
    cov_t[i] = s.t[i * 40];
    for (int j = 0; j < 6; j++)
      cov[i][j][j] = i + 1.0;
  }
  memset(&d, 0, sizeof d);
  d.n = 100;
  d.epoch_utc = s.t;
  d.r_teme_km = (const double(*)[3])s.r;
  d.v_teme_km_s = (const double(*)[3])s.v;
  d.n_seg = 2;
  d.seg_start = seg;
  d.n_cov = 3;
  d.cov_epoch_utc = cov_t;
  d.cov_teme = (const double(*)[6][6])cov;
  d.name = "TABLE";
  d.object_id = "1998-067A";
  CHECK_EQ_INT(ow_traj_init_table(&tab, &d, &err), OW_OK);
  CHECK_STR(tab.object_id, "1998-067A");
  CHECK_EQ_INT(ow_traj_span(&tab, &a, &b), OW_OK);
  CHECK(a.day == s.t[0].day && a.frac == s.t[0].frac);
  CHECK(b.day == s.t[99].day && b.frac == s.t[99].frac);
  /* Outside and in the gap: errors, zeroed outputs, never extrapolation. */
  CHECK_EQ_INT(ow_traj_state(&tab, add_s(s.t[0], -1.0), r, v, &err),
               OW_E_RANGE);
  CHECK(r[0] == 0 && v[0] == 0);
  CHECK(strstr(err.msg, "before the start") != NULL);
  CHECK_EQ_INT(ow_traj_state(&tab, add_s(s.t[99], 1.0), r, v, &err),
               OW_E_RANGE);
  CHECK(strstr(err.msg, "after the end") != NULL);
  CHECK_EQ_INT(ow_traj_state(&tab, add_s(s.t[49], 300.0), r, v, &err),
               OW_E_RANGE);
  CHECK(strstr(err.msg, "gap") != NULL);
  /* Near a segment edge the window stays inside its segment: the state
     still matches the model (a window across the gap would not). */
  {
    double r2[3], v2[3];
    ow_jd q = add_s(s.t[49], -20.0);
    CHECK_EQ_INT(ow_traj_state(&tab, q, r, v, NULL), OW_OK);
    ow_traj_state(&sg, q, r2, v2, NULL);
    CHECK(dist3(r, r2) < 1e-5);
    q = add_s(s.t[50], 20.0);
    CHECK_EQ_INT(ow_traj_state(&tab, q, r, v, NULL), OW_OK);
    ow_traj_state(&sg, q, r2, v2, NULL);
    CHECK(dist3(r, r2) < 1e-5);
  }
  /* Edges themselves are in. */
  CHECK_EQ_INT(ow_traj_state(&tab, s.t[0], r, v, NULL), OW_OK);
  CHECK_EQ_INT(ow_traj_state(&tab, s.t[99], r, v, NULL), OW_OK);
  /* Covariance: nearest epoch, the earlier on a tie. */
  CHECK_EQ_INT(ow_traj_covariance(&tab, add_s(s.t[0], 60.0 * 19), c, &used,
                                  NULL), OW_OK);
  CHECK(c[0][0] == 1.0 && used.frac == cov_t[0].frac);
  CHECK_EQ_INT(ow_traj_covariance(&tab, add_s(s.t[0], 60.0 * 20), c, &used,
                                  NULL), OW_OK);
  CHECK(c[0][0] == 1.0); /* tie: 20 min from both */
  CHECK_EQ_INT(ow_traj_covariance(&tab, add_s(s.t[0], 60.0 * 21), c, &used,
                                  NULL), OW_OK);
  CHECK(c[0][0] == 2.0);
  CHECK_EQ_INT(ow_traj_covariance(&tab, s.t[99], c, &used, NULL), OW_OK);
  CHECK(c[5][5] == 3.0);
  CHECK_EQ_INT(ow_traj_covariance(&tab, add_s(s.t[99], 5), c, &used, NULL),
               OW_E_RANGE);
  CHECK(c[5][5] == 0.0);
  ow_traj_free(&tab);

  /* Refused tables. */
  d.n_seg = 0;
  d.n_cov = 0;
  {
    ow_jd keep = s.t[10];
    s.t[10] = s.t[9];
    CHECK_EQ_INT(ow_traj_init_table(&tab, &d, &err), OW_E_RANGE);
    CHECK(strstr(err.msg, "epoch 10") != NULL);
    CHECK_EQ_INT(tab.kind, OW_TRAJ_NONE);
    s.t[10] = keep;
    s.r[3][1] = NAN;
    CHECK_EQ_INT(ow_traj_init_table(&tab, &d, &err), OW_E_RANGE);
    s.r[3][1] = 1.0;
    d.points = 1;
    CHECK_EQ_INT(ow_traj_init_table(&tab, &d, &err), OW_E_ARG);
    d.points = 0;
    d.n = 0;
    CHECK_EQ_INT(ow_traj_init_table(&tab, &d, &err), OW_E_ARG);
  }
  CHECK_EQ_INT(ow_traj_state(&tab, s.t[0], r, v, NULL), OW_E_ARG);
  sample_free(&s);
}

/* A table that crosses a leap second (2016-12-31T23:59:60): TAI is the
** variable, so a smooth motion sampled in TAI stays smooth. */
static void test_leap_second(void)
{
  ow_jd t0, tab_t[20];
  double r[20][3], v[20][3], rq[3], vq[3];
  ow_traj t;
  ow_traj_table d;
  ow_time_from_calendar(2016, 12, 31, 23, 50, 0.0, &t0);
  for (int k = 0; k < 20; k++) {
    double s = 60.0 * k; /* SI seconds since t0 */
    ow_utc_add_s(t0, s, &tab_t[k]);
    r[k][0] = 7000.0 + 0.5 * s;
    r[k][1] = r[k][2] = 0.0;
    v[k][0] = 0.5;
    v[k][1] = v[k][2] = 0.0;
  }
  memset(&d, 0, sizeof d);
  d.n = 20;
  d.epoch_utc = tab_t;
  d.r_teme_km = (const double(*)[3])r;
  d.v_teme_km_s = (const double(*)[3])v;
  CHECK_EQ_INT(ow_traj_init_table(&t, &d, NULL), OW_OK);
  CHECK_EQ_INT(t.utc_uniform, 0);
  {
    ow_jd q;
    ow_utc_add_s(t0, 630.0, &q); /* 00:00:29 after the leap second */
    CHECK_EQ_INT(ow_traj_state(&t, q, rq, vq, NULL), OW_OK);
    CHECK_NEAR(rq[0], 7000.0 + 315.0, 1e-8);
  }
  ow_traj_free(&t);
}

int main(void)
{
  test_sgp4_bit_for_bit();
  test_tables();
  test_kepler();
  test_span_segments_cov();
  test_leap_second();
  return check_done();
}
