/*
** time.c - UTC, TAI and TT on two-part Julian dates; ISO 8601 in and out.
**
** Exports ow_time_parse_iso, ow_time_format_iso, ow_time_from_calendar,
** ow_time_to_calendar, ow_jd_normalize, ow_utc_add_s and the scale
** conversions ow_utc_to_tai ... ow_utc_to_tt.
**
** Representation: ERFA's two-part JD with `day` on a midnight (xxx.5) and
** 0 <= frac < 1. UTC uses ERFA's quasi-JD: on a day that ends with a leap
** second the fraction is seconds-of-day / 86401, so 23:59:60.5 is still
** inside the day (frac < 1) and every UTC label has exactly one JD.
** Leap seconds come from ERFA's built-in table (eraDat); nothing here
** keeps state.
*/
#include "astro_int.h"
#include "orbwatch/time.h"

#include <erfa.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/*
** ow__jd_norm - put a + b into the orbwatch form (day on xxx.5, frac in
** [0,1)). The midnight of `a` is split off first so that no digit of the
** fraction is lost to the large day number.
*/
ow_jd ow__jd_norm(double a, double b)
{
  ow_jd r;
  double da = floor(a - 0.5) + 0.5;
  /* a - da is exact (Sterbenz) and in [0,1). */
  double f = (a - da) + b;
  double k = floor(f);
  r.day = da + k;
  r.frac = f - k;
  /* f slightly below an integer can round f - k up to exactly 1. */
  if (r.frac >= 1.0) {
    r.day += 1.0;
    r.frac -= 1.0;
  }
  return r;
}

ow_jd ow_jd_normalize(ow_jd jd)
{
  return ow__jd_norm(jd.day, jd.frac);
}

static int is_gregorian_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
  static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
  return m == 2 && is_gregorian_leap(y) ? 29 : mdays[m - 1];
}

/*
** Length in SI seconds of UTC day y-m-d: 86400 plus the leap second (or,
** before 1972, the drift of the rubber-second era), the way eraDtf2d
** measures it: TAI-UTC at the next midnight minus its linear trend.
*/
static double utc_day_length_s(int y, int m, int d)
{
  double dat0, dat12, dat24, dj, w;
  int ny, nm, nd;
  double nf;
  if (eraCal2jd(y, m, d, &dj, &w) != 0)
    return OW_SEC_PER_DAY;
  if (eraDat(y, m, d, 0.0, &dat0) < 0 || eraDat(y, m, d, 0.5, &dat12) < 0)
    return OW_SEC_PER_DAY;
  if (eraJd2cal(dj, w + 1.5, &ny, &nm, &nd, &nf) != 0)
    return OW_SEC_PER_DAY;
  if (eraDat(ny, nm, nd, 0.0, &dat24) < 0)
    return OW_SEC_PER_DAY;
  return OW_SEC_PER_DAY + (dat24 - (2.0 * dat12 - dat0));
}

/*
** ow_time_from_calendar - UTC calendar date and time to a UTC JD.
**
** Given:    year..minute int      Gregorian date and time of day
**           sec          double   seconds, 0 <= sec < 60 (or < 61 in the
**                                 last minute of a leap-second day)
** Returned: jd_utc       ow_jd    ERFA quasi-JD, normalised
** Returns:  OW_OK, OW_E_RANGE (field out of range, including :60 on a day
**           without a leap second; *jd_utc zeroed), OW_E_ARG (NULL)
** Notes:    the leap-second table's "dubious year" flag (far future or
**           before 1960) is not reported here: the result is still the
**           right label; ow_utc_to_tai reports it where it matters.
*/
int ow_time_from_calendar(int year, int month, int day, int hour, int minute,
                          double sec, ow_jd *jd_utc)
{
  double d1, d2;
  int st;
  if (jd_utc == NULL)
    return OW_E_ARG;
  jd_utc->day = jd_utc->frac = 0.0;
  if (year < -4799 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || !(sec >= 0.0 && sec < 61.0))
    return OW_E_RANGE;
  if (sec >= 60.0 && (hour != 23 || minute != 59))
    return OW_E_RANGE;
  st = eraDtf2d("UTC", year, month, day, hour, minute, sec, &d1, &d2);
  /* +2: the time runs past the end of the day (":60" with no leap). */
  if (st < 0 || st >= 2)
    return OW_E_RANGE;
  *jd_utc = ow__jd_norm(d1, d2);
  return OW_OK;
}

