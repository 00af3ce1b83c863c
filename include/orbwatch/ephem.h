/*
** orbwatch/ephem.h - Sun and Moon positions, Earth shadow.
**
** Positions are geocentric, in km, in TEME (the frame SGP4 states are in)
** or GCRF. The Sun comes from ERFA's eraEpv00 (the Earth's heliocentric
** position, VSOP2000-based fit; error well under 1 arcsecond over
** 1900-2100) with annual aberration applied (eraAb), i.e. the apparent
** direction a geocentric observer sees. The Moon comes from ERFA's
** eraMoon98 (Meeus' simplified ELP series; about 10 arcseconds in
** longitude and 4 in latitude, a few km in distance). Both are far better
** than the exclusion angles and the shadow test need (0.01 degree).
**
** Shadow: conical umbra and penumbra of a spherical Earth of radius
** OW_SHADOW_EARTH_RADIUS_KM (WGS-84 equatorial) lit by a spherical Sun of
** radius OW_SUN_RADIUS_KM, from the apparent angular radii of the two
** disks and their separation as seen from the satellite.
*/
#ifndef ORBWATCH_EPHEM_H
#define ORBWATCH_EPHEM_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_SUN_RADIUS_KM 695700.0          /* IAU 2015 B3 nominal */
#define OW_SHADOW_EARTH_RADIUS_KM 6378.137 /* WGS-84 a */

/*
** ow_sun_gcrf, ow_sun_teme - apparent geocentric Sun.
**
** Given:    jd_tt       ow_jd       time, TT (TDB taken equal: < 2 ms)
** Returned: r_km        double[3]   geocentric Sun, GCRF or TEME, km
** Returns:  OW_OK, or OW_W_PRECISION outside 1900-2100 (the series still
**           gives a usable result).
*/
OW_API int ow_sun_gcrf(ow_jd jd_tt, double r_gcrf_km[3]);
OW_API int ow_sun_teme(ow_jd jd_tt, double r_teme_km[3]);

/*
** ow_moon_gcrf, ow_moon_teme - geocentric Moon (geometric), km.
*/
OW_API int ow_moon_gcrf(ow_jd jd_tt, double r_gcrf_km[3]);
OW_API int ow_moon_teme(ow_jd jd_tt, double r_teme_km[3]);

/*
** ow_gcrf_to_teme_matrix - rotation r_teme = M r_gcrf at jd_tt: the IAU
** 1976/1980 precession-nutation (eraPnm80) followed by the equation of
** the equinoxes (eraEqeq94) about z, which takes true-of-date to TEME.
*/
OW_API void ow_gcrf_to_teme_matrix(ow_jd jd_tt, double m[3][3]);

/* How much of the Sun must be visible for a point to count as sunlit. */
typedef enum ow_sunlit_mode {
  OW_SUNLIT_CENTER = 0,  /* Sun's centre above the Earth's limb (default) */
  OW_SUNLIT_ANY = 1,     /* any part of the disk: outside the umbra */
  OW_SUNLIT_FULL = 2     /* the whole disk: outside the penumbra */
} ow_sunlit_mode;

/*
** ow_sunlit_margin - signed angular margin of a point against the shadow.
**
** Given:    r_km        double[3]  point, geocentric, km (any frame)
**           r_sun_km    double[3]  Sun, same frame, km
**           mode        ow_sunlit_mode
** Returns:  margin, rad: theta - alpha_E - k alpha_S, where theta is the
**           angle between the Sun's and the Earth's centres seen from
**           the point, alpha_E and alpha_S the disks' angular radii and
**           k = 0, -1, +1 for CENTER, ANY, FULL. Positive: sunlit.
**           Inside the Earth: -pi.
*/
OW_API double ow_sunlit_margin(const double r_km[3], const double r_sun_km[3],
                               ow_sunlit_mode mode);

/*
** ow_sunlit_fraction - fraction of the solar disk's area visible from the
** point (0 in umbra, 1 in full sunlight), for the two overlapping disks
** (flat-disk approximation, which is what the shadow cone is).
*/
OW_API double ow_sunlit_fraction(const double r_km[3],
                                 const double r_sun_km[3]);

#ifdef __cplusplus
}
#endif
#endif
