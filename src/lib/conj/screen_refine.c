/*
** screen_refine.c - the scalar-model end of screening: TCA as the root of
** the range rate (ow_screen_refine), the RTN frame (ow_screen_rtn), and
** the post-processing of the events (entry/exit of the threshold sphere
** or of the ellipsoidal volume, one event per long close approach,
** order).
**
** The range rate f(t) = dr . dv (dr = r2 - r1, dv = v2 - v1) is negative
** before a minimum of the distance and positive after it; its root is
** bracketed by the coarse grid and found by the Illinois variant of
** regula falsi (superlinear on smooth f) with a bisection step whenever
** the secant point falls outside the middle of the bracket, until the
** bracket is 1e-5 s wide. 1e-5 s at 16 km/s moves the relative position
** 0.16 m along the velocity, which changes the miss by (0.16 m)^2 / miss:
** well under the 1 m the issue asks for.
*/
#include "internal.h"
#include "screen_priv.h"
#include "orbwatch/screen.h"
#include "orbwatch/sgp4.h"
#include "orbwatch/time.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TCA_TOL_S 1e-5
#define REFINE_MAX_IT 200
/* Entry/exit: linear motion is used when the pass through the threshold
** sphere lasts less than this (curvature over +-10 s moves a LEO relative
** position by ~ a_rel t^2 / 2 < 0.1 km for objects within 5 km) and the
** time error that curvature causes is below LINEAR_TOL_S (see
** linear_ok). */
#define LINEAR_PASS_S 10.0
#define LINEAR_TOL_S 1e-4
#define EXIT_TOL_S 1e-3
/* Merging: spacing of the distance checks between two minima, s. */
#define MERGE_SAMPLE_S 10.0

/* Two objects: SGP4 models, or tabulated trajectories where tr1 / tr2 is
** not NULL (then ow_traj_state, at t0 + t). */
typedef struct pairm {
  const ow_sgp4 *m1, *m2;
  const ow_traj *tr1, *tr2;
  ow_jd t0;
  double off1_min, off2_min; /* minutes from each epoch to t0 */
} pairm;

static double min_from(ow_jd t0, ow_jd ep)
{
  return ((t0.day - ep.day) + (t0.frac - ep.frac)) * 1440.0;
}

static void pairm_init(pairm *p, const ow_sgp4 *m1, const ow_traj *tr1,
                       const ow_sgp4 *m2, const ow_traj *tr2, ow_jd t0)
{
  p->m1 = m1, p->m2 = m2, p->tr1 = tr1, p->tr2 = tr2, p->t0 = t0;
  p->off1_min = min_from(t0, m1->epoch_utc);
  p->off2_min = min_from(t0, m2->epoch_utc);
}

static ow_jd jd_add_s(ow_jd t0, double s)
{
  ow_jd j = t0;
  j.frac += s / 86400.0;
  return ow_jd_normalize(j);
}

static int state(const ow_sgp4 *m, const ow_traj *tr, double off_min,
                 ow_jd t0, double t, double r[3], double v[3])
{
  if (tr)
    return ow_traj_state(tr, jd_add_s(t0, t), r, v, NULL);
  return ow_sgp4_propagate(m, off_min + t / 60.0, r, v);
}

/* States at t (s from t0); returns the worse status. */
static int eval(const pairm *p, double t, double r1[3], double v1[3],
                double r2[3], double v2[3], double *f, double *d)
{
  int s1 = state(p->m1, p->tr1, p->off1_min, p->t0, t, r1, v1);
  int s2 = state(p->m2, p->tr2, p->off2_min, p->t0, t, r2, v2);
  if (s1 != OW_OK || s2 != OW_OK)
    return s1 != OW_OK ? s1 : s2;
  double dr[3], dv[3];
  for (int k = 0; k < 3; k++)
    dr[k] = r2[k] - r1[k], dv[k] = v2[k] - v1[k];
  if (f)
    *f = dr[0] * dv[0] + dr[1] * dv[1] + dr[2] * dv[2];
  if (d)
    *d = sqrt(dr[0] * dr[0] + dr[1] * dr[1] + dr[2] * dr[2]);
  return OW_OK;
}

