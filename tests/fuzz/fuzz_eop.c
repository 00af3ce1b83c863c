/*
** fuzz_eop.c - libFuzzer target for the IERS finals reader (ow_eop_parse)
** and, on accepted tables, ow_eop_at and ow_utc_to_ut1.
**
** Invariants: no crash or sanitizer report; an accepted table gives
** finite values inside the parser's limits (|UT1-UTC| <= 1 s, |pole| <=
** 10") at and between its rows.
*/
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  ow_eop *eop = NULL;
  ow_err err;
  double m0, m1, dut1, xp, yp;
  size_t n;
  if (ow_eop_parse(&eop, (const char *)data, size, "fuzz", &err) != OW_OK) {
    if (eop != NULL)
      abort();
    return 0;
  }
  if (ow_eop_span(eop, &m0, &m1, &n) != OW_OK || n == 0 || m1 < m0)
    abort();
  for (int k = -1; k <= 9; k++) {
    double mjd = m0 + (m1 - m0) * k / 8.0;
    ow_jd jd, ut1;
    jd.day = 2400000.5 + floor(mjd);
    jd.frac = mjd - floor(mjd);
    if (ow_eop_at(eop, jd, &dut1, &xp, &yp) < 0)
      abort();
    /* TAI-UTC may change between rows, hence the extra second. */
    if (!(fabs(dut1) <= 2.0) || !(fabs(xp) < 1e-4) || !(fabs(yp) < 1e-4))
      abort();
    if (ow_utc_to_ut1(eop, jd, &ut1) < OW_E_RANGE)
      abort();
  }
  ow_eop_free(eop);
  return 0;
}
