/*
** test_time.c - ISO 8601, calendar <-> JD, UTC/TAI/TT.
**
** Expected values are published ones (sources in comments) or come from an
** independent algorithm written here (Fliegel & Van Flandern 1968 integer
** JD), never from the code under test.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#define TOL_US_DAY (1e-6 / 86400.0) /* one microsecond, in days */
#define TOL_NS_S 1e-9

static double jd_total(ow_jd j) { return j.day + j.frac; }

/* Seconds between two JDs, computed part by part to keep precision. */
static double diff_s(ow_jd a, ow_jd b)
{
  return ((a.day - b.day) + (a.frac - b.frac)) * 86400.0;
}

/*
** Julian day number at noon of a Gregorian date: Fliegel & Van Flandern,
** Comm. ACM 11 (1968) 657, integer form.
*/
static long fvf_jdn(long y, long m, long d)
{
  return (1461 * (y + 4800 + (m - 14) / 12)) / 4 +
         (367 * (m - 2 - 12 * ((m - 14) / 12))) / 12 -
         (3 * ((y + 4900 + (m - 14) / 12) / 100)) / 4 + d - 32075;
}

static void check_parse(const char *s, double want_day, double want_frac)
{
  ow_jd j;
  ow_err e;
  ow_err_clear(&e);
  int st = ow_time_parse_iso(s, &j, &e);
  if (st != OW_OK)
    fprintf(stderr, "parse %s: %s\n", s, e.msg);
  CHECK_EQ_INT(st, OW_OK);
  CHECK_NEAR(j.day, want_day, 0.0);
  CHECK_NEAR(j.frac, want_frac, 1e-15);
}

static void check_bad(const char *s, int want_status, const char *want_in_msg)
{
  ow_jd j = {1, 1};
  ow_err e;
  char buf[512];
  ow_err_clear(&e);
  int st = ow_time_parse_iso(s, &j, &e);
  CHECK_EQ_INT(st, want_status);
  CHECK(j.day == 0.0 && j.frac == 0.0);
  CHECK(strstr(e.msg, want_in_msg) != NULL);
  ow_err_format(&e, buf, sizeof buf);
  if (strstr(e.msg, want_in_msg) == NULL)
    fprintf(stderr, "  for \"%s\" got: %s\n", s, buf);
}

static void test_parse_good(void)
{
  /* J2000.0 is JD 2451545.0 = 2000-01-01 12:00 (Meeus, Astr. Alg. ch. 7). */
  check_parse("2000-01-01T12:00:00", 2451544.5, 0.5);
  check_parse("2000-01-01 12:00:00Z", 2451544.5, 0.5);
  check_parse("2000-01-01T12:00Z", 2451544.5, 0.5);
  /* MJD 0 = 1858-11-17 0h = JD 2400000.5. */
  check_parse("1858-11-17", 2400000.5, 0.0);
  /* Meeus example 7.a: 1957 Oct 4.81 = JD 2436116.31. */
  check_parse("1957-10-04T19:26:24", 2436115.5, 0.81);
  /* Day of year: 2023-282 is 9 October 2023. */
  {
    ow_jd a, b;
    CHECK_EQ_INT(ow_time_parse_iso("2023-282T11:43:15.600384Z", &a, NULL),
                 OW_OK);
    CHECK_EQ_INT(ow_time_parse_iso("2023-10-09T11:43:15.600384Z", &b, NULL),
                 OW_OK);
    CHECK(a.day == b.day && a.frac == b.frac);
    CHECK_EQ_INT(ow_time_parse_iso("2024-366", &a, NULL), OW_OK);
    CHECK_EQ_INT(ow_time_parse_iso("2024-12-31", &b, NULL), OW_OK);
    CHECK(a.day == b.day && a.frac == b.frac);
  }
  /* Many decimals: kept to far below a microsecond. */
  {
    ow_jd a;
    CHECK_EQ_INT(ow_time_parse_iso("2023-10-09T00:00:00.123456789012345Z",
                                   &a, NULL),
                 OW_OK);
    CHECK_NEAR(a.frac * 86400.0, 0.123456789012345, 1e-10);
    CHECK_EQ_INT(ow_time_parse_iso("2023-10-09T00:00:00.5", &a, NULL), OW_OK);
    CHECK_NEAR(a.frac * 86400.0, 0.5, 1e-10);
  }
  /*
  ** Leap seconds (IERS Bulletin C): at the end of 2015-06-30 and
  ** 2016-12-31. ERFA's quasi-JD divides that day by 86401 s.
  */
  check_parse("2016-12-31T23:59:60", 2457753.5, 86400.0 / 86401.0);
  check_parse("2016-12-31T23:59:60.5Z", 2457753.5, 86400.5 / 86401.0);
  check_parse("2015-06-30T23:59:60Z", 2457203.5, 86400.0 / 86401.0);
  check_parse("1972-06-30T23:59:60Z", 2441498.5, 86400.0 / 86401.0);
}

