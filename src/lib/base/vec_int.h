/*
** vec_int.h - the library's one copy of the 3-vector helpers and of the
** RTN (radial, transverse, normal) basis, inline. ow__ prefix, never
** installed. (The batch kernels keep their own SIMD forms in vmath.h.)
**
** RTN, also called RSW or RIC: R = r/|r|, N = (r x v)/|r x v|, T = N x R
** (in the orbit plane, along the motion for a circular orbit). LVLH as the
** hosted sensors use it (docs/sensors.md) is the same triad ordered
** (T, N, R) = in-track, cross-track, radial up.
*/
#ifndef ORBWATCH_VEC_INT_H
#define ORBWATCH_VEC_INT_H

#include <math.h>

static inline double ow__dot3(const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline double ow__norm3(const double a[3])
{
  return sqrt(ow__dot3(a, a));
}

/* c = a x b (c may not alias a or b). */
static inline void ow__cross3(const double a[3], const double b[3],
                              double c[3])
{
  c[0] = a[1] * b[2] - a[2] * b[1];
  c[1] = a[2] * b[0] - a[0] * b[2];
  c[2] = a[0] * b[1] - a[1] * b[0];
}

/* a /= |a|; a zero vector is left as it is. */
static inline void ow__unit3(double a[3])
{
  double n = ow__norm3(a);
  if (n > 0) {
    a[0] /= n;
    a[1] /= n;
    a[2] /= n;
  }
}

/*
** RTN unit vectors of the state (r, v), any inertial frame, any units.
** Returns 0, or -1 when r = 0 or r is parallel to v (then R, T, N are NaN).
*/
static inline int ow__rtn_basis(const double r[3], const double v[3],
                                double R[3], double T[3], double N[3])
{
  double h[3], rn = ow__norm3(r), hn;
  ow__cross3(r, v, h);
  hn = ow__norm3(h);
  if (rn == 0 || hn == 0) {
    for (int i = 0; i < 3; i++)
      R[i] = T[i] = N[i] = NAN;
    return -1;
  }
  for (int i = 0; i < 3; i++) {
    R[i] = r[i] / rn;
    N[i] = h[i] / hn;
  }
  ow__cross3(N, R, T);
  return 0;
}

#endif
