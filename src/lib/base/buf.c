/*
** buf.c - ow__buf, the growable text buffer shared by the writers.
*/
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ow__buf_append(ow__buf *b, const char *s, size_t n)
{
  if (b->failed)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t ncap = b->cap < 4096 ? 4096 : b->cap;
    char *np;
    while (ncap < b->n + n + 1)
      ncap *= 2;
    np = realloc(b->p, ncap);
    if (np == NULL) {
      b->failed = 1;
      return;
    }
    b->p = np;
    b->cap = ncap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

void ow__buf_puts(ow__buf *b, const char *s)
{
  ow__buf_append(b, s, strlen(s));
}

void ow__buf_printf(ow__buf *b, const char *fmt, ...)
{
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0) {
    b->failed = 1;
    return;
  }
  if ((size_t)k < sizeof tmp) {
    ow__buf_append(b, tmp, (size_t)k);
    return;
  }
  /* Longer than the stack buffer: format again into the heap. */
  char *big = malloc((size_t)k + 1);
  if (big == NULL) {
    b->failed = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)k + 1, fmt, ap);
  va_end(ap);
  ow__buf_append(b, big, (size_t)k);
  free(big);
}

void ow__buf_xml_text(ow__buf *b, const char *s)
{
  for (; *s; s++) {
    switch (*s) {
    case '&':
      ow__buf_puts(b, "&amp;");
      break;
    case '<':
      ow__buf_puts(b, "&lt;");
      break;
    case '>':
      ow__buf_puts(b, "&gt;");
      break;
    case '"':
      ow__buf_puts(b, "&quot;");
      break;
    default:
      ow__buf_append(b, s, 1);
    }
  }
}
