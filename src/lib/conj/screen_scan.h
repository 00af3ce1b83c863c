/*
** screen_scan.h - the single-precision candidate filter of the screening
** search (screen.c), compiled once per ISA from screen_scan_kernel.h
** (screen_scan_sse2.c, _avx2.c, _avx512.c).
*/
#ifndef OW_SCREEN_SCAN_H
#define OW_SCREEN_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* One object of one instant in single precision (32 bytes). A record
** whose x is NaN is never a hit: screen.c leaves fast objects out so. */
typedef struct ow__scan_rec {
  float x, y, z, vx, vy, vz;
  float vb;  /* speed bound over [t_k - h/2, t_k + h/2], km/s */
  float acc; /* acceleration bound, km/s^2 */
} ow__scan_rec;

/* The probe (object a) and the constants of one instant. */
typedef struct ow__scan_probe {
  float x, y, z, vx, vy, vz, vb, acc;
  float ds;    /* D + radius pad, km */
  float half;  /* h / 2, s */
  float h;     /* h, s */
  float lim0;  /* D + linear-test pad, km */
  float h2h;   /* h^2 / 2, s^2 */
} ow__scan_probe;

/*
** The single-precision tests only pick the pairs that pair_test (screen.c)
** repeats in double precision, so they are widened by the rounding of the
** coordinates, at most xmax 2^-24 each (xmax the instant's largest
** |coordinate|): 2 xmax 2^-24 on each component of a difference, under
** 4 xmax 2^-24 on a distance; twice that is added (0.27 km at xmax =
** 5.6e5 km, 0.004 km in LEO), plus fixed pads for the rest, which is far
** smaller: velocities rounded by 2^-24 |v| (< 1e-6 km/s, 6e-4 km over
** h = 600 s); arithmetic, a few 2^-24 of the operands (the radius test:
** 1e-4 km at R = 1,000 km; the linear bound |dr x dv| / |dv| is
** 1-Lipschitz in dr and the cross product has no harmful cancellation:
** a few 2^-24 |dr|, 3e-3 km at |dr| = 10,000 km). Where single and double
** precision take different branches (|f| near |dv|^2 h, f near 0) the two
** values differ by a second-order term of that rounding. test_screen_scan
** checks the superset on real and constructed boundary pairs.
*/
#define OW__SCAN_RADIUS_PAD_KM 0.1
#define OW__SCAN_LINEAR_PAD_KM 0.5

/* The constants of an instant: threshold d_km (the search's D), step h_s,
** largest |coordinate| xmax_km. */
static inline void ow__scan_consts(ow__scan_probe *p, double d_km,
                                   double h_s, double xmax_km)
{
  double round_km = 8.0 * xmax_km * 0x1p-24;
  p->ds = (float)(d_km + OW__SCAN_RADIUS_PAD_KM + round_km);
  p->half = (float)(0.5 * h_s);
  p->h = (float)h_s;
  p->lim0 = (float)(d_km + OW__SCAN_LINEAR_PAD_KM + round_km);
  p->h2h = (float)(0.5 * h_s * h_s);
}

/* The filter reads records in groups of OW__SCAN_PAD: r must hold
** OW__SCAN_PAD - 1 readable records after q1 (their x NaN: no hit). */
#define OW__SCAN_PAD 16

/*
** Records q in [q0, q1) of r that may pass the double-precision tests of
** pair_test (screen.c) with the probe: within the padded search radius
** and the padded linear-motion bound. Writes them to hit (room for
** q1 - q0) and returns their number; adds the number of slots within the
** padded radius to *n_radius. A superset of what pair_test keeps (the
** pads above).
*/
typedef size_t (*ow__scan_fn)(const ow__scan_rec *r, size_t q0, size_t q1,
                              const ow__scan_probe *a, uint32_t *hit,
                              uint64_t *n_radius);

/*
** The same for two probes at once (each candidate read once): hits are
** 2 q for probe a, 2 q + 1 for probe b (room for 2 (q1 - q0)); both
** probes' counts are added to *n_radius.
*/
typedef size_t (*ow__scan2_fn)(const ow__scan_rec *r, size_t q0, size_t q1,
                               const ow__scan_probe *a,
                               const ow__scan_probe *b, uint32_t *hit,
                               uint64_t *n_radius);

/* The filters for an ow_batch_isa (AUTO: the widest the CPU runs); NULL
** (and *two untouched) if this CPU cannot run it. */
ow__scan_fn ow__scan_for(int isa, ow__scan2_fn *two);

size_t ow__scan_sse2(const ow__scan_rec *r, size_t q0, size_t q1,
                     const ow__scan_probe *a, uint32_t *hit,
                     uint64_t *n_radius);
size_t ow__scan_avx2(const ow__scan_rec *r, size_t q0, size_t q1,
                     const ow__scan_probe *a, uint32_t *hit,
                     uint64_t *n_radius);
size_t ow__scan_avx512(const ow__scan_rec *r, size_t q0, size_t q1,
                       const ow__scan_probe *a, uint32_t *hit,
                       uint64_t *n_radius);

size_t ow__scan2_sse2(const ow__scan_rec *r, size_t q0, size_t q1,
                      const ow__scan_probe *a, const ow__scan_probe *b,
                      uint32_t *hit, uint64_t *n_radius);
size_t ow__scan2_avx2(const ow__scan_rec *r, size_t q0, size_t q1,
                      const ow__scan_probe *a, const ow__scan_probe *b,
                      uint32_t *hit, uint64_t *n_radius);
size_t ow__scan2_avx512(const ow__scan_rec *r, size_t q0, size_t q1,
                        const ow__scan_probe *a, const ow__scan_probe *b,
                        uint32_t *hit, uint64_t *n_radius);

#endif
