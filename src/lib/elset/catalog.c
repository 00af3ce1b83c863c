/*
** catalog.c - catalogs of element sets: the growable array (ow_catalog_*),
** the format names and detection (ow_format_*), and the reader and writer
** entry points that dispatch to one file per format (tle.c, omm_kvn.c,
** omm_xml.c, omm_json.c, omm_csv.c). Also the small text buffer that the
** writers share.
*/
#include "elset_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the array ---------------------------------------------------------- */

void ow_catalog_init(ow_catalog *cat)
{
  if (cat != NULL)
    memset(cat, 0, sizeof *cat);
}

void ow_catalog_free(ow_catalog *cat)
{
  if (cat == NULL)
    return;
  free(cat->items);
  memset(cat, 0, sizeof *cat);
}

int ow__catalog_reserve(ow_catalog *cat, size_t n)
{
  ow_elset *p;
  if (n <= cat->cap)
    return OW_OK;
  if (n > (size_t)-1 / sizeof *p)
    return OW_E_NOMEM;
  p = realloc(cat->items, n * sizeof *p);
  if (p == NULL)
    return OW_E_NOMEM;
  cat->items = p;
  cat->cap = n;
  return OW_OK;
}

ow_elset *ow__catalog_slot(ow_catalog *cat)
{
  if (cat->n == cat->cap &&
      ow__catalog_reserve(cat, cat->cap < 64 ? 64 : cat->cap * 2) != OW_OK)
    return NULL;
  return &cat->items[cat->n];
}

int ow_catalog_push(ow_catalog *cat, const ow_elset *e)
{
  ow_elset *slot;
  if (cat == NULL || e == NULL)
    return OW_E_ARG;
  slot = ow__catalog_slot(cat);
  if (slot == NULL)
    return OW_E_NOMEM;
  *slot = *e;
  cat->n++;
  return OW_OK;
}

/* ---- formats ------------------------------------------------------------- */

static const char *const FORMAT_NAMES[] = {"auto",     "tle",      "omm-kvn",
                                           "omm-xml",  "omm-json", "omm-csv"};

const char *ow_format_name(ow_format f)
{
  if ((int)f < 0 || (size_t)f >= sizeof FORMAT_NAMES / sizeof *FORMAT_NAMES)
    return "unknown";
  return FORMAT_NAMES[f];
}

int ow_format_parse(const char *name, ow_format *f)
{
  /* Also the usual short names: "3le", "kvn", "xml", "json", "csv". */
  static const struct {
    const char *name;
    ow_format f;
  } alias[] = {{"3le", OW_FMT_TLE},      {"2le", OW_FMT_TLE},
               {"kvn", OW_FMT_OMM_KVN},  {"xml", OW_FMT_OMM_XML},
               {"json", OW_FMT_OMM_JSON}, {"csv", OW_FMT_OMM_CSV},
               {"omm", OW_FMT_OMM_KVN}};
  if (name == NULL || f == NULL)
    return OW_E_ARG;
  for (size_t i = 0; i < sizeof FORMAT_NAMES / sizeof *FORMAT_NAMES; i++)
    if (strcmp(name, FORMAT_NAMES[i]) == 0) {
      *f = (ow_format)i;
      return OW_OK;
    }
  for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
    if (strcmp(name, alias[i].name) == 0) {
      *f = alias[i].f;
      return OW_OK;
    }
  return OW_E_ARG;
}

static size_t skip_bom(const char *buf, size_t len)
{
  return (len >= 3 && (unsigned char)buf[0] == 0xef &&
          (unsigned char)buf[1] == 0xbb && (unsigned char)buf[2] == 0xbf)
             ? 3
             : 0;
}

/* Does the line starting at p (up to end) contain word? */
static int line_has(const char *p, const char *end, const char *word)
{
  size_t wl = strlen(word);
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  if (nl == NULL)
    nl = end;
  for (; p + wl <= nl; p++)
    if (memcmp(p, word, wl) == 0)
      return 1;
  return 0;
}

