/*
** kvn.c - the KVN tokenizer (kvn_int.h): ow__kvn_init, ow__kvn_next and
** two keyword helpers. Works on (pointer, length) pairs into the caller's
** buffer, so nothing is copied, edited in place or allocated.
*/
#include "kvn_int.h"

#include <string.h>

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, size_t *n)
{
  while (*n > 0 && is_blank(**s)) {
    (*s)++;
    (*n)--;
  }
  while (*n > 0 && is_blank((*s)[*n - 1]))
    (*n)--;
}

int ow__kvn_is_keyword(const char *s, size_t n)
{
  if (n == 0 || s[0] < 'A' || s[0] > 'Z')
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
          s[i] == '_'))
      return 0;
  return 1;
}

int ow__kvn_key_is(const ow__kvn_line *l, const char *w)
{
  size_t n = strlen(w);
  return l->key != NULL && l->key_n == n && memcmp(l->key, w, n) == 0;
}

void ow__kvn_init(ow__kvn *k, const char *buf, size_t len)
{
  k->p = buf;
  k->end = buf + len;
  k->line = 0;
  if (len >= 3 && (unsigned char)buf[0] == 0xEF &&
      (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
    k->p += 3;
}

/* Split a line that has an '=' at eq. */
static void split_keyval(ow__kvn_line *o, const char *s, size_t n,
                         const char *eq)
{
  const char *v = eq + 1;
  size_t vn = n - (size_t)(v - s);
  o->kind = OW__KVN_KEYVAL;
  o->key = s;
  o->key_n = (size_t)(eq - s);
  trim(&o->key, &o->key_n);
  trim(&v, &vn);
  o->raw = v;
  o->raw_n = vn;
  o->val = v;
  o->val_n = vn;
  if (vn > 0 && v[vn - 1] == ']') {
    const char *lb = NULL;
    for (size_t i = vn - 1; i-- > 0;)
      if (v[i] == '[') {
        lb = v + i;
        break;
      }
    if (lb != NULL) {
      o->unit = lb + 1;
      o->unit_n = (size_t)(v + vn - 1 - o->unit);
      trim(&o->unit, &o->unit_n);
      o->val_n = (size_t)(lb - v);
      trim(&o->val, &o->val_n);
    }
  }
}

int ow__kvn_next(ow__kvn *k, ow__kvn_line *out, ow_err *err)
{
  const char *s = k->p, *e = s;
  const char *eq = NULL, *nul = NULL;
  size_t n;

  memset(out, 0, sizeof *out);
  if (k->p >= k->end)
    return 0;
  while (e < k->end && *e != '\n' && *e != '\r') {
    if (*e == '\0' && nul == NULL)
      nul = e;
    else if (*e == '=' && eq == NULL)
      eq = e;
    e++;
  }
  n = (size_t)(e - s);
  /* One line end: LF, CR, or a CRLF / LFCR pair. */
  k->p = e;
  if (k->p < k->end) {
    char t = *k->p++;
    if (k->p < k->end && (*k->p == '\n' || *k->p == '\r') && *k->p != t)
      k->p++;
  }
  k->line++;
  out->line = k->line;
  out->text = s;
  out->text_n = n;
  if (nul != NULL) {
    ow_err_set(err, OW_E_PARSE, "", "NUL byte at column %zu",
               (size_t)(nul - s) + 1);
    if (err)
      err->line = k->line;
    return OW_E_PARSE;
  }
  if (n > OW__KVN_LINE_MAX) {
    ow_err_set(err, OW_E_PARSE, "", "line of %zu bytes (limit %d)", n,
               OW__KVN_LINE_MAX);
    if (err)
      err->line = k->line;
    return OW_E_PARSE;
  }

  {
    const char *t = s;
    size_t tn = n;
    trim(&t, &tn);
    if (tn == 0) {
      out->kind = OW__KVN_BLANK;
      return 1;
    }
    if (tn >= 7 && memcmp(t, "COMMENT", 7) == 0 &&
        (tn == 7 || is_blank(t[7]))) {
      out->kind = OW__KVN_COMMENT;
      out->val = t + 7;
      out->val_n = tn - 7;
      trim(&out->val, &out->val_n);
      return 1;
    }
    if (eq != NULL) {
      split_keyval(out, t, tn, eq);
      return 1;
    }
    out->val = t;
    out->val_n = tn;
    if (ow__kvn_is_keyword(t, tn)) {
      out->kind = OW__KVN_WORD;
      out->key = t;
      out->key_n = tn;
    } else {
      out->kind = OW__KVN_DATA;
    }
  }
  return 1;
}
