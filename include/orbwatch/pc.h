/*
** orbwatch/pc.h - probability of collision (Pc) of a short encounter.
**
** The 2D ("short-term encounter") model: relative motion is a straight line
** near the time of closest approach (TCA), position errors are Gaussian and
** constant over the encounter, velocities are exact. Pc is then the mass of
** the combined relative-position normal distribution, projected onto the
** encounter plane (the plane normal to the relative velocity), inside a
** disc of the combined hard-body radius (HBR) centred on the miss vector.
**
** Units here are metres and m/s (the units of CDM covariances), not km:
** names carry them (miss_m, cov_m2). Frames: any inertial frame, the same
** for both objects (GCRF, EME2000, TEME; not ITRF, whose velocities lack
** the Earth-rotation term), or each object's own RTN frame for covariances.
**
** Methods
**   FOSTER       numerical integral of the Gaussian over the disc (Foster
**                and Estes 1992, in the form of Alfano 2005 / Elrod 2019):
**                erf along the major axis, adaptive Gauss-Kronrod across
**                it. Accurate for any ellipse aspect ratio. The default.
**   CHAN         Chan 1997 series (equal-area transformation to a circle,
**                Rician sum). Refuses (OW_E_METHOD_INVALID) when the density
**                varies too much across the HBR disc along the minor axis,
**                where the equal-area transformation fails (Alfano 2009
**                cases 3, 5; see OW_PC_CHAN_MAX_VARIATION).
**   MAX_SCALE    largest Pc over a scale factor k of the covariance (k^2 C)
**                with its shape and orientation kept: the "dilution"
**                maximum (Alfriend et al. 1999; CARA DilutionMaxPc).
**                Computed exactly by a 1D maximisation of FOSTER, not with
**                the small-HBR closed form (that is ow_pc_max_scale_approx).
**   MAX_UNKNOWN  largest Pc when the covariance is unknown: over size and
**                orientation for a given aspect ratio (Alfano 2005,
**                "Relating position uncertainty to maximum conjunction
**                probability"; the quantity SOCRATES reports as maximum
**                probability). Needs only the miss distance and the HBR.
*/
#ifndef ORBWATCH_PC_H
#define ORBWATCH_PC_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ow_pc_method {
  OW_PC_FOSTER = 0,
  OW_PC_CHAN,
  OW_PC_MAX_SCALE,
  OW_PC_MAX_UNKNOWN
} ow_pc_method;

/* "foster", "chan", "max-scale", "max-unknown"; never NULL. */
OW_API const char *ow_pc_method_name(ow_pc_method m);
/* Parse a method name (also "max" = max-scale), case-insensitive. */
OW_API int ow_pc_method_parse(const char *s, ow_pc_method *m);

/*
** Default relative tolerance of FOSTER. The integral's error bound is the
** sum over subintervals of |K15 - G7| (QUADPACK's raw Gauss-Kronrod error
** estimate, which overestimates the true error of the K15 result by orders
** of magnitude for smooth integrands) and is driven below
** max(reltol * Pc, 1e-300).
*/
#define OW_PC_RELTOL_DEFAULT 1e-10

/*
** Chan's series is refused when V = (|u_m| hbr + hbr^2) / sigma_min^2
** exceeds this, u_m being the miss along the minor axis: V measures how
** much the Gaussian's exponent changes across the disc along that axis,
** which Chan's equal-area circle cannot represent. Measured against scipy
** (tests/oracle/test_pc.py, 300 random geometries) and the Orekit table:
** accepted cases stay within 3% (Chan test case 12: V = 0.25, 0.5%; CSM
** test case 2: V = 0.42, 2%), while V = 0.6-2.3 gave 6-37% errors and
** Alfano 2009 cases 3 and 5 (V = 125 and > 1e4) come out 3x and 1e200x
** too small.
*/
#define OW_PC_CHAN_MAX_VARIATION 0.45

