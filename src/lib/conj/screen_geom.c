/*
** screen_geom.c - the orbit-geometry filter of the conjunction screener:
** a pair whose orbit paths never come within D of each other over a time
** window cannot have a close approach in it, whatever the timing. After
** Hoots, Crawford & Roehrich 1984, "An analytic method to determine future
** close approaches between satellites" (the orbit path filter), with the
** drift of the orbits and SGP4's periodic terms bounded instead of
** neglected. Exports ow__screen_geom_init, ow__screen_geom_window,
** ow__screen_geom_apart, ow__screen_geom_nwin, ow__screen_geom_windows,
** ow__screen_geom_apart_span, ow__screen_geom_apart_all.
**
** 1. The envelope of one object (ow__screen_geom_window). SGP4 puts the
**    object at r = k pl / (1 + el cos f) + dr_sp along the unit vector of
**    argument of latitude su = u + dsu in the plane (xnode, xinc), where
**    (el, omega_L) is the mean eccentricity vector plus the J3 long-period
**    shift (0, aycof / (am (1 - e^2))), pl = am (1 - el^2), f = u - omega_L,
**    k = 1 - 1.5 temp2 betal con41, and the short-period terms are
**    dr_sp = 0.5 temp1 x1mth2 cos 2u, dsu = -0.25 temp2 x7thm1 sin 2u,
**    xnode - nodep = 1.5 temp2 cosi sin 2u, xinc - inclp = 1.5 temp2 cosi
**    sini cos 2u (temp1 = J2 / (2 pl), temp2 = temp1 / pl; sgp4.c). Hence
**    over a window [ta, tb]:
**    - |r . n(t)| <= z, n(t) the normal of the plane (nodep, inclp): the
**      short-period node and inclination terms move the normal along two
**      orthogonal directions by sin i |dnode| and |dinc|, in all by at
**      most 1.5 temp2 |cos i sin i| <= 0.75 temp2, so z = 0.9 temp2 r_hi
**      (20% margin); they turn an in-plane vector by at most |dnode| +
**      |dinc| <= 1.5 temp2 |cos i| (1 + sin i) <= 1.95 temp2;
**    - the angle n(t) makes with the reference normal n_m (secular
**      elements at the window's middle) is at most alpha = sin(i) dNode
**      + dI + (deep space) (pi + 1) (|ph| + |pinc|): a turn of the node
**      by dNode moves n by at most sin(i) dNode (asin is convex), a change
**      of i by dI moves it by dI; the lunisolar periodics move it by |ph|
**      + |pinc|
**      (|ph| / sin i on the node), by at most pi (|ph| + |pinc|) + |pinc|
**      in the Lyddane branch (the pair (sin i sin node, sin i cos node)
**      moves by |ph| + |pinc|, which turns the node by at most asin of
**      that over sin i, or pi);
**    - the angle between r and the conic's perigee direction P_c(t)
**      differs from the conic true anomaly |f| by at most |dsu| + 2.4
**      temp2 (the in-plane turn of the frame, 20% margin), and P_c(t) is
**      within eps_P of the reference perigee direction P_m: a unit vector
**      R3(node) R1(i) R3(argp) x moves by at most |dnode| + |di| + |dargp|
**      when the three angles change, plus asin(|shift| / e) for the
**      long-period shift of the eccentricity vector; in the Lyddane
**      branch (deep space, i < 0.2 rad) through the longitude of perigee
**      instead (see the window code); when the direction of perigee is
**      not bounded (shift >= e, i near pi) eps_P = pi;
**    - p = k pl in [p_lo, p_hi], el in [e_lo, e_hi] over the window: the
**      secular drift (drag cc1..d4 on a, cc4 on e, lunisolar dedt),
**      |bstar cc5| (x2) on e, the lunisolar periodic |pe|, the J3 shift,
**      the resonance's change of mean motion (|dn/dt| <= sum |d_k|, the
**      coefficients of the resonance terms); k over the box of its
**      factors.
**    The lunisolar periodic amplitudes are bounded from the coefficients:
**    each is x2 f2 + x3 f3 (+ x4 sin zf) per body with |f2|, |f3| <= 1/4.
**    The bounds used are twice those (margin).
**
** 2. The pair (ow__screen_geom_apart). Let x1, x2 be the objects at a time
**    t of the window with |x1 - x2| <= D. With I(t) the angle between
**    n1(t) and n2(t) and k(t) = n1 x n2 / sin I their line of nodes, write
**    x1 = rho (cos th k + sin th m1) + z1' n1, m1 = n1 x k; then
**    x1 . n2 = -rho sin th sin I + z1' cos I and |x1 . n2| <= z2 + D, so
**      |sin th| <= (D + z1 + z2) / (rho_lo sin I_lo) = sin delta1:
**    x1 is within delta1 of +k or -k (angle measured in plane 1). The
**    normals are within alpha1, alpha2 of n1m, n2m, so with beta = alpha1
**    + alpha2, sin I(t) >= min(sin(I_m - beta), sin(I_m + beta)) = sin I_m
**    cos beta - |cos I_m| sin beta >= sin I_m (1 - beta^2 / 2) - |cos I_m|
**    beta = sin I_lo, and |n1 x n2 - n1m x n2m| <= beta: k(t) is within
**    gamma = asin(beta / sin I_m) of k_m. Both objects sit near the same node: (x1 - x2) . k
**    >= rho1 cos delta1 + rho2 cos delta2 > D otherwise. By the triangle
**    inequality on angles, the conic true anomaly of object i at that node
**    is within w_i = delta_i + gamma + asin(z_i / r_lo,i) + eps_sp,i +
**    eps_P,i of the angle between +-k_m and P_im, and on that arc r is in
**    [p_lo / (1 + e cos f_a), p_hi / (1 + e cos f_b)] (monotonic in
**    f in [0, pi]) +- dr_sp. If at both nodes the two radius ranges are
**    more than D apart, ||x1| - |x2|| > D contradicts |x1 - x2| <= D: the
**    pair cannot come within D in the window.
**    The filter declines (keeps the pair) where it cannot be made safe or
**    cannot help: near-coplanar pairs (beta >= sin I_m, I_m - beta <= 0 or
**    I_m + beta >= pi, sin delta > 0.9), an object whose elements say it
**    decays (drag change of a above DECAY_LIMIT_KM over the span, or
**    perigee under 100 km) or whose deep-space bounds are loose (mean
**    motion change from resonance above 1%), D above a tenth of a radius.
**
** 3. Drift: every bound above grows with the window's half-length; the
**    whole span is split into windows of SUBWINDOW_S (6 h: the node of a
**    LEO orbit turns by at most ~2.5 deg, its perigee by ~4 deg; 2 h
**    windows cost 3x more and pruned 0.06% more objects against the ISS
**    over a week of the 2023-10 catalog) and a pair is apart over the
**    span when it is apart over the whole span in one window (cheap,
**    tried first) or in every window of the split.
**
** No pair within D at any instant of a window is rejected; the argument
** rests on SGP4's own equations (sgp4.c, sgp4_deep.c), and test_screen_geom
** checks the envelope of every sampled object against the scalar model.
*/
#include "internal.h"
#include "screen_priv.h"
#include "orbwatch/sgp4.h"

