/*
** screen_scan_kernel.h - source of ow__scan_<isa> (screen_scan.h),
** included by screen_scan_sse2.c, _avx2.c and _avx512.c after they define
** OW__SCAN_FN; CMakeLists.txt gives each its -m flags, and the compiler
** vectorises the block loop (plain C: one source for every ISA).
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

size_t OW__SCAN_FN(const ow__scan_soa *s, size_t q0, size_t q1,
                   const ow__scan_probe *a, uint32_t *hit,
                   uint64_t *n_radius)
{
  const float *restrict X = s->x, *restrict Y = s->y, *restrict Z = s->z;
  const float *restrict VX = s->vx, *restrict VY = s->vy;
  const float *restrict VZ = s->vz, *restrict VB = s->vb;
  const float *restrict AC = s->acc;
  const float ax = a->x, ay = a->y, az = a->z;
  const float avx = a->vx, avy = a->vy, avz = a->vz;
  const float avb = a->vb, aacc = a->acc;
  const float ds = a->ds, half = a->half, h = a->h, lim0 = a->lim0;
  const float h2h = a->h2h;
  unsigned char m[OW__SCAN_BLOCK] __attribute__((aligned(64)));
  size_t nh = 0;
  uint64_t nr = 0;
  for (size_t b0 = q0; b0 < q1; b0 += OW__SCAN_BLOCK) {
    size_t nb = q1 - b0 < OW__SCAN_BLOCK ? q1 - b0 : OW__SCAN_BLOCK;
    unsigned cnt = 0;
    for (size_t k = 0; k < nb; k++) {
      size_t q = b0 + k;
      float dx = X[q] - ax, dy = Y[q] - ay, dz = Z[q] - az;
      float d2 = dx * dx + dy * dy + dz * dz;
      float r = ds + (avb + VB[q]) * half;
      int in = d2 < r * r;
      float ux = VX[q] - avx, uy = VY[q] - avy, uz = VZ[q] - avz;
      float f = dx * ux + dy * uy + dz * uz;
      float v2 = ux * ux + uy * uy + uz * uz;
      float cx = dy * uz - dz * uy, cy = dz * ux - dx * uz;
      float cz = dx * uy - dy * ux;
      float c2 = cx * cx + cy * cy + cz * cz;
      float lim = lim0 + (aacc + AC[q]) * h2h;
      float l2 = lim * lim;
      float tau = copysignf(h, -f); /* ahead if approaching */
      float ex = dx + ux * tau, ey = dy + uy * tau, ez = dz + uz * tau;
      float e2 = ex * ex + ey * ey + ez * ez;
      int inside = fabsf(f) <= v2 * h;
      int lin = (inside & (c2 <= l2 * v2)) | (!inside & (e2 <= l2));
      cnt += (unsigned)in;
      m[k] = (unsigned char)(in & lin);
    }
    nr += cnt;
    /* Survivors are rare (~1 in 1000): skip 8 flags at a time. */
    size_t k = 0;
    for (; k + 8 <= nb; k += 8) {
      uint64_t w;
      __builtin_memcpy(&w, m + k, 8);
      if (!w)
        continue;
      for (size_t j = k; j < k + 8; j++)
        if (m[j])
          hit[nh++] = (uint32_t)(b0 + j);
    }
    for (; k < nb; k++)
      if (m[k])
        hit[nh++] = (uint32_t)(b0 + k);
  }
  *n_radius += nr;
  return nh;
}
