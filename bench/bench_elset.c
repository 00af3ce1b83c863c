/*
** bench_elset - catalog load time: the 26,140-object 2023-10 catalog read
** from its file (ow_catalog_load_file) and from memory (ow_catalog_read),
** best and median of 21 runs; also the OMM encodings from memory.
** usage: bench_elset [CATALOG]   (default: the 2023-10 catalog in
** OW_SHARED_DATA). The target is 50 ms for parse plus SGP4 init.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 21

static double now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, size_t n)
{
  qsort(t, RUNS, sizeof *t, cmp);
  printf("%-28s %8zu records  best %7.2f ms  median %7.2f ms  (%.0f ns/record)\n",
         what, n, t[0], t[RUNS / 2], t[0] * 1e6 / (double)(n ? n : 1));
}

int main(int argc, char **argv)
{
  char path[1024];
  const char *dir = getenv("OW_SHARED_DATA");
  double t[RUNS];
  ow_catalog cat;
  ow_load_stats st;
  FILE *f;
  char *buf;
  long len;
  if (argc > 1)
    snprintf(path, sizeof path, "%s", argv[1]);
  else
    snprintf(path, sizeof path, "%s/catalog/full_2023-10_spacetrack_3le.txt",
             dir ? dir : OW_SHARED_DATA);
  f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "bench_elset: cannot open %s\n", path);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  len = ftell(f);
  rewind(f);
  buf = malloc((size_t)len + 1);
  if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
    fprintf(stderr, "bench_elset: read error\n");
    return 1;
  }
  fclose(f);
  printf("catalog: %s (%ld bytes)\n", path, len);

  for (int i = 0; i < RUNS; i++) {
    double t0 = now_ms();
    ow_catalog_init(&cat);
    ow_catalog_load_file(&cat, path, OW_FMT_AUTO, NULL, NULL, NULL, &st);
    t[i] = now_ms() - t0;
    if (i < RUNS - 1)
      ow_catalog_free(&cat);
  }
  report("TLE load_file", t, st.loaded);
  {
    ow_catalog keep = cat;
    for (int i = 0; i < RUNS; i++) {
      double t0 = now_ms();
      ow_catalog_init(&cat);
      ow_catalog_read(&cat, buf, (size_t)len, OW_FMT_TLE, "bench", NULL, NULL,
                      NULL, &st);
      t[i] = now_ms() - t0;
      ow_catalog_free(&cat);
    }
    report("TLE read (memory)", t, st.loaded);
    for (int fmt = OW_FMT_OMM_KVN; fmt <= OW_FMT_OMM_CSV; fmt++) {
      char *text = NULL;
      size_t tl = 0;
      char label[64];
      const ow_jd created = {2461041.5, 0.0}; /* 2026-01-01T00:00:00 */
      ow_catalog_write(keep.items, keep.n, (ow_format)fmt, created, &text,
                       &tl, NULL, NULL);
      for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        ow_catalog_init(&cat);
        ow_catalog_read(&cat, text, tl, (ow_format)fmt, "bench", NULL, NULL,
                        NULL, &st);
        t[i] = now_ms() - t0;
        ow_catalog_free(&cat);
      }
      snprintf(label, sizeof label, "%s read (memory)",
               ow_format_name((ow_format)fmt));
      report(label, t, st.loaded);
      free(text);
    }
    ow_catalog_free(&keep);
  }
  free(buf);
  return 0;
}
