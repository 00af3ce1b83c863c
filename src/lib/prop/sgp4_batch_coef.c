/*
** sgp4_batch_coef.c - coefficients of a prepared ow_sgp4 model for the
** batch engine (ow__bcoef_from_sgp4): the only code that reads the
** model's fields, so that sgp4.c can change its layout freely.
**
** Values the scalar model computes from constants of the model at every
** call (pow(xke / no, 2/3), B* times C4 and C5) are computed here once with
** the same libm calls and operand order, so they are bit-identical.
*/
#include <math.h>
#include <string.h>

#include "internal.h"
#include "sgp4_batch_impl.h"

int ow__bcoef_from_sgp4(const ow_sgp4 *m, ow__bcoef *c)
{
  const ow_sgp4_near *n = &m->near;
  const ow_sgp4_deep *d = &m->deep;
  const ow_sgp4_grav *g = &m->grav;
  memset(c, 0, sizeof *c);
  switch (m->method) {
  case OW_SGP4_NEAR_SIMPLE: c->kind = OW__BK_NEAR_SIMPLE; break;
  case OW_SGP4_NEAR_FULL: c->kind = OW__BK_NEAR_FULL; break;
  case OW_SGP4_DEEP: c->kind = OW__BK_DEEP; break;
  case OW_SGP4_DEEP_RESONANT:
    c->kind = d->irez == 2 ? OW__BK_DEEP_RES12 : OW__BK_DEEP_RES24;
    break;
  default: return OW_E_ARG;
  }
  /* the kernel's deep kinds use the truncated drag terms, as the model does
     for every deep-space orbit; a model saying otherwise is not batched */
  if (m->method >= OW_SGP4_DEEP && !n->isimp)
    return OW_E_UNSUPPORTED;
  if ((m->method == OW_SGP4_NEAR_SIMPLE) != (n->isimp != 0) &&
      m->method < OW_SGP4_DEEP)
    return OW_E_UNSUPPORTED;
  if (m->method == OW_SGP4_DEEP_RESONANT && d->irez != 1 && d->irez != 2)
    return OW_E_ARG;

  c->ep_day = m->epoch_utc.day;
  c->ep_frac = m->epoch_utc.frac;
  c->j2 = g->j2;
  c->j3oj2 = g->j3oj2;
  c->xke = g->xke;
  c->re = g->re_km;
  c->vkms = g->vkmpersec;
  c->afspc = m->opsmode == OW_OPSMODE_AFSPC ? 1.0 : 0.0;

  c->mo = n->mo;
  c->mdot = n->mdot;
  c->argpo = n->argpo;
  c->argpdot = n->argpdot;
  c->nodeo = n->nodeo;
  c->nodedot = n->nodedot;
  c->nodecf = n->nodecf;
  c->cc1 = n->cc1;
  c->bcc4 = n->bstar * n->cc4;
  c->t2cof = n->t2cof;
  c->no = n->no;
  c->ecco = n->ecco;
  c->inclo = n->inclo;
  c->am0 = pow(g->xke / n->no, 2.0 / 3.0);
  c->sinio = n->sinio;
  c->cosio = n->cosio;
  c->aycof = n->aycof;
  c->xlcof = n->xlcof;
  c->con41 = n->con41;
  c->x1mth2 = n->x1mth2;
  c->x7thm1 = n->x7thm1;
  c->omgcof = n->omgcof;
  c->eta = n->eta;
  c->xmcof = n->xmcof;
  c->delmo = n->delmo;
  c->d2 = n->d2;
  c->d3 = n->d3;
  c->d4 = n->d4;
  c->bcc5 = n->bstar * n->cc5;
  c->sinmao = n->sinmao;
  c->t3cof = n->t3cof;
  c->t4cof = n->t4cof;
  c->t5cof = n->t5cof;

  c->dedt = d->dedt;
  c->didt = d->didt;
  c->domdt = d->domdt;
  c->dnodt = d->dnodt;
  c->dmdt = d->dmdt;
  c->gsto = d->gsto;
  /* peo .. plo (the periodics at epoch) are zero in this model. */
  c->e3 = d->e3;
  c->ee2 = d->ee2;
  c->se2 = d->se2;
  c->se3 = d->se3;
  c->sgh2 = d->sgh2;
  c->sgh3 = d->sgh3;
  c->sgh4 = d->sgh4;
  c->sh2 = d->sh2;
  c->sh3 = d->sh3;
  c->si2 = d->si2;
  c->si3 = d->si3;
  c->sl2 = d->sl2;
  c->sl3 = d->sl3;
  c->sl4 = d->sl4;
  c->xgh2 = d->xgh2;
  c->xgh3 = d->xgh3;
  c->xgh4 = d->xgh4;
  c->xh2 = d->xh2;
  c->xh3 = d->xh3;
  c->xi2 = d->xi2;
  c->xi3 = d->xi3;
  c->xl2 = d->xl2;
  c->xl3 = d->xl3;
  c->xl4 = d->xl4;
  c->zmol = d->zmol;
  c->zmos = d->zmos;

  c->d2201 = d->d2201;
  c->d2211 = d->d2211;
  c->d3210 = d->d3210;
  c->d3222 = d->d3222;
  c->d4410 = d->d4410;
  c->d4422 = d->d4422;
  c->d5220 = d->d5220;
  c->d5232 = d->d5232;
  c->d5421 = d->d5421;
  c->d5433 = d->d5433;
  c->del1 = d->del1;
  c->del2 = d->del2;
  c->del3 = d->del3;
  c->xfact = d->xfact;
  c->xlamo = d->xlamo;
  return OW_OK;
}
