/*
** status.c - ow_strerror, ow_status_name, the ow_err helpers and the
** quoting of bad text in diagnostics.
** The table is generated from OW_STATUS_LIST in common.h.
*/
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *ow_strerror(int status)
{
  switch (status) {
#define CASE_TEXT(name, value, text) \
  case value:                        \
    return text;
    OW_STATUS_LIST(CASE_TEXT)
#undef CASE_TEXT
  }
  return "unknown status";
}

const char *ow_status_name(int status)
{
  switch (status) {
#define CASE_NAME(name, value, text) \
  case value:                        \
    return #name;
    OW_STATUS_LIST(CASE_NAME)
#undef CASE_NAME
  }
  return "UNKNOWN";
}

void ow_err_clear(ow_err *err)
{
  if (err == NULL)
    return;
  memset(err, 0, sizeof *err);
}

int ow_err_set(ow_err *err, int code, const char *field, const char *fmt, ...)
{
  if (err == NULL)
    return code;
  err->code = code;
  snprintf(err->field, sizeof err->field, "%s", field ? field : "");
  if (fmt != NULL) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  } else {
    snprintf(err->msg, sizeof err->msg, "%s", ow_strerror(code));
  }
  return code;
}

char *ow_err_format(const ow_err *err, char *buf, size_t n)
{
  size_t used = 0;
  if (n == 0)
    return buf;
  buf[0] = '\0';
  if (err == NULL)
    return buf;
#define APPEND(...)                                               \
  do {                                                            \
    if (used < n) {                                               \
      int k = snprintf(buf + used, n - used, __VA_ARGS__);        \
      if (k > 0)                                                  \
        used += (size_t)k;                                        \
    }                                                             \
  } while (0)
  if (err->source[0] != '\0') {
    if (err->line > 0)
      APPEND("%s:%ld: ", err->source, err->line);
    else
      APPEND("%s: ", err->source);
  } else if (err->line > 0) {
    APPEND("line %ld: ", err->line);
  }
  if (err->field[0] != '\0')
    APPEND("%s: ", err->field);
  APPEND("%s", err->msg[0] != '\0' ? err->msg : ow_strerror(err->code));
#undef APPEND
  return buf;
}

void ow__quote_text(const char *s, size_t n, char *out, size_t outsz)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t o = 0;
  if (outsz == 0)
    return;
  for (size_t i = 0; i < n && o + 5 < outsz; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out[o++] = (char)c;
    } else {
      out[o++] = '\\';
      out[o++] = 'x';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    }
  }
  out[o] = '\0';
}
