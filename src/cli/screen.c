/*
** screen.c - `orbwatch screen CATALOG`: conjunction screening (all against
** all, or primaries against all) with TCA, miss, RTN miss, relative speed
** and Pc, as CSV, a SOCRATES-style report, JSON or CDMs. Also the shared
** job code of `orbwatch cdm` (cdm.c) and the summary of `orbwatch run`.
*/
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char usage_text[] =
    "usage: orbwatch screen CATALOG [--start ISO] [--days D]\n"
    "         [--threshold-km K] [--volume R,I,C] [--primaries IDS]\n"
    "         [--format csv|socrates|json|cdm-kvn|cdm-xml] [--out-dir DIR]\n"
    "         [--pc foster|max|none] [--hbr M] [--step S] [--threads N]\n"
    "         [--no-merge]\n"
    "\n"
    "Conjunction screening of CATALOG (TLE/3LE or OMM): every pair that comes\n"
    "closer than the threshold between --start (default: now; give it when\n"
    "replaying an archived catalog) and D days later (default 7).\n"
    "  --threshold-km K  miss-distance threshold (default 5)\n"
    "  --volume R,I,C    ellipsoid instead: semi-axes in km along the\n"
    "                    primary's radial, in-track and cross-track axes\n"
    "  --primaries IDS   screen these catalog numbers against everything\n"
    "                    (\"25544,T0001,100000-100010\"); default all vs all\n"
    "  --pc foster       Pc with ASSUMED covariances by orbit class and\n"
    "                    element-set age, HBR by object type (default)\n"
    "       max          maximum Pc over unknown covariances (SOCRATES)\n"
    "       none         no Pc\n"
    "  --hbr M           combined hard-body radius, m (default: by type,\n"
    "                    payload 5, rocket body 6, debris 0.5, unknown 5)\n"
    "  --step S          coarse grid step, s (default 60; see\n"
    "                    docs/screening.md for why nothing is skipped)\n"
    "  --threads N       OpenMP threads (default: all)\n"
    "  --no-merge        one event per local minimum, even for pairs that\n"
    "                    stay inside the threshold (co-orbiting, docked)\n"
    "  --format csv      (default) header, one line per event:\n"
    "    norad_1,norad_2,name_1,name_2,tca_utc,miss_km,rel_speed_km_s,\n"
    "    radial_km,intrack_km,crosstrack_km,pc,pc_method,hbr_m,entry_utc,\n"
    "    exit_utc,n_minima,volume_q_min,volume_q_min_utc\n"
    "    (RTN: object 1's frame; object 1 = primary; entry/exit: of the\n"
    "    sphere or ellipsoid; volume_q_min: smallest |(dR/R, dI/I, dC/C)|\n"
    "    over the pass and its time, empty without --volume)\n"
    "  --format socrates  CelesTrak SOCRATES-style report sorted by maximum\n"
    "                    probability: NORAD_CAT_ID_1,OBJECT_NAME_1,DSE_1,\n"
    "                    NORAD_CAT_ID_2,OBJECT_NAME_2,DSE_2,TCA,TCA_RANGE,\n"
    "                    TCA_RELATIVE_SPEED,MAX_PROB,DILUTION (km, km/s,\n"
    "                    DSE: days since epoch, DILUTION: sigma at max, km),\n"
    "                    then ENTRY_TIME,EXIT_TIME,VOLUME_Q_MIN,\n"
    "                    VOLUME_Q_MIN_TIME (the last two empty without\n"
    "                    --volume)\n"
    "  --format json     one JSON object with the options and the events\n"
    "                    (volume_q_min, volume_q_min_utc: null without\n"
    "                    --volume)\n"
    "  --format cdm-kvn|cdm-xml  one CCSDS CDM per event: files in\n"
    "                    --out-dir DIR, else all on stdout one after another\n"
    "                    (with --volume, VOLUME_Q_MIN[_TIME] in comments)\n"
    "Diagnostics and a summary line go to stderr.\n"
    "Exit: 0 ok, 1 some records rejected, 2 usage, 3 input, 4 internal.\n";

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_screen_job_init(cli_screen_job *j)
{
  memset(j, 0, sizeof *j);
  j->days = OW_SCREEN_SPAN_DAY_DEFAULT;
  j->threshold_km = OW_SCREEN_THRESHOLD_KM_DEFAULT;
  j->pc.mode = OW_SCREEN_PC_DEFAULT_COV;
  j->pc.hbr_m = NAN;
  j->pc.aspect_ratio = 1.0;
  j->merge = 1;
}

