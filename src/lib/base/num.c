/*
** num.c - ow__num_real and ow__num_int, the strict, locale-independent
** number parser (grammar in num_int.h).
*/
#include "num_int.h"
#include "orbwatch/num.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int lower_eq(const char *s, size_t n, const char *word)
{
  size_t k = strlen(word);
  if (n != k)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != word[i])
      return 0;
  }
  return 1;
}

int ow__num_real(const char *s, size_t n, unsigned flags, double *v)
{
  char tmp[OW__NUM_MAX_CHARS + 16];
  size_t i = 0, o = 0;
  int neg = 0, nd = 0, nonzero = 0;
  long long ex = 0, shift = 0;
  double x;
  char *end;

  if (v != NULL)
    *v = 0.0;
  if (s == NULL || v == NULL)
    return OW_E_ARG;
  if (n == 0)
    return OW_E_PARSE;
  if (n > OW__NUM_MAX_CHARS)
    return OW_E_RANGE;
  if (s[0] == '+' || s[0] == '-')
    neg = s[i++] == '-';
  if (flags & OW__NUM_NONFINITE) {
    if (lower_eq(s + i, n - i, "inf") || lower_eq(s + i, n - i, "infinity")) {
      *v = neg ? -HUGE_VAL : HUGE_VAL;
      return OW_OK;
    }
    if (lower_eq(s + i, n - i, "nan")) {
      *v = neg ? -NAN : NAN;
      return OW_OK;
    }
  }
  /* Mantissa digits go to tmp without the point; each digit after the
     point lowers the exponent by one. */
  if (neg)
    tmp[o++] = '-';
  for (; i < n && is_digit(s[i]); i++, nd++) {
    tmp[o++] = s[i];
    nonzero |= s[i] != '0';
  }
  if (i < n && s[i] == '.') {
    for (i++; i < n && is_digit(s[i]); i++, nd++, shift--) {
      tmp[o++] = s[i];
      nonzero |= s[i] != '0';
    }
  }
  if (nd == 0)
    return OW_E_PARSE;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    int eneg = 0, ed = 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
      eneg = s[i++] == '-';
    for (; i < n && is_digit(s[i]); i++, ed++)
      if (ex < 100000000)
        ex = ex * 10 + (s[i] - '0'); /* saturates far beyond any double */
    if (ed == 0)
      return OW_E_PARSE;
    if (eneg)
      ex = -ex;
  }
  if (i != n)
    return OW_E_PARSE;
  if (!nonzero) {
    *v = neg ? -0.0 : 0.0;
    return OW_OK;
  }
  o += (size_t)snprintf(tmp + o, sizeof tmp - o, "e%lld", ex + shift);
  errno = 0;
  x = strtod(tmp, &end);
  if (end != tmp + o)
    return OW_E_PARSE; /* cannot happen after the checks above */
  if (isinf(x) || x == 0.0)
    return OW_E_RANGE; /* beyond DBL_MAX, or below the least subnormal */
  *v = x;
  return OW_OK;
}

int ow__num_int(const char *s, size_t n, long long lo, long long hi,
                long long *v)
{
  size_t i = 0;
  int neg = 0, big = 0;
  unsigned long long m = 0;
  if (v != NULL)
    *v = 0;
  if (s == NULL || v == NULL)
    return OW_E_ARG;
  if (n == 0)
    return OW_E_PARSE;
  if (s[0] == '+' || s[0] == '-')
    neg = s[i++] == '-';
  if (i == n)
    return OW_E_PARSE;
  for (; i < n; i++) {
    if (!is_digit(s[i]))
      return OW_E_PARSE;
    if (m > (~0ull - 9) / 10)
      big = 1;
    else
      m = m * 10 + (unsigned)(s[i] - '0');
  }
  if (big)
    return OW_E_RANGE;
  if (neg) {
    if (m > (unsigned long long)LLONG_MAX + 1ull)
      return OW_E_RANGE;
    long long r = m == (unsigned long long)LLONG_MAX + 1ull
                      ? LLONG_MIN
                      : -(long long)m;
    if (r < lo || r > hi)
      return OW_E_RANGE;
    *v = r;
    return OW_OK;
  }
  if (m > (unsigned long long)LLONG_MAX || (long long)m < lo ||
      (long long)m > hi)
    return OW_E_RANGE;
  *v = (long long)m;
  return OW_OK;
}

int ow__num_real_z(const char *s, unsigned flags, double *v)
{
  return ow__num_real(s, s ? strlen(s) : 0, flags, v);
}

int ow__num_int_z(const char *s, long long lo, long long hi, long long *v)
{
  return ow__num_int(s, s ? strlen(s) : 0, lo, hi, v);
}

int ow_parse_real(const char *s, size_t n, unsigned flags, double *v)
{
  return ow__num_real(s, n, (flags & OW_PARSE_NONFINITE) ? OW__NUM_NONFINITE
                                                         : 0u, v);
}

int ow_parse_int(const char *s, size_t n, long long lo, long long hi,
                 long long *v)
{
  return ow__num_int(s, n, lo, hi, v);
}