/*
** ow_pc_foster_2d - Pc in the principal axes of the plane covariance.
**
** Given:    xm_m, ym_m   double   miss along the principal axes, m
**           sx_m, sy_m   double   principal sigmas, m (> 0, either larger)
**           hbr_m        double   combined hard-body radius, m
**           reltol       double   relative tolerance (<= 0: default)
** Returned: pc           double*  probability (0 on error, NaN if NaN in)
**           err_bound    double*  error bound of pc (may be NULL)
** Returns:  OW_OK; OW_E_ARG (hbr < 0: pc 0; sigma <= 0 or not finite);
**           OW_W_PRECISION when the subinterval budget ran out before the
**           tolerance (pc and err_bound still usable).
** Notes:    hbr 0 gives 0; an infinite hbr gives 1.
**           The disc is parametrised by the angle t (u = um + hbr sin t,
**           chord half-length hbr cos t), which removes the square-root
**           singularities at the disc's edge; the minor-axis density peak
**           is bracketed by breakpoints so a thin ellipse (sigma ratio 1e-4
**           and beyond) is not missed by the first sampling.
*/
OW_API int ow_pc_foster_2d(double xm_m, double ym_m, double sx_m, double sy_m,
                           double hbr_m, double reltol, double *pc,
                           double *err_bound, ow_err *err);

/*
** ow_pc_foster_cov2 - Pc from a miss vector and a 2x2 covariance in any
** orthonormal basis of the encounter plane.
**
** Given:    mx_m, my_m            miss, m
**           cxx, cxy, cyy (m^2)   plane covariance
** Returns:  as ow_pc_foster_2d; OW_E_NOT_PD when an eigenvalue is <= 0
**           (message holds both eigenvalues; pc = 0).
*/
OW_API int ow_pc_foster_cov2(double mx_m, double my_m, double cxx_m2,
                             double cxy_m2, double cyy_m2, double hbr_m,
                             double reltol, double *pc, double *err_bound,
                             ow_err *err);

/*
** ow_pc_chan_2d - Chan (1997) series in principal axes, summed until the
** remaining terms are below 1e-17 of the sum.
** Returns:  OW_OK; OW_E_METHOD_INVALID outside OW_PC_CHAN_MAX_VARIATION
**           (pc = NaN: no number is better than a wrong one); OW_E_ARG as
**           ow_pc_foster_2d.
** Reference: Chan, F.K., "Collision probability analyses for Earth-orbiting
**           satellites", Adv. Astronaut. Sci. 96, 1997; Chan, "Spacecraft
**           Collision Probability", Aerospace Press 2008, ch. 5.
*/
OW_API int ow_pc_chan_2d(double xm_m, double ym_m, double sx_m, double sy_m,
                         double hbr_m, double *pc, ow_err *err);

/*
** ow_pc_max_scale_2d - max over k > 0 of Pc with covariance k^2 C (shape
** and orientation kept), exactly (golden section on ln k of FOSTER).
** Returned: pc_max, k_at_max (the sigma scale factor, may be NULL).
** Notes:    For a small HBR the maximum is at k^2 = d_m^2 / 2 (d_m the
**           Mahalanobis distance of the miss) and Pc_max ~ hbr^2 /
**           (e d_m^2 sx sy) (Alfriend et al. 1999 eq. 21), which is
**           ow_pc_max_scale_approx. A zero miss has no finite maximum
**           (Pc -> 1 as k -> 0): pc_max = 1, k_at_max = 0.
*/
OW_API int ow_pc_max_scale_2d(double xm_m, double ym_m, double sx_m,
                              double sy_m, double hbr_m, double *pc_max,
                              double *k_at_max, ow_err *err);
OW_API int ow_pc_max_scale_approx(double xm_m, double ym_m, double sx_m,
                                  double sy_m, double hbr_m, double *pc_max,
                                  ow_err *err);

/*
** ow_pc_max_unknown_2d - max Pc over every covariance with the given
** aspect ratio (major/minor sigma >= 1): over size and orientation.
** Given:    miss_m, hbr_m, aspect_ratio (1 = circular; SOCRATES-style
**           screening with unknown covariances uses 1 by default here).
** Returned: pc_max; sigma_major_m at the maximum (the "dilution
**           threshold": smaller sigmas make Pc fall, larger dilute it).
** Notes:    The worst orientation puts the miss along the major axis
**           (Alfano 2005); both axes are tried and the larger kept.
*/
OW_API int ow_pc_max_unknown_2d(double miss_m, double hbr_m,
                                double aspect_ratio, double *pc_max,
                                double *sigma_major_m, ow_err *err);

