/*
** access_job.c - what `orbwatch passes` and `orbwatch coverage` share:
** options for the catalog, the sensors and the span; loading; the run of
** ow_access_catalog. Diagnostics on stderr.
*/
#include "cli.h"
#include "access_job.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void access_job_init(access_job *j)
{
  memset(j, 0, sizeof *j);
  ow_catalog_init(&j->cat);
  ow_catalog_init(&j->hosts);
  ow_network_init(&j->net);
  j->min_el_deg = NAN;
  j->hours = NAN;
}

void access_job_free(access_job *j)
{
  ow_access_free(j->ctx);
  ow_eop_free(j->eop);
  free(j->windows);
  free(j->ids);
  ow_catalog_free(&j->cat);
  ow_catalog_free(&j->hosts);
  ow_network_free(&j->net);
}

int access_job_option(access_job *j, const char *cmd, int argc, char **argv,
                      int *i, int *handled)
{
  const char *v;
  *handled = 1;
  if ((v = cli_opt(argc, argv, i, "--sensors"))) {
    j->sensors_path = v;
  } else if ((v = cli_opt(argc, argv, i, "--hosts"))) {
    j->hosts_path = v;
  } else if ((v = cli_opt(argc, argv, i, "--site"))) {
    double *x = NULL;
    size_t n = 0;
    if (cli_parse_double_list(v, &x, &n) != 0 || n != 3 ||
        fabs(x[0]) > 90 || fabs(x[1]) > 360 || x[2] < -1 || x[2] > 100) {
      free(x);
      return cli_usage_error(cmd, "--site wants LAT_DEG,LON_DEG,ALT_KM");
    }
    memcpy(j->site, x, sizeof j->site);
    j->have_site = 1;
    free(x);
  } else if ((v = cli_opt(argc, argv, i, "--min-el"))) {
    if (cli_parse_double(v, &j->min_el_deg) != 0 || j->min_el_deg < -5 ||
        j->min_el_deg > 89)
      return cli_usage_error(cmd, "--min-el must be in [-5, 89] degrees");
  } else if ((v = cli_opt(argc, argv, i, "--max-range"))) {
    if (cli_parse_double(v, &j->max_range_km) != 0 || j->max_range_km < 0)
      return cli_usage_error(cmd, "--max-range must be >= 0 km");
  } else if ((v = cli_opt(argc, argv, i, "--start"))) {
    if (ow_time_parse_iso(v, &j->start, NULL) < 0)
      return cli_usage_error(cmd, "--start: \"%s\" is not an ISO time", v);
    j->have_start = 1;
  } else if ((v = cli_opt(argc, argv, i, "--stop"))) {
    if (ow_time_parse_iso(v, &j->stop, NULL) < 0)
      return cli_usage_error(cmd, "--stop: \"%s\" is not an ISO time", v);
    j->have_stop = 1;
  } else if ((v = cli_opt(argc, argv, i, "--hours"))) {
    if (cli_parse_double(v, &j->hours) != 0 || !(j->hours > 0) ||
        j->hours > 24 * 366)
      return cli_usage_error(cmd, "--hours must be in (0, 8784]");
  } else if ((v = cli_opt(argc, argv, i, "--ids"))) {
    if (cli_parse_ids(v, &j->ids, &j->n_ids) != 0)
      return cli_usage_error(cmd, "--ids: bad list \"%s\"", v);
  } else if ((v = cli_opt(argc, argv, i, "--min-window"))) {
    if (cli_parse_double(v, &j->opts.min_window_s) != 0 ||
        !(j->opts.min_window_s >= 0.1))
      return cli_usage_error(cmd, "--min-window must be >= 0.1 s");
  } else if ((v = cli_opt(argc, argv, i, "--threads"))) {
    double t;
    if (cli_parse_double(v, &t) != 0 || t < 1 || t > 1024 || t != floor(t))
      return cli_usage_error(cmd, "--threads must be a positive integer");
    j->opts.threads = (int)t;
  } else if ((v = cli_opt(argc, argv, i, "--eop"))) {
    ow_err err;
    char buf[600];
    if (ow_eop_load_file(&j->eop, v, &err) < 0) {
      fprintf(stderr, "orbwatch %s: %s\n", cmd,
              ow_err_format(&err, buf, sizeof buf));
      return OW_EXIT_INPUT;
    }
    j->opts.eop = j->eop;
  } else {
    *handled = 0;
  }
  return OW_EXIT_OK;
}

