/*
** sgp4_batch_kernel.h - the batch SGP4/SDP4 kernel, written once and
** compiled once per ISA (included by sgp4_batch_avx512.c, _avx2.c,
** _sse2.c after they define OW__VEC_* and OW__ISA_SUFFIX).
**
** It is ow_sgp4_propagate (sgp4.c; Hoots & Roehrich 1980, Vallado et al.
** 2006) evaluated for W objects at once, specialised per block kind so that
** near-earth lanes never see deep-space code and vice versa. Where the
** scalar model branches per object on a time-varying value (Kepler
** iteration count, Lyddane's low-inclination form, the error exits), every
** lane follows its own path through masks, so the results are the scalar
** ones up to rounding. Rewrites that change only rounding (docs/batch.md):
**   - sin/cos of angles that differ from a known one by a small amount
**     come from the addition formulas (su and the inclination after their
**     short-period terms, so no atan2; mm after drag; Kepler's start u =
**     mp + argpp + dl; the node; the deep-space periodics' zf);
**   - angles linear in time are evaluated in full every 32 grid steps and
**     rotated by the step in between (run_lanes);
**   - Kepler's iterations after the first rotate sin/cos by the step;
**   - near-earth lanes skip the modulo-2pi reductions (only sin/cos and
**     differences see those angles); deep-space lanes keep C's fmod branch;
**   - pow(am, 1.5) is am * sqrt(am); pow(xke/no, 2/3) is precomputed, and a
**     Newton cube root serves the resonant kinds, whose mean motion moves.
*/
#include <math.h>
#include <string.h>

#include "sgp4_batch_impl.h"
#include "sgp4_private.h"
#include "vmath.h"
#include "orbwatch/batch.h"

#define OW__CAT2(a, b) a##b
#define OW__CAT(a, b) OW__CAT2(a, b)
#define OW__FN(name) OW__CAT(name, OW__ISA_SUFFIX)

#define OW__ALWAYS_INLINE inline __attribute__((always_inline))

/* Vallado 2006 / STR#3 constants of the deep-space periodics (dpper). */
#define ZNS 1.19459e-5   /* solar mean motion, rad/min */
#define ZES 0.01675      /* solar eccentricity */
#define ZNL 1.5835218e-4 /* lunar mean motion, rad/min */
#define ZEL 0.05490      /* lunar eccentricity */
/* Resonance (dspace) constants. */
#define FASX2 0.13130908
#define FASX4 2.8843198
#define FASX6 0.37448087
#define G22 5.7686396
#define G32 0.95240898
#define G44 1.8014998
#define G52 1.0508330
#define G54 4.4108898
#define RPTIM 4.37526908801129966e-3 /* Earth rotation, rad/min */
#define STEPP 720.0                  /* integrator step, min */
#define STEP2 259200.0               /* STEPP^2 / 2 */
#define TWOPI 6.28318530717958647692
#define PI_ 3.14159265358979323846

/* sin/cos with the libm fallback for lanes outside v_sincos's range. */
static OW__ALWAYS_INLINE void sincos_safe(vd x, vd *s, vd *c)
{
  v_sincos(x, s, c);
  vm bad = v_sincos_out_of_range(x);
  if (__builtin_expect(v_any(bad), 0)) {
    double xa[OW__VW], sa[OW__VW], ca[OW__VW];
    v_store(xa, x);
    v_store(sa, *s);
    v_store(ca, *c);
    for (int l = 0; l < OW__VW; l++)
      if (!(fabs(xa[l]) < 1.6e6)) {
        sa[l] = sin(xa[l]);
        ca[l] = cos(xa[l]);
      }
    *s = v_load(sa);
    *c = v_load(ca);
  }
}

/*
** sin/cos of an angle that is usually small, choosing per vector (all lanes
** at once) the cheapest form that is accurate for the largest lane:
** |d| <= 2e-4: Taylor to d^3 / d^4; |d| <= 0.05: to d^7 / d^8 (first
** term left out < 3e-20 relative);
** |d| <= 0.95: the reduction-free core of v_sincos (error < 1 ulp);
** otherwise the full function.
*/
static OW__ALWAYS_INLINE void sincos_small(vd d, vd *sd, vd *cd)
{
  vd ad = v_abs(d);
  if (!v_any(v_gt(ad, v_set(2.0e-4)))) {
    /* |d| <= 2e-4: d^5/120 and d^6/720 are below 1.3e-17 relative */
    vd d2 = d * d;
    *sd = v_fma(d * d2, v_set(OW__S3), d);
    *cd = v_fma(d2, v_fma(d2, v_set(OW__C4), v_set(-0.5)), v_set(1.0));
  } else if (__builtin_expect(!v_any(v_gt(ad, v_set(0.05))), 1)) {
    vd d2 = d * d;
    vd ps = v_fma(d2, v_set(OW__S7), v_set(OW__S5));
    ps = v_fma(d2, ps, v_set(OW__S3));
    *sd = v_fma(d * d2, ps, d);
    vd pc = v_fma(d2, v_set(OW__C8), v_set(OW__C6));
    pc = v_fma(d2, pc, v_set(OW__C4));
    pc = v_fma(d2, pc, v_set(-0.5));
    *cd = v_fma(d2, pc, v_set(1.0));
  } else if (!v_any(v_gt(ad, v_set(0.95)))) {
    v_sincos_core(d, sd, cd);
  } else {
    sincos_safe(d, sd, cd);
  }
}

/* sin/cos of a + d from sin/cos of a and a usually small d. */
static OW__ALWAYS_INLINE void sincos_add(vd sa, vd ca, vd d, vd *s, vd *c)
{
  vd sd, cd;
  sincos_small(d, &sd, &cd);
  *s = v_fma(sa, cd, ca * sd);
  *c = v_fma(ca, cd, -(sa * sd));
}

