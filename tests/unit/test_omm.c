/*
** test_omm.c - OMM in KVN, XML, JSON and CSV: the samples of
** ../shared/data/sgp4-ver, catalog round trips through every encoding,
** OMM -> TLE -> OMM, nine-digit catalog numbers, Space-Track's strings,
** and the diagnostics of each reader.
**
** Expected values are the digits of the sample files (read by eye), or the
** original TLE text for the round trips.
*/
#include "check.h"
#include "orbwatch/orbwatch.h"

static char last_diag[700];
static int ndiag;

static void keep_diag(void *user, const ow_err *e)
{
  (void)user;
  ndiag++;
  ow_err_format(e, last_diag, sizeof last_diag);
}

static const char *shared(const char *rel, char *buf, size_t n)
{
  snprintf(buf, n, "%s/%s", check_shared_dir(), rel);
  return buf;
}

/* Read a buffer; returns the status, the catalog holds what loaded. */
static int read_buf(ow_catalog *c, const char *text, ow_format f,
                    ow_load_stats *st)
{
  ow_catalog_init(c);
  ndiag = 0;
  last_diag[0] = '\0';
  return ow_catalog_read(c, text, strlen(text), f, "t", NULL, keep_diag,
                         NULL, st);
}

static void test_samples(void)
{
  static const char *files[] = {"sgp4-ver/sample_omm.csv",
                                "sgp4-ver/sample_omm.xml",
                                "sgp4-ver/sample_omm.json"};
  static const ow_format fmts[] = {OW_FMT_OMM_CSV, OW_FMT_OMM_XML,
                                   OW_FMT_OMM_JSON};
  for (int i = 0; i < 3; i++) {
    char path[1024], *text;
    size_t len;
    ow_catalog c;
    ow_load_stats st;
    const ow_elset *e;
    text = check_read_file(shared(files[i], path, sizeof path), &len);
    CHECK(text != NULL);
    if (text == NULL)
      continue;
    CHECK_EQ_INT(ow_format_detect(text, len), fmts[i]);
    ow_catalog_init(&c);
    CHECK_EQ_INT(ow_catalog_load_file(&c, path, OW_FMT_AUTO, NULL, keep_diag,
                                      NULL, &st),
                 OW_OK);
    CHECK_EQ_INT(c.n, 1);
    e = &c.items[0];
    CHECK_EQ_INT(e->norad, 5);
    CHECK_STR(e->name, "VANGUARD 1");
    CHECK_STR(e->object_id, "1958-002B");
    CHECK_EQ_INT(e->classification, 'U');
    CHECK_EQ_INT(e->element_set_no, 999);
    CHECK_EQ_INT(e->ephemeris_type, 0);
    if (i < 2) {
      /* 2020-10-13T04:52:48.472320: day 287, 17568.472320 s of 86400 s
         = 0.2033388 of the day exactly. */
      CHECK_EQ_INT(e->epoch_utc.day == 2459135.5, 1);
      CHECK_EQ_INT(e->epoch_utc.frac == 0.2033388, 1);
      CHECK_EQ_INT(e->epoch_year, 2020);
      CHECK_EQ_INT(e->n_rev_day == 10.84869164, 1);
      CHECK_EQ_INT(e->ecc == 0.1845686, 1);
      CHECK_EQ_INT(e->incl_deg == 34.2443, 1);
      CHECK_EQ_INT(e->raan_deg == 225.5254, 1);
      CHECK_EQ_INT(e->argp_deg == 162.2516, 1);
      CHECK_EQ_INT(e->mean_anom_deg == 205.2356, 1);
      CHECK_EQ_INT(e->rev_at_epoch, 21814);
      CHECK_EQ_INT(e->bstar_per_er == -0.22483e-4, 1);
      CHECK_EQ_INT(e->ndot_rev_day2 == -1.6e-7, 1);
      CHECK_EQ_INT(e->nddot_rev_day3 == 0.0, 1);
    } else {
      CHECK_EQ_INT(e->epoch_utc.day == 2460720.5, 1); /* 2025-02-14 */
      CHECK_EQ_INT(e->n_rev_day == 10.85873516, 1);
      CHECK_EQ_INT(e->bstar_per_er == 0.00035436, 1);
      CHECK_EQ_INT(e->ndot_rev_day2 == 2.64e-6, 1);
      CHECK_EQ_INT(e->rev_at_epoch, 39027);
    }
    /* OMM -> TLE -> OMM keeps every value (these came from TLEs). */
    {
      char l0[OW_TLE_LINE_BUF], l1[OW_TLE_LINE_BUF], l2[OW_TLE_LINE_BUF];
      ow_elset back;
      CHECK_EQ_INT(ow_tle_format(e, l0, l1, l2, NULL), OW_OK);
      CHECK_STR(l0, "0 VANGUARD 1");
      if (i < 2) {
        /* python-sgp4's exporter gives the same lines from this OMM. */
        CHECK_STR(l1, "1 00005U 58002B   20287.20333880 -.00000016  00000-0 "
                      "-22483-4 0  9998");
        CHECK_STR(l2, "2 00005  34.2443 225.5254 1845686 162.2516 205.2356 "
                      "10.84869164218149");
      }
      CHECK_EQ_INT(ow_tle_parse_lines(l0, l1, l2, NULL, &back, NULL), OW_OK);
      CHECK_EQ_INT(back.epoch_utc.day == e->epoch_utc.day, 1);
      CHECK_EQ_INT(back.epoch_utc.frac == e->epoch_utc.frac, 1);
      CHECK_EQ_INT(back.n_rev_day == e->n_rev_day, 1);
      CHECK_EQ_INT(back.ecc == e->ecc, 1);
      CHECK_EQ_INT(back.incl_deg == e->incl_deg, 1);
      CHECK_EQ_INT(back.raan_deg == e->raan_deg, 1);
      CHECK_EQ_INT(back.argp_deg == e->argp_deg, 1);
      CHECK_EQ_INT(back.mean_anom_deg == e->mean_anom_deg, 1);
      CHECK_EQ_INT(back.bstar_per_er == e->bstar_per_er, 1);
      CHECK_EQ_INT(back.ndot_rev_day2 == e->ndot_rev_day2, 1);
      CHECK_EQ_INT(back.nddot_rev_day3 == e->nddot_rev_day3, 1);
      CHECK_EQ_INT(back.rev_at_epoch, e->rev_at_epoch);
      CHECK_EQ_INT(back.element_set_no, e->element_set_no);
      CHECK_EQ_INT(back.norad, e->norad);
      CHECK_STR(back.name, e->name);
    }
    ow_catalog_free(&c);
    free(text);
  }
}