#include <math.h>
#include <string.h>

/* Drag change of the semi-major axis over the span above which the
** object is left out of the filter (decaying). */
#define DECAY_LIMIT_KM 20.0
/* Relative change of the mean motion through resonance above which. */
#define RES_LIMIT 0.01
/* Lowest perigee height accepted (below: decaying). */
#define PERIGEE_MIN_KM 100.0
/* Short-period turn of the frame, in units of temp2 (bounds + 20%): of
** the normal, 1.5 |cos i sin i| <= 0.75; of an in-plane vector,
** 1.5 |cos i| (1 + sin i) <= 1.95. */
#define SP_TILT_N 0.9
#define SP_TILT 2.4
/* Periodic and drag amplitudes are used twice. */
#define AMP_MARGIN 2.0
/* Largest delta accepted (sin): beyond it the nodes are not apart. */
#define SIN_DELTA_MAX 0.9
/* Rounding allowance, km and rad. */
#define ROUND_KM 1e-3
#define ROUND_RAD 1e-9
#define LYDDANE_INCL_RAD 0.2
#define SUBWINDOW_S 21600.0

static double sq(double x)
{
  return x * x;
}

static double tempa_at(const ow__screen_geom *g, double tau)
{
  double t2 = tau * tau;
  return 1.0 - g->cc1 * tau - g->d2 * t2 - g->d3 * t2 * tau -
         g->d4 * t2 * t2;
}

