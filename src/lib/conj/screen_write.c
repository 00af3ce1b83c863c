/*
** screen_write.c - the event writers of screening: CSV, a SOCRATES-style
** report, JSON (ow_screen_write_csv, _socrates, _json). They format into
** a buffer, one event at a time, and hand the bytes to the caller's write
** callback: the library opens no file and writes to none (the callback
** may fwrite to a FILE*, append to a buffer, send on a socket). Columns
** and number formats: docs/screening.md and `orbwatch screen --help`.
*/
#include "internal.h"
#include "orbwatch/time.h"
#include "screen_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Hand what b holds to the callback and empty it. */
static int flush(ow__buf *b, ow_screen_write_fn fn, void *user)
{
  if (b->failed)
    return OW_E_NOMEM;
  int rc = b->n && fn(user, b->p, b->n) != 0 ? OW_E_IO : OW_OK;
  b->n = 0;
  if (b->p)
    b->p[0] = '\0';
  return rc;
}

/* A CSV field: quoted (quotes doubled) when it holds , " or a newline. */
static void csv_text(ow__buf *b, const char *s)
{
  if (!strpbrk(s, ",\"\n")) {
    ow__buf_puts(b, s);
    return;
  }
  ow__buf_puts(b, "\"");
  for (; *s; s++)
    ow__buf_append(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
  ow__buf_puts(b, "\"");
}

static void json_text(ow__buf *b, const char *s)
{
  ow__buf_puts(b, "\"");
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      ow__buf_printf(b, "\\%c", c);
    else if (c < 0x20)
      ow__buf_printf(b, "\\u%04x", c);
    else
      ow__buf_append(b, s, 1);
  }
  ow__buf_puts(b, "\"");
}

static void iso(ow_jd t, int decimals, char out[OW_ISO_BUF])
{
  ow_time_format_iso(t, decimals, out, OW_ISO_BUF);
}

/* The last two CSV columns: q_min and its time, empty for a sphere. */
static void q_min_csv(ow__buf *b, const ow_screen_event *e)
{
  if (isfinite(e->volume_q_min)) {
    char tq[OW_ISO_BUF];
    iso(e->volume_q_min_utc, 3, tq);
    ow__buf_printf(b, "%.6f,%s\n", e->volume_q_min, tq);
  } else {
    ow__buf_puts(b, ",\n");
  }
}