static double fval(const pairm *p, double t, int *st)
{
  double r1[3], v1[3], r2[3], v2[3], f = 0;
  *st = eval(p, t, r1, v1, r2, v2, &f, NULL);
  return f;
}

static double dval(const pairm *p, double t, int *st)
{
  double r1[3], v1[3], r2[3], v2[3], d = 0;
  *st = eval(p, t, r1, v1, r2, v2, NULL, &d);
  return d;
}

void ow_screen_rtn(const double r[3], const double v[3], const double vec[3],
                   double out[3])
{
  double h[3] = {r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2],
                 r[0] * v[1] - r[1] * v[0]};
  double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
  if (rn == 0 || hn == 0) {
    out[0] = out[1] = out[2] = NAN;
    return;
  }
  double R[3] = {r[0] / rn, r[1] / rn, r[2] / rn};
  double N[3] = {h[0] / hn, h[1] / hn, h[2] / hn};
  double T[3] = {N[1] * R[2] - N[2] * R[1], N[2] * R[0] - N[0] * R[2],
                 N[0] * R[1] - N[1] * R[0]};
  out[0] = R[0] * vec[0] + R[1] * vec[1] + R[2] * vec[2];
  out[1] = T[0] * vec[0] + T[1] * vec[1] + T[2] * vec[2];
  out[2] = N[0] * vec[0] + N[1] * vec[1] + N[2] * vec[2];
}

static double s_from(ow_jd t0, ow_jd t)
{
  return ((t.day - t0.day) + (t.frac - t0.frac)) * 86400.0;
}

int ow_screen_refine(const ow_sgp4 *m1, const ow_sgp4 *m2, ow_jd t0,
                     double a, double b, ow_screen_event *ev)
{
  return ow__screen_refine_tr(m1, NULL, m2, NULL, t0, a, b, ev);
}

int ow__screen_refine_tr(const ow_sgp4 *m1, const ow_traj *tr1,
                         const ow_sgp4 *m2, const ow_traj *tr2, ow_jd t0,
                         double a, double b, ow_screen_event *ev)
{
  pairm p;
  int st;
  pairm_init(&p, m1, tr1, m2, tr2, t0);
  double w = b - a;
  double fa = fval(&p, a, &st);
  if (st != OW_OK)
    return st;
  double fb = fval(&p, b, &st);
  if (st != OW_OK)
    return st;
  /* The grid's sign test used the batch states (1e-6 km from these): a
  ** root within a hair of an end may fall just outside; widen. */
  static const double widen[3] = {1.0 / 64, 1.0 / 8, 1.0};
  for (int k = 0; k < 3 && fa >= 0; k++) {
    a = a - w * widen[k];
    fa = fval(&p, a, &st);
    if (st != OW_OK)
      return st;
  }
  for (int k = 0; k < 3 && fb < 0; k++) {
    b = b + w * widen[k];
    fb = fval(&p, b, &st);
    if (st != OW_OK)
      return st;
  }
  if (!(fa < 0 && fb >= 0))
    return OW_E_NOT_FOUND;
  int side = 0;
  for (int it = 0; it < REFINE_MAX_IT && b - a > TCA_TOL_S; it++) {
    double c = b - fb * (b - a) / (fb - fa);
    double lo = a + 0.01 * (b - a), hi = b - 0.01 * (b - a);
    if (!(c > lo && c < hi))
      c = 0.5 * (a + b);
    double fc = fval(&p, c, &st);
    if (st != OW_OK)
      return st;
    if (fc < 0) {
      a = c, fa = fc;
      if (side == -1)
        fb *= 0.5; /* Illinois: the stale end's value is halved */
      side = -1;
    } else {
      b = c, fb = fc;
      if (side == 1)
        fa *= 0.5;
      side = 1;
    }
  }
  double t = 0.5 * (a + b), r1[3], v1[3], r2[3], v2[3], d;
  st = eval(&p, t, r1, v1, r2, v2, NULL, &d);
  if (st != OW_OK)
    return st;
  double dr[3], dv[3];
  for (int k = 0; k < 3; k++) {
    dr[k] = r2[k] - r1[k], dv[k] = v2[k] - v1[k];
    ev->r1_teme_km[k] = r1[k], ev->v1_teme_km_s[k] = v1[k];
    ev->r2_teme_km[k] = r2[k], ev->v2_teme_km_s[k] = v2[k];
  }
  ev->tca_utc = jd_add_s(t0, t);
  ev->miss_km = d;
  ev->rel_speed_km_s = sqrt(dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2]);
  ow_screen_rtn(r1, v1, dr, ev->miss_rtn_km);
  ev->entry_utc = ev->exit_utc = ev->tca_utc;
  return OW_OK;
}

