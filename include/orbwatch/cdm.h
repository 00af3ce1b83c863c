/*
** orbwatch/cdm.h - CCSDS Conjunction Data Message (CDM), 508.0-B-1.
**
** One fixed-size structure (no allocation inside) holds a whole message:
** header, relative metadata/data, and per object its metadata, OD
** parameters, additional parameters, state vector at TCA and RTN
** covariance (6x6 lower triangle, up to 9x9 with the drag, SRP and thrust
** rows). Values keep the CDM's own units (state in km and km/s, relative
** quantities and covariance in m-based units), as the field names say.
**
** Absent optional values: NaN for numbers and epochs (ow_jd.day NaN), ""
** for text. A lenient read may also store NaN for a value written as NaN.
**
** Readers (KVN and XML) have two modes:
**   STRICT   refuses anything 508.0-B-1 does not allow (unknown or
**            duplicate keywords, wrong units, malformed numbers or dates,
**            missing obligatory keywords, non-ASCII, lowercase text values)
**            with OW_E_PARSE / OW_E_RANGE and the file, line and keyword in
**            the ow_err.
**   LENIENT  loads what real messages carry (NaN values, `[m]` on relative
**            velocities, non-ASCII minus signs, `KEY =value`, unknown
**            keywords, ...), recording one warning per violation and
**            returning OW_W_LENIENT. Missing obligatory keywords, unparsable
**            numbers in used fields and the absence of a state vector stay
**            errors: nothing sensible can be computed without them.
** Both modes pick up data carried in comments: `COMMENT HBR = 15 [m]`
** (CARA) into hbr_m, and `Exclusion Volume Radius = 5 [m]` (CSpOC) into
** each object's exclusion_radius_m.
**
** This header is the formats layer's and knows nothing of the Pc; the CDM
** as Pc input (ow_cdm_to_pc_objects, ow_cdm_hbr_m) is orbwatch/pc_cdm.h.
*/
#ifndef ORBWATCH_CDM_H
#define ORBWATCH_CDM_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_CDM_TEXT 256     /* a KVN line is at most 254 characters */
#define OW_CDM_COMMENTS 2048 /* comments of one section, '\n'-separated */

typedef struct ow_cdm_object {
  /* metadata */
  char object[OW_CDM_TEXT];          /* OBJECT1 | OBJECT2 */
  char object_designator[OW_CDM_TEXT];
  char catalog_name[OW_CDM_TEXT];
  char object_name[OW_CDM_TEXT];
  char international_designator[OW_CDM_TEXT];
  char object_type[OW_CDM_TEXT];
  char operator_contact_position[OW_CDM_TEXT];
  char operator_organization[OW_CDM_TEXT];
  char operator_phone[OW_CDM_TEXT];
  char operator_email[OW_CDM_TEXT];
  char ephemeris_name[OW_CDM_TEXT];
  char covariance_method[OW_CDM_TEXT];
  char maneuverable[OW_CDM_TEXT];
  char orbit_center[OW_CDM_TEXT];
  char ref_frame[OW_CDM_TEXT];       /* GCRF | EME2000 | ITRF */
  char gravity_model[OW_CDM_TEXT];
  char atmospheric_model[OW_CDM_TEXT];
  char n_body_perturbations[OW_CDM_TEXT];
  char solar_rad_pressure[OW_CDM_TEXT];
  char earth_tides[OW_CDM_TEXT];
  char intrack_thrust[OW_CDM_TEXT];
  /* OD parameters */
  ow_jd time_lastob_start_utc, time_lastob_end_utc;
  double recommended_od_span_d, actual_od_span_d;
  double obs_available, obs_used, tracks_available, tracks_used; /* counts */
  double residuals_accepted_pct, weighted_rms;
  /* additional parameters */
  double area_pc_m2, area_drg_m2, area_srp_m2, mass_kg;
  double cd_area_over_mass_m2_kg, cr_area_over_mass_m2_kg;
  double thrust_acceleration_m_s2, sedr_w_kg;
  /* state vector at TCA, in ref_frame */
  double r_km[3], v_km_s[3];
  /* RTN covariance, full symmetric 9x9 filled from the lower triangle;
  ** cov_dim is 6 (obligatory block), 7, 8 or 9 (0 when absent). Order R,
  ** T, N, RDOT, TDOT, NDOT, DRG, SRP, THR; units as in 508.0-B-1 3.5.2
  ** (m**2, m**2/s, m**2/s**2, m**3/kg, ...). */
  double cov[9][9];
  int cov_dim;
  /* from comments (NaN when none) */
  double exclusion_radius_m;
  /* comments of the metadata and of the data section */
  char comment_meta[OW_CDM_COMMENTS], comment_data[OW_CDM_COMMENTS];
} ow_cdm_object;

