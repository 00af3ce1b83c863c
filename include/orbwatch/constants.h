/*
** orbwatch/constants.h - the library's one set of physical and numerical
** constants, each named with its datum (WGS72, WGS84, ...) and units, and
** its source in a comment. Files use these names (or a local alias of
** one); no file writes the number again. docs/conventions.md lists them.
**
** Which datum where: SGP4 and everything that reasons about SGP4 orbits
** (screening bounds, the synthetic population's mean motions) use WGS-72,
** as the element sets were fitted with it (Spacetrack Report #3);
** geodesy (sites, geodetic heights) uses WGS-84 (NIMA TR8350.2).
*/
#ifndef ORBWATCH_CONSTANTS_H
#define ORBWATCH_CONSTANTS_H

/* ---- numbers ---- */
#define OW_PI 3.14159265358979323846
#define OW_TWOPI 6.28318530717958647692
#define OW_DEG2RAD (OW_PI / 180.0)
#define OW_RAD2DEG (180.0 / OW_PI)
#define OW_ARCSEC2RAD (OW_PI / (180.0 * 3600.0))

/* ---- time ---- */
#define OW_SEC_PER_DAY 86400.0 /* a day of 86400 SI seconds (not UTC) */
#define OW_MIN_PER_DAY 1440.0
#define OW_JD_J2000 2451545.0   /* J2000.0, 2000-01-01 12h TT (IAU) */
#define OW_JD_MJD0 2400000.5    /* JD of MJD 0, 1858-11-17 0h */
#define OW_DAYS_PER_JCENTURY 36525.0

/* ---- WGS-72 (Spacetrack Report #3; Vallado et al. 2006 getgravconst) -- */
#define OW_WGS72_MU_KM3_S2 398600.8 /* STR#3 GM */
#define OW_WGS72_RE_KM 6378.135     /* STR#3 XKMPER */
#define OW_WGS72_J2 0.001082616     /* STR#3 XJ2 */

/* ---- WGS-84 (NIMA TR8350.2, 3rd ed., 2000) ---- */
#define OW_WGS84_MU_KM3_S2 398600.4418     /* GM incl. atmosphere */
#define OW_WGS84_A_KM 6378.137             /* semi-major axis */
#define OW_WGS84_RE_KM OW_WGS84_A_KM       /* equatorial radius */
#define OW_WGS84_F (1.0 / 298.257223563)   /* flattening */
#define OW_WGS84_OMEGA_RAD_S 7.292115e-5   /* nominal rotation rate */
/* Earth's rotation rate including precession (Vallado, Fundamentals of
** Astrodynamics, 4th ed. 2013, sec. 3.5), used for rate bounds. */
#define OW_VALLADO_OMEGA_EARTH_RAD_S 7.2921151467e-5

#endif
