/*
** cdm.c - `orbwatch cdm CATALOG`: screen, then write one CCSDS CDM
** (508.0-B-1, KVN or XML) per event, optionally only for the events above
** a Pc or below a miss distance, or for the N closest.
*/
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: orbwatch cdm CATALOG [screen options] [--xml] [--out-dir DIR]\n"
    "         [--min-pc P] [--max-miss-km K] [--top N]\n"
    "\n"
    "Screen CATALOG as `orbwatch screen` does (same options: --start, --days,\n"
    "--threshold-km, --volume, --primaries, --pc, --hbr, --step, --threads,\n"
    "--no-merge) and write one CDM per event kept:\n"
    "  --xml            XML instead of KVN\n"
    "  --out-dir DIR    one file per event, cdm_NORAD1_NORAD2_TCA.kvn|xml\n"
    "                   (default: all messages on stdout, one after another)\n"
    "  --min-pc P       only events with Pc >= P\n"
    "  --max-miss-km K  only events with a miss below K km\n"
    "  --top N          only the N closest (after the filters above)\n"
    "States are GCRF at TCA (from TEME, no EOP); covariances are the ASSUMED\n"
    "defaults by orbit class and element-set age (COVARIANCE_METHOD =\n"
    "DEFAULT); the combined hard-body radius is in a COMMENT HBR line.\n"
    "Exit: 0 ok, 1 some records rejected, 2 usage, 3 input, 4 internal.\n";

static int cmp_miss(const void *a, const void *b)
{
  double x = ((const ow_screen_event *)a)->miss_km;
  double y = ((const ow_screen_event *)b)->miss_km;
  return (x > y) - (x < y);
}

int cmd_cdm(int argc, char **argv)
{
  cli_screen_job j;
  cli_screen_job_init(&j);
  const char *dir = NULL, *v;
  double min_pc = -1, max_miss = INFINITY, top = -1;
  int xml = 0, rc = OW_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      cli_screen_job_free(&j);
      return OW_EXIT_OK;
    }
    if (cli_screen_option("cdm", argc, argv, &i, &j, &rc)) {
      if (rc != OW_EXIT_OK)
        goto done;
    } else if (cli_flag(argv, i, "--xml")) {
      xml = 1;
    } else if ((v = cli_opt(argc, argv, &i, "--out-dir"))) {
      dir = v;
    } else if ((v = cli_opt(argc, argv, &i, "--min-pc"))) {
      if (cli_parse_double(v, &min_pc) != 0) {
        rc = cli_usage_error("cdm", "--min-pc needs a number");
        goto done;
      }
    } else if ((v = cli_opt(argc, argv, &i, "--max-miss-km"))) {
      if (cli_parse_double(v, &max_miss) != 0) {
        rc = cli_usage_error("cdm", "--max-miss-km needs a number");
        goto done;
      }
    } else if ((v = cli_opt(argc, argv, &i, "--top"))) {
      if (cli_parse_double(v, &top) != 0 || top < 0 || top != floor(top)) {
        rc = cli_usage_error("cdm", "--top needs a count");
        goto done;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      rc = cli_usage_error("cdm", "unknown option %s", argv[i]);
      goto done;
    } else if (j.path == NULL) {
      j.path = argv[i];
    } else {
      rc = cli_usage_error("cdm", "more than one CATALOG given");
      goto done;
    }
  }
  if (j.path == NULL) {
    rc = cli_usage_error("cdm", "no CATALOG given");
    goto done;
  }
  rc = cli_screen_job_run("cdm", &j);
  if (rc != OW_EXIT_OK)
    goto done;
  /* Filter in place (the job owns the events). */
  size_t m = 0;
  for (size_t i = 0; i < j.res.n; i++) {
    const ow_screen_event *e = &j.res.events[i];
    if (e->miss_km >= max_miss)
      continue;
    if (min_pc >= 0 && !(e->pc >= min_pc))
      continue;
    j.res.events[m++] = *e;
  }
  j.res.n = m;
  size_t limit = (size_t)-1;
  if (top >= 0) {
    qsort(j.res.events, j.res.n, sizeof *j.res.events, cmp_miss);
    limit = (size_t)top;
  }
  rc = cli_screen_write_cdms("cdm", &j, xml, dir, limit);
  fprintf(stderr, "orbwatch cdm: %zu message(s) written%s%s\n",
          j.res.n < limit ? j.res.n : limit, dir ? " to " : "",
          dir ? dir : "");
  if (rc == OW_EXIT_OK)
    rc = j.exit_code;
done:
  cli_screen_job_free(&j);
  return rc;
}
