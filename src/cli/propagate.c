/*
** propagate.c - `orbwatch propagate`: states of catalog objects at chosen
** times, in a chosen frame and format. A thin layer over ow_sgp4_* and the
** frame converters; rows go to stdout, diagnostics to stderr.
*/
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    "usage: orbwatch propagate CATALOG [times] [options]\n"
    "\n"
    "States of the objects in CATALOG (TLE/3LE or OMM KVN/XML/JSON/CSV;\n"
    "'-' reads standard input).\n"
    "\n"
    "times (one of; default --tsince 0):\n"
    "  --tsince MIN[,MIN...]     minutes from each object's own epoch\n"
    "  --at ISO[,ISO...]         UTC instants, e.g. 2023-10-10T00:00:00Z\n"
    "  --start ISO --stop ISO --step SECONDS   a UTC grid (stop included)\n"
    "\n"
    "options:\n"
    "  --frame teme|pef|itrf|gcrf|gcrf76|geodetic   output frame (default\n"
    "                            teme; gcrf76 = GCRF through IAU 1976/1980\n"
    "                            true of date, see docs/frames.md)\n"
    "  --format csv|jsonl|oem    output (default csv; oem = CCSDS OEM 2.0 KVN)\n"
    "  --ids LIST                only these catalog numbers: 25544,T0001,\n"
    "                            100000-100010 (ranges allowed)\n"
    "  --eop FILE                IERS finals2000A file for UT1-UTC and polar\n"
    "                            motion (default: UT1 = UTC, no polar motion)\n"
    "  --gravity wgs72|wgs72old|wgs84   SGP4 constants (default wgs72)\n"
    "  --opsmode improved|afspc  SGP4 operation mode (default improved)\n"
    "  --input-format FMT        auto|tle|omm-kvn|omm-xml|omm-json|omm-csv\n"
    "  --ignore-checksum         accept TLE lines with a wrong checksum\n"
    "  --engine batch|scalar     batch (default: the SIMD engine wherever it\n"
    "                            is faster, i.e. 8+ objects and 32+ times)\n"
    "                            or the scalar model only; same numbers\n"
    "\n"
    "CSV columns: norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,\n"
    "vz_km_s,status (geodetic: norad,time_utc,tsince_min,lat_deg,lon_deg,\n"
    "alt_km,status). status is 0 or the SGP4 error code 1-6; states the model\n"
    "cannot give are left empty (error 6, decayed, still gives the state).\n"
    "Exit: 0 ok, 1 some records rejected or states failed, 2 usage, 3 input.\n";

typedef enum { TIMES_TSINCE, TIMES_AT, TIMES_GRID } times_mode;
typedef enum { OUT_CSV, OUT_JSONL, OUT_OEM } out_format;

typedef struct prop_job {
  times_mode mode;
  double *tsince;      /* TIMES_TSINCE: minutes */
  ow_jd *at;           /* TIMES_AT and TIMES_GRID: UTC instants */
  ow_frame_ctx *ctx;   /* rotations of each shared instant, or NULL */
  size_t n_times;
  ow_frame frame;
  out_format format;
  const ow_eop *eop;
  ow_gravity grav;
  ow_opsmode opsmode;
  int scalar;          /* --engine scalar: never the batch engine */
  FILE *out;
} prop_job;

/* One output row's values. */
typedef struct row {
  uint32_t norad;
  ow_jd jd_utc;
  double tsince_min;
  double r[3], v[3];   /* frame coordinates, or lat/lon/alt in r */
  int have_state;
  int refcode;         /* 0..6 */
} row;

static void print_csv_header(const prop_job *job)
{
  if (job->frame == OW_FRAME_GEODETIC)
    fputs("norad,time_utc,tsince_min,lat_deg,lon_deg,alt_km,status\n",
          job->out);
  else
    fputs("norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,"
          "vz_km_s,status\n",
          job->out);
}

