/*
** sgp4_deep.c - the deep-space (SDP4) part of the SGP4 model.
**
** Private to the library (sgp4_private.h): lunar-solar secular and periodic
** perturbations and the 12 h / 24 h geopotential resonances, for orbits of
** period 225 minutes or more.
**
** Written from [STR3] (Hoots & Roehrich 1980, the DEEP subroutine) and
** [V06] (Vallado et al., AIAA 2006-6753: dscom, dpper, dsinit, dspace,
** with the Lyddane choice and the resonance integrator restructured as
** there). The symbols of [V06] are kept so the terms can be compared one
** by one. Angles in rad, time in minutes, mean motions in rad/min.
**
** The resonance integration always starts at epoch and steps a fixed
** 720-minute grid towards t; the reference caches its integrator state
** but steps the same grid, so the arithmetic is the same and the model
** stays immutable.
*/
#include "sgp4_private.h"
#include "orbwatch/sgp4.h"

#include <math.h>

/* ---- constants -------------------------------------------------------- */

/* Sun and Moon (STR3 DEEP, [V06] dscom). */
#define ZES 0.01675             /* solar orbit eccentricity (zes) */
#define ZEL 0.05490             /* lunar orbit eccentricity (zel) */
#define ZNS_RAD_MIN 1.19459e-5  /* solar mean motion (zns) */
#define ZNL_RAD_MIN 1.5835218e-4 /* lunar mean motion (znl) */
#define C1SS 2.9864797e-6       /* solar perturbation coefficient (c1ss) */
#define C1L 4.7968065e-7        /* lunar perturbation coefficient (c1l) */
#define ZSINIS 0.39785416       /* sin of the ecliptic obliquity (zsinis) */
#define ZCOSIS 0.91744867       /* cos of the ecliptic obliquity (zcosis) */
#define ZCOSGS 0.1945905        /* cos of the solar perigee arg. (zcosgs) */
#define ZSINGS (-0.98088458)    /* sin of the solar perigee arg. (zsings) */
/* Lunar orbit, as linear functions of days since 1900 Jan 0.5. */
#define MOON_NODE0_RAD 4.5236020      /* node at day 0 */
#define MOON_NODE_RATE_RAD_DAY 9.2422029e-4 /* regression rate */
#define MOON_COSI_MEAN 0.91375164     /* cos eps cos i_moon */
#define MOON_COSI_AMPL 0.03568096     /* sin eps sin i_moon */
#define MOON_SINI_SINNODE 0.089683511 /* sin i_moon */
#define MOON_PERIGEE0_RAD 5.8351514   /* gam at day 0 */
#define MOON_PERIGEE_RATE_RAD_DAY 0.0019443680
#define MOON_MEAN_LONG0_RAD 4.7199672 /* zmol + gam at day 0 */
#define MOON_MEAN_LONG_RATE_RAD_DAY 0.22997150
#define SUN_MEAN_ANOM0_RAD 6.2565837  /* zmos at day 0 */
#define SUN_MEAN_ANOM_RATE_RAD_DAY 0.017201977
/* Days from 1900 Jan 0.5 to 1949 Dec 31 0h (the model epoch origin). */
#define DAYS_1900_TO_1950 18261.5

/* Resonance (STR3, [V06] dsinit/dspace). */
#define Q22 1.7891679e-6 /* 24 h resonance coefficients */
#define Q31 2.1460748e-6
#define Q33 2.2123015e-7
#define ROOT22 1.7891679e-6 /* 12 h resonance coefficients */
#define ROOT32 3.7393792e-7
#define ROOT44 7.3636953e-9
#define ROOT52 1.1428639e-7
#define ROOT54 2.1765803e-9
#define RPTIM_RAD_MIN 4.37526908801129966e-3 /* Earth rotation, rad/min */
#define FASX2 0.13130908 /* 24 h resonance phases, rad */
#define FASX4 2.8843198
#define FASX6 0.37448087
#define G22 5.7686396 /* 12 h resonance phases, rad */
#define G32 0.95240898
#define G44 1.8014998
#define G52 1.0508330
#define G54 4.4108898
/* Sines and cosines of those phases (and of 2 FASX4, 3 FASX6), computed
   from the values above with libm and printed to 17 digits. They let the
   resonance rates use multiple-angle formulas: two libm calls per step
   instead of ten (12 h) or one instead of three (24 h). */
