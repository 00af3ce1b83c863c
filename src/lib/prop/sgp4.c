/*
** sgp4.c - SGP4 near-earth theory, model preparation and propagation.
**
** Exports ow_sgp4_init, ow_sgp4_propagate and ow_sgp4_refcode. The
** deep-space (SDP4) additions live in sgp4_deep.c.
**
** Written from:
**   [STR3]  F. R. Hoots, R. L. Roehrich, "Models for Propagation of NORAD
**           Element Sets", Spacetrack Report #3, 1980 (rev. 1988).
**   [V06]   D. A. Vallado, P. Crawford, R. Hujsak, T. S. Kelso,
**           "Revisiting Spacetrack Report #3", AIAA 2006-6753, with the
**           later corrections ("sgp4fix" notes) that the reference output
**           tcppver.out reflects.
**
** Representation: the model (sgp4_model.h) holds everything that does not
** depend on time; propagation is a const, allocation-free evaluation. The
** paper's symbols are kept (aodp -> ao, xnodp -> no, eta, c1 -> cc1 ...),
** with distances in Earth radii (er) and time in minutes inside, km and
** km/s at the boundary.
*/
#include "sgp4_private.h"
#include "orbwatch/elset.h"
#include "orbwatch/sgp4.h"

#include <math.h>
#include <string.h>

/* ---- constants -------------------------------------------------------- */

#define X2O3 (2.0 / 3.0)
/* TLE mean motion rev/day -> rad/min: divide by 1440/(2 pi) ([V06] xpdotp). */
#define XPDOTP_MIN_PER_RAD (1440.0 / OW_TWOPI)
/* Deep-space threshold: orbital period of 225 minutes or more ([STR3] 6). */
#define DEEP_SPACE_PERIOD_MIN 225.0
/* Drag model: reference height of the density function s, km ([STR3]). */
#define DRAG_S0_HEIGHT_KM 78.0
/* Drag model: q0, top of the (q0 - s)^4 density function, km ([STR3]). */
#define DRAG_Q0_HEIGHT_KM 120.0
/* Perigee heights that change s ([STR3] 6.1): below 156 km s is lowered. */
#define DRAG_PERIGEE_LOW_KM 156.0
#define DRAG_PERIGEE_FLOOR_KM 98.0
#define DRAG_S_FLOOR_KM 20.0
/* Below this perigee height only the truncated drag terms are used. */
#define SIMPLE_DRAG_PERIGEE_KM 220.0
/* Eccentricity below which the C3/omgcof/xmcof terms vanish ([STR3]). */
#define ECC_SMALL 1.0e-4
/* Guard for 1 + cos i near 0 (180 deg inclination), [V06] sgp4fix. */
#define COSIO_P1_GUARD 1.5e-12
/* Kepler solver ([V06]): tolerance, iteration limit and step clamp. */
#define KEPLER_TOL 1.0e-12
#define KEPLER_MAX_ITER 10
#define KEPLER_MAX_STEP 0.95
/* Mean eccentricity limits of error 1 and the floor used after it ([V06]). */
#define ECC_MEAN_MIN (-0.001)
#define ECC_MEAN_FLOOR 1.0e-6

/* Julian date of 1949 Dec 31 0h, the SGP4 epoch origin ([V06]). */
#define JD_1950_ORIGIN 2433281.5
/* Julian date of J2000.0. */
#define JD_J2000 2451545.0

/* WGS-72 and WGS-84 constants as used by [V06] (getgravconst). */
#define WGS72_MU_KM3_S2 398600.8
#define WGS72_RE_KM 6378.135
#define WGS72_J2 0.001082616
#define WGS72_J3 (-0.00000253881)
#define WGS72_J4 (-0.00000165597)
#define WGS72OLD_MU_KM3_S2 398600.79964
#define WGS72OLD_XKE 0.0743669161 /* [STR3] XKE, er^1.5/min */
#define WGS84_MU_KM3_S2 398600.5
#define WGS84_RE_KM 6378.137
#define WGS84_J2 0.00108262998905
#define WGS84_J3 (-0.00000253215306)
#define WGS84_J4 (-0.00000161098761)

