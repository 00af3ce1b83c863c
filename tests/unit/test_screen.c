/*
** test_screen.c - screening against a brute-force reference written here:
** every pair of a catalog subset, the scalar model every FINE_STEP
** seconds, each sampled local minimum below the threshold plus a speed
** pad refined by golden-section search on the distance (not the range
** rate, not the batch engine, not the spatial hash). Subsets of the real
** catalogs of ../shared/data: a dense Starlink shell (2026-06), the GEO
** belt and a mixed sample (2023-10). Every reference event must be found
** (recall 100%), TCA within 1 ms, miss within 1 m; every screening event
** must be a reference event. Also: Hermite bound, slow pairs, primaries,
** ellipsoid, RTN, object types, CDM round trip through the strict reader.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"
#include "screen_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL_TCA_S 1e-3
#define TOL_MISS_KM 1e-3
#define DEG_PER_RAD 57.295779513082321

/* The sanitizer build (slow) screens subsets SAN times smaller. */
#if CHECK_SANITIZED
#define SAN 8
#define MIN_EVENTS 0
#else
#define SAN 1
#define MIN_EVENTS 5
#endif

static int load(const char *file, ow_catalog *cat)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/%s", check_shared_dir(), file);
  ow_catalog_init(cat);
  return ow_catalog_load_file(cat, path, OW_FMT_AUTO, NULL, NULL, NULL, NULL);
}

typedef struct ref_ev {
  size_t i, j; /* subset indexes, i < j */
  double tca_s, miss_km;
} ref_ev;

typedef struct subset {
  ow_elset *es;
  ow_sgp4 *m;
  size_t n;
} subset;

static double min_from(ow_jd t0, ow_jd ep)
{
  return ((t0.day - ep.day) + (t0.frac - ep.frac)) * 1440.0;
}

static double dist_at(const subset *s, size_t i, size_t j, ow_jd t0, double t)
{
  double r1[3], v1[3], r2[3], v2[3];
  ow_sgp4_propagate(&s->m[i], min_from(t0, s->m[i].epoch_utc) + t / 60.0, r1,
                    v1);
  ow_sgp4_propagate(&s->m[j], min_from(t0, s->m[j].epoch_utc) + t / 60.0, r2,
                    v2);
  return sqrt((r2[0] - r1[0]) * (r2[0] - r1[0]) +
              (r2[1] - r1[1]) * (r2[1] - r1[1]) +
              (r2[2] - r1[2]) * (r2[2] - r1[2]));
}

/* Range rate of the pair at t (km^2/s), from the scalar model's states. */
static double rate_at(const subset *s, size_t i, size_t j, ow_jd t0, double t)
{
  double r1[3], v1[3], r2[3], v2[3], f = 0;
  ow_sgp4_propagate(&s->m[i], min_from(t0, s->m[i].epoch_utc) + t / 60.0, r1,
                    v1);
  ow_sgp4_propagate(&s->m[j], min_from(t0, s->m[j].epoch_utc) + t / 60.0, r2,
                    v2);
  for (int k = 0; k < 3; k++)
    f += (r2[k] - r1[k]) * (v2[k] - v1[k]);
  return f;
}

/*
** Minimum of the distance on [a, b]: golden-section search on the
** distance locates it (to the resolution a flat minimum allows: tens of
** ms for slow GEO pairs), then plain bisection on the range rate around
** it pins the time to 1e-7 s.
*/
static double golden(const subset *s, size_t i, size_t j, ow_jd t0, double a,
                     double b, double *dmin)
{
  const double g = 0.5 * (sqrt(5.0) - 1.0);
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = dist_at(s, i, j, t0, c), fd = dist_at(s, i, j, t0, d);
  while (b - a > 1e-6) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - g * (b - a);
      fc = dist_at(s, i, j, t0, c);
    } else {
      a = c, c = d, fc = fd;
      d = a + g * (b - a);
      fd = dist_at(s, i, j, t0, d);
    }
  }
  double t = 0.5 * (a + b), lo = t - 0.5, hi = t + 0.5;
  for (int k = 0; k < 6 && rate_at(s, i, j, t0, lo) >= 0; k++)
    lo -= 0.5 * (1 << k);
  for (int k = 0; k < 6 && rate_at(s, i, j, t0, hi) < 0; k++)
    hi += 0.5 * (1 << k);
  if (rate_at(s, i, j, t0, lo) < 0 && rate_at(s, i, j, t0, hi) >= 0) {
    while (hi - lo > 1e-7) {
      double mid = 0.5 * (lo + hi);
      if (rate_at(s, i, j, t0, mid) < 0)
        lo = mid;
      else
        hi = mid;
    }
    t = 0.5 * (lo + hi);
  }
  *dmin = dist_at(s, i, j, t0, t);
  return t;
}

/*
** The reference: states every fine_s seconds; a sampled local minimum k
** of pair (i, j) below thr + (|v_i| + |v_j| + 0.5 km/s) fine_s is refined
** on [t_k-1, t_k+1] (a true minimum between two samples leaves its local
** minimum of the samples at one of them).
*/
static ref_ev *brute(const subset *s, ow_jd t0, double span_s, double fine_s,
                     double thr, size_t *nout)
{
  size_t nt = (size_t)(span_s / fine_s) + 1, n = s->n;
  double *p = malloc(nt * n * 3 * sizeof *p), *sp = malloc(nt * n * sizeof *sp);
  for (size_t i = 0; i < n; i++) {
    double off = min_from(t0, s->m[i].epoch_utc);
    for (size_t k = 0; k < nt; k++) {
      double r[3], v[3];
      ow_sgp4_propagate(&s->m[i], off + k * fine_s / 60.0, r, v);
      memcpy(&p[3 * (k * n + i)], r, sizeof r);
      sp[k * n + i] = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
  }
  size_t cap = 1024, m = 0;
  ref_ev *ev = malloc(cap * sizeof *ev);
  double *d = malloc(nt * sizeof *d);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      for (size_t k = 0; k < nt; k++) {
        const double *a = &p[3 * (k * n + i)], *b = &p[3 * (k * n + j)];
        d[k] = sqrt((a[0] - b[0]) * (a[0] - b[0]) +
                    (a[1] - b[1]) * (a[1] - b[1]) +
                    (a[2] - b[2]) * (a[2] - b[2]));
      }
      for (size_t k = 1; k + 1 < nt; k++) {
        double pad = (sp[k * n + i] + sp[k * n + j] + 0.5) * fine_s;
        if (!(d[k] <= d[k - 1] && d[k] <= d[k + 1] && d[k] < thr + pad))
          continue;
        double dm, t = golden(s, i, j, t0, (k - 1) * fine_s,
                              (k + 1) * fine_s, &dm);
        if (dm >= thr)
          continue;
        if (m > 0 && ev[m - 1].i == i && ev[m - 1].j == j &&
            fabs(ev[m - 1].tca_s - t) < 1e-3)
          continue; /* a flat pair of samples gives the minimum twice */
        if (m == cap)
          ev = realloc(ev, (cap *= 2) * sizeof *ev);
        ev[m++] = (ref_ev){i, j, t, dm};
      }
    }
  free(p), free(sp), free(d);
  *nout = m;
  return ev;
}

