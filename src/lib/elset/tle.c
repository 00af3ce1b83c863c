/*
** tle.c - two-line element sets.
**
** Exports ow_tle_parse_lines, ow_tle_format, ow_alpha5_decode/encode and,
** for the catalog reader, ow__tle_parse (one record from counted lines) and
** ow__tle_read (every record of a buffer).
**
** Columns are 1-based, as in the format's description (Space-Track's "Basic
** Description of the Two Line Element Set Format"). Every field is read from
** its own columns, and a number is only its digits: a fixed-point field is
** an integer over a power of ten, both exact in a double, so the value is
** the correctly rounded double of its text (what strtod would give), and a
** NaN, "inf", a letter, a non-breaking space or any other byte is an error
** that names the columns and quotes the text. How the line spelled what the
** format leaves free is kept in tle_hints (see elset.h) for the writer.
*/
#include "elset_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TLE_COLS 69 /* columns of a TLE line, checksum included */
#define FIRST_ALPHA5 100000u

/* Powers of ten that a double holds exactly (up to 1e22). */
static const double POW10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                               1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16};

/* Alpha-5 letters: A = 10 ... Z = 33, without I and O (they look like
   1 and 0). */
static const char ALPHA5_LETTERS[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- diagnostics ------------------------------------------------------ */

/*
** Report field `what` in columns a..b of TLE line `no`:
** field "line 2 column 27-33", message `eccentricity "12x4567" <reason>`.
*/
static int field_err(ow_err *err, int code, int no, const char *s, int a,
                     int b, const char *what, const char *reason)
{
  char field[32], text[64];
  if (err == NULL)
    return code;
  if (a == b)
    snprintf(field, sizeof field, "line %d column %d", no, a);
  else
    snprintf(field, sizeof field, "line %d column %d-%d", no, a, b);
  ow__quote_text(s + a - 1, (size_t)(b - a + 1), text, sizeof text);
  return ow_err_set(err, code, field, "%s \"%s\" %s", what, text, reason);
}

/* ---- field readers ------------------------------------------------------ */

/* A fixed-point field: [blanks][sign][digits][.digits]. */
typedef struct fixnum {
  uint64_t ip;   /* integer digits */
  uint64_t fp;   /* fraction digits as an integer */
  int fd;        /* number of fraction digits */
  int neg, plus; /* sign character seen */
  int lead0;     /* a leading zero stands where a blank could */
} fixnum;

/*
** Parse the w bytes at f as a fixed-point number. The fields are at most 14
** wide, so the digits fit a uint64_t and (ip, fp) an exact double.
** Returns 0, or -1 if anything but the pattern (with at least one digit)
** is there.
*/
static int parse_fixed(const char *f, int w, int allow_sign, fixnum *x)
{
  int i = 0, nd = 0;
  memset(x, 0, sizeof *x);
  while (i < w && f[i] == ' ')
    i++;
  if (allow_sign && i < w && (f[i] == '-' || f[i] == '+')) {
    x->neg = f[i] == '-';
    x->plus = f[i] == '+';
    i++;
  }
  if (i + 1 < w && f[i] == '0' && is_digit(f[i + 1]))
    x->lead0 = 1;
  for (; i < w && is_digit(f[i]); i++, nd++)
    x->ip = x->ip * 10 + (uint64_t)(f[i] - '0');
  if (i < w && f[i] == '.') {
    for (i++; i < w && is_digit(f[i]); i++, x->fd++)
      x->fp = x->fp * 10 + (uint64_t)(f[i] - '0');
  }
  return (i == w && nd + x->fd > 0) ? 0 : -1;
}

/* The correctly rounded value of a fixnum (sign included). */
static double fixnum_value(const fixnum *x)
{
  double v = (double)(x->ip * (uint64_t)POW10[x->fd] + x->fp) / POW10[x->fd];
  return x->neg ? -v : v;
}

/* An unsigned integer field: [blanks]digits. */
static int parse_uint(const char *f, int w, uint32_t *v, int *lead0)
{
  int i = 0;
  uint32_t r = 0;
  while (i < w && f[i] == ' ')
    i++;
  if (i == w)
    return -1;
  if (lead0)
    *lead0 = (i + 1 < w && f[i] == '0');
  for (; i < w; i++) {
    if (!is_digit(f[i]))
      return -1;
    r = r * 10 + (uint32_t)(f[i] - '0');
  }
  *v = r;
  return 0;
}

/*
** An exponent field of 8 columns, "SMMMMMse": sign (blank, '+', '-'), five
** mantissa digits with an implied leading decimal point, exponent sign and
** digit, e.g. "-11606-4" = -0.11606e-4, " 00000-0" = 0.
*/
static int parse_expfield(const char *f, double *v, int *plus, int *exp_alt)
{
  uint32_t m = 0;
  int e;
  if (f[0] != ' ' && f[0] != '+' && f[0] != '-')
    return -1;
  for (int i = 1; i <= 5; i++) {
    if (!is_digit(f[i]))
      return -1;
    m = m * 10 + (uint32_t)(f[i] - '0');
  }
  if ((f[6] != '+' && f[6] != '-') || !is_digit(f[7]))
    return -1;
  e = f[7] - '0';
  if (f[6] == '-')
    e = -e;
  /* value = 0.MMMMM * 10^e = m * 10^(e-5); |e-5| <= 14, exact powers. */
  *v = e - 5 < 0 ? (double)m / POW10[5 - e] : (double)m * POW10[e - 5];
  if (f[0] == '-')
    *v = -*v;
  *plus = f[0] == '+';
  /* The canonical sign of a zero exponent: '-' for a zero value, '+'
     otherwise (Space-Track's usage). */
  *exp_alt = e == 0 && ((m == 0) != (f[6] == '-'));
  return 0;
}

/*
** Decode a 5-column catalog field: digits, possibly blank-padded, or Alpha-5
** (a letter other than I and O, then four digits). Sets *spaces when the
** number was blank-padded.
*/
static int alpha5_decode(const char *f, uint32_t *norad, int *spaces)
{
  const char *l;
  *spaces = 0;
  if (f[0] >= 'A' && f[0] <= 'Z') {
    uint32_t r;
    l = strchr(ALPHA5_LETTERS, f[0]);
    if (l == NULL)
      return -1;
    r = (uint32_t)(l - ALPHA5_LETTERS) + 10;
    for (int i = 1; i < 5; i++) {
      if (!is_digit(f[i]))
        return -1;
      r = r * 10 + (uint32_t)(f[i] - '0');
    }
    *norad = r;
    return 0;
  }
  *spaces = f[0] == ' ';
  return parse_uint(f, 5, norad, NULL);
}

int ow_alpha5_decode(const char *field5, uint32_t *norad, ow_err *err)
{
  int spaces;
  uint32_t v = 0;
  if (field5 == NULL || norad == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL argument");
  if (strnlen(field5, 5) < 5 || alpha5_decode(field5, &v, &spaces) != 0) {
    char text[32];
    *norad = 0;
    ow__quote_text(field5, strnlen(field5, 5), text, sizeof text);
    return ow_err_set(err, OW_E_PARSE, "",
                      "catalog number \"%s\" is neither a number nor Alpha-5",
                      text);
  }
  *norad = v;
  return OW_OK;
}

int ow_alpha5_encode(uint32_t norad, char out[6])
{
  if (norad > OW_ALPHA5_MAX) {
    out[0] = '\0';
    return OW_E_TOO_BIG;
  }
  if (norad < FIRST_ALPHA5) {
    snprintf(out, 6, "%05u", (unsigned)norad);
  } else {
    out[0] = ALPHA5_LETTERS[norad / 10000 - 10];
    snprintf(out + 1, 5, "%04u", (unsigned)(norad % 10000));
  }
  return OW_OK;
}

/* ---- calendar ------------------------------------------------------------ */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

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

/* ---- reading one record ----------------------------------------------------- */

/* Blank columns between the fields of line 1 and line 2. */
static const int L1_BLANKS[] = {2, 9, 18, 33, 44, 53, 62, 64};
static const int L2_BLANKS[] = {2, 8, 17, 26, 34, 43, 52};

/* Modulo-10 checksum of columns 1-68: digits count their value, '-' one. */
static int checksum(const char *s)
{
  int sum = 0;
  for (int i = 0; i < TLE_COLS - 1; i++) {
    if (is_digit(s[i]))
      sum += s[i] - '0';
    else if (s[i] == '-')
      sum += 1;
  }
  return sum % 10;
}

/* Is this valid UTF-8 without control characters? */
int ow__utf8_text_ok(const unsigned char *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t k;
    uint32_t cp;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        return 0;
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      k = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      k = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      k = 3;
      cp = c & 0x07;
    } else {
      return 0;
    }
    if (i + k >= n)
      return 0;
    for (size_t j = 1; j <= k; j++) {
      if ((s[i + j] & 0xc0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + j] & 0x3f);
    }
    /* Overlong forms, surrogates and code points above U+10FFFF. */
    if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return 0;
    i += k + 1;
  }
  return 1;
}

