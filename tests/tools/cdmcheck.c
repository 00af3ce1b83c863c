/*
** cdmcheck.c - read CDM files and print status, warnings and the Pc:
**   cdmcheck [--lenient] FILE...
** A helper for the oracle test and for looking at real messages.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
    free(b);
    b = NULL;
  }
  fclose(f);
  if (b)
    b[n] = 0, *len = (size_t)n;
  return b;
}

int main(int argc, char **argv)
{
  ow_cdm_mode mode = OW_CDM_STRICT;
  static ow_cdm cdm;
  static ow_cdm_warnings w;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--lenient")) {
      mode = OW_CDM_LENIENT;
      continue;
    }
    size_t len;
    char *buf = slurp(argv[i], &len), msg[600];
    ow_err e;
    if (!buf) {
      printf("%s: cannot read\n", argv[i]);
      continue;
    }
    int st = ow_cdm_read(buf, len, argv[i], mode, &cdm, &w, &e);
    printf("%s: %s", argv[i], ow_status_name(st));
    if (st < 0)
      printf(" %s", ow_err_format(&e, msg, sizeof msg));
    printf(" warnings %d hbr %g\n", w.n, ow_cdm_hbr_m(&cdm, NULL));
    for (int k = 0; k < w.n && k < OW_CDM_MAX_WARN && k < 8; k++)
      printf("   w: %s\n", ow_err_format(&w.w[k], msg, sizeof msg));
    if (st >= 0) {
      ow_pc_object o1, o2;
      ow_pc_result r;
      if (ow_cdm_to_pc_objects(&cdm, &o1, &o2, &e) == OW_OK) {
        st = ow_pc_compute(&o1, &o2, ow_cdm_hbr_m(&cdm, NULL), NULL, &r, &e);
        printf("   pc %.10g (%s) miss %.3f\n", r.pc, ow_status_name(st),
               r.plane.miss_m);
      }
    }
    free(buf);
  }
  return 0;
}
