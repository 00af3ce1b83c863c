/*
** frames.c - TEME, PEF, ITRF and GCRF rotations; WGS-84 geodetic.
**
** Exports ow_frame_name, ow_frame_parse, ow_gmst82, ow_frame_ctx_init,
** ow_frame_ctx_from_teme, ow_frame_ctx_to_teme, the one-shot converters
** (ow_teme_to_itrf ... ow_gcrf_iau76_to_teme) and the geodetic pair.
**
** Representation: an ow_frame_ctx holds every rotation of one instant as
** 3x3 matrices acting on column vectors (r_to = M r_from) plus the GMST
** 1982 angle and rate; everything else is applying them. The routes and
** the reasons for each choice are in frames.h and docs/frames.md.
*/
#include "astro_int.h"
#include "orbwatch/frames.h"
#include "orbwatch/time.h"

#include <erfa.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* ---- small matrix helpers (column vectors; m^T without copying) ---- */

static void mxv(const double m[3][3], const double v[3], double out[3])
{
  double t[3];
  for (int i = 0; i < 3; i++)
    t[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
  memcpy(out, t, sizeof t);
}

static void mtxv(const double m[3][3], const double v[3], double out[3])
{
  double t[3];
  for (int i = 0; i < 3; i++)
    t[i] = m[0][i] * v[0] + m[1][i] * v[1] + m[2][i] * v[2];
  memcpy(out, t, sizeof t);
}

/* r_pef = Rz(theta) r_teme: the frame turned by +theta about z. */
static void rz_apply(double theta, const double v[3], double out[3])
{
  double c = cos(theta), s = sin(theta);
  double x = c * v[0] + s * v[1], y = -s * v[0] + c * v[1];
  out[0] = x;
  out[1] = y;
  out[2] = v[2];
}

/* ---- names ---- */

static const char *const frame_names[] = {"teme", "pef", "itrf",
                                          "gcrf", "geodetic", "gcrf76"};

const char *ow_frame_name(ow_frame f)
{
  if ((int)f < 0 || (size_t)f >= sizeof frame_names / sizeof frame_names[0])
    return "unknown";
  return frame_names[f];
}

int ow_frame_parse(const char *name, ow_frame *f)
{
  static const struct {
    const char *alias;
    ow_frame f;
  } aliases[] = {{"itrs", OW_FRAME_ITRF},
                 {"ecef", OW_FRAME_ITRF},
                 {"gcrs", OW_FRAME_GCRF},
                 {"gcrf-iau76", OW_FRAME_GCRF_IAU76}};
  if (name == NULL || f == NULL)
    return OW_E_ARG;
  for (size_t i = 0; i < sizeof frame_names / sizeof frame_names[0]; i++)
    if (strcasecmp(name, frame_names[i]) == 0) {
      *f = (ow_frame)i;
      return OW_OK;
    }
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcasecmp(name, aliases[i].alias) == 0) {
      *f = aliases[i].f;
      return OW_OK;
    }
  return OW_E_ARG;
}

/* ---- Earth rotation ---- */

/*
** ow_gmst82 - Greenwich mean sidereal time, IAU 1982 (Aoki et al. 1982),
** the angle SGP4's TEME is defined against.
** Given:   jd_ut1  ow_jd   UT1 (any split)
** Returns: GMST in radians, [0, 2pi).
** Reference: eraGmst82.
*/
double ow_gmst82(ow_jd jd_ut1)
{
  return eraGmst82(jd_ut1.day, jd_ut1.frac);
}

/*
** Rate of GMST 1982 in rad/s of UT1: the derivative of
** 24110.54841 + 8640184.812866 T + 0.093104 T^2 - 6.2e-6 T^3 (s, T in
** Julian centuries of UT1) plus the UT1 day itself.
*/
static double gmst82_rate_rad_s(ow_jd jd_ut1)
{
  double t = ((jd_ut1.day - OW_JD_J2000) + jd_ut1.frac) / OW_DAYS_PER_JCENTURY;
  double dg = 8640184.812866 + (2.0 * 0.093104 - 3.0 * 6.2e-6 * t) * t;
  return OW_TWOPI / OW_SEC_PER_DAY *
         (1.0 + dg / (OW_SEC_PER_DAY * OW_DAYS_PER_JCENTURY));
}

