/*
** pc2d.c - Pc of encounter-plane geometries read from stdin, for the
** scipy oracle test. Each input line: xm ym sx sy hbr (m); each output
** line: foster_pc foster_err_bound foster_status chan_pc chan_status.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>

int main(void)
{
  double xm, ym, sx, sy, r;
  while (scanf("%lf %lf %lf %lf %lf", &xm, &ym, &sx, &sy, &r) == 5) {
    double pf, eb, pch;
    int sf = ow_pc_foster_2d(xm, ym, sx, sy, r, 0.0, &pf, &eb, NULL);
    int sc = ow_pc_chan_2d(xm, ym, sx, sy, r, &pch, NULL);
    printf("%.17g %.3g %d %.17g %d\n", pf, eb, sf, pch, sc);
  }
  return 0;
}