static void test_parse_bad(void)
{
  check_bad("2023-02-30", OW_E_RANGE, "day 30 not in 01-28");
  check_bad("2024-02-30", OW_E_RANGE, "day 30 not in 01-29");
  check_bad("2023-13-01", OW_E_RANGE, "month 13");
  check_bad("2023-00-01", OW_E_RANGE, "month 00");
  check_bad("2023-10-09T25:00", OW_E_RANGE, "hour 25");
  check_bad("2023-10-09T24:00:00", OW_E_RANGE, "hour 24");
  check_bad("2023-10-09T12:60:00", OW_E_RANGE, "minute 60");
  check_bad("2023-10-09T12:00:61", OW_E_RANGE, "second 61");
  check_bad("2023-10-09T12:00:60", OW_E_RANGE, "second 60");
  check_bad("2016-06-30T23:59:60Z", OW_E_RANGE, "no leap second");
  check_bad("2023-12-31T23:59:60Z", OW_E_RANGE, "no leap second");
  check_bad("2023-366", OW_E_RANGE, "day of year 366");
  check_bad("2023-000", OW_E_RANGE, "day of year 000");
  check_bad("2023-10-09T12:00:00Zjunk", OW_E_PARSE, "unexpected text");
  check_bad("2023-10-09T12:00:00 ", OW_E_PARSE, "unexpected text");
  check_bad("2023-10-09x", OW_E_PARSE, "unexpected text");
  check_bad("2023-10-09T12:00:00+01:00", OW_E_PARSE, "offsets");
  check_bad("2023-10-09T12:00:00,5", OW_E_PARSE, "decimal mark");
  check_bad("2023-10-09T12:00:00.", OW_E_PARSE, "digits after");
  check_bad("2023-10-09T", OW_E_PARSE, "hh:mm");
  check_bad("2023-10-09T1:00", OW_E_PARSE, "hh:mm");
  check_bad("2023-1-09", OW_E_PARSE, "MM-DD");
  check_bad("23-10-09", OW_E_PARSE, "four-digit year");
  check_bad("20231009", OW_E_PARSE, "four-digit year");
  check_bad("", OW_E_PARSE, "empty");
  check_bad("  2023-10-09", OW_E_PARSE, "four-digit year");
  check_bad("2023-10-09T12:00:5", OW_E_PARSE, "two-digit seconds");
  {
    ow_jd j;
    CHECK_EQ_INT(ow_time_parse_iso(NULL, &j, NULL), OW_E_ARG);
    CHECK_EQ_INT(ow_time_parse_iso("2023-10-09", NULL, NULL), OW_E_ARG);
  }
}

static void check_format(const char *in, int dec, const char *want)
{
  ow_jd j;
  char buf[OW_ISO_BUF];
  CHECK_EQ_INT(ow_time_parse_iso(in, &j, NULL), OW_OK);
  CHECK_EQ_INT(ow_time_format_iso(j, dec, buf, sizeof buf), OW_OK);
  CHECK_STR(buf, want);
}

