/*
** orbwatch/screen.h - conjunction screening: which pairs of catalog objects
** come closer than a threshold over a span, when (TCA), how close (miss),
** how fast, and with what probability of collision.
**
** All against all, or a set of primaries against the whole catalog. The
** catalog is propagated by the batch engine on a regular time grid (walked
** in chunks, so memory does not grow with the span); at every grid instant
** a spatial hash finds the pairs within a search radius tied to the grid
** step (the bound is stated and proved in screen_search.c and docs/screening.md:
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
#include "orbwatch/traj.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_SCREEN_SPAN_DAY_DEFAULT 7.0
/* The longest span screened, days (ow_screen_plan_init refuses more). */
#define OW_SCREEN_SPAN_DAY_MAX 366.0
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
  /* Slices (ow_screen_plan_init): time windows of slice_day days (<= 0:
  ** the whole span in one window) and, with primaries, blocks of
  ** slice_primaries primaries (0: all in one block). ow_screen_run gives
  ** the same events whatever the slicing (see docs/screening.md). */
  double slice_day;
  size_t slice_primaries;
  /* Element-set age: an OW_SCREEN_W_EPOCH_FAR warning for a set whose
  ** epoch is farther than this from the span, days; near-Earth sets
  ** (period < 225 min) and deep-space ones (<= 0: the defaults below). */
  double epoch_far_near_day;
  double epoch_far_deep_day;
  /* Progress (NULL: none): called from the calling thread between chunks
  ** of the grid, never from a parallel region; done and total count grid
  ** instants of the whole run (ow_screen_run) or of one slice
  ** (ow_screen_slice_run). The library itself never prints. */
  void (*progress)(void *user, size_t done, size_t total);
  void *progress_user;
  /* Tabulated trajectories (an operator's ephemeris, an OD orbit): NULL,
  ** or n pointers parallel to the catalog; a non-NULL trajs[i] of kind
  ** OW_TRAJ_TABLE replaces models[i] (sampled with ow_traj_state on the
  ** grid, refined with it, bounded from its states, kept by the orbit-
  ** geometry filter); es[i] still names it (ow_screen_elset_of_traj).
  ** A table must cover the span: outside it the object is dropped. */
  const ow_traj *const *trajs;
} ow_screen_opts;

/* Element-set age limits (ow_screen_opts.epoch_far_*): SGP4's along-track
** error grows by about 1 to 3 km a day in LEO, so sets older than 3 days
** no longer screen a 5 km threshold meaningfully; deep-space sets change
** slower (14 days). */
#define OW_SCREEN_EPOCH_FAR_NEAR_DAY_DEFAULT 3.0
#define OW_SCREEN_EPOCH_FAR_DEEP_DAY_DEFAULT 14.0

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
  /* Element sets left out because another set of the same catalog
  ** number has a newer epoch (OW_SCREEN_W_DUPLICATE each). */
  size_t duplicates;
  /* Ages |span start - epoch| of the sets screened, days: median, 90th
  ** percentile, largest; and how many sets have their epoch farther from
  ** the span than the limits (OW_SCREEN_W_EPOCH_FAR each). */
  double age_median_day, age_p90_day, age_max_day;
  size_t epoch_far;
} ow_screen_stats;

/* Warnings: what a screening left out or doubts, one record per element
** set concerned (never printed by the library). */
typedef enum ow_screen_warn_code {
  /* Left out during the span: the model failed (status: the SGP4 error)
  ** or gave an implausible state (status OW_OK) at an instant of the grid
  ** chunk starting at t_utc; left out from that chunk on. */
  OW_SCREEN_W_DROPPED = 1,
  /* Epoch (t_utc) farther than the limit from the span; value: days from
  ** the span to the epoch (< 0: the epoch is before the span). */
  OW_SCREEN_W_EPOCH_FAR = 2,
  /* Another element set of the same catalog number (other: its index)
  ** has a newer epoch: this one (epoch t_utc) is left out. */
  OW_SCREEN_W_DUPLICATE = 3
} ow_screen_warn_code;