void ow__screen_geom_init(ow__screen_geom *g, const ow_sgp4 *m,
                          ow_jd start_utc, double span_day)
{
  const ow_sgp4_near *n = &m->near;
  const ow_sgp4_deep *d = &m->deep;
  memset(g, 0, sizeof *g);
  int deep = m->method >= OW_SGP4_DEEP;
  g->re_km = m->grav.re_km;
  g->j2 = m->grav.j2;
  g->j3oj2 = m->grav.j3oj2;
  g->aycof = n->aycof;
  g->tau0_min = ((start_utc.day - m->epoch_utc.day) +
                 (start_utc.frac - m->epoch_utc.frac)) * 1440.0;
  g->node0 = n->nodeo;
  g->nodedot = n->nodedot + d->dnodt;
  g->nodecf = n->nodecf;
  g->argp0 = n->argpo;
  g->argpdot = n->argpdot + d->domdt - n->omgcof;
  g->incl0 = n->inclo;
  g->incldot = d->didt;
  g->ecc0 = n->ecco;
  g->eccdot = d->dedt - n->bstar * n->cc4;
  g->ao = n->ao;
  g->cc1 = n->cc1, g->d2 = n->d2, g->d3 = n->d3, g->d4 = n->d4;
  /* Deviations from the secular lines, over any time. */
  double eta = fabs(n->eta);
  g->argp_pad = fabs(n->xmcof) * (sq(1.0 + eta) * (1.0 + eta) +
                                  fabs(n->delmo));
  g->ecc_pad = 2.0 * fabs(n->bstar * n->cc5);
  if (deep) {
    /* |f2|, |f3| <= 1/4, |sin zf| <= 1: one body's term is at most
    ** (|x2| + |x3|) / 4 (+ |x4|). */
    g->ecc_pad += 0.25 * (fabs(d->se2) + fabs(d->se3) + fabs(d->ee2) +
                          fabs(d->e3));
    g->incl_pad = 0.25 * (fabs(d->si2) + fabs(d->si3) + fabs(d->xi2) +
                          fabs(d->xi3));
    g->h_pad = 0.25 * (fabs(d->sh2) + fabs(d->sh3) + fabs(d->xh2) +
                       fabs(d->xh3));
    g->gh_pad = 0.25 * (fabs(d->sgh2) + fabs(d->sgh3) + fabs(d->xgh2) +
                        fabs(d->xgh3)) + fabs(d->sgh4) + fabs(d->xgh4);
    g->ecc_pad = AMP_MARGIN * g->ecc_pad;
    g->incl_pad *= AMP_MARGIN;
    g->h_pad *= AMP_MARGIN;
    g->gh_pad *= AMP_MARGIN;
    /* Below 0.2 rad the Lyddane branch (maybe: at some time of the span;
    ** always); near pi |ph| / sin i is not bounded (retro). */
    double di = g->incl_pad + fabs(d->didt) *
                                  (fabs(g->tau0_min) + span_day * 1440.0);
    g->lyddane = n->inclo - di < LYDDANE_INCL_RAD + 1e-3;
    g->lyddane_always = n->inclo + di < LYDDANE_INCL_RAD - 1e-3;
    g->retro = n->inclo + di > OW_PI - LYDDANE_INCL_RAD - 0.01;
    g->deep = 1;
  } else {
    g->ecc_pad *= AMP_MARGIN;
    g->argp_pad *= AMP_MARGIN;
  }
  /* Resonance: |dn/dt| <= sum of |d_k| (rad/min^2), over |tau| minutes
  ** from the epoch; a = (xke / n)^(2/3) moves by 2/3 of dn/n. */
  double tmax = fmax(fabs(g->tau0_min), fabs(g->tau0_min + span_day * 1440.0));
  double dsum = 0;
  if (d->irez == 1)
    dsum = fabs(d->del1) + fabs(d->del2) + fabs(d->del3);
  else if (d->irez == 2)
    dsum = fabs(d->d2201) + fabs(d->d2211) + fabs(d->d3210) +
           fabs(d->d3222) + fabs(d->d4410) + fabs(d->d4422) +
           fabs(d->d5220) + fabs(d->d5232) + fabs(d->d5421) +
           fabs(d->d5433);
  double dn_rel = n->no > 0 ? AMP_MARGIN * dsum * tmax / n->no : 1.0;
  g->a_rel_pad = dn_rel; /* >= 2/3 dn/n with margin */
  /* Usable? */
  g->usable = n->no > 0 && n->ecco < 0.95 && dn_rel < RES_LIMIT;
  if (g->usable) {
    double t_a = g->tau0_min, t_b = g->tau0_min + span_day * 1440.0;
    double a0 = n->ao * sq(tempa_at(g, 0.0));
    double da = fmax(fabs(n->ao * sq(tempa_at(g, t_a)) - a0),
                     fabs(n->ao * sq(tempa_at(g, t_b)) - a0));
    double elo = n->ecco - fabs(g->eccdot) * tmax - g->ecc_pad;
    double hp = (n->ao * (1.0 - fmax(n->ecco, 0.0)) - 1.0) * g->re_km;
    if (da * g->re_km > DECAY_LIMIT_KM || hp < PERIGEE_MIN_KM ||
        n->ecco + fabs(g->eccdot) * tmax + g->ecc_pad >= 0.95 ||
        !(elo > -1.0))
      g->usable = 0;
  }
}

