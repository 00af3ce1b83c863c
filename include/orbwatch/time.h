/*
** orbwatch/time.h - time scales, ISO 8601 and Earth orientation.
**
** Dates are two-part Julian dates (ow_jd) with the scale in the variable
** name. Leap seconds come from ERFA (eraDat). UT1-UTC and polar motion come
** from an optional IERS finals2000A table (ow_eop); without one, UT1 = UTC
** and the pole is at the origin (the documented default).
*/
#ifndef ORBWATCH_TIME_H
#define ORBWATCH_TIME_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** ow_time_parse_iso - "2023-10-09T11:43:15.600384Z" to a UTC JD.
** Accepts a date alone, 'T' or ' ' as separator, an optional Z, seconds
** with any number of decimals (kept to the microsecond or better), day of
** year ("2023-282T11:43:15"), and the leap second 23:59:60 where one
** exists. Anything else is OW_E_PARSE (syntax: trailing text, offsets
** other than Z, missing fields) or OW_E_RANGE ("2023-02-30", "25:00", :60
** without a leap second), with the text and the reason in err.
*/
OW_API int ow_time_parse_iso(const char *s, ow_jd *jd_utc, ow_err *err);

/*
** ow_time_format_iso - UTC JD to "YYYY-MM-DDTHH:MM:SS[.f...]Z" with
** `decimals` digits of seconds (0..9), rounded, with leap seconds shown as
** :60. buf must hold OW_ISO_BUF bytes.
*/
#define OW_ISO_BUF 40
OW_API int ow_time_format_iso(ow_jd jd_utc, int decimals, char *buf,
                              size_t n);

/*
** Calendar to UTC JD and back (UTC, with leap-second-aware seconds: sec
** may reach 60.999... in the last minute of a leap-second day). The JD is
** ERFA's UTC quasi-JD: on a leap-second day frac = seconds / 86401.
** Out-of-range fields (2023-02-30, 25:00, :60 without a leap second) give
** OW_E_RANGE.
*/
OW_API int ow_time_from_calendar(int year, int month, int day, int hour,
                                 int minute, double sec, ow_jd *jd_utc);
OW_API int ow_time_to_calendar(ow_jd jd_utc, int *year, int *month, int *day,
                               int *hour, int *minute, double *sec);

/* Same instant with day on a midnight (xxx.5) and 0 <= frac < 1. */
OW_API ow_jd ow_jd_normalize(ow_jd jd);

/*
** The UTC instant dt_s SI seconds after jd_utc (leap seconds counted: the
** step is taken in TAI). Use it to step a UTC time grid.
*/
OW_API int ow_utc_add_s(ow_jd jd_utc, double dt_s, ow_jd *out_utc);

/*
** Day arithmetic of 86400-s days, no leap seconds (astro/jd.c): right in
** TAI and TT, and in UTC for spans that cross no leap second (TLE/OMM
** epochs and SGP4's tsince are defined this way). Results are normalised
** (day on xxx.5, 0 <= frac < 1); differences are b - a.
*/
OW_API ow_jd ow_jd_add_s(ow_jd jd, double dt_s);
OW_API ow_jd ow_jd_add_day(ow_jd jd, double dt_day);
OW_API double ow_jd_diff_s(ow_jd b, ow_jd a);
OW_API double ow_jd_diff_day(ow_jd b, ow_jd a);
/*
** SI seconds from a_utc to b_utc, leap seconds counted (through TAI).
** Returns OW_OK, OW_W_LEAP_DUBIOUS (usable), or an error (*dt_s = 0).
*/
OW_API int ow_utc_diff_s(ow_jd b_utc, ow_jd a_utc, double *dt_s);

/*
** Scale conversions (ERFA underneath). Outputs are normalised. The UTC
** ones return OW_W_LEAP_DUBIOUS (> 0, result usable) for years past the
** horizon of ERFA's leap-second table (2027 on for ERFA 2.0.0) or before
** 1960: test for errors with `st < 0`, not `st != OW_OK`.
*/
OW_API int ow_utc_to_tai(ow_jd utc, ow_jd *tai);
OW_API int ow_tai_to_utc(ow_jd tai, ow_jd *utc);
OW_API int ow_tai_to_tt(ow_jd tai, ow_jd *tt);
OW_API int ow_tt_to_tai(ow_jd tt, ow_jd *tai);
OW_API int ow_utc_to_tt(ow_jd utc, ow_jd *tt);

/* Earth-orientation table (opaque). */
typedef struct ow_eop ow_eop;

/*
** Parse an IERS finals2000A (or finals.all) buffer; *out is malloc'ed and
** owned by the caller (ow_eop_free). Bad lines are errors with the line.
*/
OW_API int ow_eop_parse(ow_eop **out, const char *buf, size_t len,
                        const char *source, ow_err *err);
OW_API int ow_eop_load_file(ow_eop **out, const char *path, ow_err *err);
OW_API void ow_eop_free(ow_eop *eop); /* NULL-safe */

/* First and last tabulated MJD (UTC) and the row count; OW_E_ARG if NULL. */
OW_API int ow_eop_span(const ow_eop *eop, double *mjd_first,
                       double *mjd_last, size_t *n);

/*
** Earth orientation at a UTC instant, linearly interpolated. eop may be
** NULL: dut1 = 0, xp = yp = 0. Outside the table: edge values and
** OW_W_EOP_RANGE. UT1-UTC is interpolated as UT1-TAI, so a leap second
** between two rows is no one-second ramp.
*/
OW_API int ow_eop_at(const ow_eop *eop, ow_jd jd_utc, double *dut1_s,
                     double *xp_rad, double *yp_rad);

/* UTC to UT1 with the table (NULL: UT1 = UTC). */
OW_API int ow_utc_to_ut1(const ow_eop *eop, ow_jd utc, ow_jd *ut1);

#ifdef __cplusplus
}
#endif
#endif
