/*
** test_screen_scan.c - the screening search's single-precision candidate
** filter (src/lib/conj/screen_scan_kernel.h), forced to each ISA the CPU runs:
**   1. against a double-precision reference written here (the search
**      radius and the linear-motion bound of screen.c's pair_test): every
**      pair the reference keeps must be a hit (superset), on states of
**      real catalog objects and on pairs built on the two boundaries, at
**      LEO and at deep-space coordinates; and no hit may be far outside
**      (within 2 km of both bounds), so the filter does filter; records
**      with x NaN (how screen.c leaves out fast objects) are never hits;
**      the two-probe filter gives exactly what the one-probe one does;
**   2. the whole screening of a catalog sample, all-vs-all and with
**      primaries, gives the same events whatever the ISA (test_screen
**      checks the events against a brute-force reference).
*/
#include "check.h"
#include "orbwatch/orbwatch.h"
#include "screen_scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MU_KM3_S2 398600.8

/* The sanitizer build (slow) takes samples SAN times smaller. */
#if CHECK_SANITIZED
#define SAN 5
#else
#define SAN 1
#endif
#define TWO_PI 6.283185307179586

typedef struct st8 {
  double x[3], v[3], vb, acc;
} st8;

/* The reference: pair_test's radius and linear-motion tests, with the
** bounds widened by slack_km (0: the exact tests). */
static int ref_keep(const st8 *a, const st8 *b, double d, double h,
                    double slack_km)
{
  double dr[3], dv[3];
  for (int k = 0; k < 3; k++)
    dr[k] = b->x[k] - a->x[k], dv[k] = b->v[k] - a->v[k];
  double d2 = dr[0] * dr[0] + dr[1] * dr[1] + dr[2] * dr[2];
  double rad = d + (a->vb + b->vb) * 0.5 * h + slack_km;
  if (d2 >= rad * rad)
    return 0;
  /* Closest point of the line dr + dv t over the interval ahead (f < 0)
  ** or behind. */
  double f = dr[0] * dv[0] + dr[1] * dv[1] + dr[2] * dv[2];
  double v2 = dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2];
  double t = v2 > 0 ? -f / v2 : 0.0;
  if (f < 0)
    t = t > h ? h : t;
  else
    t = t < -h ? -h : t;
  double m2 = 0;
  for (int k = 0; k < 3; k++) {
    double e = dr[k] + dv[k] * t;
    m2 += e * e;
  }
  double lim = d + (a->acc + b->acc) * h * h * 0.5 + slack_km;
  return m2 <= lim * lim;
}

static ow__scan_rec *recs_of(const st8 *p, size_t n)
{
  ow__scan_rec *r = malloc((n + OW__SCAN_PAD) * sizeof *r);
  for (size_t i = n; i < n + OW__SCAN_PAD; i++)
    r[i].x = r[i].y = r[i].z = r[i].vx = r[i].vy = r[i].vz = r[i].vb =
        r[i].acc = NAN;
  for (size_t i = 0; i < n; i++) {
    r[i].x = (float)p[i].x[0], r[i].y = (float)p[i].x[1];
    r[i].z = (float)p[i].x[2], r[i].vx = (float)p[i].v[0];
    r[i].vy = (float)p[i].v[1], r[i].vz = (float)p[i].v[2];
    r[i].vb = (float)p[i].vb, r[i].acc = (float)p[i].acc;
  }
  return r;
}

