/*
** cdm.c - CCSDS CDM 508.0-B-1: the keyword table, value checks and the
** assignment logic shared by the KVN (cdm_kvn.c) and XML (cdm_xml.c)
** syntaxes, plus ow_cdm_init, ow_cdm_read, ow_cdm_hbr_m and
** ow_cdm_to_pc_objects. The table is the one place that knows the
** keywords, their sections, types, units and obligations (508.0-B-1
** tables 3-1 to 3-5); readers and writers walk it.
*/
#include "cdm_priv.h"
#include "orbwatch/time.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F0(key, sect, type, unit, member, oblig)                              \
  {key, OW__CDM_S_##sect, OW__CDM_##type, unit, offsetof(ow_cdm, member), oblig}
#define F1(key, sect, type, unit, member, oblig)                              \
  {key, OW__CDM_S_##sect, OW__CDM_##type, unit,                               \
   offsetof(ow_cdm_object, member), oblig}
#define COV(r, c, key, unit)                                                  \
  {key, OW__CDM_S_COV, OW__CDM_REAL, unit, offsetof(ow_cdm_object, cov[r][c]), \
   (r) < 6}

static const ow__cdm_field fields0[] = {
    F0("CCSDS_CDM_VERS", HEADER, TEXT, NULL, version, 1),
    F0("CREATION_DATE", HEADER, EPOCH, NULL, creation_date_utc, 1),
    F0("ORIGINATOR", HEADER, TEXT, NULL, originator, 1),
    F0("MESSAGE_FOR", HEADER, TEXT, NULL, message_for, 0),
    F0("MESSAGE_ID", HEADER, TEXT, NULL, message_id, 1),
    F0("TCA", REL, EPOCH, NULL, tca_utc, 1),
    F0("MISS_DISTANCE", REL, REAL, "m", miss_distance_m, 1),
    F0("RELATIVE_SPEED", REL, REAL, "m/s", relative_speed_m_s, 0),
    F0("RELATIVE_POSITION_R", REL, REAL, "m", relative_position_rtn_m[0], 0),
    F0("RELATIVE_POSITION_T", REL, REAL, "m", relative_position_rtn_m[1], 0),
    F0("RELATIVE_POSITION_N", REL, REAL, "m", relative_position_rtn_m[2], 0),
    F0("RELATIVE_VELOCITY_R", REL, REAL, "m/s", relative_velocity_rtn_m_s[0], 0),
    F0("RELATIVE_VELOCITY_T", REL, REAL, "m/s", relative_velocity_rtn_m_s[1], 0),
    F0("RELATIVE_VELOCITY_N", REL, REAL, "m/s", relative_velocity_rtn_m_s[2], 0),
    F0("START_SCREEN_PERIOD", REL, EPOCH, NULL, start_screen_period_utc, 0),
    F0("STOP_SCREEN_PERIOD", REL, EPOCH, NULL, stop_screen_period_utc, 0),
    F0("SCREEN_VOLUME_FRAME", REL, TEXT, NULL, screen_volume_frame, 0),
    F0("SCREEN_VOLUME_SHAPE", REL, TEXT, NULL, screen_volume_shape, 0),
    F0("SCREEN_VOLUME_X", REL, REAL, "m", screen_volume_m[0], 0),
    F0("SCREEN_VOLUME_Y", REL, REAL, "m", screen_volume_m[1], 0),
    F0("SCREEN_VOLUME_Z", REL, REAL, "m", screen_volume_m[2], 0),
    F0("SCREEN_ENTRY_TIME", REL, EPOCH, NULL, screen_entry_time_utc, 0),
    F0("SCREEN_EXIT_TIME", REL, EPOCH, NULL, screen_exit_time_utc, 0),
    F0("COLLISION_PROBABILITY", REL, REAL, NULL, collision_probability, 0),
    F0("COLLISION_PROBABILITY_METHOD", REL, TEXT, NULL,
       collision_probability_method, 0),
};

static const ow__cdm_field fields1[] = {
    F1("OBJECT", META, TEXT, NULL, object, 1),
    F1("OBJECT_DESIGNATOR", META, TEXT, NULL, object_designator, 1),
    F1("CATALOG_NAME", META, TEXT, NULL, catalog_name, 1),
    F1("OBJECT_NAME", META, TEXT, NULL, object_name, 1),
    F1("INTERNATIONAL_DESIGNATOR", META, TEXT, NULL, international_designator, 1),
    F1("OBJECT_TYPE", META, TEXT, NULL, object_type, 0),
    F1("OPERATOR_CONTACT_POSITION", META, TEXT, NULL, operator_contact_position, 0),
    F1("OPERATOR_ORGANIZATION", META, TEXT, NULL, operator_organization, 0),
    F1("OPERATOR_PHONE", META, TEXT, NULL, operator_phone, 0),
    F1("OPERATOR_EMAIL", META, TEXT, NULL, operator_email, 0),
    F1("EPHEMERIS_NAME", META, TEXT, NULL, ephemeris_name, 1),
    F1("COVARIANCE_METHOD", META, TEXT, NULL, covariance_method, 1),
    F1("MANEUVERABLE", META, TEXT, NULL, maneuverable, 1),
    F1("ORBIT_CENTER", META, TEXT, NULL, orbit_center, 0),
    F1("REF_FRAME", META, TEXT, NULL, ref_frame, 1),
    F1("GRAVITY_MODEL", META, TEXT, NULL, gravity_model, 0),
    F1("ATMOSPHERIC_MODEL", META, TEXT, NULL, atmospheric_model, 0),
    F1("N_BODY_PERTURBATIONS", META, TEXT, NULL, n_body_perturbations, 0),
    F1("SOLAR_RAD_PRESSURE", META, TEXT, NULL, solar_rad_pressure, 0),
    F1("EARTH_TIDES", META, TEXT, NULL, earth_tides, 0),
    F1("INTRACK_THRUST", META, TEXT, NULL, intrack_thrust, 0),
    F1("TIME_LASTOB_START", OD, EPOCH, NULL, time_lastob_start_utc, 0),
    F1("TIME_LASTOB_END", OD, EPOCH, NULL, time_lastob_end_utc, 0),
    F1("RECOMMENDED_OD_SPAN", OD, REAL, "d", recommended_od_span_d, 0),
    F1("ACTUAL_OD_SPAN", OD, REAL, "d", actual_od_span_d, 0),
    F1("OBS_AVAILABLE", OD, INT, NULL, obs_available, 0),
    F1("OBS_USED", OD, INT, NULL, obs_used, 0),
    F1("TRACKS_AVAILABLE", OD, INT, NULL, tracks_available, 0),
    F1("TRACKS_USED", OD, INT, NULL, tracks_used, 0),
    F1("RESIDUALS_ACCEPTED", OD, REAL, "%", residuals_accepted_pct, 0),
    F1("WEIGHTED_RMS", OD, REAL, NULL, weighted_rms, 0),
    F1("AREA_PC", ADD, REAL, "m**2", area_pc_m2, 0),
    F1("AREA_DRG", ADD, REAL, "m**2", area_drg_m2, 0),
    F1("AREA_SRP", ADD, REAL, "m**2", area_srp_m2, 0),
    F1("MASS", ADD, REAL, "kg", mass_kg, 0),
    F1("CD_AREA_OVER_MASS", ADD, REAL, "m**2/kg", cd_area_over_mass_m2_kg, 0),
    F1("CR_AREA_OVER_MASS", ADD, REAL, "m**2/kg", cr_area_over_mass_m2_kg, 0),
    F1("THRUST_ACCELERATION", ADD, REAL, "m/s**2", thrust_acceleration_m_s2, 0),
    F1("SEDR", ADD, REAL, "W/kg", sedr_w_kg, 0),
    F1("X", STATE, REAL, "km", r_km[0], 1),
    F1("Y", STATE, REAL, "km", r_km[1], 1),
    F1("Z", STATE, REAL, "km", r_km[2], 1),
    F1("X_DOT", STATE, REAL, "km/s", v_km_s[0], 1),
    F1("Y_DOT", STATE, REAL, "km/s", v_km_s[1], 1),
    F1("Z_DOT", STATE, REAL, "km/s", v_km_s[2], 1),
    COV(0, 0, "CR_R", "m**2"),
    COV(1, 0, "CT_R", "m**2"),
    COV(1, 1, "CT_T", "m**2"),
    COV(2, 0, "CN_R", "m**2"),
    COV(2, 1, "CN_T", "m**2"),
    COV(2, 2, "CN_N", "m**2"),
    COV(3, 0, "CRDOT_R", "m**2/s"),
    COV(3, 1, "CRDOT_T", "m**2/s"),
    COV(3, 2, "CRDOT_N", "m**2/s"),
    COV(3, 3, "CRDOT_RDOT", "m**2/s**2"),
    COV(4, 0, "CTDOT_R", "m**2/s"),
    COV(4, 1, "CTDOT_T", "m**2/s"),
    COV(4, 2, "CTDOT_N", "m**2/s"),
    COV(4, 3, "CTDOT_RDOT", "m**2/s**2"),
    COV(4, 4, "CTDOT_TDOT", "m**2/s**2"),
    COV(5, 0, "CNDOT_R", "m**2/s"),
    COV(5, 1, "CNDOT_T", "m**2/s"),
    COV(5, 2, "CNDOT_N", "m**2/s"),
    COV(5, 3, "CNDOT_RDOT", "m**2/s**2"),
    COV(5, 4, "CNDOT_TDOT", "m**2/s**2"),
    COV(5, 5, "CNDOT_NDOT", "m**2/s**2"),
    COV(6, 0, "CDRG_R", "m**3/kg"),
    COV(6, 1, "CDRG_T", "m**3/kg"),
    COV(6, 2, "CDRG_N", "m**3/kg"),
    COV(6, 3, "CDRG_RDOT", "m**3/(kg*s)"),
    COV(6, 4, "CDRG_TDOT", "m**3/(kg*s)"),
    COV(6, 5, "CDRG_NDOT", "m**3/(kg*s)"),
    COV(6, 6, "CDRG_DRG", "m**4/kg**2"),
    COV(7, 0, "CSRP_R", "m**3/kg"),
    COV(7, 1, "CSRP_T", "m**3/kg"),
    COV(7, 2, "CSRP_N", "m**3/kg"),
    COV(7, 3, "CSRP_RDOT", "m**3/(kg*s)"),
    COV(7, 4, "CSRP_TDOT", "m**3/(kg*s)"),
    COV(7, 5, "CSRP_NDOT", "m**3/(kg*s)"),
    COV(7, 6, "CSRP_DRG", "m**4/kg**2"),
    COV(7, 7, "CSRP_SRP", "m**4/kg**2"),
    COV(8, 0, "CTHR_R", "m**2/s**2"),
    COV(8, 1, "CTHR_T", "m**2/s**2"),
    COV(8, 2, "CTHR_N", "m**2/s**2"),
    COV(8, 3, "CTHR_RDOT", "m**2/s**3"),
    COV(8, 4, "CTHR_TDOT", "m**2/s**3"),
    COV(8, 5, "CTHR_NDOT", "m**2/s**3"),
    COV(8, 6, "CTHR_DRG", "m**3/(kg*s**2)"),
    COV(8, 7, "CTHR_SRP", "m**3/(kg*s**2)"),
    COV(8, 8, "CTHR_THR", "m**2/s**4"),
};

#define NF0 ((int)(sizeof fields0 / sizeof fields0[0]))
#define NF1 ((int)(sizeof fields1 / sizeof fields1[0]))
#define COV_FIRST (NF1 - 45)

int ow__cdm_nfields(int group) { return group == 0 ? NF0 : NF1; }

const ow__cdm_field *ow__cdm_field_at(int group, int i)
{
  return group == 0 ? &fields0[i] : &fields1[i];
}

int ow__cdm_cov_rc(int i, int *row, int *col)
{
  int k = i - COV_FIRST;
  if (k < 0 || k >= 45)
    return -1;
  int r = 0;
  while (k > r) {
    k -= r + 1;
    r++;
  }
  *row = r;
  *col = k;
  return 0;
}

static int find_field(int group, const char *key)
{
  int n = ow__cdm_nfields(group);
  for (int i = 0; i < n; i++)
    if (!strcmp(ow__cdm_field_at(group, i)->key, key))
      return i;
  return -1;
}

/* ---- init -------------------------------------------------------------- */

static void init_fields(void *base, int group)
{
  for (int i = 0; i < ow__cdm_nfields(group); i++) {
    const ow__cdm_field *f = ow__cdm_field_at(group, i);
    char *p = (char *)base + f->off;
    if (f->type == OW__CDM_TEXT)
      p[0] = '\0';
    else if (f->type == OW__CDM_EPOCH)
      ((ow_jd *)(void *)p)->day = ((ow_jd *)(void *)p)->frac = NAN;
    else
      *(double *)(void *)p = NAN;
  }
}

void ow_cdm_init(ow_cdm *cdm)
{
  memset(cdm, 0, sizeof *cdm);
  init_fields(cdm, 0);
  cdm->hbr_m = NAN;
  for (int k = 0; k < 2; k++) {
    init_fields(&cdm->obj[k], 1);
    for (int i = 0; i < 9; i++)
      for (int j = 0; j < 9; j++)
        cdm->obj[k].cov[i][j] = NAN;
    cdm->obj[k].cov_dim = 0;
    cdm->obj[k].exclusion_radius_m = NAN;
  }
}

/* ---- context and diagnostics ------------------------------------------- */

void ow__cdm_ctx_init(ow__cdm_ctx *c, ow_cdm *cdm, const char *source,
                      ow_cdm_mode mode, ow_cdm_warnings *warn, ow_err *err)
{
  memset(c, 0, sizeof *c);
  c->cdm = cdm;
  c->mode = mode;
  c->source = source ? source : "";
  c->warn = warn;
  c->err = err;
  c->cur = -1;
  c->sect = OW__CDM_S_HEADER;
  if (warn)
    warn->n = 0;
  ow_cdm_init(cdm);
}

static void fill_err(ow__cdm_ctx *c, ow_err *e, int code, long line,
                     const char *key, const char *fmt, va_list ap)
{
  e->code = code;
  e->line = line;
  snprintf(e->source, sizeof e->source, "%s", c->source);
  snprintf(e->field, sizeof e->field, "%s", key ? key : "");
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int ow__cdm_violation(ow__cdm_ctx *c, long line, const char *key,
                      const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if (c->mode == OW_CDM_STRICT) {
    if (c->err)
      fill_err(c, c->err, OW_E_PARSE, line, key, fmt, ap);
    va_end(ap);
    return OW_E_PARSE;
  }
  c->nviol++;
  if (c->warn) {
    if (c->warn->n < OW_CDM_MAX_WARN)
      fill_err(c, &c->warn->w[c->warn->n], OW_W_LENIENT, line, key, fmt, ap);
    c->warn->n++;
  }
  va_end(ap);
  return OW_OK;
}

int ow__cdm_error(ow__cdm_ctx *c, int code, long line, const char *key,
                  const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if (c->err)
    fill_err(c, c->err, code, line, key, fmt, ap);
  va_end(ap);
  return code;
}

/* ---- comments ------------------------------------------------------------ */

static void append_line(char *dst, size_t n, const char *s)
{
  size_t l = strlen(dst);
  if (l > 0 && l + 1 < n)
    dst[l++] = '\n', dst[l] = '\0';
  snprintf(dst + l, n - l, "%s", s);
}

static void flush_comments(ow__cdm_ctx *c, int sect)
{
  char *dst;
  if (c->pending[0] == '\0')
    return;
  if (c->cur < 0)
    dst = sect == OW__CDM_S_HEADER ? c->cdm->comment_header
                                   : c->cdm->comment_relative;
  else
    dst = sect == OW__CDM_S_META ? c->cdm->obj[c->cur].comment_meta
                                 : c->cdm->obj[c->cur].comment_data;
  append_line(dst, OW_CDM_COMMENTS, c->pending);
  c->pending[0] = '\0';
}

/*
** Data in comments: "NAME = number [unit]", NAME compared with blanks as
** underscores and case folded (CARA "HBR = 15 [m]", CSpOC "Exclusion
** Volume Radius = 5.000000 [m]").
*/
static void comment_data(ow__cdm_ctx *c, const char *text)
{
  char name[64];
  size_t k = 0;
  const char *eq = strchr(text, '=');
  if (eq == NULL)
    return;
  const char *p = text;
  while (*p == ' ')
    p++;
  for (; p < eq && k + 1 < sizeof name; p++)
    name[k++] = *p == ' ' ? '_' : (char)toupper((unsigned char)*p);
  while (k > 0 && name[k - 1] == '_')
    k--;
  name[k] = '\0';
  char *end;
  double v = strtod(eq + 1, &end);
  if (end == eq + 1 || !isfinite(v))
    return;
  while (*end == ' ')
    end++;
  if (*end != '\0' && strncmp(end, "[m]", 3) != 0)
    return;
  if (!strcmp(name, "HBR"))
    c->cdm->hbr_m = v;
  else if (!strcmp(name, "EXCLUSION_VOLUME_RADIUS") && c->cur >= 0)
    c->cdm->obj[c->cur].exclusion_radius_m = v;
}

int ow__cdm_comment(ow__cdm_ctx *c, long line, const char *text)
{
  /* Printable ASCII only (7.4.2); anything else becomes '?' so that what
  ** is stored can always be written back as KVN or XML. */
  char clean[OW_CDM_TEXT * 4];
  size_t k = 0;
  int bad = 0;
  for (const unsigned char *p = (const unsigned char *)text;
       *p && k + 1 < sizeof clean; p++) {
    if (*p < 0x20 || *p >= 0x7F) {
      clean[k++] = '?';
      bad = 1;
    } else {
      clean[k++] = (char)*p;
    }
  }
  clean[k] = '\0';
  if (bad) {
    int st = ow__cdm_violation(c, line, "COMMENT",
                               "non-printable or non-ASCII character");
    if (st)
      return st;
  }
  append_line(c->pending, sizeof c->pending, clean);
  comment_data(c, clean);
  return OW_OK;
}

/* ---- values -------------------------------------------------------------- */

static int digits(const char **p)
{
  int n = 0;
  while (isdigit((unsigned char)**p))
    (*p)++, n++;
  return n;
}

/* 508.0-B-1 7.5.3: [+-]d+[.d+][(e|E)[+-]d+], no blanks. */
static int real_syntax_ok(const char *s)
{
  const char *p = s;
  if (*p == '+' || *p == '-')
    p++;
  if (digits(&p) == 0)
    return 0;
  if (*p == '.') {
    p++;
    if (digits(&p) == 0)
      return 0;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    if (digits(&p) == 0)
      return 0;
  }
  return *p == '\0';
}

static int is_nan_text(const char *s)
{
  return !strcmp(s, "NaN") || !strcmp(s, "NAN") || !strcmp(s, "nan");
}

/* yyyy-mm-ddThh:mm:ss[.d*] or yyyy-dddThh:mm:ss[.d*] (508.0-B-1 7.5.10). */
static int epoch_syntax_ok(const char *s)
{
  const char *p = s;
  if (digits(&p) != 4 || *p++ != '-')
    return 0;
  int n = digits(&p);
  if (n == 2) {
    if (*p++ != '-' || digits(&p) != 2)
      return 0;
  } else if (n != 3) {
    return 0;
  }
  if (*p++ != 'T' || digits(&p) != 2 || *p++ != ':' || digits(&p) != 2 ||
      *p++ != ':' || digits(&p) != 2)
    return 0;
  if (*p == '.') {
    p++;
    if (digits(&p) == 0)
      return 0;
  }
  return *p == '\0';
}

static int set_text(ow__cdm_ctx *c, long line, const ow__cdm_field *f,
                    const char *v, char *dst)
{
  size_t k = 0;
  int nonascii = 0, lower = 0;
  for (const unsigned char *p = (const unsigned char *)v; *p && k + 1 < OW_CDM_TEXT;
       p++) {
    if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92) { /* U+2212 minus */
      dst[k++] = '-';
      p += 2;
      nonascii = 1;
    } else if (*p >= 0x7F || *p < 0x20) {
      dst[k++] = '?';
      nonascii = 1;
    } else {
      if (islower(*p))
        lower = 1;
      dst[k++] = (char)*p;
    }
  }
  dst[k] = '\0';
  if (nonascii) {
    int st = ow__cdm_violation(c, line, f->key,
                               "non-ASCII character in \"%s\" (stored as "
                               "\"%s\")", v, dst);
    if (st)
      return st;
  }
  /* Text values are upper case (7.5.5); e-mail addresses and URLs of the
  ** operator fields are commonly lower case in real messages. */
  if (lower) {
    int st = ow__cdm_violation(c, line, f->key,
                               "text value \"%s\" is not upper case", v);
    if (st)
      return st;
  }
  return OW_OK;
}

static int set_real(ow__cdm_ctx *c, long line, const ow__cdm_field *f,
                    const char *v, double *dst)
{
  if (is_nan_text(v)) {
    *dst = NAN;
    return ow__cdm_violation(c, line, f->key, "value NaN is not a number");
  }
  char *end;
  double x = strtod(v, &end);
  if (end == v || *end != '\0' || !isfinite(x))
    return ow__cdm_error(c, OW_E_PARSE, line, f->key,
                         "\"%s\" is not a number", v);
  if (f->type == OW__CDM_INT) {
    if (x != floor(x) || fabs(x) > 2147483647.0 || strpbrk(v, ".eE")) {
      int st = ow__cdm_violation(c, line, f->key,
                                 "\"%s\" is not a 32-bit integer", v);
      if (st)
        return st;
    }
  } else if (!real_syntax_ok(v)) {
    int st = ow__cdm_violation(c, line, f->key,
                               "\"%s\" is not a CCSDS number (d.d[E+d])", v);
    if (st)
      return st;
  }
  *dst = x;
  return OW_OK;
}

static int set_epoch(ow__cdm_ctx *c, long line, const ow__cdm_field *f,
                     const char *v, ow_jd *dst)
{
  char buf[64];
  ow_err e;
  snprintf(buf, sizeof buf, "%s", v);
  if (!epoch_syntax_ok(buf)) {
    size_t l = strlen(buf);
    /* Known deviations: a trailing Z; a colon before the fraction (the
    ** Blue Book's own 3.6.3 example). Repaired in lenient mode. */
    if (l > 0 && buf[l - 1] == 'Z')
      buf[--l] = '\0';
    if (l > 20 && buf[19] == ':' && buf[10] == 'T')
      buf[19] = '.';
    int st = ow__cdm_violation(c, line, f->key,
                               "\"%s\" is not a CCSDS UTC time "
                               "(yyyy-mm-ddThh:mm:ss[.d])", v);
    if (st)
      return st;
  }
  ow_err_clear(&e);
  int st = ow_time_parse_iso(buf, dst, &e);
  if (st < 0)
    return ow__cdm_error(c, st, line, f->key, "\"%s\": %s", v, e.msg);
  return OW_OK;
}

int ow__cdm_kv(ow__cdm_ctx *c, long line, const char *key, const char *value,
               const char *unit)
{
  int st, group, i;
  void *base;
  if (!strcmp(key, "COMMENT"))
    return ow__cdm_comment(c, line, value);
  if (!strcmp(key, "OBJECT")) {
    int k = !strcmp(value, "OBJECT1") ? 0 : !strcmp(value, "OBJECT2") ? 1 : -1;
    if (k < 0)
      return ow__cdm_error(c, OW_E_PARSE, line, key,
                           "\"%s\" is neither OBJECT1 nor OBJECT2", value);
    if (c->seen1[k][0])
      return ow__cdm_error(c, OW_E_PARSE, line, key, "second %s segment",
                           value);
    if (k != c->cur + 1) {
      st = ow__cdm_violation(c, line, key, "%s out of order", value);
      if (st)
        return st;
    }
    c->cur = k;
    c->sect = OW__CDM_S_META;
  }
  group = 1;
  i = c->cur >= 0 ? find_field(1, key) : -1;
  if (i < 0) {
    group = 0;
    i = find_field(0, key);
  }
  if (i < 0) {
    if (find_field(1, key) >= 0)
      return ow__cdm_error(c, OW_E_PARSE, line, key,
                           "object keyword before OBJECT = OBJECT1");
    return ow__cdm_violation(c, line, key, "unknown keyword");
  }
  const ow__cdm_field *f = ow__cdm_field_at(group, i);
  unsigned char *seen = group == 0 ? &c->seen0[i] : &c->seen1[c->cur][i];
  base = group == 0 ? (void *)c->cdm : (void *)&c->cdm->obj[c->cur];

  /* Placement and order. */
  if (group == 0 && c->cur >= 0) {
    st = ow__cdm_violation(c, line, key,
                           "keyword of the %s section inside an object",
                           f->sect == OW__CDM_S_HEADER ? "header" : "relative");
    if (st)
      return st;
  } else if (f->sect < c->sect && !(group == 1 && f->sect == OW__CDM_S_META &&
                                     i == 0)) {
    st = ow__cdm_violation(c, line, key, "keyword out of order");
    if (st)
      return st;
  }
  if (group == 0 && f->sect == OW__CDM_S_HEADER && !c->xml &&
      !c->seen0[0] && i != 0) {
    st = ow__cdm_violation(c, line, key,
                           "the first keyword must be CCSDS_CDM_VERS");
    if (st)
      return st;
  }
  if (f->sect > c->sect)
    c->sect = f->sect;
  flush_comments(c, f->sect);
  if (*seen) {
    st = ow__cdm_violation(c, line, key, "keyword given twice");
    if (st)
      return st;
  }
  *seen = 1;

  /* Units. */
  if (unit != NULL && unit[0] != '\0') {
    if (f->unit == NULL) {
      st = ow__cdm_violation(c, line, key, "unit [%s] given for a value "
                             "without units", unit);
      if (st)
        return st;
    } else if (strcmp(unit, f->unit) != 0) {
      st = ow__cdm_violation(c, line, key, "unit [%s] instead of [%s]; "
                             "value used as [%s]", unit, f->unit, f->unit);
      if (st)
        return st;
    }
  }

  /* Value. */
  char *p = (char *)base + f->off;
  if (value[0] == '\0') {
    if (f->oblig)
      return ow__cdm_error(c, OW_E_PARSE, line, key,
                           "value of obligatory keyword %s is empty", key);
    *seen = 0;
    return ow__cdm_violation(c, line, key, "empty value");
  }
  switch (f->type) {
  case OW__CDM_TEXT:
    return set_text(c, line, f, value, p);
  case OW__CDM_EPOCH:
    return set_epoch(c, line, f, value, (ow_jd *)(void *)p);
  default:
    return set_real(c, line, f, value, (double *)(void *)p);
  }
}

/* ---- end of message ------------------------------------------------------ */

static int check_oblig(ow__cdm_ctx *c, long line)
{
  for (int i = 0; i < NF0; i++)
    if (fields0[i].oblig && !c->seen0[i])
      return ow__cdm_error(c, OW_E_PARSE, line, fields0[i].key,
                           "obligatory keyword %s missing", fields0[i].key);
  for (int k = 0; k < 2; k++) {
    if (!c->seen1[k][0])
      return ow__cdm_error(c, OW_E_PARSE, line, "OBJECT",
                           "segment OBJECT%d missing", k + 1);
    for (int i = 0; i < NF1; i++)
      if (fields1[i].oblig && !c->seen1[k][i])
        return ow__cdm_error(c, OW_E_PARSE, line, fields1[i].key,
                             "obligatory keyword %s missing for OBJECT%d",
                             fields1[i].key, k + 1);
  }
  return OW_OK;
}

int ow__cdm_finish(ow__cdm_ctx *c, long last_line)
{
  int st;
  if (c->pending[0] != '\0') {
    if (c->cur < 0)
      append_line(c->cdm->comment_relative, OW_CDM_COMMENTS, c->pending);
    else
      append_line(c->cdm->obj[c->cur].comment_data, OW_CDM_COMMENTS,
                  c->pending);
    c->pending[0] = '\0';
  }
  st = check_oblig(c, last_line);
  if (st)
    return st;
  if (strcmp(c->cdm->version, "1.0") != 0) {
    st = ow__cdm_violation(c, 0, "CCSDS_CDM_VERS",
                           "version %s read as 1.0", c->cdm->version);
    if (st)
      return st;
  }
  for (int k = 0; k < 2; k++) {
    ow_cdm_object *o = &c->cdm->obj[k];
    int dim = 6;
    /* Rows 7-9: a row is all or nothing, and needs the rows before it
    ** (508.0-B-1 5.2.8). */
    for (int r = 6; r < 9; r++) {
      int n = 0;
      for (int i = COV_FIRST; i < NF1; i++) {
        int rr, cc;
        ow__cdm_cov_rc(i, &rr, &cc);
        if (rr == r && c->seen1[k][i])
          n++;
      }
      if (n == 0)
        break;
      if (n != r + 1 || dim != r) {
        st = ow__cdm_violation(c, 0, "covariance",
                               "OBJECT%d covariance row %d incomplete; rows "
                               "from it on ignored", k + 1, r + 1);
        if (st)
          return st;
        break;
      }
      dim = r + 1;
    }
    for (int i = 0; i < 9; i++)
      for (int j = 0; j < 9; j++)
        if (i >= dim || j >= dim)
          o->cov[i][j] = NAN;
        else if (j > i)
          o->cov[i][j] = o->cov[j][i];
    o->cov_dim = dim;
  }
  if (strcmp(c->cdm->obj[0].ref_frame, c->cdm->obj[1].ref_frame) != 0) {
    st = ow__cdm_violation(c, 0, "REF_FRAME",
                           "objects in different frames (%s, %s)",
                           c->cdm->obj[0].ref_frame, c->cdm->obj[1].ref_frame);
    if (st)
      return st;
  }
  return c->nviol > 0 ? OW_W_LENIENT : OW_OK;
}

int ow_cdm_read(const char *buf, size_t len, const char *source,
                ow_cdm_mode mode, ow_cdm *cdm, ow_cdm_warnings *warn,
                ow_err *err)
{
  size_t i = 0;
  while (i < len && isspace((unsigned char)buf[i]))
    i++;
  if (i < len && buf[i] == '<')
    return ow_cdm_read_xml(buf, len, source, mode, cdm, warn, err);
  return ow_cdm_read_kvn(buf, len, source, mode, cdm, warn, err);
}

/* ---- writer helpers ------------------------------------------------------ */

void ow__cdm_fmt_real(double v, char *buf, size_t n)
{
  if (v == 0.0) {
    snprintf(buf, n, "0.0");
    return;
  }
  /* 16 digits is the standard's limit; a 17th is used only when a value
  ** (read from a message that broke the limit) needs it to stay exact. */
  for (int p = 0; p <= 16; p++) {
    snprintf(buf, n, "%.*E", p, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  /* "1E+01" is not a CCSDS number: give the mantissa its point. */
  char *e = strchr(buf, 'E');
  if (e != NULL && strchr(buf, '.') == NULL) {
    char tail[32];
    snprintf(tail, sizeof tail, "%s", e);
    snprintf(e, n - (size_t)(e - buf), ".0%s", tail);
  }
}

int ow__cdm_value_text(const void *base, const ow__cdm_field *f, char *buf,
                       size_t n)
{
  const char *p = (const char *)base + f->off;
  switch (f->type) {
  case OW__CDM_TEXT:
    if (p[0] == '\0')
      return 0;
    snprintf(buf, n, "%s", p);
    return 1;
  case OW__CDM_EPOCH: {
    const ow_jd *jd = (const ow_jd *)(const void *)p;
    char iso[OW_ISO_BUF];
    if (isnan(jd->day) || ow_time_format_iso(*jd, 6, iso, sizeof iso) != OW_OK)
      return 0;
    /* Drop the Z (CDM times are UTC without it) and trailing zeros down to
    ** milliseconds. */
    size_t l = strlen(iso);
    if (l > 0 && iso[l - 1] == 'Z')
      iso[--l] = '\0';
    while (l > 23 && iso[l - 1] == '0')
      iso[--l] = '\0';
    snprintf(buf, n, "%s", iso);
    return 1;
  }
  case OW__CDM_INT: {
    double v = *(const double *)(const void *)p;
    if (isnan(v))
      return 0;
    snprintf(buf, n, "%.0f", v);
    return 1;
  }
  default: {
    double v = *(const double *)(const void *)p;
    if (isnan(v))
      return 0;
    ow__cdm_fmt_real(v, buf, n);
    return 1;
  }
  }
}

int ow__cdm_check_complete(const ow_cdm *cdm, ow_err *err)
{
  char tmp[OW_CDM_TEXT];
  for (int i = 0; i < NF0; i++)
    if (fields0[i].oblig && !ow__cdm_value_text(cdm, &fields0[i], tmp, sizeof tmp))
      return ow_err_set(err, OW_E_ARG, fields0[i].key,
                        "obligatory value %s missing", fields0[i].key);
  for (int k = 0; k < 2; k++) {
    if (cdm->obj[k].cov_dim < 6 || cdm->obj[k].cov_dim > 9)
      return ow_err_set(err, OW_E_ARG, "covariance",
                        "OBJECT%d covariance dimension %d not in 6..9", k + 1,
                        cdm->obj[k].cov_dim);
    for (int i = 0; i < COV_FIRST; i++)
      if (fields1[i].oblig && i > 0 &&
          !ow__cdm_value_text(&cdm->obj[k], &fields1[i], tmp, sizeof tmp))
        return ow_err_set(err, OW_E_ARG, fields1[i].key,
                          "obligatory value %s missing for OBJECT%d",
                          fields1[i].key, k + 1);
  }
  return OW_OK;
}

/* ---- use ----------------------------------------------------------------- */

double ow_cdm_hbr_m(const ow_cdm *cdm, int *assumed)
{
  if (assumed)
    *assumed = 0;
  if (isfinite(cdm->hbr_m) && cdm->hbr_m >= 0.0)
    return cdm->hbr_m;
  double r1 = cdm->obj[0].exclusion_radius_m, r2 = cdm->obj[1].exclusion_radius_m;
  if (isfinite(r1) && isfinite(r2))
    return r1 + r2;
  if (assumed)
    *assumed = 1;
  double h = 0.0;
  for (int k = 0; k < 2; k++) {
    ow_pc_object_type t = OW_PC_OBJ_UNKNOWN;
    ow_pc_object_type_parse(cdm->obj[k].object_type, &t);
    h += ow_pc_hbr_default_m(t);
  }
  return h;
}

int ow_cdm_to_pc_objects(const ow_cdm *cdm, ow_pc_object *o1, ow_pc_object *o2,
                         ow_err *err)
{
  ow_pc_object *o[2] = {o1, o2};
  for (int k = 0; k < 2; k++) {
    const ow_cdm_object *s = &cdm->obj[k];
    memset(o[k], 0, sizeof *o[k]);
    if (strcmp(s->ref_frame, "EME2000") != 0 &&
        strcmp(s->ref_frame, "GCRF") != 0)
      return ow_err_set(err, OW_E_UNSUPPORTED, "REF_FRAME",
                        "OBJECT%d frame %s is not inertial; convert to GCRF "
                        "first", k + 1, s->ref_frame);
    if (s->cov_dim < 6)
      return ow_err_set(err, OW_E_ARG, "covariance",
                        "OBJECT%d has no covariance", k + 1);
    for (int i = 0; i < 3; i++) {
      o[k]->r_m[i] = 1e3 * s->r_km[i];
      o[k]->v_m_s[i] = 1e3 * s->v_km_s[i];
      for (int j = 0; j < 3; j++)
        o[k]->cov_m2[i][j] = s->cov[i][j];
    }
    o[k]->cov_frame = OW_PC_COV_RTN;
  }
  return OW_OK;
}
