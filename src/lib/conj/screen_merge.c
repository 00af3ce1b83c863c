/*
** screen_merge.c - the last step of screening (ow_screen_merge): slice
** results into one ow_screen_result, as ow_screen_run returns it.
**
** Events: every slice's local minima together, then ow__screen_finish
** (screen_refine.c): a minimum found by two slices (a pair of primaries of
** two blocks, found around each) is kept once (same pair, TCAs within
** 1 ms: both are refined from the same grid interval, so they agree to
** the bit), the minima of a slow pair are merged while it stays inside
** the threshold, across window boundaries too, entry and exit are found
** with the scalar model, and the events are sorted by TCA then catalog
** numbers. Warnings: the plan's and the slices', one per object and
** code (the earliest), sorted by code then catalog index; element-set
** ages (and EPOCH_FAR warnings) of the objects some slice kept. Counts:
** summed over the slices, an object counted once.
*/
#include "internal.h"
#include "orbwatch/time.h"
#include "screen_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* SGP4's near-Earth / deep-space boundary: a period of 225 minutes. */
#define DEEP_N_REV_DAY (1440.0 / 225.0)

static double days_between(ow_jd a, ow_jd b) /* a - b */
{
  return (a.day - b.day) + (a.frac - b.frac);
}

/* The k-th smallest of a[0..n) (a is reordered): Hoare's selection,
** O(n) on average, instead of a sort of the whole catalog's ages. */
static double select_kth(double *a, size_t n, size_t k)
{
  size_t lo = 0, hi = n - 1;
  while (lo < hi) {
    double piv = a[lo + (hi - lo) / 2];
    size_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < piv)
        i++;
      while (a[j] > piv)
        j--;
      if (i <= j) {
        double t = a[i];
        a[i] = a[j], a[j] = t;
        i++;
        if (j == 0)
          break;
        j--;
      }
    }
    if (k <= j)
      hi = j;
    else if (k >= i)
      lo = i;
    else
      return a[k];
  }
  return a[k];
}

/* Element-set ages at the span's start of the sets some slice kept, and
** those whose epoch is far from the span: farther than epoch_far_near_day (near-Earth) or
** epoch_far_deep_day (deep space) before its start or after its end. */
static int check_ages(const ow_screen_plan *p, const unsigned char *kept,
                      ow_screen_stats *st, ow_screen_warning **wl,
                      size_t *nw, size_t *wcap)
{
  const ow_screen_opts *o = &p->opt;
  double lim_near = o->epoch_far_near_day > 0
                        ? o->epoch_far_near_day
                        : OW_SCREEN_EPOCH_FAR_NEAR_DAY_DEFAULT;
  double lim_deep = o->epoch_far_deep_day > 0
                        ? o->epoch_far_deep_day
                        : OW_SCREEN_EPOCH_FAR_DEEP_DAY_DEFAULT;
  double *age = malloc((p->n + 1) * sizeof *age);
  if (!age)
    return OW_E_NOMEM;
  size_t m = 0;
  int rc = OW_OK;
  for (size_t i = 0; i < p->n && rc == OW_OK; i++) {
    if (!kept[i])
      continue;
    const ow_elset *e = &p->es[i];
    double a0 = days_between(e->epoch_utc, o->start_utc); /* epoch - start */
    age[m++] = fabs(a0);
    double gap = a0 < 0 ? a0 : a0 > o->span_day ? a0 - o->span_day : 0.0;
    int deep = !(e->n_rev_day >= DEEP_N_REV_DAY);
    double lim = deep ? lim_deep : lim_near;
    if (!(fabs(gap) > lim))
      continue;
    ow_screen_warning w;
    memset(&w, 0, sizeof w);
    char ep[OW_ISO_BUF];
    ow_time_format_iso(e->epoch_utc, 0, ep, sizeof ep);
    w.code = OW_SCREEN_W_EPOCH_FAR;
    w.index = i, w.norad = e->norad, w.t_utc = e->epoch_utc, w.value = gap;
    snprintf(w.msg, sizeof w.msg, "epoch %s is %.1f days %s the span "
             "(limit %g days for %s element sets)", ep, fabs(gap),
             gap < 0 ? "before" : "after", lim,
             deep ? "deep-space" : "near-Earth");
    st->epoch_far++;
    rc = ow__screen_warn_push(wl, nw, wcap, &w);
  }
  if (m > 0) {
    double mx = age[0];
    for (size_t k = 1; k < m; k++)
      mx = age[k] > mx ? age[k] : mx;
    st->age_max_day = mx;
    st->age_p90_day = select_kth(age, m, (size_t)(0.9 * (double)(m - 1)));
    st->age_median_day = select_kth(age, m, m / 2);
  }
  free(age);
  return rc;
}

static int cmp_warning(const void *x, const void *y)
{
  const ow_screen_warning *a = x, *b = y;
  if (a->code != b->code)
    return a->code < b->code ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  double d = (a->t_utc.day - b->t_utc.day) + (a->t_utc.frac - b->t_utc.frac);
  return (d > 0) - (d < 0);
}

