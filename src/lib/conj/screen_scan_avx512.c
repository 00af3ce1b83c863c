/*
** screen_scan_avx512.c - the screening candidate filter compiled for
** AVX-512 (ow__scan_avx512,
** ow__scan2_avx512). The source is screen_scan_kernel.h;
** CMakeLists.txt gives this file its -m flags.
*/
#define OW__SCAN_FN ow__scan_avx512
#define OW__SCAN2_FN ow__scan2_avx512
#include "screen_scan_kernel.h"
