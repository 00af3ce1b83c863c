/*
** passes.c - `orbwatch passes`: observability windows of catalog objects
** for a sensor network file or one quick-look site. A thin layer over
** ow_access_catalog (access_job.c); rows on stdout, diagnostics on stderr.
*/
#include "cli.h"
#include "access_job.h"

#include <math.h>
#include <string.h>

static const char usage_text[] =
    "usage: orbwatch passes CATALOG (--sensors FILE | --site LAT_DEG,LON_DEG,"
    "ALT_KM\n"
    "                       --min-el DEG [--max-range KM])\n"
    "                       --start ISO (--stop ISO | --hours H) [options]\n"
    "\n"
    "Windows in which each object of CATALOG is observable by each sensor\n"
    "(docs/sensors.md: the sensor file, and under \"Access\" the method):\n"
    "start and end to 0.01 s, the time of best geometry (maximum elevation\n"
    "for ground sensors, minimum range for hosted ones).\n"
    "\n"
    "options:\n"
    "  --format csv|jsonl     output (default csv)\n"
    "  --ids LIST             only these catalog numbers (ranges allowed)\n"
    "  --hosts FILE           element sets of hosted sensors' hosts that are\n"
    "                         not in CATALOG\n"
    "  --min-window S         shortest window guaranteed found (default 10)\n"
    "  --eop FILE             IERS finals2000A (default UT1 = UTC)\n"
    "  --threads N            worker threads (default: all cores)\n"
    "  --start defaults to the newest epoch in CATALOG (down to the hour),\n"
    "  the span to 24 h.\n"
    "\n"
    "CSV columns: sensor,norad,start_utc,end_utc,best_utc,duration_s,\n"
    "max_el_deg,best_az_deg,min_range_km,best_range_km,best_range_rate_km_s,\n"
    "flags (max_el_deg and best_az_deg are empty for hosted sensors; flags:\n"
    "1 visible at the span's start, 2 still visible at its end, 4 object\n"
    "lost (decayed) during the window).\n"
    "Exit: 0 ok, 1 some records rejected, 2 usage, 3 input, 4 internal.\n";

int cmd_passes(int argc, char **argv)
{
  access_job j;
  const char *catalog = NULL, *v;
  int jsonl = 0, rc = OW_EXIT_OK, handled;

  access_job_init(&j);
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      access_job_free(&j);
      return OW_EXIT_OK;
    }
    if ((rc = access_job_option(&j, "passes", argc, argv, &i, &handled)) !=
        OW_EXIT_OK)
      goto done;
    if (handled)
      continue;
    if ((v = cli_opt(argc, argv, &i, "--format"))) {
      if (!strcmp(v, "csv"))
        jsonl = 0;
      else if (!strcmp(v, "jsonl"))
        jsonl = 1;
      else {
        rc = cli_usage_error("passes", "--format must be csv or jsonl");
        goto done;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      rc = cli_usage_error("passes", "unknown option %s", argv[i]);
      goto done;
    } else if (!catalog) {
      catalog = argv[i];
    } else {
      rc = cli_usage_error("passes", "more than one CATALOG");
      goto done;
    }
  }
  rc = access_job_run(&j, "passes", catalog);
  if (rc != OW_EXIT_OK && rc != OW_EXIT_PARTIAL)
    goto done;

  if (!jsonl)
    fputs("sensor,norad,start_utc,end_utc,best_utc,duration_s,max_el_deg,"
          "best_az_deg,min_range_km,best_range_km,best_range_rate_km_s,"
          "flags\n", stdout);
  for (size_t i = 0; i < j.n_windows; i++) {
    const ow_window *w = &j.windows[i];
    char a[OW_ISO_BUF], b[OW_ISO_BUF], c[OW_ISO_BUF], el[32] = "",
                                                      az[32] = "";
    access_job_iso(&j, w->start_s, a, sizeof a);
    access_job_iso(&j, w->end_s, b, sizeof b);
    access_job_iso(&j, w->best_s, c, sizeof c);
    if (!isnan(w->best_el_rad)) {
      snprintf(el, sizeof el, "%.4f", w->best_el_rad * OW_RAD2DEG);
      snprintf(az, sizeof az, "%.4f", w->best_az_rad * OW_RAD2DEG);
    }
    const char *name = j.net.s[w->sensor].name;
    if (jsonl) {
      fputs("{\"sensor\":", stdout);
      cli_json_text(stdout, name);
      printf(",\"norad\":%u,\"start_utc\":\"%s\",\"end_utc\":\"%s\","
             "\"best_utc\":\"%s\",\"duration_s\":%.3f,\"max_el_deg\":%s,"
             "\"best_az_deg\":%s,\"min_range_km\":%.3f,\"best_range_km\":%.3f,"
             "\"best_range_rate_km_s\":%.5f,\"flags\":%d}\n",
             (unsigned)w->norad, a, b, c, w->end_s - w->start_s,
             el[0] ? el : "null", az[0] ? az : "null", w->min_range_km,
             w->best_range_km, w->best_range_rate_km_s, w->flags);
    } else {
      cli_csv_text(stdout, name);
      printf(",%u,%s,%s,%s,%.3f,%s,%s,%.3f,%.3f,%.5f,%d\n", (unsigned)w->norad,
             a, b, c, w->end_s - w->start_s, el, az, w->min_range_km,
             w->best_range_km, w->best_range_rate_km_s, w->flags);
    }
  }
  if (fflush(stdout) != 0 || ferror(stdout))
    rc = OW_EXIT_INTERNAL;
  fprintf(stderr, "orbwatch passes: %zu objects x %zu sensors: %zu windows "
                  "(%zu states computed)\n", j.stats.targets, j.net.n,
          j.n_windows, j.stats.evals);
done:
  access_job_free(&j);
  return rc;
}
