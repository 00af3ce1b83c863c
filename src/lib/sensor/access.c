/*
** access.c - observability windows of targets for sensors.
**
** Exports ow_access_prepare/free/network/windows/eval/catalog/time and
** ow_target_init_sgp4. Times inside are seconds after the span's start
** (UTC); vectors are km and km/s in TEME (targets, hosts, Sun, Moon) or
** ITRF (ground sites). The step policy and its argument are in access.h
** and docs/sensors.md ("Access"); each constraint below states its rate bound R.
*/
#include "internal.h"
#include "vec_int.h"
#include "orbwatch/access.h"
#include "orbwatch/ephem.h"
#include "orbwatch/frames.h"
#include "orbwatch/elset.h"
#include "orbwatch/sensor.h"
#include "orbwatch/sgp4.h"
#include "orbwatch/time.h"

#ifdef _OPENMP
#include <omp.h>
#endif
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Apparent angular rate of the Sun's direction from any point near the
** Earth: the Earth's orbital motion (2e-7 rad/s) plus parallax (< 1e-9). */
#define SUN_DIR_RATE_RAD_S 2.1e-7
#define MOON_MIN_DIST_KM 350000.0 /* perigee is > 356,000 km */
#define MOON_SPEED_KM_S 1.1       /* geocentric, at most ~1.08 */
#define SUN_TABLE_STEP_S 600.0    /* linear: < 1e-7 rad error (Sun) */
#define MOON_TABLE_STEP_S 600.0   /* linear: < 4e-7 rad error (Moon) */
#define SUN_ITRF_STEP_S 60.0      /* linear, rotating: < 3e-6 rad error */
#define SUN_MAG_V -26.74          /* apparent V magnitude of the Sun */
#define BEST_TOL_S 0.05           /* best-geometry time: well inside 1 s */
#define RANGE_TOL_S 1.0           /* minimum range: only its value is kept */

enum con_id {
  C_ELEV, C_RANGE, C_DARK, C_SUNLIT, C_MAG, /* ground */
  C_FOV1, C_FOV2, C_SUNX, C_MOONX, C_LIMB,  /* hosted (+ range, lit, mag) */
  C_COUNT
};

typedef struct host_eph {
  double h_s, t0_s;
  int n;
  double (*pv)[6];
  double r_min_km, r_max_km, v_max_km_s;
  uint32_t norad;
} host_eph;

typedef struct sens_pre {
  double site[3], up[3], east[3], north[3]; /* ITRF */
  double m_max_rad; /* highest elevation limit over azimuth */
  double mask_slope; /* max |d el_min / d az|, rad/rad */
  double sin_sun_max;
  host_eph host;
  double bore_teme[3];                /* inertial pointing */
  double scan_teme[OW_SCAN_MAX][3];   /* inertial scan pointings */
  double scan_off_s[OW_SCAN_MAX + 1]; /* start of each dwell in the cycle */
  double lvlh_dir[OW_SCAN_MAX][3]; /* (cos el cos az, cos el sin az, sin el) */
  int axes_lvlh;                      /* axes below in LVLH (else TEME) */
  double axes[OW_SCAN_MAX][3][3];     /* per pointing: b, e1, e2 */
  double cos_half, sin_w, cos_w, sin_h, cos_h;
  double flux_c;   /* 2 A R^2 / (3 pi), km^2: diffuse sphere */
  double flux_lim; /* flux ratio at the limiting magnitude */
} sens_pre;

static void axes_prepare(const ow_sensor *s, sens_pre *p, int k);

struct ow_access_ctx {
  ow_network net;
  sens_pre *sp;
  ow_jd start_utc;
  double span_s;
  ow_access_opts opts;
  int n_sun, n_itrf;
  double (*sun)[3], (*moon)[3], (*sun_itrf)[3];
  /* TEME -> ITRF over the span: GMST 1982 is linear in time to < 1e-9 s
  ** over days (its T^2 term) and UT1 - UTC drifts by ms per day, so the
  ** angle is interpolated between the span's ends; polar motion (W) is
  ** taken at the start (it moves by milliarcseconds per day). */
  double gmst0_rad, gmst_rate_rad_s, omega_rad_s, w_pef_itrf[3][3];
};

/* ---- small vector helpers ---------------------------------------------- */

/* The library's one copy (base/vec_int.h), under this file's names. */
#define dot ow__dot3
#define norm ow__norm3
#define cross ow__cross3
#define unit ow__unit3

ow_jd ow_access_time(const ow_access_ctx *ctx, double t_s)
{
  return ow_jd_add_s(ctx->start_utc, t_s); /* 86400-s days, as before */
}

/* TT of a UTC instant (astro layer); the UTC itself when the conversion
** fails or warns (a year before 1960 or far ahead), as before. */
static ow_jd utc_to_tt(ow_jd utc)
{
  ow_jd tt;
  if (ow_utc_to_tt(utc, &tt) != OW_OK)
    return utc;
  return tt;
}

/* TEME state to ITRF at span offset t (see the ctx fields). */
static void teme_to_itrf_fast(const ow_access_ctx *c, double t,
                              const double r[3], const double v[3],
                              double ri[3], double vi[3])
{
  double th = c->gmst0_rad + c->gmst_rate_rad_s * t;
  double ct = cos(th), st = sin(th), w = c->omega_rad_s;
  double p[3] = {ct * r[0] + st * r[1], -st * r[0] + ct * r[1], r[2]};
  double q[3] = {ct * v[0] + st * v[1] + w * p[1],
                 -st * v[0] + ct * v[1] - w * p[0], v[2]};
  for (int i = 0; i < 3; i++) {
    ri[i] = c->w_pef_itrf[i][0] * p[0] + c->w_pef_itrf[i][1] * p[1] +
            c->w_pef_itrf[i][2] * p[2];
    if (vi)
      vi[i] = c->w_pef_itrf[i][0] * q[0] + c->w_pef_itrf[i][1] * q[1] +
              c->w_pef_itrf[i][2] * q[2];
  }
}

/* Linear interpolation in a table of 3-vectors starting at t = -step. */
static void table3(double (*tab)[3], int n, double step, double t,
                   double out[3])
{
  double x = (t + step) / step;
  int k = (int)floor(x);
  if (k < 0)
    k = 0;
  if (k > n - 2)
    k = n - 2;
  double w = x - k;
  for (int i = 0; i < 3; i++)
    out[i] = tab[k][i] + w * (tab[k + 1][i] - tab[k][i]);
}

/* Cubic Hermite interpolation of the host's state. */
static void host_state(const host_eph *h, double t, double r[3], double v[3])
{
  double x = (t - h->t0_s) / h->h_s;
  int k = (int)floor(x);
  if (k < 0)
    k = 0;
  if (k > h->n - 2)
    k = h->n - 2;
  double s = x - k, hh = h->h_s;
  double s2 = s * s, s3 = s2 * s;
  double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s;
  double h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
  double d00 = (6 * s2 - 6 * s) / hh, d10 = 3 * s2 - 4 * s + 1;
  double d01 = (-6 * s2 + 6 * s) / hh, d11 = 3 * s2 - 2 * s;
  const double *a = h->pv[k], *b = h->pv[k + 1];
  for (int i = 0; i < 3; i++) {
    r[i] = h00 * a[i] + h10 * hh * a[3 + i] + h01 * b[i] + h11 * hh * b[3 + i];
    v[i] = d00 * a[i] + d10 * a[3 + i] + d01 * b[i] + d11 * b[3 + i];
  }
}

/* ---- targets ------------------------------------------------------------ */

static int sgp4_state(const void *user, double t_s, double r[3], double v[3])
{
  const ow_sgp4_target *u = user;
  return ow_sgp4_propagate(u->model, u->t0_min + t_s / 60.0, r, v);
}

