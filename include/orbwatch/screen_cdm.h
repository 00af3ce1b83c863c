/*
** orbwatch/screen_cdm.h - a CCSDS CDM (orbwatch/cdm.h) from a screening
** event (orbwatch/screen.h). Conjunction layer.
*/
#ifndef ORBWATCH_SCREEN_CDM_H
#define ORBWATCH_SCREEN_CDM_H

#include "orbwatch/cdm.h"
#include "orbwatch/common.h"
#include "orbwatch/elset.h"
#include "orbwatch/screen.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** ow_screen_event_cdm - a CDM for one event (after ow_screen_pc if a Pc is
** wanted): GCRF states at TCA, RTN relative position and velocity, the
** screening period and volume of opt (may be NULL), entry/exit times,
** the ASSUMED default RTN covariances (COVARIANCE_METHOD = DEFAULT), the
** combined HBR in a "HBR = x [m]" comment, and for an ellipsoidal volume
** "VOLUME_Q_MIN = q" and "VOLUME_Q_MIN_TIME = ISO" comments (the standard
** has no keyword for them). e1, e2: the element sets of the event's
** objects 1 and 2. Returns OW_OK or OW_E_ARG.
*/
OW_API int ow_screen_event_cdm(const ow_screen_event *ev, const ow_elset *e1,
                               const ow_elset *e2, const ow_screen_opts *opt,
                               ow_jd creation_utc, const char *originator,
                               ow_cdm *cdm, ow_err *err);

#ifdef __cplusplus
}
#endif
#endif