/* Lunar-solar periodic terms of one body (half of dpper). */
static OW__ALWAYS_INLINE void dpper_body(vd sm, vd cm, double ecc_body,
                                         vd *f2, vd *f3, vd *sinzf)
{
  vd s, c;
  /* zf = zm + 2 e sin(zm): rotate by the small term (below 0.11 rad) */
  sincos_add(sm, cm, v_set(2.0 * ecc_body) * sm, &s, &c);
  *sinzf = s;
  *f2 = v_set(0.5) * s * s - v_set(0.25);
  *f3 = v_set(-0.5) * s * c;
}

/*
** Resonance derivatives at (xli, xni, atime): xndt, xldot, xnddt (dspace's
** loop body) for the 24 h (res12 = 0) or 12 h (res12 = 1) case.
*/
#define F(name) v_load(&blk->f[OW__BF_##name][lane0])
static OW__ALWAYS_INLINE void res_derivs(const ow__bblock *blk, int lane0,
                                         int res12, vd xli, vd xni,
                                         vd atime, vd *xndt, vd *xldot,
                                         vd *xnddt)
{
  *xldot = xni + F(xfact);
  if (!res12) {
    /* one sincos of xli; the three phases by angle addition, double and
    ** triple angle (rounding-level differences only) */
    vd sl, cl, s1, c1, s2, c2, s3, c3;
    sincos_safe(xli, &sl, &cl);
    vd sl2 = v_set(2.0) * sl * cl, cl2 = cl * cl - sl * sl;
    vd sl3 = sl * (v_set(3.0) - v_set(4.0) * sl * sl);
    vd cl3 = cl * (v_set(4.0) * cl * cl - v_set(3.0));
    s1 = sl * v_set(cos(FASX2)) - cl * v_set(sin(FASX2));
    c1 = cl * v_set(cos(FASX2)) + sl * v_set(sin(FASX2));
    s2 = sl2 * v_set(cos(2.0 * FASX4)) - cl2 * v_set(sin(2.0 * FASX4));
    c2 = cl2 * v_set(cos(2.0 * FASX4)) + sl2 * v_set(sin(2.0 * FASX4));
    s3 = sl3 * v_set(cos(3.0 * FASX6)) - cl3 * v_set(sin(3.0 * FASX6));
    c3 = cl3 * v_set(cos(3.0 * FASX6)) + sl3 * v_set(sin(3.0 * FASX6));
    *xndt = F(del1) * s1 + F(del2) * s2 + F(del3) * s3;
    vd dd = F(del1) * c1 + v_set(2.0) * F(del2) * c2 +
            v_set(3.0) * F(del3) * c3;
    *xnddt = dd * *xldot;
  } else {
    vd xomi = F(argpo) + F(argpdot) * atime;
    vd x2omi = xomi + xomi;
    vd x2li = xli + xli;
    vd s[10], c[10];
    sincos_safe(x2omi + xli - v_set(G22), &s[0], &c[0]);
    sincos_safe(xli - v_set(G22), &s[1], &c[1]);
    sincos_safe(xomi + xli - v_set(G32), &s[2], &c[2]);
    sincos_safe(-xomi + xli - v_set(G32), &s[3], &c[3]);
    sincos_safe(x2omi + x2li - v_set(G44), &s[4], &c[4]);
    sincos_safe(x2li - v_set(G44), &s[5], &c[5]);
    sincos_safe(xomi + xli - v_set(G52), &s[6], &c[6]);
    sincos_safe(-xomi + xli - v_set(G52), &s[7], &c[7]);
    sincos_safe(xomi + x2li - v_set(G54), &s[8], &c[8]);
    sincos_safe(-xomi + x2li - v_set(G54), &s[9], &c[9]);
    *xndt = F(d2201) * s[0] + F(d2211) * s[1] + F(d3210) * s[2] +
            F(d3222) * s[3] + F(d4410) * s[4] + F(d4422) * s[5] +
            F(d5220) * s[6] + F(d5232) * s[7] + F(d5421) * s[8] +
            F(d5433) * s[9];
    vd dd = F(d2201) * c[0] + F(d2211) * c[1] + F(d3210) * c[2] +
            F(d3222) * c[3] + F(d5220) * c[6] + F(d5232) * c[7] +
            v_set(2.0) * (F(d4410) * c[4] + F(d4422) * c[5] +
                          F(d5421) * c[8] + F(d5433) * c[9]);
    *xnddt = dd * *xldot;
  }
}

/* Status codes as doubles in vectors (exact small integers). */
#define ST_OK 0.0
#define ST_MEAN_ECC ((double)OW_E_SGP4_MEAN_ECC)
#define ST_MEAN_MOTION ((double)OW_E_SGP4_MEAN_MOTION)
#define ST_PERT_ECC ((double)OW_E_SGP4_PERT_ECC)
#define ST_SEMI_LATUS ((double)OW_E_SGP4_SEMI_LATUS)
#define ST_DECAYED ((double)OW_E_SGP4_DECAYED)
#define ST_IMPLAUSIBLE ((double)OW_E_SGP4_IMPLAUSIBLE)

typedef struct vstate {
  vd r[3], v[3], st;
} vstate;

/*
** sin/cos of the three angles that are linear in time (near-earth lanes):
** xmdf = mo + mdot t, argpdf = argpo + argpdot t, nodedf = nodeo +
** nodedot t. run_lanes evaluates them in full at an anchor time and then
** rotates them by the step's increments along a grid (see there).
*/
typedef struct vlin {
  vd s[5], c[5]; /* deep-space lanes add zmos + zns t and zmol + znl t */
} vlin;