/* ---- gravity constants and sidereal time ------------------------------ */

static void set_gravity(ow_sgp4_grav *g, ow_gravity which)
{
  switch (which) {
  case OW_GRAV_WGS72_OLD:
    g->mu_km3_s2 = WGS72OLD_MU_KM3_S2;
    g->re_km = WGS72_RE_KM;
    g->xke = WGS72OLD_XKE;
    g->j2 = WGS72_J2;
    g->j3 = WGS72_J3;
    g->j4 = WGS72_J4;
    break;
  case OW_GRAV_WGS84:
    g->mu_km3_s2 = WGS84_MU_KM3_S2;
    g->re_km = WGS84_RE_KM;
    g->j2 = WGS84_J2;
    g->j3 = WGS84_J3;
    g->j4 = WGS84_J4;
    break;
  case OW_GRAV_WGS72:
  default:
    g->mu_km3_s2 = WGS72_MU_KM3_S2;
    g->re_km = WGS72_RE_KM;
    g->j2 = WGS72_J2;
    g->j3 = WGS72_J3;
    g->j4 = WGS72_J4;
    break;
  }
  if (which != OW_GRAV_WGS72_OLD)
    g->xke = 60.0 / sqrt(g->re_km * g->re_km * g->re_km / g->mu_km3_s2);
  g->tumin = 1.0 / g->xke;
  g->j3oj2 = g->j3 / g->j2;
  g->vkmpersec = g->re_km * g->xke / 60.0;
}

/*
** Greenwich mean sidereal angle, IAU 1982 (Aoki et al. 1982), as used by
** the 'improved' mode. jd_ut1 is a Julian date; returns rad in [0, 2 pi).
*/
static double gmst1982_rad(double jd_ut1)
{
  double tut1 = (jd_ut1 - JD_J2000) / 36525.0;
  /* GMST in seconds of time: 24110.54841 s + 8640184.812866 s T
     + 0.093104 s T^2 - 6.2e-6 s T^3, with 876600 h per century added
     for the Earth's rotation and 24110.54841 s shifted by 12 h. */
  double gmst_s = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 +
                  (876600.0 * 3600.0 + 8640184.812866) * tut1 + 67310.54841;
  /* 240 s of time per degree. */
  double theta = fmod(gmst_s * OW_DEG2RAD / 240.0, OW_TWOPI);
  if (theta < 0.0)
    theta += OW_TWOPI;
  return theta;
}

/*
** Greenwich sidereal angle as the AFSPC operational code computes it
** ([V06] 'a' mode): a linear model from 1970 Jan 0. epoch is days since
** 1949 Dec 31 0h.
*/
#define AFSPC_THGR70_RAD 1.7321343856509374  /* angle at 1970 Jan 0 0h */
#define AFSPC_C1_RAD_DAY 1.72027916940703639e-2 /* daily advance less 2 pi */
#define AFSPC_FK5R_RAD_DAY2 5.07551419432269442e-15 /* quadratic term */
#define AFSPC_DAYS_1950_TO_1970 7305.0
static double gst_afspc_rad(double epoch_1950_day)
{
  double ts70 = epoch_1950_day - AFSPC_DAYS_1950_TO_1970;
  double ds70 = floor(ts70 + 1.0e-8);
  double tfrac = ts70 - ds70;
  double theta = fmod(AFSPC_THGR70_RAD + AFSPC_C1_RAD_DAY * ds70 +
                          (AFSPC_C1_RAD_DAY + OW_TWOPI) * tfrac +
                          ts70 * ts70 * AFSPC_FK5R_RAD_DAY2,
                      OW_TWOPI);
  if (theta < 0.0)
    theta += OW_TWOPI;
  return theta;
}

/* ---- preparation ------------------------------------------------------ */

/* Long-period coefficient of L, guarded at 180 deg inclination ([V06]). */
static double long_period_xlcof(double j3oj2, double sini, double cosi)
{
  double den = 1.0 + cosi;
  if (fabs(den) <= COSIO_P1_GUARD)
    den = COSIO_P1_GUARD;
  return -0.25 * j3oj2 * sini * (3.0 + 5.0 * cosi) / den;
}

