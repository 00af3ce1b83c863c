/*
** vmath.h - double-precision SIMD vectors and the few transcendental
** functions the batch SGP4 kernel needs, written once for every ISA.
**
** The including file selects the instruction set before including this
** header, by defining exactly one of OW__VEC_AVX512 (8 lanes), OW__VEC_AVX2
** (4 lanes, with FMA) or OW__VEC_SSE2 (2 lanes, no FMA), and is compiled
** with the matching -m flags (see CMakeLists.txt). Everything here is
** static inline, so each translation unit gets its own copy for its ISA.
**
** Representation: GCC/Clang vector extensions (vd: W doubles, vm: W 64-bit
** integers used as lane masks, all ones = true), with intrinsics only where
** the extensions have no operator (sqrt, FMA, mask to bits).
**
** Accuracy (measured by tests/unit/test_vmath.c against glibc's libm on
** 200,000 random arguments per range, every ISA; docs/batch.md):
**   v_sincos     |x| < 1.6e6 rad (|x| * 2/pi < 2^20): <= 1 ulp for |x| <
**                1e3, <= 2 ulp up to 1.6e6 (away from zeros of the
**                result), <= 1.2e-16 absolute everywhere (Cody-Waite
**                reduction with fdlibm's 33+33+53-bit split of pi/2)
**   v_atan2      <= 3 ulp, every quadrant, signed zeros as C's atan2
**   v_fmod_2pi   the C fmod(x, 2pi) result and branch (sign of x, |r| <
**                2pi): exact with FMA, within 1.1e-16 |x| without
** Outside the sin/cos range the caller must not rely on the result (the
** kernel only feeds angles below 1e6 rad; larger ones fall back to libm).
*/
#ifndef OW_VMATH_H
#define OW_VMATH_H

#include <immintrin.h>
#include <stdint.h>

#if defined(OW__VEC_AVX512)
#define OW__VW 8
typedef double vd __attribute__((vector_size(64)));
typedef long long vm __attribute__((vector_size(64)));
static inline vd v_sqrt(vd x) { return (vd)_mm512_sqrt_pd((__m512d)x); }
static inline vd v_fma(vd a, vd b, vd c)
{
  return (vd)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
}
static inline unsigned v_bits(vm m)
{
  return (unsigned)_mm512_test_epi64_mask((__m512i)m, (__m512i)m);
}
#elif defined(OW__VEC_AVX2)
#define OW__VW 4
typedef double vd __attribute__((vector_size(32)));
typedef long long vm __attribute__((vector_size(32)));
static inline vd v_sqrt(vd x) { return (vd)_mm256_sqrt_pd((__m256d)x); }
static inline vd v_fma(vd a, vd b, vd c)
{
  return (vd)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
}
static inline unsigned v_bits(vm m)
{
  return (unsigned)_mm256_movemask_pd((__m256d)m);
}
#elif defined(OW__VEC_SSE2)
#define OW__VW 2
typedef double vd __attribute__((vector_size(16)));
typedef long long vm __attribute__((vector_size(16)));
static inline vd v_sqrt(vd x) { return (vd)_mm_sqrt_pd((__m128d)x); }
/* No FMA on SSE2: two roundings. The tolerances allow it (docs/batch.md). */
static inline vd v_fma(vd a, vd b, vd c) { return a * b + c; }
static inline unsigned v_bits(vm m)
{
  return (unsigned)_mm_movemask_pd((__m128d)m);
}
#else
#error "define OW__VEC_AVX512, OW__VEC_AVX2 or OW__VEC_SSE2 first"
#endif

#define OW__VALL ((1u << OW__VW) - 1u)