#define SIN_FASX2 0.130932065016401
#define COS_FASX2 0.9913913426848859
#define SIN_2FASX4 (-0.49213943048915526)
#define COS_2FASX4 0.8705163875297294
#define SIN_3FASX6 0.9015949901666642
#define COS_3FASX6 0.43258117585763334
#define SIN_G22 (-0.49213943048915526)
#define COS_G22 0.8705163875297294
#define SIN_G32 0.8148144061638924
#define COS_G32 0.5797219018700115
#define SIN_G44 0.9735057780180799
#define COS_G44 (-0.22866241528815548)
#define SIN_G52 0.8678374012812773
#define COS_G52 0.496848311798842
#define SIN_G54 (-0.9548923776153)
#define COS_G54 (-0.29695209575316894)
#define RES_STEP_MIN 720.0 /* integrator step (stepp) */
#define RES_STEP2_MIN2 259200.0 /* step^2 / 2 (step2) */
/* Mean motion windows of the resonances, rad/min. */
#define SYNC_NM_MIN 0.0034906585  /* period 1800 min */
#define SYNC_NM_MAX 0.0052359877  /* period 1200 min */
#define HALFDAY_NM_MIN 8.26e-3    /* period ~760 min */
#define HALFDAY_NM_MAX 9.24e-3    /* period ~680 min */
#define HALFDAY_ECC_MIN 0.5
/* Below 3 deg (or above 177) the node terms divide by sin i: dropped. */
#define LOW_INCL_RAD 5.2359877e-2
/* Lyddane choice: below 0.2 rad the periodics use the modification. */
#define LYDDANE_INCL_RAD 0.2

/* ---- initialisation --------------------------------------------------- */

/* The satellite's orientation quantities both third bodies need. */
typedef struct sat_geom {
  double sinim, cosim, sinomm, cosomm, snodm, cnodm;
  double em, emsq, betasq, rtemsq, xnoi;
} sat_geom;

/*
** Coefficients of one third body (Sun or Moon): the s and z quantities of
** [STR3]/[V06] dscom. body: its perigee argument (cosg, sing), inclination
** (cosi, sini) and node (cosh, sinh) on the satellite's equator frame, and
** its perturbation coefficient cc.
*/
typedef struct body_terms {
  double s1, s2, s3, s4, s5, s6, s7;
  double z1, z2, z3, z11, z12, z13, z21, z22, z23, z31, z32, z33;
} body_terms;

static void third_body_terms(const sat_geom *s, double zcosg, double zsing,
                             double zcosi, double zsini, double zcosh,
                             double zsinh, double cc, body_terms *b)
{
  double a1 = zcosg * zcosh + zsing * zcosi * zsinh;
  double a3 = -zsing * zcosh + zcosg * zcosi * zsinh;
  double a7 = -zcosg * zsinh + zsing * zcosi * zcosh;
  double a8 = zsing * zsini;
  double a9 = zsing * zsinh + zcosg * zcosi * zcosh;
  double a10 = zcosg * zsini;
  double a2 = s->cosim * a7 + s->sinim * a8;
  double a4 = s->cosim * a9 + s->sinim * a10;
  double a5 = -s->sinim * a7 + s->cosim * a8;
  double a6 = -s->sinim * a9 + s->cosim * a10;

  double x1 = a1 * s->cosomm + a2 * s->sinomm;
  double x2 = a3 * s->cosomm + a4 * s->sinomm;
  double x3 = -a1 * s->sinomm + a2 * s->cosomm;
  double x4 = -a3 * s->sinomm + a4 * s->cosomm;
  double x5 = a5 * s->sinomm;
  double x6 = a6 * s->sinomm;
  double x7 = a5 * s->cosomm;
  double x8 = a6 * s->cosomm;

  double emsq = s->emsq;
  b->z31 = 12.0 * x1 * x1 - 3.0 * x3 * x3;
  b->z32 = 24.0 * x1 * x2 - 6.0 * x3 * x4;
  b->z33 = 12.0 * x2 * x2 - 3.0 * x4 * x4;
  double z1 = 3.0 * (a1 * a1 + a2 * a2) + b->z31 * emsq;
  double z2 = 6.0 * (a1 * a3 + a2 * a4) + b->z32 * emsq;
  double z3 = 3.0 * (a3 * a3 + a4 * a4) + b->z33 * emsq;
  b->z11 = -6.0 * a1 * a5 + emsq * (-24.0 * x1 * x7 - 6.0 * x3 * x5);
  b->z12 = -6.0 * (a1 * a6 + a3 * a5) +
           emsq * (-24.0 * (x2 * x7 + x1 * x8) - 6.0 * (x3 * x6 + x4 * x5));
  b->z13 = -6.0 * a3 * a6 + emsq * (-24.0 * x2 * x8 - 6.0 * x4 * x6);
  b->z21 = 6.0 * a2 * a5 + emsq * (24.0 * x1 * x5 - 6.0 * x3 * x7);
  b->z22 = 6.0 * (a4 * a5 + a2 * a6) +
           emsq * (24.0 * (x2 * x5 + x1 * x6) - 6.0 * (x4 * x7 + x3 * x8));
  b->z23 = 6.0 * a4 * a6 + emsq * (24.0 * x2 * x6 - 6.0 * x4 * x8);
  b->z1 = z1 + z1 + s->betasq * b->z31;
  b->z2 = z2 + z2 + s->betasq * b->z32;
  b->z3 = z3 + z3 + s->betasq * b->z33;

  b->s3 = cc * s->xnoi;
  b->s2 = -0.5 * b->s3 / s->rtemsq;
  b->s4 = b->s3 * s->rtemsq;
  b->s1 = -15.0 * s->em * b->s4;
  b->s5 = x1 * x3 + x2 * x4;
  b->s6 = x2 * x3 + x1 * x4;
  b->s7 = x2 * x4 - x1 * x3;
}

