/*
** test_jd.c - the JD arithmetic of astro/jd.c. Published values: JD
** 2451545.0 is 2000-01-01 12h (the J2000.0 epoch, IAU); the leap second
** 2016-12-31T23:59:60Z (IERS Bulletin C 52), so 23:59:59 to 00:00:00 is
** 2 SI seconds of UTC, which only the leap-aware difference gives.
*/
#include "check.h"
#include "jd_int.h"
#include "orbwatch/orbwatch.h"

int main(void)
{
  ow_jd a, b, c;
  double dt;
  CHECK_EQ_INT(ow__jdn_jan1(2000), 2451545);
  CHECK_EQ_INT(ow__jdn_jan1(1957), 2435840); /* 1957-01-01, JD 2435839.5 */
  int y, d;
  ow__jdn_to_year_doy(2451545 + 365, &y, &d);
  CHECK_EQ_INT(y, 2000);
  CHECK_EQ_INT(d, 366);
  ow__jdn_to_year_doy(2451545 + 366, &y, &d);
  CHECK_EQ_INT(y, 2001);
  CHECK_EQ_INT(d, 1);

  CHECK_EQ_INT(ow_time_parse_iso("2016-12-31T23:59:59Z", &a, NULL), OW_OK);
  CHECK_EQ_INT(ow_time_parse_iso("2017-01-01T00:00:00Z", &b, NULL), OW_OK);
  CHECK_EQ_INT(ow_utc_diff_s(b, a, &dt), OW_OK);
  CHECK_NEAR(dt, 2.0, 1e-9);
  /* On ERFA's UTC quasi-JD a leap-second day has 86401 s in frac, so the
     86400-s difference is off (by 2.3e-5 s here): use ow_utc_diff_s. */
  CHECK(fabs(ow_jd_diff_s(b, a) - 2.0) > 1e-6);
  /* The leap-aware step and the difference agree. */
  CHECK_EQ_INT(ow_utc_add_s(a, 2.0, &c), OW_OK);
  CHECK_NEAR(ow_jd_diff_s(c, b), 0.0, 1e-9);

  /* 86400-s arithmetic: normalised, exact on whole days, round trips. */
  a.day = 2460000.5;
  a.frac = 0.75;
  b = ow_jd_add_s(a, 6 * 3600.0);
  CHECK(b.day == 2460001.5 && b.frac == 0.0);
  b = ow_jd_add_day(a, -1.25);
  CHECK(b.day == 2459999.5 && b.frac == 0.5);
  CHECK(ow_jd_diff_day(a, b) == 1.25);
  for (int k = -1000; k <= 1000; k++) {
    double s = k * 977.123456789;
    b = ow_jd_add_s(a, s);
    CHECK(b.frac >= 0.0 && b.frac < 1.0 && b.day - floor(b.day) == 0.5);
    CHECK_NEAR(ow_jd_diff_s(b, a), s, 1e-6);
  }
  CHECK_EQ_INT(ow_utc_diff_s(b, a, NULL), OW_E_ARG);
  return check_done();
}
