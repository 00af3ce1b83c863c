/*
** jd_int.h - Julian day numbers of the calendar (astro/jd.c), for the
** element-set readers' year + day-of-year epochs. ow__ prefix, never
** installed. The two-part JD arithmetic is public (orbwatch/time.h).
*/
#ifndef ORBWATCH_JD_INT_H
#define ORBWATCH_JD_INT_H

#include "internal.h"

/* Julian day number of January 1 of Gregorian year y, and back to year
** and 1-based day of year. */
long ow__jdn_jan1(int y);
void ow__jdn_to_year_doy(long jdn, int *year, int *doy);

#endif