static int read_name(const char *nm, size_t n, ow_elset *e, ow_err *err)
{
  size_t len;
  uint32_t hints;
  if (n > 0 && nm[n - 1] == '\r')
    n--;
  if (n >= 2 && nm[0] == '0' && nm[1] == ' ') {
    hints = OW_TLE_HINT_NAME_LINE0;
    nm += 2;
    n -= 2;
  } else if (n == 1 && nm[0] == '0') {
    hints = OW_TLE_HINT_NAME_LINE0;
    n = 0;
  } else {
    hints = OW_TLE_HINT_NAME_BARE;
  }
  len = n;
  while (len > 0 && (nm[len - 1] == ' ' || nm[len - 1] == '\t'))
    len--;
  if (len < n && n <= OW_TLE_HINT_NAME_WIDTH_MASK && nm[len] == ' ' &&
      memchr(nm + len, '\t', n - len) == NULL)
    hints |= (uint32_t)n << OW_TLE_HINT_NAME_WIDTH_SHIFT;
  if (len > OW_NAME_MAX) {
    char text[64];
    ow__quote_text(nm, 40, text, sizeof text);
    return ow_err_set(err, OW_E_PARSE, "line 0",
                      "name \"%s...\" is longer than %d bytes", text,
                      OW_NAME_MAX);
  }
  if (!ow__utf8_text_ok((const unsigned char *)nm, len)) {
    char text[OW_NAME_MAX * 4 + 8];
    ow__quote_text(nm, len, text, sizeof text);
    return ow_err_set(err, OW_E_PARSE, "line 0",
                      "name \"%s\" is not UTF-8 text", text);
  }
  memcpy(e->name, nm, len);
  e->name[len] = '\0';
  e->tle_hints |= hints;
  return OW_OK;
}

/* The fields of each line, to name the place of a stray byte. */
typedef struct colspan {
  int a, b;
  const char *name;
} colspan;
static const colspan L1_FIELDS[] = {
    {1, 1, "line number"},          {3, 7, "catalog number"},
    {8, 8, "classification"},       {10, 17, "international designator"},
    {19, 32, "epoch"},              {34, 43, "mean motion derivative"},
    {45, 52, "mean motion second derivative"}, {54, 61, "B*"},
    {63, 63, "ephemeris type"},     {65, 68, "element set number"},
    {69, 69, "checksum"},           {0, 0, NULL}};
