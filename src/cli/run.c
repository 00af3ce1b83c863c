/*
** run.c - `orbwatch run`: the main job on a catalog (by default the bundled
** synthetic population): load and validate, prepare the models, propagate
** the whole catalog over a day and summarise by orbit regime.
*/
#include "cli.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef OW_DEFAULT_CATALOG
#define OW_DEFAULT_CATALOG "data/synthetic/catalog.csv"
#endif

static const char usage_text[] =
    "usage: orbwatch run [CATALOG] [--hours H] [--step S]\n"
    "\n"
    "The main job: load and validate CATALOG (default: the bundled synthetic\n"
    "population " OW_DEFAULT_CATALOG "), prepare every SGP4/SDP4 model,\n"
    "propagate the whole catalog from its median epoch over H hours\n"
    "(default 24) every S seconds (default 60) and print a summary by orbit\n"
    "regime (ESA classes: LEO, LMO, MEO, NSO, GTO, GEO, EGO, MGO, HEO),\n"
    "then screen it all against all over the same span (5 km) and list\n"
    "the ten closest approaches with their Pc.\n";

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct regime_stats {
  size_t objects, deep, alpha5, nine_digit, init_failed;
  size_t states, failed;
  size_t beyond_hill; /* states past the Earth's Hill sphere (SGP4 blow-up) */
  double min_hp_km, max_ha_km;  /* from the element sets */
  double min_alt_km, max_alt_km; /* propagated, above a 6378.137 km sphere */
  double sum_speed_km_s;
} regime_stats;

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median element-set epoch (UTC); the first one if memory is short. */
static ow_jd median_epoch(const ow_catalog *cat)
{
  double *d = malloc(cat->n * sizeof *d);
  ow_jd m = cat->items[0].epoch_utc;
  if (d == NULL)
    return m;
  for (size_t i = 0; i < cat->n; i++)
    d[i] = cli_jd_diff_min(cat->items[i].epoch_utc, m);
  qsort(d, cat->n, sizeof *d, cmp_double);
  m = cli_jd_add_min(m, d[cat->n / 2]);
  free(d);
  return m;
}

