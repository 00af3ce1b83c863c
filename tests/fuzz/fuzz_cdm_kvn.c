/*
** fuzz_cdm_kvn.c - libFuzzer target: the KVN CDM reader in both modes,
** and, when a message is accepted, the writers and a re-read of their
** output (which must succeed: the writer only emits what it can read).
*/
#include "orbwatch/orbwatch.h"

#include <stdint.h>
#include <stdlib.h>

static ow_cdm cdm, again;
static ow_cdm_warnings warn;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  ow_err err;
  for (int mode = 0; mode < 2; mode++) {
    int st = ow_cdm_read_kvn((const char *)data, size, "fuzz",
                             (ow_cdm_mode)mode, &cdm, &warn, &err);
    if (st < 0)
      continue;
    char *out = NULL;
    size_t len = 0;
    if (ow_cdm_write_kvn(&cdm, &out, &len, &err) == OW_OK) {
      if (ow_cdm_read_kvn(out, len, "re", OW_CDM_LENIENT, &again, &warn,
                          &err) < 0)
        abort();
      free(out);
    }
    if (ow_cdm_write_xml(&cdm, &out, &len, &err) == OW_OK) {
      if (ow_cdm_read_xml(out, len, "re", OW_CDM_LENIENT, &again, &warn,
                          &err) < 0)
        abort();
      free(out);
    }
  }
  return 0;
}
