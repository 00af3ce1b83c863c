/*
** traj.c - trajectories (orbwatch/traj.h): SGP4 element sets and
** tabulated ephemerides behind one const state function.
**
** Representation of a table: the UTC epochs as given, and beside them the
** interpolation variable x_s, TAI seconds since the first epoch (UTC
** differences when no leap second falls inside the span, which is the
** same number without an ERFA call per query). Segments are index ranges;
** an interpolation window never crosses a segment break.
**
** Interpolation is Newton's divided-difference form on the normalised
** variable s = (x_i - x) / h centred on the query, so the value is the
** sum of c_j w_j with w_j = prod_{k<j} (-s_k), and the nodes are ordered
** by distance from the query: the last term (last pair for Hermite, whose
** nodes are doubled) is then the difference between the interpolant and
** the one a node smaller, our error estimate.
*/
#include "internal.h"
#include "orbwatch/traj.h"
#include "orbwatch/time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

static double jd_diff_s(ow_jd b, ow_jd a)
{
  return ((b.day - a.day) + (b.frac - a.frac)) * 86400.0;
}

static void copy_text(char *dst, size_t n, const char *src)
{
  snprintf(dst, n, "%s", src ? src : "");
}

/* TAI-UTC in seconds at a UTC instant, or NAN. */
static double tai_minus_utc_s(ow_jd utc)
{
  ow_jd tai;
  if (ow_utc_to_tai(utc, &tai) < 0)
    return NAN;
  return jd_diff_s(tai, utc);
}

/* Interpolation variable of a UTC instant (see the head). */
static int x_of(const ow_traj *t, ow_jd utc, double *x)
{
  ow_jd tai;
  if (!isfinite(utc.day) || !isfinite(utc.frac))
    return OW_E_RANGE;
  if (t->utc_uniform) {
    *x = jd_diff_s(utc, t->t0_utc);
    return OW_OK;
  }
  if (ow_utc_to_tai(utc, &tai) < 0)
    return OW_E_RANGE;
  *x = jd_diff_s(tai, t->t0_tai);
  return OW_OK;
}

static void zero3(double *a)
{
  if (a != NULL)
    a[0] = a[1] = a[2] = 0.0;
}

static int range_error(const ow_traj *t, ow_jd utc, ow_err *err,
                       const char *what)
{
  char a[OW_ISO_BUF], b[OW_ISO_BUF], q[OW_ISO_BUF];
  if (!isfinite(utc.day) || !isfinite(utc.frac))
    return ow_err_set(err, OW_E_RANGE, "time", "time is not finite");
  ow_time_format_iso(utc, 3, q, sizeof q);
  ow_time_format_iso(t->epoch_utc[0], 3, a, sizeof a);
  ow_time_format_iso(t->epoch_utc[t->n - 1], 3, b, sizeof b);
  return ow_err_set(err, OW_E_RANGE, "time", "%s is %s of the ephemeris "
                    "(%s to %s): no extrapolation", q, what, a, b);
}

/* ---- init and free ---------------------------------------------------- */

static void set_identity(ow_traj *t, uint32_t norad, const char *name,
                         const char *object_id)
{
  t->norad = norad;
  copy_text(t->name, sizeof t->name, name);
  copy_text(t->object_id, sizeof t->object_id, object_id);
}

