/*
** orbwatch/diag.h - the diagnostics channel shared by every loader.
**
** A loader reports each problem (a rejected record, a warning) as one
** ow_err: the file (err.source), the 1-based line (err.line, 0 when
** unknown), the field, the reason (err.msg) and the status (err.code).
** It hands them to an ow_diag_fn callback; ow_diag_list_add is such a
** callback that collects them into a caller-owned ow_diag_list, keeping
** the first max_keep and counting the rest, so that a binary file given as
** a catalog (about 95,000 problems) costs a fixed amount of memory and a
** fixed number of printed lines.
*/
#ifndef ORBWATCH_DIAG_H
#define ORBWATCH_DIAG_H

#include "orbwatch/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** Diagnostic callback: called once per problem with the detail, for errors
** (the record was rejected) and for warnings (the record was loaded). The
** ow_err is only valid during the call.
*/
typedef void (*ow_diag_fn)(void *user, const ow_err *diag);

/*
** ow_diag_list - problems of one call. Caller-allocated, ow_diag_list_init'd
** and ow_diag_list_free'd; the list owns `items`.
*/
typedef struct ow_diag_list {
  ow_err *items;   /* the first n problems, in the order reported */
  size_t n;        /* entries kept, <= max_keep */
  size_t max_keep; /* cap on kept entries (0 keeps none, only counts) */
  size_t total;    /* problems reported: kept + dropped */
  size_t errors;   /* of which errors (code < 0) */
  size_t warnings; /* of which warnings (code > 0) */
  int nomem;       /* an entry could not be stored (still counted) */
} ow_diag_list;

#define OW_DIAG_KEEP_DEFAULT 20 /* what the CLI prints per input file */

OW_API void ow_diag_list_init(ow_diag_list *list, size_t max_keep);
OW_API void ow_diag_list_free(ow_diag_list *list); /* NULL-safe */
/* Forget the entries and counts, keeping max_keep (for the next call). */
OW_API void ow_diag_list_clear(ow_diag_list *list);

/*
** ow_diag_list_add - an ow_diag_fn: user is the ow_diag_list. Keeps a copy
** of diag while fewer than max_keep are kept, counts it always. Grows
** items with realloc (owned by the list); on failure sets nomem and keeps
** counting.
*/
OW_API void ow_diag_list_add(void *list, const ow_err *diag);

/* Problems reported but not kept (total - n). */
OW_API size_t ow_diag_list_dropped(const ow_diag_list *list);

#ifdef __cplusplus
}
#endif
#endif
