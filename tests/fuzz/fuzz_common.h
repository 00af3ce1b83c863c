/*
** fuzz_common.h - the property every reader's fuzz target checks: reading
** never crashes, every record it loads is within the documented ranges,
** every encoding can write it, and the OMM text written reads back with
** the same values. Violations abort, which libFuzzer reports.
*/
#ifndef OW_FUZZ_COMMON_H
#define OW_FUZZ_COMMON_H

#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void fuzz_check_record(const ow_elset *e)
{
  if (!(e->ecc >= 0.0 && e->ecc < 1.0) ||
      !(e->incl_deg >= 0.0 && e->incl_deg <= 180.0) ||
      !(e->raan_deg >= 0.0 && e->raan_deg < 360.0) ||
      !(e->argp_deg >= 0.0 && e->argp_deg < 360.0) ||
      !(e->mean_anom_deg >= 0.0 && e->mean_anom_deg < 360.0) ||
      !(e->n_rev_day > 0.0) || !isfinite(e->n_rev_day) ||
      !isfinite(e->bstar_per_er) || !isfinite(e->ndot_rev_day2) ||
      !isfinite(e->nddot_rev_day3) || !(e->epoch_utc.frac >= 0.0) ||
      !(e->epoch_utc.frac < 1.0) || e->norad > OW_NORAD_MAX ||
      memchr(e->name, '\0', sizeof e->name) == NULL)
    abort();
}

/* Writers get a fixed creation date (2026-01-01T00:00:00 UTC). */
static const ow_jd fuzz_created = {2461041.5, 0.0};

static void fuzz_read(const uint8_t *data, size_t size, ow_format fmt,
                      const ow_read_opts *opts)
{
  ow_catalog cat, back;
  ow_load_stats st;
  char *out = NULL;
  size_t len = 0;
  ow_catalog_init(&cat);
  ow_catalog_read(&cat, (const char *)data, size, fmt, "fuzz", opts, NULL,
                  NULL, &st);
  if (st.loaded != cat.n)
    abort();
  for (size_t i = 0; i < cat.n; i++)
    fuzz_check_record(&cat.items[i]);
  /* Every record loaded can be written as OMM and reads back the same. */
  if (cat.n > 0 &&
      ow_catalog_write(cat.items, cat.n, OW_FMT_OMM_KVN, fuzz_created, &out,
                       &len, NULL, NULL) == OW_OK) {
    ow_catalog_init(&back);
    if (ow_catalog_read(&back, out, len, OW_FMT_OMM_KVN, "back", NULL, NULL,
                        NULL, &st) != OW_OK ||
        back.n != cat.n)
      abort();
    for (size_t i = 0; i < cat.n; i++) {
      const ow_elset *a = &cat.items[i], *b = &back.items[i];
      if (a->norad != b->norad || a->ecc != b->ecc ||
          a->n_rev_day != b->n_rev_day || a->bstar_per_er != b->bstar_per_er ||
          fabs((a->epoch_utc.day - b->epoch_utc.day) +
               (a->epoch_utc.frac - b->epoch_utc.frac)) > 1e-11)
        abort();
    }
    ow_catalog_free(&back);
  }
  free(out);
  out = NULL;
  /* The other writers must not crash either (TLE may refuse records). */
  for (int f = OW_FMT_TLE; f <= OW_FMT_OMM_CSV; f++) {
    ow_catalog_write(cat.items, cat.n, (ow_format)f, fuzz_created, &out,
                     &len, NULL, NULL);
    free(out);
    out = NULL;
  }
  ow_catalog_free(&cat);
}

#endif
