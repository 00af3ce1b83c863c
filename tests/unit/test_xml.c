/*
** test_xml.c - the XML layer (src/lib/xml.c): DOCTYPE refused at its line
** (with a "billion laughs" document), the first error reported at its
** line, line numbers past 65535, text joined and trimmed, attributes,
** predefined entities and character references read, undeclared ones
** refused.
*/
#include "check.h"
#include "xml_int.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *s, ow__xml_doc **d, ow_err *e)
{
  ow_err_clear(e);
  return ow__xml_parse(s, strlen(s), d, e);
}

static void test_tree(void)
{
  static const char doc[] =
      "<?xml version=\"1.0\"?>\n"
      "<ndm xmlns:x=\"urn:x\">\n"
      "  <!-- a comment -->\n"
      "  <x:omm id=\" A \" x:units=\"km\">\n"
      "    <V>  1<!-- c --><![CDATA[2]]>3 &amp; &#65;&lt;  </V>\n"
      "    <E/>\n"
      "  </x:omm>\n"
      "  <b/>\n"
      "</ndm>\n";
  ow__xml_doc *d;
  ow_err e;
  char buf[64];
  CHECK_EQ_INT(parse(doc, &d, &e), OW_OK);
  if (d == NULL)
    return;
  const ow__xml_node *root = ow__xml_root(d), *omm, *v, *el;
  CHECK(ow__xml_is(root, "ndm"));
  CHECK_EQ_INT(ow__xml_line(root), 2);
  omm = ow__xml_child(root);
  CHECK(omm != NULL && ow__xml_is(omm, "omm")); /* prefix dropped */
  CHECK_EQ_INT(ow__xml_line(omm), 4);
  CHECK_EQ_INT(ow__xml_attr(omm, "id", buf, sizeof buf), 1);
  CHECK_STR(buf, "A");
  CHECK_EQ_INT(ow__xml_attr(omm, "units", buf, sizeof buf), 1);
  CHECK_STR(buf, "km");
  CHECK_EQ_INT(ow__xml_attr(omm, "none", buf, sizeof buf), 0);
  CHECK_STR(buf, "");
  CHECK_EQ_INT(ow__xml_attr(omm, "id", buf, 1), -1);
  v = ow__xml_child(omm);
  CHECK(ow__xml_is(v, "V"));
  CHECK_EQ_INT(ow__xml_text(v, buf, sizeof buf), 8);
  CHECK_STR(buf, "123 & A<");
  CHECK_EQ_INT(ow__xml_text(v, buf, 4), -1);
  CHECK_STR(buf, "123");
  CHECK(ow__xml_child(v) == NULL);
  el = ow__xml_next(v);
  CHECK(ow__xml_is(el, "E"));
  CHECK_EQ_INT(ow__xml_text(el, buf, sizeof buf), 0);
  CHECK(ow__xml_next(el) == NULL);
  CHECK(ow__xml_is(ow__xml_next(omm), "b"));
  CHECK(ow__xml_next(ow__xml_next(omm)) == NULL);
  ow__xml_free(d);
  ow__xml_free(NULL);
}

static void test_doctype(void)
{
  char doc[4096];
  size_t k;
  ow__xml_doc *d = (ow__xml_doc *)1;
  ow_err e;
  /* Ten levels of ten: 10^9 "lol"s if anything expanded them. */
  k = (size_t)snprintf(doc, sizeof doc, "<?xml version=\"1.0\"?>\n"
                       "<!DOCTYPE r [\n<!ENTITY l0 \"lol\">\n");
  for (int i = 1; i <= 10; i++) {
    k += (size_t)snprintf(doc + k, sizeof doc - k, "<!ENTITY l%d \"", i);
    for (int j = 0; j < 10; j++)
      k += (size_t)snprintf(doc + k, sizeof doc - k, "&l%d;", i - 1);
    k += (size_t)snprintf(doc + k, sizeof doc - k, "\">\n");
  }
  snprintf(doc + k, sizeof doc - k, "]>\n<r>&l10;</r>\n");
  CHECK_EQ_INT(parse(doc, &d, &e), OW_E_UNSUPPORTED);
  CHECK(d == NULL);
  CHECK_EQ_INT(e.line, 2);
  CHECK(strstr(e.msg, "DOCTYPE") != NULL);
  /* An external one (never fetched) and an empty one are refused too. */
  CHECK_EQ_INT(parse("<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>", &d,
                     &e),
               OW_E_UNSUPPORTED);
  CHECK_EQ_INT(parse("<?xml version=\"1.0\"?>\n\n<!DOCTYPE r><r/>", &d, &e),
               OW_E_UNSUPPORTED);
  CHECK_EQ_INT(e.line, 3);
  /* An entity never declared is an error, at its line. */
  CHECK_EQ_INT(parse("<r>\n<a>&x;</a>\n</r>", &d, &e), OW_E_PARSE);
  CHECK_EQ_INT(e.line, 2);
  CHECK(d == NULL);
}

static void test_errors(void)
{
  ow__xml_doc *d;
  ow_err e;
  char *big;
  size_t n = 70000, k = 0;
  /* The first error, at its line; not "premature end" at the last. */
  CHECK_EQ_INT(parse("<r>\n<a>1</a>\n<b>2</c>\n<d>\n<e>\n", &d, &e),
               OW_E_PARSE);
  CHECK_EQ_INT(e.line, 3);
  CHECK(strstr(e.msg, "malformed XML") != NULL);
  CHECK_EQ_INT(parse("", &d, &e), OW_E_PARSE);
  CHECK_EQ_INT(parse("not xml", &d, &e), OW_E_PARSE);
  CHECK_EQ_INT(e.line, 1);

  /* Lines past 65535 keep their numbers. */
  big = malloc(n + 64);
  CHECK(big != NULL);
  if (big == NULL)
    return;
  k += (size_t)sprintf(big, "<r>");
  for (size_t i = 0; i < n; i++)
    big[k++] = '\n';
  k += (size_t)sprintf(big + k, "<a>1</a><b>2</c></r>");
  CHECK_EQ_INT(ow__xml_parse(big, k, &d, &e), OW_E_PARSE);
  CHECK_EQ_INT(e.line, (long)n + 1);
  memcpy(big + k - 9, "</b></r> ", 9);
  CHECK_EQ_INT(ow__xml_parse(big, k, &d, &e), OW_OK);
  if (d != NULL) {
    CHECK_EQ_INT(ow__xml_line(ow__xml_child(ow__xml_root(d))), (long)n + 1);
    ow__xml_free(d);
  }
  free(big);
}

int main(void)
{
  test_tree();
  test_doctype();
  test_errors();
  return check_done();
}
