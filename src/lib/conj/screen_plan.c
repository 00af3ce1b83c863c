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
#include "orbwatch/constants.h"
#include "orbwatch/time.h"
#include "orbwatch/batch.h"
#include "screen_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  double n_rad_s = e->n_rev_day * OW_TWOPI / 86400.0;
  double a = cbrt(OW_WGS72_MU_KM3_S2 / (n_rad_s * n_rad_s));
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
  if (rlow < OW_WGS72_RE_KM * 0.98)
    rlow =
        OW_WGS72_RE_KM * 0.98; /* below that the state is implausible anyway */
  double vp = sqrt(OW_WGS72_MU_KM3_S2 * (2.0 / rlow - 1.0 / a));
  o->vmax_km_s = vp * VMAX_MARGIN + VMAX_PAD_KM_S;
  double w = o->vmax_km_s / rlow;
  o->m4 = HERMITE_M4_MARGIN * (1.0 + 3.0 * e->ecc) * OW_WGS72_MU_KM3_S2 /
          (rlow * rlow) * w * w;
  /* Largest acceleration: central gravity at the lowest radius, +1% for
  ** J2 (1.6e-3 of it) and drag. */
  o->acc_km_s2 = ACC_MARGIN * OW_WGS72_MU_KM3_S2 / (rlow * rlow);
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