/*
** TEME -> GCRS matrices of both routes at one instant (TT for precession-
** nutation, UT1 for GMST 1982 and the Earth rotation angle).
*/
static void gcrf_matrices(ow_jd tt, ow_jd ut1, double m06[3][3],
                          double m76[3][3])
{
  double rc2i[3][3], rb[3][3], rp[3][3], rbp[3][3], rn[3][3];
  double m[3][3], a[3][3], dpsi, deps;
  double gmst = ow_gmst82(ut1);

  /* IAU 2006/2000A: GCRS = C^T Rz(-ERA) Rz(gmst82) TEME. */
  eraC2i06a(tt.day, tt.frac, rc2i);
  eraIr(m);
  eraRz(gmst - eraEra00(ut1.day, ut1.frac), m); /* TEME -> CIRS */
  eraTr(rc2i, a);                               /* CIRS -> GCRS */
  eraRxr(a, m, m06);

  /*
  ** IAU 1976/1980: TOD = Rz(-EqEq94) TEME, then nutation, precession and
  ** frame bias undone in turn. EqEq94 (with its kinematic terms) is the
  ** one for which GMST82 + EqEq = GAST, so this route agrees with
  ** TEME -> PEF -> (GAST, N80, P76, B) -> GCRF.
  */
  eraNut80(tt.day, tt.frac, &dpsi, &deps);
  eraNumat(eraObl80(tt.day, tt.frac), dpsi, deps, rn); /* MOD -> TOD */
  eraPmat76(tt.day, tt.frac, rp);                      /* J2000 -> MOD */
  eraBp00(tt.day, tt.frac, rb, a, rbp); /* rb: GCRS -> J2000 mean */
  eraRxr(rn, rp, a);                    /* J2000 -> TOD */
  eraRxr(a, rb, m);                     /* GCRS -> TOD */
  eraRz(eraEqeq94(tt.day, tt.frac), m); /* GCRS -> TEME */
  eraTr(m, m76);
}

/*
** Half-width of the central difference that gives the rate of the TEME ->
** GCRS matrices: the fastest nutation terms (13.7 d) make its truncation
** error 1e-9 of the rate, and rounding (1e-16 per element) 1e-6 of it.
*/
#define GCRF_RATE_STEP_S 10.0

/*
** ow_frame_ctx_init - every rotation at one UTC instant.
**
** Given:    eop     const ow_eop*  Earth orientation, NULL for none
**           jd_utc  ow_jd          instant (UTC quasi-JD)
** Returned: ctx     ow_frame_ctx*  filled (zeroed on error)
** Returns:  OW_OK, OW_W_EOP_RANGE, OW_W_LEAP_DUBIOUS, OW_E_RANGE, OW_E_ARG
** Notes:    1) TT drives precession-nutation, UT1 drives GMST and ERA.
**           2) The IAU 2006/2000A matrix is C^T Rz(gmst82 - ERA): the
**              polar-motion matrices of TEME->ITRF and ITRF->GCRS cancel
**              (both use s' = 0 here), and PEF is taken as TIRS.
**           3) The TEME axes turn against GCRS with precession and
**              nutation (up to ~3.5e-11 rad/s): the matrices' rates are
**              kept so that GCRF velocities are the time derivative of
**              GCRF positions (1.5 mm/s at GEO if left out).
**           4) Cost: three evaluations of each precession-nutation model
**              (the rate by central difference); share a context.
** Reference: IERS Conventions (2010) ch. 5; Vallado et al. 2006 app. C.
*/
static int ctx_init(ow_frame_ctx *ctx, const ow_eop *eop, ow_jd jd_utc,
                    int need_gcrf);

int ow_frame_ctx_init(ow_frame_ctx *ctx, const ow_eop *eop, ow_jd jd_utc)
{
  return ctx_init(ctx, eop, jd_utc, 1);
}