/* Keep objects that propagate without error over the span (both sides
** then screen the same objects). */
static void take(subset *s, const ow_catalog *cat, size_t idx, ow_jd t0,
                 double span_s)
{
  ow_sgp4 m;
  if (ow_sgp4_init(&m, &cat->items[idx], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                   NULL) != OW_OK)
    return;
  double off = min_from(t0, m.epoch_utc);
  for (double t = 0; t <= span_s + 60; t += 600) {
    double r[3], v[3];
    ow__screen_obj ob;
    double a0 = (t0.day - cat->items[idx].epoch_utc.day) +
                (t0.frac - cat->items[idx].epoch_utc.frac);
    ow__screen_object_bounds(&cat->items[idx],
                             fmax(fabs(a0), fabs(a0 + span_s / 86400.0)), &ob);
    if (ow_sgp4_propagate(&m, off + t / 60.0, r, v) != OW_OK ||
        !ow__screen_plausible(&ob, r[0], r[1], r[2], v[0], v[1], v[2]))
      return;
  }
  s->es[s->n] = cat->items[idx];
  s->m[s->n++] = m;
}

static double s_from(ow_jd t0, ow_jd t)
{
  return ((t.day - t0.day) + (t.frac - t0.frac)) * 86400.0;
}

/* Compare; returns the number of reference events. */
static size_t recall(const char *label, const subset *s, ow_jd t0,
                     double span_day, double fine_s, double thr)
{
  size_t nref = 0;
  double span_s = span_day * 86400.0;
  ref_ev *ref = brute(s, t0, span_s, fine_s, thr, &nref);
  ow_screen_opts o;
  ow_screen_opts_default(&o, t0);
  o.span_day = span_day;
  o.threshold_km = thr;
  o.merge_slow = 0;
  ow_screen_result res;
  ow_err err;
  int rc = ow_screen_run(s->es, s->m, s->n, &o, &res, &err);
  CHECK_EQ_INT(rc, OW_OK);
  size_t found = 0, checked = 0, worst_i = 0;
  double worst_t = 0, worst_d = 0;
  for (size_t r = 0; r < nref; r++) {
    /* The screen reports TCAs strictly inside the span; the reference
    ** samples go one fine step in; borderline misses (within 1 m of the
    ** threshold) may fall either side. */
    if (ref[r].tca_s < 2 * fine_s || ref[r].tca_s > span_s - 2 * fine_s ||
        ref[r].miss_km > thr - TOL_MISS_KM)
      continue;
    checked++;
    int ok = 0;
    for (size_t e = 0; e < res.n && !ok; e++) {
      const ow_screen_event *v = &res.events[e];
      size_t a = v->i1 < v->i2 ? v->i1 : v->i2, b = v->i1 ^ v->i2 ^ a;
      if (a != ref[r].i || b != ref[r].j)
        continue;
      double dt = fabs(s_from(t0, v->tca_utc) - ref[r].tca_s);
      if (dt > 0.5)
        continue;
      double dd = fabs(v->miss_km - ref[r].miss_km);
      worst_t = fmax(worst_t, dt);
      worst_d = fmax(worst_d, dd);
      ok = dt <= TOL_TCA_S && dd <= TOL_MISS_KM;
    }
    if (!ok) {
      fprintf(stderr, "%s: reference event %u-%u at %.3f s, %.4f km not "
              "found\n", label, s->es[ref[r].i].norad, s->es[ref[r].j].norad,
              ref[r].tca_s, ref[r].miss_km);
      for (size_t e = 0; e < res.n; e++)
        if (res.events[e].norad_1 + res.events[e].norad_2 ==
            s->es[ref[r].i].norad + s->es[ref[r].j].norad)
          fprintf(stderr, "  screen: %.6f s %.6f km\n",
                  s_from(t0, res.events[e].tca_utc), res.events[e].miss_km);
      worst_i++;
    }
    found += ok;
  }
  CHECK_EQ_INT(found, checked);
  /* Precision: every screening event is a reference event. */
  size_t extra = 0;
  for (size_t e = 0; e < res.n; e++) {
    const ow_screen_event *v = &res.events[e];
    double t = s_from(t0, v->tca_utc);
    if (t < 2 * fine_s || t > span_s - 2 * fine_s ||
        v->miss_km > thr - TOL_MISS_KM)
      continue;
    int ok = 0;
    size_t a = v->i1 < v->i2 ? v->i1 : v->i2, b = v->i1 ^ v->i2 ^ a;
    for (size_t r = 0; r < nref && !ok; r++)
      ok = ref[r].i == a && ref[r].j == b &&
           fabs(ref[r].tca_s - t) <= TOL_TCA_S;
    extra += !ok;
  }
  CHECK_EQ_INT(extra, 0);
  printf("%s: %zu objects, %g d, %g km: reference %zu events (%zu checked), "
         "screen %zu, all found: %s; worst |dTCA| %.2e s, |dmiss| %.2e km\n",
         label, s->n, span_day, thr, nref, checked, res.n,
         found == checked ? "yes" : "NO", worst_t, worst_d);
  ow_screen_result_free(&res);
  free(ref);
  return checked;
}

static subset make_subset(size_t cap)
{
  subset s = {malloc(cap * sizeof(ow_elset)), malloc(cap * sizeof(ow_sgp4)),
              0};
  return s;
}

static void free_subset(subset *s)
{
  free(s->es), free(s->m);
}

