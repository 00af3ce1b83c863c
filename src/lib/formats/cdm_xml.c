/*
** cdm_xml.c - CDM in XML (508.0-B-1 section 4, SANA ndmxml schema):
** ow_cdm_read_xml (libxml2 DOM, no network, no DTD loading) and
** ow_cdm_write_xml. Every leaf element is a keyword handed to the shared
** logic in cdm.c, with its `units` attribute and its line number; the
** container elements only give structure.
*/
#include "cdm_priv.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const containers[] = {
    "header",     "body",     "relativeMetadataData", "relativeStateVector",
    "segment",    "metadata", "data",                 "odParameters",
    "additionalParameters", "stateVector", "covarianceMatrix"};

static int is_container(const char *name)
{
  for (size_t i = 0; i < sizeof containers / sizeof containers[0]; i++)
    if (!strcmp(name, containers[i]))
      return 1;
  return 0;
}

static void trim_copy(char *dst, size_t n, const char *s)
{
  while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
    s++;
  snprintf(dst, n, "%s", s);
  size_t l = strlen(dst);
  while (l > 0 && (dst[l - 1] == ' ' || dst[l - 1] == '\n' ||
                   dst[l - 1] == '\r' || dst[l - 1] == '\t'))
    dst[--l] = '\0';
}

static int walk(ow__cdm_ctx *c, xmlNode *parent, int depth)
{
  if (depth > 8)
    return ow__cdm_error(c, OW_E_PARSE, xmlGetLineNo(parent), "",
                         "elements nested too deeply");
  for (xmlNode *n = parent->children; n != NULL; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    const char *name = (const char *)n->name;
    long line = xmlGetLineNo(n);
    int st;
    if (is_container(name)) {
      st = walk(c, n, depth + 1);
      if (st < 0)
        return st;
      continue;
    }
    int nested = 0;
    for (xmlNode *k = n->children; k != NULL; k = k->next)
      if (k->type == XML_ELEMENT_NODE)
        nested = 1;
    if (nested) { /* e.g. CDM v2 <userDefinedParameters>: skipped */
      st = ow__cdm_violation(c, line, name, "unknown element <%s> skipped",
                             name);
      if (st < 0)
        return st;
      continue;
    }
    xmlChar *content = xmlNodeGetContent(n);
    xmlChar *units = xmlGetProp(n, (const xmlChar *)"units");
    char value[OW_CDM_COMMENTS], unit[64];
    trim_copy(value, sizeof value, content ? (const char *)content : "");
    trim_copy(unit, sizeof unit, units ? (const char *)units : "");
    xmlFree(content);
    xmlFree(units);
    st = ow__cdm_kv(c, line, name, value, unit[0] ? unit : NULL);
    if (st < 0)
      return st;
  }
  return OW_OK;
}

int ow_cdm_read_xml(const char *buf, size_t len, const char *source,
                    ow_cdm_mode mode, ow_cdm *cdm, ow_cdm_warnings *warn,
                    ow_err *err)
{
  ow__cdm_ctx c;
  int st;
  ow__cdm_ctx_init(&c, cdm, source, mode, warn, err);
  c.xml = 1;
  ow_err_clear(err);
  if (len > (size_t)0x7fffffff)
    return ow__cdm_error(&c, OW_E_TOO_BIG, 0, "", "XML buffer too large");
  xmlDoc *doc = xmlReadMemory(buf, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOENT * 0);
  if (doc == NULL) {
    const xmlError *xe = xmlGetLastError();
    return ow__cdm_error(&c, OW_E_PARSE, xe ? xe->line : 0, "",
                         "malformed XML: %s",
                         xe && xe->message ? xe->message : "unknown error");
  }
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root == NULL || strcmp((const char *)root->name, "cdm") != 0) {
    st = ow__cdm_error(&c, OW_E_PARSE, root ? xmlGetLineNo(root) : 0, "",
                       "root element is not <cdm>");
    xmlFreeDoc(doc);
    return st;
  }
  xmlChar *ver = xmlGetProp(root, (const xmlChar *)"version");
  xmlChar *id = xmlGetProp(root, (const xmlChar *)"id");
  st = OW_OK;
  if (id == NULL || strcmp((const char *)id, "CCSDS_CDM_VERS") != 0)
    st = ow__cdm_violation(&c, xmlGetLineNo(root), "id",
                           "<cdm> id is not CCSDS_CDM_VERS");
  if (st == OW_OK)
    st = ow__cdm_kv(&c, xmlGetLineNo(root), "CCSDS_CDM_VERS",
                    ver ? (const char *)ver : "", NULL);
  xmlFree(ver);
  xmlFree(id);
  if (st >= 0)
    st = walk(&c, root, 0);
  long last = xmlGetLineNo(root);
  xmlFreeDoc(doc);
  if (st < 0)
    return st;
  return ow__cdm_finish(&c, last);
}

/* ---- writer -------------------------------------------------------------- */