/* Bounds from mean elements: a from the (Kozai) mean motion is within
** 0.1 % of the Brouwer value; the margins below cover short-period J2
** terms (< 0.5 % of the radius) and a day of drag decay. */
static void elset_bounds(const ow_elset *e, double *r_min, double *r_max,
                         double *v_max)
{
  double n_rad_s = e->n_rev_day * OW_TWOPI / 86400.0;
  double a = cbrt(OW_WGS84_MU_KM3_S2 / (n_rad_s * n_rad_s));
  double rp = a * (1.0 - e->ecc), ra = a * (1.0 + e->ecc);
  double vp = sqrt(OW_WGS84_MU_KM3_S2 * (2.0 / rp - 1.0 / a));
  *r_min = fmax(0.98 * rp - 20.0, OW_WGS84_RE_KM * 0.99);
  *r_max = 1.02 * ra + 20.0;
  *v_max = 1.03 * vp + 0.05;
  if (*r_min > OW_WGS84_RE_KM + 60.0)
    return;
  /* Perigee near or below the surface: the object decays; a speed bound
  ** at a 60 km radius keeps the step policy valid until it does. */
  *r_min = OW_WGS84_RE_KM * 0.99;
  *v_max = fmax(*v_max, 1.03 * sqrt(2.0 * OW_WGS84_MU_KM3_S2 / *r_min) + 0.05);
}

int ow_target_init_sgp4(ow_target *t, ow_sgp4_target *u, const ow_sgp4 *m,
                        const ow_elset *e, ow_jd start_utc)
{
  memset(t, 0, sizeof *t);
  u->model = m;
  u->t0_min = ((start_utc.day - e->epoch_utc.day) +
               (start_utc.frac - e->epoch_utc.frac)) * 1440.0;
  t->norad = e->norad;
  t->state = sgp4_state;
  t->user = u;
  elset_bounds(e, &t->r_min_km, &t->r_max_km, &t->v_max_km_s);
  return OW_OK;
}

/* ---- preparation -------------------------------------------------------- */

static int host_table(ow_access_ctx *c, const ow_sensor *s, host_eph *h,
                      const ow_elset *hosts, size_t n_hosts, ow_err *err)
{
  ow_elset e;
  ow_sgp4 *m;
  const ow_elset *found = NULL;
  int st;

  if (s->host_tle1[0]) {
    st = ow_tle_parse_lines(NULL, s->host_tle1, s->host_tle2, NULL, &e, err);
    if (st < 0)
      return st;
    found = &e;
  } else {
    for (size_t i = 0; i < n_hosts; i++)
      if (hosts[i].norad == s->host_norad)
        found = &hosts[i]; /* the last one: catalogs append newer sets */
    if (!found)
      return ow_err_set(err, OW_E_NOT_FOUND, "host_norad",
                        "sensor \"%s\": host %u is not in the catalog",
                        s->name, (unsigned)s->host_norad);
  }
  m = malloc(sizeof *m);
  if (!m)
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
  st = ow_sgp4_init(m, found, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, err);
  if (st < 0) {
    free(m);
    return st;
  }
  ow_sgp4_target u;
  ow_target tg;
  ow_target_init_sgp4(&tg, &u, m, found, c->start_utc);
  h->norad = found->norad;
  /* Node spacing: period / 400 (at most 60 s). Cubic Hermite error is
  ** ~ r (2 pi / 400)^4 / 384 < 2e-7 r, i.e. < 10 m at GEO, < 2 m in LEO. */
  double period_s = 86400.0 / found->n_rev_day;
  h->h_s = fmin(60.0, period_s / 400.0);
  h->t0_s = -h->h_s;
  h->n = (int)ceil((c->span_s + 2 * h->h_s) / h->h_s) + 2;
  h->pv = malloc((size_t)h->n * sizeof *h->pv);
  if (!h->pv) {
    free(m);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
  }
  h->r_min_km = 1e30;
  h->r_max_km = 0;
  h->v_max_km_s = 0;
  for (int k = 0; k < h->n; k++) {
    st = tg.state(tg.user, h->t0_s + k * h->h_s, h->pv[k], h->pv[k] + 3);
    if (st < 0) {
      free(m);
      return ow_err_set(err, st, "host_norad",
                        "sensor \"%s\": host %u cannot be propagated "
                        "over the span", s->name, (unsigned)h->norad);
    }
    double r = norm(h->pv[k]), v = norm(h->pv[k] + 3);
    h->r_min_km = fmin(h->r_min_km, r);
    h->r_max_km = fmax(h->r_max_km, r);
    h->v_max_km_s = fmax(h->v_max_km_s, v);
  }
  free(m);
  /* Between nodes the extremes can exceed the sampled ones slightly. */
  h->r_min_km *= 0.999;
  h->r_max_km *= 1.001;
  h->v_max_km_s *= 1.001;
  return OW_OK;
}

static void radec_to_teme(double ra, double dec, const double m[3][3],
                          double out[3])
{
  double g[3] = {cos(dec) * cos(ra), cos(dec) * sin(ra), sin(dec)};
  for (int i = 0; i < 3; i++)
    out[i] = m[i][0] * g[0] + m[i][1] * g[1] + m[i][2] * g[2];
}