static ow_jd hour_of(const ow_catalog *cat)
{
  /* The epoch of the middle record, rounded down to the hour. */
  ow_jd t = cat->items[cat->n / 2].epoch_utc;
  t.frac = floor(t.frac * 24.0) / 24.0;
  return t;
}

static void test_recall(void)
{
  ow_catalog leo, full;
  if (load("leo-payloads_2026-06_spacetrack_3le.txt", &leo) < 0 ||
      load("full_2023-10_spacetrack_3le.txt", &full) < 0) {
    fprintf(stderr, "catalogs missing in %s\n", check_shared_dir());
    CHECK(0);
    return;
  }
  /* Dense LEO shell: Starlinks of one shell (53 deg, 540-570 km). */
  subset s = make_subset(400);
  ow_jd t0 = hour_of(&leo);
  for (size_t i = 0; i < leo.n && s.n < 400 / SAN; i++) {
    const ow_elset *e = &leo.items[i];
    double hp, ha;
    ow_elset_heights(e, &hp, &ha);
    if (strstr(e->name, "STARLINK") && fabs(e->incl_deg - 53.1) < 0.3 &&
        hp > 530 && ha < 580)
      take(&s, &leo, i, t0, 0.5 * 86400.0);
  }
  CHECK(recall("starlink-shell", &s, t0, 0.5, 10.0, 20.0) > MIN_EVENTS);
  free_subset(&s);

  /* GEO belt. */
  s = make_subset(300);
  t0 = hour_of(&full);
  for (size_t i = 0; i < full.n && s.n < 300 / SAN; i++) {
    const ow_elset *e = &full.items[i];
    if (fabs(e->n_rev_day - 1.0027) < 0.01 && e->ecc < 0.005)
      take(&s, &full, i, t0, 2 * 86400.0);
  }
  CHECK(recall("geo-belt", &s, t0, 2.0, 60.0, 100.0) > MIN_EVENTS);
  free_subset(&s);

  /* Mixed: every 40th object of the full catalog (LEO, MEO, GEO, HEO,
  ** debris, rocket bodies, Alpha-5). */
  s = make_subset(700);
  for (size_t i = 0; i < full.n && s.n < 700; i += 40 * SAN)
    take(&s, &full, i, t0, 0.5 * 86400.0);
  CHECK(recall("mixed", &s, t0, 0.5, 10.0, 50.0) > MIN_EVENTS);
  free_subset(&s);
  ow_catalog_free(&leo);
  ow_catalog_free(&full);
}

/* The Hermite bound of screen.c against the scalar model, midpoints of
** 60 s intervals, the whole 2023-10 catalog (every 7th object). */
static void test_hermite_bound(void)
{
  ow_catalog cat;
  if (load("full_2023-10_spacetrack_3le.txt", &cat) < 0) {
    CHECK(0);
    return;
  }
  ow_jd t0 = hour_of(&cat);
  double h = 60.0, worst = 0;
  uint32_t worst_id = 0;
  size_t n = 0;
  for (size_t i = 0; i < cat.n; i += 7 * SAN) {
    ow_sgp4 m;
    ow__screen_obj o;
    if (ow_sgp4_init(&m, &cat.items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                     NULL) != OW_OK)
      continue;
    double a0 = (t0.day - cat.items[i].epoch_utc.day) +
                (t0.frac - cat.items[i].epoch_utc.frac);
    ow__screen_object_bounds(&cat.items[i], fmax(fabs(a0), fabs(a0 + 1)),
                             &o);
    /* One object's share of the pair bound, with the 1 m floor. */
    double eps = sqrt(3.0) * o.m4 * h * h * h * h / 384.0 + 1e-3;
    double off = min_from(t0, m.epoch_utc);
    for (int k = 0; k < 100; k++) {
      double t = k * 863.0, ra[3], va[3], rb[3], vb[3], rm[3], vm[3];
      if (ow_sgp4_propagate(&m, off + t / 60, ra, va) ||
          ow_sgp4_propagate(&m, off + (t + h) / 60, rb, vb) ||
          ow_sgp4_propagate(&m, off + (t + h / 2) / 60, rm, vm))
        break;
      if (!ow__screen_plausible(&o, ra[0], ra[1], ra[2], va[0], va[1],
                                va[2]) ||
          !ow__screen_plausible(&o, rb[0], rb[1], rb[2], vb[0], vb[1],
                                vb[2]))
        break; /* dropped by the screen */
      double e2 = 0;
      for (int c = 0; c < 3; c++) {
        /* Cubic Hermite at s = 1/2. */
        double hm = 0.5 * (ra[c] + rb[c]) + h / 8.0 * (va[c] - vb[c]);
        e2 += (hm - rm[c]) * (hm - rm[c]);
      }
      if (sqrt(e2) / eps > worst) {
        worst = sqrt(e2) / eps;
        worst_id = cat.items[i].norad;
      }
      n++;
    }
  }
  printf("hermite: %zu intervals, largest error / bound %.3f (%u)\n", n,
         worst, worst_id);
  CHECK(n > 100000 / SAN);
  CHECK(worst < 1.0);
  ow_catalog_free(&cat);
}

/* A LEO element set (51.6 deg, node 30 deg, epoch 2026-06-10) for the
** constructed pairs below. */
static ow_elset leo_elset(uint32_t norad, const char *name, double n_rev_day,
                          double ecc, double argp_deg, double mean_anom_deg)
{
  ow_elset e;
  memset(&e, 0, sizeof e);
  e.norad = norad;
  snprintf(e.name, sizeof e.name, "%s", name);
  ow_time_from_calendar(2026, 6, 10, 0, 0, 0.0, &e.epoch_utc);
  e.n_rev_day = n_rev_day;
  e.ecc = ecc;
  e.incl_deg = 51.6;
  e.raan_deg = 30.0;
  e.argp_deg = argp_deg;
  e.mean_anom_deg = mean_anom_deg;
  e.bstar_per_er = 1e-5;
  return e;
}