/* Unit vectors: orbit normal and perigee direction of (node, i, argp). */
static void frame(double node, double inc, double argp, double nrm[3],
                  double per[3])
{
  double so = sin(node), co = cos(node), si = sin(inc), ci = cos(inc);
  double sw = sin(argp), cw = cos(argp);
  nrm[0] = si * so, nrm[1] = -si * co, nrm[2] = ci;
  per[0] = co * cw - so * ci * sw;
  per[1] = so * cw + co * ci * sw;
  per[2] = si * sw;
}

void ow__screen_geom_window(const ow__screen_geom *g, double ta_s,
                            double tb_s, ow__screen_geom_win *w)
{
  memset(w, 0, sizeof *w);
  if (!g->usable)
    return;
  double ta = g->tau0_min + ta_s / 60.0, tb = g->tau0_min + tb_s / 60.0;
  double tm = 0.5 * (ta + tb), hw = 0.5 * fabs(tb - ta);
  double text = fmax(fabs(ta), fabs(tb));
  double node = g->node0 + g->nodedot * tm + g->nodecf * tm * tm;
  double argp = g->argp0 + g->argpdot * tm;
  double inc = g->incl0 + g->incldot * tm;
  double d_node = (fabs(g->nodedot) + 2.0 * fabs(g->nodecf) * text) * hw;
  double d_inc_sec = fabs(g->incldot) * hw;
  double d_argp = fabs(g->argpdot) * hw + g->argp_pad;
  double d_inc = d_inc_sec + g->incl_pad;
  double sin_i_hi = fmin(1.0, fabs(sin(inc)) + d_inc);
  w->alpha = sin_i_hi * d_node + d_inc_sec +
             (g->deep ? (OW_PI + 1.0) * (g->h_pad + g->incl_pad) : 0.0) +
             ROUND_RAD;

  /* Semi-major axis (er) and eccentricity ranges over the window. */
  double a_a = g->ao * sq(tempa_at(g, ta)), a_b = g->ao * sq(tempa_at(g, tb));
  double a_m = g->ao * sq(tempa_at(g, tm));
  double a_lo = fmin(a_m, fmin(a_a, a_b)), a_hi = fmax(a_m, fmax(a_a, a_b));
  /* The drag polynomial is monotonic over a window in practice; 20% of
  ** the spread covers a turn inside it. */
  double spread = a_hi - a_lo;
  a_lo -= 0.2 * spread, a_hi += 0.2 * spread;
  a_lo *= 1.0 - g->a_rel_pad;
  a_hi *= 1.0 + g->a_rel_pad;
  double e_a = g->ecc0 + g->eccdot * ta, e_b = g->ecc0 + g->eccdot * tb;
  double es_lo = fmin(e_a, e_b) - g->ecc_pad;
  double es_hi = fmax(e_a, e_b) + g->ecc_pad;
  if (es_lo < 0)
    es_lo = 0;
  /* The conic's eccentricity vector in the orbit plane (x to the node):
  ** e (cos argp, sin argp) + (0, s), s = aycof / (am (1 - e^2)) the J3
  ** long-period shift (aycof = -j3oj2 sin i / 2: the epoch inclination's
  ** near the Earth, the perturbed one in deep space). Around its value v_m
  ** at the middle it moves by at most rho = |de| + e |dargp| + |ds|: its
  ** length by rho, its direction by asin(rho / |v_m|). */
  double dw = d_argp, dn_p = d_node;
  if (g->deep) {
    /* pgh - cos i ph / sin i on argp, ph / sin i on the node. */
    dw += g->gh_pad + g->h_pad / sin(LYDDANE_INCL_RAD);
    dn_p += g->h_pad / sin(LYDDANE_INCL_RAD);
  }
  double ay_lo = g->aycof, ay_hi = g->aycof;
  if (g->deep) {
    double s_a = sin(fmax(0.0, inc - d_inc)), s_b = sin(fmin(OW_PI,
                                                             inc + d_inc));
    double sn_lo = fmin(s_a, s_b), sn_hi = fmax(s_a, s_b);
    if (inc - d_inc <= OW_PI / 2 && inc + d_inc >= OW_PI / 2)
      sn_hi = 1.0;
    double c = -0.5 * g->j3oj2;
    ay_lo = fmin(c * sn_lo, c * sn_hi), ay_hi = fmax(c * sn_lo, c * sn_hi);
  }
  if (es_hi >= 0.99)
    return; /* not usable */
  double inv_lo = 1.0 / (a_hi * (1.0 - es_lo * es_lo));
  double inv_hi = 1.0 / (a_lo * (1.0 - es_hi * es_hi));
  double s_lo = fmin(fmin(ay_lo * inv_lo, ay_lo * inv_hi),
                     fmin(ay_hi * inv_lo, ay_hi * inv_hi));
  double s_hi = fmax(fmax(ay_lo * inv_lo, ay_lo * inv_hi),
                     fmax(ay_hi * inv_lo, ay_hi * inv_hi));
  double s_m = 0.5 * (s_lo + s_hi), ds = 0.5 * (s_hi - s_lo);
  double e_m = 0.5 * (es_lo + es_hi), de = 0.5 * (es_hi - es_lo);
  double vx = e_m * cos(argp), vy = e_m * sin(argp) + s_m;
  double vm = sqrt(vx * vx + vy * vy);
  /* chord of dargp */
  double turn = g->lyddane || g->retro ? 2.0 : fmin(dw, 2.0);
  double rho = (de + es_hi * turn + ds) * 1.001 + 1e-9;
  /* And, whatever the direction, |v| is within |s| of e. */
  double s_abs = fmax(fabs(s_lo), fabs(s_hi));
  double e_lo = fmax(fmax(0.0, vm - rho), es_lo - s_abs);
  double e_hi = fmin(vm + rho, es_hi + s_abs);
  if (e_hi >= 0.99)
    return; /* not usable */
  /* Perigee direction: the turn of the plane, then of the vector. */
  double w_l = atan2(vy, vx);
  double eps_p = g->lyddane_always || g->retro || rho >= vm
                     ? OW_PI
                     : dn_p + d_inc + asin(rho / vm);
  if (g->lyddane && !g->retro) {
    /*
    ** Lyddane branch (i < 0.2): the longitude of perigee node + argp
    ** moves by pgh - pinc node sin i + (1 - cos i) dnode, |dnode| <= pi,
    ** so by at most |pgh| + 1.25 |pinc| + 0.063 (besides its secular
    ** drift), and a perigee direction is within i of the equatorial
    ** direction at its longitude of perigee (R1(i) turns it by at most
    ** i). The J3 shift (0, s) has a direction tied to the node, which is
    ** not bounded here: the vector turns by at most asin(|s| / e). The
    ** reference is then the secular perigee direction, and the bound of
    ** the other branch (when the object may be in both) is taken to it.
    */
    double ai = fabs(inc);
    double eps_l = s_abs < es_lo
                       ? ai + (ai + d_inc) + d_node + d_argp + g->gh_pad +
                             1.25 * g->incl_pad + 0.063 + asin(s_abs / es_lo)
                       : OW_PI;
    double dl = fabs(remainder(w_l - argp, 2.0 * OW_PI));
    eps_p = g->lyddane_always ? eps_l : fmax(eps_p + dl, eps_l);
    w_l = argp;
  }
  if (eps_p > OW_PI)
    eps_p = OW_PI;
  frame(node, inc, w_l, w->n, w->p);

  /* Short-period terms (pl lowest: largest terms). */
  double pl_lo = a_lo * (1.0 - e_hi * e_hi);
  double pl_hi = a_hi * (1.0 - e_lo * e_lo);
  double temp1 = 0.5 * g->j2 / pl_lo, temp2 = temp1 / pl_lo;
  double temp2_lo = 0.5 * g->j2 / (pl_hi * pl_hi);
  /* k = 1 - 1.5 temp2 betal con41 over the box of its factors; con41 =
  ** 3 cos^2 i - 1 over the inclination range. */
  double i_lo = fmax(0.0, inc - d_inc), i_hi = fmin(OW_PI, inc + d_inc);
  double ci_a = cos(i_lo), ci_b = cos(i_hi);
  double c2_hi = fmax(ci_a * ci_a, ci_b * ci_b);
  double c2_lo = (i_lo <= OW_PI / 2 && i_hi >= OW_PI / 2)
                     ? 0.0 : fmin(ci_a * ci_a, ci_b * ci_b);
  double con_lo = 3.0 * c2_lo - 1.0, con_hi = 3.0 * c2_hi - 1.0;
  double b_lo = sqrt(1.0 - e_hi * e_hi), b_hi = sqrt(1.0 - e_lo * e_lo);
  double q_lo = INFINITY, q_hi = -INFINITY; /* of temp2 betal con41 */
  const double t2s[2] = {temp2_lo, temp2}, bs[2] = {b_lo, b_hi};
  const double cs[2] = {con_lo, con_hi};
  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++)
      for (int c = 0; c < 2; c++) {
        double q = t2s[a] * bs[b] * cs[c];
        q_lo = fmin(q_lo, q), q_hi = fmax(q_hi, q);
      }
  double k_lo = 1.0 - 1.5 * q_hi, k_hi = 1.0 - 1.5 * q_lo;
  double re = g->re_km;
  w->p_lo_km = k_lo * pl_lo * re;
  w->p_hi_km = k_hi * pl_hi * re;
  w->e_lo = e_lo, w->e_hi = e_hi;
  w->dr_km = 1.2 * 0.5 * temp1 * re + ROUND_KM;
  w->r_lo_km = w->p_lo_km / (1.0 + e_hi) - w->dr_km;
  w->r_hi_km = w->p_hi_km / (1.0 - e_hi) + w->dr_km;
  w->z_km = SP_TILT_N * temp2 * w->r_hi_km + ROUND_KM;
  /* dsu <= 0.25 temp2 |x7thm1| <= 1.5 temp2, frame turn 2.4 temp2. */
  w->eps_f = eps_p + (1.8 + SP_TILT) * temp2 + ROUND_RAD;
  w->usable = w->r_lo_km > 0;
  if (!w->usable)
    return;
  /* The pair test's share of the arc: eps_f plus the angle between r
  ** and its projection on the plane, asin(z / r_lo). */
  double eps = w->eps_f + asin(fmin(1.0, w->z_km / w->r_lo_km));
  w->eps_full = !(eps < 0.5 * OW_PI);
  w->c_eps = cos(eps), w->s_eps = sin(eps);
}