/* The resonance integrator's state and its derivatives (dspace). */
typedef struct vres {
  vd xli, xni, atime, xndt, xldot, xnddt;
} vres;

/*
** The propagation of W lanes of one block at times t (minutes since each
** lane's epoch). kind is a compile-time constant at every call site.
*/
static OW__ALWAYS_INLINE void propagate(const ow__bblock *blk, int lane0,
                                        int kind, vd t, const vlin *lin,
                                        vres *rc, vstate *o)
{
  const int deep = kind >= OW__BK_DEEP;
  const vd one = v_set(1.0);
  vd st = v_set(ST_OK);
  vm failed = v_mset(0); /* lanes that took an early error exit */

  /* ---- secular gravity and atmospheric drag ---- */
  vd xmdf = F(mo) + F(mdot) * t;
  vd argpdf = F(argpo) + F(argpdot) * t;
  vd nodedf = F(nodeo) + F(nodedot) * t;
  vd argpm = argpdf, mm = xmdf;
  vd t2 = t * t;
  vd nodem = nodedf + F(nodecf) * t2;
  vd tempa = one - F(cc1) * t;
  vd tempe = F(bcc4) * t;
  vd templ = F(t2cof) * t2;
  /* sin/cos(mm) and sin/cos(argpm), near-earth only */
  vd sinmm = lin->s[0], cosmm = lin->c[0];
  vd sinam = lin->s[1], cosam = lin->c[1];
  if (kind == OW__BK_NEAR_FULL) {
    vd delomg = F(omgcof) * t;
    vd sinxm = lin->s[0], cosxm = lin->c[0];
    vd delmtemp = one + F(eta) * cosxm;
    vd delm = F(xmcof) * (delmtemp * delmtemp * delmtemp - F(delmo));
    vd temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    vd t3 = t2 * t, t4 = t3 * t;
    tempa = tempa - F(d2) * t2 - F(d3) * t3 - F(d4) * t4;
    sincos_add(sinxm, cosxm, temp, &sinmm, &cosmm); /* mm = xmdf + temp */
    sincos_add(lin->s[1], lin->c[1], -temp, &sinam, &cosam); /* argpm */
    tempe = tempe + F(bcc5) * (sinmm - F(sinmao));
    templ = templ + F(t3cof) * t3 + t4 * (F(t4cof) + t * F(t5cof));
  }
  vd nm = F(no);
  vd em = F(ecco);
  vd inclm = F(inclo);
  vd am;

  if (deep) {
    /* ---- deep-space secular effects and resonance (dspace) ---- */
    vd theta = v_fmod_2pi(F(gsto) + t * v_set(RPTIM));
    em = em + F(dedt) * t;
    inclm = inclm + F(didt) * t;
    argpm = argpm + F(domdt) * t;
    nodem = nodem + F(dnodt) * t;
    mm = mm + F(dmdt) * t;
    if (kind != OW__BK_DEEP) {
      /*
      ** The integrator state of the previous time (rc) is continued when
      ** t lies beyond it on the same side of the epoch, and restarted from
      ** the epoch otherwise, as the reference code's dspace does with the
      ** state it keeps in satrec. Either way the lane takes the same
      ** sequence of 720-min steps from the epoch as a fresh start, so the
      ** values are those of the scalar model's restart, bit for bit; the
      ** derivatives at the state's point are kept with it, so a grid
      ** evaluates them once per 720 min instead of up to three times per
      ** propagation.
      */
      const int res12 = kind == OW__BK_DEEP_RES12;
      vm restart = v_mor(v_lt(t * rc->atime, v_set(0.0)),
                         v_lt(v_abs(t), v_abs(rc->atime)));
      if (v_any(restart)) {
        rc->xli = v_sel(restart, F(xlamo), rc->xli);
        rc->xni = v_sel(restart, F(no), rc->xni);
        rc->atime = v_sel(restart, v_set(0.0), rc->atime);
        res_derivs(blk, lane0, res12, rc->xli, rc->xni, rc->atime,
                   &rc->xndt, &rc->xldot, &rc->xnddt);
      }
      vd delt = v_sel(v_gt(t, v_set(0.0)), v_set(STEPP), v_set(-STEPP));
      for (;;) {
        vm go = v_ge(v_abs(t - rc->atime), v_set(STEPP));
        if (!v_any(go))
          break;
        rc->xli = v_sel(go, rc->xli + rc->xldot * delt +
                                rc->xndt * v_set(STEP2), rc->xli);
        rc->xni = v_sel(go, rc->xni + rc->xndt * delt +
                                rc->xnddt * v_set(STEP2), rc->xni);
        rc->atime = v_sel(go, rc->atime + delt, rc->atime);
        res_derivs(blk, lane0, res12, rc->xli, rc->xni, rc->atime,
                   &rc->xndt, &rc->xldot, &rc->xnddt);
      }
      vd xli = rc->xli, xni = rc->xni, atime = rc->atime;
      vd xndt = rc->xndt, xldot = rc->xldot, xnddt = rc->xnddt;
      vd ft = t - atime;
      nm = xni + xndt * ft + xnddt * ft * ft * v_set(0.5);
      vd xl = xli + xldot * ft + xndt * ft * ft * v_set(0.5);
      if (res12)
        mm = xl - v_set(2.0) * nodem + v_set(2.0) * theta;
      else
        mm = xl - nodem - argpm + theta;
      vd dndt = nm - F(no);
      nm = F(no) + dndt;
      /* mean motion not positive: error 2 */
      vm bad = v_le(nm, v_set(0.0));
      st = v_sel(bad, v_set(ST_MEAN_MOTION), st);
      failed = v_mor(failed, bad);
      /*
      ** pow(xke / nm, 2/3) = am0 * y with y = q^(1/3), q = (no / nm)^2,
      ** which stays within 1e-2 of 1 (the resonance moves the mean motion
      ** little): a second-order start and two Newton steps give y to an
      ** ulp. Other lanes (none in practice) use libm's pow.
      */
      vd r = F(no) / nm;
      vd q = r * r, dq = q - one;
      vd y = one + dq * (v_set(1.0 / 3.0) - v_set(1.0 / 9.0) * dq);
      y = y - (y * y * y - q) / (v_set(3.0) * y * y);
      y = y - (y * y * y - q) / (v_set(3.0) * y * y);
      am = F(am0) * y;
      if (__builtin_expect(v_any(v_mnot(v_lt(v_abs(dq), v_set(1e-2)))), 0)) {
        double qa[OW__VW], xk[OW__VW], aa[OW__VW], da[OW__VW];
        v_store(qa, nm);
        v_store(xk, F(xke));
        v_store(aa, am);
        v_store(da, dq);
        for (int l = 0; l < OW__VW; l++)
          if (!(fabs(da[l]) < 1e-2))
            aa[l] = pow(xk[l] / qa[l], 2.0 / 3.0);
        am = v_load(aa);
      }
      am = am * tempa * tempa;
    } else {
      am = F(am0) * tempa * tempa;
    }
  } else {
    am = F(am0) * tempa * tempa;
  }
  vd inv_am15 = one / (am * v_sqrt(am)); /* nm / xke */
  nm = F(xke) * inv_am15;
  em = em - tempe;

  /* mean eccentricity out of range: error 1 */
  {
    vm bad = v_mand(v_mor(v_ge(em, one), v_lt(em, v_set(-0.001))),
                    v_mnot(failed));
    st = v_sel(bad, v_set(ST_MEAN_ECC), st);
    failed = v_mor(failed, bad);
  }
  em = v_max(em, v_set(1.0e-6));
  vd dmm = F(no) * templ;
  mm = mm + dmm;
  /* offsets of the deep-space angles from the linear ones (before the
     reduction below), for their sin/cos by rotation */
  vd d_mm = mm - xmdf, d_am = argpm - argpdf, d_nm = nodem - nodedf;
  if (deep) {
    /*
    ** The scalar model reduces the angles modulo 2 pi here. Near-earth
    ** lanes use them only through sin/cos and differences, so the
    ** reduction changes nothing but rounding and is left out; deep-space
    ** lanes need C's exact branch (Lyddane's terms are not 2 pi-periodic).
    */
    vd xlm = mm + argpm + nodem;
    nodem = v_fmod_2pi(nodem);
    argpm = v_fmod_2pi(argpm);
    xlm = v_fmod_2pi(xlm);
    mm = v_fmod_2pi(xlm - argpm - nodem);
  }

  vd ep = em, xincp = inclm, argpp = argpm, nodep = nodem, mp = mm;
  vd sinip, cosip, aycof, xlcof, con41, x1mth2, x7thm1;
  /* sin/cos of argpp, nodep (deep) and mp, filled by each branch */
  vd sinargp = sinam, cosargp = cosam, sinnp = t, cosnp = t, smp, cmp;
  if (!deep)
    sincos_add(sinmm, cosmm, dmm, &smp, &cmp);

  if (deep) {
    /* ---- lunar-solar periodics (dpper, init = 'n') ---- */
    vd f2, f3, sinzf;
    dpper_body(lin->s[3], lin->c[3], ZES, &f2, &f3, &sinzf); /* zmos+zns t */
    vd ses = F(se2) * f2 + F(se3) * f3;
    vd sis = F(si2) * f2 + F(si3) * f3;
    vd sls = F(sl2) * f2 + F(sl3) * f3 + F(sl4) * sinzf;
    vd sghs = F(sgh2) * f2 + F(sgh3) * f3 + F(sgh4) * sinzf;
    vd shs = F(sh2) * f2 + F(sh3) * f3;
    dpper_body(lin->s[4], lin->c[4], ZEL, &f2, &f3, &sinzf); /* zmol+znl t */
    vd sel = F(ee2) * f2 + F(e3) * f3;
    vd sil = F(xi2) * f2 + F(xi3) * f3;
    vd sll = F(xl2) * f2 + F(xl3) * f3 + F(xl4) * sinzf;
    vd sghl = F(xgh2) * f2 + F(xgh3) * f3 + F(xgh4) * sinzf;
    vd shll = F(xh2) * f2 + F(xh3) * f3;
    vd pe = (ses + sel) - F(peo);
    vd pinc = (sis + sil) - F(pinco);
    vd pl = (sls + sll) - F(plo);
    vd pgh = (sghs + sghl) - F(pgho);
    vd ph = (shs + shll) - F(pho);
    xincp = xincp + pinc;
    ep = ep + pe;
    /* sin/cos(xincp) from those of inclo: xincp - inclo is small */
    sincos_add(F(sinio), F(cosio), F(didt) * t + pinc, &sinip, &cosip);
    vm lyd = v_lt(xincp, v_set(0.2));
    /* inclination >= 0.2 rad: periodics applied directly */
    vd ph_d = ph / sinip;
    vd pgh_d = pgh - cosip * ph_d;
    vd argpp_d = argpp + pgh_d;
    vd nodep_d = nodep + ph_d;
    vd mp_new = mp + pl;
    int any_lyd = v_any(lyd);
    if (!any_lyd) {
      sincos_add(lin->s[1], lin->c[1], d_am + pgh_d, &sinargp, &cosargp);
      sincos_add(lin->s[2], lin->c[2], d_nm + ph_d, &sinnp, &cosnp);
      sincos_add(lin->s[0], lin->c[0], d_mm + pl, &smp, &cmp);
    }
    if (any_lyd) {
      /* Lyddane's form for low inclination (no division by sin i) */
      vd sinop, cosop;
      sincos_safe(nodep, &sinop, &cosop);
      vd alfdp = sinip * sinop;
      vd betdp = sinip * cosop;
      vd dalf = ph * cosop + pinc * cosip * sinop;
      vd dbet = -ph * sinop + pinc * cosip * cosop;
      alfdp = alfdp + dalf;
      betdp = betdp + dbet;
      vm amode = v_ne(F(afspc), v_set(0.0));
      vd nodel = v_fmod_2pi(nodep);
      nodel = v_sel(v_mand(amode, v_lt(nodel, v_set(0.0))),
                    nodel + v_set(TWOPI), nodel);
      vd xls = mp + argpp + pl + pgh + (cosip - pinc * sinip) * nodel;
      vd xnoh = nodel;
      nodel = v_atan2(alfdp, betdp);
      nodel = v_sel(v_mand(amode, v_lt(nodel, v_set(0.0))),
                    nodel + v_set(TWOPI), nodel);
      vm wrap = v_gt(v_abs(xnoh - nodel), v_set(PI_));
      vd nodew = v_sel(v_lt(nodel, xnoh), nodel + v_set(TWOPI),
                       nodel - v_set(TWOPI));
      nodel = v_sel(wrap, nodew, nodel);
      vd argpl = xls - mp_new - cosip * nodel;
      argpp = v_sel(lyd, argpl, argpp_d);
      nodep = v_sel(lyd, nodel, nodep_d);
    } else {
      argpp = argpp_d;
      nodep = nodep_d;
    }
    mp = mp_new;
    /* negative inclination: flip the orbit plane */
    vm neg = v_lt(xincp, v_set(0.0));
    xincp = v_sel(neg, -xincp, xincp);
    nodep = v_sel(neg, nodep + v_set(PI_), nodep);
    argpp = v_sel(neg, argpp - v_set(PI_), argpp);
    if (any_lyd) {
      sincos_safe(argpp, &sinargp, &cosargp);
      sincos_safe(nodep, &sinnp, &cosnp);
      sincos_safe(mp, &smp, &cmp);
    } else { /* a shift by pi negates sin and cos exactly */
      sinargp = v_sel(neg, -sinargp, sinargp);
      cosargp = v_sel(neg, -cosargp, cosargp);
      sinnp = v_sel(neg, -sinnp, sinnp);
      cosnp = v_sel(neg, -cosnp, cosnp);
    }
    sinip = v_sel(neg, -sinip, sinip); /* sin(-x) = -sin(x) exactly */
    /* perturbed eccentricity out of range: error 3 */
    vm bad = v_mand(v_mor(v_lt(ep, v_set(0.0)), v_gt(ep, one)),
                    v_mnot(failed));
    st = v_sel(bad, v_set(ST_PERT_ECC), st);
    failed = v_mor(failed, bad);
    /* long-period coefficients with the perturbed inclination */
    aycof = v_set(-0.5) * F(j3oj2) * sinip;
    vd den = one + cosip;
    den = v_sel(v_gt(v_abs(den), v_set(1.5e-12)), den, v_set(1.5e-12));
    xlcof = v_set(-0.25) * F(j3oj2) * sinip * (v_set(3.0) +
                                               v_set(5.0) * cosip) / den;
    vd cosisq = cosip * cosip;
    con41 = v_set(3.0) * cosisq - one;
    x1mth2 = one - cosisq;
    x7thm1 = v_set(7.0) * cosisq - one;
  } else {
    sinip = F(sinio);
    cosip = F(cosio);
    aycof = F(aycof);
    xlcof = F(xlcof);
    con41 = F(con41);
    x1mth2 = F(x1mth2);
    x7thm1 = F(x7thm1);
  }

  /* ---- long-period periodics ---- */

  vd axnl = ep * cosargp;
  vd temp = one / (am * (one - ep * ep));
  vd aynl = ep * sinargp + temp * aycof;

  /* ---- Kepler's equation, each lane stopping as the scalar loop does ---- */
  vd u, sineo1, coseo1;
  {
    /*
    ** u = xl - nodep = mp + argpp + dl: its sin/cos follow from those of
    ** mp, of argpp and the small term dl by the addition formulas (no
    ** range reduction; u is left unreduced, which only Kepler's loop
    ** sees, through differences).
    */
    vd dl = temp * xlcof * axnl;
    vd s2 = v_fma(smp, cosargp, cmp * sinargp);
    vd c2 = v_fma(cmp, cosargp, -(smp * sinargp));
    sincos_add(s2, c2, dl, &sineo1, &coseo1);
    u = (mp + argpp) + dl;
  }
  vd eo1 = u;
  {
    /*
    ** Iteration 1 uses sin/cos(u); later ones rotate the previous
    ** values by the Newton step (small once the first step is taken),
    ** which equals sin/cos of the new eo1 up to rounding. Lanes that have
    ** converged rotate by 0 (identity) and keep their values.
    */
    /*
    ** A lane also stops once its Newton step dx is so small that the step
    ** after it cannot matter: Newton's error after the step is at most
    ** e / (2 (1 - e)) dx^2 (f'' = e sin E, f' >= 1 - e), which with
    ** e <= (1 + e^2) / 2 and 1 - e >= (1 - e^2) / 2 is below
    ** (1 + e^2) dx^2 / (2 (1 - e^2)) < 5e-17 rad when the test below holds.
    ** The scalar loop would take one more step, of that size, so the
    ** results agree to rounding; near-circular orbits save an iteration
    ** (a division and a small-angle sin/cos) on most propagations.
    */
    vd e2k = axnl * axnl + aynl * aynl;
    vd lim_hi = one + e2k, lim_lo = v_set(1.0e-16) * (one - e2k);
    vm act = v_mset(-1);
    for (int ktr = 1;; ktr++) {
      vd s = sineo1, c = coseo1;
      vd den = one - c * axnl - s * aynl;
      vd tem5 = (u - aynl * c + axnl * s - eo1) / den;
      vd lim = v_set(0.95);
      tem5 = v_sel(v_ge(v_abs(tem5), lim),
                   v_sel(v_gt(tem5, v_set(0.0)), lim, -lim), tem5);
      eo1 = v_sel(act, eo1 + tem5, eo1);
      act = v_mand(act, v_ge(v_abs(tem5), v_set(1.0e-12)));
      /* lanes stopping early still rotate sin/cos by their last step:
         the scalar loop's next start would have */
      vm early = v_mand(act, v_lt(tem5 * tem5 * lim_hi, lim_lo));
      act = v_mand(act, v_mnot(early));
      vm turn = ktr == 10 ? early : v_mor(act, early);
      if (!v_any(turn))
        break;
      vd sd, cd;
      sincos_small(v_sel(turn, tem5, v_set(0.0)), &sd, &cd);
      sineo1 = v_fma(s, cd, c * sd);
      coseo1 = v_fma(c, cd, -(s * sd));
      if (ktr == 10 || !v_any(act))
        break;
    }
  }

  /* ---- short-period preliminary quantities ---- */
  vd ecose = axnl * coseo1 + aynl * sineo1;
  vd esine = axnl * sineo1 - aynl * coseo1;
  vd el2 = axnl * axnl + aynl * aynl;
  vd pl = am * (one - el2);
  {
    vm bad = v_mand(v_lt(pl, v_set(0.0)), v_mnot(failed));
    st = v_sel(bad, v_set(ST_SEMI_LATUS), st);
    failed = v_mor(failed, bad);
  }
  vd rl = am * (one - ecose);
  vd inv_rl = one / rl;
  vd rdotl = v_sqrt(am) * esine * inv_rl;
  vd rvdotl = v_sqrt(pl) * inv_rl;
  vd betal = v_sqrt(one - el2);
  temp = esine / (one + betal);
  vd amrl = am * inv_rl;
  vd sinu = amrl * (sineo1 - aynl - axnl * temp);
  vd cosu = amrl * (coseo1 - axnl + aynl * temp);
  vd sin2u = (cosu + cosu) * sinu;
  vd cos2u = one - v_set(2.0) * sinu * sinu;
  temp = one / pl;
  vd temp1 = v_set(0.5) * F(j2) * temp;
  vd temp2 = temp1 * temp;

  /* ---- short periodics and orientation ---- */
  vd mrt = rl * (one - v_set(1.5) * temp2 * betal * con41) +
           v_set(0.5) * temp1 * x1mth2 * cos2u;
  vd dsu = v_set(-0.25) * temp2 * x7thm1 * sin2u;
  vd xnode = nodep + v_set(1.5) * temp2 * cosip * sin2u;
  vd dinc = v_set(1.5) * temp2 * cosip * sinip * cos2u;
  vd nm_xke = inv_am15;
  vd mvt = rdotl - nm_xke * temp1 * x1mth2 * sin2u;
  vd rvdot = rvdotl + nm_xke * temp1 * (x1mth2 * cos2u + v_set(1.5) * con41);

  /* sin/cos(su + dsu) with su = atan2(sinu, cosu) */
  vd sinsu, cossu, sini, cosi, snod, cnod;
  sincos_add(sinu, cosu, dsu, &sinsu, &cossu);
  sincos_add(sinip, cosip, dinc, &sini, &cosi);
  if (deep)
    sincos_add(sinnp, cosnp, xnode - nodep, &snod, &cnod);
  else /* xnode = nodedf + nodecf t^2 + the short-period term */
    sincos_add(lin->s[2], lin->c[2], xnode - nodedf, &snod, &cnod);

  vd xmx = -snod * cosi;
  vd xmy = cnod * cosi;
  vd ux = xmx * sinsu + cnod * cossu;
  vd uy = xmy * sinsu + snod * cossu;
  vd uz = sini * sinsu;
  vd vx = xmx * cossu - cnod * sinsu;
  vd vy = xmy * cossu - snod * sinsu;
  vd vz = sini * cossu;

  vd mr = mrt * F(re);
  vd vk = F(vkms);
  vd px = mr * ux, py = mr * uy, pz = mr * uz;
  vd qx = (mvt * ux + rvdot * vx) * vk, qy = (mvt * uy + rvdot * vy) * vk;
  vd qz = (mvt * uz + rvdot * vz) * vk;
  /* decayed (state still returned): error 6; else a state no Earth orbit
     has (ow__sgp4_plausible, sgp4.h; NaN fails the comparisons) is refused
     with zeroed outputs, as the scalar model does */
  vm keep = v_mnot(failed);
  vm decayed = v_mand(keep, v_lt(mrt, one));
  vd r2 = px * px + py * py + pz * pz, v2 = qx * qx + qy * qy + qz * qz;
  vm fine = v_mand(
      v_le(r2, v_set(OW_SGP4_PLAUSIBLE_R_MAX_KM * OW_SGP4_PLAUSIBLE_R_MAX_KM)),
      v_le(v2 * v2 * r2, v_set(OW__SGP4_ESCAPE_V2R * OW__SGP4_ESCAPE_V2R)));
  vm odd = v_mand(v_mand(keep, v_mnot(decayed)), v_mnot(fine));
  st = v_sel(decayed, v_set(ST_DECAYED), st);
  st = v_sel(odd, v_set(ST_IMPLAUSIBLE), st);
  keep = v_mand(keep, v_mnot(odd));
  vd zero = v_set(0.0);
  o->r[0] = v_sel(keep, px, zero);
  o->r[1] = v_sel(keep, py, zero);
  o->r[2] = v_sel(keep, pz, zero);
  o->v[0] = v_sel(keep, qx, zero);
  o->v[1] = v_sel(keep, qy, zero);
  o->v[2] = v_sel(keep, qz, zero);
  o->st = st;
}

