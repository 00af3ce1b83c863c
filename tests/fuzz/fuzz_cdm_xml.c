/*
** fuzz_cdm_xml.c - libFuzzer target: the XML CDM reader in both modes,
** and the KVN writer on what it accepts.
*/
#include "orbwatch/orbwatch.h"

#include <stdint.h>
#include <stdlib.h>

static ow_cdm cdm;
static ow_cdm_warnings warn;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  ow_err err;
  for (int mode = 0; mode < 2; mode++) {
    if (ow_cdm_read_xml((const char *)data, size, "fuzz", (ow_cdm_mode)mode,
                        &cdm, &warn, &err) < 0)
      continue;
    char *out = NULL;
    size_t len = 0;
    if (ow_cdm_write_kvn(&cdm, &out, &len, &err) == OW_OK)
      free(out);
  }
  return 0;
}
