/*
** eop.c - Earth-orientation table: IERS finals2000A / finals.all reader,
** interpolation of UT1-UTC and polar motion, UTC -> UT1.
**
** Exports ow_eop_parse, ow_eop_load_file, ow_eop_free, ow_eop_span,
** ow_eop_at and ow_utc_to_ut1.
**
** Representation: one row per tabulated day (MJD in UTC), with the IERS
** Bulletin A polar motion (radians) and UT1-UTC. UT1-UTC jumps by one
** second at each leap second, so the table also keeps UT1-TAI, which is
** smooth; interpolation runs on UT1-TAI and TAI-UTC for the requested
** instant is added back. The nutation columns (dX/dY or dpsi/deps) are
** not read: orbwatch's frames do not apply celestial-pole offsets (see
** docs/frames.md).
*/
#include "astro_int.h"
#include "orbwatch/time.h"
#include "file_int.h"
#include "num_int.h"

#include <erfa.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* finals2000A readme: two-digit years are 19xx up to MJD 51543. */
#define MJD_Y2K 51544.0
/* Shortest line that still holds Bull. A UT1-UTC (columns 59-68). */
#define FINALS_MIN_COLS 68

typedef struct eop_row {
  double mjd_utc;  /* day, 0h UTC */
  double xp_rad;   /* Bull. A PM-x */
  double yp_rad;   /* Bull. A PM-y */
  double dut1_s;   /* Bull. A UT1-UTC */
  double ut1_tai_s; /* dut1_s - (TAI-UTC at 0h): smooth across leaps */
} eop_row;

struct ow_eop {
  size_t n;
  eop_row *row; /* n rows, strictly increasing mjd_utc */
};

/* TAI-UTC (s) at an MJD in UTC; 0 when ERFA refuses the date. */
static double tai_minus_utc_s(double mjd_utc)
{
  int y, m, d;
  double fd, dat;
  if (eraJd2cal(OW_JD_MJD0, mjd_utc, &y, &m, &d, &fd) != 0)
    return 0.0;
  if (eraDat(y, m, d, fd, &dat) < 0)
    return 0.0;
  return dat;
}

/* ---- Parsing ------------------------------------------------------------ */

typedef struct line_ctx {
  const char *text; /* start of the line */
  size_t len;       /* without the line end */
  long lineno;
  const char *source;
} line_ctx;

static int line_fail(const line_ctx *lc, ow_err *err, int code, int c0,
                     int c1, const char *what, const char *fmt_value)
{
  if (err != NULL) {
    char field[64];
    snprintf(field, sizeof field, "columns %d-%d (%s)", c0, c1, what);
    ow_err_set(err, code, field, "%s", fmt_value);
    err->line = lc->lineno;
    snprintf(err->source, sizeof err->source, "%s",
             lc->source ? lc->source : "");
  }
  return code;
}

/* True when columns c0..c1 (1-based, inclusive) are all blank. */
static int field_blank(const line_ctx *lc, int c0, int c1)
{
  for (int c = c0; c <= c1; c++)
    if ((size_t)c <= lc->len && lc->text[c - 1] != ' ')
      return 0;
  return 1;
}

/*
** Reads the fixed-width decimal in columns c0..c1: blanks around an
** optional sign, digits and at most one point (no exponent: finals files
** have none), through the library's number parser (num.c).
*/
static int field_number(const line_ctx *lc, int c0, int c1, const char *what,
                        double *out, ow_err *err)
{
  char raw[32];
  int n = 0, b = 0, t;
  for (int c = c0; c <= c1 && n < (int)sizeof raw - 1; c++)
    raw[n++] = (size_t)c <= lc->len ? lc->text[c - 1] : ' ';
  raw[n] = '\0';
  while (b < n && raw[b] == ' ')
    b++;
  t = n;
  while (t > b && raw[t - 1] == ' ')
    t--;
  if (memchr(raw + b, 'e', (size_t)(t - b)) != NULL ||
      memchr(raw + b, 'E', (size_t)(t - b)) != NULL ||
      ow__num_real(raw + b, (size_t)(t - b), 0, out) != OW_OK) {
    char msg[96];
    *out = 0.0;
    snprintf(msg, sizeof msg, "\"%.*s\" is not a number", t - b, raw + b);
    return line_fail(lc, err, OW_E_PARSE, c0, c1, what, msg);
  }
  return OW_OK;
}