/* Two element sets on the same orbit 2 km apart in mean anomaly: a pair
** inside 5 km the whole day. Merged: one event; unmerged: one per local
** minimum (twice per revolution at most), never one per grid step. */
static void test_slow_pair(void)
{
  ow_elset a = leo_elset(90001, "SLOW A", 15.5, 0.0012, 90.0, 10.0);
  ow_elset b = a;
  b.norad = 90002;
  snprintf(b.name, sizeof b.name, "SLOW B");
  b.mean_anom_deg = 10.0 + 2.0 / 6790.0 * DEG_PER_RAD; /* ~2 km behind */
  b.raan_deg = 30.0 + 0.5 / 6790.0 * DEG_PER_RAD;
  ow_elset es[2] = {a, b};
  ow_sgp4 m[2];
  ow_sgp4_init(&m[0], &es[0], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  ow_sgp4_init(&m[1], &es[1], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  ow_screen_opts o;
  ow_screen_opts_default(&o, a.epoch_utc);
  o.span_day = 1.0;
  ow_screen_result r1, r2;
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &r1, NULL), OW_OK);
  o.merge_slow = 0;
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &r2, NULL), OW_OK);
  printf("slow pair: merged %zu event(s) (%d minima), unmerged %zu\n", r1.n,
         r1.n ? r1.events[0].n_minima : 0, r2.n);
  CHECK_EQ_INT(r1.n, 1);
  CHECK(r2.n >= 2 && r2.n <= 2 * 16 + 2);
  if (r1.n == 1) {
    CHECK_EQ_INT(r1.events[0].n_minima, (long long)r2.n);
    double mn = 1e9;
    for (size_t i = 0; i < r2.n; i++)
      mn = fmin(mn, r2.events[i].miss_km);
    CHECK_NEAR(r1.events[0].miss_km, mn, 1e-9);
    CHECK(r1.events[0].rel_speed_km_s < 0.1);
    /* Inside the whole span: entry at the start, exit at the end. */
    CHECK_NEAR(s_from(o.start_utc, r1.events[0].entry_utc), 0.0, 1e-3);
    CHECK_NEAR(s_from(o.start_utc, r1.events[0].exit_utc), 86400.0, 1e-3);
  }
  /* A 1 x 5 x 5 km ellipsoid holds the pair all day too: entry and exit
  ** are clamped to the span, as for the sphere. */
  static const double ax[3] = {1.0, 5.0, 5.0};
  ow_screen_result r3;
  o.merge_slow = 1;
  memcpy(o.volume_rtn_km, ax, sizeof ax);
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &r3, NULL), OW_OK);
  CHECK_EQ_INT(r3.n, 1);
  if (r3.n == 1) {
    CHECK(r3.events[0].volume_q_min < 1.0);
    CHECK_NEAR(s_from(o.start_utc, r3.events[0].entry_utc), 0.0, 1e-3);
    CHECK_NEAR(s_from(o.start_utc, r3.events[0].exit_utc), 86400.0, 1e-3);
  }
  ow_screen_result_free(&r1);
  ow_screen_result_free(&r2);
  ow_screen_result_free(&r3);
}

/*
** Normalised ellipsoidal distance of pair (i, j) at t, with the RTN frame
** of object i written out here (R = r^, N = (r x v)^, T = N x R).
*/
static double q_at(const subset *s, size_t i, size_t j, ow_jd t0, double t,
                   const double ax[3], double *d)
{
  double r1[3], v1[3], r2[3], v2[3], dr[3];
  ow_sgp4_propagate(&s->m[i], min_from(t0, s->m[i].epoch_utc) + t / 60.0, r1,
                    v1);
  ow_sgp4_propagate(&s->m[j], min_from(t0, s->m[j].epoch_utc) + t / 60.0, r2,
                    v2);
  for (int k = 0; k < 3; k++)
    dr[k] = r2[k] - r1[k];
  double rn = sqrt(r1[0] * r1[0] + r1[1] * r1[1] + r1[2] * r1[2]);
  double h[3] = {r1[1] * v1[2] - r1[2] * v1[1], r1[2] * v1[0] - r1[0] * v1[2],
                 r1[0] * v1[1] - r1[1] * v1[0]};
  double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
  double R[3], N[3], T[3];
  for (int k = 0; k < 3; k++)
    R[k] = r1[k] / rn, N[k] = h[k] / hn;
  T[0] = N[1] * R[2] - N[2] * R[1], T[1] = N[2] * R[0] - N[0] * R[2];
  T[2] = N[0] * R[1] - N[1] * R[0];
  double c[3] = {0, 0, 0};
  for (int k = 0; k < 3; k++)
    c[0] += R[k] * dr[k], c[1] += T[k] * dr[k], c[2] += N[k] * dr[k];
  if (d)
    *d = sqrt(dr[0] * dr[0] + dr[1] * dr[1] + dr[2] * dr[2]);
  double q2 = 0;
  for (int k = 0; k < 3; k++)
    q2 += (c[k] / ax[k]) * (c[k] / ax[k]);
  return sqrt(q2);
}

/* Brute-force minimum of q on [a, b]: a fine scan (<= 2000 samples, at
** most 0.05 s apart), then a 50 times finer scan around the best. */
static double brute_qmin(const subset *s, size_t i, size_t j, ow_jd t0,
                         double a, double b, const double ax[3], double *tq)
{
  double h = fmax(0.05, (b - a) / 2000.0), best = INFINITY, tb = a;
  for (double t = a; t <= b + 1e-9; t += h) {
    double q = q_at(s, i, j, t0, t, ax, NULL);
    if (q < best)
      best = q, tb = t;
  }
  double c = tb;
  for (double t = c - h; t <= c + h; t += h / 50.0) {
    double q = q_at(s, i, j, t0, t, ax, NULL);
    if (q < best)
      best = q, tb = t;
  }
  *tq = tb;
  return best;
}

/*
** Brute-force entry (dir = -1) or exit (+1) of the ellipsoid ax (a sphere
** when the three are equal) from a time t_in inside it: samples every h
** seconds outward while d < max(ax), keeping the farthest sample with
** q <= 1, then scans from it toward the next sample (outside) ten times
** finer, repeatedly, down to a spacing below 1e-5 s. No root finder, no
** library code but the scalar model. Seconds from t0, within [0, span].
*/
static double brute_cross(const subset *s, size_t i, size_t j, ow_jd t0,
                          double t_in, int dir, const double ax[3],
                          double span, double h)
{
  double smax = fmax(ax[0], fmax(ax[1], ax[2])), in = t_in, d;
  for (double t = t_in + dir * h;; t += dir * h) {
    double tc = fmin(fmax(t, 0.0), span);
    double q = q_at(s, i, j, t0, tc, ax, &d);
    if (q <= 1.0)
      in = tc;
    if (tc != t || d >= smax)
      break;
  }
  if (in <= 0.0 || in >= span)
    return in; /* inside at the span's edge */
  double st = h;
  do {
    st /= 10;
    double base = in;
    for (int k = 1; k <= 10; k++) {
      double t = base + dir * k * st;
      if (q_at(s, i, j, t0, t, ax, NULL) > 1.0)
        break;
      in = t;
    }
  } while (st > 1e-5);
  return in + dir * 0.5 * st;
}

