/*
** orbwatch/sgp4.h - the SGP4/SDP4 orbit model.
**
** Written from Hoots & Roehrich, Spacetrack Report #3 (1980) and Vallado,
** Crawford, Hujsak & Kelso, "Revisiting Spacetrack Report #3", AIAA
** 2006-6753 (with its later corrections). A model is prepared once by
** ow_sgp4_init and is immutable afterwards: ow_sgp4_propagate is a pure,
** thread-safe function of (model, time).
*/
#ifndef ORBWATCH_SGP4_H
#define ORBWATCH_SGP4_H

#include "orbwatch/common.h"
#include "orbwatch/constants.h"
#include "orbwatch/elset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ow_gravity {
  OW_GRAV_WGS72 = 0,    /* default, as the element sets are fitted with it */
  OW_GRAV_WGS72_OLD = 1,
  OW_GRAV_WGS84 = 2
} ow_gravity;

typedef enum ow_opsmode {
  OW_OPSMODE_IMPROVED = 0, /* 'i': modern GMST and modulo handling */
  OW_OPSMODE_AFSPC = 1     /* 'a': as the AFSPC operational code */
} ow_opsmode;

/* Which branch of the theory a prepared model uses (batch partitioning). */
typedef enum ow_sgp4_method {
  OW_SGP4_NEAR_SIMPLE = 0, /* near-earth, perigee < 220 km: truncated drag */
  OW_SGP4_NEAR_FULL = 1,   /* near-earth, full drag terms */
  OW_SGP4_DEEP = 2,        /* deep-space (period >= 225 min), no resonance */
  OW_SGP4_DEEP_RESONANT = 3 /* deep-space with 12 h or 24 h resonance */
} ow_sgp4_method;

/* The prepared model: defined in sgp4_model.h (fields follow the report). */
#include "orbwatch/sgp4_model.h"

/*
** ow_sgp4_init - prepare a model from an element set.
**
** Given:    e      const ow_elset*  element set (not modified): degrees,
**                                   rev/day, B* in 1/er, epoch_utc
**           grav   ow_gravity       constants (OW_GRAV_WGS72 normally)
**           mode   ow_opsmode       OW_OPSMODE_IMPROVED normally
** Returned: m      ow_sgp4*         prepared model
**           err    ow_err*          detail on failure (may be NULL)
** Returns:  OW_OK, or the SGP4 error found at epoch: the reference
**           propagates to epoch once, and so does this (33334 of the
**           verification set gives OW_E_SGP4_PERT_ECC). The model is still
**           filled, so propagation reports the same error again (and
**           OW_E_SGP4_DECAYED still yields states).
**           Element sets the reference cannot take are caught here: mean
**           motion <= 0 gives OW_E_SGP4_MEAN_MOTION, eccentricity outside
**           [0,1) OW_E_SGP4_MEAN_ECC, and the model then reports that
**           error on every call. OW_E_ARG for NULL pointers, unknown grav
**           or mode, or non-finite fields (the model is zeroed and
**           propagates to OW_E_SGP4_MEAN_MOTION). OW_E_RANGE for a B* so
**           large that the drag coefficients are not finite (1e300); the
**           model then reports OW_E_SGP4_MEAN_ECC on every call.
** Notes:    1) Error 5 (sub-orbital epoch elements) is never returned: the
**              reference dropped that check in favour of the decay test
**              during propagation; the code stays reserved.
**           2) The model's epoch is day + frac rounded to one double, as
**              in the reference, so the results agree to 1e-7 km even for
**              very eccentric deep-space orbits.
*/
OW_API int ow_sgp4_init(ow_sgp4 *m, const ow_elset *e, ow_gravity grav,
                        ow_opsmode mode, ow_err *err);

/*
** ow_sgp4_propagate - TEME state at tsince from a prepared model.
**
** Given:    m            const ow_sgp4*  from ow_sgp4_init (not modified)
**           tsince_min   double          minutes since epoch (may be < 0)
** Returned: r_teme_km    double[3]       position, TEME, km
**           v_teme_km_s  double[3]       velocity, TEME, km/s
** Returns:  OW_OK or OW_E_SGP4_* (errors 1, 2, 3, 4 and 6). Where the
**           reference still computes a state (decayed, error 6) it is
**           returned; otherwise the outputs are zeroed.
**           OW_E_SGP4_IMPLAUSIBLE (outputs zeroed) for a state the
**           reference would return without error but that no Earth orbit
**           can have: not finite, farther than OW_SGP4_PLAUSIBLE_R_MAX_KM,
**           or faster than OW_SGP4_PLAUSIBLE_ESCAPE_FACTOR times the escape
**           speed at its radius (see those constants). Long-decayed
**           objects propagated past their decay give such states. OW_E_RANGE (zeroed
**           outputs) when tsince_min is NaN or beyond
**           +-OW_SGP4_TSINCE_MAX_MIN.
** Notes:    1) Pure and thread-safe: the deep-space resonance integration
**              restarts from epoch on every call and steps the reference's
**              fixed 720-minute grid, so results do not depend on the
**              order of calls; its cost grows with |tsince| / 720 min.
*/
OW_API int ow_sgp4_propagate(const ow_sgp4 *m, double tsince_min,
                             double r_teme_km[3], double v_teme_km_s[3]);

/*
** Largest |tsince| accepted, minutes (about 190 years). The deep-space
** resonance integration steps 720 minutes at a time from epoch, so an
** unbounded time would mean an unbounded loop; beyond this the model has
** no meaning anyway.
*/
#define OW_SGP4_TSINCE_MAX_MIN 1.0e8

/*
** Bounds of a physically plausible state of an Earth-orbit element set.
** Below the Earth's surface the reference's own decay test (error 6)
** applies first. Beyond 1.5 million km (the Earth's Hill sphere, almost
** four times the Moon's greatest distance of 406,700 km) nothing stays
** bound to the Earth. A bound orbit moves below the escape speed
** sqrt(2 mu / r) at every radius; SGP4's short-period terms move the speed
** by far less than the 50% margin, so only runaway states of decayed or
** near-parabolic element sets exceed it (none of the 2022-2023 reference
** catalogs over a day does).
*/
#define OW_SGP4_PLAUSIBLE_R_MAX_KM 1.5e6
#define OW_SGP4_PLAUSIBLE_ESCAPE_FACTOR 1.5
#define OW_SGP4_ESCAPE_MU_KM3_S2 OW_WGS72_MU_KM3_S2 /* WGS-72 mu, STR#3 */

/* Reference error code (0..6) of a status, 7 for OW_E_SGP4_IMPLAUSIBLE
** (orbwatch's own, beyond the reference's six); -1 if it is not an SGP4
** one. */
OW_API int ow_sgp4_refcode(int status);

#ifdef __cplusplus
}
#endif
#endif
