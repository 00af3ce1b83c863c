/*
** screen_slice.c - the second step of screening (ow_screen_slice_run,
** ow_screen_slice_result_free): one slice of a plan, i.e. one block of
** primaries (or the whole catalog) over one time window of the grid.
**
**   1. the objects kept: in the primaries mode, those whose radial band
**      reaches the band of one of the block's primaries and whose orbit
**      path comes within reach of one of them (screen_geom.c); all the
**      others in the all-vs-all mode (older duplicates never);
**   2. the batch engine propagates them on the grid, in chunks of rows
**      (memory: chunk * n states), one row more at each end of the window;
**      an object whose state fails or is implausible is left out from its
**      chunk on, with a DROPPED warning;
**   3. at every instant of the window, the search (screen_search.c), in
**      parallel over the instants of a chunk.
** The result owns its arrays and names objects by catalog index only.
*/
#include "internal.h"
#include "orbwatch/time.h"
#include "orbwatch/batch.h"
#include "screen_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define CHUNK_STEPS_DEFAULT 64

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int resolve_threads(int threads)
{
#ifdef _OPENMP
  return threads > 0 ? threads : omp_get_max_threads();
#else
  (void)threads;
  return 1;
#endif
}

/* ---- 1. the objects kept ------------------------------------------------ */

typedef ow__screen_band band;

static int cmp_band(const void *a, const void *b)
{
  double x = ((const band *)a)->lo, y = ((const band *)b)->lo;
  return (x > y) - (x < y);
}

/* 1 if the object's band overlaps one of the merged bands pb[0..nb):
** the first merged band with hi >= the object's lo, then overlap. */
static int band_reach(const band *pb, size_t nb, const ow__screen_obj *o)
{
  size_t lo = 0, hi = nb;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (pb[mid].hi < o->band_lo_km)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < nb && pb[lo].lo <= o->band_hi_km;
}

/* The local objects of a slice: arrays over the kept objects. */
typedef struct locals {
  size_t n;
  size_t *gidx;               /* local -> catalog index */
  ow__screen_obj *obj;
  unsigned char *is_prim, *is_scan, *valid;
  ow__screen_geom *geo;       /* NULL: no geometry filter */
  ow__screen_geom_win *gwin;  /* envelopes over the current chunk */
} locals;

static void locals_free(locals *l)
{
  free(l->gidx), free(l->obj);
  free(l->is_prim), free(l->is_scan), free(l->valid);
  free(l->geo), free(l->gwin);
  memset(l, 0, sizeof *l);
}

static int locals_alloc(locals *l, size_t n, int geometry)
{
  memset(l, 0, sizeof *l);
  l->gidx = malloc((n + 1) * sizeof *l->gidx);
  l->obj = malloc((n + 1) * sizeof *l->obj);
  l->is_prim = calloc(n + 1, 1);
  l->is_scan = calloc(n + 1, 1);
  l->valid = calloc(n + 1, 1);
  if (geometry) {
    l->geo = malloc((n + 1) * sizeof *l->geo);
    l->gwin = malloc((n + 1) * sizeof *l->gwin);
  }
  if (!l->gidx || !l->obj || !l->is_prim || !l->is_scan || !l->valid ||
      (geometry && (!l->geo || !l->gwin))) {
    locals_free(l);
    return OW_E_NOMEM;
  }
  return OW_OK;
}

/* The block's primaries: scan[i] = 1, and their bands widened by the
** search distance, merged into disjoint sorted intervals (*pb, *nb). */
static int block_bands(const ow_screen_plan *p, size_t block,
                       unsigned char *scan, band **pb, size_t *nb)
{
  const ow__screen_plan_int *in = p->in_;
  size_t b0 = in->block_start[block], b1 = in->block_start[block + 1];
  band *b = malloc((b1 - b0 + 1) * sizeof *b);
  if (!b)
    return OW_E_NOMEM;
  size_t m = 0;
  for (size_t k = b0; k < b1; k++) {
    size_t i = in->prim_idx[k];
    scan[i] = 1;
    b[m].lo = in->obj[i].band_lo_km - in->d_search;
    b[m++].hi = in->obj[i].band_hi_km + in->d_search;
  }
  qsort(b, m, sizeof *b, cmp_band);
  size_t q = 0;
  for (size_t k = 0; k < m; k++) {
    if (q > 0 && b[k].lo <= b[q - 1].hi)
      b[q - 1].hi = fmax(b[q - 1].hi, b[k].hi);
    else
      b[q++] = b[k];
  }
  *pb = b, *nb = q;
  return OW_OK;
}