/* Frame of an object's position covariance. */
typedef enum ow_pc_cov_frame {
  OW_PC_COV_INERTIAL = 0, /* same inertial frame as the state */
  OW_PC_COV_RTN           /* the object's own radial/in-track/cross-track */
} ow_pc_cov_frame;

/* One object at TCA. A 6x6 covariance's position block is its top-left 3x3. */
typedef struct ow_pc_object {
  double r_m[3];          /* inertial position, m */
  double v_m_s[3];        /* inertial velocity, m/s */
  double cov_m2[3][3];    /* position covariance, m^2, frame below */
  ow_pc_cov_frame cov_frame;
} ow_pc_object;

/* The encounter plane of two objects. */
typedef struct ow_pc_plane {
  double miss_m;          /* |relative position| at TCA */
  double miss_plane_m;    /* its component in the encounter plane */
  double rel_speed_m_s;
  double axis_m[2][3];    /* plane basis (inertial): x along the miss, y */
  double mx_m, my_m;      /* miss used, in that basis (my = 0) */
  double cov_m2[3];       /* combined plane covariance: xx, xy, yy */
  double xm_m, ym_m;      /* miss in the principal axes */
  double sx_m, sy_m;      /* principal sigmas (sx along the major axis) */
} ow_pc_plane;

/*
** ow_pc_rtn_to_inertial - rotate a 3x3 RTN covariance to inertial with
** Q = [r^, (h^ x r^), h^], C_in = Q C_rtn Q^T (CCSDS 508.0-B-1 sec. 3.5.1).
** Returns OW_E_ARG when r or r x v is zero.
*/
OW_API int ow_pc_rtn_to_inertial(const double r[3], const double v[3],
                                 const double cov_rtn[3][3],
                                 double cov_in[3][3]);

/*
** Miss distance used in the plane. At the true TCA the relative position
** is normal to the relative velocity; a CDM's TCA is rounded (1 ms at
** 15 km/s is 15 m), leaving a component along the velocity.
**   PROJECTED  the in-plane component (linear-motion closest approach);
**              the default, and what Orekit does.
**   NORM       |r2 - r1| laid along the in-plane direction: NASA CARA's
**              PcCircle / Pc2D_NoAdj convention. Reproduces CARA's
**              Omitron unit-test values to 1e-11 where PROJECTED differs
**              by 1.6e-4 (r has a 3.7% along-velocity part there).
*/
typedef enum ow_pc_miss {
  OW_PC_MISS_PROJECTED = 0,
  OW_PC_MISS_NORM
} ow_pc_miss;

/*
** ow_pc_project - encounter-plane geometry of two objects: relative state
** (object 2 minus object 1), combined covariance C1 + C2 (uncorrelated
** errors), projected onto the plane normal to the relative velocity.
** Returns:  OW_OK; OW_E_DEGENERATE when the relative speed is zero (no
**           encounter plane; out zeroed); OW_E_NOT_PD when the projected
**           covariance has an eigenvalue <= 0 (out still filled, message
**           with both eigenvalues).
*/
OW_API int ow_pc_project(const ow_pc_object *o1, const ow_pc_object *o2,
                         ow_pc_miss miss_mode, ow_pc_plane *out,
                         ow_err *err);

typedef struct ow_pc_options {
  ow_pc_method method;
  double reltol;          /* FOSTER tolerance; <= 0: default */
  double aspect_ratio;    /* MAX_UNKNOWN; <= 0: 1 */
  ow_pc_miss miss_mode;   /* default PROJECTED */
} ow_pc_options;

typedef struct ow_pc_result {
  double pc;              /* NaN when undefined (see ow_pc_compute) */
  double err_bound;       /* FOSTER error bound; 0 for the others */
  double scale_at_max;    /* MAX_SCALE: k; MAX_UNKNOWN: sigma_major_m */
  ow_pc_method method;
  ow_pc_plane plane;
} ow_pc_result;