/* Every probe against all the others: misses (reference keeps, kernel
** does not), stray hits (outside the 2 km slack), counts. */
static void compare(const char *label, ow_batch_isa isa, const st8 *p,
                    size_t n, double d, double h)
{
  double xmax = 0;
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 3; k++)
      xmax = fmax(xmax, fabs(p[i].x[k]));
  ow__scan_rec *R = recs_of(p, n);
  /* Every 17th record left out as screen.c leaves out fast objects (x
  ** NaN): never a hit, never in the radius. */
  for (size_t i = 5; i < n; i += 17)
    R[i].x = NAN;
  uint32_t *hit = malloc((n + 1) * sizeof *hit);
  uint32_t *hit2 = malloc((2 * n + 2) * sizeof *hit2);
  size_t two_diff = 0;
  unsigned char *mark = calloc(n + 1, 1);
  ow__scan2_fn fn2 = NULL;
  ow__scan_fn fn = ow__scan_for(isa, &fn2);
  ow__scan_probe pr;
  ow__scan_consts(&pr, d, h, xmax);
  size_t miss = 0, stray = 0, nref = 0, nhit = 0, nrad_ref = 0;
  uint64_t nrad = 0;
  for (size_t a = 0; a + 1 < n; a++) {
    if (isnan(R[a].x))
      continue;
    pr.x = R[a].x, pr.y = R[a].y, pr.z = R[a].z;
    pr.vx = R[a].vx, pr.vy = R[a].vy, pr.vz = R[a].vz;
    pr.vb = R[a].vb, pr.acc = R[a].acc;
    /* Odd probes start one slot further: ranges of every alignment. */
    size_t q0 = a + 1 + (a & 1);
    size_t nh = fn(R, q0, n, &pr, hit, &nrad);
    /* The two-probe filter: a and the previous probe b (its q0 differs
    ** by at most 2, so b is tested on this range too) must get exactly
    ** what the one-probe filter gives each. */
    if (a > 0 && !isnan(R[a - 1].x)) {
      ow__scan_probe pb = pr;
      pb.x = R[a - 1].x, pb.y = R[a - 1].y, pb.z = R[a - 1].z;
      pb.vx = R[a - 1].vx, pb.vy = R[a - 1].vy, pb.vz = R[a - 1].vz;
      pb.vb = R[a - 1].vb, pb.acc = R[a - 1].acc;
      uint64_t n2 = 0, n1 = 0;
      size_t nb1 = fn(R, q0, n, &pb, hit2 + n + 1, &n1);
      size_t nh2 = fn2(R, q0, n, &pr, &pb, hit2, &n2);
      size_t ka = 0, kb = 0;
      for (size_t j = 0; j < nh2; j++) {
        uint32_t q = hit2[j] >> 1;
        if (hit2[j] & 1)
          two_diff += kb >= nb1 || hit2[n + 1 + kb++] != q;
        else
          two_diff += ka >= nh || hit[ka++] != q;
      }
      two_diff += ka != nh || kb != nb1;
      uint64_t nra = 0;
      fn(R, q0, n, &pr, hit2 + n + 1, &nra);
      two_diff += n2 != n1 + nra;
    }
    for (size_t j = 0; j < nh; j++) {
      mark[hit[j]] = 1;
      stray += isnan(R[hit[j]].x) || !ref_keep(&p[a], &p[hit[j]], d, h, 2.0);
    }
    for (size_t q = q0; q < n; q++) {
      if (isnan(R[q].x))
        continue;
      double dr2 = 0;
      for (int k = 0; k < 3; k++)
        dr2 += (p[q].x[k] - p[a].x[k]) * (p[q].x[k] - p[a].x[k]);
      double rad = d + (p[a].vb + p[q].vb) * 0.5 * h;
      nrad_ref += dr2 < rad * rad;
      int keep = ref_keep(&p[a], &p[q], d, h, 0.0);
      nref += keep;
      if (keep && !mark[q]) {
        if (miss < 5)
          fprintf(stderr, "%s %s: pair %zu-%zu kept by the reference, "
                  "missed\n", label, ow_batch_isa_name(isa), a, q);
        miss++;
      }
      mark[q] = 0;
    }
    nhit += nh;
  }
  CHECK_EQ_INT(miss, 0);
  CHECK_EQ_INT(two_diff, 0);
  CHECK_EQ_INT(stray, 0);
  CHECK(nrad >= nrad_ref);
  /* Records with x NaN only: no hit, none in the radius. */
  ow__scan_rec nanr[32 + OW__SCAN_PAD];
  for (size_t i = 0; i < 32 + OW__SCAN_PAD; i++) {
    nanr[i] = R[0];
    nanr[i].x = NAN;
  }
  uint64_t nrad_nan = 0;
  CHECK_EQ_INT(fn(nanr, 0, 32, &pr, hit, &nrad_nan), 0);
  CHECK_EQ_INT(nrad_nan, 0);
  CHECK(nref > 0);
  printf("%s %s: %zu states, %zu pairs kept by the reference, %zu hits "
         "(%zu missed, %zu stray), %llu in radius (reference %zu)\n", label,
         ow_batch_isa_name(isa), n, nref, nhit, miss, stray,
         (unsigned long long)nrad, nrad_ref);
  free(hit);
  free(hit2);
  free(mark);
  free(R);
}

/* Deterministic uniform in [0, 1) (xorshift64*). */
static double urand(uint64_t *s)
{
  *s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
  return (double)((*s * UINT64_C(2685821657736338717)) >> 11) * 0x1p-53;
}

static void unit_vec(uint64_t *s, double u[3])
{
  double z = 2 * urand(s) - 1, ph = TWO_PI * urand(s);
  double r = sqrt(1 - z * z);
  u[0] = r * cos(ph), u[1] = r * sin(ph), u[2] = z;
}