/*
** Epoch quantities ([STR3] section 6 "initialization", [V06] initl):
** recover the Brouwer mean motion and semi-major axis from the Kozai
** mean motion of the TLE.
*/
static void init_epoch_elements(ow_sgp4_near *n, const ow_sgp4_grav *g,
                                double no_kozai)
{
  double eccsq = n->ecco * n->ecco;
  double omeosq = 1.0 - eccsq;
  double rteosq = sqrt(omeosq);
  double cosio = cos(n->inclo);
  double cosio2 = cosio * cosio;

  double ak = pow(g->xke / no_kozai, X2O3);
  double d1 = 0.75 * g->j2 * (3.0 * cosio2 - 1.0) / (rteosq * omeosq);
  double del = d1 / (ak * ak);
  double adel =
      ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
  del = d1 / (adel * adel);
  n->no = no_kozai / (1.0 + del);
  n->ao = pow(g->xke / n->no, X2O3);
  n->cosio = cosio;
  n->sinio = sin(n->inclo);
}

/*
** Drag and secular coefficients ([STR3] 6.1-6.2, [V06] sgp4init).
** deep says the orbit takes the deep-space branch (which forces isimp).
*/
static void init_near_coefficients(ow_sgp4_near *n, const ow_sgp4_grav *g,
                                   int deep)
{
  const double re = g->re_km, j2 = g->j2, j4 = g->j4;
  double ecco = n->ecco, ao = n->ao, no = n->no;
  double eccsq = ecco * ecco;
  double omeosq = 1.0 - eccsq;
  double rteosq = sqrt(omeosq);
  double cosio = n->cosio, sinio = n->sinio;
  double cosio2 = cosio * cosio;
  double po = ao * omeosq;
  double con42 = 1.0 - 5.0 * cosio2;
  double posq = po * po;
  double rp = ao * (1.0 - ecco);
  double perige = (rp - 1.0) * re;

  n->con41 = -con42 - cosio2 - cosio2;
  n->isimp = rp < SIMPLE_DRAG_PERIGEE_KM / re + 1.0;

  /* Density parameters s and (q0 - s)^4 in er, lowered for low perigees. */
  double sfour = DRAG_S0_HEIGHT_KM / re + 1.0;
  double qzms24 = pow((DRAG_Q0_HEIGHT_KM - DRAG_S0_HEIGHT_KM) / re, 4.0);
  if (perige < DRAG_PERIGEE_LOW_KM) {
    double s_km = perige - DRAG_S0_HEIGHT_KM;
    if (perige < DRAG_PERIGEE_FLOOR_KM)
      s_km = DRAG_S_FLOOR_KM;
    qzms24 = pow((DRAG_Q0_HEIGHT_KM - s_km) / re, 4.0);
    sfour = s_km / re + 1.0;
  }

  double pinvsq = 1.0 / posq;
  double tsi = 1.0 / (ao - sfour);
  double eta = ao * ecco * tsi;
  double etasq = eta * eta;
  double eeta = ecco * eta;
  double psisq = fabs(1.0 - etasq);
  double coef = qzms24 * pow(tsi, 4.0);
  double coef1 = coef / pow(psisq, 3.5);
  double cc2 = coef1 * no *
               (ao * (1.0 + 1.5 * etasq + eeta * (4.0 + etasq)) +
                0.375 * j2 * tsi / psisq * n->con41 *
                    (8.0 + 3.0 * etasq * (8.0 + etasq)));
  double cc1 = n->bstar * cc2;
  double cc3 = 0.0;
  if (ecco > ECC_SMALL)
    cc3 = -2.0 * coef * tsi * g->j3oj2 * no * sinio / ecco;
  double x1mth2 = 1.0 - cosio2;
  double con41 = n->con41;
  n->cc4 = 2.0 * no * coef1 * ao * omeosq *
           (eta * (2.0 + 0.5 * etasq) + ecco * (0.5 + 2.0 * etasq) -
            j2 * tsi / (ao * psisq) *
                (-3.0 * con41 *
                     (1.0 - 2.0 * eeta + etasq * (1.5 - 0.5 * eeta)) +
                 0.75 * x1mth2 * (2.0 * etasq - eeta * (1.0 + etasq)) *
                     cos(2.0 * n->argpo)));
  n->cc5 = 2.0 * coef1 * ao * omeosq *
           (1.0 + 2.75 * (etasq + eeta) + eeta * etasq);

  /* Secular rates from J2 (first and second order) and J4. */
  double cosio4 = cosio2 * cosio2;
  double temp1 = 1.5 * j2 * pinvsq * no;
  double temp2 = 0.5 * temp1 * j2 * pinvsq;
  double temp3 = -0.46875 * j4 * pinvsq * pinvsq * no;
  n->mdot = no + 0.5 * temp1 * rteosq * n->con41 +
            0.0625 * temp2 * rteosq * (13.0 - 78.0 * cosio2 + 137.0 * cosio4);
  n->argpdot = -0.5 * temp1 * con42 +
               0.0625 * temp2 * (7.0 - 114.0 * cosio2 + 395.0 * cosio4) +
               temp3 * (3.0 - 36.0 * cosio2 + 49.0 * cosio4);
  double xhdot1 = -temp1 * cosio;
  n->nodedot = xhdot1 + (0.5 * temp2 * (4.0 - 19.0 * cosio2) +
                         2.0 * temp3 * (3.0 - 7.0 * cosio2)) * cosio;

  n->cc1 = cc1;
  n->eta = eta;
  n->omgcof = n->bstar * cc3 * cos(n->argpo);
  n->xmcof = 0.0;
  if (ecco > ECC_SMALL)
    n->xmcof = -X2O3 * coef * n->bstar / eeta;
  n->nodecf = 3.5 * omeosq * xhdot1 * cc1;
  n->t2cof = 1.5 * cc1;
  n->xlcof = long_period_xlcof(g->j3oj2, sinio, cosio);
  n->aycof = -0.5 * g->j3oj2 * sinio;
  double delmotemp = 1.0 + eta * cos(n->mo);
  n->delmo = delmotemp * delmotemp * delmotemp;
  n->sinmao = sin(n->mo);
  n->x1mth2 = x1mth2;
  n->x7thm1 = 7.0 * cosio2 - 1.0;

  /* Higher-order drag terms ([STR3] D2..D4), full model only: deep space
     and perigees below 220 km keep the truncated expressions. */
  if (deep)
    n->isimp = 1;
  n->d2 = n->d3 = n->d4 = 0.0;
  n->t3cof = n->t4cof = n->t5cof = 0.0;
  if (n->isimp) {
    /* Unused by the truncated model; zero, so that the full expressions
       evaluated branch-free (batch engine) reduce to it exactly. */
    n->cc5 = n->omgcof = n->xmcof = 0.0;
  } else {
    double cc1sq = cc1 * cc1;
    n->d2 = 4.0 * ao * tsi * cc1sq;
    double temp = n->d2 * tsi * cc1 / 3.0;
    n->d3 = (17.0 * ao + sfour) * temp;
    n->d4 = 0.5 * temp * ao * tsi * (221.0 * ao + 31.0 * sfour) * cc1;
    n->t3cof = n->d2 + 2.0 * cc1sq;
    n->t4cof = 0.25 * (3.0 * n->d3 + cc1 * (12.0 * n->d2 + 10.0 * cc1sq));
    n->t5cof = 0.2 * (3.0 * n->d4 + 12.0 * cc1 * n->d3 + 6.0 * n->d2 * n->d2 +
                      15.0 * cc1sq * (2.0 * n->d2 + cc1sq));
  }
}