static void print_row(const prop_job *job, const row *w)
{
  char t[OW_ISO_BUF];
  ow_time_format_iso(w->jd_utc, 6, t, sizeof t);
  FILE *o = job->out;
  if (job->format == OUT_CSV) {
    fprintf(o, "%u,%s,%.6f,", w->norad, t, w->tsince_min);
    if (!w->have_state)
      fputs(job->frame == OW_FRAME_GEODETIC ? ",,," : ",,,,,,", o);
    else if (job->frame == OW_FRAME_GEODETIC)
      fprintf(o, "%.9f,%.9f,%.6f,", w->r[0], w->r[1], w->r[2]);
    else
      fprintf(o, "%.8f,%.8f,%.8f,%.11f,%.11f,%.11f,", w->r[0], w->r[1],
              w->r[2], w->v[0], w->v[1], w->v[2]);
    fprintf(o, "%d\n", w->refcode);
  } else if (job->format == OUT_JSONL) {
    fprintf(o, "{\"norad\":%u,\"time_utc\":\"%s\",\"tsince_min\":%.6f,"
               "\"frame\":\"%s\",",
            w->norad, t, w->tsince_min, ow_frame_name(job->frame));
    if (!w->have_state && job->frame == OW_FRAME_GEODETIC)
      fputs("\"lat_deg\":null,\"lon_deg\":null,\"alt_km\":null,", o);
    else if (!w->have_state)
      fputs("\"r_km\":null,\"v_km_s\":null,", o);
    else if (job->frame == OW_FRAME_GEODETIC)
      fprintf(o, "\"lat_deg\":%.9f,\"lon_deg\":%.9f,\"alt_km\":%.6f,",
              w->r[0], w->r[1], w->r[2]);
    else
      fprintf(o, "\"r_km\":[%.8f,%.8f,%.8f],\"v_km_s\":[%.11f,%.11f,%.11f],",
              w->r[0], w->r[1], w->r[2], w->v[0], w->v[1], w->v[2]);
    fprintf(o, "\"status\":%d}\n", w->refcode);
  } else { /* OEM data line; failed states become comments, never vanish */
    t[strlen(t) - 1] = '\0'; /* OEM epochs carry no Z */
    if (!w->have_state || w->refcode != 0)
      fprintf(o, "COMMENT %s SGP4 error %d%s\n", t, w->refcode,
              w->have_state ? " (state below is of a decayed object)" : "");
    if (w->have_state)
      fprintf(o, "%s %.8f %.8f %.8f %.11f %.11f %.11f\n", t, w->r[0],
              w->r[1], w->r[2], w->v[0], w->v[1], w->v[2]);
  }
}

/* Convert a TEME state to the job's frame with the rotations of its
** instant; geodetic puts lat, lon (deg) and altitude (km) in r. */
static void to_frame(const prop_job *job, const ow_frame_ctx *ctx, row *w)
{
  double r[3], v[3];
  if (job->frame == OW_FRAME_TEME)
    return;
  memcpy(r, w->r, sizeof r);
  memcpy(v, w->v, sizeof v);
  if (job->frame != OW_FRAME_GEODETIC) {
    ow_frame_ctx_from_teme(ctx, job->frame, r, v, w->r, w->v);
    return;
  }
  double ri[3], lat, lon, alt;
  ow_frame_ctx_from_teme(ctx, OW_FRAME_ITRF, r, NULL, ri, NULL);
  ow_itrf_to_geodetic(ri, &lat, &lon, &alt);
  w->r[0] = lat * OW_RAD2DEG;
  w->r[1] = lon * OW_RAD2DEG;
  w->r[2] = alt;
  memset(w->v, 0, sizeof w->v);
}

static void print_oem_header(const prop_job *job)
{
  char now[OW_ISO_BUF];
  ow_jd jd;
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  ow_time_from_calendar(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min, tm.tm_sec, &jd);
  ow_time_format_iso(jd, 0, now, sizeof now);
  fprintf(job->out, "CCSDS_OEM_VERS = 2.0\nCREATION_DATE = %s\n"
                    "ORIGINATOR = ORBWATCH\n",
          now);
}

/* CCSDS reference-frame names (SANA registry) for the OEM REF_FRAME. */
static const char *oem_frame_name(ow_frame f)
{
  switch (f) {
  case OW_FRAME_TEME:
    return "TEME";
  case OW_FRAME_PEF:
    return "PEF";
  case OW_FRAME_ITRF:
    return "ITRF";
  case OW_FRAME_GCRF:
  case OW_FRAME_GCRF_IAU76:
    return "GCRF";
  case OW_FRAME_GEODETIC:
    break;
  }
  return "UNKNOWN";
}

