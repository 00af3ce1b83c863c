/*
** screen_plan.c - the first step of screening (ow_screen_plan_init,
** ow_screen_plan_free, ow_screen_opts_default): the options checked, per
** object the bounds of its motion over the span (object_bounds below) and
** its orbit geometry (screen_geom.c), duplicates and element-set ages,
** the primaries, the grid, and the partition into slices.
**
** A slice is one block of primaries (all of them, or all-vs-all's whole
** catalog, when not split) over one time window of the grid: window w
** searches the instants [w W, (w + 1) W) (W = plan.window_steps). A
** window's search reads the rows k - 1 and k + 1 of its instants, so a
** slice propagates one instant more at each end; every interval of the
** grid is still tested from exactly one instant (screen_search.c), and
** TCAs are refined from the span's start, so the events do not depend on
** the partition. What a window cannot know: an object dropped in an
** earlier window (SGP4 error) is searched again in the next one until it
** fails there too (see docs/screening.md).
*/
#include "internal.h"
#include "orbwatch/batch.h"
#include "screen_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MU_KM3_S2 398600.8 /* WGS-72, as SGP4 (STR#3) */
#define RE_KM 6378.135     /* WGS-72 */
#define HERMITE_M4_MARGIN 20.0
#define VMAX_MARGIN 1.02
#define VMAX_PAD_KM_S 0.05
#define ACC_MARGIN 1.01
/* Radial pads of the perigee/apogee bands: SGP4 short-period terms (J2:
** a few km in LEO) and lunisolar changes of e over a week (deep space),
** covered by 10 km + 1% of a; drag decay is added from ndot. */
#define BAND_PAD_KM 10.0
#define BAND_PAD_FRAC 0.01