static int merge_warnings(const ow_screen_plan *p,
                          const ow_screen_slice_result *s, size_t ns,
                          const ow_screen_warning *aw, size_t naw,
                          ow_screen_result *res)
{
  size_t total = p->n_warnings + naw;
  for (size_t k = 0; k < ns; k++)
    total += s[k].n_warnings;
  ow_screen_warning *w = malloc((total + 1) * sizeof *w);
  if (!w)
    return OW_E_NOMEM;
  size_t m = 0;
  if (p->n_warnings)
    memcpy(w, p->warnings, p->n_warnings * sizeof *w);
  m = p->n_warnings;
  if (naw)
    memcpy(w + m, aw, naw * sizeof *w);
  m += naw;
  for (size_t k = 0; k < ns; k++) {
    if (s[k].n_warnings)
      memcpy(w + m, s[k].warnings, s[k].n_warnings * sizeof *w);
    m += s[k].n_warnings;
  }
  qsort(w, m, sizeof *w, cmp_warning);
  size_t q = 0;
  for (size_t i = 0; i < m; i++)
    if (q == 0 || w[i].code != w[q - 1].code || w[i].index != w[q - 1].index)
      w[q++] = w[i];
  res->warnings = w;
  res->n_warnings = q;
  return OW_OK;
}

/* Counts: the plan's, the slices' summed, objects from their states. */
static void merge_stats(const ow_screen_plan *p,
                        const ow_screen_slice_result *s, size_t ns,
                        unsigned char *kept, ow_screen_stats *st)
{
  *st = p->stats;
  for (size_t k = 0; k < ns; k++) {
    const ow_screen_stats *a = &s[k].stats;
    st->pairs_in_radius += a->pairs_in_radius;
    st->intervals_tested += a->intervals_tested;
    st->refinements += a->refinements;
    st->minima += a->minima;
    st->t_propagate_s += a->t_propagate_s;
    st->t_search_s += a->t_search_s;
    st->geometry_rejected += a->geometry_rejected;
    st->geometry_tested += a->geometry_tested;
  }
  for (size_t i = 0; i < p->n; i++) {
    unsigned st_any = 0;
    for (size_t k = 0; k < ns; k++)
      if (s[k].obj_state && i < s[k].n_objects)
        st_any |= s[k].obj_state[i];
    kept[i] = (st_any & OW_SCREEN_OBJ_KEPT) != 0;
    st->screened += kept[i];
    st->failed += (st_any & OW_SCREEN_OBJ_DROPPED) != 0;
    st->geometry_pruned += (st_any & OW_SCREEN_OBJ_PRUNED) &&
                           !(st_any & OW_SCREEN_OBJ_KEPT);
  }
}

int ow_screen_merge(const ow_screen_plan *p, const ow_screen_slice_result *s,
                    size_t ns, ow_screen_result *res, ow_err *err)
{
  if (!res)
    return OW_E_ARG;
  memset(res, 0, sizeof *res);
  if (!p || !p->in_ || (!s && ns > 0))
    return ow_err_set(err, OW_E_ARG, "merge", "no plan or no slices");
  size_t total = 0;
  for (size_t k = 0; k < ns; k++) {
    if (s[k].n_objects != p->n || s[k].slice >= p->n_slices)
      return ow_err_set(err, OW_E_ARG, "merge", "slice %zu is not of this "
                        "plan", k);
    total += s[k].n;
  }
  unsigned char *kept = calloc(p->n + 1, 1);
  ow_screen_warning *aw = NULL; /* the ages' warnings */
  size_t naw = 0, acap = 0;
  res->events = malloc((total + 1) * sizeof *res->events);
  int rc = kept && res->events ? OW_OK : OW_E_NOMEM;
  if (rc == OW_OK) {
    merge_stats(p, s, ns, kept, &res->stats);
    rc = check_ages(p, kept, &res->stats, &aw, &naw, &acap);
  }
  if (rc == OW_OK)
    rc = merge_warnings(p, s, ns, aw, naw, res);
  free(kept);
  free(aw);
  if (rc == OW_OK) {
    for (size_t k = 0; k < ns; k++) {
      if (s[k].n)
        memcpy(res->events + res->n, s[k].events,
               s[k].n * sizeof *res->events);
      res->n += s[k].n;
    }
    int threads = p->opt.threads;
#ifdef _OPENMP
    if (threads <= 0)
      threads = omp_get_max_threads();
#else
    threads = 1;
#endif
    rc = ow__screen_finish(p->models, &p->opt, p->in_->h, threads, res);
  }
  if (rc < 0) {
    ow_screen_result_free(res);
    return ow_err_set(err, rc, "merge", "out of memory merging %zu events "
                      "of %zu slices", total, ns);
  }
  return OW_OK;
}