/* need_gcrf = 0 leaves the GCRF matrices zero (TEME/PEF/ITRF only). */
static int ctx_init(ow_frame_ctx *ctx, const ow_eop *eop, ow_jd jd_utc,
                    int need_gcrf)
{
  double ut1a, ut1b, p06[3][3], p76[3][3], n06[3][3], n76[3][3];
  const double h_day = GCRF_RATE_STEP_S / 86400.0;
  ow_jd ut1, tt;
  int st_eop, st, st_tt;
  if (ctx == NULL)
    return OW_E_ARG;
  memset(ctx, 0, sizeof *ctx);
  if (!isfinite(jd_utc.day) || !isfinite(jd_utc.frac))
    return OW_E_RANGE;
  st_eop = ow_eop_at(eop, jd_utc, &ctx->dut1_s, &ctx->xp_rad, &ctx->yp_rad);
  if (st_eop < 0)
    return st_eop;
  st = eraUtcut1(jd_utc.day, jd_utc.frac, ctx->dut1_s, &ut1a, &ut1b);
  if (st < 0) {
    memset(ctx, 0, sizeof *ctx);
    return OW_E_RANGE;
  }
  ut1 = ow__jd_norm(ut1a, ut1b);
  st_tt = ow_utc_to_tt(jd_utc, &tt);
  if (st_tt < 0) {
    memset(ctx, 0, sizeof *ctx);
    return st_tt;
  }
  ctx->jd_utc = jd_utc;
  ctx->gmst82_rad = ow_gmst82(ut1);
  ctx->omega_rad_s = gmst82_rate_rad_s(ut1);
  eraPom00(ctx->xp_rad, ctx->yp_rad, 0.0, ctx->pef_to_itrf);

  if (!need_gcrf)
    goto done;
  gcrf_matrices(tt, ut1, ctx->teme_to_gcrf, ctx->teme_to_gcrf76);
  gcrf_matrices(ow__jd_norm(tt.day, tt.frac + h_day),
                ow__jd_norm(ut1.day, ut1.frac + h_day), p06, p76);
  gcrf_matrices(ow__jd_norm(tt.day, tt.frac - h_day),
                ow__jd_norm(ut1.day, ut1.frac - h_day), n06, n76);
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      ctx->teme_to_gcrf_rate[i][j] =
          (p06[i][j] - n06[i][j]) / (2.0 * GCRF_RATE_STEP_S);
      ctx->teme_to_gcrf76_rate[i][j] =
          (p76[i][j] - n76[i][j]) / (2.0 * GCRF_RATE_STEP_S);
    }

done:
  if (st_eop != OW_OK)
    ctx->status = st_eop;
  else
    ctx->status = st_tt;
  return ctx->status;
}

/* ---- applying a context ---- */

/* PEF state from TEME: rotate, then remove the Earth-rotation velocity. */
static void teme_to_pef(const ow_frame_ctx *c, const double r[3],
                        const double v[3], double rp[3], double vp[3])
{
  double r_out[3];
  rz_apply(c->gmst82_rad, r, r_out);
  if (v != NULL && vp != NULL) {
    double vr[3];
    rz_apply(c->gmst82_rad, v, vr);
    /* v_pef = Rz v_teme - w x r_pef with w = (0, 0, omega). */
    vp[0] = vr[0] + c->omega_rad_s * r_out[1];
    vp[1] = vr[1] - c->omega_rad_s * r_out[0];
    vp[2] = vr[2];
  }
  memcpy(rp, r_out, sizeof r_out);
}

static void pef_to_teme(const ow_frame_ctx *c, const double rp[3],
                        const double vp[3], double r[3], double v[3])
{
  if (vp != NULL && v != NULL) {
    double vi[3];
    vi[0] = vp[0] - c->omega_rad_s * rp[1];
    vi[1] = vp[1] + c->omega_rad_s * rp[0];
    vi[2] = vp[2];
    rz_apply(-c->gmst82_rad, vi, v);
  }
  rz_apply(-c->gmst82_rad, rp, r);
}

