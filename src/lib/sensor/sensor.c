/*
** sensor.c - the sensor network file (docs/sensors.md).
**
** Exports ow_network_init/free/push/parse/load_file, ow_sensor_defaults,
** ow_sensor_min_el, ow_sensor_kind_name. The format is line based:
** "key = value", '#' comments, a "[sensor]" line opening each sensor; keys
** before the first section describe the network. Values are checked in
** full (no trailing junk, finite numbers, ranges) and the first problem
** is reported with its line and key.
*/
#include "file_int.h"
#include "num_int.h"
#include "orbwatch/sensor.h"
#include "orbwatch/ephem.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 1024

void ow_network_init(ow_network *net)
{
  memset(net, 0, sizeof *net);
}

void ow_network_free(ow_network *net)
{
  if (!net)
    return;
  free(net->s);
  memset(net, 0, sizeof *net);
}

int ow_network_push(ow_network *net, const ow_sensor *s)
{
  if (net->n == net->cap) {
    size_t cap = net->cap ? 2 * net->cap : 8;
    ow_sensor *p = realloc(net->s, cap * sizeof *p);
    if (!p)
      return OW_E_NOMEM;
    net->s = p;
    net->cap = cap;
  }
  net->s[net->n++] = *s;
  return OW_OK;
}

const char *ow_sensor_kind_name(ow_sensor_kind k)
{
  switch (k) {
  case OW_SENSOR_RADAR: return "radar";
  case OW_SENSOR_OPTICAL: return "optical";
  case OW_SENSOR_HOSTED: return "hosted";
  }
  return "unknown";
}

void ow_sensor_defaults(ow_sensor *s, ow_sensor_kind kind)
{
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->sunlit_mode = OW_SUNLIT_CENTER;
  s->target_diam_m = 1.0;
  s->target_albedo = 0.1;
  s->limb_excl_rad = -1.0;
  s->scan_frame = OW_POINT_LVLH;
  if (kind == OW_SENSOR_OPTICAL) {
    s->need_dark = 1;
    s->sun_max_el_rad = -12.0 * OW_DEG2RAD; /* nautical twilight */
    s->need_sunlit = 1;
  } else if (kind == OW_SENSOR_HOSTED) {
    s->need_sunlit = 1;
    s->fov_half_rad = 5.0 * OW_DEG2RAD;
    s->atm_km = 100.0;
  }
}

double ow_sensor_min_el(const ow_sensor *s, double az_rad)
{
  double m = s->min_el_rad, e;
  int n = s->n_mask, i;
  if (n == 0)
    return m;
  az_rad = fmod(az_rad, OW_TWOPI);
  if (az_rad < 0)
    az_rad += OW_TWOPI;
  if (n == 1) {
    e = s->mask_el_rad[0];
  } else {
    /* Linear between neighbours, wrapping past 360 degrees. */
    for (i = 0; i < n && s->mask_az_rad[i] <= az_rad; i++)
      ;
    int hi = i % n, lo = (i + n - 1) % n;
    double a0 = s->mask_az_rad[lo], a1 = s->mask_az_rad[hi], a = az_rad;
    if (a1 <= a0)
      a1 += OW_TWOPI;
    if (a < a0)
      a += OW_TWOPI;
    double w = (a1 > a0) ? (a - a0) / (a1 - a0) : 0.0;
    e = s->mask_el_rad[lo] + w * (s->mask_el_rad[hi] - s->mask_el_rad[lo]);
  }
  return e > m ? e : m;
}

/* ---- parsing ----------------------------------------------------------- */

#define SEEN_MAX 64 /* distinct keys in one section (about 40 exist) */

typedef struct parser {
  const char *source;
  long line;
  ow_err *err;
  int nseen;                 /* keys of the current section so far */
  char seen_key[SEEN_MAX][32];
  long seen_line[SEEN_MAX];
} parser;

static int fail(parser *p, int code, const char *key, const char *fmt,
                const char *val)
{
  if (p->err) {
    ow_err_set(p->err, code, key, fmt, val);
    p->err->line = p->line;
    snprintf(p->err->source, sizeof p->err->source, "%s",
             p->source ? p->source : "");
  }
  return code;
}

