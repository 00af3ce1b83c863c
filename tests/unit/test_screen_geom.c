/*
** test_screen_geom.c - the orbit-geometry filter (screen_geom.c) against
** the scalar SGP4 model, over 7 days from the middle epoch of the 2023-10
** catalog (../shared/data):
**   envelope  every sampled object's state, every 10 min, lies inside the
**             envelope of its window (plane distance, radius for its
**             angle from the perigee direction);
**   safety    among all pairs of a sample mixing LEO, MEO, GTO/HEO, GEO,
**             deep-space and decaying objects, every pair the filter
**             rejects has a true minimum distance above D (states every
**             120 s, a distance lower bound from the speed bounds between
**             samples, intervals that may go below D subdivided then
**             refined by golden-section search); reports the fraction
**             rejected and the smallest true minimum among rejected pairs;
**   crossing  pairs built to meet (orbits crossing where the first object
**             is at t_c, after 0.3 to 6.8 days of drift) are never
**             rejected at any D above their true minimum;
**   screen    ow_screen_run gives the same events with the filter on and
**             off (all-vs-all and primaries) and counts its rejections.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"
#include "screen_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define SPAN_DAY 7.0

#if CHECK_SANITIZED
#define SAN 6
#else
#define SAN 1
#endif

static int load(const char *file, ow_catalog *cat)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/%s", check_shared_dir(), file);
  ow_catalog_init(cat);
  return ow_catalog_load_file(cat, path, OW_FMT_AUTO, NULL, NULL, NULL, NULL);
}

static double min_from(ow_jd t0, ow_jd ep)
{
  return ((t0.day - ep.day) + (t0.frac - ep.frac)) * 1440.0;
}

static double dot(const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static double norm(const double a[3])
{
  return sqrt(dot(a, a));
}

/* The object, its model, bounds and filter data at t0. */
typedef struct obj {
  ow_elset e;
  ow_sgp4 m;
  ow__screen_obj b;
  ow__screen_geom g;
  double off_min; /* t0 - epoch, min */
} obj;

static int make_obj(obj *o, const ow_elset *e, ow_jd t0)
{
  o->e = *e;
  if (ow_sgp4_init(&o->m, e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL) !=
      OW_OK)
    return 0;
  o->off_min = min_from(t0, o->m.epoch_utc);
  double a0 = o->off_min / 1440.0;
  ow__screen_object_bounds(e, fmax(fabs(a0), fabs(a0 + SPAN_DAY)), &o->b);
  ow__screen_geom_init(&o->g, &o->m, t0, SPAN_DAY);
  return 1;
}

/* State at t seconds from t0; 0 if the screen would not use it. */
static int state(const obj *o, double t_s, double r[3], double v[3])
{
  if (ow_sgp4_propagate(&o->m, o->off_min + t_s / 60.0, r, v) != OW_OK)
    return 0;
  return ow__screen_plausible(&o->b, r[0], r[1], r[2], v[0], v[1], v[2]);
}

/* Conic radius range over |f| in [fa, fb] (written here, not the
** library's): the extremes over the box of p and e at the ends. */
static void conic_range(const ow__screen_geom_win *w, double fa, double fb,
                        double *lo, double *hi)
{
  fa = fmax(0.0, fa), fb = fmin(PI, fb);
  *lo = INFINITY, *hi = -INFINITY;
  const double es[2] = {w->e_lo, w->e_hi}, fs[2] = {fa, fb};
  for (int i = 0; i < 2; i++)
    for (int k = 0; k < 2; k++) {
      *lo = fmin(*lo, w->p_lo_km / (1.0 + es[i] * cos(fs[k])));
      *hi = fmax(*hi, w->p_hi_km / (1.0 + es[i] * cos(fs[k])));
    }
  *lo -= w->dr_km, *hi += w->dr_km;
}

/* Which window of the span's split holds t. */
static void window_at(const obj *o, double t_s, ow__screen_geom_win *w)
{
  double span_s = SPAN_DAY * 86400.0;
  size_t nw = ow__screen_geom_nwin(span_s);
  double len = span_s / (double)nw;
  size_t k = (size_t)(t_s / len);
  if (k >= nw)
    k = nw - 1;
  ow__screen_geom_window(&o->g, (double)k * len, (double)(k + 1) * len, w);
}