/* Periodic coefficients of one body (ze: its orbit eccentricity). */
typedef struct body_periodic {
  double e2, e3, i2, i3, l2, l3, l4, gh2, gh3, gh4, h2, h3;
} body_periodic;

static body_periodic periodic_coefficients(const body_terms *b, double emsq,
                                           double ze)
{
  body_periodic p;
  p.e2 = 2.0 * b->s1 * b->s6;
  p.e3 = 2.0 * b->s1 * b->s7;
  p.i2 = 2.0 * b->s2 * b->z12;
  p.i3 = 2.0 * b->s2 * (b->z13 - b->z11);
  p.l2 = -2.0 * b->s3 * b->z2;
  p.l3 = -2.0 * b->s3 * (b->z3 - b->z1);
  p.l4 = -2.0 * b->s3 * (-21.0 - 9.0 * emsq) * ze;
  p.gh2 = 2.0 * b->s4 * b->z32;
  p.gh3 = 2.0 * b->s4 * (b->z33 - b->z31);
  p.gh4 = -18.0 * b->s4 * ze;
  p.h2 = -2.0 * b->s2 * b->z22;
  p.h3 = -2.0 * b->s2 * (b->z23 - b->z21);
  return p;
}

/* Secular rates of one body (zn: its mean motion), [V06] dsinit. */
typedef struct body_secular {
  double e, i, l, gh, h;
} body_secular;

static body_secular secular_rates(const body_terms *b, double emsq,
                                  double zn, double inclm)
{
  body_secular r;
  r.e = b->s1 * zn * b->s5;
  r.i = b->s2 * zn * (b->z11 + b->z13);
  r.l = -zn * b->s3 * (b->z1 + b->z3 - 14.0 - 6.0 * emsq);
  r.gh = b->s4 * zn * (b->z31 + b->z33 - 6.0);
  r.h = -zn * b->s2 * (b->z21 + b->z23);
  /* sgp4fix for 180 deg inclination: drop the node term near 0 or 180. */
  if (inclm < LOW_INCL_RAD || inclm > OW_PI - LOW_INCL_RAD)
    r.h = 0.0;
  return r;
}

