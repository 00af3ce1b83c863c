/*
** orbwatch/elset.h - mean element sets (TLE and CCSDS OMM) and catalogs.
**
** One representation, ow_elset, holds what a TLE or an OMM with
** MEAN_ELEMENT_THEORY = SGP4 carries. Values are kept in the units of the
** formats (degrees, rev/day) because they are I/O data; ow_sgp4_init turns
** them into model units. Readers take buffers; ow_catalog_load_file is the
** one convenience that reads a file.
**
** Every reader reports a malformed record through ow_err with the line,
** the field and the reason, and the catalog loader goes on with the next
** record: a record is either loaded or reported, never silently dropped.
*/
#ifndef ORBWATCH_ELSET_H
#define ORBWATCH_ELSET_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OW_NAME_MAX 80      /* OBJECT_NAME, bytes without the NUL */
#define OW_OBJECT_ID_MAX 16 /* "1998-067A" (OMM) / "98067A" (TLE) */
#define OW_ALPHA5_MAX 339999u /* Z9999, the largest TLE catalog number */
#define OW_NORAD_MAX 999999999u /* nine digits, OMM NORAD_CAT_ID */

/*
** Layout hints: how a TLE spelled the things the format leaves free, so that
** a well-formed TLE read and written again is byte-identical. A record that
** came from an OMM has all hints 0 and gets the canonical (Space-Track)
** layout: name line "0 NAME", catalog number zero-padded ("00005"), blank
** sign columns for positive values, a zero exponent written "-0" when the
** value is zero and "+0" otherwise ("00000-0", "12345+0"), ephemeris type
** written as a digit, line-2 numbers blank-padded ("  7.5114").
**
** Freedoms preserved (one bit each, set by the reader, used by the writer):
** the name-line style and its blank padding, blank-padded catalog numbers,
** '+' in the sign column of ndot, nddot and B*, the sign of a zero exponent,
** a blank ephemeris type, zero-padded line-2 fields and element number.
** Not preserved (the writer canonicalises them): text after column 69,
** trailing blanks after line 1 and 2, a mantissa with a leading zero
** ("01234-5"), a zero value with a non-zero exponent ("00000-5"), fixed
** fields with other than the standard number of decimals, blank padding
** inside the international designator, and a catalog number spelled
** differently on line 1 and line 2 (line 1's spelling is used).
*/
enum ow_tle_hint {
  OW_TLE_HINT_NAME_LINE0 = 1u << 0,      /* name line began with "0 " */
  OW_TLE_HINT_NAME_BARE = 1u << 1,       /* bare name line (no "0 ") */
  OW_TLE_HINT_NORAD_SPACES = 1u << 2,    /* "   12" instead of "00012" */
  OW_TLE_HINT_NDOT_PLUS_SIGN = 1u << 3,  /* "+" in sign column of ndot */
  OW_TLE_HINT_NDDOT_PLUS_SIGN = 1u << 4, /* "+" in sign column of nddot */
  OW_TLE_HINT_BSTAR_PLUS_SIGN = 1u << 5, /* "+" in sign column of B* */
  OW_TLE_HINT_NDDOT_EXP_ALT = 1u << 6,   /* zero exponent of nddot with the
                                            other sign ("00000+0") */
  OW_TLE_HINT_BSTAR_EXP_ALT = 1u << 7,   /* the same for B* ("12345-0") */
  OW_TLE_HINT_EPHEM_BLANK = 1u << 8,     /* ephemeris type 0 left blank */
  OW_TLE_HINT_ELNUM_ZERO_PAD = 1u << 9,  /* element number "0999" */
  OW_TLE_HINT_INCL_ZERO_PAD = 1u << 10,  /* "007.5114" */
  OW_TLE_HINT_RAAN_ZERO_PAD = 1u << 11,
  OW_TLE_HINT_ARGP_ZERO_PAD = 1u << 12,
  OW_TLE_HINT_MA_ZERO_PAD = 1u << 13,
  OW_TLE_HINT_MM_ZERO_PAD = 1u << 14,    /* "02.63585777" */
  OW_TLE_HINT_REV_ZERO_PAD = 1u << 15,   /* "04379" */
  OW_TLE_HINT_NDDOT_EXP_BLANK = 1u << 16, /* blank exponent sign of nddot,
                                            read as '+' (" 00000 0") */
  OW_TLE_HINT_BSTAR_EXP_BLANK = 1u << 17  /* the same for B* (AMSAT) */
};
/*
** Bits 24-31 of tle_hints: the width the name was blank-padded to on its
** line (after "0 " if any; CelesTrak pads to 24), 0 when not padded.
*/
#define OW_TLE_HINT_NAME_WIDTH_SHIFT 24
#define OW_TLE_HINT_NAME_WIDTH_MASK 0xffu

