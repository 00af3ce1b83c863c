/*
** elset_int.h - helpers shared by the element-set files (tle.c,
** catalog.c, omm_*.c); ow__ prefix, never installed.
*/
#ifndef ORBWATCH_ELSET_INT_H
#define ORBWATCH_ELSET_INT_H

#include "internal.h"

/* Julian day number of January 1 of year y, and back to year and day. */
long ow__jdn_jan1(int y);
void ow__jdn_to_year_doy(long jdn, int *year, int *doy);

/*
** One TLE from counted lines (no line end needed; a trailing CR is
** dropped). *bad_line tells which line an error or warning is about: 0 the
** name line, 1 or 2.
*/
int ow__tle_parse(const char *name, size_t name_n, const char *l1, size_t n1,
                  const char *l2, size_t n2, const ow_read_opts *opts,
                  ow_elset *e, ow_err *err, int *bad_line);

/* Every TLE record of a buffer (BOM already skipped) into cat. */
int ow__tle_read(ow_catalog *cat, const char *buf, size_t len,
                 const char *source, const ow_read_opts *opts,
                 ow_diag_fn diag, void *user, ow_load_stats *st);

/* Valid UTF-8 without control characters (names). */
int ow__utf8_text_ok(const unsigned char *s, size_t n);

/* Room for at least n records in cat; OW_E_NOMEM leaves cat unchanged. */
int ow__catalog_reserve(ow_catalog *cat, size_t n);
/* The slot after the last record (grown if needed), or NULL on ENOMEM. */
ow_elset *ow__catalog_slot(ow_catalog *cat);

/*
** Hand one problem to the diagnostic callback after setting its source
** and line, and count it in st (errors as rejected, warnings as warnings).
*/
void ow__report(ow_diag_fn diag, void *user, ow_err *err, const char *source,
                long line, ow_load_stats *st);


/* ---- OMM (omm.c and the four encodings) ---- */

/* The keywords orbwatch reads; others are ignored. */
#define OW__OMM_KEYS(X)                                                       \
  X(OBJECT_NAME) X(OBJECT_ID) X(CENTER_NAME) X(REF_FRAME) X(TIME_SYSTEM)      \
  X(MEAN_ELEMENT_THEORY) X(EPOCH) X(MEAN_MOTION) X(ECCENTRICITY)              \
  X(INCLINATION) X(RA_OF_ASC_NODE) X(ARG_OF_PERICENTER) X(MEAN_ANOMALY)       \
  X(EPHEMERIS_TYPE) X(CLASSIFICATION_TYPE) X(NORAD_CAT_ID) X(ELEMENT_SET_NO)  \
  X(REV_AT_EPOCH) X(BSTAR) X(MEAN_MOTION_DOT) X(MEAN_MOTION_DDOT)             \
  X(SEMI_MAJOR_AXIS) X(BTERM) X(AGOM) X(GM)

enum {
#define OW__OMM_KEY_ENUM(id) OW__K_##id,
  OW__OMM_KEYS(OW__OMM_KEY_ENUM)
#undef OW__OMM_KEY_ENUM
  OW__OMM_NKEYS
};

/* A record being read: the element set and the keywords seen (bits). */
typedef struct ow__omm_rec {
  ow_elset e;
  uint64_t have;
} ow__omm_rec;

/* Keyword index of name[0..n), or -1 if orbwatch does not use it. */
int ow__omm_key(const char *name, size_t n);
const char *ow__omm_key_name(int key);
void ow__omm_begin(ow__omm_rec *r);
/* Set a keyword from its text (blanks around it trimmed); checks it. */
int ow__omm_set(ow__omm_rec *r, int key, const char *s, size_t n,
                ow_err *err);
/* The same from a JSON number. */
int ow__omm_set_number(ow__omm_rec *r, int key, double v, ow_err *err);
/* Check that the record is complete and copy it out. */
int ow__omm_finish(ow__omm_rec *r, ow_elset *out, ow_err *err);

/* Strict decimal number (sign, digits, point, exponent; nothing else). */
int ow__parse_real(const char *s, size_t n, double *v);

/* EPOCH text <-> two-part JD, 86400-s days (see omm.c). */
int ow__omm_epoch_parse(const char *s, size_t n, ow_jd *jd, int *year);
int ow__omm_epoch_format(ow_jd jd, char *buf, size_t n);

/* Every value of a record as OMM text, indexed by keyword. */
typedef struct ow__omm_text {
  char v[OW__OMM_NKEYS][96];
} ow__omm_text;
int ow__omm_values(const ow_elset *e, ow__omm_text *t, ow_err *err);

/* The keywords the writers emit, in CelesTrak's column order. */
#define OW__OMM_NOUT 17
extern const int OW__OMM_OUT_KEYS[OW__OMM_NOUT];

/* Readers and writers of the four encodings. */
int ow__omm_kvn_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st);
int ow__omm_xml_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st);
int ow__omm_json_read(ow_catalog *cat, const char *buf, size_t len,
                      const char *source, ow_diag_fn diag, void *user,
                      ow_load_stats *st);
int ow__omm_csv_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st);
int ow__omm_kvn_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user);
int ow__omm_xml_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user);
int ow__omm_json_write(const ow_elset *es, size_t n, ow__buf *b,
                       ow_diag_fn diag, void *user);
int ow__omm_csv_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user);

/* CREATION_DATE of written messages: now, UTC, to the second. */
void ow__creation_date(char *buf, size_t n);

/* Report a record that a writer cannot write ("record N"), count nothing. */
void ow__write_report(ow_diag_fn diag, void *user, ow_err *err, size_t i);

#endif
