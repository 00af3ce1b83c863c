/*
** fuzz_kvn.c - libFuzzer target: the KVN tokenizer (src/lib/kvn.c). Every
** pointer it returns lies inside the line it came from, lines are numbered
** 1, 2, 3..., keywords and values carry no outer blanks, and the input is
** left unchanged. Violations abort.
*/
#include "kvn_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void inside(const ow__kvn_line *l, const char *p, size_t n)
{
  if (p == NULL) {
    if (n != 0)
      abort();
    return;
  }
  if (p < l->text || p + n > l->text + l->text_n)
    abort();
}

static void no_outer_blanks(const char *p, size_t n)
{
  if (n > 0 && (p[0] == ' ' || p[0] == '\t' || p[n - 1] == ' ' ||
                p[n - 1] == '\t'))
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *copy = malloc(size + 1);
  ow__kvn k;
  ow__kvn_line l;
  ow_err err;
  long want = 1;
  int rc;
  if (copy == NULL)
    return 0;
  memcpy(copy, data, size);
  ow__kvn_init(&k, (const char *)data, size);
  while ((rc = ow__kvn_next(&k, &l, &err)) != 0) {
    if (l.line != want++)
      abort();
    if (l.text < (const char *)data || l.text + l.text_n > (const char *)data + size)
      abort();
    if (memchr(l.text, '\n', l.text_n) || memchr(l.text, '\r', l.text_n))
      abort();
    if (rc < 0) {
      if (rc != OW_E_PARSE || err.line != l.line)
        abort();
      continue;
    }
    if (rc != 1 || l.text_n > OW__KVN_LINE_MAX ||
        memchr(l.text, '\0', l.text_n))
      abort();
    inside(&l, l.key, l.key_n);
    inside(&l, l.val, l.val_n);
    inside(&l, l.unit, l.unit_n);
    inside(&l, l.raw, l.raw_n);
    no_outer_blanks(l.key, l.key_n);
    no_outer_blanks(l.val, l.val_n);
    no_outer_blanks(l.unit, l.unit_n);
    switch (l.kind) {
    case OW__KVN_BLANK:
      break;
    case OW__KVN_COMMENT:
      break;
    case OW__KVN_KEYVAL:
      if (l.key == NULL || l.val == NULL || l.raw == NULL ||
          memchr(l.key, '=', l.key_n) != NULL)
        abort();
      if (l.unit != NULL && l.raw[l.raw_n - 1] != ']')
        abort();
      break;
    case OW__KVN_WORD:
      if (!ow__kvn_is_keyword(l.key, l.key_n))
        abort();
      break;
    case OW__KVN_DATA:
      if (l.key != NULL || memchr(l.val, '=', l.val_n) != NULL)
        abort();
      break;
    default:
      abort();
    }
  }
  if (k.p != k.end || memcmp(copy, data, size) != 0)
    abort();
  free(copy);
  return 0;
}
