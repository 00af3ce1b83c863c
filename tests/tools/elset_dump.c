/*
** elset_dump - print every element set of a catalog file as CSV, with
** full precision, for the oracle tests (tests/oracle/test_elset_*.py).
**
** usage: elset_dump FILE [FORMAT] [ignore-checksum]
** Columns: norad,name,object_id,classification,epoch_day,epoch_frac,
** epoch_year,epoch_doy,ndot,nddot,bstar,incl,raan,ecc,argp,ma,n,rev,
** elnum,ephtype. Diagnostics go to stderr; exit 0 when every record loaded.
*/
#include "orbwatch/orbwatch.h"

#include <stdio.h>
#include <string.h>

static void diag(void *user, const ow_err *e)
{
  char buf[700];
  (void)user;
  fprintf(stderr, "%s\n", ow_err_format(e, buf, sizeof buf));
}

int main(int argc, char **argv)
{
  ow_catalog cat;
  ow_load_stats st;
  ow_read_opts opts = {0};
  ow_format fmt = OW_FMT_AUTO;
  int rc;
  if (argc < 2) {
    fprintf(stderr, "usage: elset_dump FILE [FORMAT] [ignore-checksum]\n");
    return 2;
  }
  if (argc > 2 && ow_format_parse(argv[2], &fmt) != OW_OK) {
    fprintf(stderr, "unknown format %s\n", argv[2]);
    return 2;
  }
  if (argc > 3 && strcmp(argv[3], "ignore-checksum") == 0)
    opts.ignore_checksum = 1;
  ow_catalog_init(&cat);
  rc = ow_catalog_load_file(&cat, argv[1], fmt, &opts, diag, NULL, &st);
  printf("norad,name,object_id,classification,epoch_day,epoch_frac,"
         "epoch_year,epoch_doy,ndot,nddot,bstar,incl,raan,ecc,argp,ma,n,"
         "rev,elnum,ephtype\n");
  for (size_t i = 0; i < cat.n; i++) {
    const ow_elset *e = &cat.items[i];
    printf("%u,\"%s\",%s,%c,%.17g,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%.17g,"
           "%.17g,%.17g,%.17g,%.17g,%.17g,%u,%d,%d\n",
           (unsigned)e->norad, e->name, e->object_id, e->classification,
           e->epoch_utc.day, e->epoch_utc.frac, e->epoch_year, e->epoch_doy,
           e->ndot_rev_day2, e->nddot_rev_day3, e->bstar_per_er, e->incl_deg,
           e->raan_deg, e->ecc, e->argp_deg, e->mean_anom_deg, e->n_rev_day,
           (unsigned)e->rev_at_epoch, e->element_set_no, e->ephemeris_type);
  }
  fprintf(stderr, "loaded %zu rejected %zu warnings %zu\n", st.loaded,
          st.rejected, st.warnings);
  ow_catalog_free(&cat);
  return rc == OW_OK ? 0 : 1;
}
