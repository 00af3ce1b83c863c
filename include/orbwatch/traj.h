/*
** orbwatch/traj.h - trajectories: where an object is, whatever the source.
**
** A trajectory is one of
**   OW_TRAJ_SGP4   a mean element set and its prepared SGP4/SDP4 model;
**   OW_TRAJ_TABLE  a tabulated ephemeris (an operator's CCSDS OEM, an
**                  orbit fitted from observations): epochs with position
**                  and velocity, optionally a 6x6 covariance at some
**                  epochs, interpolated by Lagrange or Hermite.
** Consumers (screening, access, orbit determination) ask for states with
** ow_traj_state and never look at SGP4 internals.
**
** Frames and times: states are TEME (the frame screening and access work
** in) at UTC instants, two-part Julian dates as in time.h (ERFA's UTC
** quasi-JD). A table is handed over in TEME and UTC; the OEM reader
** (oem.h) converts other frames and time systems at load.
**
** Interpolation (details and measured errors in docs/trajectories.md):
**   the variable is TAI seconds, so a leap second inside the table costs
**   nothing; a window of `points` consecutive epochs as centred on the
**   query as the table allows is used, never across a segment break.
**   LAGRANGE   position and velocity each interpolated by the polynomial
**              through the window's points (degree points - 1);
**   HERMITE    position by the polynomial matching positions and
**              velocities at the window's points (degree 2 points - 1),
**              velocity its derivative.
**   The a-posteriori error estimate is the last Newton term: the
**   difference between the interpolant used and the one a node (Lagrange)
**   or a node pair (Hermite) smaller, the node left out being the one
**   farthest from the query. For the orbits orbwatch sees it exceeds the
**   true error (an upper estimate; measured ratios in the docs).
**
** Thread safety: after init a trajectory is read-only; every query
** function is const, keeps no cache and may be called from any number of
** threads at once.
*/
#ifndef ORBWATCH_TRAJ_H
#define ORBWATCH_TRAJ_H

#include "orbwatch/common.h"
#include "orbwatch/elset.h"
#include "orbwatch/sgp4.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ow_traj_kind {
  OW_TRAJ_NONE = 0, /* zeroed or freed */
  OW_TRAJ_SGP4 = 1,
  OW_TRAJ_TABLE = 2
} ow_traj_kind;

typedef enum ow_interp {
  OW_INTERP_LAGRANGE = 0, /* CCSDS OEM "LAGRANGE" */
  OW_INTERP_HERMITE = 1   /* CCSDS OEM "HERMITE" */
} ow_interp;

/* Interpolation window sizes (points per window). */
#define OW_TRAJ_POINTS_DEFAULT 8 /* Lagrange order 7, OEM degree 7 */
#define OW_TRAJ_POINTS_HERMITE_DEFAULT 4 /* Hermite degree 7 */
#define OW_TRAJ_POINTS_MAX 16
#define OW_TRAJ_ID_MAX 40 /* object_id bytes without the NUL */

/*
** Queries within this many seconds outside a table's span (or segment)
** are taken at its edge: rounding in two-part dates, not extrapolation.
*/
#define OW_TRAJ_EDGE_SLOP_S 1e-6

