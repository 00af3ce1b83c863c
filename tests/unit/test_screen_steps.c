/*
** test_screen_steps.c - screening in steps (plan, slices, merge) and what
** a screening reports besides its events:
**   - ow_screen_run against the slices run one by one and merged, on a
**     sample of the 2023-10 catalog: all vs all in time windows, primaries
**     in blocks and windows (a pair of two primaries of two blocks is found
**     by both and must be kept once); the same events, bit for bit;
**   - a slow pair (2 km apart all day) split by windows: one event;
**   - duplicates (the ISS twice): no conjunction of an object with
**     itself, the newest epoch kept, counted and warned;
**   - element-set age: a month-old set warned (EPOCH_FAR), ages summed up;
**   - objects dropped during the span: one warning each, with its number;
**   - progress: called, increasing, ending at the total;
**   - out of memory: a message with the size and what to do.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static int load(const char *file, ow_catalog *cat)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/catalog/%s", check_shared_dir(), file);
  ow_catalog_init(cat);
  return ow_catalog_load_file(cat, path, OW_FMT_AUTO, NULL, NULL, NULL, NULL);
}

typedef struct sample {
  ow_elset *es;
  ow_sgp4 *m;
  size_t n;
} sample;

static sample take_every(const ow_catalog *cat, size_t every)
{
  sample s = {malloc((cat->n / every + 1) * sizeof(ow_elset)),
              malloc((cat->n / every + 1) * sizeof(ow_sgp4)), 0};
  for (size_t i = 0; i < cat->n; i += every) {
    s.es[s.n] = cat->items[i];
    ow_sgp4_init(&s.m[s.n], &s.es[s.n], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED,
                 NULL);
    s.n++;
  }
  return s;
}

static void free_sample(sample *s)
{
  free(s->es), free(s->m);
}

/* Plan, each slice, merge (the slices' arrays copied and the originals
** freed before the merge: nothing points into another slice). */
static int run_sliced(const sample *s, const ow_screen_opts *o,
                      ow_screen_result *res, size_t *n_slices)
{
  ow_screen_plan p;
  ow_err err;
  int rc = ow_screen_plan_init(&p, s->es, s->m, s->n, o, &err);
  if (rc < 0)
    return rc;
  *n_slices = p.n_slices;
  ow_screen_slice_result *sl = calloc(p.n_slices, sizeof *sl);
  for (size_t k = p.n_slices; k-- > 0 && rc == OW_OK;) { /* any order */
    ow_screen_slice_result tmp;
    rc = ow_screen_slice_run(&p, k, &tmp, &err);
    if (rc < 0)
      break;
    sl[k] = tmp;
    sl[k].events = malloc((tmp.n + 1) * sizeof *tmp.events);
    if (tmp.n)
      memcpy(sl[k].events, tmp.events, tmp.n * sizeof *tmp.events);
    sl[k].obj_state = malloc(tmp.n_objects + 1);
    memcpy(sl[k].obj_state, tmp.obj_state, tmp.n_objects);
    sl[k].warnings = malloc((tmp.n_warnings + 1) * sizeof *tmp.warnings);
    if (tmp.n_warnings)
      memcpy(sl[k].warnings, tmp.warnings,
             tmp.n_warnings * sizeof *tmp.warnings);
    ow_screen_slice_result_free(&tmp);
  }
  if (rc == OW_OK)
    rc = ow_screen_merge(&p, sl, p.n_slices, res, &err);
  for (size_t k = 0; k < p.n_slices; k++)
    ow_screen_slice_result_free(&sl[k]);
  free(sl);
  ow_screen_plan_free(&p);
  return rc;
}

static int same_event(const ow_screen_event *a, const ow_screen_event *b)
{
  return a->i1 == b->i1 && a->i2 == b->i2 &&
         a->tca_utc.day == b->tca_utc.day &&
         a->tca_utc.frac == b->tca_utc.frac && a->miss_km == b->miss_km &&
         a->entry_utc.frac == b->entry_utc.frac &&
         a->exit_utc.frac == b->exit_utc.frac && a->n_minima == b->n_minima &&
         a->rel_speed_km_s == b->rel_speed_km_s;
}

