/*
** sgp4_batch_impl.h - private layout of the batch SGP4 engine, shared by
** sgp4_batch.c (build, dispatch, threads, frames) and the per-ISA kernel
** files sgp4_batch_avx512.c / _avx2.c / _sse2.c (which include
** sgp4_batch_kernel.h).
**
** Layout: array of blocks of OW__BLK = 8 lanes (AoSoA). A block holds the
** coefficients of 8 objects of the same kind, field-major (f[field][lane]),
** so one vector load gives one coefficient for 8 (AVX-512), 4 (AVX2) or 2
** (SSE2) objects, and a block's ~0.8 kB stays in L1 while the kernel walks
** the time grid for it. Partial blocks are padded with copies of their
** last object (idx = -1: outputs discarded).
*/
#ifndef OW_SGP4_BATCH_IMPL_H
#define OW_SGP4_BATCH_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "orbwatch/batch.h"

#define OW__BLK 8

/* Kinds of block: the kernel is specialised for each (no lane branches). */
enum ow__bkind {
  OW__BK_NEAR_SIMPLE = 0, /* near-earth, perigee < 220 km (isimp) */
  OW__BK_NEAR_FULL = 1,   /* near-earth with the full drag terms */
  OW__BK_DEEP = 2,        /* deep space, no resonance (irez 0) */
  OW__BK_DEEP_RES24 = 3,  /* deep space, 24 h synchronous resonance (irez 1) */
  OW__BK_DEEP_RES12 = 4,  /* deep space, 12 h half-day resonance (irez 2) */
  OW__BK_COUNT = 5
};

/*
** Coefficients per lane, in the symbols of the report / Vallado 2006 (see
** sgp4.c). Derived values computed once at build time with libm (so they
** are bit-identical to what the scalar model computes) are marked "=".
*/
#define OW__BATCH_FIELDS(X)                                                  \
  X(ep_day) X(ep_frac) /* epoch, UTC two-part JD */                          \
  X(j2) X(j3oj2) X(xke) X(re) X(vkms) /* gravity model, vkms = re*xke/60 */ \
  X(afspc) /* 1.0 in AFSPC operation mode, else 0.0 */                      \
  X(mo) X(mdot) X(argpo) X(argpdot) X(nodeo) X(nodedot) X(nodecf)           \
  X(cc1) X(bcc4) /* = bstar*cc4 */ X(t2cof) X(no) X(ecco) X(inclo)          \
  X(am0) /* = pow(xke/no, 2/3) */ X(sinio) X(cosio) /* = sin, cos inclo */  \
  X(aycof) X(xlcof) X(con41) X(x1mth2) X(x7thm1)                            \
  /* near-earth, full drag */                                               \
  X(omgcof) X(eta) X(xmcof) X(delmo) X(d2) X(d3) X(d4)                      \
  X(bcc5) /* = bstar*cc5 */ X(sinmao) X(t3cof) X(t4cof) X(t5cof)            \
  /* deep space: secular rates and lunar-solar periodics */                 \
  X(dedt) X(didt) X(domdt) X(dnodt) X(dmdt) X(gsto)                         \
  X(e3) X(ee2) X(peo) X(pgho) X(pho) X(pinco) X(plo) X(se2) X(se3)         \
  X(sgh2) X(sgh3) X(sgh4) X(sh2) X(sh3) X(si2) X(si3) X(sl2) X(sl3) X(sl4) \
  X(xgh2) X(xgh3) X(xgh4) X(xh2) X(xh3) X(xi2) X(xi3) X(xl2) X(xl3)        \
  X(xl4) X(zmol) X(zmos)                                                    \
  /* resonance */                                                           \
  X(d2201) X(d2211) X(d3210) X(d3222) X(d4410) X(d4422) X(d5220)           \
  X(d5232) X(d5421) X(d5433) X(del1) X(del2) X(del3) X(xfact) X(xlamo)

enum ow__bfield {
#define OW__BF_ENUM(name) OW__BF_##name,
  OW__BATCH_FIELDS(OW__BF_ENUM)
#undef OW__BF_ENUM
  OW__BF_COUNT
};

/* One value of every field per object: the build's input. */
typedef struct ow__bcoef {
#define OW__BF_MEMBER(name) double name;
  OW__BATCH_FIELDS(OW__BF_MEMBER)
#undef OW__BF_MEMBER
  int kind; /* enum ow__bkind */
} ow__bcoef;

typedef struct ow__bblock {
  _Alignas(64) double f[OW__BF_COUNT][OW__BLK]; /* size a multiple of 64 */
  int64_t idx[OW__BLK]; /* object index in the caller's order, -1: pad */
  int kind;             /* enum ow__bkind */
  int nlive;            /* lanes with idx >= 0 */
  int contiguous;       /* all 8 lanes live, idx[l] = idx[0] + l */
} ow__bblock;

/*
** How the kernel gets the time of each propagation. Time k of the chunk:
**   tsince mode (jd == NULL): tsince_min[k] for every object;
**   instant mode: tsince = ((jd[k].day - ep_day) + (jd[k].frac - ep_frac))
**                 * 1440 for each object's own epoch.
** rot (NULL: TEME out) holds per time k 18 doubles: M (3x3 row-major) and
** N (3x3) with r_out = M r, v_out = M v + N r (TEME to ITRF or PEF).
*/
typedef struct ow__btimes {
  size_t n;
  const double *tsince_min;
  const ow_jd *jd;
  const double *rot;
} ow__btimes;

/*
** Kernel entry of one ISA: propagate blocks [b0, b1) at every time of ts,
** writing element (object i, time k) to out->...[k * out->ld + i].
*/
typedef void (*ow__bkernel_fn)(const ow__bblock *blocks, size_t b0, size_t b1,
                               const ow__btimes *ts, const ow_batch_out *out);

/*
** Build a batch from per-object coefficients (sgp4_batch.c), and fill the
** coefficients of one prepared model (sgp4_batch_coef.c, the one place
** that reads ow_sgp4's fields). Both return OW_OK or an error status.
*/
int ow__batch_build(ow_batch *b, const ow__bcoef *coef, size_t n,
                    ow_err *err);
int ow__bcoef_from_sgp4(const ow_sgp4 *m, ow__bcoef *c);

/* The per-ISA kernels (defined only when the compiler can build them). */
void ow__bkernel_avx512(const ow__bblock *, size_t, size_t,
                        const ow__btimes *, const ow_batch_out *);
void ow__bkernel_avx2(const ow__bblock *, size_t, size_t, const ow__btimes *,
                      const ow_batch_out *);
void ow__bkernel_sse2(const ow__bblock *, size_t, size_t, const ow__btimes *,
                      const ow_batch_out *);

/* Array forms of the vector functions, for tests/unit/test_vmath.c. */
typedef struct ow__vmath_fns {
  void (*sincos)(const double *x, double *s, double *c, size_t n);
  void (*atan2)(const double *y, const double *x, double *a, size_t n);
  void (*fmod_2pi)(const double *x, double *r, size_t n);
} ow__vmath_fns;
extern const ow__vmath_fns ow__vmath_avx512, ow__vmath_avx2, ow__vmath_sse2;

#endif
