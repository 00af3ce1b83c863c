/*
** sgp4_private.h - what sgp4.c and sgp4_deep.c share (never installed).
**
** The near-earth theory (sgp4.c) calls the deep-space theory (sgp4_deep.c)
** at three points: once in init, and twice in each propagation (secular
** lunar-solar and resonance terms, then lunar-solar periodics).
*/
#ifndef ORBWATCH_SGP4_PRIVATE_H
#define ORBWATCH_SGP4_PRIVATE_H

#include "internal.h"
#include "orbwatch/sgp4.h"

/*
** Mean elements while a propagation builds them up (Vallado's "m"
** variables): eccentricity, inclination, node, argument of perigee and mean
** anomaly in rad, mean motion in rad/min.
*/
typedef struct ow__sgp4_mean {
  double em, inclm, nodem, argpm, mm, nm;
} ow__sgp4_mean;

/*
** ow__sgp4_deep_init - fill m->deep from m->near, m->grav and the epoch
** (Vallado's dscom + dsinit). m->near must be complete (rates included).
** Returns the method (OW_SGP4_DEEP or OW_SGP4_DEEP_RESONANT).
*/
int ow__sgp4_deep_init(ow_sgp4 *m);

/*
** ow__sgp4_deep_secular - add lunar-solar secular rates and integrate the
** resonance from epoch to t (Vallado's dspace). el holds the drag-updated
** mean elements on entry and the deep-space ones on return.
*/
void ow__sgp4_deep_secular(const ow_sgp4 *m, double t_min, ow__sgp4_mean *el);

/*
** ow__sgp4_deep_periodics - apply the lunar-solar periodics at t (Vallado's
** dpper, with the Lyddane modification below 0.2 rad inclination).
** el->em/inclm/nodem/argpm/mm are updated in place; nm is not used.
*/
void ow__sgp4_deep_periodics(const ow_sgp4 *m, double t_min,
                             ow__sgp4_mean *el);

/*
** ow__sgp4_plausible - whether a TEME state of squared radius r2 (km^2)
** and squared speed v2 (km^2/s^2) is one an Earth orbit can have: r below
** OW_SGP4_PLAUSIBLE_R_MAX_KM and v below OW_SGP4_PLAUSIBLE_ESCAPE_FACTOR
** times sqrt(2 mu / r), i.e. v^4 r^2 <= (f^2 2 mu)^2 (no square root).
** NaN fails every comparison, so a state that is not finite is refused.
** The batch kernel (sgp4_batch_kernel.h) tests the same inequalities.
*/
#define OW__SGP4_ESCAPE_V2R                                                   \
  (OW_SGP4_PLAUSIBLE_ESCAPE_FACTOR * OW_SGP4_PLAUSIBLE_ESCAPE_FACTOR * 2.0 *  \
   OW_SGP4_ESCAPE_MU_KM3_S2)
static inline int ow__sgp4_plausible(double r2, double v2)
{
  return r2 <= OW_SGP4_PLAUSIBLE_R_MAX_KM * OW_SGP4_PLAUSIBLE_R_MAX_KM &&
         v2 * v2 * r2 <= OW__SGP4_ESCAPE_V2R * OW__SGP4_ESCAPE_V2R;
}

#endif