/*
** ow_traj_table - the description of a table handed to
** ow_traj_init_table, which copies everything (the caller keeps its
** arrays). Zero-initialise, then fill.
*/
typedef struct ow_traj_table {
  size_t n;                       /* number of states, >= 1 */
  const ow_jd *epoch_utc;         /* n epochs, UTC, increasing within a
                                     segment */
  const double (*r_teme_km)[3];   /* n positions, TEME, km */
  const double (*v_teme_km_s)[3]; /* n velocities, TEME, km/s */
  size_t n_seg;                   /* segments; 0 or 1: one segment */
  const size_t *seg_start;        /* n_seg first indices, seg_start[0] = 0,
                                     increasing; a segment starts at or
                                     after the last epoch of the previous */
  size_t n_cov;                   /* covariance epochs, 0 if none */
  const ow_jd *cov_epoch_utc;     /* n_cov epochs, UTC, non-decreasing */
  const double (*cov_teme)[6][6]; /* n_cov full symmetric 6x6 matrices,
                                     TEME, order x y z vx vy vz, km^2,
                                     km^2/s, km^2/s^2 */
  ow_interp interp;               /* method */
  int points;                     /* window size, 2..OW_TRAJ_POINTS_MAX;
                                     0: the method's default */
  uint32_t norad;                 /* catalog number, 0 if unknown */
  const char *name;               /* object name or NULL */
  const char *object_id;          /* international designator or NULL */
} ow_traj_table;

/*
** ow_traj - a trajectory. Caller-allocated, filled by one of the init
** functions, released by ow_traj_free. Read-only after init; the fields
** below `object_id` are private.
*/
typedef struct ow_traj {
  int kind;                           /* ow_traj_kind */
  uint32_t norad;                     /* catalog number, 0 if unknown */
  char name[OW_NAME_MAX + 1];         /* "" if unknown */
  char object_id[OW_TRAJ_ID_MAX + 1]; /* "" if unknown */
  /* private: SGP4 */
  ow_sgp4 model;
  ow_elset elset;
  /* private: table (owned, one allocation) */
  size_t n, n_seg, n_cov;
  ow_jd *epoch_utc;         /* n */
  double *x_s;              /* n, TAI seconds since t0_tai */
  double (*r_km)[3];        /* n */
  double (*v_km_s)[3];      /* n */
  size_t *seg_start;        /* n_seg + 1, last = n */
  ow_jd *cov_epoch_utc;     /* n_cov */
  double *cov_x_s;          /* n_cov */
  double (*cov)[6][6];      /* n_cov */
  ow_jd t0_tai;             /* TAI of the first epoch */
  ow_jd t0_utc;             /* UTC of the first epoch */
  int utc_uniform;          /* no leap second inside the span */
  int interp, points;
  void *block;              /* the allocation holding the arrays */
} ow_traj;

/*
** ow_traj_init_sgp4 - trajectory of a mean element set.
**
** Given:    e      const ow_elset*  element set (copied)
**           grav, mode                as ow_sgp4_init
** Returned: t      ow_traj*          kind OW_TRAJ_SGP4, identity from e
**           err    ow_err*           detail (may be NULL)
** Returns:  ow_sgp4_init's status. Except for OW_E_ARG (t zeroed) the
**           trajectory is usable and ow_traj_state reports the model's
**           error at each time, as ow_sgp4_propagate does.
** Notes:    Allocates nothing; ow_traj_free is still fine to call.
*/
OW_API int ow_traj_init_sgp4(ow_traj *t, const ow_elset *e, ow_gravity grav,
                             ow_opsmode mode, ow_err *err);

/* The same from a model already prepared from e (both copied). */
OW_API int ow_traj_init_sgp4_model(ow_traj *t, const ow_sgp4 *m,
                                   const ow_elset *e);

/*
** ow_traj_init_table - trajectory of a tabulated ephemeris.
**
** Given:    tab    const ow_traj_table*  the table (copied, see above)
** Returned: t      ow_traj*              kind OW_TRAJ_TABLE
**           err    ow_err*               detail (may be NULL)
** Returns:  OW_OK; OW_E_ARG (NULL arrays, n = 0, bad points or method,
**           segment starts out of order), OW_E_RANGE (non-finite value,
**           epochs not strictly increasing inside a segment, a segment
**           starting before the previous one ends, covariance epochs
**           decreasing), OW_E_NOMEM. On error t is zeroed.
** Ownership: t owns one malloc'ed block with its copy of the table;
**           ow_traj_free releases it.
*/
OW_API int ow_traj_init_table(ow_traj *t, const ow_traj_table *tab,
                              ow_err *err);

