/*
** test_access.c - access windows against an independent brute force.
**
** Sensors: a ground telescope (mask, darkness, sunlit target, limiting
** magnitude), a LEO radar (elevation, range) and hosted sensors on the
** synthetic GEO hosts (LVLH cone, inertial rectangle, LVLH scan) with Sun, Moon and Earth-limb exclusions,
** range limits and a sunlit target. Targets: a sample of a synthetic
** population. The brute force below evaluates every constraint every
** second from its plain definition (angles via acos/asin, hosts and
** targets straight from SGP4, the Sun and Moon straight from ephem.c, the
** mask by its own interpolation) and forms windows from runs of visible
** seconds. Checked: every brute-force window of >= MIN_DUR_S seconds is
** found with both edges within TOL_EDGE_S, and every window found longer
** than MIN_DUR_S + 2 s matches a brute-force one.
** Also: the network file reader's errors name the line and key.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <string.h>

#define SPAN_S 10800     /* 3 h */
#define MIN_DUR_S 10.0
#define TOL_EDGE_S 1.0
#define RE_KM 6378.137
#define PI 3.14159265358979323846
#define D2R (PI / 180.0)

static double dot3(const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
static double nrm(const double a[3]) { return sqrt(dot3(a, a)); }
static double ang(const double a[3], const double b[3])
{
  double c = dot3(a, b) / (nrm(a) * nrm(b));
  return acos(c > 1 ? 1 : c < -1 ? -1 : c);
}
static void crs(const double a[3], const double b[3], double c[3])
{
  c[0] = a[1] * b[2] - a[2] * b[1];
  c[1] = a[2] * b[0] - a[0] * b[2];
  c[2] = a[0] * b[1] - a[1] * b[0];
}
static void unit3(double a[3])
{
  double n = nrm(a);
  a[0] /= n, a[1] /= n, a[2] /= n;
}

static ow_jd at(ow_jd t0, double s)
{
  t0.frac += s / 86400.0;
  double w = floor(t0.frac);
  t0.day += w, t0.frac -= w;
  return t0;
}

static double tsince(const ow_elset *e, ow_jd t0, double s)
{
  return ((t0.day - e->epoch_utc.day) + (t0.frac - e->epoch_utc.frac)) *
             1440.0 + s / 60.0;
}

/* Sunlit, Sun's centre above the limb: angle between the Earth's centre
** and the Sun seen from r exceeds the Earth's angular radius. */
static int lit(const double r[3], const double sun[3])
{
  double ts[3] = {sun[0] - r[0], sun[1] - r[1], sun[2] - r[2]};
  double te[3] = {-r[0], -r[1], -r[2]};
  return ang(ts, te) > asin(RE_KM / nrm(r));
}

/* Diffuse-sphere magnitude (as docs/sensors.md states the model). */
static double magnitude(const ow_sensor *s, double rng_km, double phase)
{
  double rad = 0.5e-3 * s->target_diam_m;
  double f = 2.0 * s->target_albedo * rad * rad / (3.0 * PI) *
             ((PI - phase) * cos(phase) + sin(phase)) / (rng_km * rng_km);
  return -26.74 - 2.5 * log10(f);
}

static double mask_el(const ow_sensor *s, double az)
{
  double e = s->min_el_rad;
  int n = s->n_mask;
  for (int i = 0; i < n; i++) {
    double a0 = s->mask_az_rad[i], a1 = s->mask_az_rad[(i + 1) % n];
    double e0 = s->mask_el_rad[i], e1 = s->mask_el_rad[(i + 1) % n];
    double x = az;
    if (a1 <= a0)
      a1 += 2 * PI;
    if (x < a0)
      x += 2 * PI;
    if (x >= a0 && x < a1) {
      double m = e0 + (x - a0) / (a1 - a0) * (e1 - e0);
      return m > e ? m : e;
    }
  }
  return e;
}

typedef struct world {
  ow_jd t0;
  double (*sun)[3], (*moon)[3];
} world;

/* Is target e visible to s at second t (brute force)? */
static int visible(const world *w, const ow_sensor *s, const ow_sgp4 *host,
                   const ow_elset *he, const ow_sgp4 *m, const ow_elset *e,
                   int t)
{
  double r[3], v[3];
  ow_jd jd = at(w->t0, t);
  const double *sun = w->sun[t], *moon = w->moon[t];
  if (ow_sgp4_propagate(m, tsince(e, w->t0, t), r, v) < 0)
    return 0;
  if (s->need_sunlit && !lit(r, sun))
    return 0;
  if (s->kind != OW_SENSOR_HOSTED) {
    double site[3], ri[3], vi[3], si[3], svi[3], z[3] = {0, 0, 0};
    ow_geodetic_to_itrf(s->lat_rad, s->lon_rad, s->alt_km, site);
    ow_teme_to_itrf(NULL, jd, r, v, ri, vi);
    double up[3] = {cos(s->lat_rad) * cos(s->lon_rad),
                    cos(s->lat_rad) * sin(s->lon_rad), sin(s->lat_rad)};
    double north[3] = {-sin(s->lat_rad) * cos(s->lon_rad),
                       -sin(s->lat_rad) * sin(s->lon_rad), cos(s->lat_rad)};
    double east[3] = {-sin(s->lon_rad), cos(s->lon_rad), 0};
    double rho[3] = {ri[0] - site[0], ri[1] - site[1], ri[2] - site[2]};
    double el = asin(dot3(rho, up) / nrm(rho));
    double az = atan2(dot3(rho, east), dot3(rho, north));
    if (az < 0)
      az += 2 * PI;
    if (el < mask_el(s, az))
      return 0;
    if (s->max_range_km > 0 && nrm(rho) > s->max_range_km)
      return 0;
    ow_teme_to_itrf(NULL, jd, sun, z, si, svi);
    if (s->need_dark && asin(dot3(si, up) / nrm(si)) > s->sun_max_el_rad)
      return 0;
    if (s->lim_mag > 0) {
      double ts[3] = {si[0] - ri[0], si[1] - ri[1], si[2] - ri[2]};
      double back[3] = {-rho[0], -rho[1], -rho[2]};
      if (magnitude(s, nrm(rho), ang(ts, back)) > s->lim_mag)
        return 0;
    }
    return 1;
  }
  double rh[3], vh[3], d[3];
  if (e->norad == he->norad)
    return 0;
  ow_sgp4_propagate(host, tsince(he, w->t0, t), rh, vh);
  for (int i = 0; i < 3; i++)
    d[i] = r[i] - rh[i];
  if (s->max_range_km > 0 && nrm(d) > s->max_range_km)
    return 0;
  /* Boresight. */
  double R[3] = {rh[0], rh[1], rh[2]}, C[3], I[3], b[3];
  unit3(R);
  crs(rh, vh, C);
  unit3(C);
  crs(C, R, I);
  int k = 0;
  ow_pointing mode = s->pointing;
  double A = s->bore_a_rad, B = s->bore_b_rad;
  if (s->pointing == OW_POINT_SCAN) {
    double ph = fmod((double)t, s->revisit_s), off = 0;
    k = -1;
    for (int j = 0; j < s->n_scan; j++) {
      if (ph >= off && ph < off + s->scan[j].dwell_s)
        k = j;
      off += s->scan[j].dwell_s;
    }
    if (k < 0)
      return 0;
    mode = s->scan_frame;
    A = s->scan[k].a_rad, B = s->scan[k].b_rad;
  }
  if (mode == OW_POINT_LVLH) {
    for (int i = 0; i < 3; i++)
      b[i] = cos(B) * (cos(A) * I[i] + sin(A) * C[i]) + sin(B) * R[i];
  } else {
    /* RA/Dec in GCRF to TEME at the span's start. */
    double g[3] = {cos(B) * cos(A), cos(B) * sin(A), sin(B)}, M[3][3];
    ow_jd tt;
    ow_utc_to_tt(w->t0, &tt);
    ow_gcrf_to_teme_matrix(tt, M);
    for (int i = 0; i < 3; i++)
      b[i] = M[i][0] * g[0] + M[i][1] * g[1] + M[i][2] * g[2];
  }
  if (s->fov == OW_FOV_CONE) {
    if (ang(d, b) > s->fov_half_rad)
      return 0;
  } else {
    double ref[3], u1[3], u2[3];
    if (mode == OW_POINT_LVLH)
      memcpy(ref, R, sizeof ref);
    else
      ref[0] = 0, ref[1] = 0, ref[2] = 1;
    crs(b, ref, u1);
    unit3(u1);
    crs(b, u1, u2);
    double cr = cos(s->fov_roll_rad), sr = sin(s->fov_roll_rad), e1[3], e2[3];
    for (int i = 0; i < 3; i++) {
      e1[i] = cr * u1[i] + sr * u2[i];
      e2[i] = -sr * u1[i] + cr * u2[i];
    }
    double x = dot3(d, b);
    if (x <= 0 || atan(fabs(dot3(d, e1)) / x) > s->fov_half_w_rad ||
        atan(fabs(dot3(d, e2)) / x) > s->fov_half_h_rad)
      return 0;
  }
  double sh[3], mh[3], nad[3] = {-rh[0], -rh[1], -rh[2]};
  for (int i = 0; i < 3; i++) {
    sh[i] = sun[i] - rh[i];
    mh[i] = moon[i] - rh[i];
  }
  if (s->sun_excl_rad > 0 && ang(d, sh) < s->sun_excl_rad)
    return 0;
  if (s->moon_excl_rad > 0 && ang(d, mh) < s->moon_excl_rad)
    return 0;
  double limb = asin((RE_KM + s->atm_km) / nrm(rh)) +
                (s->limb_excl_rad > 0 ? s->limb_excl_rad : 0);
  if (ang(d, nad) < limb)
    return 0;
  if (s->lim_mag > 0) {
    double ts[3] = {sun[0] - r[0], sun[1] - r[1], sun[2] - r[2]};
    double back[3] = {-d[0], -d[1], -d[2]};
    if (magnitude(s, nrm(d), ang(ts, back)) > s->lim_mag)
      return 0;
  }
  return 1;
}

static const char cfg[] =
    "network = test\n"
    "[sensor]\ntype = optical\nname = scope\nlat_deg = 34.67\n"
    "lon_deg = 133.54\nalt_km = 0.4\nmin_el_deg = 15\n"
    "mask = 0:20, 120:15, 200:30, 300:18\nsun_max_el_deg = -12\n"
    "limiting_mag = 15.5\n"
    "[sensor]\ntype = radar\nname = leo radar\nlat_deg = 35.3\n"
    "lon_deg = 133.93\nalt_km = 0.55\nmin_el_deg = 10\n"
    "max_range_km = 2000\n"
    "[sensor]\ntype = hosted\nname = lvlh cone\nhost_norad = 70001\n"
    "fov_half_deg = 10\nboresight_az_deg = 0\nboresight_el_deg = -20\n"
    "sun_excl_deg = 30\nmoon_excl_deg = 10\nlimb_excl_deg = 5\n"
    "max_range_km = 60000\nlimiting_mag = 16\n"
    "[sensor]\ntype = hosted\nname = inertial rect\nhost_norad = 70002\n"
    "fov = rect\nfov_half_w_deg = 20\nfov_half_h_deg = 8\n"
    "fov_roll_deg = 15\npointing = inertial\nboresight_ra_deg = 40\n"
    "boresight_dec_deg = -5\nsun_excl_deg = 40\nlimb_excl_deg = 2\n"
    "sunlit = no\n"
    "[sensor]\ntype = hosted\nname = scan\nhost_norad = 70001\n"
    "fov_half_deg = 7.5\npointing = scan\n"
    "scan = 0:-8:30, 0:-30:45, 180:-8:30, 180:-30:20\nrevisit_s = 300\n"
    "sun_excl_deg = 30\nmoon_excl_deg = 10\nlimb_excl_deg = 5\n";

static void check_network_errors(void)
{
  ow_network net;
  ow_err err;
  struct {
    const char *text;
    long line;
    const char *field;
  } bad[] = {
      {"[sensor]\ntype = radar\nname = a\nlat_deg = 91\nlon_deg = 0\n", 4,
       "lat_deg"},
      {"[sensor]\ntype = radar\nname = a\nlat_deg = 1x\n", 4, "lat_deg"},
      {"[sensor]\ntype = lidar\n", 2, "type"},
      {"[sensor]\ntype = radar\nname = a\nfov = cone\n", 4, "fov"},
      {"[sensor]\ntype = hosted\nname = h\n", 1, "host_norad"},
      {"[sensor]\ntype = hosted\nname = h\nhost_norad = 5\npointing = scan\n"
       "scan = 0:0:10, 0:5\n", 6, "scan"},
      {"[sensor]\ntype = radar\nname = a\nlat_deg = 1\nlon_deg = 2\n"
       "[sensor]\ntype = radar\nname = a\nlat_deg = 1\nlon_deg = 2\n", 6,
       "name"},
      {"", 0, ""},
      {"[sensor]\ntype = radar\nname = a\nlat_deg = 1\nlon_deg = 2\n"
       "mask = 10:5, 5:5\n", 6, "mask"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ow_network_init(&net);
    int st = ow_network_parse(&net, bad[i].text, strlen(bad[i].text),
                              "t.cfg", &err);
    CHECK(st < 0);
    CHECK_EQ_INT(err.line, bad[i].line);
    CHECK_STR(err.field, bad[i].field);
    CHECK_STR(err.source, "t.cfg");
    ow_network_free(&net);
  }
  ow_network_init(&net);
  CHECK_EQ_INT(ow_network_parse(&net, cfg, strlen(cfg), "cfg", &err), OW_OK);
  CHECK_EQ_INT(net.n, 5);
  CHECK_EQ_INT(net.s[4].n_scan, 4);
  CHECK_NEAR(net.s[4].scan[1].dwell_s, 45, 0);
  CHECK_NEAR(net.s[0].n_mask, 4, 0);
  /* Mask interpolation, wrapping past 360: halfway between 300:18 and
  ** 0:20 (at 330) is 19 deg, above min_el 15. */
  CHECK_NEAR(ow_sensor_min_el(&net.s[0], 330 * D2R) / D2R, 19.0, 1e-9);
  CHECK_NEAR(ow_sensor_min_el(&net.s[0], 160 * D2R) / D2R, 22.5, 1e-9);
  ow_network_free(&net);
}

int main(void)
{
  ow_catalog cat;
  ow_network net;
  ow_access_ctx *ctx;
  ow_err err;
  ow_synth_opts so = {11, 600, {2461345.5, 0.0}};
  world w;

  check_network_errors();

  ow_catalog_init(&cat);
  ow_network_init(&net);
  CHECK_EQ_INT(ow_synth_population(&so, &cat, &err), OW_OK);
  CHECK_EQ_INT(ow_network_parse(&net, cfg, strlen(cfg), "cfg", &err), OW_OK);
  w.t0 = (ow_jd){2461345.5, 0.25};
  CHECK_EQ_INT(ow_access_prepare(&ctx, &net, cat.items, cat.n, w.t0, SPAN_S,
                                 NULL, &err), OW_OK);
  w.sun = malloc((SPAN_S + 1) * sizeof *w.sun);
  w.moon = malloc((SPAN_S + 1) * sizeof *w.moon);
  for (int t = 0; t <= SPAN_S; t++) {
    ow_jd tt;
    ow_utc_to_tt(at(w.t0, t), &tt);
    ow_sun_teme(tt, w.sun[t]);
    ow_moon_teme(tt, w.moon[t]);
  }
  /* Hosts. */
  ow_sgp4 hm[2];
  const ow_elset *he[2] = {NULL, NULL};
  for (size_t i = 0; i < cat.n; i++) {
    if (cat.items[i].norad == OW_SYNTH_HOST_QZS6)
      he[0] = &cat.items[i];
    if (cat.items[i].norad == OW_SYNTH_HOST_GEO2)
      he[1] = &cat.items[i];
  }
  CHECK(he[0] && he[1]);
  for (int i = 0; i < 2; i++)
    ow_sgp4_init(&hm[i], he[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);

  /* Targets: every 5th object whose orbit is deep space (the hosted
  ** sensors see those), every 12th of the others. */
  size_t found = 0, brute = 0, matched = 0, bad_edges = 0, missed = 0,
         extra = 0;
  double worst = 0;
  char *vis = malloc(SPAN_S + 1);
  int n_targets = 0;
  for (size_t i = 0; i < cat.n; i++) {
    const ow_elset *e = &cat.items[i];
    int deep = e->n_rev_day < 6.4;
    if ((deep && i % 6) || (!deep && i % 8))
      continue;
    ow_sgp4 m;
    ow_target tg;
    ow_sgp4_target u;
    if (ow_sgp4_init(&m, e, OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL) < 0)
      continue;
    n_targets++;
    ow_target_init_sgp4(&tg, &u, &m, e, w.t0);
    for (int si = 0; si < (int)net.n; si++) {
      const ow_sensor *s = &net.s[si];
      int hi = s->kind == OW_SENSOR_HOSTED ? (s->host_norad == 70001 ? 0 : 1)
                                           : 0;
      ow_window win[256];
      size_t n;
      ow_access_windows(ctx, si, &tg, win, 256, &n, NULL);
      CHECK(n <= 256);
      found += n;
      for (int t = 0; t <= SPAN_S; t++)
        vis[t] = (char)visible(&w, s, &hm[hi], he[hi], &m, e, t);
      char *used = calloc(n + 1, 1);
      for (int t = 0; t <= SPAN_S;) {
        if (!vis[t]) {
          t++;
          continue;
        }
        int a = t;
        while (t <= SPAN_S && vis[t])
          t++;
        int b = t - 1;
        if (b - a < MIN_DUR_S)
          continue;
        brute++;
        size_t k;
        for (k = 0; k < n; k++)
          if (win[k].start_s <= b + TOL_EDGE_S &&
              win[k].end_s >= a - TOL_EDGE_S)
            break;
        if (k == n) {
          missed++;
          fprintf(stderr, "missed: sensor %s norad %u %d..%d\n", s->name,
                  (unsigned)e->norad, a, b);
          continue;
        }
        used[k] = 1;
        matched++;
        /* The true start lies in (a - 1, a] and the end in [b, b + 1)
        ** (1 s sampling): the error is the distance to those intervals. */
        double ds =
            fmax(0.0, fmax(win[k].start_s - a, (a - 1) - win[k].start_s));
        double de = fmax(0.0, fmax(b - win[k].end_s, win[k].end_s - (b + 1)));
        if (a == 0)
          ds = fabs(win[k].start_s);
        if (b == SPAN_S)
          de = fabs(win[k].end_s - SPAN_S);
        worst = fmax(worst, fmax(ds, de));
        if (ds > TOL_EDGE_S || de > TOL_EDGE_S) {
          bad_edges++;
          fprintf(stderr, "edge: sensor %s norad %u brute %d..%d got "
                          "%.2f..%.2f\n", s->name, (unsigned)e->norad, a, b,
                  win[k].start_s, win[k].end_s);
        }
      }
      for (size_t k = 0; k < n; k++)
        if (!used[k] && win[k].end_s - win[k].start_s > MIN_DUR_S + 2) {
          extra++;
          fprintf(stderr, "extra: sensor %s norad %u %.2f..%.2f\n", s->name,
                  (unsigned)e->norad, win[k].start_s, win[k].end_s);
        }
      free(used);
    }
  }
  printf("targets %d x sensors %zu: brute-force windows %zu (>= %g s), "
         "found %zu, matched %zu; worst edge error beyond the 1 s "
         "sampling %.3f s\n",
         n_targets, net.n, brute, MIN_DUR_S, found, matched, worst);
  CHECK(brute > 50);
  CHECK_EQ_INT(missed, 0);
  CHECK_EQ_INT(bad_edges, 0);
  CHECK_EQ_INT(extra, 0);
  free(vis);
  free(w.sun);
  free(w.moon);
  ow_access_free(ctx);
  ow_network_free(&net);
  ow_catalog_free(&cat);
  return check_done();
}
