/*
** intldes.c - the international designator in its two spellings, the
** library's one conversion (ow_object_id_to_cospar, ow_object_id_to_tle,
** ow_object_id_cospar): COSPAR "1998-067A" (OMM, OEM, CDM) and the TLE's
** "98067A" (columns 10-17). TLE, OMM and CDM code all call these, so an
** object is spelled the same way in every output.
**
** Grammar (blanks around the text are ignored, letters any case, written
** upper case):
**   COSPAR  YYYY-NNNL[L[L]]   launch year 1957-2056, launch number 001-999,
**                             piece A-ZZZ
**   TLE     YYNNNL[L[L]]      two-digit year, 57-99 -> 1957-1999,
**                             00-56 -> 2000-2056 (the first launch was in
**                             1957; the rule runs out in 2056)
*/
#include "internal.h"
#include "orbwatch/elset.h"

#include <stdio.h>
#include <string.h>

static int dig(char c) { return c >= '0' && c <= '9'; }
static int alpha(char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }

/* Year, launch number and piece of either spelling; 0 or -1. */
static int split(const char *id, int *year, int *launch, char piece[4])
{
  size_t b = 0, e = strlen(id), k, np;
  const char *p;
  while (b < e && (id[b] == ' ' || id[b] == '\t'))
    b++;
  while (e > b && (id[e - 1] == ' ' || id[e - 1] == '\t'))
    e--;
  p = id + b;
  k = e - b;
  if (k >= 9 && dig(p[0]) && dig(p[1]) && dig(p[2]) && dig(p[3]) &&
      p[4] == '-') {
    *year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
            (p[3] - '0');
    p += 5;
    k -= 5;
  } else if (k >= 6 && dig(p[0]) && dig(p[1])) {
    int yy = (p[0] - '0') * 10 + (p[1] - '0');
    *year = yy >= 57 ? 1900 + yy : 2000 + yy;
    p += 2;
    k -= 2;
  } else {
    return -1;
  }
  if (k < 4 || !dig(p[0]) || !dig(p[1]) || !dig(p[2]))
    return -1;
  *launch = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  np = k - 3;
  if (np < 1 || np > 3 || *launch == 0)
    return -1;
  for (size_t i = 0; i < np; i++) {
    if (!alpha(p[3 + i]))
      return -1;
    piece[i] = upper(p[3 + i]);
  }
  piece[np] = '\0';
  return 0;
}

int ow_object_id_to_cospar(const char *id, char *out, size_t n)
{
  int year, launch;
  char piece[4];
  if (out != NULL && n > 0)
    out[0] = '\0';
  if (id == NULL || out == NULL || n == 0)
    return OW_E_ARG;
  if (split(id, &year, &launch, piece) != 0 || year < 1957)
    return OW_E_PARSE;
  if ((size_t)snprintf(out, n, "%04d-%03d%s", year, launch, piece) >= n) {
    out[0] = '\0';
    return OW_E_TOO_BIG;
  }
  return OW_OK;
}

int ow_object_id_to_tle(const char *id, char *out, size_t n)
{
  int year, launch;
  char piece[4];
  if (out != NULL && n > 0)
    out[0] = '\0';
  if (id == NULL || out == NULL || n == 0)
    return OW_E_ARG;
  if (split(id, &year, &launch, piece) != 0)
    return OW_E_PARSE;
  if (year < 1957 || year > 2056)
    return OW_E_RANGE; /* no two-digit year stands for it */
  if ((size_t)snprintf(out, n, "%02d%03d%s", year % 100, launch, piece) >=
      n) {
    out[0] = '\0';
    return OW_E_TOO_BIG;
  }
  return OW_OK;
}

void ow_object_id_cospar(const char *id, char *out, size_t n)
{
  if (id == NULL || out == NULL || n == 0)
    return;
  if (ow_object_id_to_cospar(id, out, n) != OW_OK)
    snprintf(out, n, "%s", id);
}
