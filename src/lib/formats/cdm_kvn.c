/*
** cdm_kvn.c - CDM in KVN ("KEY = value [unit]" lines): ow_cdm_read_kvn
** and ow_cdm_write_kvn. Keyword knowledge lives in cdm.c; this file only
** splits lines and formats them.
*/
#include "cdm_priv.h"
#include "orbwatch/cdm.h"
#include "kvn_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KVN_MAX_LINE 254 /* 508.0-B-1 7.4.2 */

/* A NUL-terminated copy of s[0..n) (n is below OW__KVN_LINE_MAX). */
static void copy(char *dst, const char *s, size_t n)
{
  memcpy(dst, s, n);
  dst[n] = '\0';
}

static int parse_line(ow__cdm_ctx *c, const ow__kvn_line *l)
{
  char key[OW__KVN_LINE_MAX + 1], value[OW__KVN_LINE_MAX + 1];
  char unit[OW__KVN_LINE_MAX + 1];
  const char *v;
  size_t vn;
  int st;

  if (l->kind == OW__KVN_BLANK)
    return OW_OK;
  if (l->kind == OW__KVN_COMMENT) {
    copy(value, l->val, l->val_n);
    return ow__cdm_comment(c, l->line, value);
  }
  if (l->kind != OW__KVN_KEYVAL || !ow__kvn_is_keyword(l->key, l->key_n)) {
    char text[OW__KVN_LINE_MAX + 1];
    copy(text, l->text, l->text_n);
    if (l->kind == OW__KVN_KEYVAL)
      return ow__cdm_error(c, OW_E_PARSE, l->line, "", "expected KEY = "
                           "value, got \"%.60s\"", text);
    return ow__cdm_error(c, OW_E_PARSE, l->line, "",
                         "expected '=' after keyword in \"%.60s\"", text);
  }
  copy(key, l->key, l->key_n);
  if (!strcmp(key, "COMMENT")) { /* "COMMENT=text" */
    st = ow__cdm_violation(c, l->line, "COMMENT", "no blank after COMMENT");
    if (st)
      return st;
    copy(value, l->raw, l->raw_n);
    return ow__cdm_comment(c, l->line, value);
  }
  /* Blanks either side of '=' are optional (508.0-B-1 7.4.5), so the
     tokenizer has already dropped them. */
  v = l->val;
  vn = l->val_n;
  if (l->unit != NULL && vn > 0 && l->val + vn == l->unit - 1) {
    st = ow__cdm_violation(c, l->line, key, "no blank before the unit");
    if (st)
      return st;
  }
  if (l->unit == NULL) {
    const char *open = memchr(v, '[', vn);
    if (open != NULL) { /* "85.4 [" : a unit cut off (CARA SingleCov) */
      copy(value, open, vn - (size_t)(open - v));
      st = ow__cdm_violation(c, l->line, key, "unterminated unit \"%s\"",
                             value);
      if (st)
        return st;
      vn = (size_t)(open - v);
      while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
        vn--;
    }
  }
  copy(value, v, vn);
  if (l->unit != NULL)
    copy(unit, l->unit, l->unit_n);
  return ow__cdm_kv(c, l->line, key, value, l->unit != NULL ? unit : NULL);
}

int ow_cdm_read_kvn(const char *buf, size_t len, const char *source,
                    ow_cdm_mode mode, ow_cdm *cdm, ow_cdm_warnings *warn,
                    ow_err *err)
{
  ow__cdm_ctx c;
  ow__kvn k;
  ow__kvn_line l;
  ow_err te;
  long ln = 0;
  int st, rc;
  st = ow__cdm_json_refuse(buf, len, source, cdm, warn, err);
  if (st != OW_OK)
    return st;
  ow__cdm_ctx_init(&c, cdm, source, mode, warn, err);
  ow_err_clear(err);
  if (err && source)
    snprintf(err->source, sizeof err->source, "%s", source);
  ow__kvn_init(&k, buf, len);
  ow_err_clear(&te);
  while ((rc = ow__kvn_next(&k, &l, &te)) != 0) {
    ln = l.line;
    if (rc < 0)
      return ow__cdm_error(&c, rc, l.line, "", "%s", te.msg);
    if (l.text_n > KVN_MAX_LINE) {
      st = ow__cdm_violation(&c, l.line, "", "line of %zu characters "
                             "(limit %d)", l.text_n, KVN_MAX_LINE);
      if (st)
        return st;
    }
    if (memchr(l.text, '\t', l.text_n) != NULL) {
      st = ow__cdm_violation(&c, l.line, "", "TAB character");
      if (st)
        return st;
    }
    st = parse_line(&c, &l);
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