/* Events of a and b equal, one by one, except those of an object dropped
** during the span (a window after its failure screens it again until it
** fails there too: docs/screening.md). */
static void check_same(const char *label, const ow_screen_result *a,
                       const ow_screen_result *b, size_t n_obj)
{
  unsigned char *dropped = calloc(n_obj + 1, 1);
  for (size_t k = 0; k < a->n_warnings; k++)
    if (a->warnings[k].code == OW_SCREEN_W_DROPPED)
      dropped[a->warnings[k].index] = 1;
  for (size_t k = 0; k < b->n_warnings; k++)
    if (b->warnings[k].code == OW_SCREEN_W_DROPPED)
      dropped[b->warnings[k].index] = 1;
  size_t i = 0, j = 0, same = 0, diff = 0;
  for (;;) {
    while (i < a->n && (dropped[a->events[i].i1] || dropped[a->events[i].i2]))
      i++;
    while (j < b->n && (dropped[b->events[j].i1] || dropped[b->events[j].i2]))
      j++;
    if (i >= a->n || j >= b->n)
      break;
    if (same_event(&a->events[i], &b->events[j]))
      same++;
    else
      diff++;
    i++, j++;
  }
  while (i < a->n && (dropped[a->events[i].i1] || dropped[a->events[i].i2]))
    i++;
  while (j < b->n && (dropped[b->events[j].i1] || dropped[b->events[j].i2]))
    j++;
  printf("%s: %zu events, %zu the same, %zu differ, %zu + %zu left over\n",
         label, a->n, same, diff, a->n - i, b->n - j);
  CHECK(same > (CHECK_SANITIZED ? 3u : 10u));
  CHECK_EQ_INT(diff, 0);
  CHECK_EQ_INT(i, a->n);
  CHECK_EQ_INT(j, b->n);
  free(dropped);
}

static ow_jd start_2023_10(void)
{
  ow_jd t;
  ow_time_from_calendar(2023, 10, 9, 0, 0, 0.0, &t);
  return t;
}

static void test_slices_equal_run(void)
{
  ow_catalog cat;
  if (load("full_2023-10_spacetrack_3le.txt", &cat) < 0) {
    CHECK(0);
    return;
  }
  sample s = take_every(&cat, CHECK_SANITIZED ? 40 : 8);
  ow_screen_opts o;
  ow_screen_opts_default(&o, start_2023_10());
  o.span_day = CHECK_SANITIZED ? 0.25 : 1.0;
  o.threshold_km = 10.0;
  ow_screen_result one, sliced;
  ow_err err;
  size_t ns = 0;
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &one, &err), OW_OK);
  o.slice_day = o.span_day / 4.3; /* windows not a divisor of the chunk */
  CHECK_EQ_INT(run_sliced(&s, &o, &sliced, &ns), OW_OK);
  CHECK_EQ_INT(ns, 5);
  check_same("all vs all, 5 windows", &one, &sliced, s.n);
  CHECK_EQ_INT(one.stats.screened, sliced.stats.screened);
  ow_screen_result_free(&one);
  ow_screen_result_free(&sliced);

  /* Primaries: 12 LEO and GEO objects of the sample, blocks of 5. */
  uint32_t prim[12];
  size_t np = 0;
  for (size_t i = 0; i < s.n && np < 12; i += 97)
    prim[np++] = s.es[i].norad;
  o.primaries = prim;
  o.n_primaries = np;
  o.slice_day = 0;
  o.threshold_km = 50.0; /* events enough for a sample */
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &one, &err), OW_OK);
  o.slice_primaries = 5;
  o.slice_day = o.span_day / 3;
  CHECK_EQ_INT(run_sliced(&s, &o, &sliced, &ns), OW_OK);
  /* Blocks of 5 primaries x 4 windows (3 of a third of the span + 1). */
  CHECK_EQ_INT(ns, (np + 4) / 5 * 4);
  check_same("primaries, 3 blocks x 3 windows", &one, &sliced, s.n);
  ow_screen_result_free(&one);
  ow_screen_result_free(&sliced);
  free_sample(&s);
  ow_catalog_free(&cat);
}

static ow_elset leo(uint32_t norad, const char *name, double mean_anom_deg,
                    int day)
{
  ow_elset e;
  memset(&e, 0, sizeof e);
  e.norad = norad;
  snprintf(e.name, sizeof e.name, "%s", name);
  ow_time_from_calendar(2026, 6, day, 0, 0, 0.0, &e.epoch_utc);
  e.n_rev_day = 15.5;
  e.ecc = 0.0005;
  e.incl_deg = 51.6;
  e.raan_deg = 30.0;
  e.argp_deg = 90.0;
  e.mean_anom_deg = mean_anom_deg;
  e.bstar_per_er = 1e-5;
  return e;
}

static void init_models(const ow_elset *es, ow_sgp4 *m, size_t n)
{
  for (size_t i = 0; i < n; i++)
    ow_sgp4_init(&m[i], &es[i], OW_GRAV_WGS72, OW_OPSMODE_IMPROVED, NULL);
}