static int num(parser *p, const char *key, const char *v, double lo,
               double hi, double *out)
{
  double x;
  int st = ow__num_real_z(v, 0, &x);
  if (st == OW_E_RANGE)
    return fail(p, OW_E_RANGE, key, "\"%s\" is beyond the range of a "
                "double", v);
  if (st != OW_OK)
    return fail(p, OW_E_PARSE, key, "\"%s\" is not a number", v);
  if (x < lo || x > hi) {
    char msg[160];
    snprintf(msg, sizeof msg, "%%s not in [%g, %g]", lo, hi);
    return fail(p, OW_E_RANGE, key, msg, v);
  }
  *out = x;
  return OW_OK;
}

static int deg(parser *p, const char *key, const char *v, double lo,
               double hi, double *out_rad)
{
  double x;
  int st = num(p, key, v, lo, hi, &x);
  if (st == OW_OK)
    *out_rad = x * OW_DEG2RAD;
  return st;
}

static int flag(parser *p, const char *key, const char *v, int *out)
{
  if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
    *out = 1;
  else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
    *out = 0;
  else
    return fail(p, OW_E_PARSE, key, "\"%s\" is not yes or no", v);
  return OW_OK;
}

/* Split "a:b[:c]" items separated by commas; returns count or -1. Each
** number is the text between separators, blanks around it allowed. */
static int triples(const char *v, double out[][3], int max, int want)
{
  int n = 0;
  const char *q = v;
  while (*q) {
    if (n == max)
      return -1;
    for (int k = 0; k < want; k++) {
      const char *a = q, *b;
      char sep = k + 1 < want ? ':' : ',';
      while (*q && *q != sep && *q != ',' && *q != ':')
        q++;
      b = q;
      while (a < b && (*a == ' ' || *a == '\t'))
        a++;
      while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
      if (ow__num_real(a, (size_t)(b - a), 0, &out[n][k]) != OW_OK)
        return -1;
      if (k + 1 < want) {
        if (*q != ':')
          return -1;
        q++;
      }
    }
    n++;
    if (*q == ',')
      q++;
    else if (*q)
      return -1;
  }
  return n ? n : -1;
}

static int count_items(const char *v)
{
  int n = 1;
  for (; *v; v++)
    n += *v == ',';
  return n;
}

