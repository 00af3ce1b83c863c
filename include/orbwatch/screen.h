/*
** orbwatch/screen.h - conjunction screening: which pairs of catalog objects
** come closer than a threshold over a span, when (TCA), how close (miss),
** how fast, and with what probability of collision.
**
** All against all, or a set of primaries against the whole catalog. The
** catalog is propagated by the batch engine on a regular time grid (walked
** in chunks, so memory does not grow with the span); at every grid instant
** a spatial hash finds the pairs within a search radius tied to the grid
** step (the bound is stated and proved in screen.c and docs/screening.md:
** no pair that comes within the threshold can be skipped); a cubic Hermite
** test on each interval drops most of them; what is left is refined with
** the scalar model (ow_sgp4_propagate) to the root of the range rate.
**
** Positions and velocities are TEME (km, km/s), the frame SGP4 gives; miss
** vectors are also given in the primary's (object 1's) radial, in-track,
** cross-track frame. Times are UTC two-part JDs.
*/
#ifndef ORBWATCH_SCREEN_H
#define ORBWATCH_SCREEN_H

#include "orbwatch/common.h"
#include "orbwatch/elset.h"
#include "orbwatch/pc.h"
#include "orbwatch/sgp4.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_SCREEN_SPAN_DAY_DEFAULT 7.0
#define OW_SCREEN_THRESHOLD_KM_DEFAULT 5.0
/* Coarse grid step: see docs/screening.md for the trade-off measured. */
#define OW_SCREEN_STEP_S_DEFAULT 60.0

/* How each event's Pc is computed (ow_screen_pc). */
typedef enum ow_screen_pc_mode {
  OW_SCREEN_PC_NONE = 0,    /* no Pc (NaN) */
  OW_SCREEN_PC_DEFAULT_COV, /* FOSTER with the default covariances of
                               ow_pc_cov_default (regime, element age) */
  OW_SCREEN_PC_MAX          /* MAX_UNKNOWN: covariance unknown, the
                               largest Pc over every covariance (SOCRATES'
                               "maximum probability") */
} ow_screen_pc_mode;

typedef struct ow_screen_opts {
  ow_jd start_utc;        /* start of the span (UTC) */
  double span_day;        /* length, days (> 0) */
  double threshold_km;    /* spherical threshold on the miss distance */
  /* Ellipsoidal volume: semi-axes along the primary's radial, in-track and
  ** cross-track axes, km. All three > 0 replace threshold_km: an event is
  ** kept when the relative position enters the ellipsoid at any time
  ** around the pass (not only at the Euclidean TCA; see volume_q_min). */
  double volume_rtn_km[3];
  /* Primaries (sorted or not); NULL or 0: all against all. */
  const uint32_t *primaries;
  size_t n_primaries;
  double step_s;          /* coarse grid step, s (<= 0: the default) */
  size_t chunk_steps;     /* grid steps per propagated chunk (0: 64) */
  int threads;            /* OpenMP threads (0: OpenMP's default) */
  /* Merge the local minima of one pair into one event while the pair
  ** stays inside the threshold between them (co-orbiting, docked, slow
  ** pairs): 1 (default), 0 to report every local minimum. */
  int merge_slow;
  /* 1: do not use the orbit-geometry filter (screen_geom.c; for
  ** comparisons: the events are the same with it, only faster). */
  int no_geometry;
  /* Instruction set of the search's candidate filter, an ow_batch_isa
  ** (orbwatch/batch.h): 0 (AUTO) the widest the CPU runs; the tests
  ** force each. The events do not depend on it. */
  int scan_isa;
} ow_screen_opts;

/* Defaults: 7 days, 5 km, 60 s step, all against all, merge on. */
OW_API void ow_screen_opts_default(ow_screen_opts *o, ow_jd start_utc);

/* One close approach. Object 1 is the primary (in all-vs-all, the one
** first in the catalog). */
typedef struct ow_screen_event {
  size_t i1, i2;            /* indexes in the catalog given */
  uint32_t norad_1, norad_2;
  ow_jd tca_utc;            /* time of closest approach */
  double miss_km;           /* |r2 - r1| at TCA */
  double rel_speed_km_s;    /* |v2 - v1| at TCA */
  double miss_rtn_km[3];    /* r2 - r1 in object 1's R, T (in-track), N */
  double r1_teme_km[3], v1_teme_km_s[3]; /* states at TCA */
  double r2_teme_km[3], v2_teme_km_s[3];
  /* Span inside the volume, within the screening span: sphere, when the
  ** distance crosses the threshold; ellipsoid, when q (below) crosses 1:
  ** the first entry and last exit during the event's stay inside the
  ** bounding sphere (largest semi-axis). Merged events: entry of the
  ** first minimum, exit of the last. To 1 ms. */
  ow_jd entry_utc, exit_utc;
  int n_minima;             /* local minima merged into this event (>= 1) */
  /* Ellipsoidal volume only (NaN and the TCA otherwise): the smallest
  ** normalised ellipsoidal distance q = |(dR/R, dI/I, dC/C)| (miss in the
  ** primary's RTN frame at t) around the event, and its time. The event is
  ** kept when q_min <= 1, which may happen away from the Euclidean TCA. */
  double volume_q_min;
  ow_jd volume_q_min_utc;
  /* Filled by ow_screen_pc (NaN / 0 before). */
  double pc;
  ow_pc_method pc_method;
  int pc_status;            /* OW_OK or the status of ow_pc_compute */
  double hbr_m;             /* combined hard-body radius used */
  double age_1_day, age_2_day; /* element-set ages at TCA */
} ow_screen_event;