static const colspan L2_FIELDS[] = {
    {1, 1, "line number"},          {3, 7, "catalog number"},
    {9, 16, "inclination"},
    {18, 25, "right ascension of the ascending node"},
    {27, 33, "eccentricity"},       {35, 42, "argument of perigee"},
    {44, 51, "mean anomaly"},       {53, 63, "mean motion"},
    {64, 68, "revolution number"},  {69, 69, "checksum"},
    {0, 0, NULL}};

/*
** A byte that is not printable ASCII (a non-breaking space pasted from a
** web page, a tab, a NUL) is reported where it is, before it shifts the
** columns and makes a later field look wrong.
*/
static int check_ascii(const char *s, size_t n, int no, ow_err *err)
{
  size_t lim = n < TLE_COLS ? n : TLE_COLS;
  for (size_t i = 0; i < lim; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f)
      continue;
    {
      char field[32], what[96] = "";
      const colspan *f = no == 1 ? L1_FIELDS : L2_FIELDS;
      int col = (int)i + 1;
      for (; f->name != NULL; f++)
        if (col >= f->a && col <= f->b) {
          snprintf(what, sizeof what, " in %s (columns %d-%d)", f->name,
                   f->a, f->b);
          break;
        }
      if (what[0] == '\0')
        snprintf(what, sizeof what, " where a blank belongs");
      snprintf(field, sizeof field, "line %d column %d", no, col);
      if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0)
        return ow_err_set(err, OW_E_PARSE, field,
                          "non-breaking space \"\\xC2\\xA0\"%s", what);
      return ow_err_set(err, OW_E_PARSE, field,
                        "byte \"\\x%02X\" is not printable ASCII%s", c,
                        what);
    }
  }
  return OW_OK;
}

/* Common checks of a line: length, line number, blank columns. */
static int check_line(const char *s, size_t n, int no, const int *blanks,
                      size_t nblanks, int ignore_checksum, ow_err *err)
{
  if (n < TLE_COLS - 1 || (n == TLE_COLS - 1 && !ignore_checksum)) {
    char text[96], field[16];
    snprintf(field, sizeof field, "line %d", no);
    ow__quote_text(s, n < 40 ? n : 40, text, sizeof text);
    return ow_err_set(err, OW_E_PARSE, field,
                      "truncated: %zu columns, %d expected (\"%s%s\")", n,
                      TLE_COLS, text, n > 40 ? "..." : "");
  }
  if (check_ascii(s, n, no, err) != OW_OK)
    return OW_E_PARSE;
  if (s[0] != '0' + no)
    return field_err(err, OW_E_PARSE, no, s, 1, 1, "line number",
                     no == 1 ? "is not 1" : "is not 2");
  for (size_t i = 0; i < nblanks; i++)
    if (s[blanks[i] - 1] != ' ')
      return field_err(err, OW_E_PARSE, no, s, blanks[i], blanks[i],
                       "separator", "is not a blank");
  return OW_OK;
}

static int read_line1(const char *s, ow_elset *e, uint32_t *hints,
                      ow_err *err)
{
  fixnum x;
  uint32_t u;
  int spaces, plus, alt, lead0;
  double v;

  if (alpha5_decode(s + 2, &e->norad, &spaces) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 3, 7, "catalog number",
                     "is neither a number nor Alpha-5");
  if (spaces)
    *hints |= OW_TLE_HINT_NORAD_SPACES;

  if (s[7] != 'U' && s[7] != 'C' && s[7] != 'S')
    return field_err(err, OW_E_PARSE, 1, s, 8, 8, "classification",
                     "is not U, C or S");
  e->classification = s[7];

  {
    int k = 8;
    while (k > 0 && s[9 + k - 1] == ' ')
      k--;
    for (int i = 0; i < k; i++)
      if (s[9 + i] <= ' ' || s[9 + i] > '~')
        return field_err(err, OW_E_PARSE, 1, s, 10, 17,
                         "international designator",
                         "is not printable ASCII without blanks");
    memcpy(e->object_id, s + 9, (size_t)k);
    e->object_id[k] = '\0';
  }

  /* Epoch: two-digit year (57-99 = 19xx, 00-56 = 20xx, as NORAD defined it
     when Sputnik's elements were the first), then day of year. */
  if (!is_digit(s[18]) || !is_digit(s[19]) ||
      parse_fixed(s + 20, 12, 0, &x) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 19, 32, "epoch", "is not a number");
  {
    int yy = (s[18] - '0') * 10 + (s[19] - '0');
    int year = yy >= 57 ? 1900 + yy : 2000 + yy;
    int ndays = is_leap(year) ? 366 : 365;
    if (x.ip < 1 || x.ip > (uint64_t)ndays)
      return field_err(err, OW_E_RANGE, 1, s, 19, 32, "epoch",
                       "has a day of year outside the year");
    e->epoch_year = year;
    e->epoch_utc.day = (double)(ow__jdn_jan1(year) + (long)x.ip - 1) - 0.5;
    e->epoch_utc.frac = (double)x.fp / POW10[x.fd];
    e->epoch_doy = (double)x.ip + e->epoch_utc.frac;
  }

  if (parse_fixed(s + 33, 10, 1, &x) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 34, 43,
                     "mean motion derivative", "is not a number");
  if (x.plus)
    *hints |= OW_TLE_HINT_NDOT_PLUS_SIGN;
  e->ndot_rev_day2 = fixnum_value(&x);
  /* The field has no integer digits in the standard; allow "0.", refuse
     |ndot| >= 1 rev/day^2, which cannot be written back. */
  if (x.ip != 0)
    return field_err(err, OW_E_RANGE, 1, s, 34, 43, "mean motion derivative",
                     "is not below 1 in magnitude");

  if (parse_expfield(s + 44, &v, &plus, &alt) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 45, 52,
                     "mean motion second derivative",
                     "is not a number of the form \" 12345-5\"");
  e->nddot_rev_day3 = v;
  if (plus)
    *hints |= OW_TLE_HINT_NDDOT_PLUS_SIGN;
  if (alt)
    *hints |= OW_TLE_HINT_NDDOT_EXP_ALT;

  if (parse_expfield(s + 53, &v, &plus, &alt) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 54, 61, "B*",
                     "is not a number of the form \" 12345-5\"");
  e->bstar_per_er = v;
  if (plus)
    *hints |= OW_TLE_HINT_BSTAR_PLUS_SIGN;
  if (alt)
    *hints |= OW_TLE_HINT_BSTAR_EXP_ALT;

  if (s[62] == ' ') {
    e->ephemeris_type = 0;
    *hints |= OW_TLE_HINT_EPHEM_BLANK;
  } else if (is_digit(s[62])) {
    e->ephemeris_type = s[62] - '0';
  } else {
    return field_err(err, OW_E_PARSE, 1, s, 63, 63, "ephemeris type",
                     "is not a digit");
  }

  if (parse_uint(s + 64, 4, &u, &lead0) != 0)
    return field_err(err, OW_E_PARSE, 1, s, 65, 68, "element set number",
                     "is not a number");
  e->element_set_no = (int)u;
  if (lead0)
    *hints |= OW_TLE_HINT_ELNUM_ZERO_PAD;
  return OW_OK;
}