/*
** Pairs on the boundaries: probe a at radius r0, partner b with a
** relative velocity of random direction and speed, placed so that either
** the distance is R_ab - eps (radius boundary, approaching or receding)
** or the line's closest point in the interval is lim - eps (linear
** boundary, the closest point inside the interval or at its end), with
** eps from 1 m down to 0 and a few just outside (+eps).
*/
static size_t boundary_set(st8 *p, size_t cap, double r0, double d,
                           double h, uint64_t *seed)
{
  size_t n = 0;
  while (n + 2 <= cap) {
    st8 a, b;
    double u[3], w[3];
    unit_vec(seed, u);
    double vmag = sqrt(MU_KM3_S2 / r0);
    unit_vec(seed, w);
    for (int k = 0; k < 3; k++)
      a.x[k] = r0 * u[k], a.v[k] = vmag * w[k];
    a.acc = 1.01 * MU_KM3_S2 / (r0 * r0);
    a.vb = vmag + a.acc * 0.5 * h;
    b.acc = a.acc;
    double vr = 16.0 * urand(seed), dvd[3];
    unit_vec(seed, dvd);
    for (int k = 0; k < 3; k++)
      b.v[k] = a.v[k] + vr * dvd[k];
    b.vb = sqrt(b.v[0] * b.v[0] + b.v[1] * b.v[1] + b.v[2] * b.v[2]) +
           b.acc * 0.5 * h;
    double eps = (urand(seed) < 0.8 ? 1 : -1) * 1e-3 * urand(seed) *
                 (urand(seed) < 0.3 ? 0 : 1);
    double dr[3];
    if (urand(seed) < 0.5) {
      /* Radius boundary, any direction. */
      double rad = d + (a.vb + b.vb) * 0.5 * h - eps, e[3];
      unit_vec(seed, e);
      for (int k = 0; k < 3; k++)
        dr[k] = rad * e[k];
    } else {
      /* Linear boundary: closest point at t* (inside [-h, h] or past the
      ** end, then clamped), offset perpendicular to dv. */
      double lim = d + (a.acc + b.acc) * h * h * 0.5 - eps;
      double ts = (2.4 * urand(seed) - 1.2) * h, e[3], c[3];
      unit_vec(seed, e);
      c[0] = e[1] * dvd[2] - e[2] * dvd[1];
      c[1] = e[2] * dvd[0] - e[0] * dvd[2];
      c[2] = e[0] * dvd[1] - e[1] * dvd[0];
      double cn = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
      for (int k = 0; k < 3; k++)
        dr[k] = lim * c[k] / cn - vr * dvd[k] * ts;
    }
    for (int k = 0; k < 3; k++)
      b.x[k] = a.x[k] + dr[k];
    p[n++] = a;
    p[n++] = b;
  }
  return n;
}