static int set_key(parser *p, ow_sensor *s, const char *k, const char *v)
{
  int st = OW_OK;
  if (!strcmp(k, "name")) {
    if (!*v || strlen(v) > OW_SENSOR_NAME_MAX)
      return fail(p, OW_E_RANGE, k, "name \"%s\" is empty or too long", v);
    strcpy(s->name, v);
  } else if (!strcmp(k, "type")) {
    /* handled by the caller before any other key */
  } else if (!strcmp(k, "lat_deg")) {
    st = deg(p, k, v, -90, 90, &s->lat_rad);
  } else if (!strcmp(k, "lon_deg")) {
    st = deg(p, k, v, -180, 360, &s->lon_rad);
  } else if (!strcmp(k, "alt_km")) {
    st = num(p, k, v, -1, 100, &s->alt_km);
  } else if (!strcmp(k, "min_el_deg")) {
    st = deg(p, k, v, -5, 89, &s->min_el_rad);
  } else if (!strcmp(k, "mask")) {
    double t[OW_MASK_MAX + 1][3];
    int n = count_items(v) > OW_MASK_MAX ? -1 : triples(v, t, OW_MASK_MAX, 2);
    if (n < 0)
      return fail(p, OW_E_PARSE, k,
                  "\"%s\" is not a list of AZ_DEG:EL_DEG pairs (at most 72)",
                  v);
    for (int i = 0; i < n; i++) {
      if (t[i][0] < 0 || t[i][0] >= 360 || t[i][1] < -5 || t[i][1] > 89 ||
          (i && t[i][0] <= t[i - 1][0]))
        return fail(p, OW_E_RANGE, k,
                    "\"%s\": azimuths must increase within [0, 360), "
                    "elevations lie in [-5, 89]", v);
      s->mask_az_rad[i] = t[i][0] * OW_DEG2RAD;
      s->mask_el_rad[i] = t[i][1] * OW_DEG2RAD;
    }
    s->n_mask = n;
  } else if (!strcmp(k, "max_range_km")) {
    st = num(p, k, v, 0, 1e7, &s->max_range_km);
  } else if (!strcmp(k, "sunlit")) {
    if (!strcmp(v, "no"))
      s->need_sunlit = 0;
    else if (!strcmp(v, "center") || !strcmp(v, "yes"))
      s->need_sunlit = 1, s->sunlit_mode = OW_SUNLIT_CENTER;
    else if (!strcmp(v, "any"))
      s->need_sunlit = 1, s->sunlit_mode = OW_SUNLIT_ANY;
    else if (!strcmp(v, "full"))
      s->need_sunlit = 1, s->sunlit_mode = OW_SUNLIT_FULL;
    else
      return fail(p, OW_E_PARSE, k,
                  "\"%s\" is not one of no, center, any, full", v);
  } else if (!strcmp(k, "dark")) {
    st = flag(p, k, v, &s->need_dark);
  } else if (!strcmp(k, "sun_max_el_deg")) {
    st = deg(p, k, v, -90, 90, &s->sun_max_el_rad);
  } else if (!strcmp(k, "limiting_mag")) {
    st = num(p, k, v, 0, 30, &s->lim_mag);
  } else if (!strcmp(k, "target_diameter_m")) {
    st = num(p, k, v, 1e-3, 1e3, &s->target_diam_m);
  } else if (!strcmp(k, "target_albedo")) {
    st = num(p, k, v, 1e-3, 1, &s->target_albedo);
  } else if (!strcmp(k, "host_norad")) {
    long long id;
    st = ow__num_int_z(v, 0, 999999999LL, &id);
    if (st == OW_E_RANGE)
      return fail(p, OW_E_RANGE, k, "%s not in [0, 999999999]", v);
    if (st != OW_OK)
      return fail(p, OW_E_PARSE, k, "\"%s\" is not a whole number", v);
    s->host_norad = (uint32_t)id;
  } else if (!strcmp(k, "host_tle1") || !strcmp(k, "host_tle2")) {
    if (strlen(v) < 69 || strlen(v) > OW_TLE_TEXT_MAX ||
        v[0] != k[8])
      return fail(p, OW_E_PARSE, k,
                  "\"%s\" is not a TLE line of 69 characters", v);
    strcpy(k[8] == '1' ? s->host_tle1 : s->host_tle2, v);
  } else if (!strcmp(k, "fov")) {
    if (!strcmp(v, "cone"))
      s->fov = OW_FOV_CONE;
    else if (!strcmp(v, "rect"))
      s->fov = OW_FOV_RECT;
    else
      return fail(p, OW_E_PARSE, k, "\"%s\" is not cone or rect", v);
  } else if (!strcmp(k, "fov_half_deg")) {
    st = deg(p, k, v, 1e-4, 89, &s->fov_half_rad);
  } else if (!strcmp(k, "fov_half_w_deg")) {
    st = deg(p, k, v, 1e-4, 89, &s->fov_half_w_rad);
  } else if (!strcmp(k, "fov_half_h_deg")) {
    st = deg(p, k, v, 1e-4, 89, &s->fov_half_h_rad);
  } else if (!strcmp(k, "fov_roll_deg")) {
    st = deg(p, k, v, -360, 360, &s->fov_roll_rad);
  } else if (!strcmp(k, "pointing")) {
    if (!strcmp(v, "lvlh"))
      s->pointing = OW_POINT_LVLH;
    else if (!strcmp(v, "inertial"))
      s->pointing = OW_POINT_INERTIAL;
    else if (!strcmp(v, "scan"))
      s->pointing = OW_POINT_SCAN;
    else
      return fail(p, OW_E_PARSE, k, "\"%s\" is not lvlh, inertial or scan",
                  v);
  } else if (!strcmp(k, "scan_frame")) {
    if (!strcmp(v, "lvlh"))
      s->scan_frame = OW_POINT_LVLH;
    else if (!strcmp(v, "inertial"))
      s->scan_frame = OW_POINT_INERTIAL;
    else
      return fail(p, OW_E_PARSE, k, "\"%s\" is not lvlh or inertial", v);
  } else if (!strcmp(k, "boresight_az_deg") ||
             !strcmp(k, "boresight_ra_deg")) {
    st = deg(p, k, v, -360, 360, &s->bore_a_rad);
  } else if (!strcmp(k, "boresight_el_deg") ||
             !strcmp(k, "boresight_dec_deg")) {
    st = deg(p, k, v, -90, 90, &s->bore_b_rad);
  } else if (!strcmp(k, "scan")) {
    double t[OW_SCAN_MAX + 1][3];
    int n = count_items(v) > OW_SCAN_MAX ? -1 : triples(v, t, OW_SCAN_MAX, 3);
    if (n < 0)
      return fail(p, OW_E_PARSE, k,
                  "\"%s\" is not a list of A_DEG:B_DEG:DWELL_S triples "
                  "(at most 64)", v);
    for (int i = 0; i < n; i++) {
      if (fabs(t[i][0]) > 360 || fabs(t[i][1]) > 90)
        return fail(p, OW_E_RANGE, k, "\"%s\": angles out of range", v);
      if (!(t[i][2] >= OW_SCAN_DWELL_MIN_S)) {
        char msg[160];
        snprintf(msg, sizeof msg, "dwell %g s of step %d is below the "
                 "minimum %g s", t[i][2], i + 1, OW_SCAN_DWELL_MIN_S);
        return fail(p, OW_E_RANGE, k, "%s", msg);
      }
      s->scan[i].a_rad = t[i][0] * OW_DEG2RAD;
      s->scan[i].b_rad = t[i][1] * OW_DEG2RAD;
      s->scan[i].dwell_s = t[i][2];
    }
    s->n_scan = n;
  } else if (!strcmp(k, "revisit_s")) {
    st = num(p, k, v, OW_SCAN_REVISIT_MIN_S, 1e7, &s->revisit_s);
  } else if (!strcmp(k, "sun_excl_deg")) {
    st = deg(p, k, v, 0, 180, &s->sun_excl_rad);
  } else if (!strcmp(k, "moon_excl_deg")) {
    st = deg(p, k, v, 0, 180, &s->moon_excl_rad);
  } else if (!strcmp(k, "limb_excl_deg")) {
    st = deg(p, k, v, -90, 90, &s->limb_excl_rad);
    if (st == OW_OK && s->limb_excl_rad < 0)
      s->limb_excl_rad = 0; /* negative angles are not meaningful */
  } else if (!strcmp(k, "atm_km")) {
    st = num(p, k, v, 0, 1000, &s->atm_km);
  } else {
    return fail(p, OW_E_PARSE, k, "unknown key \"%s\"", k);
  }
  return st;
}

