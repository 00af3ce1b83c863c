/*
** passes_dump - for the oracle tests: ground passes of every object of a
** catalog over span seconds from START for radar sites without range
** limit. One line per window:
**   SITE NORAD START_S END_S BEST_S MAX_EL_DEG MIN_RANGE_KM FLAGS
** usage: passes_dump CATALOG START_ISO SPAN_S MIN_EL_DEG LAT,LON,ALT_KM...
*/
#include "orbwatch/orbwatch.h"
#include "orbwatch/access.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define OW_PI_ 3.14159265358979323846

int main(int argc, char **argv)
{
  ow_catalog cat;
  ow_network net;
  ow_access_ctx *ctx;
  ow_window *w;
  ow_access_stats st;
  ow_err err;
  ow_jd t0;
  size_t n;
  char buf[512];

  if (argc < 6) {
    fprintf(stderr, "usage: passes_dump CATALOG START SPAN_S MIN_EL "
                    "LAT,LON,ALT...\n");
    return 2;
  }
  ow_catalog_init(&cat);
  ow_network_init(&net);
  if (ow_catalog_load_file(&cat, argv[1], OW_FMT_AUTO, NULL, NULL, NULL,
                           NULL) < 0 && cat.n == 0) {
    fprintf(stderr, "cannot load %s\n", argv[1]);
    return 3;
  }
  if (ow_time_parse_iso(argv[2], &t0, &err) < 0) {
    fprintf(stderr, "%s\n", ow_err_format(&err, buf, sizeof buf));
    return 2;
  }
  for (int i = 5; i < argc; i++) {
    ow_sensor s;
    double lat, lon, alt;
    ow_sensor_defaults(&s, OW_SENSOR_RADAR);
    if (sscanf(argv[i], "%lf,%lf,%lf", &lat, &lon, &alt) != 3)
      return 2;
    snprintf(s.name, sizeof s.name, "site%d", i - 5);
    s.lat_rad = lat * OW_PI_ / 180;
    s.lon_rad = lon * OW_PI_ / 180;
    s.alt_km = alt;
    s.min_el_rad = atof(argv[4]) * OW_PI_ / 180;
    ow_network_push(&net, &s);
  }
  if (ow_access_prepare(&ctx, &net, NULL, 0, t0, atof(argv[3]), NULL,
                        &err) < 0) {
    fprintf(stderr, "%s\n", ow_err_format(&err, buf, sizeof buf));
    return 3;
  }
  if (ow_access_catalog(ctx, cat.items, cat.n, &w, &n, &st) < 0)
    return 4;
  for (size_t i = 0; i < n; i++)
    printf("%d %u %.4f %.4f %.4f %.6f %.4f %d\n", w[i].sensor,
           (unsigned)w[i].norad, w[i].start_s, w[i].end_s, w[i].best_s,
           w[i].best_el_rad * 180 / OW_PI_, w[i].min_range_km, w[i].flags);
  fprintf(stderr, "targets %zu skipped %zu evals %zu windows %zu\n",
          st.targets, st.skipped, st.evals, st.windows);
  free(w);
  ow_access_free(ctx);
  ow_network_free(&net);
  ow_catalog_free(&cat);
  return 0;
}
