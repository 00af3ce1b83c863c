/*
** pc.c - probability of collision of a short encounter (see orbwatch/pc.h).
**
** Exports ow_pc_foster_2d (the reference integral), ow_pc_foster_cov2,
** ow_pc_chan_2d, the two maxima, the encounter-plane projection and
** ow_pc_compute, plus the documented default HBRs and covariances.
** Everything is in metres; no allocation, no globals.
*/
#include "internal.h"
#include "vec_int.h"
#include "orbwatch/pc.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <string.h>

#define SQRT2 1.41421356237309504880
#define INV_SQRT_2PI 0.39894228040143267794

/* Subinterval budget of the adaptive integral (stack arrays, no malloc). */
#define FOSTER_MAX_INTERVALS 400

/*
** Gauss-Kronrod 7/15 nodes and weights on [-1, 1] (Kronrod extension of
** the 7-point Gauss rule; values as tabulated in Piessens et al.,
** QUADPACK, Springer 1983, and Abramowitz & Stegun 25.4.30 for G7).
*/
static const double gk_x[8] = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.0};
static const double gk_w[8] = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
static const double g7_w[4] = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

/*
** Phi(b) - Phi(a) for a <= b, the standard normal mass in [a, b], with
** erfc on the side that avoids cancellation. A very short interval (the
** HBR chord against a huge major sigma) is integrated directly with
** 3-point Gauss-Legendre, exact to ~w^6 relative.
*/
static double norm_mass(double a, double b)
{
  double w = b - a;
  if (w < 1e-3) {
    static const double x3 = 0.774596669241483377035853079956480;
    double c = 0.5 * (a + b), h = 0.5 * w;
    double f0 = exp(-0.5 * c * c);
    double f1 = exp(-0.5 * (c - h * x3) * (c - h * x3));
    double f2 = exp(-0.5 * (c + h * x3) * (c + h * x3));
    return INV_SQRT_2PI * h * (8.0 * f0 + 5.0 * (f1 + f2)) / 9.0;
  }
  if (a >= 0.0)
    return 0.5 * (erfc(a / SQRT2) - erfc(b / SQRT2));
  if (b <= 0.0)
    return 0.5 * (erfc(-b / SQRT2) - erfc(-a / SQRT2));
  return 1.0 - 0.5 * (erfc(-a / SQRT2) + erfc(b / SQRT2));
}

/*
** The integrand after the substitution u = um + R sin t: the minor-axis
** density at u times the major-axis mass of the chord of half-length
** R cos t, times du/dt = R cos t.
*/
typedef struct foster_geom {
  double um, su; /* minor axis: miss, sigma */
  double vm, sv; /* major axis: miss, sigma */
  double r;      /* hbr */
} foster_geom;

static double foster_f(const foster_geom *g, double t)
{
  double c = cos(t);
  if (c <= 0.0)
    return 0.0;
  double h = g->r * c;
  double u = (g->um + g->r * sin(t)) / g->su;
  double dens = INV_SQRT_2PI / g->su * exp(-0.5 * u * u);
  if (dens == 0.0)
    return 0.0;
  double mass = norm_mass((g->vm - h) / g->sv, (g->vm + h) / g->sv);
  return dens * mass * h;
}

static void gk15(const foster_geom *g, double a, double b, double *res,
                 double *abserr)
{
  double c = 0.5 * (a + b), h = 0.5 * (b - a);
  double fc = foster_f(g, c);
  double rk = fc * gk_w[7], rg = fc * g7_w[3];
  for (int j = 0; j < 7; j++) {
    double f1 = foster_f(g, c - h * gk_x[j]);
    double f2 = foster_f(g, c + h * gk_x[j]);
    rk += gk_w[j] * (f1 + f2);
    if (j & 1)
      rg += g7_w[j / 2] * (f1 + f2);
  }
  *res = rk * h;
  *abserr = fabs((rk - rg) * h);
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Insertion sort of a few breakpoints (qsort pulls in nothing, but the
** arrays are tiny and this keeps the routine self-contained). */
static void sort_small(double *x, int n)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && cmp_double(&x[j - 1], &x[j]) > 0; j--) {
      double t = x[j];
      x[j] = x[j - 1];
      x[j - 1] = t;
    }
}