/* Keys allowed per kind (a radar has no field of view, and so on). */
static int key_allowed(ow_sensor_kind kind, const char *k)
{
  static const char *ground[] = {"lat_deg", "lon_deg", "alt_km",
                                 "min_el_deg", "mask", NULL};
  static const char *optical[] = {"dark", "sun_max_el_deg", "limiting_mag",
                                  "target_diameter_m", "target_albedo",
                                  "sunlit", NULL};
  static const char *hosted[] = {
      "host_norad", "host_tle1", "host_tle2", "fov", "fov_half_deg",
      "fov_half_w_deg", "fov_half_h_deg", "fov_roll_deg", "pointing",
      "scan_frame", "boresight_az_deg", "boresight_ra_deg",
      "boresight_el_deg", "boresight_dec_deg", "scan", "revisit_s",
      "sun_excl_deg", "moon_excl_deg", "limb_excl_deg", "atm_km", "sunlit",
      "limiting_mag", "target_diameter_m", "target_albedo", NULL};
  const char **list;
  if (!strcmp(k, "name") || !strcmp(k, "type") || !strcmp(k, "max_range_km"))
    return 1;
  list = kind == OW_SENSOR_HOSTED ? hosted : ground;
  for (int i = 0; list[i]; i++)
    if (!strcmp(k, list[i]))
      return 1;
  if (kind == OW_SENSOR_OPTICAL)
    for (int i = 0; optical[i]; i++)
      if (!strcmp(k, optical[i]))
        return 1;
  return 0;
}