/*
** ow_time_to_calendar - UTC JD to calendar date and time of day.
**
** Given:    jd_utc   ow_jd     ERFA quasi-JD (any split)
** Returned: year..minute       Gregorian date, hour and minute
**           sec      double    seconds of the minute; 60 <= sec < 61
**                              inside a leap second
** Returns:  OW_OK, OW_E_RANGE (date ERFA cannot represent; outputs zeroed)
*/
int ow_time_to_calendar(ow_jd jd_utc, int *year, int *month, int *day,
                        int *hour, int *minute, double *sec)
{
  ow_jd j = ow__jd_norm(jd_utc.day, jd_utc.frac);
  int y, m, d, h, mi;
  double fd, sod, len;
  *year = *month = *day = *hour = *minute = 0;
  *sec = 0.0;
  if (!isfinite(j.day) || !isfinite(j.frac))
    return OW_E_RANGE;
  /* j.frac is already the day fraction; only the date comes from ERFA. */
  if (eraJd2cal(j.day, 0.25, &y, &m, &d, &fd) != 0)
    return OW_E_RANGE;
  len = utc_day_length_s(y, m, d);
  sod = j.frac * len;
  h = (int)(sod / 3600.0);
  if (h > 23)
    h = 23;
  mi = (int)((sod - 3600.0 * h) / 60.0);
  if (mi > 59)
    mi = 59;
  *year = y;
  *month = m;
  *day = d;
  *hour = h;
  *minute = mi;
  *sec = sod - 3600.0 * h - 60.0 * mi;
  if (*sec < 0.0)
    *sec = 0.0;
  return OW_OK;
}

/* ---- ISO 8601 ---------------------------------------------------------- */

/* Reads exactly n digits at *p; returns -1 if any is not a digit. */
static int read_digits(const char **p, int n)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    char c = (*p)[i];
    if (c < '0' || c > '9')
      return -1;
    v = v * 10 + (c - '0');
  }
  *p += n;
  return v;
}

static int count_digits(const char *p)
{
  int n = 0;
  while (p[n] >= '0' && p[n] <= '9')
    n++;
  return n;
}

#define ISO_FIELD "ISO 8601 time"

static int iso_fail(ow_err *err, const char *s, const char *why)
{
  return ow_err_set(err, OW_E_PARSE, ISO_FIELD, "\"%.60s\": %s", s, why);
}

/*
** ow_time_parse_iso - ISO 8601 (extended format) UTC text to a UTC JD.
**
** Given:    s        const char*  "YYYY-MM-DD", "YYYY-DDD" (day of year),
**                                 either followed by 'T' or ' ' and
**                                 "hh:mm", "hh:mm:ss" or "hh:mm:ss.f..."
**                                 (any number of decimals), then an
**                                 optional 'Z' and nothing else
** Returned: jd_utc   ow_jd        ERFA quasi-JD, normalised (zeroed on
**                                 error)
**           err      ow_err*      detail with the text, or NULL
** Returns:  OW_OK, OW_E_PARSE (syntax), OW_E_RANGE (a field out of
**           range, including 23:59:60 where no leap second exists),
**           OW_E_ARG (NULL)
** Notes:    1) Decimals beyond the 17th are checked but ignored (they are
**              below 1e-17 s).
**           2) Offsets other than Z, hour 24, the basic format (no
**              separators) and a comma as decimal mark are refused.
*/
int ow_time_parse_iso(const char *s, ow_jd *jd_utc, ow_err *err)
{
  const char *p = s;
  int year, month, day, hour = 0, minute = 0, isec = 0, nd, st;
  double fsec = 0.0;
  ow_err_clear(err); /* no source or line of an earlier use survives */
  if (jd_utc != NULL)
    jd_utc->day = jd_utc->frac = 0.0;
  if (s == NULL || jd_utc == NULL)
    return ow_err_set(err, OW_E_ARG, ISO_FIELD, "no text or no output");
  if (*s == '\0')
    return iso_fail(err, s, "empty time");

  if (count_digits(p) != 4 || p[4] != '-')
    return iso_fail(err, s, "expected a four-digit year and '-' "
                            "(YYYY-MM-DD or YYYY-DDD)");
  year = read_digits(&p, 4);
  p++;
  nd = count_digits(p);
  if (nd == 3) {
    int doy = read_digits(&p, 3);
    int ylen = is_gregorian_leap(year) ? 366 : 365;
    if (doy < 1 || doy > ylen)
      return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                        "\"%.60s\": day of year %03d not in 001-%03d", s, doy,
                        ylen);
    for (month = 1; doy > days_in_month(year, month); month++)
      doy -= days_in_month(year, month);
    day = doy;
  } else if (nd == 2 && p[2] == '-' && count_digits(p + 3) == 2) {
    month = read_digits(&p, 2);
    p++;
    day = read_digits(&p, 2);
    if (month < 1 || month > 12)
      return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                        "\"%.60s\": month %02d not in 01-12", s, month);
    if (day < 1 || day > days_in_month(year, month))
      return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                        "\"%.60s\": day %02d not in 01-%02d for %04d-%02d", s,
                        day, days_in_month(year, month), year, month);
  } else {
    return iso_fail(err, s, "expected MM-DD or a three-digit day of year "
                            "after the year");
  }

  if (*p == 'T' || *p == ' ') {
    p++;
    if (count_digits(p) != 2 || p[2] != ':' || count_digits(p + 3) != 2)
      return iso_fail(err, s, "expected hh:mm after the date");
    hour = read_digits(&p, 2);
    p++;
    minute = read_digits(&p, 2);
    if (*p == ':') {
      p++;
      if (count_digits(p) != 2)
        return iso_fail(err, s, "expected two-digit seconds after hh:mm:");
      isec = read_digits(&p, 2);
      if (*p == '.') {
        double scale = 0.1;
        int n = 0;
        p++;
        if (count_digits(p) == 0)
          return iso_fail(err, s, "expected digits after the decimal point");
        /* Summing digit * 10^-k keeps the error below 1e-16 s. */
        for (; *p >= '0' && *p <= '9'; p++, n++)
          if (n < 17) {
            fsec += (*p - '0') * scale;
            scale *= 0.1;
          }
      } else if (*p == ',') {
        return iso_fail(err, s, "use '.' as the decimal mark");
      }
    }
    if (*p == 'Z')
      p++;
    else if (*p == '+' || *p == '-')
      return iso_fail(err, s, "time-zone offsets are not supported; give "
                              "UTC with 'Z'");
  }
  if (*p != '\0')
    return ow_err_set(err, OW_E_PARSE, ISO_FIELD,
                      "\"%.60s\": unexpected text \"%.20s\" at column %d", s,
                      p, (int)(p - s) + 1);

  if (hour > 23)
    return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                      "\"%.60s\": hour %02d not in 00-23", s, hour);
  if (minute > 59)
    return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                      "\"%.60s\": minute %02d not in 00-59", s, minute);
  if (isec > 60 || (isec == 60 && (hour != 23 || minute != 59)))
    return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                      "\"%.60s\": second %02d not in 00-59", s, isec);
  st = ow_time_from_calendar(year, month, day, hour, minute, isec + fsec,
                             jd_utc);
  if (st != OW_OK) {
    if (isec == 60)
      return ow_err_set(err, OW_E_RANGE, ISO_FIELD,
                        "\"%.60s\": no leap second at the end of "
                        "%04d-%02d-%02d",
                        s, year, month, day);
    return ow_err_set(err, st, ISO_FIELD, "\"%.60s\": date out of range", s);
  }
  return OW_OK;
}