/* t at which u = um + R sin t takes the value u (clipped to the disc). */
static double t_of_u(const foster_geom *g, double u)
{
  double s = (u - g->um) / g->r;
  if (s <= -1.0)
    return -OW_PI / 2;
  if (s >= 1.0)
    return OW_PI / 2;
  return asin(s);
}

/*
** The input checks every encounter-plane method shares: a NaN anywhere
** gives Pc = NaN, a negative HBR or a non-positive or infinite sigma an
** OW_E_ARG with Pc left at 0. Returns OW_OK when the inputs are usable.
*/
static int check_pc_inputs(double xm_m, double ym_m, double sx_m, double sy_m,
                           double hbr_m, double *pc, ow_err *err)
{
  if (isnan(xm_m) || isnan(ym_m) || isnan(sx_m) || isnan(sy_m) ||
      isnan(hbr_m)) {
    *pc = NAN;
    return ow_err_set(err, OW_E_ARG, "input", "NaN in the Pc inputs");
  }
  if (hbr_m < 0.0)
    return ow_err_set(err, OW_E_ARG, "HBR",
                      "hard-body radius %g m is negative; Pc set to 0", hbr_m);
  if (!(sx_m > 0.0) || !(sy_m > 0.0) || isinf(sx_m) || isinf(sy_m))
    return ow_err_set(err, OW_E_ARG, "sigma",
                      "sigmas %g m, %g m must be positive and finite", sx_m,
                      sy_m);
  return OW_OK;
}

int ow_pc_foster_2d(double xm_m, double ym_m, double sx_m, double sy_m,
                    double hbr_m, double reltol, double *pc,
                    double *err_bound, ow_err *err)
{
  double lo[FOSTER_MAX_INTERVALS], hi[FOSTER_MAX_INTERVALS];
  double val[FOSTER_MAX_INTERVALS], ae[FOSTER_MAX_INTERVALS];
  double bp[24];
  int nbp = 0, n = 0;
  foster_geom g;

  *pc = 0.0;
  if (err_bound)
    *err_bound = 0.0;
  int bad = check_pc_inputs(xm_m, ym_m, sx_m, sy_m, hbr_m, pc, err);
  if (bad != OW_OK)
    return bad;
  if (!isfinite(xm_m) || !isfinite(ym_m))
    return ow_err_set(err, OW_E_ARG, "miss", "miss not finite");
  if (hbr_m == 0.0)
    return OW_OK;
  if (isinf(hbr_m)) {
    *pc = 1.0;
    return OW_OK;
  }
  if (!(reltol > 0.0))
    reltol = OW_PC_RELTOL_DEFAULT;

  /* Numerical integral across the minor axis, erf along the major one:
  ** the minor-axis density is the narrow factor, so it is the one the
  ** adaptive rule must resolve; the erf factor stays smooth. */
  if (sx_m >= sy_m) {
    g.vm = xm_m, g.sv = sx_m, g.um = ym_m, g.su = sy_m;
  } else {
    g.vm = ym_m, g.sv = sy_m, g.um = xm_m, g.su = sx_m;
  }
  g.r = hbr_m;

  /* Breakpoints: the disc's ends, the density peak u = 0 and its
  ** neighbourhood (a density a thousand times narrower than the disc is
  ** otherwise invisible to the first 15 samples), and the points where the
  ** chord half-length equals the major-axis miss (a step when sv << R). */
  bp[nbp++] = -OW_PI / 2;
  bp[nbp++] = OW_PI / 2;
  {
    static const double ks[] = {0.0, 1.0, -1.0, 3.0, -3.0, 8.0, -8.0,
                                20.0, -20.0};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++)
      bp[nbp++] = t_of_u(&g, ks[i] * g.su);
    if (fabs(g.vm) < g.r) {
      double t = acos(fabs(g.vm) / g.r);
      bp[nbp++] = t;
      bp[nbp++] = -t;
    }
  }
  sort_small(bp, nbp);
  double total = 0.0, etot = 0.0;
  for (int i = 0; i + 1 < nbp; i++) {
    if (!(bp[i + 1] > bp[i]))
      continue;
    lo[n] = bp[i];
    hi[n] = bp[i + 1];
    gk15(&g, lo[n], hi[n], &val[n], &ae[n]);
    total += val[n];
    etot += ae[n];
    n++;
  }

  /* Global adaptive bisection of the interval with the largest error. */
  int st = OW_OK;
  while (etot > fmax(reltol * fabs(total), 1e-300)) {
    if (n >= FOSTER_MAX_INTERVALS) {
      st = OW_W_PRECISION;
      break;
    }
    int k = 0;
    for (int i = 1; i < n; i++)
      if (ae[i] > ae[k])
        k = i;
    double mid = 0.5 * (lo[k] + hi[k]);
    if (!(mid > lo[k] && mid < hi[k])) { /* interval at double resolution */
      st = OW_W_PRECISION;
      break;
    }
    double v1, e1, v2, e2;
    gk15(&g, lo[k], mid, &v1, &e1);
    gk15(&g, mid, hi[k], &v2, &e2);
    lo[n] = mid, hi[n] = hi[k], val[n] = v2, ae[n] = e2;
    hi[k] = mid, val[k] = v1, ae[k] = e1;
    n++;
    /* Re-sum rather than update, so rounding does not accumulate. */
    total = 0.0, etot = 0.0;
    for (int i = 0; i < n; i++)
      total += val[i], etot += ae[i];
  }
  if (total < 0.0)
    total = 0.0;
  if (total > 1.0)
    total = 1.0;
  *pc = total;
  if (err_bound)
    /* Plus the erf/exp rounding, a few ulp per sample, relative. */
    *err_bound = etot + 64.0 * DBL_EPSILON * total;
  if (st != OW_OK)
    ow_err_set(err, st, "Pc", "tolerance %g not reached: error bound %g",
               reltol, etot);
  return st;
}