int ow_access_prepare(ow_access_ctx **out, const ow_network *net,
                      const ow_elset *hosts, size_t n_hosts,
                      ow_jd start_utc, double span_s,
                      const ow_access_opts *opts, ow_err *err)
{
  ow_access_ctx *c;
  int st = OW_OK;

  ow_err_clear(err); /* no source or line of an earlier use survives */
  *out = NULL;
  if (!net || net->n == 0 || !(span_s > 0) || !isfinite(span_s))
    return ow_err_set(err, OW_E_ARG, "", "empty network or bad span");
  /* Scan patterns built in code get the sensor file's bounds (sensor.h). */
  for (size_t i = 0; i < net->n; i++) {
    const ow_sensor *s = &net->s[i];
    if (s->kind != OW_SENSOR_HOSTED || s->pointing != OW_POINT_SCAN)
      continue;
    double sum = 0.0;
    for (int k = 0; k < s->n_scan; k++) {
      if (!(s->scan[k].dwell_s >= OW_SCAN_DWELL_MIN_S))
        return ow_err_set(err, OW_E_RANGE, "scan",
                          "sensor \"%s\": dwell %g s below %g s", s->name,
                          s->scan[k].dwell_s, OW_SCAN_DWELL_MIN_S);
      sum += s->scan[k].dwell_s;
    }
    if (s->n_scan < 1 || !(s->revisit_s >= OW_SCAN_REVISIT_MIN_S) ||
        !(s->revisit_s >= sum) || !isfinite(s->revisit_s))
      return ow_err_set(err, OW_E_RANGE, "revisit_s",
                        "sensor \"%s\": scan cycle %g s not in [max(%g s, "
                        "sum of dwells %g s), inf)", s->name, s->revisit_s,
                        OW_SCAN_REVISIT_MIN_S, sum);
  }
  c = calloc(1, sizeof *c);
  if (!c)
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
  c->start_utc = start_utc;
  c->span_s = span_s;
  if (opts)
    c->opts = *opts;
  if (!(c->opts.min_window_s > 0))
    c->opts.min_window_s = 10.0;
  if (!(c->opts.tol_s > 0))
    c->opts.tol_s = 0.01;
  c->net = *net;
  c->net.s = malloc(net->n * sizeof *net->s);
  c->net.cap = net->n;
  c->sp = calloc(net->n, sizeof *c->sp);
  c->n_sun = (int)ceil(span_s / SUN_TABLE_STEP_S) + 3;
  c->n_itrf = (int)ceil(span_s / SUN_ITRF_STEP_S) + 3;
  c->sun = malloc((size_t)c->n_sun * sizeof *c->sun);
  c->moon = malloc((size_t)c->n_sun * sizeof *c->moon);
  c->sun_itrf = malloc((size_t)c->n_itrf * sizeof *c->sun_itrf);
  if (!c->net.s || !c->sp || !c->sun || !c->moon || !c->sun_itrf) {
    ow_access_free(c);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory");
  }
  memcpy(c->net.s, net->s, net->n * sizeof *net->s);

  for (int k = 0; k < c->n_sun; k++) {
    ow_jd tt = utc_to_tt(ow_access_time(c, (k - 1) * SUN_TABLE_STEP_S));
    ow_sun_teme(tt, c->sun[k]);
    ow_moon_teme(tt, c->moon[k]);
  }
  for (int k = 0; k < c->n_itrf; k++) {
    double t = (k - 1) * SUN_ITRF_STEP_S, s[3], zero[3] = {0, 0, 0}, vi[3];
    table3(c->sun, c->n_sun, SUN_TABLE_STEP_S, t, s);
    ow_teme_to_itrf(c->opts.eop, ow_access_time(c, t), s, zero,
                    c->sun_itrf[k], vi);
  }

  {
    ow_frame_ctx f0, f1;
    ow_frame_ctx_init(&f0, c->opts.eop, start_utc);
    ow_frame_ctx_init(&f1, c->opts.eop, ow_access_time(c, span_s));
    double turns = floor(f0.omega_rad_s * span_s / OW_TWOPI);
    double d = f1.gmst82_rad - f0.gmst82_rad + turns * OW_TWOPI;
    while (d < f0.omega_rad_s * span_s - OW_PI)
      d += OW_TWOPI;
    while (d > f0.omega_rad_s * span_s + OW_PI)
      d -= OW_TWOPI;
    c->gmst0_rad = f0.gmst82_rad;
    c->gmst_rate_rad_s = d / span_s;
    c->omega_rad_s = f0.omega_rad_s;
    memcpy(c->w_pef_itrf, f0.pef_to_itrf, sizeof c->w_pef_itrf);
  }
  double m_start[3][3];
  ow_gcrf_to_teme_matrix(utc_to_tt(start_utc), m_start);
  for (size_t i = 0; i < net->n && st == OW_OK; i++) {
    const ow_sensor *s = &c->net.s[i];
    sens_pre *p = &c->sp[i];
    if (s->kind != OW_SENSOR_HOSTED) {
      double sl = sin(s->lat_rad), cl = cos(s->lat_rad);
      double so = sin(s->lon_rad), co = cos(s->lon_rad);
      ow_geodetic_to_itrf(s->lat_rad, s->lon_rad, s->alt_km, p->site);
      /* Geodetic (ellipsoid-normal) up: elevation is measured from the
      ** local horizon plane, as skyfield's altaz() does. */
      p->up[0] = cl * co, p->up[1] = cl * so, p->up[2] = sl;
      p->east[0] = -so, p->east[1] = co, p->east[2] = 0;
      p->north[0] = -sl * co, p->north[1] = -sl * so, p->north[2] = cl;
      p->m_max_rad = s->min_el_rad;
      for (int k = 0; k < s->n_mask; k++) {
        int j = (k + 1) % s->n_mask;
        double da = s->mask_az_rad[j] - s->mask_az_rad[k];
        if (da <= 0)
          da += OW_TWOPI;
        p->m_max_rad = fmax(p->m_max_rad, s->mask_el_rad[k]);
        if (s->n_mask > 1)
          p->mask_slope = fmax(p->mask_slope,
                               fabs(s->mask_el_rad[j] - s->mask_el_rad[k]) /
                                   da);
      }
      p->sin_sun_max = sin(s->sun_max_el_rad);
    } else {
      st = host_table(c, s, &p->host, hosts, n_hosts, err);
      if (s->pointing == OW_POINT_INERTIAL)
        radec_to_teme(s->bore_a_rad, s->bore_b_rad, m_start, p->bore_teme);
      double off = 0;
      for (int k = 0; k < s->n_scan; k++) {
        p->scan_off_s[k] = off;
        off += s->scan[k].dwell_s;
        radec_to_teme(s->scan[k].a_rad, s->scan[k].b_rad, m_start,
                      p->scan_teme[k]);
      }
      p->scan_off_s[s->n_scan] = off;
      for (int k = 0; k < (s->pointing == OW_POINT_SCAN ? s->n_scan : 1);
           k++) {
        double az = s->pointing == OW_POINT_SCAN ? s->scan[k].a_rad
                                                 : s->bore_a_rad;
        double el = s->pointing == OW_POINT_SCAN ? s->scan[k].b_rad
                                                 : s->bore_b_rad;
        p->lvlh_dir[k][0] = cos(el) * cos(az);
        p->lvlh_dir[k][1] = cos(el) * sin(az);
        p->lvlh_dir[k][2] = sin(el);
      }
      p->axes_lvlh = (s->pointing == OW_POINT_SCAN ? s->scan_frame
                                                   : s->pointing) ==
                     OW_POINT_LVLH;
      for (int k = 0; k < (s->pointing == OW_POINT_SCAN ? s->n_scan : 1);
           k++)
        axes_prepare(s, p, k);
      p->cos_half = cos(s->fov_half_rad);
      p->sin_w = sin(s->fov_half_w_rad), p->cos_w = cos(s->fov_half_w_rad);
      p->sin_h = sin(s->fov_half_h_rad), p->cos_h = cos(s->fov_half_h_rad);
    }
    if (s->lim_mag > 0) {
      double rad_km = 0.5e-3 * s->target_diam_m;
      p->flux_c = 2.0 * s->target_albedo * rad_km * rad_km / (3.0 * OW_PI);
      p->flux_lim = pow(10.0, -0.4 * (s->lim_mag - SUN_MAG_V));
    }
  }
  if (st != OW_OK) {
    ow_access_free(c);
    return st;
  }
  *out = c;
  return OW_OK;
}

void ow_access_free(ow_access_ctx *c)
{
  if (!c)
    return;
  if (c->sp)
    for (size_t i = 0; i < c->net.n; i++)
      free(c->sp[i].host.pv);
  free(c->sp);
  free(c->net.s);
  free(c->sun);
  free(c->moon);
  free(c->sun_itrf);
  free(c);
}

const ow_network *ow_access_network(const ow_access_ctx *c)
{
  return &c->net;
}

/* ---- constraints -------------------------------------------------------- */

/* Rate bounds of one (sensor, target) pair, fixed for the span. */
typedef struct rates {
  double R[C_COUNT];
  double d_max_km, v_rel_km_s, omega_b;
  int geom; /* fill the reporting-only angles of ow_access_geom */
  /* Ground sensors without a mask: elevation as g = rho.up - |rho| sin m,
  ** with its Lipschitz bound R_el2 and curvature bounds (see tz_quad). */
  double R_el2, A_el, A_rng, dv_el, dv_rng;
} rates;

/* Where a scan sensor points: dwell index, or -1 when idle. */
typedef struct seg {
  double a, b; /* [a, b): span seconds */
  int k;       /* scan step, -1 idle; 0 for non-scan sensors */
} seg;

typedef struct evalr {
  int ok;        /* target state available */
  int vis;
  double f;      /* min_i g_i / R_i, s */
  double block;  /* max over violated constraints of their time to zero */
  double stay;   /* min over satisfied ones of their time to zero */
  double block_indep; /* the same over constraints and pointings that do
                         not depend on the current dwell (scan sensors) */
  double obj;    /* best-geometry objective (maximised) */
  double fov_block[OW_SCAN_MAX]; /* scans: per pointing, s */
  double range, rdot;
  ow_access_geom geom;
} evalr;

/* The flux ratio (target brightness / Sun) of a diffuse sphere:
** Phi = c F(phase) / rho^2 with F = (pi - p) cos p + sin p. */
static double phase_fn(double ph)
{
  return (OW_PI - ph) * cos(ph) + sin(ph);
}

static double vec_angle(const double a[3], const double b[3])
{
  double c[3];
  cross(a, b, c);
  return atan2(norm(c), dot(a, b));
}