int cmd_run(int argc, char **argv)
{
  const char *path = NULL, *v;
  double hours = 24.0, step_s = 60.0;
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      return OW_EXIT_OK;
    } else if ((v = cli_opt(argc, argv, &i, "--hours"))) {
      if (cli_parse_double(v, &hours) != 0 || hours <= 0 || hours > 24 * 366)
        return cli_usage_error("run", "--hours must be in (0, 8784]");
    } else if ((v = cli_opt(argc, argv, &i, "--step"))) {
      if (cli_parse_double(v, &step_s) != 0 || step_s < 1)
        return cli_usage_error("run", "--step must be at least 1 s");
    } else if (argv[i][0] == '-' && argv[i][1] != '\0')
      return cli_usage_error("run", "unknown option %s", argv[i]);
    else if (path == NULL)
      path = argv[i];
    else
      return cli_usage_error("run", "more than one CATALOG given");
  }
  if (path == NULL)
    path = OW_DEFAULT_CATALOG;

  printf("orbwatch %s: main job on %s\n\n", OW_VERSION, path);

  /* 1. Load and validate. */
  ow_catalog cat;
  ow_catalog_init(&cat);
  ow_load_stats st;
  double t0 = now_s();
  int exit_code = cli_load_catalog("run", path, OW_FMT_AUTO, NULL, &cat, &st);
  double t_load = now_s() - t0;
  if (exit_code == OW_EXIT_INPUT || exit_code == OW_EXIT_INTERNAL) {
    ow_catalog_free(&cat);
    return exit_code;
  }

  /* 2. Prepare the models. */
  ow_sgp4 *models = malloc(cat.n * sizeof *models);
  int *init_rc = malloc(cat.n * sizeof *init_rc);
  if (models == NULL || init_rc == NULL) {
    free(models);
    free(init_rc);
    ow_catalog_free(&cat);
    return OW_EXIT_INTERNAL;
  }
  t0 = now_s();
  size_t init_failed = 0;
  for (size_t i = 0; i < cat.n; i++) {
    init_rc[i] = ow_sgp4_init(&models[i], &cat.items[i], OW_GRAV_WGS72,
                              OW_OPSMODE_IMPROVED, NULL);
    init_failed += init_rc[i] < 0;
  }
  double t_init = now_s() - t0;

  ow_jd newest = cat.items[0].epoch_utc, oldest = newest;
  for (size_t i = 1; i < cat.n; i++) {
    if (cli_jd_diff_min(cat.items[i].epoch_utc, newest) > 0)
      newest = cat.items[i].epoch_utc;
    if (cli_jd_diff_min(cat.items[i].epoch_utc, oldest) < 0)
      oldest = cat.items[i].epoch_utc;
  }
  char a[OW_ISO_BUF], b[OW_ISO_BUF];
  ow_time_format_iso(oldest, 0, a, sizeof a);
  ow_time_format_iso(newest, 0, b, sizeof b);
  printf("Catalog\n");
  printf("  %zu element sets loaded, %zu rejected (%.1f ms to read and "
         "validate)\n", st.loaded, st.rejected, t_load * 1e3);
  printf("  %zu SGP4/SDP4 models prepared in %.1f ms, %zu refused at epoch\n",
         cat.n - init_failed, t_init * 1e3, init_failed);
  printf("  epochs %s .. %s\n\n", a, b);

  /* 3. Propagate over the span, every step, from the median epoch rounded
  ** down to the minute: the time the catalog describes (real catalogs hold
  ** a few predicted element sets days ahead and stale ones weeks old). */
  ow_jd start = median_epoch(&cat);
  start.frac = floor(start.frac * 1440.0) / 1440.0;
  size_t n_steps = (size_t)floor(hours * 3600.0 / step_s + 1e-9) + 1;
  regime_stats rs[OW_REGIME_COUNT];
  memset(rs, 0, sizeof rs);
  for (int r = 0; r < OW_REGIME_COUNT; r++) {
    rs[r].min_hp_km = rs[r].min_alt_km = DBL_MAX;
    rs[r].max_ha_km = rs[r].max_alt_km = -DBL_MAX;
  }
  size_t n_noted = 0;
  /* Element-set statistics per regime. */
  ow_regime *regime = malloc(cat.n * sizeof *regime);
  unsigned char *dead = calloc(cat.n, 1);
  if (regime == NULL || dead == NULL) {
    free(regime);
    free(dead);
    free(models);
    free(init_rc);
    ow_catalog_free(&cat);
    return OW_EXIT_INTERNAL;
  }
  for (size_t i = 0; i < cat.n; i++) {
    const ow_elset *e = &cat.items[i];
    regime_stats *s = &rs[regime[i] = ow_orbit_regime(e)];
    double hp, ha;
    ow_elset_heights(e, &hp, &ha);
    s->objects++;
    s->deep += models[i].method >= OW_SGP4_DEEP;
    s->alpha5 += e->norad >= 100000 && e->norad <= OW_ALPHA5_MAX;
    s->nine_digit += e->norad > OW_ALPHA5_MAX;
    s->min_hp_km = fmin(s->min_hp_km, hp);
    s->max_ha_km = fmax(s->max_ha_km, ha);
    s->init_failed += init_rc[i] < 0;
  }

  /* The whole catalog over the grid with the batch engine (SIMD, all
  ** cores), walked in chunks of an hour so memory stays small. An object
  ** that fails (decay, eccentricity out of range) does not come back: it is
  ** noted once and its remaining times count as failed. */
  ow_batch batch;
  ow_batch_stream stream;
  ow_time_grid grid = {start, step_s, n_steps};
  ow_err berr;
  t0 = now_s();
  int brc = ow_batch_init(&batch, models, cat.n, &berr);
  if (brc == OW_OK)
    brc = ow_batch_stream_init(&stream, &batch, &grid,
                               (size_t)ceil(3600.0 / step_s), OW_FRAME_TEME,
                               NULL, &berr);
  if (brc != OW_OK) {
    char buf[512];
    fprintf(stderr, "orbwatch run: batch engine: %s\n",
            ow_err_format(&berr, buf, sizeof buf));
    free(regime);
    free(dead);
    free(models);
    free(init_rc);
    ow_catalog_free(&cat);
    return OW_EXIT_INTERNAL;
  }
  long nk;
  while ((nk = ow_batch_stream_next(&stream)) > 0) {
    const ow_batch_out *o = &stream.out;
    for (size_t k = 0; k < (size_t)nk; k++) {
      for (size_t i = 0; i < cat.n; i++) {
        size_t at = k * o->ld + i;
        regime_stats *s = &rs[regime[i]];
        if (dead[i])
          continue;
        int rc = init_rc[i] < 0 ? init_rc[i] : o->status[at];
        if (rc != OW_OK) {
          size_t left = n_steps - (stream.k0 + k);
          dead[i] = 1;
          s->failed += left;
          s->states += left;
          if (n_noted++ < 5) {
            char t[OW_ISO_BUF];
            ow_time_format_iso(ow_time_grid_at(&grid, stream.k0 + k), 0, t,
                               sizeof t);
            printf("  note: %u %s: %s at %s\n", cat.items[i].norad,
                   cat.items[i].name, ow_strerror(rc), t);
          }
          continue;
        }
        double x = o->x_km[at], y = o->y_km[at], z = o->z_km[at];
        double vx = o->vx_km_s[at], vy = o->vy_km_s[at], vz = o->vz_km_s[at];
        double alt = sqrt(x * x + y * y + z * z) - OW_WGS84_RE_KM;
        s->states++;
        /* SGP4 keeps a status of 0 for some near-parabolic states of
        ** decaying objects far outside any orbit (1e10 km); past the
        ** Earth's Hill sphere (1.5 million km) they are counted apart and
        ** kept out of the altitude and speed figures. */
        if (alt > 1.5e6) {
          s->beyond_hill++;
          continue;
        }
        s->min_alt_km = fmin(s->min_alt_km, alt);
        s->max_alt_km = fmax(s->max_alt_km, alt);
        s->sum_speed_km_s += sqrt(vx * vx + vy * vy + vz * vz);
      }
    }
  }
  ow_batch_stream_free(&stream);
  const char *isa = ow_batch_isa_name(batch.isa);
  ow_batch_free(&batch);
  double t_prop = now_s() - t0;
  size_t total_states = 0, total_failed = 0;
  for (int r = 0; r < OW_REGIME_COUNT; r++) {
    total_states += rs[r].states;
    total_failed += rs[r].failed;
  }
  ow_time_format_iso(start, 0, a, sizeof a);
  if (n_noted > 5)
    printf("  note: %zu more objects failed (see the failed column)\n",
           n_noted - 5);
  printf("%sPropagation: %zu objects x %zu times (%g h every %g s from %s)\n",
         n_noted ? "\n" : "", cat.n, n_steps, hours, step_s, a);
  printf("  %zu states in %.2f s (%.1f million/s, batch engine, %s, all "
         "cores), %zu failed\n\n", total_states, t_prop,
         t_prop > 0 ? total_states / t_prop / 1e6 : 0.0, isa, total_failed);

  printf("By orbit regime\n");
  printf("  %-6s %8s %6s %7s %6s %10s %10s %10s %10s %9s %7s %5s\n",
         "regime", "objects", "SDP4", "alpha5", "9-dig", "perigee_km",
         "apogee_km", "min_alt_km", "max_alt_km", "v_km_s", "failed", "odd");
  for (int r = 0; r < OW_REGIME_COUNT; r++) {
    const regime_stats *s = &rs[r];
    if (s->objects == 0)
      continue;
    size_t good = s->states - s->failed - s->beyond_hill;
    printf("  %-6s %8zu %6zu %7zu %6zu %10.0f %10.0f", ow_regime_name(r),
           s->objects, s->deep, s->alpha5, s->nine_digit, s->min_hp_km,
           s->max_ha_km);
    if (good > 0)
      printf(" %10.0f %10.0f %9.3f", s->min_alt_km, s->max_alt_km,
             s->sum_speed_km_s / good);
    else
      printf(" %10s %10s %9s", "-", "-", "-");
    printf(" %7zu %5zu\n", s->failed, s->beyond_hill);
  }
  printf("  (perigee/apogee: lowest and highest of the element sets; "
         "alt: propagated,\n   above a 6378.137 km sphere; v: mean speed; "
         "failed: states with an SGP4 error;\n   odd: states without error "
         "but past the Earth's Hill sphere, left out of alt and v)\n");

  /* 4. Screening over the same span: the closest approaches (screen.c). */
  cli_screen_summary(&cat, models, start, hours, 10);

  free(regime);
  free(dead);
  free(models);
  free(init_rc);
  ow_catalog_free(&cat);
  /* SGP4 failures are results (shown above), not a failure of the job. */
  return exit_code;
}