static void test_envelope(const ow_catalog *cat, ow_jd t0)
{
  size_t nobj = 0, nusable = 0, nstates = 0, bad_z = 0, bad_r = 0;
  size_t ndeep = 0;
  double worst_z = 0, worst_r = 0, slack_z = INFINITY, slack_r = INFINITY;
  uint32_t worst_z_id = 0, worst_r_id = 0, slack_r_id = 0;
  for (size_t i = 0; i < cat->n; i++) {
    int deep = cat->items[i].n_rev_day < 6.4;
    if (i % (deep ? 3 * SAN : 12 * SAN) != 0)
      continue;
    obj o;
    if (!make_obj(&o, &cat->items[i], t0))
      continue;
    nobj++;
    if (!o.g.usable)
      continue;
    nusable++;
    ndeep += o.g.deep;
    for (double t = 0; t <= SPAN_DAY * 86400.0; t += 600.0 * SAN)
      for (int kind = 0; kind < 3; kind++) {
        double r[3], v[3];
        if (!state(&o, t, r, v))
          continue;
        /* The three uses: the span's split (primaries), the whole span in
        ** one window (primaries, tried first), a chunk of 64 steps of
        ** 60 s (all pairs). */
        ow__screen_geom_win w;
        double c0 = floor(t / 3840.0) * 3840.0;
        if (kind == 0)
          window_at(&o, t, &w);
        else if (kind == 1)
          ow__screen_geom_window(&o.g, 0.0, SPAN_DAY * 86400.0, &w);
        else
          ow__screen_geom_window(&o.g, fmax(0.0, c0 - 60.0), c0 + 3840.0, &w);
        if (!w.usable)
          continue;
        nstates++;
        double rn = norm(r);
        /* Plane: |r . n(t)| <= z and n(t) within alpha of w.n. */
        double zr = fabs(dot(r, w.n)) / (w.z_km + rn * sin(w.alpha));
        /* Radius for the angle from the perigee direction. */
        double phi = acos(fmax(-1.0, fmin(1.0, dot(r, w.p) / rn)));
        double lo, hi;
        conic_range(&w, phi - w.eps_f, phi + w.eps_f, &lo, &hi);
        /* Fraction of the half-range used (<= 1 inside). */
        double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
        double rr = fabs(rn - mid) / half;
        slack_z = fmin(slack_z,
                       w.z_km + rn * sin(w.alpha) - fabs(dot(r, w.n)));
        if (fmin(rn - lo, hi - rn) < slack_r)
          slack_r = fmin(rn - lo, hi - rn), slack_r_id = o.e.norad;
        if (zr > worst_z)
          worst_z = zr, worst_z_id = o.e.norad;
        if (rr > worst_r)
          worst_r = rr, worst_r_id = o.e.norad;
        if (zr > 1.0 || rr > 1.0) {
          if ((bad_z += zr > 1.0) + (bad_r += rr > 1.0) < 10)
            fprintf(stderr, "envelope: %u at %.0f s: plane %.3f radius %.3f "
                    "(r %.3f in [%.3f, %.3f])\n", o.e.norad, t, zr, rr, rn,
                    lo, hi);
        }
      }
  }
  printf("envelope: %zu objects (%zu usable, %zu deep space), %zu states: "
         "worst plane ratio %.3f (%u), worst radius ratio %.3f (%u); "
         "smallest slack: plane %.3f km, radius %.3f km (%u)\n", nobj,
         nusable, ndeep, nstates, worst_z, worst_z_id, worst_r, worst_r_id,
         slack_z, slack_r, slack_r_id);
  CHECK_EQ_INT(bad_z, 0);
  CHECK_EQ_INT(bad_r, 0);
  CHECK(nusable > nobj / 2);
  CHECK(ndeep > 50 / SAN);
}

/* ---- safety over real pairs ------------------------------------------- */

