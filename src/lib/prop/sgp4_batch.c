/*
** sgp4_batch.c - the batch SGP4/SDP4 engine: building the block layout,
** choosing the ISA kernel at run time, OpenMP threads, Earth-fixed frames
** and the chunked grid stream. Exports the functions of orbwatch/batch.h.
**
** The numerics live in sgp4_batch_kernel.h (compiled per ISA); this file
** only arranges data: blocks of 8 objects of one kind (sgp4_batch_impl.h),
** sorted inside each kind so that neighbouring lanes take similar paths
** (eccentricity drives the Kepler iteration count, low inclination the
** Lyddane branch of the deep-space periodics).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "internal.h"
#include "sgp4_batch_impl.h"

/* ---- ISA selection ---------------------------------------------------- */

const char *ow_batch_isa_name(ow_batch_isa isa)
{
  switch (isa) {
  case OW_ISA_AUTO: return "auto";
  case OW_ISA_SSE2: return "sse2";
  case OW_ISA_AVX2: return "avx2";
  case OW_ISA_AVX512: return "avx512";
  }
  return "unknown";
}

int ow_batch_isa_parse(const char *name, ow_batch_isa *isa)
{
  static const ow_batch_isa all[] = {OW_ISA_AUTO, OW_ISA_SSE2, OW_ISA_AVX2,
                                     OW_ISA_AVX512};
  if (!name || !isa)
    return OW_E_ARG;
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if (!strcmp(name, ow_batch_isa_name(all[i]))) {
      *isa = all[i];
      return OW_OK;
    }
  return OW_E_ARG;
}

int ow_batch_isa_supported(ow_batch_isa isa)
{
  __builtin_cpu_init();
  switch (isa) {
  case OW_ISA_AUTO:
  case OW_ISA_SSE2:
    return 1;
  case OW_ISA_AVX2:
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  case OW_ISA_AVX512:
    return __builtin_cpu_supports("avx512f") &&
           __builtin_cpu_supports("avx512dq");
  }
  return 0;
}

static ow_batch_isa isa_best(void)
{
  if (ow_batch_isa_supported(OW_ISA_AVX512))
    return OW_ISA_AVX512;
  if (ow_batch_isa_supported(OW_ISA_AVX2))
    return OW_ISA_AVX2;
  return OW_ISA_SSE2;
}

static ow__bkernel_fn kernel_for(ow_batch_isa isa)
{
  switch (isa) {
  case OW_ISA_AVX512: return ow__bkernel_avx512;
  case OW_ISA_AVX2: return ow__bkernel_avx2;
  default: return ow__bkernel_sse2;
  }
}

int ow_batch_set_isa(ow_batch *b, ow_batch_isa isa)
{
  if (!b)
    return OW_E_ARG;
  if (isa == OW_ISA_AUTO)
    isa = isa_best();
  if (!ow_batch_isa_supported(isa))
    return OW_E_UNSUPPORTED;
  b->isa = isa;
  return OW_OK;
}

void ow_batch_set_threads(ow_batch *b, int threads)
{
  if (b)
    b->threads = threads < 0 ? 0 : threads;
}

/* ---- building ----------------------------------------------------------- */

typedef struct sort_key {
  int kind;
  double k1, k2; /* kind-dependent ordering keys */
  size_t i;
} sort_key;

static int cmp_key(const void *pa, const void *pb)
{
  const sort_key *a = pa, *b = pb;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->k1 != b->k1)
    return a->k1 < b->k1 ? -1 : 1;
  if (a->k2 != b->k2)
    return a->k2 < b->k2 ? -1 : 1;
  return a->i < b->i ? -1 : a->i > b->i;
}

static void put_lane(ow__bblock *blk, int lane, const ow__bcoef *c,
                     int64_t idx)
{
#define OW__BF_PUT(name) blk->f[OW__BF_##name][lane] = c->name;
  OW__BATCH_FIELDS(OW__BF_PUT)
#undef OW__BF_PUT
  blk->idx[lane] = idx;
}

typedef struct blk_key {
  int64_t first; /* smallest live object index of the block */
  size_t b;
} blk_key;

static int cmp_blk(const void *pa, const void *pb)
{
  const blk_key *a = pa, *b = pb;
  return a->first < b->first ? -1 : a->first > b->first;
}