/* Brute-force sample spacing for a pass at v km/s through a sphere of
** radius smax: ~2000 samples across, 1 ms to 0.5 s. */
static double brute_step(double smax, double v)
{
  return fmin(0.5, fmax(1e-3, smax / fmax(v, 1e-9) / 2000.0));
}

/* A pass that enters a thin 0.5 x 17 x 20 km ellipsoid while its
** Euclidean TCA lies outside it (1.07 km radial): an eccentric (e = 0.02)
** object crossing a near-circular one at 6.4 deg and 0.86 km/s; found by
** scanning B's mean anomaly. At the TCA q = 2.14; 6.9 s later, when
** the radial separation goes through zero, q = 0.30. */
static void test_thin_ellipsoid(void)
{
  ow_elset a = leo_elset(90011, "THIN A", 15.2, 0.0005, 0.0, 0.0);
  ow_elset b = a;
  b.norad = 90012;
  snprintf(b.name, sizeof b.name, "THIN B");
  b.ecc = 0.02;
  b.incl_deg = 58.0;
  b.argp_deg = 90.0;
  b.mean_anom_deg = -87.70;
  ow_elset es[2] = {a, b};
  ow_sgp4 m[2];
  ow_sgp4_init(&m[0], &es[0], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  ow_sgp4_init(&m[1], &es[1], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  subset s = {es, m, 2};
  static const double ax[3] = {0.5, 17.0, 20.0};
  ow_screen_opts o;
  ow_jd t0 = a.epoch_utc;
  t0.frac -= 60.0 / 86400.0; /* the pass is ~60 s after this */
  ow_screen_opts_default(&o, ow_jd_normalize(t0));
  o.span_day = 600.0 / 86400.0;
  ow_screen_result sp, vol;
  o.threshold_km = 20.0;
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &sp, NULL), OW_OK);
  memcpy(o.volume_rtn_km, ax, sizeof ax);
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &vol, NULL), OW_OK);
  /* Brute force over the span: 1 s scan, then 1 ms around the best. */
  double span = o.span_day * 86400.0, qb = INFINITY, tq = 0, db = INFINITY;
  double td = 0;
  for (double t = 0; t <= span; t += 1.0) {
    double d, q = q_at(&s, 0, 1, o.start_utc, t, ax, &d);
    if (q < qb)
      qb = q, tq = t;
    if (d < db)
      db = d, td = t;
  }
  for (double t = tq - 1, c = tq; t <= c + 1; t += 1e-3) {
    double q = q_at(&s, 0, 1, o.start_utc, t, ax, NULL);
    if (q < qb)
      qb = q, tq = t;
  }
  for (double t = td - 1, c = td; t <= c + 1; t += 1e-3) {
    double d;
    q_at(&s, 0, 1, o.start_utc, t, ax, &d);
    if (d < db)
      db = d, td = t;
  }
  double q_tca = q_at(&s, 0, 1, o.start_utc, td, ax, NULL);
  printf("thin ellipsoid: brute TCA %.3f s miss %.4f km q %.3f; min q %.4f "
         "at %.3f s; sphere %zu event(s), volume %zu\n", td, db, q_tca, qb,
         tq, sp.n, vol.n);
  CHECK(q_tca > 2.0); /* the TCA test alone would drop it */
  CHECK(qb < 0.35);
  CHECK_EQ_INT(vol.n, 1);
  if (vol.n == 1) {
    const ow_screen_event *v = &vol.events[0];
    CHECK_NEAR(s_from(o.start_utc, v->tca_utc), td, 2e-3);
    CHECK_NEAR(v->miss_km, db, 1e-6);
    CHECK_NEAR(v->volume_q_min, qb, 1e-6);
    CHECK(v->volume_q_min <= qb + 1e-12);
    CHECK_NEAR(s_from(o.start_utc, v->volume_q_min_utc), tq, 2e-3);
    CHECK(fabs(s_from(o.start_utc, v->volume_q_min_utc) - td) > 1.0);
  }
  /* Entry and exit: of the ellipsoid for the volume run, of the 20 km
  ** sphere for the sphere run, each against the brute force. */
  CHECK_EQ_INT(sp.n, 1);
  if (vol.n == 1 && sp.n == 1) {
    static const double sph[3] = {20.0, 20.0, 20.0};
    const ow_screen_event *v = &vol.events[0], *w = &sp.events[0];
    double tv = s_from(o.start_utc, v->volume_q_min_utc);
    double tc = s_from(o.start_utc, w->tca_utc);
    double h = brute_step(20.0, v->rel_speed_km_s);
    double en = brute_cross(&s, 0, 1, o.start_utc, tv, -1, ax, span, h);
    double ex = brute_cross(&s, 0, 1, o.start_utc, tv, 1, ax, span, h);
    double sen = brute_cross(&s, 0, 1, o.start_utc, tc, -1, sph, span, h);
    double sex = brute_cross(&s, 0, 1, o.start_utc, tc, 1, sph, span, h);
    double ven = s_from(o.start_utc, v->entry_utc);
    double vex = s_from(o.start_utc, v->exit_utc);
    printf("thin ellipsoid: entry/exit %.4f/%.4f s (brute %.4f/%.4f); 20 km "
           "sphere %.4f/%.4f s (brute %.4f/%.4f)\n", ven, vex, en, ex,
           s_from(o.start_utc, w->entry_utc), s_from(o.start_utc, w->exit_utc),
           sen, sex);
    CHECK_NEAR(ven, en, TOL_TCA_S);
    CHECK_NEAR(vex, ex, TOL_TCA_S);
    CHECK_NEAR(s_from(o.start_utc, w->entry_utc), sen, TOL_TCA_S);
    CHECK_NEAR(s_from(o.start_utc, w->exit_utc), sex, TOL_TCA_S);
    /* Not the bounding sphere's, and q = 1 there. */
    CHECK(ven - sen > 1.0 && sex - vex > 1.0);
    CHECK(ven < tv && tv < vex);
    CHECK_NEAR(q_at(&s, 0, 1, o.start_utc, ven, ax, NULL), 1.0, 1e-3);
    CHECK_NEAR(q_at(&s, 0, 1, o.start_utc, vex, ax, NULL), 1.0, 1e-3);
  }
  /* The sphere run keeps q_min unset. */
  for (size_t e = 0; e < sp.n; e++)
    CHECK(isnan(sp.events[e].volume_q_min));
  ow_screen_result_free(&sp);
  ow_screen_result_free(&vol);
}

