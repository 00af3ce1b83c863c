/*
** omm_int.h - helpers shared by the OMM files (omm.c and the four
** encodings omm_kvn.c, omm_xml.c, omm_json.c, omm_csv.c) and by
** catalog_io.c; ow__ prefix, never installed.
*/
#ifndef ORBWATCH_OMM_INT_H
#define ORBWATCH_OMM_INT_H

#include "elset_int.h"
#include "orbwatch/elset.h"

#include <stdint.h>

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
  int ccsds; /* KVN or XML: OBJECT_ID is mandatory (JSON, CSV: optional) */
} ow__omm_rec;

/* Bound of |BSTAR|, |MEAN_MOTION_DDOT|, |BTERM|, |AGOM| at parse: the
   largest value a TLE exponent field holds is 0.99999e9. */
#define OW__OMM_EXPFIELD_MAX 1e9

/* Whether name[0..n) is an OMM keyword of 502.0-B-3 (USER_DEFINED_x too),
   used by orbwatch or not. */
int ow__omm_known(const char *name, size_t n);
/* OW_OK when unit[0..unit_n) is the unit 502.0-B-3 gives keyword name
   (case aside), or the keyword is text or unknown; else OW_E_PARSE with
   the keyword as field. unit_n 0 with a unit due is OW_OK (units are
   optional in KVN and XML). */
int ow__omm_unit_check(const char *name, size_t n, const char *unit,
                       size_t unit_n, ow_err *err);

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
/* created: CREATION_DATE text from ow__creation_date. */
int ow__omm_kvn_write(const ow_elset *es, size_t n, const char *created,
                      ow__buf *b, ow_diag_fn diag, void *user);
int ow__omm_xml_write(const ow_elset *es, size_t n, const char *created,
                      ow__buf *b, ow_diag_fn diag, void *user);
int ow__omm_json_write(const ow_elset *es, size_t n, ow__buf *b,
                       ow_diag_fn diag, void *user);
int ow__omm_csv_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user);

/*
** CREATION_DATE of written messages from the caller's time: UTC to the
** second, "YYYY-MM-DDThh:mm:ss", into buf (at least OW_ISO_BUF bytes).
** OW_E_ARG when creation_utc is not a date of years 1000-9999.
*/
int ow__creation_date(ow_jd creation_utc, char *buf, size_t n);

/* Report a record that a writer cannot write ("record N"), count nothing. */
void ow__write_report(ow_diag_fn diag, void *user, ow_err *err, size_t i);

#endif