/*
** Put the blocks in the order of their first object. Kinds interleave in
** a catalog, so in kind order the blocks writing to one output cache line
** (8 consecutive objects) run far apart in time and each revisit of the
** line misses the caches (a 64-step chunk of the 2023-10 catalog is 87 MB
** of output); in this order they run one after the other while the line is
** still in L2. Threads also take neighbouring blocks in turn less often.
*/
static int order_blocks(ow__bblock **blocks, size_t nblk)
{
  blk_key *bk = malloc((nblk ? nblk : 1) * sizeof *bk);
  ow__bblock *out = aligned_alloc(64, (nblk ? nblk : 1) * sizeof *out);
  if (!bk || !out) {
    free(bk);
    free(out);
    return OW_E_NOMEM;
  }
  for (size_t b = 0; b < nblk; b++) {
    const ow__bblock *blk = &(*blocks)[b];
    int64_t first = INT64_MAX;
    for (int l = 0; l < blk->nlive; l++)
      if (blk->idx[l] >= 0 && blk->idx[l] < first)
        first = blk->idx[l];
    bk[b].first = first;
    bk[b].b = b;
  }
  qsort(bk, nblk, sizeof *bk, cmp_blk);
  for (size_t b = 0; b < nblk; b++)
    out[b] = (*blocks)[bk[b].b];
  free(bk);
  free(*blocks);
  *blocks = out;
  return OW_OK;
}

int ow__batch_build(ow_batch *b, const ow__bcoef *coef, size_t n, ow_err *err)
{
  memset(b, 0, sizeof *b);
  b->isa = isa_best();
  if (n == 0)
    return OW_OK;
  if (!coef)
    return ow_err_set(err, OW_E_ARG, "models", "NULL with n = %zu", n);
  sort_key *keys = malloc(n * sizeof *keys);
  if (!keys)
    return ow_err_set(err, OW_E_NOMEM, "batch", "%zu sort keys", n);
  for (size_t i = 0; i < n; i++) {
    const ow__bcoef *c = &coef[i];
    keys[i].kind = c->kind;
    keys[i].i = i;
    /*
    ** Within a kind, objects keep the caller's order: a block's lanes are
    ** then consecutive objects and its outputs are whole vector stores (the
    ** scattered stores of a sorted order cost more than the lane
    ** divergence that sorting by eccentricity would save).
    */
    keys[i].k1 = 0.0;
    keys[i].k2 = 0.0;
    /* deep space: low-inclination orbits (Lyddane's form, a costlier
       path taken per vector) are grouped, at the price of scattered
       stores for their blocks */
    if (c->kind >= OW__BK_DEEP)
      keys[i].k1 = c->inclo < 0.2 ? 0.0 : 1.0;
  }
  qsort(keys, n, sizeof *keys, cmp_key);
  /* number of blocks: each kind padded to whole blocks */
  size_t nblk = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && keys[j].kind == keys[i].kind)
      j++;
    nblk += (j - i + OW__BLK - 1) / OW__BLK;
    i = j;
  }
  ow__bblock *blocks = aligned_alloc(64, nblk * sizeof *blocks);
  if (!blocks) {
    free(keys);
    return ow_err_set(err, OW_E_NOMEM, "batch", "%zu blocks", nblk);
  }
  size_t bi = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && keys[j].kind == keys[i].kind)
      j++;
    for (size_t s = i; s < j; s += OW__BLK) {
      ow__bblock *blk = &blocks[bi++];
      size_t m = j - s < OW__BLK ? j - s : OW__BLK;
      blk->kind = keys[s].kind;
      blk->nlive = (int)m;
      blk->contiguous = m == OW__BLK;
      for (int l = 0; l < OW__BLK; l++) {
        /* padding lanes repeat the last object and are never written */
        size_t src = (size_t)l < m ? s + (size_t)l : s + m - 1;
        put_lane(blk, l, &coef[keys[src].i],
                 (size_t)l < m ? (int64_t)keys[src].i : -1);
        if ((size_t)l < m && keys[src].i != keys[s].i + (size_t)l)
          blk->contiguous = 0;
      }
    }
    i = j;
  }
  int s = order_blocks(&blocks, nblk);
  if (s) {
    free(blocks);
    free(keys);
    return ow_err_set(err, s, "batch", "%zu blocks", nblk);
  }
  for (size_t i = 0; i < n; i++) {
    int k = coef[i].kind;
    int method = k == OW__BK_NEAR_SIMPLE ? OW_SGP4_NEAR_SIMPLE
                 : k == OW__BK_NEAR_FULL ? OW_SGP4_NEAR_FULL
                 : k == OW__BK_DEEP      ? OW_SGP4_DEEP
                                         : OW_SGP4_DEEP_RESONANT;
    b->count_by_method[method]++;
  }
  free(keys);
  b->blocks_ = blocks;
  b->nblocks_ = nblk;
  b->n = n;
  return OW_OK;
}