/* Eigen-decomposition of a symmetric 2x2; lam1 >= lam2. The smaller
** eigenvalue comes from det / lam1, which keeps its relative precision for
** thin ellipses (ratio 1e-8 and beyond) where the difference form cancels. */
static void eig2(double cxx, double cxy, double cyy, double *lam1,
                 double *lam2, double *ang)
{
  double m = 0.5 * (cxx + cyy), d = 0.5 * (cxx - cyy);
  double r = hypot(d, cxy);
  double det = cxx * cyy - cxy * cxy;
  *lam1 = m + r;
  *lam2 = *lam1 > 0.0 ? det / *lam1 : m - r;
  *ang = 0.5 * atan2(2.0 * cxy, cxx - cyy);
}

int ow_pc_foster_cov2(double mx_m, double my_m, double cxx_m2, double cxy_m2,
                      double cyy_m2, double hbr_m, double reltol, double *pc,
                      double *err_bound, ow_err *err)
{
  double l1, l2, ang;
  *pc = 0.0;
  if (err_bound)
    *err_bound = 0.0;
  eig2(cxx_m2, cxy_m2, cyy_m2, &l1, &l2, &ang);
  if (!(l2 > 0.0) || !(l1 > 0.0))
    return ow_err_set(err, OW_E_NOT_PD, "covariance",
                      "encounter-plane covariance not positive definite: "
                      "eigenvalues %.6g m^2 and %.6g m^2",
                      l1, l2);
  double c = cos(ang), s = sin(ang);
  double xm = c * mx_m + s * my_m, ym = -s * mx_m + c * my_m;
  return ow_pc_foster_2d(xm, ym, sqrt(l1), sqrt(l2), hbr_m, reltol, pc,
                         err_bound, err);
}

