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

#endif