static void bounds_for(const ow_access_ctx *c, int si, const ow_target *tg,
                       rates *q)
{
  const ow_sensor *s = &c->net.s[si];
  const sens_pre *p = &c->sp[si];
  double rmin = tg->r_min_km, re = OW_SHADOW_EARTH_RADIUS_KM;
  memset(q, 0, sizeof *q);
  /* Sunlit margin theta - alpha_E - k alpha_S: theta turns at most as
  ** fast as the Earth's direction (v / r) plus the Sun's; alpha_E =
  ** asin(Re / r) changes at Re |rdot| / (r sqrt(r^2 - Re^2)). */
  double rr = fmax(rmin, re * 1.001);
  q->R[C_SUNLIT] = tg->v_max_km_s / rr *
                       (1.0 + re / sqrt(rr * rr - re * re)) +
                   SUN_DIR_RATE_RAD_S;
  if (s->kind != OW_SENSOR_HOSTED) {
    double vi = tg->v_max_km_s + OW_VALLADO_OMEGA_EARTH_RAD_S * tg->r_max_km;
    double m = p->m_max_rad, cm = cos(m);
    /* g = rho.up - rho_h tan m(az): |d(rho.up)/dt| <= v, |d rho_h/dt| <=
    ** v, and rho_h d tan m / dt = sec^2 m m' rho_h daz/dt <= sec^2 m m' v
    ** (rho_h daz/dt is a velocity component). */
    q->R[C_ELEV] = vi * (1.0 + fabs(tan(m)) + p->mask_slope / (cm * cm));
    q->R[C_RANGE] = vi;
    q->R[C_DARK] = OW_VALLADO_OMEGA_EARTH_RAD_S + SUN_DIR_RATE_RAD_S;
    q->v_rel_km_s = vi;
    q->d_max_km = tg->r_max_km + norm(p->site);
    double rho_min = fmax(rmin - norm(p->site), 1.0);
    /* Curvature: the ITRF acceleration is bounded by gravity (with 1 %
    ** for J2), Coriolis and centrifugal terms; |rho|'' <= |a| + v^2/|rho|
    ** (the turning of the line of sight), with |rho| >= rho_min. So
    ** |g''| <= a (1 + |sin m|) + |sin m| v^2 / rho_min for the elevation
    ** and a + v^2 / rho_min for the range. The rates at a sample come
    ** from SGP4's velocity, allowed a 1 % error of the speed bound. */
    double sm = fabs(sin(s->min_el_rad));
    double amax = 1.01 * OW_WGS84_MU_KM3_S2 / (rmin * rmin) +
                  2.0 * OW_VALLADO_OMEGA_EARTH_RAD_S * vi +
                  OW_VALLADO_OMEGA_EARTH_RAD_S * OW_VALLADO_OMEGA_EARTH_RAD_S *
                      tg->r_max_km;
    q->R_el2 = vi * (1.0 + sm);
    q->A_el = amax * (1.0 + sm) + sm * vi * vi / rho_min;
    q->A_rng = amax + vi * vi / rho_min;
    q->dv_el = 0.01 * q->R_el2;
    q->dv_rng = 0.01 * vi;
    if (s->lim_mag > 0)
      q->R[C_MAG] = p->flux_c / p->flux_lim * vi * (1.82 + 2 * OW_PI) /
                    (rho_min * rho_min * rho_min);
    return;
  }
  const host_eph *h = &p->host;
  double V = tg->v_max_km_s + h->v_max_km_s;
  double D = tg->r_max_km + h->r_max_km;
  double wh = h->v_max_km_s / h->r_min_km; /* LVLH frame rate bound */
  double wb = s->pointing == OW_POINT_INERTIAL ||
                      (s->pointing == OW_POINT_SCAN &&
                       s->scan_frame == OW_POINT_INERTIAL)
                  ? 0.0
                  : wh;
  q->v_rel_km_s = V;
  q->d_max_km = D;
  q->omega_b = wb;
  if (s->fov == OW_FOV_CONE) {
    q->R[C_FOV1] = V * (1.0 + cos(s->fov_half_rad)) + D * wb;
  } else {
    q->R[C_FOV1] = (V + D * wb) * (sin(s->fov_half_w_rad) +
                                   cos(s->fov_half_w_rad));
    q->R[C_FOV2] = (V + D * wb) * (sin(s->fov_half_h_rad) +
                                   cos(s->fov_half_h_rad));
  }
  q->R[C_RANGE] = V;
  q->R[C_SUNX] = V * (1.0 + fabs(cos(s->sun_excl_rad))) +
                 D * (SUN_DIR_RATE_RAD_S + h->v_max_km_s / 1.4e8);
  q->R[C_MOONX] = V * (1.0 + fabs(cos(s->moon_excl_rad))) +
                  D * (MOON_SPEED_KM_S + h->v_max_km_s) /
                      (MOON_MIN_DIST_KM - h->r_max_km);
  double ra = re + s->atm_km, rh = fmax(h->r_min_km, ra * 1.001);
  double bdot = ra * h->v_max_km_s / (rh * sqrt(rh * rh - ra * ra));
  q->R[C_LIMB] = 2.0 * V + D * (wh + bdot);
  double rho_min = 1.0; /* a target may pass next to its host */
  if (s->lim_mag > 0)
    q->R[C_MAG] = p->flux_c / p->flux_lim * V * (1.82 + 2 * OW_PI) /
                  (rho_min * rho_min * rho_min);
}

/*
** Axes (boresight b, rectangle axes e1, e2) of pointing k, in LVLH
** components (I, C, R: right-handed, I x C = R) for LVLH pointing or in
** TEME for inertial pointing; constant in that frame. e1 is horizontal
** (b x R, or b x z for inertial pointing; b x C or b x x when b is along
** it), e2 = b x e1, both turned by the roll about b.
*/
static void axes_prepare(const ow_sensor *s, sens_pre *p, int k)
{
  double b[3], ref[3] = {0, 0, 1}, u1[3], u2[3];
  if (p->axes_lvlh) {
    memcpy(b, p->lvlh_dir[k], sizeof b);
  } else {
    memcpy(b, s->pointing == OW_POINT_SCAN ? p->scan_teme[k] : p->bore_teme,
           sizeof b);
  }
  cross(b, ref, u1);
  if (norm(u1) < 1e-9) {
    double alt[3] = {p->axes_lvlh ? 0.0 : 1.0, p->axes_lvlh ? 1.0 : 0.0, 0};
    cross(b, alt, u1);
  }
  unit(u1);
  cross(b, u1, u2);
  double cr = cos(s->fov_roll_rad), sr = sin(s->fov_roll_rad);
  for (int i = 0; i < 3; i++) {
    p->axes[k][0][i] = b[i];
    p->axes[k][1][i] = cr * u1[i] + sr * u2[i];
    p->axes[k][2][i] = -sr * u1[i] + cr * u2[i];
  }
}

/* FOV margins (g1, g2) of pointing k for d (in the axes' frame). */
static void fov_g(const ow_sensor *s, const sens_pre *p, int k,
                  const double d[3], double dd, double *g1, double *g2)
{
  double db = dot(d, p->axes[k][0]);
  if (s->fov == OW_FOV_CONE) {
    *g1 = db - dd * p->cos_half;
    *g2 = 0;
  } else {
    *g1 = db * p->sin_w - fabs(dot(d, p->axes[k][1])) * p->cos_w;
    *g2 = db * p->sin_h - fabs(dot(d, p->axes[k][2])) * p->cos_h;
  }
}

/* Accumulates normalised margins into an evalr. */
/*
** Accumulate one constraint: g its value, R the bound on |dg/dt|, tz a
** lower bound on the time g needs to reach zero from here (>= |g| / R).
*/
static void con_t(evalr *o, double g, double R, double tz, int indep)
{
  double m = g / R;
  if (m < o->f)
    o->f = m;
  if (m < 0) {
    if (tz > o->block)
      o->block = tz;
    if (indep && tz > o->block_indep)
      o->block_indep = tz;
  } else if (tz < o->stay) {
    o->stay = tz;
  }
}

static void con(evalr *o, double g, double R, int indep)
{
  con_t(o, g, R, fabs(g) / R, indep);
}

