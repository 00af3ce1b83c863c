/*
** test_batch.c - the batch engine against the scalar model and the
** catalog reference, for every instruction set this CPU runs.
**
** Oracles (independent of the batch kernel):
**   - ow_sgp4_propagate (the scalar model, itself checked against Vallado's
**     verification set and the catalog reference by test_sgp4_*), for every
**     object of every catalog in $OW_SHARED_DATA/catalog over one day;
**   - sgp4-ver/catalog_ref_2023-10_t0_720_1440.csv.gz (Vallado's SGP4.cpp);
**   - scalar model + ow_teme_to_itrf / ow_teme_to_pef for Earth-fixed output.
** Limits: TOL_POS_KM, TOL_VEL_KM_S and identical status codes.
** The sanitizer build (slow) samples every SAN_STRIDE-th object.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define TOL_POS_KM 1.0e-6
#define TOL_VEL_KM_S 1.0e-9
/*
** Objects propagated months past their epoch (stale element sets of
** decayed objects in a catalog snapshot) reach states of 1e9 km or 1e5
** km/s that mean nothing physically; SGP4 there amplifies rounding by 1e6
** or more, so such states (|r| > FAR_KM or |v| > FAST_KM_S) are compared
** relative to |r| and |v| (and counted) in the snapshot-at-an-instant
** test. The one-day comparisons keep the absolute limits for every state.
*/
#define FAR_KM 1.0e6
#define FAST_KM_S 20.0
#define TOL_FAR_REL 1.0e-8

#if CHECK_SANITIZED
#define SAN_STRIDE 40
#else
#define SAN_STRIDE 1
#endif

/* Whole file into memory, gunzipped when it ends in .gz; caller frees. */
static char *read_all(const char *path, size_t *len)
{
  gzFile gz = gzopen(path, "rb"); /* reads plain files too */
  if (!gz)
    return NULL;
  size_t cap = 1 << 20, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf)
      break;
    if (n == cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    int got = gzread(gz, buf + n, (unsigned)(cap - n));
    if (got <= 0)
      break;
    n += (size_t)got;
  }
  gzclose(gz);
  *len = n;
  return buf;
}

/* Models of every stride-th record of a catalog file; returns count. */
static size_t load_models(const char *name, size_t stride, ow_sgp4 **out)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/%s", check_shared_dir(), name);
  size_t len = 0;
  char *buf = read_all(path, &len);
  *out = NULL;
  if (!buf) {
    CHECK_FAIL_("cannot read %s", path);
    return 0;
  }
  ow_catalog cat;
  ow_catalog_init(&cat);
  ow_load_stats stats = {0, 0, 0};
  int st = ow_catalog_read(&cat, buf, len, OW_FMT_AUTO, name, NULL, NULL,
                           NULL, &stats);
  free(buf);
  CHECK(st == OW_OK || st == OW_E_PARSE);
  CHECK(stats.loaded > 0);
  size_t n = (cat.n + stride - 1) / stride;
  ow_sgp4 *m = malloc((n ? n : 1) * sizeof *m);
  size_t k = 0;
  for (size_t i = 0; m && i < cat.n; i += stride)
    /* models whose epoch state fails are kept: the batch must report the
       same error as the scalar model for them too */
    ow_sgp4_init(&m[k++], &cat.items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                 NULL);
  ow_catalog_free(&cat);
  *out = m;
  return m ? k : 0;
}

typedef struct states {
  double *x, *y, *z, *vx, *vy, *vz;
  int *st;
  size_t n; /* elements */
} states;

static int states_alloc(states *s, size_t n)
{
  double *b = malloc(6 * (n ? n : 1) * sizeof *b);
  s->st = malloc((n ? n : 1) * sizeof *s->st);
  s->n = n;
  s->x = b;
  if (!b || !s->st) {
    free(b);
    free(s->st);
    return -1;
  }
  s->y = b + n;
  s->z = b + 2 * n;
  s->vx = b + 3 * n;
  s->vy = b + 4 * n;
  s->vz = b + 5 * n;
  /* poison, so an element the batch forgets to write cannot pass */
  for (size_t i = 0; i < 6 * n; i++)
    b[i] = 1e300;
  for (size_t i = 0; i < n; i++)
    s->st[i] = 12345;
  return 0;
}

