/*
** jd.c - the library's one two-part Julian-date arithmetic besides the
** calendar and scale conversions of time.c: ow_jd_add_s, ow_jd_add_day,
** ow_jd_diff_s, ow_jd_diff_day (86400-s days), ow_utc_diff_s (leap
** seconds counted), and the Julian day numbers of the year + day-of-year
** epochs (ow__jdn_jan1, ow__jdn_to_year_doy).
**
** Which is which (docs/conventions.md, "Julian dates"):
**   86400-s day arithmetic, no leap seconds: ow_jd_add_s, ow_jd_add_day,
**     ow_jd_diff_s, ow_jd_diff_day, ow_jd_normalize (time.c), and the TLE
**     and OMM epochs (a day of year with a fraction of an 86400-s day).
**     Right within one time scale without leaps (TAI, TT) and for UTC
**     spans that cross no leap second; SGP4's tsince is defined this way.
**   Leap-second aware (through TAI): ow_utc_add_s (time.c) and
**     ow_utc_diff_s, for SI seconds between UTC instants across days.
*/
#include "astro_int.h"
#include "jd_int.h"
#include "orbwatch/time.h"

#include <math.h>

ow_jd ow_jd_add_day(ow_jd jd, double dt_day)
{
  return ow__jd_norm(jd.day, jd.frac + dt_day);
}

ow_jd ow_jd_add_s(ow_jd jd, double dt_s)
{
  return ow__jd_norm(jd.day, jd.frac + dt_s / OW_SEC_PER_DAY);
}

double ow_jd_diff_day(ow_jd b, ow_jd a)
{
  /* Days first: both parts are exact differences for normalised dates. */
  return (b.day - a.day) + (b.frac - a.frac);
}

double ow_jd_diff_s(ow_jd b, ow_jd a)
{
  return ow_jd_diff_day(b, a) * OW_SEC_PER_DAY;
}

int ow_utc_diff_s(ow_jd b_utc, ow_jd a_utc, double *dt_s)
{
  ow_jd ta, tb;
  int sa, sb;
  if (dt_s == NULL)
    return OW_E_ARG;
  *dt_s = 0.0;
  sa = ow_utc_to_tai(a_utc, &ta);
  if (sa < 0)
    return sa;
  sb = ow_utc_to_tai(b_utc, &tb);
  if (sb < 0)
    return sb;
  *dt_s = ow_jd_diff_s(tb, ta);
  return sa != OW_OK ? sa : sb;
}

/* Julian day number of January 1 of Gregorian year y (noon JD). */
long ow__jdn_jan1(int y)
{
  long yy = (long)y + 4799; /* March-based year of January 1 */
  return 1 + 306 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

/* Gregorian year and day of year (1-based) of a Julian day number. */
void ow__jdn_to_year_doy(long jdn, int *year, int *doy)
{
  /* Estimate from the mean year length, then correct by at most one. */
  int y = (int)((double)(jdn - 1721426) / 365.2425) + 1;
  while (ow__jdn_jan1(y) > jdn)
    y--;
  while (ow__jdn_jan1(y + 1) <= jdn)
    y++;
  *year = y;
  *doy = (int)(jdn - ow__jdn_jan1(y)) + 1;
}
