/*
** omm.c - what the four OMM encodings share (CCSDS 502.0-B-3, Orbit Mean-
** Elements Message, with MEAN_ELEMENT_THEORY = SGP4): the keywords, the
** conversion of each value to and from an ow_elset, the required-keyword
** checks, and the EPOCH text.
**
** The readers (omm_kvn.c, omm_xml.c, omm_json.c, omm_csv.c) find keyword /
** value pairs and hand them to ow__omm_set; ow__omm_finish checks the
** record. The writers take the values from ow__omm_values, so every
** encoding writes the same digits.
**
** EPOCH uses the TLE convention of 86400-second days (a fraction of the day
** times 86400 s, no leap seconds), as Space-Track and CelesTrak do when they
** derive OMMs from element sets; this is the OMM epoch form only, kept here
** so that a TLE epoch (a multiple of 1e-8 day = 864 us) goes to the
** microsecond text and back exactly.
*/
#include "elset_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEY_NAMES[OW__OMM_NKEYS] = {
#define OW__OMM_KEY_NAME(id) #id,
    OW__OMM_KEYS(OW__OMM_KEY_NAME)
#undef OW__OMM_KEY_NAME
};

const char *ow__omm_key_name(int key)
{
  return key >= 0 && key < OW__OMM_NKEYS ? KEY_NAMES[key] : "?";
}

int ow__omm_key(const char *name, size_t n)
{
  for (int i = 0; i < OW__OMM_NKEYS; i++)
    if (strlen(KEY_NAMES[i]) == n && memcmp(KEY_NAMES[i], name, n) == 0)
      return i;
  return -1;
}

void ow__omm_begin(ow__omm_rec *r)
{
  memset(r, 0, sizeof *r);
  r->e.classification = 'U';
}

static int bad_value(ow_err *err, int key, const char *s, size_t n,
                     const char *reason)
{
  char text[80];
  ow__quote_text(s, n, text, sizeof text);
  return ow_err_set(err, OW_E_PARSE, KEY_NAMES[key], "%s \"%s\" %s",
                    KEY_NAMES[key], text, reason);
}

static int out_of_range(ow_err *err, int key, const char *s, size_t n,
                        const char *range)
{
  char text[80];
  ow__quote_text(s, n, text, sizeof text);
  return ow_err_set(err, OW_E_RANGE, KEY_NAMES[key], "%s \"%s\" is %s",
                    KEY_NAMES[key], text, range);
}

/*
** Parse a decimal number: [sign] digits [. digits] [(e|E) [sign] digits],
** with at least one mantissa digit, nothing else (no blanks, "nan", "inf",
** hex or a decimal comma). Returns 0 or -1.
*/
int ow__parse_real(const char *s, size_t n, double *v)
{
  static const double P10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                               1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                               1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  int neg = 0, nd = 0, sig = 0, scale = 0, ex = 0, exneg = 0;
  uint64_t m = 0;
  if (n == 0 || n > 64)
    return -1;
  if (s[i] == '+' || s[i] == '-')
    neg = s[i++] == '-';
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++) {
    if (sig < 19) {
      m = m * 10 + (uint64_t)(s[i] - '0');
      if (m != 0)
        sig++;
    } else {
      scale++; /* digits beyond 19 only scale */
    }
  }
  if (i < n && s[i] == '.') {
    for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++) {
      if (sig < 19) {
        m = m * 10 + (uint64_t)(s[i] - '0');
        if (m != 0)
          sig++;
        scale--;
      }
    }
  }
  if (nd == 0)
    return -1;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    int ed = 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
      exneg = s[i++] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ed++)
      if (ex < 10000)
        ex = ex * 10 + (s[i] - '0');
    if (ed == 0)
      return -1;
  }
  if (i != n)
    return -1;
  scale += exneg ? -ex : ex;
  /* Exact operands give a correctly rounded result (Clinger's fast path);
     anything else goes to strtod on a checked copy. */
  if (m < (1ull << 53) && scale >= -22 && scale <= 22) {
    double x = (double)m;
    x = scale < 0 ? x / P10[-scale] : x * P10[scale];
    *v = neg ? -x : x;
    return 0;
  } else {
    char tmp[72];
    char *end;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    *v = strtod(tmp, &end);
    if (*end != '\0' || !isfinite(*v))
      return -1;
    return 0;
  }
}

