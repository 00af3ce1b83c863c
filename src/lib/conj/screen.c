/*
** screen.c - ow_screen_run: all-vs-all and primaries-vs-all screening over
** the batch engine's ephemeris. Exports ow_screen_opts_default,
** ow_screen_run, ow_screen_result_free, ow_screen_closest.
**
** Pipeline, cheapest first:
**   1. perigee/apogee bands (mean elements, padded) per object; in the
**      primaries mode, objects whose band cannot reach a primary's band are
**      not propagated at all; every pair is checked against them again.
**      The orbit-geometry filter (screen_geom.c: orbit paths that never
**      come within D) prunes more objects there, and tests each pair
**      after the bands, before the interval tests.
**   2. the batch engine propagates the kept objects on a grid of step h,
**      in chunks (ow_batch_stream): memory is chunk * n states.
**   3. at every grid instant t_k a grid of cubic cells of edge L, the
**      cells sorted by (x, y, z), lists the pairs closer than their
**      search radius R_ij (below): each cell with itself and its 13
**      forward neighbours (five runs of consecutive cells, copied into one
**      array of 32-byte single-precision records); a vectorised filter
**      (compiled per ISA, screen_scan_kernel.h) keeps the pairs within the
**      padded radius and the padded linear-motion bound of step 4, and
**      pair_test repeats both in double precision (the pads:
**      screen_scan.h), so the events do not depend on the filter.
**   4. for each such pair: a linear-motion bound with a curvature pad
**      (drops ~99%), the radial bands, then on the interval ahead (an
**      approaching pair) or behind (a receding one, when the pair was not
**      in its radius at t_k-1): the range rate must change sign from - to
**      + inside, and a lower bound of the distance over the interval, from
**      the cubic Hermite interpolant of the relative motion and its error
**      bound, must be below the threshold.
**   5. the interval is refined with the scalar model (screen_refine.c).
**
** Why no pair closer than D can be skipped (the search radius):
**   Let the pair come within D at t* in [t_k, t_k+1]; let t_m be the grid
**   instant nearer to t*, so |t* - t_m| <= h/2. Along the path,
**     |dr(t_m)| <= |dr(t*)| + |integral of dv from t* to t_m|
**               <= D + v_rel_max * h / 2,
**   where v_rel_max bounds |v1 - v2| <= |v1| + |v2| over [t_m - h/2,
**   t_m + h/2]; each speed is at most its value at t_m plus the object's
**   acceleration bound times h/2 (the velocity cannot change faster):
**   vb_i = |v_i(t_m)| + acc_i h / 2, acc_i = 1.01 mu / r_low^2 (r_low:
**   the lowest radius the element set can reach, decay included). This is
**   the triangle inequality along the actual curved path: no curvature
**   term is needed. So with
**     R_ij = D + (vb_i + vb_j) * h / 2,
**   the pair is within R_ij at t_m. The cell edge is L = D + V_CAP h, so
**   two objects with vb <= V_CAP within R_ij <= L are in the same or
**   adjacent cells (each cell is paired with itself and its 13 forward
**   neighbours; the single-precision filter only widens both tests, by
**   more than its rounding); an object with vb > V_CAP ("fast") searches the
**   cells that come within R of it, R with the instant's largest vb. The
**   interval containing t* is then tested from t_m (forward from t_k or
**   backward from t_k+1). In LEO vb ~ 7.9 km/s: R = D + 7.9 h; h = 60 s
**   gives R ~ 480 km. For an ellipsoidal volume D is its largest semi-axis.
**   The linear-motion test: |d^2 dr/dt^2| <= A = acc_1 + acc_2, so the
**   path stays within A t^2 / 2 of the straight line from the instant's
**   state. The sign test assumes that two extrema of the distance are
**   never within one step of each other (the relative motion of two
**   orbits turns on the orbital time scale: a quarter of the shortest
**   period, ~21 min, against h = 1 min).
**
** The Hermite bound: on [t_a, t_b] the cubic H with the relative positions
** and velocities at both ends has, per component, |dr - H| <= M4 h^4 / 384
** with M4 a bound of |d^4 r / dt^4|. For two-body motion |r''''| is of
** the order of (mu / r^2) (v / r)^2; M4_i = 20 (1 + 3e) (mu / rp^2)
** (vp / rp)^2 at the lowest radius is used (the factor is a margin; 20
** alone fell 1.7x short for a decaying GTO rocket body with e = 0.70:
** test_screen compares the interpolant with the scalar model over a
** whole catalog, error / bound <= 0.92, plus 1 m for rounding). For the
** pair, eps = sqrt(3) (M4_1 + M4_2) h^4 / 384 + 1 m (0.03 km for two LEO
** objects at h = 60 s). H lies in the
** convex hull of its Bezier points B0..B3, so the distance from the origin
** to H is at least dist(0, [B0 B3]) - max(dist(B1, [B0 B3]), dist(B2,
** [B0 B3])) (a distance to a convex set is convex, so its largest value
** over the hull is at a vertex). Two halvings (de Casteljau) tighten it.
*/
#include "internal.h"
#include "orbwatch/batch.h"
#include "orbwatch/population.h"
#include "orbwatch/screen.h"
#include "screen_priv.h"
#include "screen_scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define MU_KM3_S2 398600.8 /* WGS-72, as SGP4 (STR#3) */
#define RE_KM 6378.135     /* WGS-72 */
#define HERMITE_M4_MARGIN 20.0
/* Added to the Hermite bound: rounding in the deep-space model's states
** (5 mm measured for VELA 2, a = 118,000 km, where the two-body bound is
** 0.06 mm). */
#define HERMITE_FLOOR_KM 1e-3
#define VMAX_MARGIN 1.02
#define VMAX_PAD_KM_S 0.05
#define ACC_MARGIN 1.01
/* Objects whose speed bound over an instant's window is above this are
** 'fast' (eccentric orbits near perigee, very low LEO): the cell edge is
** sized for the others, and fast objects search several cells around. */
#define V_CAP_KM_S 8.2
/* The first tests run in single precision, widened by a pad
** (screen_scan.h); it also covers rounding in a slot's cell index. */
#define RADIUS_PAD_KM OW__SCAN_RADIUS_PAD_KM
/* Radial pads of the perigee/apogee bands: SGP4 short-period terms (J2:
** a few km in LEO) and lunisolar changes of e over a week (deep space),
** covered by 10 km + 1% of a; drag decay is added from ndot. */
#define BAND_PAD_KM 10.0
#define BAND_PAD_FRAC 0.01

static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void ow_screen_opts_default(ow_screen_opts *o, ow_jd start_utc)
{
  memset(o, 0, sizeof *o);
  o->start_utc = start_utc;
  o->span_day = OW_SCREEN_SPAN_DAY_DEFAULT;
  o->threshold_km = OW_SCREEN_THRESHOLD_KM_DEFAULT;
  o->step_s = OW_SCREEN_STEP_S_DEFAULT;
  o->chunk_steps = 64;
  o->merge_slow = 1;
}

void ow_screen_result_free(ow_screen_result *r)
{
  if (!r)
    return;
  free(r->events);
  r->events = NULL;
  r->n = 0;
}

/* ---- per-object bounds --------------------------------------------------- */