/*
** Radius range of the conic of w over the true anomalies within angle w
** of the node direction, given the cosine cf and sine sf >= 0 of that
** direction's angle f from the perigee and the cosine cw and sine sw of
** w (w <= pi, full = 1 when the arc may cover [0, pi]); padded by the
** short-period radial term. r grows with f on [0, pi]: the extremes are at
** f - w and f + w, clamped to 0 (f < w iff cf > cw) and pi (f + w > pi iff
** -cf > cw); cosines of the ends by the angle addition formulas.
*/
static void radius_range(const ow__screen_geom_win *w, double cf, double sf,
                         double cw, double sw, int full, double *lo,
                         double *hi)
{
  double ca = full || cf > cw ? 1.0 : cf * cw + sf * sw;
  double cb = full || -cf > cw ? -1.0 : cf * cw - sf * sw;
  /* Smallest r: largest e cos f (at the near end); largest r: the
  ** smallest (at the far end). */
  double ea = ca >= 0 ? w->e_hi : w->e_lo, eb = cb >= 0 ? w->e_lo : w->e_hi;
  *lo = w->p_lo_km / (1.0 + ea * ca) - w->dr_km;
  *hi = w->p_hi_km / (1.0 + eb * cb) + w->dr_km;
}

/* cos and sin of delta + gamma + eps (the arc half-width), from the sines
** and cosines of the parts; *full when the sum may exceed pi. */
static void arc(double s_d, double s_g, double c_g, double c_e, double s_e,
                int eps_full, double *cw, double *sw, int *full)
{
  double c_d = sqrt(1.0 - s_d * s_d);
  double c_dg = c_d * c_g - s_d * s_g, s_dg = s_d * c_g + c_d * s_g;
  /* delta + gamma < pi/2 and eps < pi/2: the sum is below pi. */
  *full = eps_full || c_dg <= 0;
  *cw = c_dg * c_e - s_dg * s_e;
  *sw = s_dg * c_e + c_dg * s_e;
}