static inline vd v_set(double a)
{
  return (vd){0} + a; /* broadcast */
}
static inline vd v_load(const double *p)
{
  vd v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline void v_store(double *p, vd v) { __builtin_memcpy(p, &v, sizeof v); }

/* Lane select: m ? a : b, per lane (m all ones or all zeros). */
static inline vd v_sel(vm m, vd a, vd b)
{
  return (vd)(((vm)a & m) | ((vm)b & ~m));
}
static inline vm v_mand(vm a, vm b) { return a & b; }
static inline vm v_mor(vm a, vm b) { return a | b; }
static inline vm v_mnot(vm a) { return ~a; }
static inline int v_any(vm m) { return v_bits(m) != 0; }
static inline int v_all(vm m) { return v_bits(m) == OW__VALL; }

static inline vm v_mset(long long a) { return (vm){0} + a; }
static inline vm v_lt(vd a, vd b) { return (vm)(a < b); }
static inline vm v_le(vd a, vd b) { return (vm)(a <= b); }
static inline vm v_gt(vd a, vd b) { return (vm)(a > b); }
static inline vm v_ge(vd a, vd b) { return (vm)(a >= b); }
static inline vm v_ne(vd a, vd b) { return (vm)(a != b); }
static inline vm v_eq(vd a, vd b) { return (vm)(a == b); }

static inline vd v_abs(vd x)
{
  return (vd)((vm)x & v_mset(0x7fffffffffffffffll));
}
/* x with the sign bit flipped where s has it set (s: a double or a mask). */
static inline vd v_xorsign(vd x, vm s)
{
  return (vd)((vm)x ^ (s & v_mset((long long)0x8000000000000000ull)));
}
/* Lanes whose sign bit is set (including -0.0). */
static inline vm v_signbit(vd x) { return (vm)((vm)x < v_mset(0)); }
static inline vd v_min(vd a, vd b) { return v_sel(v_lt(a, b), a, b); }
static inline vd v_max(vd a, vd b) { return v_sel(v_lt(a, b), b, a); }

/*
** Round to the nearest integer (ties to even) for |x| < 2^51: adding
** 1.5 * 2^52 pushes the fraction out of the mantissa. *k_bits gets the
** integer in the low bits of the mantissa (two's complement modulo 2^51),
** which is all the quadrant logic needs.
*/
#define OW__ROUND_MAGIC 6755399441055744.0 /* 1.5 * 2^52 */
static inline vd v_round_bits(vd x, vm *k_bits)
{
  vd t = x + v_set(OW__ROUND_MAGIC);
  if (k_bits)
    *k_bits = (vm)t;
  return t - v_set(OW__ROUND_MAGIC);
}
static inline vd v_round(vd x) { return v_round_bits(x, 0); }

/*
** pi/2 split for Cody-Waite reduction, the constants of fdlibm's
** e_rem_pio2.c (pio2_1: first 33 bits, pio2_2: next 33 bits, pio2_2t: the
** rest rounded). k * pio2_1 and k * pio2_2 are exact for |k| < 2^20.
*/
#define OW__PIO2_1 1.57079632673412561417e+00
#define OW__PIO2_2 6.07710050630396597660e-11
#define OW__PIO2_2T 2.02226624879595063154e-21
#define OW__TWO_OVER_PI 6.36619772367581382433e-01

/*
** Taylor coefficients 1/n! of sin and cos. On |r| <= pi/4 the first term
** left out is below 1.2e-19 (sin) and 2e-18 (cos) relative: the error is
** the rounding of the Horner evaluation, about half an ulp.
*/
#define OW__S3 (-1.0 / 6.0)
#define OW__S5 (1.0 / 120.0)
#define OW__S7 (-1.0 / 5040.0)
#define OW__S9 (1.0 / 362880.0)
#define OW__S11 (-1.0 / 39916800.0)
#define OW__S13 (1.0 / 6227020800.0)
#define OW__S15 (-1.0 / 1307674368000.0)
#define OW__S17 (1.0 / 355687428096000.0)
#define OW__C4 (1.0 / 24.0)
#define OW__C6 (-1.0 / 720.0)
#define OW__C8 (1.0 / 40320.0)
#define OW__C10 (-1.0 / 3628800.0)
#define OW__C12 (1.0 / 479001600.0)
#define OW__C14 (-1.0 / 87178291200.0)
#define OW__C16 (1.0 / 20922789888000.0)

/* sin and cos of the reduced argument r, |r| <= pi/4. */
static inline void v_sincos_core(vd r, vd *sp, vd *cp)
{
  vd r2 = r * r;
  vd ps = v_fma(r2, v_set(OW__S17), v_set(OW__S15));
  ps = v_fma(r2, ps, v_set(OW__S13));
  ps = v_fma(r2, ps, v_set(OW__S11));
  ps = v_fma(r2, ps, v_set(OW__S9));
  ps = v_fma(r2, ps, v_set(OW__S7));
  ps = v_fma(r2, ps, v_set(OW__S5));
  ps = v_fma(r2, ps, v_set(OW__S3));
  *sp = v_fma(r * r2, ps, r);
  vd pc = v_fma(r2, v_set(OW__C16), v_set(OW__C14));
  pc = v_fma(r2, pc, v_set(OW__C12));
  pc = v_fma(r2, pc, v_set(OW__C10));
  pc = v_fma(r2, pc, v_set(OW__C8));
  pc = v_fma(r2, pc, v_set(OW__C6));
  pc = v_fma(r2, pc, v_set(OW__C4));
  /* 1 - r2/2 + r2^2 * pc, with the large terms added last */
  vd hr2 = v_set(0.5) * r2;
  vd one_m = v_set(1.0) - hr2;
  vd lost = (v_set(1.0) - one_m) - hr2; /* rounding of 1 - r2/2 */
  *cp = one_m + v_fma(r2 * r2, pc, lost);
}

/* Reduce x to r in [-pi/4, pi/4] and quadrant bits (|x| < 1.6e6). */
static inline vd v_reduce_pio2(vd x, vm *q)
{
  vd k = v_round_bits(x * v_set(OW__TWO_OVER_PI), q);
  vd r = v_fma(-k, v_set(OW__PIO2_1), x);
  r = v_fma(-k, v_set(OW__PIO2_2), r);
  return v_fma(-k, v_set(OW__PIO2_2T), r);
}

/* sin and cos together (one reduction). */
static inline void v_sincos(vd x, vd *s, vd *c)
{
  vm q;
  vd sp, cp;
  vd r = v_reduce_pio2(x, &q);
  v_sincos_core(r, &sp, &cp);
  /* quadrant q: (s, c) = (sp, cp), (cp, -sp), (-sp, -cp), (-cp, sp) */
  vm swap = -(q & v_mset(1));
  vd ss = v_sel(swap, cp, sp);
  vd cc = v_sel(swap, sp, cp);
  *s = v_xorsign(ss, (q & v_mset(2)) << 62);
  *c = v_xorsign(cc, ((q + v_mset(1)) & v_mset(2)) << 62);
}

static inline vd v_sin(vd x)
{
  vd s, c;
  v_sincos(x, &s, &c);
  return s;
}
static inline vd v_cos(vd x)
{
  vd s, c;
  v_sincos(x, &s, &c);
  return c;
}

/*
** Lanes where v_sincos is outside its documented range (|x| >= 1.6e6 rad
** or not finite): the caller recomputes those with libm.
*/
static inline vm v_sincos_out_of_range(vd x)
{
  return v_mnot(v_lt(v_abs(x), v_set(1.6e6)));
}

/*
** atan on |z| <= tan(pi/16) = 0.19891: Taylor series of atan to z^25
** (first term left out below 0.0396^13 / 27 = 2.2e-20 relative).
*/
static inline vd v_atan_small(vd z)
{
  vd z2 = z * z;
  vd p = v_set(1.0 / 25.0);
  p = v_fma(z2, p, v_set(-1.0 / 23.0));
  p = v_fma(z2, p, v_set(1.0 / 21.0));
  p = v_fma(z2, p, v_set(-1.0 / 19.0));
  p = v_fma(z2, p, v_set(1.0 / 17.0));
  p = v_fma(z2, p, v_set(-1.0 / 15.0));
  p = v_fma(z2, p, v_set(1.0 / 13.0));
  p = v_fma(z2, p, v_set(-1.0 / 11.0));
  p = v_fma(z2, p, v_set(1.0 / 9.0));
  p = v_fma(z2, p, v_set(-1.0 / 7.0));
  p = v_fma(z2, p, v_set(1.0 / 5.0));
  p = v_fma(z2, p, v_set(-1.0 / 3.0));
  return v_fma(z * z2, p, z);
}

#define OW__V_PI 3.14159265358979323846
#define OW__V_PIO2 1.57079632679489661923
#define OW__V_PIO4 0.78539816339744830962
#define OW__V_TAN_PIO8 0.41421356237309504880

/*
** atan2(y, x) for finite inputs, result in [-pi, pi]. Reduction: t =
** min/max of |x|, |y| in [0, 1]; above tan(pi/8), atan t = pi/4 +
** atan((t-1)/(t+1)); then one half-angle step atan z = 2 atan(z / (1 +
** sqrt(1 + z^2))) brings |z| below tan(pi/16) for the series.
*/
static inline vd v_atan2(vd y, vd x)
{
  vd ax = v_abs(x), ay = v_abs(y);
  vd num = v_min(ax, ay), den = v_max(ax, ay);
  /* 0/0 (both zero) becomes t = 0: atan2(+-0, +-0) = +-0 or +-pi */
  vd t = num / v_sel(v_le(den, v_set(0.0)), v_set(1.0), den);
  vm big = v_gt(t, v_set(OW__V_TAN_PIO8));
  vd z = v_sel(big, (t - v_set(1.0)) / (t + v_set(1.0)), t);
  vd h = z / (v_set(1.0) + v_sqrt(v_fma(z, z, v_set(1.0))));
  vd a = v_set(2.0) * v_atan_small(h);
  a = v_sel(big, a + v_set(OW__V_PIO4), a);
  a = v_sel(v_gt(ay, ax), v_set(OW__V_PIO2) - a, a);
  /* x = -0.0 counts as negative, as in C's atan2(+-0, -0) = +-pi */
  a = v_sel(v_signbit(x), v_set(OW__V_PI) - a, a);
  return v_xorsign(a, (vm)y);
}

/*
** fmod(x, 2pi) as C computes it (result has the sign of x, |r| < 2pi):
** the nearest multiple is removed with one FMA (exact when the result is
** representable), then the result is moved to the side of x's sign.
*/
#define OW__V_TWOPI 6.28318530717958647692
static inline vd v_fmod_2pi(vd x)
{
  vd k = v_round(x * v_set(1.0 / OW__V_TWOPI));
  vd r = v_fma(-k, v_set(OW__V_TWOPI), x);
  vm xneg = v_signbit(x);
  r = v_sel(v_mand(v_mnot(xneg), v_lt(r, v_set(0.0))),
            r + v_set(OW__V_TWOPI), r);
  r = v_sel(v_mand(xneg, v_gt(r, v_set(0.0))), r - v_set(OW__V_TWOPI), r);
  return r;
}

#endif