int ow_traj_init_sgp4(ow_traj *t, const ow_elset *e, ow_gravity grav,
                      ow_opsmode mode, ow_err *err)
{
  int rc;
  if (t == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL trajectory");
  memset(t, 0, sizeof *t);
  if (e == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL element set");
  rc = ow_sgp4_init(&t->model, e, grav, mode, err);
  if (rc == OW_E_ARG) {
    memset(t, 0, sizeof *t);
    return rc;
  }
  t->kind = OW_TRAJ_SGP4;
  t->elset = *e;
  set_identity(t, e->norad, e->name, e->object_id);
  return rc;
}

int ow_traj_init_sgp4_model(ow_traj *t, const ow_sgp4 *m, const ow_elset *e)
{
  if (t == NULL)
    return OW_E_ARG;
  memset(t, 0, sizeof *t);
  if (m == NULL || e == NULL)
    return OW_E_ARG;
  t->kind = OW_TRAJ_SGP4;
  t->model = *m;
  t->elset = *e;
  set_identity(t, e->norad, e->name, e->object_id);
  return OW_OK;
}

void ow_traj_free(ow_traj *t)
{
  if (t == NULL)
    return;
  free(t->block);
  memset(t, 0, sizeof *t);
}

static int finite_n(const double *a, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!isfinite(a[i]))
      return 0;
  return 1;
}

static int check_table(const ow_traj_table *tab, ow_err *err)
{
  size_t nseg = tab->n_seg > 1 ? tab->n_seg : 1;
  if (tab->n == 0 || tab->epoch_utc == NULL || tab->r_teme_km == NULL ||
      tab->v_teme_km_s == NULL)
    return ow_err_set(err, OW_E_ARG, "", "empty table or NULL arrays");
  if (tab->interp != OW_INTERP_LAGRANGE && tab->interp != OW_INTERP_HERMITE)
    return ow_err_set(err, OW_E_ARG, "interp", "unknown method %d",
                      (int)tab->interp);
  if (tab->points != 0 &&
      (tab->points < 2 || tab->points > OW_TRAJ_POINTS_MAX))
    return ow_err_set(err, OW_E_ARG, "points", "%d points per window not "
                      "in 2..%d", tab->points, OW_TRAJ_POINTS_MAX);
  if (tab->n_seg > 1) {
    if (tab->seg_start == NULL || tab->seg_start[0] != 0)
      return ow_err_set(err, OW_E_ARG, "seg_start",
                        "segments must start at index 0");
    for (size_t s = 1; s < tab->n_seg; s++)
      if (tab->seg_start[s] <= tab->seg_start[s - 1] ||
          tab->seg_start[s] >= tab->n)
        return ow_err_set(err, OW_E_ARG, "seg_start",
                          "segment %zu starts at %zu: out of order", s,
                          tab->seg_start[s]);
  }
  if (tab->n_cov > 0 && (tab->cov_epoch_utc == NULL || tab->cov_teme == NULL))
    return ow_err_set(err, OW_E_ARG, "cov", "NULL covariance arrays");
  for (size_t i = 0, s = 0; i < tab->n; i++) {
    int first = 0;
    if (nseg > 1 && s + 1 < nseg && tab->seg_start[s + 1] == i) {
      s++;
      first = 1;
    }
    if (!isfinite(tab->epoch_utc[i].day) || !isfinite(tab->epoch_utc[i].frac) ||
        !finite_n(tab->r_teme_km[i], 3) || !finite_n(tab->v_teme_km_s[i], 3))
      return ow_err_set(err, OW_E_RANGE, "state", "state %zu is not finite",
                        i);
    if (i > 0) {
      double d = jd_diff_s(tab->epoch_utc[i], tab->epoch_utc[i - 1]);
      if (first ? d < 0 : d <= 0)
        return ow_err_set(err, OW_E_RANGE, "epoch",
                          "epoch %zu is %s epoch %zu", i,
                          first ? "before the last of the previous segment,"
                                : "not after",
                          i - 1);
    }
  }
  for (size_t i = 0; i < tab->n_cov; i++) {
    if (!isfinite(tab->cov_epoch_utc[i].day) ||
        !isfinite(tab->cov_epoch_utc[i].frac) ||
        !finite_n(&tab->cov_teme[i][0][0], 36))
      return ow_err_set(err, OW_E_RANGE, "cov", "covariance %zu is not "
                        "finite", i);
    if (i > 0 &&
        jd_diff_s(tab->cov_epoch_utc[i], tab->cov_epoch_utc[i - 1]) < 0)
      return ow_err_set(err, OW_E_RANGE, "cov", "covariance epoch %zu is "
                        "before epoch %zu", i, i - 1);
  }
  return OW_OK;
}

int ow_traj_init_table(ow_traj *t, const ow_traj_table *tab, ow_err *err)
{
  size_t n, nseg, ncov, bytes;
  unsigned char *p;
  int rc;
  double dat0, dat1;
  if (t == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL trajectory");
  memset(t, 0, sizeof *t);
  if (tab == NULL)
    return ow_err_set(err, OW_E_ARG, "", "NULL table");
  if ((rc = check_table(tab, err)) != OW_OK)
    return rc;
  n = tab->n;
  nseg = tab->n_seg > 1 ? tab->n_seg : 1;
  ncov = tab->n_cov;
  /* Every array is a multiple of 8 bytes, so one block keeps them
     aligned; the sizes are checked against overflow first. */
  if (n > ((size_t)-1 / 4) / 128 || ncov > ((size_t)-1 / 4) / 512)
    return ow_err_set(err, OW_E_NOMEM, "", "table of %zu states too large",
                      n);
  bytes = n * (sizeof(ow_jd) + sizeof(double) * 7) +
          (nseg + 1) * sizeof(size_t) +
          ncov * (sizeof(ow_jd) + sizeof(double) * 37);
  t->block = malloc(bytes);
  if (t->block == NULL)
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory for %zu states",
                      n);
  p = t->block;
  t->x_s = (double *)p;
  p += n * sizeof(double);
  t->r_km = (double(*)[3])p;
  p += n * sizeof(double[3]);
  t->v_km_s = (double(*)[3])p;
  p += n * sizeof(double[3]);
  t->epoch_utc = (ow_jd *)p;
  p += n * sizeof(ow_jd);
  t->cov = (double(*)[6][6])p;
  p += ncov * sizeof(double[6][6]);
  t->cov_x_s = (double *)p;
  p += ncov * sizeof(double);
  t->cov_epoch_utc = (ow_jd *)p;
  p += ncov * sizeof(ow_jd);
  t->seg_start = (size_t *)p;

  t->kind = OW_TRAJ_TABLE;
  t->n = n;
  t->n_seg = nseg;
  t->n_cov = ncov;
  t->interp = tab->interp;
  t->points = tab->points ? tab->points
              : tab->interp == OW_INTERP_HERMITE ? OW_TRAJ_POINTS_HERMITE_DEFAULT
                                                 : OW_TRAJ_POINTS_DEFAULT;
  memcpy(t->epoch_utc, tab->epoch_utc, n * sizeof(ow_jd));
  memcpy(t->r_km, tab->r_teme_km, n * sizeof(double[3]));
  memcpy(t->v_km_s, tab->v_teme_km_s, n * sizeof(double[3]));
  if (ncov > 0) {
    memcpy(t->cov_epoch_utc, tab->cov_epoch_utc, ncov * sizeof(ow_jd));
    memcpy(t->cov, tab->cov_teme, ncov * sizeof(double[6][6]));
  }
  t->seg_start[0] = 0;
  for (size_t s = 1; s < nseg; s++)
    t->seg_start[s] = tab->seg_start[s];
  t->seg_start[nseg] = n;
  set_identity(t, tab->norad, tab->name, tab->object_id);

  /* No leap second can fall inside the span when TAI-UTC is the same at
     the first epoch and a day after the last (a leap second ends a day). */
  t->t0_utc = ow_jd_normalize(t->epoch_utc[0]);
  if (ow_utc_to_tai(t->t0_utc, &t->t0_tai) < 0) {
    ow_traj_free(t);
    return ow_err_set(err, OW_E_RANGE, "epoch", "first epoch outside the "
                      "range of the time scales");
  }
  {
    ow_jd after = t->epoch_utc[n - 1];
    after.day += 1.0;
    dat0 = tai_minus_utc_s(t->t0_utc);
    dat1 = tai_minus_utc_s(after);
  }
  t->utc_uniform = isfinite(dat0) && isfinite(dat1) && fabs(dat1 - dat0) < 1e-6;
  for (size_t i = 0; i < n; i++)
    if (x_of(t, t->epoch_utc[i], &t->x_s[i]) != OW_OK) {
      ow_traj_free(t);
      return ow_err_set(err, OW_E_RANGE, "epoch", "epoch %zu outside the "
                        "range of the time scales", i);
    }
  for (size_t i = 0; i < ncov; i++)
    if (x_of(t, t->cov_epoch_utc[i], &t->cov_x_s[i]) != OW_OK) {
      ow_traj_free(t);
      return ow_err_set(err, OW_E_RANGE, "cov", "covariance epoch %zu "
                        "outside the range of the time scales", i);
    }
  return OW_OK;
}

/* ---- interpolation ---------------------------------------------------- */

/* Segment holding x (the later one where two touch), or -1 with *why. */
static long find_segment(const ow_traj *t, double x, const char **why)
{
  size_t lo = 0, hi = t->n_seg, s;
  const double slop = OW_TRAJ_EDGE_SLOP_S;
  /* Last segment whose first epoch is <= x + slop. */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->x_s[t->seg_start[mid]] <= x + slop)
      lo = mid;
    else
      hi = mid;
  }
  s = lo;
  if (x < t->x_s[t->seg_start[s]] - slop) {
    *why = "before the start";
    return -1;
  }
  if (x > t->x_s[t->seg_start[s + 1] - 1] + slop) {
    *why = s + 1 == t->n_seg ? "after the end" : "in a gap between segments";
    return -1;
  }
  return (long)s;
}

