/*
** screen.c - `orbwatch screen CATALOG`: conjunction screening (all against
** all, or primaries against all) with TCA, miss, RTN miss, relative speed
** and Pc, as CSV, a SOCRATES-style report, JSON (the library's writers,
** ow_screen_write_*) or CDMs; warnings, progress and a summary on stderr.
** Also the shared job code of `orbwatch cdm` (cdm.c) and the summary of
** `orbwatch run`.
*/
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: orbwatch screen CATALOG [--start ISO] [--days D | --stop ISO]\n"
    "         [--threshold-km K] [--volume R,I,C] [--primaries IDS]\n"
    "         [--format csv|socrates|json|cdm-kvn|cdm-xml] [--out-dir DIR]\n"
    "         [--pc foster|max|none] [--hbr M] [--step S] [--threads N]\n"
    "         [--no-merge] [--quiet]\n"
    "\n"
    "Conjunction screening of CATALOG (TLE/3LE or OMM): every pair that comes\n"
    "closer than the threshold between --start (default: now; give it when\n"
    "replaying an archived catalog) and D days later (default 7), or --stop\n"
    "(the span is at most 366 days either way).\n"
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
    "  --quiet           no progress on stderr (shown only on a terminal)\n"
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
    "Diagnostics, warnings and a summary go to stderr: objects dropped\n"
    "during the span (SGP4 error, implausible state), element sets of one\n"
    "catalog number twice (the newest epoch is kept), epochs far from the\n"
    "span (more than 3 days for near-Earth sets, 14 for deep space), the\n"
    "ages of the element sets.\n"
    "Exit: 0 ok (warnings included: a dropped object is a warning), 1 some\n"
    "catalog records rejected, 2 usage, 3 input (nothing could be screened:\n"
    "fewer than two objects, or no primary, left), 4 internal.\n";

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
  } else if ((v = cli_opt(argc, argv, i, "--stop"))) {
    ow_err err;
    char buf[512];
    if (ow_time_parse_iso(v, &j->stop, &err) < 0) {
      *rc = cli_usage_error(cmd, "--stop: %s",
                            ow_err_format(&err, buf, sizeof buf));
      return 1;
    }
    j->stop_given = 1;
  } else if ((v = cli_opt(argc, argv, i, "--days"))) {
    j->days_given = 1;
    if (cli_parse_double(v, &j->days) != 0 || !(j->days > 0) ||
        j->days > OW_SCREEN_SPAN_DAY_MAX)
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
  } else if (cli_flag(argv, *i, "--quiet") || cli_flag(argv, *i, "-q")) {
    j->quiet = 1;
  } else {
    return 0;
  }
  return 1;
}

/* Progress on stderr (only when it is a terminal, without --quiet). */
static void on_progress(void *user, size_t done, size_t total)
{
  const char *cmd = user;
  fprintf(stderr, "\rorbwatch %s: screening %3.0f%%", cmd,
          total ? 100.0 * (double)done / (double)total : 100.0);
  fflush(stderr);
}

/* The span from --days or --stop, refused beyond the library's limit. */
static int job_span(const char *cmd, cli_screen_job *j)
{
  if (!j->stop_given)
    return OW_EXIT_OK;
  if (j->days_given)
    return cli_usage_error(cmd, "give --stop or --days, not both");
  j->days = cli_jd_diff_min(j->stop, j->start) / 1440.0;
  if (!(j->days > 0) || j->days > OW_SCREEN_SPAN_DAY_MAX) {
    char a[OW_ISO_BUF], b[OW_ISO_BUF];
    ow_time_format_iso(j->start, 0, a, sizeof a);
    ow_time_format_iso(j->stop, 0, b, sizeof b);
    return cli_usage_error(cmd, "--stop: the span from %s to %s is %g days, "
                           "not in (0, %g]", a, b, j->days,
                           OW_SCREEN_SPAN_DAY_MAX);
  }
  return OW_EXIT_OK;
}