/*
** ow_time_format_iso - UTC JD to "YYYY-MM-DDThh:mm:ss[.f]Z".
**
** Given:    jd_utc    ow_jd    ERFA quasi-JD (any split)
**           decimals  int      digits of seconds, 0..9 (rounded, carrying
**                              into minutes, days... as needed)
** Returned: buf       char[n]  NUL-terminated text ("" on error)
** Returns:  OW_OK, OW_E_ARG (decimals out of range, buffer too small),
**           OW_E_RANGE (date outside ERFA's range or year > 9999)
** Notes:    a leap second prints as 23:59:60.
*/
int ow_time_format_iso(ow_jd jd_utc, int decimals, char *buf, size_t n)
{
  int y, m, d, h, mi, k;
  double sec;
  if (buf == NULL || n == 0)
    return OW_E_ARG;
  buf[0] = '\0';
  if (decimals < 0 || decimals > 9)
    return OW_E_ARG;
  ow_jd j = ow__jd_norm(jd_utc.day, jd_utc.frac);
  if (!isfinite(j.day) || !isfinite(j.frac) ||
      ow_time_to_calendar(j, &y, &m, &d, &h, &mi, &sec) != OW_OK)
    return OW_E_RANGE;
  /*
  ** Round in integer units of the last digit, against the length of this
  ** UTC day as the parser measures it (utc_day_length_s), so that what is
  ** printed parses back to the same instant. eraD2dtf is not used: it
  ** treats only jumps above 0.5 s as leap days, while eraDtf2d (the
  ** parser) also stretches 1971-12-31 by 0.107758 s, and the two then
  ** disagree by that much (found by fuzz_time_iso).
  */
  long long scale = 1;
  for (int i = 0; i < decimals; i++)
    scale *= 10;
  double sod = 3600.0 * h + 60.0 * mi + sec;
  long long units = llround(sod * (double)scale);
  long long day_units = llround(utc_day_length_s(y, m, d) * (double)scale);
  if (units >= day_units) { /* rounded up into the next day */
    double fd;
    units = 0;
    if (eraJd2cal(j.day, 1.25, &y, &m, &d, &fd) != 0)
      return OW_E_RANGE;
  }
  long long per_min = 60 * scale, per_hour = 3600 * scale;
  h = (int)(units / per_hour);
  if (h > 23)
    h = 23;
  units -= h * per_hour;
  mi = (int)(units / per_min);
  if (mi > 59) /* only inside a leap second: the last minute is longer */
    mi = 59;
  units -= mi * per_min;
  int isec = (int)(units / scale);
  long long frac = units % scale;
  if (y < 0 || y > 9999)
    return OW_E_RANGE;
  if (decimals > 0)
    k = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d.%0*lldZ", y, m, d, h,
                 mi, isec, decimals, frac);
  else
    k = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, mi,
                 isec);
  if (k < 0 || (size_t)k >= n) {
    buf[0] = '\0';
    return OW_E_ARG;
  }
  return OW_OK;
}

