/*
** orbwatch/access.h - when can a sensor observe an object.
**
** For a network of sensors (sensor.h), a span of time and a set of
** targets, the windows in which each target is observable by each sensor,
** with their start and end found by root finding to opts.tol_s, and the
** time of best geometry in each (maximum elevation for ground sensors,
** minimum range for hosted ones).
**
** Method (docs/sensors.md, "Access", has the argument in full). Every constraint of a
** sensor is a continuous function g_i(t), visible where g_i >= 0, with a
** bound R_i on |dg_i/dt| over the span that follows from the orbits'
** extreme radii and speeds. From a sample where some g_j < 0 no window can
** begin before t + max_j(-g_j / R_j); stepping to that time plus the
** minimum window length D (opts.min_window_s) lands inside any window of
** length >= D that begins in between, so no such window is skipped,
** however fast the geometry changes. Inside a window the step is
** min_i(g_i / R_i) + D. Edges are then refined on the combined margin
** f(t) = min_i g_i(t) / R_i (seconds) by bracketed root finding. Windows
** or gaps shorter than D may be missed or merged; D defaults to 10 s.
*/
#ifndef ORBWATCH_ACCESS_H
#define ORBWATCH_ACCESS_H

#include "orbwatch/common.h"
#include "orbwatch/elset.h"
#include "orbwatch/sensor.h"
#include "orbwatch/sgp4.h"
#include "orbwatch/time.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ow_access_opts {
  double min_window_s; /* D: shortest window guaranteed found (0: 10 s) */
  double tol_s;        /* edge and best-time tolerance (0: 0.01 s) */
  const ow_eop *eop;   /* Earth orientation, NULL: UT1 = UTC, no pole */
  int threads;         /* ow_access_catalog: 0 = OpenMP's default */
} ow_access_opts;

/*
** A target: anything that gives a TEME state at t seconds after the
** span's start, with bounds over the span that the step policy relies on
** (r_min_km <= |r| <= r_max_km, |v| <= v_max_km_s, all inertial).
** state returns OW_OK or an error (then the target is lost from there on).
*/
typedef struct ow_target {
  uint32_t norad;
  int (*state)(const void *user, double t_s, double r_teme_km[3],
               double v_teme_km_s[3]);
  const void *user;
  double r_min_km, r_max_km, v_max_km_s;
} ow_target;

/* The user data of an SGP4 target (owned by the caller). */
typedef struct ow_sgp4_target {
  const ow_sgp4 *model;
  double t0_min; /* span start in minutes since the element set's epoch */
} ow_sgp4_target;

/*
** ow_target_init_sgp4 - a target from a prepared SGP4 model and its
** element set: the bounds come from the mean elements with margins for
** short-period terms and a day of decay (2 % and 20 km on radii, 3 % and
** 0.05 km/s on speed). u must outlive t.
*/
OW_API int ow_target_init_sgp4(ow_target *t, ow_sgp4_target *u,
                               const ow_sgp4 *m, const ow_elset *e,
                               ow_jd start_utc);

/* Window flags. */
enum {
  OW_WIN_CLIPPED_START = 1, /* already visible at the span's start */
  OW_WIN_CLIPPED_END = 2,   /* still visible at the span's end */
  OW_WIN_LOST = 4           /* the target's propagation failed in it */
};

typedef struct ow_window {
  uint32_t norad;
  int sensor;          /* index in the network */
  int flags;           /* OW_WIN_* */
  double start_s, end_s, best_s; /* seconds after the span's start (UTC) */
  double best_el_rad;  /* ground: maximum elevation; hosted: NaN */
  double best_az_rad;  /* ground: azimuth at best_s; hosted: NaN */
  double best_range_km;      /* range at best_s */
  double best_range_rate_km_s; /* range rate at best_s */
  double min_range_km; /* minimum range in the window */
} ow_window;