/* gone[i] = 1 for the objects (not the block's primaries) that the bands
** keep but whose orbit paths stay apart from every primary's of the block
** over the whole span (screen_geom.c); in parallel (up to 28 windows a
** week per primary and object). */
static int geometry_prune(const ow_screen_plan *p, const unsigned char *scan,
                          const band *pb, size_t nb, unsigned char *gone)
{
  const ow__screen_plan_int *in = p->in_;
  size_t nwin = in->nwin_geo, npw = 0;
  double span_s = p->opt.span_day * 86400.0;
  for (size_t i = 0; i < p->n; i++)
    npw += scan[i];
  ow__screen_geom_win *pw = malloc((npw + 1) * (nwin + 1) * sizeof *pw);
  if (!pw)
    return OW_E_NOMEM;
  npw = 0;
  for (size_t i = 0; i < p->n; i++)
    if (scan[i])
      ow__screen_geom_windows(&in->geo[i], span_s, nwin,
                              &pw[npw++ * (nwin + 1)]);
  int nomem = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(resolve_threads(p->opt.threads))
#endif
  {
    ow__screen_geom_win *sc = malloc((nwin + 1) * sizeof *sc);
    if (!sc) {
#ifdef _OPENMP
#pragma omp atomic write
#endif
      nomem = 1;
    }
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
    for (long ii = 0; ii < (long)p->n; ii++) {
      size_t i = (size_t)ii;
      if (sc && !scan[i] && !in->excluded[i] &&
          band_reach(pb, nb, &in->obj[i]) &&
          ow__screen_geom_apart_all(&in->geo[i], pw, npw, nwin, span_s,
                                    in->d_search, sc))
        gone[i] = 1;
    }
    free(sc);
  }
  free(pw);
  return nomem ? OW_E_NOMEM : OW_OK;
}

/* Fill l with the objects the slice keeps; obj_state and stats of out. */
static int select_objects(const ow_screen_plan *p, size_t block, locals *l,
                          ow_screen_slice_result *out)
{
  const ow__screen_plan_int *in = p->in_;
  unsigned char *scan = calloc(p->n + 1, 1);
  unsigned char *gone = NULL;
  band *pb = NULL;
  size_t nb = 0;
  int rc = scan ? locals_alloc(l, p->n, in->geo != NULL) : OW_E_NOMEM;
  if (rc == OW_OK && in->prim_mode)
    rc = block_bands(p, block, scan, &pb, &nb);
  if (rc == OW_OK && in->prim_mode && in->geo) {
    gone = calloc(p->n + 1, 1);
    rc = gone ? geometry_prune(p, scan, pb, nb, gone) : OW_E_NOMEM;
  }
  size_t nl = 0;
  for (size_t i = 0; rc == OW_OK && i < p->n; i++) {
    if (in->excluded[i])
      continue;
    if (in->prim_mode && !scan[i]) {
      if (!band_reach(pb, nb, &in->obj[i]))
        continue;
      if (gone && gone[i]) {
        out->obj_state[i] |= OW_SCREEN_OBJ_PRUNED;
        out->stats.geometry_pruned++;
        continue;
      }
    }
    out->obj_state[i] |= OW_SCREEN_OBJ_KEPT;
    l->gidx[nl] = i;
    if (l->geo)
      l->geo[nl] = in->geo[i];
    l->obj[nl] = in->obj[i];
    l->is_prim[nl] = in->prim[i];
    l->is_scan[nl] = in->prim_mode ? scan[i] : 0;
    l->valid[nl] = 1;
    nl++;
  }
  l->n = nl;
  out->stats.screened = nl;
  free(scan), free(gone), free(pb);
  return rc;
}

/* ---- 2. propagation in chunks ------------------------------------------- */

