/*
** test_bad_input.c - the corpus of malformed files in tests/data/bad: for
** each FILE there, FILE.expect holds the counts ("loaded N rejected N
** warnings N") and then every diagnostic, exactly, in order. The messages
** were checked by hand against the files (written for this test).
**
** Also huge inputs, generated here rather than committed: 200,000 TLEs
** with every 1000th broken, a 16 MB line without a line end, and a
** million blank lines.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#include <dirent.h>

typedef struct diag_log {
  char *text;
  size_t n, cap;
} diag_log;

static void log_diag(void *user, const ow_err *e)
{
  diag_log *l = user;
  char line[800];
  size_t k;
  ow_err_format(e, line, sizeof line);
  k = strlen(line);
  if (l->n + k + 2 > l->cap) {
    l->cap = (l->n + k + 2) * 2;
    l->text = realloc(l->text, l->cap);
  }
  memcpy(l->text + l->n, line, k);
  l->n += k;
  l->text[l->n++] = '\n';
  l->text[l->n] = '\0';
}

static void check_corpus(void)
{
  const char *dir = getenv("OW_TEST_DATA");
  char path[1024];
  DIR *d;
  struct dirent *de;
  int files = 0;
  snprintf(path, sizeof path, "%s/bad", dir ? dir : OW_TEST_DATA);
  d = opendir(path);
  CHECK(d != NULL);
  if (d == NULL)
    return;
  while ((de = readdir(d)) != NULL) {
    const char *name = de->d_name;
    size_t nl = strlen(name), len = 0, elen = 0;
    char file[1200], expect_path[1200], got_head[128];
    char *text, *expect;
    ow_catalog c;
    ow_load_stats st;
    diag_log log = {NULL, 0, 0};
    if (nl < 8 || strcmp(name + nl - 7, ".expect") != 0)
      continue;
    snprintf(expect_path, sizeof expect_path, "%s/%s", path, name);
    snprintf(file, sizeof file, "%s/%.*s", path, (int)(nl - 7), name);
    text = check_read_file(file, &len);
    expect = check_read_file(expect_path, &elen);
    CHECK(text != NULL && expect != NULL);
    if (text == NULL || expect == NULL) {
      free(text);
      free(expect);
      continue;
    }
    files++;
    ow_catalog_init(&c);
    log.cap = 1024;
    log.text = calloc(1, log.cap);
    ow_catalog_read(&c, text, len, OW_FMT_AUTO, file + strlen(path) + 1,
                    NULL, log_diag, &log, &st);
    snprintf(got_head, sizeof got_head, "loaded %zu rejected %zu warnings %zu\n",
             st.loaded, st.rejected, st.warnings);
    {
      size_t hl = strlen(got_head);
      char *all = malloc(hl + log.n + 1);
      memcpy(all, got_head, hl);
      memcpy(all + hl, log.text, log.n + 1);
      if (strcmp(all, expect) != 0)
        fprintf(stderr, "%s: got\n%s\nwant\n%s\n", file, all, expect);
      CHECK(strcmp(all, expect) == 0);
      free(all);
    }
    CHECK_EQ_INT(c.n, st.loaded);
    ow_catalog_free(&c);
    free(log.text);
    free(text);
    free(expect);
  }
  closedir(d);
  CHECK_EQ_INT(files, 17);
}

static void count_diag(void *user, const ow_err *e)
{
  (void)e;
  ++*(size_t *)user;
}

static void check_huge(void)
{
  static const char *L1 =
      "1 25544U 98067A   23282.71486326  .00020100  00000-0  35938-3 0  9998";
  static const char *L2 =
      "2 25544  51.6410 121.2575 0005123  92.3190 358.8196 15.49983917419557";
  const size_t N = 200000;
  size_t len = N * 140, pos = 0, ndiag = 0;
  char *buf = malloc(len + 1);
  ow_catalog c;
  ow_load_stats st;
  for (size_t i = 0; i < N; i++) {
    memcpy(buf + pos, L1, 69);
    buf[pos + 69] = '\n';
    memcpy(buf + pos + 70, L2, 69);
    if (i % 1000 == 999)
      buf[pos + 70 + 28] = 'x'; /* a letter in the eccentricity */
    buf[pos + 139] = '\n';
    pos += 140;
  }
  ow_catalog_init(&c);
  CHECK_EQ_INT(ow_catalog_read(&c, buf, len, OW_FMT_AUTO, "huge", NULL,
                               count_diag, &ndiag, &st),
               OW_E_PARSE);
  CHECK_EQ_INT(st.loaded, N - N / 1000);
  CHECK_EQ_INT(st.rejected, N / 1000);
  CHECK_EQ_INT(ndiag, N / 1000);
  ow_catalog_free(&c);
  free(buf);

  /* One 16 MB line of digits, no line end: one stray line. */
  len = 16u << 20;
  buf = malloc(len);
  memset(buf, '7', len);
  ndiag = 0;
  ow_catalog_init(&c);
  CHECK_EQ_INT(ow_catalog_read(&c, buf, len, OW_FMT_TLE, "long", NULL,
                               count_diag, &ndiag, &st),
               OW_E_PARSE);
  CHECK_EQ_INT(st.rejected, 1);
  CHECK_EQ_INT(ndiag, 1);
  /* The same as a KVN, JSON, CSV and XML: one problem each, no crash. */
  for (int f = OW_FMT_OMM_KVN; f <= OW_FMT_OMM_CSV; f++) {
    ndiag = 0;
    CHECK_EQ_INT(ow_catalog_read(&c, buf, len, (ow_format)f, "long", NULL,
                                 count_diag, &ndiag, &st) < 0, 1);
    CHECK_EQ_INT(c.n, 0);
  }
  ow_catalog_free(&c);
  free(buf);

  /* A million blank lines: nothing found, said once. */
  len = 1u << 20;
  buf = malloc(len);
  memset(buf, '\n', len);
  ndiag = 0;
  ow_catalog_init(&c);
  CHECK_EQ_INT(ow_catalog_read(&c, buf, len, OW_FMT_AUTO, "blank", NULL,
                               count_diag, &ndiag, &st),
               OW_E_EMPTY);
  CHECK_EQ_INT(ndiag, 1);
  ow_catalog_free(&c);
  free(buf);
}

int main(void)
{
  check_corpus();
  check_huge();
  return check_done();
}
