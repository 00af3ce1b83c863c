/*
** test_intldes.c - the one international-designator conversion, both ways
** (ow_object_id_to_cospar, ow_object_id_to_tle, ow_object_id_cospar).
** Expected spellings: COSPAR designators of real launches (Sputnik 1's
** rocket 1957-001A, Vanguard 1 1958-002B, the ISS's Zarya 1998-067A,
** Starlink pieces of 2019-074 with two-letter pieces, Fengyun-1C debris
** 1999-025AAA-style three-letter pieces), and the century rule of the TLE
** format (57-99 -> 19xx, 00-56 -> 20xx).
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

static void cospar(const char *in, int want_st, const char *want)
{
  char out[32];
  int st = ow_object_id_to_cospar(in, out, sizeof out);
  if (st != want_st)
    fprintf(stderr, "  to_cospar(\"%s\")\n", in);
  CHECK_EQ_INT(st, want_st);
  CHECK_STR(out, want);
}

static void tle(const char *in, int want_st, const char *want)
{
  char out[32];
  int st = ow_object_id_to_tle(in, out, sizeof out);
  if (st != want_st)
    fprintf(stderr, "  to_tle(\"%s\")\n", in);
  CHECK_EQ_INT(st, want_st);
  CHECK_STR(out, want);
}

int main(void)
{
  cospar("98067A", OW_OK, "1998-067A");
  cospar("57001A", OW_OK, "1957-001A");
  cospar("58002B", OW_OK, "1958-002B");
  cospar("99025AAA", OW_OK, "1999-025AAA");
  cospar("00001A", OW_OK, "2000-001A");
  cospar("19074BC", OW_OK, "2019-074BC");
  cospar("56999Z", OW_OK, "2056-999Z");
  cospar("98067A  ", OW_OK, "1998-067A"); /* TLE columns blank-padded */
  cospar("  1998-067a", OW_OK, "1998-067A");
  cospar("2023-155ZZZ", OW_OK, "2023-155ZZZ");
  cospar("", OW_E_PARSE, "");
  cospar("UNKNOWN", OW_E_PARSE, "");
  cospar("98067", OW_E_PARSE, "");       /* no piece */
  cospar("98067ABCD", OW_E_PARSE, "");   /* four letters */
  cospar("98000A", OW_E_PARSE, "");      /* launch 000 */
  cospar("1998-67A", OW_E_PARSE, "");
  cospar("1998-067-A", OW_E_PARSE, "");
  cospar("98 067A", OW_E_PARSE, "");
  cospar("1956-001A", OW_E_PARSE, "");   /* before the first launch */

  tle("1998-067A", OW_OK, "98067A");
  tle("1957-001A", OW_OK, "57001A");
  tle("2000-001A", OW_OK, "00001A");
  tle("2056-999ZZZ", OW_OK, "56999ZZZ");
  tle("2019-074bc", OW_OK, "19074BC");
  tle("98067A", OW_OK, "98067A");
  tle("2057-001A", OW_E_RANGE, "");      /* would read back as 1957 */
  tle("1956-001A", OW_E_RANGE, "");
  tle("garbage", OW_E_PARSE, "");

  /* Round trips over every century-rule year and piece length. */
  for (int y = 1957; y <= 2056; y++) {
    const char *pieces[] = {"A", "BC", "XYZ"};
    for (int k = 0; k < 3; k++) {
      char c[32], t[32], back[32];
      snprintf(c, sizeof c, "%04d-%03d%s", y, (y * 7) % 999 + 1, pieces[k]);
      CHECK_EQ_INT(ow_object_id_to_tle(c, t, sizeof t), OW_OK);
      CHECK_EQ_INT(ow_object_id_to_cospar(t, back, sizeof back), OW_OK);
      CHECK_STR(back, c);
    }
  }
  /* Too small an output buffer. */
  char small[6];
  CHECK_EQ_INT(ow_object_id_to_cospar("98067A", small, sizeof small),
               OW_E_TOO_BIG);
  CHECK_STR(small, "");
  /* The lenient form copies non-designators. */
  char out[32];
  ow_object_id_cospar("UNKNOWN", out, sizeof out);
  CHECK_STR(out, "UNKNOWN");
  ow_object_id_cospar("98067A", out, sizeof out);
  CHECK_STR(out, "1998-067A");
  return check_done();
}