/* Two sets 2 km apart along one orbit: one event all day, also when the
** day is cut into windows (minima merged across their boundaries). */
static void test_slow_pair_windows(void)
{
  ow_elset es[2] = {leo(90001, "A", 10.0, 10), leo(90002, "B", 10.0, 10)};
  es[1].mean_anom_deg += 2.0 / 6778.0 * 57.29578; /* ~2 km behind */
  ow_sgp4 m[2];
  init_models(es, m, 2);
  ow_screen_opts o;
  ow_screen_opts_default(&o, es[0].epoch_utc);
  o.span_day = 1.0;
  ow_screen_result one, sliced;
  ow_err err;
  size_t ns;
  CHECK_EQ_INT(ow_screen_run(es, m, 2, &o, &one, &err), OW_OK);
  o.slice_day = 0.1;
  CHECK_EQ_INT(run_sliced(&(sample){es, m, 2}, &o, &sliced, &ns), OW_OK);
  CHECK_EQ_INT(ns, 11); /* 10 of 144 instants, 1 of the last */
  CHECK_EQ_INT(one.n, 1);
  CHECK_EQ_INT(sliced.n, 1);
  if (one.n == 1 && sliced.n == 1) {
    CHECK(one.events[0].n_minima > 10);
    CHECK_EQ_INT(sliced.events[0].n_minima, one.events[0].n_minima);
    CHECK(same_event(&one.events[0], &sliced.events[0]));
  }
  ow_screen_result_free(&one);
  ow_screen_result_free(&sliced);
}

/* The ISS twice (two epochs) and an object 1 km from it: no event of the
** ISS with itself; the newer set kept, the older warned and counted.
** (Before: an event 25544-25544.) */
static void test_duplicates(void)
{
  ow_elset es[3] = {leo(25544, "ISS (ZARYA)", 40.0, 10),
                    leo(25544, "ISS (ZARYA)", 40.0, 10),
                    leo(90003, "NEAR", 40.0, 10)};
  /* The old set: 2 minutes older, on the same track (within a km). */
  es[0].epoch_utc.frac -= 2.0 / 1440.0;
  es[0].mean_anom_deg -= 15.5 * 360.0 * 2.0 / 1440.0;
  es[2].raan_deg += 1.0 / 6778.0 * 57.29578 / sin(51.6 / 57.29578);
  ow_sgp4 m[3];
  init_models(es, m, 3);
  ow_screen_opts o;
  ow_screen_opts_default(&o, es[1].epoch_utc);
  o.span_day = 0.5;
  ow_screen_result r;
  ow_err err;
  CHECK_EQ_INT(ow_screen_run(es, m, 3, &o, &r, &err), OW_OK);
  size_t self = 0, with_new = 0, with_old = 0;
  for (size_t i = 0; i < r.n; i++) {
    self += r.events[i].norad_1 == r.events[i].norad_2;
    with_new += r.events[i].i1 == 1 || r.events[i].i2 == 1;
    with_old += r.events[i].i1 == 0 || r.events[i].i2 == 0;
  }
  CHECK_EQ_INT(self, 0);
  CHECK(with_new > 0);
  CHECK_EQ_INT(with_old, 0);
  CHECK_EQ_INT(r.stats.duplicates, 1);
  size_t nd = 0;
  for (size_t k = 0; k < r.n_warnings; k++)
    if (r.warnings[k].code == OW_SCREEN_W_DUPLICATE) {
      nd++;
      CHECK_EQ_INT(r.warnings[k].index, 0);
      CHECK_EQ_INT(r.warnings[k].other, 1);
      CHECK_EQ_INT(r.warnings[k].norad, 25544);
      CHECK(strstr(r.warnings[k].msg, "25544") != NULL);
    }
  CHECK_EQ_INT(nd, 1);
  ow_screen_result_free(&r);
}

/* A set 30 days before the span is warned; one 1 day old is not. Ages:
** median and largest. (Before: no warning at all.) */
static void test_epoch_far(void)
{
  ow_elset es[3] = {leo(90011, "OLD", 10.0, 1), leo(90012, "NEW", 100.0, 30),
                    leo(90013, "NEW2", 200.0, 30)};
  ow_sgp4 m[3];
  init_models(es, m, 3);
  ow_jd start;
  ow_time_from_calendar(2026, 7, 1, 0, 0, 0.0, &start);
  ow_screen_opts o;
  ow_screen_opts_default(&o, start);
  o.span_day = 0.25;
  ow_screen_result r;
  ow_err err;
  CHECK_EQ_INT(ow_screen_run(es, m, 3, &o, &r, &err), OW_OK);
  size_t nf = 0;
  for (size_t k = 0; k < r.n_warnings; k++)
    if (r.warnings[k].code == OW_SCREEN_W_EPOCH_FAR) {
      nf++;
      CHECK_EQ_INT(r.warnings[k].norad, 90011);
      CHECK_NEAR(r.warnings[k].value, -30.0, 1e-9);
      CHECK(strstr(r.warnings[k].msg, "30.0 days before") != NULL);
    }
  CHECK_EQ_INT(nf, 1);
  CHECK_EQ_INT(r.stats.epoch_far, 1);
  CHECK_NEAR(r.stats.age_median_day, 1.0, 1e-9);
  CHECK_NEAR(r.stats.age_max_day, 30.0, 1e-9);
  ow_screen_result_free(&r);
}