/* One sub-vector (W lanes from lane0) of a block over every time of ts. */
static OW__ALWAYS_INLINE void run_lanes(const ow__bblock *blk, int lane0,
                                        int kind, const ow__btimes *ts,
                                        const ow_batch_out *out)
{
  int64_t idx[OW__VW];
  memcpy(idx, &blk->idx[lane0], sizeof idx);
  const int all_out = out->x_km && out->y_km && out->z_km && out->vx_km_s &&
                      out->vy_km_s && out->vz_km_s && out->status;
  vd epd = F(ep_day), epf = F(ep_frac);
  /*
  ** Near-earth lanes: sin/cos of the linear angles are evaluated in full
  ** every ANCHOR_STEPS times and rotated by the step's increments in
  ** between (one small-angle sincos per angle when the step changes, four
  ** multiply-adds per angle otherwise). The rotation adds ~1e-16 per step
  ** to sin/cos, so at most ~4e-15 before the next anchor.
  */
  const int nlin = kind < OW__BK_DEEP ? 3 : 5;
  enum { ANCHOR_STEPS = 32 };
  vlin lin, rot;
  vd tprev = v_set(0.0), hcur = v_set(0.0);
  /* an integrator state at infinity: the first time restarts every lane
     from the epoch (propagate) */
  vres rc = {v_set(0.0), v_set(0.0), v_set(INFINITY),
             v_set(0.0), v_set(0.0), v_set(0.0)};
  int since_anchor = ANCHOR_STEPS;
  for (size_t k = 0; k < ts->n; k++) {
    vd t;
    if (ts->jd)
      t = ((v_set(ts->jd[k].day) - epd) + (v_set(ts->jd[k].frac) - epf)) *
          v_set(1440.0);
    else
      t = v_set(ts->tsince_min[k]);
    {
      if (since_anchor >= ANCHOR_STEPS) {
        sincos_safe(F(mo) + F(mdot) * t, &lin.s[0], &lin.c[0]);
        sincos_safe(F(argpo) + F(argpdot) * t, &lin.s[1], &lin.c[1]);
        sincos_safe(F(nodeo) + F(nodedot) * t, &lin.s[2], &lin.c[2]);
        if (nlin == 5) {
          sincos_safe(F(zmos) + v_set(ZNS) * t, &lin.s[3], &lin.c[3]);
          sincos_safe(F(zmol) + v_set(ZNL) * t, &lin.s[4], &lin.c[4]);
        }
        since_anchor = 0;
        hcur = v_set(0.0);
      } else {
        vd h = t - tprev;
        if (!v_all(v_eq(h, hcur))) {
          hcur = h;
          sincos_small(F(mdot) * h, &rot.s[0], &rot.c[0]);
          sincos_small(F(argpdot) * h, &rot.s[1], &rot.c[1]);
          sincos_small(F(nodedot) * h, &rot.s[2], &rot.c[2]);
          if (nlin == 5) {
            sincos_small(v_set(ZNS) * h, &rot.s[3], &rot.c[3]);
            sincos_small(v_set(ZNL) * h, &rot.s[4], &rot.c[4]);
          }
        }
        for (int a = 0; a < nlin; a++) {
          vd sa = lin.s[a], ca = lin.c[a];
          lin.s[a] = v_fma(sa, rot.c[a], ca * rot.s[a]);
          lin.c[a] = v_fma(ca, rot.c[a], -(sa * rot.s[a]));
        }
        since_anchor++;
      }
      tprev = t;
    }
    vstate o;
    propagate(blk, lane0, kind, t, &lin, kind >= OW__BK_DEEP_RES24 ? &rc : NULL,
              &o);
    if (ts->rot) {
      const double *m = ts->rot + 18 * k, *nn = m + 9;
      vd r[3], v[3];
      for (int i = 0; i < 3; i++) {
        r[i] = v_set(m[3 * i]) * o.r[0] + v_set(m[3 * i + 1]) * o.r[1] +
               v_set(m[3 * i + 2]) * o.r[2];
        v[i] = v_set(m[3 * i]) * o.v[0] + v_set(m[3 * i + 1]) * o.v[1] +
               v_set(m[3 * i + 2]) * o.v[2] +
               (v_set(nn[3 * i]) * o.r[0] + v_set(nn[3 * i + 1]) * o.r[1] +
                v_set(nn[3 * i + 2]) * o.r[2]);
      }
      /* failed states stay zero (they are zero vectors already) */
      for (int i = 0; i < 3; i++) {
        o.r[i] = r[i];
        o.v[i] = v[i];
      }
    }
    size_t base = k * out->ld;
    double *dst[6] = {out->x_km,    out->y_km,    out->z_km,
                      out->vx_km_s, out->vy_km_s, out->vz_km_s};
    vd val[6] = {o.r[0], o.r[1], o.r[2], o.v[0], o.v[1], o.v[2]};
    if (blk->contiguous) {
      size_t at = base + (size_t)idx[0];
      for (int c = 0; c < 6; c++)
        if (dst[c])
          v_store(dst[c] + at, val[c]);
      if (out->status) {
        double sa[OW__VW];
        v_store(sa, o.st);
        for (int l = 0; l < OW__VW; l++)
          out->status[at + l] = (int)sa[l];
      }
      continue;
    }
    double a[7][OW__VW];
    for (int c = 0; c < 6; c++)
      v_store(a[c], val[c]);
    v_store(a[6], o.st);
    if (all_out) {
      /* the common case, without a test per store */
      for (int l = 0; l < OW__VW; l++) {
        if (idx[l] < 0)
          break; /* padding lanes come last */
        size_t at = base + (size_t)idx[l];
        out->x_km[at] = a[0][l];
        out->y_km[at] = a[1][l];
        out->z_km[at] = a[2][l];
        out->vx_km_s[at] = a[3][l];
        out->vy_km_s[at] = a[4][l];
        out->vz_km_s[at] = a[5][l];
        out->status[at] = (int)a[6][l];
      }
      continue;
    }
    for (int l = 0; l < OW__VW; l++) {
      if (idx[l] < 0)
        continue;
      size_t at = base + (size_t)idx[l];
      for (int c = 0; c < 6; c++)
        if (dst[c])
          dst[c][at] = a[c][l];
      if (out->status)
        out->status[at] = (int)a[6][l];
    }
  }
}