/*
** Time for g to reach zero, from g, its rate gd (known to +-dv) and a
** bound A on |g''| (the ground elevation and range constraints): the
** smallest h > 0 with |g| - h (|gd| toward zero + dv) - A h^2 / 2 = 0,
** and never less than the Lipschitz bound |g| / R.
*/
static double tz_quad(double g, double gd, double A, double R, double dv)
{
  double m = fabs(g), u = (g < 0 ? gd : -gd) + dv; /* speed toward zero */
  double disc = sqrt(u * u + 2.0 * A * m), h;
  h = u > 0 ? 2.0 * m / (u + disc) : (disc - u) / A;
  return fmax(h, m / R);
}

/*
** Every constraint of sensor si at t (pointing k for scans, -1 idle).
** lazy: once a constraint is violated, the costlier ones (shadow,
** magnitude) are skipped. The block times then come from fewer
** constraints, i.e. they are shorter: still safe, only less far-reaching.
*/
static void evaluate(const ow_access_ctx *c, int si, const ow_target *tg,
                     const rates *q, double t, int k, int lazy, evalr *o)
{
  const ow_sensor *s = &c->net.s[si];
  const sens_pre *p = &c->sp[si];
  double r[3], v[3], sun[3], rng, rdot;
  double obs[3];  /* observer, same frame as r (for the phase angle) */
  double sun_f[3]; /* Sun in that frame */
  double r_f[3];   /* target in that frame */
  memset(o, 0, sizeof *o);
  o->f = INFINITY;
  o->stay = INFINITY;
  o->geom.el_rad = o->geom.az_rad = o->geom.mag = NAN;
  o->geom.off_bore_rad = o->geom.sun_sep_rad = NAN;
  o->geom.moon_sep_rad = o->geom.limb_sep_rad = o->geom.sun_el_rad = NAN;
  o->geom.sunlit_margin_rad = NAN;
  if (tg->state(tg->user, t, r, v) < 0) {
    o->f = -INFINITY;
    o->geom.margin_s = -INFINITY;
    return;
  }
  o->ok = 1;
  table3(c->sun, c->n_sun, SUN_TABLE_STEP_S, t, sun);

  if (s->kind != OW_SENSOR_HOSTED) {
    double ri[3], vi[3], rho[3];
    teme_to_itrf_fast(c, t, r, v, ri, vi);
    for (int i = 0; i < 3; i++)
      rho[i] = ri[i] - p->site[i];
    rng = norm(rho);
    double zu = dot(rho, p->up), rh = 0.0;
    double m = s->min_el_rad;
    if (s->n_mask || q->geom) {
      double ze = dot(rho, p->east), zn = dot(rho, p->north);
      double az = atan2(ze, zn);
      rh = hypot(ze, zn);
      if (az < 0)
        az += OW_TWOPI;
      m = ow_sensor_min_el(s, az);
      o->geom.az_rad = az;
    }
    rdot = dot(rho, vi) / rng;
    if (s->n_mask) {
      con(o, zu - rh * tan(m), q->R[C_ELEV], 1);
    } else {
      double sm = sin(m), g = zu - rng * sm;
      double gd = dot(vi, p->up) - sm * rdot;
      con_t(o, g, q->R_el2, tz_quad(g, gd, q->A_el, q->R_el2, q->dv_el), 1);
    }
    if (q->geom)
      o->geom.el_rad = atan2(zu, rh);
    o->obj = zu / rng; /* sin(elevation) */
    if (s->max_range_km > 0) {
      double g = s->max_range_km - rng;
      con_t(o, g, q->R[C_RANGE],
            tz_quad(g, -rdot, q->A_rng, q->R[C_RANGE], q->dv_rng), 1);
    }
    if (s->kind == OW_SENSOR_RADAR && !s->need_sunlit && !q->geom &&
        !(s->lim_mag > 0))
      goto done; /* no Sun-dependent constraint */
    double su[3];
    table3(c->sun_itrf, c->n_itrf, SUN_ITRF_STEP_S, t, su);
    double sin_sun_el = dot(su, p->up) / norm(su);
    if (q->geom)
      o->geom.sun_el_rad = asin(fmax(-1, fmin(1, sin_sun_el)));
    if (s->kind == OW_SENSOR_OPTICAL && s->need_dark)
      con(o, p->sin_sun_max - sin_sun_el, q->R[C_DARK], 1);
    /* The phase angle is frame-free: work in ITRF. */
    memcpy(obs, p->site, sizeof obs);
    memcpy(r_f, ri, sizeof r_f);
    double sd = norm(sun) / norm(su);
    for (int i = 0; i < 3; i++)
      sun_f[i] = su[i] * sd;
  } else {
    double rh[3], vh[3], d[3], dv[3];
    host_state(&p->host, t, rh, vh);
    for (int i = 0; i < 3; i++) {
      d[i] = r[i] - rh[i];
      dv[i] = v[i] - vh[i];
    }
    rng = norm(d);
    rdot = dot(d, dv) / rng;
    o->obj = -rng;
    if (s->max_range_km > 0)
      con(o, s->max_range_km - rng, q->R[C_RANGE], 1);
    /* Field of view: the current pointing (dependent on the dwell), and
    ** for scans every pointing's own block time. */
    /* The pointings' axes are constant in their frame (precomputed): d
    ** is expressed in that frame once, then each pointing costs a few
    ** products. */
    int rect = s->fov == OW_FOV_RECT, scan = s->pointing == OW_POINT_SCAN;
    double dl[3], I[3], C[3], R[3] = {rh[0], rh[1], rh[2]};
    if (p->axes_lvlh) {
      unit(R);
      cross(rh, vh, C);
      unit(C);
      cross(C, R, I);
      dl[0] = dot(d, I), dl[1] = dot(d, C), dl[2] = dot(d, R);
    } else {
      memcpy(dl, d, sizeof dl);
    }
    if (k >= 0) {
      double g1, g2;
      fov_g(s, p, k, dl, rng, &g1, &g2);
      con(o, g1, q->R[C_FOV1], !scan);
      if (rect)
        con(o, g2, q->R[C_FOV2], !scan);
      if (q->geom) {
        const double *u = p->axes[k][0];
        double bt[3];
        for (int i = 0; i < 3; i++)
          bt[i] = p->axes_lvlh ? u[0] * I[i] + u[1] * C[i] + u[2] * R[i]
                               : u[i];
        o->geom.off_bore_rad = vec_angle(d, bt);
      }
    } else {
      o->f = -INFINITY; /* idle: nothing is observed */
    }
    if (scan) {
      for (int j = 0; j < s->n_scan; j++) {
        double h1, h2;
        fov_g(s, p, j, dl, rng, &h1, &h2);
        double mm = h1 / q->R[C_FOV1];
        if (rect)
          mm = fmin(mm, h2 / q->R[C_FOV2]);
        o->fov_block[j] = mm < 0 ? -mm : 0.0;
      }
    }
    double sh[3], mh[3], nad[3], mo[3];
    for (int i = 0; i < 3; i++) {
      sh[i] = sun[i] - rh[i];
      nad[i] = -rh[i];
    }
    unit(sh);
    double rhn = norm(rh);
    unit(nad);
    double beta_e = asin(fmin(1.0, (OW_SHADOW_EARTH_RADIUS_KM + s->atm_km) /
                                       rhn));
    double beta = beta_e + fmax(s->limb_excl_rad, 0.0);
    con(o, rng * cos(beta) - dot(d, nad), q->R[C_LIMB], 1);
    if (s->sun_excl_rad > 0)
      con(o, rng * cos(s->sun_excl_rad) - dot(d, sh), q->R[C_SUNX], 1);
    if (s->moon_excl_rad > 0 || q->geom) {
      table3(c->moon, c->n_sun, MOON_TABLE_STEP_S, t, mo);
      for (int i = 0; i < 3; i++)
        mh[i] = mo[i] - rh[i];
      unit(mh);
      if (s->moon_excl_rad > 0)
        con(o, rng * cos(s->moon_excl_rad) - dot(d, mh), q->R[C_MOONX], 1);
      if (q->geom)
        o->geom.moon_sep_rad = vec_angle(d, mh);
    }
    if (q->geom) {
      o->geom.sun_sep_rad = vec_angle(d, sh);
      o->geom.limb_sep_rad = vec_angle(d, nad) - beta_e;
    }
    memcpy(obs, rh, sizeof obs);
    memcpy(r_f, r, sizeof r_f);
    memcpy(sun_f, sun, sizeof sun_f);
  }

  if (!(lazy && o->f < 0)) {
    if (s->need_sunlit || q->geom) {
      double g = ow_sunlit_margin(r, sun, s->sunlit_mode);
      o->geom.sunlit_margin_rad = g;
      if (s->need_sunlit)
        con(o, g, q->R[C_SUNLIT], 1);
    }
    if (s->lim_mag > 0 && !(lazy && o->f < 0)) {
      double ts[3], back[3];
      for (int i = 0; i < 3; i++) {
        ts[i] = sun_f[i] - r_f[i];
        back[i] = obs[i] - r_f[i];
      }
      double flux = p->flux_c * phase_fn(vec_angle(ts, back)) / (rng * rng);
      o->geom.mag = SUN_MAG_V - 2.5 * log10(fmax(flux, 1e-300));
      con(o, flux / p->flux_lim - 1.0, q->R[C_MAG], 1);
    }
  }
done:
  o->range = rng;
  o->rdot = rdot;
  o->vis = o->f >= 0;
  if (o->f == INFINITY) /* no constraint at all: always visible */
    o->f = 1e9;
  o->geom.visible = o->vis;
  o->geom.margin_s = o->f;
  o->geom.range_km = rng;
  o->geom.range_rate_km_s = rdot;
}

