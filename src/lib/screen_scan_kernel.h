/*
** screen_scan_kernel.h - source of ow__scan_<isa> (screen_scan.h),
** included by screen_scan_sse2.c, _avx2.c and _avx512.c after they define
** OW__SCAN_FN; CMakeLists.txt gives each its -m flags, and the compiler
** vectorises the block loop (plain C: one source for every ISA; the
** records are read as they are, 8 floats each, which the compiler
** de-interleaves with shuffles: cheaper than gathering the candidates of
** a cell into one array per component).
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

size_t OW__SCAN_FN(const ow__scan_rec *r, size_t q0, size_t q1,
                   const ow__scan_probe *a, uint32_t *hit,
                   uint64_t *n_radius)
{
  const float ax = a->x, ay = a->y, az = a->z;
  const float avx = a->vx, avy = a->vy, avz = a->vz;
  const float avb = a->vb, aacc = a->acc;
  const float ds = a->ds, half = a->half, h = a->h, lim0 = a->lim0;
  const float h2h = a->h2h;
  /* 32-bit flags: the vectorisation factor is then the float one (8-bit
  ** flags made it 64 with AVX-512, longer than most calls). */
  uint32_t m[OW__SCAN_BLOCK] __attribute__((aligned(64)));
  size_t nh = 0;
  uint64_t nr = 0;
  for (size_t b0 = q0; b0 < q1; b0 += OW__SCAN_BLOCK) {
    size_t nb = q1 - b0 < OW__SCAN_BLOCK ? q1 - b0 : OW__SCAN_BLOCK;
    /* Whole groups of OW__SCAN_PAD: the caller's padding records (x NaN)
    ** fill the last one, so no scalar remainder loop (most calls are
    ** short: ~40 candidates). */
    size_t np = (nb + OW__SCAN_PAD - 1) / OW__SCAN_PAD * OW__SCAN_PAD;
    unsigned cnt = 0, any = 0;
    const ow__scan_rec *restrict P = r + b0;
    for (size_t k = 0; k < np; k++) {
      float dx = P[k].x - ax, dy = P[k].y - ay, dz = P[k].z - az;
      float d2 = dx * dx + dy * dy + dz * dz;
      float rad = ds + (avb + P[k].vb) * half;
      int in = d2 < rad * rad;
      float ux = P[k].vx - avx, uy = P[k].vy - avy, uz = P[k].vz - avz;
      float f = dx * ux + dy * uy + dz * uz;
      float v2 = ux * ux + uy * uy + uz * uz;
      float cx = dy * uz - dz * uy, cy = dz * ux - dx * uz;
      float cz = dx * uy - dy * ux;
      float c2 = cx * cx + cy * cy + cz * cz;
      float lim = lim0 + (aacc + P[k].acc) * h2h;
      float l2 = lim * lim;
      float tau = copysignf(h, -f); /* ahead if approaching */
      float ex = dx + ux * tau, ey = dy + uy * tau, ez = dz + uz * tau;
      float e2 = ex * ex + ey * ey + ez * ez;
      int inside = fabsf(f) <= v2 * h;
      int lin = (inside & (c2 <= l2 * v2)) | (!inside & (e2 <= l2));
      cnt += (unsigned)in;
      any |= (unsigned)(in & lin);
      m[k] = (uint32_t)(in & lin);
    }
    nr += cnt;
    if (!any)
      continue;
    /* Survivors are rare (~1 in 500 candidates, in at most 1 call in
    ** 12): skip 2 flags at a time. */
    for (size_t k = 0; k < nb; k += 2) {
      uint64_t w;
      __builtin_memcpy(&w, m + k, 8);
      if (!w)
        continue;
      if (m[k])
        hit[nh++] = (uint32_t)(b0 + k);
      if (k + 1 < nb && m[k + 1])
        hit[nh++] = (uint32_t)(b0 + k + 1);
    }
  }
  *n_radius += nr;
  return nh;
}