/*
** ow_pc_compute - Pc of two objects at TCA with the method of opt (NULL:
** FOSTER, default tolerance).
** Returns:  the status of ow_pc_project or of the method. Edge cases (as
**           CARA's PcCircle): zero miss and zero relative speed, or zero
**           relative speed alone -> OW_E_DEGENERATE with pc = NaN; hbr = 0
**           -> 0; hbr = inf -> 1; hbr < 0 -> OW_E_ARG with pc = 0;
**           non-positive-definite plane covariance -> OW_E_NOT_PD, pc = 0
**           (never used silently). MAX_UNKNOWN ignores the covariances.
*/
OW_API int ow_pc_compute(const ow_pc_object *o1, const ow_pc_object *o2,
                         double hbr_m, const ow_pc_options *opt,
                         ow_pc_result *res, ow_err *err);

/* ---- Assumed values when a message does not give them ---------------- */

typedef enum ow_pc_object_type {
  OW_PC_OBJ_PAYLOAD = 0,
  OW_PC_OBJ_ROCKET_BODY,
  OW_PC_OBJ_DEBRIS,
  OW_PC_OBJ_UNKNOWN
} ow_pc_object_type;

/* Parse CDM/SATCAT object types ("PAYLOAD", "ROCKET BODY", "R/B", "DEBRIS",
** "DEB", "UNKNOWN", "OTHER" -> unknown); case-insensitive, '_' = ' '. */
OW_API int ow_pc_object_type_parse(const char *s, ow_pc_object_type *t);

/*
** ow_pc_hbr_default_m - ASSUMED radius of the sphere enclosing one object
** of that type, m. The combined HBR of a pair is the sum of the two.
** Payload 5 m (a bus with deployed arrays; with another payload this gives
** 10 m, between CARA's test HBRs of 2-20 m), rocket body 6 m (upper
** stages are 2-4 m across and 6-12 m long: half the length), debris 0.5 m
** (most tracked debris is 10 cm to 1 m), unknown 5 m (as a payload: the
** conservative choice). These are assumptions, to be overridden by an
** operator-given HBR whenever one is known.
*/
OW_API double ow_pc_hbr_default_m(ow_pc_object_type t);

/* Coarse orbit classes for the default covariances below (fewer than the
** ESA regimes of regime.h: covariance growth differs by these four). */
typedef enum ow_pc_cov_class {
  OW_PC_COV_LEO = 0,      /* perigee altitude < 2000 km, near-circular */
  OW_PC_COV_MEO,          /* perigee 2000 km .. GEO, near-circular */
  OW_PC_COV_GEO,          /* near-circular, period 1300-1800 min */
  OW_PC_COV_HEO           /* eccentric: apogee - perigee > 10000 km */
} ow_pc_cov_class;

/* Classify by perigee/apogee altitude (km above a 6378.137 km sphere). */
OW_API ow_pc_cov_class ow_pc_cov_class_of(double perigee_alt_km,
                                                double apogee_alt_km);
OW_API const char *ow_pc_cov_class_name(ow_pc_cov_class r);

/*
** ow_pc_cov_default - ASSUMED diagonal RTN position covariance (m^2) of
** an SGP4 element set of the given regime and age (days from the element
** epoch to TCA, >= 0). sigma_i = sigma0_i + rate_i * age_day, per axis:
**            sigma0 R/T/N (m)     rate R/T/N (m/day)
**   LEO      100 / 500 / 150      30 / 1000 / 30
**   MEO      500 / 2000 / 500     50 /  500 / 50
**   GEO     1000 / 5000 / 1000    50 /  300 / 50
**   HEO     1000 / 5000 / 1000   200 / 2000 / 200
** Sources of the orders of magnitude: Flohrer et al., "Assessment and
** categorization of TLE orbit errors for the US SSN catalogue" (AMOS 2008)
** and Vallado & Cefola, "Two-line element sets - practice and use" (IAC
** 2012): TLE errors of a few hundred m radially and ~1 km in-track at
** epoch in LEO, growing mainly in-track by ~1 km per day. They are coarse,
** conservative assumptions for screening, not a covariance realism model.
** Returns OW_E_ARG for a negative or non-finite age (cov zeroed).
*/
OW_API int ow_pc_cov_default(ow_pc_cov_class regime, double age_day,
                             double cov_rtn_m2[3][3]);

#ifdef __cplusplus
}
#endif
#endif