/* Ellipsoid search: probes per side of a fast pass, largest probe
** spacing (slow pairs), and the tolerance of the golden-section search. */
#define VOL_PROBES 8.0
#define VOL_MAX_STEP_S 10.0
#define VOL_MIN_STEP_S 1e-3
#define VOL_TOL_S 1e-4

static int is_volume(const ow_screen_opts *opt)
{
  const double *s = opt->volume_rtn_km;
  return s[0] > 0 && s[1] > 0 && s[2] > 0;
}

/* Normalised ellipsoidal distance q at t, with d and the range rate f. */
static int qval(const pairm *p, const double ax[3], double t, double *q,
                double *d, double *f)
{
  double r1[3], v1[3], r2[3], v2[3], dr[3], rtn[3];
  int st = eval(p, t, r1, v1, r2, v2, f, d);
  if (st != OW_OK)
    return st;
  for (int k = 0; k < 3; k++)
    dr[k] = r2[k] - r1[k];
  ow_screen_rtn(r1, v1, dr, rtn);
  double s = 0;
  for (int k = 0; k < 3; k++)
    s += (rtn[k] / ax[k]) * (rtn[k] / ax[k]);
  *q = sqrt(s);
  return isfinite(*q) ? OW_OK : OW_E_DEGENERATE;
}

/*
** Smallest q around the Euclidean TCA tca (s from t0). Since every
** semi-axis is <= smax, q >= d / smax: q <= 1 only where d <= smax. The
** search domain is the basin of this minimum of d: outward from the TCA
** until d >= smax, the range rate changes sign (past a maximum of d: the
** next minimum has its own event) or the span ends. It is probed every
** w / VOL_PROBES (w: the half-length of the pass through the smax sphere
** in linear motion, where q^2 is a convex quadratic of t) or VOL_MAX_STEP_S
** for slow pairs, and the best probe is refined by golden-section search
** between its neighbours.
*/
static int volume_min(const pairm *p, const double ax[3], double tca,
                      double span_s, double d0, double v, double *tq,
                      double *qmin)
{
  double smax = fmax(ax[0], fmax(ax[1], ax[2]));
  double w = v > 0 && d0 < smax ? sqrt(smax * smax - d0 * d0) / v : INFINITY;
  double step = fmin(fmax(w / VOL_PROBES, VOL_MIN_STEP_S), VOL_MAX_STEP_S);
  double q, d, f;
  int st = qval(p, ax, tca, &q, &d, &f);
  if (st != OW_OK)
    return st;
  double best = q, tb = tca, lo = fmax(tca - step, 0.0);
  double hi = fmin(tca + step, span_s);
  for (int dir = -1; dir <= 1; dir += 2) {
    double prev = tca;
    int best_here = 0;
    for (;;) {
      double t = prev + dir * step;
      int last = 0;
      if (t <= 0 || t >= span_s)
        t = t <= 0 ? 0 : span_s, last = 1;
      if ((st = qval(p, ax, t, &q, &d, &f)) != OW_OK)
        return st;
      if (best_here) { /* outer neighbour of the best probe */
        if (dir < 0)
          lo = t;
        else
          hi = t;
        best_here = 0;
      }
      if (q < best) {
        best = q, tb = t, best_here = 1;
        lo = dir < 0 ? t : prev, hi = dir < 0 ? prev : t;
      }
      if (last || d >= smax || dir * f < 0)
        break;
      prev = t;
    }
  }
  /* Golden section on [lo, hi] around tb (q unimodal there). */
  const double g = 0.5 * (3.0 - sqrt(5.0));
  double a = lo, b = hi;
  double x1 = a + g * (b - a), x2 = b - g * (b - a), q1, q2;
  if ((st = qval(p, ax, x1, &q1, &d, &f)) != OW_OK ||
      (st = qval(p, ax, x2, &q2, &d, &f)) != OW_OK)
    return st;
  while (b - a > VOL_TOL_S) {
    if (q1 <= q2) {
      b = x2, x2 = x1, q2 = q1, x1 = a + g * (b - a);
      if ((st = qval(p, ax, x1, &q1, &d, &f)) != OW_OK)
        return st;
    } else {
      a = x1, x1 = x2, q1 = q2, x2 = b - g * (b - a);
      if ((st = qval(p, ax, x2, &q2, &d, &f)) != OW_OK)
        return st;
    }
  }
  if (q1 < best)
    best = q1, tb = x1;
  if (q2 < best)
    best = q2, tb = x2;
  *tq = tb, *qmin = best;
  return OW_OK;
}

