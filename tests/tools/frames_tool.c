/*
** frames_tool.c - helper for tests/oracle/test_frames.py.
**
**   frames_tool EOPFILE|-  < states
**
** Reads lines "ISO_UTC x y z vx vy vz" (TEME, km and km/s) and prints, per
** line, "ITRF rx ry rz vx vy vz", "PEF ...", "GCRF ...", "GCRF76 ...",
** "GEOD lat_rad lon_rad alt_km", "BACK ..." (ITRF and GCRF back to TEME:
** the larger position and velocity differences) with %.17g. EOPFILE "-"
** means no Earth-orientation table (UT1 = UTC, no polar motion). A bad
** line prints "ERR message" and the tool goes on; exit status 1 if any
** line failed.
*/
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void put(const char *tag, const double r[3], const double v[3])
{
  printf("%s %.17g %.17g %.17g %.17g %.17g %.17g\n", tag, r[0], r[1], r[2],
         v[0], v[1], v[2]);
}

static double dist(const double a[3], const double b[3])
{
  return sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
              (a[2] - b[2]) * (a[2] - b[2]));
}

int main(int argc, char **argv)
{
  ow_eop *eop = NULL;
  ow_err err;
  char line[512], iso[128];
  int failed = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: frames_tool EOPFILE|- < states\n");
    return 2;
  }
  if (strcmp(argv[1], "-") != 0 &&
      ow_eop_load_file(&eop, argv[1], &err) != OW_OK) {
    char buf[600];
    fprintf(stderr, "frames_tool: %s\n", ow_err_format(&err, buf, sizeof buf));
    return 2;
  }
  while (fgets(line, sizeof line, stdin) != NULL) {
    double r[3], v[3], ro[3], vo[3], rb[3], vb[3], lat, lon, alt;
    double back_r = 0.0, back_v = 0.0;
    ow_jd jd;
    ow_frame_ctx ctx;
    int st;
    if (sscanf(line, "%127s %lf %lf %lf %lf %lf %lf", iso, &r[0], &r[1],
               &r[2], &v[0], &v[1], &v[2]) != 7) {
      printf("ERR unreadable line\n");
      failed = 1;
      continue;
    }
    if ((st = ow_time_parse_iso(iso, &jd, &err)) != OW_OK) {
      printf("ERR %s\n", err.msg);
      failed = 1;
      continue;
    }
    st = ow_frame_ctx_init(&ctx, eop, jd);
    if (st != OW_OK) {
      printf("ERR %s\n", ow_strerror(st));
      failed = 1;
      continue;
    }
    ow_frame_ctx_from_teme(&ctx, OW_FRAME_ITRF, r, v, ro, vo);
    put("ITRF", ro, vo);
    ow_itrf_to_geodetic(ro, &lat, &lon, &alt);
    ow_frame_ctx_to_teme(&ctx, OW_FRAME_ITRF, ro, vo, rb, vb);
    back_r = fmax(back_r, dist(rb, r));
    back_v = fmax(back_v, dist(vb, v));
    ow_frame_ctx_from_teme(&ctx, OW_FRAME_PEF, r, v, ro, vo);
    put("PEF", ro, vo);
    ow_frame_ctx_from_teme(&ctx, OW_FRAME_GCRF, r, v, ro, vo);
    put("GCRF", ro, vo);
    ow_frame_ctx_to_teme(&ctx, OW_FRAME_GCRF, ro, vo, rb, vb);
    back_r = fmax(back_r, dist(rb, r));
    back_v = fmax(back_v, dist(vb, v));
    ow_frame_ctx_from_teme(&ctx, OW_FRAME_GCRF_IAU76, r, v, ro, vo);
    put("GCRF76", ro, vo);
    printf("GEOD %.17g %.17g %.17g\n", lat, lon, alt);
    {
      double rg[3], lat2, lon2, alt2;
      ow_geodetic_to_itrf(lat, lon, alt, rg);
      ow_itrf_to_geodetic(rg, &lat2, &lon2, &alt2);
      printf("BACK %.17g %.17g %.17g\n", back_r, back_v, fabs(alt2 - alt));
    }
  }
  ow_eop_free(eop);
  return failed;
}