ow_format ow_format_detect(const char *buf, size_t len)
{
  const char *p, *end;
  if (buf == NULL)
    return OW_FMT_TLE;
  p = buf + skip_bom(buf, len);
  end = buf + len;
  for (;;) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
      p++;
    if (p == end)
      return OW_FMT_TLE;
    if (*p == '<')
      return OW_FMT_OMM_XML;
    if (*p == '[' || *p == '{')
      return OW_FMT_OMM_JSON;
    /* KVN may open with COMMENT lines; skip them, TLE comments too. */
    if ((end - p >= 7 && memcmp(p, "COMMENT", 7) == 0) || *p == '#') {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      if (nl == NULL)
        return OW_FMT_TLE;
      p = nl + 1;
      continue;
    }
    if (end - p >= 14 && memcmp(p, "CCSDS_OMM_VERS", 14) == 0)
      return OW_FMT_OMM_KVN;
    if (line_has(p, end, ",") &&
        (line_has(p, end, "NORAD_CAT_ID") || line_has(p, end, "OBJECT_NAME")))
      return OW_FMT_OMM_CSV;
    return OW_FMT_TLE;
  }
}

/* ---- diagnostics ---------------------------------------------------------- */

void ow__report(ow_diag_fn diag, void *user, ow_err *err, const char *source,
                long line, ow_load_stats *st)
{
  snprintf(err->source, sizeof err->source, "%s", source ? source : "");
  err->line = line;
  if (st != NULL) {
    if (err->code < 0)
      st->rejected++;
    else
      st->warnings++;
  }
  if (diag != NULL)
    diag(user, err);
}

/* ---- reading ---------------------------------------------------------------- */

int ow_catalog_read(ow_catalog *cat, const char *buf, size_t len,
                    ow_format fmt, const char *source,
                    const ow_read_opts *opts, ow_diag_fn diag, void *user,
                    ow_load_stats *stats)
{
  ow_load_stats st = {0, 0, 0};
  size_t bom;
  int rc;

  if (stats != NULL)
    memset(stats, 0, sizeof *stats);
  if (cat == NULL || (buf == NULL && len > 0))
    return OW_E_ARG;
  if (buf == NULL)
    buf = "";
  bom = skip_bom(buf, len);
  buf += bom;
  len -= bom;
  if (fmt == OW_FMT_AUTO)
    fmt = ow_format_detect(buf, len);
  switch (fmt) {
  case OW_FMT_TLE:
    rc = ow__tle_read(cat, buf, len, source, opts, diag, user, &st);
    break;
  case OW_FMT_OMM_KVN:
    rc = ow__omm_kvn_read(cat, buf, len, source, diag, user, &st);
    break;
  case OW_FMT_OMM_XML:
    rc = ow__omm_xml_read(cat, buf, len, source, diag, user, &st);
    break;
  case OW_FMT_OMM_JSON:
    rc = ow__omm_json_read(cat, buf, len, source, diag, user, &st);
    break;
  case OW_FMT_OMM_CSV:
    rc = ow__omm_csv_read(cat, buf, len, source, diag, user, &st);
    break;
  default:
    rc = OW_E_UNSUPPORTED;
    break;
  }
  if (stats != NULL)
    *stats = st;
  if (rc == OW_E_NOMEM || rc == OW_E_UNSUPPORTED || rc == OW_E_ARG)
    return rc;
  if (rc == OW_E_EMPTY && st.rejected == 0) {
    /* Nothing at all: say so through the callback too. */
    ow_err err;
    ow_err_clear(&err);
    ow_err_set(&err, OW_E_EMPTY, "", "no element sets found");
    ow__report(diag, user, &err, source, 0, NULL);
    return OW_E_EMPTY;
  }
  return st.rejected > 0 ? OW_E_PARSE : OW_OK;
}