/* An angle field of line 2 in [0, max) (or [0, max] when max_incl). */
static int read_angle(const char *s, int a, const char *what, double max,
                      int max_incl, uint32_t zero_hint, double *out,
                      uint32_t *hints, ow_err *err)
{
  fixnum x;
  double v;
  if (parse_fixed(s + a - 1, 8, 0, &x) != 0)
    return field_err(err, OW_E_PARSE, 2, s, a, a + 7, what, "is not a number");
  v = fixnum_value(&x);
  if (max_incl ? v > max : v >= max)
    return field_err(err, OW_E_RANGE, 2, s, a, a + 7, what,
                     max_incl ? "is above 180 degrees"
                              : "is not below 360 degrees");
  if (x.lead0)
    *hints |= zero_hint;
  *out = v;
  return OW_OK;
}

static int read_line2(const char *s, ow_elset *e, uint32_t *hints,
                      ow_err *err)
{
  fixnum x;
  uint32_t u;
  int lead0, rc;

  if ((rc = read_angle(s, 9, "inclination", 180.0, 1,
                       OW_TLE_HINT_INCL_ZERO_PAD, &e->incl_deg, hints, err)))
    return rc;
  if ((rc = read_angle(s, 18, "right ascension of the ascending node", 360.0,
                       0, OW_TLE_HINT_RAAN_ZERO_PAD, &e->raan_deg, hints,
                       err)))
    return rc;

  /* Eccentricity: seven digits after an implied "0.". */
  u = 0;
  for (int i = 26; i < 33; i++) {
    if (!is_digit(s[i]))
      return field_err(err, OW_E_PARSE, 2, s, 27, 33, "eccentricity",
                       "is not a number");
    u = u * 10 + (uint32_t)(s[i] - '0');
  }
  e->ecc = (double)u / 1e7;

  if ((rc = read_angle(s, 35, "argument of perigee", 360.0, 0,
                       OW_TLE_HINT_ARGP_ZERO_PAD, &e->argp_deg, hints, err)))
    return rc;
  if ((rc = read_angle(s, 44, "mean anomaly", 360.0, 0,
                       OW_TLE_HINT_MA_ZERO_PAD, &e->mean_anom_deg, hints,
                       err)))
    return rc;

  if (parse_fixed(s + 52, 11, 0, &x) != 0)
    return field_err(err, OW_E_PARSE, 2, s, 53, 63, "mean motion",
                     "is not a number");
  e->n_rev_day = fixnum_value(&x);
  if (!(e->n_rev_day > 0.0))
    return field_err(err, OW_E_RANGE, 2, s, 53, 63, "mean motion",
                     "is not positive");
  /* The field is NN.NNNNNNNN: a point left out must not make it bigger. */
  if (e->n_rev_day >= 100.0)
    return field_err(err, OW_E_RANGE, 2, s, 53, 63, "mean motion",
                     "is not below 100 rev/day");
  if (x.lead0)
    *hints |= OW_TLE_HINT_MM_ZERO_PAD;

  if (parse_uint(s + 63, 5, &u, &lead0) != 0)
    return field_err(err, OW_E_PARSE, 2, s, 64, 68, "revolution number",
                     "is not a number");
  e->rev_at_epoch = u;
  if (lead0)
    *hints |= OW_TLE_HINT_REV_ZERO_PAD;
  return OW_OK;
}

