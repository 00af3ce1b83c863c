/*
** test_ephem.c - shadow geometry (the Sun's position itself is checked
** against astropy in tests/oracle/test_ephem_astropy.py).
*/
#include "check.h"
#include "orbwatch/ephem.h"

#define AU_KM 149597870.7

int main(void)
{
  /* Sun on +x at 1 au. Expected umbra/penumbra half-angles from the
  ** textbook cone geometry: alpha_E = asin(Re/r), alpha_S = asin(Rs/d). */
  double sun[3] = {AU_KM, 0, 0};
  double p[3];

  /* Sunward side: fully lit. */
  double day[3] = {7000, 0, 0};
  CHECK_NEAR(ow_sunlit_fraction(day, sun), 1.0, 0.0);
  CHECK(ow_sunlit_margin(day, sun, OW_SUNLIT_FULL) > 0);

  /* Behind the Earth on the axis, at GEO distance: deep umbra (the umbra
  ** cone is ~1.38 million km long). */
  double night[3] = {-42164, 0, 0};
  CHECK_NEAR(ow_sunlit_fraction(night, sun), 0.0, 0.0);
  CHECK(ow_sunlit_margin(night, sun, OW_SUNLIT_ANY) < 0);

  /* Inside the Earth. */
  double inside[3] = {100, 0, 0};
  CHECK_NEAR(ow_sunlit_margin(inside, sun, OW_SUNLIT_CENTER), -3.14159, 1e-5);

  /* At GEO behind the Earth, offset sideways by exactly the shadow edge of
  ** the Sun's centre: y such that atan2(y, x)-geometry puts the Sun's
  ** centre on the limb. Seen from P=(-x, y), the Earth's centre direction
  ** is (x, -y); the Sun's is ~(1, 0) (parallax 42e3/1.5e8 rad accounted
  ** for below). The margin must change sign there and the fraction be ~0.5.
  */
  {
    double x = 42164.0, lo = 0, hi = 20000, mid = 0;
    for (int i = 0; i < 60; i++) {
      mid = 0.5 * (lo + hi);
      p[0] = -x, p[1] = mid, p[2] = 0;
      if (ow_sunlit_margin(p, sun, OW_SUNLIT_CENTER) < 0)
        lo = mid;
      else
        hi = mid;
    }
    /* Sun centre on the limb: sin(angle between (x,-y) dir and sun dir
    ** seen from P) ... closed form: distance from Earth centre to the
    ** line P->Sun equals Re. */
    double dx = AU_KM + x, dy = -mid;
    double dist = fabs(dx * (-mid) - dy * (x)) / sqrt(dx * dx + dy * dy);
    CHECK_NEAR(dist, OW_SHADOW_EARTH_RADIUS_KM, 1e-6);
    CHECK_NEAR(ow_sunlit_fraction(p, sun), 0.5, 0.01);
    /* Penumbra edges straddle it. */
    CHECK(ow_sunlit_margin(p, sun, OW_SUNLIT_ANY) > 0);
    CHECK(ow_sunlit_margin(p, sun, OW_SUNLIT_FULL) < 0);
  }

  /* Fraction is monotonic across the penumbra at GEO. */
  {
    double prev = -1;
    int mono = 1;
    for (double y = 6000; y < 7000; y += 5) {
      double q[3] = {-42164, y, 0};
      double f = ow_sunlit_fraction(q, sun);
      if (f < prev)
        mono = 0;
      prev = f;
    }
    CHECK(mono);
    CHECK_NEAR(prev, 1.0, 0.0);
  }
  return check_done();
}
