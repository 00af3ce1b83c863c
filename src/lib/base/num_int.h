/*
** num_int.h - the one number parser of the library (num.c). Every reader
** of decimal text (OMM, CDM, sensor files, EOP tables, the CLI's options)
** goes through it. ow__ prefix, never installed.
**
** Grammar of a real (docs/conventions.md, "Numbers"), the whole of
** s[0, n) and nothing else:
**     [+|-] ( digits [ "." [digits] ] | "." digits ) [ (e|E) [+|-] digits ]
** so "1.", ".5", "-0", "+3e-2" are numbers and "", " 1", "1 ", "1e",
** ".", "0x10", "1,5", "1_000", "inf", "nan" are not (the last two are
** accepted, any case, "infinity" too, only with OW__NUM_NONFINITE).
** It does not depend on the locale: the digits are handed to strtod
** without a decimal point (the point is folded into the exponent), so a
** "de_DE" LC_NUMERIC changes nothing. Results are correctly rounded
** (glibc's strtod), subnormals included; a value beyond DBL_MAX, or a
** non-zero value that rounds to zero, is OW_E_RANGE.
**
** Integers: [+|-] digits, in [lo, hi], no exponent, no point.
*/
#ifndef ORBWATCH_NUM_INT_H
#define ORBWATCH_NUM_INT_H

#include "internal.h"

#define OW__NUM_NONFINITE 1u /* accept inf, infinity, nan (any case) */
#define OW__NUM_MAX_CHARS 400 /* longer text is refused (OW_E_RANGE) */

/* Returns OW_OK, OW_E_PARSE (not the grammar), OW_E_RANGE (overflow,
** underflow to zero, longer than OW__NUM_MAX_CHARS), OW_E_ARG (NULL);
** *v is 0 on failure. */
int ow__num_real(const char *s, size_t n, unsigned flags, double *v);

/* Returns OW_OK, OW_E_PARSE, OW_E_RANGE (outside [lo, hi]), OW_E_ARG;
** *v is 0 on failure. */
int ow__num_int(const char *s, size_t n, long long lo, long long hi,
                long long *v);

/* The same on NUL-terminated text. */
int ow__num_real_z(const char *s, unsigned flags, double *v);
int ow__num_int_z(const char *s, long long lo, long long hi, long long *v);

#endif