int ow_catalog_load_file(ow_catalog *cat, const char *path, ow_format fmt,
                         const ow_read_opts *opts, ow_diag_fn diag, void *user,
                         ow_load_stats *stats)
{
  FILE *f;
  char *buf = NULL;
  size_t n = 0, cap = 0;
  int is_stdin, rc;

  if (stats != NULL)
    memset(stats, 0, sizeof *stats);
  if (cat == NULL || path == NULL)
    return OW_E_ARG;
  is_stdin = strcmp(path, "-") == 0;
  f = is_stdin ? stdin : fopen(path, "rb");
  if (f == NULL) {
    ow_err err;
    ow_err_clear(&err);
    ow_err_set(&err, OW_E_IO, "", "cannot open: %s", strerror(errno));
    ow__report(diag, user, &err, path, 0, NULL);
    return OW_E_IO;
  }
  /* Size the buffer from the file when it can be known, else grow it. */
  if (!is_stdin && fseek(f, 0, SEEK_END) == 0) {
    long sz = ftell(f);
    if (sz > 0)
      cap = (size_t)sz + 1;
    rewind(f);
  }
  for (;;) {
    size_t k;
    if (buf == NULL || n + 1 >= cap) {
      size_t ncap = buf == NULL && cap > 0 ? cap + 1
                    : cap < 65536          ? 65536
                                           : cap * 2;
      char *nb = realloc(buf, ncap);
      if (nb == NULL) {
        free(buf);
        if (!is_stdin)
          fclose(f);
        return OW_E_NOMEM;
      }
      buf = nb;
      cap = ncap;
    }
    k = fread(buf + n, 1, cap - n - 1, f);
    n += k;
    if (k == 0)
      break;
  }
  if (ferror(f)) {
    ow_err err;
    free(buf);
    if (!is_stdin)
      fclose(f);
    ow_err_clear(&err);
    ow_err_set(&err, OW_E_IO, "", "read error");
    ow__report(diag, user, &err, path, 0, NULL);
    return OW_E_IO;
  }
  if (!is_stdin)
    fclose(f);
  buf[n] = '\0';
  rc = ow_catalog_read(cat, buf, n, fmt, path, opts, diag, user, stats);
  free(buf);
  return rc;
}

/* ---- writing ------------------------------------------------------------------ */

void ow__write_report(ow_diag_fn diag, void *user, ow_err *err, size_t i)
{
  char where[32];
  snprintf(where, sizeof where, "record %zu", i + 1);
  ow__report(diag, user, err, where, 0, NULL);
}

static int write_tle(const ow_elset *es, size_t n, ow__buf *b,
                     ow_diag_fn diag, void *user)
{
  int result = OW_OK;
  for (size_t i = 0; i < n; i++) {
    char l0[OW_TLE_LINE_BUF], l1[OW_TLE_LINE_BUF], l2[OW_TLE_LINE_BUF];
    ow_err err;
    int rc;
    ow_err_clear(&err);
    rc = ow_tle_format(&es[i], l0, l1, l2, &err);
    if (rc != OW_OK)
      ow__write_report(diag, user, &err, i);
    if (rc < 0) {
      if (result == OW_OK)
        result = rc;
      continue;
    }
    if (l0[0] != '\0') {
      ow__buf_puts(b, l0);
      ow__buf_append(b, "\n", 1);
    }
    ow__buf_puts(b, l1);
    ow__buf_append(b, "\n", 1);
    ow__buf_puts(b, l2);
    ow__buf_append(b, "\n", 1);
  }
  return result;
}

int ow_catalog_write(const ow_elset *es, size_t n, ow_format fmt, char **out,
                     size_t *out_len, ow_diag_fn diag, void *user)
{
  ow__buf b = {NULL, 0, 0, 0};
  int rc;
  if (out == NULL || (es == NULL && n > 0))
    return OW_E_ARG;
  *out = NULL;
  if (out_len)
    *out_len = 0;
  /* An empty output is still a valid, NUL-terminated buffer. */
  ow__buf_append(&b, "", 0);
  switch (fmt) {
  case OW_FMT_TLE:
    rc = write_tle(es, n, &b, diag, user);
    break;
  case OW_FMT_OMM_KVN:
    rc = ow__omm_kvn_write(es, n, &b, diag, user);
    break;
  case OW_FMT_OMM_XML:
    rc = ow__omm_xml_write(es, n, &b, diag, user);
    break;
  case OW_FMT_OMM_JSON:
    rc = ow__omm_json_write(es, n, &b, diag, user);
    break;
  case OW_FMT_OMM_CSV:
    rc = ow__omm_csv_write(es, n, &b, diag, user);
    break;
  default:
    free(b.p);
    return OW_E_UNSUPPORTED;
  }
  if (b.failed) {
    free(b.p);
    return OW_E_NOMEM;
  }
  *out = b.p;
  if (out_len)
    *out_len = b.n;
  return rc;
}
