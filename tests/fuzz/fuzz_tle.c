/* fuzz_tle.c - libFuzzer target for the tle reader (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* The first byte chooses whether checksums are ignored. */
  ow_read_opts opts = {0};
  if (size > 0) {
    opts.ignore_checksum = data[0] & 1;
    data++;
    size--;
  }
  fuzz_read(data, size, OW_FMT_TLE, &opts);
  /* ow_tle_parse_lines on the first three lines, as NUL-terminated text. */
  {
    char *text = malloc(size + 1), *l[3] = {NULL, NULL, NULL};
    ow_elset e;
    int k = 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (char *p = text; k < 3 && p != NULL; k++) {
      l[k] = p;
      p = strchr(p, '\n');
      if (p != NULL)
        *p++ = '\0';
    }
    if (l[1] != NULL) {
      if (ow_tle_parse_lines(NULL, l[0], l[1], &opts, &e, NULL) >= 0) {
        char w0[OW_TLE_LINE_BUF], w1[OW_TLE_LINE_BUF], w2[OW_TLE_LINE_BUF];
        ow_elset e2;
        /* A TLE that was read can always be written and read back; with
           the standard decimals (no W_PRECISION) exactly. */
        int rc;
        fuzz_check_record(&e);
        rc = ow_tle_format(&e, w0, w1, w2, NULL);
        if (rc < 0 || ow_tle_parse_lines(NULL, w1, w2, NULL, &e2, NULL) != OW_OK)
          abort();
        if (rc == OW_OK &&
            (e2.ecc != e.ecc || e2.n_rev_day != e.n_rev_day ||
             e2.bstar_per_er != e.bstar_per_er ||
             e2.nddot_rev_day3 != e.nddot_rev_day3 ||
             e2.ndot_rev_day2 != e.ndot_rev_day2 ||
             e2.incl_deg != e.incl_deg || e2.raan_deg != e.raan_deg ||
             e2.epoch_utc.day != e.epoch_utc.day ||
             e2.epoch_utc.frac != e.epoch_utc.frac || e2.norad != e.norad))
          abort();
      }
    }
    free(text);
  }
  return 0;
}
