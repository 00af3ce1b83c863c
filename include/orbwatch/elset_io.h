/*
** orbwatch/elset_io.h - catalogs in every format (formats layer): the
** format names and detection, and the catalog reader and writer that
** dispatch to TLE (orbwatch/elset.h) and the four OMM encodings (KVN, XML,
** JSON, CSV). Readers take buffers; ow_catalog_load_file is the one
** convenience that reads a file.
*/
#ifndef ORBWATCH_ELSET_IO_H
#define ORBWATCH_ELSET_IO_H

#include "orbwatch/common.h"
#include "orbwatch/elset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Formats that the readers and writers handle. */
typedef enum ow_format {
  OW_FMT_AUTO = 0,
  OW_FMT_TLE,      /* 2-line or 3-line */
  OW_FMT_OMM_KVN,
  OW_FMT_OMM_XML,
  OW_FMT_OMM_JSON,
  OW_FMT_OMM_CSV
} ow_format;

/* Name of a format ("tle", "omm-kvn", "omm-xml", "omm-json", "omm-csv"). */
OW_API const char *ow_format_name(ow_format f);
/* Parse such a name; OW_E_ARG if unknown. */
OW_API int ow_format_parse(const char *name, ow_format *f);
/* Guess the format of a buffer from its first non-blank bytes. */
OW_API ow_format ow_format_detect(const char *buf, size_t len);

/*
** ow_catalog_read - parse a whole buffer in format fmt (OW_FMT_AUTO
** detects it) and append every good record to cat.
**
** source names the input in diagnostics ("sats.txt", "-"). Bad records are
** reported through diag (may be NULL) and counted; reading goes on. A UTF-8
** BOM and CRLF line ends are accepted. Each diagnostic has err.source set
** and err.line the 1-based line of the file it is about (for a TLE, the
** line holding the bad field; for an incomplete OMM, the line where the
** record starts; 0 when unknown).
** TLE: blank lines and comment lines ('#' or "//" first) are skipped; a
** line that belongs to no record (stray text, a line 1 without its line 2)
** is reported and counted as rejected. OMM: keywords orbwatch does not use
** are skipped; KVN/JSON/CSV/XML records are checked like TLE fields
** (ranges, strict numbers, EPOCH with 86400-s days), NORAD_CAT_ID up to
** nine digits.
** Returns: OW_OK when every record loaded, OW_E_PARSE when some were
**          rejected (stats says how many), OW_E_EMPTY when nothing was
**          found, OW_E_NOMEM.
*/
OW_API int ow_catalog_read(ow_catalog *cat, const char *buf, size_t len,
                           ow_format fmt, const char *source,
                           const ow_read_opts *opts, ow_diag_fn diag,
                           void *user, ow_load_stats *stats);

/* The same for a file; path "-" reads standard input. OW_E_IO if unreadable. */
OW_API int ow_catalog_load_file(ow_catalog *cat, const char *path,
                                ow_format fmt, const ow_read_opts *opts,
                                ow_diag_fn diag, void *user,
                                ow_load_stats *stats);

/*
** ow_catalog_write - serialise elements [0, n) of es in format fmt into a
** newly malloc'ed NUL-terminated buffer *out (caller frees) of length
** *out_len. Records that cannot be written (e.g. catalog number above
** 339999 as TLE) are reported through diag and skipped; the return is then
** OW_E_TOO_BIG, with the rest written.
** creation_utc is the CREATION_DATE written in OMM KVN and XML headers
** (UTC, to the second; the library never reads the clock, so the same
** call gives the same bytes); TLE, JSON and CSV have no such field and
** ignore it. OW_E_ARG (nothing written) when it is needed and is not a
** date of years 1000-9999.
*/
OW_API int ow_catalog_write(const ow_elset *es, size_t n, ow_format fmt,
                            ow_jd creation_utc, char **out, size_t *out_len,
                            ow_diag_fn diag, void *user);

#ifdef __cplusplus
}
#endif
#endif