int ow_batch_init(ow_batch *b, const ow_sgp4 *models, size_t n, ow_err *err)
{
  if (!b)
    return OW_E_ARG;
  memset(b, 0, sizeof *b);
  if (n > 0 && !models)
    return ow_err_set(err, OW_E_ARG, "models", "NULL with n = %zu", n);
  ow__bcoef *coef = malloc((n ? n : 1) * sizeof *coef);
  if (!coef)
    return ow_err_set(err, OW_E_NOMEM, "batch", "%zu coefficient sets", n);
  for (size_t i = 0; i < n; i++) {
    int s = ow__bcoef_from_sgp4(&models[i], &coef[i]);
    if (s < 0) {
      free(coef);
      return ow_err_set(err, s, "models", "model %zu cannot be batched", i);
    }
  }
  int s = ow__batch_build(b, coef, n, err);
  free(coef);
  return s;
}

void ow_batch_free(ow_batch *b)
{
  if (!b)
    return;
  free(b->blocks_);
  memset(b, 0, sizeof *b);
}

/* ---- running ------------------------------------------------------------ */

static int check_out(const ow_batch *b, const ow_batch_out *out)
{
  if (!b || !out)
    return OW_E_ARG;
  if (b->n > 0 && out->ld < b->n)
    return OW_E_ARG;
  return OW_OK;
}

/*
** Threads split the blocks (dynamic: deep-space blocks cost several times
** more than near-earth ones); each thread walks all the times of its
** blocks, so a block's coefficients stay in L1 for the whole chunk.
*/
static void run(const ow_batch *b, const ow__btimes *ts,
                const ow_batch_out *out)
{
  ow__bkernel_fn fn = kernel_for(b->isa);
  const ow__bblock *blocks = b->blocks_;
  long nblk = (long)b->nblocks_;
  int threads = b->threads;
#ifdef _OPENMP
  if (threads == 0)
    threads = omp_get_max_threads();
  if (threads > 1 && nblk > 1) {
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads)
    for (long i = 0; i < nblk; i++)
      fn(blocks, (size_t)i, (size_t)i + 1, ts, out);
    return;
  }
#endif
  (void)threads;
  fn(blocks, 0, (size_t)nblk, ts, out);
}

int ow_batch_tsince(const ow_batch *b, const double *tsince_min, size_t nt,
                    const ow_batch_out *out)
{
  int s = check_out(b, out);
  if (s)
    return s;
  if (nt == 0 || b->n == 0)
    return OW_OK;
  if (!tsince_min)
    return OW_E_ARG;
  ow__btimes ts = {nt, tsince_min, NULL, NULL};
  run(b, &ts, out);
  return OW_OK;
}

int ow_batch_propagate(const ow_sgp4 *models, size_t n,
                       const double *tsince_min, size_t nt,
                       const ow_batch_out *out, ow_err *err)
{
  ow_batch b;
  int s = ow_batch_init(&b, models, n, err);
  if (s < 0)
    return s;
  s = ow_batch_tsince(&b, tsince_min, nt, out);
  ow_batch_free(&b);
  return s;
}

/*
** The TEME-to-Earth-fixed transform is linear in (r, v): r' = M r, v' = M v
** + N r (N carries the Earth-rotation term). M and N are read off the
** frames module by transforming basis vectors, so the batch uses exactly
** the rotation ow_teme_to_itrf / ow_teme_to_pef compute, once per instant.
*/
static int frame_matrices(ow_frame frame, const ow_eop *eop, ow_jd jd,
                          double rot[18])
{
  int worst = OW_OK;
  for (int j = 0; j < 3; j++) {
    double e[3] = {0, 0, 0}, z[3] = {0, 0, 0}, r[3], v[3];
    e[j] = 1.0;
    int s = frame == OW_FRAME_ITRF ? ow_teme_to_itrf(eop, jd, e, z, r, v)
                                   : ow_teme_to_pef(eop, jd, e, z, r, v);
    if (s < 0)
      return s;
    if (s > 0)
      worst = s;
    for (int i = 0; i < 3; i++) {
      rot[3 * i + j] = r[i];
      rot[9 + 3 * i + j] = v[i];
    }
  }
  return worst;
}

