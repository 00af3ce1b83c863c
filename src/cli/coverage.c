/*
** coverage.c - `orbwatch coverage`: what a sensor network observes over a
** span, as a plain-text table for an analyst: per sensor and for the
** network, objects observed per day, revisit gaps per object, and the
** share of the GEO belt observable in each hour of local mean solar time
** at the sensor (where the noon gap of ground telescopes shows, and how
** hosted sensors close it). The windows come from ow_access_catalog.
*/
#include "cli.h"
#include "access_job.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: orbwatch coverage CATALOG --sensors FILE [--start ISO]\n"
    "                         [--stop ISO | --hours H] [options]\n"
    "\n"
    "Summary of what the network in FILE observes of CATALOG over the span\n"
    "(default: 24 h from the newest epoch in CATALOG, down to the hour):\n"
    "  per sensor: windows, objects observed (per day), GEO-belt objects\n"
    "  observed and their longest gaps between observations;\n"
    "  the network: the same over all sensors together;\n"
    "  GEO belt seen per hour of local mean solar time at each sensor: the\n"
    "  share of the catalog's GEO-belt objects (0.9-1.1 rev/day, e < 0.1,\n"
    "  i < 20 deg) observable at some time in that hour (hosted sensors:\n"
    "  local time at the host's sub-satellite longitude; the network row\n"
    "  uses UTC hours). Hours at the span's ends may be partial.\n"
    "\n"
    "options: --ids LIST, --hosts FILE, --min-window S, --eop FILE,\n"
    "--threads N (as for\n"
    "passes); --site LAT,LON,ALT --min-el DEG in place of --sensors.\n"
    "Exit: 0 ok, 1 some records rejected, 2 usage, 3 input, 4 internal.\n";

#define SAMPLE_S 60.0 /* resolution of the hour-of-day bins */

static int is_geo(const ow_elset *e)
{
  return e->n_rev_day > 0.9 && e->n_rev_day < 1.1 && e->ecc < 0.1 &&
         e->incl_deg < 20.0;
}

typedef struct obj {
  uint32_t norad;
  int geo;
} obj;

static int cmp_obj(const void *a, const void *b)
{
  uint32_t x = ((const obj *)a)->norad, y = ((const obj *)b)->norad;
  return (x > y) - (x < y);
}

static long find_obj(const obj *o, size_t n, uint32_t norad)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t m = (lo + hi) / 2;
    if (o[m].norad < norad)
      lo = m + 1;
    else
      hi = m;
  }
  return lo < n && o[lo].norad == norad ? (long)lo : -1;
}

static int cmp_dbl(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double quantile(double *v, size_t n, double q)
{
  if (!n)
    return NAN;
  qsort(v, n, sizeof *v, cmp_dbl);
  size_t k = (size_t)floor(q * (double)(n - 1) + 0.5);
  return v[k];
}

static int cmp_win_norad(const void *a, const void *b)
{
  const ow_window *x = a, *y = b;
  if (x->norad != y->norad)
    return x->norad < y->norad ? -1 : 1;
  return (x->start_s > y->start_s) - (x->start_s < y->start_s);
}

/*
** Longest unobserved stretch of each object over windows w[0..n) (sorted
** by norad, start), span edges included; objects without windows get the
** whole span. gap[i] for o[i]; returns the number observed.
*/
static size_t longest_gaps(const ow_window *w, size_t n, const obj *o,
                           size_t no, double span, double *gap)
{
  size_t seen = 0;
  for (size_t i = 0; i < no; i++)
    gap[i] = span;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double end = 0.0, g = 0.0;
    while (j < n && w[j].norad == w[i].norad) {
      g = fmax(g, w[j].start_s - end);
      end = fmax(end, w[j].end_s);
      j++;
    }
    g = fmax(g, span - end);
    long k = find_obj(o, no, w[i].norad);
    if (k >= 0) {
      gap[k] = g;
      seen++;
    }
    i = j;
  }
  return seen;
}