static void print_oem_meta(const prop_job *job, const ow_elset *e,
                           ow_jd first, ow_jd last)
{
  char a[OW_ISO_BUF], b[OW_ISO_BUF], id[OW_OBJECT_ID_MAX + 8];
  ow_object_id_cospar(e->object_id, id, sizeof id);
  ow_time_format_iso(first, 6, a, sizeof a);
  ow_time_format_iso(last, 6, b, sizeof b);
  a[strlen(a) - 1] = b[strlen(b) - 1] = '\0';
  fprintf(job->out,
          "\nMETA_START\nOBJECT_NAME = %s\nOBJECT_ID = %s\n"
          "CENTER_NAME = EARTH\nREF_FRAME = %s\nTIME_SYSTEM = UTC\n"
          "START_TIME = %s\nSTOP_TIME = %s\nMETA_STOP\n"
          "COMMENT NORAD_CAT_ID = %u, SGP4 from a mean element set\n",
          e->name[0] ? e->name : "UNKNOWN",
          id[0] ? id : "UNKNOWN",
          oem_frame_name(job->frame), a, b, e->norad);
  if (job->frame == OW_FRAME_GCRF_IAU76)
    fputs("COMMENT GCRF reached through IAU 1976/1980 true of date\n",
          job->out);
}

/* Time k of an object: (UTC instant, minutes since its epoch). */
static void time_of(const prop_job *job, const ow_elset *e, size_t k,
                    ow_jd *jd_utc, double *tsince_min)
{
  if (job->mode == TIMES_TSINCE) {
    *tsince_min = job->tsince[k];
    *jd_utc = cli_jd_add_min(e->epoch_utc, *tsince_min);
  } else {
    *jd_utc = job->at[k];
    *tsince_min = cli_jd_diff_min(*jd_utc, e->epoch_utc);
  }
}

/* Print the rows of one object from its TEME states (state k of the
** object at r[k], v[k] with status rc[k]); returns the failures. */
static size_t print_object(const prop_job *job, const ow_elset *e,
                           const ow_batch_out *o, size_t col)
{
  size_t failed = 0;
  if (job->format == OUT_OEM) {
    ow_jd first, last;
    double t;
    time_of(job, e, 0, &first, &t);
    time_of(job, e, job->n_times - 1, &last, &t);
    print_oem_meta(job, e, first, last);
  }
  for (size_t k = 0; k < job->n_times; k++) {
    size_t at = k * o->ld + col;
    int rc = o->status[at];
    row w;
    memset(&w, 0, sizeof w);
    w.norad = e->norad;
    time_of(job, e, k, &w.jd_utc, &w.tsince_min);
    w.refcode = rc == OW_OK ? 0 : ow_sgp4_refcode(rc);
    w.have_state = rc == OW_OK || rc == OW_E_SGP4_DECAYED;
    failed += rc != OW_OK;
    if (w.have_state) {
      w.r[0] = o->x_km[at];
      w.r[1] = o->y_km[at];
      w.r[2] = o->z_km[at];
      w.v[0] = o->vx_km_s[at];
      w.v[1] = o->vy_km_s[at];
      w.v[2] = o->vz_km_s[at];
      ow_frame_ctx own;
      const ow_frame_ctx *ctx = job->ctx ? &job->ctx[k] : &own;
      if (job->ctx == NULL && job->frame != OW_FRAME_TEME)
        ow_frame_ctx_init(&own, job->eop, w.jd_utc);
      to_frame(job, ctx, &w);
    }
    print_row(job, &w);
  }
  return failed;
}