/* Rows [r0, r0 + nk) of the grid in out, and the two rows before r0
** (saved from the previous chunk). */
typedef struct chunks {
  ow_batch batch;
  ow_time_grid grid;
  size_t cap;              /* rows per chunk */
  size_t r0, nk;           /* the current chunk */
  ow_batch_out out;        /* cap * n states */
  double *saved[7];        /* 2 rows each: x y z vx vy vz, status */
  size_t n;
} chunks;

static void chunks_free(chunks *c)
{
  ow_batch_free(&c->batch);
  free(c->out.x_km), free(c->out.y_km), free(c->out.z_km);
  free(c->out.vx_km_s), free(c->out.vy_km_s), free(c->out.vz_km_s);
  free(c->out.status);
  for (int k = 0; k < 7; k++)
    free(c->saved[k]);
  memset(c, 0, sizeof *c);
}

/* The out-of-memory message: what was asked, how much, what to change. */
static int nomem(ow_err *err, const char *what, size_t n, size_t cap,
                 int threads)
{
  double chunk_mib = (double)cap * (double)n * (6 * sizeof(double) +
                                                sizeof(int)) / 1048576.0;
  double grid_mib = (double)threads * (double)ow__screen_grid_bytes(n) /
                    1048576.0;
  return ow_err_set(err, OW_E_NOMEM, "screen",
                    "out of memory for the %s: %zu objects need about "
                    "%.0f MiB of propagated states (%zu steps a chunk) and "
                    "%.0f MiB of search grids (%d threads); use fewer "
                    "threads, shorter chunks or smaller primary blocks",
                    what, n, chunk_mib, cap, grid_mib, threads);
}

static int chunks_init(chunks *c, const ow_screen_plan *p, const locals *l,
                       size_t rows, int threads, ow_err *err)
{
  memset(c, 0, sizeof *c);
  size_t n = l->n;
  size_t cap = p->opt.chunk_steps ? p->opt.chunk_steps : CHUNK_STEPS_DEFAULT;
  cap = cap < 2 ? 2 : cap > rows ? (rows < 2 ? 2 : rows) : cap;
  c->cap = cap, c->n = n;
  ow_sgp4 *lm = malloc((n + 1) * sizeof *lm);
  if (!lm)
    return nomem(err, "models", n, cap, threads);
  for (size_t k = 0; k < n; k++)
    lm[k] = p->models[l->gidx[k]];
  int rc = ow_batch_init(&c->batch, lm, n, err);
  free(lm);
  if (rc < 0)
    return rc == OW_E_NOMEM ? nomem(err, "batch", n, cap, threads) : rc;
  ow_batch_set_threads(&c->batch, threads);
  c->grid.start_utc = p->opt.start_utc;
  c->grid.step_s = p->in_->h;
  c->grid.n = p->steps;
  size_t m = cap * (n ? n : 1);
  double **d[6] = {&c->out.x_km,    &c->out.y_km,    &c->out.z_km,
                   &c->out.vx_km_s, &c->out.vy_km_s, &c->out.vz_km_s};
  int bad = 0;
  for (int k = 0; k < 6; k++)
    bad |= !(*d[k] = malloc(m * sizeof **d[k]));
  bad |= !(c->out.status = malloc(m * sizeof *c->out.status));
  for (int k = 0; k < 7; k++)
    bad |= !(c->saved[k] = malloc(2 * (n + 1) * sizeof(double)));
  c->out.ld = n;
  if (bad) {
    chunks_free(c);
    return nomem(err, "propagated states", n, cap, threads);
  }
  return OW_OK;
}

/* Row k (global) of the current chunk or of the two saved before it. */
static void row_at(const chunks *c, size_t k, ow__screen_row *w)
{
  if (k >= c->r0) {
    size_t o = (k - c->r0) * c->out.ld;
    w->x = c->out.x_km + o, w->y = c->out.y_km + o, w->z = c->out.z_km + o;
    w->vx = c->out.vx_km_s + o, w->vy = c->out.vy_km_s + o;
    w->vz = c->out.vz_km_s + o;
    w->st = c->out.status + o;
    return;
  }
  size_t r = k + 2 - c->r0, n = c->n;
  double *const *s = c->saved;
  w->x = s[0] + r * n, w->y = s[1] + r * n, w->z = s[2] + r * n;
  w->vx = s[3] + r * n, w->vy = s[4] + r * n, w->vz = s[5] + r * n;
  w->st = (const int *)(s[6] + r * n);
}

