/*
** sgp4_batch_sse2.c - the batch kernel compiled for SSE2
** (ow__bkernel_sse2, ow__vmath_sse2). The kernel's source is
** sgp4_batch_kernel.h; CMakeLists.txt gives this file its -m flags.
*/
#define OW__VEC_SSE2
#define OW__ISA_SUFFIX sse2
#include "sgp4_batch_kernel.h"