/* 1 if some catalog number appears twice: an open-addressing set of the
** numbers (load <= 1/2), O(n); the sort below runs only then. */
static int any_duplicate(const ow_screen_plan *p, int *nomem)
{
  size_t m = 16;
  while (m < 2 * p->n)
    m *= 2;
  uint64_t *set = calloc(m, sizeof *set); /* norad + 1, 0: empty */
  if (!set) {
    *nomem = 1;
    return 0;
  }
  int dup = 0;
  for (size_t i = 0; i < p->n && !dup; i++) {
    uint64_t key = (uint64_t)p->es[i].norad + 1;
    size_t h = (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (m - 1);
    while (set[h] != 0 && set[h] != key)
      h = (h + 1) & (m - 1);
    dup = set[h] == key;
    set[h] = key;
  }
  free(set);
  return dup;
}

static int find_duplicates(ow_screen_plan *p, size_t *wcap)
{
  size_t n = p->n;
  int nomem = 0;
  if (!any_duplicate(p, &nomem))
    return nomem ? OW_E_NOMEM : OW_OK;
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

/*
** Bounds of a table over the span from its states every TABLE_SAMPLE_S
** (and at the span's ends): lowest and highest radius, largest speed,
** with the pads of the element-set bounds plus TABLE_R_PAD_KM for what
** the samples miss between them (a LEO radius changes by less than
** 0.1 km within 15 s of its extremum). No state in the span: e's bounds.
*/
#define TABLE_SAMPLE_S 15.0
#define TABLE_R_PAD_KM 1.0
static void table_bounds(const ow_traj *t, const ow_elset *e, ow_jd start,
                         double span_day, ow__screen_obj *o)
{
  double rmin = INFINITY, rmax = 0, vmax = 0, span_s = span_day * 86400.0;
  size_t m = (size_t)ceil(span_s / TABLE_SAMPLE_S);
  for (size_t k = 0; k <= m; k++) {
    ow_jd jd = start;
    jd.frac += fmin((double)k * TABLE_SAMPLE_S, span_s) / 86400.0;
    double r[3], v[3];
    if (ow_traj_state(t, ow_jd_normalize(jd), r, v, NULL) != OW_OK)
      continue;
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    double vn = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    rmin = fmin(rmin, rn), rmax = fmax(rmax, rn), vmax = fmax(vmax, vn);
  }
  if (!(rmax > 0)) {
    ow__screen_object_bounds(e, span_day, o);
    return;
  }
  double rlow = fmax(rmin - TABLE_R_PAD_KM, OW_WGS72_RE_KM * 0.98);
  double a = 0.5 * (rmin + rmax), ecc = (rmax - rmin) / (rmax + rmin);
  o->vmax_km_s = vmax * VMAX_MARGIN + VMAX_PAD_KM_S;
  double w = o->vmax_km_s / rlow;
  o->m4 = HERMITE_M4_MARGIN * (1.0 + 3.0 * ecc) * OW_WGS72_MU_KM3_S2 /
          (rlow * rlow) * w * w;
  o->acc_km_s2 = ACC_MARGIN * OW_WGS72_MU_KM3_S2 / (rlow * rlow);
  double pad = BAND_PAD_KM + BAND_PAD_FRAC * a;
  o->band_lo_km = rlow - pad;
  o->band_hi_km = rmax + TABLE_R_PAD_KM + pad;
}

/* Bounds and orbit geometry of every object over the whole span (the
** geometry filter keeps every pair of a table: it bounds SGP4 terms). */
static int object_data(ow_screen_plan *p)
{
  ow__screen_plan_int *in = p->in_;
  const ow_screen_opts *o = &p->opt;
  for (size_t i = 0; i < p->n; i++) {
    const ow_traj *t = ow__screen_tab(o, i);
    double a0 = days_between(o->start_utc, p->es[i].epoch_utc);
    double age = fmax(fabs(a0), fabs(a0 + o->span_day));
    if (t)
      table_bounds(t, &p->es[i], o->start_utc, o->span_day, &in->obj[i]);
    else
      ow__screen_object_bounds(&p->es[i], age, &in->obj[i]);
  }
  in->nwin_geo = ow__screen_geom_nwin(o->span_day * 86400.0);
  if (o->no_geometry)
    return OW_OK;
  in->geo = malloc((p->n + 1) * sizeof *in->geo);
  if (!in->geo)
    return OW_E_NOMEM;
  for (size_t i = 0; i < p->n; i++) {
    ow__screen_geom_init(&in->geo[i], &p->models[i], o->start_utc,
                         o->span_day);
    if (ow__screen_tab(o, i))
      in->geo[i].usable = 0;
  }
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

/* ---- a stand-in element set for a table ---------------------------------- */

static double deg_0_360(double rad)
{
  double d = fmod(rad * 57.295779513082321, 360.0);
  return d < 0 ? d + 360.0 : d;
}

int ow_screen_elset_of_traj(const ow_traj *t, ow_elset *e)
{
  if (!e)
    return OW_E_ARG;
  memset(e, 0, sizeof *e);
  if (!t || t->kind == OW_TRAJ_NONE)
    return OW_E_ARG;
  if (t->kind == OW_TRAJ_SGP4) {
    *e = t->elset;
    return OW_OK;
  }
  ow_jd a0, a1;
  double r[3], v[3];
  int rc = ow_traj_span(t, &a0, &a1);
  if (rc < 0 || (rc = ow_traj_state(t, a0, r, v, NULL)) < 0)
    return rc;
  /* Two-body elements of the first state. */
  double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  double v2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  double rv = r[0] * v[0] + r[1] * v[1] + r[2] * v[2];
  double h[3] = {r[1] * v[2] - r[2] * v[1], r[2] * v[0] - r[0] * v[2],
                 r[0] * v[1] - r[1] * v[0]};
  double hn = sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
  double sma = 1.0 / (2.0 / rn - v2 / OW_WGS72_MU_KM3_S2);
  if (!(sma > 0) || !(hn > 0))
    return OW_E_RANGE; /* not an ellipse */
  double ev[3];
  for (int k = 0; k < 3; k++)
    ev[k] = ((v2 - OW_WGS72_MU_KM3_S2 / rn) * r[k] - rv * v[k]) /
            OW_WGS72_MU_KM3_S2;
  double ecc = sqrt(ev[0] * ev[0] + ev[1] * ev[1] + ev[2] * ev[2]);
  double incl = acos(h[2] / hn);
  double nd[2] = {-h[1], h[0]}; /* node line, z x h */
  double nn = hypot(nd[0], nd[1]);
  double raan = nn > 0 ? atan2(nd[1], nd[0]) : 0.0;
  /* Argument of latitude u: from the node line nh to r in the plane,
  ** with ph = (h / |h|) x nh the in-plane normal to it. */
  double nh[3] = {nn > 0 ? nd[0] / nn : 1.0, nn > 0 ? nd[1] / nn : 0.0, 0};
  double ph[3] = {h[1] / hn * nh[2] - h[2] / hn * nh[1],
                  h[2] / hn * nh[0] - h[0] / hn * nh[2],
                  h[0] / hn * nh[1] - h[1] / hn * nh[0]};
  double u = atan2(r[0] * ph[0] + r[1] * ph[1] + r[2] * ph[2],
                   r[0] * nh[0] + r[1] * nh[1] + r[2] * nh[2]);
  double w = 0.0, nu = u;
  if (ecc > 1e-9) {
    double cnu = (ev[0] * r[0] + ev[1] * r[1] + ev[2] * r[2]) / (ecc * rn);
    nu = acos(fmax(-1.0, fmin(1.0, cnu)));
    if (rv < 0)
      nu = 2.0 * OW_PI - nu;
    w = u - nu;
  }
  double ea = 2.0 * atan(sqrt((1 - ecc) / (1 + ecc)) * tan(0.5 * nu));
  double ma = ea - ecc * sin(ea);
  e->norad = t->norad;
  snprintf(e->name, sizeof e->name, "%s", t->name);
  /* An elset designator is shorter than a trajectory's: cut, if ever. */
  size_t idl = strlen(t->object_id);
  idl = idl < sizeof e->object_id - 1 ? idl : sizeof e->object_id - 1;
  memcpy(e->object_id, t->object_id, idl);
  e->object_id[idl] = '\0';
  e->classification = 'U';
  e->epoch_utc = ow_jd_normalize(a0);
  e->incl_deg = incl * 57.295779513082321;
  e->raan_deg = deg_0_360(raan);
  e->ecc = ecc;
  e->argp_deg = deg_0_360(w);
  e->mean_anom_deg = deg_0_360(ma);
  e->n_rev_day = sqrt(OW_WGS72_MU_KM3_S2 / (sma * sma * sma)) * 86400.0 /
                 (2.0 * OW_PI);
  return OW_OK;
}
