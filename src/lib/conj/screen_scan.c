/*
** screen_scan.c - choice of the screening candidate filter's ISA
** (ow__scan_for, screen_scan.h).
*/
#include "orbwatch/batch.h"
#include "screen_scan.h"

#include <stddef.h>

ow__scan_fn ow__scan_for(int isa, ow__scan2_fn *two)
{
  if (isa == OW_ISA_AUTO) {
    ow__scan_fn f = ow__scan_for(OW_ISA_AVX512, two);
    if (!f)
      f = ow__scan_for(OW_ISA_AVX2, two);
    return f ? f : ow__scan_for(OW_ISA_SSE2, two);
  }
  if (!ow_batch_isa_supported((ow_batch_isa)isa))
    return NULL;
  switch (isa) {
  case OW_ISA_AVX512:
    /* Built with byte and 128/256-bit AVX-512 forms too (the flags). */
    if (!__builtin_cpu_supports("avx512bw") ||
        !__builtin_cpu_supports("avx512vl"))
      return NULL;
    if (two)
      *two = ow__scan2_avx512;
    return ow__scan_avx512;
  case OW_ISA_AVX2:
    if (two)
      *two = ow__scan2_avx2;
    return ow__scan_avx2;
  case OW_ISA_SSE2:
    if (two)
      *two = ow__scan2_sse2;
    return ow__scan_sse2;
  default: return NULL;
  }
}