int ow_access_sensor_lon(const ow_access_ctx *c, int si, double t_s,
                         double *lon_rad)
{
  double r[3], v[3], ri[3], vi[3];
  if (!c || si < 0 || (size_t)si >= c->net.n || !lon_rad)
    return OW_E_ARG;
  if (c->net.s[si].kind != OW_SENSOR_HOSTED) {
    *lon_rad = remainder(c->net.s[si].lon_rad, OW_TWOPI);
    return OW_OK;
  }
  host_state(&c->sp[si].host, t_s, r, v);
  ow_teme_to_itrf(c->opts.eop, ow_access_time(c, t_s), r, v, ri, vi);
  *lon_rad = atan2(ri[1], ri[0]);
  return OW_OK;
}

int ow_access_eval(const ow_access_ctx *c, int si, const ow_target *tg,
                   double t_s, ow_access_geom *g)
{
  rates q;
  evalr o;
  const ow_sensor *s;
  int k = 0;
  if (!c || si < 0 || (size_t)si >= c->net.n || !tg || !g)
    return OW_E_ARG;
  s = &c->net.s[si];
  if (s->pointing == OW_POINT_SCAN && s->kind == OW_SENSOR_HOSTED) {
    double ph = fmod(t_s, s->revisit_s);
    if (ph < 0)
      ph += s->revisit_s;
    k = -1;
    for (int j = 0; j < s->n_scan; j++)
      if (ph >= c->sp[si].scan_off_s[j] && ph < c->sp[si].scan_off_s[j + 1])
        k = j;
  }
  bounds_for(c, si, tg, &q);
  q.geom = 1;
  evaluate(c, si, tg, &q, t_s, k, 0, &o);
  *g = o.geom;
  return o.ok ? OW_OK : OW_E_SGP4_DECAYED;
}

/* ---- search ------------------------------------------------------------- */

typedef struct search {
  const ow_access_ctx *c;
  int si;
  const ow_target *tg;
  rates q;
  size_t evals;
  ow_window *out;
  size_t cap, n;
  int lost;
  double in_step_max; /* sampling inside windows, for the best geometry */
  double next_ok[OW_SCAN_MAX]; /* scans: see march() */
} search;

static void ev(search *S, double t, int k, evalr *o)
{
  S->evals++;
  evaluate(S->c, S->si, S->tg, &S->q, t, k, 0, o);
}

/* The march's samples: lazy (see evaluate). */
static void ev_lazy(search *S, double t, int k, evalr *o)
{
  S->evals++;
  evaluate(S->c, S->si, S->tg, &S->q, t, k, 1, o);
}

/*
** Edge between a (visibility va) and b (the other state): Illinois
** (modified regula falsi) on the margin f, falling back to bisection when
** it stalls; stops when the bracket is below tol. Returns the time of the
** first visible instant side of the bracket.
*/

static double edge(search *S, int k, double a, double fa, double b,
                   double fb)
{
  double tol = S->c->opts.tol_s;
  int side = 0;
  evalr o;
  double last = NAN;
  /* Infinite margins (lost target) give no slope: bisect. */
  for (int it = 0; it < 200 && fabs(b - a) > tol; it++) {
    double x;
    if (isfinite(fa) && isfinite(fb) && fa != fb)
      x = b - fb * (b - a) / (fb - fa);
    else
      x = 0.5 * (a + b);
    double lo = fmin(a, b), hi = fmax(a, b), w = hi - lo;
    /* Once the estimate stops moving by more than tol / 2, probe tol / 2
    ** beyond it: the bracket then closes instead of creeping from one
    ** side, as regula falsi does. */
    if (!isnan(last) && fabs(x - last) < 0.5 * tol)
      x = last + (x >= last ? 0.5 * tol : -0.5 * tol);
    if (!(x > lo + 0.01 * w && x < hi - 0.01 * w) &&
        !(w > 2 * tol && x > lo && x < hi))
      x = 0.5 * (a + b);
    ev(S, x, k, &o);
    last = x;
    double fx = o.f;
    if ((fx >= 0) == (fb >= 0)) {
      b = x, fb = fx;
      if (side == -1)
        fa *= 0.5;
      side = -1;
    } else {
      a = x, fa = fx;
      if (side == 1)
        fb *= 0.5;
      side = 1;
    }
  }
  /* Report the visible end of the final bracket. */
  return (fa >= 0) ? a : b;
}

/* The value minimised for the best geometry: -sin(elevation) (ground)
** or the range. */
static double objective(search *S, int k, double t, int want_range)
{
  evalr o;
  ev(S, t, k, &o);
  if (!o.ok)
    return INFINITY;
  return want_range ? o.range : -o.obj;
}

/*
** Best geometry in [a, b] starting from the best sample x: Brent's
** minimisation (parabolic steps through the three best points, golden
** section when a parabola misbehaves), to tol seconds. Values, not
** derivatives: SGP4's velocity is not exactly the derivative of its
** position, which shifts the root of a derivative by seconds where the
** maximum is flat (slow, high passes).
*/
static double best_time(search *S, int k, double a, double x, double b,
                        int want_range, double tol, double *fbest)
{
  const double golden = 0.3819660112501051; /* (3 - sqrt 5) / 2 */
  double w = x, v = x, fx = objective(S, k, x, want_range), fw = fx,
         fv = fx, d = 0, e = 0;
  for (int it = 0; it < 100; it++) {
    double m = 0.5 * (a + b), tol2 = 2.0 * tol, u, fu;
    int parabolic = 0;
    if (fabs(x - m) <= tol2 - 0.5 * (b - a))
      break;
    if (fabs(e) > tol) {
      double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw);
      double p = (x - v) * q - (x - w) * r, olde = e;
      q = 2.0 * (q - r);
      if (q > 0)
        p = -p;
      else
        q = -q;
      e = d;
      if (fabs(p) < fabs(0.5 * q * olde) && p > q * (a - x) &&
          p < q * (b - x)) {
        d = p / q;
        u = x + d;
        if (u - a < tol2 || b - u < tol2)
          d = x < m ? tol : -tol;
        parabolic = 1;
      }
    }
    if (!parabolic) {
      e = x >= m ? a - x : b - x;
      d = golden * e;
    }
    u = x + (fabs(d) >= tol ? d : (d > 0 ? tol : -tol));
    fu = objective(S, k, u, want_range);
    if (fu <= fx) {
      if (u >= x)
        a = x;
      else
        b = x;
      v = w, fv = fw, w = x, fw = fx, x = u, fx = fu;
    } else {
      if (u < x)
        a = u;
      else
        b = u;
      if (fu <= fw || w == x) {
        v = w, fv = fw, w = u, fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u, fv = fu;
      }
    }
  }
  *fbest = fx;
  return x;
}

