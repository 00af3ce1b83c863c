/*
** catalog.c - the catalog container (ow_catalog_*) and the diagnostics
** helper that the TLE and OMM readers share. Reading and
** writing whole catalogs in any format (ow_catalog_read, ow_catalog_write,
** format detection) is formats/catalog_io.c.
*/
#include "elset_int.h"
#include "orbwatch/elset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the array ---------------------------------------------------------- */

void ow_catalog_init(ow_catalog *cat)
{
  if (cat != NULL)
    memset(cat, 0, sizeof *cat);
}

void ow_catalog_free(ow_catalog *cat)
{
  if (cat == NULL)
    return;
  free(cat->items);
  memset(cat, 0, sizeof *cat);
}

int ow__catalog_reserve(ow_catalog *cat, size_t n)
{
  ow_elset *p;
  if (n <= cat->cap)
    return OW_OK;
  if (n > (size_t)-1 / sizeof *p)
    return OW_E_NOMEM;
  p = realloc(cat->items, n * sizeof *p);
  if (p == NULL)
    return OW_E_NOMEM;
  cat->items = p;
  cat->cap = n;
  return OW_OK;
}

ow_elset *ow__catalog_slot(ow_catalog *cat)
{
  if (cat->n == cat->cap &&
      ow__catalog_reserve(cat, cat->cap < 64 ? 64 : cat->cap * 2) != OW_OK)
    return NULL;
  return &cat->items[cat->n];
}

int ow_catalog_push(ow_catalog *cat, const ow_elset *e)
{
  ow_elset *slot;
  if (cat == NULL || e == NULL)
    return OW_E_ARG;
  slot = ow__catalog_slot(cat);
  if (slot == NULL)
    return OW_E_NOMEM;
  *slot = *e;
  cat->n++;
  return OW_OK;
}

/* ---- diagnostics ---------------------------------------------------------- */

void ow__report(ow_diag_fn diag, void *user, ow_err *err, const char *source,
                long line, ow_load_stats *st)
{
  snprintf(err->source, sizeof err->source, "%s", source ? source : "");
  err->line = line;
  if (st != NULL) {
    if (err->code < 0)
      st->rejected++;
    else
      st->warnings++;
  }
  if (diag != NULL)
    diag(user, err);
}
