/*
** screen_pc.c - probability of collision of screening events: object
** types from catalog names, hard-body radii, default covariances by orbit
** class and element-set age (pc.h), Foster or the maximum over unknown
** covariances. Exports ow_screen_object_type and ow_screen_pc.
*/
#include "internal.h"
#include "orbwatch/population.h"
#include "orbwatch/screen.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* Case-insensitive search for a word w in s, delimited by the start or a
** blank before it and the end or a blank / punctuation after it. */
static int has_word(const char *s, const char *w)
{
  size_t n = strlen(w);
  for (const char *p = s; *p; p++) {
    if (p != s && p[-1] != ' ')
      continue;
    size_t k = 0;
    while (k < n && p[k] && toupper((unsigned char)p[k]) == w[k])
      k++;
    if (k == n && (p[n] == '\0' || !isalnum((unsigned char)p[n])))
      return 1;
  }
  return 0;
}

ow_pc_object_type ow_screen_object_type(const char *name)
{
  if (!name)
    return OW_PC_OBJ_UNKNOWN;
  while (*name == ' ')
    name++;
  if (*name == '\0' || has_word(name, "TBA") || has_word(name, "UNKNOWN"))
    return OW_PC_OBJ_UNKNOWN;
  if (has_word(name, "DEB") || has_word(name, "DEBRIS") ||
      has_word(name, "COOLANT") || has_word(name, "FRAGMENT"))
    return OW_PC_OBJ_DEBRIS;
  if (has_word(name, "R/B") || has_word(name, "AKM") ||
      has_word(name, "PKM"))
    return OW_PC_OBJ_ROCKET_BODY;
  return OW_PC_OBJ_PAYLOAD;
}

static double age_day(const ow_elset *e, ow_jd t)
{
  return fabs((t.day - e->epoch_utc.day) + (t.frac - e->epoch_utc.frac));
}

static void one(const ow_elset *es, ow_screen_event *e,
                const ow_screen_pc_opts *opt)
{
  const ow_elset *a = &es[e->i1], *b = &es[e->i2];
  e->age_1_day = age_day(a, e->tca_utc);
  e->age_2_day = age_day(b, e->tca_utc);
  e->hbr_m = isfinite(opt->hbr_m) && opt->hbr_m >= 0
                 ? opt->hbr_m
                 : ow_pc_hbr_default_m(ow_screen_object_type(a->name)) +
                       ow_pc_hbr_default_m(ow_screen_object_type(b->name));
  e->pc = NAN;
  if (opt->mode == OW_SCREEN_PC_MAX) {
    double ar = opt->aspect_ratio > 0 ? opt->aspect_ratio : 1.0, sig;
    e->pc_method = OW_PC_MAX_UNKNOWN;
    e->pc_status = ow_pc_max_unknown_2d(e->miss_km * 1e3, e->hbr_m, ar,
                                        &e->pc, &sig, NULL);
    return;
  }
  ow_pc_object o[2];
  const ow_elset *el[2] = {a, b};
  const double *r[2] = {e->r1_teme_km, e->r2_teme_km};
  const double *v[2] = {e->v1_teme_km_s, e->v2_teme_km_s};
  double age[2] = {e->age_1_day, e->age_2_day};
  for (int k = 0; k < 2; k++) {
    double hp, ha;
    ow_elset_heights(el[k], &hp, &ha);
    memset(&o[k], 0, sizeof o[k]);
    for (int c = 0; c < 3; c++) {
      o[k].r_m[c] = 1e3 * r[k][c];
      o[k].v_m_s[c] = 1e3 * v[k][c];
    }
    ow_pc_cov_default(ow_pc_cov_class_of(hp, ha), age[k], o[k].cov_m2);
    o[k].cov_frame = OW_PC_COV_RTN;
  }
  ow_pc_options po = {OW_PC_FOSTER, 0.0, 1.0, OW_PC_MISS_PROJECTED};
  ow_pc_result pr;
  e->pc_method = OW_PC_FOSTER;
  e->pc_status = ow_pc_compute(&o[0], &o[1], e->hbr_m, &po, &pr, NULL);
  e->pc = e->pc_status < 0 ? NAN : pr.pc;
}

void ow_screen_pc(const ow_elset *es, ow_screen_event *ev, size_t n,
                  const ow_screen_pc_opts *opt)
{
  ow_screen_pc_opts def = {OW_SCREEN_PC_DEFAULT_COV, NAN, 1.0, 0};
  if (!opt)
    opt = &def;
  if (opt->mode == OW_SCREEN_PC_NONE) {
    for (size_t i = 0; i < n; i++)
      ev[i].pc = NAN;
    return;
  }
  int threads = opt->threads;
#ifdef _OPENMP
  if (threads <= 0)
    threads = omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
#endif
  for (long i = 0; i < (long)n; i++)
    one(es, &ev[i], opt);
  (void)threads;
}
