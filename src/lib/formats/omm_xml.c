/*
** omm_xml.c - OMM in XML (CCSDS 505.0, NDM/XML): an <ndm> of <omm>
** elements or one <omm>, each with header, metadata, meanElements and
** tleParameters. Every leaf element inside an <omm> whose name is an OMM
** keyword is read, wherever it sits, so the namespaced and unqualified
** schema variants both work.
**
** Parsing is libxml2's, with network access off, no entity substitution,
** and documents with a DTD refused (no entity expansion at all); libxml2
** prints nothing, its error comes back as the diagnostic.
*/
#include "elset_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

static int name_is(const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

static int has_element_child(const xmlNode *n)
{
  for (const xmlNode *c = n->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return 1;
  return 0;
}

/* Read the leaves under n into rec; the first problem stops it. */
static int read_leaves(const xmlNode *n, ow__omm_rec *rec, ow_err *err,
                       long *line)
{
  for (const xmlNode *c = n->children; c != NULL; c = c->next) {
    int rc, id;
    xmlChar *text;
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (has_element_child(c)) {
      if ((rc = read_leaves(c, rec, err, line)) != OW_OK)
        return rc;
      continue;
    }
    id = ow__omm_key((const char *)c->name, strlen((const char *)c->name));
    if (id < 0)
      continue;
    text = xmlNodeGetContent(c);
    rc = ow__omm_set(rec, id, text ? (const char *)text : "",
                     text ? strlen((const char *)text) : 0, err);
    xmlFree(text);
    if (rc != OW_OK) {
      *line = xmlGetLineNo(c);
      return rc;
    }
  }
  return OW_OK;
}

typedef struct xml_walk {
  ow_catalog *cat;
  const char *source;
  ow_diag_fn diag;
  void *user;
  ow_load_stats *st;
  size_t found;
  int nomem;
} xml_walk;

static void walk(const xmlNode *n, xml_walk *w)
{
  for (; n != NULL && !w->nomem; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (name_is(n, "omm")) {
      ow__omm_rec rec;
      ow_err err;
      ow_elset *slot = ow__catalog_slot(w->cat);
      long line = xmlGetLineNo(n);
      w->found++;
      if (slot == NULL) {
        w->nomem = 1;
        return;
      }
      ow__omm_begin(&rec);
      ow_err_clear(&err);
      if (read_leaves(n, &rec, &err, &line) != OW_OK ||
          ow__omm_finish(&rec, slot, &err) != OW_OK) {
        ow__report(w->diag, w->user, &err, w->source, line, w->st);
        continue;
      }
      w->cat->n++;
      w->st->loaded++;
    } else {
      walk(n->children, w);
    }
  }
}

int ow__omm_xml_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xml_walk w = {cat, source, diag, user, st, 0, 0};
  ow_err err;

  ow_err_clear(&err);
  if (len > (size_t)0x7fffffff) {
    ow_err_set(&err, OW_E_PARSE, "", "XML input larger than 2 GiB");
    ow__report(diag, user, &err, source, 0, st);
    return OW_OK;
  }
  ctxt = xmlNewParserCtxt();
  if (ctxt == NULL)
    return OW_E_NOMEM;
  doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
  if (doc == NULL) {
    const xmlError *xe = xmlCtxtGetLastError(ctxt);
    char msg[200];
    size_t k;
    snprintf(msg, sizeof msg, "%s",
             xe && xe->message ? xe->message : "unreadable");
    k = strlen(msg);
    while (k > 0 && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
      msg[--k] = '\0';
    ow_err_set(&err, OW_E_PARSE, "", "malformed XML: %s", msg);
    ow__report(diag, user, &err, source, xe ? xe->line : 0, st);
    xmlFreeParserCtxt(ctxt);
    return OW_OK;
  }
  if (doc->intSubset != NULL || doc->extSubset != NULL) {
    ow_err_set(&err, OW_E_UNSUPPORTED, "",
               "XML with a DTD (<!DOCTYPE>) is not accepted");
    ow__report(diag, user, &err, source, 1, st);
  } else {
    walk(xmlDocGetRootElement(doc), &w);
  }
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
  if (w.nomem)
    return OW_E_NOMEM;
  return w.found == 0 && st->rejected == 0 ? OW_E_EMPTY : OW_OK;
}

static void element(ow__buf *b, const char *indent, int key,
                    const ow__omm_text *t)
{
  const char *name = ow__omm_key_name(key);
  ow__buf_printf(b, "%s<%s>", indent, name);
  ow__buf_xml_text(b, t->v[key]);
  ow__buf_printf(b, "</%s>\n", name);
}

int ow__omm_xml_write(const ow_elset *es, size_t n, ow__buf *b,
                      ow_diag_fn diag, void *user)
{
  static const int META[] = {OW__K_OBJECT_NAME, OW__K_OBJECT_ID,
                             OW__K_CENTER_NAME, OW__K_REF_FRAME,
                             OW__K_TIME_SYSTEM, OW__K_MEAN_ELEMENT_THEORY};
  static const int MEAN[] = {OW__K_EPOCH,         OW__K_MEAN_MOTION,
                             OW__K_ECCENTRICITY,  OW__K_INCLINATION,
                             OW__K_RA_OF_ASC_NODE, OW__K_ARG_OF_PERICENTER,
                             OW__K_MEAN_ANOMALY};
  static const int TLEP[] = {OW__K_EPHEMERIS_TYPE, OW__K_CLASSIFICATION_TYPE,
                             OW__K_NORAD_CAT_ID,   OW__K_ELEMENT_SET_NO,
                             OW__K_REV_AT_EPOCH,   OW__K_BSTAR,
                             OW__K_MEAN_MOTION_DOT, OW__K_MEAN_MOTION_DDOT};
  char created[32];
  int result = OW_OK;
  ow__creation_date(created, sizeof created);
  ow__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<ndm xmlns:xsi=\"http://www.w3.org/2001/"
                  "XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\""
                  "https://sanaregistry.org/r/ndmxml_unqualified/"
                  "ndmxml-3.0.0-master-3.0.xsd\">\n");
  for (size_t i = 0; i < n; i++) {
    ow__omm_text t;
    ow_err err;
    ow_err_clear(&err);
    if (ow__omm_values(&es[i], &t, &err) != OW_OK) {
      ow__write_report(diag, user, &err, i);
      result = err.code;
      continue;
    }
    ow__buf_printf(b, " <omm id=\"CCSDS_OMM_VERS\" version=\"3.0\">\n"
                      "  <header>\n"
                      "   <CREATION_DATE>%s</CREATION_DATE>\n"
                      "   <ORIGINATOR>ORBWATCH</ORIGINATOR>\n"
                      "  </header>\n"
                      "  <body>\n   <segment>\n    <metadata>\n",
                   created);
    for (size_t j = 0; j < sizeof META / sizeof *META; j++)
      element(b, "     ", META[j], &t);
    ow__buf_puts(b, "    </metadata>\n    <data>\n     <meanElements>\n");
    for (size_t j = 0; j < sizeof MEAN / sizeof *MEAN; j++)
      element(b, "      ", MEAN[j], &t);
    ow__buf_puts(b, "     </meanElements>\n     <tleParameters>\n");
    for (size_t j = 0; j < sizeof TLEP / sizeof *TLEP; j++)
      element(b, "      ", TLEP[j], &t);
    ow__buf_puts(b, "     </tleParameters>\n    </data>\n   </segment>\n"
                    "  </body>\n </omm>\n");
  }
  ow__buf_puts(b, "</ndm>\n");
  return result;
}