int access_job_run(access_job *j, const char *cmd, const char *catalog)
{
  ow_err err;
  char buf[700];
  int rc, partial;

  if (!catalog)
    return cli_usage_error(cmd, "no CATALOG given");
  if (!!j->sensors_path == !!j->have_site)
    return cli_usage_error(cmd, "give either --sensors FILE or --site "
                                "LAT,LON,ALT (with --min-el)");
  if (j->have_site && isnan(j->min_el_deg))
    return cli_usage_error(cmd, "--site needs --min-el DEG");
  if (j->have_stop && !isnan(j->hours))
    return cli_usage_error(cmd, "give --stop or --hours, not both");

  rc = cli_load_catalog(cmd, catalog, OW_FMT_AUTO, NULL, &j->cat, NULL);
  if (rc != OW_EXIT_OK && rc != OW_EXIT_PARTIAL)
    return rc;
  partial = rc == OW_EXIT_PARTIAL;

  if (j->sensors_path) {
    if (ow_network_load_file(&j->net, j->sensors_path, &err) < 0) {
      fprintf(stderr, "orbwatch %s: %s\n", cmd,
              ow_err_format(&err, buf, sizeof buf));
      return OW_EXIT_INPUT;
    }
  } else {
    ow_sensor s;
    ow_sensor_defaults(&s, OW_SENSOR_RADAR);
    snprintf(s.name, sizeof s.name, "site");
    s.lat_rad = j->site[0] * OW_DEG2RAD;
    s.lon_rad = j->site[1] * OW_DEG2RAD;
    s.alt_km = j->site[2];
    s.min_el_rad = j->min_el_deg * OW_DEG2RAD;
    s.max_range_km = j->max_range_km;
    if (ow_network_push(&j->net, &s) < 0)
      return OW_EXIT_INTERNAL;
  }

  /* Span: --start (default: the newest epoch, down to the hour), then
  ** --stop or --hours (default 24). */
  if (!j->have_start) {
    ow_jd newest = j->cat.items[0].epoch_utc;
    for (size_t i = 1; i < j->cat.n; i++)
      if (cli_jd_diff_min(j->cat.items[i].epoch_utc, newest) > 0)
        newest = j->cat.items[i].epoch_utc;
    newest.frac = floor(newest.frac * 24.0) / 24.0;
    j->start = newest;
  }
  if (j->have_stop)
    j->span_s = cli_jd_diff_min(j->stop, j->start) * 60.0;
  else
    j->span_s = (isnan(j->hours) ? 24.0 : j->hours) * 3600.0;
  if (!(j->span_s > 0))
    return cli_usage_error(cmd, "--stop must be after --start");

  /* Hosts are looked up in the catalog, then in --hosts (the last set
  ** of a number wins, so --hosts takes precedence). */
  if (j->hosts_path) {
    int hr = cli_load_catalog(cmd, j->hosts_path, OW_FMT_AUTO, NULL,
                              &j->hosts, NULL);
    if (hr != OW_EXIT_OK && hr != OW_EXIT_PARTIAL)
      return hr;
  }
  ow_catalog both;
  ow_catalog_init(&both);
  for (size_t i = 0; i < j->cat.n && rc >= 0; i++)
    rc = ow_catalog_push(&both, &j->cat.items[i]);
  for (size_t i = 0; i < j->hosts.n && rc >= 0; i++)
    rc = ow_catalog_push(&both, &j->hosts.items[i]);
  if (rc >= 0)
    rc = ow_access_prepare(&j->ctx, &j->net, both.items, both.n, j->start,
                           j->span_s, &j->opts, &err);
  ow_catalog_free(&both);
  if (rc < 0) {
    fprintf(stderr, "orbwatch %s: %s\n", cmd,
            ow_err_format(&err, buf, sizeof buf));
    if (rc == OW_E_NOT_FOUND)
      fprintf(stderr, "orbwatch %s: give the host's element set with "
                      "--hosts FILE (e.g. from orbwatch synth --epoch ISO "
                      "--count 16) or host_tle1/host_tle2\n", cmd);
    return rc == OW_E_NOMEM ? OW_EXIT_INTERNAL : OW_EXIT_INPUT;
  }

  /* Targets: the catalog, or the --ids among it. */
  if (j->n_ids) {
    size_t m = 0;
    for (size_t i = 0; i < j->cat.n; i++)
      if (cli_ids_contain(j->ids, j->n_ids, j->cat.items[i].norad))
        j->cat.items[m++] = j->cat.items[i];
    j->cat.n = m;
    if (m == 0) {
      fprintf(stderr, "orbwatch %s: none of --ids is in %s\n", cmd, catalog);
      return OW_EXIT_INPUT;
    }
  }
  rc = ow_access_catalog(j->ctx, j->cat.items, j->cat.n, &j->windows,
                         &j->n_windows, &j->stats);
  if (rc < 0) {
    fprintf(stderr, "orbwatch %s: %s\n", cmd, ow_strerror(rc));
    return OW_EXIT_INTERNAL;
  }
  if (j->stats.skipped)
    fprintf(stderr, "orbwatch %s: %zu objects not searched (SGP4 error "
                    "at epoch)\n", cmd, j->stats.skipped);
  return partial || j->stats.skipped ? OW_EXIT_PARTIAL : OW_EXIT_OK;
}

void access_job_iso(const access_job *j, double t_s, char *buf, size_t n)
{
  ow_time_format_iso(ow_access_time(j->ctx, t_s), 3, buf, n);
}
