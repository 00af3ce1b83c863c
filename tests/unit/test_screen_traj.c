/*
** test_screen_traj.c - screening a tabulated trajectory against the
** catalog gives the events of screening its element set: for LEO and GEO
** primaries of the 2023-10 catalog, a table sampled here from the SGP4
** model every 60 s (Lagrange, 8 points: degree 7, positions and velocities
** each) replaces the model (ow_screen_opts.trajs); the events must be
** those of the element set screened as a primary, TCA within 1 ms and
** miss within 1 m, none more, none less (8 LEO primaries at 30 km, 4 GEO
** at 300 km, one day). The reference is the SGP4 run (its own recall is
** checked against brute force in test_screen.c); the table's
** interpolation error is measured against the model every 7 s and must
** stay below TOL_INTERP_KM (measured: 8 um LEO, 1.4 mm for a GEO).
** Hermite does worse on SGP4 tables (2 to 8 cm, growing linearly with the
** spacing): SGP4's velocity is not the exact derivative of its position.
** Also ow_screen_elset_of_traj against the element set it came from.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TOL_TCA_S 1e-3
#define TOL_MISS_KM 1e-3
#define TOL_INTERP_KM 1e-5 /* 1 cm: well inside the 1 m asked of the miss */
#define NODE_S 60.0
#define PAD_S 1800.0       /* the table covers the span and 30 min more */

static int make_table(const ow_elset *e, const ow_sgp4 *m, ow_jd start,
                      double span_s, ow_traj *t)
{
  size_t n = (size_t)((span_s + 2 * PAD_S) / NODE_S) + 1;
  ow_jd *ep = malloc(n * sizeof *ep);
  double(*r)[3] = malloc(n * sizeof *r), (*v)[3] = malloc(n * sizeof *v);
  int rc = OW_OK;
  for (size_t k = 0; k < n && rc == OW_OK; k++) {
    double s = -PAD_S + (double)k * NODE_S;
    ep[k] = start;
    ep[k].frac += s / 86400.0;
    ep[k] = ow_jd_normalize(ep[k]);
    double tsince = ((ep[k].day - m->epoch_utc.day) +
                     (ep[k].frac - m->epoch_utc.frac)) * 1440.0;
    rc = ow_sgp4_propagate(m, tsince, r[k], v[k]);
  }
  ow_traj_table tab;
  memset(&tab, 0, sizeof tab);
  tab.n = n, tab.epoch_utc = ep;
  tab.r_teme_km = (const double(*)[3])r;
  tab.v_teme_km_s = (const double(*)[3])v;
  tab.interp = OW_INTERP_LAGRANGE, tab.points = 8;
  tab.norad = e->norad, tab.name = e->name, tab.object_id = e->object_id;
  if (rc == OW_OK)
    rc = ow_traj_init_table(t, &tab, NULL);
  free(ep), free(r), free(v);
  return rc;
}

/* Largest |table - model| over the span, at the middle of each interval
** and every 7 s. */
static double interp_error_km(const ow_traj *t, const ow_sgp4 *m,
                              ow_jd start, double span_s, double *vworst)
{
  double worst = 0;
  for (double s = 0; s <= span_s; s += 7.0) {
    ow_jd jd = start;
    jd.frac += s / 86400.0;
    jd = ow_jd_normalize(jd);
    double r1[3], v1[3], r2[3], v2[3];
    double ts = ((jd.day - m->epoch_utc.day) +
                 (jd.frac - m->epoch_utc.frac)) * 1440.0;
    if (ow_traj_state(t, jd, r1, v1, NULL) != OW_OK ||
        ow_sgp4_propagate(m, ts, r2, v2) != OW_OK)
      return INFINITY;
    double d = sqrt((r1[0] - r2[0]) * (r1[0] - r2[0]) +
                    (r1[1] - r2[1]) * (r1[1] - r2[1]) +
                    (r1[2] - r2[2]) * (r1[2] - r2[2]));
    worst = fmax(worst, d);
    *vworst = fmax(*vworst, sqrt((v1[0] - v2[0]) * (v1[0] - v2[0]) +
                                 (v1[1] - v2[1]) * (v1[1] - v2[1]) +
                                 (v1[2] - v2[2]) * (v1[2] - v2[2])));
  }
  return worst;
}

static double s_between(ow_jd a, ow_jd b)
{
  return ((a.day - b.day) + (a.frac - b.frac)) * 86400.0;
}

