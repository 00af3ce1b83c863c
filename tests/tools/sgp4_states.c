/*
** sgp4_states.c - print SGP4 states of every element set of a file
** (helper for tests/oracle/test_sgp4_modes.py).
**
** Usage: sgp4_states [--grav wgs72|wgs72old|wgs84] [--mode improved|afspc]
**                    --times T1,T2,... FILE
** Output (stdout, CSV, one row per element set and time, file order):
**   index,norad,tsince_min,refcode,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s
** index counts the loaded element sets from 0; refcode is
** ow_sgp4_refcode() of the status (0 = no error). Values are printed with
** 17 significant digits.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TIMES 64

static void diag(void *user, const ow_err *e)
{
  char buf[700];
  (void)user;
  fprintf(stderr, "sgp4_states: %s\n", ow_err_format(e, buf, sizeof buf));
}

static int usage(void)
{
  fprintf(stderr, "usage: sgp4_states [--grav wgs72|wgs72old|wgs84] "
                  "[--mode improved|afspc] --times T1,T2,... FILE\n");
  return 2;
}

int main(int argc, char **argv)
{
  ow_gravity grav = OW_GRAV_WGS72;
  ow_opsmode mode = OW_OPSMODE_IMPROVED;
  double times[MAX_TIMES];
  int ntimes = 0;
  const char *path = NULL;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--grav") == 0 && i + 1 < argc) {
      const char *g = argv[++i];
      if (strcmp(g, "wgs72") == 0)
        grav = OW_GRAV_WGS72;
      else if (strcmp(g, "wgs72old") == 0)
        grav = OW_GRAV_WGS72_OLD;
      else if (strcmp(g, "wgs84") == 0)
        grav = OW_GRAV_WGS84;
      else
        return usage();
    } else if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
      const char *m = argv[++i];
      if (strcmp(m, "improved") == 0)
        mode = OW_OPSMODE_IMPROVED;
      else if (strcmp(m, "afspc") == 0)
        mode = OW_OPSMODE_AFSPC;
      else
        return usage();
    } else if (strcmp(argv[i], "--times") == 0 && i + 1 < argc) {
      char *s = argv[++i], *end;
      while (*s != '\0' && ntimes < MAX_TIMES) {
        times[ntimes] = strtod(s, &end);
        if (end == s)
          return usage();
        ntimes++;
        s = *end == ',' ? end + 1 : end;
      }
    } else if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0) {
      path = argv[i];
    } else {
      return usage();
    }
  }
  if (path == NULL || ntimes == 0)
    return usage();

  ow_catalog cat;
  ow_catalog_init(&cat);
  ow_read_opts opts = {.ignore_checksum = 1};
  ow_load_stats stats = {0, 0, 0};
  int st = ow_catalog_load_file(&cat, path, OW_FMT_AUTO, &opts, diag, NULL,
                                &stats);
  if (st != OW_OK && st != OW_E_PARSE) {
    fprintf(stderr, "sgp4_states: %s: %s\n", path, ow_strerror(st));
    ow_catalog_free(&cat);
    return 1;
  }
  for (size_t i = 0; i < cat.n; i++) {
    ow_sgp4 m;
    ow_sgp4_init(&m, &cat.items[i], grav, mode, NULL);
    for (int k = 0; k < ntimes; k++) {
      double r[3], v[3];
      int code = ow_sgp4_refcode(ow_sgp4_propagate(&m, times[k], r, v));
      printf("%zu,%lu,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", i,
             (unsigned long)cat.items[i].norad, times[k], code, r[0], r[1],
             r[2], v[0], v[1], v[2]);
    }
  }
  ow_catalog_free(&cat);
  return stats.rejected == 0 ? 0 : 1;
}
