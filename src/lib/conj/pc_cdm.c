/*
** pc_cdm.c - a CDM as Pc input (orbwatch/pc_cdm.h): ow_cdm_hbr_m and
** ow_cdm_to_pc_objects.
*/
#include "orbwatch/cdm.h"
#include "orbwatch/pc.h"
#include "orbwatch/pc_cdm.h"

#include <math.h>
#include <string.h>

double ow_cdm_hbr_m(const ow_cdm *cdm, int *assumed)
{
  if (assumed)
    *assumed = 0;
  if (isfinite(cdm->hbr_m) && cdm->hbr_m >= 0.0)
    return cdm->hbr_m;
  double r1 = cdm->obj[0].exclusion_radius_m, r2 = cdm->obj[1].exclusion_radius_m;
  if (isfinite(r1) && isfinite(r2))
    return r1 + r2;
  if (assumed)
    *assumed = 1;
  double h = 0.0;
  for (int k = 0; k < 2; k++) {
    ow_pc_object_type t = OW_PC_OBJ_UNKNOWN;
    ow_pc_object_type_parse(cdm->obj[k].object_type, &t);
    h += ow_pc_hbr_default_m(t);
  }
  return h;
}

int ow_cdm_to_pc_objects(const ow_cdm *cdm, ow_pc_object *o1, ow_pc_object *o2,
                         ow_err *err)
{
  ow_pc_object *o[2] = {o1, o2};
  for (int k = 0; k < 2; k++) {
    const ow_cdm_object *s = &cdm->obj[k];
    memset(o[k], 0, sizeof *o[k]);
    if (strcmp(s->ref_frame, "EME2000") != 0 &&
        strcmp(s->ref_frame, "GCRF") != 0)
      return ow_err_set(err, OW_E_UNSUPPORTED, "REF_FRAME",
                        "OBJECT%d frame %s is not inertial; convert to GCRF "
                        "first", k + 1, s->ref_frame);
    if (s->cov_dim < 6)
      return ow_err_set(err, OW_E_ARG, "covariance",
                        "OBJECT%d has no covariance", k + 1);
    for (int i = 0; i < 3; i++) {
      o[k]->r_m[i] = 1e3 * s->r_km[i];
      o[k]->v_m_s[i] = 1e3 * s->v_km_s[i];
      for (int j = 0; j < 3; j++)
        o[k]->cov_m2[i][j] = s->cov[i][j];
    }
    o[k]->cov_frame = OW_PC_COV_RTN;
  }
  return OW_OK;
}