int ow_pc_chan_2d(double xm_m, double ym_m, double sx_m, double sy_m,
                  double hbr_m, double *pc, ow_err *err)
{
  *pc = 0.0;
  int bad = check_pc_inputs(xm_m, ym_m, sx_m, sy_m, hbr_m, pc, err);
  if (bad != OW_OK)
    return bad;
  if (hbr_m == 0.0)
    return OW_OK;
  /* Validity: how much the exponent of the density changes across the
  ** disc along the minor axis, (|u_m| R + R^2) / sigma_min^2 (u_m the
  ** miss along that axis). The equal-area circle ignores that change. */
  double smin = fmin(sx_m, sy_m), um = sx_m <= sy_m ? xm_m : ym_m;
  double var = (fabs(um) * hbr_m + hbr_m * hbr_m) / (smin * smin);
  if (var > OW_PC_CHAN_MAX_VARIATION) {
    *pc = NAN;
    return ow_err_set(err, OW_E_METHOD_INVALID, "CHAN",
                      "Chan series invalid: density exponent varies by %.3g "
                      "across the HBR disc (limit %g; HBR %g m = %.3g minor "
                      "sigmas); use the Foster integral",
                      var, OW_PC_CHAN_MAX_VARIATION, hbr_m, hbr_m / smin);
  }
  /* P = sum_m Poisson(m; b) * P(Poisson(a) > m), a = R^2/(2 sx sy),
  ** b = d_m^2 / 2 (Chan 1997 in Poisson form). The tail is summed upwards
  ** from its first term, never as 1 - cdf, so small tails keep their
  ** relative precision. */
  double a = hbr_m * hbr_m / (2.0 * sx_m * sy_m);
  double b = 0.5 * ((xm_m / sx_m) * (xm_m / sx_m) +
                    (ym_m / sy_m) * (ym_m / sy_m));
  if (b > 1e4) /* Pc < e^-9000: zero in double precision */
    return OW_OK;
  double sum = 0.0, la = log(a), lb = b > 0.0 ? log(b) : -INFINITY;
  long mmax = (long)(b + 40.0 * sqrt(b) + 60.0);
  for (long m = 0; m <= mmax; m++) {
    double lw = m == 0 ? -b : -b + (double)m * lb - lgamma((double)m + 1.0);
    double w = exp(lw);
    if (w == 0.0 && (double)m > b)
      break;
    double tail;
    if (m == 0) {
      tail = -expm1(-a);
    } else {
      double p = exp(-a + (double)(m + 1) * la - lgamma((double)m + 2.0));
      tail = 0.0;
      for (long k = m + 1; k < m + 2000 && p > 0.0; k++) {
        tail += p;
        if (p < 1e-18 * tail && (double)k > a)
          break;
        p *= a / (double)(k + 1);
      }
    }
    double term = w * tail;
    sum += term;
    if ((double)m > b && term < 1e-17 * sum)
      break;
  }
  *pc = sum > 1.0 ? 1.0 : sum;
  return OW_OK;
}

/* Pc as a function of ln(scale) for the two maxima. */
typedef struct scale_fn {
  double xm, ym, sx, sy, r;
} scale_fn;

static double pc_at(const scale_fn *f, double lnk)
{
  double k = exp(lnk), p = 0.0;
  ow_pc_foster_2d(f->xm, f->ym, k * f->sx, k * f->sy, f->r, 1e-12, &p, NULL,
                  NULL);
  return p;
}

/*
** Maximise pc_at over ln k: a coarse scan (the function is unimodal in
** ln k but very flat far from the peak, where a bracketing search would
** stall on zeros), then golden section on the best bracket to 1e-7 in
** ln k (Pc is quadratic at the top, so ~1e-14 relative).
*/
static double maximise(const scale_fn *f, double center, double *lnk_best)
{
  enum { NSCAN = 49 };
  double lo = center - 12.0, hi = center + 6.0;
  double step = (hi - lo) / (NSCAN - 1), best = -1.0;
  int ib = 0;
  for (int i = 0; i < NSCAN; i++) {
    double p = pc_at(f, lo + step * i);
    if (p > best)
      best = p, ib = i;
  }
  double a = lo + step * (ib - 1), b = lo + step * (ib + 1);
  const double gr = 0.61803398874989484820;
  double c = b - gr * (b - a), d = a + gr * (b - a);
  double fc = pc_at(f, c), fd = pc_at(f, d);
  while (b - a > 1e-7) {
    if (fc > fd) {
      b = d, d = c, fd = fc;
      c = b - gr * (b - a);
      fc = pc_at(f, c);
    } else {
      a = c, c = d, fc = fd;
      d = a + gr * (b - a);
      fd = pc_at(f, d);
    }
  }
  double x = 0.5 * (a + b), fx = pc_at(f, x);
  if (fx < best) { /* the scan point itself was the top */
    x = lo + step * ib;
    fx = best;
  }
  *lnk_best = x;
  return fx;
}