/* Every value of a and b identical (hints aside). */
static int same_elset(const ow_elset *a, const ow_elset *b)
{
  return a->norad == b->norad && strcmp(a->name, b->name) == 0 &&
         a->classification == b->classification &&
         a->epoch_utc.day == b->epoch_utc.day &&
         a->epoch_utc.frac == b->epoch_utc.frac &&
         a->ndot_rev_day2 == b->ndot_rev_day2 &&
         a->nddot_rev_day3 == b->nddot_rev_day3 &&
         a->bstar_per_er == b->bstar_per_er && a->incl_deg == b->incl_deg &&
         a->raan_deg == b->raan_deg && a->ecc == b->ecc &&
         a->argp_deg == b->argp_deg && a->mean_anom_deg == b->mean_anom_deg &&
         a->n_rev_day == b->n_rev_day && a->rev_at_epoch == b->rev_at_epoch &&
         a->element_set_no == b->element_set_no &&
         a->ephemeris_type == b->ephemeris_type;
}

/*
** TLE -> OMM (each encoding) -> TLE: the TLE text must come back byte for
** byte (layout hints carried over, since OMM has no place for them), and
** the values must be identical.
*/
/* Creation date given to the writers: 2026-01-01T00:00:00 UTC. */
static const ow_jd CREATED = {2461041.5, 0.0};

static void test_catalog_roundtrip(const char *rel, size_t expect)
{
  static const ow_format fmts[] = {OW_FMT_OMM_KVN, OW_FMT_OMM_XML,
                                   OW_FMT_OMM_JSON, OW_FMT_OMM_CSV};
  char path[1024];
  ow_catalog c;
  ow_load_stats st;
  ow_catalog_init(&c);
  CHECK_EQ_INT(ow_catalog_load_file(&c, shared(rel, path, sizeof path),
                                    OW_FMT_TLE, NULL, NULL, NULL, &st),
               OW_OK);
  CHECK_EQ_INT(c.n, expect);
  for (int f = 0; f < 4; f++) {
    char *text = NULL;
    size_t len = 0, bad_tle = 0, bad_val = 0;
    ow_catalog back;
    CHECK_EQ_INT(ow_catalog_write(c.items, c.n, fmts[f], CREATED, &text,
                                  &len, keep_diag, NULL),
                 OW_OK);
    CHECK_EQ_INT(ow_format_detect(text, len), fmts[f]);
    ow_catalog_init(&back);
    CHECK_EQ_INT(ow_catalog_read(&back, text, len, OW_FMT_AUTO, "mem", NULL,
                                 keep_diag, NULL, &st),
                 OW_OK);
    CHECK_EQ_INT(back.n, c.n);
    for (size_t i = 0; i < back.n && i < c.n; i++) {
      char a0[OW_TLE_LINE_BUF], a1[OW_TLE_LINE_BUF], a2[OW_TLE_LINE_BUF];
      char b0[OW_TLE_LINE_BUF], b1[OW_TLE_LINE_BUF], b2[OW_TLE_LINE_BUF];
      ow_elset e = back.items[i];
      if (!same_elset(&e, &c.items[i]))
        bad_val++;
      e.tle_hints = c.items[i].tle_hints;
      ow_tle_format(&c.items[i], a0, a1, a2, NULL);
      ow_tle_format(&e, b0, b1, b2, NULL);
      if (strcmp(a0, b0) || strcmp(a1, b1) || strcmp(a2, b2)) {
        if (bad_tle++ < 3)
          fprintf(stderr, "%s via %s:\n %s\n %s\n %s\n %s\n", rel,
                  ow_format_name(fmts[f]), a1, a2, b1, b2);
      }
    }
    CHECK_EQ_INT(bad_val, 0);
    CHECK_EQ_INT(bad_tle, 0);
    ow_catalog_free(&back);
    free(text);
  }
  ow_catalog_free(&c);
}

