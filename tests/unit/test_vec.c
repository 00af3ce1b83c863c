/*
** test_vec.c - base/vec_int.h: the vector helpers and the RTN basis.
** Expected values by hand: the right-handed unit vectors, a circular
** equatorial orbit (R along r, T along v, N along +z) and a degenerate
** state (r parallel to v).
*/
#include "check.h"
#include "vec_int.h"

int main(void)
{
  double x[3] = {1, 0, 0}, y[3] = {0, 1, 0}, c[3];
  ow__cross3(x, y, c);
  CHECK(c[0] == 0 && c[1] == 0 && c[2] == 1);
  double a[3] = {3, 4, 12};
  CHECK(ow__norm3(a) == 13.0);
  CHECK(ow__dot3(a, x) == 3.0);
  ow__unit3(a);
  CHECK_NEAR(ow__norm3(a), 1.0, 1e-15);
  double z[3] = {0, 0, 0};
  ow__unit3(z);
  CHECK(z[0] == 0 && z[1] == 0 && z[2] == 0);

  double r[3] = {7000, 0, 0}, v[3] = {0, 7.5, 0}, R[3], T[3], N[3];
  CHECK_EQ_INT(ow__rtn_basis(r, v, R, T, N), 0);
  CHECK(R[0] == 1 && T[1] == 1 && N[2] == 1);
  /* Inclined, eccentric: orthonormal and right-handed. */
  double r2[3] = {-2000, 6000, 1500}, v2[3] = {-6.1, -1.2, 3.9}, RxT[3];
  CHECK_EQ_INT(ow__rtn_basis(r2, v2, R, T, N), 0);
  CHECK_NEAR(ow__dot3(R, T), 0, 1e-15);
  CHECK_NEAR(ow__dot3(R, N), 0, 1e-15);
  CHECK_NEAR(ow__dot3(T, N), 0, 1e-15);
  ow__cross3(R, T, RxT);
  for (int i = 0; i < 3; i++)
    CHECK_NEAR(RxT[i], N[i], 1e-15);
  CHECK(ow__dot3(T, v2) > 0); /* T points along the motion */
  double v3[3] = {7, 0, 0};
  CHECK_EQ_INT(ow__rtn_basis(r, v3, R, T, N), -1);
  CHECK(isnan(R[0]) && isnan(T[1]) && isnan(N[2]));
  return check_done();
}