int ow__screen_geom_apart(const ow__screen_geom_win *a,
                          const ow__screen_geom_win *b, double d_km)
{
  if (!a->usable || !b->usable)
    return 0;
  double c[3] = {a->n[1] * b->n[2] - a->n[2] * b->n[1],
                 a->n[2] * b->n[0] - a->n[0] * b->n[2],
                 a->n[0] * b->n[1] - a->n[1] * b->n[0]};
  double s_i = sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
  double c_i = a->n[0] * b->n[0] + a->n[1] * b->n[1] + a->n[2] * b->n[2];
  double beta = a->alpha + b->alpha;
  if (!(beta < s_i))
    return 0;
  /* min(sin(I - beta), sin(I + beta)) = sin I cos beta - |cos I| sin
  ** beta >= sin I (1 - beta^2 / 2) - |cos I| beta; positive iff both
  ** I - beta > 0 and I + beta < pi. */
  double s_lo = s_i * (1.0 - 0.5 * beta * beta) - fabs(c_i) * beta;
  if (!(s_lo > 0))
    return 0;
  double s_g = beta / s_i, c_g = sqrt(1.0 - s_g * s_g);
  double rho_a = a->r_lo_km - a->z_km, rho_b = b->r_lo_km - b->z_km;
  if (!(rho_a > 10.0 * d_km && rho_b > 10.0 * d_km))
    return 0;
  double num = d_km + a->z_km + b->z_km;
  double sd_a = num / (rho_a * s_lo), sd_b = num / (rho_b * s_lo);
  if (!(sd_a <= SIN_DELTA_MAX && sd_b <= SIN_DELTA_MAX))
    return 0;
  /* Same node for both: rho cos delta > D each (rho > 10 D and cos delta
  ** >= 0.43). Arc half-widths w = delta + gamma + eps. */
  double cw_a, sw_a, cw_b, sw_b;
  int full_a, full_b;
  arc(sd_a, s_g, c_g, a->c_eps, a->s_eps, a->eps_full, &cw_a, &sw_a,
      &full_a);
  arc(sd_b, s_g, c_g, b->c_eps, b->s_eps, b->eps_full, &cw_b, &sw_b,
      &full_b);
  double inv = 1.0 / s_i;
  double cf_a = (c[0] * a->p[0] + c[1] * a->p[1] + c[2] * a->p[2]) * inv;
  double cf_b = (c[0] * b->p[0] + c[1] * b->p[1] + c[2] * b->p[2]) * inv;
  cf_a = fmax(-1.0, fmin(1.0, cf_a)), cf_b = fmax(-1.0, fmin(1.0, cf_b));
  double sf_a = sqrt(1.0 - cf_a * cf_a), sf_b = sqrt(1.0 - cf_b * cf_b);
  for (int node = 0; node < 2; node++) {
    /* Node 0: +k (cos f = k . p); node 1: -k (cos f negated, same sin). */
    double sg = node ? -1.0 : 1.0;
    double lo_a, hi_a, lo_b, hi_b;
    radius_range(a, sg * cf_a, sf_a, cw_a, sw_a, full_a, &lo_a, &hi_a);
    radius_range(b, sg * cf_b, sf_b, cw_b, sw_b, full_b, &lo_b, &hi_b);
    if (lo_a <= hi_b + d_km && lo_b <= hi_a + d_km)
      return 0;
  }
  return 1;
}