/* Inputs the theory cannot use; the model is left zeroed (error 2 later). */
static int check_elset(const ow_elset *e, ow_err *err)
{
  const double v[] = {e->epoch_utc.day, e->epoch_utc.frac, e->bstar_per_er,
                      e->incl_deg,      e->raan_deg,       e->ecc,
                      e->argp_deg,      e->mean_anom_deg,  e->n_rev_day};
  static const char *const name[] = {"epoch", "epoch", "bstar",
                                     "inclination", "raan", "eccentricity",
                                     "argument of perigee", "mean anomaly",
                                     "mean motion"};
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (!isfinite(v[i]))
      return ow_err_set(err, OW_E_ARG, name[i], "%s is not a finite number",
                        name[i]);
  return OW_OK;
}

int ow_sgp4_init(ow_sgp4 *m, const ow_elset *e, ow_gravity grav,
                 ow_opsmode mode, ow_err *err)
{
  if (m == NULL)
    return ow_err_set(err, OW_E_ARG, "model", "model pointer is NULL");
  memset(m, 0, sizeof *m);
  if (e == NULL)
    return ow_err_set(err, OW_E_ARG, "elset", "element set pointer is NULL");
  if (grav != OW_GRAV_WGS72 && grav != OW_GRAV_WGS72_OLD &&
      grav != OW_GRAV_WGS84)
    return ow_err_set(err, OW_E_ARG, "gravity", "unknown gravity model %d",
                      (int)grav);
  if (mode != OW_OPSMODE_IMPROVED && mode != OW_OPSMODE_AFSPC)
    return ow_err_set(err, OW_E_ARG, "opsmode", "unknown operation mode %d",
                      (int)mode);

  m->norad = e->norad;
  m->gravity = grav;
  m->opsmode = mode;
  m->method = OW_SGP4_NEAR_SIMPLE;
  set_gravity(&m->grav, grav);
  int st = check_elset(e, err);
  if (st != OW_OK)
    return st;
  m->epoch_utc = e->epoch_utc;
  /* The reference adds the two parts before it subtracts the origin, so
     its epoch is rounded to the 4.7e-10 day spacing of doubles near
     2.45e6. That rounding is kept on purpose: the lunar terms of very
     eccentric deep-space orbits move by several 1e-6 km with it (23333 of
     the verification set). */
  m->epoch_1950_day = (e->epoch_utc.day + e->epoch_utc.frac) - JD_1950_ORIGIN;

  ow_sgp4_near *n = &m->near;
  double no_kozai = e->n_rev_day / XPDOTP_MIN_PER_RAD;
  /* The reference would run into NaNs on these; the model is left so
     that every propagation reports the same error again. */
  if (!(no_kozai > 0.0))
    return ow_err_set(err, OW_E_SGP4_MEAN_MOTION, "mean motion",
                      "mean motion %.8f rev/day is not positive",
                      e->n_rev_day);
  if (!(e->ecc >= 0.0 && e->ecc < 1.0)) {
    n->no = no_kozai;
    n->ecco = 1.0;
    return ow_err_set(err, OW_E_SGP4_MEAN_ECC, "eccentricity",
                      "eccentricity %.7f not in [0,1)", e->ecc);
  }

  n->ecco = e->ecc;
  n->inclo = e->incl_deg * OW_DEG2RAD;
  n->nodeo = e->raan_deg * OW_DEG2RAD;
  n->argpo = e->argp_deg * OW_DEG2RAD;
  n->mo = e->mean_anom_deg * OW_DEG2RAD;
  n->bstar = e->bstar_per_er;
  init_epoch_elements(n, &m->grav, no_kozai);
  int deep = OW_TWOPI / n->no >= DEEP_SPACE_PERIOD_MIN;
  init_near_coefficients(n, &m->grav, deep);
  /* A B* far outside any real value (an OMM may say 1e300) overflows the
     drag coefficients; the states would be NaN. Refused: the model is
     left as for an eccentricity out of range (drag that strong would
     take it there at once), so every call, of the batch engine too,
     reports error 1. */
  const double drag[] = {n->cc1,   n->cc4,   n->cc5,   n->d2,
                         n->d3,    n->d4,    n->t2cof, n->t3cof,
                         n->t4cof, n->t5cof, n->xmcof, n->omgcof};
  for (size_t i = 0; i < sizeof drag / sizeof drag[0]; i++)
    if (!isfinite(drag[i])) {
      memset(n, 0, sizeof *n);
      n->isimp = 1; /* as the method says, so the batch engine takes it */
      n->no = no_kozai;
      n->ecco = 1.0;
      m->method = OW_SGP4_NEAR_SIMPLE;
      return ow_err_set(err, OW_E_RANGE, "bstar",
                        "B* %g 1/er makes the drag terms overflow",
                        e->bstar_per_er);
    }

  if (deep) {
    m->deep.gsto = mode == OW_OPSMODE_AFSPC
                       ? gst_afspc_rad(m->epoch_1950_day)
                       : gmst1982_rad(m->epoch_1950_day + JD_1950_ORIGIN);
    m->method = ow__sgp4_deep_init(m);
  } else {
    m->method = n->isimp ? OW_SGP4_NEAR_SIMPLE : OW_SGP4_NEAR_FULL;
  }

  /* The reference propagates to epoch once to flag elements that fail
     there (error 3 for 33334 of the verification set). */
  double r[3], v[3];
  st = ow_sgp4_propagate(m, 0.0, r, v);
  if (st != OW_OK)
    ow_err_set(err, st, "epoch", "%s at epoch (catalog number %lu)",
               ow_strerror(st), (unsigned long)e->norad);
  return st;
}