void cli_screen_job_free(cli_screen_job *j)
{
  free(j->primaries);
  free(j->models);
  ow_screen_result_free(&j->res);
  ow_catalog_free(&j->cat);
}

static int now_utc(ow_jd *jd)
{
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  return ow_time_from_calendar(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                               tm.tm_hour, tm.tm_min, (double)tm.tm_sec, jd);
}

int cli_screen_option(const char *cmd, int argc, char **argv, int *i,
                      cli_screen_job *j, int *rc)
{
  const char *v;
  *rc = OW_EXIT_OK;
  if ((v = cli_opt(argc, argv, i, "--start"))) {
    ow_err err;
    char buf[512];
    if (ow_time_parse_iso(v, &j->start, &err) < 0) {
      *rc = cli_usage_error(cmd, "--start: %s",
                            ow_err_format(&err, buf, sizeof buf));
      return 1;
    }
    j->start_given = 1;
  } else if ((v = cli_opt(argc, argv, i, "--days"))) {
    if (cli_parse_double(v, &j->days) != 0 || !(j->days > 0) ||
        j->days > 366)
      *rc = cli_usage_error(cmd, "--days must be in (0, 366]");
  } else if ((v = cli_opt(argc, argv, i, "--threshold-km"))) {
    if (cli_parse_double(v, &j->threshold_km) != 0 || !(j->threshold_km > 0))
      *rc = cli_usage_error(cmd, "--threshold-km must be > 0");
  } else if ((v = cli_opt(argc, argv, i, "--volume"))) {
    double *d = NULL;
    size_t n = 0;
    if (cli_parse_double_list(v, &d, &n) != 0 || n != 3 || !(d[0] > 0) ||
        !(d[1] > 0) || !(d[2] > 0))
      *rc = cli_usage_error(cmd, "--volume needs three semi-axes > 0, km");
    else
      memcpy(j->volume, d, sizeof j->volume);
    free(d);
  } else if ((v = cli_opt(argc, argv, i, "--primaries"))) {
    free(j->primaries);
    j->primaries = NULL;
    if (cli_parse_ids(v, &j->primaries, &j->n_primaries) != 0)
      *rc = cli_usage_error(cmd, "bad --primaries list");
  } else if ((v = cli_opt(argc, argv, i, "--pc"))) {
    if (!strcmp(v, "foster"))
      j->pc.mode = OW_SCREEN_PC_DEFAULT_COV;
    else if (!strcmp(v, "max") || !strcmp(v, "max-unknown"))
      j->pc.mode = OW_SCREEN_PC_MAX;
    else if (!strcmp(v, "none"))
      j->pc.mode = OW_SCREEN_PC_NONE;
    else
      *rc = cli_usage_error(cmd, "--pc is foster, max or none");
  } else if ((v = cli_opt(argc, argv, i, "--hbr"))) {
    if (cli_parse_double(v, &j->pc.hbr_m) != 0 || !(j->pc.hbr_m >= 0))
      *rc = cli_usage_error(cmd, "--hbr must be >= 0 m");
  } else if ((v = cli_opt(argc, argv, i, "--step"))) {
    if (cli_parse_double(v, &j->step_s) != 0 || j->step_s < 1 ||
        j->step_s > 600)
      *rc = cli_usage_error(cmd, "--step must be in [1, 600] s");
  } else if ((v = cli_opt(argc, argv, i, "--threads"))) {
    long t = 0;
    if (cli_parse_long(v, 0, 1024, &t) != 0)
      *rc = cli_usage_error(cmd, "--threads must be 0..1024");
    j->threads = (int)t;
  } else if (cli_flag(argv, *i, "--no-merge")) {
    j->merge = 0;
  } else {
    return 0;
  }
  return 1;
}

