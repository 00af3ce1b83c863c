/* fuzz_omm_kvn.c - libFuzzer target for the omm_kvn reader (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fuzz_read(data, size, OW_FMT_OMM_KVN, NULL);
  return 0;
}