void ow__screen_object_bounds(const ow_elset *e, double age_day,
                              ow__screen_obj *o)
{
  double n_rad_s = e->n_rev_day * OW__TWOPI / 86400.0;
  double a = cbrt(MU_KM3_S2 / (n_rad_s * n_rad_s));
  double rp = a * (1.0 - e->ecc), ra = a * (1.0 + e->ecc);
  /* Decay from the epoch to the farthest instant screened, from ndot (n
  ** grows by 2 ndot2 per day; a shrinks by 2/3 of the relative change),
  ** doubled as a margin. Old element sets of decaying objects (ndot 3e-3,
  ** 3 months old, in the 2023-10 catalog) come out far lower than their
  ** epoch perigee. */
  double dn = fabs(2.0 * e->ndot_rev_day2 * age_day);
  double decay = e->n_rev_day > 0 ? 2.0 * (2.0 / 3.0) * a * dn / e->n_rev_day
                                  : 0.0;
  double rlow = rp - decay;
  if (rlow < RE_KM * 0.98)
    rlow = RE_KM * 0.98; /* below that the state is implausible anyway */
  double vp = sqrt(MU_KM3_S2 * (2.0 / rlow - 1.0 / a));
  o->vmax_km_s = vp * VMAX_MARGIN + VMAX_PAD_KM_S;
  double w = o->vmax_km_s / rlow;
  o->m4 = HERMITE_M4_MARGIN * (1.0 + 3.0 * e->ecc) * MU_KM3_S2 /
          (rlow * rlow) * w * w;
  /* Largest acceleration: central gravity at the lowest radius, +1% for
  ** J2 (1.6e-3 of it) and drag. */
  o->acc_km_s2 = ACC_MARGIN * MU_KM3_S2 / (rlow * rlow);
  double pad = BAND_PAD_KM + BAND_PAD_FRAC * a;
  o->band_lo_km = rlow - pad;
  o->band_hi_km = ra + pad;
}

/* ---- the spatial hash ---------------------------------------------------- */

/* One object of one instant in double precision: what pair_test reads
** (hot; built from the rows for the few pairs the filter passes: a
** slot-ordered copy cost more) and, per slot, what the tests after it
** read (cold). */
typedef struct hot {
  double x, y, z;     /* position */
  double vx, vy, vz;  /* velocity */
  double vb;          /* speed bound over [t_k - h/2, t_k + h/2] */
  double acc;         /* acceleration bound */
} hot;

typedef struct cold {
  double band_lo, band_hi;
  uint32_t i;         /* local object index */
  uint32_t fast, prim;
} cold;

/*
** The grid of one instant. Slots are the valid objects grouped by cell,
** the cells sorted by their packed key (x, then y, then z: a column's
** cells are consecutive, z increasing). The cells paired with a cell are
** then runs of consecutive cells: each forward neighbour column's run
** (z-1 to z+1) is found by a pointer that only moves forward as the scan
** goes through the sorted cells, with no look-up at all. An open-addressing
** table keyed by the packed key (load at most 1/2) builds the cells and
** serves the cube searches of fast objects.
*/
typedef struct cellent {
  uint64_t key;        /* packed cell coordinates, 0: empty */
  uint32_t cell;       /* index among the sorted cells */
  uint32_t cnt;        /* objects; then the next slot to fill */
} cellent;

/* A slot in single precision, what the candidate filter reads. */
typedef ow__scan_rec rec;

typedef struct grid {
  uint32_t tmask, tmax; /* table size - 1; largest size (2n) */
  int tshift;          /* 64 - log2(table size) */
  cellent *table;
  uint32_t ncell;
  uint64_t *ckey, *ckey2; /* sorted cell -> key (and sort scratch) */
  uint32_t *cpos, *cpos2; /* sorted cell -> table entry (and scratch) */
  uint32_t *cstart;    /* sorted cell -> first slot (ncell + 1 entries) */
  uint32_t *obj_pos;   /* local object -> its cell's entry (scratch) */
  rec *rec;            /* slot -> single-precision copy (x NaN if fast) */
  cold *cold;          /* slot -> the rest */
  rec *gb;             /* gathered candidates of a cell */
  uint32_t *gslot;     /* gathered candidate -> slot */
  rec *frec;           /* fast object -> its single-precision copy */
  uint32_t *fidx;      /* slot -> index among the fast objects */
  uint32_t *hit;       /* the kernel's output */
  uint32_t nslot;
  uint32_t nfast, *fast; /* slots of the fast objects */
  unsigned char *is_fast; /* slot -> 1 if fast */
  double vbmax;        /* largest vb of the instant */
  double xmax;         /* largest |coordinate| of the instant */
} grid;

static void grid_free(grid *g)
{
  free(g->table);
  free(g->ckey), free(g->ckey2), free(g->cpos), free(g->cpos2);
  free(g->cstart);
  free(g->obj_pos);
  free(g->rec);
  free(g->cold);
  free(g->gb);
  free(g->gslot);
  free(g->frec);
  free(g->fidx);
  free(g->hit);
  free(g->fast);
  free(g->is_fast);
  memset(g, 0, sizeof *g);
}

static void grid_size(grid *g, uint32_t m)
{
  g->tmask = m - 1;
  g->tshift = 64;
  for (uint32_t b = m; b > 1; b >>= 1)
    g->tshift--;
}

static int grid_init(grid *g, size_t n)
{
  memset(g, 0, sizeof *g);
  size_t m = 1024;
  while (m < 2 * n) /* at most n cells: load <= 1/2 at the largest */
    m *= 2;
  if (m > ((size_t)1 << 31))
    return OW_E_NOMEM;
  g->tmax = (uint32_t)m;
  grid_size(g, 1024);
  g->table = calloc(m, sizeof *g->table);
  /* Keys: 3 sentinels after the cells (scan_cell). */
  g->ckey = malloc((n + 3) * sizeof *g->ckey);
  g->ckey2 = malloc((n + 3) * sizeof *g->ckey2);
  g->cpos = malloc((n + 1) * sizeof *g->cpos);
  g->cpos2 = malloc((n + 1) * sizeof *g->cpos2);
  g->cstart = malloc((n + 2) * sizeof *g->cstart);
  g->obj_pos = malloc((n + 1) * sizeof *g->obj_pos);
  g->rec = malloc((n + 1) * sizeof *g->rec);
  g->cold = malloc((n + 1) * sizeof *g->cold);
  /* Zeroed: the padding sets only x (the other fields must be set). */
  g->gb = calloc(n + OW__SCAN_PAD, sizeof *g->gb);
  g->gslot = malloc((n + 1) * sizeof *g->gslot);
  g->frec = malloc((n + 1) * sizeof *g->frec);
  g->fidx = malloc((n + 1) * sizeof *g->fidx);
  g->hit = malloc((2 * n + 2) * sizeof *g->hit);
  g->fast = malloc((n + 1) * sizeof *g->fast);
  g->is_fast = malloc(n + 1);
  if (!g->table || !g->ckey || !g->ckey2 || !g->cpos || !g->cpos2 ||
      !g->cstart || !g->obj_pos || !g->rec || !g->cold || !g->gb ||
      !g->gslot || !g->frec || !g->fidx || !g->hit || !g->fast ||
      !g->is_fast) {
    grid_free(g);
    return OW_E_NOMEM;
  }
  return OW_OK;
}

/* floor(v) for |v| < 2^20 without a libm call. */
#define CELL_OFFSET 1048576.0
static inline int32_t cell_of(double v)
{
  return (int32_t)(v + CELL_OFFSET) - (int32_t)CELL_OFFSET;
}