typedef struct ow_elset {
  uint32_t norad;               /* catalog number, 0..999999999 */
  char name[OW_NAME_MAX + 1];   /* object name, "" if none */
  char object_id[OW_OBJECT_ID_MAX + 1]; /* international designator as
                                           written by the source */
  char classification;          /* 'U', 'C', 'S' (TLE column 8) */
  ow_jd epoch_utc;              /* epoch, UTC two-part JD: day at 0h (.5),
                                   frac in [0,1) the fraction of the day;
                                   the writers use this field */
  int epoch_year;               /* four-digit year of the epoch */
  double epoch_doy;             /* day of year with fraction (1.0 = Jan 1 0h),
                                   as in the TLE; informative */
  double ndot_rev_day2;         /* TLE/OMM MEAN_MOTION_DOT (= ndot/2) */
  double nddot_rev_day3;        /* TLE/OMM MEAN_MOTION_DDOT (= nddot/6) */
  double bstar_per_er;          /* B*, 1/earth radii */
  double incl_deg;              /* inclination, [0,180] */
  double raan_deg;              /* right ascension of ascending node [0,360) */
  double ecc;                   /* eccentricity, [0,1) */
  double argp_deg;              /* argument of perigee [0,360) */
  double mean_anom_deg;         /* mean anomaly [0,360) */
  double n_rev_day;             /* Kozai mean motion, rev/day, > 0 */
  uint32_t rev_at_epoch;        /* revolution number at epoch */
  int element_set_no;           /* element set number (TLE 0..9999) */
  int ephemeris_type;           /* 0 (SGP4) for element sets in use */
  uint32_t tle_hints;           /* enum ow_tle_hint bits */
} ow_elset;

/* Options common to the readers. Zero-initialise for the defaults. */
typedef struct ow_read_opts {
  int ignore_checksum; /* accept TLE lines with a wrong checksum (warn) */
} ow_read_opts;

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
** ow_tle_parse_lines - one TLE from its lines.
**
** Given:  name   const char*  name line (with or without "0 "), or NULL
**         l1,l2  const char*  line 1 and line 2, NUL-terminated; trailing
**                             CR, spaces and text after column 69 are
**                             allowed and ignored
**         opts   const ow_read_opts*  NULL for defaults
** Returned: e    ow_elset*    filled on success (zeroed on error)
** Returns: OW_OK, OW_W_CHECKSUM, or an error with err->field such as
**          "line 2 column 27-33" and a message quoting the bad text.
*/
OW_API int ow_tle_parse_lines(const char *name, const char *l1,
                              const char *l2, const ow_read_opts *opts,
                              ow_elset *e, ow_err *err);

/*
** ow_tle_format - write one element set as TLE lines.
** line0 (may be NULL to omit the name) gets "0 NAME" or the bare name per
** the hints, l1 and l2 get 69 characters each. Buffers must hold at least
** OW_TLE_LINE_BUF bytes. Returns OW_E_TOO_BIG for catalog numbers above
** 339999 (not representable in Alpha-5) and OW_E_RANGE for values the
** columns cannot hold.
*/
#define OW_TLE_LINE_BUF 96
OW_API int ow_tle_format(const ow_elset *e, char *line0, char *l1, char *l2,
                         ow_err *err);

/*
** International designator in the COSPAR form of OMM, OEM and CDM: "98067A"
** (TLE columns 10-17) becomes "1998-067A"; anything else is copied as is.
*/
OW_API void ow_object_id_cospar(const char *id, char *out, size_t n);

/* Alpha-5 catalog field (5 chars, may be space padded) to a number. */
OW_API int ow_alpha5_decode(const char *field5, uint32_t *norad, ow_err *err);
/* Number 0..339999 to a 5-character Alpha-5 field (out holds 6 bytes). */
OW_API int ow_alpha5_encode(uint32_t norad, char out[6]);

/* ---- catalogs ---------------------------------------------------------- */

/*
** A growable array of element sets. Caller-allocated, ow_catalog_init'd,
** ow_catalog_free'd; the catalog owns `items`.
*/
typedef struct ow_catalog {
  ow_elset *items;
  size_t n;
  size_t cap;
} ow_catalog;

OW_API void ow_catalog_init(ow_catalog *cat);
OW_API void ow_catalog_free(ow_catalog *cat); /* NULL-safe */
/* Append a copy of e; OW_E_NOMEM on failure (catalog unchanged). */
OW_API int ow_catalog_push(ow_catalog *cat, const ow_elset *e);

/*
** Diagnostic callback: called once per problem with the detail, for errors
** (the record was rejected) and for warnings (the record was loaded).
*/
typedef void (*ow_diag_fn)(void *user, const ow_err *diag);

typedef struct ow_load_stats {
  size_t loaded;   /* records appended to the catalog */
  size_t rejected; /* records reported through the callback and skipped */
  size_t warnings; /* warnings reported (records still loaded) */
} ow_load_stats;

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