/* Keep the chunk's last two rows for the next one. */
static void chunks_save(chunks *c)
{
  size_t n = c->n;
  for (size_t r = 0; r < 2 && c->nk >= 2; r++) {
    size_t o = (c->nk - 2 + r) * c->out.ld;
    memcpy(c->saved[0] + r * n, c->out.x_km + o, n * sizeof(double));
    memcpy(c->saved[1] + r * n, c->out.y_km + o, n * sizeof(double));
    memcpy(c->saved[2] + r * n, c->out.z_km + o, n * sizeof(double));
    memcpy(c->saved[3] + r * n, c->out.vx_km_s + o, n * sizeof(double));
    memcpy(c->saved[4] + r * n, c->out.vy_km_s + o, n * sizeof(double));
    memcpy(c->saved[5] + r * n, c->out.vz_km_s + o, n * sizeof(double));
    memcpy(c->saved[6] + r * n, c->out.status + o, n * sizeof(int));
  }
}

/* Rows of the objects whose model a table replaces: ow_traj_state at the
** grid's instants (the batch propagated their stand-in elements). */
static void table_rows(const ow_screen_plan *p, const locals *l, chunks *c)
{
  for (size_t i = 0; i < l->n; i++) {
    const ow_traj *t = ow__screen_tab(&p->opt, l->gidx[i]);
    if (!t)
      continue;
    for (size_t r = 0; r < c->nk; r++) {
      size_t o = r * c->out.ld + i;
      double rv[3], vv[3];
      ow_jd jd = ow_jd_normalize(ow_time_grid_at(&c->grid, c->r0 + r));
      c->out.status[o] = ow_traj_state(t, jd, rv, vv, NULL);
      c->out.x_km[o] = rv[0], c->out.y_km[o] = rv[1], c->out.z_km[o] = rv[2];
      c->out.vx_km_s[o] = vv[0], c->out.vy_km_s[o] = vv[1];
      c->out.vz_km_s[o] = vv[2];
    }
  }
}

/* Objects with a failed or implausible state in the chunk: left out from
** here on, one DROPPED warning each. */
static int drop_failed(const ow_screen_plan *p, const chunks *c, locals *l,
                       ow_screen_slice_result *out, size_t *wcap)
{
  for (size_t r = 0; r < c->nk; r++) {
    size_t o = r * c->out.ld;
    const int *sr = c->out.status + o;
    const double *x = c->out.x_km + o, *y = c->out.y_km + o;
    const double *z = c->out.z_km + o, *vx = c->out.vx_km_s + o;
    const double *vy = c->out.vy_km_s + o, *vz = c->out.vz_km_s + o;
    for (size_t i = 0; i < l->n; i++) {
      if (!l->valid[i] ||
          (sr[i] == OW_OK && ow__screen_plausible(&l->obj[i], x[i], y[i],
                                                  z[i], vx[i], vy[i], vz[i])))
        continue;
      l->valid[i] = 0;
      out->stats.failed++;
      size_t gi = l->gidx[i];
      out->obj_state[gi] |= OW_SCREEN_OBJ_DROPPED;
      ow_screen_warning w;
      memset(&w, 0, sizeof w);
      w.code = OW_SCREEN_W_DROPPED;
      w.index = gi, w.norad = p->es[gi].norad, w.status = sr[i];
      w.t_utc = ow_jd_normalize(ow_time_grid_at(&c->grid, c->r0 + r));
      char t[OW_ISO_BUF];
      ow_time_format_iso(w.t_utc, 0, t, sizeof t);
      double rk = sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]);
      double vk = sqrt(vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
      if (sr[i] != OW_OK)
        snprintf(w.msg, sizeof w.msg, "%s at %s; left out from then on",
                 ow_strerror(sr[i]), t);
      else
        snprintf(w.msg, sizeof w.msg, "implausible state at %s (radius "
                 "%.6g km, speed %.6g km/s); left out from then on", t, rk,
                 vk);
      if (ow__screen_warn_push(&out->warnings, &out->n_warnings, wcap, &w))
        return OW_E_NOMEM;
    }
  }
  return OW_OK;
}