/* Whole-sensor checks once its section has ended. */
static int finish(parser *p, ow_sensor *s, const int *seen_site)
{
  long keep = p->line;
  int st = OW_OK;
  p->line = s->line;
  if (!s->name[0]) {
    st = fail(p, OW_E_PARSE, "name", "%s", "sensor has no name");
  } else if (s->kind != OW_SENSOR_HOSTED && !(seen_site[0] && seen_site[1])) {
    st = fail(p, OW_E_PARSE, "lat_deg",
              "sensor \"%s\" needs lat_deg and lon_deg", s->name);
  } else if (s->kind == OW_SENSOR_HOSTED) {
    if (!s->host_norad && !s->host_tle1[0])
      st = fail(p, OW_E_PARSE, "host_norad",
                "hosted sensor \"%s\" needs host_norad or host_tle1/2",
                s->name);
    else if (!s->host_tle1[0] != !s->host_tle2[0])
      st = fail(p, OW_E_PARSE, "host_tle2",
                "hosted sensor \"%s\" needs both host_tle1 and host_tle2",
                s->name);
    else if (s->fov == OW_FOV_RECT &&
             !(s->fov_half_w_rad > 0 && s->fov_half_h_rad > 0))
      st = fail(p, OW_E_PARSE, "fov_half_w_deg",
                "sensor \"%s\": fov = rect needs fov_half_w_deg and "
                "fov_half_h_deg", s->name);
    else if (s->pointing == OW_POINT_SCAN && s->n_scan == 0)
      st = fail(p, OW_E_PARSE, "scan",
                "sensor \"%s\": pointing = scan needs a scan list", s->name);
    else if (s->pointing == OW_POINT_SCAN) {
      double sum = 0;
      for (int i = 0; i < s->n_scan; i++)
        sum += s->scan[i].dwell_s;
      if (s->revisit_s == 0)
        s->revisit_s = sum;
      if (s->revisit_s < OW_SCAN_REVISIT_MIN_S) {
        char msg[200];
        snprintf(msg, sizeof msg, "scan cycle %g s (the sum of the dwells, "
                 "no revisit_s given) is below the minimum %g s",
                 s->revisit_s, OW_SCAN_REVISIT_MIN_S);
        st = fail(p, OW_E_RANGE, "revisit_s", "%s", msg);
      } else if (s->revisit_s < sum) {
        char v[64];
        snprintf(v, sizeof v, "%g", s->revisit_s);
        st = fail(p, OW_E_RANGE, "revisit_s",
                  "%s is shorter than the sum of the dwell times", v);
      }
    }
  }
  p->line = keep;
  return st;
}

/*
** A key given twice in one section (or before the first) is an error:
** the second value would silently replace the first.
*/
static int note_key(parser *p, const char *k)
{
  for (int i = 0; i < p->nseen; i++)
    if (!strcmp(p->seen_key[i], k)) {
      char msg[96];
      snprintf(msg, sizeof msg, "key \"%%s\" given twice (first on line %ld)",
               p->seen_line[i]);
      return fail(p, OW_E_PARSE, k, msg, k);
    }
  if (p->nseen < SEEN_MAX && strlen(k) < sizeof p->seen_key[0]) {
    snprintf(p->seen_key[p->nseen], sizeof p->seen_key[0], "%s", k);
    p->seen_line[p->nseen++] = p->line;
  }
  return OW_OK;
}

static char *trim(char *a)
{
  char *e;
  while (*a == ' ' || *a == '\t')
    a++;
  e = a + strlen(a);
  while (e > a && isspace((unsigned char)e[-1]))
    *--e = 0;
  return a;
}

