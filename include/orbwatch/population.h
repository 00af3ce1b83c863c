/*
** orbwatch/population.h - orbit regimes and the synthetic population.
**
** ow_orbit_regime classifies an element set by perigee/apogee height and
** inclination with the classes of ESA's Annual Space Environment Report
** (GEO, IGO, EGO, NSO, GTO, MEO, LEO, HEO, MGO, LMO, ...), simplified where
** noted in population.c.
**
** ow_synth_population makes a deterministic synthetic catalog (same seed,
** count and epoch: same bytes): LEO constellation shells, sun-synchronous
** orbits, fragmentation debris clouds, GNSS, Molniya, GTO, the GEO belt and
** two GEO hosts of partner sensors, with five-digit, Alpha-5 and nine-digit
** catalog numbers. orbwatch ships data made this way, never real catalogs.
*/
#ifndef ORBWATCH_POPULATION_H
#define ORBWATCH_POPULATION_H

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

typedef struct ow_synth_opts {
  uint64_t seed;    /* PRNG seed (0 is a valid seed) */
  size_t count;     /* number of objects, >= 16 */
  ow_jd epoch_utc;  /* reference epoch; objects get epochs up to 2 days
                       before it, as real catalogs do */
} ow_synth_opts;

/* Catalog numbers of the two GEO sensor hosts in every synthetic catalog. */
#define OW_SYNTH_HOST_QZS6 70001u   /* QZS-6 (SIM), 90.5 deg E */
#define OW_SYNTH_HOST_GEO2 70002u   /* GEO HOST-2 (SIM), 105.0 deg W */

/*
** Append opts->count synthetic element sets to cat (which owns them).
** Returns OW_OK, OW_E_ARG (count < 16) or OW_E_NOMEM.
*/
OW_API int ow_synth_population(const ow_synth_opts *opts, ow_catalog *cat,
                               ow_err *err);

#ifdef __cplusplus
}
#endif
#endif
