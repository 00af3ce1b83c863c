/*
** synth.c - `orbwatch synth`: write a deterministic synthetic catalog.
** A thin layer over ow_synth_population + ow_catalog_write.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: orbwatch synth [--count N] [--seed S] [--epoch ISO]\n"
    "                      [--format FMT] [--output FILE]\n"
    "\n"
    "Writes a synthetic but realistic population: LEO constellation shells,\n"
    "sun-synchronous orbits, three fragmentation debris clouds, navigation\n"
    "constellations, Molniya, GTO, highly elliptical orbits, the GEO belt\n"
    "(station-kept and drifting) and two GEO sensor hosts: QZS-6 (SIM)\n"
    "(catalog number 70001, 90.5 E) and GEO HOST-2 (SIM) (70002, 105 W).\n"
    "Catalog numbers are five-digit, Alpha-5 (100001..) and nine-digit\n"
    "(800000001.., OMM only). Same options, same bytes.\n"
    "\n"
    "  --count N      objects (default 5000, at least 16)\n"
    "  --seed S       generator seed (default 1)\n"
    "  --epoch ISO    reference epoch (default 2026-11-01T00:00:00Z); element\n"
    "                 set epochs fall in the two days before it\n"
    "  --format FMT   omm-csv (default), omm-kvn, omm-xml, omm-json, tle\n"
    "                 (tle reports and skips the nine-digit objects)\n"
    "  --output FILE  write to FILE instead of standard output\n";

int cmd_synth(int argc, char **argv)
{
  const char *count = "5000", *seed = "1", *epoch = "2026-11-01T00:00:00Z",
             *format = "omm-csv", *output = NULL, *v;
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      return OW_EXIT_OK;
    } else if ((v = cli_opt(argc, argv, &i, "--count")))
      count = v;
    else if ((v = cli_opt(argc, argv, &i, "--seed")))
      seed = v;
    else if ((v = cli_opt(argc, argv, &i, "--epoch")))
      epoch = v;
    else if ((v = cli_opt(argc, argv, &i, "--format")))
      format = v;
    else if ((v = cli_opt(argc, argv, &i, "--output")))
      output = v;
    else
      return cli_usage_error("synth", "unexpected argument %s", argv[i]);
  }
  ow_synth_opts o;
  char *end;
  memset(&o, 0, sizeof o);
  o.count = (size_t)strtoul(count, &end, 10);
  if (*count == '\0' || *end != '\0' || o.count < 16 || o.count > 10000000)
    return cli_usage_error("synth", "--count must be 16..10000000");
  o.seed = strtoull(seed, &end, 10);
  if (*seed == '\0' || *end != '\0')
    return cli_usage_error("synth", "--seed must be a whole number");
  ow_err err;
  char buf[512];
  if (ow_time_parse_iso(epoch, &o.epoch_utc, &err) < 0)
    return cli_usage_error("synth", "%s", ow_err_format(&err, buf, sizeof buf));
  ow_format fmt;
  if (ow_format_parse(format, &fmt) != OW_OK || fmt == OW_FMT_AUTO)
    return cli_usage_error("synth", "unknown format \"%s\"", format);

  ow_catalog cat;
  ow_catalog_init(&cat);
  int exit_code = OW_EXIT_OK;
  if (ow_synth_population(&o, &cat, &err) != OW_OK) {
    fprintf(stderr, "orbwatch synth: %s\n", ow_err_format(&err, buf, sizeof buf));
    ow_catalog_free(&cat);
    return OW_EXIT_INTERNAL;
  }
  char *text = NULL;
  size_t len = 0;
  int rc = ow_catalog_write(cat.items, cat.n, fmt, cli_now_utc(), &text, &len,
                            cli_diag_print, NULL);
  if (text == NULL) {
    exit_code = OW_EXIT_INTERNAL;
  } else {
    if (rc < 0)
      exit_code = OW_EXIT_PARTIAL;
    FILE *out = output ? fopen(output, "wb") : stdout;
    if (out == NULL || fwrite(text, 1, len, out) != len || fflush(out) != 0) {
      fprintf(stderr, "orbwatch synth: cannot write %s\n",
              output ? output : "standard output");
      exit_code = OW_EXIT_INTERNAL;
    }
    if (out != NULL && out != stdout)
      fclose(out);
  }
  free(text);
  ow_catalog_free(&cat);
  return exit_code;
}
