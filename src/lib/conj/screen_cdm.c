/*
** screen_cdm.c - a CCSDS CDM (508.0-B-1) from a screening event:
** ow_screen_event_cdm. States at TCA are converted from TEME to GCRF (the
** frames module, no EOP: UT1 = UTC; both objects get the same rotation,
** so the relative geometry is unchanged); the RTN covariances are the
** ASSUMED defaults of ow_pc_cov_default, which the message says in
** COVARIANCE_METHOD = DEFAULT and in comments.
*/
#include "internal.h"
#include "orbwatch/frames.h"
#include "orbwatch/screen.h"
#include "orbwatch/cdm.h"
#include "orbwatch/common.h"
#include "orbwatch/elset.h"
#include "orbwatch/pc.h"
#include "orbwatch/regime.h"
#include "orbwatch/screen_cdm.h"
#include "orbwatch/time.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void upper_copy(char *dst, size_t n, const char *src)
{
  size_t k = 0;
  for (; src && *src && k + 1 < n; src++) {
    unsigned char ch = (unsigned char)*src;
    dst[k++] = ch < 0x20 || ch >= 0x7F ? '?' : (char)toupper(ch);
  }
  dst[k] = '\0';
}

static const char *type_name(ow_pc_object_type t)
{
  switch (t) {
  case OW_PC_OBJ_PAYLOAD:
    return "PAYLOAD";
  case OW_PC_OBJ_ROCKET_BODY:
    return "ROCKET BODY";
  case OW_PC_OBJ_DEBRIS:
    return "DEBRIS";
  default:
    return "UNKNOWN";
  }
}