size_t ow__screen_geom_nwin(double span_s)
{
  double m = ceil(span_s / SUBWINDOW_S);
  return m < 1 ? 1 : (size_t)m;
}

void ow__screen_geom_windows(const ow__screen_geom *g, double span_s,
                             size_t nwin, ow__screen_geom_win *w)
{
  double len = span_s / (double)nwin;
  ow__screen_geom_window(g, 0.0, span_s, &w[0]);
  for (size_t k = 0; k < nwin; k++)
    ow__screen_geom_window(g, (double)k * len, (double)(k + 1) * len,
                           &w[k + 1]);
}

int ow__screen_geom_apart_span(const ow__screen_geom *a,
                               const ow__screen_geom *b, double d_km,
                               double span_s)
{
  if (!a->usable || !b->usable)
    return 0;
  size_t nw = ow__screen_geom_nwin(span_s);
  double len = span_s / (double)nw;
  ow__screen_geom_win wa, wb;
  ow__screen_geom_window(a, 0.0, span_s, &wa);
  ow__screen_geom_window(b, 0.0, span_s, &wb);
  if (ow__screen_geom_apart(&wa, &wb, d_km))
    return 1; /* over the whole span at once */
  for (size_t k = 0; k < nw; k++) {
    ow__screen_geom_window(a, (double)k * len, (double)(k + 1) * len, &wa);
    ow__screen_geom_window(b, (double)k * len, (double)(k + 1) * len, &wb);
    if (!ow__screen_geom_apart(&wa, &wb, d_km))
      return 0;
  }
  return 1;
}