/*
** ow_frame_ctx_from_teme - TEME state to frame `to` with a context.
** Given:    ctx, to, r_teme_km, v_teme_km_s (may be NULL)
** Returned: r_km, v_km_s (not written when v_teme_km_s or v_km_s is NULL)
** Returns:  OW_OK, OW_E_ARG (NULL, geodetic or unknown frame; r zeroed)
** Notes:    the polar-motion rate is neglected in ITRF velocities
**           (< 1e-12 rad/s, 4e-5 mm/s at GEO).
*/
int ow_frame_ctx_from_teme(const ow_frame_ctx *ctx, ow_frame to,
                           const double r_teme_km[3],
                           const double v_teme_km_s[3], double r_km[3],
                           double v_km_s[3])
{
  int with_v = v_teme_km_s != NULL && v_km_s != NULL;
  if (ctx == NULL || r_teme_km == NULL || r_km == NULL)
    return OW_E_ARG;
  switch (to) {
  case OW_FRAME_TEME:
    memmove(r_km, r_teme_km, 3 * sizeof(double));
    if (with_v)
      memmove(v_km_s, v_teme_km_s, 3 * sizeof(double));
    return OW_OK;
  case OW_FRAME_PEF:
  case OW_FRAME_ITRF:
    teme_to_pef(ctx, r_teme_km, with_v ? v_teme_km_s : NULL, r_km,
                with_v ? v_km_s : NULL);
    if (to == OW_FRAME_ITRF) {
      mxv(ctx->pef_to_itrf, r_km, r_km);
      if (with_v)
        mxv(ctx->pef_to_itrf, v_km_s, v_km_s);
    }
    return OW_OK;
  case OW_FRAME_GCRF:
  case OW_FRAME_GCRF_IAU76: {
    int is06 = to == OW_FRAME_GCRF;
    const double(*m)[3] = is06 ? ctx->teme_to_gcrf : ctx->teme_to_gcrf76;
    const double(*md)[3] =
        is06 ? ctx->teme_to_gcrf_rate : ctx->teme_to_gcrf76_rate;
    double r[3], w[3];
    memcpy(r, r_teme_km, sizeof r);
    if (with_v) {
      /* v_gcrf = M v_teme + dM/dt r_teme */
      mxv(md, r, w);
      mxv(m, v_teme_km_s, v_km_s);
      for (int i = 0; i < 3; i++)
        v_km_s[i] += w[i];
    }
    mxv(m, r, r_km);
    return OW_OK;
  }
  case OW_FRAME_GEODETIC:
  default:
    r_km[0] = r_km[1] = r_km[2] = 0.0;
    return OW_E_ARG;
  }
}

/* ow_frame_ctx_to_teme - the inverse of ow_frame_ctx_from_teme. */
int ow_frame_ctx_to_teme(const ow_frame_ctx *ctx, ow_frame from,
                         const double r_km[3], const double v_km_s[3],
                         double r_teme_km[3], double v_teme_km_s[3])
{
  int with_v = v_km_s != NULL && v_teme_km_s != NULL;
  if (ctx == NULL || r_km == NULL || r_teme_km == NULL)
    return OW_E_ARG;
  switch (from) {
  case OW_FRAME_TEME:
    memmove(r_teme_km, r_km, 3 * sizeof(double));
    if (with_v)
      memmove(v_teme_km_s, v_km_s, 3 * sizeof(double));
    return OW_OK;
  case OW_FRAME_PEF:
  case OW_FRAME_ITRF: {
    double rp[3], vp[3];
    memcpy(rp, r_km, sizeof rp);
    if (with_v)
      memcpy(vp, v_km_s, sizeof vp);
    if (from == OW_FRAME_ITRF) {
      mtxv(ctx->pef_to_itrf, rp, rp);
      if (with_v)
        mtxv(ctx->pef_to_itrf, vp, vp);
    }
    pef_to_teme(ctx, rp, with_v ? vp : NULL, r_teme_km,
                with_v ? v_teme_km_s : NULL);
    return OW_OK;
  }
  case OW_FRAME_GCRF:
  case OW_FRAME_GCRF_IAU76: {
    int is06 = from == OW_FRAME_GCRF;
    const double(*m)[3] = is06 ? ctx->teme_to_gcrf : ctx->teme_to_gcrf76;
    const double(*md)[3] =
        is06 ? ctx->teme_to_gcrf_rate : ctx->teme_to_gcrf76_rate;
    double r[3], w[3], vg[3];
    mtxv(m, r_km, r);
    if (with_v) {
      /* v_teme = M^T (v_gcrf - dM/dt r_teme) */
      mxv(md, r, w);
      for (int i = 0; i < 3; i++)
        vg[i] = v_km_s[i] - w[i];
      mtxv(m, vg, v_teme_km_s);
    }
    memcpy(r_teme_km, r, sizeof r);
    return OW_OK;
  }
  case OW_FRAME_GEODETIC:
  default:
    r_teme_km[0] = r_teme_km[1] = r_teme_km[2] = 0.0;
    return OW_E_ARG;
  }
}