/*
** One function per kind, kept out of line: each gets its own register
** allocation (inlined into one switch, the resonant kinds' extra state
** made GCC 12 allocate the near-earth loop worse, -7%).
*/
#define OW__RUN_KIND(fn, k)                                                    \
  static __attribute__((noinline)) void fn(const ow__bblock *blk, int lane0,   \
                                           const ow__btimes *ts,               \
                                           const ow_batch_out *out)            \
  {                                                                            \
    run_lanes(blk, lane0, k, ts, out);                                         \
  }
OW__RUN_KIND(run_near_simple, OW__BK_NEAR_SIMPLE)
OW__RUN_KIND(run_near_full, OW__BK_NEAR_FULL)
OW__RUN_KIND(run_deep, OW__BK_DEEP)
OW__RUN_KIND(run_deep_res24, OW__BK_DEEP_RES24)
OW__RUN_KIND(run_deep_res12, OW__BK_DEEP_RES12)
#undef OW__RUN_KIND

static void run_block(const ow__bblock *blk, const ow__btimes *ts,
                      const ow_batch_out *out)
{
  for (int lane0 = 0; lane0 < blk->nlive; lane0 += OW__VW) {
    switch (blk->kind) {
    case OW__BK_NEAR_SIMPLE:
      run_near_simple(blk, lane0, ts, out);
      break;
    case OW__BK_NEAR_FULL:
      run_near_full(blk, lane0, ts, out);
      break;
    case OW__BK_DEEP:
      run_deep(blk, lane0, ts, out);
      break;
    case OW__BK_DEEP_RES24:
      run_deep_res24(blk, lane0, ts, out);
      break;
    default:
      run_deep_res12(blk, lane0, ts, out);
      break;
    }
  }
}
#undef F