typedef struct ow_screen_warning {
  ow_screen_warn_code code;
  size_t index;       /* catalog index of the element set concerned */
  uint32_t norad;
  int status;         /* DROPPED: the model's status (OW_OK: implausible) */
  ow_jd t_utc;        /* see the codes */
  double value;       /* EPOCH_FAR: days from the span to the epoch */
  size_t other;       /* DUPLICATE: catalog index of the set kept */
  char msg[256];      /* the reason in words, with its values */
} ow_screen_warning;

/* The result: events sorted by TCA, then by catalog numbers; warnings
** by code, then catalog index. Owns `events` and `warnings` (malloc'ed)
** until ow_screen_result_free. */
typedef struct ow_screen_result {
  ow_screen_event *events;
  size_t n;
  ow_screen_stats stats;
  ow_screen_warning *warnings;
  size_t n_warnings;
} ow_screen_result;

OW_API void ow_screen_result_free(ow_screen_result *r); /* NULL-safe */

/*
** Screening in steps: a plan (ow_screen_plan_init: options checked, per
** object bounds, primaries, duplicates and element-set ages, the grid,
** the partition into slices), slices (ow_screen_slice_run: one block of
** primaries, or the whole catalog, over one time window of the grid;
** the result owns all its memory and holds catalog indexes only, so a
** slice can run in another process that built the same plan), and a
** merge (ow_screen_merge: events found by two slices kept once, minima
** of slow pairs merged across windows, entry/exit times, the order of
** ow_screen_run). ow_screen_run is plan + every slice + merge.
**
**   ow_screen_plan p;  ow_screen_slice_result *s;  ow_screen_result r;
**   ow_screen_plan_init(&p, es, models, n, &opt, err);
**   for (k = 0; k < p.n_slices; k++) ow_screen_slice_run(&p, k, &s[k], err);
**   ow_screen_merge(&p, s, p.n_slices, &r, err);
*/
typedef struct ow__screen_plan_int ow__screen_plan_int;

typedef struct ow_screen_plan {
  const ow_elset *es;       /* borrowed: must outlive the plan */
  const ow_sgp4 *models;    /* borrowed: must outlive the plan */
  size_t n;
  ow_screen_opts opt;       /* copy (primaries: the plan's sorted list) */
  size_t steps;             /* grid instants over the span */
  size_t window_steps;      /* instants per time window (the last may be
                               shorter) */
  size_t n_windows, n_blocks; /* time windows, primary blocks (1 for all
                                 vs all) */
  size_t n_slices;          /* n_blocks * n_windows: slice k is block
                               k / n_windows, window k % n_windows */
  ow_screen_stats stats;    /* what the plan knows: objects, step,
                               duplicates (ages: at the merge) */
  ow_screen_warning *warnings; /* DUPLICATE warnings */
  size_t n_warnings;
  ow__screen_plan_int *in_; /* private */
} ow_screen_plan;

/*
** ow_screen_plan_init - check the options and prepare the slices.
**
** Given:    es, models, n  as ow_screen_run (borrowed until plan_free)
**           opt            const ow_screen_opts* (copied)
** Returned: p              ow_screen_plan* (owns its arrays until
**                          ow_screen_plan_free)
** Returns:  OW_OK; OW_E_ARG (bad options); OW_E_NOMEM; OW_E_NOT_FOUND
**           when a primary is not in the catalog (message names it).
** Notes:    1) Of two element sets of one catalog number the one with the
**              older epoch is left out (a DUPLICATE warning; a tie keeps
**              the later in the catalog).
*/
OW_API int ow_screen_plan_init(ow_screen_plan *p, const ow_elset *es,
                               const ow_sgp4 *models, size_t n,
                               const ow_screen_opts *opt, ow_err *err);
OW_API void ow_screen_plan_free(ow_screen_plan *p); /* NULL-safe */

