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

/*
** A growable text buffer for the writers; it owns p (malloc'ed, always
** NUL-terminated once something was appended). On an allocation failure it
** sets `failed` and ignores later appends.
*/
typedef struct ow__buf {
  char *p;
  size_t n, cap;
  int failed;
} ow__buf;

void ow__buf_append(ow__buf *b, const char *s, size_t n);
void ow__buf_puts(ow__buf *b, const char *s);
void ow__buf_printf(ow__buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