/* States of every k-th object of a catalog at t (scalar SGP4). */
static size_t real_set(const ow_catalog *cat, size_t every, ow_jd t,
                       double h, st8 *p, size_t cap)
{
  size_t n = 0;
  for (size_t i = 0; i < cat->n && n < cap; i += every) {
    ow_sgp4 m;
    if (ow_sgp4_init(&m, &cat->items[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                     NULL) < 0)
      continue;
    double ts = ((t.day - cat->items[i].epoch_utc.day) +
                 (t.frac - cat->items[i].epoch_utc.frac)) * 1440.0;
    st8 s;
    if (ow_sgp4_propagate(&m, ts, s.x, s.v) != OW_OK)
      continue;
    double r = sqrt(s.x[0] * s.x[0] + s.x[1] * s.x[1] + s.x[2] * s.x[2]);
    if (!(r > 6300 && r < 1e6))
      continue;
    s.acc = 1.01 * MU_KM3_S2 / (r * r);
    s.vb = sqrt(s.v[0] * s.v[0] + s.v[1] * s.v[1] + s.v[2] * s.v[2]) +
           s.acc * 0.5 * h;
    p[n++] = s;
  }
  return n;
}

static int cmp_ev(const void *x, const void *y)
{
  const ow_screen_event *a = x, *b = y;
  if (a->i1 != b->i1)
    return a->i1 < b->i1 ? -1 : 1;
  if (a->i2 != b->i2)
    return a->i2 < b->i2 ? -1 : 1;
  double ta = a->tca_utc.day + a->tca_utc.frac;
  double tb = b->tca_utc.day + b->tca_utc.frac;
  return (ta > tb) - (ta < tb);
}

/* The screening of a sample with each ISA: identical events. */
static void test_screen_isas(const ow_elset *es, const ow_sgp4 *m, size_t n,
                             ow_jd t0, const uint32_t *prim, size_t nprim)
{
  ow_screen_result ref;
  memset(&ref, 0, sizeof ref);
  int have_ref = 0;
  for (int isa = OW_ISA_SSE2; isa <= OW_ISA_AVX512; isa++) {
    ow_screen_opts o;
    ow_screen_opts_default(&o, t0);
    o.span_day = 0.25;
    o.threshold_km = 10.0;
    o.scan_isa = isa;
    o.primaries = prim, o.n_primaries = nprim;
    ow_screen_result r;
    ow_err err;
    int rc = ow_screen_run(es, m, n, &o, &r, &err);
    if (!ow__scan_for(isa, NULL)) {
      CHECK_EQ_INT(rc, OW_E_UNSUPPORTED);
      printf("screen %s: not supported here\n",
             ow_batch_isa_name((ow_batch_isa)isa));
      continue;
    }
    CHECK_EQ_INT(rc, OW_OK);
    if (rc != OW_OK)
      continue;
    qsort(r.events, r.n, sizeof *r.events, cmp_ev);
    printf("screen %s%s: %zu objects, %zu events, %llu pair-instants in "
           "radius\n", ow_batch_isa_name((ow_batch_isa)isa),
           nprim ? " (primaries)" : "", n, r.n,
           (unsigned long long)r.stats.pairs_in_radius);
    CHECK(r.n > (nprim ? 3u : 100u) / SAN / SAN);
    if (!have_ref) {
      ref = r;
      have_ref = 1;
      continue;
    }
    CHECK_EQ_INT(r.n, ref.n);
    size_t diff = 0;
    for (size_t e = 0; e < r.n && e < ref.n; e++)
      diff += r.events[e].i1 != ref.events[e].i1 ||
              r.events[e].i2 != ref.events[e].i2 ||
              r.events[e].tca_utc.day != ref.events[e].tca_utc.day ||
              r.events[e].tca_utc.frac != ref.events[e].tca_utc.frac ||
              r.events[e].miss_km != ref.events[e].miss_km;
    CHECK_EQ_INT(diff, 0);
    ow_screen_result_free(&r);
  }
  ow_screen_result_free(&ref);
}

int main(void)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/full_2023-10_spacetrack_3le.txt",
           check_shared_dir());
  ow_catalog cat;
  ow_catalog_init(&cat);
  if (ow_catalog_load_file(&cat, path, OW_FMT_AUTO, NULL, NULL, NULL,
                           NULL) < 0 || cat.n < 1000) {
    fprintf(stderr, "catalog missing: %s\n", path);
    CHECK(0);
    return check_done();
  }
  ow_jd t0 = cat.items[cat.n / 2].epoch_utc;
  t0.frac = floor(t0.frac * 24.0) / 24.0;

  size_t cap = 4000;
  st8 *p = malloc(cap * sizeof *p);
  for (int isa = OW_ISA_SSE2; isa <= OW_ISA_AVX512; isa++) {
    if (!ow__scan_for(isa, NULL)) {
      printf("kernel %s: not supported here\n",
             ow_batch_isa_name((ow_batch_isa)isa));
      continue;
    }
    /* Real states: every 7th object (35th sanitized; LEO to HEO), 60 s
    ** and 300 s steps, 5 km and 50 km (the pairs in radius are dense). */
    size_t n = real_set(&cat, 7 * SAN, t0, 60.0, p, cap);
    compare("real 60 s 5 km", (ow_batch_isa)isa, p, n, 5.0, 60.0);
    n = real_set(&cat, 7 * SAN, t0, 300.0, p, cap);
    compare("real 300 s 50 km", (ow_batch_isa)isa, p, n, 50.0, 300.0);
    /* Boundary pairs in LEO, GEO and at lunar distance (the coordinate
    ** pad), 60 s and 10 s steps. */
    static const double r0[3] = {6900.0, 42164.0, 4.0e5};
    for (int k = 0; k < 3; k++) {
      uint64_t seed = 0x9E3779B97F4A7C15u + (uint64_t)k;
      n = boundary_set(p, 2000 / SAN, r0[k], 5.0, 60.0, &seed);
      compare(k == 0 ? "boundary LEO" : k == 1 ? "boundary GEO"
                                               : "boundary 4e5 km",
              (ow_batch_isa)isa, p, n, 5.0, 60.0);
      n = boundary_set(p, 2000 / SAN, r0[k], 1.0, 10.0, &seed);
      compare("boundary 10 s 1 km", (ow_batch_isa)isa, p, n, 1.0, 10.0);
    }
  }
  free(p);

  /* Whole screening, every 9th object (45th sanitized), each ISA. */
  size_t ns = 0;
  ow_elset *es = malloc((cat.n / 9 + 1) * sizeof *es);
  ow_sgp4 *m = malloc((cat.n / 9 + 1) * sizeof *m);
  for (size_t i = 0; i < cat.n; i += 9 * SAN) {
    es[ns] = cat.items[i];
    ow_sgp4_init(&m[ns], &es[ns], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
    ns++;
  }
  test_screen_isas(es, m, ns, t0, NULL, 0);
  uint32_t prim[40];
  for (size_t k = 0; k < 40; k++)
    prim[k] = es[(k * 97) % ns].norad;
  test_screen_isas(es, m, ns, t0, prim, 40);
  free(m);
  free(es);
  ow_catalog_free(&cat);
  return check_done();
}
