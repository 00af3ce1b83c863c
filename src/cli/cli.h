/*
** cli.h - shared declarations of the orbwatch command's subcommands.
**
** Exit codes (documented in README.md):
**   0  success
**   1  partial: some input records were rejected or some states could not
**      be computed (status column); everything else was written
**   2  usage error (bad option or argument)
**   3  input error: nothing usable could be read
**   4  internal error (out of memory, I/O error on output)
*/
#ifndef OW_CLI_H
#define OW_CLI_H

#include "orbwatch/orbwatch.h"

#include <stdio.h>

enum {
  OW_EXIT_OK = 0,
  OW_EXIT_PARTIAL = 1,
  OW_EXIT_USAGE = 2,
  OW_EXIT_INPUT = 3,
  OW_EXIT_INTERNAL = 4
};

/* Subcommands: argv[0] is the subcommand name. */
int cmd_propagate(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_pc(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_passes(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_cdm(int argc, char **argv);

/* ---- helpers shared by the subcommands (cli_util.c) ------------------- */

/* "--name=value" or "--name value": returns the value and advances *i, or
** NULL if argv[*i] is not this option. Missing value: prints, exits 2. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);
/* True if argv[*i] is the flag --name (no value). */
int cli_flag(char **argv, int i, const char *name);
/* Report a usage error ("orbwatch CMD: ...") and return OW_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parse a double / comma-separated list of doubles (strict). 0 on success. */
int cli_parse_double(const char *s, double *out);
/* A whole number in [lo, hi] (strict: no trailing text). 0 on success. */
int cli_parse_long(const char *s, long lo, long hi, long *out);
int cli_parse_double_list(const char *s, double **out, size_t *n);
/* Comma-separated ISO 8601 list to UTC JDs. */
int cli_parse_iso_list(const char *s, ow_jd **out, size_t *n);
/* Catalog-number list: "25544,T0001,100000-100010" (ranges allowed). */
int cli_parse_ids(const char *s, uint32_t **out, size_t *n);
int cli_ids_contain(const uint32_t *ids, size_t n, uint32_t norad);

/* Diagnostic callback: prints "orbwatch: source:line: field: msg" with
** "warning: " for warnings, counting nothing (stats come from the loader). */
void cli_diag_print(void *user, const ow_err *diag);

/*
** Load a catalog file ("-" for stdin) printing its first
** OW_DIAG_KEEP_DEFAULT problems on stderr, a count of the others, and a
** one-line summary "loaded N, rejected M" when anything was rejected.
** Returns OW_EXIT_OK, OW_EXIT_PARTIAL (some rejected) or OW_EXIT_INPUT.
*/
int cli_load_catalog(const char *cmd, const char *path, ow_format fmt,
                     const ow_read_opts *opts, ow_catalog *cat,
                     ow_load_stats *stats);

/* Print the kept problems of list, then "orbwatch CMD: ... and N more
** problems in PATH" when some were dropped (the cap). */
void cli_diag_list_print(const char *cmd, const char *path,
                         const ow_diag_list *list);
/* v with thousands separators ("94,980") into out. */
void cli_group_thousands(size_t v, char *out, size_t n);

/* Text that comes from users (names): a CSV field, quoted when it holds a
** comma, quote or newline; a JSON string with its quotes and escapes. */
void cli_csv_text(FILE *f, const char *s);
void cli_json_text(FILE *f, const char *s);

/* JD arithmetic: add minutes keeping frac in [0,1). */
ow_jd cli_jd_add_min(ow_jd jd, double minutes);
/* Minutes from a to b. */
double cli_jd_diff_min(ow_jd b, ow_jd a);
/* The wall clock as a UTC JD, to the second (creation dates of written
   files: the library never reads the clock itself). */
ow_jd cli_now_utc(void);

/* ---- screening jobs shared by screen, cdm and run (screen.c) ---------- */

typedef struct cli_screen_job {
  const char *path;
  ow_jd start, stop;
  int start_given, stop_given, days_given;
  int quiet; /* --quiet: no progress */
  double days, threshold_km, volume[3], step_s;
  uint32_t *primaries;
  size_t n_primaries;
  int threads, merge;
  ow_screen_pc_opts pc;
  /* filled by cli_screen_job_run */
  ow_catalog cat;
  ow_sgp4 *models;
  ow_screen_opts opt;
  ow_screen_result res;
  int exit_code; /* OW_EXIT_OK or OW_EXIT_PARTIAL */
} cli_screen_job;

void cli_screen_job_init(cli_screen_job *j);
void cli_screen_job_free(cli_screen_job *j);
/* If argv[*i] is a screening option, parse it (usage errors: *rc = 2) and
** return 1; else 0. */
int cli_screen_option(const char *cmd, int argc, char **argv, int *i,
                      cli_screen_job *j, int *rc);
/* Load, prepare, screen, Pc; summary on stderr. Returns an exit code. */
int cli_screen_job_run(const char *cmd, cli_screen_job *j);
/* CDMs of the first max_events events: files in dir, or stdout (NULL). */
int cli_screen_write_cdms(const char *cmd, const cli_screen_job *j, int xml,
                          const char *dir, size_t max_events);
/* `orbwatch run`'s screening section: all vs all over hours from start,
** 5 km, the `top` closest approaches on stdout. */
void cli_screen_summary(const ow_catalog *cat, const ow_sgp4 *models,
                        ow_jd start, double hours, size_t top);

#endif