int cli_screen_job_run(const char *cmd, cli_screen_job *j)
{
  int rc = cli_load_catalog(cmd, j->path, OW_FMT_AUTO, NULL, &j->cat, NULL);
  if (rc == OW_EXIT_INPUT || rc == OW_EXIT_INTERNAL)
    return rc;
  j->exit_code = rc;
  j->models = malloc((j->cat.n + 1) * sizeof *j->models);
  if (!j->models)
    return OW_EXIT_INTERNAL;
  for (size_t i = 0; i < j->cat.n; i++)
    ow_sgp4_init(&j->models[i], &j->cat.items[i], OW_GRAV_WGS72,
                 OW_OPSMODE_IMPROVED, NULL);
  if (!j->start_given && now_utc(&j->start) < 0)
    return OW_EXIT_INTERNAL;
  ow_screen_opts_default(&j->opt, j->start);
  j->opt.span_day = j->days;
  j->opt.threshold_km = j->threshold_km;
  memcpy(j->opt.volume_rtn_km, j->volume, sizeof j->volume);
  j->opt.primaries = j->primaries;
  j->opt.n_primaries = j->n_primaries;
  if (j->step_s > 0)
    j->opt.step_s = j->step_s;
  j->opt.threads = j->threads;
  j->opt.merge_slow = j->merge;
  ow_err err;
  ow_err_clear(&err);
  double t0 = now_s();
  int st = ow_screen_run(j->cat.items, j->models, j->cat.n, &j->opt, &j->res,
                         &err);
  if (st < 0) {
    char buf[512];
    fprintf(stderr, "orbwatch %s: %s\n", cmd,
            ow_err_format(&err, buf, sizeof buf));
    return st == OW_E_NOT_FOUND ? OW_EXIT_INPUT
           : st == OW_E_ARG     ? OW_EXIT_USAGE
                                : OW_EXIT_INTERNAL;
  }
  j->pc.threads = j->threads;
  ow_screen_pc(j->cat.items, j->res.events, j->res.n, &j->pc);
  double dt = now_s() - t0;
  const ow_screen_stats *s = &j->res.stats;
  char a[OW_ISO_BUF];
  ow_time_format_iso(j->start, 0, a, sizeof a);
  fprintf(stderr, "orbwatch %s: %zu objects (%zu screened, %zu dropped on "
          "SGP4 errors), %g d from %s, step %g s: %zu events in %.2f s\n",
          cmd, s->objects, s->screened, s->failed, j->days, a, s->step_s,
          j->res.n, dt);
  fprintf(stderr, "orbwatch %s: orbit geometry: %zu objects left out "
          "(primaries), %llu of %llu pair tests rejected\n", cmd,
          s->geometry_pruned, (unsigned long long)s->geometry_rejected,
          (unsigned long long)s->geometry_tested);
  if (s->failed > 0 && j->exit_code == OW_EXIT_OK)
    j->exit_code = OW_EXIT_PARTIAL;
  return OW_EXIT_OK;
}

/* The last two CSV columns: q_min and its time, empty for a sphere. */
static void put_q_min_csv(FILE *f, const ow_screen_event *e)
{
  if (isfinite(e->volume_q_min)) {
    char tq[OW_ISO_BUF];
    ow_time_format_iso(e->volume_q_min_utc, 3, tq, sizeof tq);
    fprintf(f, "%.6f,%s\n", e->volume_q_min, tq);
  } else {
    fprintf(f, ",\n");
  }
}

static void write_csv(FILE *f, const cli_screen_job *j)
{
  fprintf(f, "norad_1,norad_2,name_1,name_2,tca_utc,miss_km,rel_speed_km_s,"
             "radial_km,intrack_km,crosstrack_km,pc,pc_method,hbr_m,"
             "entry_utc,exit_utc,n_minima,volume_q_min,volume_q_min_utc\n");
  for (size_t i = 0; i < j->res.n; i++) {
    const ow_screen_event *e = &j->res.events[i];
    char t[OW_ISO_BUF], en[OW_ISO_BUF], ex[OW_ISO_BUF];
    ow_time_format_iso(e->tca_utc, 6, t, sizeof t);
    ow_time_format_iso(e->entry_utc, 3, en, sizeof en);
    ow_time_format_iso(e->exit_utc, 3, ex, sizeof ex);
    fprintf(f, "%u,%u,", e->norad_1, e->norad_2);
    cli_csv_text(f, j->cat.items[e->i1].name);
    fputc(',', f);
    cli_csv_text(f, j->cat.items[e->i2].name);
    fprintf(f, ",%s,%.6f,%.6f,%.6f,%.6f,%.6f,", t, e->miss_km,
            e->rel_speed_km_s, e->miss_rtn_km[0], e->miss_rtn_km[1],
            e->miss_rtn_km[2]);
    if (isfinite(e->pc))
      fprintf(f, "%.6e,%s,%.3f,", e->pc, ow_pc_method_name(e->pc_method),
              e->hbr_m);
    else
      fprintf(f, ",,,");
    fprintf(f, "%s,%s,%d,", en, ex, e->n_minima);
    put_q_min_csv(f, e);
  }
}