/* Cell coordinates (each in (-2^20, 2^20)) packed 21 bits apiece, biased
** so that no key is 0 (the table's empty mark). The packing is linear:
** the key of cell (x+dx, y+dy, z+dz) is key + KEY_OFF(dx, dy, dz). */
#define KEY_BIAS 1048576
#define KEY_OFF(dx, dy, dz)                                                  \
  ((uint64_t)((int64_t)(dx) * ((int64_t)1 << 42) +                         \
              (int64_t)(dy) * ((int64_t)1 << 21) + (int64_t)(dz)))
static inline uint64_t cell_key(int32_t x, int32_t y, int32_t z)
{
  return (uint64_t)(x + KEY_BIAS) << 42 | (uint64_t)(y + KEY_BIAS) << 21 |
         (uint64_t)(z + KEY_BIAS);
}

/* Fibonacci hashing of the column (the top bits of (x, y) * 2^64 / golden
** ratio), plus z: a column's cells are consecutive entries. */
static inline uint32_t key_hash(const grid *g, uint64_t key)
{
  uint64_t col = key >> 21;
  return ((uint32_t)((col * UINT64_C(0x9E3779B97F4A7C15)) >> g->tshift) +
          (uint32_t)(key & 0x1FFFFF)) & g->tmask;
}

/* The sorted cell of a key + 1, 0 if no object is in that cell. */
static inline uint32_t cell_find(const grid *g, uint64_t key)
{
  uint32_t p = key_hash(g, key);
  for (;;) {
    const cellent *e = &g->table[p];
    if (e->key == key)
      return e->cell + 1;
    if (e->key == 0)
      return 0;
    p = (p + 1) & g->tmask;
  }
}

/* Per-thread output. */
typedef struct tls {
  ow_screen_event *ev;
  size_t n, cap;
  uint64_t pairs, intervals, refinements;
  int nomem;
  uint64_t geom, geom_tested; /* pairs the orbit geometry rejects, tests */
} tls;

typedef struct ctx {
  const ow_elset *es;
  const ow_sgp4 *models;
  const ow_screen_opts *opt;
  const size_t *gidx;        /* local -> catalog index */
  const ow__screen_obj *obj; /* per local object */
  const unsigned char *is_prim; /* per local object */
  const unsigned char *valid; /* per local object: no failed state yet */
  size_t n;                  /* local objects */
  int prim_mode;
  double h, d_search, cell_l;
  /* Orbit-geometry envelopes of the local objects over the chunk's
  ** instants (screen_geom.c); NULL: filter off. */
  const ow__screen_geom_win *gwin;
  ow__scan_fn scan;          /* the candidate filter (screen_scan.h) */
  ow__scan2_fn scan2;        /* the same, two probes at once */
} ctx;