/* ---- 3. the search over the window -------------------------------------- */

typedef struct search {
  int threads;
  ow__screen_tls *tl;
  ow__screen_grid **grids;
} search;

static void search_free(search *s)
{
  if (s->tl)
    for (int k = 0; k < s->threads; k++)
      free(s->tl[k].ev);
  if (s->grids)
    for (int k = 0; k < s->threads; k++)
      ow__screen_grid_free(s->grids[k]);
  free(s->tl), free(s->grids);
  memset(s, 0, sizeof *s);
}

static int search_init(search *s, size_t n, int threads)
{
  memset(s, 0, sizeof *s);
  s->threads = threads;
  s->tl = calloc((size_t)threads, sizeof *s->tl);
  s->grids = calloc((size_t)threads, sizeof *s->grids);
  if (!s->tl || !s->grids)
    return OW_E_NOMEM;
  for (int k = 0; k < threads; k++)
    if (!(s->grids[k] = ow__screen_grid_new(n)))
      return OW_E_NOMEM;
  return OW_OK;
}

/* Instants [ka, kb) of the current chunk, in parallel. */
static void search_chunk(const ow__screen_ctx *cx, const chunks *c,
                         search *s, size_t ka, size_t kb)
{
  size_t steps = c->grid.n;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(s->threads)
#endif
  for (long kk = (long)ka; kk < (long)kb; kk++) {
    int tid = 0;
#ifdef _OPENMP
    tid = omp_get_thread_num();
#endif
    size_t k = (size_t)kk;
    ow__screen_row w, wp, wn;
    row_at(c, k, &w);
    if (k > 0)
      row_at(c, k - 1, &wp);
    if (k + 1 < steps)
      row_at(c, k + 1, &wn);
    ow__screen_rows rw = {&w, k > 0 ? &wp : NULL,
                          k + 1 < steps ? &wn : NULL, k};
    ow__screen_instant(cx, s->grids[tid], &rw, &s->tl[tid]);
  }
}

/* Orbit-geometry envelopes over every interval instants [ka, kb) test. */
static void chunk_envelopes(const locals *l, double h, size_t ka, size_t kb,
                            int threads)
{
  double ta = fmax(0.0, ((double)ka - 1.0) * h), tb = (double)kb * h;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(threads) \
    if (l->n > 4096)
#endif
  for (long i = 0; i < (long)l->n; i++)
    ow__screen_geom_window(&l->geo[i], ta, tb, &l->gwin[i]);
}

/* The window [k0, k1): rows max(k0 - 1, 0) .. min(k1, steps - 1). */
static int run_window(const ow_screen_plan *p, const ow__screen_ctx *cx,
                      locals *l, chunks *c, search *s,
                      ow_screen_slice_result *out, ow_err *err)
{
  size_t k0 = out->k0, k1 = out->k1, steps = p->steps;
  size_t ra = k0 > 0 ? k0 - 1 : 0, rb = k1 < steps ? k1 : steps - 1;
  size_t next_k = k0, wcap = 0;
  ow_screen_stats *st = &out->stats;
  double t0 = now_s();
  for (size_t r0 = ra; r0 <= rb; r0 += c->nk) {
    c->r0 = r0;
    c->nk = rb + 1 - r0 < c->cap ? rb + 1 - r0 : c->cap;
    double tp = now_s();
    int rc = ow_batch_grid(&c->batch, &c->grid, r0, c->nk, OW_FRAME_TEME,
                           NULL, &c->out);
    st->t_propagate_s += now_s() - tp;
    if (rc < 0)
      return rc == OW_E_NOMEM ? nomem(err, "propagation", l->n, c->cap,
                                      s->threads)
                              : ow_err_set(err, rc, "screen",
                                           "propagation failed: %s",
                                           ow_strerror(rc));
    if (p->opt.trajs)
      table_rows(p, l, c);
    if (drop_failed(p, c, l, out, &wcap) < 0)
      return nomem(err, "warnings", l->n, c->cap, s->threads);
    int last = r0 + c->nk == rb + 1;
    size_t k_end = last ? k1 : r0 + c->nk - 1; /* exclusive */
    if (l->gwin)
      chunk_envelopes(l, p->in_->h, next_k, k_end, s->threads);
    search_chunk(cx, c, s, next_k, k_end);
    next_k = k_end;
    chunks_save(c);
    if (p->opt.progress)
      p->opt.progress(p->opt.progress_user, next_k - k0, k1 - k0);
  }
  st->t_search_s = now_s() - t0 - st->t_propagate_s;
  return OW_OK;
}