/* 12 h resonance (irez 2): the d coefficients of [V06] dsinit. */
static void init_halfday(ow_sgp4_deep *d, double em, double cosim,
                         double sinim, double nm, double aonv)
{
  double emsq = em * em;
  double eoc = em * emsq;
  double cosisq = cosim * cosim;
  /* Eccentricity functions G of [STR3], fitted in ranges of e. */
  double g201 = -0.306 - (em - 0.64) * 0.440;
  double g211, g310, g322, g410, g422, g520, g521, g532, g533;
  if (em <= 0.65) {
    g211 = 3.616 - 13.2470 * em + 16.2900 * emsq;
    g310 = -19.302 + 117.3900 * em - 228.4190 * emsq + 156.5910 * eoc;
    g322 = -18.9068 + 109.7927 * em - 214.6334 * emsq + 146.5816 * eoc;
    g410 = -41.122 + 242.6940 * em - 471.0940 * emsq + 313.9530 * eoc;
    g422 = -146.407 + 841.8800 * em - 1629.014 * emsq + 1083.4350 * eoc;
    g520 = -532.114 + 3017.977 * em - 5740.032 * emsq + 3708.2760 * eoc;
  } else {
    g211 = -72.099 + 331.819 * em - 508.738 * emsq + 266.724 * eoc;
    g310 = -346.844 + 1582.851 * em - 2415.925 * emsq + 1246.113 * eoc;
    g322 = -342.585 + 1554.908 * em - 2366.899 * emsq + 1215.972 * eoc;
    g410 = -1052.797 + 4758.686 * em - 7193.992 * emsq + 3651.957 * eoc;
    g422 = -3581.690 + 16178.110 * em - 24462.770 * emsq + 12422.520 * eoc;
    if (em > 0.715)
      g520 = -5149.66 + 29936.92 * em - 54087.36 * emsq + 31324.56 * eoc;
    else
      g520 = 1464.74 - 4664.75 * em + 3763.64 * emsq;
  }
  if (em < 0.7) {
    g533 = -919.22770 + 4988.6100 * em - 9064.7700 * emsq + 5542.21 * eoc;
    g521 = -822.71072 + 4568.6173 * em - 8491.4146 * emsq + 5337.524 * eoc;
    g532 = -853.66600 + 4690.2500 * em - 8624.7700 * emsq + 5341.4 * eoc;
  } else {
    g533 = -37995.780 + 161616.52 * em - 229838.20 * emsq + 109377.94 * eoc;
    g521 = -51752.104 + 218913.95 * em - 309468.16 * emsq + 146349.42 * eoc;
    g532 = -40023.880 + 170470.89 * em - 242699.48 * emsq + 115605.82 * eoc;
  }

  /* Inclination functions F of [STR3]. */
  double sini2 = sinim * sinim;
  double f220 = 0.75 * (1.0 + 2.0 * cosim + cosisq);
  double f221 = 1.5 * sini2;
  double f321 = 1.875 * sinim * (1.0 - 2.0 * cosim - 3.0 * cosisq);
  double f322 = -1.875 * sinim * (1.0 + 2.0 * cosim - 3.0 * cosisq);
  double f441 = 35.0 * sini2 * f220;
  double f442 = 39.3750 * sini2 * sini2;
  double f522 = 9.84375 * sinim *
                (sini2 * (1.0 - 2.0 * cosim - 5.0 * cosisq) +
                 0.33333333 * (-2.0 + 4.0 * cosim + 6.0 * cosisq));
  double f523 = sinim * (4.92187512 * sini2 * (-2.0 - 4.0 * cosim +
                                                10.0 * cosisq) +
                         6.56250012 * (1.0 + 2.0 * cosim - 3.0 * cosisq));
  double f542 = 29.53125 * sinim *
                (2.0 - 8.0 * cosim +
                 cosisq * (-12.0 + 8.0 * cosim + 10.0 * cosisq));
  double f543 = 29.53125 * sinim *
                (-2.0 - 8.0 * cosim +
                 cosisq * (12.0 + 8.0 * cosim - 10.0 * cosisq));

  double xno2 = nm * nm;
  double ainv2 = aonv * aonv;
  double temp1 = 3.0 * xno2 * ainv2;
  double temp = temp1 * ROOT22;
  d->d2201 = temp * f220 * g201;
  d->d2211 = temp * f221 * g211;
  temp1 = temp1 * aonv;
  temp = temp1 * ROOT32;
  d->d3210 = temp * f321 * g310;
  d->d3222 = temp * f322 * g322;
  temp1 = temp1 * aonv;
  temp = 2.0 * temp1 * ROOT44;
  d->d4410 = temp * f441 * g410;
  d->d4422 = temp * f442 * g422;
  temp1 = temp1 * aonv;
  temp = temp1 * ROOT52;
  d->d5220 = temp * f522 * g520;
  d->d5232 = temp * f523 * g532;
  temp = 2.0 * temp1 * ROOT54;
  d->d5421 = temp * f542 * g521;
  d->d5433 = temp * f543 * g533;
}

