/*
** screen_scan_sse2.c - the screening candidate filter compiled for
** SSE2 (ow__scan_sse2,
** ow__scan2_sse2). The source is screen_scan_kernel.h;
** CMakeLists.txt gives this file its -m flags.
*/
#define OW__SCAN_FN ow__scan_sse2
#define OW__SCAN2_FN ow__scan2_sse2
#include "screen_scan_kernel.h"