/* ---- Time scales --------------------------------------------------------- */

/*
** ERFA statuses of eraUtctai/eraTaiutc: +1 dubious year (leap table may be
** stale, or before 1960), -1 unacceptable date.
*/
static int map_erfa_scale_status(int st)
{
  if (st < 0)
    return OW_E_RANGE;
  return st > 0 ? OW_W_LEAP_DUBIOUS : OW_OK;
}

/*
** ow_utc_to_tai - UTC (quasi-JD) to TAI.
** Returns: OW_OK, OW_W_LEAP_DUBIOUS (year past the leap table's horizon
**          or before 1960; result still computed), OW_E_RANGE (zeroed),
**          OW_E_ARG.
** Reference: eraUtctai (ERFA 2.0 / IAU SOFA).
*/
int ow_utc_to_tai(ow_jd utc, ow_jd *tai)
{
  double a, b;
  int st;
  if (tai == NULL)
    return OW_E_ARG;
  tai->day = tai->frac = 0.0;
  st = eraUtctai(utc.day, utc.frac, &a, &b);
  if (st < 0)
    return OW_E_RANGE;
  *tai = ow__jd_norm(a, b);
  return map_erfa_scale_status(st);
}

/* ow_tai_to_utc - TAI to UTC (quasi-JD); statuses as ow_utc_to_tai. */
int ow_tai_to_utc(ow_jd tai, ow_jd *utc)
{
  double a, b;
  int st;
  if (utc == NULL)
    return OW_E_ARG;
  utc->day = utc->frac = 0.0;
  st = eraTaiutc(tai.day, tai.frac, &a, &b);
  if (st < 0)
    return OW_E_RANGE;
  *utc = ow__jd_norm(a, b);
  return map_erfa_scale_status(st);
}

/* ow_tai_to_tt - TT = TAI + 32.184 s (eraTaitt). */
int ow_tai_to_tt(ow_jd tai, ow_jd *tt)
{
  double a, b;
  if (tt == NULL)
    return OW_E_ARG;
  eraTaitt(tai.day, tai.frac, &a, &b);
  *tt = ow__jd_norm(a, b);
  return OW_OK;
}

/* ow_tt_to_tai - TAI = TT - 32.184 s (eraTttai). */
int ow_tt_to_tai(ow_jd tt, ow_jd *tai)
{
  double a, b;
  if (tai == NULL)
    return OW_E_ARG;
  eraTttai(tt.day, tt.frac, &a, &b);
  *tai = ow__jd_norm(a, b);
  return OW_OK;
}

/* ow_utc_to_tt - UTC to TT through TAI; statuses as ow_utc_to_tai. */
int ow_utc_to_tt(ow_jd utc, ow_jd *tt)
{
  ow_jd tai;
  int st;
  if (tt == NULL)
    return OW_E_ARG;
  tt->day = tt->frac = 0.0;
  st = ow_utc_to_tai(utc, &tai);
  if (st < 0)
    return st;
  ow_tai_to_tt(tai, tt);
  return st;
}

/*
** ow_utc_add_s - the UTC instant dt_s SI seconds after utc (before, if
** negative), counting leap seconds: the step is taken in TAI.
** Returns: as ow_utc_to_tai (the worse of the two conversions).
*/
int ow_utc_add_s(ow_jd utc, double dt_s, ow_jd *out_utc)
{
  ow_jd tai;
  int st1, st2;
  if (out_utc == NULL)
    return OW_E_ARG;
  out_utc->day = out_utc->frac = 0.0;
  if (!isfinite(dt_s))
    return OW_E_ARG;
  st1 = ow_utc_to_tai(utc, &tai);
  if (st1 < 0)
    return st1;
  tai = ow__jd_norm(tai.day, tai.frac + dt_s / OW_SEC_PER_DAY);
  st2 = ow_tai_to_utc(tai, out_utc);
  if (st2 < 0)
    return st2;
  return st1 != OW_OK ? st1 : st2;
}