/* ---- propagation ------------------------------------------------------ */

/*
** fmod(x, 2 pi), skipping the libm call when |x| < 2 pi, where fmod
** returns x itself: the result is the same bit for bit.
*/
static inline double mod_twopi(double x)
{
  return fabs(x) < OW_TWOPI ? x : fmod(x, OW_TWOPI);
}

/* Failure: zeroed outputs, as the house style wants. */
static int fail(int status, double r[3], double v[3])
{
  r[0] = r[1] = r[2] = 0.0;
  v[0] = v[1] = v[2] = 0.0;
  return status;
}

/*
** sin and cos of an angle that is usually small: the short-period and drag
** corrections and the later Newton steps of Kepler's equation. Below
** SMALL_ANGLE_RAD the Taylor series to d^7 / d^8 is used: the first
** neglected terms are below 1e-18 relative, under half an ulp, and this
** is several times cheaper than a libm call. Larger angles go to libm.
*/
#define SMALL_ANGLE_RAD 0.03125
static inline void sincos_small(double d, double *s, double *c)
{
  if (fabs(d) <= SMALL_ANGLE_RAD) {
    double d2 = d * d;
    *s = d * (1.0 - d2 * (1.0 / 6 - d2 * (1.0 / 120 - d2 * (1.0 / 5040))));
    *c = 1.0 - d2 * (0.5 - d2 * (1.0 / 24 - d2 * (1.0 / 720 -
                                                  d2 * (1.0 / 40320))));
  } else {
    *s = sin(d);
    *c = cos(d);
  }
}

