/*
** orbwatch/pc_cdm.h - a CDM (orbwatch/cdm.h) as input to the Pc
** (orbwatch/pc.h): the two objects' states and covariances, and the
** combined hard-body radius. Conjunction layer.
*/
#ifndef ORBWATCH_PC_CDM_H
#define ORBWATCH_PC_CDM_H

#include "orbwatch/cdm.h"
#include "orbwatch/common.h"
#include "orbwatch/pc.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** ow_cdm_to_pc_objects - the two objects as Pc inputs: state km -> m,
** covariance position block (RTN, m^2). The frame must be inertial
** (EME2000, GCRF); ITRF gives OW_E_UNSUPPORTED (the caller converts the
** states first: ITRF velocities lack the Earth-rotation term).
*/
OW_API int ow_cdm_to_pc_objects(const ow_cdm *cdm, ow_pc_object *o1,
                                ow_pc_object *o2, ow_err *err);

/*
** ow_cdm_hbr_m - combined hard-body radius for Pc: the COMMENT HBR if
** present, else the sum of the objects' exclusion radii if both are
** present, else the sum of ow_pc_hbr_default_m of the OBJECT_TYPEs
** (*assumed set to 1). NaN never returned.
*/
OW_API double ow_cdm_hbr_m(const ow_cdm *cdm, int *assumed);

#ifdef __cplusplus
}
#endif
#endif
