/*
** xml.c - the XML layer (xml_int.h): ow__xml_parse over libxml2's DOM
** parser with a refusing DOCTYPE handler and a first-error recorder, and
** element-only accessors for the format readers.
*/
#include "xml_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ow__xml_doc {
  xmlDoc *doc;
};

/* What the callbacks record while libxml2 parses (ctxt->_private). */
typedef struct parse_state {
  int have_error;
  long error_line;
  char error_msg[200];
  int doctype;
  long doctype_line;
} parse_state;

static void first_error(void *ctx, xmlErrorPtr e)
{
  /* ctx is the parser context (the DOM parser's user data is itself). */
  xmlParserCtxtPtr ctxt = ctx;
  parse_state *s = ctxt != NULL ? ctxt->_private : NULL;
  size_t k;
  if (s == NULL || s->have_error || e == NULL || e->level < XML_ERR_ERROR)
    return;
  s->have_error = 1;
  s->error_line = e->line;
  snprintf(s->error_msg, sizeof s->error_msg, "%s",
           e->message ? e->message : "not well-formed");
  k = strlen(s->error_msg);
  while (k > 0 && (s->error_msg[k - 1] == '\n' || s->error_msg[k - 1] == ' '))
    s->error_msg[--k] = '\0';
}

/* <!DOCTYPE ...>: stop at once, before any declaration inside it. */
static void refuse_doctype(void *ctx, const xmlChar *name,
                           const xmlChar *external_id,
                           const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  parse_state *s = ctxt->_private;
  (void)name;
  (void)external_id;
  (void)system_id;
  if (s != NULL && !s->doctype) {
    s->doctype = 1;
    s->doctype_line = ctxt->input != NULL ? ctxt->input->line : 0;
  }
  xmlStopParser(ctxt);
}

int ow__xml_parse(const char *buf, size_t len, ow__xml_doc **out,
                  ow_err *err)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  parse_state s;
  ow__xml_doc *d;

  *out = NULL;
  memset(&s, 0, sizeof s);
  if (len > (size_t)INT_MAX)
    return ow_err_set(err, OW_E_TOO_BIG, "", "XML input larger than 2 GiB");
  ctxt = xmlNewParserCtxt();
  if (ctxt == NULL || ctxt->sax == NULL) {
    xmlFreeParserCtxt(ctxt);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory parsing XML");
  }
  ctxt->_private = &s;
  ctxt->sax->serror = first_error;
  ctxt->sax->internalSubset = refuse_doctype;
  /* No NOENT (entities are never substituted), no DTDLOAD, no XINCLUDE;
     BIG_LINES keeps line numbers past 65535. */
  doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (s.doctype) {
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    ow_err_set(err, OW_E_UNSUPPORTED, "",
               "XML with a DTD (<!DOCTYPE>) is not accepted");
    if (err)
      err->line = s.doctype_line;
    return OW_E_UNSUPPORTED;
  }
  if (doc == NULL || !ctxt->wellFormed) {
    const xmlError *xe = &ctxt->lastError;
    long line = s.have_error ? s.error_line : xe->line;
    int nomem = xe->code == XML_ERR_NO_MEMORY;
    xmlFreeDoc(doc);
    if (nomem)
      ow_err_set(err, OW_E_NOMEM, "", "out of memory parsing XML");
    else
      ow_err_set(err, OW_E_PARSE, "", "malformed XML: %s",
                 s.have_error ? s.error_msg
                              : (xe->message ? xe->message : "unreadable"));
    if (err)
      err->line = line;
    xmlFreeParserCtxt(ctxt);
    return nomem ? OW_E_NOMEM : OW_E_PARSE;
  }
  xmlFreeParserCtxt(ctxt);
  d = malloc(sizeof *d);
  if (d == NULL) {
    xmlFreeDoc(doc);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory parsing XML");
  }
  d->doc = doc;
  *out = d;
  return OW_OK;
}

void ow__xml_free(ow__xml_doc *doc)
{
  if (doc == NULL)
    return;
  xmlFreeDoc(doc->doc);
  free(doc);
}

static const ow__xml_node *element_from(const xmlNode *n)
{
  while (n != NULL && n->type != XML_ELEMENT_NODE)
    n = n->next;
  return n;
}

const ow__xml_node *ow__xml_root(const ow__xml_doc *doc)
{
  return doc != NULL ? xmlDocGetRootElement(doc->doc) : NULL;
}

const ow__xml_node *ow__xml_child(const ow__xml_node *n)
{
  return element_from(n->children);
}

const ow__xml_node *ow__xml_next(const ow__xml_node *n)
{
  return element_from(n->next);
}

const char *ow__xml_name(const ow__xml_node *n)
{
  return n->name != NULL ? (const char *)n->name : "";
}

int ow__xml_is(const ow__xml_node *n, const char *name)
{
  return strcmp(ow__xml_name(n), name) == 0;
}

long ow__xml_line(const ow__xml_node *n)
{
  long l = xmlGetLineNo(n);
  return l > 0 ? l : 0;
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy s[0..n) trimmed into buf[0..cap); the length or -1 if cut. */
static long put_trimmed(const char *s, size_t n, char *buf, size_t cap)
{
  while (n > 0 && is_space(*s)) {
    s++;
    n--;
  }
  while (n > 0 && is_space(s[n - 1]))
    n--;
  if (cap == 0)
    return -1;
  if (n >= cap) {
    memcpy(buf, s, cap - 1);
    buf[cap - 1] = '\0';
    return -1;
  }
  memcpy(buf, s, n);
  buf[n] = '\0';
  return (long)n;
}

long ow__xml_text(const ow__xml_node *n, char *buf, size_t cap)
{
  /* Join the text children first (an element's text is usually one
     node), then trim the whole. */
  const xmlNode *c;
  size_t total = 0, k = 0;
  const char *only = NULL;
  int parts = 0;
  char *tmp;
  long r;
  for (c = n->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
        c->content != NULL) {
      total += strlen((const char *)c->content);
      only = (const char *)c->content;
      parts++;
    }
  if (parts <= 1)
    return put_trimmed(only ? only : "", only ? strlen(only) : 0, buf, cap);
  tmp = malloc(total + 1);
  if (tmp == NULL) {
    if (cap > 0)
      buf[0] = '\0';
    return -1;
  }
  for (c = n->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
        c->content != NULL) {
      size_t l = strlen((const char *)c->content);
      memcpy(tmp + k, c->content, l);
      k += l;
    }
  r = put_trimmed(tmp, k, buf, cap);
  free(tmp);
  return r;
}

int ow__xml_attr(const ow__xml_node *n, const char *name, char *buf,
                 size_t cap)
{
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  long r;
  if (v == NULL) {
    if (cap > 0)
      buf[0] = '\0';
    return 0;
  }
  r = put_trimmed((const char *)v, strlen((const char *)v), buf, cap);
  xmlFree(v);
  return r < 0 ? -1 : 1;
}