int ow_screen_write_csv(const ow_screen_result *r, const ow_elset *es,
                        ow_screen_write_fn fn, void *user)
{
  if (!r || !fn || (!es && r->n > 0))
    return OW_E_ARG;
  ow__buf b = {NULL, 0, 0, 0};
  ow__buf_puts(&b, "norad_1,norad_2,name_1,name_2,tca_utc,miss_km,"
                   "rel_speed_km_s,radial_km,intrack_km,crosstrack_km,pc,"
                   "pc_method,hbr_m,entry_utc,exit_utc,n_minima,volume_q_min,"
                   "volume_q_min_utc\n");
  int rc = flush(&b, fn, user);
  for (size_t i = 0; i < r->n && rc == OW_OK; i++) {
    const ow_screen_event *e = &r->events[i];
    char t[OW_ISO_BUF], en[OW_ISO_BUF], ex[OW_ISO_BUF];
    iso(e->tca_utc, 6, t), iso(e->entry_utc, 3, en), iso(e->exit_utc, 3, ex);
    ow__buf_printf(&b, "%u,%u,", e->norad_1, e->norad_2);
    csv_text(&b, es[e->i1].name);
    ow__buf_puts(&b, ",");
    csv_text(&b, es[e->i2].name);
    ow__buf_printf(&b, ",%s,%.6f,%.6f,%.6f,%.6f,%.6f,", t, e->miss_km,
                   e->rel_speed_km_s, e->miss_rtn_km[0], e->miss_rtn_km[1],
                   e->miss_rtn_km[2]);
    if (isfinite(e->pc))
      ow__buf_printf(&b, "%.6e,%s,%.3f,", e->pc,
                     ow_pc_method_name(e->pc_method), e->hbr_m);
    else
      ow__buf_puts(&b, ",,,");
    ow__buf_printf(&b, "%s,%s,%d,", en, ex, e->n_minima);
    q_min_csv(&b, e);
    rc = flush(&b, fn, user);
  }
  free(b.p);
  return rc;
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

/* Days from epoch to t, through minutes as the CLI computed it (the same
** rounding, so the report's bytes did not change when it moved here). */
static double days_since(ow_jd t, ow_jd epoch)
{
  return ((t.day - epoch.day) + (t.frac - epoch.frac)) * 1440.0 / 1440.0;
}

int ow_screen_write_socrates(const ow_screen_result *r, const ow_elset *es,
                             double hbr_m, ow_screen_write_fn fn, void *user)
{
  if (!r || !fn || (!es && r->n > 0))
    return OW_E_ARG;
  soc_row *row = malloc((r->n + 1) * sizeof *row);
  if (!row)
    return OW_E_NOMEM;
  for (size_t i = 0; i < r->n; i++) {
    const ow_screen_event *e = &r->events[i];
    double hbr = isfinite(hbr_m)
                     ? hbr_m
                     : ow_pc_hbr_default_m(ow_screen_object_type(
                           es[e->i1].name)) +
                           ow_pc_hbr_default_m(ow_screen_object_type(
                               es[e->i2].name));
    double sig = NAN;
    row[i].e = e;
    row[i].pmax = NAN;
    ow_pc_max_unknown_2d(e->miss_km * 1e3, hbr, 1.0, &row[i].pmax, &sig,
                         NULL);
    row[i].sigma_km = sig / 1e3;
  }
  qsort(row, r->n, sizeof *row, cmp_soc);
  ow__buf b = {NULL, 0, 0, 0};
  ow__buf_puts(&b, "NORAD_CAT_ID_1,OBJECT_NAME_1,DSE_1,NORAD_CAT_ID_2,"
                   "OBJECT_NAME_2,DSE_2,TCA,TCA_RANGE,TCA_RELATIVE_SPEED,"
                   "MAX_PROB,DILUTION,ENTRY_TIME,EXIT_TIME,VOLUME_Q_MIN,"
                   "VOLUME_Q_MIN_TIME\n");
  int rc = flush(&b, fn, user);
  for (size_t i = 0; i < r->n && rc == OW_OK; i++) {
    const ow_screen_event *e = row[i].e;
    const ow_elset *a = &es[e->i1], *c = &es[e->i2];
    char t[OW_ISO_BUF], en[OW_ISO_BUF], ex[OW_ISO_BUF];
    iso(e->tca_utc, 3, t), iso(e->entry_utc, 3, en), iso(e->exit_utc, 3, ex);
    ow__buf_printf(&b, "%u,", a->norad);
    csv_text(&b, a->name);
    ow__buf_printf(&b, ",%.3f,%u,", days_since(e->tca_utc, a->epoch_utc),
                   c->norad);
    csv_text(&b, c->name);
    ow__buf_printf(&b, ",%.3f,%s,%.3f,%.3f,%.3e,%.3f,%s,%s,",
                   days_since(e->tca_utc, c->epoch_utc), t, e->miss_km,
                   e->rel_speed_km_s, row[i].pmax, row[i].sigma_km, en, ex);
    q_min_csv(&b, e);
    rc = flush(&b, fn, user);
  }
  free(b.p);
  free(row);
  return rc;
}

int ow_screen_write_json(const ow_screen_result *r, const ow_elset *es,
                         const ow_screen_opts *opt, ow_screen_write_fn fn,
                         void *user)
{
  if (!r || !fn || !opt || (!es && r->n > 0))
    return OW_E_ARG;
  ow__buf b = {NULL, 0, 0, 0};
  char a[OW_ISO_BUF];
  iso(opt->start_utc, 3, a);
  const double *ax = opt->volume_rtn_km;
  ow__buf_printf(&b, "{\"start_utc\": \"%s\", \"days\": %g, "
                 "\"threshold_km\": %g, ", a, opt->span_day,
                 opt->threshold_km);
  if (ax[0] > 0 && ax[1] > 0 && ax[2] > 0)
    ow__buf_printf(&b, "\"volume_rtn_km\": [%g, %g, %g], ", ax[0], ax[1],
                   ax[2]);
  else
    ow__buf_puts(&b, "\"volume_rtn_km\": null, ");
  ow__buf_printf(&b, "\"step_s\": %g, \"objects\": %zu, \"events\": [",
                 r->stats.step_s, r->stats.objects);
  int rc = flush(&b, fn, user);
  for (size_t i = 0; i < r->n && rc == OW_OK; i++) {
    const ow_screen_event *e = &r->events[i];
    char t[OW_ISO_BUF], en[OW_ISO_BUF], ex[OW_ISO_BUF];
    iso(e->tca_utc, 6, t), iso(e->entry_utc, 3, en), iso(e->exit_utc, 3, ex);
    ow__buf_printf(&b, "%s\n {\"norad_1\": %u, \"norad_2\": %u, "
                   "\"name_1\": ", i ? "," : "", e->norad_1, e->norad_2);
    json_text(&b, es[e->i1].name);
    ow__buf_puts(&b, ", \"name_2\": ");
    json_text(&b, es[e->i2].name);
    ow__buf_printf(&b, ", \"tca_utc\": \"%s\", \"miss_km\": %.6f, "
                   "\"rel_speed_km_s\": %.6f, \"miss_rtn_km\": [%.6f, %.6f, "
                   "%.6f], ", t, e->miss_km, e->rel_speed_km_s,
                   e->miss_rtn_km[0], e->miss_rtn_km[1], e->miss_rtn_km[2]);
    if (isfinite(e->pc))
      ow__buf_printf(&b, "\"pc\": %.6e, \"pc_method\": \"%s\", "
                     "\"hbr_m\": %.3f, ", e->pc,
                     ow_pc_method_name(e->pc_method), e->hbr_m);
    else
      ow__buf_puts(&b, "\"pc\": null, ");
    ow__buf_printf(&b, "\"entry_utc\": \"%s\", \"exit_utc\": \"%s\", "
                   "\"n_minima\": %d, ", en, ex, e->n_minima);
    if (isfinite(e->volume_q_min)) {
      char tq[OW_ISO_BUF];
      iso(e->volume_q_min_utc, 3, tq);
      ow__buf_printf(&b, "\"volume_q_min\": %.6f, \"volume_q_min_utc\": "
                     "\"%s\"}", e->volume_q_min, tq);
    } else {
      ow__buf_puts(&b, "\"volume_q_min\": null, \"volume_q_min_utc\": null}");
    }
    rc = flush(&b, fn, user);
  }
  if (rc == OW_OK) {
    ow__buf_puts(&b, "\n]}\n");
    rc = flush(&b, fn, user);
  }
  free(b.p);
  return rc;
}