/* ---- one-shot forms ---- */

static int one_shot(const ow_eop *eop, ow_jd jd_utc, int forward,
                    ow_frame f, const double r[3], const double v[3],
                    double r_out[3], double v_out[3])
{
  ow_frame_ctx ctx;
  int st = ctx_init(&ctx, eop, jd_utc,
                    f == OW_FRAME_GCRF || f == OW_FRAME_GCRF_IAU76),
      st2;
  if (st < 0) {
    if (r_out)
      r_out[0] = r_out[1] = r_out[2] = 0.0;
    if (v_out)
      v_out[0] = v_out[1] = v_out[2] = 0.0;
    return st;
  }
  st2 = forward ? ow_frame_ctx_from_teme(&ctx, f, r, v, r_out, v_out)
                : ow_frame_ctx_to_teme(&ctx, f, r, v, r_out, v_out);
  return st2 != OW_OK ? st2 : st;
}

int ow_teme_to_itrf(const ow_eop *eop, ow_jd jd_utc, const double r_teme_km[3],
                    const double v_teme_km_s[3], double r_itrf_km[3],
                    double v_itrf_km_s[3])
{
  return one_shot(eop, jd_utc, 1, OW_FRAME_ITRF, r_teme_km, v_teme_km_s,
                  r_itrf_km, v_itrf_km_s);
}

int ow_itrf_to_teme(const ow_eop *eop, ow_jd jd_utc, const double r_itrf_km[3],
                    const double v_itrf_km_s[3], double r_teme_km[3],
                    double v_teme_km_s[3])
{
  return one_shot(eop, jd_utc, 0, OW_FRAME_ITRF, r_itrf_km, v_itrf_km_s,
                  r_teme_km, v_teme_km_s);
}

int ow_teme_to_pef(const ow_eop *eop, ow_jd jd_utc, const double r_teme_km[3],
                   const double v_teme_km_s[3], double r_pef_km[3],
                   double v_pef_km_s[3])
{
  return one_shot(eop, jd_utc, 1, OW_FRAME_PEF, r_teme_km, v_teme_km_s,
                  r_pef_km, v_pef_km_s);
}

int ow_teme_to_gcrf(const ow_eop *eop, ow_jd jd_utc, const double r_teme_km[3],
                    const double v_teme_km_s[3], double r_gcrf_km[3],
                    double v_gcrf_km_s[3])
{
  return one_shot(eop, jd_utc, 1, OW_FRAME_GCRF, r_teme_km, v_teme_km_s,
                  r_gcrf_km, v_gcrf_km_s);
}

int ow_gcrf_to_teme(const ow_eop *eop, ow_jd jd_utc, const double r_gcrf_km[3],
                    const double v_gcrf_km_s[3], double r_teme_km[3],
                    double v_teme_km_s[3])
{
  return one_shot(eop, jd_utc, 0, OW_FRAME_GCRF, r_gcrf_km, v_gcrf_km_s,
                  r_teme_km, v_teme_km_s);
}

int ow_teme_to_gcrf_iau76(const ow_eop *eop, ow_jd jd_utc,
                          const double r_teme_km[3],
                          const double v_teme_km_s[3], double r_gcrf_km[3],
                          double v_gcrf_km_s[3])
{
  return one_shot(eop, jd_utc, 1, OW_FRAME_GCRF_IAU76, r_teme_km,
                  v_teme_km_s, r_gcrf_km, v_gcrf_km_s);
}