/* (s, c) of angle a to those of a + d, given sin d and cos d. */
static inline void rotate(double *s, double *c, double sd, double cd)
{
  double s0 = *s, c0 = *c;
  *s = s0 * cd + c0 * sd;
  *c = c0 * cd - s0 * sd;
}

int ow_sgp4_propagate(const ow_sgp4 *m, double t, double r[3], double v[3])
{
  const ow_sgp4_near *n = &m->near;
  const ow_sgp4_grav *g = &m->grav;
  const int deep = m->method >= OW_SGP4_DEEP;
  ow__sgp4_mean el;

  if (!(fabs(t) <= OW_SGP4_TSINCE_MAX_MIN))
    return fail(OW_E_RANGE, r, v);

  /* Secular gravity and atmospheric drag ([STR3] 6.3, [V06] sgp4). */
  double xmdf = n->mo + n->mdot * t;
  double argpdf = n->argpo + n->argpdot * t;
  double nodedf = n->nodeo + n->nodedot * t;
  double t2 = t * t;
  el.argpm = argpdf;
  el.mm = xmdf;
  el.nodem = nodedf + n->nodecf * t2;
  double tempa = 1.0 - n->cc1 * t;
  double tempe = n->bstar * n->cc4 * t;
  double templ = n->t2cof * t2;
  if (!n->isimp) {
    double sinxmdf = sin(xmdf), cosxmdf = cos(xmdf);
    double delomg = n->omgcof * t;
    double delmtemp = 1.0 + n->eta * cosxmdf;
    double delm =
        n->xmcof * (delmtemp * delmtemp * delmtemp - n->delmo);
    double temp = delomg + delm;
    el.mm = xmdf + temp;
    el.argpm = argpdf - temp;
    double t3 = t2 * t;
    double t4 = t3 * t;
    tempa = tempa - n->d2 * t2 - n->d3 * t3 - n->d4 * t4;
    /* sin(mm) from sin, cos of xmdf: temp is a small drag correction. */
    double sd, cd, sinmm = sinxmdf, cosmm = cosxmdf;
    sincos_small(temp, &sd, &cd);
    rotate(&sinmm, &cosmm, sd, cd);
    tempe = tempe + n->bstar * n->cc5 * (sinmm - n->sinmao);
    templ = templ + n->t3cof * t3 + t4 * (n->t4cof + t * n->t5cof);
  }
  el.nm = n->no;
  el.em = n->ecco;
  el.inclm = n->inclo;
  if (deep)
    ow__sgp4_deep_secular(m, t, &el);

  if (!(el.nm > 0.0))
    return fail(OW_E_SGP4_MEAN_MOTION, r, v);
  /* Near earth nm is still no, and (xke/no)^(2/3) is ao of init. */
  double am = (deep ? pow(g->xke / el.nm, X2O3) : n->ao) * tempa * tempa;
  el.nm = g->xke / (am * sqrt(am));
  el.em = el.em - tempe;
  if (el.em >= 1.0 || el.em < ECC_MEAN_MIN)
    return fail(OW_E_SGP4_MEAN_ECC, r, v);
  if (el.em < ECC_MEAN_FLOOR)
    el.em = ECC_MEAN_FLOOR;
  el.mm = el.mm + n->no * templ;
  double xlm = el.mm + el.argpm + el.nodem;
  el.nodem = mod_twopi(el.nodem);
  el.argpm = mod_twopi(el.argpm);
  xlm = mod_twopi(xlm);
  el.mm = mod_twopi(xlm - el.argpm - el.nodem);

  /* Lunar-solar periodics (deep space) and the inclination-dependent
     coefficients that follow from the perturbed inclination. */
  double sinip = n->sinio, cosip = n->cosio;
  double xlcof = n->xlcof, aycof = n->aycof;
  double con41 = n->con41, x1mth2 = n->x1mth2, x7thm1 = n->x7thm1;
  if (deep) {
    ow__sgp4_deep_periodics(m, t, &el);
    if (el.inclm < 0.0) {
      el.inclm = -el.inclm;
      el.nodem = el.nodem + OW_PI;
      el.argpm = el.argpm - OW_PI;
    }
    if (el.em < 0.0 || el.em > 1.0)
      return fail(OW_E_SGP4_PERT_ECC, r, v);
    sinip = sin(el.inclm);
    cosip = cos(el.inclm);
    aycof = -0.5 * g->j3oj2 * sinip;
    xlcof = long_period_xlcof(g->j3oj2, sinip, cosip);
    double cosisq = cosip * cosip;
    con41 = 3.0 * cosisq - 1.0;
    x1mth2 = 1.0 - cosisq;
    x7thm1 = 7.0 * cosisq - 1.0;
  }

  /* Long-period periodics ([STR3] 6.6). */
  double ep = el.em, argpp = el.argpm, nodep = el.nodem, mp = el.mm;
  double axnl = ep * cos(argpp);
  double temp = 1.0 / (am * (1.0 - ep * ep));
  double aynl = ep * sin(argpp) + temp * aycof;
  double xl = mp + argpp + nodep + temp * xlcof * axnl;

  /* Kepler's equation for E + omega ([STR3] 6.7), Newton steps clamped
     to 0.95 rad, at most 10, until a step is below 1e-12. As in the
     reference, the sine and cosine used afterwards are those of the
     iterate before the last step. After the first call to libm, sin and
     cos follow the iterate by rotation through the (usually small) step. */
  double u = mod_twopi(xl - nodep);
  double eo1 = u, sineo1 = sin(eo1), coseo1 = cos(eo1);
  for (int ktr = 1;; ktr++) {
    double tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (fabs(tem5) >= KEPLER_MAX_STEP)
      tem5 = tem5 > 0.0 ? KEPLER_MAX_STEP : -KEPLER_MAX_STEP;
    if (!(fabs(tem5) >= KEPLER_TOL) || ktr >= KEPLER_MAX_ITER)
      break;
    eo1 = eo1 + tem5;
    if (fabs(tem5) <= SMALL_ANGLE_RAD) {
      double sd, cd;
      sincos_small(tem5, &sd, &cd);
      rotate(&sineo1, &coseo1, sd, cd);
    } else {
      sineo1 = sin(eo1);
      coseo1 = cos(eo1);
    }
  }

  /* Short-period preliminary quantities ([STR3] 6.8). */
  double ecose = axnl * coseo1 + aynl * sineo1;
  double esine = axnl * sineo1 - aynl * coseo1;
  double el2 = axnl * axnl + aynl * aynl;
  double pl = am * (1.0 - el2);
  if (pl < 0.0)
    return fail(OW_E_SGP4_SEMI_LATUS, r, v);
  double rl = am * (1.0 - ecose);
  double rdotl = sqrt(am) * esine / rl;
  double rvdotl = sqrt(pl) / rl;
  double betal = sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  double sinu = am / rl * (sineo1 - aynl - axnl * temp);
  double cosu = am / rl * (coseo1 - axnl + aynl * temp);
  double sin2u = (cosu + cosu) * sinu;
  double cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  double temp1 = 0.5 * g->j2 * temp;
  double temp2 = temp1 * temp;

  /* Short-period periodics ([STR3] 6.9). */
  double mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) +
               0.5 * temp1 * x1mth2 * cos2u;
  double dsu = -0.25 * temp2 * x7thm1 * sin2u; /* su = u + dsu */
  double xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  double dinc = 1.5 * temp2 * cosip * sinip * cos2u; /* xinc = i + dinc */
  double mvt = rdotl - el.nm * temp1 * x1mth2 * sin2u / g->xke;
  double rvdot = rvdotl + el.nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) /
                              g->xke;

  /* Orientation vectors and the state ([STR3] 6.10). */
  /* sin, cos of su and xinc by rotating those of u (from sinu, cosu,
     normalised as atan2 would) and i through their short-period terms;
     this replaces an atan2 and two sincos calls. */
  double unorm = 1.0 / sqrt(sinu * sinu + cosu * cosu);
  double sinsu = sinu * unorm, cossu = cosu * unorm;
  double sinc, cosc;
  sincos_small(dsu, &sinc, &cosc);
  rotate(&sinsu, &cossu, sinc, cosc);
  double sini = sinip, cosi = cosip;
  sincos_small(dinc, &sinc, &cosc);
  rotate(&sini, &cosi, sinc, cosc);
  double snod = sin(xnode), cnod = cos(xnode);
  double xmx = -snod * cosi;
  double xmy = cnod * cosi;
  double ux = xmx * sinsu + cnod * cossu;
  double uy = xmy * sinsu + snod * cossu;
  double uz = sini * sinsu;
  double vx = xmx * cossu - cnod * sinsu;
  double vy = xmy * cossu - snod * sinsu;
  double vz = sini * cossu;
  double rkm = mrt * g->re_km;
  r[0] = rkm * ux;
  r[1] = rkm * uy;
  r[2] = rkm * uz;
  v[0] = (mvt * ux + rvdot * vx) * g->vkmpersec;
  v[1] = (mvt * uy + rvdot * vy) * g->vkmpersec;
  v[2] = (mvt * uz + rvdot * vz) * g->vkmpersec;

  /* Decayed: the reference still computes the state; it is returned. */
  if (mrt < 1.0)
    return OW_E_SGP4_DECAYED;
  /* A state no Earth orbit has (sgp4.h): written so that NaN fails too. */
  double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  double v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  if (!ow__sgp4_plausible(r2, v2))
    return fail(OW_E_SGP4_IMPLAUSIBLE, r, v);
  return OW_OK;
}

int ow_sgp4_refcode(int status)
{
  if (status == OW_OK)
    return 0;
  if (status <= OW_E_SGP4_MEAN_ECC && status >= OW_E_SGP4_IMPLAUSIBLE)
    return -100 - status;
  return -1;
}
