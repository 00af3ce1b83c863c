/*
** omm_kvn.c - OMM in Keyword = Value Notation (CCSDS 502.0-B-3 section 4,
** and 502.0-B-3 / 505.0 for KVN syntax).
**
** A file is one or more messages, each opened by CCSDS_OMM_VERS. Lines are
** "KEYWORD = value [units]", COMMENT lines and blank lines; keywords that
** SGP4 elements do not use (header, covariance, user-defined) are skipped.
** The first problem of a message rejects it and is reported with its line;
** reading resumes at the next CCSDS_OMM_VERS.
*/
#include "elset_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct kvn_state {
  ow__omm_rec rec;
  int open;       /* a message is being read */
  int failed;     /* its first problem was reported */
  long start;     /* line of its CCSDS_OMM_VERS (or first keyword) */
} kvn_state;

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void close_msg(kvn_state *k, ow_catalog *cat, const char *source,
                      ow_diag_fn diag, void *user, ow_load_stats *st,
                      int *nomem)
{
  ow_err err;
  ow_elset *slot;
  if (!k->open)
    return;
  k->open = 0;
  if (k->failed)
    return;
  ow_err_clear(&err);
  slot = ow__catalog_slot(cat);
  if (slot == NULL) {
    *nomem = 1;
    return;
  }
  if (ow__omm_finish(&k->rec, slot, &err) != OW_OK) {
    ow__report(diag, user, &err, source, k->start, st);
    return;
  }
  cat->n++;
  st->loaded++;
}

int ow__omm_kvn_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st)
{
  kvn_state k;
  size_t pos = 0;
  long no = 0;
  int nomem = 0, found = 0;

  memset(&k, 0, sizeof k);
  while (pos < len && !nomem) {
    const char *p = buf + pos, *nl = memchr(p, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - p) : len - pos;
    const char *key, *val, *eq;
    size_t kn, vn;
    int id;
    ow_err err;

    pos += n + (nl != NULL);
    no++;
    while (n > 0 && (is_blank(p[n - 1]) || p[n - 1] == '\r'))
      n--;
    while (n > 0 && is_blank(*p)) {
      p++;
      n--;
    }
    if (n == 0 || (n >= 7 && memcmp(p, "COMMENT", 7) == 0 &&
                   (n == 7 || is_blank(p[7]))))
      continue;

    ow_err_clear(&err);
    eq = memchr(p, '=', n);
    if (eq == NULL) {
      char text[64];
      size_t q = n < 40 ? n : 40;
      for (size_t i = 0; i < q; i++)
        text[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? p[i] : '?';
      text[q] = '\0';
      if (!k.open) {
        ow__omm_begin(&k.rec);
        k.open = 1;
        k.start = no;
        found = 1;
      }
      if (!k.failed) {
        ow_err_set(&err, OW_E_PARSE, "", "line is not KEYWORD = value: "
                   "\"%s%s\"", text, n > 40 ? "..." : "");
        ow__report(diag, user, &err, source, no, st);
        k.failed = 1;
      }
      continue;
    }
    key = p;
    kn = (size_t)(eq - p);
    while (kn > 0 && is_blank(key[kn - 1]))
      kn--;
    val = eq + 1;
    vn = n - (size_t)(val - p);

    if (kn == 14 && memcmp(key, "CCSDS_OMM_VERS", 14) == 0) {
      close_msg(&k, cat, source, diag, user, st, &nomem);
      ow__omm_begin(&k.rec);
      k.open = 1;
      k.failed = 0;
      k.start = no;
      found = 1;
      continue;
    }
    if (!k.open) {
      /* A message without its version line: read it all the same. */
      ow__omm_begin(&k.rec);
      k.open = 1;
      k.failed = 0;
      k.start = no;
      found = 1;
    }
    if (k.failed)
      continue;
    id = ow__omm_key(key, kn);
    if (id < 0)
      continue;
    /* Strip a trailing unit, "[rev/day]", from numeric values. */
    if (id != OW__K_OBJECT_NAME && id != OW__K_OBJECT_ID) {
      size_t t = vn;
      while (t > 0 && is_blank(val[t - 1]))
        t--;
      if (t > 0 && val[t - 1] == ']') {
        const char *lb = NULL;
        for (size_t i = t; i-- > 0;)
          if (val[i] == '[') {
            lb = val + i;
            break;
          }
        if (lb != NULL)
          vn = (size_t)(lb - val);
      }
    }
    if (ow__omm_set(&k.rec, id, val, vn, &err) != OW_OK) {
      ow__report(diag, user, &err, source, no, st);
      k.failed = 1;
    }
  }
  if (!nomem)
    close_msg(&k, cat, source, diag, user, st, &nomem);
  if (nomem)
    return OW_E_NOMEM;
  return found ? OW_OK : OW_E_EMPTY;
}

/* Creation time of a written message, UTC to the second. */
void ow__creation_date(char *buf, size_t n)
{
  time_t now = time(NULL);
  struct tm tmv;
  if (now == (time_t)-1 || gmtime_r(&now, &tmv) == NULL) {
    snprintf(buf, n, "1970-01-01T00:00:00");
    return;
  }
  strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tmv);
}

int ow__omm_kvn_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user)
{
  /* Units as the standard spells them (502.0-B-3 table 4-2/4-3). */
  static const char *const UNIT[OW__OMM_NKEYS] = {
      [OW__K_MEAN_MOTION] = " [rev/day]",
      [OW__K_INCLINATION] = " [deg]",
      [OW__K_RA_OF_ASC_NODE] = " [deg]",
      [OW__K_ARG_OF_PERICENTER] = " [deg]",
      [OW__K_MEAN_ANOMALY] = " [deg]",
      [OW__K_BSTAR] = " [1/ER]",
      [OW__K_MEAN_MOTION_DOT] = " [rev/day**2]",
      [OW__K_MEAN_MOTION_DDOT] = " [rev/day**3]"};
  static const int META[] = {OW__K_OBJECT_NAME, OW__K_OBJECT_ID,
                             OW__K_CENTER_NAME, OW__K_REF_FRAME,
                             OW__K_TIME_SYSTEM, OW__K_MEAN_ELEMENT_THEORY};
  char created[32];
  int result = OW_OK;
  ow__creation_date(created, sizeof created);
  for (size_t i = 0; i < n; i++) {
    ow__omm_text t;
    ow_err err;
    ow_err_clear(&err);
    if (ow__omm_values(&es[i], &t, &err) != OW_OK) {
      ow__write_report(diag, user, &err, i);
      result = err.code;
      continue;
    }
    if (i > 0)
      ow__buf_puts(b, "\n");
    ow__buf_printf(b, "CCSDS_OMM_VERS = 3.0\nCREATION_DATE = %s\n"
                      "ORIGINATOR = ORBWATCH\n\n",
                   created);
    for (size_t j = 0; j < sizeof META / sizeof *META; j++)
      ow__buf_printf(b, "%-19s = %s\n", ow__omm_key_name(META[j]),
                     t.v[META[j]]);
    ow__buf_puts(b, "\n");
    for (size_t j = 2; j < OW__OMM_NOUT; j++) {
      int key = OW__OMM_OUT_KEYS[j];
      ow__buf_printf(b, "%-19s = %s%s\n", ow__omm_key_name(key), t.v[key],
                     UNIT[key] ? UNIT[key] : "");
    }
  }
  return result;
}