static void test_nine_digits(void)
{
  /* Space-Track style: every value a string, a nine-digit number. */
  const char *json =
      "[{\"CCSDS_OMM_VERS\":\"3.0\",\"OBJECT_NAME\":\"TEST SAT\","
      "\"OBJECT_ID\":\"2026-999A\",\"EPOCH\":\"2026-06-10T12:00:00.000000\","
      "\"MEAN_MOTION\":\"15.00000000\",\"ECCENTRICITY\":\"0.00010000\","
      "\"INCLINATION\":\"53.0000\",\"RA_OF_ASC_NODE\":\"10.0000\","
      "\"ARG_OF_PERICENTER\":\"20.0000\",\"MEAN_ANOMALY\":\"30.0000\","
      "\"EPHEMERIS_TYPE\":\"0\",\"CLASSIFICATION_TYPE\":\"U\","
      "\"NORAD_CAT_ID\":\"123456789\",\"ELEMENT_SET_NO\":\"999\","
      "\"REV_AT_EPOCH\":\"12\",\"BSTAR\":\"0.00010000000000\","
      "\"MEAN_MOTION_DOT\":\"0.00001000\",\"MEAN_MOTION_DDOT\":"
      "\"0.0000000000000\",\"DECAY_DATE\":null,\"PERIOD\":\"96.000\"}]";
  ow_catalog c;
  ow_load_stats st;
  char *text = NULL;
  size_t len;
  CHECK_EQ_INT(read_buf(&c, json, OW_FMT_AUTO, &st), OW_OK);
  CHECK_EQ_INT(c.n, 1);
  CHECK_EQ_INT(c.items[0].norad, 123456789);
  CHECK_EQ_INT(c.items[0].n_rev_day == 15.0, 1);
  CHECK_EQ_INT(c.items[0].epoch_utc.frac == 0.5, 1);
  /* TLE cannot hold it: the writer refuses, says why, writes the rest. */
  ndiag = 0;
  CHECK_EQ_INT(ow_catalog_write(c.items, c.n, OW_FMT_TLE, CREATED, &text,
                                &len, keep_diag, NULL),
               OW_E_TOO_BIG);
  CHECK_EQ_INT(ndiag, 1);
  CHECK_STR(last_diag, "record 1: NORAD_CAT_ID: catalog number 123456789 "
                       "is above 339999 (Z9999), the largest a TLE can "
                       "hold; write it as OMM");
  CHECK_EQ_INT(len, 0);
  free(text);
  /* Every OMM encoding keeps it. */
  for (int f = OW_FMT_OMM_KVN; f <= OW_FMT_OMM_CSV; f++) {
    ow_catalog b;
    CHECK_EQ_INT(ow_catalog_write(c.items, c.n, (ow_format)f, CREATED, &text,
                                  &len, NULL, NULL),
                 OW_OK);
    CHECK_EQ_INT(read_buf(&b, text, OW_FMT_AUTO, &st), OW_OK);
    CHECK_EQ_INT(b.n, 1);
    if (b.n == 1)
      CHECK_EQ_INT(same_elset(&b.items[0], &c.items[0]), 1);
    ow_catalog_free(&b);
    free(text);
  }
  /* Alpha-5 up to Z9999. */
  c.items[0].norad = 339999;
  {
    char l0[OW_TLE_LINE_BUF], l1[OW_TLE_LINE_BUF], l2[OW_TLE_LINE_BUF];
    CHECK_EQ_INT(ow_tle_format(&c.items[0], l0, l1, l2, NULL), OW_OK);
    CHECK_STR(l1, "1 Z9999U 26999A   26161.50000000  .00001000  00000-0 "
                  " 10000-3 0  9997");
    c.items[0].norad = 340000;
    CHECK_EQ_INT(ow_tle_format(&c.items[0], l0, l1, l2, NULL), OW_E_TOO_BIG);
  }
  ow_catalog_free(&c);
}

static const char *KVN_OK =
    "CCSDS_OMM_VERS = 3.0\n"
    "COMMENT a comment\n"
    "CREATION_DATE = 2026-06-10T00:00:00\n"
    "ORIGINATOR = TEST\n"
    "\n"
    "OBJECT_NAME = TEST SAT\n"
    "OBJECT_ID = 2026-999A\n"
    "CENTER_NAME = EARTH\n"
    "REF_FRAME = TEME\n"
    "TIME_SYSTEM = UTC\n"
    "MEAN_ELEMENT_THEORY = SGP4\n"
    "EPOCH = 2026-161T12:00:00Z\n"
    "MEAN_MOTION = 15.0 [rev/day]\n"
    "ECCENTRICITY = .0001\n"
    "INCLINATION = 53 [deg]\n"
    "RA_OF_ASC_NODE = 10\n"
    "ARG_OF_PERICENTER = 20\n"
    "MEAN_ANOMALY = 30\n"
    "NORAD_CAT_ID = 99999\n"
    "BSTAR = 1E-4 [1/ER]\n"
    "MEAN_MOTION_DOT = 1.0e-5\n"
    "MEAN_MOTION_DDOT = 0\n"
    "USER_DEFINED_X = whatever\n";

static void expect_kvn(const char *from, const char *to, int code,
                       const char *diag)
{
  char buf[2048];
  const char *at = strstr(KVN_OK, from);
  ow_catalog c;
  ow_load_stats st;
  snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - KVN_OK), KVN_OK, to,
           at + strlen(from));
  CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_OMM_KVN, &st), code);
  CHECK_STR(last_diag, diag);
  ow_catalog_free(&c);
}