/* Smallest distance of the pair over [a, b] (s), golden-section search
** of a unimodal stretch. */
static double golden_min(const obj *p, const obj *q, double a, double b)
{
  const double g = 0.5 * (sqrt(5.0) - 1.0);
  double r1[3], v1[3], r2[3], v2[3], dd[3];
#define DIST(t, out)                                                       \
  do {                                                                     \
    ow_sgp4_propagate(&p->m, p->off_min + (t) / 60.0, r1, v1);             \
    ow_sgp4_propagate(&q->m, q->off_min + (t) / 60.0, r2, v2);             \
    dd[0] = r2[0] - r1[0], dd[1] = r2[1] - r1[1], dd[2] = r2[2] - r1[2];   \
    out = norm(dd);                                                        \
  } while (0)
  double c = b - g * (b - a), d = a + g * (b - a), fc, fd, fa, fb;
  DIST(c, fc);
  DIST(d, fd);
  DIST(a, fa);
  DIST(b, fb);
  while (b - a > 1e-3) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - g * (b - a);
      DIST(c, fc);
    } else {
      a = c, c = d, fc = fd;
      d = a + g * (b - a);
      DIST(d, fd);
    }
  }
#undef DIST
  return fmin(fmin(fc, fd), fmin(fa, fb));
}

/* Lower bound of the pair's distance over [t, t + h] from the distances
** at both ends and the speed bound vmax: refined by halving while it is
** below lim; below 1 s, the minimum found by golden-section search. */
static double lower(const obj *p, const obj *q, double t, double h,
                    double da, double db, double vmax, double lim)
{
  double lb = 0.5 * (da + db - vmax * h);
  if (lb > lim)
    return lb;
  if (h <= 1.0)
    return golden_min(p, q, t, t + h);
  double r1[3], v1[3], r2[3], v2[3], dd[3];
  ow_sgp4_propagate(&p->m, p->off_min + (t + 0.5 * h) / 60.0, r1, v1);
  ow_sgp4_propagate(&q->m, q->off_min + (t + 0.5 * h) / 60.0, r2, v2);
  dd[0] = r2[0] - r1[0], dd[1] = r2[1] - r1[1], dd[2] = r2[2] - r1[2];
  double dm = norm(dd);
  double a = lower(p, q, t, 0.5 * h, da, dm, vmax, lim);
  if (a <= lim)
    return a;
  return fmin(a, lower(p, q, t + 0.5 * h, 0.5 * h, dm, db, vmax, lim));
}

typedef struct cls {
  const char *name;
  size_t want, got;
} cls;

static int class_of(const ow_elset *e)
{
  double hp, ha;
  ow_elset_heights(e, &hp, &ha);
  if (e->ndot_rev_day2 > 1e-3 && hp < 400)
    return 0; /* decaying */
  if (e->n_rev_day > 11.25 && e->ecc < 0.1)
    return 1; /* LEO */
  if (fabs(e->n_rev_day - 1.0027) < 0.05 && e->ecc < 0.02)
    return 4; /* GEO */
  if (e->ecc >= 0.2)
    return 3; /* GTO, HEO, Molniya */
  return 2;   /* MEO and the rest */
}

