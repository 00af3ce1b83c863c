/*
** sgp4_batch_coef.c - coefficients of a prepared ow_sgp4 model for the
** batch engine (ow__bcoef_from_sgp4): the only code that reads the
** model's fields, so that sgp4.c can change its layout freely.
*/
#include "internal.h"
#include "sgp4_batch_impl.h"

int ow__bcoef_from_sgp4(const ow_sgp4 *m, ow__bcoef *c)
{
  (void)m;
  (void)c;
  return OW_E_UNSUPPORTED; /* filled in when sgp4.c is on main */
}