typedef struct soc_row {
  const ow_screen_event *e;
  double pmax, sigma_km;
} soc_row;

static int cmp_soc(const void *a, const void *b)
{
  double x = ((const soc_row *)a)->pmax, y = ((const soc_row *)b)->pmax;
  return (x < y) - (x > y);
}

static int write_socrates(FILE *f, const cli_screen_job *j)
{
  soc_row *r = malloc((j->res.n + 1) * sizeof *r);
  if (!r)
    return OW_EXIT_INTERNAL;
  for (size_t i = 0; i < j->res.n; i++) {
    const ow_screen_event *e = &j->res.events[i];
    double hbr = isfinite(j->pc.hbr_m)
                     ? j->pc.hbr_m
                     : ow_pc_hbr_default_m(ow_screen_object_type(
                           j->cat.items[e->i1].name)) +
                           ow_pc_hbr_default_m(ow_screen_object_type(
                               j->cat.items[e->i2].name));
    double sig = NAN;
    r[i].e = e;
    r[i].pmax = NAN;
    ow_pc_max_unknown_2d(e->miss_km * 1e3, hbr, 1.0, &r[i].pmax, &sig, NULL);
    r[i].sigma_km = sig / 1e3;
  }
  qsort(r, j->res.n, sizeof *r, cmp_soc);
  fprintf(f, "NORAD_CAT_ID_1,OBJECT_NAME_1,DSE_1,NORAD_CAT_ID_2,"
             "OBJECT_NAME_2,DSE_2,TCA,TCA_RANGE,TCA_RELATIVE_SPEED,MAX_PROB,"
             "DILUTION,ENTRY_TIME,EXIT_TIME,VOLUME_Q_MIN,VOLUME_Q_MIN_TIME\n");
  for (size_t i = 0; i < j->res.n; i++) {
    const ow_screen_event *e = r[i].e;
    const ow_elset *a = &j->cat.items[e->i1], *b = &j->cat.items[e->i2];
    char t[OW_ISO_BUF];
    ow_time_format_iso(e->tca_utc, 3, t, sizeof t);
    double d1 = cli_jd_diff_min(e->tca_utc, a->epoch_utc) / 1440.0;
    double d2 = cli_jd_diff_min(e->tca_utc, b->epoch_utc) / 1440.0;
    fprintf(f, "%u,", a->norad);
    cli_csv_text(f, a->name);
    fprintf(f, ",%.3f,%u,", d1, b->norad);
    cli_csv_text(f, b->name);
    char en[OW_ISO_BUF], ex[OW_ISO_BUF];
    ow_time_format_iso(e->entry_utc, 3, en, sizeof en);
    ow_time_format_iso(e->exit_utc, 3, ex, sizeof ex);
    fprintf(f, ",%.3f,%s,%.3f,%.3f,%.3e,%.3f,%s,%s,", d2, t, e->miss_km,
            e->rel_speed_km_s, r[i].pmax, r[i].sigma_km, en, ex);
    put_q_min_csv(f, e);
  }
  free(r);
  return OW_EXIT_OK;
}