static int field_int(const line_ctx *lc, int c0, int c1, const char *what,
                     int *out, ow_err *err)
{
  double v;
  int st = field_number(lc, c0, c1, what, &v, err);
  if (st != OW_OK)
    return st;
  if (v != floor(v)) {
    char msg[64];
    snprintf(msg, sizeof msg, "%g is not a whole number", v);
    return line_fail(lc, err, OW_E_PARSE, c0, c1, what, msg);
  }
  *out = (int)v;
  return OW_OK;
}

/*
** Reads one finals line into *r. Returns OW_OK, OW_E_NOT_FOUND for the
** placeholder lines at the end of finals files (date and MJD only, no
** values yet), or an error with the columns.
*/
static int parse_line(const line_ctx *lc, eop_row *r, ow_err *err)
{
  int yy, mm, dd, st;
  double mjd, xp_as, yp_as, dut1, dj0, dj;
  char msg[128];
  if (lc->len < 15)
    return line_fail(lc, err, OW_E_PARSE, 1, 15, "date and MJD",
                     "line too short for a finals record");
  if ((st = field_int(lc, 1, 2, "year", &yy, err)) != OW_OK ||
      (st = field_int(lc, 3, 4, "month", &mm, err)) != OW_OK ||
      (st = field_int(lc, 5, 6, "day", &dd, err)) != OW_OK ||
      (st = field_number(lc, 8, 15, "MJD", &mjd, err)) != OW_OK)
    return st;
  if (field_blank(lc, 19, 27) && field_blank(lc, 59, 68))
    return OW_E_NOT_FOUND;
  if (lc->len < FINALS_MIN_COLS)
    return line_fail(lc, err, OW_E_PARSE, 59, 68, "UT1-UTC",
                     "line ends before the Bulletin A UT1-UTC field");
  if ((st = field_number(lc, 19, 27, "PM-x", &xp_as, err)) != OW_OK ||
      (st = field_number(lc, 38, 46, "PM-y", &yp_as, err)) != OW_OK ||
      (st = field_number(lc, 59, 68, "UT1-UTC", &dut1, err)) != OW_OK)
    return st;
  /* The printed date must be the MJD's date: catches shifted columns. */
  yy += mjd < MJD_Y2K ? 1900 : 2000;
  if (eraCal2jd(yy, mm, dd, &dj0, &dj) != 0 || dj != mjd) {
    snprintf(msg, sizeof msg, "MJD %.2f does not match the date %04d-%02d-%02d",
             mjd, yy, mm, dd);
    return line_fail(lc, err, OW_E_PARSE, 1, 15, "date and MJD", msg);
  }
  /* Limits far beyond anything physical (|pole| < 1", |UT1-UTC| < 0.9 s). */
  if (fabs(xp_as) > 10.0 || fabs(yp_as) > 10.0) {
    snprintf(msg, sizeof msg, "polar motion %g\", %g\" beyond 10\"", xp_as,
             yp_as);
    return line_fail(lc, err, OW_E_RANGE, 19, 46, "PM-x/PM-y", msg);
  }
  if (fabs(dut1) > 1.0) {
    snprintf(msg, sizeof msg, "UT1-UTC %g s beyond 1 s", dut1);
    return line_fail(lc, err, OW_E_RANGE, 59, 68, "UT1-UTC", msg);
  }
  r->mjd_utc = mjd;
  r->xp_rad = xp_as * OW_ARCSEC2RAD;
  r->yp_rad = yp_as * OW_ARCSEC2RAD;
  r->dut1_s = dut1;
  r->ut1_tai_s = dut1 - tai_minus_utc_s(mjd);
  return OW_OK;
}

