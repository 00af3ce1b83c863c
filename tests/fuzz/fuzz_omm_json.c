/* fuzz_omm_json.c - libFuzzer target for the omm_json reader (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fuzz_read(data, size, OW_FMT_OMM_JSON, NULL);
  return 0;
}
