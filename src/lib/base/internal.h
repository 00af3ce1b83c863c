/*
** internal.h - helpers shared by the library's files (ow__ prefix).
** Never installed; the CLI does not include it. Base layer: it includes
** only orbwatch/common.h and orbwatch/constants.h; each file includes the public headers it uses.
*/
#ifndef ORBWATCH_INTERNAL_H
#define ORBWATCH_INTERNAL_H

#include "orbwatch/common.h"
#include "orbwatch/constants.h"

#include <stddef.h>

/*
** ow__buf - a growable text buffer for the writers (elset, CDM). It owns p
** (malloc'ed, NUL-terminated once something was appended; the caller frees
** it or hands it on). On an allocation failure it sets `failed` and ignores
** later appends, so writers check once at the end.
*/
typedef struct ow__buf {
  char *p;
  size_t n, cap;
  int failed;
} ow__buf;

void ow__buf_append(ow__buf *b, const char *s, size_t n);
void ow__buf_puts(ow__buf *b, const char *s);
void ow__buf_printf(ow__buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Append s with &, <, > and " escaped for XML text and attributes. */
void ow__buf_xml_text(ow__buf *b, const char *s);

/*
** Copy n bytes of s into out (NUL-terminated, truncated to outsz) as
** printable text for a diagnostic: bytes outside printable ASCII, quotes
** and backslashes become \xNN, so a non-breaking space shows as \xC2\xA0
** instead of looking like a blank.
*/
void ow__quote_text(const char *s, size_t n, char *out, size_t outsz);

#endif