/*
** ow_eop_parse - read an IERS finals2000A or finals.all buffer.
**
** Given:    buf, len  the text (need not be NUL-terminated)
**           source    name for messages (file name), may be NULL
** Returned: *out      new table, malloc'ed, owned by the caller who frees
**                     it with ow_eop_free (NULL on error)
**           err       detail (source, line, columns, reason) or NULL
** Returns:  OW_OK, OW_E_PARSE / OW_E_RANGE (the first bad line, with its
**           columns), OW_E_EMPTY, OW_E_NOMEM, OW_E_ARG
** Notes:    1) Bulletin A values (polar motion 19-27 and 38-46, UT1-UTC
**              59-68) are used: they cover the predictions too.
**           2) The trailing lines that hold only a date are skipped; a
**              record with values after them is an error.
**           3) MJDs must increase strictly.
*/
int ow_eop_parse(ow_eop **out, const char *buf, size_t len,
                 const char *source, ow_err *err)
{
  size_t cap = 0, pos = 0;
  long lineno = 0;
  int ended = 0;
  ow_eop *e;
  ow_err_clear(err);
  if (out == NULL)
    return ow_err_set(err, OW_E_ARG, "", "no output pointer");
  *out = NULL;
  if (buf == NULL && len > 0)
    return ow_err_set(err, OW_E_ARG, "", "no input buffer");
  e = calloc(1, sizeof *e);
  if (e == NULL)
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
  while (pos < len) {
    line_ctx lc;
    eop_row r;
    int st;
    size_t end = pos;
    while (end < len && buf[end] != '\n')
      end++;
    lc.text = buf + pos;
    lc.len = end - pos;
    if (lc.len > 0 && lc.text[lc.len - 1] == '\r')
      lc.len--;
    lc.lineno = ++lineno;
    lc.source = source;
    pos = end + 1;
    if (lc.len == 0)
      continue;
    st = parse_line(&lc, &r, err);
    if (st == OW_E_NOT_FOUND) {
      ended = 1;
      continue;
    }
    if (st == OW_OK && ended)
      st = line_fail(&lc, err, OW_E_PARSE, 19, 68, "values",
                     "record after the end of the tabulated values");
    if (st == OW_OK && e->n > 0 && r.mjd_utc <= e->row[e->n - 1].mjd_utc) {
      char msg[96];
      snprintf(msg, sizeof msg, "MJD %.2f not after the previous %.2f",
               r.mjd_utc, e->row[e->n - 1].mjd_utc);
      st = line_fail(&lc, err, OW_E_PARSE, 8, 15, "MJD", msg);
    }
    if (st != OW_OK) {
      ow_eop_free(e);
      return st;
    }
    if (e->n == cap) {
      size_t ncap = cap ? 2 * cap : 256;
      eop_row *nr = realloc(e->row, ncap * sizeof *nr);
      if (nr == NULL) {
        ow_eop_free(e);
        return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
      }
      e->row = nr;
      cap = ncap;
    }
    e->row[e->n++] = r;
  }
  if (e->n == 0) {
    ow_eop_free(e);
    ow_err_set(err, OW_E_EMPTY, "", "no Earth-orientation records");
    if (err != NULL)
      snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    return OW_E_EMPTY;
  }
  *out = e;
  return OW_OK;
}

/*
** ow_eop_load_file - ow_eop_parse on a whole file. *out is malloc'ed and
** owned by the caller (ow_eop_free). Returns OW_E_IO if it cannot be read.
*/
int ow_eop_load_file(ow_eop **out, const char *path, ow_err *err)
{
  char *buf;
  size_t n;
  int st;
  ow_err_clear(err);
  if (out == NULL || path == NULL)
    return ow_err_set(err, OW_E_ARG, "", "no path or no output pointer");
  *out = NULL;
  st = ow__file_read(path, OW__FILE_MAX_TABLE, &buf, &n, err);
  if (st != OW_OK)
    return st;
  st = ow_eop_parse(out, buf, n, path, err);
  free(buf);
  return st;
}

void ow_eop_free(ow_eop *eop)
{
  if (eop == NULL)
    return;
  free(eop->row);
  free(eop);
}

/* First and last tabulated MJD (UTC) and the number of rows. */
int ow_eop_span(const ow_eop *eop, double *mjd_first, double *mjd_last,
                size_t *n)
{
  if (eop == NULL || eop->n == 0)
    return OW_E_ARG;
  if (mjd_first)
    *mjd_first = eop->row[0].mjd_utc;
  if (mjd_last)
    *mjd_last = eop->row[eop->n - 1].mjd_utc;
  if (n)
    *n = eop->n;
  return OW_OK;
}

/* ---- Interpolation ------------------------------------------------------- */

