/*
** elset_int.h - helpers shared by the element-set files (tle.c,
** catalog.c) and used by the readers above them (formats/catalog_io.c,
** formats/omm*.c); ow__ prefix, never installed.
*/
#ifndef ORBWATCH_ELSET_INT_H
#define ORBWATCH_ELSET_INT_H

#include "internal.h"
#include "orbwatch/elset.h"
#include "jd_int.h"

/* ow__jdn_jan1, ow__jdn_to_year_doy: astro/jd_int.h. */

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

#endif