static void test_format(void)
{
  char buf[OW_ISO_BUF];
  ow_jd j = {2451545.0, 0.0}; /* J2000, split at noon */
  CHECK_EQ_INT(ow_time_format_iso(j, 3, buf, sizeof buf), OW_OK);
  CHECK_STR(buf, "2000-01-01T12:00:00.000Z");
  check_format("2023-10-09T11:43:15.600384Z", 6,
               "2023-10-09T11:43:15.600384Z");
  check_format("2023-10-09T11:43:15.600384Z", 0, "2023-10-09T11:43:16Z");
  check_format("2023-10-09T11:43:15.6Z", 9, "2023-10-09T11:43:15.600000000Z");
  check_format("2016-12-31T23:59:60.25Z", 2, "2016-12-31T23:59:60.25Z");
  /* Rounding carries through the leap second and into the new year. */
  check_format("2016-12-31T23:59:59.9999996Z", 6,
               "2016-12-31T23:59:60.000000Z");
  check_format("2016-12-31T23:59:60.9999996Z", 6,
               "2017-01-01T00:00:00.000000Z");
  check_format("2023-12-31T23:59:59.9999996Z", 6,
               "2024-01-01T00:00:00.000000Z");
  check_format("2023-282", 0, "2023-10-09T00:00:00Z");
  CHECK_EQ_INT(ow_time_format_iso(j, 10, buf, sizeof buf), OW_E_ARG);
  CHECK_EQ_INT(ow_time_format_iso(j, 6, buf, 10), OW_E_ARG);
  CHECK_STR(buf, "");
}

/* Deterministic LCG so the test is repeatable without libc's rand. */
static unsigned long long lcg_state = 12345;
static double urand(void)
{
  lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(lcg_state >> 11) / 9007199254740992.0;
}

static void test_calendar_round_trip(void)
{
  int bad_jd = 0, bad_trip = 0, bad_iso = 0;
  for (int i = 0; i < 20000; i++) {
    int y = 1900 + (int)(urand() * 200.0);
    int m = 1 + (int)(urand() * 12.0);
    int dim = m == 2 ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28)
              : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    int d = 1 + (int)(urand() * dim);
    int hh = (int)(urand() * 24.0), mi = (int)(urand() * 60.0);
    double sec = floor(urand() * 60e6) / 1e6; /* whole microseconds */
    int y2, m2, d2, hh2, mi2;
    double sec2;
    ow_jd j, k;
    char iso[64], iso2[OW_ISO_BUF];
    if (ow_time_from_calendar(y, m, d, hh, mi, sec, &j) != OW_OK) {
      bad_jd++;
      continue;
    }
    /* Independent JD of the date; days here never hold a leap second at
    ** a time below 23:59:60, so the fraction is plain seconds / 86400 -
    ** except on leap-second days, where ERFA's quasi-JD uses 86401. */
    {
      double want_day = (double)fvf_jdn(y, m, d) - 0.5;
      double dat0, dat1;
      double sod = hh * 3600.0 + mi * 60.0 + sec;
      ow_jd t0, t1;
      ow_time_from_calendar(y, m, d, 0, 0, 0.0, &t0);
      ow_utc_to_tai(t0, &t0);
      k.day = j.day + 1.0;
      k.frac = 0.0;
      ow_utc_to_tai(k, &t1);
      dat0 = diff_s(t1, t0) - 86400.0; /* leap seconds that day */
      dat1 = 86400.0 + (y >= 1972 ? dat0 : 0.0);
      if (j.day != want_day || (y >= 1972 && fabs(j.frac - sod / dat1) >
                                                 TOL_US_DAY / 100.0))
        bad_jd++;
    }
    CHECK_EQ_INT(ow_time_to_calendar(j, &y2, &m2, &d2, &hh2, &mi2, &sec2),
                 OW_OK);
    if (y2 != y || m2 != m || d2 != d || hh2 != hh || mi2 != mi ||
        fabs(sec2 - sec) > 1e-6)
      bad_trip++;
    snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%09.6fZ", y, m, d, hh,
             mi, sec);
    if (ow_time_parse_iso(iso, &k, NULL) != OW_OK ||
        fabs(diff_s(k, j)) > 1e-6 ||
        ow_time_format_iso(k, 6, iso2, sizeof iso2) != OW_OK ||
        strcmp(iso, iso2) != 0)
      bad_iso++;
  }
  CHECK_EQ_INT(bad_jd, 0);
  CHECK_EQ_INT(bad_trip, 0);
  CHECK_EQ_INT(bad_iso, 0);

  CHECK_EQ_INT(ow_time_from_calendar(2023, 2, 29, 0, 0, 0.0, &(ow_jd){0, 0}),
               OW_E_RANGE);
  CHECK_EQ_INT(ow_time_from_calendar(2023, 1, 1, 0, 0, 60.0, &(ow_jd){0, 0}),
               OW_E_RANGE);
  CHECK_EQ_INT(ow_time_from_calendar(2023, 1, 1, 0, 0, NAN, &(ow_jd){0, 0}),
               OW_E_RANGE);
}