/* LSD radix sort of the cells by key, field by field (z, y, x), 11 bits
** of (field - its smallest value) a pass: one pass per field for spans
** below 2048 cells (h = 60 s: L = 497 km, 1,700 cells for 4.2e5 km). */
static void cells_sort(grid *g)
{
  uint32_t n = g->ncell, cnt[2048];
  for (int f = 0; f < 3; f++) {
    int sh = 21 * f;
    uint32_t lo = 0x1FFFFF, hi = 0;
    for (uint32_t k = 0; k < n; k++) {
      uint32_t v = (uint32_t)(g->ckey[k] >> sh) & 0x1FFFFF;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    for (int b = 0; b < 21 && ((hi - lo) >> b) != 0; b += 11) {
      memset(cnt, 0, sizeof cnt);
      for (uint32_t k = 0; k < n; k++)
        cnt[((((uint32_t)(g->ckey[k] >> sh) & 0x1FFFFF) - lo) >> b) &
            2047]++;
      uint32_t run = 0;
      for (int d = 0; d < 2048; d++) {
        uint32_t t = cnt[d];
        cnt[d] = run;
        run += t;
      }
      for (uint32_t k = 0; k < n; k++) {
        uint32_t d = ((((uint32_t)(g->ckey[k] >> sh) & 0x1FFFFF) - lo) >>
                      b) & 2047;
        uint32_t q = cnt[d]++;
        g->ckey2[q] = g->ckey[k];
        g->cpos2[q] = g->cpos[k];
      }
      uint64_t *tk = g->ckey;
      g->ckey = g->ckey2, g->ckey2 = tk;
      uint32_t *tp = g->cpos;
      g->cpos = g->cpos2, g->cpos2 = tp;
    }
  }
}

/* Slots of one instant: the valid objects, grouped by cell, the cells
** sorted by key. */
static void grid_build(const ctx *c, grid *g, const ow__screen_row *row)
{
  size_t n = c->n;
  double inv_l = 1.0 / c->cell_l, half = 0.5 * c->h;
  for (uint32_t k = 0; k < g->ncell; k++)
    g->table[g->cpos[k]].key = 0;
  uint32_t nc;
restart:
  nc = 0;
  for (size_t i = 0; i < n; i++) {
    if (!c->valid[i] || row->st[i] != OW_OK)
      continue;
    uint64_t key = cell_key(cell_of(row->x[i] * inv_l),
                            cell_of(row->y[i] * inv_l),
                            cell_of(row->z[i] * inv_l));
    uint32_t p = key_hash(g, key);
    while (g->table[p].key != 0 && g->table[p].key != key)
      p = (p + 1) & g->tmask;
    cellent *e = &g->table[p];
    if (e->key == 0) {
      if (2 * (nc + 1) > g->tmask + 1) {
        /* Load above 1/2: double the table (tmax >= 2n >= 2 nc). */
        for (uint32_t k = 0; k < nc; k++)
          g->table[g->cpos[k]].key = 0;
        grid_size(g, 2 * (g->tmask + 1));
        goto restart;
      }
      e->key = key;
      e->cnt = 0;
      g->ckey[nc] = key;
      g->cpos[nc++] = p;
    }
    e->cnt++;
    g->obj_pos[i] = p;
  }
  g->ncell = nc;
  cells_sort(g);
  g->ckey[nc] = g->ckey[nc + 1] = g->ckey[nc + 2] = UINT64_MAX;
  uint32_t run = 0;
  for (uint32_t k = 0; k < nc; k++) {
    cellent *e = &g->table[g->cpos[k]];
    uint32_t cnt = e->cnt;
    e->cell = k;
    e->cnt = g->cstart[k] = run;
    run += cnt;
  }
  g->cstart[nc] = run;
  g->nslot = run;
  double vbmax = 0, xmax = 0;
  for (size_t i = 0; i < n; i++) {
    if (!c->valid[i] || row->st[i] != OW_OK)
      continue;
    uint32_t s = g->table[g->obj_pos[i]].cnt++;
    const ow__screen_obj *ob = &c->obj[i];
    double x = row->x[i], y = row->y[i], z = row->z[i];
    double vx = row->vx[i], vy = row->vy[i], vz = row->vz[i];
    /* The speed changes by at most acc * h/2 within the window. */
    double vb = sqrt(vx * vx + vy * vy + vz * vz) + ob->acc_km_s2 * half;
    rec *r = &g->rec[s];
    r->x = (float)x, r->y = (float)y, r->z = (float)z;
    r->vx = (float)vx, r->vy = (float)vy, r->vz = (float)vz;
    r->vb = (float)vb, r->acc = (float)ob->acc_km_s2;
    cold *o = &g->cold[s];
    o->band_lo = ob->band_lo_km, o->band_hi = ob->band_hi_km;
    o->i = (uint32_t)i;
    o->fast = vb > V_CAP_KM_S;
    o->prim = c->is_prim[i];
    g->is_fast[s] = (unsigned char)o->fast;
    vbmax = vb > vbmax ? vb : vbmax;
    double ax = fabs(x) > fabs(y) ? fabs(x) : fabs(y);
    ax = fabs(z) > ax ? fabs(z) : ax;
    xmax = ax > xmax ? ax : xmax;
  }
  g->vbmax = vbmax;
  g->xmax = xmax;
  /* Fast objects: their copy aside, NaN in the cells' records. */
  uint32_t nf = 0;
  for (uint32_t s = 0; s < run; s++)
    if (g->is_fast[s]) {
      g->fast[nf] = s;
      g->frec[nf] = g->rec[s];
      g->fidx[s] = nf++;
      g->rec[s].x = NAN;
    }
  g->nfast = nf;
}

/* The single-precision copy of slot s, fast or not. */
static inline const rec *slot_rec(const grid *g, uint32_t s)
{
  return g->is_fast[s] ? &g->frec[g->fidx[s]] : &g->rec[s];
}

/* The double-precision state of slot s (what pair_test reads): the
** speed bound as grid_build computed it. */
static inline void slot_hot(const ctx *c, const ow__screen_row *row,
                            const grid *g, uint32_t s, hot *h)
{
  size_t i = g->cold[s].i;
  h->x = row->x[i], h->y = row->y[i], h->z = row->z[i];
  h->vx = row->vx[i], h->vy = row->vy[i], h->vz = row->vz[i];
  h->acc = c->obj[i].acc_km_s2;
  h->vb = sqrt(h->vx * h->vx + h->vy * h->vy + h->vz * h->vz) +
          h->acc * (0.5 * c->h);
}

/* ---- interval test ----------------------------------------------------- */

static double seg_dist(const double p[3], const double a[3],
                       const double b[3])
{
  double ab[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
  double ap[3] = {p[0] - a[0], p[1] - a[1], p[2] - a[2]};
  double l2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
  double s = l2 > 0 ? (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / l2
                    : 0.0;
  s = s < 0 ? 0 : s > 1 ? 1 : s;
  double d[3] = {ap[0] - s * ab[0], ap[1] - s * ab[1], ap[2] - s * ab[2]};
  return sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
}

/* Lower bound of |H(s)| over s in [0,1] for the Bezier points b, refined
** by halving while the bound is below lim (depth levels). */
static double bezier_lower(const double b[4][3], double lim, int depth)
{
  static const double o[3] = {0, 0, 0};
  double d0 = seg_dist(o, b[0], b[3]);
  double dev = fmax(seg_dist(b[1], b[0], b[3]), seg_dist(b[2], b[0], b[3]));
  double lb = d0 - dev;
  if (lb > lim || depth == 0)
    return lb;
  double l[4][3], r[4][3];
  for (int k = 0; k < 3; k++) {
    double p01 = 0.5 * (b[0][k] + b[1][k]), p12 = 0.5 * (b[1][k] + b[2][k]);
    double p23 = 0.5 * (b[2][k] + b[3][k]);
    double q0 = 0.5 * (p01 + p12), q1 = 0.5 * (p12 + p23);
    double m = 0.5 * (q0 + q1);
    l[0][k] = b[0][k], l[1][k] = p01, l[2][k] = q0, l[3][k] = m;
    r[0][k] = m, r[1][k] = q1, r[2][k] = p23, r[3][k] = b[3][k];
  }
  double a = bezier_lower(l, lim, depth - 1);
  if (a <= lim)
    return a;
  return fmin(a, bezier_lower(r, lim, depth - 1));
}

static void rel_state(const ow__screen_row *w, size_t i, size_t j,
                      double dr[3], double dv[3])
{
  dr[0] = w->x[j] - w->x[i], dr[1] = w->y[j] - w->y[i];
  dr[2] = w->z[j] - w->z[i];
  dv[0] = w->vx[j] - w->vx[i], dv[1] = w->vy[j] - w->vy[i];
  dv[2] = w->vz[j] - w->vz[i];
}

static void tls_push(tls *t, const ow_screen_event *e)
{
  if (t->n == t->cap) {
    size_t nc = t->cap ? 2 * t->cap : 256;
    ow_screen_event *p = realloc(t->ev, nc * sizeof *p);
    if (!p) {
      t->nomem = 1;
      return;
    }
    t->ev = p, t->cap = nc;
  }
  t->ev[t->n++] = *e;
}

/* Interval [ka, ka+1] of pair (i, j), local indexes. */
static void test_interval(const ctx *c, const ow__screen_row *wa,
                          const ow__screen_row *wb, size_t ka, size_t i,
                          size_t j, tls *t)
{
  double ra[3], va[3], rb[3], vb[3];
  if (wa->st[i] != OW_OK || wa->st[j] != OW_OK || wb->st[i] != OW_OK ||
      wb->st[j] != OW_OK)
    return;
  rel_state(wa, i, j, ra, va);
  rel_state(wb, i, j, rb, vb);
  double fa = ra[0] * va[0] + ra[1] * va[1] + ra[2] * va[2];
  double fb = rb[0] * vb[0] + rb[1] * vb[1] + rb[2] * vb[2];
  if (!(fa < 0.0 && fb >= 0.0))
    return;
  t->intervals++;
  double h = c->h, h3 = h / 3.0;
  double eps = sqrt(3.0) * (c->obj[i].m4 + c->obj[j].m4) * h * h * h * h /
                   384.0 + HERMITE_FLOOR_KM;
  double b[4][3];
  for (int k = 0; k < 3; k++) {
    b[0][k] = ra[k], b[1][k] = ra[k] + va[k] * h3;
    b[2][k] = rb[k] - vb[k] * h3, b[3][k] = rb[k];
  }
  double lim = c->d_search + eps;
  if (bezier_lower(b, lim, 2) > lim)
    return;
  t->refinements++;
  size_t gi = c->gidx[i], gj = c->gidx[j];
  /* Object 1 is the primary, else the one first in the catalog. */
  int swap = c->prim_mode ? (!c->is_prim[i] || (c->is_prim[j] && gj < gi))
                          : gj < gi;
  if (swap) {
    size_t tmp = gi;
    gi = gj, gj = tmp;
  }
  ow_screen_event ev;
  memset(&ev, 0, sizeof ev);
  double ta = (double)ka * h, tb = ta + h;
  if (ow_screen_refine(&c->models[gi], &c->models[gj], c->opt->start_utc, ta,
                       tb, &ev) != OW_OK)
    return;
  if (!ow__screen_inside(&c->models[gi], &c->models[gj], c->opt, &ev))
    return;
  ev.i1 = gi, ev.i2 = gj;
  ev.norad_1 = c->es[gi].norad, ev.norad_2 = c->es[gj].norad;
  ev.n_minima = 1;
  ev.pc = NAN;
  ev.hbr_m = NAN;
  tls_push(t, &ev);
}

/* The rows of one instant. */
typedef struct rows {
  const ow__screen_row *w, *wprev, *wnext;
  size_t k;
} rows;

/*
** A pair of slots at instant k, in two stages. Inline (hot data only):
** the search radius, then a linear-motion bound with the curvature pad
** A h^2 / 2 (A = acc_a + acc_b bounds |d^2 dr / dt^2|, so the path stays
** within A t^2 / 2 of the straight line from the instant's state): for an
** approaching pair (dr . dv < 0) the interval ahead, for a receding pair
** the one behind. It drops ~99% of the pairs in the radius. Out of line:
** the radial bands, then the Hermite test on the other row.
*/
static void pair_rest(const ctx *c, const rows *rw, const hot *ha,
                      const cold *a, const hot *hb, const cold *b, int fwd,
                      tls *t)
{
  double h = c->h, ds = c->d_search;
  if (b->band_lo > a->band_hi + ds || a->band_lo > b->band_hi + ds)
    return;
  size_t i = a->i, j = b->i;
  /* Orbit paths more than D apart over the chunk (screen_geom.c). */
  if (c->gwin) {
    t->geom_tested++;
    if (ow__screen_geom_apart(&c->gwin[i], &c->gwin[j], ds)) {
      t->geom++;
      return;
    }
  }
  if (fwd) {
    test_interval(c, rw->w, rw->wnext, rw->k, i, j, t);
    return;
  }
  /* The interval behind was tested forward from k-1 if the pair was in
  ** its search radius there (same radius rule, previous states). */
  const ow__screen_row *p = rw->wprev;
  if (p->st[i] == OW_OK && p->st[j] == OW_OK) {
    double ex = p->x[j] - p->x[i], ey = p->y[j] - p->y[i];
    double ez = p->z[j] - p->z[i];
    double half = 0.5 * h;
    double vbi = sqrt(p->vx[i] * p->vx[i] + p->vy[i] * p->vy[i] +
                      p->vz[i] * p->vz[i]) + ha->acc * half;
    double vbj = sqrt(p->vx[j] * p->vx[j] + p->vy[j] * p->vy[j] +
                      p->vz[j] * p->vz[j]) + hb->acc * half;
    double rp = ds + (vbi + vbj) * half;
    if (ex * ex + ey * ey + ez * ez < rp * rp)
      return;
  }
  test_interval(c, p, rw->w, rw->k - 1, i, j, t);
}

#ifdef __GNUC__
#define OW__INLINE inline __attribute__((always_inline))
#else
#define OW__INLINE inline
#endif
static OW__INLINE void pair_test(const ctx *c, const rows *rw,
                                 const grid *g, uint32_t sa, uint32_t sb,
                                 tls *t)
{
  hot ha, hb;
  slot_hot(c, rw->w, g, sa, &ha);
  slot_hot(c, rw->w, g, sb, &hb);
  const hot *a = &ha, *b = &hb;
  double h = c->h, ds = c->d_search, half = 0.5 * h;
  double dr[3] = {b->x - a->x, b->y - a->y, b->z - a->z};
  double d2 = dr[0] * dr[0] + dr[1] * dr[1] + dr[2] * dr[2];
  double rad = ds + (a->vb + b->vb) * half;
  if (d2 >= rad * rad)
    return;
  double dv[3] = {b->vx - a->vx, b->vy - a->vy, b->vz - a->vz};
  double f = dr[0] * dv[0] + dr[1] * dv[1] + dr[2] * dv[2];
  double v2 = dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2];
  int fwd = f < 0;
  /* Linear closest approach within the interval: tau = -f / v2 clamped
  ** to [0, h] ahead or [-h, 0] behind; compared squared, no division
  ** unless the clamp is needed. */
  double lim = ds + (a->acc + b->acc) * h * h * 0.5;
  double m2;
  if (fwd ? -f <= v2 * h : f <= v2 * h)
    m2 = v2 > 0 ? d2 - f * f / v2 : d2;
  else {
    double tau = fwd ? h : -h;
    double m[3] = {dr[0] + dv[0] * tau, dr[1] + dv[1] * tau,
                   dr[2] + dv[2] * tau};
    m2 = m[0] * m[0] + m[1] * m[1] + m[2] * m[2];
  }
  if (m2 > lim * lim)
    return;
  if (fwd ? rw->wnext == NULL : rw->wprev == NULL)
    return;
  pair_rest(c, rw, a, &g->cold[sa], b, &g->cold[sb], fwd, t);
}

/* The forward neighbour columns (dx, dy) of a column: with (0, 0, +1) in
** the cell's own column, the 13 lexicographically positive offsets of
** the 26 neighbours, so each unordered pair of cells is visited once. */
static const int32_t fcol[4][2] = {{0, 1}, {1, -1}, {1, 0}, {1, 1}};

static void probe_init(const ctx *c, const grid *g, ow__scan_probe *p)
{
  ow__scan_consts(p, c->d_search, c->h, g->xmax);
}

static inline void probe_set(ow__scan_probe *p, const rec *r)
{
  p->x = r->x, p->y = r->y, p->z = r->z;
  p->vx = r->vx, p->vy = r->vy, p->vz = r->vz;
  p->vb = r->vb, p->acc = r->acc;
}

/* The kernel's padding after m gathered candidates (screen_scan.h): x
** NaN, one float store each (a copy of NaN records cost more). */
static inline void pad(grid *g, uint32_t m)
{
  for (int k = 0; k < OW__SCAN_PAD - 1; k++)
    g->gb[m + k].x = NAN;
}

/* Appends the records of slots [s0, s1) to the gathered candidates, with
** their slots (for the cube searches). */
static inline uint32_t gather(grid *g, uint32_t s0, uint32_t s1, uint32_t m)
{
  memcpy(g->gb + m, g->rec + s0, (s1 - s0) * sizeof *g->gb);
  for (uint32_t s = s0; s < s1; s++)
    g->gslot[m++] = s;
  return m;
}

/* Pairs of non-fast objects of sorted cell k: with each other and with
** its 13 forward neighbours. The records of the cell and of the cell
** above it (0, 0, +1) are consecutive, and so are those of each
** neighbour column's run (z-1 to z+1: the keys from lo to hi are those
** three cells and no other, so the run is the next at most three cells
** not above hi): they are copied into one array, the cell's own first,
** so that object p meets every candidate after it in one run of the
** kernel. ptr[o] is the first cell not below column fcol[o]'s run for
** the previous cell (the runs only move forward); the keys end with
** three sentinels (UINT64_MAX). Fast objects' x is NaN: never hits. */
static void scan_cell(const ctx *c, grid *g, const rows *rw, uint32_t k,
                      uint32_t ptr[4], ow__scan_probe *pr, tls *t)
{
  const uint64_t *K = g->ckey;
  const uint32_t *S = g->cstart;
  uint64_t key = K[k];
  uint32_t na = S[k + 1] - S[k];
  uint32_t up = K[k + 1] == key + 1; /* (0, 0, +1) */
  /* Runs: first gathered position and first slot. */
  uint32_t rpos[5], rslot[5], nr = 1;
  rpos[0] = 0, rslot[0] = S[k];
  uint32_t m = S[k + 1 + up] - S[k];
  memcpy(g->gb, g->rec + S[k], m * sizeof *g->gb);
  for (int o = 0; o < 4; o++) {
    uint64_t lo = key + KEY_OFF(fcol[o][0], fcol[o][1], -1);
    uint64_t hi = key + KEY_OFF(fcol[o][0], fcol[o][1], 1);
    uint32_t q0 = ptr[o];
    while (K[q0] < lo)
      q0++;
    ptr[o] = q0;
    uint32_t q1 = q0 + (K[q0] <= hi) + (K[q0 + 1] <= hi) +
                  (K[q0 + 2] <= hi);
    if (q1 > q0) {
      uint32_t len = S[q1] - S[q0];
      rpos[nr] = m, rslot[nr++] = S[q0];
      memcpy(g->gb + m, g->rec + S[q0], len * sizeof *g->gb);
      m += len;
    }
  }
  pad(g, m);
  /* Two probes at once where they are consecutive and not fast: p and
  ** p + 1 against [p + 1, m), p + 1's hit with itself dropped. */
  uint32_t s0 = S[k];
  for (uint32_t p = 0; p + 1 < m && p < na;) {
    uint32_t sa = s0 + p;
    if (g->is_fast[sa]) {
      p++;
      continue;
    }
    int two = p + 1 < na && !g->is_fast[sa + 1];
    size_t nh;
    probe_set(pr, &g->rec[sa]);
    if (two) {
      ow__scan_probe pb = *pr;
      probe_set(&pb, &g->rec[sa + 1]);
      nh = c->scan2(g->gb, p + 1, m, pr, &pb, g->hit, &t->pairs);
      t->pairs--; /* p + 1 with itself */
    } else
      nh = c->scan(g->gb, p + 1, m, pr, g->hit, &t->pairs);
    for (size_t j = 0; j < nh; j++) {
      uint32_t q = g->hit[j], b = 0;
      if (two) {
        b = q & 1, q >>= 1;
        if (b && q == p + 1)
          continue;
      }
      uint32_t r = nr - 1;
      while (rpos[r] > q)
        r--;
      pair_test(c, rw, g, sa + b, rslot[r] + (q - rpos[r]), t);
    }
    p += two ? 2 : 1;
  }
}

/* Distance from v to the cell [cell l, (cell + 1) l] along one axis. */
static inline double box_gap(int32_t cell, double l, double v)
{
  double lo = cell * l, hi = lo + l;
  return v < lo ? lo - v : v > hi ? v - hi : 0.0;
}

/* Every pair of slot sa with the slots within its largest radius of this
** instant (the cells of a cube that meet that sphere), except those
** paired elsewhere: two primaries (skip_prim) or two fast objects are
** paired from the first slot. */
static void scan_cube(const ctx *c, grid *g, const rows *rw, uint32_t sa,
                      int skip_prim, ow__scan_probe *pr, tls *t)
{
  const cold *C = g->cold;
  const ow__screen_row *w = rw->w;
  size_t ia = C[sa].i;
  double l = c->cell_l, inv_l = 1.0 / l, half = 0.5 * c->h;
  double pa[3] = {w->x[ia], w->y[ia], w->z[ia]};
  double vb = sqrt(w->vx[ia] * w->vx[ia] + w->vy[ia] * w->vy[ia] +
                   w->vz[ia] * w->vz[ia]) + c->obj[ia].acc_km_s2 * half;
  /* The pad also covers rounding in the cell of a slot (x / l). */
  double r = c->d_search + (vb + g->vbmax) * half + RADIUS_PAD_KM;
  int32_t span = (int32_t)ceil(r * inv_l);
  int32_t k[3];
  for (int d = 0; d < 3; d++)
    k[d] = cell_of(pa[d] * inv_l);
  uint32_t m = 0;
  double r2 = r * r;
  for (int32_t dx = -span; dx <= span; dx++) {
    double gx = box_gap(k[0] + dx, l, pa[0]);
    if (gx * gx > r2)
      continue;
    for (int32_t dy = -span; dy <= span; dy++) {
      double gy = box_gap(k[1] + dy, l, pa[1]);
      double gxy = gx * gx + gy * gy;
      if (gxy > r2)
        continue;
      for (int32_t dz = -span; dz <= span; dz++) {
        double gz = box_gap(k[2] + dz, l, pa[2]);
        if (gxy + gz * gz > r2)
          continue;
        uint32_t e = cell_find(g, cell_key(k[0] + dx, k[1] + dy, k[2] + dz));
        if (e == 0)
          continue;
        uint32_t m0 = m;
        m = gather(g, g->cstart[e - 1], g->cstart[e], m);
        for (uint32_t q = m0; q < m; q++) /* fast partners too */
          if (g->is_fast[g->gslot[q]])
            g->gb[q] = g->frec[g->fidx[g->gslot[q]]];
      }
    }
  }
  pad(g, m);
  probe_set(pr, slot_rec(g, sa));
  size_t nh = c->scan(g->gb, 0, m, pr, g->hit, &t->pairs);
  t->pairs--; /* sa itself, in its own cell */
  for (size_t j = 0; j < nh; j++) {
    uint32_t q = g->gslot[g->hit[j]];
    if (q == sa)
      continue;
    if (skip_prim ? (C[q].prim && q < sa) : (C[q].fast && q < sa))
      continue;
    pair_test(c, rw, g, sa, q, t);
  }
}

/* All pairs of one grid instant. */
static void do_instant(const ctx *c, grid *g, const rows *rw, tls *t)
{
  grid_build(c, g, rw->w);
  ow__scan_probe pr;
  probe_init(c, g, &pr);
  if (c->prim_mode) {
    for (uint32_t sa = 0; sa < g->nslot; sa++)
      if (g->cold[sa].prim)
        scan_cube(c, g, rw, sa, 1, &pr, t);
    return;
  }
  uint32_t ptr[4] = {0, 0, 0, 0};
  for (uint32_t k = 0; k < g->ncell; k++)
    scan_cell(c, g, rw, k, ptr, &pr, t);
  /* Fast objects: every partner within the instant's largest radius. */
  for (uint32_t f = 0; f < g->nfast; f++)
    scan_cube(c, g, rw, g->fast[f], 0, &pr, t);
}

/* ---- driver -------------------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

typedef struct band {
  double lo, hi;
} band;

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

static void row_at(const ow_batch_stream *s, double *saved[7], size_t n,
                   size_t k, ow__screen_row *w)
{
  if (k >= s->k0) {
    size_t o = (k - s->k0) * s->out.ld;
    w->x = s->out.x_km + o, w->y = s->out.y_km + o, w->z = s->out.z_km + o;
    w->vx = s->out.vx_km_s + o, w->vy = s->out.vy_km_s + o;
    w->vz = s->out.vz_km_s + o;
    w->st = s->out.status + o;
    return;
  }
  /* One of the two rows kept from the previous chunk (k0-2, k0-1). */
  size_t r = k + 2 - s->k0;
  w->x = saved[0] + r * n, w->y = saved[1] + r * n, w->z = saved[2] + r * n;
  w->vx = saved[3] + r * n, w->vy = saved[4] + r * n;
  w->vz = saved[5] + r * n;
  w->st = (const int *)(saved[6] + r * n);
}

int ow_screen_run(const ow_elset *es, const ow_sgp4 *models, size_t n,
                  const ow_screen_opts *opt, ow_screen_result *res,
                  ow_err *err)
{
  if (!res)
    return OW_E_ARG;
  memset(res, 0, sizeof *res);
  if ((!es || !models) && n > 0)
    return ow_err_set(err, OW_E_ARG, "screen", "NULL catalog");
  if (!opt || !(opt->span_day > 0) || !(opt->span_day <= 366))
    return ow_err_set(err, OW_E_ARG, "span", "span must be in (0, 366] days");
  int ellipsoid = opt->volume_rtn_km[0] > 0 && opt->volume_rtn_km[1] > 0 &&
                  opt->volume_rtn_km[2] > 0;
  double d_search = ellipsoid ? fmax(opt->volume_rtn_km[0],
                                     fmax(opt->volume_rtn_km[1],
                                          opt->volume_rtn_km[2]))
                              : opt->threshold_km;
  if (!(d_search > 0) || !(d_search < 1e5))
    return ow_err_set(err, OW_E_ARG, "threshold",
                      "threshold %g km not in (0, 1e5)", d_search);
  double h = opt->step_s > 0 ? opt->step_s : OW_SCREEN_STEP_S_DEFAULT;
  if (!(h >= 1.0 && h <= 600.0))
    return ow_err_set(err, OW_E_ARG, "step", "step %g s not in [1, 600]", h);
  ow__scan2_fn scan2 = NULL;
  ow__scan_fn scan = ow__scan_for(opt->scan_isa, &scan2);
  if (!scan)
    return ow_err_set(err, OW_E_UNSUPPORTED, "scan_isa",
                      "ISA %s not supported here",
                      ow_batch_isa_name((ow_batch_isa)opt->scan_isa));
  ow_screen_stats *st = &res->stats;
  st->objects = n;
  st->step_s = h;

  int rc = OW_OK;
  ow__screen_obj *allobj = malloc((n + 1) * sizeof *allobj);
  unsigned char *prim = calloc(n + 1, 1);
  uint32_t *ids = NULL;
  band *pb = NULL;
  /* Orbit-geometry filter data (screen_geom.c): per object, the primaries'
  ** envelopes over the span's windows. */
  ow__screen_geom *allgeo = NULL;
  ow__screen_geom_win *pw = NULL;
  size_t npw = 0, nwin = ow__screen_geom_nwin(opt->span_day * 86400.0);
  if (!allobj || !prim) {
    rc = OW_E_NOMEM;
    goto out0;
  }
  for (size_t i = 0; i < n; i++) {
    double a0 = ((opt->start_utc.day - es[i].epoch_utc.day) +
                 (opt->start_utc.frac - es[i].epoch_utc.frac));
    double age = fmax(fabs(a0), fabs(a0 + opt->span_day));
    ow__screen_object_bounds(&es[i], age, &allobj[i]);
  }
  if (!opt->no_geometry) {
    allgeo = malloc((n + 1) * sizeof *allgeo);
    if (!allgeo) {
      rc = OW_E_NOMEM;
      goto out0;
    }
    for (size_t i = 0; i < n; i++)
      ow__screen_geom_init(&allgeo[i], &models[i], opt->start_utc,
                           opt->span_day);
  }

  /* Primaries: flag them, then keep only objects whose band reaches the
  ** union of the primaries' bands (merged intervals, binary search). */
  int prim_mode = opt->primaries && opt->n_primaries > 0;
  size_t nb = 0;
  if (prim_mode) {
    ids = malloc(opt->n_primaries * sizeof *ids);
    pb = malloc((n + 1) * sizeof *pb); /* a number may repeat */
    if (!ids || !pb) {
      rc = OW_E_NOMEM;
      goto out0;
    }
    memcpy(ids, opt->primaries, opt->n_primaries * sizeof *ids);
    qsort(ids, opt->n_primaries, sizeof *ids, cmp_u32);
    size_t nid = 0; /* duplicates dropped */
    for (size_t p = 0; p < opt->n_primaries; p++)
      if (nid == 0 || ids[p] != ids[nid - 1])
        ids[nid++] = ids[p];
    unsigned char *seen = calloc(nid, 1);
    if (!seen) {
      rc = OW_E_NOMEM;
      goto out0;
    }
    for (size_t i = 0; i < n; i++) {
      const uint32_t *hit = bsearch(&es[i].norad, ids, nid, sizeof *ids,
                                    cmp_u32);
      if (hit) {
        prim[i] = 1;
        seen[hit - ids] = 1;
        pb[nb].lo = allobj[i].band_lo_km - d_search;
        pb[nb++].hi = allobj[i].band_hi_km + d_search;
      }
    }
    for (size_t p = 0; p < nid; p++) {
      if (!seen[p]) {
        free(seen);
        rc = ow_err_set(err, OW_E_NOT_FOUND, "primaries",
                        "primary %u is not in the catalog", ids[p]);
        goto out0;
      }
    }
    free(seen);
    qsort(pb, nb, sizeof *pb, cmp_band);
    size_t m = 0;
    for (size_t k = 0; k < nb; k++) {
      if (m > 0 && pb[k].lo <= pb[m - 1].hi)
        pb[m - 1].hi = fmax(pb[m - 1].hi, pb[k].hi);
      else
        pb[m++] = pb[k];
    }
    nb = m;
    /* The primaries' envelopes, window by window (pruning below). */
    if (allgeo) {
      size_t np_obj = 0; /* objects flagged (a number may repeat) */
      for (size_t i = 0; i < n; i++)
        np_obj += prim[i];
      pw = malloc((np_obj + 1) * (nwin + 1) * sizeof *pw);
      if (!pw) {
        rc = OW_E_NOMEM;
        goto out0;
      }
      for (size_t i = 0; i < n; i++)
        if (prim[i])
          ow__screen_geom_windows(&allgeo[i], opt->span_day * 86400.0, nwin,
                                  &pw[npw++ * (nwin + 1)]);
    }
  }

  /* Local (kept) objects. */
  size_t *gidx = malloc((n + 1) * sizeof *gidx);
  ow_sgp4 *lm = malloc((n + 1) * sizeof *lm);
  ow__screen_obj *obj = malloc((n + 1) * sizeof *obj);
  unsigned char *is_prim = calloc(n + 1, 1), *valid = calloc(n + 1, 1);
  ow__screen_geom *lgeo = allgeo ? malloc((n + 1) * sizeof *lgeo) : NULL;
  ow__screen_geom_win *gwin = allgeo ? malloc((n + 1) * sizeof *gwin) : NULL;
  if (!gidx || !lm || !obj || !is_prim || !valid ||
      (allgeo && (!lgeo || !gwin))) {
    free(gidx), free(lm), free(obj), free(is_prim), free(valid);
    free(lgeo), free(gwin);
    rc = OW_E_NOMEM;
    goto out0;
  }
  /* Objects whose orbit paths stay apart from every primary's over the
  ** whole span (screen_geom.c), among those the bands keep; in parallel
  ** (up to 28 windows a week per primary and object). */
  unsigned char *gone = pw ? calloc(n + 1, 1) : NULL;
  if (pw && !gone) {
    free(gidx), free(lm), free(obj), free(is_prim), free(valid);
    free(lgeo), free(gwin);
    rc = OW_E_NOMEM;
    goto out0;
  }
  if (gone) {
    int nomem = 0;
#ifdef _OPENMP
#pragma omp parallel num_threads(opt->threads > 0 ? opt->threads \
                                                  : omp_get_max_threads())
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
      for (long ii = 0; ii < (long)n; ii++) {
        size_t i = (size_t)ii;
        if (sc && !prim[i] && band_reach(pb, nb, &allobj[i]) &&
            ow__screen_geom_apart_all(&allgeo[i], pw, npw, nwin,
                                      opt->span_day * 86400.0, d_search,
                                      sc))
          gone[i] = 1;
      }
      free(sc);
    }
    if (nomem) {
      free(gone);
      free(gidx), free(lm), free(obj), free(is_prim), free(valid);
      free(lgeo), free(gwin);
      rc = OW_E_NOMEM;
      goto out0;
    }
  }
  size_t nl = 0;
  for (size_t i = 0; i < n; i++) {
    if (prim_mode && !prim[i]) {
      if (!band_reach(pb, nb, &allobj[i]))
        continue;
      if (gone && gone[i]) {
        st->geometry_pruned++;
        continue;
      }
    }
    gidx[nl] = i;
    lm[nl] = models[i];
    if (lgeo)
      lgeo[nl] = allgeo[i];
    obj[nl] = allobj[i];
    is_prim[nl] = prim[i];
    valid[nl] = 1;
    nl++;
  }
  st->screened = nl;
  free(gone);
  free(allgeo), allgeo = NULL; /* copied to lgeo */
  free(pw), pw = NULL;

  /* Cell edge: the largest radius of a pair of non-fast objects. */
  double cell_l = d_search + V_CAP_KM_S * h;
  st->search_radius_km = cell_l;

  ow_time_grid tg;
  tg.start_utc = opt->start_utc;
  tg.step_s = h;
  tg.n = (size_t)floor(opt->span_day * 86400.0 / h + 1e-9) + 1;
  st->steps = tg.n;

  int threads = opt->threads;
