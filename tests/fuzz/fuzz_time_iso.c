/*
** fuzz_time_iso.c - libFuzzer target for ow_time_parse_iso and, on what it
** accepts, ow_time_format_iso and ow_time_to_calendar.
**
** Invariants: no crash or sanitizer report; an accepted time is
** normalised (frac in [0,1)) and formats and re-parses to within 1 us.
*/
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  char s[256], buf[OW_ISO_BUF];
  ow_jd jd, back;
  ow_err err;
  int y, mo, d, h, mi;
  double sec;
  if (size >= sizeof s)
    return 0;
  memcpy(s, data, size);
  s[size] = '\0';
  if (ow_time_parse_iso(s, &jd, &err) != OW_OK)
    return 0;
  if (!(jd.frac >= 0.0 && jd.frac < 1.0))
    abort();
  if (ow_time_to_calendar(jd, &y, &mo, &d, &h, &mi, &sec) != OW_OK)
    abort();
  if (ow_time_format_iso(jd, 6, buf, sizeof buf) != OW_OK)
    return 0; /* years beyond 9999 after rounding cannot be printed */
  if (ow_time_parse_iso(buf, &back, NULL) != OW_OK)
    abort();
  if (fabs(((back.day - jd.day) + (back.frac - jd.frac)) * 86400.0) > 1e-6)
    abort();
  return 0;
}
