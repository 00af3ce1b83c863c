/*
** ephem_dump - for the oracle tests: reads "JD_TT_DAY JD_TT_FRAC" lines on
** stdin, prints the Sun and the Moon (GCRF and TEME, km) one line each.
*/
#include "orbwatch/ephem.h"

#include <stdio.h>

int main(void)
{
  ow_jd t;
  double s[3], st[3], m[3], mt[3];
  while (scanf("%lf %lf", &t.day, &t.frac) == 2) {
    ow_sun_gcrf(t, s);
    ow_sun_teme(t, st);
    ow_moon_gcrf(t, m);
    ow_moon_teme(t, mt);
    printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g "
           "%.17g %.17g %.17g\n",
           s[0], s[1], s[2], st[0], st[1], st[2], m[0], m[1], m[2], mt[0],
           mt[1], mt[2]);
  }
  return 0;
}