typedef struct ow_screen_stats {
  size_t objects;           /* in the catalog */
  size_t screened;          /* objects kept by the perigee/apogee filter */
  size_t failed;            /* objects dropped during the span: SGP4
                               error or implausible state */
  size_t steps;             /* coarse grid instants */
  double step_s;            /* step used */
  double search_radius_km;  /* largest per-pair search radius used */
  uint64_t pairs_in_radius; /* pair-instants found by the spatial hash */
  uint64_t intervals_tested; /* Hermite interval tests */
  uint64_t refinements;     /* intervals refined with the scalar model */
  size_t minima;            /* local minima below the threshold */
  double t_propagate_s, t_search_s; /* wall-clock split (propagation
                                       chunks vs search + refinement) */
  /* Orbit-geometry filter: objects it leaves out before propagation
  ** (primaries mode: no primary's orbit comes within reach), and pair
  ** tests it rejects after the radial bands, of how many (all modes). */
  size_t geometry_pruned;
  uint64_t geometry_rejected, geometry_tested;
} ow_screen_stats;

/* The result: events sorted by TCA, then by catalog numbers. Owns
** `events` (malloc'ed) until ow_screen_result_free. */
typedef struct ow_screen_result {
  ow_screen_event *events;
  size_t n;
  ow_screen_stats stats;
} ow_screen_result;

OW_API void ow_screen_result_free(ow_screen_result *r); /* NULL-safe */

/*
** ow_screen_run - screen a catalog.
**
** Given:    es      const ow_elset*  n element sets (names, catalog numbers)
**           models  const ow_sgp4*   their prepared models (ow_sgp4_init)
**           n       size_t
**           opt     const ow_screen_opts*
** Returned: res     ow_screen_result* events (owned by res) and statistics
** Returns:  OW_OK; OW_E_ARG (bad options: span, threshold, step); OW_E_NOMEM;
**           OW_E_NOT_FOUND when a primary is not in the catalog (message
**           names it).
** Notes:    1) An object whose model fails at a grid instant (decay), or
**              gives an implausible state there (speed or radius out of
**              its bounds), is left out from that chunk of the grid on
**              (counted in stats.failed).
**           2) TCAs strictly inside the span are reported; a pair closest
**              at the span's first or last instant is not an event.
*/
OW_API int ow_screen_run(const ow_elset *es, const ow_sgp4 *models, size_t n,
                         const ow_screen_opts *opt, ow_screen_result *res,
                         ow_err *err);

/*
** ow_screen_refine - TCA of one pair inside [t_a, t_b] (seconds from t0)
** where the range rate goes from negative to non-negative, by bracketing
** (Illinois regula falsi with bisection fallback) on the scalar model, to
** 1e-5 s. Fills tca, miss, relative speed, RTN miss and the states of ev
** (i1, i2, norad_*, and the Pc fields are left alone).
** Returns:  OW_OK; OW_E_NOT_FOUND when no sign change is found within the
**           bracket widened by up to its own length each side; an SGP4
**           error of either model.
*/
OW_API int ow_screen_refine(const ow_sgp4 *m1, const ow_sgp4 *m2, ow_jd t0_utc,
                            double t_a_s, double t_b_s, ow_screen_event *ev);

/*
** ow_screen_rtn - v expressed in the radial / in-track / cross-track frame
** of a state (r, v): R = r^, N = (r x v)^, T = N x R.
*/
OW_API void ow_screen_rtn(const double r[3], const double v[3],
                          const double vec[3], double out_rtn[3]);

/* Type of an object from its name, as the catalog writes it: names with
** " DEB" or starting "DEB" -> debris, " R/B" -> rocket body, "TBA" or empty
** -> unknown, anything else -> payload. */
OW_API ow_pc_object_type ow_screen_object_type(const char *name);

typedef struct ow_screen_pc_opts {
  ow_screen_pc_mode mode;
  double hbr_m;             /* combined HBR override (NaN or < 0: by type) */
  double aspect_ratio;      /* MAX mode; <= 0: 1 */
  int threads;              /* 0: OpenMP's default */
} ow_screen_pc_opts;

/*
** ow_screen_pc - Pc of every event: hard-body radius from the object types
** (ow_screen_object_type, ow_pc_hbr_default_m) unless overridden, RTN
** covariance of each object from ow_pc_cov_default (class from its
** perigee/apogee, age = |TCA - epoch|), method FOSTER or MAX_UNKNOWN. A
** failing event keeps pc = NaN and its status in pc_status.
*/
OW_API void ow_screen_pc(const ow_elset *es, ow_screen_event *ev, size_t n,
                         const ow_screen_pc_opts *opt);

/*
** ow_screen_closest - the k closest events (smallest miss) of a result,
** copied into out (caller-owned, k elements); returns how many were
** copied (min(k, n)). For summaries such as `orbwatch run`'s.
*/
OW_API size_t ow_screen_closest(const ow_screen_result *r, size_t k,
                                ow_screen_event *out);

#ifdef __cplusplus
}
#endif
#endif
