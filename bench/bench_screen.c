/*
** bench_screen.c - all-vs-all screening of a whole catalog (default the
** 2023-10 catalog of ../shared/data, 26,140 objects): wall time, events,
** peak memory (max RSS). Start: the catalog's median epoch rounded down
** to the hour, so runs are repeatable.
**
**   bench_screen [CATALOG] [--days D] [--threshold-km K] [--step S]
**                [--threads N] [--scan-isa sse2|avx2|avx512] [--pc] [--json]
**                [--no-geometry] [--primaries ID,ID,...]
*/
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_d(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
  const char *path = OW_SHARED_DATA "/catalog/full_2023-10_spacetrack_3le.txt";
  double days = 1.0, thr = 5.0, step = 0.0;
  int threads = 0, pc = 0, json = 0, no_geom = 0;
  uint32_t prims[256];
  size_t nprim = 0;
  ow_batch_isa scan_isa = OW_ISA_AUTO;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--days") && i + 1 < argc)
      days = atof(argv[++i]);
    else if (!strcmp(argv[i], "--threshold-km") && i + 1 < argc)
      thr = atof(argv[++i]);
    else if (!strcmp(argv[i], "--step") && i + 1 < argc)
      step = atof(argv[++i]);
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
      threads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--scan-isa") && i + 1 < argc) {
      if (ow_batch_isa_parse(argv[++i], &scan_isa) < 0) {
        fprintf(stderr, "bench_screen: unknown ISA %s\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(argv[i], "--pc"))
      pc = 1;
    else if (!strcmp(argv[i], "--json"))
      json = 1;
    else if (!strcmp(argv[i], "--no-geometry"))
      no_geom = 1;
    else if (!strcmp(argv[i], "--primaries") && i + 1 < argc) {
      for (char *q = argv[++i]; *q && nprim < 256;) {
        char *e;
        unsigned long v = strtoul(q, &e, 10);
        if (e == q) {
          fprintf(stderr, "bench_screen: bad --primaries\n");
          return 2;
        }
        prims[nprim++] = (uint32_t)v;
        q = *e == ',' ? e + 1 : e;
      }
    }
    else if (argv[i][0] != '-')
      path = argv[i];
    else {
      fprintf(stderr, "bench_screen: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  ow_catalog cat;
  ow_catalog_init(&cat);
  double t0 = now_s();
  int rc = ow_catalog_load_file(&cat, path, OW_FMT_AUTO, NULL, NULL, NULL,
                                NULL);
  if (rc < 0 && cat.n == 0) {
    fprintf(stderr, "bench_screen: cannot load %s: %s\n", path,
            ow_strerror(rc));
    return 3;
  }
  ow_sgp4 *m = malloc(cat.n * sizeof *m);
  double *ep = malloc(cat.n * sizeof *ep);
  for (size_t i = 0; i < cat.n; i++) {
    ow_sgp4_init(&m[i], &cat.items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                 NULL);
    ep[i] = cat.items[i].epoch_utc.day + cat.items[i].epoch_utc.frac;
  }
  double t_load = now_s() - t0;
  qsort(ep, cat.n, sizeof *ep, cmp_d);
  double med = ep[cat.n / 2];
  ow_jd start = {floor(med - 0.5) + 0.5, 0};
  start.frac = floor((med - start.day) * 24.0) / 24.0;
  ow_screen_opts o;
  ow_screen_opts_default(&o, start);
  o.span_day = days;
  o.threshold_km = thr;
  if (step > 0)
    o.step_s = step;
  o.threads = threads;
  o.no_geometry = no_geom;
  if (nprim) {
    o.primaries = prims;
    o.n_primaries = nprim;
  }
  o.scan_isa = (int)scan_isa;
  ow_screen_result res;
  ow_err err;
  t0 = now_s();
  rc = ow_screen_run(cat.items, m, cat.n, &o, &res, &err);
  double t_screen = now_s() - t0;
  if (rc < 0) {
    fprintf(stderr, "bench_screen: %s: %s\n", ow_strerror(rc), err.msg);
    return 4;
  }
  double t_pc = 0;
  if (pc) {
    ow_screen_pc_opts po = {OW_SCREEN_PC_DEFAULT_COV, NAN, 1.0, threads};
    t0 = now_s();
    ow_screen_pc(cat.items, res.events, res.n, &po);
    t_pc = now_s() - t0;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  size_t below1 = 0, merged = 0;
  for (size_t i = 0; i < res.n; i++) {
    below1 += res.events[i].miss_km < 1.0;
    merged += res.events[i].n_minima > 1;
  }
  char iso[OW_ISO_BUF];
  ow_time_format_iso(start, 0, iso, sizeof iso);
  const ow_screen_stats *s = &res.stats;
  if (json)
    printf("{\"bench\": \"screen\", \"objects\": %zu, \"days\": %g, "
           "\"threshold_km\": %g, \"step_s\": %g, \"threads\": %d, "
           "\"screen_s\": %.3f, \"propagate_s\": %.3f, \"pc_s\": %.3f, "
           "\"events\": %zu, \"events_below_1km\": %zu, \"merged\": %zu, "
           "\"max_rss_mib\": %.1f, \"geometry_pruned\": %zu, "
           "\"geometry_rejected\": %llu}\n",
           cat.n, days, thr, s->step_s, threads, t_screen, s->t_propagate_s,
           t_pc, res.n, below1, merged, ru.ru_maxrss / 1024.0,
           s->geometry_pruned, (unsigned long long)s->geometry_rejected);
  else {
    printf("screen %s: %zu objects (%zu screened, %zu failed), %g day(s) "
           "from %s, %g km, step %g s\n", path, cat.n, s->screened, s->failed,
           days, iso, thr, s->step_s);
    printf("  load+init %.2f s; screening %.2f s (propagation %.2f s, "
           "search+refine %.2f s)%s", t_load, t_screen, s->t_propagate_s,
           s->t_search_s, pc ? "" : "\n");
    if (pc)
      printf("; Pc %.2f s\n", t_pc);
    printf("  search radius %.1f km; %llu pair-instants in radius, %llu "
           "intervals with a minimum, %llu refined, %zu minima\n",
           s->search_radius_km, (unsigned long long)s->pairs_in_radius,
           (unsigned long long)s->intervals_tested,
           (unsigned long long)s->refinements, s->minima);
    printf("  orbit geometry: %zu objects pruned (primaries), %llu of %llu "
           "pair tests rejected after the radial bands\n",
           s->geometry_pruned, (unsigned long long)s->geometry_rejected,
           (unsigned long long)s->geometry_tested);
    printf("  events: %zu (%zu below 1 km, %zu merged slow approaches); "
           "max RSS %.1f MiB\n", res.n, below1, merged,
           ru.ru_maxrss / 1024.0);
  }
  ow_screen_result_free(&res);
  free(m);
  free(ep);
  ow_catalog_free(&cat);
  return 0;
}