/* 24 h resonance (irez 1): the del coefficients of [V06] dsinit. */
static void init_synchronous(ow_sgp4_deep *d, double emsq, double cosim,
                             double sinim, double nm, double aonv)
{
  double g200 = 1.0 + emsq * (-2.5 + 0.8125 * emsq);
  double g310 = 1.0 + 2.0 * emsq;
  double g300 = 1.0 + emsq * (-6.0 + 6.60937 * emsq);
  double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
  double f311 = 0.9375 * sinim * sinim * (1.0 + 3.0 * cosim) -
                0.75 * (1.0 + cosim);
  double f330 = 1.0 + cosim;
  f330 = 1.875 * f330 * f330 * f330;
  double del1 = 3.0 * nm * nm * aonv * aonv;
  d->del2 = 2.0 * del1 * f220 * g200 * Q22;
  d->del3 = 3.0 * del1 * f330 * g300 * Q33 * aonv;
  d->del1 = del1 * f311 * g310 * Q31 * aonv;
}

int ow__sgp4_deep_init(ow_sgp4 *m)
{
  const ow_sgp4_near *n = &m->near;
  ow_sgp4_deep *d = &m->deep;

  /* Satellite geometry at epoch ([V06] dscom with tc = 0). */
  sat_geom s;
  s.em = n->ecco;
  s.snodm = sin(n->nodeo);
  s.cnodm = cos(n->nodeo);
  s.sinomm = sin(n->argpo);
  s.cosomm = cos(n->argpo);
  s.sinim = sin(n->inclo);
  s.cosim = cos(n->inclo);
  s.emsq = s.em * s.em;
  s.betasq = 1.0 - s.emsq;
  s.rtemsq = sqrt(s.betasq);
  s.xnoi = 1.0 / n->no;

  /* Lunar orbit at epoch: node, inclination to the equator and perigee. */
  double day = m->epoch_1950_day + DAYS_1900_TO_1950;
  double xnodce = fmod(MOON_NODE0_RAD - MOON_NODE_RATE_RAD_DAY * day,
                       OW_TWOPI);
  double stem = sin(xnodce), ctem = cos(xnodce);
  double zcosil = MOON_COSI_MEAN - MOON_COSI_AMPL * ctem;
  double zsinil = sqrt(1.0 - zcosil * zcosil);
  double zsinhl = MOON_SINI_SINNODE * stem / zsinil;
  double zcoshl = sqrt(1.0 - zsinhl * zsinhl);
  double gam = MOON_PERIGEE0_RAD + MOON_PERIGEE_RATE_RAD_DAY * day;
  double zx = ZSINIS * stem / zsinil;
  double zy = zcoshl * ctem + ZCOSIS * zsinhl * stem;
  zx = atan2(zx, zy);
  zx = gam + zx - xnodce;
  double zcosgl = cos(zx), zsingl = sin(zx);

  body_terms sun, moon;
  third_body_terms(&s, ZCOSGS, ZSINGS, ZCOSIS, ZSINIS, s.cnodm, s.snodm,
                   C1SS, &sun);
  third_body_terms(&s, zcosgl, zsingl, zcosil, zsinil,
                   zcoshl * s.cnodm + zsinhl * s.snodm,
                   s.snodm * zcoshl - s.cnodm * zsinhl, C1L, &moon);

  d->zmol = fmod(MOON_MEAN_LONG0_RAD + MOON_MEAN_LONG_RATE_RAD_DAY * day - gam,
                 OW_TWOPI);
  d->zmos = fmod(SUN_MEAN_ANOM0_RAD + SUN_MEAN_ANOM_RATE_RAD_DAY * day,
                 OW_TWOPI);

  body_periodic ps = periodic_coefficients(&sun, s.emsq, ZES);
  body_periodic pl = periodic_coefficients(&moon, s.emsq, ZEL);
  d->se2 = ps.e2, d->se3 = ps.e3, d->si2 = ps.i2, d->si3 = ps.i3;
  d->sl2 = ps.l2, d->sl3 = ps.l3, d->sl4 = ps.l4;
  d->sgh2 = ps.gh2, d->sgh3 = ps.gh3, d->sgh4 = ps.gh4;
  d->sh2 = ps.h2, d->sh3 = ps.h3;
  d->ee2 = pl.e2, d->e3 = pl.e3, d->xi2 = pl.i2, d->xi3 = pl.i3;
  d->xl2 = pl.l2, d->xl3 = pl.l3, d->xl4 = pl.l4;
  d->xgh2 = pl.gh2, d->xgh3 = pl.gh3, d->xgh4 = pl.gh4;
  d->xh2 = pl.h2, d->xh3 = pl.h3;

  /* Lunar-solar secular rates ([V06] dsinit). */
  body_secular rs = secular_rates(&sun, s.emsq, ZNS_RAD_MIN, n->inclo);
  body_secular rl = secular_rates(&moon, s.emsq, ZNL_RAD_MIN, n->inclo);
  double shs = rs.h;
  if (s.sinim != 0.0)
    shs = shs / s.sinim;
  double sgs = rs.gh - s.cosim * shs;
  d->dedt = rs.e + rl.e;
  d->didt = rs.i + rl.i;
  d->dmdt = rs.l + rl.l;
  d->domdt = sgs + rl.gh;
  d->dnodt = shs;
  if (s.sinim != 0.0) {
    d->domdt = d->domdt - s.cosim / s.sinim * rl.h;
    d->dnodt = d->dnodt + rl.h / s.sinim;
  }

  /* Resonance classes by mean motion (and eccentricity for 12 h). */
  double nm = n->no, em = n->ecco;
  d->irez = 0;
  if (nm < SYNC_NM_MAX && nm > SYNC_NM_MIN)
    d->irez = 1;
  if (nm >= HALFDAY_NM_MIN && nm <= HALFDAY_NM_MAX && em >= HALFDAY_ECC_MIN)
    d->irez = 2;
  if (d->irez == 0)
    return OW_SGP4_DEEP;

  double theta = fmod(d->gsto, OW_TWOPI);
  double aonv = pow(nm / m->grav.xke, 2.0 / 3.0);
  if (d->irez == 2) {
    init_halfday(d, em, s.cosim, s.sinim, nm, aonv);
    d->xlamo = fmod(n->mo + n->nodeo + n->nodeo - theta - theta, OW_TWOPI);
    d->xfact = n->mdot + d->dmdt +
               2.0 * (n->nodedot + d->dnodt - RPTIM_RAD_MIN) - n->no;
  } else {
    init_synchronous(d, s.emsq, s.cosim, s.sinim, nm, aonv);
    d->xlamo = fmod(n->mo + n->nodeo + n->argpo - theta, OW_TWOPI);
    d->xfact = n->mdot + (n->argpdot + n->nodedot) - RPTIM_RAD_MIN +
               d->dmdt + d->domdt + d->dnodt - n->no;
  }
  return OW_SGP4_DEEP_RESONANT;
}

