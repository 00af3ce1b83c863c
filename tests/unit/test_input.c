/*
** test_input.c - the base layer's input path: the file reader
** (ow__file_read, ow__stream), the number parser (ow__num_real/int), the
** diagnostics list (ow_diag_list) and what the loaders built on them
** report (catalog, sensor network, EOP, ISO times, host TLEs).
**
** Expected values are published or constructed by hand: DBL_MAX, the least
** subnormal 4.9406564584124654e-324 (IEEE 754 binary64), line numbers and
** record counts of files written here.
*/
#include "check.h"
#include "file_int.h"
#include "num_int.h"
#include "orbwatch/orbwatch.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
  static char p[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
  return p[k];
}

static void write_file(const char *path, const char *text, size_t n)
{
  FILE *f = fopen(path, "wb");
  if (f == NULL)
    return;
  fwrite(text, 1, n, f);
  fclose(f);
}

/* An ow_err full of garbage, as an uninitialised stack variable may be. */
static void poison(ow_err *e)
{
  memset(e, 0xA5, sizeof *e);
  e->source[sizeof e->source - 1] = '\0';
  e->field[sizeof e->field - 1] = '\0';
  e->msg[sizeof e->msg - 1] = '\0';
}

/* Every byte of s printable ASCII. */
static int printable(const char *s)
{
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
      return 0;
  return 1;
}

static void test_num_real(void)
{
  double v;
  CHECK_EQ_INT(ow__num_real_z("1", 0, &v), OW_OK);
  CHECK(v == 1.0);
  CHECK_EQ_INT(ow__num_real_z("1.", 0, &v), OW_OK);
  CHECK(v == 1.0);
  CHECK_EQ_INT(ow__num_real_z(".5", 0, &v), OW_OK);
  CHECK(v == 0.5);
  CHECK_EQ_INT(ow__num_real_z("-0", 0, &v), OW_OK);
  CHECK(v == 0.0 && signbit(v));
  CHECK_EQ_INT(ow__num_real_z("+3e-2", 0, &v), OW_OK);
  CHECK(v == 0.03);
  CHECK_EQ_INT(ow__num_real_z("1e308", 0, &v), OW_OK);
  CHECK(v == 1e308);
  CHECK_EQ_INT(ow__num_real_z("1.7976931348623157e308", 0, &v), OW_OK);
  CHECK(v == DBL_MAX);
  CHECK_EQ_INT(ow__num_real_z("1e309", 0, &v), OW_E_RANGE);
  CHECK(v == 0.0);
  CHECK_EQ_INT(ow__num_real_z("-1e309", 0, &v), OW_E_RANGE);
  /* Subnormals are numbers; below the least one is a range error. */
  CHECK_EQ_INT(ow__num_real_z("4.9406564584124654e-324", 0, &v), OW_OK);
  CHECK(v > 0 && v < DBL_MIN && v == DBL_TRUE_MIN);
  CHECK_EQ_INT(ow__num_real_z("2.2250738585072009e-308", 0, &v), OW_OK);
  CHECK(v < DBL_MIN && v > 0);
  CHECK_EQ_INT(ow__num_real_z("1e-400", 0, &v), OW_E_RANGE);
  CHECK_EQ_INT(ow__num_real_z("0e-400", 0, &v), OW_OK);
  CHECK(v == 0.0);
  /* Correct rounding of a long mantissa (0.1 + 0.2 is not 0.3). */
  CHECK_EQ_INT(ow__num_real_z("0.30000000000000004", 0, &v), OW_OK);
  CHECK(v == 0.1 + 0.2);
  CHECK_EQ_INT(ow__num_real_z("123456789012345678901234567890", 0, &v),
               OW_OK);
  CHECK(v == 1.2345678901234568e29);
  static const char *bad[] = {"", " 1", "1 ", "1e", "1e+", ".", "-", "+.",
                              "0x10", "0X1p3", "1,5", "1_000", "inf", "nan",
                              "Infinity", "1..2", "1.2.3", "e5", "--1",
                              "1e5.0", "١"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    v = 42.0;
    int st = ow__num_real_z(bad[i], 0, &v);
    if (st != OW_E_PARSE)
      fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
    CHECK_EQ_INT(st, OW_E_PARSE);
    CHECK(v == 0.0);
  }
  CHECK_EQ_INT(ow__num_real_z("inf", OW__NUM_NONFINITE, &v), OW_OK);
  CHECK(isinf(v) && v > 0);
  CHECK_EQ_INT(ow__num_real_z("-INFINITY", OW__NUM_NONFINITE, &v), OW_OK);
  CHECK(isinf(v) && v < 0);
  CHECK_EQ_INT(ow__num_real_z("NaN", OW__NUM_NONFINITE, &v), OW_OK);
  CHECK(isnan(v));
  CHECK_EQ_INT(ow__num_real_z("0x10", OW__NUM_NONFINITE, &v), OW_E_PARSE);
  /* Counted text: only n bytes are read. */
  CHECK_EQ_INT(ow__num_real("2.5xyz", 3, 0, &v), OW_OK);
  CHECK(v == 2.5);
  /* Independent of LC_NUMERIC: a German locale writes "1,5". */
  if (setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL ||
      setlocale(LC_NUMERIC, "de_DE") != NULL) {
    CHECK_EQ_INT(ow__num_real_z("1.5", 0, &v), OW_OK);
    CHECK(v == 1.5);
    CHECK_EQ_INT(ow__num_real_z("1,5", 0, &v), OW_E_PARSE);
    CHECK_EQ_INT(ow__num_real_z("123456.789e-3", 0, &v), OW_OK);
    CHECK(v == 123.456789);
    setlocale(LC_NUMERIC, "C");
  } else {
    printf("note: no de_DE locale, the locale case is skipped\n");
  }
}