/*
** The writers take their creation date from the caller: with a fixed one
** the bytes are fixed. SGP4-VER's 00005 (Vanguard 1) written as KVN and
** XML, compared with the text expected from its TLE fields (epoch 00179.
** 78495062 = 2000-06-27 (day 179 of a leap year) + 67819.733568 s =
** 18:50:19.733568; B* 28098-4 = 2.8098e-05; ndot .00000023 = 2.3e-07).
*/
static void test_creation_date(void)
{
  static const char want_kvn[] =
      "CCSDS_OMM_VERS = 3.0\n"
      "CREATION_DATE = 2026-01-01T12:34:56\n"
      "ORIGINATOR = ORBWATCH\n"
      "\n"
      "OBJECT_NAME         = VANGUARD 1\n"
      "OBJECT_ID           = 1958-002B\n"
      "CENTER_NAME         = EARTH\n"
      "REF_FRAME           = TEME\n"
      "TIME_SYSTEM         = UTC\n"
      "MEAN_ELEMENT_THEORY = SGP4\n"
      "\n"
      "EPOCH               = 2000-06-27T18:50:19.733568\n"
      "MEAN_MOTION         = 10.82419157 [rev/day]\n"
      "ECCENTRICITY        = 0.1859667\n"
      "INCLINATION         = 34.2682 [deg]\n"
      "RA_OF_ASC_NODE      = 348.7242 [deg]\n"
      "ARG_OF_PERICENTER   = 331.7664 [deg]\n"
      "MEAN_ANOMALY        = 19.3264 [deg]\n"
      "EPHEMERIS_TYPE      = 0\n"
      "CLASSIFICATION_TYPE = U\n"
      "NORAD_CAT_ID        = 5\n"
      "ELEMENT_SET_NO      = 475\n"
      "REV_AT_EPOCH        = 41366\n"
      "BSTAR               = 2.8098e-05 [1/ER]\n"
      "MEAN_MOTION_DOT     = 2.3e-07 [rev/day**2]\n"
      "MEAN_MOTION_DDOT    = 0 [rev/day**3]\n";
  ow_elset e;
  ow_err err;
  char *text = NULL;
  size_t len = 0;
  ow_jd at;
  /* 2026-01-01T12:34:56 UTC: JD 2461041.5 + 45296 s / 86400 s. */
  at.day = 2461041.5;
  at.frac = 45296.0 / 86400.0;
  CHECK_EQ_INT(ow_tle_parse_lines(
                   "VANGUARD 1",
                   "1 00005U 58002B   00179.78495062  .00000023  00000-0  "
                   "28098-4 0  4753",
                   "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 "
                   "10.82419157413667",
                   NULL, &e, &err),
               OW_OK);
  CHECK_EQ_INT(ow_catalog_write(&e, 1, OW_FMT_OMM_KVN, at, &text, &len, NULL,
                                NULL),
               OW_OK);
  CHECK_STR(text, want_kvn);
  CHECK_EQ_INT(len, sizeof want_kvn - 1);
  free(text);
  CHECK_EQ_INT(ow_catalog_write(&e, 1, OW_FMT_OMM_XML, at, &text, &len, NULL,
                                NULL),
               OW_OK);
  CHECK(text != NULL &&
        strstr(text, "<CREATION_DATE>2026-01-01T12:34:56</CREATION_DATE>") !=
            NULL);
  free(text);
  /* A creation date that is no date is refused, nothing written. */
  at.day = NAN;
  CHECK_EQ_INT(ow_catalog_write(&e, 1, OW_FMT_OMM_KVN, at, &text, &len, NULL,
                                NULL),
               OW_E_ARG);
  CHECK(text == NULL);
  /* Formats without a creation date do not need one. */
  CHECK_EQ_INT(ow_catalog_write(&e, 1, OW_FMT_OMM_JSON, at, &text, &len,
                                NULL, NULL),
               OW_OK);
  free(text);
}

