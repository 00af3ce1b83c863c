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
** code (the earliest), sorted by code then catalog index. Counts: summed
** over the slices, an object counted once.
*/
#include "internal.h"
#include "screen_priv.h"

#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

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
                          ow_screen_result *res)
{
  size_t total = p->n_warnings;
  for (size_t k = 0; k < ns; k++)
    total += s[k].n_warnings;
  ow_screen_warning *w = malloc((total + 1) * sizeof *w);
  if (!w)
    return OW_E_NOMEM;
  size_t m = 0;
  if (p->n_warnings)
    memcpy(w, p->warnings, p->n_warnings * sizeof *w);
  m = p->n_warnings;
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
                        ow_screen_stats *st)
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
    st->screened += (st_any & OW_SCREEN_OBJ_KEPT) != 0;
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
  merge_stats(p, s, ns, &res->stats);
  res->events = malloc((total + 1) * sizeof *res->events);
  int rc = res->events ? merge_warnings(p, s, ns, res) : OW_E_NOMEM;
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
