/* test_status.c - ow_strerror, ow_status_name, ow_err formatting. */
#include "check.h"
#include "orbwatch/orbwatch.h"

static void test_strerror(void)
{
  CHECK_STR(ow_strerror(OW_OK), "success");
  CHECK_STR(ow_status_name(OW_E_PARSE), "E_PARSE");
  CHECK_STR(ow_strerror(12345), "unknown status");
  CHECK_EQ_INT(OW_E_SGP4_DECAYED, -106);
}

static void test_err_format(void)
{
  ow_err e;
  char buf[512];
  ow_err_clear(&e);
  snprintf(e.source, sizeof e.source, "sats.txt");
  e.line = 1042;
  CHECK_EQ_INT(ow_err_set(&e, OW_E_PARSE, "line 2 column 27-33",
                          "eccentricity \"%s\" is not a number", "12x4567"),
               OW_E_PARSE);
  CHECK_STR(ow_err_format(&e, buf, sizeof buf),
            "sats.txt:1042: line 2 column 27-33: eccentricity \"12x4567\" "
            "is not a number");
  CHECK_EQ_INT(ow_err_set(NULL, OW_E_RANGE, "x", "y"), OW_E_RANGE);
  ow_err_clear(&e);
  e.code = OW_E_NOMEM;
  CHECK_STR(ow_err_format(&e, buf, sizeof buf), "out of memory");
  CHECK_STR(ow_err_format(&e, buf, 4), "out");
}

int main(void)
{
  test_strerror();
  test_err_format();
  return check_done();
}