/*
** Local maxima of the sampled objective in a window: each sample that is
** at least as good as both neighbours (window edges count as samples) is
** a candidate bracket (lo, t, hi), refined afterwards; the best refined
** one wins. A window may hold several maxima (an eccentric orbit rising
** near apogee and again near perigee), so the best sample alone is not
** enough.
*/
#define MAX_CAND 6
typedef struct cand {
  double lo, t, hi, v;
} cand;

typedef struct seq {
  double t1, v1, t2, v2;
  int n, nc;
  cand c[MAX_CAND];
} seq;

typedef struct track {
  seq el, rg; /* maximise obj (sin el) and -range */
} track;

static void seq_add(seq *q, double lo, double t, double hi, double v)
{
  int worst = 0;
  if (q->nc < MAX_CAND) {
    q->c[q->nc++] = (cand){lo, t, hi, v};
    return;
  }
  for (int i = 1; i < MAX_CAND; i++)
    if (q->c[i].v < q->c[worst].v)
      worst = i;
  if (v > q->c[worst].v)
    q->c[worst] = (cand){lo, t, hi, v};
}

static void seq_push(seq *q, double t, double v)
{
  if (q->n >= 2 && q->v2 >= q->v1 && q->v2 >= v)
    seq_add(q, q->t1, q->t2, t, q->v2);
  else if (q->n == 1 && q->v2 >= v)
    seq_add(q, q->t2, q->t2, t, q->v2);
  q->t1 = q->t2, q->v1 = q->v2;
  q->t2 = t, q->v2 = v;
  q->n++;
}

static void seq_end(seq *q)
{
  if (q->n == 1 || q->v2 >= q->v1)
    seq_add(q, q->n > 1 ? q->t1 : q->t2, q->t2, q->t2, q->v2);
}

static void track_start(track *tr, double t0, const evalr *o)
{
  memset(tr, 0, sizeof *tr);
  seq_push(&tr->el, t0, o->obj);
  seq_push(&tr->rg, t0, -o->range);
}

static void track_add(track *tr, double tprev, double t, const evalr *o)
{
  (void)tprev;
  seq_push(&tr->el, t, o->obj);
  seq_push(&tr->rg, t, -o->range);
}

/* Refine every candidate and return the best time. */
static double refine_best(search *S, int k, seq *q, int want_range,
                          double *vbest)
{
  double tol = want_range && S->c->net.s[S->si].kind != OW_SENSOR_HOSTED
                   ? RANGE_TOL_S
                   : BEST_TOL_S;
  double best_t = q->c[0].t, best_v = INFINITY;
  for (int i = 0; i < q->nc; i++) {
    cand *c = &q->c[i];
    double v = INFINITY, t = c->hi > c->lo ? best_time(S, k, c->lo, c->t, c->hi,
                                            want_range, tol, &v)
                                : c->t;
    if (!(c->hi > c->lo))
      v = objective(S, k, t, want_range);
    if (v < best_v)
      best_v = v, best_t = t;
  }
  *vbest = best_v;
  return best_t;
}

static void emit(search *S, int k, double ws, double we, int flags,
                 track *tr)
{
  const ow_sensor *s = &S->c->net.s[S->si];
  int hosted = s->kind == OW_SENSOR_HOSTED;
  ow_window w;
  evalr o;
  memset(&w, 0, sizeof w);
  w.norad = S->tg->norad;
  w.sensor = S->si;
  w.flags = flags;
  w.start_s = ws;
  w.end_s = we;
  double tmin, vmin = INFINITY, vel;
  if (we - ws <= S->c->opts.tol_s) {
    w.best_s = tmin = 0.5 * (ws + we);
  } else {
    ev(S, we, k, &o);
    if (tr->el.t2 < we) {
      seq_push(&tr->el, we, o.obj);
      seq_push(&tr->rg, we, -o.range);
    }
    seq_end(&tr->el);
    seq_end(&tr->rg);
    if (!hosted)
      w.best_s = refine_best(S, k, &tr->el, 0, &vel);
    tmin = refine_best(S, k, &tr->rg, 1, &vmin);
    if (hosted)
      w.best_s = tmin;
  }
  {
    rates qg = S->q;
    qg.geom = 1;
    S->evals++;
    evaluate(S->c, S->si, S->tg, &qg, w.best_s, k, 0, &o);
  }
  w.min_range_km = vmin;
  w.best_el_rad = hosted ? NAN : o.geom.el_rad;
  w.best_az_rad = hosted ? NAN : o.geom.az_rad;
  w.best_range_km = o.range;
  w.best_range_rate_km_s = o.rdot;
  if (w.min_range_km > o.range)
    w.min_range_km = o.range;
  if (S->n < S->cap)
    S->out[S->n] = w;
  S->n++;
}

/*
** March over [a, b] with a fixed pointing k. t_first >= a is where
** sampling begins (no window can start in [a, t_first)). For scans, the
** last sample also updates S->next_ok[j]: the time before which no window
** can begin in any dwell of pointing j.
*/
static void march(search *S, int k, double a, double b, double t_first,
                  int clip_a, int clip_b)
{
  double D = S->c->opts.min_window_s, t = t_first, ws = 0;
  evalr o, on;
  track tr;
  int in;

  ev_lazy(S, t, k, &o);
  if (!o.ok) {
    S->lost = 1;
    return;
  }
  in = o.vis;
  if (in) {
    ws = t;
    track_start(&tr, t, &o);
  }
  while (t < b) {
    if (!in && t + o.block >= b)
      break; /* nothing can become visible before the segment ends */
    double step = in ? fmin(o.stay + D, S->in_step_max) : o.block + D;
    double tn = fmin(t + step, b);
    ev_lazy(S, tn, k, &on);
    if (!on.ok) {
      /* Lost (decay): close an open window at the last good sample's
      ** side by bisection on availability, then stop. */
      double lo = t, hi = tn;
      evalr ox;
      while (hi - lo > S->c->opts.tol_s) {
        double x = 0.5 * (lo + hi);
        ev(S, x, k, &ox);
        if (ox.ok)
          lo = x;
        else
          hi = x;
      }
      if (in) {
        ev(S, lo, k, &ox);
        double we = ox.vis ? lo : edge(S, k, t, o.f, lo, ox.f);
        emit(S, k, ws, we, (ws == a && clip_a ? OW_WIN_CLIPPED_START : 0) |
                               OW_WIN_LOST, &tr);
      }
      S->lost = 1;
      return;
    }
    if (on.vis != in) {
      double te = edge(S, k, t, o.f, tn, on.f);
      if (in) {
        emit(S, k, ws, te, ws == a && clip_a ? OW_WIN_CLIPPED_START : 0,
             &tr);
        in = 0;
      } else {
        evalr oe;
        ws = te;
        ev(S, te, k, &oe);
        track_start(&tr, te, &oe);
        track_add(&tr, te, tn, &on);
        in = 1;
      }
    } else if (in) {
      track_add(&tr, t, tn, &on);
    }
    t = tn;
    o = on;
  }
  if (in)
    emit(S, k, ws, b, (ws == a && clip_a ? OW_WIN_CLIPPED_START : 0) |
                          (clip_b ? OW_WIN_CLIPPED_END : 0), &tr);
  const ow_sensor *s = &S->c->net.s[S->si];
  if (s->kind == OW_SENSOR_HOSTED && s->pointing == OW_POINT_SCAN)
    for (int j = 0; j < s->n_scan; j++)
      S->next_ok[j] = fmax(S->next_ok[j],
                           t + fmax(o.block_indep, o.fov_block[j]));
}

