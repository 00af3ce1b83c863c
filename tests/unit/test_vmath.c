/*
** test_vmath.c - accuracy of the batch kernel's vector functions
** (src/lib/prop/vmath.h) against glibc's libm, for every ISA this CPU runs.
**
** Oracle: sin, cos, atan2, fmod of libm (glibc's sin/cos/atan2 are
** correctly rounded or within 1 ulp). Errors are measured in ulps of the
** libm result, on pseudo-random arguments (fixed seed) over the ranges the
** kernel uses; the limits below are the documented accuracy (vmath.h,
** docs/batch.md) and the test prints what it measured.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"
#include "sgp4_batch_impl.h"

#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#define N_SAMPLES 200000
/* documented limits */
#define SINCOS_MAX_ULP 2.0     /* |x| < 1.6e6, away from zeros */
#define SINCOS_MAX_ABS 2.3e-16 /* anywhere in |x| < 1.6e6 */
#define ATAN2_MAX_ULP 3.0
#define FMOD_MAX_ABS_FMA 0.0      /* exact with FMA */
#define FMOD_MAX_REL_NOFMA 2.3e-16 /* relative to |x|, SSE2 */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double urand(void) /* [0, 1), xorshift64* */
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double)((rng_state * 2685821657736338717ull) >> 11) * 0x1p-53;
}

static double ulps(double got, double want)
{
  if (got == want)
    return 0.0;
  double u = nextafter(fabs(want), INFINITY) - fabs(want);
  if (want == 0.0)
    u = DBL_TRUE_MIN;
  return fabs(got - want) / u;
}

static void test_sincos(const char *isa, const ow__vmath_fns *f)
{
  static const double range[] = {0.78539816339744830962, 10.0, 1.0e3, 1.0e5, 1.55e6};
  static double x[N_SAMPLES], s[N_SAMPLES], c[N_SAMPLES];
  for (size_t r = 0; r < sizeof range / sizeof range[0]; r++) {
    for (int i = 0; i < N_SAMPLES; i++)
      x[i] = (2.0 * urand() - 1.0) * range[r];
    f->sincos(x, s, c, N_SAMPLES);
    double max_ulp = 0.0, max_abs = 0.0;
    for (int i = 0; i < N_SAMPLES; i++) {
      double ws = sin(x[i]), wc = cos(x[i]);
      max_abs = fmax(max_abs, fmax(fabs(s[i] - ws), fabs(c[i] - wc)));
      /* ulps only where the result is not near a zero (|value| > 1e-3):
         there the absolute bound is the meaningful one */
      if (fabs(ws) > 1e-3)
        max_ulp = fmax(max_ulp, ulps(s[i], ws));
      if (fabs(wc) > 1e-3)
        max_ulp = fmax(max_ulp, ulps(c[i], wc));
    }
    printf("%s sincos |x| < %-8g max %.2f ulp, max abs %.3g\n", isa,
           range[r], max_ulp, max_abs);
    CHECK(max_ulp <= SINCOS_MAX_ULP);
    CHECK(max_abs <= SINCOS_MAX_ABS);
  }
  /* exact small cases and symmetry */
  double xs[4] = {0.0, -0.0, 1.57079632679489661923, -3.14159265358979323846}, ss[4], cs[4];
  f->sincos(xs, ss, cs, 4);
  CHECK(ss[0] == 0.0 && cs[0] == 1.0);
  CHECK_NEAR(ss[2], 1.0, 1e-16);
  CHECK_NEAR(cs[3], -1.0, 1e-16);
}

static void test_atan2(const char *isa, const ow__vmath_fns *f)
{
  static double y[N_SAMPLES], x[N_SAMPLES], a[N_SAMPLES];
  for (int i = 0; i < N_SAMPLES; i++) {
    /* magnitudes over 12 decades, every quadrant */
    y[i] = (2.0 * urand() - 1.0) * pow(10.0, 12.0 * urand() - 6.0);
    x[i] = (2.0 * urand() - 1.0) * pow(10.0, 12.0 * urand() - 6.0);
  }
  f->atan2(y, x, a, N_SAMPLES);
  double max_ulp = 0.0;
  for (int i = 0; i < N_SAMPLES; i++)
    max_ulp = fmax(max_ulp, ulps(a[i], atan2(y[i], x[i])));
  printf("%s atan2 max %.2f ulp\n", isa, max_ulp);
  CHECK(max_ulp <= ATAN2_MAX_ULP);
  /* axes and signed zeros as C's atan2 */
  double ys[6] = {0.0, -0.0, 0.0, 1.0, -1.0, 0.0};
  double xs[6] = {1.0, 1.0, -1.0, 0.0, 0.0, -0.0}, as[6];
  f->atan2(ys, xs, as, 6);
  for (int i = 0; i < 6; i++)
    CHECK_NEAR(as[i], atan2(ys[i], xs[i]), 4.5e-16);
  CHECK(signbit(as[1]));
}

static void test_fmod(const char *isa, const ow__vmath_fns *f, int fma)
{
  static double x[N_SAMPLES], r[N_SAMPLES];
  const double twopi = 6.28318530717958647692;
  for (int i = 0; i < N_SAMPLES; i++)
    x[i] = (2.0 * urand() - 1.0) * pow(10.0, 7.0 * urand() - 2.0);
  x[0] = 0.0;
  x[1] = twopi;
  x[2] = -twopi;
  x[3] = 3.0 * twopi;
  f->fmod_2pi(x, r, N_SAMPLES);
  double max_abs = 0.0, max_rel = 0.0;
  long wrong_side = 0;
  for (int i = 0; i < N_SAMPLES; i++) {
    double w = fmod(x[i], twopi), d = fabs(r[i] - w);
    /* the sign and branch must be C's: the deep-space Lyddane terms are
       not invariant under a shift by 2 pi */
    if (!(fabs(r[i]) < twopi) || (r[i] != 0.0 && (r[i] < 0) != (x[i] < 0)))
      wrong_side++;
    max_abs = fmax(max_abs, d);
    max_rel = fmax(max_rel, d / fmax(fabs(x[i]), twopi));
  }
  printf("%s fmod(x, 2pi) max abs %.3g, max rel %.3g, wrong branch %ld\n",
         isa, max_abs, max_rel, wrong_side);
  CHECK_EQ_INT(wrong_side, 0);
  if (fma)
    CHECK(max_abs <= FMOD_MAX_ABS_FMA);
  else
    CHECK(max_rel <= FMOD_MAX_REL_NOFMA);
}

int main(void)
{
  struct {
    ow_batch_isa isa;
    const ow__vmath_fns *f;
    int fma;
  } all[] = {{OW_ISA_SSE2, &ow__vmath_sse2, 0},
             {OW_ISA_AVX2, &ow__vmath_avx2, 1},
             {OW_ISA_AVX512, &ow__vmath_avx512, 1}};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    const char *name = ow_batch_isa_name(all[i].isa);
    if (!ow_batch_isa_supported(all[i].isa)) {
      printf("%s: not supported by this CPU, skipped\n", name);
      continue;
    }
    test_sincos(name, all[i].f);
    test_atan2(name, all[i].f);
    test_fmod(name, all[i].f, all[i].fma);
  }
  return check_done();
}
