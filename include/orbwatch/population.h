/*
** orbwatch/population.h - the synthetic population (sim layer). The orbit
** regimes it uses are in orbwatch/regime.h, included here.
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
#include "orbwatch/regime.h"

#ifdef __cplusplus
extern "C" {
#endif

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
