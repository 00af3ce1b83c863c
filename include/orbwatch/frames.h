/*
** orbwatch/frames.h - TEME, PEF, ITRF, GCRF and WGS-84 geodetic.
**
** Positions in km, velocities in km/s, angles in radians. Rotations that
** depend on the Earth's rotation carry the omega x r term into velocities.
** Earth orientation comes from an ow_eop (NULL: UT1 = UTC, no polar motion).
**
** Routes (Vallado et al., AIAA 2006-6753, appendix C; IERS Conventions
** 2010, ch. 5; details and measured gaps in docs/frames.md):
**
**   TEME -> PEF    Rz(GMST 1982 of UT1); velocity - w x r with w the rate
**                  of GMST 1982 (7.2921158553e-5 rad/s plus its tiny
**                  secular change), i.e. the derivative of the rotation
**                  actually applied.
**   PEF  -> ITRF   polar motion W = eraPom00(xp, yp, s' = 0) (Vallado and
**                  astropy leave out the TIO locator s', < 2 mm at GEO).
**   TEME -> GCRF   (default, OW_FRAME_GCRF) IAU 2006/2000A through the
**                  terrestrial frame: GCRS = C^T Rz(-ERA) Rz(GMST82) TEME
**                  with C = eraC2i06a (CIO based, no dX/dY pole offsets).
**                  Measured: within 1 cm and 0.01 mm/s of skyfield and
**                  astropy from LEO to GEO; polar motion cancels out.
**   TEME -> GCRF   (OW_FRAME_GCRF_IAU76, "gcrf76") the true-of-
**                  date route: TOD = Rz(-EqEq94) TEME, MOD = N80^T TOD,
**                  J2000 = P76^T MOD, GCRF = B^T J2000 (IAU 2000 frame
**                  bias). Without celestial-pole offsets the IAU 1980
**                  nutation misses the real pole by tens of mas: measured
**                  2.5 to 34 mas from skyfield and astropy in 2022-09..11,
**                  i.e. up to 1.4 m in LEO, 4.5 m in MEO, 25 m at GEO
**                  (0.72 m at 8000 km in Vallado's 2004 example). It
**                  misses the 1 m check, so it is not the default.
**   GCRF velocities include the turning of the TEME axes with precession
**   and nutation (dM/dt r; up to 1.5 mm/s at GEO), so they are the time
**   derivative of GCRF positions, as astropy's are; skyfield and
**   Vallado's teme2eci leave that term out.
*/
#ifndef ORBWATCH_FRAMES_H
#define ORBWATCH_FRAMES_H

#include "orbwatch/constants.h"
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
  OW_FRAME_GEODETIC,
  OW_FRAME_GCRF_IAU76 /* GCRF through IAU 1976/1980 true of date */
} ow_frame;

/*
** Names: "teme", "pef", "itrf", "gcrf", "geodetic", "gcrf76". ow_frame_parse
** also takes "itrs"/"ecef" (ITRF), "gcrs" (GCRF) and any letter case;
** unknown names give OW_E_ARG.
*/
OW_API const char *ow_frame_name(ow_frame f);
OW_API int ow_frame_parse(const char *name, ow_frame *f);

/* GMST (IAU 1982), radians in [0, 2pi), from a UT1 JD. */
OW_API double ow_gmst82(ow_jd jd_ut1);

/*
** ow_frame_ctx - every rotation of one instant, computed once by
** ow_frame_ctx_init (caller-allocated, no allocation; const afterwards),
** then applied to any number of states with ow_frame_ctx_from_teme /
** ow_frame_ctx_to_teme. Use it when many objects share a time.
*/
typedef struct ow_frame_ctx {
  ow_jd jd_utc;
  double dut1_s, xp_rad, yp_rad;     /* Earth orientation used */
  double gmst82_rad;                 /* TEME -> PEF angle */
  double omega_rad_s;                /* rate of gmst82 (velocity term) */
  double pef_to_itrf[3][3];          /* W, polar motion */
  double teme_to_gcrf[3][3];         /* IAU 2006/2000A route */
  double teme_to_gcrf76[3][3];       /* IAU 1976/1980 route */
  double teme_to_gcrf_rate[3][3];    /* d/dt of teme_to_gcrf, 1/s */
  double teme_to_gcrf76_rate[3][3];  /* d/dt of teme_to_gcrf76, 1/s */
  int status;                        /* OW_OK or the warning of init */
} ow_frame_ctx;

/*
** Returns OW_OK, a warning (OW_W_EOP_RANGE, OW_W_LEAP_DUBIOUS; the
** context is usable) or an error (OW_E_ARG, OW_E_RANGE; zeroed).
*/
OW_API int ow_frame_ctx_init(ow_frame_ctx *ctx, const ow_eop *eop,
                             ow_jd jd_utc);

/*
** TEME state to `to` (any Cartesian frame; OW_FRAME_GEODETIC gives
** OW_E_ARG) and back. v may be NULL (then v_out is not written).
*/
OW_API int ow_frame_ctx_from_teme(const ow_frame_ctx *ctx, ow_frame to,
                                  const double r_teme_km[3],
                                  const double v_teme_km_s[3],
                                  double r_km[3], double v_km_s[3]);
OW_API int ow_frame_ctx_to_teme(const ow_frame_ctx *ctx, ow_frame from,
                                const double r_km[3], const double v_km_s[3],
                                double r_teme_km[3], double v_teme_km_s[3]);

/*
** One-shot forms (they build a context each call). Statuses as
** ow_frame_ctx_init. v may be NULL.
*/

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

/* TEME <-> GCRF at a UTC instant (IAU 2006/2000A route, the default). */
OW_API int ow_teme_to_gcrf(const ow_eop *eop, ow_jd jd_utc,
                           const double r_teme_km[3],
                           const double v_teme_km_s[3], double r_gcrf_km[3],
                           double v_gcrf_km_s[3]);
OW_API int ow_gcrf_to_teme(const ow_eop *eop, ow_jd jd_utc,
                           const double r_gcrf_km[3],
                           const double v_gcrf_km_s[3], double r_teme_km[3],
                           double v_teme_km_s[3]);

/* TEME <-> GCRF through IAU 1976/1980 true of date (see above). */
OW_API int ow_teme_to_gcrf_iau76(const ow_eop *eop, ow_jd jd_utc,
                                 const double r_teme_km[3],
                                 const double v_teme_km_s[3],
                                 double r_gcrf_km[3], double v_gcrf_km_s[3]);
OW_API int ow_gcrf_iau76_to_teme(const ow_eop *eop, ow_jd jd_utc,
                                 const double r_gcrf_km[3],
                                 const double v_gcrf_km_s[3],
                                 double r_teme_km[3], double v_teme_km_s[3]);

/*
** ITRF Cartesian <-> WGS-84 geodetic (lat, lon in rad, height in km).
** Closed form of Vermeille (2004), exact at the poles; round trips
** within 1e-9 km from the centre's neighbourhood out to the Moon.
** lon in (-pi, pi]; at the poles lon = atan2(y, x) (0 on the axis).
*/
/* OW_WGS84_A_KM and OW_WGS84_F are in orbwatch/constants.h. */
OW_API void ow_itrf_to_geodetic(const double r_itrf_km[3], double *lat_rad,
                                double *lon_rad, double *alt_km);
OW_API void ow_geodetic_to_itrf(double lat_rad, double lon_rad, double alt_km,
                                double r_itrf_km[3]);

#ifdef __cplusplus
}
#endif
#endif