int cmd_coverage(int argc, char **argv)
{
  access_job j;
  const char *catalog = NULL;
  int rc = OW_EXIT_OK, handled;
  obj *o = NULL;
  double *gap = NULL, *tmp = NULL;
  ow_window *ws = NULL;
  long *hour_last = NULL, *counts = NULL;
  unsigned char *net_seen = NULL;
  size_t no = 0, n_geo = 0;

  access_job_init(&j);
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      access_job_free(&j);
      return OW_EXIT_OK;
    }
    if ((rc = access_job_option(&j, "coverage", argc, argv, &i,
                                &handled)) != OW_EXIT_OK)
      goto done;
    if (handled)
      continue;
    if (argv[i][0] == '-' && argv[i][1] != '\0') {
      rc = cli_usage_error("coverage", "unknown option %s", argv[i]);
      goto done;
    } else if (!catalog) {
      catalog = argv[i];
    } else {
      rc = cli_usage_error("coverage", "more than one CATALOG");
      goto done;
    }
  }
  rc = access_job_run(&j, "coverage", catalog);
  if (rc != OW_EXIT_OK && rc != OW_EXIT_PARTIAL)
    goto done;

  /* Distinct objects (catalogs may hold several sets of one object). */
  o = malloc((j.cat.n + 1) * sizeof *o);
  gap = malloc((j.cat.n + 1) * sizeof *gap);
  tmp = malloc((j.cat.n + 1) * sizeof *tmp);
  ws = malloc((j.n_windows + 1) * sizeof *ws);
  if (!o || !gap || !tmp || !ws) {
    rc = OW_EXIT_INTERNAL;
    goto done;
  }
  for (size_t i = 0; i < j.cat.n; i++)
    o[i] = (obj){j.cat.items[i].norad, is_geo(&j.cat.items[i])};
  qsort(o, j.cat.n, sizeof *o, cmp_obj);
  for (size_t i = 0; i < j.cat.n; i++)
    if (!no || o[no - 1].norad != o[i].norad)
      o[no++] = o[i];
    else
      o[no - 1].geo = o[i].geo; /* the last set read decides */
  for (size_t i = 0; i < no; i++)
    n_geo += o[i].geo;

  double span = j.span_s, days = span / 86400.0;
  int nhours = (int)ceil(span / 3600.0) + 2;
  char t0[OW_ISO_BUF];
  access_job_iso(&j, 0, t0, sizeof t0);
  printf("orbwatch coverage: %s\n", j.net.name[0] ? j.net.name : "network");
  printf("span %s + %.1f h; %zu objects, %zu in the GEO belt; %zu sensors; "
         "%zu windows\n\n", t0, span / 3600.0, no, n_geo, j.net.n,
         j.n_windows);

  /* ---- per sensor ------------------------------------------------------ */
  printf("%-28s %-7s %8s %8s %8s %8s %6s %11s %11s\n", "sensor", "type",
         "windows", "objects", "obj/day", "GEO seen", "GEO %",
         "GEO gap med", "GEO gap p90");
  printf("%-28s %-7s %8s %8s %8s %8s %6s %11s %11s\n", "", "", "", "", "", "",
         "", "(h)", "(h)");
  size_t w0 = 0;
  for (size_t si = 0; si < j.net.n; si++) {
    size_t w1 = w0;
    while (w1 < j.n_windows && j.windows[w1].sensor == (int)si)
      w1++;
    size_t seen = longest_gaps(j.windows + w0, w1 - w0, o, no, span, gap);
    size_t geo_seen = 0, m = 0;
    for (size_t i = 0; i < no; i++)
      if (o[i].geo) {
        geo_seen += gap[i] < span;
        tmp[m++] = gap[i] / 3600.0;
      }
    double med = quantile(tmp, m, 0.5), p90 = quantile(tmp, m, 0.9);
    printf("%-28.28s %-7s %8zu %8zu %8.0f %8zu %6.1f %11.1f %11.1f\n",
           j.net.s[si].name, ow_sensor_kind_name(j.net.s[si].kind), w1 - w0,
           seen, seen / fmax(days, 1.0), geo_seen,
           n_geo ? 100.0 * geo_seen / n_geo : 0.0, med, p90);
    w0 = w1;
  }
  /* ---- network --------------------------------------------------------- */
  memcpy(ws, j.windows, j.n_windows * sizeof *ws);
  qsort(ws, j.n_windows, sizeof *ws, cmp_win_norad);
  size_t seen = longest_gaps(ws, j.n_windows, o, no, span, gap);
  size_t geo_seen = 0, m = 0, ma = 0;
  double *all = malloc((no + 1) * sizeof *all);
  if (!all) {
    rc = OW_EXIT_INTERNAL;
    goto done;
  }
  for (size_t i = 0; i < no; i++) {
    if (gap[i] < span)
      all[ma++] = gap[i] / 3600.0;
    if (o[i].geo) {
      geo_seen += gap[i] < span;
      tmp[m++] = gap[i] / 3600.0;
    }
  }
  double gmed = quantile(tmp, m, 0.5), gp90 = quantile(tmp, m, 0.9);
  printf("%-28s %-7s %8zu %8zu %8.0f %8zu %6.1f %11.1f %11.1f\n\n",
         "NETWORK", "all", j.n_windows, seen, seen / fmax(days, 1.0),
         geo_seen, n_geo ? 100.0 * geo_seen / n_geo : 0.0, gmed, gp90);
  double amed = quantile(all, ma, 0.5), ap90 = quantile(all, ma, 0.9);
  double amax = ma ? all[ma - 1] : NAN; /* sorted by quantile() */
  printf("Revisit (network): %zu of %zu objects observed at least once; "
         "longest gap per observed object: median %.1f h, p90 %.1f h, "
         "max %.1f h.\n", seen, no, amed, ap90, amax);
  printf("GEO belt: %zu of %zu observed; longest gap (unobserved objects "
         "count the whole span): median %.1f h, p90 %.1f h.\n\n", geo_seen,
         n_geo, gmed, gp90);
  free(all);

  /* ---- GEO belt per hour of local time ---------------------------------- */
  hour_last = malloc((size_t)nhours * sizeof *hour_last);
  counts = malloc((size_t)nhours * sizeof *counts);
  net_seen = calloc((size_t)nhours * (no + 1), 1);
  if (!hour_last || !net_seen || !counts) {
    rc = OW_EXIT_INTERNAL;
    goto done;
  }
  double sod0 = j.start.frac * 86400.0; /* orbwatch JDs: day at midnight */
  printf("GEO belt observable per hour of local mean solar time at the "
         "sensor (%% of %zu GEO objects)\n", n_geo);
  printf("%-20.20s", "sensor / hour");
  for (int h = 0; h < 24; h++)
    printf(" %3d", h);
  printf("\n");
  w0 = 0;
  for (size_t si = 0; si <= j.net.n; si++) {
    int network = si == j.net.n;
    double cnt[24] = {0}, occ[24] = {0};
    for (int h = 0; h < nhours; h++) {
      hour_last[h] = -1;
      counts[h] = 0;
    }
    size_t w1 = w0;
    if (!network)
      while (w1 < j.n_windows && j.windows[w1].sensor == (int)si)
        w1++;
    /* Local time A(t) = UTC second of day + 240 s per degree east. */
    double lon0 = 0.0;
    if (!network)
      ow_access_sensor_lon(j.ctx, (int)si, 0.0, &lon0);
    double off0 = network ? 0.0 : lon0 * OW_RAD2DEG * 240.0;
    double base = floor((sod0 + off0) / 3600.0);
    for (size_t k = network ? 0 : w0; k < (network ? j.n_windows : w1);
         k++) {
      const ow_window *w = &j.windows[k];
      long oi = find_obj(o, no, w->norad);
      if (oi < 0 || !o[oi].geo)
        continue;
      double lon = lon0, tl = -1e30;
      for (double t = w->start_s;; t += SAMPLE_S) {
        if (t > w->end_s)
          t = w->end_s;
        if (!network && j.net.s[si].kind == OW_SENSOR_HOSTED &&
            t - tl > 600.0) {
          ow_access_sensor_lon(j.ctx, (int)si, t, &lon);
          tl = t;
        }
        double off = network ? 0.0 : lon * OW_RAD2DEG * 240.0;
        long hi = (long)(floor((sod0 + t + off) / 3600.0) - base);
        if (hi >= 0 && hi < nhours) {
          if (network) {
            unsigned char *b = &net_seen[(size_t)hi * (no + 1) + (size_t)oi];
            if (!*b) {
              *b = 1;
              counts[hi]++;
            }
          } else if (hour_last[hi] != oi) {
            hour_last[hi] = oi;
            counts[hi]++;
          }
        }
        if (t >= w->end_s)
          break;
      }
    }
    /* Hour slots that the span touches, folded onto the 24 hours. */
    for (int h = 0; h < nhours; h++) {
      double a = (base + h) * 3600.0 - sod0 - off0, b = a + 3600.0;
      if (b <= 0 || a >= span)
        continue;
      int lh = (int)(((long)(base + h) % 24 + 24) % 24);
      cnt[lh] += (double)counts[h];
      occ[lh] += 1;
    }
    printf("%-20.20s", network ? "NETWORK (UTC hour)" : j.net.s[si].name);
    for (int h = 0; h < 24; h++) {
      if (occ[h] == 0 || n_geo == 0)
        printf("   -");
      else
        printf(" %3.0f", 100.0 * cnt[h] / (occ[h] * (double)n_geo));
    }
    printf("\n");
    w0 = w1;
  }
  if (fflush(stdout) != 0 || ferror(stdout))
    rc = OW_EXIT_INTERNAL;
done:
  free(o);
  free(gap);
  free(tmp);
  free(ws);
  free(hour_last);
  free(counts);
  free(net_seen);
  access_job_free(&j);
  return rc;
}