/*
** A drifting pair: B on a slightly faster orbit (+0.00283 rev/day, ~1.4
** m/s along track) starts 30 km behind A and overtakes it within the day,
** with a 3e-4 eccentricity difference (radial +-2 km, in-track +-4 km each
** revolution) and a small plane offset. It stays ~9 h inside the 25 km
** bounding sphere with a distance minimum every revolution, and goes in
** and out of the 2 x 25 x 25 km ellipsoid several times on the radial
** swings: one merged event whose entry is the first entry into the
** ellipsoid and whose exit is the last exit (a swing that dips inside
** 25 km before gives a short event of its own). Every event's entry and
** exit against the brute force (samples every 0.5 s).
*/
static void test_volume_drift(void)
{
  ow_elset a = leo_elset(90021, "DRIFT A", 15.5, 0.001, 90.0, 10.0);
  ow_elset b = a;
  b.norad = 90022;
  snprintf(b.name, sizeof b.name, "DRIFT B");
  b.n_rev_day = 15.5 + 0.00283;
  b.ecc = 0.0013;
  b.mean_anom_deg = 10.0 - 30.0 / 6790.0 * DEG_PER_RAD;
  b.raan_deg = 30.0 + 0.3 / 6790.0 * DEG_PER_RAD;
  ow_elset es[2] = {a, b};
  ow_sgp4 m[2];
  ow_sgp4_init(&m[0], &es[0], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  ow_sgp4_init(&m[1], &es[1], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
  subset s = {es, m, 2};
  static const double ax[3] = {2.0, 25.0, 25.0};
  ow_screen_opts o;
  ow_screen_opts_default(&o, a.epoch_utc);
  o.span_day = 1.0;
  memcpy(o.volume_rtn_km, ax, sizeof ax);
  ow_screen_result r;
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &r, NULL), OW_OK);
  double span = 86400.0, h = 0.5, worst = 0;
  size_t merged = 0;
  int in_merged = 0;
  printf("volume drift: %zu event(s):", r.n);
  CHECK(r.n >= 1);
  for (size_t e = 0; e < r.n; e++) {
    const ow_screen_event *v = &r.events[e];
    double tv = s_from(o.start_utc, v->volume_q_min_utc);
    double en = brute_cross(&s, 0, 1, o.start_utc, tv, -1, ax, span, h);
    double ex = brute_cross(&s, 0, 1, o.start_utc, tv, 1, ax, span, h);
    double ven = s_from(o.start_utc, v->entry_utc);
    double vex = s_from(o.start_utc, v->exit_utc);
    worst = fmax(worst, fmax(fabs(ven - en), fabs(vex - ex)));
    CHECK_NEAR(ven, en, TOL_TCA_S);
    CHECK_NEAR(vex, ex, TOL_TCA_S);
    CHECK(ven > 0 && vex < span); /* not clamped */
    printf(" %d minima %.3f-%.3f s;", v->n_minima, ven, vex);
    if (v->n_minima < 3)
      continue;
    merged++;
    /* Brute force: the separate stays inside the ellipsoid in between. */
    int inside = 1;
    for (double t = ven + h; t < vex; t += h) {
      int in = q_at(&s, 0, 1, o.start_utc, t, ax, NULL) <= 1.0;
      in_merged += in && !inside;
      inside = in;
    }
  }
  printf(" %d re-entries inside the merged event; worst entry/exit vs brute "
         "force %.1e s\n", in_merged, worst);
  CHECK_EQ_INT(merged, 1);
  CHECK(in_merged >= 2); /* in and out: entry/exit are not one stay's */
  ow_screen_result_free(&r);
}

