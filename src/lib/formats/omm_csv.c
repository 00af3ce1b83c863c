/*
** omm_csv.c - OMM as CSV: a header row of OMM keywords, then one record
** per row (CelesTrak's GP "csv" format: OBJECT_NAME, OBJECT_ID, EPOCH,
** MEAN_MOTION, ..., MEAN_MOTION_DDOT; Space-Track's wider column set reads
** too, columns orbwatch does not use are skipped). Fields follow RFC 4180:
** quoted fields may hold commas, doubled quotes and line breaks. An empty
** field counts as absent.
*/
#include "elset_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_COLS 256

typedef struct csv_field {
  const char *p; /* text (inside the quotes when quoted) */
  size_t n;
  int quoted; /* has doubled quotes to undo */
} csv_field;

/*
** Split the row starting at buf[*pos] into fields; advance *pos past its
** line end and *line by the lines it spans. Returns the number of fields,
** -1 for an unterminated quote or text after a closing quote, -2 when
** there are more than CSV_MAX_COLS fields.
*/
static int split_row(const char *buf, size_t len, size_t *pos, long *line,
                     csv_field *f)
{
  size_t i = *pos;
  int nf = 0, bad = 0;
  for (;;) {
    csv_field cur = {buf + i, 0, 0};
    if (i < len && buf[i] == '"') {
      size_t s = ++i;
      for (;;) {
        if (i >= len) {
          bad = -1;
          break;
        }
        if (buf[i] == '"') {
          if (i + 1 < len && buf[i + 1] == '"') {
            cur.quoted = 1;
            i += 2;
            continue;
          }
          break;
        }
        if (buf[i] == '\n')
          ++*line;
        i++;
      }
      cur.p = buf + s;
      cur.n = (i < len ? i : len) - s;
      if (i < len)
        i++; /* closing quote */
      if (i < len && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r')
        bad = -1;
      while (i < len && buf[i] != ',' && buf[i] != '\n')
        i++;
    } else {
      while (i < len && buf[i] != ',' && buf[i] != '\n')
        i++;
      cur.n = (size_t)(buf + i - cur.p);
      if (cur.n > 0 && cur.p[cur.n - 1] == '\r' && (i >= len || buf[i] == '\n'))
        cur.n--;
    }
    if (nf < CSV_MAX_COLS)
      f[nf] = cur;
    else
      bad = bad ? bad : -2;
    nf++;
    if (i < len && buf[i] == ',') {
      i++;
      continue;
    }
    break;
  }
  if (i < len) /* the '\n' */
    i++;
  *pos = i;
  return bad ? bad : nf;
}

/* Undo doubled quotes into tmp (at most tn bytes); returns the length. */
static size_t unquote(const csv_field *f, char *tmp, size_t tn)
{
  size_t k = 0;
  for (size_t i = 0; i < f->n && k < tn; i++) {
    tmp[k++] = f->p[i];
    if (f->p[i] == '"' && i + 1 < f->n && f->p[i + 1] == '"')
      i++;
  }
  return k;
}

static int row_is_blank(const char *buf, size_t len, size_t pos)
{
  for (; pos < len && buf[pos] != '\n'; pos++)
    if (buf[pos] != ' ' && buf[pos] != '\t' && buf[pos] != '\r')
      return 0;
  return 1;
}

static void skip_row(const char *buf, size_t len, size_t *pos)
{
  const char *nl = memchr(buf + *pos, '\n', len - *pos);
  *pos = nl ? (size_t)(nl - buf) + 1 : len;
}

int ow__omm_csv_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st)
{
  csv_field *f;
  int *col_key;
  int ncols = -1, found = 0;
  size_t pos = 0;
  long line = 0;
  ow_err err;

  f = malloc(CSV_MAX_COLS * sizeof *f);
  col_key = malloc(CSV_MAX_COLS * sizeof *col_key);
  if (f == NULL || col_key == NULL) {
    free(f);
    free(col_key);
    return OW_E_NOMEM;
  }
  while (pos < len) {
    long row_line = ++line;
    int nf;
    ow__omm_rec rec;
    ow_elset *slot;
    if (row_is_blank(buf, len, pos)) {
      skip_row(buf, len, &pos);
      continue;
    }
    nf = split_row(buf, len, &pos, &line, f);
    ow_err_clear(&err);
    if (ncols < 0) {
      /* The header row. */
      if (nf < 0) {
        ow_err_set(&err, OW_E_PARSE, "", "malformed CSV header row");
        ow__report(diag, user, &err, source, row_line, st);
        break;
      }
      ncols = nf;
      for (int i = 0; i < nf; i++) {
        col_key[i] = f[i].quoted ? -1 : ow__omm_key(f[i].p, f[i].n);
        for (int j = 0; j < i; j++)
          if (col_key[i] >= 0 && col_key[j] == col_key[i]) {
            ow_err_set(&err, OW_E_PARSE, "", "column %s appears twice in "
                       "the header", ow__omm_key_name(col_key[i]));
            ow__report(diag, user, &err, source, row_line, st);
            ncols = -2;
          }
      }
      if (ncols == -2)
        break;
      continue;
    }
    found = 1;
    if (nf < 0) {
      ow_err_set(&err, OW_E_PARSE, "", nf == -1
                 ? "malformed CSV row (unbalanced quotes)"
                 : "CSV row with more than 256 fields");
      ow__report(diag, user, &err, source, row_line, st);
      continue;
    }
    if (nf != ncols) {
      ow_err_set(&err, OW_E_PARSE, "", "row has %d fields, the header %d",
                 nf, ncols);
      ow__report(diag, user, &err, source, row_line, st);
      continue;
    }
    slot = ow__catalog_slot(cat);
    if (slot == NULL) {
      free(f);
      free(col_key);
      return OW_E_NOMEM;
    }
    ow__omm_begin(&rec);
    {
      int rc = OW_OK;
      for (int i = 0; i < nf && rc == OW_OK; i++) {
        char tmp[256];
        if (col_key[i] < 0 || f[i].n == 0)
          continue;
        if (f[i].quoted)
          rc = ow__omm_set(&rec, col_key[i], tmp,
                           unquote(&f[i], tmp, sizeof tmp), &err);
        else
          rc = ow__omm_set(&rec, col_key[i], f[i].p, f[i].n, &err);
      }
      if (rc == OW_OK)
        rc = ow__omm_finish(&rec, slot, &err);
      if (rc != OW_OK) {
        ow__report(diag, user, &err, source, row_line, st);
        continue;
      }
    }
    cat->n++;
    st->loaded++;
  }
  free(f);
  free(col_key);
  return found || st->rejected > 0 ? OW_OK : OW_E_EMPTY;
}