/* The threads' minima and counts into out. */
static int gather(const search *s, ow_screen_slice_result *out)
{
  size_t total = 0;
  ow_screen_stats *st = &out->stats;
  for (int k = 0; k < s->threads; k++) {
    const ow__screen_tls *t = &s->tl[k];
    if (t->nomem)
      return OW_E_NOMEM;
    total += t->n;
    st->pairs_in_radius += t->pairs;
    st->intervals_tested += t->intervals;
    st->refinements += t->refinements;
    st->geometry_rejected += t->geom;
    st->geometry_tested += t->geom_tested;
  }
  st->minima = total;
  out->events = malloc((total + 1) * sizeof *out->events);
  if (!out->events)
    return OW_E_NOMEM;
  for (int k = 0; k < s->threads; k++) {
    if (s->tl[k].n == 0)
      continue; /* its ev may be NULL */
    memcpy(out->events + out->n, s->tl[k].ev,
           s->tl[k].n * sizeof *s->tl[k].ev);
    out->n += s->tl[k].n;
  }
  return OW_OK;
}

int ow_screen_slice_run(const ow_screen_plan *p, size_t slice,
                        ow_screen_slice_result *out, ow_err *err)
{
  if (!out)
    return OW_E_ARG;
  memset(out, 0, sizeof *out);
  if (!p || !p->in_ || slice >= p->n_slices)
    return ow_err_set(err, OW_E_ARG, "slice", "slice %zu not in the plan",
                      slice);
  const ow__screen_plan_int *in = p->in_;
  size_t block = slice / p->n_windows, win = slice % p->n_windows;
  out->slice = slice;
  out->k0 = win * p->window_steps;
  out->k1 = out->k0 + p->window_steps < p->steps
                ? out->k0 + p->window_steps : p->steps;
  out->n_objects = p->n;
  out->stats.objects = p->n;
  out->stats.steps = out->k1 - out->k0;
  out->stats.step_s = in->h;
  out->stats.search_radius_km = in->cell_l;
  int threads = resolve_threads(p->opt.threads);
  locals l;
  chunks c;
  search s;
  memset(&l, 0, sizeof l), memset(&c, 0, sizeof c), memset(&s, 0, sizeof s);
  int rc = OW_OK;
  out->obj_state = calloc(p->n + 1, 1);
  if (!out->obj_state || select_objects(p, block, &l, out) < 0) {
    rc = nomem(err, "object selection", p->n, 0, threads);
    goto done;
  }
  size_t rows = out->k1 - out->k0 + 2;
  if ((rc = chunks_init(&c, p, &l, rows, threads, err)) < 0)
    goto done;
  if (search_init(&s, l.n, threads) < 0) {
    rc = nomem(err, "search grids", l.n, c.cap, threads);
    goto done;
  }
  ow__screen_ctx cx = {p->es, p->models, &p->opt, l.gidx, l.obj, l.is_prim,
                       l.is_scan, l.valid, l.n, in->prim_mode, in->h,
                       in->d_search, in->cell_l, l.gwin, in->scan,
                       in->scan2};
  if ((rc = run_window(p, &cx, &l, &c, &s, out, err)) < 0)
    goto done;
  if (gather(&s, out) < 0)
    rc = nomem(err, "events", l.n, c.cap, threads);
done:
  search_free(&s);
  chunks_free(&c);
  locals_free(&l);
  if (rc < 0)
    ow_screen_slice_result_free(out);
  return rc < 0 ? rc : OW_OK;
}

void ow_screen_slice_result_free(ow_screen_slice_result *s)
{
  if (!s)
    return;
  free(s->events);
  free(s->warnings);
  free(s->obj_state);
  memset(s, 0, sizeof *s);
}