static void states_free(states *s)
{
  free(s->x);
  free(s->st);
}

static ow_batch_out out_of(states *s, size_t ld)
{
  ow_batch_out o = {s->x, s->y, s->z, s->vx, s->vy, s->vz, s->st, ld};
  return o;
}

typedef struct diff {
  double dr, dv;
  long status_bad, compared, far;
  int relax_far; /* compare unphysical states relatively (instants only) */
} diff;

/* Compare element e of a (batch) with b (oracle). */
static void cmp_state(diff *d, const states *a, const states *b, size_t e,
                      const char *what, size_t obj, double t)
{
  if (a->st[e] != b->st[e]) {
    if (d->status_bad++ < 5)
      CHECK_FAIL_("%s: object %zu t %.3f: status %d, scalar %d", what, obj,
                  t, a->st[e], b->st[e]);
    return;
  }
  d->compared++;
  double rmag = sqrt(b->x[e] * b->x[e] + b->y[e] * b->y[e] +
                     b->z[e] * b->z[e]);
  double dr = fmax(fabs(a->x[e] - b->x[e]),
                   fmax(fabs(a->y[e] - b->y[e]), fabs(a->z[e] - b->z[e])));
  double dv = fmax(fabs(a->vx[e] - b->vx[e]),
                   fmax(fabs(a->vy[e] - b->vy[e]), fabs(a->vz[e] - b->vz[e])));
  double vmag = sqrt(b->vx[e] * b->vx[e] + b->vy[e] * b->vy[e] +
                     b->vz[e] * b->vz[e]);
  int far = rmag > FAR_KM || vmag > FAST_KM_S;
  d->far += far;
  if (far && d->relax_far) {
    if (!(dr <= TOL_FAR_REL * rmag && dv <= TOL_FAR_REL * vmag))
      CHECK_FAIL_("%s: object %zu t %.3f: |dr| %.3g km |dv| %.3g km/s at "
                  "|r| %.3g km |v| %.3g km/s", what, obj, t, dr, dv, rmag,
                  vmag);
    return;
  }
  if (!(dr <= TOL_POS_KM && dv <= TOL_VEL_KM_S) && d->dr <= TOL_POS_KM &&
      d->dv <= TOL_VEL_KM_S)
    CHECK_FAIL_("%s: object %zu t %.3f: |dr| %.3g km |dv| %.3g km/s "
                "(batch %.9f %.9f %.9f, scalar %.9f %.9f %.9f)",
                what, obj, t, dr, dv, a->x[e], a->y[e], a->z[e], b->x[e],
                b->y[e], b->z[e]);
  if (!(dr <= d->dr)) /* NaN counts as the worst */
    d->dr = dr == dr ? dr : INFINITY;
  if (!(dv <= d->dv))
    d->dv = dv == dv ? dv : INFINITY;
}

static const ow_batch_isa all_isas[] = {OW_ISA_SSE2, OW_ISA_AVX2,
                                        OW_ISA_AVX512};

