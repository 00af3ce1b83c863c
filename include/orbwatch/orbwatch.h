/*
** orbwatch/orbwatch.h - the public API of liborbwatch, the contract.
**
** Include this one header. Units, frames and time scales are in the names
** (r_teme_km, jd_utc); see docs/conventions.md.
*/
#ifndef ORBWATCH_H
#define ORBWATCH_H

#define OW_VERSION "0.1.0"

#include "orbwatch/common.h"
#include "orbwatch/constants.h"
#include "orbwatch/diag.h"
#include "orbwatch/num.h"
#include "orbwatch/elset.h"
#include "orbwatch/time.h"
#include "orbwatch/frames.h"
#include "orbwatch/sgp4.h"
#include "orbwatch/population.h"
#include "orbwatch/pc.h"
#include "orbwatch/cdm.h"
#include "orbwatch/batch.h"
#include "orbwatch/ephem.h"
#include "orbwatch/sensor.h"
#include "orbwatch/access.h"
#include "orbwatch/screen.h"

#endif