/* Checksum of one line; OW_OK, or the error / warning in err. */
static int check_sum(const char *s, size_t n, int no, int ignore,
                     ow_err *err)
{
  char field[32];
  int want;
  if (n >= TLE_COLS && is_digit(s[TLE_COLS - 1]) &&
      s[TLE_COLS - 1] - '0' == checksum(s))
    return OW_OK; /* the common case, without formatting anything */
  snprintf(field, sizeof field, "line %d column 69", no);
  if (n < TLE_COLS)
    return ow_err_set(err, ignore ? OW_W_CHECKSUM : OW_E_CHECKSUM, field,
                      "checksum missing");
  if (!is_digit(s[TLE_COLS - 1]))
    return field_err(err, ignore ? OW_W_CHECKSUM : OW_E_CHECKSUM, no, s,
                     TLE_COLS, TLE_COLS, "checksum", "is not a digit");
  want = checksum(s);
  if (s[TLE_COLS - 1] - '0' != want)
    return ow_err_set(err, ignore ? OW_W_CHECKSUM : OW_E_CHECKSUM, field,
                      "checksum is %c, the line sums to %d%s",
                      s[TLE_COLS - 1], want,
                      ignore ? " (accepted: checksums ignored)" : "");
  return OW_OK;
}

int ow__tle_parse(const char *name, size_t name_n, const char *l1, size_t n1,
                  const char *l2, size_t n2, const ow_read_opts *opts,
                  ow_elset *e, ow_err *err, int *bad_line)
{
  int ignore = opts != NULL && opts->ignore_checksum;
  uint32_t hints = 0;
  int rc, rc1, rc2;

  memset(e, 0, sizeof *e);
  *bad_line = 0;
  if (name != NULL && (rc = read_name(name, name_n, e, err)) != OW_OK)
    goto fail;
  if (n1 > 0 && l1[n1 - 1] == '\r')
    n1--;
  if (n2 > 0 && l2[n2 - 1] == '\r')
    n2--;

  *bad_line = 1;
  if ((rc = check_line(l1, n1, 1, L1_BLANKS,
                       sizeof L1_BLANKS / sizeof L1_BLANKS[0], ignore, err)))
    goto fail;
  *bad_line = 2;
  if ((rc = check_line(l2, n2, 2, L2_BLANKS,
                       sizeof L2_BLANKS / sizeof L2_BLANKS[0], ignore, err)))
    goto fail;
  *bad_line = 1;
  if ((rc = read_line1(l1, e, &hints, err)))
    goto fail;
  *bad_line = 2;
  {
    uint32_t n2cat;
    int sp;
    if (alpha5_decode(l2 + 2, &n2cat, &sp) != 0) {
      rc = field_err(err, OW_E_PARSE, 2, l2, 3, 7, "catalog number",
                     "is neither a number nor Alpha-5");
      goto fail;
    }
    if (n2cat != e->norad) {
      char t1[16];
      ow__quote_text(l1 + 2, 5, t1, sizeof t1);
      rc = field_err(err, OW_E_PARSE, 2, l2, 3, 7, "catalog number",
                     "differs from line 1");
      if (err != NULL) {
        size_t k = strlen(err->msg);
        snprintf(err->msg + k, sizeof err->msg - k, " (\"%s\")", t1);
      }
      goto fail;
    }
  }
  if ((rc = read_line2(l2, e, &hints, err)))
    goto fail;

  /* Fields first, checksums last: a typo in a field gets the message that
     names the field rather than only "checksum". */
  {
    /* w1 and w2 are only written when a checksum is wrong. */
    ow_err w1, w2;
    rc1 = check_sum(l1, n1, 1, ignore, &w1);
    rc2 = check_sum(l2, n2, 2, ignore, &w2);
    if (rc1 != OW_OK || rc2 != OW_OK) {
      /* The first line with a wrong checksum is the one reported. */
      *bad_line = rc1 != OW_OK ? 1 : 2;
      rc = rc1 != OW_OK ? rc1 : rc2;
      if (err != NULL)
        *err = rc1 != OW_OK ? w1 : w2;
      if (rc < 0)
        goto fail;
      e->tle_hints |= hints;
      return rc;
    }
  }
  e->tle_hints |= hints;
  *bad_line = 0;
  return OW_OK;

fail:
  memset(e, 0, sizeof *e);
  return rc;
}

