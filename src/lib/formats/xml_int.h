/*
** xml_int.h - the one XML layer of the format readers (OMM, CDM, OEM XML):
** a small private module over libxml2. Private (ow__ prefix), never
** installed; the format code includes this header, not libxml2's.
**
** What it guarantees, whatever the input:
**  - no network and no file access (XML_PARSE_NONET, no DTD loading,
**    no XInclude);
**  - no entity expansion: any document type declaration (<!DOCTYPE ...>,
**    where entities are declared) is refused at its line before its
**    content is parsed, so a "billion laughs" document costs nothing;
**    only the five predefined entities and character references are read;
**  - errors at their line: the FIRST error libxml2 raises is reported
**    (with line numbers past 65535 kept), not the last, which for a broken
**    tag is often "premature end of data" at the end of the file;
**  - nothing printed: libxml2's messages come back in the ow_err.
**
** The tree is read through element-only accessors: an element's first
** element child, its next element sibling, its local name (namespace
** prefix dropped), its line, its text (trimmed) and an attribute.
*/
#ifndef ORBWATCH_XML_INT_H
#define ORBWATCH_XML_INT_H

#include "orbwatch/common.h"

#include <stddef.h>

typedef struct ow__xml_doc ow__xml_doc;  /* opaque: a parsed document */
typedef struct _xmlNode ow__xml_node;    /* libxml2's element, read only */

/*
** ow__xml_parse - parse buf[0..len) into a document.
** Returned: out   the document, or NULL on failure. The caller owns it and
**                 frees it with ow__xml_free.
**           err   code, line (of the first error; 0 if unknown), message
**                 ("malformed XML: ..."); field empty. NULL-safe.
** Returns:  OW_OK, OW_E_PARSE (not well-formed XML), OW_E_UNSUPPORTED (a
**           DOCTYPE), OW_E_TOO_BIG (over 2 GiB), OW_E_NOMEM.
*/
int ow__xml_parse(const char *buf, size_t len, ow__xml_doc **out,
                  ow_err *err);

/* Free a document (NULL-safe). */
void ow__xml_free(ow__xml_doc *doc);

/* The root element, or NULL. */
const ow__xml_node *ow__xml_root(const ow__xml_doc *doc);
/* First element child of n, or NULL. */
const ow__xml_node *ow__xml_child(const ow__xml_node *n);
/* Next element sibling of n, or NULL. */
const ow__xml_node *ow__xml_next(const ow__xml_node *n);
/* Local name of n (never NULL). */
const char *ow__xml_name(const ow__xml_node *n);
/* Whether n's local name is name. */
int ow__xml_is(const ow__xml_node *n, const char *name);
/* 1-based line of n's start tag (0 if unknown). */
long ow__xml_line(const ow__xml_node *n);

/*
** ow__xml_text - the text of n (its text and CDATA children joined,
** comments and processing instructions skipped, element children ignored),
** blanks and line ends trimmed, NUL-terminated into buf[0..cap).
** Returns: its length, or -1 when it does not fit (buf then holds the
**          start, cut at cap - 1 bytes).
*/
long ow__xml_text(const ow__xml_node *n, char *buf, size_t cap);

/*
** ow__xml_attr - attribute name of n (any namespace), trimmed, into
** buf[0..cap). Returns 1 when present, 0 when absent (buf empty), -1 when
** it does not fit (cut as above).
*/
int ow__xml_attr(const ow__xml_node *n, const char *name, char *buf,
                 size_t cap);

#endif
