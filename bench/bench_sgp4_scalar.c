/*
** bench_sgp4_scalar.c - scalar SGP4 throughput and catalog load time.
**
** Usage: bench_sgp4_scalar [CATALOG [STEPS]]
**   CATALOG  3LE/TLE file (default: the 2023-10 full catalog in
**            $OW_SHARED_DATA/catalog)
**   STEPS    one-minute steps per object (default 1440: one day)
**
** Reports, on one thread:
**   - parse + init: ow_catalog_read of the file's bytes (already in
**     memory) and ow_sgp4_init of every object, best of 5 runs;
**   - propagations per second: every object from tsince 0 to STEPS - 1
**     minutes, object by object (ow_sgp4_propagate, WGS-72, 'improved'),
**     also split by method; by the wall clock and by the process's CPU
**     time (the two agree on an idle machine).
** Targets (issue 2): >= 4 million propagations/s on one core, parse + init
** of the 26,140 objects under 50 ms.
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

/* CPU time of this process: on a shared machine it is the fairer clock. */
static double cpu_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static char *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0, k;
  do {
    if (cap - n < 65536) {
      cap = cap ? 2 * cap : 1 << 22;
      char *nb = realloc(buf, cap);
      if (nb == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
    }
    k = fread(buf + n, 1, cap - n, f);
    n += k;
  } while (k > 0);
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char **argv)
{
  char def[1024];
  const char *dir = getenv("OW_SHARED_DATA");
  snprintf(def, sizeof def, "%s/catalog/full_2023-10_spacetrack_3le.txt",
           dir != NULL && dir[0] != '\0' ? dir : OW_SHARED_DATA);
  const char *path = argc > 1 ? argv[1] : def;
  int steps = argc > 2 ? atoi(argv[2]) : 1440;
  if (steps <= 0) {
    fprintf(stderr, "usage: %s [CATALOG [STEPS]]\n", argv[0]);
    return 2;
  }

  size_t len;
  char *buf = read_all(path, &len);
  if (buf == NULL) {
    fprintf(stderr, "bench_sgp4_scalar: cannot read %s\n", path);
    return 1;
  }

  /* Parse + init, best of 5 (the first run also warms the caches). */
  ow_catalog cat;
  ow_sgp4 *models = NULL;
  double best_parse = 1e30, best_init = 1e30, best_total = 1e30;
  for (int run = 0; run < 5; run++) {
    ow_catalog_init(&cat);
    ow_load_stats stats = {0, 0, 0};
    double t0 = now_s();
    int st = ow_catalog_read(&cat, buf, len, OW_FMT_TLE, path, NULL, NULL,
                             NULL, &stats);
    double t1 = now_s();
    if (st != OW_OK && st != OW_E_PARSE) {
      fprintf(stderr, "bench_sgp4_scalar: %s: %s\n", path, ow_strerror(st));
      return 1;
    }
    free(models);
    models = malloc(cat.n * sizeof *models);
    if (models == NULL)
      return 1;
    for (size_t i = 0; i < cat.n; i++)
      ow_sgp4_init(&models[i], &cat.items[i], OW_GRAV_WGS72,
                   OW_OPSMODE_IMPROVED, NULL);
    double t2 = now_s();
    best_parse = t1 - t0 < best_parse ? t1 - t0 : best_parse;
    best_init = t2 - t1 < best_init ? t2 - t1 : best_init;
    best_total = t2 - t0 < best_total ? t2 - t0 : best_total;
    if (run < 4)
      ow_catalog_free(&cat);
  }
  printf("catalog: %s\n", path);
  printf("objects: %zu\n", cat.n);
  printf("parse + init: %.1f ms (parse %.1f ms, init %.1f ms; best of 5)\n",
         1e3 * best_total, 1e3 * best_parse, 1e3 * best_init);

  /* Propagation, object by object over the time grid. */
  double sum = 0.0, time_by[4] = {0, 0, 0, 0};
  long props_by[4] = {0, 0, 0, 0}, errors = 0;
  double t0 = now_s(), c0 = cpu_s();
  for (size_t i = 0; i < cat.n; i++) {
    const ow_sgp4 *m = &models[i];
    double ta = cpu_s();
    for (int k = 0; k < steps; k++) {
      double r[3], v[3];
      int st = ow_sgp4_propagate(m, (double)k, r, v);
      errors += st != OW_OK;
      sum += r[0] + v[2];
    }
    time_by[m->method] += cpu_s() - ta;
    props_by[m->method] += steps;
  }
  double elapsed = now_s() - t0, cpu = cpu_s() - c0;
  long total = (long)cat.n * steps;
  printf("propagations: %ld (%zu objects x %d one-minute steps), %ld with "
         "an SGP4 error\n",
         total, cat.n, steps, errors);
  printf("scalar: %.3f s, %.2f million propagations/s, %.0f ns each "
         "(1 thread, wall clock)\n",
         elapsed, total / elapsed / 1e6, 1e9 * elapsed / total);
  printf("scalar: %.3f s CPU, %.2f million propagations per CPU second "
         "(differs from the wall clock when the machine is shared)\n",
         cpu, total / cpu / 1e6);
  printf("by method (CPU time):\n");
  static const char *names[4] = {"near simple", "near full", "deep",
                                 "deep resonant"};
  for (int k = 0; k < 4; k++)
    if (props_by[k] > 0)
      printf("  %-13s %6ld objects  %.2f M/s  %.0f ns\n", names[k],
             props_by[k] / steps, props_by[k] / time_by[k] / 1e6,
             1e9 * time_by[k] / props_by[k]);
  printf("checksum %.6e\n", sum);

  free(models);
  ow_catalog_free(&cat);
  free(buf);
  return 0;
}
