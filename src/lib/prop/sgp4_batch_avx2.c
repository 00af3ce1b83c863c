/*
** sgp4_batch_avx2.c - the batch kernel compiled for AVX2
** (ow__bkernel_avx2, ow__vmath_avx2). The kernel's source is
** sgp4_batch_kernel.h; CMakeLists.txt gives this file its -m flags.
*/
#define OW__VEC_AVX2
#define OW__ISA_SUFFIX avx2
#include "sgp4_batch_kernel.h"
