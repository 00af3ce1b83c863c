/*
** astro_int.h - helpers shared by the astro layer's files (ow__ prefix,
** never installed).
*/
#ifndef ORBWATCH_ASTRO_INT_H
#define ORBWATCH_ASTRO_INT_H

#include "internal.h"

/* a + b as an ow_jd with day on xxx.5 and 0 <= frac < 1 (time.c). */
ow_jd ow__jd_norm(double a, double b);

#endif