static void put_comments(ow__buf *b, const char *text, const char *indent)
{
  const char *p = text;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    char line[OW_CDM_COMMENTS];
    snprintf(line, sizeof line, "%.*s", (int)n, p);
    ow__buf_printf(b, "%s<COMMENT>", indent);
    ow__buf_xml_text(b, line);
    ow__buf_puts(b, "</COMMENT>\n");
    p += n;
    if (*p == '\n')
      p++;
  }
}

static void put_field(ow__buf *b, const void *base, const ow__cdm_field *f,
                      const char *indent)
{
  char v[OW_CDM_TEXT];
  if (!ow__cdm_value_text(base, f, v, sizeof v))
    return;
  ow__buf_printf(b, "%s<%s", indent, f->key);
  if (f->unit)
    ow__buf_printf(b, " units=\"%s\"", f->unit);
  ow__buf_puts(b, ">");
  ow__buf_xml_text(b, v);
  ow__buf_printf(b, "</%s>\n", f->key);
}

static int is_relstate(const char *key)
{
  return !strncmp(key, "RELATIVE_POSITION_", 18) ||
         !strncmp(key, "RELATIVE_VELOCITY_", 18);
}

int ow_cdm_write_xml(const ow_cdm *cdm, char **out, size_t *len, ow_err *err)
{
  static const char *const sect_tag[] = {NULL, NULL, NULL, "odParameters",
                                         "additionalParameters",
                                         "stateVector", "covarianceMatrix"};
  ow__buf b = {NULL, 0, 0, 0};
  *out = NULL;
  if (len)
    *len = 0;
  int st = ow__cdm_check_complete(cdm, err);
  if (st)
    return st;
  ow__buf_puts(&b,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<cdm xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
               "     xsi:noNamespaceSchemaLocation=\"http://sanaregistry.org/"
               "r/ndmxml/ndmxml-1.0-master.xsd\"\n"
               "     id=\"CCSDS_CDM_VERS\" version=\"1.0\">\n<header>\n");
  put_comments(&b, cdm->comment_header, "  ");
  int n0 = ow__cdm_nfields(0), n1 = ow__cdm_nfields(1);
  int i = 1;
  for (; i < n0 && ow__cdm_field_at(0, i)->sect == OW__CDM_S_HEADER; i++)
    put_field(&b, cdm, ow__cdm_field_at(0, i), "  ");
  ow__buf_puts(&b, "</header>\n<body>\n<relativeMetadataData>\n");
  put_comments(&b, cdm->comment_relative, "  ");
  /* An empty <relativeStateVector> is not allowed: skip it when no
  ** relative state value is present. */
  int in_rsv = 2;
  char tmp[OW_CDM_TEXT];
  for (int j = i; j < n0; j++)
    if (is_relstate(ow__cdm_field_at(0, j)->key) &&
        ow__cdm_value_text(cdm, ow__cdm_field_at(0, j), tmp, sizeof tmp))
      in_rsv = 0;
  for (; i < n0; i++) {
    const ow__cdm_field *f = ow__cdm_field_at(0, i);
    if (is_relstate(f->key) && !in_rsv) {
      ow__buf_puts(&b, "  <relativeStateVector>\n");
      in_rsv = 1;
    } else if (!is_relstate(f->key) && in_rsv == 1) {
      ow__buf_puts(&b, "  </relativeStateVector>\n");
      in_rsv = 2;
    }
    put_field(&b, cdm, f, in_rsv == 1 ? "    " : "  ");
  }
  ow__buf_puts(&b, "</relativeMetadataData>\n");
  for (int k = 0; k < 2; k++) {
    const ow_cdm_object *o = &cdm->obj[k];
    ow__buf_puts(&b, "<segment>\n<metadata>\n");
    put_comments(&b, o->comment_meta, "  ");
    ow__buf_printf(&b, "  <OBJECT>OBJECT%d</OBJECT>\n", k + 1);
    int sect = OW__CDM_S_META;
    for (int j = 1; j < n1; j++) {
      const ow__cdm_field *f = ow__cdm_field_at(1, j);
      int r, cc;
      if (ow__cdm_cov_rc(j, &r, &cc) == 0 && r >= o->cov_dim)
        continue;
      if (f->sect != sect) {
        if (sect == OW__CDM_S_META) {
          ow__buf_puts(&b, "</metadata>\n<data>\n");
          put_comments(&b, o->comment_data, "  ");
        } else {
          ow__buf_printf(&b, "  </%s>\n", sect_tag[sect]);
        }
        sect = f->sect;
        ow__buf_printf(&b, "  <%s>\n", sect_tag[sect]);
      }
      put_field(&b, o, f, "    ");
    }
    ow__buf_printf(&b, "  </%s>\n</data>\n</segment>\n", sect_tag[sect]);
  }
  ow__buf_puts(&b, "</body>\n</cdm>\n");
  if (b.failed) {
    free(b.p);
    return ow_err_set(err, OW_E_NOMEM, "", "out of memory writing XML");
  }
  *out = b.p;
  if (len)
    *len = b.n;
  return OW_OK;
}
