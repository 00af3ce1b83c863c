/*
** orbwatch/regime.h - orbit regimes of element sets (elset layer).
**
** ow_orbit_regime classifies an element set by perigee/apogee height and
** inclination with the classes of ESA's Annual Space Environment Report
** (GEO, IGO, EGO, NSO, GTO, MEO, LEO, HEO, MGO, LMO, ...), simplified where
** noted in elset/regime.c.
*/
#ifndef ORBWATCH_REGIME_H
#define ORBWATCH_REGIME_H

#include "orbwatch/common.h"
#include "orbwatch/elset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ow_regime {
  OW_REGIME_LEO = 0, /* perigee and apogee below 2000 km */
  OW_REGIME_LMO,     /* LEO-MEO crossing: perigee < 2000, apogee 2000-31570 */
  OW_REGIME_MEO,     /* perigee and apogee 2000-31570 km (not NSO) */
  OW_REGIME_NSO,     /* navigation: 18100-24300 km, inclination 50-70 deg */
  OW_REGIME_GTO,     /* perigee < 2000 km, apogee 31570-40000 km */
  OW_REGIME_GEO,     /* perigee and apogee 35586-35986 km, incl < 25 deg */
  OW_REGIME_EGO,     /* extended GEO: a 37948-46380 km, e < 0.25, i < 25 */
  OW_REGIME_MGO,     /* MEO-GEO crossing: perigee 2000-31570, apogee > 31570 */
  OW_REGIME_HEO,     /* perigee < 31570 km, apogee > 40000 km */
  OW_REGIME_OTHER,   /* anything else (e.g. highly inclined GEO) */
  OW_REGIME_COUNT
} ow_regime;

/* Short name of a regime ("LEO"); never NULL. */
OW_API const char *ow_regime_name(ow_regime r);

/*
** Perigee and apogee heights (km above the WGS-72 equatorial radius) from
** the Kozai mean motion and eccentricity of an element set.
*/
OW_API void ow_elset_heights(const ow_elset *e, double *perigee_km,
                             double *apogee_km);

OW_API ow_regime ow_orbit_regime(const ow_elset *e);

#ifdef __cplusplus
}
#endif
#endif
