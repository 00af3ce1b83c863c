/*
** test_eop.c - finals2000A reader, interpolation, UTC -> UT1.
**
** Expected values are the printed numbers of the fixtures (IERS EOP C04
** via astropy, see tests/data/README.md), copied here by hand, and
** hand-computed interpolations of them.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

#define AS2R (3.14159265358979323846 / 648000.0)
#define TOL_S 1e-12
#define TOL_RAD 1e-15

static ow_jd mjd_to_jd(double mjd)
{
  ow_jd j;
  j.day = 2400000.5 + floor(mjd);
  j.frac = mjd - floor(mjd);
  return j;
}

static void test_fixture(void)
{
  ow_eop *eop = NULL;
  ow_err e;
  double d, x, y, m0, m1;
  size_t n;
  ow_jd ut1;
  CHECK_EQ_INT(ow_eop_load_file(&eop, OW_TEST_DATA "/finals2000A_2022-09.txt",
                                &e),
               OW_OK);
  CHECK(eop != NULL);
  CHECK_EQ_INT(ow_eop_span(eop, &m0, &m1, &n), OW_OK);
  CHECK_NEAR(m0, 59822.0, 0.0);
  CHECK_NEAR(m1, 59912.0, 0.0);
  CHECK_EQ_INT(n, 91); /* three date-only lines at the end are skipped */

  /* On a tabulated day: the printed values (2022-10-15, MJD 59867). */
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(59867.0), &d, &x, &y), OW_OK);
  CHECK_NEAR(d, -0.0051876, TOL_S);
  CHECK_NEAR(x, 0.254063 * AS2R, TOL_RAD);
  CHECK_NEAR(y, 0.230356 * AS2R, TOL_RAD);
  /* A quarter of the way from 59866 to 59867, linear. */
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(59866.25), &d, &x, &y), OW_OK);
  CHECK_NEAR(d, -0.0054362 + 0.25 * (-0.0051876 + 0.0054362), TOL_S);
  CHECK_NEAR(x, (0.256936 + 0.25 * (0.254063 - 0.256936)) * AS2R, TOL_RAD);
  CHECK_NEAR(y, (0.232102 + 0.25 * (0.230356 - 0.232102)) * AS2R, TOL_RAD);
  CHECK_EQ_INT(ow_utc_to_ut1(eop, mjd_to_jd(59866.25), &ut1), OW_OK);
  CHECK_NEAR(((ut1.day - 2459866.5) + (ut1.frac - 0.25)) * 86400.0,
             -0.0054362 + 0.25 * (-0.0051876 + 0.0054362), 1e-9);

  /* Outside: the edge values and a warning. */
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(59950.0), &d, &x, &y),
               OW_W_EOP_RANGE);
  CHECK_NEAR(d, -0.0192085, TOL_S);
  CHECK_NEAR(x, 0.149881 * AS2R, TOL_RAD);
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(59000.0), &d, &x, &y),
               OW_W_EOP_RANGE);
  CHECK_NEAR(d, -0.0136099, TOL_S);
  CHECK_NEAR(y, 0.332751 * AS2R, TOL_RAD);
  CHECK_EQ_INT(ow_utc_to_ut1(eop, mjd_to_jd(59000.0), &ut1), OW_W_EOP_RANGE);
  ow_eop_free(eop);

  /* NULL table: the documented default, UT1 = UTC and no polar motion. */
  d = x = y = 1.0;
  CHECK_EQ_INT(ow_eop_at(NULL, mjd_to_jd(59866.25), &d, &x, &y), OW_OK);
  CHECK(d == 0.0 && x == 0.0 && y == 0.0);
  CHECK_EQ_INT(ow_utc_to_ut1(NULL, mjd_to_jd(59866.25), &ut1), OW_OK);
  CHECK(ut1.day == 2459866.5 && fabs(ut1.frac - 0.25) < 1e-15);
  ow_eop_free(NULL);
}

static void test_leap(void)
{
  ow_eop *eop = NULL;
  double d, x, y;
  CHECK_EQ_INT(ow_eop_load_file(&eop, OW_TEST_DATA "/finals2000A_2016-12.txt",
                                NULL),
               OW_OK);
  /*
  ** UT1-UTC: -0.4077492 s on 2016-12-31 and +0.5912977 s on 2017-01-01,
  ** across the leap second. At noon of the 31st (TAI-UTC = 36 s) the
  ** interpolation runs on UT1-TAI: (d0 + d1 - 1) / 2, not (d0 + d1) / 2.
  */
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(57753.5), &d, &x, &y), OW_OK);
  CHECK_NEAR(d, (-0.4077492 + 0.5912977 - 1.0) / 2.0, TOL_S);
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(57754.0), &d, &x, &y), OW_OK);
  CHECK_NEAR(d, 0.5912977, TOL_S);
  CHECK_EQ_INT(ow_eop_at(eop, mjd_to_jd(57753.0), &d, &x, &y), OW_OK);
  CHECK_NEAR(d, -0.4077492, TOL_S);
  ow_eop_free(eop);
}