int ow_batch_at(const ow_batch *b, const ow_jd *jd_utc, size_t nt,
                ow_frame frame, const ow_eop *eop, const ow_batch_out *out)
{
  int s = check_out(b, out);
  if (s)
    return s;
  if (frame != OW_FRAME_TEME && frame != OW_FRAME_PEF &&
      frame != OW_FRAME_ITRF)
    return OW_E_UNSUPPORTED;
  if (nt == 0 || b->n == 0)
    return OW_OK;
  if (!jd_utc)
    return OW_E_ARG;
  double *rot = NULL;
  int warn = OW_OK;
  if (frame != OW_FRAME_TEME) {
    rot = malloc(nt * 18 * sizeof *rot);
    if (!rot)
      return OW_E_NOMEM;
    for (size_t k = 0; k < nt; k++) {
      s = frame_matrices(frame, eop, jd_utc[k], rot + 18 * k);
      if (s < 0) {
        free(rot);
        return s;
      }
      if (s > 0)
        warn = s;
    }
  }
  ow__btimes ts = {nt, NULL, jd_utc, rot};
  run(b, &ts, out);
  free(rot);
  return warn;
}

ow_jd ow_time_grid_at(const ow_time_grid *g, size_t k)
{
  ow_jd jd = g->start_utc;
  jd.frac += (double)k * g->step_s / 86400.0;
  return jd;
}

int ow_batch_grid(const ow_batch *b, const ow_time_grid *g, size_t k0,
                  size_t nk, ow_frame frame, const ow_eop *eop,
                  const ow_batch_out *out)
{
  if (!g || k0 > g->n || nk > g->n - k0)
    return OW_E_ARG;
  if (nk == 0)
    return check_out(b, out);
  ow_jd *jd = malloc(nk * sizeof *jd);
  if (!jd)
    return OW_E_NOMEM;
  for (size_t k = 0; k < nk; k++)
    jd[k] = ow_time_grid_at(g, k0 + k);
  int s = ow_batch_at(b, jd, nk, frame, eop, out);
  free(jd);
  return s;
}

/* ---- streaming ---------------------------------------------------------- */

int ow_batch_stream_init(ow_batch_stream *s, const ow_batch *b,
                         const ow_time_grid *g, size_t chunk_steps,
                         ow_frame frame, const ow_eop *eop, ow_err *err)
{
  if (!s)
    return OW_E_ARG;
  memset(s, 0, sizeof *s);
  if (!b || !g || chunk_steps == 0)
    return ow_err_set(err, OW_E_ARG, "stream", "batch, grid and a chunk of "
                      "at least one step are needed");
  s->batch = b;
  s->grid = *g;
  s->frame = frame;
  s->eop = eop;
  s->chunk = chunk_steps;
  size_t m = chunk_steps * (b->n ? b->n : 1);
  double **d[6] = {&s->out.x_km,    &s->out.y_km,    &s->out.z_km,
                   &s->out.vx_km_s, &s->out.vy_km_s, &s->out.vz_km_s};
  for (int i = 0; i < 6; i++) {
    *d[i] = malloc(m * sizeof **d[i]);
    if (!*d[i]) {
      ow_batch_stream_free(s);
      return ow_err_set(err, OW_E_NOMEM, "stream", "%zu states", m);
    }
  }
  s->out.status = malloc(m * sizeof *s->out.status);
  if (!s->out.status) {
    ow_batch_stream_free(s);
    return ow_err_set(err, OW_E_NOMEM, "stream", "%zu states", m);
  }
  s->out.ld = b->n;
  return OW_OK;
}

long ow_batch_stream_next(ow_batch_stream *s)
{
  if (!s || !s->batch)
    return OW_E_ARG;
  if (s->next_ >= s->grid.n) {
    s->nk = 0;
    return 0;
  }
  s->k0 = s->next_;
  s->nk = s->grid.n - s->k0 < s->chunk ? s->grid.n - s->k0 : s->chunk;
  s->status = ow_batch_grid(s->batch, &s->grid, s->k0, s->nk, s->frame,
                            s->eop, &s->out);
  if (s->status < 0)
    return s->status;
  s->next_ = s->k0 + s->nk;
  return (long)s->nk;
}

void ow_batch_stream_free(ow_batch_stream *s)
{
  if (!s)
    return;
  free(s->out.x_km);
  free(s->out.y_km);
  free(s->out.z_km);
  free(s->out.vx_km_s);
  free(s->out.vy_km_s);
  free(s->out.vz_km_s);
  free(s->out.status);
  memset(s, 0, sizeof *s);
}