/* One catalog over a day: batch (each ISA) == scalar. */
static void test_catalog(const char *name, size_t stride)
{
  ow_sgp4 *m;
  size_t n = load_models(name, stride * SAN_STRIDE, &m);
  if (n == 0)
    return;
  /*
  ** a day in uneven steps, then times that make the resonance integrator
  ** (whose state the kernel carries from one time to the next) continue
  ** several 720-min steps ahead, restart behind its state, restart on
  ** the other side of the epoch and continue there
  */
  double t[24];
  size_t nt = 0;
  for (double tm = 0.0; tm < 1440.0; tm += 97.3)
    t[nt++] = tm;
  t[nt++] = 1440.0;
  t[nt++] = 3000.0;
  t[nt++] = 2000.0;
  t[nt++] = 700.0;
  t[nt++] = -60.0;
  t[nt++] = -1440.0;

  states ref, got;
  if (states_alloc(&ref, n * nt) || states_alloc(&got, n * nt)) {
    CHECK_FAIL_("out of memory");
    return;
  }
  for (size_t k = 0; k < nt; k++)
    for (size_t i = 0; i < n; i++) {
      size_t e = k * n + i;
      double r[3], v[3];
      ref.st[e] = ow_sgp4_propagate(&m[i], t[k], r, v);
      ref.x[e] = r[0], ref.y[e] = r[1], ref.z[e] = r[2];
      ref.vx[e] = v[0], ref.vy[e] = v[1], ref.vz[e] = v[2];
    }
  ow_batch b;
  CHECK_EQ_INT(ow_batch_init(&b, m, n, NULL), OW_OK);
  for (size_t a = 0; a < sizeof all_isas / sizeof all_isas[0]; a++) {
    if (!ow_batch_isa_supported(all_isas[a])) {
      printf("%s: %s not supported here, skipped\n", name,
             ow_batch_isa_name(all_isas[a]));
      continue;
    }
    CHECK_EQ_INT(ow_batch_set_isa(&b, all_isas[a]), OW_OK);
    ow_batch_set_threads(&b, a == 0 ? 1 : 2);
    states_free(&got);
    if (states_alloc(&got, n * nt)) {
      CHECK_FAIL_("out of memory");
      break;
    }
    ow_batch_out o = out_of(&got, n);
    CHECK_EQ_INT(ow_batch_tsince(&b, t, nt, &o), OW_OK);
    diff d = {0, 0, 0, 0, 0, 0};
    char what[160];
    snprintf(what, sizeof what, "%s/%s", name, ow_batch_isa_name(b.isa));
    for (size_t k = 0; k < nt; k++)
      for (size_t i = 0; i < n; i++)
        cmp_state(&d, &got, &ref, k * n + i, what, i * stride, t[k]);
    CHECK(d.dr <= TOL_POS_KM && d.dv <= TOL_VEL_KM_S);
    CHECK_EQ_INT(d.status_bad, 0);
    CHECK_EQ_INT(d.compared, (long)(n * nt));
    if (d.far)
      printf("%s: %ld states over a day unphysical (|r| > %g km or |v| > %g "
             "km/s), still within the absolute limits\n", what, d.far, FAR_KM,
             FAST_KM_S);
    printf("%s: %zu objects x %zu times (near simple %zu, full %zu, deep "
           "%zu, resonant %zu): max |dr| %.3g km, max |dv| %.3g km/s\n",
           what, n, nt, b.count_by_method[0], b.count_by_method[1],
           b.count_by_method[2], b.count_by_method[3], d.dr, d.dv);
  }
  ow_batch_free(&b);
  states_free(&ref);
  states_free(&got);
  free(m);
}