static int check_2d_args(double xm, double ym, double sx, double sy,
                         double hbr, ow_err *err)
{
  if (isnan(xm) || isnan(ym) || isnan(sx) || isnan(sy) || isnan(hbr))
    return ow_err_set(err, OW_E_ARG, "input", "NaN in the Pc inputs");
  if (hbr < 0.0)
    return ow_err_set(err, OW_E_ARG, "HBR",
                      "hard-body radius %g m is negative; Pc set to 0", hbr);
  if (!(sx > 0.0) || !(sy > 0.0) || isinf(sx) || isinf(sy))
    return ow_err_set(err, OW_E_ARG, "sigma",
                      "sigmas %g m, %g m must be positive and finite", sx, sy);
  return OW_OK;
}

int ow_pc_max_scale_approx(double xm_m, double ym_m, double sx_m,
                           double sy_m, double hbr_m, double *pc_max,
                           ow_err *err)
{
  *pc_max = 0.0;
  int st = check_2d_args(xm_m, ym_m, sx_m, sy_m, hbr_m, err);
  if (st != OW_OK)
    return st;
  double dm2 = (xm_m / sx_m) * (xm_m / sx_m) + (ym_m / sy_m) * (ym_m / sy_m);
  if (dm2 == 0.0) {
    *pc_max = hbr_m > 0.0 ? 1.0 : 0.0;
    return OW_OK;
  }
  /* Alfriend et al. 1999 eq. 21: R^2 / (e d_m^2 sqrt(det C)). */
  *pc_max = hbr_m * hbr_m / (exp(1.0) * dm2 * sx_m * sy_m);
  return OW_OK;
}

int ow_pc_max_scale_2d(double xm_m, double ym_m, double sx_m, double sy_m,
                       double hbr_m, double *pc_max, double *k_at_max,
                       ow_err *err)
{
  *pc_max = 0.0;
  if (k_at_max)
    *k_at_max = 0.0;
  int st = check_2d_args(xm_m, ym_m, sx_m, sy_m, hbr_m, err);
  if (st != OW_OK)
    return st;
  if (hbr_m == 0.0)
    return OW_OK;
  if (hypot(xm_m, ym_m) < hbr_m || isinf(hbr_m)) {
    /* Miss inside the disc: shrinking the covariance puts all the mass
    ** inside, the supremum is 1 at k -> 0. */
    *pc_max = 1.0;
    return OW_OK;
  }
  scale_fn f = {xm_m, ym_m, sx_m, sy_m, hbr_m};
  double dm2 = (xm_m / sx_m) * (xm_m / sx_m) + (ym_m / sy_m) * (ym_m / sy_m);
  double lnk;
  *pc_max = maximise(&f, 0.5 * log(0.5 * dm2), &lnk);
  if (k_at_max)
    *k_at_max = exp(lnk);
  return OW_OK;
}

int ow_pc_max_unknown_2d(double miss_m, double hbr_m, double aspect_ratio,
                         double *pc_max, double *sigma_major_m, ow_err *err)
{
  *pc_max = 0.0;
  if (sigma_major_m)
    *sigma_major_m = 0.0;
  if (!(aspect_ratio >= 1.0) || isinf(aspect_ratio) || isnan(miss_m) ||
      miss_m < 0.0 || isinf(miss_m))
    return ow_err_set(err, OW_E_ARG, "aspect ratio",
                      "aspect ratio %g must be >= 1 and miss %g m >= 0",
                      aspect_ratio, miss_m);
  int st = check_2d_args(miss_m, 0.0, 1.0, 1.0, hbr_m, err);
  if (st != OW_OK)
    return st;
  if (hbr_m == 0.0)
    return OW_OK;
  if (miss_m < hbr_m || isinf(hbr_m)) {
    *pc_max = 1.0;
    return OW_OK;
  }
  /* Sigma scale 1 m; the scan variable is ln(sigma_major). */
  scale_fn along_major = {miss_m, 0.0, 1.0, 1.0 / aspect_ratio, hbr_m};
  scale_fn along_minor = {miss_m, 0.0, 1.0 / aspect_ratio, 1.0, hbr_m};
  double l1, l2, center = log(miss_m / SQRT2);
  double p1 = maximise(&along_major, center, &l1);
  double p2 = aspect_ratio > 1.0 ? maximise(&along_minor, center, &l2) : 0.0;
  *pc_max = p1 >= p2 ? p1 : p2;
  if (sigma_major_m)
    *sigma_major_m = exp(p1 >= p2 ? l1 : l2);
  return OW_OK;
}