static void test_kvn(void)
{
  ow_catalog c;
  ow_load_stats st;
  char two[4096];
  CHECK_EQ_INT(read_buf(&c, KVN_OK, OW_FMT_AUTO, &st), OW_OK);
  CHECK_EQ_INT(c.n, 1);
  CHECK_EQ_INT(c.items[0].epoch_utc.day == 2461201.5, 1); /* 2026-06-10 */
  CHECK_EQ_INT(c.items[0].incl_deg == 53.0, 1);
  CHECK_EQ_INT(c.items[0].bstar_per_er == 1e-4, 1);
  ow_catalog_free(&c);

  expect_kvn("ECCENTRICITY = .0001", "ECCENTRICITY = 12x4567", OW_E_PARSE,
             "t:14: ECCENTRICITY: ECCENTRICITY \"12x4567\" is not a number");
  expect_kvn("ECCENTRICITY = .0001", "ECCENTRICITY = 1.0", OW_E_PARSE,
             "t:14: ECCENTRICITY: ECCENTRICITY \"1.0\" is not in [0,1)");
  expect_kvn("INCLINATION = 53", "INCLINATION = NaN", OW_E_PARSE,
             "t:15: INCLINATION: INCLINATION \"NaN\" is not a number");
  expect_kvn("MEAN_MOTION = 15.0", "MEAN_MOTION = -15.0", OW_E_PARSE,
             "t:13: MEAN_MOTION: MEAN_MOTION \"-15.0\" is not positive");
  expect_kvn("NORAD_CAT_ID = 99999", "NORAD_CAT_ID = A0270", OW_E_PARSE,
             "t:19: NORAD_CAT_ID: NORAD_CAT_ID \"A0270\" is not a whole "
             "number of at most 9 digits");
  expect_kvn("NORAD_CAT_ID = 99999", "NORAD_CAT_ID = 1234567890", OW_E_PARSE,
             "t:19: NORAD_CAT_ID: NORAD_CAT_ID \"1234567890\" is not a whole "
             "number of at most 9 digits");
  expect_kvn("MEAN_ANOMALY = 30", "MEAN_ANOMALY = \xc2\xa0" "30", OW_E_PARSE,
             "t:18: MEAN_ANOMALY: MEAN_ANOMALY \"\\xC2\\xA030\" is not a "
             "number");
  expect_kvn("EPOCH = 2026-161T12:00:00Z", "EPOCH = 2026-02-30T00:00:00",
             OW_E_PARSE,
             "t:12: EPOCH: EPOCH \"2026-02-30T00:00:00\" is not a valid date "
             "and time");
  expect_kvn("REF_FRAME = TEME", "REF_FRAME = GCRF", OW_E_PARSE,
             "t:9: REF_FRAME: REF_FRAME \"GCRF\" is not supported (orbwatch "
             "reads SGP4 elements: TEME)");
  expect_kvn("BSTAR = 1E-4 [1/ER]\n", "", OW_E_PARSE,
             "t:1: BSTAR: BSTAR is missing");
  expect_kvn("ORIGINATOR = TEST", "ORIGINATOR TEST", OW_E_PARSE,
             "t:4: line is not KEYWORD = value: \"ORIGINATOR TEST\"");
  expect_kvn("OBJECT_ID = 2026-999A\n", "OBJECT_ID = 2026-999A\n"
             "OBJECT_ID = 2026-999B\n", OW_E_PARSE,
             "t:8: OBJECT_ID: OBJECT_ID is given twice in one record");

  /* Two messages, the first bad: one rejected, one loaded. */
  snprintf(two, sizeof two, "%s", KVN_OK);
  memcpy(strstr(two, "ECCENTRICITY = .0001"), "ECCENTRICITY = x001", 19);
  snprintf(two + strlen(two), sizeof two - strlen(two), "%s", KVN_OK);
  CHECK_EQ_INT(read_buf(&c, two, OW_FMT_AUTO, &st), OW_E_PARSE);
  CHECK_EQ_INT(st.loaded, 1);
  CHECK_EQ_INT(st.rejected, 1);
  ow_catalog_free(&c);
}

/* One complete JSON record for catalog number norad, with extra text
   (",\"K\": v") spliced in before the closing brace. */
static void json_rec(char *out, size_t n, int norad, const char *extra)
{
  snprintf(out, n,
           "{\"OBJECT_NAME\":\"SAT %d\",\"OBJECT_ID\":\"2026-001A\","
           "\"EPOCH\":\"2026-06-10T12:00:00.000000\",\"MEAN_MOTION\":15.0,"
           "\"ECCENTRICITY\":0.0001,\"INCLINATION\":53.0,"
           "\"RA_OF_ASC_NODE\":10.0,\"ARG_OF_PERICENTER\":20.0,"
           "\"MEAN_ANOMALY\":30.0,\"NORAD_CAT_ID\":%d,\"BSTAR\":0.0001,"
           "\"MEAN_MOTION_DOT\":1e-05,\"MEAN_MOTION_DDOT\":0%s}",
           norad, norad, extra);
}

