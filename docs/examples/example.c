/*
** example.c - a complete program against the installed liborbwatch
** (docs/library.md): load a catalog, propagate one object with SGP4,
** screen the catalog against it, print the results.
**
**   cc example.c $(pkg-config --cflags --libs orbwatch) -o example
**   ./example CATALOG NORAD TIME [SPAN_DAY]
**
** CATALOG is any format orbwatch reads (TLE, OMM KVN/XML/JSON/CSV), NORAD
** the catalog number of the primary, TIME an ISO UTC time
** ("2026-10-31T00:00:00Z"), SPAN_DAY the screening span from TIME (default
** 1). It prints the primary's TEME state at TIME as a CSV line with the
** columns and digits of `orbwatch propagate --at TIME --ids NORAD`, then
** every conjunction within 5 km during the span.
** Exit status: 0 done, 1 bad arguments or input, 2 out of memory.
*/
#include <orbwatch/orbwatch.h>

#include <stdio.h>
#include <stdlib.h>

/* The loader's diagnostics: one line per problem, with file and line. */
static void print_diag(void *user, const ow_err *d)
{
  char text[1024];
  (void)user;
  fprintf(stderr, "example: %s\n", ow_err_format(d, text, sizeof text));
}

int main(int argc, char **argv)
{
  ow_catalog cat;
  ow_load_stats stats;
  ow_err err;
  ow_jd at_utc;
  char iso[OW_ISO_BUF];
  int rc;

  if (argc < 4 || argc > 5) {
    fprintf(stderr, "usage: example CATALOG NORAD TIME [SPAN_DAY]\n");
    return 1;
  }
  unsigned long norad = strtoul(argv[2], NULL, 10);
  double span_day = argc == 5 ? atof(argv[4]) : 1.0;
  ow_err_clear(&err);
  if (ow_time_parse_iso(argv[3], &at_utc, &err) < 0) {
    fprintf(stderr, "example: %s: %s\n", argv[3], err.msg);
    return 1;
  }

  /* 1. Load the catalog: bad records are reported and skipped. */
  ow_catalog_init(&cat);
  rc = ow_catalog_load_file(&cat, argv[1], OW_FMT_AUTO, NULL, print_diag,
                            NULL, &stats);
  if (rc == OW_E_NOMEM || cat.n == 0) {
    fprintf(stderr, "example: %s: %s\n", argv[1], ow_strerror(rc));
    ow_catalog_free(&cat);
    return rc == OW_E_NOMEM ? 2 : 1;
  }

  /* 2. One SGP4 model per element set (WGS-72, as the sets are fitted).
  ** A set whose model fails is left out of the screening by ow_screen_run. */
  ow_sgp4 *models = malloc(cat.n * sizeof *models);
  if (models == NULL) {
    ow_catalog_free(&cat);
    return 2;
  }
  size_t primary = cat.n;
  for (size_t i = 0; i < cat.n; i++) {
    ow_sgp4_init(&models[i], &cat.items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                 NULL);
    if (cat.items[i].norad == norad)
      primary = i;
  }
  if (primary == cat.n) {
    fprintf(stderr, "example: %lu is not in %s\n", norad, argv[1]);
    free(models);
    ow_catalog_free(&cat);
    return 1;
  }

  /* 3. Propagate the primary to TIME: minutes since its own epoch. */
  const ow_elset *e = &cat.items[primary];
  double tsince_min = ((at_utc.day - e->epoch_utc.day) +
                       (at_utc.frac - e->epoch_utc.frac)) * 1440.0;
  double r_km[3], v_km_s[3];
  rc = ow_sgp4_propagate(&models[primary], tsince_min, r_km, v_km_s);
  ow_time_format_iso(at_utc, 6, iso, sizeof iso);
  printf("norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,"
         "status\n");
  if (rc == OW_OK || rc == OW_E_SGP4_DECAYED)
    printf("%u,%s,%.6f,%.8f,%.8f,%.8f,%.11f,%.11f,%.11f,%d\n", e->norad, iso,
           tsince_min, r_km[0], r_km[1], r_km[2], v_km_s[0], v_km_s[1],
           v_km_s[2], rc == OW_OK ? 0 : ow_sgp4_refcode(rc));
  else
    printf("%u,%s,%.6f,,,,,,,%d\n", e->norad, iso, tsince_min,
           ow_sgp4_refcode(rc));

  /* 4. Screen the catalog against the primary from TIME over the span. */
  ow_screen_opts opts;
  ow_screen_result res;
  uint32_t primaries[1] = {e->norad};
  ow_screen_opts_default(&opts, at_utc);
  opts.span_day = span_day;
  opts.threshold_km = 5.0;
  opts.primaries = primaries;
  opts.n_primaries = 1;
  ow_err_clear(&err);
  rc = ow_screen_run(cat.items, models, cat.n, &opts, &res, &err);
  if (rc < 0) {
    fprintf(stderr, "example: screening: %s\n",
            err.msg[0] ? err.msg : ow_strerror(rc));
    free(models);
    ow_catalog_free(&cat);
    return rc == OW_E_NOMEM ? 2 : 1;
  }
  printf("\nconjunctions of %u within %.1f km over %.2f days: %zu\n",
         e->norad, opts.threshold_km, span_day, res.n);
  printf("norad_1,norad_2,tca_utc,miss_km,rel_speed_km_s\n");
  for (size_t k = 0; k < res.n; k++) {
    const ow_screen_event *ev = &res.events[k];
    ow_time_format_iso(ev->tca_utc, 6, iso, sizeof iso);
    printf("%u,%u,%s,%.6f,%.6f\n", ev->norad_1, ev->norad_2, iso, ev->miss_km,
           ev->rel_speed_km_s);
  }

  ow_screen_result_free(&res);
  free(models);
  ow_catalog_free(&cat);
  return 0;
}
