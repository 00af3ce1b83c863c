/*
** screen_priv.h - what screen.c and screen_refine.c share (ow__ names).
*/
#ifndef OW_SCREEN_PRIV_H
#define OW_SCREEN_PRIV_H

#include "orbwatch/screen.h"

/* One grid instant of the batch ephemeris (TEME), SoA pointers. */
typedef struct ow__screen_row {
  const double *x, *y, *z, *vx, *vy, *vz;
  const int *st;
} ow__screen_row;

/* Bounds of one object over the span (screen.c, object_bounds). */
typedef struct ow__screen_obj {
  double vmax_km_s;   /* speed bound (perigee, with margins) */
  double m4;          /* bound of |d^4 r / dt^4|, km/s^4 */
  double acc_km_s2;   /* bound of |d^2 r / dt^2| (gravity at perigee) */
  double band_lo_km;  /* radial band (distance from the centre), padded */
  double band_hi_km;
} ow__screen_obj;

/* Bounds of an element set's motion up to age_day from its epoch. */
void ow__screen_object_bounds(const ow_elset *e, double age_day,
                              ow__screen_obj *o);

/*
** 1 if a state is plausible for the object: speed at most 1.5 vmax,
** radius between 0.98 Earth radii and twice the band's top. SGP4 gives
** states without an error code that fail this for some element sets far
** past their decay (RESURS O1 DEB 49227 at 114,741 km/s, FENGYUN 1C DEB
** 29925 at 1.6e10 km in the 2023-10 catalog); no bound holds for them.
*/
static inline int ow__screen_plausible(const ow__screen_obj *o, double x,
                                       double y, double z, double vx,
                                       double vy, double vz)
{
  double v2 = vx * vx + vy * vy + vz * vz, r2 = x * x + y * y + z * z;
  double vl = 1.5 * o->vmax_km_s, rl = 2.0 * o->band_hi_km;
  return v2 <= vl * vl && r2 <= rl * rl && r2 >= 6250.0 * 6250.0;
}

/*
** 1 if the event is inside: sphere, miss at TCA below the threshold;
** ellipsoid, the smallest normalised ellipsoidal distance over the pass
** (searched with the scalar models m1, m2 of objects 1 and 2) is <= 1.
** Sets ev->volume_q_min and volume_q_min_utc (NaN / TCA for a sphere).
*/
int ow__screen_inside(const ow_sgp4 *m1, const ow_sgp4 *m2,
                      const ow_screen_opts *opt, ow_screen_event *ev);

/*
** Merge the local minima of slow pairs, find entry/exit times, sort by
** TCA. res->events is reallocated in place (still owned by res).
*/
int ow__screen_finish(const ow_sgp4 *models, const ow_screen_opts *opt,
                      double step_s, int threads, ow_screen_result *res);

/*
** Orbit-geometry filter (screen_geom.c): per object, the secular lines
** and the bounds of SGP4's periodic and drag terms, from the prepared
** model; per time window, the envelope of the orbit path; per pair,
** whether the paths stay more than D apart.
*/
typedef struct ow__screen_geom {
  int usable;           /* 0: the filter keeps every pair of the object */
  int deep;             /* deep-space model */
  int lyddane, lyddane_always; /* i < 0.2 (Lyddane branch) at some time
                                  of the span, at every time */
  int retro;            /* i near pi: perigee direction not bounded */
  double tau0_min;      /* minutes from the epoch to the screening start */
  double node0, nodedot, nodecf; /* node(tau) = node0 + nodedot tau +
                                    nodecf tau^2, rad, rad/min, rad/min^2 */
  double argp0, argpdot; /* argument of perigee, rad, rad/min */
  double incl0, incldot; /* inclination, rad, rad/min */
  double ecc0, eccdot;   /* eccentricity, 1/min */
  double ao, cc1, d2, d3, d4; /* a(tau) = ao (1 - cc1 tau - ...)^2, er */
  double a_rel_pad;      /* relative change of a from resonance */
  double argp_pad, ecc_pad, incl_pad; /* deviations from the lines */
  double h_pad, gh_pad;  /* lunisolar periodic node (x sin i), perigee */
  double aycof;          /* J3 long-period coefficient (near Earth) */
  double re_km, j2, j3oj2;
} ow__screen_geom;

/* The envelope of an object over a window (see screen_geom.c, 1.). */
typedef struct ow__screen_geom_win {
  int usable;
  double n[3], p[3];     /* normal, perigee direction at the middle */
  double alpha;          /* the normal stays within alpha, rad */
  double eps_f;          /* true anomaly within eps_f of the angle to p */
  double p_lo_km, p_hi_km, e_lo, e_hi; /* conic parameters */
  double dr_km;          /* radial pad (short-period) */
  double z_km;           /* distance from the plane of the moment */
  double r_lo_km, r_hi_km; /* radius bounds */
  int eps_full;          /* eps_f + asin(z / r_lo) >= pi / 2 */
  double c_eps, s_eps;   /* its cosine and sine */
} ow__screen_geom_win;

/* Precompute for a screening from start_utc over span_day days. */
void ow__screen_geom_init(ow__screen_geom *g, const ow_sgp4 *m,
                          ow_jd start_utc, double span_day);

/* Envelope over [ta_s, tb_s], seconds from the screening start. */
void ow__screen_geom_window(const ow__screen_geom *g, double ta_s,
                            double tb_s, ow__screen_geom_win *w);

/* 1 if no point of a's envelope comes within d_km of b's, at any instant
** of the common window (0: maybe, or the filter does not apply). */
int ow__screen_geom_apart(const ow__screen_geom_win *a,
                          const ow__screen_geom_win *b, double d_km);

/* Windows of the span [0, span_s]: how many (nwin), and the envelopes
** (w: nwin + 1, the whole span first, then window by window). */
size_t ow__screen_geom_nwin(double span_s);
void ow__screen_geom_windows(const ow__screen_geom *g, double span_s,
                             size_t nwin, ow__screen_geom_win *w);

/* 1 if a and b are apart over the whole span [0, span_s] in one window,
** or in every window of its split. */
int ow__screen_geom_apart_span(const ow__screen_geom *a,
                               const ow__screen_geom *b, double d_km,
                               double span_s);

/* 1 if object g is apart from each of np objects whose envelopes
** (ow__screen_geom_windows) are pw[p * (nwin + 1) + k], over the whole
** span or in every window (scratch: nwin + 1). */
int ow__screen_geom_apart_all(const ow__screen_geom *g,
                              const ow__screen_geom_win *pw, size_t np,
                              size_t nwin, double span_s, double d_km,
                              ow__screen_geom_win *scratch);

#endif
