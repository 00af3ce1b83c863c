/*
** orbwatch/num.h - the library's one number parser, for users and the
** CLI (base/num.c; the grammar is in docs/conventions.md, "Numbers").
**
** Strict: the whole of s[0, n) must be [+|-] digits [. digits] [e[+|-]
** digits] (".5" and "1." included); no blanks, hex ("0x10"), "inf"/"nan"
** (unless OW_PARSE_NONFINITE), decimal commas or trailing text. It does
** not depend on the locale, and results are correctly rounded.
*/
#ifndef ORBWATCH_NUM_H
#define ORBWATCH_NUM_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_PARSE_NONFINITE 1u /* also accept inf, infinity, nan */

/* Returns OW_OK, OW_E_PARSE, OW_E_RANGE (overflow, or a non-zero value
** below the least subnormal), OW_E_ARG; *v is 0 on failure. */
OW_API int ow_parse_real(const char *s, size_t n, unsigned flags, double *v);
/* Whole number in [lo, hi]: OW_OK, OW_E_PARSE, OW_E_RANGE, OW_E_ARG. */
OW_API int ow_parse_int(const char *s, size_t n, long long lo, long long hi,
                        long long *v);

#ifdef __cplusplus
}
#endif
#endif