void OW__FN(ow__bkernel_)(const ow__bblock *blocks, size_t b0, size_t b1,
                          const ow__btimes *ts, const ow_batch_out *out)
{
  for (size_t b = b0; b < b1; b++) {
    /* the next block's coefficients (~100 lines) arrive while this one
       runs: each call walks every block once */
    if (b + 1 < b1) {
      /* near-earth kinds use only the fields before the deep-space ones */
      const ow__bblock *nb = &blocks[b + 1];
      size_t rows = nb->kind < OW__BK_DEEP ? OW__BF_dedt : OW__BF_COUNT;
      const char *nx = (const char *)nb->f;
      for (size_t o = 0; o < rows * sizeof nb->f[0]; o += 64)
        __builtin_prefetch(nx + o, 0, 3);
    }
    run_block(&blocks[b], ts, out);
  }
}

/* ---- array forms of the vector functions (tests) ---- */
static void vm_sincos(const double *x, double *s, double *c, size_t n)
{
  size_t i = 0;
  for (; i + OW__VW <= n; i += OW__VW) {
    vd vs, vc;
    v_sincos(v_load(x + i), &vs, &vc);
    v_store(s + i, vs);
    v_store(c + i, vc);
  }
  for (; i < n; i++) { /* tail through a padded vector */
    double xa[OW__VW] = {0}, sa[OW__VW], ca[OW__VW];
    xa[0] = x[i];
    vd vs, vc;
    v_sincos(v_load(xa), &vs, &vc);
    v_store(sa, vs);
    v_store(ca, vc);
    s[i] = sa[0];
    c[i] = ca[0];
  }
}

static void vm_atan2(const double *y, const double *x, double *a, size_t n)
{
  for (size_t i = 0; i < n; i += OW__VW) {
    double ya[OW__VW] = {0}, xa[OW__VW] = {0}, aa[OW__VW];
    size_t m = n - i < OW__VW ? n - i : OW__VW;
    memcpy(ya, y + i, m * sizeof *ya);
    memcpy(xa, x + i, m * sizeof *xa);
    v_store(aa, v_atan2(v_load(ya), v_load(xa)));
    memcpy(a + i, aa, m * sizeof *aa);
  }
}

static void vm_fmod(const double *x, double *r, size_t n)
{
  for (size_t i = 0; i < n; i += OW__VW) {
    double xa[OW__VW] = {0}, ra[OW__VW];
    size_t m = n - i < OW__VW ? n - i : OW__VW;
    memcpy(xa, x + i, m * sizeof *xa);
    v_store(ra, v_fmod_2pi(v_load(xa)));
    memcpy(r + i, ra, m * sizeof *ra);
  }
}

const ow__vmath_fns OW__FN(ow__vmath_) = {vm_sincos, vm_atan2, vm_fmod};
