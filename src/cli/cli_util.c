/*
** cli_util.c - option parsing, number lists and catalog loading shared by
** the subcommands. Everything here prints on stderr, never on stdout.
*/
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *cli_opt(int argc, char **argv, int *i, const char *name)
{
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0)
    return NULL;
  if (a[n] == '=')
    return a + n + 1;
  if (a[n] != '\0')
    return NULL;
  if (*i + 1 >= argc) {
    fprintf(stderr, "orbwatch: option %s needs a value\n", name);
    exit(OW_EXIT_USAGE);
  }
  *i += 1;
  return argv[*i];
}

int cli_flag(char **argv, int i, const char *name)
{
  return strcmp(argv[i], name) == 0;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "orbwatch %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, " (see orbwatch %s --help)\n", cmd);
  return OW_EXIT_USAGE;
}

/* Both through the library's number parser (strict, locale-free). */
int cli_parse_double(const char *s, double *out)
{
  double v;
  if (s == NULL || ow_parse_real(s, strlen(s), 0, &v) != OW_OK)
    return -1;
  *out = v;
  return 0;
}

int cli_parse_long(const char *s, long lo, long hi, long *out)
{
  long long v;
  if (s == NULL || ow_parse_int(s, strlen(s), lo, hi, &v) != OW_OK)
    return -1;
  *out = (long)v;
  return 0;
}

/* Split s on commas, calling fn on each (NUL-terminated) piece. */
static int split_commas(const char *s, int (*fn)(const char *, void *),
                        void *user)
{
  char *copy = strdup(s), *save = NULL;
  int rc = 0;
  if (copy == NULL)
    return -1;
  if (*copy == '\0')
    rc = -1;
  for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
       tok = strtok_r(NULL, ",", &save))
    rc = fn(tok, user);
  free(copy);
  return rc;
}

typedef struct {
  void *items;
  size_t n, cap, size;
} vec;

static void *vec_push(vec *v)
{
  if (v->n == v->cap) {
    size_t ncap = v->cap ? v->cap * 2 : 16;
    void *p = realloc(v->items, ncap * v->size);
    if (p == NULL)
      return NULL;
    v->items = p;
    v->cap = ncap;
  }
  return (char *)v->items + v->size * v->n++;
}

static int push_double(const char *tok, void *user)
{
  double d, *slot;
  if (cli_parse_double(tok, &d) != 0) {
    fprintf(stderr, "orbwatch: \"%s\" is not a number\n", tok);
    return -1;
  }
  slot = vec_push(user);
  if (slot == NULL)
    return -1;
  *slot = d;
  return 0;
}

int cli_parse_double_list(const char *s, double **out, size_t *n)
{
  vec v = {NULL, 0, 0, sizeof(double)};
  if (split_commas(s, push_double, &v) != 0) {
    free(v.items);
    return -1;
  }
  *out = v.items;
  *n = v.n;
  return 0;
}

static int push_iso(const char *tok, void *user)
{
  ow_jd jd, *slot;
  ow_err err;
  char buf[512];
  if (ow_time_parse_iso(tok, &jd, &err) < 0) {
    fprintf(stderr, "orbwatch: %s\n", ow_err_format(&err, buf, sizeof buf));
    return -1;
  }
  slot = vec_push(user);
  if (slot == NULL)
    return -1;
  *slot = jd;
  return 0;
}

int cli_parse_iso_list(const char *s, ow_jd **out, size_t *n)
{
  vec v = {NULL, 0, 0, sizeof(ow_jd)};
  if (split_commas(s, push_iso, &v) != 0) {
    free(v.items);
    return -1;
  }
  *out = v.items;
  *n = v.n;
  return 0;
}

/* One catalog number: digits (up to nine) or an Alpha-5 field. */
static int parse_one_id(const char *tok, uint32_t *out)
{
  size_t len = strlen(tok);
  int digits = len > 0 && len <= 9;
  for (size_t i = 0; i < len && digits; i++)
    digits = tok[i] >= '0' && tok[i] <= '9';
  if (digits) {
    long long v;
    if (ow_parse_int(tok, len, 0, 999999999LL, &v) == OW_OK) {
      *out = (uint32_t)v;
      return 0;
    }
  }
  if (len == 5 && ow_alpha5_decode(tok, out, NULL) == OW_OK)
    return 0;
  fprintf(stderr, "orbwatch: \"%s\" is not a catalog number\n", tok);
  return -1;
}