/*
** One bad value in a JSON file rejects its record, not the file: a number
** that is not JSON, a real that overflows, a duplicate key, a missing
** comma between records. Before, each dropped every record ("malformed
** JSON" once, 0 loaded). An unclosed quote in CSV rejects its row and
** reading goes on at the next line; before, it swallowed every later row.
*/
static void test_record_recovery(void)
{
  static const char *const bad[] = {",\"GM\":398600.4.4", ",\"GM\":1e400",
                                    ",\"BSTAR\":0.0002", "}{"};
  ow_catalog c;
  ow_load_stats st;
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
    char r1[600], r2[600], r3[600], text[2000];
    json_rec(r1, sizeof r1, 1, "");
    json_rec(r2, sizeof r2, 2, bad[k]);
    json_rec(r3, sizeof r3, 3, "");
    snprintf(text, sizeof text, "[\n%s,\n%s,\n%s\n]\n", r1, r2, r3);
    ndiag = 0;
    CHECK_EQ_INT(read_buf(&c, text, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK_EQ_INT(st.loaded, 2);
    CHECK_EQ_INT(st.rejected, 1);
    CHECK_EQ_INT(ndiag, 1);
    if (c.n == 2) {
      CHECK_EQ_INT(c.items[0].norad, 1);
      CHECK_EQ_INT(c.items[1].norad, 3);
    }
    CHECK(strncmp(last_diag, "t:3: ", 5) == 0);
    if (strncmp(last_diag, "t:3: ", 5) != 0)
      fprintf(stderr, "case %zu: %s\n", k, last_diag);
    ow_catalog_free(&c);
  }
  {
    /* An array never closed: the records are read, the end reported. */
    char r1[600], text[1000];
    json_rec(r1, sizeof r1, 1, "");
    snprintf(text, sizeof text, "[\n%s,\n{\"NORAD_CAT_ID\": 5\n", r1);
    CHECK_EQ_INT(read_buf(&c, text, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK_EQ_INT(st.loaded, 1);
    CHECK_EQ_INT(st.rejected, 2);
    ow_catalog_free(&c);
  }

  {
    static const char hdr[] =
        "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,"
        "RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,NORAD_CAT_ID,BSTAR,"
        "MEAN_MOTION_DOT,MEAN_MOTION_DDOT\n";
    static const char row[] =
        "%s,2026-001A,2026-06-10T12:00:00,15,0.0001,53,10,20,30,%d,0.0001,"
        "1e-05,0\n";
    char text[2000], r[300];
    size_t k = (size_t)snprintf(text, sizeof text, "%s", hdr);
    snprintf(r, sizeof r, row, "\"SAT, ONE\"", 1);
    k += (size_t)snprintf(text + k, sizeof text - k, "%s", r);
    snprintf(r, sizeof r, row, "\"SAT TWO", 2);
    k += (size_t)snprintf(text + k, sizeof text - k, "%s", r);
    snprintf(r, sizeof r, row, "SAT THREE", 3);
    k += (size_t)snprintf(text + k, sizeof text - k, "%s", r);
    snprintf(r, sizeof r, row, "SAT FOUR", 4);
    snprintf(text + k, sizeof text - k, "%s", r);
    ndiag = 0;
    CHECK_EQ_INT(read_buf(&c, text, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK_EQ_INT(st.loaded, 3);
    CHECK_EQ_INT(st.rejected, 1);
    CHECK_EQ_INT(ndiag, 1);
    CHECK_STR(last_diag, "t:3: quote never closed; the row ends at this "
                         "line and reading goes on at the next");
    if (c.n == 3) {
      CHECK_STR(c.items[0].name, "SAT, ONE");
      CHECK_EQ_INT(c.items[1].norad, 3);
      CHECK_EQ_INT(c.items[2].norad, 4);
    }
    ow_catalog_free(&c);
  }
}

/* KVN_OK with from replaced by to, read; the status, loaded count and
   the number of diagnostics. */
static int kvn_with(const char *from, const char *to, ow_load_stats *st)
{
  char buf[4096];
  const char *at = strstr(KVN_OK, from);
  ow_catalog c;
  int rc;
  if (at == NULL)
    return -999;
  snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - KVN_OK), KVN_OK, to,
           at + strlen(from));
  rc = read_buf(&c, buf, OW_FMT_OMM_KVN, st);
  ow_catalog_free(&c);
  return rc;
}

/*
** OMM rough edges of issue 9, each failing before its fix:
**  - unknown keywords were skipped silently: now a warning with line and
**    keyword (the record still loads; keywords of 502.0-B-3 that orbwatch
**    does not use, and USER_DEFINED_x, stay silent);
**  - an empty OBJECT_ID was accepted: now refused at its line;
**  - a second metadata block was reported as "EPOCH is missing" (or as a
**    duplicate keyword): now named as such;
**  - units were ignored: a unit that is not the standard's is refused;
**  - BSTAR = 1e300 was accepted (a NaN state with status 0): drag terms
**    are range-checked at parse.
*/
static void test_omm_rough_edges(void)
{
  ow_load_stats st;
  ow_catalog c;

  /* KVN_OK has USER_DEFINED_X and header keywords: no diagnostic. */
  CHECK_EQ_INT(read_buf(&c, KVN_OK, OW_FMT_OMM_KVN, &st), OW_OK);
  CHECK_EQ_INT(ndiag, 0);
  ow_catalog_free(&c);
  CHECK_EQ_INT(kvn_with("ORIGINATOR = TEST\n", "ORIGINATOR = TEST\n"
                        "MESSAGE_ID = 1\n", &st), OW_OK);
  CHECK_EQ_INT(ndiag, 0);
  CHECK_EQ_INT(kvn_with("MEAN_ANOMALY = 30\n", "MEAN_ANOMALY = 30\n"
                        "GM = 398600.4418 [km**3/s**2]\n"
                        "CX_X = 1.0 [km**2]\n", &st), OW_OK);
  CHECK_EQ_INT(ndiag, 0);

  /* Unknown keyword: warned, loaded. */
  CHECK_EQ_INT(kvn_with("MEAN_ANOMALY = 30\n",
                        "MEAN_ANOMALY = 30\nMEAN_ANOMOLY = 31\n", &st), OW_OK);
  CHECK_EQ_INT(st.loaded, 1);
  CHECK_EQ_INT(st.warnings, 1);
  CHECK_STR(last_diag, "t:19: MEAN_ANOMOLY: unknown keyword MEAN_ANOMOLY "
                       "ignored (not in 502.0-B-3)");

  /* Empty OBJECT_ID; UNKNOWN is read as no designator. */
  expect_kvn("OBJECT_ID = 2026-999A", "OBJECT_ID =", OW_E_PARSE,
             "t:7: OBJECT_ID: OBJECT_ID \"\" is empty (OBJECT_ID, the "
             "international designator, is mandatory; write UNKNOWN when "
             "there is none)");
  expect_kvn("OBJECT_ID = 2026-999A\n", "", OW_E_PARSE,
             "t:1: OBJECT_ID: OBJECT_ID is missing");
  CHECK_EQ_INT(read_buf(&c, KVN_OK, OW_FMT_OMM_KVN, &st), OW_OK);
  ow_catalog_free(&c);
  CHECK_EQ_INT(kvn_with("OBJECT_ID = 2026-999A", "OBJECT_ID = UNKNOWN", &st),
               OW_OK);

  /* Two metadata blocks; metadata after the data; metadata only. */
  expect_kvn("EPOCH =", "OBJECT_NAME = OTHER\nOBJECT_ID = 2026-999B\n"
             "EPOCH =", OW_E_PARSE,
             "t:12: OBJECT_NAME: OBJECT_NAME again before any data: a second "
             "metadata block where the data (EPOCH, MEAN_MOTION, ...) was "
             "expected");
  expect_kvn("NORAD_CAT_ID = 99999\n", "NORAD_CAT_ID = 99999\n"
             "CENTER_NAME = EARTH\n", OW_E_PARSE,
             "t:20: CENTER_NAME: CENTER_NAME after the data: the metadata "
             "block comes first, and a second element set needs its own "
             "message");
  CHECK_EQ_INT(read_buf(&c, "OBJECT_NAME = A\nOBJECT_ID = 2026-001A\n",
                        OW_FMT_OMM_KVN, &st),
               OW_E_PARSE);
  CHECK_STR(last_diag, "t:1: EPOCH: the data block is missing (metadata "
                       "only: EPOCH, MEAN_MOTION, ... not given)");
  ow_catalog_free(&c);

  /* Units: the standard's (any case) or none; anything else refused. */
  CHECK_EQ_INT(kvn_with("INCLINATION = 53 [deg]", "INCLINATION = 53 [DEG]",
                        &st),
               OW_OK);
  CHECK_EQ_INT(kvn_with("INCLINATION = 53 [deg]", "INCLINATION = 53 []",
                        &st),
               OW_OK);
  expect_kvn("INCLINATION = 53 [deg]", "INCLINATION = 0.925 [rad]",
             OW_E_PARSE,
             "t:15: INCLINATION: INCLINATION unit [rad] is not [deg], the "
             "unit 502.0-B-3 gives it (no conversion is made)");
  expect_kvn("MEAN_MOTION = 15.0 [rev/day]", "MEAN_MOTION = 15.0 [rad/s]",
             OW_E_PARSE,
             "t:13: MEAN_MOTION: MEAN_MOTION unit [rad/s] is not [rev/day], "
             "the unit 502.0-B-3 gives it (no conversion is made)");
  expect_kvn("ECCENTRICITY = .0001", "ECCENTRICITY = .0001 [deg]",
             OW_E_PARSE,
             "t:14: ECCENTRICITY: ECCENTRICITY takes no unit, [deg] given");
  /* A name in brackets is a name. */
  CHECK_EQ_INT(kvn_with("OBJECT_NAME = TEST SAT", "OBJECT_NAME = SAT [DTC]",
                        &st),
               OW_OK);

  /* Drag terms in range. */
  expect_kvn("BSTAR = 1E-4 [1/ER]", "BSTAR = 1e300", OW_E_PARSE,
             "t:20: BSTAR: BSTAR \"1e300\" is not below 1e9 1/ER in "
             "magnitude (the largest a TLE holds; real ones are below 10)");
  expect_kvn("MEAN_MOTION_DOT = 1.0e-5", "MEAN_MOTION_DOT = 2", OW_E_PARSE,
             "t:21: MEAN_MOTION_DOT: MEAN_MOTION_DOT \"2\" is not below 1 "
             "rev/day**2 in magnitude (the largest a TLE holds)");
  expect_kvn("MEAN_MOTION_DDOT = 0", "MEAN_MOTION_DDOT = -1e9", OW_E_PARSE,
             "t:22: MEAN_MOTION_DDOT: MEAN_MOTION_DDOT \"-1e9\" is not below "
             "1e9 rev/day**3 in magnitude (the largest a TLE holds)");
  CHECK_EQ_INT(kvn_with("BSTAR = 1E-4", "BSTAR = 3.8266", &st), OW_OK);

  /* The same in XML and JSON. */
  {
    static const char xml[] =
        "<?xml version=\"1.0\"?>\n<ndm><omm><body><segment><metadata>\n"
        "<OBJECT_NAME>A</OBJECT_NAME><OBJECT_ID>%s</OBJECT_ID>\n"
        "</metadata><data>\n<meanElements>\n"
        "<EPOCH>2026-06-10T12:00:00</EPOCH>\n"
        "<MEAN_MOTION>15</MEAN_MOTION><ECCENTRICITY>0.0001</ECCENTRICITY>\n"
        "<INCLINATION units=\"%s\">53</INCLINATION>\n"
        "<RA_OF_ASC_NODE>10</RA_OF_ASC_NODE>"
        "<ARG_OF_PERICENTER>20</ARG_OF_PERICENTER>"
        "<MEAN_ANOMALY>30</MEAN_ANOMALY>\n%s</meanElements>\n"
        "<tleParameters><NORAD_CAT_ID>5</NORAD_CAT_ID>\n"
        "<BSTAR>%s</BSTAR><MEAN_MOTION_DOT>0</MEAN_MOTION_DOT>"
        "<MEAN_MOTION_DDOT>0</MEAN_MOTION_DDOT>\n"
        "</tleParameters></data></segment></body></omm></ndm>\n";
    char buf[2048];
    snprintf(buf, sizeof buf, xml, "2026-001A", "deg", "", "1e-4");
    CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_AUTO, &st), OW_OK);
    CHECK_EQ_INT(ndiag, 0);
    ow_catalog_free(&c);
    snprintf(buf, sizeof buf, xml, "2026-001A", "rad", "", "1e-4");
    CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK_STR(last_diag, "t:8: INCLINATION: INCLINATION unit [rad] is not "
                         "[deg], the unit 502.0-B-3 gives it (no conversion "
                         "is made)");
    ow_catalog_free(&c);
    snprintf(buf, sizeof buf, xml, "", "deg", "", "1e-4");
    CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK(strncmp(last_diag, "t:3: OBJECT_ID: OBJECT_ID \"\" is empty", 37) ==
          0);
    ow_catalog_free(&c);
    snprintf(buf, sizeof buf, xml, "2026-001A", "deg", "<INCLINATON>1"
             "</INCLINATON>\n", "1e-4");
    CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_AUTO, &st), OW_OK);
    CHECK_EQ_INT(st.warnings, 1);
    CHECK_STR(last_diag, "t:10: INCLINATON: unknown element <INCLINATON> "
                         "ignored (not in 502.0-B-3)");
    ow_catalog_free(&c);
    snprintf(buf, sizeof buf, xml, "2026-001A", "deg", "", "1e300");
    CHECK_EQ_INT(read_buf(&c, buf, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK(strncmp(last_diag, "t:12: BSTAR: BSTAR \"1e300\" is not below", 39)
          == 0);
    ow_catalog_free(&c);
  }
  {
    char r[600], text[800];
    json_rec(r, sizeof r, 7, "");
    memcpy(strstr(r, "\"BSTAR\":0.0001"), "\"BSTAR\":1e300 ", 14);
    snprintf(text, sizeof text, "[%s]", r);
    CHECK_EQ_INT(read_buf(&c, text, OW_FMT_AUTO, &st), OW_E_PARSE);
    CHECK(strstr(last_diag, "BSTAR \"1.0000000000000001e+300\" is not below "
                            "1e9") != NULL);
    ow_catalog_free(&c);
  }
}

static void test_xml_json_csv_errors(void)
{
  ow_catalog c;
  ow_load_stats st;
  CHECK_EQ_INT(read_buf(&c, "<ndm><omm><body>\n<segment>\n<data>"
                            "<ECCENTRICITY>0.1</ECCENTRICITY>",
                        OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK(strncmp(last_diag, "t:3: malformed XML: ", 20) == 0);
  CHECK_EQ_INT(st.rejected, 1);
  ow_catalog_free(&c);
  CHECK_EQ_INT(read_buf(&c, "<?xml version=\"1.0\"?>\n<ndm>\n<omm>\n"
                            "<EPOCH>2020-01-01T00:00:00</EPOCH>\n"
                            "<ECCENTRICITY>1.5</ECCENTRICITY>\n</omm>\n"
                            "</ndm>\n",
                        OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK_STR(last_diag,
            "t:5: ECCENTRICITY: ECCENTRICITY \"1.5\" is not in [0,1)");
  ow_catalog_free(&c);
  CHECK_EQ_INT(read_buf(&c, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY "
                            "a \"aaaa\">]>\n<ndm/>\n",
                        OW_FMT_AUTO, &st),
               OW_E_PARSE);
  /* At the DOCTYPE's line (the XML layer; it said line 1 before). */
  CHECK_STR(last_diag, "t:2: XML with a DTD (<!DOCTYPE>) is not accepted");
  ow_catalog_free(&c);

  CHECK_EQ_INT(read_buf(&c, "[\n{\"NORAD_CAT_ID\": 5},\n{\"NORAD_CAT_ID\": "
                            "\"5x\"}\n]",
                        OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK_EQ_INT(st.rejected, 2);
  CHECK_STR(last_diag, "t:3: NORAD_CAT_ID: NORAD_CAT_ID \"5x\" is not a "
                       "whole number of at most 9 digits");
  ow_catalog_free(&c);
  CHECK_EQ_INT(read_buf(&c, "[{\"NORAD_CAT_ID\": 5,}]", OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK(strncmp(last_diag, "t:1: malformed JSON", 19) == 0);
  ow_catalog_free(&c);
  CHECK_EQ_INT(read_buf(&c, "[{\"ECCENTRICITY\": true}]", OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK_STR(last_diag, "t:1: ECCENTRICITY: ECCENTRICITY is neither a number "
                       "nor a string");
  ow_catalog_free(&c);

  CHECK_EQ_INT(read_buf(&c, "OBJECT_NAME,NORAD_CAT_ID,EPOCH\n"
                            "\"A, B\",5,2020-01-01T00:00:00\n"
                            "X,5\n",
                        OW_FMT_AUTO, &st),
               OW_E_PARSE);
  CHECK_EQ_INT(st.rejected, 2);
  CHECK_STR(last_diag, "t:3: row has 2 fields, the header 3");
  ow_catalog_free(&c);
  CHECK_EQ_INT(read_buf(&c, "OBJECT_NAME,NORAD_CAT_ID\n", OW_FMT_OMM_CSV,
                        &st),
               OW_E_EMPTY);
  ow_catalog_free(&c);
}

int main(void)
{
  test_samples();
  test_nine_digits();
  test_creation_date();
  test_kvn();
  test_xml_json_csv_errors();
  test_record_recovery();
  test_omm_rough_edges();
  test_catalog_roundtrip("catalog/full_2023-10_spacetrack_3le.txt", 26140);
  test_catalog_roundtrip("sgp4-ver/satellitejs_BadTLE.txt", 7);
  return check_done();
}
