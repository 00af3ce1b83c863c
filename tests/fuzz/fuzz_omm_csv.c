/* fuzz_omm_csv.c - libFuzzer target for the omm_csv reader (see fuzz_common.h). */
#include "fuzz_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  fuzz_read(data, size, OW_FMT_OMM_CSV, NULL);
  return 0;
}
