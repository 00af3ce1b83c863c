/*
** cdm_kvn.c - CDM in KVN ("KEY = value [unit]" lines): ow_cdm_read_kvn
** and ow_cdm_write_kvn. Keyword knowledge lives in cdm.c; this file only
** splits lines and formats them.
*/
#include "cdm_priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KVN_MAX_LINE 254 /* 508.0-B-1 7.4.2 */
#define LINE_BUF 1024

static void rtrim(char *s)
{
  size_t l = strlen(s);
  while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
    s[--l] = '\0';
}

static int parse_line(ow__cdm_ctx *c, long ln, char *s)
{
  int st;
  char *p = s;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return OW_OK;
  if (!strncmp(p, "COMMENT", 7) && (p[7] == ' ' || p[7] == '\0' ||
                                    p[7] == '=')) {
    p += 7;
    if (*p == '=') {
      st = ow__cdm_violation(c, ln, "COMMENT", "no blank after COMMENT");
      if (st)
        return st;
    }
    while (*p == ' ')
      p++;
    return ow__cdm_comment(c, ln, p);
  }
  char *key = p;
  while (isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')
    p++;
  if (p == key)
    return ow__cdm_error(c, OW_E_PARSE, ln, "", "expected KEY = value, got "
                         "\"%.60s\"", s);
  char *kend = p;
  while (*p == ' ')
    p++;
  if (*p != '=')
    return ow__cdm_error(c, OW_E_PARSE, ln, "",
                         "expected '=' after keyword in \"%.60s\"", s);
  *kend = '\0';
  p++;
  if (*p != ' ' && *p != '\0') {
    st = ow__cdm_violation(c, ln, key, "no blank after '='");
    if (st)
      return st;
  }
  while (*p == ' ')
    p++;
  char *value = p, *unit = NULL;
  size_t l = strlen(value);
  if (l > 0 && value[l - 1] == ']') {
    char *lb = strrchr(value, '[');
    if (lb != NULL) {
      value[l - 1] = '\0';
      unit = lb + 1;
      if (lb > value && lb[-1] != ' ') {
        st = ow__cdm_violation(c, ln, key, "no blank before the unit");
        if (st)
          return st;
      }
      *lb = '\0';
      rtrim(value);
    }
  }
  char *open = unit == NULL ? strchr(value, '[') : NULL;
  if (open != NULL) { /* "85.4 [" : a unit cut off (CARA SingleCov files) */
    st = ow__cdm_violation(c, ln, key, "unterminated unit \"%s\"", open);
    if (st)
      return st;
    *open = '\0';
    rtrim(value);
  }
  return ow__cdm_kv(c, ln, key, value, unit);
}

int ow_cdm_read_kvn(const char *buf, size_t len, const char *source,
                    ow_cdm_mode mode, ow_cdm *cdm, ow_cdm_warnings *warn,
                    ow_err *err)
{
  ow__cdm_ctx c;
  char line[LINE_BUF];
  long ln = 0;
  size_t i = 0;
  int st;
  ow__cdm_ctx_init(&c, cdm, source, mode, warn, err);
  ow_err_clear(err);
  if (err && source)
    snprintf(err->source, sizeof err->source, "%s", source);
  while (i < len) {
    size_t j = i, k = 0;
    int bad = 0;
    while (j < len && buf[j] != '\n' && buf[j] != '\r') {
      unsigned char ch = (unsigned char)buf[j];
      if (ch == '\t' || ch == '\0') {
        bad = 1;
        ch = ' ';
      }
      if (k + 1 < sizeof line)
        line[k++] = (char)ch;
      j++;
    }
    line[k] = '\0';
    size_t raw = j - i;
    ln++;
    /* Any of CR, LF, CRLF, LFCR ends a line (508.0-B-1 7.4.1). */
    if (j < len) {
      char t = buf[j++];
      if (j < len && (buf[j] == '\n' || buf[j] == '\r') && buf[j] != t)
        j++;
    }
    i = j;
    if (raw >= LINE_BUF) {
      st = ow__cdm_error(&c, OW_E_PARSE, ln, "", "line longer than %d "
                         "characters", LINE_BUF);
      return st;
    }
    if (k > KVN_MAX_LINE) {
      st = ow__cdm_violation(&c, ln, "", "line of %zu characters (limit %d)",
                             k, KVN_MAX_LINE);
      if (st)
        return st;
    }
    if (bad) {
      st = ow__cdm_violation(&c, ln, "", "TAB or NUL character");
      if (st)
        return st;
    }
    rtrim(line);
    st = parse_line(&c, ln, line);
    if (st < 0)
      return st;
  }
  return ow__cdm_finish(&c, ln);
}

/* ---- writer -------------------------------------------------------------- */

static void put_comments(ow__buf *b, const char *text)
{
  const char *p = text;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    ow__buf_printf(b, "COMMENT %.*s\n", (int)n, p);
    p += n;
    if (*p == '\n')
      p++;
  }
}

static void put_field(ow__buf *b, const void *base, const ow__cdm_field *f)
{
  char v[OW_CDM_TEXT];
  if (!ow__cdm_value_text(base, f, v, sizeof v))
    return;
  if (f->unit)
    ow__buf_printf(b, "%-36s = %-28s [%s]\n", f->key, v, f->unit);
  else
    ow__buf_printf(b, "%-36s = %s\n", f->key, v);
}

int ow_cdm_write_kvn(const ow_cdm *cdm, char **out, size_t *len, ow_err *err)
{
  ow__buf b = {NULL, 0, 0, 0};
  *out = NULL;
  if (len)
    *len = 0;
  int st = ow__cdm_check_complete(cdm, err);
  if (st)
    return st;
  ow__buf_printf(&b, "%-36s = 1.0\n", "CCSDS_CDM_VERS");
  put_comments(&b, cdm->comment_header);
  int n0 = ow__cdm_nfields(0), n1 = ow__cdm_nfields(1), rel_started = 0;
  for (int i = 1; i < n0; i++) {
    const ow__cdm_field *f = ow__cdm_field_at(0, i);
    if (f->sect == OW__CDM_S_REL && !rel_started) {
      put_comments(&b, cdm->comment_relative);
      rel_started = 1;
    }
    put_field(&b, cdm, f);
  }
  for (int k = 0; k < 2; k++) {
    const ow_cdm_object *o = &cdm->obj[k];
    put_comments(&b, o->comment_meta);
    ow__buf_printf(&b, "%-36s = OBJECT%d\n", "OBJECT", k + 1);
    int data_started = 0;
    for (int i = 1; i < n1; i++) {
      const ow__cdm_field *f = ow__cdm_field_at(1, i);
      int r, cc;
      if (f->sect != OW__CDM_S_META && !data_started) {
        put_comments(&b, o->comment_data);
        data_started = 1;
      }
      if (ow__cdm_cov_rc(i, &r, &cc) == 0 && r >= o->cov_dim)
        continue;
      put_field(&b, o, f);
    }
  }
  if (b.failed) {
    free(b.p);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory writing KVN");
  }
  *out = b.p;
  if (len)
    *len = b.n;
  return OW_OK;
}