/* An unsigned decimal integer of at most 9 digits. */
static int parse_uint9(const char *s, size_t n, uint32_t *v)
{
  uint32_t r = 0;
  if (n == 0 || n > 9)
    return -1;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    r = r * 10 + (uint32_t)(s[i] - '0');
  }
  *v = r;
  return 0;
}

/* ---- epoch ------------------------------------------------------------ */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int dim(int y, int m)
{
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

static int digits(const char *s, size_t n, size_t at, int k, int *v)
{
  int r = 0;
  if (at + (size_t)k > n)
    return -1;
  for (int i = 0; i < k; i++) {
    char c = s[at + (size_t)i];
    if (c < '0' || c > '9')
      return -1;
    r = r * 10 + (c - '0');
  }
  *v = r;
  return 0;
}

/*
** "YYYY-MM-DDThh:mm:ss[.f...][Z]" or "YYYY-DDDThh:mm:ss..." to a two-part
** JD (day at 0h, frac of an 86400-s day). Digits past the ninth decimal are
** checked and dropped. 0 or -1 (syntax), -2 (a field out of range).
*/
int ow__omm_epoch_parse(const char *s, size_t n, ow_jd *jd, int *year)
{
  int y, mo = 0, d = 0, doy = 0, h, mi, sec;
  size_t p;
  uint64_t ns = 0;
  if (digits(s, n, 0, 4, &y) || n < 5 || s[4] != '-')
    return -1;
  if (n > 8 && s[7] == '-') {
    if (digits(s, n, 5, 2, &mo) || digits(s, n, 8, 2, &d))
      return -1;
    p = 10;
    if (mo < 1 || mo > 12 || d < 1 || d > dim(y, mo))
      return -2;
    doy = d;
    for (int m = 1; m < mo; m++)
      doy += dim(y, m);
  } else {
    if (digits(s, n, 5, 3, &doy))
      return -1;
    p = 8;
    if (doy < 1 || doy > (is_leap(y) ? 366 : 365))
      return -2;
  }
  if (p >= n || s[p] != 'T' || digits(s, n, p + 1, 2, &h) ||
      p + 3 >= n || s[p + 3] != ':' || digits(s, n, p + 4, 2, &mi) ||
      p + 6 >= n || s[p + 6] != ':' || digits(s, n, p + 7, 2, &sec))
    return -1;
  p += 9;
  if (p < n && s[p] == '.') {
    int k = 0;
    for (p++; p < n && s[p] >= '0' && s[p] <= '9'; p++, k++)
      if (k < 9)
        ns = ns * 10 + (uint64_t)(s[p] - '0');
    if (k == 0)
      return -1;
    for (; k < 9; k++)
      ns *= 10;
  }
  if (p < n && s[p] == 'Z')
    p++;
  if (p != n)
    return -1;
  /* 23:59:60 is allowed (a leap second) and runs into the next day, as an
     86400-s day fraction must. */
  if (h > 23 || mi > 59 || sec > 60 || (sec == 60 && (h != 23 || mi != 59)))
    return -2;
  if (y < 1000)
    return -2;
  ns += ((uint64_t)h * 3600 + (uint64_t)mi * 60 + (uint64_t)sec) *
        1000000000u;
  {
    /* Both operands are exact (below 2^53): the fraction is correctly
       rounded. */
    double day = (double)(ow__jdn_jan1(y) + doy - 1) - 0.5;
    const uint64_t NS_PER_DAY = 86400000000000u;
    if (ns >= NS_PER_DAY) {
      ns -= NS_PER_DAY;
      day += 1.0;
    }
    jd->day = day;
    jd->frac = (double)ns / (double)NS_PER_DAY;
  }
  *year = y;
  return 0;
}

int ow__omm_epoch_format(ow_jd jd, char *buf, size_t n)
{
  double d0 = floor(jd.day - 0.5);
  double fr = (jd.day - 0.5 - d0) + jd.frac, fl;
  uint64_t us;
  long jdn;
  int y, doy, mo, rest;
  if (!isfinite(d0) || !isfinite(fr) || fabs(d0) > 1e8)
    return OW_E_RANGE;
  fl = floor(fr);
  d0 += fl;
  fr -= fl;
  us = (uint64_t)llround(fr * 86400e6);
  if (us >= 86400000000u) {
    us -= 86400000000u;
    d0 += 1.0;
  }
  jdn = (long)d0 + 1;
  ow__jdn_to_year_doy(jdn, &y, &doy);
  if (y < 1000 || y > 9999)
    return OW_E_RANGE;
  rest = doy;
  for (mo = 1; rest > dim(y, mo); mo++)
    rest -= dim(y, mo);
  snprintf(buf, n, "%04d-%02d-%02dT%02u:%02u:%02u.%06u", y, mo, rest,
           (unsigned)(us / 3600000000u), (unsigned)(us / 60000000u % 60),
           (unsigned)(us / 1000000u % 60), (unsigned)(us % 1000000u));
  return OW_OK;
}

/* ---- reading ---------------------------------------------------------- */

/* Metadata whose value must be one of a few words. */
static int want_word(ow_err *err, int key, const char *s, size_t n,
                     const char *const *ok)
{
  char text[80];
  for (const char *const *w = ok; *w != NULL; w++)
    if (strlen(*w) == n && memcmp(*w, s, n) == 0)
      return OW_OK;
  ow__quote_text(s, n, text, sizeof text);
  return ow_err_set(err, OW_E_UNSUPPORTED, KEY_NAMES[key],
                    "%s \"%s\" is not supported (orbwatch reads SGP4 "
                    "elements: %s)",
                    KEY_NAMES[key], text, ok[0]);
}

int ow__omm_set(ow__omm_rec *r, int key, const char *s, size_t n,
                ow_err *err)
{
  static const char *const CENTER[] = {"EARTH", NULL};
  static const char *const FRAME[] = {"TEME", NULL};
  static const char *const TSYS[] = {"UTC", NULL};
  static const char *const THEORY[] = {"SGP4", "SGP/SGP4", NULL};
  ow_elset *e = &r->e;
  uint32_t u;
  int rc;

  if (key < 0 || key >= OW__OMM_NKEYS)
    return OW_OK;
  /* Trim blanks around the value (KVN pads, XML may indent). */
  while (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' ||
                   s[0] == '\n')) {
    s++;
    n--;
  }
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                   s[n - 1] == '\r' || s[n - 1] == '\n'))
    n--;
  if (r->have & (1ull << key))
    return ow_err_set(err, OW_E_PARSE, KEY_NAMES[key],
                      "%s is given twice in one record", KEY_NAMES[key]);
  r->have |= 1ull << key;

  switch (key) {
  case OW__K_OBJECT_NAME:
    if (n > OW_NAME_MAX)
      return bad_value(err, key, s, n, "is longer than 80 bytes");
    if (!ow__utf8_text_ok((const unsigned char *)s, n))
      return bad_value(err, key, s, n, "is not UTF-8 text");
    memcpy(e->name, s, n);
    e->name[n] = '\0';
    return OW_OK;
  case OW__K_OBJECT_ID:
    if (n > OW_OBJECT_ID_MAX)
      return bad_value(err, key, s, n, "is longer than 16 bytes");
    for (size_t i = 0; i < n; i++)
      if (s[i] <= ' ' || s[i] > '~')
        return bad_value(err, key, s, n,
                         "is not printable ASCII without blanks");
    memcpy(e->object_id, s, n);
    e->object_id[n] = '\0';
    return OW_OK;
  case OW__K_CENTER_NAME:
    return want_word(err, key, s, n, CENTER);
  case OW__K_REF_FRAME:
    return want_word(err, key, s, n, FRAME);
  case OW__K_TIME_SYSTEM:
    return want_word(err, key, s, n, TSYS);
  case OW__K_MEAN_ELEMENT_THEORY:
    return want_word(err, key, s, n, THEORY);
  case OW__K_EPOCH:
    rc = ow__omm_epoch_parse(s, n, &e->epoch_utc, &e->epoch_year);
    if (rc == -1)
      return bad_value(err, key, s, n,
                       "is not a time of the form YYYY-MM-DDThh:mm:ss.ffffff");
    if (rc == -2)
      return out_of_range(err, key, s, n, "not a valid date and time");
    e->epoch_doy =
        (e->epoch_utc.day + 0.5 - (double)ow__jdn_jan1(e->epoch_year)) + 1.0 +
        e->epoch_utc.frac;
    return OW_OK;
  case OW__K_CLASSIFICATION_TYPE:
    if (n != 1 || (s[0] != 'U' && s[0] != 'C' && s[0] != 'S'))
      return bad_value(err, key, s, n, "is not U, C or S");
    e->classification = s[0];
    return OW_OK;
  case OW__K_NORAD_CAT_ID:
  case OW__K_ELEMENT_SET_NO:
  case OW__K_REV_AT_EPOCH:
  case OW__K_EPHEMERIS_TYPE:
    if (parse_uint9(s, n, &u) != 0)
      return bad_value(err, key, s, n,
                       "is not a whole number of at most 9 digits");
    if (key == OW__K_NORAD_CAT_ID)
      e->norad = u;
    else if (key == OW__K_ELEMENT_SET_NO)
      e->element_set_no = (int)u;
    else if (key == OW__K_REV_AT_EPOCH)
      e->rev_at_epoch = u;
    else if (u > 9)
      return out_of_range(err, key, s, n, "not a single digit");
    else
      e->ephemeris_type = (int)u;
    return OW_OK;
  default:
    break;
  }

  /* The real-valued keywords. */
  {
    double v;
    if (ow__parse_real(s, n, &v) != 0)
      return bad_value(err, key, s, n, "is not a number");
    switch (key) {
    case OW__K_MEAN_MOTION:
      if (!(v > 0.0))
        return out_of_range(err, key, s, n, "not positive");
      e->n_rev_day = v;
      break;
    case OW__K_ECCENTRICITY:
      if (!(v >= 0.0 && v < 1.0))
        return out_of_range(err, key, s, n, "not in [0,1)");
      e->ecc = v;
      break;
    case OW__K_INCLINATION:
      if (!(v >= 0.0 && v <= 180.0))
        return out_of_range(err, key, s, n, "not in [0,180] degrees");
      e->incl_deg = v;
      break;
    case OW__K_RA_OF_ASC_NODE:
    case OW__K_ARG_OF_PERICENTER:
    case OW__K_MEAN_ANOMALY:
      if (!(v >= 0.0 && v < 360.0))
        return out_of_range(err, key, s, n, "not in [0,360) degrees");
      if (key == OW__K_RA_OF_ASC_NODE)
        e->raan_deg = v;
      else if (key == OW__K_ARG_OF_PERICENTER)
        e->argp_deg = v;
      else
        e->mean_anom_deg = v;
      break;
    case OW__K_BSTAR:
      e->bstar_per_er = v;
      break;
    case OW__K_MEAN_MOTION_DOT:
      e->ndot_rev_day2 = v;
      break;
    case OW__K_MEAN_MOTION_DDOT:
      e->nddot_rev_day3 = v;
      break;
    default:
      /* Known keywords orbwatch does not use (GM, SEMI_MAJOR_AXIS...)
         are checked as numbers above and otherwise only noted. */
      break;
    }
  }
  return OW_OK;
}

