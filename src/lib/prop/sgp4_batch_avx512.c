/*
** sgp4_batch_avx512.c - the batch kernel compiled for AVX512
** (ow__bkernel_avx512, ow__vmath_avx512). The kernel's source is
** sgp4_batch_kernel.h; CMakeLists.txt gives this file its -m flags.
*/
#define OW__VEC_AVX512
#define OW__ISA_SUFFIX avx512
#include "sgp4_batch_kernel.h"