/* Geometry at one instant (ow_access_eval). */
typedef struct ow_access_geom {
  int visible;
  double margin_s;   /* f(t) = min_i g_i / R_i; >= 0 when visible */
  double el_rad, az_rad; /* ground only (NaN for hosted) */
  double range_km, range_rate_km_s;
  double sun_el_rad;  /* ground: Sun's elevation at the site */
  double sunlit_margin_rad; /* target against the shadow */
  double off_bore_rad; /* hosted: angle from the boresight */
  double sun_sep_rad, moon_sep_rad, limb_sep_rad; /* hosted, from the LOS */
  double mag;        /* estimated visual magnitude (NaN when not modelled) */
} ow_access_geom;

typedef struct ow_access_ctx ow_access_ctx;

/*
** ow_access_prepare - precompute what all targets share: sites, the Sun
** and Moon over the span, the hosts' ephemerides (from their host_tle
** lines or, by host_norad, from hosts).
**
** Given:    net       sensors (copied; may be freed afterwards)
**           hosts     element sets to look hosts up in, may be NULL
**           n_hosts   their number
**           start_utc span start, span_s its length (s, > 0)
** Returned: *out      malloc'ed context, owned by the caller
**                     (ow_access_free)
** Returns:  OW_OK; OW_E_NOT_FOUND when a host is missing (err names the
**           sensor), OW_E_ARG, OW_E_NOMEM, or a host's SGP4 error.
*/
OW_API int ow_access_prepare(ow_access_ctx **out, const ow_network *net,
                             const ow_elset *hosts, size_t n_hosts,
                             ow_jd start_utc, double span_s,
                             const ow_access_opts *opts, ow_err *err);
OW_API void ow_access_free(ow_access_ctx *ctx); /* NULL-safe */

/* The network the context was prepared for. */
OW_API const ow_network *ow_access_network(const ow_access_ctx *ctx);

/*
** ow_access_windows - windows of one target for one sensor, in time order.
** Writes at most cap windows to out and their total number to *n (which
** may exceed cap: call again with more room). *evals (may be NULL) gets
** the number of target states computed. Thread-safe for a shared ctx.
** Returns OW_OK, or OW_E_ARG.
*/
OW_API int ow_access_windows(const ow_access_ctx *ctx, int sensor,
                             const ow_target *tg, ow_window *out, size_t cap,
                             size_t *n, size_t *evals);

/*
** ow_access_eval - every constraint at one instant: visibility, the
** combined margin and the geometry (for tests and for reports).
*/
OW_API int ow_access_eval(const ow_access_ctx *ctx, int sensor,
                          const ow_target *tg, double t_s,
                          ow_access_geom *g);

/* Statistics of a catalog run. */
typedef struct ow_access_stats {
  size_t targets;   /* element sets considered */
  size_t skipped;   /* whose SGP4 init failed (not searched) */
  size_t evals;     /* target states computed */
  size_t windows;
} ow_access_stats;

/*
** ow_access_catalog - windows of every element set for every sensor,
** in parallel over targets (OpenMP). *out is malloc'ed (caller frees),
** sorted by sensor, then norad, then start. Hosts are not searched as
** targets of their own sensors.
** Returns OW_OK or OW_E_NOMEM.
*/
OW_API int ow_access_catalog(const ow_access_ctx *ctx, const ow_elset *es,
                             size_t n, ow_window **out, size_t *n_out,
                             ow_access_stats *stats);

/*
** ow_access_sensor_lon - longitude (rad, east, (-pi, pi]) of a sensor at
** a span offset: the site's, or the host's sub-satellite point.
*/
OW_API int ow_access_sensor_lon(const ow_access_ctx *ctx, int sensor,
                                double t_s, double *lon_rad);

/* UTC date of a span offset. */
OW_API ow_jd ow_access_time(const ow_access_ctx *ctx, double t_s);

#ifdef __cplusplus
}
#endif
#endif
