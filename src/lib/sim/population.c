/*
** population.c - the deterministic synthetic population (see
** orbwatch/population.h); the regimes are elset/regime.c.
*/
#include "internal.h"
#include "orbwatch/elset.h"
#include "orbwatch/frames.h"
#include "orbwatch/population.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* WGS-72 constants (OW_WGS72_*): the element sets are fitted with them
** (STR#3). */
/* Mean motion of the mean Sun, 360 deg per tropical year, for the
** sun-synchronous condition (Vallado, Fundamentals, 4th ed., sec. 9.6). */
#define SUN_RATE_RAD_S (OW_TWOPI / (365.2421897 * OW_SEC_PER_DAY))

/* ---- deterministic generator ------------------------------------------ */

/* splitmix64 (Steele, Lea & Flood 2014): tiny, fast and identical on every
** platform, which is what a reproducible bundled catalog needs. */
typedef struct rng {
  uint64_t s;
} rng;

static uint64_t rng_next(rng *g)
{
  uint64_t z = (g->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1), 53 random bits. */
static double rng_unit(rng *g)
{
  return (double)(rng_next(g) >> 11) * (1.0 / 9007199254740992.0);
}

static double rng_range(rng *g, double lo, double hi)
{
  return lo + (hi - lo) * rng_unit(g);
}

/* Standard normal by Box-Muller (one value per call keeps it simple). */
static double rng_normal(rng *g)
{
  double u = rng_unit(g), v = rng_unit(g);
  if (u < 1e-300)
    u = 1e-300;
  return sqrt(-2.0 * log(u)) * cos(OW_TWOPI * v);
}

static double wrap360(double deg)
{
  double w = fmod(deg, 360.0);
  return w < 0 ? w + 360.0 : w;
}

/* Round to what a TLE can carry, so the catalog converts to TLE and back
** without loss (8 decimals for mean motion and day, 4 for angles, 7 for e). */
static double round_to(double x, double scale)
{
  return nearbyint(x * scale) / scale;
}

static double n_from_a(double a_km)
{
  return sqrt(OW_WGS72_MU_KM3_S2 / (a_km * a_km * a_km)) * OW_SEC_PER_DAY /
         OW_TWOPI;
}

/* B* in the format's 5-digit mantissa form. */
static double round_bstar(double b)
{
  if (b == 0.0)
    return 0.0;
  double ex = floor(log10(fabs(b))) + 1.0;
  double scale = pow(10.0, 5.0 - ex);
  return nearbyint(b * scale) / scale;
}

typedef struct gen {
  rng g;
  const ow_synth_opts *opts;
  ow_catalog *cat;
  size_t made;
  uint32_t next5;    /* next five-digit number */
  uint32_t next_a5;  /* next Alpha-5 number */
  uint32_t next9;    /* next nine-digit number */
  int launch_no;     /* running launch counter for object ids */
} gen;

typedef struct orbit {
  double a_km, ecc, incl_deg, raan_deg, argp_deg, ma_deg, bstar;
} orbit;

/* Number classes: most objects have five digits; newer launches get
** Alpha-5 numbers; analyst objects get nine digits (OMM only). */
enum numbering { NUM_FIVE, NUM_ALPHA5, NUM_NINE };

static int emit(gen *s, const char *name, const orbit *o, enum numbering num,
                int launch, int piece)
{
  ow_elset e;
  memset(&e, 0, sizeof e);
  switch (num) {
  case NUM_FIVE:
    e.norad = s->next5++;
    break;
  case NUM_ALPHA5:
    e.norad = s->next_a5++;
    break;
  case NUM_NINE:
    e.norad = s->next9++;
    break;
  }
  snprintf(e.name, sizeof e.name, "%s", name);
  /* Piece letters A..Z then AA.., as international designators run. */
  char piece_txt[4];
  if (piece < 26)
    snprintf(piece_txt, sizeof piece_txt, "%c", 'A' + piece);
  else
    snprintf(piece_txt, sizeof piece_txt, "%c%c", 'A' + (piece / 26 - 1) % 26,
             'A' + piece % 26);
  snprintf(e.object_id, sizeof e.object_id, "20%02d-%03d%s",
           10 + launch / 300, 1 + launch % 300, piece_txt);
  e.classification = 'U';
  /* Epochs spread over the two days before the reference epoch, rounded to
  ** the 1e-8 day a TLE holds. */
  double back_day = round_to(rng_range(&s->g, 0.0, 2.0), 1e8);
  double f = s->opts->epoch_utc.frac - back_day;
  double whole = floor(f);
  e.epoch_utc.day = s->opts->epoch_utc.day + whole;
  e.epoch_utc.frac = round_to(f - whole, 1e8);
  if (e.epoch_utc.frac >= 1.0) {
    e.epoch_utc.day += 1.0;
    e.epoch_utc.frac -= 1.0;
  }
  /* Calendar year and day of year of the epoch (Fliegel & Van Flandern). */
  long jdn = (long)floor(e.epoch_utc.day + 0.5);
  long l = jdn + 68569, n = 4 * l / 146097;
  l -= (146097 * n + 3) / 4;
  long i = 4000 * (l + 1) / 1461001;
  l = l - 1461 * i / 4 + 31;
  long j = 80 * l / 2447, day = l - 2447 * j / 80;
  l = j / 11;
  long month = j + 2 - 12 * l, year = 100 * (n - 49) + i + l;
  (void)day;
  (void)month;
  /* JD of January 0.0 of that year: 1 Jan 0h = Jan0 + 1. */
  double jan0 = 1721424.5 + floor(365.25 * (year - 1)) -
                floor((year - 1) / 100.0) + floor((year - 1) / 400.0);
  e.epoch_year = (int)year;
  e.epoch_doy = (e.epoch_utc.day - jan0) + e.epoch_utc.frac;
  e.n_rev_day = round_to(n_from_a(o->a_km), 1e8);
  e.ecc = round_to(o->ecc, 1e7);
  e.incl_deg = round_to(o->incl_deg, 1e4);
  e.raan_deg = round_to(wrap360(o->raan_deg), 1e4);
  e.argp_deg = round_to(wrap360(o->argp_deg), 1e4);
  e.mean_anom_deg = round_to(wrap360(o->ma_deg), 1e4);
  if (e.raan_deg >= 360.0)
    e.raan_deg = 0.0;
  if (e.argp_deg >= 360.0)
    e.argp_deg = 0.0;
  if (e.mean_anom_deg >= 360.0)
    e.mean_anom_deg = 0.0;
  e.bstar_per_er = round_bstar(o->bstar);
  e.ndot_rev_day2 = 0.0;
  e.nddot_rev_day3 = 0.0;
  e.element_set_no = 999;
  e.rev_at_epoch = (uint32_t)(rng_unit(&s->g) * 20000.0);
  e.ephemeris_type = 0;
  s->made++;
  return ow_catalog_push(s->cat, &e);
}

/* Circular orbit at height h with some eccentricity noise. */
static orbit near_circular(gen *s, double h_km, double incl_deg, double raan,
                           double ma, double bstar)
{
  orbit o;
  o.a_km = OW_WGS72_RE_KM + h_km;
  o.ecc = 0.0001 + 0.0002 * rng_unit(&s->g);
  o.incl_deg = incl_deg;
  o.raan_deg = raan;
  o.argp_deg = rng_range(&s->g, 0.0, 360.0);
  o.ma_deg = ma;
  o.bstar = bstar;
  return o;
}

/* B* grows as the air gets denser: a rough exponential in height that
** keeps synthetic values in the ranges real catalogs show. */
static double leo_bstar(gen *s, double h_km, double scale)
{
  double b = 2e-4 * exp(-(h_km - 400.0) / 120.0) * scale;
  return b * rng_range(&s->g, 0.5, 1.5);
}

/* Inclination of a sun-synchronous circular orbit at height h. */
static double sso_incl_deg(double h_km)
{
  double a = OW_WGS72_RE_KM + h_km;
  double cosi = -SUN_RATE_RAD_S * 2.0 * pow(a, 3.5) /
                (3.0 * OW_WGS72_J2 * OW_WGS72_RE_KM * OW_WGS72_RE_KM *
                 sqrt(OW_WGS72_MU_KM3_S2));
  return acos(cosi) * OW_RAD2DEG;
}

static int quota(const ow_synth_opts *o, double share)
{
  return (int)floor((double)o->count * share);
}

int ow_synth_population(const ow_synth_opts *opts, ow_catalog *cat,
                        ow_err *err)
{
  if (opts == NULL || cat == NULL || opts->count < 16)
    return ow_err_set(err, OW_E_ARG, "count",
                      "a synthetic population needs at least 16 objects");
  gen s;
  memset(&s, 0, sizeof s);
  s.g.s = opts->seed;
  s.opts = opts;
  s.cat = cat;
  s.next5 = 10001;
  s.next_a5 = 100001;
  s.next9 = 800000001;
  char name[OW_NAME_MAX + 1];
  int rc = OW_OK;
#define EMIT(nm, orb, num, launch, piece)                            \
  do {                                                               \
    orbit o_ = (orb);                                                \
    if ((rc = emit(&s, (nm), &o_, (num), (launch), (piece))) != OW_OK) \
      return rc;                                                     \
  } while (0)

  /* The two partner sensor hosts first, with fixed numbers. GEO longitude
  ** at epoch is set by the mean anomaly through the GMST of the epoch. */
  {
    static const struct {
      const char *name;
      uint32_t norad;
      double lon_deg;
    } hosts[] = {{"QZS-6 (SIM)", OW_SYNTH_HOST_QZS6, 90.5},
                 {"GEO HOST-2 (SIM)", OW_SYNTH_HOST_GEO2, -105.0}};
    for (size_t k = 0; k < 2; k++) {
      uint32_t save = s.next5;
      s.next5 = hosts[k].norad;
      orbit o = {42164.17, 0.0001, 0.03, 0.0, 0.0, 0.0, 0.0};
      /* Longitude = raan + argp + M - GMST at epoch; the epoch is drawn in
      ** emit, so pick M after a dry draw of the same generator state. */
      rng peek = s.g;
      double back_day = round_to(rng_range(&peek, 0.0, 2.0), 1e8);
      ow_jd ep = opts->epoch_utc;
      ep.frac -= back_day;
      o.ma_deg = hosts[k].lon_deg + ow_gmst82(ep) * OW_RAD2DEG;
      EMIT(hosts[k].name, o, NUM_FIVE, 900 + (int)k, 0);
      s.next5 = save;
    }
  }

  /* LEO constellation shells: planes evenly spaced in node, satellites
  ** evenly spaced in the plane (Walker-like), newest shells in Alpha-5. */
  static const struct {
    double h_km, incl_deg, share;
    int planes;
    const char *tag;
  } shells[] = {{550.0, 53.0, 0.18, 24, "SHELL550"},
                {540.0, 53.2, 0.08, 18, "SHELL540"},
                {570.0, 70.0, 0.04, 12, "SHELL570"},
                {560.0, 97.6, 0.03, 8, "SHELL560P"},
                {1200.0, 87.9, 0.06, 12, "SHELL1200"}};
  for (size_t k = 0; k < sizeof shells / sizeof shells[0]; k++) {
    int n = quota(opts, shells[k].share);
    int per_plane = n / shells[k].planes + 1;
    for (int q = 0; q < n; q++) {
      int plane = q % shells[k].planes, slot = q / shells[k].planes;
      double raan = 360.0 * plane / shells[k].planes;
      double ma = 360.0 * slot / per_plane + 7.5 * plane;
      snprintf(name, sizeof name, "%s-P%02d-S%02d", shells[k].tag, plane,
               slot);
      EMIT(name,
           near_circular(&s, shells[k].h_km + rng_normal(&s.g) * 0.5,
                         shells[k].incl_deg, raan, ma,
                         leo_bstar(&s, shells[k].h_km, 1.0)),
           k < 2 ? NUM_ALPHA5 : NUM_FIVE, 100 + (int)k * 10 + plane / 3,
           slot % 60);
    }
  }

  /* Sun-synchronous Earth observation, 450-850 km, random local time. */
  for (int q = 0, n = quota(opts, 0.10); q < n; q++) {
    double h = rng_range(&s.g, 450.0, 850.0);
    snprintf(name, sizeof name, "SSO-EO-%03d", q + 1);
    EMIT(name,
         near_circular(&s, h, sso_incl_deg(h), rng_range(&s.g, 0, 360),
                       rng_range(&s.g, 0, 360), leo_bstar(&s, h, 1.0)),
         NUM_FIVE, 200 + q, 0);
  }

  /* Other LEO payloads and rocket bodies, 300-2000 km. */
  for (int q = 0, n = quota(opts, 0.07); q < n; q++) {
    double hp = rng_range(&s.g, 300.0, 1500.0);
    double ha = hp + rng_range(&s.g, 0.0, 400.0);
    orbit o = {OW_WGS72_RE_KM + (hp + ha) / 2.0,
               (ha - hp) / (2 * OW_WGS72_RE_KM + hp + ha),
               rng_range(&s.g, 0.0, 100.0),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               leo_bstar(&s, hp, 2.0)};
    snprintf(name, sizeof name, q % 3 ? "LEO-SAT-%03d" : "LEO-R/B-%03d",
             q + 1);
    EMIT(name, o, NUM_FIVE, 400 + q, q % 3 ? 0 : 1);
  }

  /* Fragmentation debris clouds: pieces thrown from a parent orbit with a
  ** spread of velocity, i.e. of height, eccentricity, plane. */
  static const struct {
    double h_km, incl_deg, raan_deg, share, dv_km_s;
    const char *tag;
  } clouds[] = {{850.0, 98.8, 40.0, 0.09, 0.10, "FRAG-A DEB"},
                {480.0, 82.6, 160.0, 0.06, 0.15, "FRAG-B DEB"},
                {780.0, 86.4, 300.0, 0.05, 0.08, "FRAG-C DEB"}};
  for (size_t k = 0; k < sizeof clouds / sizeof clouds[0]; k++) {
    double a0 = OW_WGS72_RE_KM + clouds[k].h_km;
    double v0 = sqrt(OW_WGS72_MU_KM3_S2 / a0);
    double u0 = rng_range(&s.g, 0.0, 360.0); /* break-up point */
    for (int q = 0, n = quota(opts, clouds[k].share); q < n; q++) {
      double dv_t = rng_normal(&s.g) * clouds[k].dv_km_s;
      double dv_n = rng_normal(&s.g) * clouds[k].dv_km_s;
      /* Along-track kick: da/a = 2 dv/v; e ~ |dv|/v (Gauss, circular). */
      double a = a0 * (1.0 + 2.0 * dv_t / v0);
      double ecc = fabs(dv_t) / v0 + 0.0005 * rng_unit(&s.g);
      if (a * (1.0 - ecc) - OW_WGS72_RE_KM < 200.0)
        a = OW_WGS72_RE_KM + 200.0 + a * ecc;
      orbit o = {a,
                 ecc,
                 clouds[k].incl_deg + dv_n / v0 * OW_RAD2DEG,
                 clouds[k].raan_deg + rng_normal(&s.g) * 3.0,
                 u0 + (dv_t >= 0 ? 0.0 : 180.0),
                 rng_range(&s.g, 0, 360),
                 leo_bstar(&s, a - OW_WGS72_RE_KM, 8.0)};
      snprintf(name, sizeof name, "%s", clouds[k].tag);
      /* Newer fragments (the last third) have Alpha-5 numbers. */
      EMIT(name, o, q > 2 * n / 3 ? NUM_ALPHA5 : NUM_FIVE, 500 + (int)k,
           q + 1);
    }
  }

  /* Navigation constellations (NSO). */
  static const struct {
    double a_km, incl_deg;
    int planes;
    const char *tag;
  } gnss[] = {{26560.0, 55.0, 6, "NAV-A"},
              {29600.0, 56.0, 3, "NAV-B"},
              {25510.0, 64.8, 3, "NAV-C"}};
  for (int q = 0, n = quota(opts, 0.04); q < n; q++) {
    int c = q % 3, plane = (q / 3) % gnss[c].planes;
    orbit o = {gnss[c].a_km, 0.001 + 0.01 * rng_unit(&s.g),
               gnss[c].incl_deg + rng_normal(&s.g) * 0.5,
               360.0 * plane / gnss[c].planes, rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360), 0.0};
    snprintf(name, sizeof name, "%s-%02d", gnss[c].tag, q / 3 + 1);
    EMIT(name, o, NUM_FIVE, 600 + q / 3, 0);
  }

  /* Molniya: 12 h, e ~ 0.72, critical inclination, apogee in the north. */
  for (int q = 0, n = quota(opts, 0.015); q < n; q++) {
    orbit o = {26600.0 + rng_normal(&s.g) * 20.0, rng_range(&s.g, 0.68, 0.74),
               63.4 + rng_normal(&s.g) * 0.3, rng_range(&s.g, 0, 360),
               270.0 + rng_normal(&s.g) * 5.0, rng_range(&s.g, 0, 360),
               2e-5 * rng_unit(&s.g)};
    snprintf(name, sizeof name, "MOLNIYA-%02d", q + 1);
    EMIT(name, o, NUM_FIVE, 700 + q, 0);
  }

  /* Geostationary transfer orbits (spent stages). */
  for (int q = 0, n = quota(opts, 0.03); q < n; q++) {
    double hp = rng_range(&s.g, 200.0, 650.0), ha = rng_range(&s.g, 35300, 36200);
    orbit o = {OW_WGS72_RE_KM + (hp + ha) / 2.0,
               (ha - hp) / (2 * OW_WGS72_RE_KM + hp + ha),
               rng_range(&s.g, 5.0, 28.5),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               leo_bstar(&s, hp, 1.0) * 0.2};
    snprintf(name, sizeof name, "GTO-R/B-%03d", q + 1);
    EMIT(name, o, NUM_FIVE, 750 + q, 1);
  }

  /* Highly elliptical science/communication orbits. */
  for (int q = 0, n = quota(opts, 0.005); q < n; q++) {
    double hp = rng_range(&s.g, 500.0, 10000.0), ha = rng_range(&s.g, 45000, 120000);
    orbit o = {OW_WGS72_RE_KM + (hp + ha) / 2.0,
               (ha - hp) / (2 * OW_WGS72_RE_KM + hp + ha),
               rng_range(&s.g, 10.0, 90.0),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               rng_range(&s.g, 0, 360),
               0.0};
    snprintf(name, sizeof name, "HEO-%02d", q + 1);
    EMIT(name, o, NUM_FIVE, 780 + q, 0);
  }

  /* The GEO belt: station-kept satellites (inclination < 0.1 deg), then
  ** drifting and graveyard objects whose inclination has grown (up to
  ** ~15 deg over decades) and whose height is off by up to a few hundred km. */
  int n_geo = (int)opts->count - (int)s.made - quota(opts, 0.01);
  for (int q = 0; q < n_geo; q++) {
    int active = q % 5 < 3;
    double lon = rng_range(&s.g, -180.0, 180.0);
    orbit o;
    o.a_km = active ? 42164.17 + rng_normal(&s.g) * 2.0
                    : 42164.17 + rng_range(&s.g, -150.0, 350.0);
    o.ecc = active ? 0.0002 * rng_unit(&s.g) : 0.004 * rng_unit(&s.g);
    o.incl_deg = active ? 0.08 * rng_unit(&s.g) : rng_range(&s.g, 0.5, 15.0);
    o.raan_deg = rng_range(&s.g, 0, 360);
    o.argp_deg = rng_range(&s.g, 0, 360);
    o.ma_deg = lon - o.raan_deg - o.argp_deg +
               ow_gmst82(opts->epoch_utc) * OW_RAD2DEG;
    o.bstar = 0.0;
    snprintf(name, sizeof name, active ? "GEO-COMSAT-%03d" : "GEO-DRIFT-%03d",
             q + 1);
    EMIT(name, o, q % 7 == 6 ? NUM_ALPHA5 : NUM_FIVE, 800 + q, 0);
  }

  /* Analyst objects with nine-digit numbers (OMM only): uncorrelated
  ** tracks in LEO and GEO, as a catalog of 2026 holds. */
  while (s.made < opts->count) {
    int geo = (s.made % 2) == 0;
    double h = geo ? 35786.0 + rng_range(&s.g, -100, 100)
                   : rng_range(&s.g, 400.0, 1200.0);
    snprintf(name, sizeof name, "ANALYST-%s", geo ? "GEO" : "LEO");
    EMIT(name,
         near_circular(&s, h, geo ? rng_range(&s.g, 0, 5) : rng_range(&s.g, 0, 99),
                       rng_range(&s.g, 0, 360), rng_range(&s.g, 0, 360),
                       geo ? 0.0 : leo_bstar(&s, h, 1.0)),
         NUM_NINE, 990, 0);
  }
#undef EMIT
  return OW_OK;
}
