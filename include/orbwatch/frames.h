/*
** orbwatch/frames.h - TEME, PEF, ITRF, GCRF and WGS-84 geodetic.
**
** Positions in km, velocities in km/s, angles in radians. Rotations that
** depend on the Earth's rotation carry the omega x r term into velocities.
** Earth orientation comes from an ow_eop (NULL: UT1 = UTC, no polar motion).
*/
#ifndef ORBWATCH_FRAMES_H
#define ORBWATCH_FRAMES_H

#include "orbwatch/common.h"
#include "orbwatch/time.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ow_frame {
  OW_FRAME_TEME = 0,
  OW_FRAME_PEF,
  OW_FRAME_ITRF,
  OW_FRAME_GCRF,
  OW_FRAME_GEODETIC
} ow_frame;

OW_API const char *ow_frame_name(ow_frame f);
OW_API int ow_frame_parse(const char *name, ow_frame *f);

/* GMST (IAU 1982), radians in [0, 2pi), from a UT1 JD. */
OW_API double ow_gmst82(ow_jd jd_ut1);

/* TEME <-> ITRF at a UTC instant (GMST 1982, polar motion from eop). */
OW_API int ow_teme_to_itrf(const ow_eop *eop, ow_jd jd_utc,
                           const double r_teme_km[3],
                           const double v_teme_km_s[3], double r_itrf_km[3],
                           double v_itrf_km_s[3]);
OW_API int ow_itrf_to_teme(const ow_eop *eop, ow_jd jd_utc,
                           const double r_itrf_km[3],
                           const double v_itrf_km_s[3], double r_teme_km[3],
                           double v_teme_km_s[3]);

/* TEME -> PEF (no polar motion). */
OW_API int ow_teme_to_pef(const ow_eop *eop, ow_jd jd_utc,
                          const double r_teme_km[3],
                          const double v_teme_km_s[3], double r_pef_km[3],
                          double v_pef_km_s[3]);

/* TEME <-> GCRF at a UTC instant. */
OW_API int ow_teme_to_gcrf(const ow_eop *eop, ow_jd jd_utc,
                           const double r_teme_km[3],
                           const double v_teme_km_s[3], double r_gcrf_km[3],
                           double v_gcrf_km_s[3]);
OW_API int ow_gcrf_to_teme(const ow_eop *eop, ow_jd jd_utc,
                           const double r_gcrf_km[3],
                           const double v_gcrf_km_s[3], double r_teme_km[3],
                           double v_teme_km_s[3]);

/* ITRF Cartesian <-> WGS-84 geodetic (lat, lon in rad, height in km). */
OW_API void ow_itrf_to_geodetic(const double r_itrf_km[3], double *lat_rad,
                                double *lon_rad, double *alt_km);
OW_API void ow_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                                double r_itrf_km[3]);

#ifdef __cplusplus
}
#endif
#endif