int ow_access_windows(const ow_access_ctx *c, int si, const ow_target *tg,
                      ow_window *out, size_t cap, size_t *n, size_t *evals)
{
  search S;
  const ow_sensor *s;
  if (n)
    *n = 0;
  if (evals)
    *evals = 0;
  if (!c || si < 0 || (size_t)si >= c->net.n || !tg || !n)
    return OW_E_ARG;
  s = &c->net.s[si];
  memset(&S, 0, sizeof S);
  S.c = c, S.si = si, S.tg = tg, S.out = out, S.cap = cap;
  bounds_for(c, si, tg, &S.q);
  /* Inside a window, sample at least 100 times per orbit so that every
  ** hump of the objective (one per apogee or perigee passage at most) is
  ** seen by a few samples. */
  {
    double sma = 0.5 * (tg->r_min_km + tg->r_max_km);
    double period_s = OW_TWOPI * sqrt(sma * sma * sma / OW_WGS84_MU_KM3_S2);
    if (s->kind == OW_SENSOR_HOSTED) {
      const host_eph *h = &c->sp[si].host;
      double ha = 0.5 * (h->r_min_km + h->r_max_km);
      period_s =
          fmin(period_s, OW_TWOPI * sqrt(ha * ha * ha / OW_WGS84_MU_KM3_S2));
    }
    S.in_step_max = fmax(period_s / 100.0, c->opts.min_window_s);
  }

  if (s->kind == OW_SENSOR_HOSTED) {
    const host_eph *h = &c->sp[si].host;
    if (tg->norad == h->norad)
      return OW_OK;
    /* Always inside the Earth-limb exclusion: a target whose orbit stays
    ** below radius r is never more than asin(r / r_host) from the host's
    ** nadir, while the exclusion reaches asin((Re + atm) / r_host) + eps
    ** (smallest at the host's largest radius). */
    double re = OW_SHADOW_EARTH_RADIUS_KM + s->atm_km;
    if (tg->r_max_km < h->r_min_km &&
        asin(tg->r_max_km / h->r_min_km) <
            asin(fmin(1.0, re / h->r_max_km)) + fmax(s->limb_excl_rad, 0))
      return OW_OK;
  }
  if (!(s->kind == OW_SENSOR_HOSTED && s->pointing == OW_POINT_SCAN)) {
    march(&S, 0, 0.0, c->span_s, 0.0, 1, 1);
  } else {
    /* Dwell by dwell; windows that run across back-to-back dwells are
    ** joined afterwards. A dwell is skipped when the last sample showed
    ** that its pointing cannot see the target before the dwell ends. */
    const sens_pre *p = &c->sp[si];
    double T = s->revisit_s;
    long cyc1 = (long)floor(c->span_s / T);
    for (long cy = 0; cy <= cyc1 && !S.lost; cy++) {
      for (int j = 0; j < s->n_scan && !S.lost; j++) {
        double a = cy * T + p->scan_off_s[j], b = cy * T + p->scan_off_s[j + 1];
        if (a >= c->span_s)
          break;
        b = fmin(b, c->span_s);
        if (b <= S.next_ok[j])
          continue;
        march(&S, j, a, b, fmax(a, S.next_ok[j]), a == 0.0, b == c->span_s);
      }
    }
    /* Join windows that touch at a dwell boundary. */
    size_t m = 0, lim = S.n < cap ? S.n : cap;
    for (size_t i = 0; i < lim; i++) {
      if (m && out[m - 1].end_s == out[i].start_s) {
        ow_window *w = &out[m - 1];
        w->end_s = out[i].end_s;
        w->flags |= out[i].flags & (OW_WIN_CLIPPED_END | OW_WIN_LOST);
        if (out[i].best_range_km < w->best_range_km) {
          w->best_s = out[i].best_s;
          w->best_range_km = out[i].best_range_km;
          w->best_range_rate_km_s = out[i].best_range_rate_km_s;
        }
        w->min_range_km = fmin(w->min_range_km, out[i].min_range_km);
      } else {
        out[m++] = out[i];
      }
    }
    if (S.n <= cap)
      S.n = m;
  }
  *n = S.n;
  if (evals)
    *evals = S.evals;
  return OW_OK;
}

/* ---- whole catalogs ---------------------------------------------------- */

typedef struct wlist {
  ow_window *w;
  size_t n, cap;
  int oom;
} wlist;

static int cmp_window(const void *pa, const void *pb)
{
  const ow_window *a = pa, *b = pb;
  if (a->sensor != b->sensor)
    return a->sensor < b->sensor ? -1 : 1;
  if (a->norad != b->norad)
    return a->norad < b->norad ? -1 : 1;
  return (a->start_s > b->start_s) - (a->start_s < b->start_s);
}

/* One target for every sensor, appending to l (which the caller owns). */
static void target_all(const ow_access_ctx *c, const ow_target *tg, wlist *l,
                       size_t *evals)
{
  for (size_t si = 0; si < c->net.n && !l->oom; si++) {
    size_t n, ev;
    for (;;) {
      /* l->w is NULL until the first window: no pointer arithmetic on it
         (NULL + 0 is undefined behaviour, and UBSan stops there) */
      ow_access_windows(c, (int)si, tg, l->w ? l->w + l->n : NULL,
                        l->cap - l->n, &n, &ev);
      *evals += ev;
      if (l->n + n <= l->cap)
        break;
      size_t cap = 2 * (l->n + n) + 64;
      ow_window *p = realloc(l->w, cap * sizeof *p);
      if (!p) {
        l->oom = 1;
        return;
      }
      l->w = p;
      l->cap = cap;
    }
    l->n += n;
  }
}

int ow_access_catalog(const ow_access_ctx *c, const ow_elset *es, size_t n,
                      ow_window **out, size_t *n_out, ow_access_stats *stats)
{
  size_t evals = 0, skipped = 0, total = 0;
  int oom = 0, nth = 1;
  wlist *lists;

  *out = NULL;
  *n_out = 0;
#ifdef _OPENMP
  nth = c->opts.threads > 0 ? c->opts.threads : omp_get_max_threads();
#endif
  lists = calloc((size_t)nth, sizeof *lists);
  if (!lists)
    return OW_E_NOMEM;

#pragma omp parallel num_threads(nth) reduction(+ : evals, skipped)
  {
    int me = 0;
#ifdef _OPENMP
    me = omp_get_thread_num();
#endif
    wlist *l = &lists[me];
    ow_sgp4 *m = malloc(sizeof *m);
    if (!m)
      l->oom = 1;
#pragma omp for schedule(dynamic, 16)
    for (size_t i = 0; i < n; i++) {
      ow_target tg;
      ow_sgp4_target u;
      if (l->oom)
        continue;
      if (ow_sgp4_init(m, &es[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL) <
          0) {
        skipped++;
        continue;
      }
      ow_target_init_sgp4(&tg, &u, m, &es[i], c->start_utc);
      target_all(c, &tg, l, &evals);
    }
    free(m);
  }
  for (int i = 0; i < nth; i++) {
    oom |= lists[i].oom;
    total += lists[i].n;
  }
  ow_window *all = oom ? NULL : malloc((total ? total : 1) * sizeof *all);
  if (all) {
    size_t k = 0;
    for (int i = 0; i < nth; i++) {
      if (lists[i].n)
        memcpy(all + k, lists[i].w, lists[i].n * sizeof *all);
      k += lists[i].n;
    }
    qsort(all, total, sizeof *all, cmp_window);
  }
  for (int i = 0; i < nth; i++)
    free(lists[i].w);
  free(lists);
  if (!all)
    return OW_E_NOMEM;
  *out = all;
  *n_out = total;
  if (stats) {
    stats->targets = n;
    stats->skipped = skipped;
    stats->evals = evals;
    stats->windows = total;
  }
  return OW_OK;
}
