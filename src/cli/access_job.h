/*
** access_job.h - the shared set-up of `orbwatch passes` and `coverage`.
*/
#ifndef OW_CLI_ACCESS_JOB_H
#define OW_CLI_ACCESS_JOB_H

#include "orbwatch/orbwatch.h"

typedef struct access_job {
  const char *sensors_path;
  const char *hosts_path; /* --hosts: element sets for hosts only */
  int have_site, have_start, have_stop;
  double site[3];       /* lat deg, lon deg, alt km (--site) */
  double min_el_deg, max_range_km, hours;
  ow_jd start, stop;
  double span_s;
  uint32_t *ids;
  size_t n_ids;
  ow_access_opts opts;
  ow_eop *eop;
  ow_catalog cat;
  ow_catalog hosts;
  ow_network net;
  ow_access_ctx *ctx;
  ow_window *windows;
  size_t n_windows;
  ow_access_stats stats;
} access_job;

void access_job_init(access_job *j);
void access_job_free(access_job *j);
/* Consume one shared option at argv[*i]; *handled says whether it was
** one. Returns an exit code (OW_EXIT_OK to go on). */
int access_job_option(access_job *j, const char *cmd, int argc, char **argv,
                      int *i, int *handled);
/* Load, prepare and search. Returns OW_EXIT_OK, OW_EXIT_PARTIAL (some
** records rejected) or an error exit code. */
int access_job_run(access_job *j, const char *cmd, const char *catalog);
/* ISO time (ms) of a span offset. */
void access_job_iso(const access_job *j, double t_s, char *buf, size_t n);

#endif