int ow__omm_set_number(ow__omm_rec *r, int key, double v, ow_err *err)
{
  char tmp[40];
  /* Through the same text path so that every check is the same; %.17g
     reproduces the double exactly. */
  if (!isfinite(v))
    return ow_err_set(err, OW_E_PARSE, ow__omm_key_name(key),
                      "%s is not a finite number", ow__omm_key_name(key));
  if ((key == OW__K_NORAD_CAT_ID || key == OW__K_ELEMENT_SET_NO ||
       key == OW__K_REV_AT_EPOCH || key == OW__K_EPHEMERIS_TYPE) &&
      v == floor(v) && v >= 0 && v < 1e9)
    snprintf(tmp, sizeof tmp, "%.0f", v);
  else
    snprintf(tmp, sizeof tmp, "%.17g", v);
  return ow__omm_set(r, key, tmp, strlen(tmp), err);
}

int ow__omm_finish(ow__omm_rec *r, ow_elset *out, ow_err *err)
{
  static const int required[] = {
      OW__K_EPOCH,         OW__K_MEAN_MOTION,       OW__K_ECCENTRICITY,
      OW__K_INCLINATION,   OW__K_RA_OF_ASC_NODE,    OW__K_ARG_OF_PERICENTER,
      OW__K_MEAN_ANOMALY,  OW__K_NORAD_CAT_ID,      OW__K_BSTAR,
      OW__K_MEAN_MOTION_DOT, OW__K_MEAN_MOTION_DDOT};
  for (size_t i = 0; i < sizeof required / sizeof *required; i++)
    if (!(r->have & (1ull << required[i]))) {
      int k = required[i];
      if (k == OW__K_MEAN_MOTION && (r->have & (1ull << OW__K_SEMI_MAJOR_AXIS)))
        return ow_err_set(err, OW_E_UNSUPPORTED, "MEAN_MOTION",
                          "MEAN_MOTION is missing (SGP4 elements give "
                          "MEAN_MOTION, not SEMI_MAJOR_AXIS)");
      if (k == OW__K_BSTAR && (r->have & (1ull << OW__K_BTERM)))
        return ow_err_set(err, OW_E_UNSUPPORTED, "BSTAR",
                          "BSTAR is missing (BTERM is for SGP4-XP, which "
                          "orbwatch does not support)");
      return ow_err_set(err, OW_E_PARSE, KEY_NAMES[k], "%s is missing",
                        KEY_NAMES[k]);
    }
  *out = r->e;
  out->tle_hints = 0;
  return OW_OK;
}

