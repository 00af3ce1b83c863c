/*
** catalog_io.c - catalogs in every format: the format names and detection
** (ow_format_*), and the reader and writer entry points that dispatch to
** one file per format (elset/tle.c, omm_kvn.c, omm_xml.c, omm_json.c,
** omm_csv.c).
*/
#include "file_int.h"
#include "omm_int.h"
#include "orbwatch/elset.h"
#include "orbwatch/elset_io.h"
#include "orbwatch/time.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/*
** Reading a file as a stream. TLE and OMM KVN/CSV are read one window
** (LOAD_WINDOW bytes) at a time: each window is cut after its last
** complete record and handed to the format's reader, the rest waits for
** the next window, so memory is bounded by the window plus the catalog
** being built, whatever the file's size. A window grows (up to
** LOAD_MAX_RECORD) only when it holds no record boundary. XML and JSON
** need the whole document (libxml2 and jansson parse trees), up to
** OW__FILE_MAX_DOC bytes.
**
** Line numbers: each window's reader counts from 1, so its diagnostics
** pass through shift_diag, which adds the window's first file line.
*/
#define LOAD_WINDOW ((size_t)1 << 20)
#define LOAD_MAX_RECORD ((size_t)16 << 20)

typedef struct shift_ctx {
  ow_diag_fn diag;
  void *user;
  long off;        /* file line of the window's line 1, minus 1 */
  long watch_line; /* window line of the CSV header, 0 if none */
  int watch_hit;   /* a diagnostic named watch_line */
} shift_ctx;

static void shift_diag(void *u, const ow_err *e)
{
  shift_ctx *c = u;
  ow_err copy = *e;
  if (c->watch_line > 0 && copy.line == c->watch_line)
    c->watch_hit = 1;
  if (copy.line > 0)
    copy.line += c->off;
  if (c->diag != NULL)
    c->diag(c->user, &copy);
}

/* Length of the line at p (up to end), without '\n' and a trailing CR. */
static size_t line_len(const char *p, const char *end)
{
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
  if (n > 0 && p[n - 1] == '\r')
    n--;
  return n;
}

/*
** Bytes of p[0, n) that end with a complete record, 0 if none.
** TLE: after the last full-length line 2 ("2 " and at least 68 columns:
** a record always ends there, and no reader takes such a line for a
** name); without one, all but the last two complete lines (a name and a
** line 1 may wait for their line 2). KVN: before the last line that opens
** a message (CCSDS_OMM_VERS). CSV: after the last line end outside quotes.
*/
static size_t record_cut(ow_format fmt, const char *p, size_t n)
{
  const char *end = p + n;
  if (fmt == OW_FMT_TLE) {
    size_t cut = 0, starts[3] = {0, 0, 0};
    int nstarts = 0;
    for (size_t i = 0; i < n;) {
      const char *nl = memchr(p + i, '\n', n - i);
      if (nl == NULL)
        break;
      if (p[i] == '2' && i + 1 < n && p[i + 1] == ' ' &&
          line_len(p + i, end) >= 68)
        cut = (size_t)(nl - p) + 1;
      starts[0] = starts[1];
      starts[1] = starts[2];
      starts[2] = i;
      nstarts++;
      i = (size_t)(nl - p) + 1;
    }
    if (cut == 0 && nstarts >= 3)
      cut = starts[1];
    return cut;
  }
  if (fmt == OW_FMT_OMM_KVN) {
    size_t cut = 0;
    for (size_t i = 0; i < n;) {
      const char *nl = memchr(p + i, '\n', n - i);
      size_t j = i;
      while (j < n && (p[j] == ' ' || p[j] == '\t'))
        j++;
      if (i > 0 && n - j >= 14 && memcmp(p + j, "CCSDS_OMM_VERS", 14) == 0)
        cut = i;
      if (nl == NULL)
        break;
      i = (size_t)(nl - p) + 1;
    }
    return cut;
  }
  if (fmt == OW_FMT_OMM_CSV) {
    size_t cut = 0;
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
      if (p[i] == '"')
        quoted = !quoted;
      else if (p[i] == '\n' && !quoted)
        cut = i + 1;
    }
    return cut;
  }
  return 0;
}

static int read_chunk(ow_catalog *cat, const char *buf, size_t len,
                      ow_format fmt, const char *source,
                      const ow_read_opts *opts, shift_ctx *sc,
                      ow_load_stats *st)
{
  switch (fmt) {
  case OW_FMT_TLE:
    return ow__tle_read(cat, buf, len, source, opts, shift_diag, sc, st);
  case OW_FMT_OMM_KVN:
    return ow__omm_kvn_read(cat, buf, len, source, shift_diag, sc, st);
  case OW_FMT_OMM_CSV:
    return ow__omm_csv_read(cat, buf, len, source, shift_diag, sc, st);
  default:
    return OW_E_UNSUPPORTED;
  }
}