/* A CSV field, quoted when it holds a comma, quote, line break or edge
   blanks. */
static void csv_text(ow__buf *b, const char *s)
{
  size_t n = strlen(s);
  if (n > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
                s[n - 1] == ' ')) {
    ow__buf_append(b, "\"", 1);
    for (; *s; s++) {
      if (*s == '"')
        ow__buf_append(b, "\"", 1);
      ow__buf_append(b, s, 1);
    }
    ow__buf_append(b, "\"", 1);
  } else {
    ow__buf_append(b, s, n);
  }
}

int ow__omm_csv_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user)
{
  int result = OW_OK;
  for (size_t j = 0; j < OW__OMM_NOUT; j++)
    ow__buf_printf(b, "%s%s", j ? "," : "",
                   ow__omm_key_name(OW__OMM_OUT_KEYS[j]));
  ow__buf_puts(b, "\n");
  for (size_t i = 0; i < n; i++) {
    ow__omm_text t;
    ow_err err;
    ow_err_clear(&err);
    if (ow__omm_values(&es[i], &t, &err) != OW_OK) {
      ow__write_report(diag, user, &err, i);
      result = err.code;
      continue;
    }
    for (size_t j = 0; j < OW__OMM_NOUT; j++) {
      if (j)
        ow__buf_append(b, ",", 1);
      csv_text(b, t.v[OW__OMM_OUT_KEYS[j]]);
    }
    ow__buf_puts(b, "\n");
  }
  return result;
}
