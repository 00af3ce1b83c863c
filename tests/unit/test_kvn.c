/*
** test_kvn.c - the KVN tokenizer (src/lib/kvn.c): line ends, BOM, blanks
** around '=', units, words and data lines, NUL bytes and long lines, and
** that the buffer is left as it was.
*/
#include "check.h"
#include "kvn_int.h"

#include <stdlib.h>
#include <string.h>

static int next(ow__kvn *k, ow__kvn_line *l)
{
  ow_err e;
  ow_err_clear(&e);
  return ow__kvn_next(k, l, &e);
}

static int same(const char *p, size_t n, const char *want)
{
  return p != NULL && strlen(want) == n && memcmp(p, want, n) == 0;
}

static void test_kinds(void)
{
  static const char buf[] =
      "CCSDS_OMM_VERS = 3.0\n"
      "\n"
      "   \t \n"
      "COMMENT  a comment  \n"
      "COMMENT\n"
      "COMMENTARY = 1\n"
      "META_START\n"
      "2020-01-01T00:00:00 1.0 2.0 3.0\n"
      "MEAN_MOTION = 15.5 [rev/day]\n"
      "X = 1 [ km ]\n"
      "E = []\n"
      "OBJECT_NAME = STARLINK [DTC]\n"
      "K = 85.4 [\n"
      "  LEAD = padded  ";
  char copy[sizeof buf];
  ow__kvn k;
  ow__kvn_line l;
  memcpy(copy, buf, sizeof buf);
  ow__kvn_init(&k, buf, sizeof buf - 1);

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.line, 1);
  CHECK_EQ_INT(l.kind, OW__KVN_KEYVAL);
  CHECK(same(l.key, l.key_n, "CCSDS_OMM_VERS"));
  CHECK(same(l.val, l.val_n, "3.0"));
  CHECK(l.unit == NULL && l.unit_n == 0);
  CHECK(same(l.text, l.text_n, "CCSDS_OMM_VERS = 3.0"));
  CHECK(ow__kvn_key_is(&l, "CCSDS_OMM_VERS"));
  CHECK(!ow__kvn_key_is(&l, "CCSDS_OMM"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_BLANK);
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_BLANK);
  CHECK_EQ_INT(l.line, 3);

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_COMMENT);
  CHECK(same(l.val, l.val_n, "a comment"));
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_COMMENT);
  CHECK_EQ_INT(l.val_n, 0);

  /* COMMENTARY is a keyword, not a comment. */
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_KEYVAL);
  CHECK(same(l.key, l.key_n, "COMMENTARY"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_WORD);
  CHECK(same(l.key, l.key_n, "META_START"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_DATA);
  CHECK(l.key == NULL);
  CHECK(same(l.val, l.val_n, "2020-01-01T00:00:00 1.0 2.0 3.0"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(same(l.val, l.val_n, "15.5"));
  CHECK(same(l.unit, l.unit_n, "rev/day"));
  CHECK(same(l.raw, l.raw_n, "15.5 [rev/day]"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(same(l.val, l.val_n, "1"));
  CHECK(same(l.unit, l.unit_n, "km"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(l.unit != NULL && l.unit_n == 0);
  CHECK_EQ_INT(l.val_n, 0);

  /* The split is syntax only: a name in brackets comes out as a unit, and
     raw keeps it whole for the keywords that are text. */
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(same(l.val, l.val_n, "STARLINK"));
  CHECK(same(l.raw, l.raw_n, "STARLINK [DTC]"));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(l.unit == NULL);
  CHECK(same(l.val, l.val_n, "85.4 ["));

  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.line, 14);
  CHECK(same(l.key, l.key_n, "LEAD"));
  CHECK(same(l.val, l.val_n, "padded"));
  CHECK(same(l.text, l.text_n, "  LEAD = padded  "));

  CHECK_EQ_INT(next(&k, &l), 0);
  CHECK_EQ_INT(next(&k, &l), 0);
  CHECK(memcmp(copy, buf, sizeof buf) == 0);
}

/* 508.0-B-1 allows blanks either side of '=', or none. */
static void test_equals(void)
{
  static const char *const lines[] = {"KEY = value", "KEY =value",
                                      "KEY= value", "KEY=value",
                                      "KEY\t=\tvalue", "  KEY   =   value"};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    ow__kvn k;
    ow__kvn_line l;
    ow__kvn_init(&k, lines[i], strlen(lines[i]));
    CHECK_EQ_INT(next(&k, &l), 1);
    CHECK_EQ_INT(l.kind, OW__KVN_KEYVAL);
    CHECK(same(l.key, l.key_n, "KEY"));
    CHECK(same(l.val, l.val_n, "value"));
  }
  {
    /* Only the first '=' splits; an empty key is left to the caller. */
    ow__kvn k;
    ow__kvn_line l;
    ow__kvn_init(&k, "= a=b", 5);
    CHECK_EQ_INT(next(&k, &l), 1);
    CHECK_EQ_INT(l.kind, OW__KVN_KEYVAL);
    CHECK_EQ_INT(l.key_n, 0);
    CHECK(same(l.val, l.val_n, "a=b"));
  }
}

static void test_line_ends(void)
{
  /* LF, CR, CRLF, LFCR; then a blank line made by CRLF CRLF. */
  static const char buf[] = "A = 1\nB = 2\rC = 3\r\nD = 4\n\rE = 5\r\n\r\nF";
  static const char *const keys[] = {"A", "B", "C", "D", "E", NULL, "F"};
  ow__kvn k;
  ow__kvn_line l;
  ow__kvn_init(&k, buf, sizeof buf - 1);
  for (int i = 0; i < 7; i++) {
    CHECK_EQ_INT(next(&k, &l), 1);
    CHECK_EQ_INT(l.line, i + 1);
    if (keys[i] == NULL)
      CHECK_EQ_INT(l.kind, OW__KVN_BLANK);
    else
      CHECK(same(l.key, l.key_n, keys[i]));
  }
  CHECK_EQ_INT(l.kind, OW__KVN_WORD);
  CHECK_EQ_INT(next(&k, &l), 0);

  /* Empty buffer; buffer of one line end. */
  ow__kvn_init(&k, "", 0);
  CHECK_EQ_INT(next(&k, &l), 0);
  ow__kvn_init(&k, "\n", 1);
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.kind, OW__KVN_BLANK);
  CHECK_EQ_INT(next(&k, &l), 0);
}

static void test_bom(void)
{
  static const char buf[] = "\xEF\xBB\xBFKEY = 1\n\xEF\xBB\xBFKEY = 2\n";
  ow__kvn k;
  ow__kvn_line l;
  ow__kvn_init(&k, buf, sizeof buf - 1);
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(same(l.key, l.key_n, "KEY"));
  CHECK_EQ_INT(l.line, 1);
  /* Only at the start of the buffer: later it is part of the key. */
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK(!same(l.key, l.key_n, "KEY"));
  CHECK(!ow__kvn_is_keyword(l.key, l.key_n));
}

static void test_errors(void)
{
  static const char nul[] = "A = 1\nB = \0x\nC = 3\n";
  ow__kvn k;
  ow__kvn_line l;
  ow_err e;
  char *big;
  ow__kvn_init(&k, nul, sizeof nul - 1);
  CHECK_EQ_INT(next(&k, &l), 1);
  ow_err_clear(&e);
  CHECK_EQ_INT(ow__kvn_next(&k, &l, &e), OW_E_PARSE);
  CHECK_EQ_INT(e.line, 2);
  CHECK_EQ_INT(l.line, 2);
  CHECK(strstr(e.msg, "NUL") != NULL);
  CHECK(strstr(e.msg, "column 5") != NULL);
  /* It goes on after the bad line. */
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.line, 3);
  CHECK(same(l.key, l.key_n, "C"));
  /* NULL err is allowed. */
  ow__kvn_init(&k, nul + 6, 8);
  CHECK_EQ_INT(ow__kvn_next(&k, &l, NULL), OW_E_PARSE);

  big = malloc(3 * OW__KVN_LINE_MAX);
  CHECK(big != NULL);
  if (big == NULL)
    return;
  memset(big, 'x', 3 * OW__KVN_LINE_MAX);
  big[OW__KVN_LINE_MAX] = '\n'; /* line 1: exactly the limit */
  big[2 * OW__KVN_LINE_MAX + 2] = '\n'; /* line 2: one over */
  ow__kvn_init(&k, big, 3 * OW__KVN_LINE_MAX);
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.text_n, OW__KVN_LINE_MAX);
  ow_err_clear(&e);
  CHECK_EQ_INT(ow__kvn_next(&k, &l, &e), OW_E_PARSE);
  CHECK_EQ_INT(e.line, 2);
  CHECK(strstr(e.msg, "limit") != NULL);
  CHECK_EQ_INT(next(&k, &l), 1);
  CHECK_EQ_INT(l.line, 3);
  CHECK_EQ_INT(next(&k, &l), 0);
  free(big);
}

static void test_keyword(void)
{
  CHECK(ow__kvn_is_keyword("META_START", 10));
  CHECK(ow__kvn_is_keyword("X", 1));
  CHECK(ow__kvn_is_keyword("CR_R2", 5));
  CHECK(!ow__kvn_is_keyword("", 0));
  CHECK(!ow__kvn_is_keyword("_X", 2));
  CHECK(!ow__kvn_is_keyword("1X", 2));
  CHECK(!ow__kvn_is_keyword("meta_start", 10));
  CHECK(!ow__kvn_is_keyword("META START", 10));
}

int main(void)
{
  test_kinds();
  test_equals();
  test_line_ends();
  test_bom();
  test_errors();
  test_keyword();
  return check_done();
}