/* ---- geometry ------------------------------------------------------- */

/* The library's one copy (base/vec_int.h). */
#define dot3 ow__dot3
#define cross3 ow__cross3

int ow_pc_rtn_to_inertial(const double r[3], const double v[3],
                          const double cov_rtn[3][3], double cov_in[3][3])
{
  double q[3][3], h[3], t[3], rn = sqrt(dot3(r, r));
  memset(cov_in, 0, 9 * sizeof(double));
  cross3(r, v, h);
  double hn = sqrt(dot3(h, h));
  if (!(rn > 0.0) || !(hn > 0.0))
    return OW_E_ARG;
  for (int i = 0; i < 3; i++) {
    h[i] /= hn;
    q[i][0] = r[i] / rn;
    q[i][2] = h[i];
  }
  double rh[3] = {q[0][0], q[1][0], q[2][0]};
  cross3(h, rh, t);
  for (int i = 0; i < 3; i++)
    q[i][1] = t[i];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++)
        for (int l = 0; l < 3; l++)
          s += q[i][k] * cov_rtn[k][l] * q[j][l];
      cov_in[i][j] = s;
    }
  return OW_OK;
}

static int object_cov_inertial(const ow_pc_object *o, double c[3][3])
{
  if (o->cov_frame == OW_PC_COV_RTN)
    return ow_pc_rtn_to_inertial(o->r_m, o->v_m_s, o->cov_m2, c);
  memcpy(c, o->cov_m2, 9 * sizeof(double));
  return OW_OK;
}

static double quad(const double a[3], const double c[3][3], const double b[3])
{
  double s = 0.0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      s += a[i] * c[i][j] * b[j];
  return s;
}

int ow_pc_project(const ow_pc_object *o1, const ow_pc_object *o2,
                  ow_pc_miss miss_mode, ow_pc_plane *out, ow_err *err)
{
  double r[3], v[3], c1[3][3], c2[3][3], c[3][3], z[3], x[3], y[3];
  memset(out, 0, sizeof *out);
  for (int i = 0; i < 3; i++) {
    r[i] = o2->r_m[i] - o1->r_m[i];
    v[i] = o2->v_m_s[i] - o1->v_m_s[i];
  }
  double vn = sqrt(dot3(v, v)), rn = sqrt(dot3(r, r));
  if (!isfinite(vn) || !isfinite(rn))
    return ow_err_set(err, OW_E_ARG, "state", "state not finite");
  if (vn == 0.0)
    return ow_err_set(err, OW_E_DEGENERATE, "relative velocity",
                      "zero relative velocity (miss %g m): no encounter "
                      "plane, the 2D Pc is undefined",
                      rn);
  if (object_cov_inertial(o1, c1) != OW_OK ||
      object_cov_inertial(o2, c2) != OW_OK)
    return ow_err_set(err, OW_E_ARG, "state",
                      "RTN frame undefined (zero position or r x v)");
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      c[i][j] = c1[i][j] + c2[i][j];
  for (int i = 0; i < 3; i++)
    z[i] = v[i] / vn;
  double rz = dot3(r, z);
  for (int i = 0; i < 3; i++)
    x[i] = r[i] - rz * z[i];
  double xn = sqrt(dot3(x, x));
  /* A miss parallel to the relative velocity (or zero) leaves the plane's
  ** x axis free: take the coordinate axis least aligned with z. */
  if (!(xn > 1e-12 * (rn + 1.0))) {
    int k = 0;
    for (int i = 1; i < 3; i++)
      if (fabs(z[i]) < fabs(z[k]))
        k = i;
    double e[3] = {0, 0, 0};
    e[k] = 1.0;
    double ez = dot3(e, z);
    for (int i = 0; i < 3; i++)
      x[i] = e[i] - ez * z[i];
    double en = sqrt(dot3(x, x));
    for (int i = 0; i < 3; i++)
      x[i] /= en;
    xn = 0.0;
  } else {
    for (int i = 0; i < 3; i++)
      x[i] /= xn;
  }
  cross3(z, x, y);
  out->miss_m = rn;
  out->miss_plane_m = xn;
  out->rel_speed_m_s = vn;
  memcpy(out->axis_m[0], x, sizeof x);
  memcpy(out->axis_m[1], y, sizeof y);
  out->mx_m = miss_mode == OW_PC_MISS_NORM ? rn : xn;
  out->my_m = 0.0;
  out->cov_m2[0] = quad(x, c, x);
  out->cov_m2[1] = 0.5 * (quad(x, c, y) + quad(y, c, x));
  out->cov_m2[2] = quad(y, c, y);
  double l1, l2, ang;
  eig2(out->cov_m2[0], out->cov_m2[1], out->cov_m2[2], &l1, &l2, &ang);
  double cs = cos(ang), sn = sin(ang);
  out->xm_m = cs * out->mx_m + sn * out->my_m;
  out->ym_m = -sn * out->mx_m + cs * out->my_m;
  if (!(l1 > 0.0) || !(l2 > 0.0))
    return ow_err_set(err, OW_E_NOT_PD, "covariance",
                      "combined encounter-plane covariance not positive "
                      "definite: eigenvalues %.6g m^2 and %.6g m^2",
                      l1, l2);
  out->sx_m = sqrt(l1);
  out->sy_m = sqrt(l2);
  return OW_OK;
}

