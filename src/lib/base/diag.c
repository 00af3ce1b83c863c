/*
** diag.c - ow_diag_list, the capped list of problems that loaders report
** through their ow_diag_fn (orbwatch/diag.h).
*/
#include "internal.h"
#include "orbwatch/diag.h"

#include <stdlib.h>
#include <string.h>

void ow_diag_list_init(ow_diag_list *list, size_t max_keep)
{
  if (list == NULL)
    return;
  memset(list, 0, sizeof *list);
  list->max_keep = max_keep;
}

void ow_diag_list_free(ow_diag_list *list)
{
  if (list == NULL)
    return;
  free(list->items);
  ow_diag_list_init(list, list->max_keep);
}

void ow_diag_list_clear(ow_diag_list *list)
{
  if (list == NULL)
    return;
  list->n = list->total = list->errors = list->warnings = 0;
  list->nomem = 0;
}

void ow_diag_list_add(void *user, const ow_err *diag)
{
  ow_diag_list *list = user;
  if (list == NULL || diag == NULL)
    return;
  list->total++;
  if (diag->code < 0)
    list->errors++;
  else if (diag->code > 0)
    list->warnings++;
  if (list->n >= list->max_keep)
    return;
  if (list->items == NULL) {
    /* Room for the whole cap at once: it is small by design. */
    size_t want = list->max_keep < 64 ? list->max_keep : 64;
    list->items = malloc(want * sizeof *list->items);
    if (list->items == NULL) {
      list->nomem = 1;
      return;
    }
  } else if (list->n >= 64 && (list->n & (list->n - 1)) == 0) {
    /* Past 64 entries, double at each power of two (n = 64, 128, ...). */
    size_t want = list->n * 2 > list->max_keep ? list->max_keep : list->n * 2;
    ow_err *p = realloc(list->items, want * sizeof *p);
    if (p == NULL) {
      list->nomem = 1;
      return;
    }
    list->items = p;
  }
  list->items[list->n++] = *diag;
}

size_t ow_diag_list_dropped(const ow_diag_list *list)
{
  return list == NULL ? 0 : list->total - list->n;
}