int ow__screen_inside(const ow_sgp4 *m1, const ow_traj *tr1,
                      const ow_sgp4 *m2, const ow_traj *tr2,
                      const ow_screen_opts *opt, ow_screen_event *ev)
{
  ev->volume_q_min = NAN;
  ev->volume_q_min_utc = ev->tca_utc;
  if (!is_volume(opt))
    return ev->miss_km < opt->threshold_km;
  const double *ax = opt->volume_rtn_km;
  if (ev->miss_km >= fmax(ax[0], fmax(ax[1], ax[2])))
    return 0; /* q >= d / smax >= 1 all through this pass */
  pairm p;
  pairm_init(&p, m1, tr1, m2, tr2, opt->start_utc);
  double tq, q;
  if (volume_min(&p, ax, s_from(opt->start_utc, ev->tca_utc),
                 opt->span_day * 86400.0, ev->miss_km, ev->rel_speed_km_s,
                 &tq, &q) != OW_OK)
    return 0;
  ev->volume_q_min = q;
  ev->volume_q_min_utc = jd_add_s(opt->start_utc, tq);
  return q <= 1.0;
}

/* Where d(t) = dlim going outward from tca (dir = -1 or +1), within
** [0, span_s]. Returns seconds from t0. */
static double crossing(const pairm *p, double tca, double dlim, int dir,
                       double span_s, double guess)
{
  int st;
  double in = tca, step = fmax(guess, 0.01), out = tca;
  for (;;) {
    out = in + dir * step;
    if (out <= 0 || out >= span_s) {
      out = out <= 0 ? 0 : span_s;
      double d = dval(p, out, &st);
      if (st != OW_OK || d < dlim)
        return out; /* still inside at the span's edge */
      break;
    }
    double d = dval(p, out, &st);
    if (st != OW_OK)
      return out;
    if (d >= dlim)
      break;
    in = out;
    /* Doubling, but never past the merge spacing: a pass outside
    ** and back in between two probes would go unseen. */
    step = fmin(2 * step, MERGE_SAMPLE_S);
  }
  while (fabs(out - in) > EXIT_TOL_S) {
    double mid = 0.5 * (in + out);
    double d = dval(p, mid, &st);
    if (st != OW_OK)
      break;
    if (d < dlim)
      in = mid;
    else
      out = mid;
  }
  return 0.5 * (in + out);
}