/* 2023-10 against Vallado's SGP4.cpp states at 0, 720, 1440 min. */
static void test_reference(void)
{
  ow_sgp4 *m;
  size_t n = load_models("full_2023-10_spacetrack_3le.txt", 1, &m);
  if (n == 0)
    return;
  int *index = malloc((OW_ALPHA5_MAX + 1) * sizeof *index);
  if (!index)
    return;
  for (size_t i = 0; i <= OW_ALPHA5_MAX; i++)
    index[i] = -1;
  for (size_t i = 0; i < n; i++)
    if (m[i].norad <= OW_ALPHA5_MAX)
      index[m[i].norad] = (int)i;
  const double t[3] = {0.0, 720.0, 1440.0};
  states got;
  if (states_alloc(&got, 3 * n))
    return;
  ow_batch b;
  CHECK_EQ_INT(ow_batch_init(&b, m, n, NULL), OW_OK);
  ow_batch_out o = out_of(&got, n);
  char path[1024];
  snprintf(path, sizeof path,
           "%s/sgp4-ver/catalog_ref_2023-10_t0_720_1440.csv.gz", check_shared_dir());
  for (size_t a = 0; a < sizeof all_isas / sizeof all_isas[0]; a++) {
    if (!ow_batch_isa_supported(all_isas[a]))
      continue;
    ow_batch_set_isa(&b, all_isas[a]);
    CHECK_EQ_INT(ow_batch_tsince(&b, t, 3, &o), OW_OK);
    gzFile gz = gzopen(path, "rb");
    CHECK(gz != NULL);
    char line[512];
    long rows = 0, bad = 0;
    double max_dr = 0, max_dv = 0;
    while (gz && gzgets(gz, line, sizeof line)) {
      if (line[0] == '#' || line[0] == '\n')
        continue;
      /* satnum(5 chars),tsince,err,x,y,z,vx,vy,vz */
      char sat[6];
      memcpy(sat, line, 5);
      sat[5] = '\0';
      double f[8];
      char *p = line + 6, *end;
      int k = 0;
      for (; k < 8; k++, p = end + (*end == ',')) {
        f[k] = strtod(p, &end);
        if (end == p)
          break;
      }
      uint32_t id;
      if (k != 8 || ow_alpha5_decode(sat, &id, NULL) != OW_OK ||
          id > OW_ALPHA5_MAX || index[id] < 0) {
        CHECK_FAIL_("unmatched reference row: %s", line);
        continue;
      }
      rows++;
      size_t ti = f[0] == 0.0 ? 0 : f[0] == 720.0 ? 1 : 2;
      size_t e = ti * n + (size_t)index[id];
      int want = f[1] == 0.0 ? OW_OK : -100 - (int)f[1];
      if (got.st[e] != want) {
        if (bad++ < 5)
          CHECK_FAIL_("%s at %g min: status %d, reference error %g", sat,
                      f[0], got.st[e], f[1]);
        continue;
      }
      if (want != OW_OK)
        continue;
      double g[6] = {got.x[e],  got.y[e],  got.z[e],
                     got.vx[e], got.vy[e], got.vz[e]};
      for (int j = 0; j < 3; j++) {
        max_dr = fmax(max_dr, fabs(g[j] - f[2 + j]));
        max_dv = fmax(max_dv, fabs(g[3 + j] - f[5 + j]));
      }
    }
    if (gz)
      gzclose(gz);
    CHECK_EQ_INT(rows, 3 * (long)n);
    CHECK_EQ_INT(bad, 0);
    CHECK_NEAR(max_dr, 0.0, TOL_POS_KM);
    CHECK_NEAR(max_dv, 0.0, TOL_VEL_KM_S);
    printf("reference 2023-10/%s: %ld rows, max |dr| %.3g km, max |dv| %.3g "
           "km/s\n",
           ow_batch_isa_name(b.isa), rows, max_dr, max_dv);
  }
  ow_batch_free(&b);
  states_free(&got);
  free(index);
  free(m);
}