/* Every pair of o[0..n) that the filter rejects over the span at D = 5
** and 25 km: its true minimum must be above D. */
static void check_pairs(const char *label, obj *o, size_t n,
                        size_t min_share_inv)
{
  const double step = 120.0, span_s = SPAN_DAY * 86400.0;
  size_t nt = (size_t)(span_s / step) + 1;
  double *pos = malloc(nt * n * 3 * sizeof *pos);
  unsigned char *ok = malloc(nt * n);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < nt; k++) {
      double v[3];
      ok[k * n + i] = (unsigned char)state(&o[i], k * step,
                                           &pos[3 * (k * n + i)], v);
    }
  static const double ds[2] = {5.0, 25.0};
  for (int di = 0; di < 2; di++) {
    double d = ds[di];
    size_t pairs = 0, band = 0, rejected = 0, wrong = 0, below10 = 0;
    double worst = INFINITY;
    uint32_t w1 = 0, w2 = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = i + 1; j < n; j++) {
        pairs++;
        const ow__screen_obj *a = &o[i].b, *b = &o[j].b;
        if (b->band_lo_km > a->band_hi_km + d ||
            a->band_lo_km > b->band_hi_km + d)
          continue;
        band++;
        if (!ow__screen_geom_apart_span(&o[i].g, &o[j].g, d, span_s))
          continue;
        rejected++;
        /* True minimum above d? Lower bounds between samples. */
        double vmax = o[i].b.vmax_km_s + o[j].b.vmax_km_s;
        double mn = INFINITY;
        for (size_t k = 0; k + 1 < nt; k++) {
          size_t s0 = k * n, s1 = (k + 1) * n;
          if (!ok[s0 + i] || !ok[s0 + j] || !ok[s1 + i] || !ok[s1 + j])
            continue;
          const double *p0 = &pos[3 * (s0 + i)], *q0 = &pos[3 * (s0 + j)];
          const double *p1 = &pos[3 * (s1 + i)], *q1 = &pos[3 * (s1 + j)];
          double e0[3] = {q0[0] - p0[0], q0[1] - p0[1], q0[2] - p0[2]};
          double e1[3] = {q1[0] - p1[0], q1[1] - p1[1], q1[2] - p1[2]};
          double da = norm(e0), db = norm(e1);
          double lb = lower(&o[i], &o[j], k * step, step, da, db, vmax,
                            10.0 * d);
          mn = fmin(mn, lb);
        }
        below10 += mn <= 10.0 * d;
        if (mn < worst)
          worst = mn, w1 = o[i].e.norad, w2 = o[j].e.norad;
        if (mn <= d) {
          wrong++;
          fprintf(stderr, "safety: %u-%u rejected at D = %g km, minimum "
                  "%.3f km\n", o[i].e.norad, o[j].e.norad, d, mn);
        }
      }
    printf("safety %s, D = %g km: %zu objects, %zu pairs, %zu overlap "
           "radially, %zu rejected by geometry (%.1f%% of those), %zu of "
           "them come within 10 D; smallest true minimum among rejected "
           "%.2f km = %.1f D (%u-%u); wrong %zu\n", label, d, n, pairs, band,
           rejected, band ? 100.0 * rejected / band : 0.0, below10, worst,
           worst / d, w1, w2, wrong);
    CHECK_EQ_INT(wrong, 0);
    /* A meaningful share of the radially overlapping pairs goes. */
    CHECK(rejected * min_share_inv > band);
  }
  free(pos), free(ok);
}

static void test_safety(const ow_catalog *cat, ow_jd t0)
{
  cls cl[5] = {{"decaying", 12, 0}, {"LEO", 130, 0}, {"MEO", 40, 0},
               {"GTO/HEO", 70, 0}, {"GEO", 70, 0}};
  size_t cap = 0;
  for (int k = 0; k < 5; k++)
    cl[k].want = (cl[k].want + SAN - 1) / SAN, cap += cl[k].want;
  obj *o = malloc(cap * sizeof *o);
  size_t n = 0;
  /* A stride through the catalog so every class spreads over it. */
  for (size_t s = 0; s < 97 && n < cap; s++)
    for (size_t i = s; i < cat->n && n < cap; i += 97) {
      int c = class_of(&cat->items[i]);
      if (cl[c].got >= cl[c].want || (i / 97) % 7 != s % 7)
        continue;
      if (!make_obj(&o[n], &cat->items[i], t0))
        continue;
      cl[c].got++, n++;
    }
  printf("safety mixed: decaying %zu, LEO %zu, MEO %zu, GTO/HEO %zu, GEO "
         "%zu\n", cl[0].got, cl[1].got, cl[2].got, cl[3].got, cl[4].got);
  check_pairs("mixed", o, n, 4);
  /* The hard case: a dense band (perigee and apogee 750-850 km), where
  ** radii at the nodes differ by little, many eccentricities. */
  n = 0;
  cap = 160 / SAN;
  for (size_t i = 0; i < cat->n && n < cap; i += 5) {
    double hp, ha;
    ow_elset_heights(&cat->items[i], &hp, &ha);
    if (hp > 750 && ha < 850 && make_obj(&o[n], &cat->items[i], t0))
      n++;
  }
  check_pairs("LEO 750-850 km", o, n, 20);
  free(o);
}

/* ---- constructed crossing pairs -------------------------------------- */

