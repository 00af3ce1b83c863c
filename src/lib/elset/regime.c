/*
** regime.c - orbit-regime classification (see orbwatch/regime.h).
**
** Regimes follow the orbit classes of ESA's Annual Space Environment Report
** (ESA Space Debris Office, "ESA's Annual Space Environment Report",
** GEN-DB-LOG-00288-OPS-SD, definitions table): heights are perigee h_p and
** apogee h_a above the equatorial radius. Simplification: IGO (inclined
** GEO) is folded into OTHER, and NSO takes precedence over MEO.
*/
#include "internal.h"
#include "orbwatch/constants.h"
#include "orbwatch/elset.h"
#include "orbwatch/regime.h"

#include <math.h>

/* WGS-72 constants (OW_WGS72_*): the element sets are fitted with them
** (STR#3). */

static const char *const regime_names[OW_REGIME_COUNT] = {
    "LEO", "LMO", "MEO", "NSO", "GTO", "GEO", "EGO", "MGO", "HEO", "OTHER"};

const char *ow_regime_name(ow_regime r)
{
  return (unsigned)r < OW_REGIME_COUNT ? regime_names[r] : "?";
}

static double semi_major_km(double n_rev_day)
{
  double n_rad_s = n_rev_day * OW_TWOPI / OW_SEC_PER_DAY;
  return cbrt(OW_WGS72_MU_KM3_S2 / (n_rad_s * n_rad_s));
}

void ow_elset_heights(const ow_elset *e, double *perigee_km,
                      double *apogee_km)
{
  double a = e->n_rev_day > 0 ? semi_major_km(e->n_rev_day) : 0.0;
  *perigee_km = a * (1.0 - e->ecc) - OW_WGS72_RE_KM;
  *apogee_km = a * (1.0 + e->ecc) - OW_WGS72_RE_KM;
}

ow_regime ow_orbit_regime(const ow_elset *e)
{
  double hp, ha;
  ow_elset_heights(e, &hp, &ha);
  double a = (hp + ha) / 2.0 + OW_WGS72_RE_KM, i = e->incl_deg;
  if (hp >= 35586.0 && ha <= 35986.0 && i <= 25.0)
    return OW_REGIME_GEO;
  if (a >= 37948.0 && a <= 46380.0 && e->ecc < 0.25 && i <= 25.0)
    return OW_REGIME_EGO;
  if (hp >= 18100.0 && ha <= 24300.0 && i >= 50.0 && i <= 70.0)
    return OW_REGIME_NSO;
  if (hp < 2000.0 && ha < 2000.0)
    return OW_REGIME_LEO;
  if (hp < 2000.0 && ha >= 31570.0 && ha <= 40000.0)
    return OW_REGIME_GTO;
  if (hp >= 2000.0 && ha <= 31570.0)
    return OW_REGIME_MEO;
  if (hp < 2000.0 && ha <= 31570.0)
    return OW_REGIME_LMO;
  if (hp < 31570.0 && ha > 40000.0)
    return OW_REGIME_HEO;
  if (hp >= 2000.0 && hp <= 31570.0 && ha > 31570.0)
    return OW_REGIME_MGO;
  return OW_REGIME_OTHER;
}