/* UTC instants in TEME, PEF, ITRF vs scalar model + frames module. */
static void test_instants(void)
{
  ow_sgp4 *m;
  size_t n = load_models("full_2023-10_spacetrack_3le.txt", 7 * SAN_STRIDE,
                         &m);
  if (n == 0)
    return;
  ow_jd jd[4];
  CHECK_EQ_INT(ow_time_parse_iso("2023-10-09T12:00:00Z", &jd[0], NULL),
               OW_OK);
  for (int k = 1; k < 4; k++) {
    jd[k] = jd[0];
    jd[k].frac += k * 0.2371;
  }
  ow_batch b;
  CHECK_EQ_INT(ow_batch_init(&b, m, n, NULL), OW_OK);
  const ow_frame frames[3] = {OW_FRAME_TEME, OW_FRAME_PEF, OW_FRAME_ITRF};
  states got, ref;
  if (states_alloc(&got, 4 * n) || states_alloc(&ref, 4 * n))
    return;
  for (int f = 0; f < 3; f++) {
    for (size_t k = 0; k < 4; k++)
      for (size_t i = 0; i < n; i++) {
        size_t e = k * n + i;
        double tsince = ((jd[k].day - m[i].epoch_utc.day) +
                         (jd[k].frac - m[i].epoch_utc.frac)) * 1440.0;
        double r[3], v[3], ro[3], vo[3];
        ref.st[e] = ow_sgp4_propagate(&m[i], tsince, r, v);
        if (frames[f] == OW_FRAME_TEME) {
          memcpy(ro, r, sizeof ro);
          memcpy(vo, v, sizeof vo);
        } else if (frames[f] == OW_FRAME_PEF) {
          ow_teme_to_pef(NULL, jd[k], r, v, ro, vo);
        } else {
          ow_teme_to_itrf(NULL, jd[k], r, v, ro, vo);
        }
        ref.x[e] = ro[0], ref.y[e] = ro[1], ref.z[e] = ro[2];
        ref.vx[e] = vo[0], ref.vy[e] = vo[1], ref.vz[e] = vo[2];
      }
    ow_batch_out o = out_of(&got, n);
    CHECK_EQ_INT(ow_batch_at(&b, jd, 4, frames[f], NULL, &o), OW_OK);
    diff d = {0, 0, 0, 0, 0, 1};
    char what[64];
    snprintf(what, sizeof what, "instants/%s", ow_frame_name(frames[f]));
    for (size_t e = 0; e < 4 * n; e++)
      cmp_state(&d, &got, &ref, e, what, e % n, (double)(e / n));
    CHECK(d.dr <= TOL_POS_KM && d.dv <= TOL_VEL_KM_S);
    CHECK_EQ_INT(d.status_bad, 0);
    printf("%s: %zu states, max |dr| %.3g km, max |dv| %.3g km/s (%ld "
           "unphysical states of stale element sets compared relatively)\n",
           what, 4 * n, d.dr, d.dv, d.far);
  }
  CHECK_EQ_INT(ow_batch_at(&b, jd, 1, OW_FRAME_GCRF, NULL, &(ow_batch_out){
                               got.x, got.y, got.z, NULL, NULL, NULL, NULL,
                               n}),
               OW_E_UNSUPPORTED);
  ow_batch_free(&b);
  states_free(&got);
  states_free(&ref);
  free(m);
}

/* The stream walks a grid chunk by chunk with the same numbers. */
static void test_stream(void)
{
  ow_sgp4 *m;
  size_t n = load_models("full_2023-10_spacetrack_3le.txt", 53 * SAN_STRIDE,
                         &m);
  if (n == 0)
    return;
  ow_batch b;
  CHECK_EQ_INT(ow_batch_init(&b, m, n, NULL), OW_OK);
  ow_time_grid g;
  CHECK_EQ_INT(ow_time_parse_iso("2023-10-09T00:00:00Z", &g.start_utc, NULL),
               OW_OK);
  g.step_s = 60.0;
  g.n = 200;
  states all;
  if (states_alloc(&all, g.n * n))
    return;
  ow_batch_out o = out_of(&all, n);
  CHECK_EQ_INT(ow_batch_grid(&b, &g, 0, g.n, OW_FRAME_ITRF, NULL, &o),
               OW_OK);
  ow_batch_stream s;
  CHECK_EQ_INT(ow_batch_stream_init(&s, &b, &g, 37, OW_FRAME_ITRF, NULL,
                                    NULL),
               OW_OK);
  /* chunks restart the kernel's rotation of the linear angles at other
     steps, so the two runs agree to rounding, not bit for bit */
  long got, steps = 0, chunks = 0, same = 1;
  double worst = 0.0;
  while ((got = ow_batch_stream_next(&s)) > 0) {
    CHECK_EQ_INT(s.k0, steps);
    for (size_t e = 0; e < (size_t)got * n; e++) {
      size_t a = s.k0 * n + e;
      same &= s.out.status[e] == all.st[a];
      worst = fmax(worst, fabs(s.out.x_km[e] - all.x[a]));
      worst = fmax(worst, 1e3 * fabs(s.out.vz_km_s[e] - all.vz[a]));
    }
    steps += got;
    chunks++;
  }
  CHECK_NEAR(worst, 0.0, TOL_POS_KM);
  CHECK_EQ_INT(got, 0);
  CHECK_EQ_INT(steps, 200);
  CHECK_EQ_INT(chunks, 6);
  CHECK(same);
  ow_batch_stream_free(&s);
  ow_batch_stream_free(NULL);
  /* bad arguments */
  CHECK_EQ_INT(ow_batch_grid(&b, &g, 150, 51, OW_FRAME_TEME, NULL, &o),
               OW_E_ARG);
  ow_batch_out small = o;
  small.ld = n - 1;
  CHECK_EQ_INT(ow_batch_tsince(&b, (double[]){0.0}, 1, &small), OW_E_ARG);
  ow_batch_free(&b);
  ow_batch_free(NULL);
  /* an empty batch runs and writes nothing */
  CHECK_EQ_INT(ow_batch_init(&b, NULL, 0, NULL), OW_OK);
  CHECK_EQ_INT(ow_batch_tsince(&b, (double[]){0.0}, 1, &o), OW_OK);
  ow_batch_free(&b);
  states_free(&all);
  free(m);
}

