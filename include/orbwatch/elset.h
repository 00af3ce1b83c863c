/*
** orbwatch/elset.h - mean element sets (TLE and CCSDS OMM) and catalogs.
**
** One representation, ow_elset, holds what a TLE or an OMM with
** MEAN_ELEMENT_THEORY = SGP4 carries. Values are kept in the units of the
** formats (degrees, rev/day) because they are I/O data; ow_sgp4_init turns
** them into model units. This header (elset layer) has the element set,
** the catalog container and TLE; orbwatch/elset_io.h (formats layer) reads
** and writes whole catalogs in every format.
**
** Every reader reports a malformed record through ow_err with the line,
** the field and the reason, and the catalog loader goes on with the next
** record: a record is either loaded or reported, never silently dropped.
*/
#ifndef ORBWATCH_ELSET_H
#define ORBWATCH_ELSET_H

#include "orbwatch/common.h"
#include "orbwatch/diag.h"

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
** International designators, the one conversion (elset/intldes.c).
** ow_object_id_to_cospar: "98067A" (TLE columns 10-17) or "1998-067a" to
**   "1998-067A" (OMM, OEM, CDM). Two-digit years 57-99 are 1957-1999,
**   00-56 2000-2056; launch 001-999; piece of 1 to 3 letters (written
**   upper case); blanks around the text ignored.
** ow_object_id_to_tle: either spelling to "98067A"; OW_E_RANGE for a
**   launch year outside 1957-2056 (no two-digit year stands for it).
** Both return OW_OK, OW_E_PARSE (not a designator), OW_E_TOO_BIG (n too
** small) or OW_E_ARG, with out "" on failure.
** ow_object_id_cospar: ow_object_id_to_cospar, but text that is not a
**   designator is copied as is (for names such as "UNKNOWN").
*/
OW_API int ow_object_id_to_cospar(const char *id, char *out, size_t n);
OW_API int ow_object_id_to_tle(const char *id, char *out, size_t n);
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

/* ow_diag_fn, the diagnostic callback, and the capped ow_diag_list are in
** orbwatch/diag.h. */

typedef struct ow_load_stats {
  size_t loaded;   /* records appended to the catalog */
  size_t rejected; /* records reported through the callback and skipped */
  size_t warnings; /* warnings reported (records still loaded) */
} ow_load_stats;

#ifdef __cplusplus
}
#endif
#endif