/*
** Propagate the selected objects at every time of the job and print them,
** object by object. Objects go through in groups: the batch engine (SIMD)
** fills a group's TEME states for all times, the scalar model does it for
** a group too small to gain from it; both give the same numbers (the
** batch tests hold them to 1e-6 km and 1e-9 km/s of the scalar model). A
** group holds at most ~4 million states (about 230 MB) whatever the grid.
** Returns the number of failed states, or (size_t)-1 when out of memory.
*/
static size_t propagate_all(const prop_job *job, const ow_elset *const *sel,
                            size_t n_sel)
{
  const size_t max_states = (size_t)1 << 22;
  size_t group = max_states / job->n_times;
  if (group < 8)
    group = 8;
  if (group > n_sel)
    group = n_sel;
  size_t cap = group * job->n_times, failed = 0;
  ow_batch_out o;
  ow_sgp4 *models = malloc(group * sizeof *models);
  double *buf = malloc(6 * cap * sizeof *buf);
  int *status = malloc(cap * sizeof *status);
  if (models == NULL || buf == NULL || status == NULL) {
    free(models);
    free(buf);
    free(status);
    return (size_t)-1;
  }
  o.x_km = buf;
  o.y_km = buf + cap;
  o.z_km = buf + 2 * cap;
  o.vx_km_s = buf + 3 * cap;
  o.vy_km_s = buf + 4 * cap;
  o.vz_km_s = buf + 5 * cap;
  o.status = status;
  for (size_t g0 = 0; g0 < n_sel && failed != (size_t)-1; g0 += group) {
    size_t gn = n_sel - g0 < group ? n_sel - g0 : group;
    o.ld = gn;
    for (size_t i = 0; i < gn; i++)
      ow_sgp4_init(&models[i], sel[g0 + i], job->grav, job->opsmode, NULL);
    ow_batch b;
    /* The batch engine pays for itself from a few dozen times per object
    ** (its set-up and thread start cost more than a handful of calls);
    ** measured with --engine on the 2023-10 catalog. */
    int use_batch = !job->scalar && gn >= 8 && job->n_times >= 32;
    int rc = use_batch ? ow_batch_init(&b, models, gn, NULL) : OW_E_UNSUPPORTED;
    if (rc == OW_OK) {
      if (job->mode == TIMES_TSINCE)
        rc = ow_batch_tsince(&b, job->tsince, job->n_times, &o);
      else
        rc = ow_batch_at(&b, job->at, job->n_times, OW_FRAME_TEME, NULL, &o);
      ow_batch_free(&b);
    }
    if (rc < 0) { /* small group, or no batch: the scalar model */
      for (size_t i = 0; i < gn; i++)
        for (size_t k = 0; k < job->n_times; k++) {
          ow_jd jd;
          double t, r[3], v[3];
          size_t at = k * o.ld + i;
          time_of(job, sel[g0 + i], k, &jd, &t);
          o.status[at] = ow_sgp4_propagate(&models[i], t, r, v);
          o.x_km[at] = r[0];
          o.y_km[at] = r[1];
          o.z_km[at] = r[2];
          o.vx_km_s[at] = v[0];
          o.vy_km_s[at] = v[1];
          o.vz_km_s[at] = v[2];
        }
    }
    for (size_t i = 0; i < gn; i++)
      failed += print_object(job, sel[g0 + i], &o, i);
  }
  free(models);
  free(buf);
  free(status);
  return failed;
}

static int build_grid(const char *start, const char *stop, const char *step,
                      prop_job *job)
{
  ow_jd a, b;
  double step_s;
  ow_err err;
  char buf[512];
  if (ow_time_parse_iso(start, &a, &err) < 0 ||
      ow_time_parse_iso(stop, &b, &err) < 0) {
    fprintf(stderr, "orbwatch propagate: %s\n",
            ow_err_format(&err, buf, sizeof buf));
    return -1;
  }
  if (cli_parse_double(step, &step_s) != 0 || step_s <= 0) {
    fprintf(stderr, "orbwatch propagate: --step \"%s\" is not a positive "
                    "number of seconds\n", step);
    return -1;
  }
  double span_s = cli_jd_diff_min(b, a) * 60.0;
  if (span_s < 0) {
    fprintf(stderr, "orbwatch propagate: --stop is before --start\n");
    return -1;
  }
  /* Count steps from the start so rounding never drifts the grid; the stop
  ** is included when it falls on the grid (within a microsecond). */
  double steps = floor(span_s / step_s + 1e-6 / step_s);
  if (steps > 1e8) {
    fprintf(stderr, "orbwatch propagate: grid of %.0f steps is too large\n",
            steps);
    return -1;
  }
  job->n_times = (size_t)steps + 1;
  job->at = malloc(job->n_times * sizeof *job->at);
  if (job->at == NULL)
    return -1;
  for (size_t k = 0; k < job->n_times; k++)
    job->at[k] = cli_jd_add_min(a, (double)k * step_s / 60.0);
  return 0;
}