int ow_pc_compute(const ow_pc_object *o1, const ow_pc_object *o2,
                  double hbr_m, const ow_pc_options *opt, ow_pc_result *res,
                  ow_err *err)
{
  ow_pc_options dflt = {OW_PC_FOSTER, 0.0, 0.0, OW_PC_MISS_PROJECTED};
  if (opt == NULL)
    opt = &dflt;
  memset(res, 0, sizeof *res);
  res->method = opt->method;
  int st = ow_pc_project(o1, o2, opt->miss_mode, &res->plane, err);
  if (opt->method == OW_PC_MAX_UNKNOWN && st != OW_E_DEGENERATE &&
      st != OW_E_ARG) {
    double ar = opt->aspect_ratio > 0.0 ? opt->aspect_ratio : 1.0;
    if (st != OW_OK)
      ow_err_clear(err);
    return ow_pc_max_unknown_2d(res->plane.mx_m, hbr_m, ar, &res->pc,
                                &res->scale_at_max, err);
  }
  if (st == OW_E_DEGENERATE) {
    res->pc = NAN;
    return st;
  }
  if (st != OW_OK)
    return st; /* pc stays 0: a non-PD covariance is never used */
  const ow_pc_plane *p = &res->plane;
  switch (opt->method) {
  case OW_PC_FOSTER:
    return ow_pc_foster_2d(p->xm_m, p->ym_m, p->sx_m, p->sy_m, hbr_m,
                           opt->reltol, &res->pc, &res->err_bound, err);
  case OW_PC_CHAN:
    return ow_pc_chan_2d(p->xm_m, p->ym_m, p->sx_m, p->sy_m, hbr_m, &res->pc,
                         err);
  case OW_PC_MAX_SCALE:
    return ow_pc_max_scale_2d(p->xm_m, p->ym_m, p->sx_m, p->sy_m, hbr_m,
                              &res->pc, &res->scale_at_max, err);
  default:
    return ow_err_set(err, OW_E_ARG, "method", "unknown Pc method %d",
                      (int)opt->method);
  }
}

/* ---- names and assumptions --------------------------------------------- */

static const char *const method_names[] = {"foster", "chan", "max-scale",
                                           "max-unknown"};

const char *ow_pc_method_name(ow_pc_method m)
{
  if ((unsigned)m < sizeof method_names / sizeof method_names[0])
    return method_names[m];
  return "unknown";
}

