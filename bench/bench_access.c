/*
** bench_access.c - access windows of a whole catalog for the bundled
** network: the 2023-10 catalog x data/scenario/network.cfg (six sensors)
** x 24 h, all cores (target: under 10 s on two).
**
** usage: bench_access [CATALOG [NETWORK [HOURS [THREADS]]]]
** The hosts of the hosted sensors (synthetic QZS-6 and GEO HOST-2) are
** made by ow_synth_population at the span's start, as `orbwatch synth`
** would, and added to the catalog.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
  const char *cat_path = argc > 1 ? argv[1]
                                  : OW_SHARED_DATA
      "/catalog/full_2023-10_spacetrack_3le.txt";
  const char *net_path = argc > 2 ? argv[2] : "data/scenario/network.cfg";
  double hours = argc > 3 ? atof(argv[3]) : 24.0;
  ow_access_opts opts = {0};
  opts.threads = argc > 4 ? atoi(argv[4]) : 0;
  ow_catalog cat, hosts;
  ow_network net;
  ow_err err;
  ow_access_ctx *ctx;
  ow_window *w;
  size_t n;
  ow_access_stats st;
  char buf[600];
  ow_jd t0;

  ow_catalog_init(&cat);
  ow_catalog_init(&hosts);
  ow_network_init(&net);
  if (ow_catalog_load_file(&cat, cat_path, OW_FMT_AUTO, NULL, NULL, NULL,
                           NULL) < 0 && cat.n == 0) {
    fprintf(stderr, "bench_access: cannot load %s\n", cat_path);
    return 1;
  }
  if (ow_network_load_file(&net, net_path, &err) < 0) {
    fprintf(stderr, "bench_access: %s\n", ow_err_format(&err, buf, sizeof buf));
    return 1;
  }
  /* Span: the catalog's median epoch area, 2023-10-09T12:00Z for 2023-10;
  ** generally the newest epoch down to the day. */
  t0 = cat.items[0].epoch_utc;
  for (size_t i = 1; i < cat.n; i++)
    if (cat.items[i].epoch_utc.day + cat.items[i].epoch_utc.frac >
        t0.day + t0.frac)
      t0 = cat.items[i].epoch_utc;
  t0.frac = 0.5;
  t0.day -= 9.0; /* 2023-10-18 newest (a few predicted sets) -> 10-09 */
  if (argc > 5)
    ow_time_parse_iso(argv[5], &t0, NULL);
  ow_synth_opts so = {1, 16, t0};
  ow_synth_population(&so, &hosts, NULL);
  for (size_t i = 0; i < hosts.n; i++)
    if (hosts.items[i].norad == OW_SYNTH_HOST_QZS6 ||
        hosts.items[i].norad == OW_SYNTH_HOST_GEO2)
      ow_catalog_push(&cat, &hosts.items[i]);

  double a = now_s();
  if (ow_access_prepare(&ctx, &net, cat.items, cat.n, t0, hours * 3600.0,
                        &opts, &err) < 0) {
    fprintf(stderr, "bench_access: %s\n", ow_err_format(&err, buf, sizeof buf));
    return 1;
  }
  double b = now_s();
  if (ow_access_catalog(ctx, cat.items, cat.n, &w, &n, &st) < 0)
    return 1;
  double c = now_s();
  ow_time_format_iso(t0, 0, buf, sizeof buf);
  printf("access: %zu objects x %zu sensors x %.0f h from %s: %zu windows, "
         "%zu states, prepare %.3f s, search %.3f s (%.2f M states/s)\n",
         cat.n, net.n, hours, buf, n, st.evals, b - a, c - b,
         st.evals / (c - b) / 1e6);
  size_t per[64] = {0};
  for (size_t i = 0; i < n; i++)
    if (w[i].sensor < 64)
      per[w[i].sensor]++;
  for (size_t s = 0; s < net.n && s < 64; s++)
    printf("  %-28s %8zu windows\n", net.s[s].name, per[s]);
  free(w);
  ow_access_free(ctx);
  ow_network_free(&net);
  ow_catalog_free(&hosts);
  ow_catalog_free(&cat);
  return 0;
}