/*
** Step guess for the ellipsoid crossings around t (s from t0), in the
** direction dir: the root of q = 1 in linear relative motion, where the
** RTN miss is rho + u dt (u: relative velocity seen in the RTN frame,
** which turns at w = |r x v| / r^2 about N) and q^2 is the quadratic
** |A (rho + u dt)|^2, A = diag(1/R, 1/I, 1/C). Bounded to
** [0.01, LINEAR_PASS_S]: it only sets where the walk starts.
*/
static double vol_guess(const pairm *p, const double ax[3], double t, int dir)
{
  double r1[3], v1[3], r2[3], v2[3], dr[3], dv[3], rho[3], u[3];
  if (eval(p, t, r1, v1, r2, v2, NULL, NULL) != OW_OK)
    return LINEAR_PASS_S;
  for (int k = 0; k < 3; k++)
    dr[k] = r2[k] - r1[k], dv[k] = v2[k] - v1[k];
  ow_screen_rtn(r1, v1, dr, rho);
  ow_screen_rtn(r1, v1, dv, u);
  double h[3] = {r1[1] * v1[2] - r1[2] * v1[1], r1[2] * v1[0] - r1[0] * v1[2],
                 r1[0] * v1[1] - r1[1] * v1[0]};
  double r2n = r1[0] * r1[0] + r1[1] * r1[1] + r1[2] * r1[2];
  double w = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]) / r2n;
  u[0] += w * rho[1], u[1] -= w * rho[0]; /* u - w x rho, w along N */
  double a = 0, b = 0, c = -1;
  for (int k = 0; k < 3; k++) {
    double x = rho[k] / ax[k], y = u[k] / ax[k];
    a += y * y, b += 2 * x * y, c += x * x;
  }
  double disc = b * b - 4 * a * c;
  if (!(a > 0) || !(disc >= 0))
    return LINEAR_PASS_S;
  double g = fabs((-b + dir * sqrt(disc)) / (2 * a));
  return isfinite(g) ? fmin(fmax(g, 0.01), LINEAR_PASS_S) : LINEAR_PASS_S;
}

/*
** Entry (dir = -1) or exit (+1) of the ellipsoid for an event: where q
** crosses 1 at the first entry / last exit of the event's stay inside
** the bounding sphere (radius smax, the largest semi-axis; q >= d / smax,
** so q <= 1 only inside it, and one event's minima all lie in one stay
** when merged). Walks outward from t_in (q <= 1 there: the event's q_min
** time) with steps growing from guess up to MERGE_SAMPLE_S, as the
** sphere's crossing does, keeping the farthest probe with q <= 1 and the
** next probe out, until d >= smax, an SGP4 error or the span's edge;
** then bisection on q between those two probes to EXIT_TOL_S.
** Returns seconds from t0, within [0, span_s].
*/
static double vol_crossing(const pairm *p, const double ax[3], double t_in,
                           int dir, double span_s, double guess)
{
  double smax = fmax(ax[0], fmax(ax[1], ax[2]));
  double in = t_in, out = NAN, t = t_in, step = fmax(guess, 0.01);
  double q, d, f;
  for (;;) {
    t += dir * step;
    int edge = t <= 0 || t >= span_s;
    if (edge)
      t = t <= 0 ? 0 : span_s;
    if (qval(p, ax, t, &q, &d, &f) != OW_OK) {
      if (isnan(out))
        out = t; /* the object is gone: treated as outside */
      break;
    }
    if (q <= 1.0)
      in = t, out = NAN;
    else if (isnan(out))
      out = t;
    if (edge || d >= smax)
      break;
    step = fmin(2 * step, MERGE_SAMPLE_S);
  }
  if (isnan(out))
    return in; /* inside at the span's edge */
  while (fabs(out - in) > EXIT_TOL_S) {
    double mid = 0.5 * (in + out);
    if (qval(p, ax, mid, &q, &d, &f) != OW_OK)
      break;
    if (q <= 1.0)
      in = mid;
    else
      out = mid;
  }
  return 0.5 * (in + out);
}

