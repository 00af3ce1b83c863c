/*
** orbwatch/orbwatch.h - the public API of liborbwatch, the contract.
**
** Include this one header. Units, frames and time scales are in the names
** (r_teme_km, jd_utc); see docs/conventions.md.
*/
#ifndef ORBWATCH_H
#define ORBWATCH_H

/* OW_VERSION is in orbwatch/common.h. */
/* By layer, bottom up (docs/architecture.md). */
#include "orbwatch/common.h"     /* base */
#include "orbwatch/constants.h"
#include "orbwatch/diag.h"
#include "orbwatch/num.h"
#include "orbwatch/time.h"       /* astro */
#include "orbwatch/frames.h"
#include "orbwatch/ephem.h"
#include "orbwatch/elset.h"      /* elset */
#include "orbwatch/regime.h"
#include "orbwatch/sgp4.h"       /* prop */
#include "orbwatch/batch.h"
#include "orbwatch/traj.h"
#include "orbwatch/elset_io.h"   /* formats */
#include "orbwatch/cdm.h"
#include "orbwatch/sensor.h"     /* sensor */
#include "orbwatch/access.h"
#include "orbwatch/pc.h"         /* conj */
#include "orbwatch/pc_cdm.h"
#include "orbwatch/screen.h"
#include "orbwatch/screen_cdm.h"
#include "orbwatch/population.h" /* sim */

#endif