/* Case-insensitive compare with '_' and ' ' taken as '-' equivalents. */
static int name_eq(const char *a, const char *b)
{
  for (;; a++, b++) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x == '_' || x == ' ')
      x = '-';
    if (y == '_' || y == ' ')
      y = '-';
    if (x != y)
      return 0;
    if (x == 0)
      return 1;
  }
}

int ow_pc_method_parse(const char *s, ow_pc_method *m)
{
  if (s == NULL)
    return OW_E_ARG;
  for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
    if (name_eq(s, method_names[i])) {
      *m = (ow_pc_method)i;
      return OW_OK;
    }
  if (name_eq(s, "max")) {
    *m = OW_PC_MAX_SCALE;
    return OW_OK;
  }
  return OW_E_ARG;
}

int ow_pc_object_type_parse(const char *s, ow_pc_object_type *t)
{
  static const struct {
    const char *name;
    ow_pc_object_type type;
  } tab[] = {{"payload", OW_PC_OBJ_PAYLOAD},   {"rocket-body", OW_PC_OBJ_ROCKET_BODY},
             {"r/b", OW_PC_OBJ_ROCKET_BODY},   {"debris", OW_PC_OBJ_DEBRIS},
             {"deb", OW_PC_OBJ_DEBRIS},        {"unknown", OW_PC_OBJ_UNKNOWN},
             {"other", OW_PC_OBJ_UNKNOWN}};
  if (s == NULL)
    return OW_E_ARG;
  for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
    if (name_eq(s, tab[i].name)) {
      *t = tab[i].type;
      return OW_OK;
    }
  return OW_E_ARG;
}

double ow_pc_hbr_default_m(ow_pc_object_type t)
{
  switch (t) {
  case OW_PC_OBJ_PAYLOAD:
    return 5.0;
  case OW_PC_OBJ_ROCKET_BODY:
    return 6.0;
  case OW_PC_OBJ_DEBRIS:
    return 0.5;
  default:
    return 5.0;
  }
}

ow_pc_cov_class ow_pc_cov_class_of(double perigee_alt_km,
                                         double apogee_alt_km)
{
  /* Period from the semi-major axis (two-body, mu = 398600.4418 km^3/s^2,
  ** WGS-84). GEO's band 1300-1800 min holds the drifting belt objects. */
  double a_km = OW_WGS84_RE_KM + 0.5 * (perigee_alt_km + apogee_alt_km);
  double period_min =
      2.0 * OW_PI * sqrt(a_km * a_km * a_km / OW_WGS84_MU_KM3_S2) / 60.0;
  if (apogee_alt_km - perigee_alt_km > 10000.0)
    return OW_PC_COV_HEO;
  if (period_min >= 1300.0 && period_min <= 1800.0)
    return OW_PC_COV_GEO;
  if (perigee_alt_km < 2000.0)
    return OW_PC_COV_LEO;
  return OW_PC_COV_MEO;
}

const char *ow_pc_cov_class_name(ow_pc_cov_class r)
{
  static const char *const n[] = {"LEO", "MEO", "GEO", "HEO"};
  return (unsigned)r < 4 ? n[r] : "unknown";
}

int ow_pc_cov_default(ow_pc_cov_class regime, double age_day,
                      double cov_rtn_m2[3][3])
{
  /* sigma0 R, T, N (m) and growth R, T, N (m/day); see pc.h. */
  static const double tab[4][6] = {
      {100.0, 500.0, 150.0, 30.0, 1000.0, 30.0},
      {500.0, 2000.0, 500.0, 50.0, 500.0, 50.0},
      {1000.0, 5000.0, 1000.0, 50.0, 300.0, 50.0},
      {1000.0, 5000.0, 1000.0, 200.0, 2000.0, 200.0}};
  memset(cov_rtn_m2, 0, 9 * sizeof(double));
  if (!(age_day >= 0.0) || isinf(age_day) || (unsigned)regime > 3)
    return OW_E_ARG;
  for (int i = 0; i < 3; i++) {
    double s = tab[regime][i] + tab[regime][i + 3] * age_day;
    cov_rtn_m2[i][i] = s * s;
  }
  return OW_OK;
}
