/*
** screen.c - ow_screen_run, the one call that screens a catalog: plan
** (screen_plan.c), every slice (screen_slice.c), merge (screen_merge.c);
** and the result's helpers ow_screen_result_free, ow_screen_closest.
** The search itself and its proof of completeness: screen_search.c.
*/
#include "internal.h"
#include "orbwatch/screen.h"
#include "screen_priv.h"

#include <stdlib.h>
#include <string.h>

void ow_screen_result_free(ow_screen_result *r)
{
  if (!r)
    return;
  free(r->events);
  free(r->warnings);
  r->events = NULL;
  r->warnings = NULL;
  r->n = r->n_warnings = 0;
}

/* Progress over the whole run from each slice's. */
typedef struct run_progress {
  void (*fn)(void *user, size_t done, size_t total);
  void *user;
  size_t before, total; /* instants of the slices already run; all */
} run_progress;

static void slice_progress(void *user, size_t done, size_t total)
{
  const run_progress *r = user;
  (void)total;
  r->fn(r->user, r->before + done, r->total);
}

int ow_screen_run(const ow_elset *es, const ow_sgp4 *models, size_t n,
                  const ow_screen_opts *opt, ow_screen_result *res,
                  ow_err *err)
{
  if (!res)
    return OW_E_ARG;
  memset(res, 0, sizeof *res);
  ow_screen_plan p;
  int rc = ow_screen_plan_init(&p, es, models, n, opt, err);
  if (rc < 0)
    return rc;
  run_progress rp = {p.opt.progress, p.opt.progress_user, 0,
                     p.n_blocks * p.steps};
  if (rp.fn) {
    p.opt.progress = slice_progress;
    p.opt.progress_user = &rp;
  }
  ow_screen_slice_result *s = calloc(p.n_slices + 1, sizeof *s);
  if (!s) {
    ow_screen_plan_free(&p);
    return ow_err_set(err, OW_E_NOMEM, "screen", "out of memory for %zu "
                      "slices", p.n_slices);
  }
  size_t k = 0;
  for (; k < p.n_slices && rc == OW_OK; k++) {
    rc = ow_screen_slice_run(&p, k, &s[k], err);
    rp.before += s[k].k1 - s[k].k0;
  }
  if (rc == OW_OK)
    rc = ow_screen_merge(&p, s, p.n_slices, res, err);
  for (size_t j = 0; j < k; j++)
    ow_screen_slice_result_free(&s[j]);
  free(s);
  ow_screen_plan_free(&p);
  return rc < 0 ? rc : OW_OK;
}

size_t ow_screen_closest(const ow_screen_result *r, size_t k,
                         ow_screen_event *out)
{
  size_t m = 0;
  if (!r || !out || k == 0)
    return 0;
  /* Insertion into a sorted top-k: k is small (a summary). */
  for (size_t i = 0; i < r->n; i++) {
    const ow_screen_event *e = &r->events[i];
    if (m == k && e->miss_km >= out[m - 1].miss_km)
      continue;
    size_t p = m < k ? m++ : m - 1;
    while (p > 0 && out[p - 1].miss_km > e->miss_km) {
      out[p] = out[p - 1];
      p--;
    }
    out[p] = *e;
  }
  return m;
}