/* The one-call form on the verification set's kind of mix. */
static void test_one_call(void)
{
  ow_sgp4 *m;
  size_t n = load_models("full_2023-10_spacetrack_3le.txt", 101, &m);
  if (n == 0)
    return;
  const double t[3] = {-5.5, 0.0, 1234.5};
  states got;
  if (states_alloc(&got, 3 * n))
    return;
  ow_batch_out o = out_of(&got, n);
  CHECK_EQ_INT(ow_batch_propagate(m, n, t, 3, &o, NULL), OW_OK);
  diff d = {0, 0, 0, 0, 0, 0};
  states ref;
  if (states_alloc(&ref, 3 * n))
    return;
  for (size_t k = 0; k < 3; k++)
    for (size_t i = 0; i < n; i++) {
      size_t e = k * n + i;
      double r[3], v[3];
      ref.st[e] = ow_sgp4_propagate(&m[i], t[k], r, v);
      ref.x[e] = r[0], ref.y[e] = r[1], ref.z[e] = r[2];
      ref.vx[e] = v[0], ref.vy[e] = v[1], ref.vz[e] = v[2];
      cmp_state(&d, &got, &ref, e, "one call", i, t[k]);
    }
  CHECK_EQ_INT(d.compared, (long)(3 * n));
  CHECK(d.dr <= TOL_POS_KM && d.dv <= TOL_VEL_KM_S);
  CHECK_EQ_INT(ow_batch_propagate(NULL, 3, t, 3, &o, NULL), OW_E_ARG);
  states_free(&got);
  states_free(&ref);
  free(m);
}

static void test_isa_names(void)
{
  ow_batch_isa isa;
  CHECK_EQ_INT(ow_batch_isa_parse("avx2", &isa), OW_OK);
  CHECK_EQ_INT(isa, OW_ISA_AVX2);
  CHECK_EQ_INT(ow_batch_isa_parse("neon", &isa), OW_E_ARG);
  CHECK_STR(ow_batch_isa_name(OW_ISA_AVX512), "avx512");
  CHECK(ow_batch_isa_supported(OW_ISA_SSE2));
}

int main(void)
{
  test_isa_names();
  test_catalog("full_2023-10_spacetrack_3le.txt", 1);
  test_catalog("full_2022-01_spacetrack_3le.txt", 1);
  test_catalog("full_2022-07_spacetrack_3le.txt", 1);
  test_catalog("full_2022-08_satellitejs_2le.txt", 1);
  test_catalog("leo-payloads_2026-06_spacetrack_3le.txt", 1);
  test_catalog("history_2026-03_to_08_ISS_25544_3le.txt", 1);
  test_catalog("history_2026-03_to_08_celestrak_stations-weather-amateur_3le"
               ".txt.gz", 3);
  test_reference();
  test_instants();
  test_stream();
  test_one_call();
  return check_done();
}