#ifdef _OPENMP
  if (threads <= 0)
    threads = omp_get_max_threads();
#else
  threads = 1;
#endif
  ow_batch batch;
  ow_batch_stream s;
  memset(&s, 0, sizeof s);
  tls *tl = calloc((size_t)threads, sizeof *tl);
  grid *grids = calloc((size_t)threads, sizeof *grids);
  double *saved[7] = {0};
  memset(&batch, 0, sizeof batch);
  if (!tl || !grids) {
    rc = OW_E_NOMEM;
    goto out1;
  }
  rc = ow_batch_init(&batch, lm, nl, err);
  if (rc < 0)
    goto out1;
  ow_batch_set_threads(&batch, threads);
  size_t chunk = opt->chunk_steps ? opt->chunk_steps : 64;
  if (chunk < 2)
    chunk = 2;
  rc = ow_batch_stream_init(&s, &batch, &tg, chunk, OW_FRAME_TEME, NULL, err);
  if (rc < 0)
    goto out1;
  for (int k = 0; k < 7; k++) {
    saved[k] = malloc(2 * (nl + 1) * sizeof(double));
    if (!saved[k]) {
      rc = OW_E_NOMEM;
      goto out1;
    }
  }
  for (int k = 0; k < threads; k++)
    if (grid_init(&grids[k], nl) != OW_OK) {
      rc = OW_E_NOMEM;
      goto out1;
    }

  ctx c = {es, models, opt, gidx, obj, is_prim, valid, nl, prim_mode, h,
           d_search, cell_l, gwin, scan, scan2};
  size_t next_k = 0; /* first instant not yet processed */
  long got;
  double t0 = now_s();
  for (;;) {
    double tp = now_s();
    got = ow_batch_stream_next(&s);
    st->t_propagate_s += now_s() - tp;
    if (got < 0) {
      rc = (int)got;
      goto out1;
    }
    if (got == 0)
      break;
    /* An object with a failed state is dropped from here on. */
    /* So is one with an implausible state (ow__screen_plausible). */
    for (size_t r = 0; r < s.nk; r++) {
      size_t o = r * s.out.ld;
      const int *sr = s.out.status + o;
      for (size_t i = 0; i < nl; i++) {
        if (valid[i] &&
            (sr[i] != OW_OK ||
             !ow__screen_plausible(&obj[i], s.out.x_km[o + i],
                                   s.out.y_km[o + i], s.out.z_km[o + i],
                                   s.out.vx_km_s[o + i], s.out.vy_km_s[o + i],
                                   s.out.vz_km_s[o + i]))) {
          valid[i] = 0;
          st->failed++;
        }
      }
    }
    int last = s.k0 + s.nk == tg.n;
    size_t k_end = last ? tg.n : s.k0 + s.nk - 1; /* exclusive */
    long k_first = (long)next_k;
    if (gwin) {
      /* Envelopes over every interval this chunk's instants test. */
      double ta = fmax(0.0, (double)(k_first - 1) * h);
      double tb = (double)k_end * h;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(threads) if (nl > 4096)
#endif
      for (long i = 0; i < (long)nl; i++)
        ow__screen_geom_window(&lgeo[i], ta, tb, &gwin[i]);
    }
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
#endif
    for (long kk = k_first; kk < (long)k_end; kk++) {
      int tid = 0;
#ifdef _OPENMP
      tid = omp_get_thread_num();
#endif
      size_t k = (size_t)kk;
      ow__screen_row w, wp, wn;
      row_at(&s, saved, nl, k, &w);
      if (k > 0)
        row_at(&s, saved, nl, k - 1, &wp);
      if (k + 1 < tg.n)
        row_at(&s, saved, nl, k + 1, &wn);
      rows rw = {&w, k > 0 ? &wp : NULL, k + 1 < tg.n ? &wn : NULL, k};
      do_instant(&c, &grids[tid], &rw, &tl[tid]);
    }
    next_k = k_end;
    /* Keep rows k0+nk-2 and k0+nk-1 for the next chunk. */
    for (size_t r = 0; r < 2 && s.nk >= 2; r++) {
      size_t row = s.nk - 2 + r;
      size_t o = row * s.out.ld;
      memcpy(saved[0] + r * nl, s.out.x_km + o, nl * sizeof(double));
      memcpy(saved[1] + r * nl, s.out.y_km + o, nl * sizeof(double));
      memcpy(saved[2] + r * nl, s.out.z_km + o, nl * sizeof(double));
      memcpy(saved[3] + r * nl, s.out.vx_km_s + o, nl * sizeof(double));
      memcpy(saved[4] + r * nl, s.out.vy_km_s + o, nl * sizeof(double));
      memcpy(saved[5] + r * nl, s.out.vz_km_s + o, nl * sizeof(double));
      memcpy(saved[6] + r * nl, s.out.status + o, nl * sizeof(int));
    }
  }
  st->t_search_s = now_s() - t0 - st->t_propagate_s;

  /* Gather. */
  size_t total = 0;
  for (int k = 0; k < threads; k++) {
    if (tl[k].nomem) {
      rc = OW_E_NOMEM;
      goto out1;
    }
    total += tl[k].n;
    st->pairs_in_radius += tl[k].pairs;
    st->intervals_tested += tl[k].intervals;
    st->refinements += tl[k].refinements;
    st->geometry_rejected += tl[k].geom;
    st->geometry_tested += tl[k].geom_tested;
  }
  st->minima = total;
  res->events = malloc((total + 1) * sizeof *res->events);
  if (!res->events) {
    rc = OW_E_NOMEM;
    goto out1;
  }
  for (int k = 0; k < threads; k++) {
    if (tl[k].n == 0)
      continue; /* tl[k].ev may be NULL */
    memcpy(res->events + res->n, tl[k].ev, tl[k].n * sizeof *tl[k].ev);
    res->n += tl[k].n;
  }
  rc = ow__screen_finish(models, opt, h, threads, res);

out1:
  if (tl)
    for (int k = 0; k < threads; k++)
      free(tl[k].ev);
  if (grids)
    for (int k = 0; k < threads; k++)
      grid_free(&grids[k]);
  free(tl);
  free(grids);
  for (int k = 0; k < 7; k++)
    free(saved[k]);
  ow_batch_stream_free(&s);
  ow_batch_free(&batch);
  free(gidx), free(lm), free(obj), free(is_prim), free(valid);
  free(lgeo), free(gwin);
out0:
  free(allobj);
  free(allgeo), free(pw);
  free(prim);
  free(ids);
  free(pb);
  if (rc < 0)
    ow_screen_result_free(res);
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