/* Warnings of the result, at most WARN_PRINT_MAX of each kind. */
#define WARN_PRINT_MAX 10
static void print_warnings(const char *cmd, const cli_screen_job *j)
{
  static const char *kind[4] = {"", "dropped-object", "old-epoch",
                                "duplicate"};
  size_t count[4] = {0, 0, 0, 0};
  for (size_t k = 0; k < j->res.n_warnings; k++) {
    const ow_screen_warning *w = &j->res.warnings[k];
    int c = w->code >= 1 && w->code <= 3 ? (int)w->code : 0;
    if (++count[c] > WARN_PRINT_MAX)
      continue;
    fprintf(stderr, "orbwatch %s: warning: %u %s: %s\n", cmd, w->norad,
            j->cat.items[w->index].name, w->msg);
  }
  for (int c = 1; c < 4; c++)
    if (count[c] > WARN_PRINT_MAX)
      fprintf(stderr, "orbwatch %s: ... and %zu more %s warnings\n", cmd,
              count[c] - WARN_PRINT_MAX, kind[c]);
}

static void print_summary(const char *cmd, const cli_screen_job *j,
                          double dt)
{
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
  fprintf(stderr, "orbwatch %s: element-set ages at the start: median %.1f "
          "d, 90%% within %.1f d, oldest %.1f d; %zu epochs far from the "
          "span\n", cmd, s->age_median_day, s->age_p90_day, s->age_max_day,
          s->epoch_far);
  if (s->duplicates > 0)
    fprintf(stderr, "orbwatch %s: %zu element sets left out as duplicates "
            "(the newest epoch of each catalog number kept)\n", cmd,
            s->duplicates);
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
  if ((rc = job_span(cmd, j)) != OW_EXIT_OK)
    return rc;
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
  int progress = !j->quiet && isatty(STDERR_FILENO);
  if (progress) {
    j->opt.progress = on_progress;
    j->opt.progress_user = (void *)cmd;
  }
  ow_err err;
  ow_err_clear(&err);
  double t0 = now_s();
  int st = ow_screen_run(j->cat.items, j->models, j->cat.n, &j->opt, &j->res,
                         &err);
  if (progress)
    fprintf(stderr, "\r%60s\r", "");
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
  print_warnings(cmd, j);
  print_summary(cmd, j, now_s() - t0);
  /* Exit rule: a dropped object is a warning; nothing screened (fewer
  ** than two objects, or every one dropped) is an input failure. */
  const ow_screen_stats *s = &j->res.stats;
  if (s->screened < 2 || s->failed >= s->screened) {
    fprintf(stderr, "orbwatch %s: nothing could be screened (%zu objects "
            "screened, %zu of them dropped)\n", cmd, s->screened, s->failed);
    j->exit_code = OW_EXIT_INPUT;
  }
  return OW_EXIT_OK;
}

/* The library's writers hand their bytes to this (user: a FILE*). */
static int write_file(void *user, const char *bytes, size_t n)
{
  return fwrite(bytes, 1, n, (FILE *)user) == n ? 0 : 1;
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
  int wr = OW_OK;
  if (!strcmp(fmt, "csv"))
    wr = ow_screen_write_csv(&j.res, j.cat.items, write_file, stdout);
  else if (!strcmp(fmt, "socrates"))
    wr = ow_screen_write_socrates(&j.res, j.cat.items, j.pc.hbr_m,
                                  write_file, stdout);
  else if (!strcmp(fmt, "json"))
    wr = ow_screen_write_json(&j.res, j.cat.items, &j.opt, write_file,
                              stdout);
  else
    rc = cli_screen_write_cdms("screen", &j, !strcmp(fmt, "cdm-xml"), dir,
                               (size_t)-1);
  if (wr < 0) {
    fprintf(stderr, "orbwatch screen: writing the events: %s\n",
            ow_strerror(wr));
    rc = OW_EXIT_INTERNAL;
  }
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