/* Release what t owns and zero it. NULL-safe; safe on a zeroed ow_traj. */
OW_API void ow_traj_free(ow_traj *t);

/*
** ow_traj_state - TEME state at a UTC instant.
**
** Given:    t            const ow_traj*  trajectory (not modified)
**           t_utc        ow_jd           instant, UTC
** Returned: r_teme_km    double[3]       position, km
**           v_teme_km_s  double[3]       velocity, km/s
**           err          ow_err*         detail (may be NULL)
** Returns:  OW_OK;
**           SGP4: ow_sgp4_propagate's status with tsince =
**             ((t_utc.day - epoch.day) + (t_utc.frac - epoch.frac)) * 1440
**             minutes, the same number bit for bit (states of decayed
**             objects, OW_E_SGP4_DECAYED, are returned as the model gives);
**           TABLE: OW_E_RANGE (zeroed) outside the span or inside a gap
**             between segments: never extrapolated;
**           OW_E_ARG (zeroed) for NULL pointers or a freed trajectory.
*/
OW_API int ow_traj_state(const ow_traj *t, ow_jd t_utc, double r_teme_km[3],
                         double v_teme_km_s[3], ow_err *err);

/*
** ow_traj_span - first and last instant a state can be asked for (UTC).
** TABLE: first and last epoch (gaps between segments are inside it).
** SGP4: the element set epoch -+ OW_SGP4_TSINCE_MAX_MIN (the model has no
** span of its own; callers judge element-set age themselves).
** Returns OW_OK, OW_E_ARG (outputs zeroed).
*/
OW_API int ow_traj_span(const ow_traj *t, ow_jd *start_utc, ow_jd *stop_utc);

/*
** ow_traj_interp_error_km - a-posteriori interpolation error at an instant.
**
** Returned: pos_km, vel_km_s  the norms of the last Newton term of the
**           position and velocity interpolants (see the head of this
**           file); 0 for SGP4 trajectories and at the table's epochs.
**           Either output may be NULL.
** Returns:  as ow_traj_state (outputs zeroed on error).
*/
OW_API int ow_traj_interp_error_km(const ow_traj *t, ow_jd t_utc,
                                   double *pos_km, double *vel_km_s,
                                   ow_err *err);

/*
** ow_traj_interp_error_max_km - the largest estimate of
** ow_traj_interp_error_km over [start_utc, stop_utc] (clipped to the
** span), taken at the midpoint and the quarter points of every table
** interval the window touches (where the error of an interpolant peaks).
** 0 for SGP4 trajectories. Returns OW_OK, OW_E_ARG, OW_E_RANGE (the window
** misses the span; outputs zeroed).
*/
OW_API int ow_traj_interp_error_max_km(const ow_traj *t, ow_jd start_utc,
                                       ow_jd stop_utc, double *pos_km,
                                       double *vel_km_s);

/*
** ow_traj_covariance - covariance at an instant.
**
** Rule: the covariance of the table's covariance epoch nearest to t_utc
** (the earlier one on a tie), not interpolated: its epoch is returned so
** the caller can judge the distance.
** Returned: cov_teme   double[6][6]  TEME, km^2, km^2/s, km^2/s^2
**           epoch_utc  ow_jd*        epoch of that covariance (may be NULL)
** Returns:  OW_OK; OW_E_NOT_FOUND when the trajectory carries no
**           covariance (SGP4 never does); OW_E_RANGE outside the span;
**           OW_E_ARG. Outputs zeroed on error.
*/
OW_API int ow_traj_covariance(const ow_traj *t, ow_jd t_utc,
                              double cov_teme[6][6], ow_jd *epoch_utc,
                              ow_err *err);

/* Method and window size of a table (OW_E_ARG for other kinds). */
OW_API int ow_traj_interp(const ow_traj *t, ow_interp *method, int *points);

#ifdef __cplusplus
}
#endif
#endif