/* ---- writing ----------------------------------------------------------- */

/*
** The shortest of %.15g, %.16g, %.17g that reads back as the same double,
** so values that came from a TLE print as their TLE digits.
*/
static void fmt_real(double v, char *buf, size_t n)
{
  /* "-0.0", not "-0": JSON readers take "-0" for the integer 0. */
  if (v == 0.0 && signbit(v)) {
    snprintf(buf, n, "-0.0");
    return;
  }
  for (int prec = 15; prec <= 17; prec++) {
    double back;
    snprintf(buf, n, "%.*g", prec, v);
    if (ow__parse_real(buf, strlen(buf), &back) == 0 && back == v &&
        signbit(back) == signbit(v))
      return;
  }
}

void ow_object_id_cospar(const char *id, char *out, size_t n)
{
  size_t k = strlen(id);
  if (k >= 6 && k <= 8 && id[0] >= '0' && id[0] <= '9' && id[1] >= '0' &&
      id[1] <= '9' && id[2] >= '0' && id[2] <= '9' && id[3] >= '0' &&
      id[3] <= '9' && id[4] >= '0' && id[4] <= '9') {
    int yy = (id[0] - '0') * 10 + (id[1] - '0');
    snprintf(out, n, "%d%c%c-%s", yy >= 57 ? 19 : 20, id[0], id[1], id + 2);
  } else {
    snprintf(out, n, "%s", id);
  }
}