/* One interpolation at x: state and the last-term estimates. */
typedef struct interp_out {
  double r[3], v[3];
  double err_r, err_v; /* norms of the last term(s) */
} interp_out;

static void interpolate(const ow_traj *t, long seg, double x, interp_out *o)
{
  size_t a = t->seg_start[seg], b = t->seg_start[seg + 1];
  size_t m = b - a, np = (size_t)t->points, start, lo, hi, idx[OW_TRAJ_POINTS_MAX];
  double s[OW_TRAJ_POINTS_MAX], h;
  if (np > m)
    np = m;
  /* k: last epoch <= x inside the segment (clamped). */
  lo = a;
  hi = b;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->x_s[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  if (np % 2 == 0) {
    start = lo + 1 >= np / 2 ? lo + 1 - np / 2 : 0;
  } else {
    size_t near = lo;
    if (lo + 1 < b && t->x_s[lo + 1] - x < x - t->x_s[lo])
      near = lo + 1;
    start = near >= np / 2 ? near - np / 2 : 0;
  }
  if (start < a)
    start = a;
  if (start + np > b)
    start = b - np;
  h = np > 1 ? (t->x_s[start + np - 1] - t->x_s[start]) / (double)(np - 1)
             : 1.0;
  if (!(h > 0))
    h = 1.0;
  /* Nodes by distance from the query (insertion sort, at most 16). */
  for (size_t i = 0; i < np; i++) {
    size_t j = i, k = start + i;
    double d = fabs(t->x_s[k] - x);
    while (j > 0 && fabs(t->x_s[idx[j - 1]] - x) > d) {
      idx[j] = idx[j - 1];
      j--;
    }
    idx[j] = k;
  }
  for (size_t i = 0; i < np; i++)
    s[i] = (t->x_s[idx[i]] - x) / h;

  double er2 = 0, ev2 = 0;
  if (t->interp == OW_INTERP_LAGRANGE) {
    for (int c = 0; c < 6; c++) {
      double d[OW_TRAJ_POINTS_MAX], w = 1.0, sum = 0.0, last = 0.0;
      for (size_t i = 0; i < np; i++)
        d[i] = c < 3 ? t->r_km[idx[i]][c] : t->v_km_s[idx[i]][c - 3];
      for (size_t j = 1; j < np; j++)
        for (size_t i = np - 1; i >= j; i--)
          d[i] = (d[i] - d[i - 1]) / (s[i] - s[i - j]);
      for (size_t j = 0; j < np; j++) {
        last = d[j] * w;
        sum += last;
        w *= -s[j];
      }
      if (np < 2)
        last = 0.0;
      if (c < 3) {
        o->r[c] = sum;
        er2 += last * last;
      } else {
        o->v[c - 3] = sum;
        ev2 += last * last;
      }
    }
  } else {
    size_t M = 2 * np;
    double z[2 * OW_TRAJ_POINTS_MAX];
    for (size_t i = 0; i < np; i++)
      z[2 * i] = z[2 * i + 1] = s[i];
    for (int c = 0; c < 3; c++) {
      double d[2 * OW_TRAJ_POINTS_MAX], w = 1.0, dw = 0.0, p = 0.0, dp = 0.0;
      double lastp = 0.0, lastdp = 0.0;
      for (size_t i = 0; i < M; i++)
        d[i] = t->r_km[idx[i / 2]][c];
      for (size_t i = M - 1; i >= 1; i--)
        d[i] = i % 2 ? t->v_km_s[idx[i / 2]][c] * h
                     : (d[i] - d[i - 1]) / (z[i] - z[i - 1]);
      for (size_t j = 2; j < M; j++)
        for (size_t i = M - 1; i >= j; i--)
          d[i] = (d[i] - d[i - 1]) / (z[i] - z[i - j]);
      for (size_t j = 0; j < M; j++) {
        double tp = d[j] * w, tdp = d[j] * dw;
        p += tp;
        dp += tdp;
        if (j + 2 >= M && np > 1) {
          lastp += tp;
          lastdp += tdp;
        }
        dw = dw * -z[j] + w;
        w *= -z[j];
      }
      o->r[c] = p;
      o->v[c] = dp / h;
      er2 += lastp * lastp;
      ev2 += (lastdp / h) * (lastdp / h);
    }
  }
  o->err_r = sqrt(er2);
  o->err_v = sqrt(ev2);
}

/* Common front of the table queries: locate t_utc, interpolate. */
static int table_at(const ow_traj *t, ow_jd t_utc, interp_out *o, ow_err *err)
{
  double x;
  const char *why = "outside";
  long seg;
  if (x_of(t, t_utc, &x) != OW_OK)
    return range_error(t, t_utc, err, "outside the time scales,");
  if ((seg = find_segment(t, x, &why)) < 0)
    return range_error(t, t_utc, err, why);
  interpolate(t, seg, x, o);
  return OW_OK;
}

int ow_traj_state(const ow_traj *t, ow_jd t_utc, double r_teme_km[3],
                  double v_teme_km_s[3], ow_err *err)
{
  interp_out o;
  int rc;
  if (r_teme_km == NULL || v_teme_km_s == NULL) {
    zero3(r_teme_km);
    zero3(v_teme_km_s);
    return ow_err_set(err, OW_E_ARG, "", "NULL output");
  }
  if (t == NULL || (t->kind != OW_TRAJ_SGP4 && t->kind != OW_TRAJ_TABLE)) {
    zero3(r_teme_km);
    zero3(v_teme_km_s);
    return ow_err_set(err, OW_E_ARG, "", "not an initialised trajectory");
  }
  if (t->kind == OW_TRAJ_SGP4) {
    double tsince_min = ((t_utc.day - t->model.epoch_utc.day) +
                         (t_utc.frac - t->model.epoch_utc.frac)) * 1440.0;
    rc = ow_sgp4_propagate(&t->model, tsince_min, r_teme_km, v_teme_km_s);
    if (rc != OW_OK)
      ow_err_set(err, rc, "", "%s at %.6f min from the epoch of %u",
                 ow_strerror(rc), tsince_min, t->norad);
    return rc;
  }
  if ((rc = table_at(t, t_utc, &o, err)) != OW_OK) {
    zero3(r_teme_km);
    zero3(v_teme_km_s);
    return rc;
  }
  memcpy(r_teme_km, o.r, sizeof o.r);
  memcpy(v_teme_km_s, o.v, sizeof o.v);
  return OW_OK;
}

int ow_traj_span(const ow_traj *t, ow_jd *start_utc, ow_jd *stop_utc)
{
  ow_jd a = {0, 0}, b = {0, 0};
  int rc = OW_OK;
  if (t == NULL || t->kind == OW_TRAJ_NONE) {
    rc = OW_E_ARG;
  } else if (t->kind == OW_TRAJ_SGP4) {
    a = b = t->model.epoch_utc;
    a.day -= OW_SGP4_TSINCE_MAX_MIN / 1440.0;
    b.day += OW_SGP4_TSINCE_MAX_MIN / 1440.0;
  } else {
    a = t->epoch_utc[0];
    b = t->epoch_utc[t->n - 1];
  }
  if (start_utc)
    *start_utc = a;
  if (stop_utc)
    *stop_utc = b;
  return rc;
}

int ow_traj_interp_error_km(const ow_traj *t, ow_jd t_utc, double *pos_km,
                            double *vel_km_s, ow_err *err)
{
  interp_out o;
  int rc = OW_OK;
  double er = 0.0, ev = 0.0;
  if (t == NULL || (t->kind != OW_TRAJ_SGP4 && t->kind != OW_TRAJ_TABLE))
    rc = ow_err_set(err, OW_E_ARG, "", "not an initialised trajectory");
  else if (t->kind == OW_TRAJ_TABLE && (rc = table_at(t, t_utc, &o, err)) ==
                                           OW_OK) {
    er = o.err_r;
    ev = o.err_v;
  }
  if (pos_km)
    *pos_km = er;
  if (vel_km_s)
    *vel_km_s = ev;
  return rc;
}

int ow_traj_interp_error_max_km(const ow_traj *t, ow_jd start_utc,
                                ow_jd stop_utc, double *pos_km,
                                double *vel_km_s)
{
  double er = 0.0, ev = 0.0, xa, xb;
  int rc = OW_OK, any = 0;
  if (t == NULL || (t->kind != OW_TRAJ_SGP4 && t->kind != OW_TRAJ_TABLE)) {
    rc = OW_E_ARG;
  } else if (t->kind == OW_TRAJ_TABLE) {
    if (x_of(t, start_utc, &xa) != OW_OK || x_of(t, stop_utc, &xb) != OW_OK ||
        xb < xa)
      rc = OW_E_RANGE;
    for (size_t s = 0; rc == OW_OK && s < t->n_seg; s++)
      for (size_t k = t->seg_start[s]; k + 1 < t->seg_start[s + 1]; k++) {
        double x0 = t->x_s[k], x1 = t->x_s[k + 1];
        if (x1 < xa || x0 > xb)
          continue;
        any = 1;
        for (int q = 1; q <= 3; q++) {
          interp_out o;
          interpolate(t, (long)s, x0 + 0.25 * q * (x1 - x0), &o);
          er = fmax(er, o.err_r);
          ev = fmax(ev, o.err_v);
        }
      }
    if (rc == OW_OK && !any) {
      /* No interval inside: a single epoch, exact (or outside). */
      const char *why;
      if (find_segment(t, xa, &why) < 0 && find_segment(t, xb, &why) < 0 &&
          !(xa <= t->x_s[0] && xb >= t->x_s[t->n - 1]))
        rc = OW_E_RANGE;
    }
    if (rc != OW_OK)
      er = ev = 0.0;
  }
  if (pos_km)
    *pos_km = er;
  if (vel_km_s)
    *vel_km_s = ev;
  return rc;
}

int ow_traj_covariance(const ow_traj *t, ow_jd t_utc, double cov_teme[6][6],
                       ow_jd *epoch_utc, ow_err *err)
{
  double x;
  const char *why = "outside";
  size_t lo, hi, k;
  int rc = OW_OK;
  if (cov_teme != NULL)
    memset(cov_teme, 0, sizeof(double[6][6]));
  if (epoch_utc != NULL)
    epoch_utc->day = epoch_utc->frac = 0.0;
  if (t == NULL || cov_teme == NULL ||
      (t->kind != OW_TRAJ_SGP4 && t->kind != OW_TRAJ_TABLE))
    return ow_err_set(err, OW_E_ARG, "", "not an initialised trajectory");
  if (t->kind == OW_TRAJ_SGP4 || t->n_cov == 0)
    return ow_err_set(err, OW_E_NOT_FOUND, "covariance",
                      "the trajectory carries no covariance");
  if (x_of(t, t_utc, &x) != OW_OK)
    return range_error(t, t_utc, err, "outside the time scales,");
  if (find_segment(t, x, &why) < 0)
    return range_error(t, t_utc, err, why);
  /* Nearest covariance epoch, the earlier on a tie. */
  lo = 0;
  hi = t->n_cov;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->cov_x_s[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  k = lo;
  if (lo + 1 < t->n_cov &&
      t->cov_x_s[lo + 1] - x < fabs(x - t->cov_x_s[lo]))
    k = lo + 1;
  memcpy(cov_teme, t->cov[k], sizeof(double[6][6]));
  if (epoch_utc != NULL)
    *epoch_utc = t->cov_epoch_utc[k];
  return rc;
}

int ow_traj_interp(const ow_traj *t, ow_interp *method, int *points)
{
  if (t == NULL || t->kind != OW_TRAJ_TABLE) {
    if (method)
      *method = OW_INTERP_LAGRANGE;
    if (points)
      *points = 0;
    return OW_E_ARG;
  }
  if (method)
    *method = (ow_interp)t->interp;
  if (points)
    *points = t->points;
  return OW_OK;
}