int ow_gcrf_iau76_to_teme(const ow_eop *eop, ow_jd jd_utc,
                          const double r_gcrf_km[3],
                          const double v_gcrf_km_s[3], double r_teme_km[3],
                          double v_teme_km_s[3])
{
  return one_shot(eop, jd_utc, 0, OW_FRAME_GCRF_IAU76, r_gcrf_km,
                  v_gcrf_km_s, r_teme_km, v_teme_km_s);
}

/* ---- WGS-84 geodetic ---- */

/*
** Below this distance from the centre Vermeille's closed form meets the
** evolute of the ellipse (about e^2 a = 43 km); a fixed-point iteration
** takes over there. No orbit or ground point comes that close.
*/
#define GEODETIC_CLOSED_FORM_MIN_KM 100.0

/*
** ow_itrf_to_geodetic - ITRF Cartesian to WGS-84 latitude, longitude,
** ellipsoidal height.
**
** Given:    r_itrf_km  double[3]  position, km
** Returned: lat_rad    geodetic latitude, [-pi/2, pi/2]
**           lon_rad    longitude, (-pi, pi]
**           alt_km     height above the ellipsoid, km
** Reference: H. Vermeille, "Computing geodetic coordinates from geocentric
**           coordinates", J. Geodesy 78 (2004) 94-95.
*/
void ow_itrf_to_geodetic(const double r_itrf_km[3], double *lat_rad,
                         double *lon_rad, double *alt_km)
{
  const double a = OW_WGS84_A_KM, f = OW_WGS84_F;
  const double e2 = f * (2.0 - f), e4 = e2 * e2;
  double x = r_itrf_km[0], y = r_itrf_km[1], z = r_itrf_km[2];
  double rho = hypot(x, y);
  *lon_rad = atan2(y, x);
  if (hypot(rho, z) >= GEODETIC_CLOSED_FORM_MIN_KM) {
    double p = rho * rho / (a * a);
    double q = (1.0 - e2) * z * z / (a * a);
    double r = (p + q - e4) / 6.0;
    double s = e4 * p * q / (4.0 * r * r * r);
    double t = cbrt(1.0 + s + sqrt(s * (2.0 + s)));
    double u = r * (1.0 + t + 1.0 / t);
    double v = sqrt(u * u + e4 * q);
    double w = e2 * (u + v - q) / (2.0 * v);
    double k = sqrt(u + v + w * w) - w;
    double d = k * rho / (k + e2);
    double dz = hypot(d, z);
    /* Half-angle form: exact on the axis (d = 0) and the equator. */
    *lat_rad = 2.0 * atan2(z, d + dz);
    *alt_km = (k + e2 - 1.0) / k * dz;
  } else {
    double lat = atan2(z, rho * (1.0 - e2));
    for (int i = 0; i < 10; i++) {
      double sl = sin(lat), n = a / sqrt(1.0 - e2 * sl * sl);
      double h = rho * cos(lat) + z * sl - a * sqrt(1.0 - e2 * sl * sl);
      double den = rho * (1.0 - e2 * n / (n + h));
      lat = atan2(z, den);
    }
    *lat_rad = lat;
    {
      double sl = sin(lat);
      *alt_km = rho * cos(lat) + z * sl - a * sqrt(1.0 - e2 * sl * sl);
    }
  }
}

/*
** ow_geodetic_to_itrf - WGS-84 latitude, longitude, height to ITRF.
** Reference: the closed form of any geodesy text (e.g. Vallado 2013,
** eq. 3-7 with N = a / sqrt(1 - e^2 sin^2 lat)).
*/
void ow_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                         double r_itrf_km[3])
{
  const double a = OW_WGS84_A_KM, f = OW_WGS84_F;
  const double e2 = f * (2.0 - f);
  double sl = sin(lat_rad), cl = cos(lat_rad);
  double n = a / sqrt(1.0 - e2 * sl * sl);
  r_itrf_km[0] = (n + alt_km) * cl * cos(lon_rad);
  r_itrf_km[1] = (n + alt_km) * cl * sin(lon_rad);
  r_itrf_km[2] = (n * (1.0 - e2) + alt_km) * sl;
}
