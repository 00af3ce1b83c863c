/*
** screen_scan_kernel.h - source of ow__scan_<isa> and ow__scan2_<isa>
** (screen_scan.h), included by screen_scan_sse2.c, _avx2.c and _avx512.c
** after they define OW__SCAN_FN and OW__SCAN2_FN; CMakeLists.txt gives
** each its -m flags, and the compiler vectorises the loops over the
** candidates (plain C: one source for every ISA; the records are read as
** they are, 8 floats each, which the compiler de-interleaves with
** shuffles: cheaper than gathering the candidates of a cell into one
** array per component).
**
** Per candidate b, with dr = r_b - r_a, dv = v_b - v_a, f = dr . dv:
**   radius: |dr| < ds + (vb_a + vb_b) h/2;
**   linear: the smallest |dr + dv tau| over tau in [0, h] (f < 0, an
**   approaching pair) or [-h, 0] (receding) is at most
**   lim = lim0 + (acc_a + acc_b) h^2/2. Inside the interval (|f| <=
**   |dv|^2 h) it is |dr x dv| / |dv|, compared as |dr x dv|^2 <=
**   lim^2 |dv|^2 (the cross product has no cancellation to speak of,
**   unlike |dr|^2 - f^2/|dv|^2); else the distance at the clamped end.
** Both branches are computed and selected, so the loop has no branch.
*/
#include "screen_scan.h"

#include <math.h>

#define OW__SCAN_BLOCK 256

/* The two tests of one candidate against one probe: 1 if both pass; *in
** gets the radius test. */
static inline uint32_t scan_test(const ow__scan_rec *q, const ow__scan_probe *a,
                                 uint32_t *in)
{
  float dx = q->x - a->x, dy = q->y - a->y, dz = q->z - a->z;
  float d2 = dx * dx + dy * dy + dz * dz;
  float rad = a->ds + (a->vb + q->vb) * a->half;
  uint32_t ir = d2 < rad * rad;
  float ux = q->vx - a->vx, uy = q->vy - a->vy, uz = q->vz - a->vz;
  float f = dx * ux + dy * uy + dz * uz;
  float v2 = ux * ux + uy * uy + uz * uz;
  float cx = dy * uz - dz * uy, cy = dz * ux - dx * uz;
  float cz = dx * uy - dy * ux;
  float c2 = cx * cx + cy * cy + cz * cz;
  float lim = a->lim0 + (a->acc + q->acc) * a->h2h;
  float l2 = lim * lim;
  float tau = copysignf(a->h, -f); /* ahead if approaching */
  float ex = dx + ux * tau, ey = dy + uy * tau, ez = dz + uz * tau;
  float e2 = ex * ex + ey * ey + ez * ez;
  uint32_t inside = fabsf(f) <= v2 * a->h;
  uint32_t lin = (inside & (c2 <= l2 * v2)) | (!inside & (e2 <= l2));
  *in = ir;
  return ir & lin;
}

/* Blocks of candidates: whole groups of OW__SCAN_PAD (the caller's
** padding records, x NaN, fill the last one), so no scalar remainder loop
** (most calls are short: ~40 candidates). The flags are 32-bit: the
** vectorisation factor is then the float one (8-bit flags made it 64
** with AVX-512, longer than most calls). Survivors are rare (~1 in 500
** candidates, in at most 1 call in 12): blocks without any skip the flag
** scan, the others skip 2 flags at a time. */
#define OW__SCAN_LOOP(BODY, HITS)                                           \
  uint32_t m[OW__SCAN_BLOCK] __attribute__((aligned(64)));                   \
  size_t nh = 0;                                                            \
  uint64_t nr = 0;                                                          \
  for (size_t b0 = q0; b0 < q1; b0 += OW__SCAN_BLOCK) {                     \
    size_t nb = q1 - b0 < OW__SCAN_BLOCK ? q1 - b0 : OW__SCAN_BLOCK;        \
    size_t np = (nb + OW__SCAN_PAD - 1) / OW__SCAN_PAD * OW__SCAN_PAD;      \
    uint32_t cnt = 0, any = 0;                                              \
    const ow__scan_rec *restrict P = r + b0;                                \
    for (size_t k = 0; k < np; k++) {                                       \
      BODY                                                                  \
    }                                                                       \
    nr += cnt;                                                              \
    if (!any)                                                               \
      continue;                                                             \
    for (size_t k = 0; k < nb; k += 2) {                                    \
      uint64_t w;                                                           \
      __builtin_memcpy(&w, m + k, 8);                                       \
      if (!w)                                                               \
        continue;                                                           \
      for (size_t j = k; j < k + 2 && j < nb; j++) {                        \
        HITS                                                                \
      }                                                                     \
    }                                                                       \
  }                                                                         \
  *n_radius += nr;                                                          \
  return nh;

size_t OW__SCAN_FN(const ow__scan_rec *r, size_t q0, size_t q1,
                   const ow__scan_probe *a, uint32_t *hit,
                   uint64_t *n_radius)
{
  const ow__scan_probe pa = *a;
  OW__SCAN_LOOP(
      uint32_t in; uint32_t t = scan_test(&P[k], &pa, &in);
      cnt += in; any |= t; m[k] = t;,
      if (m[j]) hit[nh++] = (uint32_t)(b0 + j);)
}

size_t OW__SCAN2_FN(const ow__scan_rec *r, size_t q0, size_t q1,
                    const ow__scan_probe *a, const ow__scan_probe *b,
                    uint32_t *hit, uint64_t *n_radius)
{
  const ow__scan_probe pa = *a, pb = *b;
  OW__SCAN_LOOP(
      uint32_t ia; uint32_t ib; uint32_t ta = scan_test(&P[k], &pa, &ia);
      uint32_t tb = scan_test(&P[k], &pb, &ib);
      cnt += ia + ib; any |= ta | tb; m[k] = ta | tb << 1;,
      if (m[j] & 1) hit[nh++] = (uint32_t)(b0 + j) << 1;
      if (m[j] & 2) hit[nh++] = (uint32_t)(b0 + j) << 1 | 1;)
}