/* Report one problem of the loader itself (not of a record). */
static void load_report(ow_diag_fn diag, void *user, int code,
                        const char *path, long line, const char *msg,
                        ow_load_stats *st)
{
  ow_err err;
  ow_err_clear(&err);
  ow_err_set(&err, code, "", "%s", msg);
  ow__report(diag, user, &err, path, line, st);
}

int ow_catalog_load_file(ow_catalog *cat, const char *path, ow_format fmt,
                         const ow_read_opts *opts, ow_diag_fn diag, void *user,
                         ow_load_stats *stats)
{
  ow__stream s;
  ow_load_stats st = {0, 0, 0};
  ow_err err;
  shift_ctx sc = {diag, user, 0, 0, 0};
  char *header = NULL, *scratch = NULL;
  size_t header_n = 0, scratch_cap = 0;
  int found = 0, rc = OW_OK, first = 1;

  if (stats != NULL)
    memset(stats, 0, sizeof *stats);
  if (cat == NULL || path == NULL)
    return OW_E_ARG;
  ow_err_clear(&err);
  rc = ow__stream_open(&s, path, LOAD_WINDOW, OW__FILE_MAX_DOC, &err);
  if (rc == OW_OK)
    rc = ow__stream_fill(&s, &err);
  if (rc != OW_OK) {
    ow__report(diag, user, &err, path, 0, NULL);
    ow__stream_close(&s);
    return rc == OW_E_NOMEM ? OW_E_NOMEM : OW_E_IO;
  }
  ow__stream_take(&s, skip_bom(s.buf, s.end));
  if (fmt == OW_FMT_AUTO)
    fmt = ow_format_detect(s.buf + s.pos, s.end - s.pos);

  if (fmt == OW_FMT_OMM_XML || fmt == OW_FMT_OMM_JSON) {
    /* The whole document, within the cap. */
    while (!s.eof && rc == OW_OK) {
      rc = ow__stream_grow(&s);
      if (rc == OW_OK)
        rc = ow__stream_fill(&s, &err);
    }
    if (rc == OW_E_TOO_BIG) {
      char msg[128];
      snprintf(msg, sizeof msg, "%s document larger than the %zu bytes "
               "this reader accepts", ow_format_name(fmt), s.max_window);
      load_report(diag, user, OW_E_TOO_BIG, path, 0, msg, NULL);
      ow__stream_close(&s);
      return OW_E_TOO_BIG;
    }
    if (rc != OW_OK) {
      if (rc == OW_E_IO)
        ow__report(diag, user, &err, path, 0, NULL);
      ow__stream_close(&s);
      return rc;
    }
    rc = ow_catalog_read(cat, s.buf + s.pos, s.end - s.pos, fmt, path, opts,
                         diag, user, stats);
    ow__stream_close(&s);
    return rc;
  }
  if (fmt != OW_FMT_TLE && fmt != OW_FMT_OMM_KVN && fmt != OW_FMT_OMM_CSV) {
    ow__stream_close(&s);
    return OW_E_UNSUPPORTED;
  }

  for (;;) {
    const char *p = s.buf + s.pos;
    size_t n = s.end - s.pos, cut;
    long line0 = s.line;
    if (n == 0 && s.eof)
      break;
    cut = s.eof ? n : record_cut(fmt, p, n);
    if (cut == 0) {
      /* No record boundary in the window: widen it, up to the cap. */
      if (s.cap < LOAD_MAX_RECORD) {
        if ((rc = ow__stream_grow(&s)) != OW_OK ||
            (rc = ow__stream_fill(&s, &err)) != OW_OK)
          break;
        continue;
      }
      {
        const char *nl = memchr(p, '\n', n);
        char msg[128];
        snprintf(msg, sizeof msg, "no record boundary in %zu bytes; "
                 "skipped to the next line end", n);
        load_report(diag, user, OW_E_PARSE, path, line0, msg, &st);
        if (nl != NULL) {
          ow__stream_take(&s, (size_t)(nl - p) + 1);
        } else {
          /* Drop the window and everything up to the next line end. */
          for (;;) {
            s.pos = s.end;
            if ((rc = ow__stream_fill(&s, &err)) != OW_OK || s.end == 0)
              break;
            nl = memchr(s.buf, '\n', s.end);
            if (nl != NULL) {
              s.pos = (size_t)(nl - s.buf) + 1;
              break;
            }
          }
          s.line++;
          if (rc != OW_OK)
            break;
        }
        if ((rc = ow__stream_fill(&s, &err)) != OW_OK)
          break;
        continue;
      }
    }
    /* Grow the catalog geometrically here: each reader reserves only
       for its own window. */
    if (fmt == OW_FMT_TLE && cat->cap < cat->n + cut / 140 + 1) {
      size_t want = cat->n + cut / 140 + 1;
      if (want < cat->cap * 2)
        want = cat->cap * 2;
      if (ow__catalog_reserve(cat, want) != OW_OK) {
        rc = OW_E_NOMEM;
        break;
      }
    }
    sc.watch_line = 0;
    if (fmt == OW_FMT_OMM_CSV && !first) {
      /* Later windows get the header row again, as line 1. */
      if (scratch_cap < header_n + 1 + cut + 1) {
        char *q = realloc(scratch, header_n + 1 + cut + 1);
        if (q == NULL) {
          rc = OW_E_NOMEM;
          break;
        }
        scratch = q;
        scratch_cap = header_n + 1 + cut + 1;
      }
      memcpy(scratch, header, header_n);
      scratch[header_n] = '\n';
      memcpy(scratch + header_n + 1, p, cut);
      scratch[header_n + 1 + cut] = '\0';
      sc.off = line0 - 2;
      rc = read_chunk(cat, scratch, header_n + 1 + cut, fmt, path, opts, &sc,
                      &st);
    } else {
      if (fmt == OW_FMT_OMM_CSV) {
        /* Keep the header row (the first non-blank line) for later. */
        size_t i = 0;
        long hl = 1;
        while (i < cut) {
          size_t k = line_len(p + i, p + cut);
          size_t b = 0;
          while (b < k && (p[i + b] == ' ' || p[i + b] == '\t'))
            b++;
          if (b < k)
            break;
          {
            const char *nl = memchr(p + i, '\n', cut - i);
            i = nl ? (size_t)(nl - p) + 1 : cut;
          }
          hl++;
        }
        header_n = line_len(p + i, p + cut);
        header = malloc(header_n + 1);
        if (header == NULL) {
          rc = OW_E_NOMEM;
          break;
        }
        memcpy(header, p + i, header_n);
        header[header_n] = '\0';
        sc.watch_line = hl;
      }
      sc.off = line0 - 1;
      rc = read_chunk(cat, p, cut, fmt, path, opts, &sc, &st);
    }
    if (rc == OW_E_NOMEM)
      break;
    if (rc != OW_E_EMPTY)
      found = 1;
    rc = OW_OK;
    ow__stream_take(&s, cut);
    if (first && fmt == OW_FMT_OMM_CSV && sc.watch_hit)
      break; /* a bad header row: nothing after it can be read */
    first = 0;
    if ((rc = ow__stream_fill(&s, &err)) != OW_OK)
      break;
  }
  free(header);
  free(scratch);
  ow__stream_close(&s);
  if (stats != NULL)
    *stats = st;
  if (rc == OW_E_IO) {
    ow__report(diag, user, &err, path, 0, NULL);
    return OW_E_IO;
  }
  if (rc != OW_OK)
    return rc;
  if (!found && st.rejected == 0) {
    load_report(diag, user, OW_E_EMPTY, path, 0, "no element sets found",
                NULL);
    return OW_E_EMPTY;
  }
  return st.rejected > 0 ? OW_E_PARSE : OW_OK;
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

int ow_catalog_write(const ow_elset *es, size_t n, ow_format fmt,
                     ow_jd creation_utc, char **out, size_t *out_len,
                     ow_diag_fn diag, void *user)
{
  ow__buf b = {NULL, 0, 0, 0};
  char created[OW_ISO_BUF];
  int rc;
  if (out == NULL || (es == NULL && n > 0))
    return OW_E_ARG;
  *out = NULL;
  if (out_len)
    *out_len = 0;
  if ((fmt == OW_FMT_OMM_KVN || fmt == OW_FMT_OMM_XML) &&
      ow__creation_date(creation_utc, created, sizeof created) != OW_OK)
    return OW_E_ARG;
  /* An empty output is still a valid, NUL-terminated buffer. */
  ow__buf_append(&b, "", 0);
  switch (fmt) {
  case OW_FMT_TLE:
    rc = write_tle(es, n, &b, diag, user);
    break;
  case OW_FMT_OMM_KVN:
    rc = ow__omm_kvn_write(es, n, created, &b, diag, user);
    break;
  case OW_FMT_OMM_XML:
    rc = ow__omm_xml_write(es, n, created, &b, diag, user);
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