/* Per catalog object in a slice result (bits). */
#define OW_SCREEN_OBJ_KEPT 1u    /* propagated and searched */
#define OW_SCREEN_OBJ_PRUNED 2u  /* left out by the orbit geometry */
#define OW_SCREEN_OBJ_DROPPED 4u /* left out during the window */

/* What one slice found: local minima (not merged, in no order; object
** indexes are catalog indexes), counts, DROPPED warnings, and a state
** byte per catalog object. Owns every array until
** ow_screen_slice_result_free. */
typedef struct ow_screen_slice_result {
  size_t slice;             /* index in the plan */
  size_t k0, k1;            /* grid instants [k0, k1) searched */
  ow_screen_event *events;
  size_t n;
  ow_screen_stats stats;
  ow_screen_warning *warnings;
  size_t n_warnings;
  unsigned char *obj_state; /* n_objects OW_SCREEN_OBJ_* bit sets */
  size_t n_objects;
} ow_screen_slice_result;

/*
** ow_screen_slice_run - search one slice of a plan.
** Returns:  OW_OK; OW_E_ARG (no such slice); OW_E_NOMEM (the message says
**           how much was asked for and what to change).
*/
OW_API int ow_screen_slice_run(const ow_screen_plan *p, size_t slice,
                               ow_screen_slice_result *out, ow_err *err);
OW_API void ow_screen_slice_result_free(ow_screen_slice_result *s);

/*
** ow_screen_merge - combine slice results into one result, as
** ow_screen_run gives it: the plan's warnings then the slices' (one per
** object and code), stats summed (objects: counted once), events found by
** two slices kept once, slow pairs merged across windows, entry/exit
** found, sorted. The slices are not modified. res owns its arrays.
** Returns:  OW_OK; OW_E_ARG; OW_E_NOMEM.
*/
OW_API int ow_screen_merge(const ow_screen_plan *p,
                           const ow_screen_slice_result *s, size_t n_slices,
                           ow_screen_result *res, ow_err *err);

/*
** ow_screen_elset_of_traj - a stand-in element set for a trajectory, to
** put in the catalog beside it (names and numbers of events, Pc classes):
** SGP4, its element set; TABLE, the two-body elements (WGS-72 mu) of its
** first state, its number, name and designator, epoch = its first epoch,
** no drag. Returns OW_OK, OW_E_ARG, OW_E_RANGE (not an ellipse).
*/
OW_API int ow_screen_elset_of_traj(const ow_traj *t, ow_elset *e);

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
** Notes:    0) ow_screen_plan_init, ow_screen_slice_run for every slice,
**              ow_screen_merge; res->warnings lists what was left out.
**           1) An object whose model fails at a grid instant (decay), or
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

/*
** Event writers (screen_write.c): the bytes go to fn(user, bytes, n), in
** order, one call per line or event (a nonzero return stops the writer,
** which then returns OW_E_IO); the library opens and writes no file. A
** FILE* is one fwrite callback away. es: the catalog the events index.
**   ow_screen_write_csv       header, one line per event (columns in
**                             docs/screening.md, `orbwatch screen --help`)
**   ow_screen_write_socrates  CelesTrak SOCRATES-style, sorted by maximum
**                             probability; hbr_m: combined HBR for it
**                             (NaN: by object type)
**   ow_screen_write_json      one object: the options of opt, the events
** Returns:  OW_OK, OW_E_ARG, OW_E_NOMEM, OW_E_IO (the callback failed).
*/
typedef int (*ow_screen_write_fn)(void *user, const char *bytes, size_t n);

OW_API int ow_screen_write_csv(const ow_screen_result *r, const ow_elset *es,
                               ow_screen_write_fn fn, void *user);
OW_API int ow_screen_write_socrates(const ow_screen_result *r,
                                    const ow_elset *es, double hbr_m,
                                    ow_screen_write_fn fn, void *user);
OW_API int ow_screen_write_json(const ow_screen_result *r, const ow_elset *es,
                                const ow_screen_opts *opt,
                                ow_screen_write_fn fn, void *user);

#ifdef __cplusplus
}
#endif
#endif