static int push_id_range(const char *tok, void *user)
{
  uint32_t lo, hi;
  const char *dash = strchr(tok, '-');
  if (dash == NULL) {
    if (parse_one_id(tok, &lo) != 0)
      return -1;
    hi = lo;
  } else {
    char first[32];
    size_t k = (size_t)(dash - tok);
    if (k == 0 || k >= sizeof first)
      return parse_one_id(tok, &lo);
    memcpy(first, tok, k);
    first[k] = '\0';
    if (parse_one_id(first, &lo) != 0 || parse_one_id(dash + 1, &hi) != 0)
      return -1;
    if (hi < lo || hi - lo > 10000000u) {
      fprintf(stderr, "orbwatch: bad catalog-number range \"%s\"\n", tok);
      return -1;
    }
  }
  for (uint64_t id = lo; id <= hi; id++) {
    uint32_t *slot = vec_push(user);
    if (slot == NULL)
      return -1;
    *slot = (uint32_t)id;
  }
  return 0;
}

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int cli_parse_ids(const char *s, uint32_t **out, size_t *n)
{
  vec v = {NULL, 0, 0, sizeof(uint32_t)};
  if (split_commas(s, push_id_range, &v) != 0) {
    free(v.items);
    return -1;
  }
  qsort(v.items, v.n, sizeof(uint32_t), cmp_u32);
  *out = v.items;
  *n = v.n;
  return 0;
}

int cli_ids_contain(const uint32_t *ids, size_t n, uint32_t norad)
{
  return bsearch(&norad, ids, n, sizeof *ids, cmp_u32) != NULL;
}

void cli_diag_print(void *user, const ow_err *diag)
{
  char buf[1024];
  (void)user;
  fprintf(stderr, "orbwatch: %s%s\n", diag->code > 0 ? "warning: " : "",
          ow_err_format(diag, buf, sizeof buf));
}

void cli_diag_list_print(const char *cmd, const char *path,
                         const ow_diag_list *list)
{
  for (size_t i = 0; i < list->n; i++)
    cli_diag_print(NULL, &list->items[i]);
  if (ow_diag_list_dropped(list) > 0) {
    char num[32];
    cli_group_thousands(ow_diag_list_dropped(list), num, sizeof num);
    fprintf(stderr, "orbwatch %s: ... and %s more problem%s in %s\n", cmd,
            num, ow_diag_list_dropped(list) == 1 ? "" : "s", path);
  }
}

void cli_group_thousands(size_t v, char *out, size_t n)
{
  char digits[32];
  int k = snprintf(digits, sizeof digits, "%zu", v), o = 0;
  for (int i = 0; i < k && (size_t)o + 2 < n; i++) {
    if (i > 0 && (k - i) % 3 == 0)
      out[o++] = ',';
    out[o++] = digits[i];
  }
  out[o] = '\0';
}

int cli_load_catalog(const char *cmd, const char *path, ow_format fmt,
                     const ow_read_opts *opts, ow_catalog *cat,
                     ow_load_stats *stats)
{
  ow_load_stats local;
  ow_diag_list list;
  if (stats == NULL)
    stats = &local;
  memset(stats, 0, sizeof *stats);
  /* Problems are printed after the load, at most OW_DIAG_KEEP_DEFAULT of
     them, then a count of the rest: a binary file given as a catalog makes
     one problem per "line". */
  ow_diag_list_init(&list, OW_DIAG_KEEP_DEFAULT);
  int rc = ow_catalog_load_file(cat, path, fmt, opts, ow_diag_list_add,
                                &list, stats);
  cli_diag_list_print(cmd, path, &list);
  ow_diag_list_free(&list);
  if (rc == OW_E_IO || rc == OW_E_TOO_BIG)
    return OW_EXIT_INPUT; /* the loader said why, with the path */
  if (rc == OW_E_NOMEM) {
    fprintf(stderr, "orbwatch %s: cannot read %s: %s\n", cmd, path,
            ow_strerror(rc));
    return OW_EXIT_INTERNAL;
  }
  if (stats->rejected > 0 || stats->loaded == 0)
    fprintf(stderr, "orbwatch %s: %s: loaded %zu records, rejected %zu\n",
            cmd, path, stats->loaded, stats->rejected);
  if (stats->loaded == 0)
    return OW_EXIT_INPUT;
  return stats->rejected > 0 ? OW_EXIT_PARTIAL : OW_EXIT_OK;
}

/* The library's 86400-s day arithmetic (astro/jd.c). */
ow_jd cli_jd_add_min(ow_jd jd, double minutes)
{
  return ow_jd_add_day(jd, minutes / 1440.0);
}

double cli_jd_diff_min(ow_jd b, ow_jd a)
{
  return ow_jd_diff_day(b, a) * 1440.0;
}

void cli_csv_text(FILE *f, const char *s)
{
  if (!strpbrk(s, ",\"\n")) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

void cli_json_text(FILE *f, const char *s)
{
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fprintf(f, "\\%c", *s);
    else if ((unsigned char)*s < 0x20)
      fprintf(f, "\\u%04x", *s);
    else
      fputc(*s, f);
  }
  fputc('"', f);
}

ow_jd cli_now_utc(void)
{
  time_t t = time(NULL);
  struct tm tm;
  ow_jd jd = {2440587.5, 0.0}; /* 1970-01-01 if the clock is unreadable */
  if (t != (time_t)-1 && gmtime_r(&t, &tm) != NULL)
    ow_time_from_calendar(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, (double)tm.tm_sec, &jd);
  return jd;
}