int ow_screen_event_cdm(const ow_screen_event *ev, const ow_elset *e1,
                        const ow_elset *e2, const ow_screen_opts *opt,
                        ow_jd creation_utc, const char *originator,
                        ow_cdm *cdm, ow_err *err)
{
  if (!ev || !e1 || !e2 || !cdm)
    return ow_err_set(err, OW_E_ARG, "cdm", "NULL argument");
  ow_cdm_init(cdm);
  snprintf(cdm->version, sizeof cdm->version, "1.0");
  cdm->creation_date_utc = creation_utc;
  upper_copy(cdm->originator, sizeof cdm->originator,
             originator && *originator ? originator : "ORBWATCH");
  char tca[OW_ISO_BUF];
  ow_time_format_iso(ev->tca_utc, 3, tca, sizeof tca);
  snprintf(cdm->message_id, sizeof cdm->message_id, "%u_%u_%s", ev->norad_1,
           ev->norad_2, tca);
  cdm->tca_utc = ev->tca_utc;
  cdm->miss_distance_m = ev->miss_km * 1e3;
  cdm->relative_speed_m_s = ev->rel_speed_km_s * 1e3;
  double dv[3], dv_rtn[3];
  for (int k = 0; k < 3; k++) {
    cdm->relative_position_rtn_m[k] = ev->miss_rtn_km[k] * 1e3;
    dv[k] = ev->v2_teme_km_s[k] - ev->v1_teme_km_s[k];
  }
  ow_screen_rtn(ev->r1_teme_km, ev->v1_teme_km_s, dv, dv_rtn);
  for (int k = 0; k < 3; k++)
    cdm->relative_velocity_rtn_m_s[k] = dv_rtn[k] * 1e3;
  if (opt) {
    cdm->start_screen_period_utc = opt->start_utc;
    ow_utc_add_s(opt->start_utc, opt->span_day * 86400.0,
                 &cdm->stop_screen_period_utc);
    snprintf(cdm->screen_volume_frame, sizeof cdm->screen_volume_frame,
             "RTN");
    snprintf(cdm->screen_volume_shape, sizeof cdm->screen_volume_shape,
             "ELLIPSOID");
    int ell = opt->volume_rtn_km[0] > 0 && opt->volume_rtn_km[1] > 0 &&
              opt->volume_rtn_km[2] > 0;
    for (int k = 0; k < 3; k++)
      cdm->screen_volume_m[k] =
          1e3 * (ell ? opt->volume_rtn_km[k] : opt->threshold_km);
    cdm->screen_entry_time_utc = ev->entry_utc;
    cdm->screen_exit_time_utc = ev->exit_utc;
  }
  if (isfinite(ev->pc)) {
    cdm->collision_probability = ev->pc;
    snprintf(cdm->collision_probability_method,
             sizeof cdm->collision_probability_method, "%s",
             ev->pc_method == OW_PC_MAX_UNKNOWN ? "ALFANO-2005"
                                                : "FOSTER-1992");
  }
  if (isfinite(ev->hbr_m))
    snprintf(cdm->comment_relative, sizeof cdm->comment_relative,
             "HBR = %.3f [m]\nScreening by orbwatch %s from SGP4 element "
             "sets; Pc method %s", ev->hbr_m, OW_VERSION,
             ev->pc_method == OW_PC_MAX_UNKNOWN
                 ? "maximum over unknown covariances (Alfano 2005)"
                 : "Foster 2D with ASSUMED covariances");
  /* The standard has no keyword for how deep an ellipsoidal volume was
  ** entered: comments, with the names of the CSV columns. */
  if (opt && isfinite(ev->volume_q_min)) {
    char tq[OW_ISO_BUF];
    size_t k = strlen(cdm->comment_relative);
    ow_time_format_iso(ev->volume_q_min_utc, 3, tq, sizeof tq);
    snprintf(cdm->comment_relative + k, sizeof cdm->comment_relative - k,
             "%sScreening ellipsoid %.3f x %.3f x %.3f km along object 1's "
             "R, T, N; q = |(dR/R, dT/T, dN/N)|\nVOLUME_Q_MIN = %.6f\n"
             "VOLUME_Q_MIN_TIME = %s", k ? "\n" : "", opt->volume_rtn_km[0],
             opt->volume_rtn_km[1], opt->volume_rtn_km[2], ev->volume_q_min,
             tq);
  }

  const ow_elset *es[2] = {e1, e2};
  const double *r[2] = {ev->r1_teme_km, ev->r2_teme_km};
  const double *v[2] = {ev->v1_teme_km_s, ev->v2_teme_km_s};
  for (int k = 0; k < 2; k++) {
    ow_cdm_object *o = &cdm->obj[k];
    const ow_elset *e = es[k];
    snprintf(o->object, sizeof o->object, "OBJECT%d", k + 1);
    snprintf(o->object_designator, sizeof o->object_designator, "%u",
             e->norad);
    snprintf(o->catalog_name, sizeof o->catalog_name, "SATCAT");
    upper_copy(o->object_name, sizeof o->object_name,
               e->name[0] ? e->name : "UNKNOWN");
    ow_object_id_to_cospar(e->object_id, o->international_designator,
                           sizeof o->international_designator);
    if (!o->international_designator[0])
      snprintf(o->international_designator,
               sizeof o->international_designator, "UNKNOWN");
    snprintf(o->object_type, sizeof o->object_type, "%s",
             type_name(ow_screen_object_type(e->name)));
    snprintf(o->ephemeris_name, sizeof o->ephemeris_name, "NONE");
    snprintf(o->covariance_method, sizeof o->covariance_method, "DEFAULT");
    snprintf(o->maneuverable, sizeof o->maneuverable, "N/A");
    snprintf(o->orbit_center, sizeof o->orbit_center, "EARTH");
    snprintf(o->ref_frame, sizeof o->ref_frame, "GCRF");
    snprintf(o->gravity_model, sizeof o->gravity_model, "SGP4 WGS-72");
    int st = ow_teme_to_gcrf(NULL, ev->tca_utc, r[k], v[k], o->r_km,
                             o->v_km_s);
    if (st < 0)
      return ow_err_set(err, st, "cdm", "TEME to GCRF failed at TCA");
    double hp, ha, cov[3][3];
    ow_elset_heights(e, &hp, &ha);
    double age = fabs((ev->tca_utc.day - e->epoch_utc.day) +
                      (ev->tca_utc.frac - e->epoch_utc.frac));
    ow_pc_cov_default(ow_pc_cov_class_of(hp, ha), age, cov);
    /* Velocity variances ASSUMED as (sigma_pos * n)^2 per axis, no
    ** correlations: a circular-orbit scaling, only so that the obligatory
    ** 6x6 block is filled; Pc uses the position block alone. */
    double n_rad_s = e->n_rev_day * OW_TWOPI / 86400.0;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        o->cov[i][j] = cov[i][j];
    for (int i = 0; i < 3; i++)
      o->cov[3 + i][3 + i] = cov[i][i] * n_rad_s * n_rad_s;
    for (int i = 0; i < 6; i++)
      for (int j = 0; j < 6; j++)
        if (!(i < 3 && j < 3) && i != j)
          o->cov[i][j] = 0.0;
    o->cov_dim = 6;
    snprintf(o->comment_data, sizeof o->comment_data,
             "Covariance ASSUMED: orbwatch default for class %s, element "
             "set age %.2f d", ow_pc_cov_class_name(ow_pc_cov_class_of(hp, ha)),
             age);
  }
  return OW_OK;
}
