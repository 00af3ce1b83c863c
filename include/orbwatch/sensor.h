/*
** orbwatch/sensor.h - sensor models and the network configuration file.
**
** A network is a list of sensors read from one text file (the format is
** docs/sensors.md). Three kinds:
**   radar    ground site: elevation (with an optional azimuth/elevation
**            mask), maximum range; measures range, angles, range rate
**   optical  ground site: elevation, site darkness (Sun below a set
**            elevation), target sunlit, optional limiting magnitude
**   hosted   payload on a catalog object (its "host"): field of view (cone
**            or rectangle), pointing (fixed in the host's local orbital
**            frame, inertially fixed, or a scan pattern), exclusion angles
**            from the Sun, the Moon and the Earth's limb, target sunlit,
**            maximum range
** Angles are kept in radians, distances in km; the file uses degrees.
*/
#ifndef ORBWATCH_SENSOR_H
#define ORBWATCH_SENSOR_H

#include "orbwatch/common.h"
#include "orbwatch/ephem.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_SENSOR_NAME_MAX 63
#define OW_MASK_MAX 72   /* azimuth/elevation mask points */
#define OW_SCAN_MAX 64   /* pointings in one scan pattern */
#define OW_TLE_TEXT_MAX 95

typedef enum ow_sensor_kind {
  OW_SENSOR_RADAR = 0,
  OW_SENSOR_OPTICAL = 1,
  OW_SENSOR_HOSTED = 2
} ow_sensor_kind;

typedef enum ow_fov_shape {
  OW_FOV_CONE = 0, /* circular, half-angle fov_half_rad */
  OW_FOV_RECT = 1  /* rectangle, half-widths fov_half_w_rad x fov_half_h_rad */
} ow_fov_shape;

/*
** Pointing of a hosted sensor's boresight.
** LVLH: the host's local orbital frame, axes I (in-track, completing the
** triad), C (cross-track, along the orbit's angular momentum) and R
** (radial, up). A direction (az, el): el from the I-C plane, positive up
** (el = -90 deg is nadir); az from I toward C. For a GEO host, az = 0 looks
** east along the belt, az = 180 west.
** INERTIAL: right ascension and declination in GCRF (turned into TEME once
** at the start of the span; precession over days is < 1 arcsecond).
** SCAN: a cycle of pointings (each LVLH or inertial per scan_frame) held
** for their dwell times back to back from the cycle start; the cycle
** repeats every revisit_s (>= the sum of the dwells; the rest is idle).
*/
typedef enum ow_pointing {
  OW_POINT_LVLH = 0,
  OW_POINT_INERTIAL = 1,
  OW_POINT_SCAN = 2
} ow_pointing;

/*
** Smallest scan dwell and scan cycle accepted (sensor files and
** ow_access_prepare). The search steps through every dwell of every cycle
** of the span, so its cost and the number of windows grow as the span
** over the cycle: a 1 us dwell never finished and 0.5 ms made 7 million
** windows over a day. A wide-field survey holds each pointing for an
** exposure and the slew after it, seconds at least, and repeats its
** pattern over minutes; the bounds stay well below that: 1 s per dwell,
** 60 s per cycle (1,440 cycles a day at most).
*/
#define OW_SCAN_DWELL_MIN_S 1.0
#define OW_SCAN_REVISIT_MIN_S 60.0

typedef struct ow_scan_step {
  double a_rad;   /* az (LVLH) or right ascension (inertial) */
  double b_rad;   /* el (LVLH) or declination (inertial) */
  double dwell_s; /* time held, s, >= OW_SCAN_DWELL_MIN_S */
} ow_scan_step;

typedef struct ow_sensor {
  char name[OW_SENSOR_NAME_MAX + 1];
  ow_sensor_kind kind;
  long line; /* line of its [sensor] header in the file */

  /* Ground sites (radar, optical): WGS-84. */
  double lat_rad, lon_rad, alt_km;
  double min_el_rad;  /* minimum elevation */
  int n_mask;         /* 0: no mask; else piecewise-linear in azimuth */
  double mask_az_rad[OW_MASK_MAX]; /* increasing, in [0, 2pi) */
  double mask_el_rad[OW_MASK_MAX];

  /* Common. */
  double max_range_km;   /* 0: no limit */
  int need_sunlit;       /* target must be sunlit (optical, hosted) */
  ow_sunlit_mode sunlit_mode;

  /* Optical ground sites. */
  int need_dark;         /* site darkness required */
  double sun_max_el_rad; /* Sun's elevation at the site must be below */
  double lim_mag;        /* 0: no magnitude limit */
  double target_diam_m;  /* assumed size for the magnitude model */
  double target_albedo;  /* assumed geometric albedo (diffuse sphere) */

  /* Hosted sensors. */
  uint32_t host_norad;
  char host_tle1[OW_TLE_TEXT_MAX + 1]; /* host element set, optional */
  char host_tle2[OW_TLE_TEXT_MAX + 1]; /* (else taken from the catalog) */
  ow_fov_shape fov;
  double fov_half_rad;                 /* cone */
  double fov_half_w_rad, fov_half_h_rad, fov_roll_rad; /* rectangle */
  ow_pointing pointing;
  double bore_a_rad, bore_b_rad;       /* az/el (LVLH) or RA/Dec (inertial) */
  ow_pointing scan_frame;              /* LVLH or INERTIAL */
  int n_scan;
  ow_scan_step scan[OW_SCAN_MAX];
  double revisit_s;                    /* scan cycle period, s, >=
                                          OW_SCAN_REVISIT_MIN_S */
  double sun_excl_rad;   /* 0: none */
  double moon_excl_rad;  /* 0: none */
  double limb_excl_rad;  /* < 0: none; else angle beyond the limb */
  double atm_km;         /* atmosphere margin added to the Earth's radius */
} ow_sensor;

/* A network: caller-allocated, ow_network_init'd, ow_network_free'd; the
** network owns `s`. */
typedef struct ow_network {
  char name[OW_SENSOR_NAME_MAX + 1];
  ow_sensor *s;
  size_t n, cap;
} ow_network;

OW_API void ow_network_init(ow_network *net);
OW_API void ow_network_free(ow_network *net); /* NULL-safe */

/* Sensor defaults (what a [sensor] section starts from). */
OW_API void ow_sensor_defaults(ow_sensor *s, ow_sensor_kind kind);

/* Append a copy of s; OW_E_NOMEM (network unchanged) on failure. */
OW_API int ow_network_push(ow_network *net, const ow_sensor *s);

/*
** ow_network_parse - read a network file from a buffer and append its
** sensors to net. source names the input in errors. Stops at the first
** error, which err reports with the line, the key and the offending value
** ("network.cfg:12: min_el_deg: \"abc\" is not a number"); sensors read
** before it stay in net.
** Returns: OW_OK, OW_E_PARSE, OW_E_RANGE, OW_E_EMPTY (no sensor), OW_E_NOMEM.
*/
OW_API int ow_network_parse(ow_network *net, const char *buf, size_t len,
                            const char *source, ow_err *err);

/* The same for a file. OW_E_IO if it cannot be read. */
OW_API int ow_network_load_file(ow_network *net, const char *path,
                                ow_err *err);

/* Minimum mask elevation at an azimuth (max of min_el and the mask). */
OW_API double ow_sensor_min_el(const ow_sensor *s, double az_rad);

OW_API const char *ow_sensor_kind_name(ow_sensor_kind k);

#ifdef __cplusplus
}
#endif
#endif