int ow_network_parse(ow_network *net, const char *buf, size_t len,
                     const char *source, ow_err *err)
{
  parser p;
  ow_sensor cur;
  int in_sensor = 0, have_type = 0, seen_site[2] = {0, 0}, st;
  size_t pos = 0, added = 0;
  char line[LINE_MAX_BYTES + 2];

  if (err)
    ow_err_clear(err);
  memset(&p, 0, sizeof p);
  p.source = source;
  p.err = err;
  if (buf == NULL && len > 0)
    return fail(&p, OW_E_ARG, "", "%s", "no input buffer");
  if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
    pos = 3; /* UTF-8 BOM */
  while (pos < len) {
    size_t n = 0;
    p.line++;
    while (pos < len && buf[pos] != '\n') {
      if (n <= LINE_MAX_BYTES)
        line[n++] = buf[pos];
      pos++;
    }
    pos++;
    if (n > LINE_MAX_BYTES)
      return fail(&p, OW_E_PARSE, "", "%s", "line longer than 1024 bytes");
    line[n] = 0;
    if (memchr(line, 0, n))
      return fail(&p, OW_E_PARSE, "", "%s", "NUL byte in line");
    char *hash = strchr(line, '#');
    if (hash)
      *hash = 0;
    char *t = trim(line);
    if (!*t)
      continue;
    if (*t == '[') {
      if (strcmp(t, "[sensor]"))
        return fail(&p, OW_E_PARSE, "", "unknown section \"%s\"", t);
      if (in_sensor) {
        if ((st = finish(&p, &cur, seen_site)) != OW_OK)
          return st;
        if (ow_network_push(net, &cur) != OW_OK)
          return fail(&p, OW_E_NOMEM, "", "%s", "out of memory");
        added++;
      }
      in_sensor = 1;
      p.nseen = 0;
      have_type = 0;
      seen_site[0] = seen_site[1] = 0;
      ow_sensor_defaults(&cur, OW_SENSOR_RADAR);
      cur.line = p.line;
      continue;
    }
    char *eq = strchr(t, '=');
    if (!eq)
      return fail(&p, OW_E_PARSE, "", "\"%s\" is not KEY = VALUE", t);
    *eq = 0;
    char *k = trim(t), *v = trim(eq + 1);
    if ((st = note_key(&p, k)) != OW_OK)
      return st;
    if (!in_sensor) {
      if (strcmp(k, "network"))
        return fail(&p, OW_E_PARSE, k,
                    "key \"%s\" before the first [sensor] (only network)",
                    k);
      snprintf(net->name, sizeof net->name, "%s", v);
      continue;
    }
    if (!strcmp(k, "type")) {
      ow_sensor_kind kind;
      if (have_type)
        return fail(&p, OW_E_PARSE, k, "%s", "type given twice");
      if (!strcmp(v, "radar"))
        kind = OW_SENSOR_RADAR;
      else if (!strcmp(v, "optical"))
        kind = OW_SENSOR_OPTICAL;
      else if (!strcmp(v, "hosted"))
        kind = OW_SENSOR_HOSTED;
      else
        return fail(&p, OW_E_PARSE, k,
                    "\"%s\" is not radar, optical or hosted", v);
      if (cur.name[0] || seen_site[0] || seen_site[1])
        return fail(&p, OW_E_PARSE, k, "%s",
                    "type must come first in a [sensor] section");
      long l = cur.line;
      ow_sensor_defaults(&cur, kind);
      cur.line = l;
      have_type = 1;
      continue;
    }
    if (!have_type && strcmp(k, "name"))
      return fail(&p, OW_E_PARSE, k, "%s",
                  "type must come before the other keys");
    if (!key_allowed(cur.kind, k))
      return fail(&p, OW_E_PARSE, k, "key \"%s\" does not apply to this "
                  "sensor type", k);
    if ((st = set_key(&p, &cur, k, v)) != OW_OK)
      return st;
    if (!strcmp(k, "lat_deg"))
      seen_site[0] = 1;
    if (!strcmp(k, "lon_deg"))
      seen_site[1] = 1;
  }
  if (in_sensor) {
    if (!have_type) {
      p.line = cur.line;
      return fail(&p, OW_E_PARSE, "type", "%s", "sensor has no type");
    }
    if ((st = finish(&p, &cur, seen_site)) != OW_OK)
      return st;
    if (ow_network_push(net, &cur) != OW_OK)
      return fail(&p, OW_E_NOMEM, "", "%s", "out of memory");
    added++;
  }
  if (!added)
    return fail(&p, OW_E_EMPTY, "", "%s", "no [sensor] section");
  /* Names identify sensors in outputs: they must be unique. */
  for (size_t i = 0; i < net->n; i++)
    for (size_t j = i + 1; j < net->n; j++)
      if (!strcmp(net->s[i].name, net->s[j].name)) {
        p.line = net->s[j].line;
        return fail(&p, OW_E_PARSE, "name", "sensor name \"%s\" used twice",
                    net->s[j].name);
      }
  return OW_OK;
}

int ow_network_load_file(ow_network *net, const char *path, ow_err *err)
{
  char *buf;
  size_t n;
  int st;
  ow_err_clear(err);
  st = ow__file_read(path, OW__FILE_MAX_CONFIG, &buf, &n, err);
  if (st != OW_OK)
    return st;
  st = ow_network_parse(net, buf, n, path, err);
  free(buf);
  return st;
}
