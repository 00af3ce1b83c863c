/*
** cdm_priv.h - what the CDM files share (cdm.c: keyword table, checks,
** assignment; cdm_kvn.c and cdm_xml.c: the two syntaxes). Not installed.
*/
#ifndef ORBWATCH_CDM_PRIV_H
#define ORBWATCH_CDM_PRIV_H

#include "internal.h"
#include "orbwatch/cdm.h"

#include <stdarg.h>

enum { OW__CDM_TEXT, OW__CDM_REAL, OW__CDM_INT, OW__CDM_EPOCH };

/* Sections, in message order. */
enum {
  OW__CDM_S_HEADER,
  OW__CDM_S_REL,
  OW__CDM_S_META,
  OW__CDM_S_OD,
  OW__CDM_S_ADD,
  OW__CDM_S_STATE,
  OW__CDM_S_COV
};

typedef struct ow__cdm_field {
  const char *key;
  int sect;
  int type;
  const char *unit; /* NULL: dimensionless or text */
  size_t off;       /* in ow_cdm (header, relative) or ow_cdm_object */
  int oblig;
} ow__cdm_field;

/* Table lookups: group 0 = header + relative (ow_cdm), 1 = object. The
** covariance entries are in group 1 with sect OW__CDM_S_COV, in the
** standard's order (45 of them; the first 21 obligatory). */
int ow__cdm_nfields(int group);
const ow__cdm_field *ow__cdm_field_at(int group, int i);
/* Row and column (0-based) of covariance field i of group 1, or -1. */
int ow__cdm_cov_rc(int i, int *row, int *col);

/* Parser state shared by both syntaxes. */
typedef struct ow__cdm_ctx {
  ow_cdm *cdm;
  ow_cdm_mode mode;
  const char *source;
  ow_cdm_warnings *warn;
  ow_err *err;
  int cur;          /* -1 before the first OBJECT, else 0 or 1 */
  int sect;         /* last section seen */
  int xml;          /* units rules differ slightly */
  int nviol;
  unsigned char seen0[64];
  unsigned char seen1[2][128];
  char pending[OW_CDM_COMMENTS]; /* comments waiting for their section */
  long pending_line;
} ow__cdm_ctx;

void ow__cdm_ctx_init(ow__cdm_ctx *c, ow_cdm *cdm, const char *source,
                      ow_cdm_mode mode, ow_cdm_warnings *warn, ow_err *err);
/* A departure from the standard: error in strict mode (returned), a
** warning in lenient mode (OW_OK returned). */
int ow__cdm_violation(ow__cdm_ctx *c, long line, const char *key,
                      const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* A hard error in both modes. */
int ow__cdm_error(ow__cdm_ctx *c, int code, long line, const char *key,
                  const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* One keyword with its value (trimmed) and unit (NULL when none). */
int ow__cdm_kv(ow__cdm_ctx *c, long line, const char *key, const char *value,
               const char *unit);
int ow__cdm_comment(ow__cdm_ctx *c, long line, const char *text);
/* Obligatory keywords, covariance rows, frames; then the final status. */
int ow__cdm_finish(ow__cdm_ctx *c, long last_line);

/* Writers use ow__buf from internal.h. */
/* Value of field i as text; 0 when absent. */
int ow__cdm_value_text(const void *base, const ow__cdm_field *f, char *buf,
                       size_t n);
/* Shortest round-tripping real with at most 16 digits, "1.234E+01". */
void ow__cdm_fmt_real(double v, char *buf, size_t n);
/* Obligatory values present? OW_OK or OW_E_ARG with the keyword. */
int ow__cdm_check_complete(const ow_cdm *cdm, ow_err *err);

#endif