/* Primaries and ellipsoid: subsets of the all-vs-all result. */
static void test_primaries_ellipsoid(void)
{
  ow_catalog cat;
  if (load("leo-payloads_2026-06_spacetrack_3le.txt", &cat) < 0) {
    CHECK(0);
    return;
  }
  subset s = make_subset(1500);
  ow_jd t0 = hour_of(&cat);
  for (size_t i = 0; i < cat.n && s.n < 1500; i += 8 * SAN)
    take(&s, &cat, i, t0, 0.3 * 86400.0);
  ow_screen_opts o;
  ow_screen_opts_default(&o, t0);
  o.span_day = 0.3;
  o.threshold_km = 30.0;
  ow_screen_result all, pr, el;
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &all, NULL), OW_OK);
  /* The closest five, sorted; the first is the smallest miss of all. */
  ow_screen_event top[5];
  size_t nt = ow_screen_closest(&all, 5, top);
  CHECK_EQ_INT(nt, all.n < 5 ? all.n : 5);
  CHECK_EQ_INT(ow_screen_closest(&all, 0, top), 0);
  double mn = INFINITY;
  for (size_t e = 0; e < all.n; e++)
    mn = fmin(mn, all.events[e].miss_km);
  if (nt > 0)
    CHECK_NEAR(top[0].miss_km, mn, 0.0);
  for (size_t e = 1; e < nt; e++)
    CHECK(top[e - 1].miss_km <= top[e].miss_km);
  /* Primaries: the objects of the first 10 events. */
  uint32_t ids[10];
  size_t np = 0;
  for (size_t e = 0; e < all.n && np < 10; e++)
    ids[np++] = all.events[e].norad_2;
  o.primaries = ids;
  o.n_primaries = np;
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &pr, NULL), OW_OK);
  size_t want = 0, got = 0;
  for (size_t e = 0; e < all.n; e++) {
    int hit = 0;
    for (size_t k = 0; k < np; k++)
      hit |= all.events[e].norad_1 == ids[k] ||
             all.events[e].norad_2 == ids[k];
    if (!hit)
      continue;
    want++;
    for (size_t q = 0; q < pr.n; q++)
      if (fabs(s_from(pr.events[q].tca_utc, all.events[e].tca_utc)) < 1e-3 &&
          pr.events[q].norad_1 + pr.events[q].norad_2 ==
              all.events[e].norad_1 + all.events[e].norad_2) {
        got++;
        /* Object 1 is a primary. */
        int p1 = 0;
        for (size_t k = 0; k < np; k++)
          p1 |= pr.events[q].norad_1 == ids[k];
        CHECK(p1);
        break;
      }
  }
  /* Sphere entry/exit (unchanged code) against the brute force, every
  ** 8th pass. */
  static const double s30[3] = {30.0, 30.0, 30.0};
  double worst_s = 0;
  size_t ns = 0;
  for (size_t e = 0; e < all.n; e += 8, ns++) {
    const ow_screen_event *a = &all.events[e];
    double tc = s_from(t0, a->tca_utc), span = o.span_day * 86400;
    double h = brute_step(30.0, a->rel_speed_km_s);
    double en = brute_cross(&s, a->i1, a->i2, t0, tc, -1, s30, span, h);
    double ex = brute_cross(&s, a->i1, a->i2, t0, tc, 1, s30, span, h);
    worst_s = fmax(worst_s, fmax(fabs(s_from(t0, a->entry_utc) - en),
                                 fabs(s_from(t0, a->exit_utc) - ex)));
  }
  printf("sphere 30 km: entry/exit of %zu passes vs brute force: worst "
         "%.1e s\n", ns, worst_s);
  CHECK(worst_s <= TOL_TCA_S);
  printf("primaries: %zu primaries, %zu of %zu events, %zu found\n", np,
         want, all.n, got);
  CHECK(want > 0);
  CHECK_EQ_INT(got, want);
  CHECK_EQ_INT(pr.n, want);
  /* Ellipsoids inside the 30 km sphere: the all-vs-all events whose
  ** brute-force minimum of q over their 30 km pass is <= 1, no more. */
  o.primaries = NULL;
  o.n_primaries = 0;
  static const double vols[2][3] = {{2.0, 25.0, 25.0}, {0.5, 17.0, 20.0}};
  for (int vi = 0; vi < 2; vi++) {
    memcpy(o.volume_rtn_km, vols[vi], sizeof vols[vi]);
    CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &el, NULL), OW_OK);
    size_t in = 0, off_tca = 0, matched = 0, border = 0;
    double worst_q = 0, worst_t = 0;
    for (size_t e = 0; e < all.n; e++) {
      const ow_screen_event *a = &all.events[e];
      double ta = s_from(t0, a->entry_utc), tb = s_from(t0, a->exit_utc);
      double tq, qb = brute_qmin(&s, a->i1, a->i2, t0, ta, tb, vols[vi], &tq);
      if (fabs(qb - 1.0) < 1e-4) {
        border++; /* too close to call at the brute force's resolution */
        continue;
      }
      int hit = 0;
      for (size_t q = 0; q < el.n; q++) {
        const ow_screen_event *v = &el.events[q];
        double tv = s_from(t0, v->volume_q_min_utc);
        if (v->i1 != a->i1 || v->i2 != a->i2 || tv < ta - 1 || tv > tb + 1)
          continue;
        hit = 1;
        /* The screen's minimum is a true value of q: never above the
        ** sampled one by more than rounding, and close to it. */
        worst_q = fmax(worst_q, fabs(v->volume_q_min - qb));
        worst_t = fmax(worst_t, fabs(tv - tq));
        CHECK(v->volume_q_min <= qb + 1e-9);
        /* The Euclidean TCA and miss are the sphere run's. */
        CHECK(fabs(s_from(a->tca_utc, v->tca_utc)) < 1e-3 || a->n_minima > 1);
      }
      if (qb <= 1.0) {
        in++;
        const double *m = a->miss_rtn_km, *ax = vols[vi];
        off_tca += (m[0] / ax[0]) * (m[0] / ax[0]) +
                       (m[1] / ax[1]) * (m[1] / ax[1]) +
                       (m[2] / ax[2]) * (m[2] / ax[2]) > 1.0;
        CHECK(hit);
      } else {
        CHECK(!hit);
      }
      matched += hit;
    }
    printf("ellipsoid %g x %g x %g: %zu of %zu passes enter (%zu only away "
           "from TCA, %zu borderline skipped), screen %zu events; worst "
           "|dq| %.1e, |dt_q| %.1e s\n", vols[vi][0], vols[vi][1],
           vols[vi][2], in, all.n, off_tca, border, el.n, worst_q, worst_t);
    CHECK_EQ_INT(matched, in);
    CHECK(el.n >= in && el.n <= in + border);
    CHECK(worst_q < 1e-6);
    /* Entry and exit of the ellipsoid against the brute force from the
    ** q_min time; they lie inside the bounding sphere's. */
    double worst_x = 0;
    size_t inner = 0;
    for (size_t q = 0; q < el.n; q++) {
      const ow_screen_event *v = &el.events[q];
      double tv = s_from(t0, v->volume_q_min_utc), sm = vols[vi][2];
      double h = brute_step(sm, v->rel_speed_km_s), span = o.span_day * 86400;
      double en = brute_cross(&s, v->i1, v->i2, t0, tv, -1, vols[vi], span, h);
      double ex = brute_cross(&s, v->i1, v->i2, t0, tv, 1, vols[vi], span, h);
      double ven = s_from(t0, v->entry_utc), vex = s_from(t0, v->exit_utc);
      worst_x = fmax(worst_x, fmax(fabs(ven - en), fabs(vex - ex)));
      CHECK_NEAR(ven, en, TOL_TCA_S);
      CHECK_NEAR(vex, ex, TOL_TCA_S);
      for (size_t e = 0; e < all.n; e++) {
        const ow_screen_event *a = &all.events[e];
        if (a->i1 == v->i1 && a->i2 == v->i2 &&
            fabs(s_from(a->tca_utc, v->tca_utc)) < 1e-3)
          inner += s_from(a->entry_utc, v->entry_utc) > 0 &&
                   s_from(v->exit_utc, a->exit_utc) > 0;
      }
    }
    printf("  entry/exit of %zu events vs brute force: worst %.1e s; %zu of "
           "them strictly inside the 30 km sphere's\n", el.n, worst_x, inner);
    CHECK_EQ_INT(inner, el.n);
    ow_screen_result_free(&el);
  }
  o.volume_rtn_km[0] = o.volume_rtn_km[1] = o.volume_rtn_km[2] = 0;
  ow_screen_result_free(&all);
  ow_screen_result_free(&pr);
  free_subset(&s);
  ow_catalog_free(&cat);
}