static void test_scales(void)
{
  ow_jd utc, tai, tt, back;
  int y, m, d, hh, mi;
  double s;
  /*
  ** IERS Bulletin C 52: TAI-UTC = 36 s until 2016-12-31 23:59:60, 37 s
  ** from 2017-01-01 0h, so 23:59:60 UTC is 2017-01-01T00:00:36 TAI.
  */
  ow_time_parse_iso("2016-12-31T23:59:60Z", &utc, NULL);
  CHECK_EQ_INT(ow_utc_to_tai(utc, &tai), OW_OK);
  CHECK_NEAR(tai.day, 2457754.5, 0.0);
  CHECK_NEAR(tai.frac * 86400.0, 36.0, TOL_NS_S * 10);
  ow_time_parse_iso("2016-12-31T23:59:59.5Z", &utc, NULL);
  ow_utc_to_tai(utc, &tai);
  CHECK_NEAR(tai.frac * 86400.0, 35.5, TOL_NS_S * 10);
  ow_time_parse_iso("2017-01-01T00:00:00Z", &utc, NULL);
  ow_utc_to_tai(utc, &tai);
  CHECK_NEAR(tai.frac * 86400.0, 37.0, TOL_NS_S * 10);
  CHECK_EQ_INT(ow_tai_to_utc(tai, &back), OW_OK);
  CHECK_NEAR(diff_s(back, utc), 0.0, TOL_NS_S * 10);
  /* TAI -> UTC inside the leap second lands on :60. */
  tai.day = 2457754.5;
  tai.frac = 36.25 / 86400.0;
  CHECK_EQ_INT(ow_tai_to_utc(tai, &utc), OW_OK);
  ow_time_to_calendar(utc, &y, &m, &d, &hh, &mi, &s);
  CHECK(y == 2016 && m == 12 && d == 31 && hh == 23 && mi == 59);
  CHECK_NEAR(s, 60.25, 1e-6);
  /* 1972-01-01: TAI-UTC = 10 s exactly (start of the integer era). */
  ow_time_parse_iso("1972-01-01", &utc, NULL);
  ow_utc_to_tai(utc, &tai);
  CHECK_NEAR(tai.frac * 86400.0, 10.0, TOL_NS_S * 10);
  /* TT - TAI = 32.184 s (IAU 1991 Resolution A4). */
  tai.day = 2460226.5;
  tai.frac = 0.3;
  CHECK_EQ_INT(ow_tai_to_tt(tai, &tt), OW_OK);
  CHECK_NEAR(diff_s(tt, tai), 32.184, 1e-9);
  CHECK(tt.frac >= 0.0 && tt.frac < 1.0 && tt.day == 2460226.5);
  CHECK_EQ_INT(ow_tt_to_tai(tt, &back), OW_OK);
  CHECK_NEAR(diff_s(back, tai), 0.0, 1e-9);
  /*
  ** Vallado, Fundamentals of Astrodynamics (4th ed.), Example 3-7:
  ** 2004-05-14 16:43:00 UTC, TAI-UTC = 32 s, TT = 16:44:04.184.
  */
  ow_time_parse_iso("2004-05-14T16:43:00Z", &utc, NULL);
  CHECK_EQ_INT(ow_utc_to_tt(utc, &tt), OW_OK);
  CHECK_NEAR(diff_s(tt, utc), 64.184, 1e-9);
  /* Normalisation across midnight: 23:59:50 UTC + 69.184 s in TT. */
  ow_time_parse_iso("2023-10-09T23:59:50Z", &utc, NULL);
  ow_utc_to_tt(utc, &tt);
  CHECK_NEAR(tt.day, 2460227.5, 0.0);
  CHECK_NEAR(tt.frac * 86400.0, 59.184, 1e-8);
  /* The leap table is only trusted a few years ahead: warning, not error. */
  ow_time_parse_iso("2040-01-01", &utc, NULL);
  CHECK_EQ_INT(ow_utc_to_tai(utc, &tai), OW_W_LEAP_DUBIOUS);
  CHECK_NEAR(diff_s(tai, utc), 37.0, 1e-8);
}