static const char good_line[] =
    "221014 59866.00 I  0.256936 0.000025  0.232102 0.000020  I-0.0054362 "
    "0.0000117 -0.1950 0.0063  I     0.280    0.075    -0.130    0.063";

static void check_bad(const char *text, int want, long want_line,
                      const char *want_field, const char *want_msg)
{
  ow_eop *eop = (ow_eop *)1;
  ow_err e;
  char buf[600];
  ow_err_clear(&e);
  CHECK_EQ_INT(ow_eop_parse(&eop, text, strlen(text), "bad.txt", &e), want);
  CHECK(eop == NULL);
  CHECK_EQ_INT(e.line, want_line);
  CHECK_STR(e.source, "bad.txt");
  ow_err_format(&e, buf, sizeof buf);
  CHECK(strstr(e.field, want_field) != NULL);
  CHECK(strstr(e.msg, want_msg) != NULL);
  if (strstr(e.field, want_field) == NULL || strstr(e.msg, want_msg) == NULL)
    fprintf(stderr, "  got: %s\n", buf);
}

static void test_bad(void)
{
  char t[1024];
  ow_eop *eop = NULL;
  ow_err e;
  /* The good line alone parses, with CRLF too. */
  snprintf(t, sizeof t, "%s\r\n", good_line);
  CHECK_EQ_INT(ow_eop_parse(&eop, t, strlen(t), "ok", NULL), OW_OK);
  ow_eop_free(eop);

  /* Letters in PM-y on the second line. */
  snprintf(t, sizeof t, "%s\n221015 59867.00 I  0.254063 0.000026  "
           "0.23O356%s\n", good_line, good_line + 46);
  check_bad(t, OW_E_PARSE, 2, "columns 38-46 (PM-y)", "\"0.23O356\"");
  snprintf(t, sizeof t, "%.58s-0.00543x2%s\n", good_line, good_line + 68);
  check_bad(t, OW_E_PARSE, 1, "columns 59-68 (UT1-UTC)", "\"-0.00543x2\"");
  snprintf(t, sizeof t, "%.18s nan     %s\n", good_line, good_line + 27);
  check_bad(t, OW_E_PARSE, 1, "columns 19-27 (PM-x)", "not a number");
  snprintf(t, sizeof t, "%.18s 0.25.936%s\n", good_line, good_line + 27);
  check_bad(t, OW_E_PARSE, 1, "columns 19-27", "not a number");
  snprintf(t, sizeof t, "%.50s\n", good_line);
  check_bad(t, OW_E_PARSE, 1, "columns 59-68", "line ends before");
  snprintf(t, sizeof t, "2210\n");
  check_bad(t, OW_E_PARSE, 1, "columns 1-15", "too short");
  snprintf(t, sizeof t, "221015%s\n", good_line + 6);
  check_bad(t, OW_E_PARSE, 1, "date and MJD", "does not match");
  snprintf(t, sizeof t, "%s\n%s\n", good_line, good_line);
  check_bad(t, OW_E_PARSE, 2, "MJD", "not after the previous");
  snprintf(t, sizeof t, "%s\n221015 59867.00\n%s\n", good_line, good_line);
  check_bad(t, OW_E_PARSE, 3, "values", "after the end");
  snprintf(t, sizeof t, "%.58s 1.5000000%s\n", good_line, good_line + 68);
  check_bad(t, OW_E_RANGE, 1, "UT1-UTC", "beyond 1 s");
  check_bad("", OW_E_EMPTY, 0, "", "no Earth-orientation records");
  check_bad("\n\n", OW_E_EMPTY, 0, "", "no Earth-orientation records");
  ow_err_clear(&e);
  CHECK_EQ_INT(ow_eop_load_file(&eop, OW_TEST_DATA "/no-such-file", &e),
               OW_E_IO);
  CHECK(eop == NULL);
}

int main(void)
{
  test_fixture();
  test_leap();
  test_bad();
  return check_done();
}
