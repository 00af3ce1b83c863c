/*
** omm_kvn.c - OMM in Keyword = Value Notation (CCSDS 502.0-B-3 section 4,
** and 502.0-B-3 / 505.0 for KVN syntax).
**
** A file is one or more messages, each opened by CCSDS_OMM_VERS. Lines are
** split by the shared tokenizer (kvn_int.h): "KEYWORD = value [units]",
** COMMENT lines and blank lines. Keywords of the standard that SGP4
** elements do not use (header, covariance, user-defined) are skipped;
** others are warned about with their line. Units must be the standard's.
** The first problem of a message rejects it and is reported with its line;
** reading resumes at the next CCSDS_OMM_VERS.
*/
#include "omm_int.h"
#include "orbwatch/elset.h"
#include "kvn_int.h"
#include "orbwatch/time.h"

#include <stdio.h>
#include <string.h>
#include <math.h>

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
  ow__kvn tok;
  ow__kvn_line l;
  int nomem = 0, found = 0, rc;
  ow_err err;

  memset(&k, 0, sizeof k);
  ow__kvn_init(&tok, buf, len);
  ow_err_clear(&err);
  while (!nomem && (rc = ow__kvn_next(&tok, &l, &err)) != 0) {
    const char *val;
    size_t vn;
    int id;

    if (rc < 0 || l.kind == OW__KVN_WORD || l.kind == OW__KVN_DATA) {
      if (!k.open) {
        ow__omm_begin(&k.rec);
        k.rec.ccsds = 1;
        k.open = 1;
        k.start = l.line;
        found = 1;
      }
      if (!k.failed) {
        if (rc >= 0) {
          char text[64];
          size_t q = l.text_n < 40 ? l.text_n : 40;
          const char *p = l.text;
          while (q > 0 && is_blank(*p)) {
            p++;
            q--;
          }
          for (size_t i = 0; i < q; i++)
            text[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? p[i] : '?';
          text[q] = '\0';
          ow_err_set(&err, OW_E_PARSE, "", "line is not KEYWORD = value: "
                     "\"%s%s\"", text, l.text_n > 40 ? "..." : "");
        }
        ow__report(diag, user, &err, source, l.line, st);
        k.failed = 1;
      }
      ow_err_clear(&err);
      continue;
    }
    if (l.kind != OW__KVN_KEYVAL)
      continue;

    if (ow__kvn_key_is(&l, "CCSDS_OMM_VERS")) {
      close_msg(&k, cat, source, diag, user, st, &nomem);
      ow__omm_begin(&k.rec);
      k.rec.ccsds = 1;
      k.open = 1;
      k.failed = 0;
      k.start = l.line;
      found = 1;
      continue;
    }
    if (!k.open) {
      /* A message without its version line: read it all the same. */
      ow__omm_begin(&k.rec);
      k.rec.ccsds = 1;
      k.open = 1;
      k.failed = 0;
      k.start = l.line;
      found = 1;
    }
    if (k.failed)
      continue;
    id = ow__omm_key(l.key, l.key_n);
    if (id < 0) {
      /* Keywords of the standard that SGP4 elements do not use are
         skipped; anything else is said, since it may be a misspelling of
         one that matters. */
      if (!ow__omm_known(l.key, l.key_n)) {
        char name[80];
        ow__quote_text(l.key, l.key_n, name, sizeof name);
        ow_err_set(&err, OW_W_LENIENT, name,
                   "unknown keyword %s ignored (not in 502.0-B-3)", name);
        ow__report(diag, user, &err, source, l.line, st);
        ow_err_clear(&err);
      }
      continue;
    }
    if (l.unit != NULL &&
        ow__omm_unit_check(l.key, l.key_n, l.unit, l.unit_n, &err) !=
            OW_OK &&
        id != OW__K_OBJECT_NAME && id != OW__K_OBJECT_ID) {
      ow__report(diag, user, &err, source, l.line, st);
      k.failed = 1;
      ow_err_clear(&err);
      continue;
    }
    /* Names keep their brackets; numbers drop a trailing unit. */
    if (id == OW__K_OBJECT_NAME || id == OW__K_OBJECT_ID) {
      val = l.raw;
      vn = l.raw_n;
    } else {
      val = l.val;
      vn = l.val_n;
    }
    if (ow__omm_set(&k.rec, id, val, vn, &err) != OW_OK) {
      ow__report(diag, user, &err, source, l.line, st);
      k.failed = 1;
    }
    ow_err_clear(&err);
  }
  if (!nomem)
    close_msg(&k, cat, source, diag, user, st, &nomem);
  if (nomem)
    return OW_E_NOMEM;
  return found ? OW_OK : OW_E_EMPTY;
}

int ow__creation_date(ow_jd creation_utc, char *buf, size_t n)
{
  char iso[OW_ISO_BUF];
  size_t k;
  if (n > 0)
    buf[0] = '\0';
  if (!isfinite(creation_utc.day) || !isfinite(creation_utc.frac) ||
      ow_time_format_iso(creation_utc, 0, iso, sizeof iso) != OW_OK ||
      iso[0] < '1' || iso[4] != '-')
    return OW_E_ARG;
  k = strlen(iso);
  if (k > 0 && iso[k - 1] == 'Z')
    iso[--k] = '\0';
  snprintf(buf, n, "%s", iso);
  return OW_OK;
}

int ow__omm_kvn_write(const ow_elset *es, size_t n, const char *created,
                      ow__buf *b, ow_diag_fn diag, void *user)
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
  int result = OW_OK;
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