/* ---- propagation ------------------------------------------------------ */

/* A sine-cosine pair of an angle, for the multiple-angle forms below. */
typedef struct sc {
  double s, c;
} sc;

static inline sc sc_add(sc a, sc b)
{
  sc r = {a.s * b.c + a.c * b.s, a.c * b.c - a.s * b.s};
  return r;
}

static inline sc sc_sub(sc a, sc b)
{
  sc r = {a.s * b.c - a.c * b.s, a.c * b.c + a.s * b.s};
  return r;
}

static inline sc sc_double(sc a)
{
  sc r = {2.0 * a.s * a.c, (a.c - a.s) * (a.c + a.s)};
  return r;
}

/* Rates of the resonance state (xli, xni) at integrator time atime. */
typedef struct res_rates {
  double xldot, xndt, xnddt;
} res_rates;

static res_rates resonance_rates(const ow_sgp4 *m, double atime, double xli,
                                 double xni)
{
  const ow_sgp4_deep *d = &m->deep;
  res_rates q;
  q.xldot = xni + d->xfact;
  sc l = {sin(xli), cos(xli)};
  if (d->irez != 2) {
    /* Terms in xli - FASX2, 2 (xli - FASX4), 3 (xli - FASX6). */
    static const sc f2 = {SIN_FASX2, COS_FASX2};
    static const sc f4 = {SIN_2FASX4, COS_2FASX4};
    static const sc f6 = {SIN_3FASX6, COS_3FASX6};
    sc l2 = sc_double(l);
    sc l3 = sc_add(l2, l);
    sc a1 = sc_sub(l, f2), a2 = sc_sub(l2, f4), a3 = sc_sub(l3, f6);
    q.xndt = d->del1 * a1.s + d->del2 * a2.s + d->del3 * a3.s;
    q.xnddt = d->del1 * a1.c + 2.0 * d->del2 * a2.c + 3.0 * d->del3 * a3.c;
  } else {
    /* The perigee argument of the resonance follows the J2 rate only. */
    static const sc g22 = {SIN_G22, COS_G22}, g32 = {SIN_G32, COS_G32};
    static const sc g44 = {SIN_G44, COS_G44}, g52 = {SIN_G52, COS_G52};
    static const sc g54 = {SIN_G54, COS_G54};
    double xomi = m->near.argpo + m->near.argpdot * atime;
    sc o = {sin(xomi), cos(xomi)};
    sc o2 = sc_double(o), l2 = sc_double(l);
    sc ol = sc_add(o, l), lmo = sc_sub(l, o);
    sc a2201 = sc_sub(sc_add(o2, l), g22);     /* 2 omi + li - G22 */
    sc a2211 = sc_sub(l, g22);                  /* li - G22 */
    sc a3210 = sc_sub(ol, g32);                 /* omi + li - G32 */
    sc a3222 = sc_sub(lmo, g32);                /* -omi + li - G32 */
    sc a4410 = sc_sub(sc_double(ol), g44);      /* 2 omi + 2 li - G44 */
    sc a4422 = sc_sub(l2, g44);                 /* 2 li - G44 */
    sc a5220 = sc_sub(ol, g52);                 /* omi + li - G52 */
    sc a5232 = sc_sub(lmo, g52);                /* -omi + li - G52 */
    sc a5421 = sc_sub(sc_add(o, l2), g54);      /* omi + 2 li - G54 */
    sc a5433 = sc_sub(sc_sub(l2, o), g54);      /* -omi + 2 li - G54 */
    q.xndt = d->d2201 * a2201.s + d->d2211 * a2211.s + d->d3210 * a3210.s +
             d->d3222 * a3222.s + d->d4410 * a4410.s + d->d4422 * a4422.s +
             d->d5220 * a5220.s + d->d5232 * a5232.s + d->d5421 * a5421.s +
             d->d5433 * a5433.s;
    q.xnddt = d->d2201 * a2201.c + d->d2211 * a2211.c + d->d3210 * a3210.c +
              d->d3222 * a3222.c + d->d5220 * a5220.c + d->d5232 * a5232.c +
              2.0 * (d->d4410 * a4410.c + d->d4422 * a4422.c +
                     d->d5421 * a5421.c + d->d5433 * a5433.c);
  }
  q.xnddt = q.xnddt * q.xldot;
  return q;
}