/* B's position at t_c minus the target (km); 0 if SGP4 fails. */
static int mismatch(const ow_elset *eb, ow_jd t0, double tc_s,
                    const double ra[3], double f[3])
{
  ow_sgp4 m;
  double r[3], v[3];
  if (ow_sgp4_init(&m, eb, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL) !=
          OW_OK ||
      ow_sgp4_propagate(&m, min_from(t0, m.epoch_utc) + tc_s / 60.0, r, v) !=
          OW_OK)
    return 0;
  for (int k = 0; k < 3; k++)
    f[k] = r[k] - ra[k];
  return 1;
}

static double *param(ow_elset *e, int k)
{
  return k == 0 ? &e->raan_deg : k == 1 ? &e->argp_deg : &e->mean_anom_deg;
}

/* Solve the 3x3 system a x = b (Cramer; a is symmetric positive). */
static void solve3(double a[3][3], const double b[3], double x[3])
{
  double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
               a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
               a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  for (int c = 0; c < 3; c++) {
    double m[3][3];
    memcpy(m, a, sizeof m);
    for (int r = 0; r < 3; r++)
      m[r][c] = b[r];
    x[c] = (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
            m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
            m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])) / det;
  }
}

/*
** B: A's element set with the inclination changed by di_deg, then node,
** argument of perigee and mean anomaly solved (a grid scan, then
** Levenberg-Marquardt with finite differences) so that B is where A is at
** t_c: the orbits cross there, after t_c of drift.
*/
static int build_crossing(const obj *a, double di_deg, double tc_s, ow_jd t0,
                          obj *b)
{
  double ra[3], va[3];
  if (!state(a, tc_s, ra, va))
    return 0;
  ow_elset eb = a->e;
  eb.incl_deg = a->e.incl_deg + di_deg;
  if (eb.incl_deg <= 0.5 || eb.incl_deg >= 179.5)
    return 0;
  double best = INFINITY, bn = 0, bm = 0, f[3];
  for (int kn = 0; kn < 36; kn++)
    for (int km = 0; km < 36; km++) {
      eb.raan_deg = kn * 10.0, eb.mean_anom_deg = km * 10.0;
      if (mismatch(&eb, t0, tc_s, ra, f) && dot(f, f) < best)
        best = dot(f, f), bn = kn * 10.0, bm = km * 10.0;
    }
  eb.raan_deg = bn, eb.mean_anom_deg = bm;
  double lambda = 1e-3;
  if (!mismatch(&eb, t0, tc_s, ra, f))
    return 0;
  for (int it = 0; it < 60 && dot(f, f) > 1e-8; it++) {
    double jac[3][3], h = 1e-5;
    for (int k = 0; k < 3; k++) {
      double fk[3];
      *param(&eb, k) += h;
      int okk = mismatch(&eb, t0, tc_s, ra, fk);
      *param(&eb, k) -= h;
      if (!okk)
        return 0;
      for (int r = 0; r < 3; r++)
        jac[r][k] = (fk[r] - f[r]) / h;
    }
    double jtj[3][3], jtf[3], dx[3];
    for (int p = 0; p < 3; p++) {
      jtf[p] = 0;
      for (int r = 0; r < 3; r++)
        jtf[p] -= jac[r][p] * f[r];
      for (int q = 0; q < 3; q++) {
        jtj[p][q] = 0;
        for (int r = 0; r < 3; r++)
          jtj[p][q] += jac[r][p] * jac[r][q];
      }
    }
    double tr = jtj[0][0] + jtj[1][1] + jtj[2][2];
    for (int p = 0; p < 3; p++)
      jtj[p][p] += lambda * tr;
    solve3(jtj, jtf, dx);
    ow_elset trial = eb;
    for (int k = 0; k < 3; k++)
      *param(&trial, k) = fmod(*param(&trial, k) + dx[k] + 720.0, 360.0);
    double ft[3];
    if (mismatch(&trial, t0, tc_s, ra, ft) && dot(ft, ft) < dot(f, f)) {
      eb = trial;
      memcpy(f, ft, sizeof f);
      lambda *= 0.3;
    } else {
      lambda *= 10.0;
    }
  }
  return make_obj(b, &eb, t0);
}