/* Screen the catalog with primaries want[0..np) at threshold_km, first
** as element sets, then with their tables; compare the events. */
static void compare(const ow_catalog *cat, const ow_sgp4 *m,
                    const ow_traj **trajs, ow_jd start, double span_s,
                    const uint32_t *want, size_t np, double threshold_km,
                    const char *label)
{
  ow_screen_opts o;
  ow_screen_opts_default(&o, start);
  o.span_day = span_s / 86400.0;
  o.threshold_km = threshold_km;
  o.primaries = want;
  o.n_primaries = np;
  ow_screen_result ref, got;
  ow_err err;
  CHECK_EQ_INT(ow_screen_run(cat->items, m, cat->n, &o, &ref, &err), OW_OK);
  o.trajs = trajs;
  CHECK_EQ_INT(ow_screen_run(cat->items, m, cat->n, &o, &got, &err), OW_OK);
  size_t matched = 0, geo_events = 0;
  double dt_max = 0, dm_max = 0;
  for (size_t a = 0; a < ref.n; a++) {
    const ow_screen_event *e = &ref.events[a];
    int found = 0;
    for (size_t b = 0; b < got.n && !found; b++) {
      const ow_screen_event *f = &got.events[b];
      double dt = fabs(s_between(f->tca_utc, e->tca_utc));
      if (f->norad_1 == e->norad_1 && f->norad_2 == e->norad_2 &&
          dt < TOL_TCA_S) {
        found = 1;
        dt_max = fmax(dt_max, dt);
        dm_max = fmax(dm_max, fabs(f->miss_km - e->miss_km));
      }
    }
    matched += found;
    geo_events += cat->items[e->i1].n_rev_day < 1.1;
    if (!found) {
      double best = INFINITY, bm = NAN;
      int bn = 0;
      for (size_t b = 0; b < got.n; b++) {
        const ow_screen_event *f = &got.events[b];
        double dt = fabs(s_between(f->tca_utc, e->tca_utc));
        if (f->norad_1 == e->norad_1 && f->norad_2 == e->norad_2 && dt < best)
          best = dt, bm = f->miss_km, bn = f->n_minima;
      }
      printf("missing: %u-%u miss %.6f km, %d minima; nearest: %.3g s, "
             "%.6f km, %d minima\n", e->norad_1, e->norad_2, e->miss_km,
             e->n_minima, best, bm, bn);
    }
  }
  printf("%s: element sets: %zu events (%zu GEO); tables: %zu; matched %zu, "
         "TCA within %.3g s, miss within %.3g km\n", label, ref.n, geo_events,
         got.n, matched, dt_max, dm_max);
  CHECK(ref.n >= (CHECK_SANITIZED ? 1u : 10u));
  CHECK_EQ_INT(matched, ref.n);
  CHECK_EQ_INT(got.n, ref.n);
  CHECK(dt_max <= TOL_TCA_S);
  CHECK(dm_max <= TOL_MISS_KM);

  ow_screen_result_free(&ref);
  ow_screen_result_free(&got);
}

static void test_table_as_primary(void)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/full_2023-10_spacetrack_3le.txt",
           check_shared_dir());
  ow_catalog cat;
  ow_catalog_init(&cat);
  if (ow_catalog_load_file(&cat, path, OW_FMT_AUTO, NULL, NULL, NULL,
                           NULL) < 0) {
    CHECK(0);
    return;
  }
  ow_sgp4 *m = malloc(cat.n * sizeof *m);
  for (size_t i = 0; i < cat.n; i++)
    ow_sgp4_init(&m[i], &cat.items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                 NULL);
  ow_jd start;
  ow_time_from_calendar(2023, 10, 9, 0, 0, 0.0, &start);
  double span_s = (CHECK_SANITIZED ? 0.25 : 1.0) * 86400.0;
  /* Primaries: LEO (ISS, Starlinks, debris clouds) and GEO. */
  static const uint32_t want[] = {25544, 48274, 44714, 45178, 34454, 28654,
                                  43013, 27386, /* LEO, then GEO */
                                  41866, 36411, 28884, 40874};
  size_t np = sizeof want / sizeof want[0];
  const ow_traj **trajs = calloc(cat.n, sizeof *trajs);
  ow_traj *tabs = calloc(np, sizeof *tabs);
  size_t nt = 0, ngeo = 0;
  double worst = 0, vworst = 0;
  for (size_t i = 0; i < cat.n; i++)
    for (size_t k = 0; k < np; k++)
      if (cat.items[i].norad == want[k] && nt < np &&
          make_table(&cat.items[i], &m[i], start, span_s, &tabs[nt]) ==
              OW_OK) {
        double vw = 0, pw = interp_error_km(&tabs[nt], &m[i], start, span_s,
                                             &vw);
        printf("  table %u (%.4f rev/day): %.3g km, %.3g km/s\n",
               cat.items[i].norad, cat.items[i].n_rev_day, pw, vw);
        worst = fmax(worst, pw), vworst = fmax(vworst, vw);
        ngeo += cat.items[i].n_rev_day < 1.1;
        trajs[i] = &tabs[nt++];
      }
  printf("%zu tables (%zu GEO), largest interpolation error %.3g km, "
         "%.3g km/s\n", nt, ngeo, worst, vworst);
  CHECK_EQ_INT(nt, np);
  CHECK(ngeo >= 4);
  CHECK(worst < TOL_INTERP_KM);

  compare(&cat, m, trajs, start, span_s, want, 8, 30.0, "LEO, 30 km");
  compare(&cat, m, trajs, start, span_s, want + 8, 4, 300.0, "GEO, 300 km");

  /* The stand-in element set of a table: the two-body elements of its
  ** first state, close to the mean elements it came from. */
  ow_elset se;
  CHECK_EQ_INT(ow_screen_elset_of_traj(&tabs[0], &se), OW_OK);
  const ow_elset *src = NULL;
  for (size_t i = 0; i < cat.n; i++)
    if (trajs[i] == &tabs[0])
      src = &cat.items[i];
  if (src) {
    CHECK_EQ_INT(se.norad, src->norad);
    CHECK_STR(se.name, src->name);
    CHECK_NEAR(se.incl_deg, src->incl_deg, 0.1);
    CHECK_NEAR(se.n_rev_day, src->n_rev_day, 0.05 * src->n_rev_day);
  }
  for (size_t k = 0; k < nt; k++)
    ow_traj_free(&tabs[k]);
  free(tabs);
  free(trajs);
  free(m);
  ow_catalog_free(&cat);
}

int main(void)
{
  test_table_as_primary();
  return check_done();
}