void ow__sgp4_deep_secular(const ow_sgp4 *m, double t, ow__sgp4_mean *el)
{
  const ow_sgp4_deep *d = &m->deep;
  el->em = el->em + d->dedt * t;
  el->inclm = el->inclm + d->didt * t;
  el->argpm = el->argpm + d->domdt * t;
  el->nodem = el->nodem + d->dnodt * t;
  el->mm = el->mm + d->dmdt * t;
  if (d->irez == 0)
    return;

  /* Euler-Maclaurin steps of 720 min from epoch to the last grid point
     before t, then a Taylor step of length ft to t. */
  double theta = fmod(d->gsto + t * RPTIM_RAD_MIN, OW_TWOPI);
  double delt = t > 0.0 ? RES_STEP_MIN : -RES_STEP_MIN;
  double atime = 0.0, xli = d->xlamo, xni = m->near.no;
  res_rates q = resonance_rates(m, atime, xli, xni);
  while (fabs(t - atime) >= RES_STEP_MIN) {
    xli = xli + q.xldot * delt + q.xndt * RES_STEP2_MIN2;
    xni = xni + q.xndt * delt + q.xnddt * RES_STEP2_MIN2;
    atime = atime + delt;
    q = resonance_rates(m, atime, xli, xni);
  }
  double ft = t - atime;
  double nm = xni + q.xndt * ft + q.xnddt * ft * ft * 0.5;
  double xl = xli + q.xldot * ft + q.xndt * ft * ft * 0.5;
  if (d->irez != 1)
    el->mm = xl - 2.0 * el->nodem + 2.0 * theta;
  else
    el->mm = xl - el->nodem - el->argpm + theta;
  el->nm = m->near.no + (nm - m->near.no);
}

