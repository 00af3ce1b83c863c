/*
** screen_scan_avx2.c - the screening candidate filter compiled for
** AVX2 + FMA (ow__scan_avx2,
** ow__scan2_avx2). The source is screen_scan_kernel.h;
** CMakeLists.txt gives this file its -m flags.
*/
#define OW__SCAN_FN ow__scan_avx2
#define OW__SCAN2_FN ow__scan2_avx2
#include "screen_scan_kernel.h"