typedef struct ow_cdm {
  /* header */
  char version[OW_CDM_TEXT];         /* CCSDS_CDM_VERS, "1.0" */
  ow_jd creation_date_utc;
  char originator[OW_CDM_TEXT];
  char message_for[OW_CDM_TEXT];
  char message_id[OW_CDM_TEXT];
  /* relative metadata/data */
  ow_jd tca_utc;
  double miss_distance_m, relative_speed_m_s;
  double relative_position_rtn_m[3], relative_velocity_rtn_m_s[3];
  ow_jd start_screen_period_utc, stop_screen_period_utc;
  char screen_volume_frame[OW_CDM_TEXT]; /* RTN | TVN */
  char screen_volume_shape[OW_CDM_TEXT]; /* ELLIPSOID | BOX */
  double screen_volume_m[3];             /* X, Y, Z */
  ow_jd screen_entry_time_utc, screen_exit_time_utc;
  double collision_probability;
  char collision_probability_method[OW_CDM_TEXT];
  /* from comments (NaN when none): combined hard-body radius */
  double hbr_m;
  char comment_header[OW_CDM_COMMENTS], comment_relative[OW_CDM_COMMENTS];
  ow_cdm_object obj[2];
} ow_cdm;

/* Fill with "absent" (NaN numbers and epochs, empty text, cov_dim 0). */
OW_API void ow_cdm_init(ow_cdm *cdm);

typedef enum ow_cdm_mode {
  OW_CDM_STRICT = 0,
  OW_CDM_LENIENT
} ow_cdm_mode;

/* Warnings of a lenient read: the first OW_CDM_MAX_WARN are kept, the
** rest only counted. Each has the line, keyword and reason. */
#define OW_CDM_MAX_WARN 64
typedef struct ow_cdm_warnings {
  int n;                        /* total warnings (may exceed the array) */
  ow_err w[OW_CDM_MAX_WARN];
} ow_cdm_warnings;

/*
** ow_cdm_read_kvn / ow_cdm_read_xml - parse one CDM from a buffer.
** Given:    buf, len   the message (need not be NUL-terminated)
**           source     name for messages (file name), may be NULL
**           mode       STRICT or LENIENT
** Returned: cdm        the message (ow_cdm_init'ed first)
**           warn       may be NULL
** Returns:  OW_OK; OW_W_LENIENT (lenient mode, warnings recorded);
**           OW_W_INCONSISTENT (either mode, no other warning: the message
**           contradicts itself, see below); OW_E_PARSE / OW_E_RANGE with
**           file, line, keyword in err; OW_E_UNSUPPORTED for a JSON CDM;
**           OW_E_NOMEM.
** Notes:    MISS_DISTANCE is compared with |r2 - r1| of the two state
**           vectors (tolerance 10 m + 0.1 % of the miss) and
**           RELATIVE_SPEED with |v2 - v1| (1 m/s + 0.1 %); a contradiction
**           is a warning in warn with code OW_W_INCONSISTENT in both
**           modes (with OW_W_LENIENT the status when there are also
**           violations).
*/
OW_API int ow_cdm_read_kvn(const char *buf, size_t len, const char *source,
                           ow_cdm_mode mode, ow_cdm *cdm,
                           ow_cdm_warnings *warn, ow_err *err);
OW_API int ow_cdm_read_xml(const char *buf, size_t len, const char *source,
                           ow_cdm_mode mode, ow_cdm *cdm,
                           ow_cdm_warnings *warn, ow_err *err);
/* Either format, told apart by the first non-blank character ('<'). */
OW_API int ow_cdm_read(const char *buf, size_t len, const char *source,
                       ow_cdm_mode mode, ow_cdm *cdm, ow_cdm_warnings *warn,
                       ow_err *err);

/*
** ow_cdm_write_kvn / ow_cdm_write_xml - serialise, writing only the
** values present (NaN and "" are left out). Numbers are written with the
** fewest digits (at most 16) that read back to the same double.
** Returned: *out, a malloc'ed NUL-terminated string owned by the caller
**           (free()); *len its length.
** Returns:  OW_OK; OW_E_ARG when an obligatory value is missing (the
**           writer never emits an invalid message); OW_E_NOMEM.
*/
OW_API int ow_cdm_write_kvn(const ow_cdm *cdm, char **out, size_t *len,
                            ow_err *err);
OW_API int ow_cdm_write_xml(const ow_cdm *cdm, char **out, size_t *len,
                            ow_err *err);

#ifdef __cplusplus
}
#endif
#endif