/* Periodic terms of one body at its mean anomaly zm ([V06] dpper). */
static void body_periodics(double zm, double ze, double e2, double e3,
                           double i2, double i3, double l2, double l3,
                           double l4, double gh2, double gh3, double gh4,
                           double h2, double h3, double out[5])
{
  double zf = zm + 2.0 * ze * sin(zm);
  double sinzf = sin(zf);
  double f2 = 0.5 * sinzf * sinzf - 0.25;
  double f3 = -0.5 * sinzf * cos(zf);
  out[0] = e2 * f2 + e3 * f3;
  out[1] = i2 * f2 + i3 * f3;
  out[2] = l2 * f2 + l3 * f3 + l4 * sinzf;
  out[3] = gh2 * f2 + gh3 * f3 + gh4 * sinzf;
  out[4] = h2 * f2 + h3 * f3;
}

void ow__sgp4_deep_periodics(const ow_sgp4 *m, double t, ow__sgp4_mean *el)
{
  const ow_sgp4_deep *d = &m->deep;
  double s[5], l[5];
  body_periodics(d->zmos + ZNS_RAD_MIN * t, ZES, d->se2, d->se3, d->si2,
                 d->si3, d->sl2, d->sl3, d->sl4, d->sgh2, d->sgh3, d->sgh4,
                 d->sh2, d->sh3, s);
  body_periodics(d->zmol + ZNL_RAD_MIN * t, ZEL, d->ee2, d->e3, d->xi2,
                 d->xi3, d->xl2, d->xl3, d->xl4, d->xgh2, d->xgh3, d->xgh4,
                 d->xh2, d->xh3, l);
  double pe = s[0] + l[0];
  double pinc = s[1] + l[1];
  double pl = s[2] + l[2];
  double pgh = s[3] + l[3];
  double ph = s[4] + l[4];

  double inclp = el->inclm + pinc;
  el->em = el->em + pe;
  el->inclm = inclp;
  double sinip = sin(inclp), cosip = cos(inclp);
  if (inclp >= LYDDANE_INCL_RAD) {
    ph = ph / sinip;
    pgh = pgh - cosip * ph;
    el->argpm = el->argpm + pgh;
    el->nodem = el->nodem + ph;
    el->mm = el->mm + pl;
    return;
  }

  /* Lyddane modification: perturb the node through the non-singular
     pair (sin i sin node, sin i cos node) and the longitude. */
  double nodep = el->nodem;
  double sinop = sin(nodep), cosop = cos(nodep);
  double alfdp = sinip * sinop;
  double betdp = sinip * cosop;
  double dalf = ph * cosop + pinc * cosip * sinop;
  double dbet = -ph * sinop + pinc * cosip * cosop;
  alfdp = alfdp + dalf;
  betdp = betdp + dbet;
  nodep = fmod(nodep, OW_TWOPI);
  /* The AFSPC code keeps the node in [0, 2 pi) here ([V06] 'a' mode). */
  if (nodep < 0.0 && m->opsmode == OW_OPSMODE_AFSPC)
    nodep = nodep + OW_TWOPI;
  double xls = el->mm + el->argpm + cosip * nodep;
  double dls = pl + pgh - pinc * nodep * sinip;
  xls = xls + dls;
  double xnoh = nodep;
  nodep = atan2(alfdp, betdp);
  if (nodep < 0.0 && m->opsmode == OW_OPSMODE_AFSPC)
    nodep = nodep + OW_TWOPI;
  /* Keep the new node on the branch of the old one. */
  if (fabs(xnoh - nodep) > OW_PI) {
    if (nodep < xnoh)
      nodep = nodep + OW_TWOPI;
    else
      nodep = nodep - OW_TWOPI;
  }
  el->mm = el->mm + pl;
  el->argpm = xls - el->mm - cosip * nodep;
  el->nodem = nodep;
}