static void json_str(FILE *f, const char *s)
{
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void write_json(FILE *f, const cli_screen_job *j)
{
  char a[OW_ISO_BUF];
  ow_time_format_iso(j->start, 3, a, sizeof a);
  const double *ax = j->opt.volume_rtn_km;
  fprintf(f, "{\"start_utc\": \"%s\", \"days\": %g, \"threshold_km\": %g, ",
          a, j->days, j->threshold_km);
  if (ax[0] > 0 && ax[1] > 0 && ax[2] > 0)
    fprintf(f, "\"volume_rtn_km\": [%g, %g, %g], ", ax[0], ax[1], ax[2]);
  else
    fprintf(f, "\"volume_rtn_km\": null, ");
  fprintf(f, "\"step_s\": %g, \"objects\": %zu, \"events\": [",
          j->res.stats.step_s, j->res.stats.objects);
  for (size_t i = 0; i < j->res.n; i++) {
    const ow_screen_event *e = &j->res.events[i];
    char t[OW_ISO_BUF], en[OW_ISO_BUF], ex[OW_ISO_BUF];
    ow_time_format_iso(e->tca_utc, 6, t, sizeof t);
    ow_time_format_iso(e->entry_utc, 3, en, sizeof en);
    ow_time_format_iso(e->exit_utc, 3, ex, sizeof ex);
    fprintf(f, "%s\n {\"norad_1\": %u, \"norad_2\": %u, \"name_1\": ",
            i ? "," : "", e->norad_1, e->norad_2);
    json_str(f, j->cat.items[e->i1].name);
    fprintf(f, ", \"name_2\": ");
    json_str(f, j->cat.items[e->i2].name);
    fprintf(f, ", \"tca_utc\": \"%s\", \"miss_km\": %.6f, "
               "\"rel_speed_km_s\": %.6f, \"miss_rtn_km\": [%.6f, %.6f, "
               "%.6f], ", t, e->miss_km, e->rel_speed_km_s, e->miss_rtn_km[0],
            e->miss_rtn_km[1], e->miss_rtn_km[2]);
    if (isfinite(e->pc))
      fprintf(f, "\"pc\": %.6e, \"pc_method\": \"%s\", \"hbr_m\": %.3f, ",
              e->pc, ow_pc_method_name(e->pc_method), e->hbr_m);
    else
      fprintf(f, "\"pc\": null, ");
    fprintf(f, "\"entry_utc\": \"%s\", \"exit_utc\": \"%s\", "
               "\"n_minima\": %d, ", en, ex, e->n_minima);
    if (isfinite(e->volume_q_min)) {
      char tq[OW_ISO_BUF];
      ow_time_format_iso(e->volume_q_min_utc, 3, tq, sizeof tq);
      fprintf(f, "\"volume_q_min\": %.6f, \"volume_q_min_utc\": \"%s\"}",
              e->volume_q_min, tq);
    } else {
      fprintf(f, "\"volume_q_min\": null, \"volume_q_min_utc\": null}");
    }
  }
  fprintf(f, "\n]}\n");
}

int cli_screen_write_cdms(const char *cmd, const cli_screen_job *j, int xml,
                          const char *dir, size_t max_events)
{
  ow_cdm *cdm = malloc(sizeof *cdm);
  if (!cdm)
    return OW_EXIT_INTERNAL;
  ow_jd created;
  now_utc(&created);
  if (dir && mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "orbwatch %s: cannot create %s\n", cmd, dir);
    free(cdm);
    return OW_EXIT_INTERNAL;
  }
  int rc = OW_EXIT_OK;
  size_t n = j->res.n < max_events ? j->res.n : max_events;
  for (size_t i = 0; i < n && rc == OW_EXIT_OK; i++) {
    const ow_screen_event *e = &j->res.events[i];
    ow_err err;
    char *txt = NULL, buf[512];
    size_t len;
    int st = ow_screen_event_cdm(e, &j->cat.items[e->i1],
                                 &j->cat.items[e->i2], &j->opt, created,
                                 "ORBWATCH", cdm, &err);
    if (st == OW_OK)
      st = xml ? ow_cdm_write_xml(cdm, &txt, &len, &err)
               : ow_cdm_write_kvn(cdm, &txt, &len, &err);
    if (st != OW_OK) {
      fprintf(stderr, "orbwatch %s: CDM %u-%u: %s\n", cmd, e->norad_1,
              e->norad_2, ow_err_format(&err, buf, sizeof buf));
      rc = OW_EXIT_INTERNAL;
      break;
    }
    if (dir) {
      char path[4096], t[OW_ISO_BUF];
      ow_time_format_iso(e->tca_utc, 3, t, sizeof t);
      for (char *p = t; *p; p++)
        if (*p == ':')
          *p = '-';
      snprintf(path, sizeof path, "%s/cdm_%u_%u_%s.%s", dir, e->norad_1,
               e->norad_2, t, xml ? "xml" : "kvn");
      FILE *f = fopen(path, "wb");
      if (!f || fwrite(txt, 1, len, f) != len) {
        fprintf(stderr, "orbwatch %s: cannot write %s\n", cmd, path);
        rc = OW_EXIT_INTERNAL;
      }
      if (f)
        fclose(f);
    } else {
      fwrite(txt, 1, len, stdout);
    }
    free(txt);
  }
  free(cdm);
  return rc;
}