/*
** 1 if linear motion gives the sphere crossings of a pass to LINEAR_TOL_S.
** The relative acceleration is the tidal one, |a| <= 2 GM / r^3 * d (d <=
** dlim over the pass); over the half-pass `half` it moves the relative
** position by e = |a| half^2 / 2 from the straight line, and the distance
** changes at v^2 half / dlim at the crossing, so the time is off by about
** e dlim / (v^2 half) = GM / r^3 dlim^2 half / v^2. Measured: 2.2 ms for
** a 30 km pass at 1.77 km/s (half 8.7 s), for which this gives 3 ms.
*/
static int linear_ok(const ow_screen_event *e, double dlim, double half)
{
  const double *r = e->r1_teme_km;
  double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  double v = e->rel_speed_km_s;
  return OW_WGS72_MU_KM3_S2 / (rn * rn * rn) * dlim * dlim * half / (v * v) <
         LINEAR_TOL_S;
}

static double search_radius(const ow_screen_opts *opt)
{
  const double *s = opt->volume_rtn_km;
  if (is_volume(opt))
    return fmax(s[0], fmax(s[1], s[2]));
  return opt->threshold_km;
}

static int cmp_pair_tca(const void *x, const void *y)
{
  const ow_screen_event *a = x, *b = y;
  if (a->i1 != b->i1)
    return a->i1 < b->i1 ? -1 : 1;
  if (a->i2 != b->i2)
    return a->i2 < b->i2 ? -1 : 1;
  double d = (a->tca_utc.day - b->tca_utc.day) +
             (a->tca_utc.frac - b->tca_utc.frac);
  return (d > 0) - (d < 0);
}

static int cmp_tca(const void *x, const void *y)
{
  const ow_screen_event *a = x, *b = y;
  double d = (a->tca_utc.day - b->tca_utc.day) +
             (a->tca_utc.frac - b->tca_utc.frac);
  if (d != 0)
    return (d > 0) - (d < 0);
  if (a->norad_1 != b->norad_1)
    return a->norad_1 < b->norad_1 ? -1 : 1;
  return (a->norad_2 > b->norad_2) - (a->norad_2 < b->norad_2);
}

/* 1 if the pair stays within dlim all the way between two minima. */
static int stays_inside(const pairm *p, double ta, double tb, double dlim)
{
  /* Coarse-to-fine (midpoint first) so that a pair that separates, the
  ** usual case, is rejected after one or two evaluations. */
  double gap = tb - ta;
  for (double sp = gap / 2; sp >= MERGE_SAMPLE_S / 2; sp /= 2) {
    for (double t = ta + sp; t < tb; t += 2 * sp) {
      int st;
      double d = dval(p, t, &st);
      if (st != OW_OK || d >= dlim)
        return 0;
    }
    if (sp < MERGE_SAMPLE_S)
      break;
  }
  return 1;
}