int ow_tle_parse_lines(const char *name, const char *l1, const char *l2,
                       const ow_read_opts *opts, ow_elset *e, ow_err *err)
{
  int bad;
  size_t n1, n2;
  if (e == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL element set");
  if (l1 == NULL || l2 == NULL) {
    memset(e, 0, sizeof *e);
    return ow_err_set(err, OW_E_ARG, "", "NULL line");
  }
  n1 = strcspn(l1, "\n");
  n2 = strcspn(l2, "\n");
  return ow__tle_parse(name, name ? strcspn(name, "\n") : 0, l1, n1, l2, n2,
                       opts, e, err, &bad);
}

/* ---- reading a whole buffer -------------------------------------------- */

/* A line of the buffer without its line end, and its 1-based number. */
typedef struct span {
  const char *p;
  size_t n;
  long no;
} span;

typedef struct line_iter {
  const char *buf;
  size_t len, pos;
  long no;
} line_iter;

static int is_blank_line(const span *l)
{
  for (size_t i = 0; i < l->n; i++)
    if (l->p[i] != ' ' && l->p[i] != '\t')
      return 0;
  return 1;
}

/* Comment lines: '#' (as in the verification set) or "//". */
static int is_comment_line(const span *l)
{
  return (l->n >= 1 && l->p[0] == '#') ||
         (l->n >= 2 && l->p[0] == '/' && l->p[1] == '/');
}

/* Next line that is neither blank nor a comment; 0 at the end. */
static int next_line(line_iter *it, span *out)
{
  while (it->pos < it->len) {
    const char *p = it->buf + it->pos;
    const char *nl = memchr(p, '\n', it->len - it->pos);
    size_t n = nl ? (size_t)(nl - p) : it->len - it->pos;
    it->pos += n + (nl != NULL);
    it->no++;
    if (n > 0 && p[n - 1] == '\r')
      n--;
    out->p = p;
    out->n = n;
    out->no = it->no;
    if (!is_blank_line(out) && !is_comment_line(out))
      return 1;
  }
  return 0;
}

static int looks_l1(const span *l)
{
  return l->n >= 2 && l->p[0] == '1' && l->p[1] == ' ';
}

static int looks_l2(const span *l)
{
  return l->n >= 2 && l->p[0] == '2' && l->p[1] == ' ';
}

/* Report a line that belongs to no record. */
static void stray(const span *l, const char *why, const char *source,
                  ow_diag_fn diag, void *user, ow_load_stats *st)
{
  ow_err err;
  char text[64];
  ow_err_clear(&err);
  ow__quote_text(l->p, l->n < 40 ? l->n : 40, text, sizeof text);
  ow_err_set(&err, OW_E_PARSE, "", "%s: \"%s%s\"", why, text,
             l->n > 40 ? "..." : "");
  ow__report(diag, user, &err, source, l->no, st);
}

int ow__tle_read(ow_catalog *cat, const char *buf, size_t len,
                 const char *source, const ow_read_opts *opts,
                 ow_diag_fn diag, void *user, ow_load_stats *st)
{
  line_iter it = {buf, len, 0, 0};
  span la[3];
  int nla = 0;
  size_t found = 0;

  /* A 3LE record takes about 165 bytes: reserve once for the whole buffer
     so that reading does not reallocate as it goes. */
  if (ow__catalog_reserve(cat, cat->n + len / 140 + 1) != OW_OK)
    return OW_E_NOMEM;

  for (;;) {
    const span *name = NULL, *l1, *l2;
    int used, rc, bad;
    ow_elset *slot;
    ow_err err;

    while (nla < 3 && next_line(&it, &la[nla]))
      nla++;
    if (nla == 0)
      break;
    if (nla >= 2 && looks_l1(&la[0]) && looks_l2(&la[1])) {
      l1 = &la[0];
      l2 = &la[1];
      used = 2;
    } else if (nla >= 3 && looks_l1(&la[1]) && looks_l2(&la[2]) &&
               !((looks_l1(&la[0]) || looks_l2(&la[0])) &&
                 la[0].n >= TLE_COLS - 1)) {
      /* A name line; a full-length line 1 or 2 is never taken for one. */
      name = &la[0];
      l1 = &la[1];
      l2 = &la[2];
      used = 3;
    } else {
      found++;
      if (looks_l1(&la[0]))
        stray(&la[0], "line 1 without its line 2", source, diag, user, st);
      else if (looks_l2(&la[0]))
        stray(&la[0], "line 2 without its line 1", source, diag, user, st);
      else
        stray(&la[0], "line is not part of a TLE record", source, diag,
              user, st);
      memmove(la, la + 1, (size_t)(nla - 1) * sizeof la[0]);
      nla--;
      continue;
    }

    found++;
    slot = ow__catalog_slot(cat);
    if (slot == NULL)
      return OW_E_NOMEM;
    rc = ow__tle_parse(name ? name->p : NULL, name ? name->n : 0, l1->p,
                       l1->n, l2->p, l2->n, opts, slot, &err, &bad);
    if (rc != OW_OK) {
      long at = bad == 0 ? (name ? name->no : l1->no)
                         : bad == 1 ? l1->no : l2->no;
      ow__report(diag, user, &err, source, at, st);
    }
    if (rc >= 0) {
      cat->n++;
      if (st)
        st->loaded++;
    }
    memmove(la, la + used, (size_t)(nla - used) * sizeof la[0]);
    nla -= used;
  }
  return found == 0 ? OW_E_EMPTY : OW_OK;
}

/* ---- writing --------------------------------------------------------------- */

/* Write v (< 10^w) right-aligned in w columns, padded with pad. */
static void put_uint(char *o, int w, uint64_t v, char pad)
{
  for (int i = w - 1; i >= 0; i--) {
    if (v == 0 && i < w - 1) {
      o[i] = pad;
    } else {
      o[i] = (char)('0' + v % 10);
      v /= 10;
    }
  }
}

/*
** Write k / 10^d in w columns with d decimals ("%*.*f" of the value that k
** stands for), blank- or zero-padded. k < 10^(w-1) is the caller's check.
*/
static void put_fixed(char *o, int w, uint64_t k, int d, int zero_pad)
{
  uint64_t ip = k / (uint64_t)POW10[d], fp = k % (uint64_t)POW10[d];
  put_uint(o + w - d, d, fp, '0');
  o[w - d - 1] = '.';
  put_uint(o, w - d - 1, ip, zero_pad ? '0' : ' ');
}

/* Round |v| * 10^d to an integer; the products stay far below 2^53. */
static uint64_t scaled(double v, int d)
{
  return (uint64_t)llround(fabs(v) * POW10[d]);
}

/*
** The 8 columns of an exponent field for v. Sets *lossy when the value
** needed rounding. Returns OW_E_RANGE when |v| >= 1e9 (exponent above 9).
*/
static int put_expfield(char *o, double v, int plus, int exp_alt,
                        int *lossy)
{
  uint64_t m = 0;
  int e = 0;
  double a = fabs(v);
  if (!isfinite(v))
    return OW_E_RANGE;
  if (a != 0.0) {
    /* %.4e rounds correctly from the binary value, so a value read from
       "12345-5" (the double nearest 0.12345e-5) gives back 1.2345e-06. */
    char tmp[32];
    int e10;
    snprintf(tmp, sizeof tmp, "%.4e", a);
    m = (uint64_t)(tmp[0] - '0') * 10000 +
        (uint64_t)((tmp[2] - '0') * 1000 + (tmp[3] - '0') * 100 +
                   (tmp[4] - '0') * 10 + (tmp[5] - '0'));
    e10 = atoi(tmp + 7);
    e = e10 + 1;
    if (e > 9)
      return OW_E_RANGE;
    if (e < -9) {
      /* Below 1e-10: the field can only say zero. */
      m = 0;
      e = 0;
      *lossy = 1;
    } else {
      double back = e - 5 < 0 ? (double)m / POW10[5 - e]
                              : (double)m * POW10[e - 5];
      if (back != a)
        *lossy = 1;
    }
  }
  o[0] = signbit(v) ? '-' : plus ? '+' : ' ';
  put_uint(o + 1, 5, m, '0');
  if (e == 0)
    o[6] = ((m == 0) != exp_alt) ? '-' : '+';
  else
    o[6] = e < 0 ? '-' : '+';
  o[7] = (char)('0' + (e < 0 ? -e : e));
  return OW_OK;
}

static void put_checksum(char *line)
{
  line[TLE_COLS - 1] = (char)('0' + checksum(line));
  line[TLE_COLS] = '\0';
}

/* An angle in [0, 360) (or [0, 180]) as "%8.4f"; 360.0000 wraps to 0. */
static int put_angle(char *o, double v, double max, int zero_pad,
                     int *lossy)
{
  uint64_t k;
  if (!(v >= 0.0 && v <= max))
    return OW_E_RANGE;
  k = scaled(v, 4);
  if (max == 360.0 && k >= 3600000) {
    k -= 3600000;
    *lossy = 1;
  } else if ((double)k / 1e4 != v) {
    *lossy = 1;
  }
  put_fixed(o, 8, k, 4, zero_pad);
  return OW_OK;
}

int ow_tle_format(const ow_elset *e, char *line0, char *l1, char *l2,
                  ow_err *err)
{
  uint32_t h;
  int lossy = 0;
  char cat[6];
  char *o;

  if (line0)
    line0[0] = '\0';
  if (l1)
    l1[0] = '\0';
  if (l2)
    l2[0] = '\0';
  if (e == NULL || l1 == NULL || l2 == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL argument");
  h = e->tle_hints;

  if (e->norad > OW_ALPHA5_MAX)
    return ow_err_set(err, OW_E_TOO_BIG, "NORAD_CAT_ID",
                      "catalog number %u is above 339999 (Z9999), the "
                      "largest a TLE can hold; write it as OMM",
                      (unsigned)e->norad);
  if ((h & OW_TLE_HINT_NORAD_SPACES) && e->norad < FIRST_ALPHA5)
    snprintf(cat, sizeof cat, "%5u", (unsigned)e->norad);
  else
    ow_alpha5_encode(e->norad, cat);

  /* ---- line 1 ---- */
  memset(l1, ' ', TLE_COLS);
  o = l1;
  o[0] = '1';
  memcpy(o + 2, cat, 5);
  if (e->classification != 'U' && e->classification != 'C' &&
      e->classification != 'S')
    return ow_err_set(err, OW_E_RANGE, "CLASSIFICATION_TYPE",
                      "classification must be U, C or S");
  o[7] = e->classification;
  {
    size_t k = strnlen(e->object_id, sizeof e->object_id);
    const char *id = e->object_id;
    char tle_id[OW_OBJECT_ID_MAX + 1];
    /* An OMM designator "1998-067A" becomes the TLE's "98067A". */
    if (k >= 9 && id[4] == '-' && is_digit(id[0]) && is_digit(id[3])) {
      snprintf(tle_id, sizeof tle_id, "%c%c%s", id[2], id[3], id + 5);
      id = tle_id;
      k = strlen(id);
    }
    if (k > 8)
      return ow_err_set(err, OW_E_RANGE, "OBJECT_ID",
                        "international designator \"%s\" is longer than "
                        "the 8 columns of a TLE",
                        e->object_id);
    memcpy(o + 9, id, k);
  }
  {
    /* Epoch from the two-part JD, rounded to the 1e-8 day of the field. */
    double d0 = floor(e->epoch_utc.day - 0.5);
    double fr = (e->epoch_utc.day - 0.5 - d0) + e->epoch_utc.frac;
    double fl;
    long jdn;
    int year, doy;
    uint64_t k;
    if (!isfinite(d0) || !isfinite(fr) || fabs(d0) > 1e8)
      return ow_err_set(err, OW_E_RANGE, "EPOCH", "epoch is not a date");
    fl = floor(fr);
    d0 += fl;
    fr -= fl;
    k = (uint64_t)llround(fr * 1e8);
    if (k >= 100000000u) {
      k -= 100000000u;
      d0 += 1.0;
    }
    if ((double)k / 1e8 != fr)
      lossy = 1;
    jdn = (long)d0 + 1;
    ow__jdn_to_year_doy(jdn, &year, &doy);
    if (year < 1957 || year > 2056)
      return ow_err_set(err, OW_E_RANGE, "EPOCH",
                        "epoch year %d is outside 1957-2056, the years a TLE "
                        "can hold",
                        year);
    put_uint(o + 18, 2, (uint64_t)(year % 100), '0');
    put_uint(o + 20, 3, (uint64_t)doy, '0');
    o[23] = '.';
    put_uint(o + 24, 8, k, '0');
  }
  {
    uint64_t k;
    if (!isfinite(e->ndot_rev_day2) ||
        (k = scaled(e->ndot_rev_day2, 8)) >= 100000000u)
      return ow_err_set(err, OW_E_RANGE, "MEAN_MOTION_DOT",
                        "mean motion derivative %g is not below 1 in "
                        "magnitude",
                        e->ndot_rev_day2);
    if ((double)k / 1e8 != fabs(e->ndot_rev_day2))
      lossy = 1;
    o[33] = signbit(e->ndot_rev_day2)             ? '-'
            : (h & OW_TLE_HINT_NDOT_PLUS_SIGN) ? '+'
                                                  : ' ';
    o[34] = '.';
    put_uint(o + 35, 8, k, '0');
  }
  if (put_expfield(o + 44, e->nddot_rev_day3,
                   (h & OW_TLE_HINT_NDDOT_PLUS_SIGN) != 0,
                   (h & OW_TLE_HINT_NDDOT_EXP_ALT) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "MEAN_MOTION_DDOT",
                      "mean motion second derivative %g does not fit the "
                      "TLE field",
                      e->nddot_rev_day3);
  if (put_expfield(o + 53, e->bstar_per_er,
                   (h & OW_TLE_HINT_BSTAR_PLUS_SIGN) != 0,
                   (h & OW_TLE_HINT_BSTAR_EXP_ALT) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "BSTAR",
                      "B* %g does not fit the TLE field", e->bstar_per_er);
  if (e->ephemeris_type < 0 || e->ephemeris_type > 9)
    return ow_err_set(err, OW_E_RANGE, "EPHEMERIS_TYPE",
                      "ephemeris type %d is not a single digit",
                      e->ephemeris_type);
  o[62] = (e->ephemeris_type == 0 && (h & OW_TLE_HINT_EPHEM_BLANK))
              ? ' '
              : (char)('0' + e->ephemeris_type);
  if (e->element_set_no < 0 || e->element_set_no > 9999)
    return ow_err_set(err, OW_E_RANGE, "ELEMENT_SET_NO",
                      "element set number %d is outside 0-9999",
                      e->element_set_no);
  put_uint(o + 64, 4, (uint64_t)e->element_set_no,
           (h & OW_TLE_HINT_ELNUM_ZERO_PAD) ? '0' : ' ');

  /* ---- line 2 ---- */
  memset(l2, ' ', TLE_COLS);
  o = l2;
  o[0] = '2';
  memcpy(o + 2, cat, 5);
  if (put_angle(o + 8, e->incl_deg, 180.0,
                (h & OW_TLE_HINT_INCL_ZERO_PAD) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "INCLINATION",
                      "inclination %g is outside [0,180]", e->incl_deg);
  if (put_angle(o + 17, e->raan_deg, 360.0,
                (h & OW_TLE_HINT_RAAN_ZERO_PAD) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "RA_OF_ASC_NODE",
                      "right ascension of the node %g is outside [0,360)",
                      e->raan_deg);
  {
    uint64_t k;
    if (!(e->ecc >= 0.0 && e->ecc < 1.0) ||
        (k = scaled(e->ecc, 7)) >= 10000000u)
      return ow_err_set(err, OW_E_RANGE, "ECCENTRICITY",
                        "eccentricity %g is outside [0,1)", e->ecc);
    if ((double)k / 1e7 != e->ecc)
      lossy = 1;
    put_uint(o + 26, 7, k, '0');
  }
  if (put_angle(o + 34, e->argp_deg, 360.0,
                (h & OW_TLE_HINT_ARGP_ZERO_PAD) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "ARG_OF_PERICENTER",
                      "argument of perigee %g is outside [0,360)",
                      e->argp_deg);
  if (put_angle(o + 43, e->mean_anom_deg, 360.0,
                (h & OW_TLE_HINT_MA_ZERO_PAD) != 0, &lossy) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "MEAN_ANOMALY",
                      "mean anomaly %g is outside [0,360)",
                      e->mean_anom_deg);
  {
    uint64_t k;
    if (!(e->n_rev_day > 0.0 && e->n_rev_day < 100.0) ||
        (k = scaled(e->n_rev_day, 8)) >= 10000000000u || k == 0)
      return ow_err_set(err, OW_E_RANGE, "MEAN_MOTION",
                        "mean motion %g rev/day is outside (0,100)",
                        e->n_rev_day);
    if ((double)k / 1e8 != e->n_rev_day)
      lossy = 1;
    put_fixed(o + 52, 11, k, 8, (h & OW_TLE_HINT_MM_ZERO_PAD) != 0);
  }
  /* The revolution number wraps at 100000, as in the catalogs. */
  if (e->rev_at_epoch > 99999)
    lossy = 1;
  put_uint(o + 63, 5, e->rev_at_epoch % 100000u,
           (h & OW_TLE_HINT_REV_ZERO_PAD) ? '0' : ' ');

  put_checksum(l1);
  put_checksum(l2);

  if (line0 != NULL && e->name[0] != '\0') {
    size_t k = strnlen(e->name, sizeof e->name);
    size_t w = (h >> OW_TLE_HINT_NAME_WIDTH_SHIFT) & OW_TLE_HINT_NAME_WIDTH_MASK;
    size_t at = 0;
    if (!(h & OW_TLE_HINT_NAME_BARE)) {
      line0[0] = '0';
      line0[1] = ' ';
      at = 2;
    }
    if (w > OW_TLE_LINE_BUF - 1 - at)
      w = OW_TLE_LINE_BUF - 1 - at;
    memcpy(line0 + at, e->name, k);
    while (k < w)
      line0[at + k++] = ' ';
    line0[at + k] = '\0';
  }
  if (lossy)
    return ow_err_set(err, OW_W_PRECISION, "",
                      "values rounded to the precision of the TLE fields");
  return OW_OK;
}