int cmd_propagate(int argc, char **argv)
{
  const char *path = NULL, *tsince = NULL, *at = NULL, *start = NULL,
             *stop = NULL, *step = NULL, *frame = "teme", *format = "csv",
             *ids = NULL, *eop_path = NULL, *grav = "wgs72",
             *opsmode = "improved", *in_format = "auto", *v;
  ow_read_opts ropts = {0};
  prop_job job;
  memset(&job, 0, sizeof job);
  job.out = stdout;

  for (int i = 1; i < argc; i++) {
    if (cli_flag(argv, i, "--help") || cli_flag(argv, i, "-h")) {
      fputs(usage_text, stdout);
      return OW_EXIT_OK;
    } else if ((v = cli_opt(argc, argv, &i, "--tsince")))
      tsince = v;
    else if ((v = cli_opt(argc, argv, &i, "--at")))
      at = v;
    else if ((v = cli_opt(argc, argv, &i, "--start")))
      start = v;
    else if ((v = cli_opt(argc, argv, &i, "--stop")))
      stop = v;
    else if ((v = cli_opt(argc, argv, &i, "--step")))
      step = v;
    else if ((v = cli_opt(argc, argv, &i, "--frame")))
      frame = v;
    else if ((v = cli_opt(argc, argv, &i, "--format")))
      format = v;
    else if ((v = cli_opt(argc, argv, &i, "--ids")))
      ids = v;
    else if ((v = cli_opt(argc, argv, &i, "--eop")))
      eop_path = v;
    else if ((v = cli_opt(argc, argv, &i, "--gravity")))
      grav = v;
    else if ((v = cli_opt(argc, argv, &i, "--opsmode")))
      opsmode = v;
    else if ((v = cli_opt(argc, argv, &i, "--input-format")))
      in_format = v;
    else if (cli_flag(argv, i, "--ignore-checksum"))
      ropts.ignore_checksum = 1;
    else if ((v = cli_opt(argc, argv, &i, "--engine"))) {
      if (strcmp(v, "scalar") && strcmp(v, "batch"))
        return cli_usage_error("propagate", "--engine is scalar or batch");
      job.scalar = !strcmp(v, "scalar");
    }
    else if (argv[i][0] == '-' && argv[i][1] != '\0')
      return cli_usage_error("propagate", "unknown option %s", argv[i]);
    else if (path == NULL)
      path = argv[i];
    else
      return cli_usage_error("propagate", "more than one CATALOG given");
  }
  if (path == NULL)
    return cli_usage_error("propagate", "no CATALOG given");

  /* Options. */
  ow_format ifmt;
  if (ow_format_parse(in_format, &ifmt) != OW_OK)
    return cli_usage_error("propagate", "unknown input format \"%s\"",
                           in_format);
  if (ow_frame_parse(frame, &job.frame) != OW_OK)
    return cli_usage_error("propagate", "unknown frame \"%s\"", frame);
  if (!strcmp(format, "csv"))
    job.format = OUT_CSV;
  else if (!strcmp(format, "jsonl"))
    job.format = OUT_JSONL;
  else if (!strcmp(format, "oem"))
    job.format = OUT_OEM;
  else
    return cli_usage_error("propagate", "unknown format \"%s\"", format);
  if (job.format == OUT_OEM && job.frame == OW_FRAME_GEODETIC)
    return cli_usage_error("propagate",
                           "OEM carries Cartesian states: use --frame "
                           "teme, pef, itrf or gcrf");
  if (!strcmp(grav, "wgs72"))
    job.grav = OW_GRAV_WGS72;
  else if (!strcmp(grav, "wgs72old"))
    job.grav = OW_GRAV_WGS72_OLD;
  else if (!strcmp(grav, "wgs84"))
    job.grav = OW_GRAV_WGS84;
  else
    return cli_usage_error("propagate", "unknown gravity model \"%s\"", grav);
  if (!strcmp(opsmode, "improved"))
    job.opsmode = OW_OPSMODE_IMPROVED;
  else if (!strcmp(opsmode, "afspc"))
    job.opsmode = OW_OPSMODE_AFSPC;
  else
    return cli_usage_error("propagate", "unknown opsmode \"%s\"", opsmode);

  int n_modes = (tsince != NULL) + (at != NULL) + (start || stop || step);
  if (n_modes > 1)
    return cli_usage_error("propagate",
                           "give one of --tsince, --at, --start/--stop/--step");
  if (at) {
    job.mode = TIMES_AT;
    if (cli_parse_iso_list(at, &job.at, &job.n_times) != 0)
      return cli_usage_error("propagate", "bad --at list");
  } else if (start || stop || step) {
    if (!start || !stop || !step)
      return cli_usage_error("propagate",
                             "--start, --stop and --step go together");
    job.mode = TIMES_GRID;
    if (build_grid(start, stop, step, &job) != 0)
      return OW_EXIT_USAGE;
  } else {
    job.mode = TIMES_TSINCE;
    if (cli_parse_double_list(tsince ? tsince : "0", &job.tsince,
                              &job.n_times) != 0)
      return cli_usage_error("propagate", "bad --tsince list");
  }

  uint32_t *id_list = NULL;
  size_t n_ids = 0;
  if (ids && cli_parse_ids(ids, &id_list, &n_ids) != 0)
    return cli_usage_error("propagate", "bad --ids list");

  ow_eop *eop = NULL;
  if (eop_path) {
    ow_err err;
    char buf[512];
    if (ow_eop_load_file(&eop, eop_path, &err) < 0) {
      fprintf(stderr, "orbwatch propagate: %s\n",
              ow_err_format(&err, buf, sizeof buf));
      return OW_EXIT_INPUT;
    }
    job.eop = eop;
  }

  /* Instants shared by every object: their rotations are computed once. */
  if (job.at != NULL && job.frame != OW_FRAME_TEME) {
    job.ctx = malloc(job.n_times * sizeof *job.ctx);
    if (job.ctx == NULL) {
      ow_eop_free(eop);
      return OW_EXIT_INTERNAL;
    }
    for (size_t k = 0; k < job.n_times; k++)
      ow_frame_ctx_init(&job.ctx[k], job.eop, job.at[k]);
  }

  ow_catalog cat;
  ow_catalog_init(&cat);
  int exit_code = cli_load_catalog("propagate", path, ifmt, &ropts, &cat, NULL);
  if (exit_code == OW_EXIT_OK || exit_code == OW_EXIT_PARTIAL) {
    const ow_elset **sel = malloc((cat.n ? cat.n : 1) * sizeof *sel);
    size_t n_sel = 0, failed = 0;
    if (sel == NULL) {
      ow_catalog_free(&cat);
      return OW_EXIT_INTERNAL;
    }
    for (size_t i = 0; i < cat.n; i++)
      if (id_list == NULL || cli_ids_contain(id_list, n_ids, cat.items[i].norad))
        sel[n_sel++] = &cat.items[i];
    if (id_list && n_sel == 0)
      fprintf(stderr, "orbwatch propagate: none of the --ids is in %s\n",
              path);
    if (job.format == OUT_CSV)
      print_csv_header(&job);
    else if (job.format == OUT_OEM)
      print_oem_header(&job);
    if (n_sel > 0)
      failed = propagate_all(&job, sel, n_sel);
    free(sel);
    if (failed == (size_t)-1) {
      fprintf(stderr, "orbwatch propagate: out of memory\n");
      ow_catalog_free(&cat);
      return OW_EXIT_INTERNAL;
    }
    if (failed > 0) {
      fprintf(stderr, "orbwatch propagate: %zu state(s) with an SGP4 error "
                      "(see the status column)\n", failed);
      exit_code = OW_EXIT_PARTIAL;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
      fprintf(stderr, "orbwatch propagate: error writing output\n");
      exit_code = OW_EXIT_INTERNAL;
    }
  }
  ow_catalog_free(&cat);
  ow_eop_free(eop);
  free(id_list);
  free(job.tsince);
  free(job.at);
  free(job.ctx);
  return exit_code;
}