int ow__omm_values(const ow_elset *e, ow__omm_text *t, ow_err *err)
{
  memset(t, 0, sizeof *t);
  if (!isfinite(e->epoch_utc.day) || !isfinite(e->epoch_utc.frac) ||
      ow__omm_epoch_format(e->epoch_utc, t->v[OW__K_EPOCH],
                           sizeof t->v[0]) != OW_OK)
    return ow_err_set(err, OW_E_RANGE, "EPOCH",
                      "epoch is not a date of years 1000-9999");
  snprintf(t->v[OW__K_OBJECT_NAME], sizeof t->v[0], "%s", e->name);
  ow_object_id_cospar(e->object_id, t->v[OW__K_OBJECT_ID], sizeof t->v[0]);
  snprintf(t->v[OW__K_CENTER_NAME], sizeof t->v[0], "EARTH");
  snprintf(t->v[OW__K_REF_FRAME], sizeof t->v[0], "TEME");
  snprintf(t->v[OW__K_TIME_SYSTEM], sizeof t->v[0], "UTC");
  snprintf(t->v[OW__K_MEAN_ELEMENT_THEORY], sizeof t->v[0], "SGP4");
  fmt_real(e->n_rev_day, t->v[OW__K_MEAN_MOTION], sizeof t->v[0]);
  fmt_real(e->ecc, t->v[OW__K_ECCENTRICITY], sizeof t->v[0]);
  fmt_real(e->incl_deg, t->v[OW__K_INCLINATION], sizeof t->v[0]);
  fmt_real(e->raan_deg, t->v[OW__K_RA_OF_ASC_NODE], sizeof t->v[0]);
  fmt_real(e->argp_deg, t->v[OW__K_ARG_OF_PERICENTER], sizeof t->v[0]);
  fmt_real(e->mean_anom_deg, t->v[OW__K_MEAN_ANOMALY], sizeof t->v[0]);
  snprintf(t->v[OW__K_EPHEMERIS_TYPE], sizeof t->v[0], "%d",
           e->ephemeris_type);
  snprintf(t->v[OW__K_CLASSIFICATION_TYPE], sizeof t->v[0], "%c",
           e->classification ? e->classification : 'U');
  snprintf(t->v[OW__K_NORAD_CAT_ID], sizeof t->v[0], "%u",
           (unsigned)e->norad);
  snprintf(t->v[OW__K_ELEMENT_SET_NO], sizeof t->v[0], "%d",
           e->element_set_no);
  snprintf(t->v[OW__K_REV_AT_EPOCH], sizeof t->v[0], "%u",
           (unsigned)e->rev_at_epoch);
  fmt_real(e->bstar_per_er, t->v[OW__K_BSTAR], sizeof t->v[0]);
  fmt_real(e->ndot_rev_day2, t->v[OW__K_MEAN_MOTION_DOT], sizeof t->v[0]);
  fmt_real(e->nddot_rev_day3, t->v[OW__K_MEAN_MOTION_DDOT], sizeof t->v[0]);
  if (!isfinite(e->n_rev_day) || !isfinite(e->ecc) ||
      !isfinite(e->incl_deg) || !isfinite(e->raan_deg) ||
      !isfinite(e->argp_deg) || !isfinite(e->mean_anom_deg) ||
      !isfinite(e->bstar_per_er) || !isfinite(e->ndot_rev_day2) ||
      !isfinite(e->nddot_rev_day3))
    return ow_err_set(err, OW_E_RANGE, "", "an element is not finite");
  return OW_OK;
}

/* The keywords an OMM writer emits, in CelesTrak's order. */
const int OW__OMM_OUT_KEYS[OW__OMM_NOUT] = {
    OW__K_OBJECT_NAME,      OW__K_OBJECT_ID,         OW__K_EPOCH,
    OW__K_MEAN_MOTION,      OW__K_ECCENTRICITY,      OW__K_INCLINATION,
    OW__K_RA_OF_ASC_NODE,   OW__K_ARG_OF_PERICENTER, OW__K_MEAN_ANOMALY,
    OW__K_EPHEMERIS_TYPE,   OW__K_CLASSIFICATION_TYPE, OW__K_NORAD_CAT_ID,
    OW__K_ELEMENT_SET_NO,   OW__K_REV_AT_EPOCH,      OW__K_BSTAR,
    OW__K_MEAN_MOTION_DOT,  OW__K_MEAN_MOTION_DDOT};