static void test_num_int(void)
{
  long long v;
  CHECK_EQ_INT(ow__num_int_z("42", 0, 100, &v), OW_OK);
  CHECK_EQ_INT(v, 42);
  CHECK_EQ_INT(ow__num_int_z("-7", -10, 10, &v), OW_OK);
  CHECK_EQ_INT(v, -7);
  CHECK_EQ_INT(ow__num_int_z("+7", 0, 10, &v), OW_OK);
  CHECK_EQ_INT(ow__num_int_z("101", 0, 100, &v), OW_E_RANGE);
  CHECK_EQ_INT(ow__num_int_z("9223372036854775807", 0, LLONG_MAX, &v),
               OW_OK);
  CHECK(v == LLONG_MAX);
  CHECK_EQ_INT(ow__num_int_z("-9223372036854775808", LLONG_MIN, 0, &v),
               OW_OK);
  CHECK(v == LLONG_MIN);
  CHECK_EQ_INT(ow__num_int_z("9223372036854775808", 0, LLONG_MAX, &v),
               OW_E_RANGE);
  CHECK_EQ_INT(ow__num_int_z("99999999999999999999999", 0, LLONG_MAX, &v),
               OW_E_RANGE);
  static const char *bad[] = {"", " 1", "1 ", "0x10", "1e3", "1.0", "-",
                              "+", "12a"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK_EQ_INT(ow__num_int_z(bad[i], LLONG_MIN, LLONG_MAX, &v),
                 OW_E_PARSE);
}

static void test_file_read(void)
{
  char *buf;
  size_t n;
  ow_err err;
  char msg[600];

  write_file(tmp_path("ten.txt"), "0123456789", 10);
  CHECK_EQ_INT(ow__file_read(tmp_path("ten.txt"), 100, &buf, &n, &err),
               OW_OK);
  CHECK_EQ_INT(n, 10);
  CHECK(buf != NULL && buf[10] == '\0' && memcmp(buf, "0123456789", 10) == 0);
  free(buf);
  /* The cap: a file one byte over is refused before it is read. */
  CHECK_EQ_INT(ow__file_read(tmp_path("ten.txt"), 10, &buf, &n, &err),
               OW_OK);
  free(buf);
  poison(&err);
  CHECK_EQ_INT(ow__file_read(tmp_path("ten.txt"), 9, &buf, &n, &err),
               OW_E_TOO_BIG);
  CHECK(buf == NULL && n == 0);
  CHECK(strstr(err.msg, "9 bytes") != NULL);
  CHECK_STR(err.source, tmp_path("ten.txt"));
  CHECK_EQ_INT(err.line, 0);

  poison(&err);
  CHECK_EQ_INT(ow__file_read(tmpdir, 1 << 20, &buf, &n, &err), OW_E_IO);
  CHECK(buf == NULL);
  CHECK_STR(err.msg, "is a directory");
  CHECK_EQ_INT(err.line, 0);
  poison(&err);
  CHECK_EQ_INT(ow__file_read("/dev/zero", 1 << 20, &buf, &n, &err), OW_E_IO);
  CHECK_STR(err.msg, "is a device");
  if (mkfifo(tmp_path("fifo"), 0600) == 0) {
    /* Must not block waiting for a writer. */
    poison(&err);
    CHECK_EQ_INT(ow__file_read(tmp_path("fifo"), 1 << 20, &buf, &n, &err),
                 OW_E_IO);
    CHECK(strncmp(err.msg, "is a FIFO", 9) == 0);
  }
  poison(&err);
  CHECK_EQ_INT(ow__file_read(tmp_path("missing"), 1 << 20, &buf, &n, &err),
               OW_E_IO);
  ow_err_format(&err, msg, sizeof msg);
  CHECK(strstr(msg, "cannot open: No such file or directory") != NULL);
  CHECK(printable(msg));
}

/* The stream keeps its window and counts lines across windows. */
static void test_stream(void)
{
  ow__stream s;
  ow_err err;
  char text[20000];
  size_t n = 0;
  for (int i = 0; i < 1000; i++)
    n += (size_t)snprintf(text + n, sizeof text - n, "line %04d\n", i + 1);
  write_file(tmp_path("lines.txt"), text, n);
  CHECK_EQ_INT(ow__stream_open(&s, tmp_path("lines.txt"), 4096, 8192, &err),
               OW_OK);
  long lines = 0;
  size_t total = 0;
  for (;;) {
    CHECK_EQ_INT(ow__stream_fill(&s, &err), OW_OK);
    size_t avail = s.end - s.pos;
    if (avail == 0)
      break;
    CHECK(avail <= 4096);
    /* The window's line number is the file's. */
    char want[16];
    snprintf(want, sizeof want, "line %04ld", s.line);
    CHECK(memcmp(s.buf + s.pos, want, 9) == 0);
    const char *nl = s.buf + s.pos + avail;
    while (nl > s.buf + s.pos && nl[-1] != '\n')
      nl--;
    size_t take = (size_t)(nl - (s.buf + s.pos));
    for (size_t i = 0; i < take; i++)
      lines += s.buf[s.pos + i] == '\n';
    total += take;
    ow__stream_take(&s, take);
  }
  CHECK_EQ_INT(lines, 1000);
  CHECK_EQ_INT(total, n);
  CHECK_EQ_INT(s.line, 1001);
  CHECK_EQ_INT(ow__stream_grow(&s), OW_OK);
  CHECK_EQ_INT(ow__stream_grow(&s), OW_E_TOO_BIG);
  ow__stream_close(&s);
  ow__stream_close(&s);
}

static void test_diag_list(void)
{
  ow_diag_list l;
  ow_err e;
  ow_diag_list_init(&l, 3);
  for (int i = 0; i < 1000; i++) {
    ow_err_clear(&e);
    ow_err_set(&e, i % 2 ? OW_W_CHECKSUM : OW_E_PARSE, "f", "problem %d", i);
    e.line = i + 1;
    ow_diag_list_add(&l, &e);
  }
  CHECK_EQ_INT(l.n, 3);
  CHECK_EQ_INT(l.total, 1000);
  CHECK_EQ_INT(l.errors, 500);
  CHECK_EQ_INT(l.warnings, 500);
  CHECK_EQ_INT(ow_diag_list_dropped(&l), 997);
  CHECK_EQ_INT(l.items[2].line, 3);
  CHECK_STR(l.items[1].msg, "problem 1");
  ow_diag_list_free(&l);
  ow_diag_list_free(NULL);
  /* A cap above the first allocation (64) grows. */
  ow_diag_list_init(&l, 200);
  for (int i = 0; i < 300; i++) {
    ow_err_clear(&e);
    ow_err_set(&e, OW_E_PARSE, "", "p%d", i);
    ow_diag_list_add(&l, &e);
  }
  CHECK_EQ_INT(l.n, 200);
  CHECK_STR(l.items[199].msg, "p199");
  CHECK_EQ_INT(ow_diag_list_dropped(&l), 100);
  ow_diag_list_free(&l);
}

static const char *ISS1 =
    "1 25544U 98067A   23282.71486326  .00020100  00000-0  35938-3 0  9998";
static const char *ISS2 =
    "2 25544  51.6410 121.2575 0005123  92.3190 358.8196 15.49983917419557";

/* The catalog loader: one message for a directory, capped problems with
** the right file lines across stream windows. */
static void test_catalog_load(void)
{
  ow_catalog cat;
  ow_diag_list l;
  ow_load_stats st;
  ow_catalog_init(&cat);
  ow_diag_list_init(&l, 20);
  CHECK_EQ_INT(ow_catalog_load_file(&cat, tmpdir, OW_FMT_AUTO, NULL,
                                    ow_diag_list_add, &l, &st),
               OW_E_IO);
  CHECK_EQ_INT(l.total, 1);
  CHECK_STR(l.items[0].msg, "is a directory");
  ow_diag_list_clear(&l);
  CHECK_EQ_INT(ow_catalog_load_file(&cat, tmp_path("missing"), OW_FMT_AUTO,
                                    NULL, ow_diag_list_add, &l, &st),
               OW_E_IO);
  CHECK_EQ_INT(l.total, 1);
  ow_diag_list_clear(&l);

  /* 30,000 records (about 4.4 MB, several 1 MiB windows), every 1000th
     with a bad eccentricity: each reported at its own file line. */
  size_t cap = 30000 * 150, n = 0;
  char *text = malloc(cap);
  CHECK(text != NULL);
  if (text == NULL)
    return;
  for (int i = 0; i < 30000; i++) {
    char l2[80];
    snprintf(l2, sizeof l2, "%s", ISS2);
    if (i % 1000 == 999)
      memcpy(l2 + 26, "12x4567", 7);
    n += (size_t)snprintf(text + n, cap - n, "SAT %d\n%s\n%s\n", i, ISS1, l2);
  }
  write_file(tmp_path("many.tle"), text, n);
  free(text);
  CHECK_EQ_INT(ow_catalog_load_file(&cat, tmp_path("many.tle"), OW_FMT_AUTO,
                                    NULL, ow_diag_list_add, &l, &st),
               OW_E_PARSE);
  CHECK_EQ_INT(st.loaded, 29970);
  CHECK_EQ_INT(st.rejected, 30);
  CHECK_EQ_INT(cat.n, 29970);
  CHECK_EQ_INT(l.total, 30);
  CHECK_EQ_INT(l.n, 20);
  for (size_t i = 0; i < l.n; i++)
    CHECK_EQ_INT(l.items[i].line, (long)(1000 * (i + 1)) * 3);
  ow_diag_list_free(&l);
  ow_catalog_free(&cat);
}

/* Four places that printed uninitialised memory as file and line. */
static void test_err_place(void)
{
  ow_err err;
  char msg[700];
  ow_eop *eop = NULL;
  ow_network net;
  ow_jd jd;
  ow_elset e;
  char bad1[80];

  write_file(tmp_path("empty.eop"), "", 0);
  poison(&err);
  CHECK_EQ_INT(ow_eop_load_file(&eop, tmp_path("empty.eop"), &err),
               OW_E_EMPTY);
  CHECK_EQ_INT(err.line, 0);
  CHECK_STR(err.source, tmp_path("empty.eop"));
  CHECK(printable(ow_err_format(&err, msg, sizeof msg)));

  poison(&err);
  CHECK_EQ_INT(ow_eop_load_file(&eop, tmpdir, &err), OW_E_IO);
  CHECK_EQ_INT(err.line, 0);
  CHECK_STR(err.msg, "is a directory");
  CHECK(printable(ow_err_format(&err, msg, sizeof msg)));

  poison(&err);
  CHECK(ow_time_parse_iso("2023-13-01", &jd, &err) < 0);
  CHECK_EQ_INT(err.line, 0);
  CHECK_STR(err.source, "");
  CHECK(printable(ow_err_format(&err, msg, sizeof msg)));

  /* A host TLE with a wrong checksum (as in a sensor file). */
  snprintf(bad1, sizeof bad1, "%s", ISS1);
  bad1[68] = '0';
  poison(&err);
  CHECK_EQ_INT(ow_tle_parse_lines(NULL, bad1, ISS2, NULL, &e, &err),
               OW_E_CHECKSUM);
  CHECK_EQ_INT(err.line, 0);
  CHECK_STR(err.source, "");
  CHECK(printable(ow_err_format(&err, msg, sizeof msg)));

  ow_network_init(&net);
  poison(&err);
  CHECK_EQ_INT(ow_network_load_file(&net, tmpdir, &err), OW_E_IO);
  CHECK_STR(err.msg, "is a directory");
  CHECK(printable(ow_err_format(&err, msg, sizeof msg)));
  ow_network_free(&net);
}

/* Sensor files: a key given twice and hexadecimal numbers are errors. */
static void test_sensor_strict(void)
{
  static const char dup[] = "[sensor]\ntype = radar\nname = R\n"
                            "lat_deg = 10\nlon_deg = 20\nlat_deg = 30\n";
  static const char hex[] = "[sensor]\ntype = radar\nname = R\n"
                            "lat_deg = 0x10\nlon_deg = 20\n";
  static const char hexmask[] = "[sensor]\ntype = radar\nname = R\n"
                                "lat_deg = 1\nlon_deg = 20\nmask = 0x10:5\n";
  static const char ok[] = "[sensor]\ntype = radar\nname = R\n"
                           "lat_deg = 10.5\nlon_deg = 20\n"
                           "mask = 0:5, 90 : 10.\n";
  ow_network net;
  ow_err err;
  ow_network_init(&net);
  CHECK_EQ_INT(ow_network_parse(&net, dup, strlen(dup), "d.cfg", &err),
               OW_E_PARSE);
  CHECK_EQ_INT(err.line, 6);
  CHECK_STR(err.field, "lat_deg");
  CHECK(strstr(err.msg, "twice (first on line 4)") != NULL);
  ow_network_free(&net);
  CHECK_EQ_INT(ow_network_parse(&net, hex, strlen(hex), "h.cfg", &err),
               OW_E_PARSE);
  CHECK_EQ_INT(err.line, 4);
  ow_network_free(&net);
  CHECK_EQ_INT(ow_network_parse(&net, hexmask, strlen(hexmask), "h.cfg",
                                &err),
               OW_E_PARSE);
  CHECK_EQ_INT(err.line, 6);
  ow_network_free(&net);
  CHECK_EQ_INT(ow_network_parse(&net, ok, strlen(ok), "ok.cfg", &err), OW_OK);
  CHECK_EQ_INT(net.n, 1);
  if (net.n == 1) {
    CHECK_NEAR(net.s[0].lat_rad, 10.5 * 3.14159265358979323846 / 180, 1e-15);
    CHECK_EQ_INT(net.s[0].n_mask, 2);
    CHECK_NEAR(net.s[0].mask_el_rad[1], 10 * 3.14159265358979323846 / 180,
               1e-15);
  }
  ow_network_free(&net);
}

int main(void)
{
  snprintf(tmpdir, sizeof tmpdir, "/tmp/ow_test_input_%ld", (long)getpid());
  mkdir(tmpdir, 0700);
  test_num_real();
  test_num_int();
  test_file_read();
  test_stream();
  test_diag_list();
  test_catalog_load();
  test_err_place();
  test_sensor_strict();
  const char *names[] = {"ten.txt", "fifo", "lines.txt", "many.tle",
                         "empty.eop"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    unlink(tmp_path(names[i]));
  rmdir(tmpdir);
  return check_done();
}