static void test_add_and_normalize(void)
{
  ow_jd a, b, c;
  char buf[OW_ISO_BUF];
  /* Two SI seconds after 23:59:59 span the leap second 23:59:60. */
  ow_time_parse_iso("2016-12-31T23:59:59Z", &a, NULL);
  CHECK_EQ_INT(ow_utc_add_s(a, 2.0, &b), OW_OK);
  ow_time_format_iso(b, 6, buf, sizeof buf);
  CHECK_STR(buf, "2017-01-01T00:00:00.000000Z");
  CHECK_EQ_INT(ow_utc_add_s(a, 1.0, &b), OW_OK);
  ow_time_format_iso(b, 6, buf, sizeof buf);
  CHECK_STR(buf, "2016-12-31T23:59:60.000000Z");
  ow_time_parse_iso("2023-10-09T12:00:00Z", &a, NULL);
  CHECK_EQ_INT(ow_utc_add_s(a, -86400.0 * 3 - 0.5, &b), OW_OK);
  ow_time_format_iso(b, 6, buf, sizeof buf);
  CHECK_STR(buf, "2023-10-06T11:59:59.500000Z");
  /* Normalise: any split gives day on xxx.5 and frac in [0,1). */
  c.day = 2460000.0;
  c.frac = -0.75;
  a = ow_jd_normalize(c);
  CHECK_NEAR(a.day, 2459998.5, 0.0);
  CHECK_NEAR(a.frac, 0.75, 1e-15);
  c.day = 2460000.5;
  c.frac = -1e-20;
  a = ow_jd_normalize(c);
  CHECK(a.frac >= 0.0 && a.frac < 1.0);
  CHECK_NEAR(jd_total(a), 2460000.5, 1e-9);
  c.day = 0.0;
  c.frac = 2451545.25;
  a = ow_jd_normalize(c);
  CHECK_NEAR(a.day, 2451544.5, 0.0);
  CHECK_NEAR(a.frac, 0.75, 1e-9);
}

/* 1971-12-31 was stretched by 0.107758 s (the step to TAI-UTC = 10 s,
** eraDat): what is printed there must parse back to the same instant
** (found by fuzz_time_iso when the formatter used eraD2dtf). */
static void test_format_stretched_day(void)
{
  ow_jd jd, back;
  char buf[OW_ISO_BUF];
  CHECK_EQ_INT(ow_time_parse_iso("1971-12-31T23:59:59.9999999", &jd, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_time_format_iso(jd, 6, buf, sizeof buf), OW_OK);
  CHECK_EQ_INT(ow_time_parse_iso(buf, &back, NULL), OW_OK);
  CHECK_NEAR(((back.day - jd.day) + (back.frac - jd.frac)) * 86400.0, 0.0,
             1e-6);
  CHECK_EQ_INT(ow_time_parse_iso("2016-12-31T23:59:59.9999996", &jd, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_time_format_iso(jd, 6, buf, sizeof buf), OW_OK);
  CHECK_STR(buf, "2016-12-31T23:59:60.000000Z");
  CHECK_EQ_INT(ow_time_parse_iso("2016-12-31T23:59:60.9999996", &jd, NULL),
               OW_OK);
  CHECK_EQ_INT(ow_time_format_iso(jd, 6, buf, sizeof buf), OW_OK);
  CHECK_STR(buf, "2017-01-01T00:00:00.000000Z");
}

int main(void)
{
  test_format_stretched_day();
  test_parse_good();
  test_parse_bad();
  test_format();
  test_calendar_round_trip();
  test_scales();
  test_add_and_normalize();
  return check_done();
}