static void test_crossing(const ow_catalog *cat, ow_jd t0)
{
  /* One of each: LEO sun-synchronous, LEO 53 deg, MEO (GNSS), GEO,
  ** Molniya, GTO, low-inclination GTO, low LEO with drag. */
  static const struct {
    const char *what;
    double n_lo, n_hi, e_lo, e_hi, i_lo, i_hi;
  } kinds[] = {
      {"LEO SSO", 14.0, 15.5, 0.0, 0.01, 97.0, 99.5},
      {"LEO 53", 15.0, 15.4, 0.0, 0.005, 52.5, 53.5},
      {"MEO", 1.9, 2.2, 0.0, 0.02, 50.0, 65.0},
      {"GEO", 0.99, 1.01, 0.0, 0.001, 0.0, 2.0},
      {"Molniya", 1.9, 2.1, 0.6, 0.75, 60.0, 66.0},
      {"GTO", 2.0, 3.2, 0.6, 0.75, 10.0, 30.0},
      {"GTO low i", 2.0, 3.2, 0.6, 0.75, 3.0, 9.0},
      {"low LEO", 15.6, 16.2, 0.0, 0.01, 40.0, 100.0},
  };
  static const double tcs[3] = {0.3, 3.2, 6.8};
  /* +3 deg keeps low-inclination pairs both in SDP4's Lyddane branch. */
  static const double dis[3] = {25.0, -7.0, 3.0};
  size_t built = 0, kept = 0, usable = 0;
  double worst_m = 0;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    const ow_elset *pick = NULL;
    for (size_t i = 0; i < cat->n && !pick; i++) {
      const ow_elset *e = &cat->items[i];
      if (e->n_rev_day >= kinds[k].n_lo && e->n_rev_day <= kinds[k].n_hi &&
          e->ecc >= kinds[k].e_lo && e->ecc <= kinds[k].e_hi &&
          e->incl_deg >= kinds[k].i_lo && e->incl_deg <= kinds[k].i_hi &&
          fabs(min_from(t0, e->epoch_utc)) < 3 * 1440.0)
        pick = e;
    }
    if (!pick) {
      fprintf(stderr, "crossing: no %s object\n", kinds[k].what);
      CHECK(0);
      continue;
    }
    obj a;
    if (!make_obj(&a, pick, t0))
      continue;
    for (int ti = 0; ti < 3; ti += SAN > 1 ? 2 : 1)
      for (int ii = 0; ii < 3; ii++) {
        obj b;
        double tc = tcs[ti] * 86400.0;
        if (!build_crossing(&a, dis[ii], tc, t0, &b))
          continue;
        /* True minimum near t_c (they meet there). */
        double m = golden_min(&a, &b, tc - 120.0, tc + 120.0);
        if (m > 10.0)
          continue; /* the solver stopped at a local minimum */
        built++;
        worst_m = fmax(worst_m, m);
        usable += a.g.usable && b.g.usable;
        /* Never rejected at D just above the minimum (nor at 5 km if
        ** they come closer than that), over the span or around t_c. */
        double d = m + 0.01;
        int rej = ow__screen_geom_apart_span(&a.g, &b.g, d,
                                             SPAN_DAY * 86400.0);
        ow__screen_geom_win wa, wb;
        ow__screen_geom_window(&a.g, tc - 60.0, tc + 60.0, &wa);
        ow__screen_geom_window(&b.g, tc - 60.0, tc + 60.0, &wb);
        rej |= ow__screen_geom_apart(&wa, &wb, d);
        if (m < 5.0)
          rej |= ow__screen_geom_apart_span(&a.g, &b.g, 5.0,
                                            SPAN_DAY * 86400.0);
        if (rej)
          fprintf(stderr, "crossing %s (%u), di %g, t_c %g d: minimum "
                  "%.3f km, rejected\n", kinds[k].what, a.e.norad,
                  dis[ii], tcs[ti], m);
        CHECK(!rej);
        kept += !rej;
        /* The windows far from t_c may still reject: not checked. */
      }
  }
  printf("crossing: %zu pairs built (%zu with the filter usable on both), "
         "true minima <= %.3f km, %zu kept\n", built, usable, worst_m, kept);
  CHECK(built >= 30 / SAN);
  CHECK(usable * 2 > built);
  CHECK_EQ_INT(kept, built);
}

/* ---- the screen with and without the filter ------------------------- */