/* The objects SGP4 drops in the sample: one warning each, with the
** catalog number, as many as stats.failed. */
static void test_dropped_warned(void)
{
  ow_catalog cat;
  if (load("full_2023-10_spacetrack_3le.txt", &cat) < 0) {
    CHECK(0);
    return;
  }
  sample s = take_every(&cat, 20);
  ow_screen_opts o;
  ow_screen_opts_default(&o, start_2023_10());
  o.span_day = 7.0;
  o.threshold_km = 1.0;
  ow_screen_result r;
  ow_err err;
  CHECK_EQ_INT(ow_screen_run(s.es, s.m, s.n, &o, &r, &err), OW_OK);
  size_t nd = 0;
  for (size_t k = 0; k < r.n_warnings; k++) {
    const ow_screen_warning *w = &r.warnings[k];
    if (w->code != OW_SCREEN_W_DROPPED)
      continue;
    nd++;
    CHECK_EQ_INT(w->norad, s.es[w->index].norad);
    CHECK(strstr(w->msg, "left out") != NULL);
  }
  printf("dropped: %zu objects of %zu, %zu warnings\n", r.stats.failed, s.n,
         nd);
  CHECK(r.stats.failed > 0);
  CHECK_EQ_INT(nd, r.stats.failed);
  ow_screen_result_free(&r);
  free_sample(&s);
  ow_catalog_free(&cat);
}

typedef struct prog {
  size_t calls, last, total;
  int decreasing;
} prog;

static void on_progress(void *user, size_t done, size_t total)
{
  prog *p = user;
  p->decreasing |= done < p->last;
  p->calls++, p->last = done, p->total = total;
}

static void test_progress(void)
{
  ow_elset es[3] = {leo(90021, "A", 10.0, 10), leo(90022, "B", 100.0, 10),
                    leo(90023, "C", 200.0, 10)};
  ow_sgp4 m[3];
  init_models(es, m, 3);
  ow_screen_opts o;
  ow_screen_opts_default(&o, es[0].epoch_utc);
  o.span_day = 1.0;
  o.slice_day = 0.5;
  prog pr = {0, 0, 0, 0};
  o.progress = on_progress;
  o.progress_user = &pr;
  ow_screen_result r;
  ow_err err;
  CHECK_EQ_INT(ow_screen_run(es, m, 3, &o, &r, &err), OW_OK);
  CHECK(pr.calls >= 1441 / 64); /* one a chunk of 64 rows at least */
  CHECK_EQ_INT(pr.decreasing, 0);
  CHECK_EQ_INT(pr.total, 1441);
  CHECK_EQ_INT(pr.last, 1441);
  ow_screen_result_free(&r);
}

/* Out of memory: the message says what, how much and what to do (before:
** "stream: 2048000000 states"). Address-space limit: not under ASan. */
static void test_nomem_message(void)
{
#if !CHECK_SANITIZED
  ow_elset es[4] = {leo(90031, "A", 10.0, 10), leo(90032, "B", 100.0, 10),
                    leo(90033, "C", 200.0, 10), leo(90034, "D", 300.0, 10)};
  ow_sgp4 m[4];
  init_models(es, m, 4);
  ow_screen_opts o;
  ow_screen_opts_default(&o, es[0].epoch_utc);
  o.span_day = 366.0;
  o.step_s = 1.0;
  o.chunk_steps = (size_t)40000000; /* 4 x 4e7 states: 8 GB */
  struct rlimit old, lim;
  getrlimit(RLIMIT_AS, &old);
  lim = old;
  lim.rlim_cur = (rlim_t)2 << 30; /* 2 GiB */
  setrlimit(RLIMIT_AS, &lim);
  ow_screen_result r;
  ow_err err;
  ow_err_clear(&err);
  int rc = ow_screen_run(es, m, 4, &o, &r, &err);
  setrlimit(RLIMIT_AS, &old);
  CHECK_EQ_INT(rc, OW_E_NOMEM);
  printf("out-of-memory message: %s\n", err.msg);
  CHECK(strstr(err.msg, "MiB") != NULL);
  CHECK(strstr(err.msg, "4 objects") != NULL);
  CHECK(strstr(err.msg, "shorter chunks") != NULL);
  CHECK_EQ_INT(r.n, 0);
#endif
}

int main(void)
{
  test_duplicates();
  test_epoch_far();
  test_progress();
  test_nomem_message();
  test_slow_pair_windows();
  test_slices_equal_run();
  test_dropped_warned();
  return check_done();
}
