/*
** omm_json.c - OMM as JSON: an array of flat objects with the OMM keywords
** as keys (CelesTrak's and Space-Track's GP "json" format), or one such
** object. CelesTrak writes numbers as JSON numbers, Space-Track as strings;
** both are read, through the same checks as the other encodings. null
** values count as absent; keys orbwatch does not use are skipped.
**
** Parsing is jansson's (json_loadb, duplicate keys refused). jansson does
** not keep positions, so a light scan of the text finds the line where each
** object of the top-level array begins, for the diagnostics.
*/
#include "elset_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** Line numbers of the elements of the top-level array, in order. Returns a
** malloc'ed array of *n entries (caller frees) or NULL (then lines are 0).
*/
static long *element_lines(const char *buf, size_t len, size_t *n)
{
  long *lines = NULL, line = 1;
  size_t cap = 0, k = 0;
  int depth = 0, in_str = 0, esc = 0, expect = 0;
  for (size_t i = 0; i < len; i++) {
    char c = buf[i];
    if (c == '\n')
      line++;
    if (in_str) {
      if (esc)
        esc = 0;
      else if (c == '\\')
        esc = 1;
      else if (c == '"')
        in_str = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    if (expect && depth == 1 && c != ']') {
      /* The first character of an element of the top-level array. */
      if (k == cap) {
        size_t nc = cap ? cap * 2 : 1024;
        long *nl = realloc(lines, nc * sizeof *nl);
        if (nl == NULL) {
          free(lines);
          *n = 0;
          return NULL;
        }
        lines = nl;
        cap = nc;
      }
      lines[k++] = line;
    }
    expect = 0;
    if (c == '"') {
      in_str = 1;
    } else if (c == '[' || c == '{') {
      depth++;
      expect = depth == 1;
    } else if (c == ']' || c == '}') {
      depth--;
    } else if (c == ',' && depth == 1) {
      expect = 1;
    }
  }
  *n = k;
  return lines;
}

static int read_object(json_t *obj, ow_elset *out, ow_err *err)
{
  ow__omm_rec rec;
  const char *key;
  json_t *v;
  ow__omm_begin(&rec);
  if (!json_is_object(obj))
    return ow_err_set(err, OW_E_PARSE, "", "array element is not an object");
  json_object_foreach(obj, key, v)
  {
    int id = ow__omm_key(key, strlen(key));
    int rc = OW_OK;
    if (id < 0 || json_is_null(v))
      continue;
    if (json_is_string(v))
      rc = ow__omm_set(&rec, id, json_string_value(v), json_string_length(v),
                       err);
    else if (json_is_integer(v))
      rc = ow__omm_set_number(&rec, id, (double)json_integer_value(v), err);
    else if (json_is_real(v))
      rc = ow__omm_set_number(&rec, id, json_real_value(v), err);
    else
      rc = ow_err_set(err, OW_E_PARSE, key,
                      "%s is neither a number nor a string", key);
    if (rc != OW_OK)
      return rc;
  }
  return ow__omm_finish(&rec, out, err);
}

int ow__omm_json_read(ow_catalog *cat, const char *buf, size_t len,
                      const char *source, ow_diag_fn diag, void *user,
                      ow_load_stats *st)
{
  json_error_t jerr;
  json_t *root;
  size_t nobj, nlines = 0;
  long *lines;

  root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                    &jerr);
  if (root == NULL) {
    ow_err err;
    ow_err_clear(&err);
    ow_err_set(&err, OW_E_PARSE, "", "malformed JSON (column %d): %s",
               jerr.column, jerr.text);
    ow__report(diag, user, &err, source, jerr.line > 0 ? jerr.line : 0, st);
    return OW_OK;
  }
  if (!json_is_array(root) && !json_is_object(root)) {
    ow_err err;
    ow_err_clear(&err);
    ow_err_set(&err, OW_E_PARSE, "",
               "JSON OMM is an array of objects or one object");
    ow__report(diag, user, &err, source, 1, st);
    json_decref(root);
    return OW_OK;
  }
  nobj = json_is_array(root) ? json_array_size(root) : 1;
  lines = json_is_array(root) ? element_lines(buf, len, &nlines) : NULL;
  if (ow__catalog_reserve(cat, cat->n + nobj) != OW_OK) {
    free(lines);
    json_decref(root);
    return OW_E_NOMEM;
  }
  for (size_t i = 0; i < nobj; i++) {
    json_t *obj = json_is_array(root) ? json_array_get(root, i) : root;
    ow_err err;
    ow_err_clear(&err);
    if (read_object(obj, &cat->items[cat->n], &err) != OW_OK) {
      long line = lines != NULL && i < nlines ? lines[i] : 0;
      if (line == 0) {
        /* Without a line, say which object. */
        char f[sizeof err.field];
        snprintf(f, sizeof f, "%s", err.field);
        snprintf(err.field, sizeof err.field, "object %zu%s%.30s", i % 1000000000u + 1,
                 f[0] ? " " : "", f);
      }
      ow__report(diag, user, &err, source, line, st);
      continue;
    }
    cat->n++;
    st->loaded++;
  }
  free(lines);
  json_decref(root);
  return nobj == 0 ? OW_E_EMPTY : OW_OK;
}

/* A JSON string literal: quotes, backslashes and control bytes escaped. */
static void json_str(ow__buf *b, const char *s)
{
  ow__buf_append(b, "\"", 1);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      ow__buf_append(b, e, 2);
    } else if (c < 0x20) {
      ow__buf_printf(b, "\\u%04x", c);
    } else {
      ow__buf_append(b, s, 1);
    }
  }
  ow__buf_append(b, "\"", 1);
}

int ow__omm_json_write(const ow_elset *es, size_t n, ow__buf *b,
                       ow_diag_fn diag, void *user)
{
  int result = OW_OK, first = 1;
  ow__buf_puts(b, "[");
  for (size_t i = 0; i < n; i++) {
    ow__omm_text t;
    ow_err err;
    ow_err_clear(&err);
    if (ow__omm_values(&es[i], &t, &err) != OW_OK) {
      ow__write_report(diag, user, &err, i);
      result = err.code;
      continue;
    }
    ow__buf_puts(b, first ? "\n{" : ",\n{");
    first = 0;
    for (size_t j = 0; j < OW__OMM_NOUT; j++) {
      int key = OW__OMM_OUT_KEYS[j];
      /* Text keywords as strings, the rest as numbers (CelesTrak). */
      int text = key == OW__K_OBJECT_NAME || key == OW__K_OBJECT_ID ||
                 key == OW__K_EPOCH || key == OW__K_CLASSIFICATION_TYPE;
      ow__buf_printf(b, "%s\"%s\": ", j ? ", " : "", ow__omm_key_name(key));
      if (text)
        json_str(b, t.v[key]);
      else
        ow__buf_puts(b, t.v[key]);
    }
    ow__buf_puts(b, "}");
  }
  ow__buf_puts(b, "\n]\n");
  return result;
}