static void test_rtn_types(void)
{
  double r[3] = {7000, 0, 0}, v[3] = {0, 7.5, 0}, q[3];
  double vec[3] = {1, 2, 3};
  ow_screen_rtn(r, v, vec, q);
  CHECK_NEAR(q[0], 1, 1e-15);
  CHECK_NEAR(q[1], 2, 1e-15);
  CHECK_NEAR(q[2], 3, 1e-15);
  double r2[3] = {0, 7000, 0}, v2[3] = {-7.5, 0, 0};
  ow_screen_rtn(r2, v2, vec, q); /* R = y, T = -x, N = z */
  CHECK_NEAR(q[0], 2, 1e-15);
  CHECK_NEAR(q[1], -1, 1e-15);
  CHECK_NEAR(q[2], 3, 1e-15);
  CHECK_EQ_INT(ow_screen_object_type("COSMOS 2251 DEB"), OW_PC_OBJ_DEBRIS);
  CHECK_EQ_INT(ow_screen_object_type("SL-16 R/B"), OW_PC_OBJ_ROCKET_BODY);
  CHECK_EQ_INT(ow_screen_object_type("STARLINK-1007"), OW_PC_OBJ_PAYLOAD);
  CHECK_EQ_INT(ow_screen_object_type("TBA - TO BE ASSIGNED"),
               OW_PC_OBJ_UNKNOWN);
  CHECK_EQ_INT(ow_screen_object_type(""), OW_PC_OBJ_UNKNOWN);
  CHECK_EQ_INT(ow_screen_object_type("DEBUT (ORIZURU)"), OW_PC_OBJ_PAYLOAD);
}

/* Pc and CDM of the events of a small screen: strict read-back. */
static void test_pc_cdm(void)
{
  ow_catalog cat;
  if (load("full_2023-10_spacetrack_3le.txt", &cat) < 0) {
    CHECK(0);
    return;
  }
  subset s = make_subset(800);
  ow_jd t0 = hour_of(&cat);
  for (size_t i = 0; i < cat.n && s.n < 800; i += 30 * SAN)
    take(&s, &cat, i, t0, 86400.0);
  ow_screen_opts o;
  ow_screen_opts_default(&o, t0);
  o.span_day = 1.0;
  o.threshold_km = 20.0;
  ow_screen_result r;
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &r, NULL), OW_OK);
  CHECK(r.n > 3 / SAN);
  ow_screen_pc_opts po = {OW_SCREEN_PC_DEFAULT_COV, NAN, 1.0, 0};
  ow_screen_pc(s.es, r.events, r.n, &po);
  size_t good = 0;
  for (size_t e = 0; e < r.n; e++)
    good += r.events[e].pc_status >= 0 && r.events[e].pc >= 0 &&
            r.events[e].pc <= 1;
  CHECK_EQ_INT(good, r.n);
  /* MAX_UNKNOWN (circular covariances) against the closed form of the
  ** maximum for a small HBR: Pc_max = hbr^2 / (e miss^2) (Alfano 2005 with
  ** a circular covariance; sigma = miss / sqrt(2)). */
  ow_screen_event *cp = malloc(r.n * sizeof *cp);
  memcpy(cp, r.events, r.n * sizeof *cp);
  po.mode = OW_SCREEN_PC_MAX;
  ow_screen_pc(s.es, cp, r.n, &po);
  for (size_t e = 0; e < r.n; e++) {
    double m = cp[e].miss_km * 1e3, hb = cp[e].hbr_m;
    CHECK_EQ_INT(cp[e].pc_method, OW_PC_MAX_UNKNOWN);
    if (m > 100 * hb)
      CHECK_NEAR(cp[e].pc, hb * hb / (exp(1.0) * m * m),
                 1e-2 * hb * hb / (m * m));
  }
  free(cp);
  ow_cdm *cdm = malloc(sizeof *cdm), *back = malloc(sizeof *back);
  for (size_t e = 0; e < r.n && e < 5; e++) {
    const ow_screen_event *v = &r.events[e];
    ow_err err;
    CHECK_EQ_INT(ow_screen_event_cdm(v, &s.es[v->i1], &s.es[v->i2], &o,
                                     t0, "ORBWATCH TEST", cdm, &err),
                 OW_OK);
    char *txt;
    size_t len;
    for (int fmt = 0; fmt < 2; fmt++) {
      int rc = fmt ? ow_cdm_write_xml(cdm, &txt, &len, &err)
                   : ow_cdm_write_kvn(cdm, &txt, &len, &err);
      CHECK_EQ_INT(rc, OW_OK);
      if (rc != OW_OK) {
        fprintf(stderr, "write: %s\n", err.msg);
        continue;
      }
      rc = ow_cdm_read(txt, len, "screen", OW_CDM_STRICT, back, NULL, &err);
      if (rc != OW_OK)
        fprintf(stderr, "strict read: %s: %s\n", err.field, err.msg);
      CHECK_EQ_INT(rc, OW_OK);
      CHECK_NEAR(back->miss_distance_m, v->miss_km * 1e3, 1e-6);
      CHECK_NEAR(back->collision_probability, v->pc, 1e-12 * v->pc + 1e-300);
      CHECK_NEAR(back->hbr_m, v->hbr_m, 1e-3);
      /* Pc from the message (GCRF states, RTN covariance) = event's Pc. */
      ow_pc_object o1, o2;
      ow_pc_result pr;
      CHECK_EQ_INT(ow_cdm_to_pc_objects(back, &o1, &o2, &err), OW_OK);
      CHECK(ow_pc_compute(&o1, &o2, back->hbr_m, NULL, &pr, &err) >= 0);
      CHECK_NEAR(pr.pc, v->pc, 1e-6 * v->pc + 1e-30);
      free(txt);
    }
  }
  free(cdm), free(back);
  ow_screen_result_free(&r);
  free_subset(&s);
  ow_catalog_free(&cat);
}

int main(void)
{
  test_rtn_types();
  test_slow_pair();
  test_thin_ellipsoid();
  test_volume_drift();
  test_hermite_bound();
  test_recall();
  test_primaries_ellipsoid();
  test_pc_cdm();
  return check_done();
}
