/*
** orbwatch/sgp4_model.h - fields of the prepared SGP4/SDP4 model.
**
** Filled by ow_sgp4_init, read-only afterwards: ow_sgp4_propagate never
** writes to it, so one model may be shared by any number of threads.
**
** Field names keep the symbols of Spacetrack Report #3 (STR#3) and of
** Vallado et al. 2006 (AIAA 2006-6753) so that sgp4.c and sgp4_deep.c can
** be checked line by line against the papers; the comments give the
** meaning and the units. Internal units are the model's own: distances in
** Earth radii (er, the `re_km` of the gravity block), time in minutes,
** angles in radians.
**
** Layout, for the batch engine (structure of arrays, partitioned by
** method):
**   ow_sgp4_grav  the gravity constants the model was prepared with;
**   ow_sgp4_near  everything the near-earth branch reads (all methods);
**   ow_sgp4_deep  the deep-space block (methods DEEP and DEEP_RESONANT);
**                 all zero for the near-earth methods.
** Coefficients that a method does not use are zero, so that evaluating
** the fuller expressions branch-free gives the same result bit for bit:
** with isimp set (NEAR_SIMPLE, DEEP, DEEP_RESONANT) the full-drag terms
** cc5, omgcof, xmcof, d2..d4 and t3cof..t5cof are zero; near-earth models
** have an all-zero deep block; non-resonant ones (irez 0) zero resonance
** terms.
*/
#ifndef ORBWATCH_SGP4_MODEL_H
#define ORBWATCH_SGP4_MODEL_H

/* Gravity model constants (WGS-72, WGS-72 old or WGS-84 per ow_gravity). */
typedef struct ow_sgp4_grav {
  double mu_km3_s2;  /* gravitational parameter, km^3/s^2 */
  double re_km;      /* equatorial radius, km: the model's distance unit */
  double xke;        /* sqrt(mu) in er^1.5/min */
  double tumin;      /* 1/xke, minutes per time unit */
  double j2, j3, j4; /* zonal harmonics (dimensionless) */
  double j3oj2;      /* j3 / j2 */
  double vkmpersec;  /* re_km * xke / 60: er/min to km/s */
} ow_sgp4_grav;

/*
** Near-earth part: epoch mean elements, secular rates and the drag and
** short-period coefficients that do not depend on time.
*/
typedef struct ow_sgp4_near {
  /* Brouwer mean elements at epoch (Kozai mean motion converted). */
  double ecco;    /* eccentricity */
  double inclo;   /* inclination, rad */
  double nodeo;   /* right ascension of the ascending node, rad */
  double argpo;   /* argument of perigee, rad */
  double mo;      /* mean anomaly, rad */
  double no;      /* un-Kozai'd mean motion ("no_unkozai"), rad/min */
  double bstar;   /* drag term B*, 1/er */
  double ao;      /* semi-major axis, er */
  double cosio, sinio; /* cos, sin of inclo */

  /* Secular rates from J2, J4 (STR#3 eq. for xmdot, omgdot, xnodot). */
  double mdot;    /* mean anomaly rate, rad/min */
  double argpdot; /* argument of perigee rate, rad/min */
  double nodedot; /* node rate, rad/min */

  /* Drag (C1..C5 and the D/T polynomial of STR#3). */
  double cc1, cc4, cc5;
  double nodecf;  /* node drag coefficient, rad/min^2 */
  double t2cof, t3cof, t4cof, t5cof; /* mean longitude drag polynomial */
  double d2, d3, d4; /* semi-major axis drag polynomial (zero if isimp) */
  double eta;     /* a0 e0 / (a0 - s) */
  double omgcof;  /* argument of perigee drag coefficient, rad/min */
  double xmcof;   /* mean anomaly drag coefficient */
  double delmo;   /* (1 + eta cos mo)^3 */
  double sinmao;  /* sin(mo) */

  /* Long- and short-period coefficients (epoch inclination). */
  double con41;   /* 3 cos^2 i - 1 */
  double x1mth2;  /* 1 - cos^2 i */
  double x7thm1;  /* 7 cos^2 i - 1 */
  double xlcof;   /* long-period L coefficient */
  double aycof;   /* long-period a_yN coefficient */
  int isimp;      /* 1: perigee < 220 km or deep space, truncated drag */
} ow_sgp4_near;

/*
** Deep-space part (SDP4): lunar-solar periodic coefficients, lunar-solar
** secular rates and the geopotential resonance terms.
*/
typedef struct ow_sgp4_deep {
  /* Lunar-solar periodics (dpper): solar then lunar coefficients. */
  double zmos, zmol; /* solar and lunar mean anomalies at epoch, rad */
  double se2, se3, si2, si3, sl2, sl3, sl4, sgh2, sgh3, sgh4, sh2, sh3;
  double ee2, e3, xi2, xi3, xl2, xl3, xl4, xgh2, xgh3, xgh4, xh2, xh3;

  /* Lunar-solar secular rates (per minute; angles rad/min). */
  double dedt, didt, dmdt, domdt, dnodt;

  /* Resonance (zero unless irez != 0). */
  int irez;          /* 0 none, 1 synchronous (24 h), 2 half-day (12 h) */
  double gsto;       /* Greenwich sidereal angle at epoch, rad */
  double xlamo;      /* resonance longitude at epoch, rad */
  double xfact;      /* resonance longitude rate less mean motion, rad/min */
  double del1, del2, del3; /* synchronous terms, rad/min^2 */
  double d2201, d2211, d3210, d3222, d4410, d4422; /* half-day terms */
  double d5220, d5232, d5421, d5433;                /* rad/min^2 */
} ow_sgp4_deep;

typedef struct ow_sgp4 {
  uint32_t norad;        /* catalog number of the element set */
  int method;            /* ow_sgp4_method */
  int gravity;           /* ow_gravity the model was prepared with */
  int opsmode;           /* ow_opsmode */
  ow_jd epoch_utc;       /* epoch of the element set, UTC two-part JD */
  double epoch_1950_day; /* epoch, days since 1949 Dec 31 0h UTC */
  ow_sgp4_grav grav;
  ow_sgp4_near near;
  ow_sgp4_deep deep;
} ow_sgp4;

#endif