/*
** ow_eop_at - UT1-UTC and polar motion at a UTC instant.
**
** Given:    eop      const ow_eop*  table, or NULL for the default
**           jd_utc   ow_jd          instant (UTC quasi-JD)
** Returned: dut1_s   double*        UT1-UTC, s
**           xp_rad   double*        polar motion x, rad
**           yp_rad   double*        polar motion y, rad
** Returns:  OW_OK; OW_W_EOP_RANGE outside the table (values of the
**           nearest end); OW_E_ARG for a NULL output (others zeroed).
** Notes:    1) eop == NULL gives UT1 = UTC and no polar motion: the
**              documented default of orbwatch.
**           2) Linear in time between the two bracketing days, on UT1-TAI
**              so that a leap second between them is no 1 s ramp.
**           3) The UTC quasi-JD of a leap-second day is stretched by
**              1/86400 over that day; the resulting time error (< 1 s
**              during that one day) is far below the tabulation noise.
*/
int ow_eop_at(const ow_eop *eop, ow_jd jd_utc, double *dut1_s,
              double *xp_rad, double *yp_rad)
{
  double mjd, t;
  size_t lo, hi;
  const eop_row *a, *b;
  if (dut1_s == NULL || xp_rad == NULL || yp_rad == NULL) {
    if (dut1_s)
      *dut1_s = 0.0;
    if (xp_rad)
      *xp_rad = 0.0;
    if (yp_rad)
      *yp_rad = 0.0;
    return OW_E_ARG;
  }
  *dut1_s = *xp_rad = *yp_rad = 0.0;
  if (eop == NULL)
    return OW_OK;
  mjd = (jd_utc.day - OW_JD_MJD0) + jd_utc.frac;
  if (!(mjd >= eop->row[0].mjd_utc) || mjd > eop->row[eop->n - 1].mjd_utc) {
    const eop_row *edge =
        mjd > eop->row[eop->n - 1].mjd_utc ? &eop->row[eop->n - 1]
                                            : &eop->row[0];
    *dut1_s = edge->dut1_s;
    *xp_rad = edge->xp_rad;
    *yp_rad = edge->yp_rad;
    return OW_W_EOP_RANGE;
  }
  /* Binary search for row[lo].mjd <= mjd <= row[hi].mjd, hi = lo + 1. */
  lo = 0;
  hi = eop->n - 1;
  if (hi == 0) {
    *dut1_s = eop->row[0].dut1_s;
    *xp_rad = eop->row[0].xp_rad;
    *yp_rad = eop->row[0].yp_rad;
    return OW_OK;
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (eop->row[mid].mjd_utc <= mjd)
      lo = mid;
    else
      hi = mid;
  }
  a = &eop->row[lo];
  b = &eop->row[hi];
  t = (mjd - a->mjd_utc) / (b->mjd_utc - a->mjd_utc);
  *xp_rad = a->xp_rad + t * (b->xp_rad - a->xp_rad);
  *yp_rad = a->yp_rad + t * (b->yp_rad - a->yp_rad);
  *dut1_s = a->ut1_tai_s + t * (b->ut1_tai_s - a->ut1_tai_s) +
            tai_minus_utc_s(mjd);
  return OW_OK;
}

/*
** ow_utc_to_ut1 - UTC to UT1 with the table's UT1-UTC (NULL: UT1 = UTC).
** Returns: OW_OK, OW_W_EOP_RANGE, OW_W_LEAP_DUBIOUS, OW_E_RANGE, OW_E_ARG.
** Reference: eraUtcut1.
*/
int ow_utc_to_ut1(const ow_eop *eop, ow_jd utc, ow_jd *ut1)
{
  double dut1, xp, yp, a, b;
  int st, st2;
  if (ut1 == NULL)
    return OW_E_ARG;
  ut1->day = ut1->frac = 0.0;
  st = ow_eop_at(eop, utc, &dut1, &xp, &yp);
  if (st < 0)
    return st;
  st2 = eraUtcut1(utc.day, utc.frac, dut1, &a, &b);
  if (st2 < 0)
    return OW_E_RANGE;
  *ut1 = ow__jd_norm(a, b);
  if (st != OW_OK)
    return st;
  return st2 > 0 ? OW_W_LEAP_DUBIOUS : OW_OK;
}
