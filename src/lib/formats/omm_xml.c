/*
** omm_xml.c - OMM in XML (CCSDS 505.0, NDM/XML): an <ndm> of <omm>
** elements or one <omm>, each with header, metadata, meanElements and
** tleParameters. Every leaf element inside an <omm> whose name is an OMM
** keyword is read, wherever it sits, so the namespaced and unqualified
** schema variants both work.
**
** Parsing is the XML layer's (xml_int.h): no network, any DOCTYPE refused
** (no entity expansion at all), the first error reported at its line.
*/
#include "omm_int.h"
#include "orbwatch/elset.h"
#include "xml_int.h"

#include <stdio.h>
#include <string.h>

/* Longest element text read (OBJECT_NAME is at most 80 bytes). */
#define TEXT_MAX 512

typedef struct xml_walk {
  ow_catalog *cat;
  const char *source;
  ow_diag_fn diag;
  void *user;
  ow_load_stats *st;
  size_t found;
  int nomem;
} xml_walk;

/* Structure elements of the NDM/XML OMM schema (not keywords). */
static int is_structure(const char *name)
{
  static const char *const S[] = {
      "ndm",      "omm",           "header",          "body",
      "segment",  "metadata",      "data",            "meanElements",
      "tleParameters", "spacecraftParameters", "covarianceMatrix",
      "userDefinedParameters", "USER_DEFINED"};
  for (size_t i = 0; i < sizeof S / sizeof *S; i++)
    if (strcmp(S[i], name) == 0)
      return 1;
  return 0;
}

/* Read the leaves under n into rec; the first problem stops it. */
static int read_leaves(const ow__xml_node *n, ow__omm_rec *rec, ow_err *err,
                       long *line, xml_walk *w)
{
  for (const ow__xml_node *c = ow__xml_child(n); c != NULL;
       c = ow__xml_next(c)) {
    int rc, id;
    long tn;
    char text[TEXT_MAX], unit[64];
    const char *name = ow__xml_name(c);
    if (ow__xml_child(c) != NULL) {
      if ((rc = read_leaves(c, rec, err, line, w)) != OW_OK)
        return rc;
      continue;
    }
    id = ow__omm_key(name, strlen(name));
    if (id < 0) {
      if (!ow__omm_known(name, strlen(name)) && !is_structure(name)) {
        ow_err warn;
        char q[80];
        ow_err_clear(&warn);
        ow__quote_text(name, strlen(name), q, sizeof q);
        ow_err_set(&warn, OW_W_LENIENT, q,
                   "unknown element <%s> ignored (not in 502.0-B-3)", q);
        ow__report(w->diag, w->user, &warn, w->source, ow__xml_line(c),
                   w->st);
      }
      continue;
    }
    if (ow__xml_attr(c, "units", unit, sizeof unit) != 0 &&
        (rc = ow__omm_unit_check(name, strlen(name), unit, strlen(unit),
                                 err)) != OW_OK) {
      *line = ow__xml_line(c);
      return rc;
    }
    tn = ow__xml_text(c, text, sizeof text);
    if (tn < 0) {
      *line = ow__xml_line(c);
      return ow_err_set(err, OW_E_PARSE, ow__omm_key_name(id),
                        "%s is longer than %d bytes", ow__omm_key_name(id),
                        TEXT_MAX - 1);
    }
    rc = ow__omm_set(rec, id, text, (size_t)tn, err);
    if (rc != OW_OK) {
      *line = ow__xml_line(c);
      return rc;
    }
  }
  return OW_OK;
}

static void walk(const ow__xml_node *n, xml_walk *w)
{
  for (; n != NULL && !w->nomem; n = ow__xml_next(n)) {
    if (ow__xml_is(n, "omm")) {
      ow__omm_rec rec;
      ow_err err;
      ow_elset *slot = ow__catalog_slot(w->cat);
      long line = ow__xml_line(n);
      w->found++;
      if (slot == NULL) {
        w->nomem = 1;
        return;
      }
      ow__omm_begin(&rec);
      rec.ccsds = 1;
      ow_err_clear(&err);
      if (read_leaves(n, &rec, &err, &line, w) != OW_OK ||
          ow__omm_finish(&rec, slot, &err) != OW_OK) {
        ow__report(w->diag, w->user, &err, w->source, line, w->st);
        continue;
      }
      w->cat->n++;
      w->st->loaded++;
    } else {
      walk(ow__xml_child(n), w);
    }
  }
}

int ow__omm_xml_read(ow_catalog *cat, const char *buf, size_t len,
                     const char *source, ow_diag_fn diag, void *user,
                     ow_load_stats *st)
{
  ow__xml_doc *doc;
  xml_walk w = {cat, source, diag, user, st, 0, 0};
  ow_err err;
  int rc;

  ow_err_clear(&err);
  rc = ow__xml_parse(buf, len, &doc, &err);
  if (rc == OW_E_NOMEM)
    return rc;
  if (rc != OW_OK) {
    ow__report(diag, user, &err, source, err.line, st);
    return OW_OK;
  }
  walk(ow__xml_root(doc), &w);
  ow__xml_free(doc);
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

int ow__omm_xml_write(const ow_elset *es, size_t n, const char *created,
                      ow__buf *b, ow_diag_fn diag, void *user)
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
  int result = OW_OK;
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