void ow_screen_opts_default(ow_screen_opts *o, ow_jd start_utc)
{
  memset(o, 0, sizeof *o);
  o->start_utc = start_utc;
  o->span_day = OW_SCREEN_SPAN_DAY_DEFAULT;
  o->threshold_km = OW_SCREEN_THRESHOLD_KM_DEFAULT;
  o->step_s = OW_SCREEN_STEP_S_DEFAULT;
  o->chunk_steps = 64;
  o->merge_slow = 1;
  o->epoch_far_near_day = OW_SCREEN_EPOCH_FAR_NEAR_DAY_DEFAULT;
  o->epoch_far_deep_day = OW_SCREEN_EPOCH_FAR_DEEP_DAY_DEFAULT;
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
/* ---- warnings ------------------------------------------------------------ */

/* The array grows by doubling; *w stays owned by the caller. */
int ow__screen_warn_push(ow_screen_warning **w, size_t *n, size_t *cap,
                         const ow_screen_warning *x)
{
  if (*n == *cap) {
    size_t nc = *cap ? 2 * *cap : 16;
    ow_screen_warning *p = realloc(*w, nc * sizeof *p);
    if (!p)
      return OW_E_NOMEM;
    *w = p, *cap = nc;
  }
  (*w)[(*n)++] = *x;
  return OW_OK;
}

static double days_between(ow_jd a, ow_jd b) /* a - b */
{
  return (a.day - b.day) + (a.frac - b.frac);
}

/* ---- the plan ------------------------------------------------------------ */

/* Options: span, threshold or volume, step, ISA. */
static int check_opts(ow_screen_plan *p, const ow_screen_opts *opt,
                      ow_err *err)
{
  ow__screen_plan_int *in = p->in_;
  if (!(opt->span_day > 0) || !(opt->span_day <= OW_SCREEN_SPAN_DAY_MAX))
    return ow_err_set(err, OW_E_ARG, "span", "span %g days not in (0, %g]",
                      opt->span_day, OW_SCREEN_SPAN_DAY_MAX);
  const double *ax = opt->volume_rtn_km;
  int ellipsoid = ax[0] > 0 && ax[1] > 0 && ax[2] > 0;
  in->d_search = ellipsoid ? fmax(ax[0], fmax(ax[1], ax[2]))
                           : opt->threshold_km;
  if (!(in->d_search > 0) || !(in->d_search < 1e5))
    return ow_err_set(err, OW_E_ARG, "threshold",
                      "threshold %g km not in (0, 1e5)", in->d_search);
  in->h = opt->step_s > 0 ? opt->step_s : OW_SCREEN_STEP_S_DEFAULT;
  if (!(in->h >= 1.0 && in->h <= 600.0))
    return ow_err_set(err, OW_E_ARG, "step", "step %g s not in [1, 600]",
                      in->h);
  if (!(opt->slice_day >= 0) && !(opt->slice_day < 0))
    return ow_err_set(err, OW_E_ARG, "slice_day", "slice length is NaN");
  in->scan = ow__scan_for(opt->scan_isa, &in->scan2);
  if (!in->scan)
    return ow_err_set(err, OW_E_UNSUPPORTED, "scan_isa",
                      "ISA %s not supported here",
                      ow_batch_isa_name((ow_batch_isa)opt->scan_isa));
  /* Cell edge: the largest radius of a pair of non-fast objects. */
  in->cell_l = in->d_search + OW__SCREEN_V_CAP_KM_S * in->h;
  return OW_OK;
}


/* Duplicates: of the element sets of one catalog number, the newest epoch
** is kept (a tie: the later in the catalog). */
typedef struct dupkey {
  uint32_t norad;
  ow_jd epoch;
  size_t i;
} dupkey;

static int cmp_dupkey(const void *x, const void *y)
{
  const dupkey *a = x, *b = y;
  if (a->norad != b->norad)
    return a->norad < b->norad ? -1 : 1;
  double d = days_between(a->epoch, b->epoch);
  if (d != 0)
    return (d > 0) - (d < 0);
  return (a->i > b->i) - (a->i < b->i);
}

static int find_duplicates(ow_screen_plan *p, size_t *wcap)
{
  size_t n = p->n;
  dupkey *k = malloc((n + 1) * sizeof *k);
  if (!k)
    return OW_E_NOMEM;
  for (size_t i = 0; i < n; i++)
    k[i].norad = p->es[i].norad, k[i].epoch = p->es[i].epoch_utc, k[i].i = i;
  qsort(k, n, sizeof *k, cmp_dupkey);
  int rc = OW_OK;
  for (size_t a = 0; a < n && rc == OW_OK;) {
    size_t b = a + 1;
    while (b < n && k[b].norad == k[a].norad)
      b++;
    const dupkey *kept = &k[b - 1];
    for (size_t j = a; j + 1 < b && rc == OW_OK; j++) {
      ow_screen_warning w;
      memset(&w, 0, sizeof w);
      char e1[OW_ISO_BUF], e2[OW_ISO_BUF];
      ow_time_format_iso(k[j].epoch, 0, e1, sizeof e1);
      ow_time_format_iso(kept->epoch, 0, e2, sizeof e2);
      w.code = OW_SCREEN_W_DUPLICATE;
      w.index = k[j].i, w.norad = k[j].norad, w.t_utc = k[j].epoch;
      w.other = kept->i;
      snprintf(w.msg, sizeof w.msg, "%zu element sets of catalog number "
               "%u: epoch %s (entry %zu) left out, the newest (%s, entry "
               "%zu) kept", b - a, k[j].norad, e1, k[j].i + 1, e2,
               kept->i + 1);
      p->in_->excluded[k[j].i] = 1;
      p->stats.duplicates++;
      rc = ow__screen_warn_push(&p->warnings, &p->n_warnings, wcap, &w);
    }
    a = b;
  }
  free(k);
  return rc;
}

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Primaries: the numbers sorted and unique, each found in the catalog
** (left-out duplicates aside), flagged, and split into blocks. */
static int find_primaries(ow_screen_plan *p, ow_err *err)
{
  ow__screen_plan_int *in = p->in_;
  const ow_screen_opts *o = &p->opt;
  size_t nid = o->n_primaries;
  in->ids = malloc((nid + 1) * sizeof *in->ids);
  in->prim_idx = malloc((p->n + 1) * sizeof *in->prim_idx);
  unsigned char *seen = calloc(nid + 1, 1);
  if (!in->ids || !in->prim_idx || !seen) {
    free(seen);
    return OW_E_NOMEM;
  }
  memcpy(in->ids, o->primaries, nid * sizeof *in->ids);
  qsort(in->ids, nid, sizeof *in->ids, cmp_u32);
  size_t m = 0;
  for (size_t k = 0; k < nid; k++)
    if (m == 0 || in->ids[k] != in->ids[m - 1])
      in->ids[m++] = in->ids[k];
  nid = m;
  p->opt.primaries = in->ids;
  p->opt.n_primaries = nid;
  for (size_t i = 0; i < p->n; i++) {
    if (in->excluded[i])
      continue;
    const uint32_t *hit = bsearch(&p->es[i].norad, in->ids, nid,
                                  sizeof *in->ids, cmp_u32);
    if (hit) {
      in->prim[i] = 1;
      seen[hit - in->ids] = 1;
      in->prim_idx[in->n_prim++] = i;
    }
  }
  for (size_t k = 0; k < nid; k++)
    if (!seen[k]) {
      free(seen);
      return ow_err_set(err, OW_E_NOT_FOUND, "primaries",
                        "primary %u is not in the catalog", in->ids[k]);
    }
  free(seen);
  size_t per = o->slice_primaries > 0 ? o->slice_primaries : in->n_prim;
  p->n_blocks = (in->n_prim + per - 1) / per;
  in->block_start = malloc((p->n_blocks + 1) * sizeof *in->block_start);
  if (!in->block_start)
    return OW_E_NOMEM;
  for (size_t b = 0; b <= p->n_blocks; b++)
    in->block_start[b] = b * per < in->n_prim ? b * per : in->n_prim;
  return OW_OK;
}

/* Bounds and orbit geometry of every object over the whole span. */
static int object_data(ow_screen_plan *p)
{
  ow__screen_plan_int *in = p->in_;
  const ow_screen_opts *o = &p->opt;
  for (size_t i = 0; i < p->n; i++) {
    double a0 = days_between(o->start_utc, p->es[i].epoch_utc);
    double age = fmax(fabs(a0), fabs(a0 + o->span_day));
    ow__screen_object_bounds(&p->es[i], age, &in->obj[i]);
  }
  in->nwin_geo = ow__screen_geom_nwin(o->span_day * 86400.0);
  if (o->no_geometry)
    return OW_OK;
  in->geo = malloc((p->n + 1) * sizeof *in->geo);
  if (!in->geo)
    return OW_E_NOMEM;
  for (size_t i = 0; i < p->n; i++)
    ow__screen_geom_init(&in->geo[i], &p->models[i], o->start_utc,
                         o->span_day);
  return OW_OK;
}

/* The grid and its windows. */
static void partition(ow_screen_plan *p)
{
  const ow_screen_opts *o = &p->opt;
  double h = p->in_->h;
  p->steps = (size_t)floor(o->span_day * 86400.0 / h + 1e-9) + 1;
  size_t ws = p->steps;
  if (o->slice_day > 0) {
    double w = floor(o->slice_day * 86400.0 / h + 0.5);
    ws = w < 1 ? 1 : w < (double)p->steps ? (size_t)w : p->steps;
  }
  p->window_steps = ws;
  p->n_windows = (p->steps + ws - 1) / ws;
  p->n_slices = p->n_blocks * p->n_windows;
  p->stats.objects = p->n;
  p->stats.steps = p->steps;
  p->stats.step_s = h;
  p->stats.search_radius_km = p->in_->cell_l;
}

int ow_screen_plan_init(ow_screen_plan *p, const ow_elset *es,
                        const ow_sgp4 *models, size_t n,
                        const ow_screen_opts *opt, ow_err *err)
{
  if (!p)
    return OW_E_ARG;
  memset(p, 0, sizeof *p);
  if ((!es || !models) && n > 0)
    return ow_err_set(err, OW_E_ARG, "screen", "NULL catalog");
  if (!opt)
    return ow_err_set(err, OW_E_ARG, "screen", "NULL options");
  p->es = es, p->models = models, p->n = n, p->opt = *opt;
  p->opt.primaries = NULL, p->opt.n_primaries = 0;
  ow__screen_plan_int *in = calloc(1, sizeof *in);
  if (!in)
    return OW_E_NOMEM;
  p->in_ = in;
  int rc = check_opts(p, opt, err);
  if (rc < 0)
    goto fail;
  rc = OW_E_NOMEM;
  in->obj = malloc((n + 1) * sizeof *in->obj);
  in->excluded = calloc(n + 1, 1);
  in->prim = calloc(n + 1, 1);
  if (!in->obj || !in->excluded || !in->prim)
    goto fail;
  size_t wcap = 0;
  if ((rc = find_duplicates(p, &wcap)) < 0)
    goto fail;
  in->prim_mode = opt->primaries && opt->n_primaries > 0;
  p->n_blocks = 1;
  if (in->prim_mode) {
    p->opt.primaries = opt->primaries, p->opt.n_primaries = opt->n_primaries;
    if ((rc = find_primaries(p, err)) < 0)
      goto fail;
  }
  if ((rc = object_data(p)) < 0)
    goto fail;
  partition(p);
  return OW_OK;
fail:
  if (rc == OW_E_NOMEM)
    ow_err_set(err, OW_E_NOMEM, "screen", "out of memory preparing the "
               "screening of %zu objects (about %zu MiB)", n,
               (size_t)((double)n * (sizeof(ow__screen_obj) +
                                     sizeof(ow__screen_geom) + 2) / 1048576.0)
                   + 1);
  ow_screen_plan_free(p);
  return rc;
}

void ow_screen_plan_free(ow_screen_plan *p)
{
  if (!p)
    return;
  ow__screen_plan_int *in = p->in_;
  if (in) {
    free(in->obj);
    free(in->geo);
    free(in->excluded);
    free(in->prim);
    free(in->prim_idx);
    free(in->block_start);
    free(in->ids);
    free(in);
  }
  free(p->warnings);
  memset(p, 0, sizeof *p);
}