static int same_events(const ow_screen_result *a, const ow_screen_result *b)
{
  if (a->n != b->n)
    return 0;
  for (size_t e = 0; e < a->n; e++) {
    const ow_screen_event *x = &a->events[e], *y = &b->events[e];
    if (x->norad_1 != y->norad_1 || x->norad_2 != y->norad_2 ||
        fabs(((x->tca_utc.day - y->tca_utc.day) +
              (x->tca_utc.frac - y->tca_utc.frac)) * 86400.0) > 1e-6 ||
        fabs(x->miss_km - y->miss_km) > 1e-9)
      return 0;
  }
  return 1;
}

static void test_screen_same(const ow_catalog *cat, ow_jd t0)
{
  size_t cap = cat->n / (9 * SAN) + 8, n = 0;
  ow_elset *es = malloc(cap * sizeof *es);
  ow_sgp4 *m = malloc(cap * sizeof *m);
  for (size_t i = 0; i < cat->n && n < cap; i += 9 * SAN) {
    if (ow_sgp4_init(&m[n], &cat->items[i], OW_GRAV_WGS72,
                     OW_OPSMODE_IMPROVED, NULL) != OW_OK)
      continue;
    es[n++] = cat->items[i];
  }
  ow_screen_opts o;
  ow_screen_opts_default(&o, t0);
  o.span_day = 1.0;
  o.threshold_km = 20.0;
  ow_screen_result on, off;
  CHECK_EQ_INT(ow_screen_run(es, m, n, &o, &on, NULL), OW_OK);
  o.no_geometry = 1;
  CHECK_EQ_INT(ow_screen_run(es, m, n, &o, &off, NULL), OW_OK);
  CHECK(same_events(&on, &off));
  CHECK(on.stats.geometry_rejected > 0);
  CHECK_EQ_INT(off.stats.geometry_rejected, 0);
  printf("screen all-vs-all: %zu objects, 1 d, 20 km: %zu events with the "
         "filter, %zu without; %llu pair tests rejected by geometry, "
         "Hermite intervals %llu vs %llu\n", n, on.n, off.n,
         (unsigned long long)on.stats.geometry_rejected,
         (unsigned long long)on.stats.intervals_tested,
         (unsigned long long)off.stats.intervals_tested);
  /* Primaries: the objects of a few events (any regime) and two GEO. */
  uint32_t ids[8];
  size_t np = 0;
  for (size_t e = 0; e < on.n && np < 4; e += on.n / 4 + 1)
    ids[np++] = on.events[e].norad_1;
  for (size_t i = 0; i < n && np < 6; i++)
    if (fabs(es[i].n_rev_day - 1.0027) < 0.002 && es[i].ecc < 0.001)
      ids[np++] = es[i].norad;
  ow_screen_result_free(&on);
  ow_screen_result_free(&off);
  o.primaries = ids;
  o.n_primaries = np;
  o.span_day = 3.0;
  o.no_geometry = 0;
  CHECK_EQ_INT(ow_screen_run(es, m, n, &o, &on, NULL), OW_OK);
  o.no_geometry = 1;
  CHECK_EQ_INT(ow_screen_run(es, m, n, &o, &off, NULL), OW_OK);
  CHECK(same_events(&on, &off));
  CHECK(on.stats.geometry_pruned > 0);
  CHECK_EQ_INT(on.stats.screened + on.stats.geometry_pruned,
               off.stats.screened);
  printf("screen primaries: %zu primaries, 3 d, 20 km: %zu events with the "
         "filter, %zu without; %zu of %zu objects after the bands pruned by "
         "geometry\n", np, on.n, off.n, on.stats.geometry_pruned,
         off.stats.screened);
  ow_screen_result_free(&on);
  ow_screen_result_free(&off);
  free(es), free(m);
}

int main(void)
{
  ow_catalog cat;
  if (load("full_2023-10_spacetrack_3le.txt", &cat) < 0) {
    fprintf(stderr, "catalog missing in %s\n", check_shared_dir());
    CHECK(0);
    return check_done();
  }
  ow_jd t0 = cat.items[cat.n / 2].epoch_utc;
  t0.frac = floor(t0.frac * 24.0) / 24.0;
  test_envelope(&cat, t0);
  test_crossing(&cat, t0);
  test_safety(&cat, t0);
  test_screen_same(&cat, t0);
  ow_catalog_free(&cat);
  return check_done();
}