int ow__screen_geom_apart_all(const ow__screen_geom *g,
                              const ow__screen_geom_win *pw, size_t np,
                              size_t nwin, double span_s, double d_km,
                              ow__screen_geom_win *scratch)
{
  if (!g->usable)
    return 0;
  double len = span_s / (double)nwin;
  const size_t stride = nwin + 1;
  /* First the whole span in one window (drift and all): many pairs are
  ** apart even so; the others window by window, window-major, so that
  ** an object that stays is found out early; its envelopes on demand. */
  ow__screen_geom_window(g, 0.0, span_s, &scratch[0]);
  unsigned char done[64], *dn = np <= 64 ? done : NULL;
  size_t left = 0;
  for (size_t p = 0; p < np; p++) {
    int ap = ow__screen_geom_apart(&scratch[0], &pw[p * stride], d_km);
    if (dn)
      dn[p] = (unsigned char)ap;
    left += !ap;
  }
  if (left == 0)
    return 1;
  for (size_t k = 0; k < nwin; k++) {
    ow__screen_geom_window(g, (double)k * len, (double)(k + 1) * len,
                           &scratch[k + 1]);
    for (size_t p = 0; p < np; p++)
      if (!(dn && dn[p]) &&
          !ow__screen_geom_apart(&scratch[k + 1], &pw[p * stride + k + 1],
                                 d_km))
        return 0;
  }
  return 1;
}