int ow__screen_finish(const ow_sgp4 *models, const ow_screen_opts *opt,
                      double step_s, int threads, ow_screen_result *res)
{
  ow_screen_event *ev = res->events;
  size_t n = res->n;
  double dlim = search_radius(opt);
  double span_s = opt->span_day * 86400.0;
  (void)step_s;
  qsort(ev, n, sizeof *ev, cmp_pair_tca);
  /* Drop duplicates (one root found from two widened brackets). */
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m > 0 && ev[m - 1].i1 == ev[i].i1 && ev[m - 1].i2 == ev[i].i2 &&
        fabs(s_from(ev[m - 1].tca_utc, ev[i].tca_utc)) < 1e-3)
      continue;
    ev[m++] = ev[i];
  }
  n = m;

  /* One event per stay inside the sphere: consecutive minima of a pair
  ** between which the distance stays below the limit become one event
  ** with the smallest miss; entry_utc / exit_utc hold the first and last
  ** TCA of the group until the crossings are computed below. */
  m = 0;
  for (size_t i = 0; i < n; i++) {
    if (opt->merge_slow && m > 0 && ev[m - 1].i1 == ev[i].i1 &&
        ev[m - 1].i2 == ev[i].i2) {
      ow_screen_event *a = &ev[m - 1];
      pairm p;
      pairm_init(&p, &models[a->i1], ow__screen_tab(opt, a->i1),
                 &models[a->i2], ow__screen_tab(opt, a->i2), opt->start_utc);
      if (stays_inside(&p, s_from(opt->start_utc, a->exit_utc),
                       s_from(opt->start_utc, ev[i].tca_utc), dlim)) {
        ow_jd first = a->entry_utc, tq = a->volume_q_min_utc;
        double q = a->volume_q_min;
        int nmin = a->n_minima + ev[i].n_minima;
        if (ev[i].volume_q_min < q)
          q = ev[i].volume_q_min, tq = ev[i].volume_q_min_utc;
        if (ev[i].miss_km < a->miss_km)
          *a = ev[i];
        a->volume_q_min = q, a->volume_q_min_utc = tq;
        a->entry_utc = first;
        a->exit_utc = ev[i].tca_utc;
        a->n_minima = nmin;
        continue;
      }
    }
    ev[m] = ev[i];
    ev[m].entry_utc = ev[m].exit_utc = ev[m].tca_utc;
    m++;
  }
  n = m;

  /* Entry and exit of the threshold sphere, or of the ellipsoid (walked
  ** from the q_min time, which is inside it). */
  int vol = is_volume(opt);
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 64) num_threads(threads)
#endif
  for (long li = 0; li < (long)n; li++) {
    ow_screen_event *e = &ev[li];
    if (vol) {
      pairm p;
      pairm_init(&p, &models[e->i1], ow__screen_tab(opt, e->i1),
               &models[e->i2], ow__screen_tab(opt, e->i2), opt->start_utc);
      const double *ax = opt->volume_rtn_km;
      double tq = s_from(opt->start_utc, e->volume_q_min_utc);
      double t1 = vol_crossing(&p, ax, tq, -1, span_s,
                               vol_guess(&p, ax, tq, -1));
      double t2 = vol_crossing(&p, ax, tq, 1, span_s,
                               vol_guess(&p, ax, tq, 1));
      e->entry_utc = jd_add_s(opt->start_utc, t1);
      e->exit_utc = jd_add_s(opt->start_utc, t2);
      continue;
    }
    double v = e->rel_speed_km_s, d = e->miss_km;
    double half = v > 0 && d < dlim ? sqrt(dlim * dlim - d * d) / v : INFINITY;
    if (e->n_minima == 1 && half < LINEAR_PASS_S &&
        linear_ok(e, dlim, half)) {
      e->entry_utc = jd_add_s(e->tca_utc, -half);
      e->exit_utc = jd_add_s(e->tca_utc, half);
      continue;
    }
    pairm p;
    pairm_init(&p, &models[e->i1], ow__screen_tab(opt, e->i1),
               &models[e->i2], ow__screen_tab(opt, e->i2), opt->start_utc);
    double g = isfinite(half) ? fmin(half, LINEAR_PASS_S) : LINEAR_PASS_S;
    double t1 = s_from(opt->start_utc, e->entry_utc);
    double t2 = s_from(opt->start_utc, e->exit_utc);
    e->entry_utc = jd_add_s(opt->start_utc, crossing(&p, t1, dlim, -1,
                                                     span_s, g));
    e->exit_utc = jd_add_s(opt->start_utc, crossing(&p, t2, dlim, 1, span_s,
                                                    g));
  }
  /* Entry and exit are reported within the span. */
  ow_jd end = jd_add_s(opt->start_utc, span_s);
  for (size_t i = 0; i < n; i++) {
    if (s_from(opt->start_utc, ev[i].entry_utc) < 0)
      ev[i].entry_utc = opt->start_utc;
    if (s_from(end, ev[i].exit_utc) > 0)
      ev[i].exit_utc = end;
  }
  qsort(ev, n, sizeof *ev, cmp_tca);
  res->n = n;
  return OW_OK;
}