int cmd_screen(int argc, char **argv)
{
  cli_screen_job j;
  cli_screen_job_init(&j);
  const char *fmt = "csv", *dir = NULL, *v;
  int rc = OW_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      cli_screen_job_free(&j);
      return OW_EXIT_OK;
    }
    if (cli_screen_option("screen", argc, argv, &i, &j, &rc)) {
      if (rc != OW_EXIT_OK)
        goto done;
    } else if ((v = cli_opt(argc, argv, &i, "--format"))) {
      fmt = v;
      if (strcmp(v, "csv") && strcmp(v, "socrates") && strcmp(v, "json") &&
          strcmp(v, "cdm-kvn") && strcmp(v, "cdm-xml")) {
        rc = cli_usage_error("screen", "unknown format %s", v);
        goto done;
      }
    } else if ((v = cli_opt(argc, argv, &i, "--out-dir"))) {
      dir = v;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      rc = cli_usage_error("screen", "unknown option %s", argv[i]);
      goto done;
    } else if (j.path == NULL) {
      j.path = argv[i];
    } else {
      rc = cli_usage_error("screen", "more than one CATALOG given");
      goto done;
    }
  }
  if (j.path == NULL) {
    rc = cli_usage_error("screen", "no CATALOG given");
    goto done;
  }
  rc = cli_screen_job_run("screen", &j);
  if (rc != OW_EXIT_OK)
    goto done;
  if (!strcmp(fmt, "csv"))
    write_csv(stdout, &j);
  else if (!strcmp(fmt, "socrates"))
    rc = write_socrates(stdout, &j);
  else if (!strcmp(fmt, "json"))
    write_json(stdout, &j);
  else
    rc = cli_screen_write_cdms("screen", &j, !strcmp(fmt, "cdm-xml"), dir,
                               (size_t)-1);
  if (rc == OW_EXIT_OK)
    rc = j.exit_code;
  if (fflush(stdout) != 0)
    rc = OW_EXIT_INTERNAL;
done:
  cli_screen_job_free(&j);
  return rc;
}

void cli_screen_summary(const ow_catalog *cat, const ow_sgp4 *models,
                        ow_jd start, double hours, size_t top)
{
  ow_screen_opts o;
  ow_screen_opts_default(&o, start);
  o.span_day = hours / 24.0;
  ow_screen_result r;
  ow_err err;
  double t0 = now_s();
  int st = ow_screen_run(cat->items, models, cat->n, &o, &r, &err);
  if (st < 0) {
    printf("Screening: failed: %s\n", err.msg);
    return;
  }
  ow_screen_pc_opts po = {OW_SCREEN_PC_DEFAULT_COV, NAN, 1.0, 0};
  ow_screen_pc(cat->items, r.events, r.n, &po);
  double dt = now_s() - t0;
  ow_screen_event *best = malloc((top + 1) * sizeof *best);
  size_t k = best ? ow_screen_closest(&r, top, best) : 0;
  printf("\nScreening: all vs all, %g h, %g km (step %g s): %zu events in "
         "%.2f s\n", hours, o.threshold_km, r.stats.step_s, r.n, dt);
  if (k > 0)
    printf("  %-9s %-9s %-24s %9s %9s %10s  %s\n", "norad_1", "norad_2",
           "tca_utc", "miss_km", "v_km_s", "pc", "names");
  for (size_t i = 0; i < k; i++) {
    char t[OW_ISO_BUF];
    ow_time_format_iso(best[i].tca_utc, 3, t, sizeof t);
    printf("  %-9u %-9u %-24s %9.3f %9.3f %10.3e  %s / %s\n",
           best[i].norad_1, best[i].norad_2, t, best[i].miss_km,
           best[i].rel_speed_km_s, best[i].pc, cat->items[best[i].i1].name,
           cat->items[best[i].i2].name);
  }
  if (k > 0)
    printf("  (closest %zu; Pc: Foster 2D with ASSUMED covariances by orbit "
           "class and\n   element-set age, HBR by object type)\n", k);
  free(best);
  ow_screen_result_free(&r);
}
